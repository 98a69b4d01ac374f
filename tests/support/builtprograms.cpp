#include "builtprograms.h"

#include <QtGlobal>

namespace campdesk::test {

QString builtProgram(const QString& relativePath)
{
    return qEnvironmentVariable("CAMPDESK_BINARY_DIR", QStringLiteral(CAMPDESK_BINARY_DIR)) + QLatin1Char('/')
        + relativePath;
}

} // namespace campdesk::test
