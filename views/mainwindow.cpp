#include "mainwindow.h"

#include "core/languagemanager.h"
#include "messagebox.h"
#include "page.h"
#include "viewresources.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QIcon>
#include <QKeySequence>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QSaveFile>
#include <QScreen>
#include <QSettings>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTextStream>
#include <QTimer>
#include <QToolBar>
#include <algorithm>

namespace campdesk {

namespace {
MainWindow::SaveFileNameProvider& saveFileNameProvider()
{
    static MainWindow::SaveFileNameProvider provider;
    return provider;
}
} // namespace

void MainWindow::setSaveFileNameProviderForTesting(SaveFileNameProvider provider)
{
    saveFileNameProvider() = std::move(provider);
}

QString MainWindow::askSaveFileName(QWidget* parent, const QString& title, const QString& suggested,
                                    const QString& filter)
{
    return saveFileNameProvider() ? saveFileNameProvider()(suggested)
                                  : QFileDialog::getSaveFileName(parent, title, suggested, filter);
}

MainWindow::MainWindow(const Actor& actor, const QString& databaseDescription, QWidget* parent)
    : QMainWindow(parent)
    , m_actor(actor)
    , m_navigation(new QListWidget(this))
    , m_pages(new QStackedWidget(this))
    , m_databaseLabel(new QLabel(databaseDescription, this))
    , m_userLabel(new QLabel(this))
{
    setWindowTitle(tr("Campdesk"));
    ensureViewResources();
    setWindowIcon(QIcon(QStringLiteral(":/icons/campdesk.svg")));
    setObjectName(QStringLiteral("mainWindow"));

    m_navigation->setObjectName(QStringLiteral("navigation"));
    m_navigation->setIconSize(QSize(24, 24));
    m_navigation->setSpacing(2);
    m_navigation->setFrameShape(QFrame::NoFrame);
    fitNavigationWidth();
    m_pages->setObjectName(QStringLiteral("pages"));

    auto* central = new QWidget(this);
    auto* layout = new QHBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_navigation);
    layout->addWidget(m_pages, 1);
    setCentralWidget(central);

    m_databaseLabel->setObjectName(QStringLiteral("databaseStatus"));
    m_userLabel->setObjectName(QStringLiteral("userStatus"));
    m_connectionLabel = new QLabel(this);
    m_connectionLabel->setObjectName(QStringLiteral("connectionStatus"));
    statusBar()->addWidget(m_databaseLabel);
    statusBar()->addWidget(m_connectionLabel, 1);
    statusBar()->addPermanentWidget(m_userLabel);
    m_probeTimer = new QTimer(this);
    m_probeTimer->setInterval(10000);
    connect(m_probeTimer, &QTimer::timeout, this, &MainWindow::probeConnection);

    // Each user gets back their own language, window size and tool bar layout.
    QSettings settings;
    const QString language = settings.value(QStringLiteral("users/%1/language").arg(m_actor.name)).toString();
    if (LanguageManager::languages().contains(language)) {
        m_language = std::make_unique<LanguageManager>();
        m_language->setLanguage(language);
    }
    createMenus();
    retranslateUi();
    connect(m_navigation, &QListWidget::currentRowChanged, this, &MainWindow::onCurrentRowChanged);
    resize(1280, 780);
    restoreGeometry(settings.value(settingsGroup() + QStringLiteral("/geometry")).toByteArray());
    restoreState(settings.value(settingsGroup() + QStringLiteral("/state")).toByteArray());
    fitToScreen();
    updateActions();
    probeConnection();
}

MainWindow::~MainWindow() = default;

