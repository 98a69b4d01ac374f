#include "kioskfieldguard.h"

#include <QAbstractScrollArea>
#include <QAbstractSpinBox>
#include <QApplication>
#include <QClipboard>
#include <QKeyEvent>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QTextEdit>

namespace campdesk {

KioskFieldGuard::KioskFieldGuard(QObject* parent)
    : QObject(parent)
{
}

void KioskFieldGuard::protect(QWidget* root)
{
    const auto guard = [this](QWidget* field) {
        field->setContextMenuPolicy(Qt::NoContextMenu);
        field->removeEventFilter(this);
        field->installEventFilter(this);
    };
    for (QLineEdit* field : root->findChildren<QLineEdit*>())
        guard(field);
    for (QTextEdit* field : root->findChildren<QTextEdit*>()) {
        field->setUndoRedoEnabled(false);
        guard(field);
        guard(field->viewport());
    }
    for (QPlainTextEdit* field : root->findChildren<QPlainTextEdit*>()) {
        field->setUndoRedoEnabled(false);
        guard(field);
        guard(field->viewport());
    }
    for (QAbstractSpinBox* box : root->findChildren<QAbstractSpinBox*>())
        guard(box);
}

void KioskFieldGuard::wipe(QWidget* root)
{
    // setText() (unlike clear()) also drops the undo/redo history.
    for (QLineEdit* field : root->findChildren<QLineEdit*>())
        field->setText(QString());
    for (QTextEdit* field : root->findChildren<QTextEdit*>()) {
        field->setPlainText(QString());
        field->document()->clearUndoRedoStacks();
    }
    for (QPlainTextEdit* field : root->findChildren<QPlainTextEdit*>()) {
        field->setPlainText(QString());
        field->document()->clearUndoRedoStacks();
    }
    for (QAbstractScrollArea* area : root->findChildren<QAbstractScrollArea*>()) {
        area->verticalScrollBar()->setValue(area->verticalScrollBar()->minimum());
        area->horizontalScrollBar()->setValue(area->horizontalScrollBar()->minimum());
    }
    if (QClipboard* clipboard = QGuiApplication::clipboard())
        clipboard->clear();
}

bool KioskFieldGuard::isBlockedKey(const QEvent* event)
{
    if (event->type() != QEvent::KeyPress && event->type() != QEvent::ShortcutOverride)
        return false;
    const auto* key = static_cast<const QKeyEvent*>(event);
    for (const QKeySequence::StandardKey blocked :
         { QKeySequence::Undo, QKeySequence::Redo, QKeySequence::Copy, QKeySequence::Cut, QKeySequence::Paste }) {
        if (key->matches(blocked))
            return true;
    }
    // Ctrl+Shift+Z and Ctrl+Y are redo on some platforms and not others: never let either through.
    const int modifiers = int(key->modifiers() & (Qt::ControlModifier | Qt::ShiftModifier | Qt::AltModifier));
    if ((modifiers & Qt::ControlModifier) && (key->key() == Qt::Key_Z || key->key() == Qt::Key_Y))
        return true;
    return (key->modifiers() & Qt::ShiftModifier) && key->key() == Qt::Key_Insert; // paste
}

bool KioskFieldGuard::eventFilter(QObject* watched, QEvent* event)
{
    if (event->type() == QEvent::ContextMenu)
        return true;
    if (isBlockedKey(event)) {
        // Accepting the override keeps a window shortcut from taking the key; the key press itself goes nowhere.
        event->accept();
        return true;
    }
    return QObject::eventFilter(watched, event);
}

} // namespace campdesk
