#pragma once

#include "itemmodels/pagedquerymodel.h"

#include <QDate>

namespace campdesk {

// The audit log (who did what, when, from which terminal), newest first, for the Audit log page.
class AuditLogModel final : public PagedQueryModel
{
    Q_OBJECT
public:
    enum Column { At, Actor, Role, Action, Target, Details, Terminal, ColumnCount };

    AuditLogModel(Database& db, EventBus* bus, QObject* parent = nullptr);

    void setDateRange(const QDate& from, const QDate& to);
    void setText(const QString& text); // user, action, target or details

private:
    void applyFilter();
    QDate m_from;
    QDate m_to;
    QString m_text;
};

} // namespace campdesk
