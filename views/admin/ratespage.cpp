#include "ratespage.h"

#include "core/money.h"
#include "dialogs/fieldmessage.h"
#include "dialogs/numberedit.h"
#include "extrastab.h"

#include <QComboBox>
#include <QDateEdit>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

namespace campdesk {

namespace {

// Month-days are edited as dates of a leap year (02-29 exists); only the month and day are kept.
constexpr int editYear = 2024;
const char* const priceColumns[] = { "weekday", "weekend", "holiday" };

QLabel* errorLabel(QWidget* parent, const QString& name)
{
    auto* label = new QLabel(parent);
    label->setObjectName(name);
    label->setWordWrap(true);
    label->setStyleSheet(QStringLiteral("color: #c62828;"));
    return label;
}

QTableWidget* table(QWidget* parent, const QString& name, const QStringList& headers)
{
    auto* t = new QTableWidget(0, int(headers.size()), parent);
    t->setObjectName(name);
    t->setHorizontalHeaderLabels(headers);
    t->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    t->verticalHeader()->hide();
    t->setSelectionBehavior(QAbstractItemView::SelectRows);
    return t;
}

QTableWidgetItem* readOnly(const QString& text)
{
    auto* item = new QTableWidgetItem(text);
    item->setFlags(item->flags() & ~Qt::ItemIsEditable);
    return item;
}

// A cell as a price: empty is 0, text that is no whole number is nullopt.
std::optional<qint64> cellNumber(const QTableWidgetItem* item)
{
    QString text = item ? item->text().trimmed() : QString();
    text.remove(QLatin1Char(',')).remove(QLatin1Char(' '));
    if (text.isEmpty())
        return 0;
    bool ok = false;
    const qint64 value = text.toLongLong(&ok);
    return ok ? std::optional<qint64>(value) : std::nullopt;
}

} // namespace

RatesPage::RatesPage(std::unique_ptr<RatePlanService> rates, CampsiteService& campsites, const Actor& actor,
                     QWidget* parent, std::unique_ptr<ExtrasService> extras)
    : Page(parent)
    , m_rates(std::move(rates))
    , m_campsites(campsites)
    , m_actor(actor)
    , m_tabs(new QTabWidget(this))
{
    m_tabs->setObjectName(QStringLiteral("rateTabs"));
    m_tabs->addTab(buildSeasons(), tr("Seasons"));
    m_tabs->addTab(buildHolidays(), tr("Holidays"));
    m_tabs->addTab(buildClosed(), tr("Closed dates"));
    m_tabs->addTab(buildOccupancy(), tr("Guests and vehicles"));
    m_tabs->addTab(buildPreview(), tr("Preview"));
    if (extras) {
        m_extrasTab = new ExtrasTab(
            std::move(extras), [this] { return m_campsites.maxNightlyPrice(); }, m_actor, this);
        m_tabs->addTab(m_extrasTab, tr("Extras"));
    }
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(QStringLiteral("<h2>%1</h2>").arg(tr("Rates")), this));
    layout->addWidget(m_tabs, 1);
    refresh();
}

RatesPage::~RatesPage() = default;

