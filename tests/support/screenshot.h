#pragma once

#include <QString>

class QWidget;

namespace campdesk::test {

// Grabs a widget (with its children) to <binary dir>/screenshots/<name>.png, so people can look at what the
// GUI tests drove. The binary dir comes from CAMPDESK_BINARY_DIR (environment first, then the build's define).
// Returns the file written, or an empty string on failure.
QString saveScreenshot(QWidget* widget, const QString& name);

} // namespace campdesk::test
