// The architecture of DESIGN.md section 3, checked on the sources: every #include in model/, views/ and app/ must
// follow the arrows app -> views -> model, and inside model/ core <- db <- domain <- {payment, notify} <- ops, with
// itemmodels using domain, db and core and used by nothing in model/. model/ never includes Widgets, and views/
// never include the database layer nor touch the database at all: no Database, SqlSession, Transaction or QSql*
// in their code and no SQL statement in their strings (app/ builds the item models and services for them).
#include <QDirIterator>
#include <QFile>
#include <QMap>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

class TestLayering : public QObject
{
    Q_OBJECT
private slots:
    void sourceTreeFollowsTheArrows();
    void everyModelFileIsInALayerFolder();
    void wrongArrowsAreFound_data();
    void wrongArrowsAreFound();
};

namespace {

const QStringList modelLayers { QStringLiteral("core"),      QStringLiteral("db"),     QStringLiteral("domain"),
                                QStringLiteral("payment"),   QStringLiteral("notify"), QStringLiteral("ops"),
                                QStringLiteral("itemmodels") };

// What each model layer may include (its own folder included).
const QMap<QString, QSet<QString>>& allowedInModel()
{
    static const QMap<QString, QSet<QString>> allowed {
        { QStringLiteral("core"), { QStringLiteral("core") } },
        { QStringLiteral("db"), { QStringLiteral("core"), QStringLiteral("db") } },
        { QStringLiteral("domain"), { QStringLiteral("core"), QStringLiteral("db"), QStringLiteral("domain") } },
        { QStringLiteral("payment"),
          { QStringLiteral("core"), QStringLiteral("db"), QStringLiteral("domain"), QStringLiteral("payment") } },
        { QStringLiteral("notify"),
          { QStringLiteral("core"), QStringLiteral("db"), QStringLiteral("domain"), QStringLiteral("notify") } },
        { QStringLiteral("ops"),
          { QStringLiteral("core"), QStringLiteral("db"), QStringLiteral("domain"), QStringLiteral("payment"),
            QStringLiteral("notify"), QStringLiteral("ops") } },
        { QStringLiteral("itemmodels"),
          { QStringLiteral("core"), QStringLiteral("db"), QStringLiteral("domain"), QStringLiteral("itemmodels") } },
    };
    return allowed;
}

// Qt Widgets, Charts and PrintSupport headers: the model must build without them.
bool isWidgetsHeader(const QString& header)
{
    static const QRegularExpression module(QStringLiteral("^(QtWidgets|QtCharts|QtPrintSupport|QtGui)(/|$)"));
    static const QSet<QString> classes { QStringLiteral("QWidget"),     QStringLiteral("QApplication"),
                                         QStringLiteral("QMainWindow"), QStringLiteral("QDialog"),
                                         QStringLiteral("QLabel"),      QStringLiteral("QPushButton"),
                                         QStringLiteral("QLineEdit"),   QStringLiteral("QMessageBox"),
                                         QStringLiteral("QTableView"),  QStringLiteral("QLayout"),
                                         QStringLiteral("QPrinter"),    QStringLiteral("QChart") };
    return module.match(header).hasMatch() || classes.contains(header);
}

struct Include
{
    QString file; // relative to the root
    int line = 0;
    QString header;
    bool angled = false;
};

QList<Include> includesUnder(const QString& root, const QString& folder)
{
    static const QRegularExpression pattern(QStringLiteral(R"(^\s*#\s*include\s*([<"])([^>"]+)[>"])"));
    QList<Include> out;
    QDirIterator it(root + QLatin1Char('/') + folder, { QStringLiteral("*.cpp"), QStringLiteral("*.h") }, QDir::Files,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            continue;
        int lineNumber = 0;
        while (!file.atEnd()) {
            const QString line = QString::fromUtf8(file.readLine());
            ++lineNumber;
            const QRegularExpressionMatch match = pattern.match(line);
            if (match.hasMatch())
                out.append({ path.mid(root.size() + 1), lineNumber, match.captured(2),
                             match.captured(1) == QLatin1String("<") });
        }
    }
    return out;
}

QString firstFolder(const QString& path)
{
    const qsizetype slash = path.indexOf(QLatin1Char('/'));
    return slash < 0 ? QString() : path.left(slash);
}

QString where(const Include& include)
{
    return QStringLiteral("%1:%2 includes %3").arg(include.file).arg(include.line).arg(include.header);
}

// One source line split into its code (string literals and comments blanked) and the text of its string literals.
// `inComment` carries a /* ... */ comment over lines. Raw string literals are not needed in views/.
void splitLine(const QString& line, bool& inComment, QString& code, QString& strings)
{
    code.clear();
    strings.clear();
    for (qsizetype i = 0; i < line.size(); ++i) {
        const QChar c = line.at(i);
        const QChar next = i + 1 < line.size() ? line.at(i + 1) : QChar();
        if (inComment) {
            if (c == u'*' && next == u'/') {
                inComment = false;
                ++i;
            }
            continue;
        }
        if (c == u'/' && next == u'/')
            return;
        if (c == u'/' && next == u'*') {
            inComment = true;
            ++i;
            continue;
        }
        if (c == u'"' || c == u'\'') {
            code += u' ';
            for (++i; i < line.size() && line.at(i) != c; ++i) {
                if (line.at(i) == u'\\' && i + 1 < line.size())
                    ++i;
                if (c == u'"')
                    strings += line.at(i);
            }
            strings += u' ';
            continue;
        }
        code += c;
    }
}

// Every place in views/ that touches the database, as "file:line mentions X (why)".
QStringList databaseUsesInViews(const QString& root)
{
    // ErrorCode::Database is an outcome a screen may show, not the database.
    static const QRegularExpression types(
        QStringLiteral(R"((?<!ErrorCode::)\b(Database|SqlSession|SqlRows|Transaction|QSql\w*|StatementCache)\b)"));
    static const QRegularExpression statement(
        QStringLiteral(R"(\b(SELECT|INSERT INTO|UPDATE|DELETE FROM|CREATE|DROP|ALTER TABLE|PRAGMA)\s)"));
    QStringList out;
    QDirIterator it(root + QStringLiteral("/views"), { QStringLiteral("*.cpp"), QStringLiteral("*.h") }, QDir::Files,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const QString relative = path.mid(root.size() + 1);
        bool inComment = false;
        int lineNumber = 0;
        QString code;
        QString strings;
        while (!file.atEnd()) {
            ++lineNumber;
            splitLine(QString::fromUtf8(file.readLine()), inComment, code, strings);
            const QString at = QStringLiteral("%1:%2 ").arg(relative).arg(lineNumber);
            if (const QRegularExpressionMatch m = types.match(code); m.hasMatch())
                out << at + QStringLiteral("mentions %1 (views never touch the database)").arg(m.captured(1));
            else if (const QRegularExpressionMatch m = statement.match(strings); m.hasMatch())
                out << at + QStringLiteral("runs %1 (views never run SQL)").arg(m.captured(1));
        }
    }
    return out;
}

// Every include that breaks an arrow, as "file:line includes header (why)".
QStringList violations(const QString& root)
{
    QStringList out;
    for (const Include& include : includesUnder(root, QStringLiteral("model"))) {
        const QString fileLayer = firstFolder(include.file.mid(6)); // after "model/"
        if (include.angled) {
            if (isWidgetsHeader(include.header))
                out << where(include) + QStringLiteral(" (model/ never uses Widgets)");
            continue;
        }
        const QString target = firstFolder(include.header);
        if (!modelLayers.contains(target)) {
            out << where(include) + QStringLiteral(" (model includes name their layer folder)");
            continue;
        }
        if (!allowedInModel().value(fileLayer).contains(target))
            out << where(include) + QStringLiteral(" (%1 may not use %2)").arg(fileLayer, target);
    }
    for (const Include& include : includesUnder(root, QStringLiteral("views"))) {
        if (include.angled)
            continue;
        const QString target = firstFolder(include.header);
        if (target == QLatin1String("db"))
            out << where(include) + QStringLiteral(" (views never use the database layer)");
        else if (include.header.startsWith(QLatin1String("app/"))
                 || QFile::exists(root + QStringLiteral("/app/") + include.header))
            out << where(include) + QStringLiteral(" (views may not use app)");
    }
    out << databaseUsesInViews(root);
    return out;
}

void writeFile(const QString& path, const QByteArray& text)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(text);
}

} // namespace

