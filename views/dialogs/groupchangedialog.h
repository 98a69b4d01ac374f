#pragma once

#include "core/actor.h"
#include "domain/groupbookingservice.h"

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QRadioButton;
class QSpinBox;

namespace campdesk {

class FieldMessage;

// Changing a whole group booking at once (issue 20): every part moved by the same number of days and/or made the same
// number of nights longer or shorter. Shows each part's new stay and price and what is taken or given back in all,
// as the rules price it, before anything changes; OK stays disabled until the change is possible.
class GroupChangeDialog final : public QDialog
{
    Q_OBJECT
public:
    GroupChangeDialog(GroupBookingService& groups, const BookingGroup& group, const Actor& actor,
                      QWidget* parent = nullptr);

    GroupChangeRequest request() const;
    const GroupChangeQuote& quote() const { return m_quote; }
    QString problem() const { return m_problem; }

private:
    void requote();

    GroupBookingService& m_groups;
    BookingGroup m_group;
    Actor m_actor;
    GroupChangeQuote m_quote;
    QString m_problem;
    QSpinBox* m_shift;
    FieldMessage* m_shiftRow;
    QSpinBox* m_nights;
    QRadioButton* m_cash;
    QRadioButton* m_deskCard;
    QLabel* m_parts;
    QLabel* m_message;
    QDialogButtonBox* m_buttons;
};

} // namespace campdesk
