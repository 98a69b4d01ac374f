#pragma once

#include "core/result.h"
#include "db/database.h"

#include <QFuture>
#include <QPromise>
#include <QThreadPool>
#include <functional>
#include <memory>

namespace campdesk {

// Reads off the window's thread, one after another, on a thread of their own. On PostgreSQL the connection is kept
// from one read to the next: a fresh one is a new server process with empty catalog caches, about a third of each of
// the rack page's reads. On SQLite each read opens its own (a millisecond), so a file replaced meanwhile (a restored
// backup) is the one read.
class ReaderThread
{
public:
    ReaderThread(const Database& origin, QString terminalSuffix, Database::FileReads fileReads);
    ~ReaderThread(); // waits for a read under way and closes the kept connection on its own thread
    ReaderThread(const ReaderThread&) = delete;
    ReaderThread& operator=(const ReaderThread&) = delete;

    // Runs read(connection) on the reader's thread. A read that fails closes a kept connection; one that failed on a
    // kept connection (the server restarted, or dropped it) is run once more on a fresh one.
    template<typename T> QFuture<Result<T>> read(std::function<Result<T>(Database&)> read)
    {
        // Not QtConcurrent::run: waiting on its future runs a task not yet started on the waiting thread, and the
        // kept connection may only be used on the thread that opened it.
        auto promise = std::make_shared<QPromise<Result<T>>>();
        QFuture<Result<T>> future = promise->future();
        promise->start();
        m_thread.start([this, promise, read = std::move(read)] {
            for (;;) {
                const bool kept = m_connection != nullptr;
                Result<Database*> db = connection();
                Result<T> done = db.ok() ? read(*db.value()) : Result<T>(db.error());
                const bool ok = done.ok();
                if (ok || !kept) {
                    promise->addResult(std::move(done));
                    promise->finish();
                    finished(ok); // after the rows are handed over: closing a connection takes a while
                    return;
                }
                finished(false);
            }
        });
        return future;
    }

    // PostgreSQL: connects now, on the reader's thread, so that the first read does not wait for it (a page built at
    // login and shown later). SQLite keeps no connection between reads: nothing to do.
    void connectAhead();

private:
    Result<Database*> connection(); // on the reader's thread only
    void finished(bool ok); // on the reader's thread only

    const Database& m_origin;
    const QString m_terminalSuffix;
    const Database::FileReads m_fileReads;
    const bool m_keep;
    std::unique_ptr<Database> m_connection; // touched on the reader's thread only
    QThreadPool m_thread; // one thread that never expires: a connection belongs to the thread that opened it
};

} // namespace campdesk
