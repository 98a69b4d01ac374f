#pragma once

#include "kioskoverlay.h"

class QLabel;
class QLineEdit;
class QPushButton;

namespace campdesk {

// The manager's PIN pad that appears after the hidden exit gesture. It only collects digits; checking
// them and the lockout are the KioskPinGuard's job.
class KioskPinPad final : public KioskOverlay
{
    Q_OBJECT
public:
    explicit KioskPinPad(QWidget* window);

    void open();
    // Hides the pad and forgets the digits typed (back button, idle timeout).
    void dismiss();
    void setMessage(const QString& message);
    QString pin() const;

signals:
    void submitted(const QString& pin);
    void cancelled();

protected:
    void retranslate() override;

private:
    QLabel* m_prompt;
    QLineEdit* m_field;
    QLabel* m_message;
    QPushButton* m_ok;
    QPushButton* m_cancel;
    QPushButton* m_clear;
};

} // namespace campdesk
