#pragma once

class QWidget;

namespace campdesk {

class RefreshGate;

// The one rule for live pages: a model's event-driven refreshes run while the page showing it is on screen, and a
// hidden page reads once when it is shown again (another terminal's booking then costs the pages nobody looks at
// nothing). Closes the gate now if the page is not visible.
void refreshWhileShown(QWidget* page, RefreshGate* gate);

} // namespace campdesk
