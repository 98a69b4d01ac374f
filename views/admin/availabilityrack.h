#pragma once

#include <QDate>
#include <QTableView>

namespace campdesk {

class AvailabilityRackModel;

// The availability rack: campsites down, nights across, each stay drawn as one bar (a span) coloured by its
// status with the guest's name; maintenance sites shaded, weekends tinted, the past greyed. Dragging along a
// row over free nights asks for a booking of those nights; clicking a bar asks for that reservation; dragging a bar
// to another row or other nights asks to move it, dragging its right end asks to extend or shorten it (the desk then
// confirms in the change dialog: nothing changes on the drop itself).
class AvailabilityRack final : public QTableView
{
    Q_OBJECT
public:
    explicit AvailabilityRack(QWidget* parent = nullptr);

    void setRackModel(AvailabilityRackModel* model);
    AvailabilityRackModel* rackModel() const { return m_model; }
    // Where a cell is drawn, in viewport coordinates (for tests and tooltips).
    QRect cellRect(int row, int column) const;

    static constexpr int dayWidth = 46;
    static constexpr int grabMargin = 8; // pixels at a bar's right end that resize it

signals:
    // checkOut is exclusive: dragging over the 3rd and 4th asks for check-in on the 3rd, check-out on the 5th.
    void bookingRequested(qint64 campsiteId, const QDate& checkIn, const QDate& checkOut);
    void reservationClicked(qint64 reservationId);
    // A bar dropped elsewhere (moved) or its end dragged (resized): the stay the desk proposes, check-out exclusive.
    void changeRequested(qint64 reservationId, qint64 campsiteId, const QDate& checkIn, const QDate& checkOut);
    // "Block dates…" from the context menu on a run of nights of one site (to is exclusive).
    void blockRequested(qint64 campsiteId, const QDate& from, const QDate& to);
    void blockRemovalRequested(qint64 blockId);

protected:
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void contextMenuEvent(QContextMenuEvent* event) override;

private:
    void rebuildSpans();
    void selectNights(int row, int fromColumn, int toColumn);

    AvailabilityRackModel* m_model = nullptr;
    int m_dragRow = -1;
    int m_dragAnchor = -1;
    int m_dragEnd = -1;
    qint64 m_pressedReservation = 0;
    int m_pressRow = -1; // the cell a bar was grabbed at
    int m_pressColumn = -1;
    bool m_resizing = false; // grabbed by its right end
    QDate m_pressedCheckIn;
    QDate m_pressedCheckOut;
};

} // namespace campdesk
