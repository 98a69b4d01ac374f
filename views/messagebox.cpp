#include "messagebox.h"

#include <QMessageBox>
#include <QPushButton>

namespace campdesk {

namespace {
MessageBox::Handler& handler()
{
    static MessageBox::Handler h;
    return h;
}
} // namespace

void MessageBox::setHandlerForTesting(Handler h)
{
    handler() = std::move(h);
}

bool MessageBox::show(QWidget* parent, Kind kind, const QString& title, const QString& text, const QString& acceptLabel)
{
    if (handler())
        return handler()(Shown { kind, title, text });
    QMessageBox box(parent);
    box.setWindowTitle(title);
    box.setText(text);
    switch (kind) {
    case Kind::Information:
        box.setIcon(QMessageBox::Information);
        break;
    case Kind::Warning:
        box.setIcon(QMessageBox::Warning);
        break;
    case Kind::Critical:
        box.setIcon(QMessageBox::Critical);
        break;
    case Kind::Question: {
        box.setIcon(QMessageBox::Question);
        QPushButton* accept = box.addButton(acceptLabel, QMessageBox::AcceptRole);
        box.addButton(QMessageBox::Cancel);
        box.setDefaultButton(QMessageBox::Cancel);
        box.exec();
        return box.clickedButton() == accept;
    }
    }
    box.exec();
    return true;
}

void MessageBox::information(QWidget* parent, const QString& title, const QString& text)
{
    show(parent, Kind::Information, title, text);
}

void MessageBox::warning(QWidget* parent, const QString& title, const QString& text)
{
    show(parent, Kind::Warning, title, text);
}

void MessageBox::critical(QWidget* parent, const QString& title, const QString& text)
{
    show(parent, Kind::Critical, title, text);
}

bool MessageBox::confirm(QWidget* parent, const QString& title, const QString& text, const QString& acceptLabel)
{
    return show(parent, Kind::Question, title, text, acceptLabel);
}

} // namespace campdesk
