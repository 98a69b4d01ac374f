// Every user-visible string has a Korean translation, and the .ts files are up to date with the code:
// lupdate is run on a copy of each .ts file and must find nothing new and nothing unfinished.
#include "adminpages.h"
#include "domain/statustext.h"
#include "itemmodels/auditlogmodel.h"
#include "itemmodels/pagedquerymodel.h"
#include "mainwindow.h"
#include "messagebox.h"
#include "ops/appcontext.h"
#include "ops/demodata.h"
#include "paymentstatuslabel.h"
#include "screenshot.h"
#include "uilanguage.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QApplication>
#include <QDirIterator>
#include <QFile>
#include <QGroupBox>
#include <QHeaderView>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenuBar>
#include <QProcess>
#include <QRegularExpression>
#include <QSettings>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>

class TestTranslations : public QObject
{
    Q_OBJECT
private slots:
    void everyStringIsTranslated_data();
    void everyStringIsTranslated();
    void koreanTranslationLoads();
    void koreanAuditLogShowsNoEnglish();
    void languageSwitchesAtRuntimeAndIsRemembered();
    void koreanGuiTourShowsNoEnglish();
};

namespace {
QStringList translatedSources()
{
    QStringList files;
    for (const char* folder : { "model", "views", "app" }) {
        QDirIterator it(QStringLiteral(CAMPDESK_SOURCE_DIR "/") + QLatin1String(folder),
                        { QStringLiteral("*.cpp"), QStringLiteral("*.h") }, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext())
            files << it.next();
    }
    files.sort();
    return files;
}
// A string a Korean screen must not show: English words and no Korean at all (an untranslated text). Mixed
// text passes: the demo data and people's names are bilingual, and Korean text may name PostgreSQL or a PIN.
bool looksEnglish(QString text)
{
    static const QRegularExpression tags(QStringLiteral("<[^>]*>"));
    static const QRegularExpression entities(QStringLiteral("&[a-z]+;"));
    text.remove(tags).remove(entities);
    static const QRegularExpression hangul(QStringLiteral("[\\x{AC00}-\\x{D7A3}]"));
    if (text.contains(hangul))
        return false;
    static const QStringList allowed {
        QStringLiteral("Campdesk"), QStringLiteral("SQLite"), QStringLiteral("PostgreSQL"), QStringLiteral("CSV"),
        QStringLiteral("PDF"),      QStringLiteral("PIN"),    QStringLiteral("manager"),    QStringLiteral("desk"),
        QStringLiteral("English"),  QStringLiteral("Ctrl"),   QStringLiteral("Shift"),      QStringLiteral("demo"),
        QStringLiteral("KiB"),      QStringLiteral("MiB"),    QStringLiteral("GiB")
    };
    static const QRegularExpression word(QStringLiteral("[A-Za-z]{3,}"));
    for (auto it = word.globalMatch(text); it.hasNext();) {
        const QString w = it.next().captured(0);
        if (!allowed.contains(w, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

// Every text a person sees on a widget and its visible children: labels, buttons, group titles, placeholders,
// tooltips, table headers and the cells that are not free text typed by someone (names, notes).
QStringList visibleTexts(QWidget* root)
{
    QStringList texts;
    auto add = [&texts](QWidget* w, const QString& text) {
        if (!text.trimmed().isEmpty())
            texts << QStringLiteral("%1 [%2]: %3")
                         .arg(QString::fromLatin1(w->metaObject()->className()), w->objectName(), text);
    };
    QList<QWidget*> widgets = root->findChildren<QWidget*>();
    widgets.prepend(root);
    for (QWidget* w : widgets) {
        if (!w->isVisibleTo(root) && w != root)
            continue;
        add(w, w->toolTip());
        if (auto* label = qobject_cast<QLabel*>(w))
            add(w, label->text());
        else if (auto* button = qobject_cast<QAbstractButton*>(w))
            add(w, button->text());
        else if (auto* group = qobject_cast<QGroupBox*>(w))
            add(w, group->title());
        else if (auto* edit = qobject_cast<QLineEdit*>(w))
            add(w, edit->placeholderText());
        if (auto* tabs = qobject_cast<QTabWidget*>(w)) {
            for (int i = 0; i < tabs->count(); ++i)
                add(w, tabs->tabText(i));
        }
        if (auto* view = qobject_cast<QAbstractItemView*>(w)) {
            QAbstractItemModel* model = view->model();
            if (!model)
                continue;
            for (int c = 0; c < model->columnCount(); ++c) {
                add(w, model->headerData(c, Qt::Horizontal).toString());
                add(w, model->headerData(c, Qt::Horizontal, Qt::ToolTipRole).toString());
            }
            for (int r = 0; r < std::min(model->rowCount(), 8); ++r) {
                for (int c = 0; c < model->columnCount(); ++c) {
                    const QModelIndex index = model->index(r, c);
                    const QVariant kind = index.data(campdesk::PagedQueryModel::KindRole);
                    // Free text (names, notes, codes) is data, not the program's words.
                    if (kind.isValid() && kind.toInt() == int(campdesk::CellKind::Text))
                        continue;
                    if (!kind.isValid() && !qobject_cast<QListWidget*>(w))
                        continue; // other models: their headers are checked, their cells hold data
                    add(w, index.data().toString());
                }
            }
        }
    }
    return texts;
}
} // namespace

void TestTranslations::everyStringIsTranslated_data()
{
    QTest::addColumn<QString>("tsName");
    QTest::newRow("Korean") << QStringLiteral("campdesk_ko.ts");
    QTest::newRow("English") << QStringLiteral("campdesk_en.ts");
}

void TestTranslations::everyStringIsTranslated()
{
    QFETCH(QString, tsName);
    QTemporaryDir dir;
    const QString copy = dir.filePath(tsName);
    QVERIFY(QFile::copy(QStringLiteral(CAMPDESK_SOURCE_DIR "/i18n/") + tsName, copy));
    QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner);

    QProcess lupdate;
    QStringList args = translatedSources();
    // Include paths let lupdate resolve qualified calls like CampsiteStatusModel::tr() to their namespace.
    for (const char* folder :
         { "model", "views", "views/admin", "views/dashboard", "views/dialogs", "views/kiosk", "app" })
        args << QStringLiteral("-I") + QStringLiteral(CAMPDESK_SOURCE_DIR "/") + QLatin1String(folder);
    args << QStringLiteral("-no-obsolete") << QStringLiteral("-locations") << QStringLiteral("none")
         << QStringLiteral("-ts") << copy;
    lupdate.start(QStringLiteral(LUPDATE_PATH), args);
    QVERIFY(lupdate.waitForFinished(120000));
    QCOMPARE(lupdate.exitCode(), 0);

    QFile file(copy);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString ts = QString::fromUtf8(file.readAll());
    // Each <message> block: report the ones still unfinished.
    static const QRegularExpression message(QStringLiteral("<message[^>]*>(.*?)</message>"),
                                            QRegularExpression::DotMatchesEverythingOption);
    static const QRegularExpression source(QStringLiteral("<source>(.*?)</source>"),
                                           QRegularExpression::DotMatchesEverythingOption);
    QStringList unfinished;
    int total = 0;
    for (auto it = message.globalMatch(ts); it.hasNext();) {
        const QString block = it.next().captured(1);
        ++total;
        if (block.contains(QLatin1String("type=\"unfinished\"")) || block.contains(QLatin1String("<translation/>"))
            || block.contains(QLatin1String("<translation></translation>")))
            unfinished << source.match(block).captured(1);
    }
    QVERIFY2(total > 0, "lupdate found no strings");
    qInfo("%s: %d strings, %d unfinished", qPrintable(tsName), total, int(unfinished.size()));
    QVERIFY2(unfinished.isEmpty(),
             qPrintable(QStringLiteral("%1 unfinished (run the update_translations target and translate): %2")
                            .arg(unfinished.size())
                            .arg(unfinished.mid(0, 30).join(QStringLiteral(" | ")))));
}

void TestTranslations::koreanTranslationLoads()
{
    QTranslator translator;
    QVERIFY(translator.load(QStringLiteral(":/i18n/campdesk_ko.qm")));
    QVERIFY(!translator.isEmpty());
}

namespace {
struct GuiFixture
{
    QTemporaryDir dir;
    std::unique_ptr<campdesk::AppContext> context;
    campdesk::Actor manager;

    bool open()
    {
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, dir.filePath(QStringLiteral("settings")));
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings().clear();
        campdesk::MessageBox::setHandlerForTesting([](const campdesk::MessageBox::Shown&) { return false; });
        auto opened = campdesk::AppContext::open(dir.filePath(QStringLiteral("tour.db")));
        if (!opened.ok())
            return false;
        context = std::move(opened).value();
        auto logins = campdesk::DemoData::fillIfFresh(*context);
        if (!logins.ok() || logins->isEmpty())
            return false;
        auto actor = context->users->login(logins->first().username, logins->first().password);
        manager = actor.ok() ? actor.value() : campdesk::Actor();
        // An old-style row (an English sentence) next to the new coded ones: both read in Korean.
        context->users->login(QStringLiteral("manager"), QStringLiteral("not the password"));
        context->users->login(QStringLiteral("nobody"), QStringLiteral("x"));
        return manager.role == campdesk::Role::Manager;
    }
};
} // namespace

void TestTranslations::koreanAuditLogShowsNoEnglish()
{
    using namespace campdesk;
    GuiFixture f;
    QVERIFY(f.open());
    test::UiLanguage korean(QStringLiteral("ko"));
    QVERIFY(korean.ok());
    // The stored rows hold codes, not sentences.
    AuditLogModel model(*f.context->db, nullptr);
    QTRY_VERIFY(model.rowCount() > 0);
    bool sawWrongPassword = false;
    for (int r = 0; r < model.rowCount(); ++r) {
        const QString action = model.rawValue(r, AuditLogModel::Action).toString();
        const QString details = model.rawValue(r, AuditLogModel::Details).toString();
        QVERIFY2(!details.contains(QLatin1String("wrong password")), qPrintable(details));
        for (int c : { int(AuditLogModel::Action), int(AuditLogModel::Details), int(AuditLogModel::Target) }) {
            const QString shown = model.index(r, c).data().toString();
            QVERIFY2(!looksEnglish(shown) || c == AuditLogModel::Target,
                     qPrintable(action + QStringLiteral(": ") + shown));
        }
        if (action == QLatin1String("login.failed") && details.contains(QLatin1String("wrong_password"))) {
            sawWrongPassword = true;
            QCOMPARE(model.index(r, AuditLogModel::Details).data().toString(),
                     QStringLiteral("비밀번호 틀림 (5회 중 1회)"));
        }
    }
    QVERIFY(sawWrongPassword);
    // Rows written before codes read in Korean too.
    QCOMPARE(StatusText::name(QStringLiteral("auditDetails"), QStringLiteral("wrong password (2 of 5)")),
             QStringLiteral("비밀번호 틀림 (5회 중 2회)"));
    QCOMPARE(StatusText::name(QStringLiteral("audit"), QStringLiteral("campsite.register")),
             QStringLiteral("캠핑 사이트 등록"));
    QCOMPARE(StatusText::name(QStringLiteral("cancelReason"), QStringLiteral("customer cancelled")),
             QStringLiteral("고객 요청으로 취소"));
    // What cancellations, the reconciler and the payments needing attention store: codes, read in Korean.
    const QString spent = StatusText::withValue(
        StatusText::code(QStringLiteral("cancel.refund"), { 60000, 3, 50, 2000, QStringLiteral("단골 손님") }),
        QStringLiteral("spent"), 500);
    const QStringList stored {
        spent,
        StatusText::code(QStringLiteral("cancel.by_payment"), { QStringLiteral("CD-1"), true }),
        StatusText::code(QStringLiteral("payment.claim_released"), { 40000 }),
        StatusText::code(QStringLiteral("payment.retry_now")),
        StatusText::code(QStringLiteral("payment.retry_failed"),
                         { 2, StatusText::code(QStringLiteral("payment.still_unsettled")) }),
        StatusText::code(QStringLiteral("payment.amount_mismatch"), { 50000, 40000 }),
        StatusText::code(QStringLiteral("payment.refund_differs"), { 20000, 15000 }),
        StatusText::code(QStringLiteral("attention.flagged"),
                         { QStringLiteral("refund_differs"),
                           StatusText::code(QStringLiteral("payment.refund_differs"), { 20000, 15000 }) }),
        StatusText::code(QStringLiteral("attention.refunded_on_retry"), { 40000 }),
        StatusText::code(QStringLiteral("attention.settled"), { QStringLiteral("cancelled") }),
        StatusText::code(QStringLiteral("attention.settled_by_hand"), { QStringLiteral("카드사 확인") }),
        StatusText::code(QStringLiteral("no_show.summary"), { 0, 2, QStringLiteral("2026-12-04"), 300, 500 }),
        StatusText::code(QStringLiteral("site_block"),
                         { QStringLiteral("maintenance"), QStringLiteral("2026-12-04"), QStringLiteral("2026-12-06"),
                           QStringLiteral("전기 공사") }),
        StatusText::code(QStringLiteral("undo.nights_restored"),
                         { 2, QStringLiteral("2026-12-04"), QStringLiteral("2026-12-06") }),
        QStringLiteral("next try now"),
        QStringLiteral("payment CD-1 cancelled at the gateway"),
    };
    for (const QString& details : stored) {
        const QString shown = StatusText::name(QStringLiteral("auditDetails"), details);
        QVERIFY2(!looksEnglish(shown) && !shown.contains(QLatin1Char('{')),
                 qPrintable(details + QStringLiteral(" -> ") + shown));
    }
    QCOMPARE(
        StatusText::name(QStringLiteral("auditDetails"), spent),
        QStringLiteral("환불 60,000원 (체크인 3일 전, 50%); 이미 쓴 포인트만큼 2,000원 차감; 직원 변경: 단골 손님; "
                       "이미 쓴 포인트 500점, 잔액 0으로 조정"));
}

void TestTranslations::languageSwitchesAtRuntimeAndIsRemembered()
{
    using namespace campdesk;
    GuiFixture f;
    QVERIFY(f.open());
    test::UiLanguage english(QStringLiteral("en"));
    {
        MainWindow window(f.manager, f.context->db->describe());
        addAdminPages(window, *f.context);
        window.show();
        auto* navigation = window.findChild<QListWidget*>(QStringLiteral("navigation"));
        QCOMPARE(navigation->item(0)->text(), QStringLiteral("Dashboard"));
        QVERIFY(window.showPage(QStringLiteral("campsites")));
        // The status bar's word on card payments, showing when the switch comes, follows the language too.
        auto* payments = window.findChild<PaymentStatusLabel*>();
        QVERIFY(payments);
        DomainEvent paused;
        paused.type = EventType::CircuitBreakerStateChanged;
        paused.origin = QStringLiteral("kiosk-1");
        paused.payload = QJsonObject { { QStringLiteral("state"), QStringLiteral("open") } };
        payments->applyEvent(paused);
        QVERIFY2(looksEnglish(payments->text()), qPrintable(payments->text()));
        window.findChild<QAction*>(QStringLiteral("language_ko"))->trigger();
        QTRY_VERIFY2(!looksEnglish(payments->text()), qPrintable(payments->text()));
        QVERIFY2(!looksEnglish(payments->toolTip()), qPrintable(payments->toolTip()));
        QCOMPARE(window.language(), QStringLiteral("ko"));
        QCOMPARE(navigation->item(0)->text(), QStringLiteral("대시보드"));
        QCOMPARE(window.currentPageId(), QStringLiteral("campsites")); // stays where the user was
        QVERIFY(!looksEnglish(window.menuBar()->actions().first()->text()));
        auto* view = window.page(QStringLiteral("campsites"))->findChild<QAbstractItemView*>();
        QVERIFY(view);
        QVERIFY2(!looksEnglish(view->model()->headerData(0, Qt::Horizontal).toString()),
                 qPrintable(view->model()->headerData(0, Qt::Horizontal).toString()));
    }
    QCOMPARE(QSettings().value(QStringLiteral("users/%1/language").arg(f.manager.name)).toString(),
             QStringLiteral("ko"));
    {
        // The next window for the same user opens in Korean; switching back is remembered too.
        MainWindow window(f.manager, f.context->db->describe());
        addAdminPages(window, *f.context);
        auto* navigation = window.findChild<QListWidget*>(QStringLiteral("navigation"));
        QCOMPARE(navigation->item(0)->text(), QStringLiteral("대시보드"));
        window.findChild<QAction*>(QStringLiteral("language_en"))->trigger();
        QCOMPARE(navigation->item(0)->text(), QStringLiteral("Dashboard"));
    }
    QCOMPARE(QSettings().value(QStringLiteral("users/%1/language").arg(f.manager.name)).toString(),
             QStringLiteral("en"));
    QSettings().clear();
}

void TestTranslations::koreanGuiTourShowsNoEnglish()
{
    using namespace campdesk;
    GuiFixture f;
    QVERIFY(f.open());
    test::UiLanguage korean(QStringLiteral("ko"));
    MainWindow window(f.manager, f.context->db->describe());
    addAdminPages(window, *f.context);
    window.resize(1366, 740);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QStringList english;
    for (const QString& id : window.pageIds()) {
        QVERIFY(window.showPage(id));
        QTest::qWait(50);
        QCoreApplication::processEvents();
        for (const QString& text : visibleTexts(window.page(id))) {
            if (looksEnglish(text.section(QStringLiteral("]: "), 1)))
                english << id + QStringLiteral(" > ") + text;
        }
    }
    for (QAction* menu : window.menuBar()->actions()) {
        if (looksEnglish(menu->text()))
            english << QStringLiteral("menu: ") + menu->text();
    }
    english.removeDuplicates();
    QVERIFY2(english.isEmpty(),
             qPrintable(QStringLiteral("%1 English strings on Korean screens:\n").arg(english.size())
                        + english.join(QLatin1Char('\n'))));
}

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
