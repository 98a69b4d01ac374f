#pragma once

#include "tablepage.h"

namespace campdesk {

class AuditLogModel;

// Who did what and when, newest first, filtered by text and dates. Read-only.
class AuditLogPage final : public TablePage
{
    Q_OBJECT
public:
    // Takes ownership of model.
    AuditLogPage(AuditLogModel* model, const Actor& actor, QWidget* parent = nullptr);

private:
    AuditLogModel* m_model;
};

} // namespace campdesk
