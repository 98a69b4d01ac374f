#pragma once

namespace campdesk {

struct AppContext;
class MainWindow;

// Puts every admin/front-desk page into the main window, in navigation order. A new area adds one line here.
void addAdminPages(MainWindow& window, AppContext& context);

} // namespace campdesk
