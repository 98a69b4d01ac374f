#include "auditlogpage.h"

#include "datatableview.h"
#include "itemmodels/auditlogmodel.h"

#include <QToolBar>

namespace campdesk {

AuditLogPage::AuditLogPage(AuditLogModel* model, const Actor& actor, QWidget* parent)
    : TablePage(tr("Audit log"), QStringLiteral("audit"), model, actor, parent)
    , m_model(static_cast<AuditLogModel*>(view()->pagedModel()))
{
    toolBar()->hide();
    addTextFilter(tr("User, action, target or details"), [this](const QString& text) { m_model->setText(text); });
    addDateRange([this](const QDate& from, const QDate& to) { m_model->setDateRange(from, to); });
}

} // namespace campdesk
