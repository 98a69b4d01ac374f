#include "userdialog.h"

#include "domain/userservice.h"
#include "fieldmessage.h"
#include "unsavedchanges.h"

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

    for (QLineEdit* edit : { m_username, m_displayName, m_password, m_repeat })
        m_rows.insert(edit, new FieldMessage(edit, this));
    auto* form = new QFormLayout;
    if (userId == 0) {
        setWindowTitle(tr("New user"));
        form->addRow(tr("&Username"), m_rows.value(m_username));
        form->addRow(tr("&Name"), m_rows.value(m_displayName));
        form->addRow(tr("&Role"), m_role);
    } else {
        Result<User> user = m_users.get(actor, userId);
        setWindowTitle(tr("New password for %1").arg(user.ok() ? user->displayName : QString()));
        m_username->setText(user.ok() ? user->username : QString());
        m_rows.value(m_username)->hide();
        m_rows.value(m_displayName)->hide();
        m_role->hide();
    }
    form->addRow(tr("&Password"), m_rows.value(m_password));
    form->addRow(tr("Re&peat"), m_rows.value(m_repeat));
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_message);
    layout->addWidget(m_buttons);

    for (QLineEdit* edit : { m_username, m_displayName, m_password, m_repeat })
        connect(edit, &QLineEdit::textChanged, this, &UserDialog::revalidate);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &UserDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &UserDialog::reject);
    revalidate();
    m_unsaved = std::make_unique<UnsavedChanges>(this);
    m_unsaved->markClean();
}

UserDialog::~UserDialog() = default;

void UserDialog::reject()
{
    if (m_unsaved->confirmDiscard(this))
        QDialog::reject();
}

void UserDialog::revalidate()
{
    // Each problem under its own field, once something was typed there; OK waits for all of them.
    QHash<QLineEdit*, QString> problems;
    if (m_userId == 0) {
        if (Status s = UserService::validateUsername(m_username->text()); !s.ok())
            problems.insert(m_username, s.error().message);
        if (Status d = UserService::validateDisplayName(m_displayName->text()); !d.ok())
            problems.insert(m_displayName, d.error().message);
    }
    if (Status p = UserService::validatePassword(m_password->text(), m_username->text()); !p.ok())
        problems.insert(m_password, p.error().message);
    else if (m_repeat->text() != m_password->text())
        problems.insert(m_repeat, tr("The two passwords differ."));
    for (auto it = m_rows.cbegin(); it != m_rows.cend(); ++it)
        it.value()->setMessage(it.key()->text().isEmpty() && it.key() != m_repeat ? QString()
                                                                                  : problems.value(it.key()));
    if (m_repeat->text().isEmpty())
        m_rows.value(m_repeat)->setMessage(QString());
    m_message->clear();
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(problems.isEmpty());
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
