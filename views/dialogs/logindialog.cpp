#include "logindialog.h"

#include "domain/userservice.h"
#include "viewresources.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QIcon>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace campdesk {

LoginDialog::LoginDialog(UserService& users, const QString& databaseDescription, QWidget* parent)
    : QDialog(parent)
    , m_users(users)
    , m_username(new QLineEdit(this))
    , m_password(new QLineEdit(this))
    , m_message(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Campdesk — Log in"));
    ensureViewResources();
    setWindowIcon(QIcon(QStringLiteral(":/icons/campdesk.svg")));
    setObjectName(QStringLiteral("loginDialog"));

    auto* logo = new QLabel(this);
    logo->setPixmap(QIcon(QStringLiteral(":/icons/campdesk.svg")).pixmap(48, 48));
    auto* heading = new QLabel(tr("<b>Campdesk</b><br>Log in with your staff account."), this);
    auto* top = new QHBoxLayout;
    top->addWidget(logo);
    top->addWidget(heading, 1);

    m_username->setObjectName(QStringLiteral("username"));
    m_username->setMaxLength(64);
    m_username->setPlaceholderText(tr("e.g. manager"));
    m_password->setObjectName(QStringLiteral("password"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setMaxLength(UserService::maxPasswordLength);
    auto* form = new QFormLayout;
    form->addRow(tr("&User name:"), m_username);
    form->addRow(tr("&Password:"), m_password);

    m_message->setObjectName(QStringLiteral("message"));
    m_message->setWordWrap(true);
    m_message->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_message->hide();

    auto* database = new QLabel(databaseDescription, this);
    database->setObjectName(QStringLiteral("database"));
    database->setWordWrap(true);
    database->setEnabled(false); // greyed: context, not a control

    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Log in"));
    m_buttons->button(QDialogButtonBox::Ok)->setObjectName(QStringLiteral("ok"));

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addSpacing(8);
    layout->addLayout(form);
    layout->addWidget(m_message);
    layout->addWidget(database);
    layout->addWidget(m_buttons);
    setMinimumWidth(420);

    connect(m_username, &QLineEdit::textChanged, this, &LoginDialog::updateOk);
    connect(m_password, &QLineEdit::textChanged, this, &LoginDialog::updateOk);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &LoginDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &LoginDialog::reject);
    updateOk();
}

void LoginDialog::setUsername(const QString& username)
{
    m_username->setText(username);
    m_password->setFocus();
}

void LoginDialog::updateOk()
{
    m_buttons->button(QDialogButtonBox::Ok)
        ->setEnabled(!m_username->text().trimmed().isEmpty() && !m_password->text().isEmpty());
}

void LoginDialog::showMessage(const QString& text)
{
    m_message->setText(text);
    m_message->setVisible(!text.isEmpty());
}

void LoginDialog::accept()
{
    if (!m_buttons->button(QDialogButtonBox::Ok)->isEnabled())
        return;
    // The password hash takes about 0.2 s: short enough to wait for, but say so.
    QApplication::setOverrideCursor(Qt::WaitCursor);
    setEnabled(false);
    Result<Actor> result = m_users.login(m_username->text(), m_password->text());
    setEnabled(true);
    QApplication::restoreOverrideCursor();
    if (!result.ok()) {
        showMessage(result.error().message);
        m_password->clear();
        m_password->setFocus();
        return;
    }
    m_actor = result.value();
    m_password->clear();
    showMessage(QString());
    QDialog::accept();
}

} // namespace campdesk
