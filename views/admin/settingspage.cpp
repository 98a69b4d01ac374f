#include "settingspage.h"

#include "core/eventbus.h"
#include "dialogs/fieldmessage.h"
#include "dialogs/numberedit.h"
#include "domain/waitlistservice.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QTableWidget>
#include <QTimeEdit>
#include <QVBoxLayout>

namespace campdesk {

SettingsPage::SettingsPage(RuleSettings& rules, std::unique_ptr<CampgroundSettings> campgroundSettings, EventBus* bus,
                           const Actor& actor, QWidget* parent, std::unique_ptr<DepositSettings> deposits,
                           std::unique_ptr<NoShowSettings> noShows, WaitlistService* waitlist)
    : Page(parent)
    , m_rules(rules)
    , m_campgroundSettings(std::move(campgroundSettings))
    , m_actor(actor)
    , m_rate(new QLineEdit(this))
    , m_reviewPoints(new NumberEdit(this))
    , m_holdMinutes(new NumberEdit(this))
    , m_bands(new QTableWidget(0, 2, this))
    , m_name(new QLineEdit(this))
    , m_address(new QLineEdit(this))
    , m_businessNumber(new QLineEdit(this))
    , m_phone(new QLineEdit(this))
    , m_paper(new QComboBox(this))
    , m_maxPrice(new NumberEdit(this))
    , m_deposits(std::move(deposits))
    , m_depositMode(new QComboBox(this))
    , m_depositPercent(new NumberEdit(this))
    , m_depositFixed(new NumberEdit(this))
    , m_noShows(std::move(noShows))
    , m_noShowCutoff(new QTimeEdit(this))
    , m_noShowRefund(new NumberEdit(this))
    , m_noShowSweep(new QCheckBox(tr("Mark them automatically after that time"), this))
    , m_waitlist(waitlist)
    , m_offerMinutes(new NumberEdit(this))
    , m_message(new QLabel(this))
    , m_save(new QPushButton(tr("&Save rules"), this))
{
    m_rate->setObjectName(QStringLiteral("mileageRate"));
    m_pointsOnExtras = new QCheckBox(tr("Extras earn points too"), this);
    m_pointsOnExtras->setObjectName(QStringLiteral("pointsOnExtras"));
    m_pointsOnExtras->setToolTip(tr("When off, a payment earns points only on its share of the stay (nights, extra "
                                    "persons, vehicles), not on firewood, electricity or other extras."));
    m_rate->setAlignment(Qt::AlignRight);
    m_reviewPoints->setObjectName(QStringLiteral("reviewPoints"));
    m_reviewPoints->setRange(0, 1'000'000);
    m_holdMinutes->setObjectName(QStringLiteral("holdMinutes"));
    m_holdMinutes->setRange(1, 120);
    m_name->setObjectName(QStringLiteral("campgroundName"));
    m_name->setMaxLength(80);
    m_address->setObjectName(QStringLiteral("campgroundAddress"));
    m_address->setMaxLength(200);
    m_businessNumber->setObjectName(QStringLiteral("businessNumber"));
    m_businessNumber->setPlaceholderText(QStringLiteral("123-45-67890"));
    m_phone->setObjectName(QStringLiteral("campgroundPhone"));
    m_phone->setMaxLength(40);
    m_paper->setObjectName(QStringLiteral("receiptPaper"));
    m_paper->addItem(tr("A5 sheet"), QStringLiteral("a5"));
    m_paper->addItem(tr("80 mm receipt roll"), QStringLiteral("roll80"));
    m_maxPrice->setObjectName(QStringLiteral("maxNightlyPrice"));
    m_maxPrice->setRange(1000, CampgroundInfo::ceilingOfMaxNightlyPrice);
    m_depositMode->setObjectName(QStringLiteral("depositMode"));
    m_depositMode->setEnabled(m_deposits != nullptr);
    m_depositMode->addItem(tr("No deposit: pay in full"), QVariant::fromValue(int(DepositRule::Mode::Off)));
    m_depositMode->addItem(tr("A percentage of the price"), QVariant::fromValue(int(DepositRule::Mode::Percent)));
    m_depositMode->addItem(tr("A fixed amount"), QVariant::fromValue(int(DepositRule::Mode::Fixed)));
    m_depositPercent->setObjectName(QStringLiteral("depositPercent"));
    m_depositPercent->setRange(1, 100);
    m_depositFixed->setObjectName(QStringLiteral("depositFixed"));
    m_depositFixed->setRange(1, DepositRule::maxFixed);
    m_noShowCutoff->setObjectName(QStringLiteral("noShowCutoff"));
    m_noShowCutoff->setDisplayFormat(QStringLiteral("HH:mm"));
    m_noShowCutoff->setEnabled(m_noShows != nullptr);
    m_noShowRefund->setObjectName(QStringLiteral("noShowRefundPercent"));
    m_noShowRefund->setRange(0, 100);
    m_noShowRefund->setEnabled(m_noShows != nullptr);
    m_noShowSweep->setObjectName(QStringLiteral("noShowAutoSweep"));
    m_noShowSweep->setEnabled(m_noShows != nullptr);
    m_offerMinutes->setObjectName(QStringLiteral("waitlistOfferMinutes"));
    m_offerMinutes->setRange(WaitlistService::minOfferMinutes, WaitlistService::maxOfferMinutes);
    m_offerMinutes->setEnabled(m_waitlist != nullptr);
    m_bands->setObjectName(QStringLiteral("cancellationBands"));
    // Short headers (the full meaning in the tooltip): the table shares a column of a 1024 px screen.
    auto* daysHeader = new QTableWidgetItem(tr("Days before check-in"));
    daysHeader->setToolTip(tr("The refund applies when the booking is cancelled at least this many days before "
                              "check-in."));
    auto* refundHeader = new QTableWidgetItem(tr("Refund %"));
    refundHeader->setToolTip(tr("The share of what was paid that is given back."));
    m_bands->setHorizontalHeaderItem(0, daysHeader);
    m_bands->setHorizontalHeaderItem(1, refundHeader);
    m_bands->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_bands->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_bands->verticalHeader()->hide();
    m_bands->setMinimumHeight(150);
    m_bands->setMaximumHeight(220);
    m_message->setObjectName(QStringLiteral("message"));
    m_message->setWordWrap(true);
    m_message->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_save->setObjectName(QStringLiteral("saveRules"));

    auto row = [this](QWidget* field, const QString& unit = QString()) {
        auto* r = new FieldMessage(field, this, unit);
        m_rows.append(r);
        return r;
    };
    auto* mileage = new QGroupBox(tr("Mileage"), this);
    auto* mileageForm = new QFormLayout(mileage);
    mileageForm->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    mileageForm->addRow(tr("Points per payment (of the amount paid)"), row(m_rate, QStringLiteral("%")));
    mileageForm->addRow(m_pointsOnExtras);
    //: unit after a number of points
    mileageForm->addRow(tr("Points per review"), row(m_reviewPoints, tr("points")));
    auto* booking = new QGroupBox(tr("Bookings"), this);
    auto* bookingForm = new QFormLayout(booking);
    bookingForm->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    //: unit after a number of minutes
    bookingForm->addRow(tr("A held site waits for its payment"), row(m_holdMinutes, tr("minutes")));
    //: unit after a price
    bookingForm->addRow(tr("Highest nightly price"), row(m_maxPrice, tr("won")));
    auto* waitlistBox = new QGroupBox(tr("Waitlist"), this);
    waitlistBox->setObjectName(QStringLiteral("waitlistSettings"));
    auto* waitlistForm = new QFormLayout(waitlistBox);
    waitlistForm->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    //: unit after a number of minutes
    waitlistForm->addRow(tr("An offer holds the site for"), row(m_offerMinutes, tr("minutes")));
    auto* campground = new QGroupBox(tr("Campground (printed on receipts)"), this);
    auto* campgroundForm = new QFormLayout(campground);
    campgroundForm->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    campgroundForm->addRow(tr("Name"), row(m_name));
    campgroundForm->addRow(tr("Address"), row(m_address));
    campgroundForm->addRow(tr("Business registration number"), row(m_businessNumber));
    campgroundForm->addRow(tr("Phone"), row(m_phone));
    campgroundForm->addRow(tr("Receipt paper"), m_paper);
    // Group titles stay short (a title never wraps and would widen its column); what they mean wraps inside.
    auto note = [](const QString& text, QWidget* parent) {
        auto* label = new QLabel(text, parent);
        label->setWordWrap(true);
        return label;
    };
    auto* depositBox = new QGroupBox(tr("Deposits"), this);
    auto* depositForm = new QFormLayout(depositBox);
    depositForm->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    depositForm->addRow(note(tr("Desk and phone bookings; the kiosk takes the full amount. The balance is taken at "
                                "check-in."),
                             depositBox));
    depositForm->addRow(tr("Deposit"), m_depositMode);
    depositForm->addRow(tr("Percentage"), row(m_depositPercent, QStringLiteral("%")));
    //: unit after a price
    depositForm->addRow(tr("Fixed amount"), row(m_depositFixed, tr("won")));
    auto* noShowBox = new QGroupBox(tr("No-shows"), this);
    auto* noShowForm = new QFormLayout(noShowBox);
    noShowForm->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    noShowForm->addRow(note(tr("Confirmed bookings nobody arrived for."), noShowBox));
    noShowForm->addRow(tr("May be marked from, the day after check-in"), row(m_noShowCutoff));
    noShowForm->addRow(tr("Refund of what was paid"), row(m_noShowRefund, QStringLiteral("%")));
    noShowForm->addRow(m_noShowSweep);
    auto* cancellation = new QGroupBox(tr("Cancellation refunds"), this);
    auto* cancellationLayout = new QVBoxLayout(cancellation);
    auto* addBand = new QPushButton(tr("Add a row"), cancellation);
    auto* removeBand = new QPushButton(tr("Remove the row"), cancellation);
    auto* bandButtons = new QHBoxLayout;
    bandButtons->addWidget(addBand);
    bandButtons->addWidget(removeBand);
    bandButtons->addStretch(1);
    cancellationLayout->addWidget(new QLabel(tr("The row with the most days that still fits applies."), cancellation));
    cancellationLayout->addWidget(m_bands);
    cancellationLayout->addLayout(bandButtons);

    auto* saveRow = new QHBoxLayout;
    saveRow->addWidget(m_message, 1);
    saveRow->addWidget(m_save);
    // The groups scroll on a short screen; the Save row stays in sight.
    auto* content = new QWidget(this);
    auto* columns = new QHBoxLayout(content);
    auto* left = new QVBoxLayout;
    left->addWidget(mileage);
    left->addWidget(booking);
    left->addWidget(waitlistBox);
    left->addWidget(cancellation);
    left->addStretch(1);
    auto* right = new QVBoxLayout;
    right->addWidget(campground);
    right->addWidget(depositBox);
    right->addWidget(noShowBox);
    right->addStretch(1);
    columns->addLayout(left, 1);
    columns->addLayout(right, 1);
    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setWidget(content);
    // A label too long for its half of a 1024 px screen puts its field on the next line rather than being cut.
    for (QFormLayout* form : content->findChildren<QFormLayout*>())
        form->setRowWrapPolicy(QFormLayout::WrapLongRows);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(QStringLiteral("<h2>%1</h2>").arg(tr("Settings")), this));
    layout->addWidget(scroll, 1);
    layout->addLayout(saveRow);