QWidget* RatesPage::buildSeasons()
{
    auto* page = new QWidget(this);
    m_seasonList = new QListWidget(page);
    m_seasonList->setObjectName(QStringLiteral("seasonList"));
    auto* add = new QPushButton(tr("New season"), page);
    add->setObjectName(QStringLiteral("newSeason"));
    m_removeSeason = new QPushButton(tr("Remove the season"), page);
    m_removeSeason->setObjectName(QStringLiteral("removeSeason"));
    auto* listButtons = new QHBoxLayout;
    listButtons->addWidget(add);
    listButtons->addWidget(m_removeSeason);
    auto* left = new QVBoxLayout;
    left->addWidget(m_seasonList, 1);
    left->addLayout(listButtons);

    m_seasonName = new QLineEdit(page);
    m_seasonName->setObjectName(QStringLiteral("name"));
    m_seasonName->setMaxLength(60);
    m_band = new QComboBox(page);
    m_band->setObjectName(QStringLiteral("band"));
    for (const QString& band : rateBandCodes())
        m_band->addItem(rateBandName(band), band);
    m_from = new QDateEdit(page);
    m_from->setObjectName(QStringLiteral("from"));
    m_to = new QDateEdit(page);
    m_to->setObjectName(QStringLiteral("to"));
    for (QDateEdit* edit : { m_from, m_to }) {
        edit->setDisplayFormat(QStringLiteral("MM-dd"));
        edit->setDateRange(QDate(editYear, 1, 1), QDate(editYear, 12, 31));
        edit->setCalendarPopup(true);
    }
    m_minWeekday = new NumberEdit(page);
    m_minWeekday->setObjectName(QStringLiteral("minNightsWeekday"));
    m_minWeekday->setRange(1, 60);
    m_minWeekend = new NumberEdit(page);
    m_minWeekend->setObjectName(QStringLiteral("minNightsWeekend"));
    m_minWeekend->setRange(1, 60);
    auto row = [this, page](QWidget* field, const QString& unit = QString()) {
        auto* r = new FieldMessage(field, page, unit);
        m_seasonRows.append(r);
        return r;
    };
    auto* form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(tr("Name"), row(m_seasonName));
    form->addRow(tr("Band"), row(m_band));
    //: the first and last day of a season, repeated every year
    form->addRow(tr("From (month-day)"), row(m_from));
    form->addRow(tr("To (month-day)"), row(m_to));
    //: unit after a number of nights
    form->addRow(tr("Minimum stay"), row(m_minWeekday, tr("nights")));
    form->addRow(tr("Minimum stay with a Saturday night"), row(m_minWeekend, tr("nights")));

    QStringList headers;
    headers << tr("Site kind or site") << tr("Weekday") << tr("Weekend") << tr("Holiday");
    m_prices = table(page, QStringLiteral("seasonPrices"), headers);
    m_prices->setRowCount(int(allCampsiteKinds().size()));
    int r = 0;
    for (CampsiteKind kind : allCampsiteKinds()) {
        auto* name = readOnly(campsiteKindName(kind));
        name->setData(Qt::UserRole, SeasonPrice::kindScope(kind));
        m_prices->setItem(r, 0, name);
        for (int c = 1; c <= 3; ++c)
            m_prices->setItem(r, c, new QTableWidgetItem);
        ++r;
    }
    m_prices->setMinimumHeight(170);
    // A site's own prices in this season (they win over its kind's): a row of their own under the kinds.
    m_sitePriceSite = new QComboBox(page);
    m_sitePriceSite->setObjectName(QStringLiteral("sitePriceSite"));
    auto* addSitePrice = new QPushButton(tr("Add the site's own prices"), page);
    addSitePrice->setObjectName(QStringLiteral("addSitePrice"));
    m_removeSitePrice = new QPushButton(tr("Remove the site's prices"), page);
    m_removeSitePrice->setObjectName(QStringLiteral("removeSitePrice"));
    m_removeSitePrice->setEnabled(false);
    auto* siteRow = new QHBoxLayout;
    siteRow->addWidget(m_sitePriceSite, 1);
    siteRow->addWidget(addSitePrice);
    siteRow->addWidget(m_removeSitePrice);
    m_seasonMessage = errorLabel(page, QStringLiteral("seasonMessage"));
    m_saveSeason = new QPushButton(tr("&Save season"), page);
    m_saveSeason->setObjectName(QStringLiteral("saveSeason"));
    auto* saveRow = new QHBoxLayout;
    saveRow->addWidget(m_seasonMessage, 1);
    saveRow->addWidget(m_saveSeason);

    auto* editor = new QGroupBox(tr("Season"), page);
    auto* editorLayout = new QVBoxLayout(editor);
    editorLayout->addLayout(form);
    editorLayout->addWidget(new QLabel(tr("Prices per night in won. An empty weekend or holiday price is the "
                                          "weekday or weekend one; a kind without a weekday price keeps its sites' "
                                          "own prices."),
                                       editor));
    editorLayout->itemAt(editorLayout->count() - 1)->widget()->setProperty("wordWrap", true);
    editorLayout->addWidget(m_prices, 1);
    editorLayout->addLayout(siteRow);
    editorLayout->addLayout(saveRow);

    auto* layout = new QHBoxLayout(page);
    layout->addLayout(left, 1);
    layout->addWidget(editor, 2);

    connect(m_seasonList, &QListWidget::currentRowChanged, this, [this](int index) {
        if (index >= 0 && index < m_seasons.size())
            showSeason(m_seasons.at(index));
    });
    connect(add, &QPushButton::clicked, this, [this] {
        m_seasonList->clearSelection();
        showSeason(Season {});
    });
    connect(m_removeSeason, &QPushButton::clicked, this, [this] {
        if (m_seasonId == 0)
            return;
        if (Status s = m_rates->removeSeason(m_actor, m_seasonId); !s.ok()) {
            m_seasonMessage->setText(s.error().message);
            return;
        }
        refresh();
    });
    for (QLineEdit* edit : std::initializer_list<QLineEdit*> { m_seasonName, m_minWeekday, m_minWeekend })
        connect(edit, &QLineEdit::textChanged, this, &RatesPage::revalidateSeason);
    connect(m_band, &QComboBox::currentIndexChanged, this, &RatesPage::revalidateSeason);
    connect(m_from, &QDateEdit::dateChanged, this, &RatesPage::revalidateSeason);
    connect(m_to, &QDateEdit::dateChanged, this, &RatesPage::revalidateSeason);
    connect(m_prices, &QTableWidget::itemChanged, this, &RatesPage::revalidateSeason);
    connect(addSitePrice, &QPushButton::clicked, this, [this] {
        const qint64 siteId = m_sitePriceSite->currentData().toLongLong();
        if (siteId == 0)
            return;
        int row = sitePriceRow(siteId);
        if (row < 0) {
            row = addSitePriceRow(siteId);
            revalidateSeason();
        }
        m_prices->setCurrentCell(row, 1);
        m_prices->editItem(m_prices->item(row, 1));
    });
    connect(m_removeSitePrice, &QPushButton::clicked, this, [this] {
        const int row = m_prices->currentRow();
        if (row < int(allCampsiteKinds().size()))
            return; // the kinds' rows stay; only a site's own row goes
        m_prices->removeRow(row);
        revalidateSeason();
    });
    connect(m_prices, &QTableWidget::currentCellChanged, this,
            [this](int row) { m_removeSitePrice->setEnabled(row >= int(allCampsiteKinds().size())); });
    connect(m_saveSeason, &QPushButton::clicked, this, &RatesPage::saveSeason);
    return page;
}

