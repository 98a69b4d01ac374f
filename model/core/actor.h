#pragma once

#include "core/result.h"

#include <QCoreApplication>
#include <QString>
#include <initializer_list>

namespace campdesk {

enum class Role {
    Manager, // office PC: everything
    FrontDesk, // walk-ins, phone bookings, check-in/out, cancellations
    Kiosk, // a customer at the walk-in kiosk: own bookings only
    System, // the program itself: reconciler, dispatcher, migrations, command line tools
};

QString roleName(Role role); // stable key stored in the database: "manager", ...
std::optional<Role> roleFromName(const QString& name);
QString roleDisplayName(Role role); // translated, for the UI

// Who is acting. Every service write takes one; roles are enforced in the services, not only in the UI.
struct Actor
{
    qint64 userId = 0; // 0 for kiosk customers and the system
    QString name;
    Role role = Role::Kiosk;

    static Actor system(const QString& what = QStringLiteral("system")) { return Actor { 0, what, Role::System }; }
    static Actor kiosk() { return Actor { 0, QStringLiteral("kiosk"), Role::Kiosk }; }
    bool isStaff() const { return role == Role::Manager || role == Role::FrontDesk || role == Role::System; }
};

// Ok when the actor has one of the roles; otherwise a translated "not allowed" error.
Status requireRole(const Actor& actor, std::initializer_list<Role> allowed);

} // namespace campdesk
