#pragma once

#include "core/actor.h"
#include "domain/customerservice.h"
#include "domain/groupbookingservice.h"

#include <QDialog>
#include <QFutureWatcher>

class QComboBox;
class QDateEdit;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QRadioButton;
class QVBoxLayout;

namespace campdesk {

class CampsiteService;
class FieldMessage;
class NumberEdit;
class PayerForm;
class PaymentGateway;

// A group booking at the desk (issue 20, item 2): one payer, a list of sites each with its own dates and guests, the
// total quote, and one payment for all of them. All or nothing: a site that is not free holds none of them. The
// payment runs off the GUI thread; the dialog closes with the confirmed group.
class GroupBookingDialog final : public QDialog
{
    Q_OBJECT
public:
    struct Gateways
    {
        PaymentGateway* desk = nullptr; // cash and card machine
        PaymentGateway* simulated = nullptr; // may be null
    };

    GroupBookingDialog(BookingService& bookings, CampsiteService& campsites, Gateways gateways, const Actor& actor,
                       QWidget* parent = nullptr);
    ~GroupBookingDialog() override;

    int partCount() const { return int(m_parts.size()); }
    void addPart(); // a row for one more site, with the dates of the last one
    void removePart(int index);
    GroupRequest request() const;
    QString problem() const { return m_problem; } // why paying is disabled; empty when it is enabled
    const BookingGroup& group() const { return m_group; }
    bool isPaying() const { return m_paying; }

public slots:
    void accept() override; // holds every site and starts the payment; closes once the group is confirmed
    void reject() override; // refused while a payment is under way

private:
    struct PartRow
    {
        QWidget* row = nullptr;
        QLabel* number = nullptr;
        QComboBox* site = nullptr;
        QDateEdit* checkIn = nullptr;
        QDateEdit* checkOut = nullptr;
        NumberEdit* guests = nullptr;
        FieldMessage* siteRow = nullptr;
        FieldMessage* checkInRow = nullptr;
        FieldMessage* checkOutRow = nullptr;
        FieldMessage* guestsRow = nullptr;
        QPushButton* remove = nullptr;
    };

    void revalidate();
    void showError(const Error& error); // next to the field it names, and under the form
    void paymentAnswered();
    void setPaying(bool paying);
    void renumber();

    GroupBookingService m_groups;
    CustomerService m_customers;
    Gateways m_gateways;
    Actor m_actor;
    QList<std::pair<qint64, QString>> m_sites; // id, label
    QList<PartRow> m_parts;
    BookingGroup m_group;
    QString m_problem;
    bool m_paying = false;
    QFutureWatcher<PaymentOutcome> m_watcher;
    PaymentGateway* m_payingGateway = nullptr;

    PayerForm* m_payer;
    QVBoxLayout* m_partsLayout;
    QPushButton* m_addPart;
    QLabel* m_quote;
    QRadioButton* m_cash;
    QRadioButton* m_cardMachine;
    QRadioButton* m_simulated = nullptr;
    QLabel* m_message;
    QProgressBar* m_progress;
    QDialogButtonBox* m_buttons;
};

} // namespace campdesk