QWidget* RatesPage::buildHolidays()
{
    auto* page = new QWidget(this);
    m_holidays = table(page, QStringLiteral("holidays"), { tr("Date"), tr("Holiday") });
    m_holidayDay = new QDateEdit(QDate::currentDate(), page);
    m_holidayDay->setObjectName(QStringLiteral("holidayDay"));
    m_holidayDay->setCalendarPopup(true);
    m_holidayDay->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    m_holidayName = new QLineEdit(page);
    m_holidayName->setObjectName(QStringLiteral("holidayName"));
    m_holidayRow = new FieldMessage(m_holidayName, page);
    auto* add = new QPushButton(tr("Add or rename"), page);
    add->setObjectName(QStringLiteral("addHoliday"));
    auto* remove = new QPushButton(tr("Remove the holiday"), page);
    remove->setObjectName(QStringLiteral("removeHoliday"));
    auto* form = new QHBoxLayout;
    form->addWidget(m_holidayDay);
    form->addWidget(m_holidayRow, 1);
    form->addWidget(add);
    form->addWidget(remove);
    auto* layout = new QVBoxLayout(page);
    auto* hint = new QLabel(tr("A holiday night has the holiday price; the night before a holiday is priced as a "
                               "weekend night."),
                            page);
    hint->setWordWrap(true);
    layout->addWidget(hint);
    layout->addWidget(m_holidays, 1);
    layout->addLayout(form);
    connect(add, &QPushButton::clicked, this, [this] {
        Status s = m_rates->setHoliday(m_actor, { m_holidayDay->date(), m_holidayName->text() });
        m_holidayRow->setMessage(s.ok() ? QString() : s.error().message);
        if (s.ok()) {
            m_holidayName->clear();
            loadHolidays();
        }
    });
    connect(remove, &QPushButton::clicked, this, [this] {
        const int row = m_holidays->currentRow();
        if (row < 0)
            return;
        const QDate day = m_holidays->item(row, 0)->data(Qt::UserRole).toDate();
        Status s = m_rates->removeHoliday(m_actor, day);
        m_holidayRow->setMessage(s.ok() ? QString() : s.error().message);
        loadHolidays();
    });
    connect(m_holidays, &QTableWidget::currentCellChanged, this, [this](int row) {
        if (row >= 0 && m_holidays->item(row, 0)) {
            m_holidayDay->setDate(m_holidays->item(row, 0)->data(Qt::UserRole).toDate());
            m_holidayName->setText(m_holidays->item(row, 1)->text());
        }
    });
    return page;
}