    for (QLineEdit* edit :
         std::initializer_list<QLineEdit*> { m_rate, m_reviewPoints, m_holdMinutes, m_name, m_address, m_businessNumber,
                                             m_phone, m_maxPrice, m_depositPercent, m_depositFixed, m_offerMinutes })
        connect(edit, &QLineEdit::textChanged, this, &SettingsPage::revalidate);
    connect(m_paper, &QComboBox::currentIndexChanged, this, &SettingsPage::revalidate);
    connect(m_depositMode, &QComboBox::currentIndexChanged, this, &SettingsPage::revalidate);
    connect(m_noShowCutoff, &QTimeEdit::timeChanged, this, &SettingsPage::revalidate);
    connect(m_noShowRefund, &QLineEdit::textChanged, this, &SettingsPage::revalidate);
    connect(m_noShowSweep, &QCheckBox::toggled, this, &SettingsPage::revalidate);
    connect(m_pointsOnExtras, &QCheckBox::toggled, this, &SettingsPage::revalidate);
    connect(m_bands, &QTableWidget::itemChanged, this, &SettingsPage::revalidate);
    connect(addBand, &QPushButton::clicked, this, [this] {
        const int row = m_bands->rowCount();
        m_bands->insertRow(row);
        m_bands->setItem(row, 0, new QTableWidgetItem(QStringLiteral("1")));
        m_bands->setItem(row, 1, new QTableWidgetItem(QStringLiteral("0")));
        revalidate();
    });
    connect(removeBand, &QPushButton::clicked, this, [this] {
        if (m_bands->currentRow() >= 0)
            m_bands->removeRow(m_bands->currentRow());
        revalidate();
    });
    connect(m_save, &QPushButton::clicked, this, &SettingsPage::save);
    if (bus)
        connect(bus, &EventBus::settingsChanged, this, &SettingsPage::refresh);
    refresh();
}

