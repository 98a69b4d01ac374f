#pragma once

#include "kioskpage.h"

#include <QDate>

class QGridLayout;
class QLineEdit;
class QStackedWidget;

namespace campdesk {

class KioskStepper;

// Step 4, the last before paying: what is booked (site, dates, guests), its price, the points used and the amount
// to pay. Points are offered only once the customer proved the phone is theirs with a one-time code (or, with no
// text-message channel, at the front desk).
class KioskMileagePage final : public KioskPage
{
    Q_OBJECT
public:
    // How far the customer got with the points.
    enum class PointsState {
        DeskOnly, // no text-message channel: points only at the front desk
        Locked, // a code can be sent to the phone
        CodeSent, // waiting for the code
        Unlocked, // the phone is proven: the balance shows and may be used
    };

    explicit KioskMileagePage(LanguageManager& language, QWidget* parent = nullptr);

    void setStay(const QString& site, const QDate& checkIn, const QDate& checkOut, int guests);
    void setAmounts(qint64 total, qint64 balance);
    void setPointsState(PointsState state);
    PointsState pointsState() const { return m_state; }
    // A problem with the code (wrong, expired, too many tries), or empty.
    void setCodeMessage(const QString& message);
    void setBusy(bool busy);
    qint64 pointsToUse() const;
    void clear() override;

signals:
    void back();
    void payRequested(qint64 pointsToUse);
    void codeRequested();
    void codeEntered(const QString& code);

protected:
    void retranslate() override;

private:
    void updateTotal();
    QLabel* addSummaryRow(QGridLayout* grid, const QString& name);

    PointsState m_state = PointsState::DeskOnly;
    qint64 m_total = 0;
    qint64 m_balance = 0;
    QString m_site;
    QDate m_checkIn;
    QDate m_checkOut;
    int m_guests = 0;
    bool m_busy = false;
    QLabel* m_siteCaption;
    QLabel* m_siteValue;
    QLabel* m_datesCaption;
    QLabel* m_datesValue;
    QLabel* m_guestsCaption;
    QLabel* m_guestsValue;
    QLabel* m_priceCaption;
    QLabel* m_priceValue;
    QLabel* m_pointsCaption;
    QLabel* m_pointsValue;
    QLabel* m_toPayCaption;
    QLabel* m_toPay;
    QStackedWidget* m_pointsViews;
    QLabel* m_deskOnly;
    QLabel* m_lockedText;
    QPushButton* m_sendCode;
    QLabel* m_codeText;
    QLineEdit* m_code;
    QPushButton* m_checkCode;
    QPushButton* m_resend;
    QLabel* m_codeMessage;
    QLabel* m_balanceLabel;
    KioskStepper* m_points;
    QPushButton* m_useAll;
    QPushButton* m_back;
    QPushButton* m_pay;
};

} // namespace campdesk
