#pragma once

#include "core/actor.h"
#include "domain/userservice.h"

#include <QAbstractTableModel>

namespace campdesk {

class EventBus;

// Staff accounts for the Users page (manager only: UserService refuses anyone else). Refreshes in place when
// users are created or changed, on this terminal or another.
class UserTableModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Username, DisplayName, Role, Active, Locked, ColumnCount };
    enum Roles { IdRole = Qt::UserRole + 1 };

    UserTableModel(UserService& users, EventBus* bus, const Actor& actor, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    const User& userAt(int row) const { return m_rows.at(row); }
    int rowOfId(qint64 id) const;
    const Error& lastError() const { return m_lastError; }

public slots:
    bool refresh();

private:
    UserService& m_users;
    Actor m_actor;
    QList<User> m_rows;
    Error m_lastError;
};

} // namespace campdesk