QWidget* RatesPage::buildClosed()
{
    auto* page = new QWidget(this);
    m_closed = table(page, QStringLiteral("closedDates"), { tr("From"), tr("To"), tr("Reason") });
    m_closedFrom = new QDateEdit(QDate::currentDate(), page);
    m_closedFrom->setObjectName(QStringLiteral("closedFrom"));
    m_closedTo = new QDateEdit(QDate::currentDate(), page);
    m_closedTo->setObjectName(QStringLiteral("closedTo"));
    for (QDateEdit* edit : { m_closedFrom, m_closedTo }) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    }
    m_closedReason = new QLineEdit(page);
    m_closedReason->setObjectName(QStringLiteral("closedReason"));
    m_closedReason->setPlaceholderText(tr("Reason"));
    m_closedRow = new FieldMessage(m_closedTo, page);
    auto* add = new QPushButton(tr("Close these dates"), page);
    add->setObjectName(QStringLiteral("addClosed"));
    auto* remove = new QPushButton(tr("Open them again"), page);
    remove->setObjectName(QStringLiteral("removeClosed"));
    auto* form = new QHBoxLayout;
    form->addWidget(m_closedFrom);
    form->addWidget(m_closedRow);
    form->addWidget(m_closedReason, 1);
    form->addWidget(add);
    form->addWidget(remove);
    auto* layout = new QVBoxLayout(page);
    auto* hint = new QLabel(tr("No night from the first to the last day (both included) can be booked."), page);
    hint->setWordWrap(true);
    layout->addWidget(hint);
    layout->addWidget(m_closed, 1);
    layout->addLayout(form);
    connect(add, &QPushButton::clicked, this, [this] {
        ClosedDates closed;
        closed.from = m_closedFrom->date();
        closed.to = m_closedTo->date();
        closed.reason = m_closedReason->text();
        Result<ClosedDates> added = m_rates->addClosedDates(m_actor, closed);
        m_closedRow->setMessage(added.ok() ? QString() : added.error().message);
        if (added.ok()) {
            m_closedReason->clear();
            loadClosed();
        }
    });
    connect(remove, &QPushButton::clicked, this, [this] {
        const int row = m_closed->currentRow();
        if (row < 0)
            return;
        Status s = m_rates->removeClosedDates(m_actor, m_closed->item(row, 0)->data(Qt::UserRole).toLongLong());
        m_closedRow->setMessage(s.ok() ? QString() : s.error().message);
        loadClosed();
    });
    return page;
}

QWidget* RatesPage::buildOccupancy()
{
    auto* page = new QWidget(this);
    m_fees = table(
        page, QStringLiteral("occupancyFees"),
        { tr("Site kind"), tr("Extra adult"), tr("Extra child"), tr("Extra vehicle"), tr("Vehicles included") });
    m_bases = table(page, QStringLiteral("baseGuests"), { tr("Campsite"), tr("Most guests"), tr("Guests included") });
    m_occupancyMessage = errorLabel(page, QStringLiteral("occupancyMessage"));
    auto* save = new QPushButton(tr("Save fees and counts"), page);
    save->setObjectName(QStringLiteral("saveOccupancy"));
    auto* saveRow = new QHBoxLayout;
    saveRow->addWidget(m_occupancyMessage, 1);
    saveRow->addWidget(save);
    auto* layout = new QVBoxLayout(page);
    layout->addWidget(new QLabel(tr("Fees per person or vehicle per night, in won, above what a site's price "
                                    "includes. 0 guests included: every guest up to the site's maximum."),
                                 page));
    layout->itemAt(0)->widget()->setProperty("wordWrap", true);
    layout->addWidget(m_fees, 1);
    layout->addWidget(m_bases, 1);
    layout->addLayout(saveRow);
    connect(save, &QPushButton::clicked, this, &RatesPage::saveOccupancy);
    return page;
}

