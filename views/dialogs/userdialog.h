#pragma once

#include "core/actor.h"

#include <QDialog>
#include <QHash>
#include <memory>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace campdesk {

class FieldMessage;
class UnsavedChanges;
class UserService;

// A new staff account, or a new password for an existing one (userId != 0). Checks the input as it is typed
// with UserService's own rules; OK stays disabled until it is valid.
class UserDialog final : public QDialog
{
    Q_OBJECT
public:
    UserDialog(UserService& users, const Actor& actor, qint64 userId, QWidget* parent = nullptr);
    ~UserDialog() override;

public slots:
    void accept() override;
    void reject() override;

private:
    void revalidate();

    UserService& m_users;
    Actor m_actor;
    qint64 m_userId;
    QLineEdit* m_username;
    QLineEdit* m_displayName;
    QComboBox* m_role;
    QLineEdit* m_password;
    QLineEdit* m_repeat;
    QLabel* m_message;
    QHash<QLineEdit*, FieldMessage*> m_rows;
    std::unique_ptr<UnsavedChanges> m_unsaved;
    QDialogButtonBox* m_buttons;
};

} // namespace campdesk
