#pragma once

#include "core/actor.h"
#include "domain/customerservice.h"

#include <QDialog>
#include <memory>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QTableWidget;

namespace campdesk {

class BookingService;
class FieldMessage;
class MileageService;
class UnsavedChanges;

// A customer's details at the desk: name, phone, e-mail, the language of their messages, consent to messages and
// the staff's notes. Each problem is said under its field as it is typed (CustomerService's own rules); OK saves
// in one transaction and stays disabled while anything is wrong.
class CustomerEditorDialog final : public QDialog
{
    Q_OBJECT
public:
    CustomerEditorDialog(CustomerService& customers, const Actor& actor, qint64 customerId, QWidget* parent = nullptr);
    ~CustomerEditorDialog() override;

    Customer customer() const { return m_customer; }
    // Adds the customer's bookings and points ledger (read-only), in tabs under the details.
    void showHistory(BookingService& bookings, MileageService& mileage);

public slots:
    void accept() override;
    void reject() override;

private:
    Customer edited() const;
    void revalidate();
    void showProblem(const Error& error);

    CustomerService& m_customers;
    Actor m_actor;
    Customer m_customer;
    QLineEdit* m_name;
    QLineEdit* m_phone;
    QLineEdit* m_email;
    QComboBox* m_language;
    QCheckBox* m_consent;
    QPlainTextEdit* m_notes;
    FieldMessage* m_nameRow;
    FieldMessage* m_phoneRow;
    FieldMessage* m_emailRow;
    FieldMessage* m_notesRow;
    QLabel* m_message;
    QDialogButtonBox* m_buttons;
    std::unique_ptr<UnsavedChanges> m_unsaved;
};

} // namespace campdesk
