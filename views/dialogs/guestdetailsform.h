#pragma once

#include "domain/guestdetails.h"

#include <QWidget>

class QComboBox;
class QDoubleSpinBox;
class QLineEdit;
class QPlainTextEdit;

namespace campdesk {

class FieldMessage;

// The guest details of one stay as a form: guest name (the customer's when empty, as its placeholder says), up to
// three plates, equipment and its length, the staff's notes. Checks as it is typed with the service's own rules and
// says each problem under its field.
class GuestDetailsForm final : public QWidget
{
    Q_OBJECT
public:
    explicit GuestDetailsForm(QWidget* parent = nullptr);

    void setCustomerName(const QString& name); // for the guest name's placeholder
    void setDetails(const GuestDetails& details);
    // The typed details, checked; the problem is also shown under its field.
    Result<GuestDetails> details();
    // Shows a service's answer under its field; false when the error names none of this form's fields.
    bool showProblem(const Error& error);
    bool isEmpty() const;

signals:
    void edited();

private:
    void clearProblems();
    void equipmentChanged();

    QLineEdit* m_guestName;
    QList<QLineEdit*> m_plates;
    QComboBox* m_equipment;
    QDoubleSpinBox* m_length;
    QPlainTextEdit* m_notes;
    QHash<QString, FieldMessage*> m_rows;
};

} // namespace campdesk
