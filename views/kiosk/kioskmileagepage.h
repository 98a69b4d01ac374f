#pragma once

#include "kioskpage.h"

namespace campdesk {

class KioskStepper;

// Step 4: the customer's points for that phone, how many to use (1 point = 1 won), and the amount to pay.
class KioskMileagePage final : public KioskPage
{
    Q_OBJECT
public:
    explicit KioskMileagePage(LanguageManager& language, QWidget* parent = nullptr);

    void setAmounts(qint64 total, qint64 balance);
    qint64 pointsToUse() const;
    void clear() override;

signals:
    void back();
    void payRequested(qint64 pointsToUse);

protected:
    void retranslate() override;

private:
    void updateTotal();

    qint64 m_total = 0;
    qint64 m_balance = 0;
    QLabel* m_balanceLabel;
    QLabel* m_useLabel;
    KioskStepper* m_points;
    QPushButton* m_useAll;
    QLabel* m_priceLabel;
    QLabel* m_toPay;
    QPushButton* m_back;
    QPushButton* m_pay;
};

} // namespace campdesk
