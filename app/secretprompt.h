#pragma once

#include <QString>
#include <optional>

namespace campdesk::app {

// Console helpers for the command-line tools that take a secret (password, kiosk PIN).

// One line from stdin without the trailing newline; prompted on stderr with echo off when stdin is a terminal.
// nullopt at end of input.
std::optional<QString> readSecretLine(const QString& prompt, bool terminal);
void printOut(const QString& text);
void printError(const QString& message); // adds the newline
} // namespace campdesk::app
