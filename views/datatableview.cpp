#include "datatableview.h"

#include "datedelegate.h"
#include "itemmodels/pagedquerymodel.h"
#include "moneydelegate.h"
#include "statusdelegate.h"

#include <QHeaderView>
#include <QKeyEvent>
#include <QSettings>
#include <QSignalBlocker>

namespace campdesk {

DataTableView::DataTableView(QWidget* parent)
    : QTableView(parent)
{
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setAlternatingRowColors(true);
    setWordWrap(false);
    setTextElideMode(Qt::ElideRight);
    setSortingEnabled(true);
    verticalHeader()->hide();
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 10);
    horizontalHeader()->setSectionsMovable(true);
    horizontalHeader()->setStretchLastSection(true);
    horizontalHeader()->setMinimumSectionSize(50);
    horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    connect(this, &QAbstractItemView::doubleClicked, this, [this](const QModelIndex& index) {
        if (m_model && index.isValid())
            emit activatedId(m_model->idAt(index.row()));
    });
}

DataTableView::~DataTableView()
{
    saveLayout();
}

void DataTableView::setPagedModel(PagedQueryModel* model)
{
    m_model = model;
    setModel(model);
    auto* status = new StatusDelegate(this);
    auto* money = new MoneyDelegate(this);
    auto* date = new DateDelegate(this);
    for (int column = 0; column < model->columnCount(); ++column) {
        switch (model->kindOf(column)) {
        case CellKind::Status:
            setItemDelegateForColumn(column, status);
            break;
        case CellKind::Money:
            setItemDelegateForColumn(column, money);
            break;
        case CellKind::Date:
            setItemDelegateForColumn(column, date);
            break;
        default:
            break;
        }
    }
    horizontalHeader()->setSortIndicator(model->sortColumn(), model->sortOrder());
    // A click on a column that does not sort leaves the order (and its indicator) as it was.
    connect(horizontalHeader(), &QHeaderView::sortIndicatorChanged, this, [this](int column, Qt::SortOrder) {
        if (m_model && !m_model->isSortable(column)) {
            QSignalBlocker blocker(horizontalHeader());
            horizontalHeader()->setSortIndicator(m_model->sortColumn(), m_model->sortOrder());
        }
    });
}

void DataTableView::showEvent(QShowEvent* event)
{
    QTableView::showEvent(event);
    // Fitted when first shown (fonts and contents are known then), unless the user's own layout was restored.
    if (m_sized || !m_model)
        return;
    m_sized = true;
    resizeColumnsToContents();
    for (int column = 0; column < m_model->columnCount(); ++column)
        setColumnWidth(column, std::clamp(columnWidth(column) + 16, 70, 320));
}

QString DataTableView::settingsKey() const
{
    return QStringLiteral("users/%1/tables/%2/header").arg(m_username, m_table);
}

void DataTableView::rememberLayout(const QString& username, const QString& table)
{
    m_username = username;
    m_table = table;
    const QByteArray state = QSettings().value(settingsKey()).toByteArray();
    if (!state.isEmpty()) {
        horizontalHeader()->restoreState(state); // sorts through the model: the database does the work
        m_sized = true;
        setProperty("layoutRestored", true); // the user's own widths: no ColumnFitter changes them
    }
}

void DataTableView::saveLayout() const
{
    if (m_table.isEmpty())
        return;
    QSettings().setValue(settingsKey(), horizontalHeader()->saveState());
}

qint64 DataTableView::selectedId() const
{
    if (!m_model || !selectionModel())
        return 0;
    const QModelIndexList rows = selectionModel()->selectedRows();
    return rows.isEmpty() ? 0 : m_model->idAt(rows.first().row());
}

bool DataTableView::selectId(qint64 id)
{
    const int row = m_model ? m_model->rowOfId(id) : -1;
    if (row < 0)
        return false;
    selectRow(row);
    scrollTo(m_model->index(row, 0));
    return true;
}

void DataTableView::keyPressEvent(QKeyEvent* event)
{
    if ((event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) && selectedId() != 0) {
        emit activatedId(selectedId());
        return;
    }
    QTableView::keyPressEvent(event);
}

} // namespace campdesk
