#include "daysheetspage.h"

#include "columnfitter.h"
#include "core/csv.h"
#include "core/eventbus.h"
#include "core/money.h"
#include "daysheetprinter.h"
#include "domain/daysheetquery.h"
#include "itemmodels/daysheetmodel.h"
#include "itemmodels/refreshgate.h"
#include "mainwindow.h"
#include "messagebox.h"
#include "refreshwhileshown.h"

#include <QDateEdit>
#include <QDir>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QStandardItemModel>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTextStream>
#include <QVBoxLayout>

namespace campdesk {

namespace {

// Fitted to what the day holds and to the page's width (no sideways scrolling), whenever it is read again (the
// fitter follows the model's resets once the view has laid them out): free text gives up width first.
void fitColumns(QTableView* view, QSet<int> freeText, QSet<int> keep)
{
    new ColumnFitter(view, std::move(freeText), std::move(keep));
}

QTableView* tableFor(QAbstractItemModel* model, const QString& name, QWidget* parent)
{
    auto* view = new QTableView(parent);
    view->setObjectName(name);
    view->setModel(model);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setWordWrap(false);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setStretchLastSection(true);
    return view;
}

} // namespace

DaySheetsPage::DaySheetsPage(DaySheetModel* arrivals, DaySheetModel* departures, DaySheetModel* onSite,
                             DaySheetQuery& cashUp, EventBus* bus, const Actor& actor, QWidget* parent)
    : Page(parent)
    , m_sheets { arrivals, departures, onSite }
    , m_cashUp(cashUp)
    , m_actor(actor)
    , m_day(new QDateEdit(this))
    , m_tabs(new QTabWidget(this))
    , m_cashModel(new QStandardItemModel(this))
    , m_saved(new QLabel(this))
{
    setObjectName(QStringLiteral("daySheetsPage"));
    m_day->setObjectName(QStringLiteral("day"));
    m_day->setCalendarPopup(true);
    m_day->setDisplayFormat(QStringLiteral("yyyy-MM-dd (ddd)"));
    auto* previous = new QPushButton(tr("◀ Previous day"), this);
    previous->setObjectName(QStringLiteral("previousDay"));
    auto* today = new QPushButton(tr("&Today"), this);
    today->setObjectName(QStringLiteral("today"));
    auto* next = new QPushButton(tr("Next day ▶"), this);
    next->setObjectName(QStringLiteral("nextDay"));
    auto* print = new QPushButton(tr("&Print…"), this);
    print->setObjectName(QStringLiteral("print"));
    auto* pdf = new QPushButton(tr("Save as P&DF…"), this);
    pdf->setObjectName(QStringLiteral("savePdf"));
    m_saved->setObjectName(QStringLiteral("savedTo"));

    auto* bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Day:"), this));
    bar->addWidget(m_day);
    bar->addWidget(previous);
    bar->addWidget(today);
    bar->addWidget(next);
    bar->addStretch(1);
    bar->addWidget(print);
    bar->addWidget(pdf);

    m_tabs->setObjectName(QStringLiteral("sheets"));
    const QStringList names { QStringLiteral("arrivals"), QStringLiteral("departures"), QStringLiteral("onSite") };
    const QStringList titles { tr("Arrivals"), tr("Departures"), tr("On site") };
    for (int i = 0; i < m_sheets.size(); ++i) {
        m_sheets.at(i)->setParent(this);
        refreshWhileShown(this, m_sheets.at(i)->refreshGate());
        auto* tab = new QWidget(m_tabs);
        auto* summary = new QLabel(tab);
        summary->setObjectName(names.at(i) + QStringLiteral("Summary"));
        m_summaries.append(summary);
        auto* tabLayout = new QVBoxLayout(tab);
        QTableView* view = tableFor(m_sheets.at(i), names.at(i), tab);
        fitColumns(view,
                   { DaySheetModel::Campsite, DaySheetModel::Guest, DaySheetModel::Vehicles, DaySheetModel::Equipment,
                     DaySheetModel::Notes },
                   { DaySheetModel::Status });
        tabLayout->addWidget(view, 1);
        tabLayout->addWidget(summary);
        connect(view, &QAbstractItemView::activated, this, [this](const QModelIndex& index) {
            if (const qint64 id = index.data(DaySheetModel::ReservationIdRole).toLongLong())
                emit reservationRequested(id);
        });
        view->setContextMenuPolicy(Qt::CustomContextMenu);
        connect(view, &QWidget::customContextMenuRequested, this,
                [this, view](const QPoint& pos) { showContextMenu(view, pos); });
        m_tabs->addTab(tab, titles.at(i));
        connect(m_sheets.at(i), &QAbstractItemModel::modelReset, this, &DaySheetsPage::updateSummaries);
        // Read on a worker in the admin window: the rows shown stay, under a busy cursor, until the new ones come.
        connect(m_sheets.at(i), &DaySheetModel::loadingChanged, this, [this, view](bool loading) {
            if (loading)
                view->viewport()->setCursor(Qt::BusyCursor);
            else
                view->viewport()->unsetCursor();
            updateSummaries();
        });
    }
    auto* cashTab = new QWidget(m_tabs);
    auto* cashSummary = new QLabel(cashTab);
    cashSummary->setObjectName(QStringLiteral("cashUpSummary"));
    m_summaries.append(cashSummary);
    auto* cashLayout = new QVBoxLayout(cashTab);
    m_cashView = tableFor(m_cashModel, QStringLiteral("cashUp"), cashTab);
    fitColumns(m_cashView, { 0, 1 }, {});
    cashLayout->addWidget(m_cashView, 1);
    cashLayout->addWidget(cashSummary);
    m_tabs->addTab(cashTab, tr("Cash-up"));

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(m_saved);

    connect(m_day, &QDateEdit::dateChanged, this, &DaySheetsPage::setDay);
    connect(previous, &QPushButton::clicked, this, [this] { m_day->setDate(m_day->date().addDays(-1)); });
    connect(next, &QPushButton::clicked, this, [this] { m_day->setDate(m_day->date().addDays(1)); });
    connect(today, &QPushButton::clicked, this, [this] { m_day->setDate(QDate::currentDate()); });
    connect(print, &QPushButton::clicked, this, &DaySheetsPage::printSheet);
    connect(pdf, &QPushButton::clicked, this, &DaySheetsPage::savePdf);
    connect(&m_cashWatcher, &QFutureWatcherBase::finished, this, [this] {
        // Another day chosen, or a payment made, while this one was read: read again.
        if (std::exchange(m_cashReadAgain, false)) {
            loadCashUp();
            return;
        }
        showCashUp(m_cashWatcher.result(), m_cashReading);
    });
    m_cashUpGate = new RefreshGate([this] { loadCashUp(); }, this);
    refreshWhileShown(this, m_cashUpGate);
    if (bus) {
        // The sheets read themselves again; the cash-up follows payments.
        connect(bus, &EventBus::published, this, [this](const DomainEvent& event) {
            if ((event.aggregate == QLatin1String("payment") || event.aggregate == QLatin1String("reservation"))
                && m_cashUpGate->admit())
                loadCashUp();
        });
    }
    m_day->setDate(QDate::currentDate());
    setDay(m_day->date());
}

void DaySheetsPage::showContextMenu(QTableView* view, const QPoint& pos)
{
    const QModelIndex at = view->indexAt(pos);
    if (!at.isValid())
        return;
    view->selectRow(at.row());
    const qint64 id = at.siblingAtColumn(DaySheetModel::Campsite).data(DaySheetModel::ReservationIdRole).toLongLong();
    if (id == 0)
        return;
    const qint64 balance = at.siblingAtColumn(DaySheetModel::Balance).data(DaySheetModel::RawRole).toLongLong();
    auto* menu = new QMenu(this);
    menu->setObjectName(QStringLiteral("daySheetMenu"));
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->addAction(tr("&Open booking…"), this, [this, id] { emit reservationRequested(id); })
        ->setObjectName(QStringLiteral("openAction"));
    QAction* take = menu->addAction(tr("Take the &balance…"), this, [this, id] { emit balanceRequested(id); });
    take->setObjectName(QStringLiteral("takeBalanceAction"));
    take->setEnabled(balance > 0);
    menu->popup(view->viewport()->mapToGlobal(pos));
}

void DaySheetsPage::setDay(const QDate& day)
{
    if (m_day->date() != day) {
        m_day->setDate(day); // comes back here through dateChanged
        return;
    }
    for (DaySheetModel* sheet : std::as_const(m_sheets))
        sheet->setDay(day);
    if (m_cashUpGate->admit())
        loadCashUp();
}

QDate DaySheetsPage::day() const
{
    return m_day->date();
}

void DaySheetsPage::refresh()
{
    for (DaySheetModel* sheet : std::as_const(m_sheets))
        sheet->reload();
    loadCashUp();
}

void DaySheetsPage::loadCashUp()
{
    if (!m_sheets.first()->loadsInBackground()) {
        showCashUp(m_cashUp.cashUp(m_actor, m_day->date()), m_day->date());
        return;
    }
    if (m_cashWatcher.isRunning()) {
        m_cashReadAgain = true;
        return;
    }
    m_cashReading = m_day->date();
    m_cashWatcher.setFuture(m_cashUp.cashUpInBackground(m_actor, m_cashReading));
}

void DaySheetsPage::showCashUp(const Result<CashUp>& cash, const QDate& day)
{
    m_cashShown = day;
    m_cashModel->clear();
    m_cashModel->setHorizontalHeaderLabels(
        { tr("Payment method"), tr("Staff"), tr("Payments"), tr("Taken"), tr("Refunds"), tr("Refunded"), tr("Net") });
    if (!cash.ok()) {
        m_summaries.last()->setText(cash.error().message);
        return;
    }
    const QLocale locale;
    auto number = [](qint64 value, const QString& text) {
        auto* item = new QStandardItem(text);
        item->setData(value, Qt::UserRole);
        item->setData(int(Qt::AlignRight | Qt::AlignVCenter), Qt::TextAlignmentRole);
        return item;
    };
    auto addRow = [&](const QString& method, const QString& staff, int taken, qint64 takenWon, int refunds,
                      qint64 refundedWon) {
        m_cashModel->appendRow({ new QStandardItem(method), new QStandardItem(staff),
                                 number(taken, locale.toString(taken)), number(takenWon, formatWon(takenWon, locale)),
                                 number(refunds, locale.toString(refunds)),
                                 number(refundedWon, formatWon(refundedWon, locale)),
                                 number(takenWon - refundedWon, formatWon(takenWon - refundedWon, locale)) });
    };
    int takenCount = 0;
    int refundCount = 0;
    for (const CashUpLine& line : cash->lines) {
        addRow(DaySheetQuery::methodLabel(line.provider, line.method), DaySheetQuery::staffLabel(line), line.takenCount,
               line.taken, line.refundCount, line.refunded);
        takenCount += line.takenCount;
        refundCount += line.refundCount;
    }
    addRow(tr("Total"), QString(), takenCount, cash->taken(), refundCount, cash->refunded());
    QFont bold;
    bold.setBold(true);
    for (int column = 0; column < m_cashModel->columnCount(); ++column)
        m_cashModel->item(m_cashModel->rowCount() - 1, column)->setFont(bold);
    m_cashView->horizontalHeader()->setStretchLastSection(true);
    m_summaries.last()->setText(tr("Taken %1, refunded %2: %3 for the day.")
                                    .arg(formatWon(cash->taken(), locale), formatWon(cash->refunded(), locale),
                                         formatWon(cash->net(), locale)));
}

void DaySheetsPage::updateSummaries()
{
    const QLocale locale;
    for (int i = 0; i < m_sheets.size(); ++i) {
        const DaySheetModel* sheet = m_sheets.at(i);
        if (!sheet->errorMessage().isEmpty()) {
            m_summaries.at(i)->setText(sheet->errorMessage());
            continue;
        }
        if (sheet->isLoading() && sheet->shownDay() != sheet->day()) {
            m_summaries.at(i)->setText(tr("Reading the day's bookings…"));
            continue;
        }
        const int stays = sheet->rowCount();
        QString text;
        switch (sheet->kind()) {
        case DaySheetKind::Arrivals:
            text = tr("%n arrival(s)", nullptr, stays);
            break;
        case DaySheetKind::Departures:
            text = tr("%n departure(s)", nullptr, stays);
            break;
        case DaySheetKind::OnSite:
            text = tr("%n site(s) occupied", nullptr, stays);
            break;
        }
        text += QStringLiteral(" · ") + tr("%n guest(s)", nullptr, sheet->totalGuests());
        text += QStringLiteral(" · ") + tr("still to pay %1").arg(formatWon(sheet->totalBalance(), locale));
        m_summaries.at(i)->setText(text);
    }
}

QString DaySheetsPage::currentTitle() const
{
    return tr("%1, %2").arg(m_tabs->tabText(m_tabs->currentIndex()).remove(QLatin1Char('&')),
                            QLocale().toString(m_day->date(), QLocale::LongFormat));
}

const QAbstractItemModel& DaySheetsPage::currentTable() const
{
    const int index = m_tabs->currentIndex();
    if (index >= 0 && index < m_sheets.size())
        return *m_sheets.at(index);
    return *m_cashModel;
}

QString DaySheetsPage::currentTotals() const
{
    return m_summaries.value(m_tabs->currentIndex())->text();
}

QString DaySheetsPage::stillReading() const
{
    const DaySheetModel* sheet = m_sheets.value(m_tabs->currentIndex());
    if (!sheet) {
        if (m_cashShown == m_day->date())
            return {};
        return tr("The payments of %1 are still being read. Try again in a moment.")
            .arg(QLocale().toString(m_day->date(), QLocale::LongFormat));
    }
    if (sheet->shownDay() == m_day->date())
        return {};
    return tr("The bookings of %1 are still being read. Try again in a moment.")
        .arg(QLocale().toString(m_day->date(), QLocale::LongFormat));
}

bool DaySheetsPage::exportCsv(QTextStream& out, QString* error) const
{
    // The rows on screen are another day's while the chosen day's are read: never written under the new date.
    if (const QString reading = stillReading(); !reading.isEmpty()) {
        if (error)
            *error = reading;
        return false;
    }
    const QAbstractItemModel& table = currentTable();
    // Numbers as numbers and dates as ISO dates, as every export of the app writes them.
    writeModelAsCsv(table, out, [&table, this](const QModelIndex& index) -> QString {
        if (&table == m_cashModel)
            return index.data(Qt::UserRole).isValid() ? index.data(Qt::UserRole).toString() : QString();
        const QVariant raw = index.data(DaySheetModel::RawRole);
        return raw.isValid() ? raw.toString() : QString();
    });
    return true;
}

QString DaySheetsPage::exportFileName() const
{
    const QStringList names { tr("arrivals"), tr("departures"), tr("on-site"), tr("cash-up") };
    return QStringLiteral("%1-%2.csv").arg(names.value(m_tabs->currentIndex()), m_day->date().toString(Qt::ISODate));
}

void DaySheetsPage::printSheet()
{
    if (const QString reading = stillReading(); !reading.isEmpty()) {
        MessageBox::information(this, tr("Print"), reading);
        return;
    }
    DaySheetPrinter::print(currentTitle(), currentTable(), currentTotals(), this);
}

void DaySheetsPage::savePdf()
{
    if (const QString reading = stillReading(); !reading.isEmpty()) {
        MessageBox::information(this, tr("Save as PDF"), reading);
        return;
    }
    const QString suggested
        = QDir(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
              .filePath(QString(exportFileName()).replace(QLatin1String(".csv"), QLatin1String(".pdf")));
    const QString path = MainWindow::askSaveFileName(this, tr("Save as PDF"), suggested, tr("PDF files (*.pdf)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!DaySheetPrinter::writePdf(currentTitle(), currentTable(), currentTotals(), path, &error)) {
        MessageBox::warning(this, tr("Save as PDF"), tr("Could not write %1: %2").arg(path, error));
        return;
    }
    m_saved->setText(tr("Saved to %1").arg(QDir::toNativeSeparators(path)));
}

} // namespace campdesk
