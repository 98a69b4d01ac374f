#pragma once

#include <QString>
#include <functional>

class QWidget;

namespace campdesk {

// Every message box the views show goes through here, so GUI tests can answer them without blocking.
class MessageBox
{
public:
    enum class Kind { Information, Warning, Critical, Question };
    struct Shown
    {
        Kind kind;
        QString title;
        QString text;
    };

    static void information(QWidget* parent, const QString& title, const QString& text);
    static void warning(QWidget* parent, const QString& title, const QString& text);
    static void critical(QWidget* parent, const QString& title, const QString& text);
    // A yes/no question; acceptLabel names the action ("Delete"). True when the user accepts.
    static bool confirm(QWidget* parent, const QString& title, const QString& text, const QString& acceptLabel);

    // Test seam: while set, no box is shown; the handler sees each message and answers confirm().
    using Handler = std::function<bool(const Shown&)>;
    static void setHandlerForTesting(Handler handler);

private:
    static bool show(QWidget* parent, Kind kind, const QString& title, const QString& text,
                     const QString& acceptLabel = QString());
};

} // namespace campdesk
