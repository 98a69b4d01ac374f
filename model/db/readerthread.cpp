#include "db/readerthread.h"

namespace campdesk {

ReaderThread::ReaderThread(const Database& origin, QString terminalSuffix, Database::FileReads fileReads)
    : m_origin(origin)
    , m_terminalSuffix(std::move(terminalSuffix))
    , m_fileReads(fileReads)
    , m_keep(origin.driver() == SqlDriver::Postgres)
{
    m_thread.setMaxThreadCount(1);
    m_thread.setExpiryTimeout(-1);
}

ReaderThread::~ReaderThread()
{
    m_thread.start([this] { m_connection.reset(); });
    m_thread.waitForDone();
}

void ReaderThread::connectAhead()
{
    if (!m_keep)
        return;
    // A failure is met again, and reported, by the first read.
    m_thread.start([this] { (void)connection(); });
}

Result<Database*> ReaderThread::connection()
{
    if (m_connection)
        return m_connection.get();
    Result<std::unique_ptr<Database>> opened = m_origin.openAnother(m_terminalSuffix, m_fileReads);
    if (!opened.ok())
        return opened.error();
    m_connection = std::move(opened.value());
    return m_connection.get();
}

void ReaderThread::finished(bool ok)
{
    if (!ok || !m_keep)
        m_connection.reset();
}

} // namespace campdesk
