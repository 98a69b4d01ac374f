#include "statuspage.h"

#include "columnfitter.h"
#include "core/backgroundpool.h"
#include "domain/paymentattention.h"
#include "domain/statustext.h"

#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace campdesk {

namespace {

QTableWidget* makeTable(const QStringList& headers, const QString& objectName)
{
    auto* table = new QTableWidget(0, static_cast<int>(headers.size()));
    table->setObjectName(objectName);
    table->setHorizontalHeaderLabels(headers);
    table->horizontalHeader()->setStretchLastSection(true);
    table->verticalHeader()->setVisible(false);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    QSet<int> columns; // any column may elide (its tooltip-free text is short) rather than scroll sideways
    for (int c = 0; c < headers.size(); ++c)
        columns << c;
    new ColumnFitter(table, columns);
    return table;
}

void setRow(QTableWidget* table, int row, const QStringList& values)
{
    for (int column = 0; column < values.size(); ++column)
        table->setItem(row, column, new QTableWidgetItem(values.at(column)));
}

QColor levelColor(HealthItem::Level level)
{
    switch (level) {
    case HealthItem::Level::Ok:
        return QColor(0x2e, 0x7d, 0x32);
    case HealthItem::Level::Degraded:
        return QColor(0xef, 0x6c, 0x00);
    case HealthItem::Level::Down:
        return QColor(0xc6, 0x28, 0x28);
    }
    return QColor();
}

} // namespace

