#include "datatableview.h"

#include "datedelegate.h"
#include "itemmodels/pagedquerymodel.h"
#include "moneydelegate.h"
#include "statusdelegate.h"

#include <QGuiApplication>
#include <QHeaderView>
#include <QKeyEvent>
#include <QMenu>
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
    connect(horizontalHeader(), &QHeaderView::sectionMoved, this, [this] { m_laidOutByUser = true; });
    horizontalHeader()->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(horizontalHeader(), &QWidget::customContextMenuRequested, this, &DataTableView::showColumnsMenu);
    connect(horizontalHeader(), &QHeaderView::sectionResized, this, [this] {
        // A drag on the header (a button is down) is the user's; the fitting is not.
        if (isVisible() && QGuiApplication::mouseButtons() != Qt::NoButton)
            m_laidOutByUser = true;
    });
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
    if (m_hiddenByUser && m_model) {
        for (int column = 0; column < m_model->columnCount(); ++column)
            setColumnHidden(column, m_hiddenByUser->contains(column));
        m_hiddenByUser.reset();
    }
    QTableView::showEvent(event);
    // Fitted when first shown (fonts and contents are known then), unless the user's own layout was restored.
    if (m_sized || !m_model)
        return;
    m_sized = true;
    resizeColumnsToContents();
    for (int column = 0; column < m_model->columnCount(); ++column)
        setColumnWidth(column, std::clamp(columnWidth(column) + 16, 70, 320));
}

QString DataTableView::settingsKey(const char* what) const
{
    return QStringLiteral("users/%1/tables/%2/%3").arg(m_username, m_table, QLatin1String(what));
}

void DataTableView::rememberLayout(const QString& username, const QString& table)
{
    m_username = username;
    m_table = table;
    const QSettings settings;
    if (settings.contains(settingsKey("hidden")) && m_model) {
        QList<int> hidden;
        for (const QString& column :
             settings.value(settingsKey("hidden")).toString().split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
            bool number = false;
            const int c = column.toInt(&number);
            if (number && c >= 0 && c < m_model->columnCount())
                hidden << c;
        }
        if (int(hidden.size()) < m_model->columnCount()) // never a table without a column
            m_hiddenByUser = hidden;
    }
    const QByteArray layout = settings.value(settingsKey("layout")).toByteArray();
    if (!layout.isEmpty() && horizontalHeader()->restoreState(layout)) { // sorts through the model, too
        m_sized = true;
        m_laidOutByUser = true;
        setProperty("layoutRestored", true); // the user's own widths: no ColumnFitter changes them
        return;
    }
    const QStringList sort = settings.value(settingsKey("sort")).toString().split(QLatin1Char(' '));
    bool column = false;
    bool order = false;
    const int sortColumn = sort.value(0).toInt(&column);
    const int sortOrder = sort.value(1).toInt(&order);
    if (column && order && m_model && sortColumn >= 0 && sortColumn < m_model->columnCount()
        && m_model->isSortable(sortColumn) && (sortOrder == Qt::AscendingOrder || sortOrder == Qt::DescendingOrder))
        horizontalHeader()->setSortIndicator(sortColumn, Qt::SortOrder(sortOrder));
}

void DataTableView::saveLayout() const
{
    if (m_table.isEmpty())
        return;
    QSettings settings;
    // Before stop 24 every layout was kept, the first window's fitting too: that key is dropped.
    settings.remove(settingsKey("header"));
    if (m_laidOutByUser)
        settings.setValue(settingsKey("layout"), horizontalHeader()->saveState());
    else
        settings.remove(settingsKey("layout"));
    settings.setValue(settingsKey("sort"),
                      QStringLiteral("%1 %2")
                          .arg(horizontalHeader()->sortIndicatorSection())
                          .arg(int(horizontalHeader()->sortIndicatorOrder())));
}

QMenu* DataTableView::showColumnsMenu(const QPoint& headerPos)
{
    if (!m_model)
        return nullptr;
    auto* menu = new QMenu(this);
    menu->setObjectName(QStringLiteral("columnsMenu"));
    menu->setAttribute(Qt::WA_DeleteOnClose);
    QHeaderView* header = horizontalHeader();
    int shown = 0;
    for (int column = 0; column < m_model->columnCount(); ++column)
        shown += isColumnHidden(column) ? 0 : 1;
    for (int visual = 0; visual < header->count(); ++visual) {
        const int column = header->logicalIndex(visual);
        QAction* action = menu->addAction(m_model->headerData(column, Qt::Horizontal).toString());
        action->setObjectName(QStringLiteral("column%1").arg(column));
        action->setCheckable(true);
        action->setChecked(!isColumnHidden(column));
        action->setEnabled(isColumnHidden(column) || shown > 1);
        connect(action, &QAction::toggled, this, [this, column](bool show) {
            setColumnHidden(column, !show);
            if (m_table.isEmpty())
                return;
            QStringList hidden;
            for (int c = 0; c < m_model->columnCount(); ++c) {
                if (isColumnHidden(c))
                    hidden << QString::number(c);
            }
            QSettings().setValue(settingsKey("hidden"), hidden.join(QLatin1Char(' ')));
        });
    }
    menu->popup(header->viewport()->mapToGlobal(headerPos));
    return menu;
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