QWidget* RatesPage::buildPreview()
{
    auto* page = new QWidget(this);
    m_previewSite = new QComboBox(page);
    m_previewSite->setObjectName(QStringLiteral("previewSite"));
    m_previewMonth = new QDateEdit(QDate::currentDate(), page);
    m_previewMonth->setObjectName(QStringLiteral("previewMonth"));
    m_previewMonth->setDisplayFormat(QStringLiteral("yyyy-MM"));
    m_previewGuests = new QSpinBox(page);
    m_previewGuests->setObjectName(QStringLiteral("previewGuests"));
    m_previewGuests->setRange(1, 50);
    m_previewGuests->setValue(2);
    m_previewChildren = new QSpinBox(page);
    m_previewChildren->setObjectName(QStringLiteral("previewChildren"));
    m_previewChildren->setRange(0, 49);
    m_previewVehicles = new QSpinBox(page);
    m_previewVehicles->setObjectName(QStringLiteral("previewVehicles"));
    m_previewVehicles->setRange(0, 10);
    m_previewVehicles->setValue(1);
    m_previewSite->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_previewSite->setMinimumContentsLength(16);
    // Two rows, so the page fits a 1024-pixel screen in either language.
    auto* siteRow = new QHBoxLayout;
    siteRow->addWidget(new QLabel(tr("Campsite"), page));
    siteRow->addWidget(m_previewSite, 1);
    siteRow->addWidget(new QLabel(tr("Month"), page));
    siteRow->addWidget(m_previewMonth);
    auto* form = new QHBoxLayout;
    form->addWidget(new QLabel(tr("Guests"), page));
    form->addWidget(m_previewGuests);
    form->addWidget(new QLabel(tr("of them children"), page));
    form->addWidget(m_previewChildren);
    form->addWidget(new QLabel(tr("Vehicles"), page));
    form->addWidget(m_previewVehicles);
    form->addStretch(1);
    m_preview = table(page, QStringLiteral("preview"),
                      { tr("Night"), tr("Band"), tr("Day"), tr("Night price"), tr("With the party") });
    m_previewMessage = errorLabel(page, QStringLiteral("previewMessage"));
    auto* layout = new QVBoxLayout(page);
    layout->addLayout(siteRow);
    layout->addLayout(form);
    layout->addWidget(m_previewMessage);
    layout->addWidget(m_preview, 1);
    connect(m_previewSite, &QComboBox::currentIndexChanged, this, &RatesPage::updatePreview);
    connect(m_previewMonth, &QDateEdit::dateChanged, this, &RatesPage::updatePreview);
    for (QSpinBox* spin : { m_previewGuests, m_previewChildren, m_previewVehicles })
        connect(spin, &QSpinBox::valueChanged, this, &RatesPage::updatePreview);
    return page;
}

void RatesPage::refresh()
{
    // The sites first: a season's own site rows are named after them.
    Result<QList<Campsite>> sites = m_campsites.list(false);
    m_sites = sites.ok() ? sites.value() : QList<Campsite>();
    {
        const QSignalBlocker block(m_sitePriceSite);
        const qint64 chosen = m_sitePriceSite->currentData().toLongLong();
        m_sitePriceSite->clear();
        for (const Campsite& c : m_sites)
            m_sitePriceSite->addItem(QStringLiteral("%1 %2 (%3)").arg(c.code, c.name, campsiteKindName(c.kind)), c.id);
        m_sitePriceSite->setCurrentIndex(std::max(0, m_sitePriceSite->findData(chosen)));
    }
    Result<QList<Season>> seasons = m_rates->seasons();
    if (!seasons.ok()) {
        m_seasonMessage->setText(seasons.error().message);
        return;
    }
    m_seasons = seasons.value();
    {
        const QSignalBlocker block(m_seasonList);
        m_seasonList->clear();
        for (const Season& s : m_seasons)
            m_seasonList->addItem(QStringLiteral("%1 · %2 · %3–%4")
                                      .arg(s.name, rateBandName(s.band),
                                           QDate(editYear, s.fromMonth, s.fromDay).toString(QStringLiteral("MM-dd")),
                                           QDate(editYear, s.toMonth, s.toDay).toString(QStringLiteral("MM-dd"))));
    }
    const auto current
        = std::find_if(m_seasons.cbegin(), m_seasons.cend(), [this](const Season& s) { return s.id == m_seasonId; });
    if (current != m_seasons.cend()) {
        m_seasonList->setCurrentRow(int(current - m_seasons.cbegin()));
        showSeason(*current);
    } else if (!m_seasons.isEmpty()) {
        m_seasonList->setCurrentRow(0);
        showSeason(m_seasons.first());
    } else {
        showSeason(Season {});
    }
    {
        const QSignalBlocker block(m_previewSite);
        const qint64 chosen = m_previewSite->currentData().toLongLong();
        m_previewSite->clear();
        for (const Campsite& c : m_sites)
            m_previewSite->addItem(QStringLiteral("%1 %2 (%3)").arg(c.code, c.name, campsiteKindName(c.kind)), c.id);
        m_previewSite->setCurrentIndex(std::max(0, m_previewSite->findData(chosen)));
    }
    loadHolidays();
    loadClosed();
    loadOccupancy();
    updatePreview();
}