void TestLayering::sourceTreeFollowsTheArrows()
{
    const QStringList found = violations(QStringLiteral(CAMPDESK_SOURCE_DIR));
    for (const QString& violation : found)
        qWarning().noquote() << violation;
    QCOMPARE(found.size(), 0);
    // The scan really read the tree (a wrong root would pass with nothing).
    QVERIFY(includesUnder(QStringLiteral(CAMPDESK_SOURCE_DIR), QStringLiteral("model")).size() > 300);
}

void TestLayering::everyModelFileIsInALayerFolder()
{
    QDirIterator it(QStringLiteral(CAMPDESK_SOURCE_DIR "/model"), { QStringLiteral("*.cpp"), QStringLiteral("*.h") },
                    QDir::Files, QDirIterator::Subdirectories);
    int files = 0;
    while (it.hasNext()) {
        const QString relative = it.next().mid(QStringLiteral(CAMPDESK_SOURCE_DIR "/model/").size());
        QVERIFY2(modelLayers.contains(firstFolder(relative)), qPrintable(relative));
        ++files;
    }
    QVERIFY(files > 100);
}

void TestLayering::wrongArrowsAreFound_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("reason");
    QTest::newRow("db uses domain") << QStringLiteral("model/db/x.cpp") << QByteArray("#include \"domain/y.h\"\n")
                                    << QStringLiteral("db may not use domain");
    QTest::newRow("domain uses payment") << QStringLiteral("model/domain/x.h")
                                         << QByteArray("#include \"payment/y.h\"\n")
                                         << QStringLiteral("domain may not use payment");
    QTest::newRow("payment uses notify") << QStringLiteral("model/payment/x.h")
                                         << QByteArray("  #  include \"notify/y.h\"\n")
                                         << QStringLiteral("payment may not use notify");
    QTest::newRow("ops uses itemmodels") << QStringLiteral("model/ops/x.cpp")
                                         << QByteArray("#include \"itemmodels/y.h\"\n")
                                         << QStringLiteral("ops may not use itemmodels");
    QTest::newRow("itemmodels uses ops") << QStringLiteral("model/itemmodels/x.cpp")
                                         << QByteArray("#include \"ops/y.h\"\n")
                                         << QStringLiteral("itemmodels may not use ops");
    QTest::newRow("bare include") << QStringLiteral("model/core/x.cpp") << QByteArray("#include \"y.h\"\n")
                                  << QStringLiteral("name their layer folder");
    QTest::newRow("model uses Widgets") << QStringLiteral("model/core/x.cpp") << QByteArray("#include <QWidget>\n")
                                        << QStringLiteral("never uses Widgets");
    QTest::newRow("model uses QtWidgets")
        << QStringLiteral("model/domain/x.cpp") << QByteArray("#include <QtWidgets/QLabel>\n")
        << QStringLiteral("never uses Widgets");
    QTest::newRow("view uses db") << QStringLiteral("views/admin/x.cpp") << QByteArray("#include \"db/database.h\"\n")
                                  << QStringLiteral("views never use the database layer");
    QTest::newRow("view takes Database&")
        << QStringLiteral("views/admin/x.h") << QByteArray("    XPage(Database& db, QWidget* parent = nullptr);\n")
        << QStringLiteral("mentions Database (views never touch the database)");
    QTest::newRow("view opens a transaction")
        << QStringLiteral("views/x.cpp") << QByteArray("m_db.write([](Transaction& tx) { return Status(); });\n")
        << QStringLiteral("mentions Transaction");
    QTest::newRow("view reads a session")
        << QStringLiteral("views/dialogs/x.cpp") << QByteArray("db.read([](SqlSession& s) { return s.ok(); });\n")
        << QStringLiteral("mentions SqlSession");
    QTest::newRow("view uses QSqlQuery") << QStringLiteral("views/x.cpp") << QByteArray("QSqlQuery q(db);\n")
                                         << QStringLiteral("mentions QSqlQuery");
    QTest::newRow("view runs SQL") << QStringLiteral("views/x.cpp")
                                   << QByteArray("probe->run(QStringLiteral(\"SELECT 1\"));\n")
                                   << QStringLiteral("runs SELECT (views never run SQL)");
    QTest::newRow("view updates a table")
        << QStringLiteral("views/kiosk/x.cpp") << QByteArray("const char* sql = \"UPDATE campsites SET x = 1\";\n")
        << QStringLiteral("runs UPDATE");
    QTest::newRow("view uses app") << QStringLiteral("views/x.cpp") << QByteArray("#include \"app/startup.h\"\n")
                                   << QStringLiteral("views may not use app");
}

