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
    // The month and year menus are fiddly on a touch screen; arrows are enough for a year ahead. Qt shows the month
    // and the year as two buttons, always month first ("12월 2026"): one label in the language's own order instead.
    m_month = new QLabel(m_calendar);
    m_month->setObjectName(QStringLiteral("kioskCalendarMonth"));
    m_month->setAlignment(Qt::AlignCenter);
    for (QToolButton* button : m_calendar->findChildren<QToolButton*>()) {
        if (button->objectName() == QLatin1String("qt_calendar_prevmonth")) {
            button->setIcon(QIcon());
            button->setText(QString::fromUtf8("◀"));
        } else if (button->objectName() == QLatin1String("qt_calendar_nextmonth")) {
            button->setIcon(QIcon());
            button->setText(QString::fromUtf8("▶"));
        } else {
            button->setEnabled(false);
            button->hide();
            button->setMaximumWidth(0);
        }
    }
    if (auto* bar = m_calendar->findChild<QWidget*>(QStringLiteral("qt_calendar_navigationbar"))) {
        if (auto* barLayout = qobject_cast<QBoxLayout*>(bar->layout())) {
            m_month->setParent(bar);
            barLayout->insertWidget(barLayout->count() / 2, m_month, 1);
        }
    }
    connect(m_calendar, &QCalendarWidget::currentPageChanged, this, &KioskDatesPage::updateMonth);

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
    row->setSpacing(32);
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

QString KioskDatesPage::monthTitle() const
{
    return m_month->text();
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
    updateMonth();
    updateSummary();
}

void KioskDatesPage::updateMonth()
{
    const QDate first(m_calendar->yearShown(), m_calendar->monthShown(), 1);
    //: The calendar's header: year and month in this language's order, e.g. "2026년 12월" or "December 2026".
    //: Use QLocale date format letters: yyyy year, M month number, MMMM month name.
    m_month->setText(m_language.locale().toString(first, tr("MMMM yyyy")));
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
