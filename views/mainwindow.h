#pragma once

#include "core/actor.h"

#include <QMainWindow>
#include <functional>
#include <memory>

class QAction;
class QLabel;
class QMenu;
class QListWidget;
class QStackedWidget;
class QTimer;
class QToolBar;

namespace campdesk {

class LanguageManager;
class Page;

// The admin and front-desk window: navigation on the left, one page per area on the right.
// Areas add themselves with addPage(); pages derived from Page get View > Refresh and File > Export….
class MainWindow final : public QMainWindow
{
    Q_OBJECT
public:
    MainWindow(const Actor& actor, const QString& databaseDescription, QWidget* parent = nullptr);
    ~MainWindow() override;

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
    // A save-file dialog starting at `suggested` (a file in Documents), or the test seam's answer.
    static QString askSaveFileName(QWidget* parent, const QString& title, const QString& suggested,
                                   const QString& filter);

    // Builds the pages (again after View > Language, so every page is made in the new language).
    using PageBuilder = std::function<void(MainWindow&)>;
    void setPageBuilder(PageBuilder builder);
    // "ko" or "en": switches the translation at runtime, rebuilds the pages, and remembers it for this user.
    bool setLanguage(const QString& code);
    QString language() const;

    // Adds a command to the Desk menu and the tool bar (e.g. New booking, Ctrl+N).
    void addCommand(QAction* action);
    QToolBar* toolBar() const { return m_toolBar; }
    // Adds a permanent status-bar widget (e.g. the payment service's state) left of the logged-in user's name.
    void addStatusIndicator(QWidget* widget);
    // Asked every few seconds (and now) whether the database still answers; the status bar shows the answer.
    void setConnectionProbe(std::function<bool()> probe);
    bool isConnected() const { return m_connected; }
    void probeConnection();

public slots:
    void refreshCurrentPage();
    void exportCurrentPage();

signals:
    void currentPageChanged(const QString& id);
    void languageChanged(const QString& code);

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void createMenus();
    void retranslateUi();
    void rebuildPages();
    void fitToScreen();
    void fitNavigationWidth();
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
    QToolBar* m_toolBar = nullptr;
    QMenu* m_deskMenu = nullptr;
    QLabel* m_connectionLabel = nullptr;
    QTimer* m_probeTimer = nullptr;
    std::function<bool()> m_probe;
    bool m_connected = true;
    QString settingsGroup() const; // "users/<username>/window"
    std::unique_ptr<LanguageManager> m_language;
    PageBuilder m_pageBuilder;
    QList<QAction*> m_jumps;
    QMenu* m_fileMenu = nullptr;
    QMenu* m_viewMenu = nullptr;
    QMenu* m_languageMenu = nullptr;
    QMenu* m_helpMenu = nullptr;
    QAction* m_quitAction = nullptr;
    QAction* m_nextAction = nullptr;
    QAction* m_previousAction = nullptr;
    QAction* m_aboutAction = nullptr;
    QList<QAction*> m_languageActions;
};

} // namespace campdesk
