#pragma once

#include <QTableView>

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

    // Remembers the header layout (widths, order, hidden columns, sort) under settings key
    // "users/<username>/tables/<table>" and restores it now.
    void rememberLayout(const QString& username, const QString& table);
    void saveLayout() const;

    qint64 selectedId() const; // 0 when nothing is selected
    bool selectId(qint64 id); // false when the row is not loaded

signals:
    void activatedId(qint64 id); // double-click or Enter on a row

protected:
    void keyPressEvent(QKeyEvent* event) override;
    void showEvent(QShowEvent* event) override;

private:
    QString settingsKey() const;

    PagedQueryModel* m_model = nullptr;
    QString m_username;
    QString m_table;
    bool m_sized = false; // columns fitted to their contents (or restored) once
};

} // namespace campdesk