void MainWindow::fitToScreen()
{
    // Never larger than the screen's free area (a 768-high screen keeps its status bar in sight), whatever size
    // was remembered or asked for; and never placed off it.
    QScreen* screen = this->screen() ? this->screen() : QGuiApplication::primaryScreen();
    if (!screen)
        return;
    const QRect available = screen->availableGeometry();
    // The frame (title bar, borders) is not known before the window is shown: leave room for a typical one.
    const QSize frame(16, 40);
    const QSize most = available.size() - frame;
    if (width() > most.width() || height() > most.height())
        resize(std::min(width(), most.width()), std::min(height(), most.height()));
    if (!available.contains(geometry()))
        move(available.topLeft()
             + QPoint((available.width() - width() - frame.width()) / 2,
                      std::max(0, (available.height() - height() - frame.height()) / 2)));
}

QString MainWindow::language() const
{
    return m_language ? m_language->language() : LanguageManager::systemLanguage();
}

void MainWindow::setPageBuilder(PageBuilder builder)
{
    m_pageBuilder = std::move(builder);
    rebuildPages();
}

bool MainWindow::setLanguage(const QString& code)
{
    if (!m_language)
        m_language = std::make_unique<LanguageManager>();
    if (!m_language->setLanguage(code))
        return false;
    QSettings().setValue(QStringLiteral("users/%1/language").arg(m_actor.name), code);
    retranslateUi();
    rebuildPages();
    emit languageChanged(code);
    return true;
}

void MainWindow::rebuildPages()
{
    if (!m_pageBuilder)
        return;
    const QString current = currentPageId();
    const QSignalBlocker block(m_navigation);
    m_navigation->clear();
    while (QWidget* page = m_pages->widget(0)) {
        m_pages->removeWidget(page);
        delete page;
    }
    qDeleteAll(m_jumps);
    m_jumps.clear();
    m_ids.clear();
    m_pageBuilder(*this);
    if (!current.isEmpty())
        showPage(current);
    onCurrentRowChanged(m_navigation->currentRow());
}

QString MainWindow::settingsGroup() const
{
    return QStringLiteral("users/%1/window").arg(m_actor.name);
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    QSettings settings;
    settings.setValue(settingsGroup() + QStringLiteral("/geometry"), saveGeometry());
    settings.setValue(settingsGroup() + QStringLiteral("/state"), saveState());
    QMainWindow::closeEvent(event);
}

void MainWindow::addCommand(QAction* action)
{
    action->setParent(this);
    m_deskMenu->addAction(action);
    m_toolBar->insertAction(m_toolBar->actions().value(0), action);
}

void MainWindow::addStatusIndicator(QWidget* widget)
{
    // Permanent widgets line up in the order added; the user's name stays at the far right.
    const bool userShown = !m_userLabel->isHidden();
    statusBar()->removeWidget(m_userLabel);
    statusBar()->addPermanentWidget(widget);
    statusBar()->addPermanentWidget(m_userLabel);
    m_userLabel->setVisible(userShown);
}

void MainWindow::setConnectionProbe(std::function<bool()> probe)
{
    m_probe = std::move(probe);
    m_probeTimer->start();
    probeConnection();
}

void MainWindow::probeConnection()
{
    if (m_probe)
        m_connected = m_probe();
    m_connectionLabel->setText(m_connected
                                   ? QStringLiteral("<span style='color:#2e7d32'>●</span> %1").arg(tr("connected"))
                                   : QStringLiteral("<span style='color:#c62828'>●</span> %1")
                                         .arg(tr("not connected: changes cannot be saved")));
}

