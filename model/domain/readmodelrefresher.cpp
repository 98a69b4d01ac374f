#include "domain/readmodelrefresher.h"

#include "core/backgroundpool.h"
#include "core/clock.h"
#include "core/eventbus.h"
#include "core/logging.h"
#include "db/database.h"
#include "domain/readmodel.h"

#include <QLoggingCategory>
#include <QtConcurrent/QtConcurrentRun>

namespace campdesk {

ReadModelRefresher::ReadModelRefresher(Database& db, int dayCheckMs, QObject* parent)
    : QObject(parent)
    , m_db(db)
{
    m_dayCheck.setInterval(dayCheckMs);
    connect(&m_dayCheck, &QTimer::timeout, this, &ReadModelRefresher::runIfNewDay);
    connect(&m_watcher, &QFutureWatcher<Outcome>::finished, this, &ReadModelRefresher::done);
}

ReadModelRefresher::~ReadModelRefresher()
{
    // The worker uses the database file: let it finish before anything goes away.
    m_watcher.waitForFinished();
}

void ReadModelRefresher::start()
{
    m_dayCheck.start();
    run();
}

void ReadModelRefresher::stop()
{
    m_dayCheck.stop();
    m_watcher.waitForFinished();
}

void ReadModelRefresher::runIfNewDay()
{
    if (m_db.clock().today() != m_refreshedDay)
        run();
}

void ReadModelRefresher::run()
{
    if (m_watcher.isRunning())
        return;
    const Database& main = m_db;
    m_watcher.setFuture(QtConcurrent::run(backgroundPool(), [&main]() -> Outcome {
        Outcome outcome;
        Result<std::unique_ptr<Database>> opened = main.openAnother(QStringLiteral("-readmodel"));
        if (!opened.ok()) {
            outcome.error = opened.error().message;
            return outcome;
        }
        Result<int> refreshed = ReadModel(*opened.value()).refreshStale();
        outcome.ok = refreshed.ok();
        if (refreshed.ok())
            outcome.sites = refreshed.value();
        else
            outcome.error = refreshed.error().message;
        return outcome;
    }));
    // The day it started for: a pass that began before midnight leaves the new day to the next check.
    m_refreshedDay = m_db.clock().today();
}

void ReadModelRefresher::done()
{
    const Outcome outcome = m_watcher.result();
    if (!outcome.ok) {
        qCWarning(lcDatabase) << "could not bring the read model up to today:" << outcome.error;
        m_refreshedDay = QDate(); // try again at the next check
    } else if (outcome.sites > 0) {
        qCInfo(lcDatabase) << "read model brought up to today for" << outcome.sites << "campsites";
        if (EventBus* bus = m_db.bus())
            emit bus->readModelRefreshed();
    }
    emit finished(outcome.sites, outcome.ok);
}

} // namespace campdesk
