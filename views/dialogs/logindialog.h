#pragma once

#include "core/actor.h"

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace campdesk {

class UserService;

// Asks a staff member for user name and password and logs them in through UserService.
// The dialog stays open on a wrong login or a lockout and says why; it accepts only with a logged-in actor.
class LoginDialog final : public QDialog
{
    Q_OBJECT
public:
    LoginDialog(UserService& users, const QString& databaseDescription, QWidget* parent = nullptr);

    const Actor& actor() const { return m_actor; }
    void setUsername(const QString& username);

public slots:
    void accept() override;

private:
    void updateOk();
    void showMessage(const QString& text);

    UserService& m_users;
    Actor m_actor;
    QLineEdit* m_username;
    QLineEdit* m_password;
    QLabel* m_message;
    QDialogButtonBox* m_buttons;
};

} // namespace campdesk