void MainWindow::createMenus()
{
    m_fileMenu = menuBar()->addMenu(QString());
    m_exportAction = m_fileMenu->addAction(QIcon::fromTheme(QStringLiteral("document-save-as")), QString(), this,
                                           &MainWindow::exportCurrentPage);
    m_exportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    m_exportAction->setObjectName(QStringLiteral("exportAction"));
    m_fileMenu->addSeparator();
    m_quitAction
        = m_fileMenu->addAction(QIcon::fromTheme(QStringLiteral("application-exit")), QString(), this, &QWidget::close);
    m_quitAction->setShortcut(QKeySequence::Quit);
    m_quitAction->setObjectName(QStringLiteral("quitAction"));

    m_deskMenu = menuBar()->addMenu(QString());

    m_viewMenu = menuBar()->addMenu(QString());
    m_refreshAction = m_viewMenu->addAction(QIcon::fromTheme(QStringLiteral("view-refresh")), QString(), this,
                                            &MainWindow::refreshCurrentPage);
    m_refreshAction->setShortcut(QKeySequence(Qt::Key_F5));
    m_refreshAction->setObjectName(QStringLiteral("refreshAction"));
    m_viewMenu->addSeparator();
    m_nextAction = m_viewMenu->addAction(QString(), this, [this] {
        if (m_navigation->count() > 0)
            m_navigation->setCurrentRow((m_navigation->currentRow() + 1) % m_navigation->count());
    });
    m_nextAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_PageDown));
    m_previousAction = m_viewMenu->addAction(QString(), this, [this] {
        if (m_navigation->count() > 0)
            m_navigation->setCurrentRow((m_navigation->currentRow() + m_navigation->count() - 1)
                                        % m_navigation->count());
    });
    m_previousAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_PageUp));
    m_viewMenu->addSeparator();
    m_languageMenu = m_viewMenu->addMenu(QString());
    m_languageMenu->setObjectName(QStringLiteral("languageMenu"));
    auto* languages = new QActionGroup(this);
    for (const QString& code : LanguageManager::languages()) {
        // Each language in its own words, so it can be found whatever the screen shows now.
        QAction* action = m_languageMenu->addAction(LanguageManager::nativeName(code));
        action->setObjectName(QStringLiteral("language_%1").arg(code));
        action->setCheckable(true);
        action->setChecked(code == language());
        languages->addAction(action);
        connect(action, &QAction::triggered, this, [this, code] { setLanguage(code); });
        m_languageActions << action;
    }

    m_toolBar = addToolBar(QString());
    m_toolBar->setObjectName(QStringLiteral("mainToolBar"));
    m_toolBar->setMovable(false);
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_toolBar->addSeparator();
    m_toolBar->addAction(m_refreshAction);
    m_toolBar->addAction(m_exportAction);

    m_helpMenu = menuBar()->addMenu(QString());
    m_aboutAction = m_helpMenu->addAction(QString(), this, &MainWindow::showAbout);
    m_aboutAction->setObjectName(QStringLiteral("aboutAction"));
}

void MainWindow::retranslateUi()
{
    setWindowTitle(tr("Campdesk"));
    m_userLabel->setText(tr("Logged in as %1 (%2)").arg(m_actor.name, roleDisplayName(m_actor.role)));
    m_fileMenu->setTitle(tr("&File"));
    m_exportAction->setText(tr("&Export…"));
    m_quitAction->setText(tr("&Quit"));
    m_deskMenu->setTitle(tr("&Desk"));
    m_viewMenu->setTitle(tr("&View"));
    m_refreshAction->setText(tr("&Refresh"));
    m_nextAction->setText(tr("&Next page"));
    m_previousAction->setText(tr("&Previous page"));
    m_languageMenu->setTitle(tr("&Language"));
    for (QAction* action : m_languageActions)
        action->setChecked(action->objectName() == QStringLiteral("language_%1").arg(language()));
    m_toolBar->setWindowTitle(tr("Main"));
    m_helpMenu->setTitle(tr("&Help"));
    m_aboutAction->setText(tr("&About Campdesk"));
    probeConnection();
}

bool MainWindow::addPage(const QString& id, const QString& title, const QIcon& icon, QWidget* page, bool managerOnly)
{
    if ((managerOnly && m_actor.role != Role::Manager) || m_ids.contains(id)) {
        delete page;
        return false;
    }
    page->setObjectName(id);
    m_ids.append(id);
    m_pages->addWidget(page);
    auto* item = new QListWidgetItem(icon, title, m_navigation);
    item->setData(Qt::UserRole, id);
    const int number = int(m_ids.size());
    if (number <= 9) {
        // Ctrl+1..Ctrl+9 jump straight to the first nine pages.
        auto* jump = new QAction(this);
        jump->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_0 + number)));
        connect(jump, &QAction::triggered, this, [this, id] { showPage(id); });
        addAction(jump);
        m_jumps << jump;
        item->setToolTip(tr("%1 (Ctrl+%2)").arg(title).arg(number));
    }
    if (m_navigation->currentRow() < 0)
        m_navigation->setCurrentRow(0);
    fitNavigationWidth();
    return true;
}

