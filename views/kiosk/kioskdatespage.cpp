#include "kioskdatespage.h"

#include "core/languagemanager.h"
#include "kioskstepper.h"

#include <QBoxLayout>
#include <QCalendarWidget>
#include <QLabel>
#include <QPushButton>
#include <QTextCharFormat>
#include <QToolButton>

namespace campdesk {

KioskDatesPage::KioskDatesPage(LanguageManager& language, QWidget* parent)
    : KioskPage(language, parent)
    , m_calendar(new QCalendarWidget(this))
    , m_nights(new KioskStepper(this))
    , m_guests(new KioskStepper(this))
{
    setObjectName(QStringLiteral("kioskDatesPage"));
    m_calendar->setObjectName(QStringLiteral("kioskCalendar"));
    m_calendar->setVerticalHeaderFormat(QCalendarWidget::NoVerticalHeader);
    m_calendar->setHorizontalHeaderFormat(QCalendarWidget::ShortDayNames);
    m_calendar->setGridVisible(false);
    m_calendar->setFirstDayOfWeek(Qt::Sunday);
    m_calendar->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    // The month and year menus are fiddly on a touch screen; arrows are enough for a year ahead.
    for (QToolButton* button : m_calendar->findChildren<QToolButton*>()) {
        if (button->objectName() == QLatin1String("qt_calendar_prevmonth")) {
            button->setIcon(QIcon());
            button->setText(QString::fromUtf8("◀"));
        } else if (button->objectName() == QLatin1String("qt_calendar_nextmonth")) {
            button->setIcon(QIcon());
            button->setText(QString::fromUtf8("▶"));
        } else {
            button->setEnabled(false);
        }
    }

    m_nights->setObjectName(QStringLiteral("kioskNights"));
    m_nights->setRange(1, 14);
    m_guests->setObjectName(QStringLiteral("kioskGuests"));
    m_guests->setRange(1, 12);
    m_guests->setValue(2);
    m_nightsLabel = makeLabel(QStringLiteral("kioskNightsLabel"), QStringLiteral("fieldLabel"));
    m_guestsLabel = makeLabel(QStringLiteral("kioskGuestsLabel"), QStringLiteral("fieldLabel"));
    m_summary = makeLabel(QStringLiteral("kioskDatesSummary"), QStringLiteral("subtitle"));
    m_summary->setWordWrap(true);

    auto* side = new QVBoxLayout;
    side->setSpacing(16);
    side->addWidget(m_nightsLabel);
    side->addWidget(m_nights);
    side->addSpacing(16);
    side->addWidget(m_guestsLabel);
    side->addWidget(m_guests);
    side->addSpacing(16);
    side->addWidget(m_summary);
    side->addStretch();
    auto* row = new QHBoxLayout;
    row->setSpacing(48);
    row->addWidget(m_calendar, 3);
    row->addLayout(side, 2);
    content()->addLayout(row, 1);

    m_back = makeButton(QStringLiteral("kioskDatesBack"));
    m_next = makeButton(QStringLiteral("kioskDatesNext"), QStringLiteral("primary"));
    navigation()->addWidget(m_back);
    navigation()->addStretch();
    navigation()->addWidget(m_next);

    connect(m_back, &QPushButton::clicked, this, &KioskDatesPage::back);
    connect(m_next, &QPushButton::clicked, this,
            [this] { emit searchRequested(checkIn(), checkIn().addDays(nights()), guests()); });
    connect(m_calendar, &QCalendarWidget::selectionChanged, this, &KioskDatesPage::updateSummary);
    connect(m_nights, &KioskStepper::valueChanged, this, &KioskDatesPage::updateSummary);
    connect(m_guests, &KioskStepper::valueChanged, this, &KioskDatesPage::updateSummary);
    setToday(QDate::currentDate());
    retranslate();
}

void KioskDatesPage::setToday(const QDate& today)
{
    m_today = today;
    m_calendar->setDateRange(today, today.addDays(365));
    m_calendar->setSelectedDate(today);
    m_calendar->setCurrentPage(today.year(), today.month());
    updateSummary();
}

void KioskDatesPage::clear()
{
    setSelection(m_today, 1, 2);
}

void KioskDatesPage::setSelection(const QDate& checkIn, int nights, int guests)
{
    m_calendar->setSelectedDate(checkIn);
    m_calendar->setCurrentPage(checkIn.year(), checkIn.month());
    m_nights->setValue(nights);
    m_guests->setValue(guests);
    updateSummary();
}

QDate KioskDatesPage::checkIn() const
{
    return m_calendar->selectedDate();
}

int KioskDatesPage::nights() const
{
    return m_nights->value();
}

int KioskDatesPage::guests() const
{
    return m_guests->value();
}

void KioskDatesPage::retranslate()
{
    title()->setText(tr("When are you staying?"));
    m_nightsLabel->setText(tr("Nights"));
    m_guestsLabel->setText(tr("Guests"));
    m_nights->setFormatter([](int n) { return tr("%n night(s)", nullptr, n); });
    m_guests->setFormatter([](int n) { return tr("%n guest(s)", nullptr, n); });
    m_back->setText(tr("Back"));
    m_next->setText(tr("Show free sites"));
    m_calendar->setLocale(m_language.locale());
    updateSummary();
}

void KioskDatesPage::updateSummary()
{
    const QDate in = checkIn();
    m_summary->setText(tr("Check-in: %1\nCheck-out: %2")
                           .arg(m_language.formatShortDate(in), m_language.formatShortDate(in.addDays(nights()))));
    QTextCharFormat weekend;
    weekend.setForeground(QColor(QStringLiteral("#b00020")));
    m_calendar->setWeekdayTextFormat(Qt::Saturday, weekend);
    m_calendar->setWeekdayTextFormat(Qt::Sunday, weekend);
}

} // namespace campdesk
