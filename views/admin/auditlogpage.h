#pragma once

#include "tablepage.h"

namespace campdesk {

class AuditLogModel;
class Database;
class EventBus;

// Who did what and when, newest first, filtered by text and dates. Read-only.
class AuditLogPage final : public TablePage
{
    Q_OBJECT
public:
    AuditLogPage(Database& db, EventBus* bus, const Actor& actor, QWidget* parent = nullptr);

private:
    AuditLogModel* m_model;
};

} // namespace campdesk