SettingsPage::~SettingsPage() = default;

void SettingsPage::refresh()
{
    Result<BookingRules> stored = m_rules.get();
    Result<CampgroundInfo> campground = m_campgroundSettings->get();
    if (!stored.ok() || !campground.ok()) {
        m_message->setText(!stored.ok() ? stored.error().message : campground.error().message);
        return;
    }
    m_stored = stored.value();
    m_storedCampground = campground.value();
    if (Result<DepositRule> deposit = m_deposits ? m_deposits->get() : Result<DepositRule>(DepositRule()); deposit.ok())
        m_storedDeposit = deposit.value();
    if (Result<NoShowRules> noShow = m_noShows ? m_noShows->get() : Result<NoShowRules>(NoShowRules()); noShow.ok())
        m_storedNoShow = noShow.value();
    if (Result<int> minutes
        = m_waitlist ? m_waitlist->offerMinutes() : Result<int>(WaitlistService::defaultOfferMinutes);
        minutes.ok())
        m_storedOfferMinutes = minutes.value();
    load(m_stored, m_storedCampground);
}

void SettingsPage::load(const BookingRules& rules, const CampgroundInfo& campground)
{
    const QSignalBlocker blockBands(m_bands);
    m_rate->setText(QLocale().toString(rules.mileageRatePercent, 'g', 4));
    m_pointsOnExtras->setChecked(rules.pointsOnExtras);
    m_reviewPoints->setValue(rules.reviewPoints);
    m_holdMinutes->setValue(rules.holdMinutes);
    m_bands->setRowCount(0);
    for (const CancellationBand& band : rules.cancellation) {
        const int row = m_bands->rowCount();
        m_bands->insertRow(row);
        m_bands->setItem(row, 0, new QTableWidgetItem(QString::number(band.minDaysBefore)));
        m_bands->setItem(row, 1, new QTableWidgetItem(QString::number(band.refundPercent)));
    }
    m_name->setText(campground.name);
    m_address->setText(campground.address);
    m_businessNumber->setText(campground.businessNumber);
    m_phone->setText(campground.phone);
    m_paper->setCurrentIndex(std::max(0, m_paper->findData(campground.receiptPaper)));
    m_maxPrice->setValue(campground.maxNightlyPrice);
    m_depositMode->setCurrentIndex(std::max(0, m_depositMode->findData(int(m_storedDeposit.mode))));
    m_depositPercent->setValue(m_storedDeposit.percent);
    m_depositFixed->setValue(m_storedDeposit.fixed);
    m_noShowCutoff->setTime(m_storedNoShow.cutoff);
    m_noShowRefund->setValue(m_storedNoShow.refundPercent);
    m_noShowSweep->setChecked(m_storedNoShow.autoSweep);
    m_offerMinutes->setValue(m_storedOfferMinutes);
    revalidate();
}

