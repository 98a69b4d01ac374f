#pragma once

#include <QWidget>

class QVBoxLayout;

namespace campdesk {

// A dimmed layer over the whole kiosk window with a centred panel; the idle countdown and the manager's
// PIN pad are built on it. It follows the window's size and retranslates on language change.
class KioskOverlay : public QWidget
{
    Q_OBJECT
public:
    explicit KioskOverlay(QWidget* window);

    void showOverlay();

protected:
    virtual void retranslate() = 0;
    bool eventFilter(QObject* watched, QEvent* event) override;
    void changeEvent(QEvent* event) override;
    void paintEvent(QPaintEvent* event) override;
    QWidget* panel() const { return m_panel; }
    QVBoxLayout* panelLayout() const { return m_panelLayout; }

private:
    QWidget* m_panel;
    QVBoxLayout* m_panelLayout;
};

} // namespace campdesk