StatusPage::StatusPage(QString databaseSpec, HealthCheck::Options options, Actor actor, QWidget* parent)
    : QWidget(parent)
    , m_databaseSpec(std::move(databaseSpec))
    , m_options(std::move(options))
    , m_actor(std::move(actor))
{
    setObjectName(QStringLiteral("statusPage"));
    m_overall = new QLabel(tr("Checking..."));
    m_overall->setObjectName(QStringLiteral("overallStatus"));
    QFont big = m_overall->font();
    big.setPointSizeF(big.pointSizeF() * 1.4);
    big.setBold(true);
    m_overall->setFont(big);
    m_checkedAt = new QLabel;
    m_refresh = new QPushButton(tr("Refresh now"));
    m_refresh->setObjectName(QStringLiteral("refreshButton"));
    auto* top = new QHBoxLayout;
    top->addWidget(m_overall);
    top->addStretch();
    top->addWidget(m_checkedAt);
    top->addWidget(m_refresh);

    m_checks = makeTable({ tr("Check"), tr("Status"), tr("Details") }, QStringLiteral("checksTable"));
    m_terminals = makeTable({ tr("Terminal"), tr("Kind"), tr("Version"), tr("Host"), tr("Last seen") },
                            QStringLiteral("terminalsTable"));
    m_attention = makeTable(
        { tr("Booking"), tr("Problem"), tr("Owed (won)"), tr("Since"), tr("Tries"), tr("Next try"), tr("Details") },
        QStringLiteral("attentionTable"));

    m_breaker = new QLabel;
    m_breaker->setObjectName(QStringLiteral("breakerLabel"));
    m_outbox = new QLabel;
    m_outbox->setObjectName(QStringLiteral("outboxLabel"));
    m_lastEvent = new QLabel;
    m_lastEvent->setObjectName(QStringLiteral("lastEventLabel"));
    m_databaseSize = new QLabel;
    m_databaseSize->setObjectName(QStringLiteral("databaseSizeLabel"));
    for (QLabel* label : { m_breaker, m_outbox, m_lastEvent, m_databaseSize }) {
        label->setWordWrap(true);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    }
    auto* facts = new QFormLayout;
    facts->addRow(tr("Payment breaker:"), m_breaker);
    facts->addRow(tr("Outbox:"), m_outbox);
    facts->addRow(tr("Last event:"), m_lastEvent);
    facts->addRow(tr("Database size:"), m_databaseSize);

    m_log = new QPlainTextEdit;
    m_log->setObjectName(QStringLiteral("logView"));
    m_log->setReadOnly(true);
    m_log->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_log->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));

    auto* checksBox = new QGroupBox(tr("Health checks"));
    (new QVBoxLayout(checksBox))->addWidget(m_checks);
    auto* terminalsBox = new QGroupBox(tr("Terminals seen recently"));
    (new QVBoxLayout(terminalsBox))->addWidget(m_terminals);
    m_attentionBox = new QGroupBox(tr("Payments that need attention"));
    m_attentionBox->setObjectName(QStringLiteral("attentionBox"));
    // Fits its box without a horizontal scroll bar (1366 wide, beside the terminals): the short columns take what
    // they need, the problem and the details share the rest and elide; the whole text is in the tooltip.
    QHeaderView* attentionHeader = m_attention->horizontalHeader();
    attentionHeader->setStretchLastSection(false);
    attentionHeader->setMinimumSectionSize(40);
    for (int column : { 0, 2, 3, 4, 5 })
        attentionHeader->setSectionResizeMode(column, QHeaderView::ResizeToContents);
    attentionHeader->setSectionResizeMode(1, QHeaderView::Stretch);
    attentionHeader->setSectionResizeMode(6, QHeaderView::Stretch);
    m_attention->setWordWrap(false);
    m_attention->setTextElideMode(Qt::ElideRight);
    m_attention->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    m_attention->setSelectionMode(QAbstractItemView::SingleSelection);
    m_attentionNote = new QLineEdit;
    m_attentionNote->setObjectName(QStringLiteral("attentionNote"));
    m_attentionNote->setPlaceholderText(tr("How was it settled? (needed to mark it resolved)"));
    m_attentionNote->setMaxLength(500);
    m_retryNow = new QPushButton(tr("Retry now"));
    m_retryNow->setObjectName(QStringLiteral("retryNowButton"));
    m_retryNow->setToolTip(tr("Ask the payment service again at the next run (within a minute) instead of waiting."));
    m_resolve = new QPushButton(tr("Mark resolved"));
    m_resolve->setObjectName(QStringLiteral("resolveButton"));
    m_resolve->setToolTip(tr("Settled by hand (for example refunded at the payment service's own site)."));
    m_attentionMessage = new QLabel;
    m_attentionMessage->setObjectName(QStringLiteral("attentionMessage"));
    m_attentionMessage->setWordWrap(true);
    auto* answer = new QHBoxLayout;
    answer->addWidget(m_attentionNote, 1);
    answer->addWidget(m_retryNow);
    answer->addWidget(m_resolve);
    auto* attentionLayout = new QVBoxLayout(m_attentionBox);
    attentionLayout->addWidget(m_attention);
    attentionLayout->addLayout(answer);
    attentionLayout->addWidget(m_attentionMessage);
    connect(m_attention, &QTableWidget::itemSelectionChanged, this, &StatusPage::updateAttentionButtons);
    connect(m_attentionNote, &QLineEdit::textChanged, this, &StatusPage::updateAttentionButtons);
    connect(m_retryNow, &QPushButton::clicked, this, [this] {
        const qint64 payment = selectedPayment();
        runAttentionAction([spec = m_databaseSpec, options = m_options, actor = m_actor,
                            payment] { return StatusReport::retryAttention(spec, options, actor, payment); },
                           tr("The payment is tried again at the reconciler's next run."));
    });
    connect(m_resolve, &QPushButton::clicked, this, [this] {
        const qint64 payment = selectedPayment();
        const QString note = m_attentionNote->text().trimmed();
        runAttentionAction([spec = m_databaseSpec, options = m_options, actor = m_actor, payment,
                            note] { return StatusReport::resolveAttention(spec, options, actor, payment, note); },
                           tr("Marked resolved."));
    });
    connect(&m_action, &QFutureWatcher<Status>::finished, this, [this] {
        const Status outcome = m_action.result();
        m_attentionMessage->setText(outcome.ok() ? m_actionDone : outcome.error().message);
        if (outcome.ok())
            m_attentionNote->clear();
        updateAttentionButtons();
        refresh();
    });
    updateAttentionButtons();
    auto* middle = new QHBoxLayout;
    middle->addWidget(terminalsBox, 1);
    middle->addWidget(m_attentionBox, 2);
    auto* logBox = new QGroupBox(tr("Recent log"));
    (new QVBoxLayout(logBox))->addWidget(m_log);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addLayout(facts);
    // Every health check fits without scrolling at 1280x800; the log takes what is left.
    layout->addWidget(checksBox, 3);
    layout->addLayout(middle, 1);
    layout->addWidget(logBox, 1);

    connect(m_refresh, &QPushButton::clicked, this, &StatusPage::refresh);
    connect(&m_timer, &QTimer::timeout, this, &StatusPage::refresh);
    connect(&m_watcher, &QFutureWatcher<StatusReport>::finished, this, [this] {
        m_refresh->setEnabled(true);
        display(m_watcher.result());
    });
    m_timer.start(30 * 1000);
    refresh();
}

