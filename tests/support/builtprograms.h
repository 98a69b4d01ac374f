#pragma once

#include <QString>

namespace campdesk::test {

// Paths of programs this build made, for tests that run them as real processes.
QString builtProgram(const QString& relativePath); // e.g. "app/campdesk" or "tests/paysim"
inline QString campdeskProgram()
{
    return builtProgram(QStringLiteral("app/campdesk"));
}

} // namespace campdesk::test
