#pragma once

#include "core/actor.h"
#include "domain/campgroundsettings.h"
#include "domain/depositsettings.h"
#include "domain/noshowsettings.h"
#include "domain/rulesettings.h"
#include "page.h"

#include <memory>

class QCheckBox;
class QComboBox;
class QTimeEdit;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace campdesk {

class EventBus;
class FieldMessage;
class NumberEdit;
class WaitlistService;

// The shared booking rules and the campground's own details (manager only): mileage rate, review points, hold
// time, the cancellation refund table; the name, address, business number and phone printed on receipts, the
// receipt paper and the highest nightly price an editor accepts. Numbers stay as typed and what is wrong with
// one is said under it; Save stays disabled until everything is valid and something changed.
class SettingsPage final : public Page
{
    Q_OBJECT
public:
    // Without `deposits` the deposit rule is shown but cannot be changed; likewise the offer time without `waitlist`.
    SettingsPage(RuleSettings& rules, std::unique_ptr<CampgroundSettings> campground, EventBus* bus, const Actor& actor,
                 QWidget* parent = nullptr, std::unique_ptr<DepositSettings> deposits = nullptr,
                 std::unique_ptr<NoShowSettings> noShows = nullptr, WaitlistService* waitlist = nullptr);
    ~SettingsPage() override;

    void refresh() override;
    BookingRules rules() const; // as edited
    CampgroundInfo campground() const; // as edited
    QPushButton* saveButton() const { return m_save; }
    bool hasUnsavedChanges() const;

public slots:
    void save();

private:
    void load(const BookingRules& rules, const CampgroundInfo& campground);
    void revalidate();
    DepositRule deposit() const;
    NoShowRules noShowRules() const;
    std::optional<double> rate() const;

    RuleSettings& m_rules;
    std::unique_ptr<CampgroundSettings> m_campgroundSettings;
    Actor m_actor;
    BookingRules m_stored;
    CampgroundInfo m_storedCampground;
    QLineEdit* m_rate;
    QCheckBox* m_pointsOnExtras;
    NumberEdit* m_reviewPoints;
    NumberEdit* m_holdMinutes;
    QTableWidget* m_bands;
    QLineEdit* m_name;
    QLineEdit* m_address;
    QLineEdit* m_businessNumber;
    QLineEdit* m_phone;
    QComboBox* m_paper;
    NumberEdit* m_maxPrice;
    // The deposit rule of desk and phone bookings (DepositSettings, its own settings keys).
    std::unique_ptr<DepositSettings> m_deposits;
    DepositRule m_storedDeposit;
    QComboBox* m_depositMode;
    NumberEdit* m_depositPercent;
    NumberEdit* m_depositFixed;
    // When a booking nobody arrived for may be closed, what it refunds, and whether terminals do it by themselves.
    std::unique_ptr<NoShowSettings> m_noShows;
    NoShowRules m_storedNoShow;
    QTimeEdit* m_noShowCutoff;
    NumberEdit* m_noShowRefund;
    QCheckBox* m_noShowSweep;
    // How long a waitlist offer holds its site (WaitlistService's setting; manager only, audited there).
    WaitlistService* m_waitlist;
    int m_storedOfferMinutes = 0;
    NumberEdit* m_offerMinutes;
    QList<FieldMessage*> m_rows;
    QLabel* m_message;
    QPushButton* m_save;
};

} // namespace campdesk
