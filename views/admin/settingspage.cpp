#include "settingspage.h"

#include "core/eventbus.h"

#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

namespace campdesk {

SettingsPage::SettingsPage(RuleSettings& rules, EventBus* bus, const Actor& actor, QWidget* parent)
    : Page(parent)
    , m_rules(rules)
    , m_actor(actor)
    , m_rate(new QDoubleSpinBox(this))
    , m_reviewPoints(new QSpinBox(this))
    , m_holdMinutes(new QSpinBox(this))
    , m_bands(new QTableWidget(0, 2, this))
    , m_message(new QLabel(this))
    , m_save(new QPushButton(tr("&Save rules"), this))
{
    m_rate->setObjectName(QStringLiteral("mileageRate"));
    m_rate->setRange(0, 100);
    m_rate->setDecimals(1);
    m_rate->setSuffix(QStringLiteral(" %"));
    m_reviewPoints->setObjectName(QStringLiteral("reviewPoints"));
    m_reviewPoints->setRange(0, 1000000);
    m_reviewPoints->setSingleStep(100);
    m_reviewPoints->setSuffix(tr(" points"));
    m_holdMinutes->setObjectName(QStringLiteral("holdMinutes"));
    m_holdMinutes->setRange(1, 120);
    m_holdMinutes->setSuffix(tr(" min"));
    m_bands->setObjectName(QStringLiteral("cancellationBands"));
    m_bands->setHorizontalHeaderLabels({ tr("Days before check-in (at least)"), tr("Refund %") });
    m_bands->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_bands->verticalHeader()->hide();
    m_bands->setMinimumHeight(150);
    m_bands->setMaximumHeight(220);
    m_message->setObjectName(QStringLiteral("message"));
    m_message->setWordWrap(true);
    m_message->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_save->setObjectName(QStringLiteral("saveRules"));

    auto* mileage = new QGroupBox(tr("Mileage"), this);
    auto* mileageForm = new QFormLayout(mileage);
    mileageForm->addRow(tr("Points per payment (of the amount paid)"), m_rate);
    mileageForm->addRow(tr("Points per review"), m_reviewPoints);
    auto* booking = new QGroupBox(tr("Bookings"), this);
    auto* bookingForm = new QFormLayout(booking);
    bookingForm->addRow(tr("A held site waits for its payment"), m_holdMinutes);
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
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(QStringLiteral("<h2>%1</h2>").arg(tr("Settings")), this));
    layout->addWidget(mileage);
    layout->addWidget(booking);
    layout->addWidget(cancellation);
    layout->addLayout(saveRow);
    layout->addStretch(1);

    connect(m_rate, &QDoubleSpinBox::valueChanged, this, &SettingsPage::revalidate);
    connect(m_reviewPoints, &QSpinBox::valueChanged, this, &SettingsPage::revalidate);
    connect(m_holdMinutes, &QSpinBox::valueChanged, this, &SettingsPage::revalidate);
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

void SettingsPage::refresh()
{
    Result<BookingRules> stored = m_rules.get();
    if (!stored.ok()) {
        m_message->setText(stored.error().message);
        return;
    }
    m_stored = stored.value();
    load(m_stored);
}

void SettingsPage::load(const BookingRules& rules)
{
    const QSignalBlocker blockBands(m_bands);
    m_rate->setValue(rules.mileageRatePercent);
    m_reviewPoints->setValue(int(rules.reviewPoints));
    m_holdMinutes->setValue(rules.holdMinutes);
    m_bands->setRowCount(0);
    for (const CancellationBand& band : rules.cancellation) {
        const int row = m_bands->rowCount();
        m_bands->insertRow(row);
        m_bands->setItem(row, 0, new QTableWidgetItem(QString::number(band.minDaysBefore)));
        m_bands->setItem(row, 1, new QTableWidgetItem(QString::number(band.refundPercent)));
    }
    revalidate();
}

BookingRules SettingsPage::rules() const
{
    BookingRules rules = m_stored;
    rules.mileageRatePercent = m_rate->value();
    rules.reviewPoints = m_reviewPoints->value();
    rules.holdMinutes = m_holdMinutes->value();
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

void SettingsPage::revalidate()
{
    const BookingRules edited = rules();
    Status valid = RuleSettings::validate(edited);
    const bool changed = edited.mileageRatePercent != m_stored.mileageRatePercent
        || edited.reviewPoints != m_stored.reviewPoints || edited.holdMinutes != m_stored.holdMinutes
        || edited.cancellation != m_stored.cancellation;
    m_message->setText(valid.ok() ? QString() : valid.error().message);
    m_save->setEnabled(valid.ok() && changed);
}

void SettingsPage::save()
{
    if (Status s = m_rules.set(m_actor, rules()); !s.ok()) {
        m_message->setText(s.error().message);
        return;
    }
    refresh();
}

} // namespace campdesk
