#pragma once

#include "core/actor.h"
#include "core/result.h"
#include "domain/daysheetquery.h"
#include "page.h"

#include <QDate>
#include <QFutureWatcher>

class QAbstractItemModel;
class QDateEdit;
class QLabel;
class QStandardItemModel;
class QTabWidget;
class QTableView;

namespace campdesk {

class RefreshGate;

class DaySheetModel;
class DaySheetQuery;
class EventBus;

// The front desk's day: arrivals, departures and guests on site for a chosen date (with plates, equipment, notes
// and what is still to pay), and the day's cash-up by payment method and staff member. Each tab prints (A4
// landscape), saves as PDF and exports as CSV. A row opens its booking (double-click or Enter); its context menu also
// takes a balance still due.
class DaySheetsPage final : public Page
{
    Q_OBJECT
public:
    // The models are the page's own (it takes them as children); cashUp outlives the page.
    DaySheetsPage(DaySheetModel* arrivals, DaySheetModel* departures, DaySheetModel* onSite, DaySheetQuery& cashUp,
                  EventBus* bus, const Actor& actor, QWidget* parent = nullptr);

    void setDay(const QDate& day);
    QDate day() const;

    void refresh() override;
    bool canExport() const override { return true; }
    bool exportCsv(QTextStream& out, QString* error) const override;
    QString exportFileName() const override;

    // The tab shown: its title with the date, its table and its totals line (what printing and saving use).
    QString currentTitle() const;
    const QAbstractItemModel& currentTable() const;
    QString currentTotals() const;
    // Empty, or why the current sheet cannot be printed or exported yet (its rows are another day's).
    QString stillReading() const;

public slots:
    void printSheet();
    void savePdf();

signals:
    void reservationRequested(qint64 reservationId);
    void balanceRequested(qint64 reservationId);

private:
    void showContextMenu(QTableView* view, const QPoint& pos);
    void loadCashUp();
    void showCashUp(const Result<CashUp>& cash, const QDate& day);
    void updateSummaries();

    QList<DaySheetModel*> m_sheets;
    DaySheetQuery& m_cashUp;
    Actor m_actor;
    QDateEdit* m_day;
    QTabWidget* m_tabs;
    QList<QLabel*> m_summaries; // one per tab, the cash-up's last
    QStandardItemModel* m_cashModel;
    QTableView* m_cashView = nullptr;
    // On a worker when the sheets read on one (the admin window's): the read running, and whether the day or the
    // payments changed meanwhile.
    QFutureWatcher<Result<CashUp>> m_cashWatcher;
    bool m_cashReadAgain = false;
    QDate m_cashReading; // the day the worker reads
    QDate m_cashShown; // the day the cash-up on screen is of
    RefreshGate* m_cashUpGate = nullptr;
    QLabel* m_saved;
};

} // namespace campdesk
