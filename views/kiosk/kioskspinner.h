#pragma once

#include <QTimer>
#include <QWidget>

namespace campdesk {

// A turning ring of dots: shows the customer the kiosk is working (waiting for the card terminal), and keeps
// moving because the GUI thread never blocks.
class KioskSpinner final : public QWidget
{
    Q_OBJECT
public:
    explicit KioskSpinner(QWidget* parent = nullptr);

    void start();
    void stop();
    bool isSpinning() const { return m_timer.isActive(); }
    QSize sizeHint() const override { return QSize(120, 120); }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    QTimer m_timer;
    int m_step = 0;
};

} // namespace campdesk
