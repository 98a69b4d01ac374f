#pragma once

#include "core/actor.h"
#include "page.h"

class QSortFilterProxyModel;
class QTableView;

namespace campdesk {

class EventBus;
class UserService;
class UserTableModel;

// Staff accounts (manager only): add a user, change role, deactivate or reactivate, reset a password.
class UsersPage final : public Page
{
    Q_OBJECT
public:
    UsersPage(UserService& users, EventBus* bus, const Actor& actor, QWidget* parent = nullptr);

    void refresh() override;
    UserTableModel* model() const { return m_model; }
    QTableView* view() const { return m_view; }

public slots:
    void newUser();
    void toggleRole();
    void toggleActive();
    void resetPassword();

private:
    qint64 selectedId() const;

    UserService& m_users;
    Actor m_actor;
    UserTableModel* m_model;
    QSortFilterProxyModel* m_proxy;
    QTableView* m_view;
};

} // namespace campdesk
