#include "core/actor.h"

namespace campdesk {

QString roleName(Role role)
{
    switch (role) {
    case Role::Manager:
        return QStringLiteral("manager");
    case Role::FrontDesk:
        return QStringLiteral("frontdesk");
    case Role::Kiosk:
        return QStringLiteral("kiosk");
    case Role::System:
        return QStringLiteral("system");
    }
    return QString();
}

std::optional<Role> roleFromName(const QString& name)
{
    for (Role role : { Role::Manager, Role::FrontDesk, Role::Kiosk, Role::System }) {
        if (roleName(role) == name)
            return role;
    }
    return std::nullopt;
}

QString roleDisplayName(Role role)
{
    switch (role) {
    case Role::Manager:
        return QCoreApplication::translate("campdesk::Actor", "Manager");
    case Role::FrontDesk:
        return QCoreApplication::translate("campdesk::Actor", "Front desk");
    case Role::Kiosk:
        return QCoreApplication::translate("campdesk::Actor", "Kiosk");
    case Role::System:
        return QCoreApplication::translate("campdesk::Actor", "System");
    }
    return QString();
}

Status requireRole(const Actor& actor, std::initializer_list<Role> allowed)
{
    for (Role role : allowed) {
        if (actor.role == role)
            return {};
    }
    return Error { ErrorCode::Forbidden,
                   QCoreApplication::translate("campdesk::Actor", "Your role (%1) is not allowed to do this.")
                       .arg(roleDisplayName(actor.role)) };
}

} // namespace campdesk