void RatesPage::showSeason(const Season& season)
{
    m_seasonId = season.id;
    const QSignalBlocker blockPrices(m_prices);
    m_seasonName->setText(season.name);
    m_band->setCurrentIndex(std::max(0, m_band->findData(season.band)));
    m_from->setDate(QDate(editYear, season.fromMonth, season.fromDay));
    m_to->setDate(QDate(editYear, season.toMonth, season.toDay));
    m_minWeekday->setValue(season.minNightsWeekday);
    m_minWeekend->setValue(season.minNightsWeekend);
    // The season's site rows, after the kinds' (sites no longer listed, e.g. retired, keep their row by id).
    m_prices->setRowCount(int(allCampsiteKinds().size()));
    for (const SeasonPrice& price : season.prices) {
        if (price.scope.startsWith(QLatin1String("site:")))
            addSitePriceRow(price.scope.mid(5).toLongLong());
    }
    for (int r = 0; r < m_prices->rowCount(); ++r) {
        const QString scope = m_prices->item(r, 0)->data(Qt::UserRole).toString();
        const auto price = std::find_if(season.prices.cbegin(), season.prices.cend(),
                                        [&](const SeasonPrice& p) { return p.scope == scope; });
        const qint64 values[]
            = { price != season.prices.cend() ? price->weekday : 0, price != season.prices.cend() ? price->weekend : 0,
                price != season.prices.cend() ? price->holiday : 0 };
        for (int c = 1; c <= 3; ++c) {
            m_prices->item(r, c)->setText(values[c - 1] > 0 ? QString::number(values[c - 1]) : QString());
            m_prices->item(r, c)->setBackground(QBrush());
        }
    }
    m_removeSeason->setEnabled(season.id != 0);
    revalidateSeason();
}

int RatesPage::sitePriceRow(qint64 siteId) const
{
    const QString scope = SeasonPrice::siteScope(siteId);
    for (int r = 0; r < m_prices->rowCount(); ++r) {
        if (m_prices->item(r, 0)->data(Qt::UserRole).toString() == scope)
            return r;
    }
    return -1;
}

int RatesPage::addSitePriceRow(qint64 siteId)
{
    const QSignalBlocker block(m_prices);
    const auto site = std::find_if(m_sites.cbegin(), m_sites.cend(), [&](const Campsite& c) { return c.id == siteId; });
    //: a row of the season's price table for one campsite, e.g. "Site A-01 Riverside"
    auto* name
        = readOnly(site != m_sites.cend() ? tr("Site %1 %2").arg(site->code, site->name) : tr("Site #%1").arg(siteId));
    name->setData(Qt::UserRole, SeasonPrice::siteScope(siteId));
    const int row = m_prices->rowCount();
    m_prices->insertRow(row);
    m_prices->setItem(row, 0, name);
    for (int c = 1; c <= 3; ++c)
        m_prices->setItem(row, c, new QTableWidgetItem);
    return row;
}

Season RatesPage::season() const
{
    Season s;
    s.id = m_seasonId;
    s.name = m_seasonName->text();
    s.band = m_band->currentData().toString();
    s.fromMonth = m_from->date().month();
    s.fromDay = m_from->date().day();
    s.toMonth = m_to->date().month();
    s.toDay = m_to->date().day();
    // A number that is not valid becomes one validateSeason() refuses, never a silently clamped one.
    s.minNightsWeekday = int(std::clamp<qint64>(m_minWeekday->number().value_or(0), -1, 1000));
    s.minNightsWeekend = int(std::clamp<qint64>(m_minWeekend->number().value_or(0), -1, 1000));
    for (int r = 0; r < m_prices->rowCount(); ++r) {
        SeasonPrice price;
        price.scope = m_prices->item(r, 0)->data(Qt::UserRole).toString();
        price.weekday = cellNumber(m_prices->item(r, 1)).value_or(-1);
        price.weekend = cellNumber(m_prices->item(r, 2)).value_or(-1);
        price.holiday = cellNumber(m_prices->item(r, 3)).value_or(-1);
        if (price.weekday != 0 || price.weekend != 0 || price.holiday != 0)
            s.prices.append(price);
    }
    return s;
}

