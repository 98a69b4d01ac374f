#pragma once

#include "hangulcomposer.h"

#include <QPointer>
#include <QWidget>

class QGridLayout;
class QPushButton;

namespace campdesk {

class LanguageManager;

// The kiosk's own on-screen keyboard (Qt Virtual Keyboard runs as a separate Qt Quick window, which cage and the
// lockdown do not allow; docs/decisions.md): touch-sized keys over the bottom of the kiosk window, shown while a
// text field under it has the focus. Korean 2-beolsik with Hangul composed as typed, English QWERTY with shift, and
// a number pad for fields that take digits (phone, one-time code). Text reaches the field as an input method's
// would (QInputMethodEvent: the syllable being composed as preedit, committed when done), so fields, validators and
// the field guard behave as with a hardware keyboard. The keys never take the focus.
class KioskKeyboard final : public QWidget
{
    Q_OBJECT
public:
    enum class Layout { Korean, English, Numbers };

    explicit KioskKeyboard(QWidget* window);

    Layout currentLayout() const { return m_layout; }
    // The field keys go to; null when hidden.
    QWidget* target() const { return m_target; }
    // Ends a composition in the field (its preedit committed) and hides; called when the session is wiped too.
    void dismiss();
    // The layout a fresh text field starts in: Korean in Korean, English otherwise.
    void setDefaultLayout(Layout layout) { m_defaultLayout = layout; }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void focusChanged(QWidget* old, QWidget* now);
    void focusedIn(QWidget* field, Qt::FocusReason reason);
    bool isEligible(const QWidget* widget) const;
    void setLayoutKind(Layout layout);
    void rebuild();
    QPushButton* addKey(QGridLayout* grid, int row, int column, int span, const QString& name, const QString& text);
    void pressed(const QString& key);
    void typeJamo(QChar jamo);
    void typeText(const QString& text);
    void backspace();
    void sendKey(int key);
    void sendPreedit();
    void commitComposition();
    void place();
    static bool isTextField(const QWidget* widget);
    static bool wantsDigits(const QWidget* widget);

    QWidget* m_window;
    QPointer<QWidget> m_target;
    HangulComposer m_composer;
    Layout m_layout = Layout::Korean;
    Layout m_defaultLayout = Layout::Korean;
    Layout m_textLayout = Layout::Korean; // what the language key returns to from the number pad
    bool m_shift = false;
    QWidget* m_keys = nullptr;
};

} // namespace campdesk
