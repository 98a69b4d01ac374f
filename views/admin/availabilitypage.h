#pragma once

#include "core/actor.h"
#include "page.h"

#include <QDate>

class QDateEdit;
class QLabel;

namespace campdesk {

class AvailabilityRack;
class AvailabilityRackModel;

// The availability rack with week/month navigation: drag over free nights to book, click a stay to open it.
class AvailabilityPage final : public Page
{
    Q_OBJECT
public:
    // Takes ownership of model; the page makes it active only while it is shown.
    AvailabilityPage(AvailabilityRackModel* model, const Actor& actor, QWidget* parent = nullptr);

    void refresh() override;
    AvailabilityRack* rack() const { return m_rack; }
    AvailabilityRackModel* model() const { return m_model; }
    void showFrom(const QDate& start);

    static constexpr int daysShown = 42; // six weeks: a month and its edges, scrolled sideways

signals:
    void bookingRequested(qint64 campsiteId, const QDate& checkIn, const QDate& checkOut);
    void reservationRequested(qint64 reservationId);
    void changeRequested(qint64 reservationId, qint64 campsiteId, const QDate& checkIn, const QDate& checkOut);
    void blockRequested(qint64 campsiteId, const QDate& from, const QDate& to);
    void blockRemovalRequested(qint64 blockId);

private:
    void updateTitle();

    AvailabilityRackModel* m_model;
    AvailabilityRack* m_rack;
    QDateEdit* m_start;
    QLabel* m_range;
};

} // namespace campdesk
