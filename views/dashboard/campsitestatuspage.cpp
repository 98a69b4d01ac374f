#include "campsitestatuspage.h"

#include "admin/columnfitter.h"
#include "domain/campsite.h"
#include "itemmodels/campsitestatusmodel.h"
#include "itemmodels/campsitestatusproxy.h"
#include "refreshwhileshown.h"
#include "sitestatedelegate.h"

#include <QComboBox>
#include <QDate>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QTableView>
#include <QVBoxLayout>

namespace campdesk {

CampsiteStatusPage::CampsiteStatusPage(CampsiteStatusModel* model, QWidget* parent)
    : QWidget(parent)
    , m_model(model)
    , m_proxy(new CampsiteStatusProxy(this))
    , m_filter(new QLineEdit(this))
    , m_state(new QComboBox(this))
    , m_count(new QLabel(this))
    , m_table(new QTableView(this))
{
    setObjectName(QStringLiteral("campsiteStatusPage"));
    m_proxy->setSourceModel(m_model);
    refreshWhileShown(this, m_model->refreshGate());

    m_filter->setObjectName(QStringLiteral("campsiteStatusFilter"));
    m_filter->setPlaceholderText(tr("Find a campsite, zone or guest"));
    m_filter->setClearButtonEnabled(true);
    m_state->setObjectName(QStringLiteral("campsiteStatusState"));
    m_state->addItem(tr("All states"));
    using State = CampsiteStatusModel::SiteState;
    for (State state : { State::Free, State::ArrivingToday, State::Occupied, State::DepartingToday, State::Maintenance,
                         State::Retired })
        m_state->addItem(CampsiteStatusModel::stateName(state), int(state));
    m_count->setObjectName(QStringLiteral("campsiteStatusCount"));

    m_table->setObjectName(QStringLiteral("campsiteStatusTable"));
    m_table->setModel(m_proxy);
    m_table->setItemDelegateForColumn(CampsiteStatusModel::State, new SiteStateDelegate(m_table));
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(CampsiteStatusModel::Code, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    // Uniform row heights and fixed-width columns keep 2,000 rows cheap to lay out.
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    QHeaderView* header = m_table->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setStretchLastSection(true);
    // Widths from the longest text each column can show, in this language and font, so nothing is cut off and
    // 2,000 rows need not be measured.
    const QFontMetrics text = m_table->fontMetrics();
    QFont boldFont = m_table->font();
    boldFont.setBold(true);
    const QFontMetrics bold(boldFont);
    const QLocale locale;
    QStringList kinds;
    for (CampsiteKind kind : allCampsiteKinds())
        kinds << campsiteKindName(kind);
    QStringList states;
    for (State state : { State::Free, State::ArrivingToday, State::Occupied, State::DepartingToday, State::Maintenance,
                         State::Retired })
        states << CampsiteStatusModel::stateName(state);
    const QString date = locale.toString(QDate(2026, 12, 31), QLocale::ShortFormat);
    const QList<QStringList> samples {
        { QStringLiteral("WW-000") },
        { QStringLiteral("바람언덕 100"), QStringLiteral("Sunrise 100") },
        kinds,
        { QStringLiteral("WW") },
        states,
        { CampsiteStatusModel::tr("%1 (%n guest(s), until %2)", nullptr, 4).arg(QStringLiteral("Sofia Wilson"), date) },
        { CampsiteStatusModel::tr("%1, %2").arg(date, QStringLiteral("Sofia Wilson")) },
        { CampsiteStatusModel::tr("%1% (%n night(s))", nullptr, 30).arg(locale.toString(100)) },
        { locale.toString(qlonglong(999999999)) + QStringLiteral("₩") },
    };
    for (int column = 0; column < samples.size(); ++column) {
        const QFontMetrics& metrics = column == CampsiteStatusModel::State ? bold : text;
        int width = text.horizontalAdvance(m_model->headerData(column, Qt::Horizontal).toString()) + 24;
        for (const QString& sample : samples.at(column))
            width = std::max(width, metrics.horizontalAdvance(sample) + 16);
        m_table->setColumnWidth(column, width);
    }
    // Names and zones are the campground's own: as wide as the longest one (a string per site is cheap to measure),
    // within a limit so the guest and arrival columns stay on screen.
    for (const auto& [column, limit] :
         { std::pair(int(CampsiteStatusModel::Name), 240), std::pair(int(CampsiteStatusModel::Zone), 160) }) {
        int width = m_table->columnWidth(column);
        for (int row = 0; row < m_model->rowCount(); ++row)
            width = std::max(width, text.horizontalAdvance(m_model->index(row, column).data().toString()) + 16);
        m_table->setColumnWidth(column, std::min(width, limit));
    }
    // Within the page's width: the guest and arrival texts elide first (tooltips show them), code and state stay.
    new ColumnFitter(m_table,
                     { CampsiteStatusModel::Name, CampsiteStatusModel::Zone, CampsiteStatusModel::CurrentGuest,
                       CampsiteStatusModel::NextArrival },
                     { CampsiteStatusModel::Code, CampsiteStatusModel::State }, false);

    connect(m_filter, &QLineEdit::textChanged, m_proxy, &CampsiteStatusProxy::setText);
    connect(m_state, &QComboBox::currentIndexChanged, this, [this] {
        const QVariant data = m_state->currentData();
        m_proxy->setState(data.isValid() ? std::optional(CampsiteStatusModel::SiteState(data.toInt())) : std::nullopt);
    });
    // The proxy drops a row when the source is about to: the source's own count is right only once it has.
    for (QAbstractItemModel* model :
         { static_cast<QAbstractItemModel*>(m_proxy), static_cast<QAbstractItemModel*>(m_model) }) {
        connect(model, &QAbstractItemModel::rowsInserted, this, &CampsiteStatusPage::updateCount);
        connect(model, &QAbstractItemModel::rowsRemoved, this, &CampsiteStatusPage::updateCount);
    }
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &CampsiteStatusPage::updateCount);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, &CampsiteStatusPage::updateCount);

    auto* bar = new QHBoxLayout;
    bar->addWidget(m_filter, 1);
    bar->addWidget(m_state);
    bar->addWidget(m_count);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(m_table, 1);
    updateCount();
}

CampsiteStatusPage::CampsiteStatusPage(DashboardQueries& queries, EventBus* bus, QWidget* parent)
    : CampsiteStatusPage(new CampsiteStatusModel(queries, bus), parent)
{
    m_model->setParent(this);
}

void CampsiteStatusPage::updateCount()
{
    const QLocale locale;
    m_count->setText(
        tr("%1 of %2 campsites").arg(locale.toString(m_proxy->rowCount()), locale.toString(m_model->rowCount())));
}

} // namespace campdesk
