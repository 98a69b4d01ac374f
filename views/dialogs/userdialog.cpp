#include "userdialog.h"

#include "domain/userservice.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace campdesk {

UserDialog::UserDialog(UserService& users, const Actor& actor, qint64 userId, QWidget* parent)
    : QDialog(parent)
    , m_users(users)
    , m_actor(actor)
    , m_userId(userId)
    , m_username(new QLineEdit(this))
    , m_displayName(new QLineEdit(this))
    , m_role(new QComboBox(this))
    , m_password(new QLineEdit(this))
    , m_repeat(new QLineEdit(this))
    , m_message(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("userDialog"));
    setMinimumWidth(420);
    m_username->setObjectName(QStringLiteral("username"));
    m_displayName->setObjectName(QStringLiteral("displayName"));
    m_role->setObjectName(QStringLiteral("role"));
    m_role->addItem(roleDisplayName(Role::FrontDesk), int(Role::FrontDesk));
    m_role->addItem(roleDisplayName(Role::Manager), int(Role::Manager));
    m_password->setObjectName(QStringLiteral("password"));
    m_repeat->setObjectName(QStringLiteral("repeat"));
    for (QLineEdit* edit : { m_password, m_repeat })
        edit->setEchoMode(QLineEdit::Password);
    m_message->setObjectName(QStringLiteral("message"));
    m_message->setWordWrap(true);
    m_message->setStyleSheet(QStringLiteral("color: #c62828;"));

    auto* form = new QFormLayout;
    if (userId == 0) {
        setWindowTitle(tr("New user"));
        form->addRow(tr("&Username"), m_username);
        form->addRow(tr("&Name"), m_displayName);
        form->addRow(tr("&Role"), m_role);
    } else {
        Result<User> user = m_users.get(actor, userId);
        setWindowTitle(tr("New password for %1").arg(user.ok() ? user->displayName : QString()));
        m_username->setText(user.ok() ? user->username : QString());
        m_username->hide();
        m_displayName->hide();
        m_role->hide();
    }
    form->addRow(tr("&Password"), m_password);
    form->addRow(tr("Re&peat"), m_repeat);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_message);
    layout->addWidget(m_buttons);

    for (QLineEdit* edit : { m_username, m_displayName, m_password, m_repeat })
        connect(edit, &QLineEdit::textChanged, this, &UserDialog::revalidate);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &UserDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    revalidate();
}

void UserDialog::revalidate()
{
    QString problem;
    if (m_userId == 0) {
        if (Status s = UserService::validateUsername(m_username->text()); !s.ok())
            problem = s.error().message;
        else if (Status d = UserService::validateDisplayName(m_displayName->text()); !d.ok())
            problem = d.error().message;
    }
    if (problem.isEmpty()) {
        if (Status p = UserService::validatePassword(m_password->text(), m_username->text()); !p.ok())
            problem = p.error().message;
        else if (m_repeat->text() != m_password->text())
            problem = tr("The two passwords differ.");
    }
    // Nothing typed yet is not an error to shout about.
    const bool untouched = m_password->text().isEmpty() && m_username->text().isEmpty();
    m_message->setText(untouched ? QString() : problem);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(problem.isEmpty());
}

void UserDialog::accept()
{
    Status done;
    if (m_userId == 0) {
        Result<User> created = m_users.createUser(m_actor, m_username->text(), m_displayName->text(),
                                                  Role(m_role->currentData().toInt()), m_password->text());
        if (!created.ok())
            done = created.error();
    } else {
        done = m_users.resetPassword(m_actor, m_userId, m_password->text());
    }
    if (!done.ok()) {
        m_message->setText(done.error().message);
        return;
    }
    QDialog::accept();
}

} // namespace campdesk
