#pragma once

#include "core/actor.h"

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace campdesk {

class MileageService;

// A manager's correction of a customer's points: a non-zero amount and a reason; OK stays disabled until both
// are given.
class AdjustPointsDialog final : public QDialog
{
    Q_OBJECT
public:
    AdjustPointsDialog(MileageService& mileage, qint64 customerId, const Actor& actor, QWidget* parent = nullptr);

public slots:
    void accept() override;

private:
    void revalidate();

    MileageService& m_mileage;
    qint64 m_customerId;
    Actor m_actor;
    QSpinBox* m_delta;
    QLineEdit* m_reason;
    QLabel* m_message;
    QDialogButtonBox* m_buttons;
};

} // namespace campdesk
