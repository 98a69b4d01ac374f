#include "userspage.h"

#include "columnfitter.h"
#include "dialogs/userdialog.h"
#include "itemmodels/usertablemodel.h"
#include "messagebox.h"

#include <QHeaderView>
#include <QLabel>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

namespace campdesk {

UsersPage::UsersPage(UserService& users, EventBus* bus, const Actor& actor, QWidget* parent)
    : Page(parent)
    , m_users(users)
    , m_actor(actor)
    , m_model(new UserTableModel(users, bus, actor, this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_view(new QTableView(this))
{
    m_proxy->setSourceModel(m_model);
    m_view->setObjectName(QStringLiteral("usersTable"));
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(UserTableModel::Username, Qt::AscendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAlternatingRowColors(true);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    new ColumnFitter(m_view, { UserTableModel::DisplayName }, { UserTableModel::Username, UserTableModel::Role });

    auto* bar = new QToolBar(this);
    bar->setObjectName(QStringLiteral("usersToolBar"));
    bar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    bar->addAction(tr("&New user…"), this, &UsersPage::newUser)->setObjectName(QStringLiteral("newUser"));
    QList<QAction*> onSelection;
    onSelection << bar->addAction(tr("Change &role"), this, &UsersPage::toggleRole);
    onSelection.last()->setObjectName(QStringLiteral("changeRole"));
    onSelection << bar->addAction(tr("&Deactivate / reactivate"), this, &UsersPage::toggleActive);
    onSelection.last()->setObjectName(QStringLiteral("toggleActive"));
    onSelection << bar->addAction(tr("Reset &password…"), this, &UsersPage::resetPassword);
    onSelection.last()->setObjectName(QStringLiteral("resetPassword"));
    // Actions on a user are enabled only while a user is selected.
    auto update = [this, onSelection] {
        for (QAction* action : onSelection)
            action->setEnabled(selectedId() != 0);
    };
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, update);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, update);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, update);
    update();

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(QStringLiteral("<h2>%1</h2>").arg(tr("Users")), this));
    layout->addWidget(bar);
    layout->addWidget(m_view, 1);
}

void UsersPage::refresh()
{
    m_model->refresh();
}

qint64 UsersPage::selectedId() const
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    return rows.isEmpty() ? 0 : rows.first().data(UserTableModel::IdRole).toLongLong();
}

void UsersPage::newUser()
{
    UserDialog dialog(m_users, m_actor, 0, this);
    dialog.exec();
}

void UsersPage::resetPassword()
{
    if (const qint64 id = selectedId()) {
        UserDialog dialog(m_users, m_actor, id, this);
        dialog.exec();
    }
}

void UsersPage::toggleRole()
{
    const int row = m_model->rowOfId(selectedId());
    if (row < 0)
        return;
    const User& user = m_model->userAt(row);
    const Role to = user.role == Role::Manager ? Role::FrontDesk : Role::Manager;
    if (!MessageBox::confirm(this, tr("Change role"), tr("Make %1 a %2?").arg(user.displayName, roleDisplayName(to)),
                             tr("Change role")))
        return;
    if (Status s = m_users.changeRole(m_actor, user.id, to); !s.ok())
        MessageBox::warning(this, tr("Change role"), s.error().message);
    m_model->refresh();
}

void UsersPage::toggleActive()
{
    const int row = m_model->rowOfId(selectedId());
    if (row < 0)
        return;
    const User& user = m_model->userAt(row);
    if (Status s = m_users.setActive(m_actor, user.id, !user.active); !s.ok())
        MessageBox::warning(this, tr("Users"), s.error().message);
    m_model->refresh();
}

} // namespace campdesk
