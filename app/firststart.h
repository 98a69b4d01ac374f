#pragma once

#include "ops/appcontext.h"

#include <QString>

namespace campdesk::app {

// What the admin app does before the login on a database without any staff account: it asks for the first manager
// account (FirstManagerDialog). False when that dialog was cancelled: the app then quits, having created nothing.
// On true, `username` is the new manager's when one was created, else left as it was. An error when the accounts
// cannot be counted.
Result<bool> ensureFirstManager(AppContext& context, QString* username);

} // namespace campdesk::app
