#pragma once

#include <QObject>
#include <functional>

namespace campdesk {

// Holds back a model's refreshes while nobody looks at it. At a million bookings a table, a day sheet or the site
// map takes a second or more to read again, and every event from another terminal asked every page for it, shown
// or not. A model asks admit() before an event-driven refresh; while the gate is closed that only notes the model
// is out of date, and opening the gate (the page is shown) refreshes once. Models start open, so a model without a
// page (a dialog's, a test's) refreshes as before; the page that shows a model closes the gate while hidden.
class RefreshGate final : public QObject
{
    Q_OBJECT
public:
    explicit RefreshGate(std::function<void()> refresh, QObject* parent = nullptr);

    // True: refresh now. False: the gate is closed; the refresh runs when it opens.
    bool admit();
    void setOpen(bool open);
    bool isOpen() const { return m_open; }
    // A refresh was held back and has not run yet.
    bool isStale() const { return m_stale; }

private:
    std::function<void()> m_refresh;
    bool m_open = true;
    bool m_stale = false;
};

} // namespace campdesk
