#pragma once

#include "ops/healthcheck.h"

namespace campdesk {

struct AppContext;
class MainWindow;

// Puts every admin/front-desk page into the main window, in navigation order. A new area adds one line here.
// Part of the composition root: it builds each page's item models and hands them, with the services, to the page
// (pages never see the database).
// health: what the manager's status page checks (gateway URL, thresholds).
void addAdminPages(MainWindow& window, AppContext& context, const HealthCheck::Options& health = {});

} // namespace campdesk
