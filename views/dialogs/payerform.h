#pragma once

#include "core/result.h"
#include "domain/customerservice.h"

#include <QGroupBox>

class QComboBox;
class QLabel;
class QLineEdit;

namespace campdesk {

class FieldMessage;

// Who books and pays, as the desk types it: the phone number first (a returning customer's name, e-mail and language
// are filled in from it), then name, e-mail and the language of the messages, each with its problem right under it.
// One form for the desk booking and the group booking dialogs.
class PayerForm final : public QGroupBox
{
    Q_OBJECT
public:
    PayerForm(CustomerService& customers, const QString& title, QWidget* parent = nullptr);

    // As typed: name and e-mail trimmed, the phone as it is (the service normalizes and checks it).
    Customer customer() const;
    void setLanguage(const QString& language); // "ko" or "en"
    QLineEdit* nameEdit() const { return m_name; }
    // A service's error next to its field (phone, name, email); false when it is about another field.
    bool showError(const Error& error);
    void clearMessages();

signals:
    void changed(); // something typed, or a returning customer's details filled in

private:
    void lookUpPhone();

    CustomerService& m_customers;
    QLineEdit* m_phone;
    QLabel* m_state;
    QLineEdit* m_name;
    QLineEdit* m_email;
    QComboBox* m_language;
    FieldMessage* m_phoneRow;
    FieldMessage* m_nameRow;
    FieldMessage* m_emailRow;
};

} // namespace campdesk
