#include "unsavedchanges.h"

#include "messagebox.h"

#include <QAbstractButton>
#include <QAbstractSpinBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QLineEdit>
#include <QPlainTextEdit>

namespace campdesk {

UnsavedChanges::UnsavedChanges(QWidget* form)
    : m_form(form)
{
}

namespace {
// A part of the form whose edits are saved as they are made (the campsite editor's photos) has nothing to lose.
bool savedAtOnce(const QWidget* widget, const QWidget* form)
{
    for (const QWidget* w = widget; w && w != form; w = w->parentWidget()) {
        if (w->property("savedAtOnce").toBool())
            return true;
    }
    return false;
}
} // namespace

QStringList UnsavedChanges::snapshot() const
{
    QStringList values;
    for (QLineEdit* edit : m_form->findChildren<QLineEdit*>()) {
        if (!savedAtOnce(edit, m_form))
            values << edit->text();
    }
    for (QPlainTextEdit* edit : m_form->findChildren<QPlainTextEdit*>())
        values << edit->toPlainText();
    for (QComboBox* combo : m_form->findChildren<QComboBox*>())
        values << QString::number(combo->currentIndex());
    for (QAbstractSpinBox* box : m_form->findChildren<QAbstractSpinBox*>())
        values << box->text();
    for (QAbstractButton* button : m_form->findChildren<QAbstractButton*>()) {
        if (button->isCheckable() && !savedAtOnce(button, m_form))
            values << (button->isChecked() ? QStringLiteral("1") : QStringLiteral("0"));
    }
    return values;
}

void UnsavedChanges::markClean()
{
    m_clean = snapshot();
}

bool UnsavedChanges::changed() const
{
    return snapshot() != m_clean;
}

bool UnsavedChanges::confirmDiscard(QWidget* parent) const
{
    return !changed() || askDiscard(parent);
}

bool UnsavedChanges::askDiscard(QWidget* parent)
{
    return MessageBox::confirm(
        parent, QCoreApplication::translate("campdesk::UnsavedChanges", "Unsaved changes"),
        QCoreApplication::translate("campdesk::UnsavedChanges", "Close without saving? What you typed will be lost."),
        QCoreApplication::translate("campdesk::UnsavedChanges", "Discard changes"));
}

} // namespace campdesk
