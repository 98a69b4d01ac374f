#include "itemmodels/auditlogmodel.h"

#include <QDateTime>

namespace campdesk {

AuditLogModel::AuditLogModel(Database& db, EventBus* bus, QObject* parent)
    : PagedQueryModel(db, parent)
{
    setQuery(
        QStringLiteral("a.id"), QStringLiteral("audit_log a"),
        {
            { QStringLiteral("a.at"), tr("Time"), CellKind::DateTime, QStringLiteral("a.at") },
            { QStringLiteral("a.actor"), tr("User"), CellKind::Text, QStringLiteral("a.actor") },
            { QStringLiteral("a.role"), tr("Role"), CellKind::Key, QStringLiteral("a.role"), QStringLiteral("role") },
            // Stored as codes, shown through tr() in the language of the screen (StatusText).
            { QStringLiteral("a.action"), tr("Action"), CellKind::Key, QStringLiteral("a.action"),
              QStringLiteral("audit") },
            { QStringLiteral("a.target"), tr("Target"), CellKind::Key, QStringLiteral("a.target"),
              QStringLiteral("auditTarget") },
            { QStringLiteral("a.details"), tr("Details"), CellKind::Key, QString(), QStringLiteral("auditDetails") },
            { QStringLiteral("a.terminal"), tr("Terminal"), CellKind::Text, QStringLiteral("a.terminal") },
        });
    setDefaultSort(At, Qt::DescendingOrder);
    watch(bus, {}); // every staff action that is audited also records an event
    applyFilter();
}

void AuditLogModel::setDateRange(const QDate& from, const QDate& to)
{
    m_from = from;
    m_to = to;
    applyFilter();
}

void AuditLogModel::setText(const QString& text)
{
    m_text = text;
    applyFilter();
}

void AuditLogModel::applyFilter()
{
    SqlFilter filter;
    if (m_from.isValid())
        filter.add(QStringLiteral("a.at >= ?"), { m_from.startOfDay().toMSecsSinceEpoch() });
    if (m_to.isValid())
        filter.add(QStringLiteral("a.at < ?"), { m_to.addDays(1).startOfDay().toMSecsSinceEpoch() });
    filter.addText(m_text,
                   { QStringLiteral("a.actor"), QStringLiteral("a.action"), QStringLiteral("a.target"),
                     QStringLiteral("a.details") });
    setFilter(filter);
}

} // namespace campdesk
