#pragma once

#include <QWidget>

class QLabel;
class QPushButton;
class QBoxLayout;

namespace campdesk {

class LanguageManager;

// One full-screen step of the kiosk. Retranslates itself when the language changes and forgets what the
// customer entered on clear().
class KioskPage : public QWidget
{
    Q_OBJECT
public:
    explicit KioskPage(LanguageManager& language, QWidget* parent = nullptr);

    // Wipes everything the customer typed or chose on this page.
    virtual void clear() { }

protected:
    virtual void retranslate() = 0;
    void changeEvent(QEvent* event) override;

    // A touch-sized button; role picks its look in kiosk.qss: "primary", "secondary" or "danger".
    QPushButton* makeButton(const QString& objectName, const QString& role = QStringLiteral("secondary"));
    QLabel* makeLabel(const QString& objectName, const QString& role = QString());
    // The title at the top and the content column every page shares.
    QLabel* title() const { return m_title; }
    QBoxLayout* content() const { return m_content; }
    // A bar at the bottom for Back / Start over / Next.
    QBoxLayout* navigation() const { return m_navigation; }

    LanguageManager& m_language;

private:
    QLabel* m_title;
    QBoxLayout* m_content;
    QBoxLayout* m_navigation;
};

} // namespace campdesk