void TestLayering::wrongArrowsAreFound()
{
    QFETCH(QString, file);
    QFETCH(QByteArray, text);
    QFETCH(QString, reason);
    QTemporaryDir root;
    // A clean file in each layer, then the one wrong include.
    writeFile(root.filePath(QStringLiteral("model/ops/fine.cpp")),
              "#include \"domain/a.h\"\n#include \"payment/b.h\"\n#include <QObject>\n");
    // Words that are not the database: a comment, a translated text, ErrorCode::Database, QFontDatabase.
    writeFile(root.filePath(QStringLiteral("views/fine.cpp")),
              "#include \"domain/a.h\"\n#include <QWidget>\n// The Database is never used here: SELECT nothing\n"
              "/* Transaction\n SqlSession */ label->setText(tr(\"Database size: %1\"));\n"
              "if (error.code == ErrorCode::Database) font = QFontDatabase::systemFont(f);\n"
              "text = tr(\"Select a site\"); c = '\"'; s = \"a \\\" Transaction\";\n");
    QVERIFY(violations(root.path()).isEmpty());
    writeFile(root.filePath(file), text);
    const QStringList found = violations(root.path());
    QCOMPARE(found.size(), 1);
    QVERIFY2(found.first().contains(reason), qPrintable(found.first()));
    QVERIFY2(found.first().startsWith(file + QStringLiteral(":1 ")), qPrintable(found.first()));
}

QTEST_GUILESS_MAIN(TestLayering)
#include "tst_layering.moc"
