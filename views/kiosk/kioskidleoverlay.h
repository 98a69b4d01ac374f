#pragma once

#include "kioskoverlay.h"

#include <QTimer>

class QLabel;
class QPushButton;

namespace campdesk {

// "Are you still there? 10…": counts down over the kiosk; a touch on "I'm still here" keeps the session,
// reaching zero asks the kiosk to wipe it and start over.
class KioskIdleOverlay final : public KioskOverlay
{
    Q_OBJECT
public:
    explicit KioskIdleOverlay(QWidget* window);

    void start(int seconds);
    void stop();
    int remaining() const { return m_remaining; }

signals:
    void stillHere();
    void expired();

protected:
    void retranslate() override;

private:
    void tick();

    QLabel* m_question;
    QLabel* m_count;
    QLabel* m_explain;
    QPushButton* m_stay;
    QTimer m_timer;
    int m_remaining = 0;
};

} // namespace campdesk