void RatesPage::revalidateSeason()
{
    const Season edited = season();
    QHash<QString, QString> problems;
    for (NumberEdit* edit : { m_minWeekday, m_minWeekend }) {
        if (const QString p = edit->problem(); !p.isEmpty())
            problems.insert(edit->objectName(), p);
    }
    const Status valid = RatePlanService::validateSeason(edited, m_campsites.maxNightlyPrice());
    if (!valid.ok() && !problems.contains(valid.error().field))
        problems.insert(valid.error().field, valid.error().message);
    for (FieldMessage* row : m_seasonRows)
        row->setMessage(problems.value(row->field()->objectName()));
    // A price problem: its cell turns red and the message goes beside Save.
    QString priceProblem;
    for (int r = 0; r < m_prices->rowCount(); ++r) {
        const QString scope = m_prices->item(r, 0)->data(Qt::UserRole).toString();
        for (int c = 1; c <= 3; ++c) {
            const QString field = scope + QLatin1Char('/') + QLatin1String(priceColumns[c - 1]);
            const bool bad = problems.contains(field) || !cellNumber(m_prices->item(r, c));
            const QSignalBlocker block(m_prices);
            m_prices->item(r, c)->setBackground(bad ? QBrush(QColor(0xff, 0xcd, 0xd2)) : QBrush());
            if (bad && priceProblem.isEmpty())
                priceProblem = problems.contains(field)
                    ? QStringLiteral("%1: %2").arg(m_prices->item(r, 0)->text(), problems.value(field))
                    : QStringLiteral("%1: %2").arg(m_prices->item(r, 0)->text(), tr("Enter a whole number of won."));
        }
    }
    m_seasonMessage->setText(priceProblem);
    m_saveSeason->setEnabled(problems.isEmpty() && priceProblem.isEmpty() && valid.ok());
}

void RatesPage::showSeasonError(const Error& error)
{
    for (FieldMessage* row : m_seasonRows) {
        if (row->field()->objectName() == error.field) {
            row->setMessage(error.message);
            return;
        }
    }
    m_seasonMessage->setText(error.message);
}

void RatesPage::saveSeason()
{
    Result<Season> saved = m_rates->saveSeason(m_actor, season());
    if (!saved.ok()) {
        showSeasonError(saved.error());
        return;
    }
    m_seasonId = saved->id;
    refresh();
}

void RatesPage::loadHolidays()
{
    Result<QList<Holiday>> holidays = m_rates->holidays();
    m_holidays->setRowCount(0);
    if (!holidays.ok()) {
        m_holidayRow->setMessage(holidays.error().message);
        return;
    }
    for (const Holiday& h : holidays.value()) {
        const int row = m_holidays->rowCount();
        m_holidays->insertRow(row);
        auto* day = readOnly(QLocale().toString(h.day, QStringLiteral("yyyy-MM-dd ddd")));
        day->setData(Qt::UserRole, h.day);
        m_holidays->setItem(row, 0, day);
        m_holidays->setItem(row, 1, readOnly(h.name));
    }
}

void RatesPage::loadClosed()
{
    Result<QList<ClosedDates>> closed = m_rates->closedDates();
    m_closed->setRowCount(0);
    if (!closed.ok()) {
        m_closedRow->setMessage(closed.error().message);
        return;
    }
    for (const ClosedDates& c : closed.value()) {
        const int row = m_closed->rowCount();
        m_closed->insertRow(row);
        auto* from = readOnly(c.from.toString(Qt::ISODate));
        from->setData(Qt::UserRole, c.id);
        m_closed->setItem(row, 0, from);
        m_closed->setItem(row, 1, readOnly(c.to.toString(Qt::ISODate)));
        m_closed->setItem(row, 2, readOnly(c.reason));
    }
}

void RatesPage::loadOccupancy()
{
    Result<QList<OccupancyFees>> fees = m_rates->occupancyFees();
    const QList<OccupancyFees> stored = fees.ok() ? fees.value() : QList<OccupancyFees>();
    m_fees->setRowCount(0);
    for (CampsiteKind kind : allCampsiteKinds()) {
        const QString scope = SeasonPrice::kindScope(kind);
        OccupancyFees f;
        for (const OccupancyFees& s : stored) {
            if (s.scope == scope)
                f = s;
        }
        const int row = m_fees->rowCount();
        m_fees->insertRow(row);
        auto* name = readOnly(campsiteKindName(kind));
        name->setData(Qt::UserRole, scope);
        m_fees->setItem(row, 0, name);
        m_fees->setItem(row, 1, new QTableWidgetItem(QString::number(f.adultFee)));
        m_fees->setItem(row, 2, new QTableWidgetItem(QString::number(f.childFee)));
        m_fees->setItem(row, 3, new QTableWidgetItem(QString::number(f.vehicleFee)));
        m_fees->setItem(row, 4, new QTableWidgetItem(QString::number(f.includedVehicles)));
    }
    m_bases->setRowCount(0);
    for (const Campsite& c : m_sites) {
        const int row = m_bases->rowCount();
        m_bases->insertRow(row);
        auto* name = readOnly(QStringLiteral("%1 %2").arg(c.code, c.name));
        name->setData(Qt::UserRole, c.id);
        m_bases->setItem(row, 0, name);
        m_bases->setItem(row, 1, readOnly(QString::number(c.maxGuests)));
        m_bases->setItem(row, 2, new QTableWidgetItem(QString::number(c.baseGuests)));
    }
}

