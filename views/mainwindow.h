#pragma once

#include <QMainWindow>

namespace campdesk {

// The admin and front-desk window: navigation on the left, one page per area on the right.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
};

} // namespace campdesk
