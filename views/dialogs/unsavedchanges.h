#pragma once

#include <QStringList>

class QDialog;
class QWidget;

namespace campdesk {

// Remembers what a dialog's inputs held when it was filled in, so closing it (Cancel, Escape, the window's close
// button) after edits asks first instead of throwing the edits away. Reads every line edit, text edit, combo box,
// spin box, date edit and checkable button under the dialog; no per-field wiring to forget.
class UnsavedChanges
{
public:
    explicit UnsavedChanges(QWidget* form);

    void markClean(); // the inputs as they are now are "nothing to lose"
    bool changed() const;
    // True when the dialog may close: nothing changed, or the user chose to discard the changes.
    bool confirmDiscard(QWidget* parent) const;
    // The same question for a form that tracks its own changes (the site map's edit mode): true = discard.
    static bool askDiscard(QWidget* parent);

private:
    QStringList snapshot() const;

    QWidget* m_form;
    QStringList m_clean;
};

} // namespace campdesk