std::optional<double> SettingsPage::rate() const
{
    QString text = m_rate->text().trimmed();
    text.remove(QLatin1Char('%'));
    bool ok = false;
    double value = QLocale().toDouble(text.trimmed(), &ok);
    if (!ok)
        value = text.trimmed().toDouble(&ok); // "2.5" in any language
    return ok ? std::optional<double>(value) : std::nullopt;
}

BookingRules SettingsPage::rules() const
{
    BookingRules rules = m_stored;
    // A number that is not valid becomes a value validate() refuses, never a silently clamped one.
    rules.mileageRatePercent = rate().value_or(-1);
    rules.pointsOnExtras = m_pointsOnExtras->isChecked();
    rules.reviewPoints = m_reviewPoints->number().value_or(-1);
    rules.holdMinutes = int(std::clamp<qint64>(m_holdMinutes->number().value_or(-1), -1, 100000));
    rules.cancellation.clear();
    for (int row = 0; row < m_bands->rowCount(); ++row) {
        bool okDays = false;
        bool okPercent = false;
        const int days = m_bands->item(row, 0) ? m_bands->item(row, 0)->text().trimmed().toInt(&okDays) : 0;
        const int percent = m_bands->item(row, 1) ? m_bands->item(row, 1)->text().trimmed().toInt(&okPercent) : 0;
        // Text that is not a number becomes an invalid band, so validate() names the problem.
        rules.cancellation.append({ okDays ? days : -1, okPercent ? percent : -1 });
    }
    return rules;
}

