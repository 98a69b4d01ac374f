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

QStringList UnsavedChanges::snapshot() const
{
    QStringList values;
    for (QLineEdit* edit : m_form->findChildren<QLineEdit*>())
        values << edit->text();
    for (QPlainTextEdit* edit : m_form->findChildren<QPlainTextEdit*>())
        values << edit->toPlainText();
    for (QComboBox* combo : m_form->findChildren<QComboBox*>())
        values << QString::number(combo->currentIndex());
    for (QAbstractSpinBox* box : m_form->findChildren<QAbstractSpinBox*>())
        values << box->text();
    for (QAbstractButton* button : m_form->findChildren<QAbstractButton*>()) {
        if (button->isCheckable())
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
    if (!changed())
        return true;
    return MessageBox::confirm(
        parent, QCoreApplication::translate("campdesk::UnsavedChanges", "Unsaved changes"),
        QCoreApplication::translate("campdesk::UnsavedChanges", "Close without saving? What you typed will be lost."),
        QCoreApplication::translate("campdesk::UnsavedChanges", "Discard changes"));
}

} // namespace campdesk
