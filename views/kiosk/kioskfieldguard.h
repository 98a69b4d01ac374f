#pragma once

#include <QObject>

class QWidget;

namespace campdesk {

// Keeps one kiosk customer's typing from reaching the next: text fields get no context menu and ignore the
// undo/redo and clipboard shortcuts, and wipe() empties every field with its undo history, scrolls every list back
// to the top and clears the clipboard.
class KioskFieldGuard final : public QObject
{
    Q_OBJECT
public:
    explicit KioskFieldGuard(QObject* parent = nullptr);

    // Guards every text field under root (QLineEdit, QTextEdit, QPlainTextEdit, spin boxes), now.
    void protect(QWidget* root);
    // Empties every text field under root so that nothing can be undone back, and scrolls everything to the top.
    static void wipe(QWidget* root);
    // True for a key that would undo, redo, copy, cut or paste.
    static bool isBlockedKey(const QEvent* event);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
};

} // namespace campdesk
