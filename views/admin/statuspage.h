#pragma once

#include "ops/healthcheck.h"
#include "ops/statusreport.h"

#include <QFutureWatcher>
#include <QTimer>
#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTableWidget;

class QGroupBox;

namespace campdesk {

// The manager's status page: the health checks, terminals seen recently, payment breaker, outbox backlog, last
// event, database size, the payments that need attention and the log's last lines. Refreshes itself off the GUI thread
// every 30 s and on demand.
class StatusPage : public QWidget
{
    Q_OBJECT
public:
    // spec: the database this terminal uses (its own connection is opened for each refresh, on a worker thread).
    StatusPage(QString databaseSpec, HealthCheck::Options options, QWidget* parent = nullptr);
    ~StatusPage() override;
    void setRefreshInterval(int ms);
    const StatusReport& report() const { return m_report; }

public slots:
    void refresh();

signals:
    void refreshed();

private:
    void display(const StatusReport& report);

    QString m_databaseSpec;
    HealthCheck::Options m_options;
    StatusReport m_report;
    QFutureWatcher<StatusReport> m_watcher;
    QTimer m_timer;
    QLabel* m_overall = nullptr;
    QLabel* m_checkedAt = nullptr;
    QPushButton* m_refresh = nullptr;
    QTableWidget* m_checks = nullptr;
    QTableWidget* m_terminals = nullptr;
    QTableWidget* m_attention = nullptr; // payments that need attention
    QGroupBox* m_attentionBox = nullptr;
    QLabel* m_breaker = nullptr;
    QLabel* m_outbox = nullptr;
    QLabel* m_lastEvent = nullptr;
    QLabel* m_databaseSize = nullptr;
    QPlainTextEdit* m_log = nullptr;
};

} // namespace campdesk
