#include "statuspage.h"

#include "columnfitter.h"
#include "domain/paymentattention.h"

#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
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

StatusPage::StatusPage(QString databaseSpec, HealthCheck::Options options, QWidget* parent)
    : QWidget(parent)
    , m_databaseSpec(std::move(databaseSpec))
    , m_options(std::move(options))
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
    (new QVBoxLayout(m_attentionBox))->addWidget(m_attention);
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
    m_watcher.setFuture(QtConcurrent::run(
        [spec = m_databaseSpec, options = m_options] { return StatusReport::collect(spec, options); }));
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
    const QJsonArray attention
        = payments ? payments->details.value(QStringLiteral("attention")).toArray() : QJsonArray();
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
                 line.value(QStringLiteral("detail")).toString() });
    }

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

} // namespace campdesk
