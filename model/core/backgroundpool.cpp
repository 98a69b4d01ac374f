#include "core/backgroundpool.h"

#include <QCoreApplication>
#include <QThread>
#include <QThreadPool>
#include <algorithm>

namespace campdesk {

namespace {
// Most of this work waits (on the disk, the database server or a gateway) rather than computes, so the pool does not
// stop at the number of cores: a slow gateway call must not hold up the reads of every page behind it.
constexpr int minimumThreads = 8;

QThreadPool* createPool()
{
    auto* pool = new QThreadPool;
    pool->setObjectName(QStringLiteral("campdesk-background"));
    pool->setMaxThreadCount(std::max(minimumThreads, QThread::idealThreadCount()));
    // As QCoreApplication does for the global pool: whatever still runs is finished before the application goes.
    qAddPostRoutine([] { backgroundPool()->waitForDone(); });
    return pool;
}
} // namespace

QThreadPool* backgroundPool()
{
    // Created on first use and never destroyed: a pool destroyed with the other statics would wait for its threads
    // after QCoreApplication is gone. Every task's owner waits for its task before it goes, and the application
    // waits for the pool when it ends.
    static QThreadPool* const pool = createPool();
    return pool;
}

} // namespace campdesk
