#pragma once

#include "domain/customerservice.h"
#include "kioskpage.h"

class QCheckBox;
class QLineEdit;

namespace campdesk {

class KioskStepper;

// Step 3: who is booking — name and phone (required), e-mail (optional), consent to booking messages; how many of
// the party are children and how many vehicles come (they may add extra-person and vehicle fees).
class KioskGuestPage final : public KioskPage
{
    Q_OBJECT
public:
    explicit KioskGuestPage(LanguageManager& language, QWidget* parent = nullptr);

    void clear() override;
    // The details as typed, in the current language (the language of the customer's messages).
    Customer customer() const;
    int children() const;
    int vehicles() const;
    KioskStepper* childrenStepper() const { return m_children; }
    KioskStepper* vehiclesStepper() const { return m_vehicles; }
    void setError(const QString& message);
    // The optional vehicle plate (hidden until shown); normalised, or empty when none was typed.
    void setPlateShown(bool shown);
    QString plate() const;

signals:
    void back();
    void next(const campdesk::Customer& customer, int children, int vehicles);

protected:
    void retranslate() override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void validate();

    QLabel* m_nameLabel;
    QLineEdit* m_name;
    QLabel* m_phoneLabel;
    QLineEdit* m_phone;
    QLabel* m_emailLabel;
    QLineEdit* m_email;
    QLabel* m_plateLabel;
    QLineEdit* m_plate;
    QLabel* m_childrenLabel;
    KioskStepper* m_children;
    QLabel* m_vehiclesLabel;
    KioskStepper* m_vehicles;
    QCheckBox* m_consent;
    QLabel* m_consentText;
    QLabel* m_error;
    QPushButton* m_back;
    QPushButton* m_next;
};

} // namespace campdesk