CampgroundInfo SettingsPage::campground() const
{
    CampgroundInfo info = m_storedCampground;
    info.name = m_name->text().trimmed();
    info.address = m_address->text().trimmed();
    info.businessNumber = m_businessNumber->text().trimmed();
    info.phone = m_phone->text().trimmed();
    info.receiptPaper = m_paper->currentData().toString();
    info.maxNightlyPrice = m_maxPrice->number().value_or(-1);
    return info;
}

DepositRule SettingsPage::deposit() const
{
    DepositRule rule = m_storedDeposit;
    rule.mode = DepositRule::Mode(m_depositMode->currentData().toInt());
    // Only the field the mode uses is checked; the other keeps what is stored.
    if (rule.mode == DepositRule::Mode::Percent)
        rule.percent = int(std::clamp<qint64>(m_depositPercent->number().value_or(-1), -1, 1000));
    if (rule.mode == DepositRule::Mode::Fixed)
        rule.fixed = m_depositFixed->number().value_or(-1);
    return rule;
}

NoShowRules SettingsPage::noShowRules() const
{
    NoShowRules rules = m_storedNoShow;
    rules.cutoff = m_noShowCutoff->time();
    rules.refundPercent = int(std::clamp<qint64>(m_noShowRefund->number().value_or(-1), -1, 1000));
    rules.autoSweep = m_noShowSweep->isChecked();
    return rules;
}

namespace {
bool sameNoShowRules(const NoShowRules& a, const NoShowRules& b)
{
    return a.cutoff == b.cutoff && a.refundPercent == b.refundPercent && a.autoSweep == b.autoSweep;
}
} // namespace

bool SettingsPage::hasUnsavedChanges() const
{
    const BookingRules edited = rules();
    return edited.mileageRatePercent != m_stored.mileageRatePercent || edited.pointsOnExtras != m_stored.pointsOnExtras
        || edited.reviewPoints != m_stored.reviewPoints || edited.holdMinutes != m_stored.holdMinutes
        || edited.cancellation != m_stored.cancellation || !(campground() == m_storedCampground)
        || !(deposit() == m_storedDeposit) || !sameNoShowRules(noShowRules(), m_storedNoShow)
        || (m_waitlist && m_offerMinutes->number() != std::optional<qint64>(m_storedOfferMinutes));
}

