#include "tablepage.h"

#include "columnfitter.h"
#include "datatableview.h"
#include "itemmodels/csvexport.h"
#include "itemmodels/pagedquerymodel.h"
#include "refreshwhileshown.h"

#include <QAction>
#include <QComboBox>
#include <QDateEdit>
#include <QDateTime>
#include <QEventLoop>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressDialog>
#include <QScrollBar>
#include <QSplitter>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>
#include <algorithm>

namespace campdesk {

namespace {
const QDate anyDate(2000, 1, 1); // the date edits' minimum, shown as "Any"
}

TablePage::TablePage(const QString& title, const QString& tableKey, PagedQueryModel* model, const Actor& actor,
                     QWidget* parent)
    : Page(parent)
    , m_tableKey(tableKey)
    , m_model(model)
    , m_actor(actor)
    , m_toolBar(new QToolBar(this))
    , m_filterBar(new QHBoxLayout)
    , m_textDelay(new QTimer(this))
    , m_view(new DataTableView(this))
    , m_splitter(new QSplitter(Qt::Vertical, this))
    , m_count(new QLabel(this))
{
    model->setParent(this);
    refreshWhileShown(this, model->refreshGate());
    m_toolBar->setObjectName(tableKey + QStringLiteral("ToolBar"));
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_toolBar->setIconSize(QSize(18, 18));
    m_view->setObjectName(tableKey + QStringLiteral("Table"));
    m_view->setPagedModel(model);
    m_view->rememberLayout(actor.name, tableKey);
    ColumnFitter::forPagedView(m_view);
    m_count->setObjectName(tableKey + QStringLiteral("Count"));
    m_textDelay->setSingleShot(true);
    m_textDelay->setInterval(250); // typing a name does not run a query per key

    auto* title_ = new QLabel(QStringLiteral("<h2>%1</h2>").arg(title.toHtmlEscaped()), this);
    auto* bar = new QHBoxLayout;
    bar->addWidget(m_toolBar);
    bar->addStretch(1);
    bar->addLayout(m_filterBar);
    m_splitter->addWidget(m_view);
    m_splitter->setChildrenCollapsible(false);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(title_);
    layout->addLayout(bar);
    layout->addWidget(m_splitter, 1);
    layout->addWidget(m_count);

    connect(model, &QAbstractItemModel::rowsInserted, this, &TablePage::updateCount);
    connect(model, &QAbstractItemModel::rowsRemoved, this, &TablePage::updateCount);
    connect(model, &QAbstractItemModel::modelReset, this, &TablePage::updateCount);
    connect(model, &PagedQueryModel::loadFailed, m_count, &QLabel::setText);
    // A read on the worker (a new sort or search over many rows) shows that rows are coming, not a frozen window.
    connect(model, &PagedQueryModel::loadingChanged, this, [this](bool loading) {
        if (loading)
            m_view->viewport()->setCursor(Qt::BusyCursor);
        else
            m_view->viewport()->unsetCursor();
        updateCount();
    });
    updateCount();

    // A refresh after an event re-reads what the table shows, not every row the user ever scrolled through.
    auto visibleRows = [this] {
        const int first = m_view->rowAt(0);
        const int last = m_view->rowAt(m_view->viewport()->height() - 1);
        m_model->setVisibleRows(first, last < 0 ? m_model->rowCount() - 1 : last);
    };
    connect(m_view->verticalScrollBar(), &QScrollBar::valueChanged, this, visibleRows);
    connect(m_view->verticalScrollBar(), &QScrollBar::rangeChanged, this, visibleRows);
    visibleRows();
}

void TablePage::widenForHint(QLineEdit* edit, int minimumWidth)
{
    // The hint says what the field searches: cut short, it no longer does.
    const int hintWidth = edit->fontMetrics().horizontalAdvance(edit->placeholderText()) + 40;
    edit->setMinimumWidth(std::clamp(hintWidth, minimumWidth, std::max(minimumWidth, 440)));
}

void TablePage::addTextFilter(const QString& placeholder, std::function<void(const QString&)> apply)
{
    m_text = new QLineEdit(this);
    m_text->setObjectName(m_tableKey + QStringLiteral("Filter"));
    m_text->setPlaceholderText(placeholder);
    m_text->setClearButtonEnabled(true);
    widenForHint(m_text, 260);
    m_filterBar->addWidget(m_text, 1);
    connect(m_text, &QLineEdit::textChanged, m_textDelay, qOverload<>(&QTimer::start));
    connect(m_textDelay, &QTimer::timeout, this, [this, apply] { apply(m_text->text()); });
    // Enter applies at once.
    connect(m_text, &QLineEdit::returnPressed, this, [this, apply] {
        m_textDelay->stop();
        apply(m_text->text());
    });
    auto* find = new QAction(this);
    find->setShortcut(QKeySequence::Find);
    connect(find, &QAction::triggered, m_text, [this] {
        m_text->setFocus(Qt::ShortcutFocusReason);
        m_text->selectAll();
    });
    addAction(find);
}

void TablePage::addStatusFilter(const QList<std::pair<QString, QString>>& items,
                                std::function<void(const QString&)> apply)
{
    m_status = new QComboBox(this);
    m_status->setObjectName(m_tableKey + QStringLiteral("Status"));
    for (const auto& [label, key] : items)
        m_status->addItem(label, key);
    m_filterBar->addWidget(m_status);
    connect(m_status, &QComboBox::currentIndexChanged, this,
            [this, apply] { apply(m_status->currentData().toString()); });
}

void TablePage::addDateRange(std::function<void(const QDate&, const QDate&)> apply)
{
    auto makeEdit = [this](const QString& name) {
        auto* edit = new QDateEdit(this);
        edit->setObjectName(m_tableKey + name);
        edit->setCalendarPopup(true);
        edit->setMinimumDate(anyDate);
        edit->setSpecialValueText(tr("Any"));
        edit->setDate(anyDate);
        edit->setDisplayFormat(QLocale().dateFormat(QLocale::ShortFormat));
        return edit;
    };
    m_from = makeEdit(QStringLiteral("From"));
    m_to = makeEdit(QStringLiteral("To"));
    m_filterBar->addWidget(new QLabel(tr("From"), this));
    m_filterBar->addWidget(m_from);
    m_filterBar->addWidget(new QLabel(tr("to"), this));
    m_filterBar->addWidget(m_to);
    auto changed = [this, apply] {
        apply(m_from->date() == anyDate ? QDate() : m_from->date(), m_to->date() == anyDate ? QDate() : m_to->date());
    };
    connect(m_from, &QDateEdit::dateChanged, this, changed);
    connect(m_to, &QDateEdit::dateChanged, this, changed);
}

void TablePage::setDetailWidget(QWidget* widget)
{
    m_splitter->addWidget(widget);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
}

void TablePage::updateCount()
{
    const int rows = m_model->rowCount();
    if (m_model->isLoading()) {
        m_count->setText(tr("Reading rows…"));
        return;
    }
    m_count->setText(m_model->canFetchMore(QModelIndex()) ? tr("%n rows loaded; more load as you scroll", nullptr, rows)
                                                          : tr("%n rows", nullptr, rows));
}

void TablePage::refresh()
{
    m_model->refresh();
}

Page::ExportOutcome TablePage::exportToFile(const QString& path, QString* error)
{
    CsvExport job(*m_model);
    QProgressDialog dialog(tr("Exporting…"), tr("Cancel"), 0, 0, this);
    dialog.setObjectName(QStringLiteral("exportProgress"));
    dialog.setWindowTitle(tr("Export"));
    dialog.setWindowModality(Qt::WindowModal);
    dialog.setMinimumDuration(0);
    dialog.setAutoClose(false);
    dialog.setAutoReset(false);
    QEventLoop loop;
    connect(&job, &CsvExport::progress, &dialog,
            [&dialog](qint64 rows) { dialog.setLabelText(tr("%n rows written", nullptr, int(rows))); });
    connect(&dialog, &QProgressDialog::canceled, &job, &CsvExport::cancel);
    connect(&job, &CsvExport::finished, &loop, &QEventLoop::quit);
    job.start(path);
    dialog.show();
    loop.exec();
    switch (job.outcome()) {
    case CsvExport::Outcome::Written:
        return ExportOutcome::Written;
    case CsvExport::Outcome::Cancelled:
        return ExportOutcome::Cancelled;
    case CsvExport::Outcome::Failed:
        break;
    }
    if (error)
        *error = job.errorMessage();
    return ExportOutcome::Failed;
}

QString TablePage::exportFileName() const
{
    return QStringLiteral("%1-%2.csv").arg(m_tableKey, QDate::currentDate().toString(Qt::ISODate));
}

} // namespace campdesk