StatusPage::~StatusPage()
{
    m_watcher.waitForFinished();
    m_action.waitForFinished();
}

void StatusPage::setRefreshInterval(int ms)
{
    m_timer.start(ms);
}

void StatusPage::refresh()
{
    if (m_watcher.isRunning())
        return;
    m_refresh->setEnabled(false);
    // The gateway probe and the queries run on a worker thread with their own connection.
    m_watcher.setFuture(QtConcurrent::run(backgroundPool(), [spec = m_databaseSpec, options = m_options] {
        return StatusReport::collect(spec, options);
    }));
}

void StatusPage::display(const StatusReport& report)
{
    m_report = report;
    const HealthItem::Level overall = report.health.overall();
    const QString overallText = overall == HealthItem::Level::Ok
        ? tr("HEALTHY")
        : (overall == HealthItem::Level::Degraded ? tr("DEGRADED") : tr("DOWN"));
    m_overall->setText(overallText);
    m_overall->setStyleSheet(QStringLiteral("color: %1").arg(levelColor(overall).name()));
    m_checkedAt->setText(
        tr("Checked %1").arg(QLocale().toString(report.health.checkedAt.toLocalTime(), QLocale::ShortFormat)));

    m_checks->setRowCount(static_cast<int>(report.health.items.size()));
    for (int row = 0; row < report.health.items.size(); ++row) {
        const HealthItem& item = report.health.items.at(row);
        const QString status = item.skipped
            ? tr("not checked")
            : (item.level == HealthItem::Level::Ok
                   ? tr("OK")
                   : (item.level == HealthItem::Level::Degraded ? tr("degraded") : tr("down")));
        setRow(m_checks, row, { item.name, status, item.message });
        if (!item.skipped)
            m_checks->item(row, 1)->setForeground(levelColor(item.level));
    }
    // The details column keeps stretching to the page's width.
    m_checks->resizeColumnToContents(0);
    m_checks->resizeColumnToContents(1);

    const QJsonArray terminals = report.recentTerminals();
    m_terminals->setRowCount(static_cast<int>(terminals.size()));
    for (int row = 0; row < terminals.size(); ++row) {
        const QJsonObject terminal = terminals.at(row).toObject();
        const QDateTime seen
            = QDateTime::fromMSecsSinceEpoch(terminal.value(QStringLiteral("lastSeen")).toInteger(), Qt::UTC);
        setRow(m_terminals, row,
               { terminal.value(QStringLiteral("name")).toString(), terminal.value(QStringLiteral("kind")).toString(),
                 terminal.value(QStringLiteral("version")).toString(),
                 terminal.value(QStringLiteral("host")).toString(),
                 QLocale().toString(seen.toLocalTime(), QLocale::ShortFormat) });
    }

    const HealthItem* payments = report.health.item(QStringLiteral("payments"));
    showAttention(payments ? payments->details.value(QStringLiteral("attention")).toArray() : QJsonArray());

    const HealthItem* breaker = report.health.item(QStringLiteral("breaker"));
    m_breaker->setText(breaker ? breaker->message : tr("unknown (the database is not reachable)"));
    const HealthItem* outbox = report.health.item(QStringLiteral("outbox"));
    m_outbox->setText(outbox ? outbox->message : tr("unknown (the database is not reachable)"));
    m_lastEvent->setText(report.lastEventAt.isValid()
                             ? tr("%1 from %2 at %3")
                                   .arg(report.lastEventType, report.lastEventOrigin,
                                        QLocale().toString(report.lastEventAt.toLocalTime(), QLocale::ShortFormat))
                             : tr("none yet"));
    m_databaseSize->setText(report.databaseBytes >= 0 ? QLocale().formattedDataSize(report.databaseBytes)
                                                      : tr("unknown"));

    const bool atEnd = m_log->verticalScrollBar()->value() == m_log->verticalScrollBar()->maximum();
    m_log->setPlainText(report.logLines.join(QLatin1Char('\n')));
    if (atEnd)
        m_log->verticalScrollBar()->setValue(m_log->verticalScrollBar()->maximum());
    emit refreshed();
}

