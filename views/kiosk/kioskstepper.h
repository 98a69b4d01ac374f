#pragma once

#include <QWidget>

class QLabel;
class QPushButton;

namespace campdesk {

// A number with big - and + buttons, for party size, nights and points on a touch screen.
class KioskStepper final : public QWidget
{
    Q_OBJECT
public:
    explicit KioskStepper(QWidget* parent = nullptr);

    int value() const { return m_value; }
    void setValue(int value);
    void setRange(int minimum, int maximum);
    void setStep(int step) { m_step = step; }
    // How the value is shown, e.g. "2 guests"; the default shows the number.
    void setFormatter(std::function<QString(int)> formatter);
    QPushButton* minusButton() const { return m_minus; }
    QPushButton* plusButton() const { return m_plus; }
    void refresh();

signals:
    void valueChanged(int value);

private:
    QPushButton* m_minus;
    QLabel* m_label;
    QPushButton* m_plus;
    int m_value = 1;
    int m_minimum = 1;
    int m_maximum = 10;
    int m_step = 1;
    std::function<QString(int)> m_formatter;
};

} // namespace campdesk
