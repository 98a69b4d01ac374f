#pragma once

#include <QDialog>
#include <QHash>

class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QLineEdit;

namespace campdesk {

class UserService;

// The first start of a database without any staff account (and without --demo): asks for the first manager's user
// name and password, checked as typed with UserService's rules (the same as campdesk --create-user), each problem
// next to its field. Accepting creates the account; cancelling creates nothing.
class FirstManagerDialog final : public QDialog
{
    Q_OBJECT
public:
    FirstManagerDialog(UserService& users, const QString& databaseDescription, QWidget* parent = nullptr);

    // The account created, once accepted.
    QString username() const;

public slots:
    void accept() override;

private:
    // Adds a labelled field with its error line under it; the error's object name is the field's plus "Error".
    QLineEdit* addField(QFormLayout* form, const QString& label, const QString& name, bool secret);
    void revalidate();
    // Shows each field's problem once the field (or a later one) has been typed into.
    void showProblems(const QHash<QString, QString>& problems);

    UserService& m_users;
    QLineEdit* m_username = nullptr;
    QLineEdit* m_displayName = nullptr;
    QLineEdit* m_password = nullptr;
    QLineEdit* m_repeat = nullptr;
    QHash<QString, QLabel*> m_errors; // by field name
    QLabel* m_message;
    QDialogButtonBox* m_buttons;
    QString m_created;
};

} // namespace campdesk
