#include "kioskkeyboard.h"

#include <QAbstractSpinBox>
#include <QApplication>
#include <QBoxLayout>
#include <QEvent>
#include <QGridLayout>
#include <QInputMethodEvent>
#include <QKeyEvent>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTextEdit>

namespace campdesk {

namespace {

const int keyHeight = 64;

// 2-beolsik: the unshifted and the shifted jamo of each key, row by row.
const char16_t* const koreanRows[3] = { u"ㅂㅈㄷㄱㅅㅛㅕㅑㅐㅔ", u"ㅁㄴㅇㄹㅎㅗㅓㅏㅣ", u"ㅋㅌㅊㅍㅠㅜㅡ" };
const char16_t* const koreanShiftedRows[3] = { u"ㅃㅉㄸㄲㅆㅛㅕㅑㅒㅖ", u"ㅁㄴㅇㄹㅎㅗㅓㅏㅣ", u"ㅋㅌㅊㅍㅠㅜㅡ" };
const char* const englishRows[3] = { "qwertyuiop", "asdfghjkl", "zxcvbnm" };

} // namespace

KioskKeyboard::KioskKeyboard(QWidget* window)
    : QWidget(window)
    , m_window(window)
{
    setObjectName(QStringLiteral("kioskKeyboard"));
    setAttribute(Qt::WA_StyledBackground); // the kiosk style sheet paints it (#kioskKeyboard)
    setFocusPolicy(Qt::NoFocus);
    hide();
    window->installEventFilter(this); // to stay at the bottom when the window is resized
    qApp->installEventFilter(this); // a text field's FocusIn, with its reason
    connect(qApp, &QApplication::focusChanged, this, &KioskKeyboard::focusChanged);
    rebuild();
}

bool KioskKeyboard::isTextField(const QWidget* widget)
{
    if (!widget)
        return false;
    if (const auto* line = qobject_cast<const QLineEdit*>(widget))
        return !line->isReadOnly();
    if (const auto* text = qobject_cast<const QTextEdit*>(widget))
        return !text->isReadOnly();
    if (const auto* plain = qobject_cast<const QPlainTextEdit*>(widget))
        return !plain->isReadOnly();
    return qobject_cast<const QAbstractSpinBox*>(widget) != nullptr;
}

bool KioskKeyboard::wantsDigits(const QWidget* widget)
{
    const Qt::InputMethodHints hints = widget->inputMethodHints();
    return hints.testAnyFlags(Qt::ImhDigitsOnly | Qt::ImhDialableCharactersOnly | Qt::ImhFormattedNumbersOnly)
        || qobject_cast<const QAbstractSpinBox*>(widget) != nullptr;
}

bool KioskKeyboard::isEligible(const QWidget* widget) const
{
    bool excluded = false; // under a widget with its own keys (the PIN pad)
    for (const QWidget* w = widget; w && w != m_window; w = w->parentWidget())
        excluded = excluded || w->property("kioskNoKeyboard").toBool();
    return isTextField(widget) && m_window->isAncestorOf(widget) && !excluded;
}

void KioskKeyboard::focusChanged(QWidget* old, QWidget* now)
{
    Q_UNUSED(old)
    if (now && (now == this || isAncestorOf(now)))
        return;
    // A syllable being composed belongs to the field it was typed in.
    if (m_target && now != m_target)
        commitComposition();
    if (!isEligible(now)) {
        m_target = nullptr;
        hide();
    }
    // Shown by the FocusIn that follows, which says why the field got the focus.
}

void KioskKeyboard::focusedIn(QWidget* field, Qt::FocusReason reason)
{
    // The FocusIn comes before focusChanged(): the syllable being composed goes to the field it was typed in first.
    if (m_target && m_target != field)
        commitComposition();
    // Focus passed along the tab chain (a busy button disabled, a page switched) is no touch on the field.
    if (reason == Qt::TabFocusReason || reason == Qt::BacktabFocusReason) {
        m_target = nullptr;
        hide();
        return;
    }
    m_target = field;
    m_shift = false;
    setLayoutKind(wantsDigits(field) ? Layout::Numbers : m_defaultLayout);
    place();
    show();
    raise();
}

void KioskKeyboard::dismiss()
{
    commitComposition();
    // Without the focus, the next touch on the field focuses it again and brings the keyboard back.
    if (QWidget* field = m_target) {
        m_target = nullptr;
        field->clearFocus();
    }
    m_target = nullptr;
    hide();
}

void KioskKeyboard::setLayoutKind(Layout layout)
{
    if (layout != Layout::Numbers)
        m_textLayout = layout;
    m_layout = layout;
    rebuild();
}

QPushButton* KioskKeyboard::addKey(QGridLayout* grid, int row, int column, int span, const QString& name,
                                   const QString& text)
{
    auto* key = new QPushButton(text, m_keys);
    key->setObjectName(QStringLiteral("kioskKey_") + name);
    key->setProperty("role", QStringLiteral("key"));
    key->setFocusPolicy(Qt::NoFocus); // the field keeps the focus (and its cursor)
    key->setAutoRepeat(name == QLatin1String("Backspace"));
    key->setMinimumSize(56, keyHeight);
    key->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    grid->addWidget(key, row, column, 1, span);
    connect(key, &QPushButton::clicked, this, [this, name] { pressed(name); });
    return key;
}

void KioskKeyboard::rebuild()
{
    if (!layout()) {
        auto* outer = new QVBoxLayout(this);
        outer->setContentsMargins(12, 10, 12, 10);
    }
    if (m_keys) {
        // Called from a key's own click: the old keys go once that click is done, out of the window's children now.
        m_keys->hide();
        m_keys->setParent(nullptr);
        m_keys->deleteLater();
    }
    m_keys = new QWidget(this);
    layout()->addWidget(m_keys);
    auto* grid = new QGridLayout(m_keys);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setSpacing(6);
    const QString backspaceText = QStringLiteral("⌫");
    if (m_layout == Layout::Numbers) {
        const QString digits = QStringLiteral("123456789");
        for (int i = 0; i < 9; ++i)
            addKey(grid, i / 3, (i % 3) * 2, 2, digits.mid(i, 1), digits.mid(i, 1));
        addKey(grid, 3, 0, 2, QStringLiteral("-"), QStringLiteral("-"));
        addKey(grid, 3, 2, 2, QStringLiteral("0"), QStringLiteral("0"));
        addKey(grid, 3, 4, 2, QStringLiteral("Backspace"), backspaceText);
        addKey(grid, 0, 6, 2, QStringLiteral("Language"),
               m_textLayout == Layout::Korean ? QStringLiteral("한글") : QStringLiteral("ABC"));
        addKey(grid, 3, 6, 2, QStringLiteral("Done"), tr("Done"));
    } else {
        for (int row = 0; row < 3; ++row) {
            QString keys;
            if (m_layout == Layout::Korean)
                keys = QString::fromUtf16(m_shift ? koreanShiftedRows[row] : koreanRows[row]);
            else
                keys = QString::fromLatin1(englishRows[row]);
            const int offset = row == 2 ? 3 : row; // half-key steps, as on a real keyboard
            for (int i = 0; i < keys.size(); ++i) {
                const QString key = keys.mid(i, 1);
                const QString shown = m_layout == Layout::English && m_shift ? key.toUpper() : key;
                addKey(grid, row, offset + i * 2, 2, key, shown);
            }
        }
        QPushButton* shift = addKey(grid, 2, 0, 3, QStringLiteral("Shift"), QStringLiteral("⇧"));
        shift->setCheckable(true);
        shift->setChecked(m_shift);
        addKey(grid, 2, 17, 3, QStringLiteral("Backspace"), backspaceText);
        addKey(grid, 3, 0, 3, QStringLiteral("Language"),
               m_layout == Layout::Korean ? QStringLiteral("ABC") : QStringLiteral("한글"));
        addKey(grid, 3, 3, 2, QStringLiteral("123"), QStringLiteral("123"));
        addKey(grid, 3, 5, 2, QStringLiteral("@"), QStringLiteral("@"));
        addKey(grid, 3, 7, 6, QStringLiteral("Space"), tr("Space"));
        addKey(grid, 3, 13, 2, QStringLiteral("."), QStringLiteral("."));
        addKey(grid, 3, 15, 2, QStringLiteral("-"), QStringLiteral("-"));
        addKey(grid, 3, 17, 3, QStringLiteral("Done"), tr("Done"));
    }
    m_keys->show();
    place();
}

void KioskKeyboard::pressed(const QString& key)
{
    if (!m_target)
        return;
    if (key == QLatin1String("Backspace")) {
        backspace();
    } else if (key == QLatin1String("Shift")) {
        m_shift = !m_shift;
        rebuild();
    } else if (key == QLatin1String("Language")) {
        commitComposition();
        m_shift = false;
        if (m_layout == Layout::Numbers)
            setLayoutKind(m_textLayout);
        else
            setLayoutKind(m_layout == Layout::Korean ? Layout::English : Layout::Korean);
    } else if (key == QLatin1String("123")) {
        commitComposition();
        setLayoutKind(Layout::Numbers);
    } else if (key == QLatin1String("Done")) {
        dismiss();
    } else if (key == QLatin1String("Space")) {
        typeText(QStringLiteral(" "));
    } else if (m_layout == Layout::Korean && key.size() == 1 && HangulComposer::isJamo(key.at(0))) {
        typeJamo(key.at(0));
        if (m_shift) { // one shifted key, as on a phone
            m_shift = false;
            rebuild();
        }
    } else {
        typeText(m_layout == Layout::English && m_shift ? key.toUpper() : key);
        if (m_shift) {
            m_shift = false;
            rebuild();
        }
    }
}

void KioskKeyboard::typeJamo(QChar jamo)
{
    const QString done = m_composer.input(jamo);
    QInputMethodEvent event(m_composer.preedit(), {});
    event.setCommitString(done);
    QCoreApplication::sendEvent(m_target, &event);
}

void KioskKeyboard::typeText(const QString& text)
{
    QInputMethodEvent event;
    event.setCommitString(m_composer.commit() + text);
    QCoreApplication::sendEvent(m_target, &event);
}

void KioskKeyboard::backspace()
{
    if (m_composer.backspace()) {
        sendPreedit();
        return;
    }
    sendKey(Qt::Key_Backspace);
}

void KioskKeyboard::sendPreedit()
{
    QInputMethodEvent event(m_composer.preedit(), {});
    QCoreApplication::sendEvent(m_target, &event);
}

void KioskKeyboard::sendKey(int key)
{
    QKeyEvent press(QEvent::KeyPress, key, Qt::NoModifier);
    QCoreApplication::sendEvent(m_target, &press);
    QKeyEvent release(QEvent::KeyRelease, key, Qt::NoModifier);
    QCoreApplication::sendEvent(m_target, &release);
}

void KioskKeyboard::commitComposition()
{
    if (!m_composer.isComposing())
        return;
    const QString done = m_composer.commit();
    if (!m_target)
        return;
    QInputMethodEvent event;
    event.setCommitString(done);
    QCoreApplication::sendEvent(m_target, &event);
}

void KioskKeyboard::place()
{
    const int height = layout() ? layout()->sizeHint().height() : 4 * (keyHeight + 6) + 20;
    setGeometry(0, m_window->height() - height, m_window->width(), height);
}

bool KioskKeyboard::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_window && event->type() == QEvent::Resize)
        place();
    if (event->type() == QEvent::FocusIn && watched->isWidgetType()) {
        auto* widget = static_cast<QWidget*>(watched);
        if (isEligible(widget) && widget->hasFocus())
            focusedIn(widget, static_cast<QFocusEvent*>(event)->reason());
    }
    return QWidget::eventFilter(watched, event);
}

void KioskKeyboard::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        rebuild();
    QWidget::changeEvent(event);
}

} // namespace campdesk
