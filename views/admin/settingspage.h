#pragma once

#include "core/actor.h"
#include "domain/rulesettings.h"
#include "page.h"

class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace campdesk {

class EventBus;

// The shared booking rules (manager only): mileage rate, review points, hold time and the cancellation
// refund table. Save stays disabled until the rules are valid and changed.
class SettingsPage final : public Page
{
    Q_OBJECT
public:
    SettingsPage(RuleSettings& rules, EventBus* bus, const Actor& actor, QWidget* parent = nullptr);

    void refresh() override;
    BookingRules rules() const; // as edited
    QPushButton* saveButton() const { return m_save; }

public slots:
    void save();

private:
    void load(const BookingRules& rules);
    void revalidate();

    RuleSettings& m_rules;
    Actor m_actor;
    BookingRules m_stored;
    QDoubleSpinBox* m_rate;
    QSpinBox* m_reviewPoints;
    QSpinBox* m_holdMinutes;
    QTableWidget* m_bands;
    QLabel* m_message;
    QPushButton* m_save;
};

} // namespace campdesk
