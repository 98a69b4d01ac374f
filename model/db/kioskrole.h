#pragma once

#include "core/result.h"

#include <QCoreApplication>
#include <QString>

namespace campdesk {

class Database;
class SqlSession;

// The least-privileged PostgreSQL login a kiosk connects with (issue 16): only what the kiosk flow does. Plain
// grants per table, column grants where a table also holds what the kiosk must not change, and row-level security
// where even reading every row is too much (customers, reservations, settings). Created by an admin connection
// (the schema's owner); created again after an upgrade, it grants what new migrations need.
class KioskRole
{
    Q_DECLARE_TR_FUNCTIONS(KioskRole)

public:
    // A PostgreSQL identifier we accept without quoting: lower-case letters, digits and _, at most 63.
    static bool isValidName(const QString& name);
    // Creates the login role (or sets a new password on an existing one) and grants exactly the kiosk flow.
    // The password travels as a bound value, never inside a statement's text (which a failure would log).
    static Status create(Database& admin, const QString& name, const QString& password);
    // The customers a kiosk role may read are the ones with a recent or coming stay and the one whose phone the
    // current transaction names: called before a look-up by phone. Nothing on SQLite (one file, no roles).
    static void scopeToPhone(SqlSession& session, const QString& phone);
    // The same as a column of a SELECT the caller makes first anyway (one round trip less): ", set_config(...)" to
    // append to its select list, whose placeholder takes the phone; empty on SQLite. The scope is set only when that
    // SELECT returns a row.
    static QString scopeToPhoneColumn(const SqlSession& session);
};

} // namespace campdesk
