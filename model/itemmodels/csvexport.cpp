#include "itemmodels/csvexport.h"

#include "core/backgroundpool.h"
#include "core/csv.h"
#include "db/database.h"

#include <QCoreApplication>
#include <QSaveFile>
#include <QTextStream>
#include <QtConcurrent/QtConcurrentRun>

namespace campdesk {

namespace {
std::function<void(qint64)>& pageHook()
{
    static std::function<void(qint64)> hook;
    return hook;
}
} // namespace

void CsvExport::setPageHookForTesting(std::function<void(qint64 rows)> hook)
{
    pageHook() = std::move(hook);
}

CsvExport::CsvExport(const PagedQueryModel& model, QObject* parent)
    : QObject(parent)
    , m_db(model.database())
    , m_query(model.query())
{
    connect(&m_watcher, &QFutureWatcher<Done>::finished, this, [this] {
        const Done result = m_watcher.result();
        m_outcome = result.outcome;
        m_error = result.error;
        emit finished();
    });
}

CsvExport::~CsvExport()
{
    cancel();
    m_watcher.waitForFinished();
}

void CsvExport::cancel()
{
    m_cancelled.store(true);
}

void CsvExport::start(const QString& path)
{
    if (m_watcher.isRunning())
        return;
    m_cancelled.store(false);
    m_rows.store(0);
    // The worker reads only what it is given and the two atomics; the destructor waits for it.
    m_watcher.setFuture(QtConcurrent::run(backgroundPool(), [this, path]() -> Done {
        Done done;
        Result<std::unique_ptr<Database>> opened = m_db.openAnother(QStringLiteral("-export"));
        if (!opened.ok()) {
            done.error = opened.error().message;
            return done;
        }
        done.outcome = write(
            *opened.value(), m_query, path, m_cancelled,
            [this](qint64 rows) {
                m_rows.store(rows);
                emit progress(rows);
            },
            &done.error, m_pageRows);
        return done;
    }));
}

CsvExport::Outcome CsvExport::write(Database& db, const PagedQuery& query, const QString& path,
                                    const std::atomic_bool& cancelled, const std::function<void(qint64 rows)>& progress,
                                    QString* error, int pageRows)
{
    auto fail = [error](const QString& message) {
        if (error)
            *error = message;
        return Outcome::Failed;
    };
    QSaveFile file(path);
    // Exports hold guests' names and phone numbers: the file is private before anything is written to it.
    if (!file.open(QIODevice::WriteOnly) || !file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner))
        return fail(file.errorString());
    QTextStream out(&file);
    out << QChar(0xFEFF); // a BOM, so spreadsheet programs read the Korean text as UTF-8

    const int columns = int(query.columns.size());
    QStringList fields;
    for (const QueryColumn& column : query.columns)
        fields << csvField(column.header);
    out << fields.join(QLatin1Char(',')) << "\r\n";

    qint64 written = 0;
    PagedQuery::Key last;
    bool atEnd = false;
    QString line;
    QVariantList values;
    values.reserve(columns);
    while (!atEnd) {
        QVariantList binds;
        const QString sql = query.pageSql(written > 0 ? &last : nullptr, pageRows, &binds);
        int rows = 0;
        bool stopped = false;
        const Status page = db.read([&](SqlSession& s) -> Status {
            SqlRows result = s.exec(sql, binds);
            while (result.next()) {
                if (cancelled.load(std::memory_order_relaxed)) {
                    stopped = true;
                    break;
                }
                line.clear();
                values.clear();
                for (int column = 0; column < columns; ++column)
                    values << result.value(column + 2);
                for (int column = 0; column < columns; ++column) {
                    const QueryColumn& c = query.columns.at(column);
                    if (column > 0)
                        line += QLatin1Char(',');
                    const auto derived = query.derived.constFind(column);
                    const QVariant value
                        = derived == query.derived.constEnd() ? values.at(column) : derived.value()(values);
                    line += csvField(PagedQueryModel::csvText(c.kind, value, c.statusDomain));
                }
                line += QLatin1String("\r\n");
                out << line;
                last.id = result.value(0).toLongLong();
                last.sortKey = result.value(1);
                ++rows;
            }
            return Status();
        });
        if (!page.ok())
            return fail(page.error().message);
        written += rows;
        atEnd = rows < pageRows;
        if (!stopped) {
            if (progress)
                progress(written);
            if (pageHook())
                pageHook()(written);
        }
        // Cancel wins up to the end: the file appears only when the user did not stop it.
        if (stopped || cancelled.load()) {
            file.cancelWriting();
            return Outcome::Cancelled;
        }
    }
    out.flush();
    if (out.status() != QTextStream::Ok || !file.commit())
        return fail(file.errorString());
    return Outcome::Written;
}

} // namespace campdesk