void SettingsPage::revalidate()
{
    const BookingRules edited = rules();
    const Status valid = RuleSettings::validate(edited);
    const Status validCampground = CampgroundSettings::validate(campground());
    const DepositRule depositRule = deposit();
    const Status validDeposit = DepositSettings::validate(depositRule);
    m_depositPercent->setEnabled(depositRule.mode == DepositRule::Mode::Percent);
    m_depositFixed->setEnabled(depositRule.mode == DepositRule::Mode::Fixed);
    // Every field says what is wrong with it, under it.
    QHash<QString, QString> problems;
    if (!rate())
        problems.insert(m_rate->objectName(), tr("Enter a number, e.g. 5 or 2.5."));
    const Status validNoShow = NoShowSettings::validate(noShowRules());
    for (NumberEdit* edit : { m_reviewPoints, m_holdMinutes, m_maxPrice, m_depositPercent, m_depositFixed,
                              m_noShowRefund, m_offerMinutes }) {
        if (const QString p = edit->problem(); !p.isEmpty() && edit->isEnabled())
            problems.insert(edit->objectName(), p);
    }
    if (!validNoShow.ok()) {
        const QString field = validNoShow.error().field == QLatin1String("cutoff") ? m_noShowCutoff->objectName()
                                                                                   : m_noShowRefund->objectName();
        if (!problems.contains(field))
            problems.insert(field, validNoShow.error().message);
    }
    if (!validDeposit.ok() && !problems.contains(validDeposit.error().field))
        problems.insert(validDeposit.error().field, validDeposit.error().message);
    if (!valid.ok() && !problems.contains(valid.error().field)
        && valid.error().field != QLatin1String("mileageRatePercent"))
        problems.insert(valid.error().field, valid.error().message);
    else if (!valid.ok() && valid.error().field == QLatin1String("mileageRatePercent"))
        problems.insert(m_rate->objectName(), valid.error().message);
    if (!validCampground.ok() && !problems.contains(validCampground.error().field))
        problems.insert(validCampground.error().field, validCampground.error().message);
    for (FieldMessage* row : m_rows)
        row->setMessage(problems.value(row->field()->objectName()));
    // What no field shows (the cancellation table) goes beside Save.
    QString other;
    if (!valid.ok() && valid.error().field == QLatin1String("cancellation"))
        other = valid.error().message;
    m_message->setText(other);
    m_save->setEnabled(problems.isEmpty() && valid.ok() && validCampground.ok() && validDeposit.ok() && validNoShow.ok()
                       && hasUnsavedChanges());
}

void SettingsPage::save()
{
    if (Status s = m_rules.set(m_actor, rules()); !s.ok()) {
        m_message->setText(s.error().message);
        return;
    }
    if (!(campground() == m_storedCampground)) {
        if (Status s = m_campgroundSettings->set(m_actor, campground()); !s.ok()) {
            m_message->setText(s.error().message);
            return;
        }
    }
    if (m_noShows && !sameNoShowRules(noShowRules(), m_storedNoShow)) {
        if (Status s = m_noShows->set(m_actor, noShowRules()); !s.ok()) {
            m_message->setText(s.error().message);
            return;
        }
    }
    if (m_deposits && !(deposit() == m_storedDeposit)) {
        if (Status s = m_deposits->set(m_actor, deposit()); !s.ok()) {
            m_message->setText(s.error().message);
            return;
        }
    }
    if (const std::optional<qint64> minutes = m_offerMinutes->number();
        m_waitlist && minutes && *minutes != m_storedOfferMinutes) {
        if (Status s = m_waitlist->setOfferMinutes(m_actor, int(*minutes)); !s.ok()) {
            m_message->setText(s.error().message);
            return;
        }
    }
    refresh();
}

} // namespace campdesk
