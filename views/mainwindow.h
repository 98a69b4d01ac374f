#pragma once

#include "actor.h"

#include <QMainWindow>
#include <functional>

class QAction;
class QLabel;
class QListWidget;
class QStackedWidget;

namespace campdesk {

class Page;

// The admin and front-desk window: navigation on the left, one page per area on the right.
// Areas add themselves with addPage(); pages derived from Page get View > Refresh and File > Export….
class MainWindow final : public QMainWindow
{
    Q_OBJECT
public:
    MainWindow(const Actor& actor, const QString& databaseDescription, QWidget* parent = nullptr);

    // Adds a page at the end of the navigation and takes ownership of it. A managerOnly page is not added
    // for other roles (returns false and deletes the widget). The first page added is shown.
    bool addPage(const QString& id, const QString& title, const QIcon& icon, QWidget* page, bool managerOnly = false);
    bool showPage(const QString& id);
    QString currentPageId() const;
    QWidget* page(const QString& id) const;
    QStringList pageIds() const;
    const Actor& actor() const { return m_actor; }

    // Test seam for File > Export…: returns the file to write (empty = cancelled) instead of a file dialog.
    using SaveFileNameProvider = std::function<QString(const QString& suggestedPath)>;
    static void setSaveFileNameProviderForTesting(SaveFileNameProvider provider);

public slots:
    void refreshCurrentPage();
    void exportCurrentPage();

signals:
    void currentPageChanged(const QString& id);

private:
    void createMenus();
    void onCurrentRowChanged(int row);
    void updateActions();
    Page* currentPage() const;
    void showAbout();

    Actor m_actor;
    QListWidget* m_navigation;
    QStackedWidget* m_pages;
    QStringList m_ids;
    QLabel* m_databaseLabel;
    QLabel* m_userLabel;
    QAction* m_exportAction = nullptr;
    QAction* m_refreshAction = nullptr;
};

} // namespace campdesk
