#pragma once

#include "itemmodels/pagedquerymodel.h"

#include <QFutureWatcher>
#include <QObject>
#include <atomic>
#include <functional>
#include <memory>

namespace campdesk {

class Database;

// Exports what a PagedQueryModel's table shows (its filter and sort order, every matching row, not only those
// loaded) to a CSV file, streaming from the database on a worker thread with its own connection: a page of rows
// at a time by key, written as it goes, so a million rows take a few megabytes of memory and the window stays
// responsive. The header is in the UI's language; cells as PagedQueryModel::csvText gives them. The file is
// private (0600) and appears only when complete: a cancelled or failed export leaves no file behind.
class CsvExport final : public QObject
{
    Q_OBJECT
public:
    enum class Outcome { Written, Failed, Cancelled };

    explicit CsvExport(const PagedQueryModel& model, QObject* parent = nullptr);
    ~CsvExport() override; // cancels and waits for the worker

    void setPageRows(int rows) { m_pageRows = std::max(1, rows); }
    void start(const QString& path);
    bool isRunning() const { return m_watcher.isRunning(); }
    void waitForFinished() { m_watcher.waitForFinished(); }
    Outcome outcome() const { return m_outcome; }
    QString errorMessage() const { return m_error; }
    qint64 rowsWritten() const { return m_rows.load(); }

    // The whole export on the calling thread, over db (a connection of that thread); progress is called after
    // each page with the rows written so far; cancelled is checked between rows.
    static Outcome write(Database& db, const PagedQuery& query, const QString& path, const std::atomic_bool& cancelled,
                         const std::function<void(qint64 rows)>& progress, QString* error, int pageRows = 2000);
    // Test seam: called on the worker after each page (a GUI test slows the export down to press Cancel).
    static void setPageHookForTesting(std::function<void(qint64 rows)> hook);

public slots:
    void cancel();

signals:
    void progress(qint64 rows); // after each page
    void finished(); // outcome() says how

private:
    struct Done
    {
        Outcome outcome = Outcome::Failed;
        QString error;
    };

    Database& m_db;
    PagedQuery m_query;
    int m_pageRows = 2000;
    std::atomic_bool m_cancelled { false };
    std::atomic<qint64> m_rows { 0 };
    QFutureWatcher<Done> m_watcher;
    Outcome m_outcome = Outcome::Failed;
    QString m_error;
};

} // namespace campdesk
