#pragma once

#include "core/actor.h"
#include "ops/healthcheck.h"
#include "ops/statusreport.h"

#include <QFutureWatcher>
#include <QTimer>
#include <QWidget>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTableWidget;

class QGroupBox;

namespace campdesk {

// The manager's status page: the health checks, terminals seen recently, payment breaker, outbox backlog, last
// event, database size, the payments that need attention and the log's last lines. Refreshes itself off the GUI thread
// every 30 s and on demand. A manager answers a payment that needs attention here: "Retry now" (the reconciler's next
// run tries it) or "Mark resolved" with a note saying how it was settled.
class StatusPage : public QWidget
{
    Q_OBJECT
public:
    // spec: the database this terminal uses (its own connection is opened for each refresh, on a worker thread).
    // actor: who answers payments that need attention (the buttons are off unless a manager).
    StatusPage(QString databaseSpec, HealthCheck::Options options, Actor actor = Actor(), QWidget* parent = nullptr);
    ~StatusPage() override;
    void setRefreshInterval(int ms);
    const StatusReport& report() const { return m_report; }

public slots:
    void refresh();

signals:
    void refreshed();

private:
    void display(const StatusReport& report);
    void showAttention(const QJsonArray& attention);
    void updateAttentionButtons();
    qint64 selectedPayment() const; // 0 when no row is selected
    // Runs a manager's answer on a worker thread (its own connection), then says how it went and refreshes.
    void runAttentionAction(std::function<Status()> action, const QString& done);

    QString m_databaseSpec;
    HealthCheck::Options m_options;
    StatusReport m_report;
    Actor m_actor;
    QFutureWatcher<StatusReport> m_watcher;
    QFutureWatcher<Status> m_action;
    QString m_actionDone; // what to say when the running action succeeds
    QTimer m_timer;
    QLabel* m_overall = nullptr;
    QLabel* m_checkedAt = nullptr;
    QPushButton* m_refresh = nullptr;
    QTableWidget* m_checks = nullptr;
    QTableWidget* m_terminals = nullptr;
    QTableWidget* m_attention = nullptr; // payments that need attention
    QGroupBox* m_attentionBox = nullptr;
    QLineEdit* m_attentionNote = nullptr;
    QPushButton* m_retryNow = nullptr;
    QPushButton* m_resolve = nullptr;
    QLabel* m_attentionMessage = nullptr;
    QLabel* m_breaker = nullptr;
    QLabel* m_outbox = nullptr;
    QLabel* m_lastEvent = nullptr;
    QLabel* m_databaseSize = nullptr;
    QPlainTextEdit* m_log = nullptr;
};

} // namespace campdesk
