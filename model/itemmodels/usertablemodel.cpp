#include "itemmodels/usertablemodel.h"

#include "core/eventbus.h"

#include <QLocale>

namespace campdesk {

UserTableModel::UserTableModel(UserService& users, EventBus* bus, const Actor& actor, QObject* parent)
    : QAbstractTableModel(parent)
    , m_users(users)
    , m_actor(actor)
{
    if (bus) {
        connect(bus, &EventBus::userCreated, this, &UserTableModel::refresh);
        connect(bus, &EventBus::userModified, this, &UserTableModel::refresh);
    }
    refresh();
}

int UserTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int UserTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant UserTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    const User& user = m_rows.at(index.row());
    if (role == IdRole)
        return user.id;
    if (role != Qt::DisplayRole)
        return QVariant();
    switch (index.column()) {
    case Username:
        return user.username;
    case DisplayName:
        return user.displayName;
    case Role:
        return roleDisplayName(user.role);
    case Active:
        return user.active ? tr("Active") : tr("Deactivated");
    case Locked:
        return user.lockedUntil.isValid() && user.lockedUntil > QDateTime::currentDateTimeUtc()
            ? tr("Locked until %1").arg(QLocale().toString(user.lockedUntil.toLocalTime(), QLocale::ShortFormat))
            : QString();
    default:
        return QVariant();
    }
}

QVariant UserTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Username:
        return tr("Username");
    case DisplayName:
        return tr("Name");
    case Role:
        return tr("Role");
    case Active:
        return tr("Account");
    case Locked:
        return tr("Lockout");
    default:
        return QVariant();
    }
}

int UserTableModel::rowOfId(qint64 id) const
{
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows.at(row).id == id)
            return row;
    }
    return -1;
}

bool UserTableModel::refresh()
{
    Result<QList<User>> users = m_users.list(m_actor);
    if (!users.ok()) {
        m_lastError = users.error();
        return false;
    }
    m_lastError = Error();
    // Rows in id order: users are never deleted, only deactivated, so changes land in place and new users at the
    // end; the view sorts through a proxy.
    QList<User> fresh = users.value();
    std::sort(fresh.begin(), fresh.end(), [](const User& a, const User& b) { return a.id < b.id; });
    for (int row = 0; row < m_rows.size() && row < fresh.size(); ++row) {
        if (m_rows.at(row).id != fresh.at(row).id) {
            beginResetModel(); // only if ids were reused, e.g. a restored backup
            m_rows = fresh;
            endResetModel();
            return true;
        }
    }
    if (fresh.size() < m_rows.size()) {
        beginRemoveRows(QModelIndex(), int(fresh.size()), int(m_rows.size()) - 1);
        m_rows.resize(fresh.size());
        endRemoveRows();
    }
    for (int row = 0; row < m_rows.size(); ++row) {
        const User& a = m_rows.at(row);
        const User& b = fresh.at(row);
        if (a.displayName != b.displayName || a.role != b.role || a.active != b.active || a.lockedUntil != b.lockedUntil
            || a.username != b.username) {
            m_rows[row] = b;
            emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
        }
    }
    if (fresh.size() > m_rows.size()) {
        beginInsertRows(QModelIndex(), int(m_rows.size()), int(fresh.size()) - 1);
        m_rows.append(fresh.mid(m_rows.size()));
        endInsertRows();
    }
    return true;
}

} // namespace campdesk
