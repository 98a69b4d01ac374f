#pragma once

#include "core/actor.h"

#include <QDialog>
#include <memory>

class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace campdesk {

class FieldMessage;
class MileageService;
class NumberEdit;
class UnsavedChanges;

// A manager's correction of a customer's points: a non-zero amount and a reason; OK stays disabled until both
// are given, and what is wrong with the amount is said under it (a minus sign is kept, never dropped).
class AdjustPointsDialog final : public QDialog
{
    Q_OBJECT
public:
    AdjustPointsDialog(MileageService& mileage, qint64 customerId, const Actor& actor, QWidget* parent = nullptr);
    ~AdjustPointsDialog() override;

public slots:
    void accept() override;
    void reject() override;

private:
    void revalidate();

    MileageService& m_mileage;
    qint64 m_customerId;
    Actor m_actor;
    NumberEdit* m_delta;
    FieldMessage* m_deltaRow;
    FieldMessage* m_reasonRow;
    std::unique_ptr<UnsavedChanges> m_unsaved;
    QLineEdit* m_reason;
    QLabel* m_message;
    QDialogButtonBox* m_buttons;
};

} // namespace campdesk
