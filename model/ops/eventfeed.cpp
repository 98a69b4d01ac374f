#include "ops/eventfeed.h"

#include "core/eventbus.h"

#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSqlDriver>
#include <QSqlError>
#include <QStringList>
#include <QTimer>

Q_LOGGING_CATEGORY(lcFeed, "campdesk.events.feed")

namespace campdesk {

namespace {
const QString channelName = QStringLiteral("campdesk_events");
constexpr qint64 gapPatienceMs = 60 * 1000; // longer than any write transaction between insert and commit
constexpr int maxGaps = 2000;
constexpr int batch = 500;

DomainEvent eventFromRow(const QSqlQuery& q)
{
    DomainEvent e;
    e.id = q.value(0).toLongLong();
    e.type = eventTypeFromName(q.value(1).toString()).value_or(EventType::SettingsChanged);
    e.aggregate = q.value(2).toString();
    e.aggregateId = q.value(3).toLongLong();
    e.payload = QJsonDocument::fromJson(q.value(4).toString().toUtf8()).object();
    e.origin = q.value(5).toString();
    e.occurredAt = QDateTime::fromMSecsSinceEpoch(q.value(6).toLongLong(), Qt::UTC);
    return e;
}
} // namespace

EventFeed::EventFeed(Database& db, QObject* parent)
    : QObject(parent)
    , m_main(db)
{
    m_timer = new QTimer(this);
    connect(m_timer, &QTimer::timeout, this, &EventFeed::poll);
    m_timer->setInterval(db.driver() == SqlDriver::Sqlite ? 200 : 2000);
}

EventFeed::~EventFeed()
{
    stop();
}

void EventFeed::setPollInterval(int ms)
{
    m_timer->setInterval(ms);
}

Status EventFeed::start()
{
    if (Status status = reconnect(); !status.ok())
        return status;
    Result<qint64> newest = m_db->read([](SqlSession& s) -> Result<qint64> {
        return s.scalar(QStringLiteral("SELECT COALESCE(MAX(id), 0) FROM domain_events")).toLongLong();
    });
    if (!newest.ok())
        return newest.error();
    m_lastId = newest.value();
    m_timer->start();
    return {};
}

Status EventFeed::reconnect()
{
    m_db.reset();
    Result<std::unique_ptr<Database>> opened = m_main.openAnother(QStringLiteral("-feed"));
    if (!opened.ok())
        return opened.error();
    m_db = std::move(opened).value();
    m_db->setBus(nullptr); // the feed only reads
    m_dataVersion = -1;
    if (m_db->driver() == SqlDriver::Postgres) {
        connect(m_db->connection().driver(), &QSqlDriver::notification, this,
                [this](const QString& name, QSqlDriver::NotificationSource, const QVariant&) { onNotification(name); });
        subscribe();
    }
    return {};
}

void EventFeed::stop()
{
    m_timer->stop();
    if (m_db && m_db->driver() == SqlDriver::Postgres && m_db->connection().isOpen())
        m_db->connection().driver()->unsubscribeFromNotification(channelName);
    m_db.reset();
}

bool EventFeed::isListening() const
{
    return m_db && m_db->driver() == SqlDriver::Postgres
        && m_db->connection().driver()->subscribedToNotifications().contains(channelName);
}

void EventFeed::subscribe()
{
    QSqlDriver* driver = m_db->connection().driver();
    if (driver->subscribedToNotifications().contains(channelName))
        return;
    if (!driver->subscribeToNotification(channelName))
        qCWarning(lcFeed) << "cannot LISTEN on" << channelName << "- polling only:" << driver->lastError().text();
    else
        qCInfo(lcFeed) << "listening on" << channelName;
}

void EventFeed::onNotification(const QString& name)
{
    if (name == channelName)
        poll();
}

void EventFeed::poll()
{
    if (m_polling || !m_timer->isActive())
        return;
    if (!m_db) {
        if (!reconnect().ok())
            return;
    }
    m_polling = true;
    const bool postgres = m_db->driver() == SqlDriver::Postgres;
    const QString terminal = m_main.terminal();
    const qint64 now = m_db->clock().nowMs();
    Result<std::vector<DomainEvent>> fresh = m_db->read([&](SqlSession& s) -> Result<std::vector<DomainEvent>> {
        std::vector<DomainEvent> events;
        if (!postgres) {
            // Changes committed by any other connection move data_version: nothing moved, nothing to read.
            const qint64 version = s.scalar(QStringLiteral("PRAGMA data_version")).toLongLong();
            if (version == m_dataVersion)
                return events;
            m_dataVersion = version;
        }
        const QString columns = QStringLiteral(
            "SELECT id, type, aggregate, aggregate_id, payload, origin, occurred_at FROM domain_events ");
        if (!m_gaps.empty()) {
            QStringList ids;
            for (const auto& gap : m_gaps)
                ids << QString::number(gap.first);
            SqlRows q
                = s.exec(columns + QStringLiteral("WHERE id IN (%1) ORDER BY id").arg(ids.join(QLatin1Char(','))));
            while (q.next())
                events.push_back(eventFromRow(q));
        }
        SqlRows q = s.exec(columns + QStringLiteral("WHERE id > ? ORDER BY id LIMIT ?"), { m_lastId, batch });
        while (q.next())
            events.push_back(eventFromRow(q));
        return events;
    });
    if (postgres)
        subscribe(); // a dropped and reopened connection has lost its LISTEN
    m_polling = false;
    if (!fresh.ok()) {
        // A terminated or broken connection stays broken: open a new one (and LISTEN again); the next poll
        // catches up from the last event seen, so nothing is missed.
        qCWarning(lcFeed) << "event feed poll failed, reconnecting:" << fresh.error().message;
        if (Status status = reconnect(); !status.ok())
            qCWarning(lcFeed) << "event feed cannot reconnect yet:" << status.error().message;
        return;
    }

    int published = 0;
    for (const DomainEvent& event : fresh.value()) {
        if (m_gaps.erase(event.id) == 0) {
            for (qint64 missing = m_lastId + 1; missing < event.id && m_gaps.size() < maxGaps; ++missing)
                m_gaps.emplace(missing, now);
            m_lastId = std::max(m_lastId, event.id);
        }
        if (event.origin != terminal && m_main.bus()) {
            m_main.bus()->publish(event);
            ++published;
        }
    }
    for (auto it = m_gaps.begin(); it != m_gaps.end();)
        it = now - it->second > gapPatienceMs ? m_gaps.erase(it) : std::next(it);
    if (int(fresh.value().size()) >= batch) {
        m_dataVersion = -1; // more to catch up on, though nothing new was committed since this read
        QTimer::singleShot(0, this, &EventFeed::poll);
    }
    if (published > 0)
        emit caughtUp(published);
}

} // namespace campdesk
