#include "firststart.h"

#include "core/logging.h"
#include "dialogs/firstmanagerdialog.h"

namespace campdesk::app {

Result<bool> ensureFirstManager(AppContext& context, QString* username)
{
    Result<qint64> users = context.users->count();
    if (!users.ok())
        return users.error();
    if (users.value() > 0)
        return true;
    // Never demo accounts here (only --demo makes those): whoever installed the program names the manager.
    qCInfo(lcOps) << "no staff account yet: asking for the first manager account";
    FirstManagerDialog dialog(*context.users, context.db->describe());
    if (dialog.exec() != QDialog::Accepted) {
        qCInfo(lcOps) << "the first manager account was not created: quitting";
        return false;
    }
    qCInfo(lcOps).noquote() << "first manager account created:" << dialog.username();
    *username = dialog.username();
    return true;
}

} // namespace campdesk::app
