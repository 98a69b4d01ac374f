#include "adminpages.h"

#include "admin/campsitespage.h"
#include "appcontext.h"
#include "mainwindow.h"

#include <QIcon>

namespace campdesk {

void addAdminPages(MainWindow& window, AppContext& context)
{
    window.addPage(QStringLiteral("campsites"), MainWindow::tr("Campsites"),
                   QIcon(QStringLiteral(":/icons/campsites.svg")),
                   new CampsitesPage(*context.campsites, &context.bus(), window.actor()));
}

} // namespace campdesk
