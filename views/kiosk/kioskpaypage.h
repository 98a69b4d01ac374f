#pragma once

#include "kioskpage.h"

#include <QTimer>

namespace campdesk {

class KioskSpinner;

// Step 5: waiting for the card terminal (animated, never frozen), then — when the payment does not go
// through — what happened and what the customer can do now.
class KioskPayPage final : public KioskPage
{
    Q_OBJECT
public:
    explicit KioskPayPage(LanguageManager& language, QWidget* parent = nullptr);

    void showWaiting(qint64 amount, bool simulated);
    // A payment that did not go through. retryAfterSeconds > 0 keeps "Try again" disabled that long.
    void showProblem(const QString& heading, const QString& message, bool canRetry, int retryAfterSeconds = 0);
    bool isWaiting() const;
    void clear() override;

signals:
    void retry();
    void startOver();

protected:
    void retranslate() override;

private:
    void tick();

    enum class State { Idle, Waiting, Problem };
    State m_state = State::Idle;
    qint64 m_amount = 0;
    bool m_simulated = false;
    QString m_heading;
    int m_retryLeft = 0;
    QTimer m_retryTimer;
    KioskSpinner* m_spinner;
    QLabel* m_message;
    QLabel* m_simulatedBadge;
    QPushButton* m_retry;
    QPushButton* m_startOver;
};

} // namespace campdesk
