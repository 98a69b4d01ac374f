#pragma once

#include <QTableView>
#include <optional>

class QMenu;

namespace campdesk {

class PagedQueryModel;

// The table every admin page uses for a PagedQueryModel: rows selected whole, sorted by the database, a
// delegate per column kind (status badges, money, dates), and the column layout remembered per user.
class DataTableView final : public QTableView
{
    Q_OBJECT
public:
    explicit DataTableView(QWidget* parent = nullptr);
    ~DataTableView() override;

    void setPagedModel(PagedQueryModel* model);
    PagedQueryModel* pagedModel() const { return m_model; }

    // Remembers the sort, and the header's layout (widths, order) once the user has dragged a column's width or
    // moved a column, under settings keys "users/<username>/tables/<table>/..." and restores them now. A layout the
    // user did not touch is fitted to each window anew (ColumnFitter), not kept from the first one.
    void rememberLayout(const QString& username, const QString& table);
    void saveLayout() const;

    // The header's context menu: a check per column to show or hide it, kept per user like the sort. The fitting
    // goes on (a hidden column's width goes to the others); at least one column stays shown.
    QMenu* showColumnsMenu(const QPoint& headerPos);

    qint64 selectedId() const; // 0 when nothing is selected
    bool selectId(qint64 id); // false when the row is not loaded

signals:
    void activatedId(qint64 id); // double-click or Enter on a row

protected:
    void keyPressEvent(QKeyEvent* event) override;
    void showEvent(QShowEvent* event) override;

private:
    QString settingsKey(const char* what) const;

    PagedQueryModel* m_model = nullptr;
    QString m_username;
    QString m_table;
    bool m_sized = false; // columns fitted to their contents (or restored) once
    bool m_laidOutByUser = false; // a column's width dragged, or a column moved, here or in a restored layout
    std::optional<QList<int>> m_hiddenByUser; // read by rememberLayout, applied when first shown (after the page's
                                              // own defaults: the reservations page hides the extras)
};

} // namespace campdesk