void MainWindow::fitNavigationWidth()
{
    // As wide as the longest page name in this language, no wider: at 1024 px every pixel given to the list is
    // one the reservations table (13 columns) does not have.
    const int labels = m_navigation->count() > 0 ? m_navigation->sizeHintForColumn(0) : 0;
    const int margins = 2 * m_navigation->frameWidth() + 2 * m_navigation->spacing() + 16;
    m_navigation->setFixedWidth(std::clamp(labels + margins, 140, 220));
}

bool MainWindow::showPage(const QString& id)
{
    const int row = int(m_ids.indexOf(id));
    if (row < 0)
        return false;
    m_navigation->setCurrentRow(row);
    return true;
}

QString MainWindow::currentPageId() const
{
    const int row = m_navigation->currentRow();
    return row >= 0 && row < m_ids.size() ? m_ids.at(row) : QString();
}

QWidget* MainWindow::page(const QString& id) const
{
    const int row = int(m_ids.indexOf(id));
    return row >= 0 ? m_pages->widget(row) : nullptr;
}

QStringList MainWindow::pageIds() const
{
    return m_ids;
}

Page* MainWindow::currentPage() const
{
    return qobject_cast<Page*>(m_pages->currentWidget());
}

void MainWindow::onCurrentRowChanged(int row)
{
    if (row < 0 || row >= m_pages->count())
        return;
    m_pages->setCurrentIndex(row);
    updateActions();
    emit currentPageChanged(m_ids.at(row));
}

void MainWindow::updateActions()
{
    Page* page = currentPage();
    m_refreshAction->setEnabled(page != nullptr);
    m_exportAction->setEnabled(page && page->canExport());
}

void MainWindow::refreshCurrentPage()
{
    if (Page* page = currentPage())
        page->refresh();
}

void MainWindow::exportCurrentPage()
{
    Page* page = currentPage();
    if (!page || !page->canExport())
        return;
    const QString suggested
        = QDir(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation)).filePath(page->exportFileName());
    const QString path = saveFileNameProvider()
        ? saveFileNameProvider()(suggested)
        : QFileDialog::getSaveFileName(this, tr("Export"), suggested, tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    QSaveFile file(path);
    QString error;
    const Page::ExportOutcome outcome = page->exportToFile(path, &error);
    if (outcome == Page::ExportOutcome::Cancelled) {
        statusBar()->showMessage(tr("Export cancelled"), 5000);
        return;
    }
    bool ok = outcome == Page::ExportOutcome::Written;
    if (outcome == Page::ExportOutcome::NotHandled) {
        // Exports hold guests' names and phone numbers: the file is private before anything is written to it.
        ok = file.open(QIODevice::WriteOnly | QIODevice::Text)
            && file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        if (ok) {
            QTextStream out(&file);
            out << QChar(0xFEFF); // a BOM, so spreadsheet programs read the Korean text as UTF-8
            ok = page->exportCsv(out, &error);
            out.flush();
            ok = ok && file.commit();
        }
    }
    if (!ok) {
        MessageBox::warning(this, tr("Export"),
                            tr("Could not write %1: %2")
                                .arg(QDir::toNativeSeparators(path), error.isEmpty() ? file.errorString() : error));
        return;
    }
    statusBar()->showMessage(tr("Exported to %1").arg(QDir::toNativeSeparators(path)), 5000);
}

void MainWindow::showAbout()
{
    MessageBox::information(this, tr("About Campdesk"),
                            tr("Campdesk %1\nCampground reservations: admin, front desk and kiosk.\n\n%2")
                                .arg(QCoreApplication::applicationVersion(), m_databaseLabel->text()));
}

} // namespace campdesk
