#pragma once

#include "core/actor.h"
#include "domain/reservation.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace campdesk {

class FieldMessage;

// Checking in a deposit booking: shows the balance due and asks how it is paid (cash or the desk's card machine);
// a manager may instead check the guest in without it, with a reason. OK stays disabled until the input is valid.
class BalanceDialog final : public QDialog
{
    Q_OBJECT

public:
    BalanceDialog(const Reservation& reservation, const Actor& actor, QWidget* parent = nullptr);

    QString method() const; // "cash" or "desk_card"
    bool withoutBalance() const; // a manager lets the guest in owing it
    QString reason() const;
    QString problem() const { return m_problem; }

private:
    void revalidate();

    QString m_problem;
    QComboBox* m_method;
    QCheckBox* m_skip = nullptr;
    QLineEdit* m_reason = nullptr;
    FieldMessage* m_reasonRow = nullptr;
    QDialogButtonBox* m_buttons;
};

} // namespace campdesk