void StatusPage::showAttention(const QJsonArray& attention)
{
    const qint64 selected = selectedPayment();
    m_attention->clearSelection();
    m_attentionBox->setTitle(tr("Payments that need attention (%1)").arg(attention.size()));
    m_attention->setRowCount(static_cast<int>(attention.size()));
    auto when = [](qint64 ms) {
        return ms > 0
            ? QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toLocalTime(), QLocale::ShortFormat)
            : tr("by a manager");
    };
    for (int row = 0; row < attention.size(); ++row) {
        const QJsonObject line = attention.at(row).toObject();
        const std::optional<AttentionReason> reason
            = attentionReasonFromKey(line.value(QStringLiteral("reason")).toString());
        const QString booking = line.value(QStringLiteral("reservation")).toString();
        setRow(m_attention, row,
               { booking.isEmpty() ? line.value(QStringLiteral("orderId")).toString() : booking,
                 reason ? attentionReasonName(*reason) : line.value(QStringLiteral("reason")).toString(),
                 QLocale().toString(line.value(QStringLiteral("owed")).toInteger()),
                 when(line.value(QStringLiteral("since")).toInteger()),
                 QString::number(line.value(QStringLiteral("attempts")).toInt()),
                 when(line.value(QStringLiteral("nextAttemptAt")).toInteger()),
                 StatusText::name(QStringLiteral("auditDetails"), line.value(QStringLiteral("detail")).toString()) });
        // Long text is elided in the cell; the tooltip has all of it.
        for (int column = 0; column < m_attention->columnCount(); ++column)
            m_attention->item(row, column)->setToolTip(m_attention->item(row, column)->text());
        const qint64 payment = line.value(QStringLiteral("paymentId")).toInteger();
        m_attention->item(row, 0)->setData(Qt::UserRole, payment);
        m_attention->item(row, 1)->setData(Qt::UserRole, reason && attentionIsRetried(*reason));
        if (payment == selected)
            m_attention->selectRow(row); // the same payment stays selected across refreshes
    }
    updateAttentionButtons();
}

qint64 StatusPage::selectedPayment() const
{
    const QList<QTableWidgetItem*> items = m_attention->selectedItems();
    for (QTableWidgetItem* item : items) {
        if (item->column() == 0)
            return item->data(Qt::UserRole).toLongLong();
    }
    return 0;
}

void StatusPage::updateAttentionButtons()
{
    const bool manager = m_actor.role == Role::Manager;
    const bool idle = !m_action.isRunning();
    const qint64 payment = selectedPayment();
    bool retried = false;
    for (QTableWidgetItem* item : m_attention->selectedItems()) {
        if (item->column() == 1)
            retried = item->data(Qt::UserRole).toBool();
    }
    m_attentionNote->setEnabled(manager);
    m_retryNow->setEnabled(manager && idle && payment > 0 && retried);
    m_resolve->setEnabled(manager && idle && payment > 0 && !m_attentionNote->text().trimmed().isEmpty());
}

void StatusPage::runAttentionAction(std::function<Status()> action, const QString& done)
{
    if (m_action.isRunning() || selectedPayment() == 0)
        return;
    m_actionDone = done;
    m_attentionMessage->clear();
    m_action.setFuture(QtConcurrent::run(backgroundPool(), std::move(action)));
    updateAttentionButtons();
}

} // namespace campdesk
