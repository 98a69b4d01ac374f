#pragma once

#include "kioskpage.h"

#include <QDate>

class QCalendarWidget;

namespace campdesk {

class KioskStepper;

// Step 1 of a booking: check-in day on a big calendar, number of nights and party size with +/- buttons.
class KioskDatesPage final : public KioskPage
{
    Q_OBJECT
public:
    explicit KioskDatesPage(LanguageManager& language, QWidget* parent = nullptr);

    // Today, as the campground counts days; the calendar allows today .. today + a year.
    void setToday(const QDate& today);
    void clear() override;
    QDate checkIn() const;
    int nights() const;
    int guests() const;
    // The month shown, as the header says it.
    QString monthTitle() const;
    void setSelection(const QDate& checkIn, int nights, int guests);

signals:
    void back();
    void searchRequested(const QDate& checkIn, const QDate& checkOut, int guests);

protected:
    void retranslate() override;

private:
    void updateSummary();
    void updateMonth();

    QDate m_today;
    QCalendarWidget* m_calendar;
    QLabel* m_month;
    QLabel* m_nightsLabel;
    KioskStepper* m_nights;
    QLabel* m_guestsLabel;
    KioskStepper* m_guests;
    QLabel* m_summary;
    QPushButton* m_back;
    QPushButton* m_next;
};

} // namespace campdesk