void RatesPage::saveOccupancy()
{
    // Everything is checked before anything is written: nothing is saved while one cell is wrong.
    const qint64 maxPrice = m_campsites.maxNightlyPrice();
    QList<OccupancyFees> fees;
    for (int r = 0; r < m_fees->rowCount(); ++r) {
        OccupancyFees f;
        f.scope = m_fees->item(r, 0)->data(Qt::UserRole).toString();
        f.adultFee = cellNumber(m_fees->item(r, 1)).value_or(-1);
        f.childFee = cellNumber(m_fees->item(r, 2)).value_or(-1);
        f.vehicleFee = cellNumber(m_fees->item(r, 3)).value_or(-1);
        f.includedVehicles = int(std::clamp<qint64>(cellNumber(m_fees->item(r, 4)).value_or(-1), -1, 1000));
        if (Status valid = RatePlanService::validateFees(f, maxPrice); !valid.ok()) {
            m_occupancyMessage->setText(
                QStringLiteral("%1: %2").arg(m_fees->item(r, 0)->text(), valid.error().message));
            return;
        }
        fees.append(f);
    }
    QList<QPair<qint64, int>> bases;
    for (int r = 0; r < m_bases->rowCount(); ++r) {
        const std::optional<qint64> base = cellNumber(m_bases->item(r, 2));
        const int max = m_bases->item(r, 1)->text().toInt();
        if (!base || *base < 0 || *base > max) {
            m_occupancyMessage->setText(QStringLiteral("%1: %2").arg(
                m_bases->item(r, 0)->text(),
                tr("The guests included are between 0 (everyone) and the site's maximum of %1.").arg(max)));
            return;
        }
        bases.append({ m_bases->item(r, 0)->data(Qt::UserRole).toLongLong(), int(*base) });
    }
    for (const OccupancyFees& f : fees) {
        if (Status s = m_rates->setOccupancyFees(m_actor, f); !s.ok()) {
            m_occupancyMessage->setText(s.error().message);
            return;
        }
    }
    for (const auto& [site, base] : bases) {
        const auto stored
            = std::find_if(m_sites.cbegin(), m_sites.cend(), [&](const Campsite& c) { return c.id == site; });
        if (stored != m_sites.cend() && stored->baseGuests == base)
            continue;
        if (Status s = m_rates->setBaseGuests(m_actor, site, base); !s.ok()) {
            m_occupancyMessage->setText(s.error().message);
            return;
        }
    }
    m_occupancyMessage->clear();
    refresh();
}

void RatesPage::updatePreview()
{
    m_preview->setRowCount(0);
    m_previewMessage->clear();
    if (m_previewSite->currentIndex() < 0)
        return;
    const QDate month = m_previewMonth->date();
    Result<QList<PreviewNight>> nights
        = m_rates->preview(m_previewSite->currentData().toLongLong(), month.year(), month.month(),
                           m_previewGuests->value(), m_previewChildren->value(), m_previewVehicles->value());
    if (!nights.ok()) {
        m_previewMessage->setText(nights.error().message);
        return;
    }
    const QLocale locale;
    for (const PreviewNight& n : nights.value()) {
        const int row = m_preview->rowCount();
        m_preview->insertRow(row);
        m_preview->setItem(row, 0, readOnly(locale.toString(n.night, QStringLiteral("MM-dd ddd"))));
        m_preview->setItem(row, 1, readOnly(rateBandName(n.line.band)));
        const QString day = n.holidayName.isEmpty()
            ? dayTypeName(n.line.dayType)
            : QStringLiteral("%1 (%2)").arg(dayTypeName(n.line.dayType), n.holidayName);
        m_preview->setItem(row, 2, readOnly(day));
        auto* price = readOnly(formatWon(n.line.amount));
        price->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_preview->setItem(row, 3, price);
        auto* total = readOnly(formatWon(n.total));
        total->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_preview->setItem(row, 4, total);
        if (n.line.dayType != QLatin1String("weekday")) {
            for (int c = 0; c < 5; ++c)
                m_preview->item(row, c)->setForeground(
                    n.line.dayType == QLatin1String("holiday") ? QColor(0xc6, 0x28, 0x28) : QColor(0x15, 0x65, 0xc0));
        }
    }
}

} // namespace campdesk
