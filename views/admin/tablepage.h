#pragma once

#include "core/actor.h"
#include "page.h"

#include <QDate>
#include <functional>

class QComboBox;
class QDateEdit;
class QHBoxLayout;
class QLabel;
class QLineEdit;
class QSplitter;
class QTimer;
class QToolBar;

namespace campdesk {

class DataTableView;
class PagedQueryModel;

// A page built around one PagedQueryModel: a title, a tool bar for the page's actions, filters (free text on
// Ctrl+F, status, date range) that the database applies, the table, a count, and CSV export of what it shows.
class TablePage : public Page
{
    Q_OBJECT
public:
    // tableKey names the page in settings (column layout per user) and in the export file name.
    TablePage(const QString& title, const QString& tableKey, PagedQueryModel* model, const Actor& actor,
              QWidget* parent = nullptr);

    void refresh() override;
    bool canExport() const override { return true; }
    // Every row the filters match (not only those loaded so far), as the table shows them and in its order,
    // streamed from the database on a worker while a dialog shows the count and offers Cancel.
    ExportOutcome exportToFile(const QString& path, QString* error) override;
    QString exportFileName() const override;

    DataTableView* view() const { return m_view; }
    QToolBar* toolBar() const { return m_toolBar; }
    QLineEdit* textFilter() const { return m_text; }
    QComboBox* statusFilter() const { return m_status; }
    QDateEdit* fromFilter() const { return m_from; }
    QDateEdit* toFilter() const { return m_to; }
    const Actor& actor() const { return m_actor; }
    // A search field as wide as its hint (what it searches) and its clear button need, at least minimumWidth.
    static void widenForHint(QLineEdit* edit, int minimumWidth);

protected:
    void addTextFilter(const QString& placeholder, std::function<void(const QString&)> apply);
    // items: (translated label, status key); the first should be "all" with an empty key.
    void addStatusFilter(const QList<std::pair<QString, QString>>& items, std::function<void(const QString&)> apply);
    // "Any" at either end leaves it open.
    void addDateRange(std::function<void(const QDate&, const QDate&)> apply);
    // A widget below the table (e.g. a customer's ledger), sharing the height through a splitter.
    void setDetailWidget(QWidget* widget);
    void updateCount();

private:
    QString m_tableKey;
    PagedQueryModel* m_model;
    Actor m_actor;
    QToolBar* m_toolBar;
    QHBoxLayout* m_filterBar;
    QLineEdit* m_text = nullptr;
    QComboBox* m_status = nullptr;
    QDateEdit* m_from = nullptr;
    QDateEdit* m_to = nullptr;
    QTimer* m_textDelay;
    DataTableView* m_view;
    QSplitter* m_splitter;
    QLabel* m_count;
};

} // namespace campdesk
