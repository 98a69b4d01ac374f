#include "benchreport.h"

#include "db/database.h"
#include "db/sqldates.h"

#include <QFile>
#include <algorithm>
#include <cstdio>

namespace campdesk::bench {

double Timing::median() const
{
    return p(50);
}

double Timing::p(double percentile) const
{
    if (ms.empty())
        return 0;
    std::vector<double> sorted = ms;
    std::sort(sorted.begin(), sorted.end());
    const size_t index = std::min(sorted.size() - 1, size_t(percentile / 100.0 * double(sorted.size() - 1) + 0.5));
    return sorted[index];
}

Timing measure(int runs, const std::function<void()>& work, int warmup)
{
    for (int i = 0; i < warmup; ++i)
        work();
    Timing t;
    QElapsedTimer timer;
    for (int i = 0; i < runs; ++i) {
        timer.start();
        work();
        t.ms.push_back(double(timer.nsecsElapsed()) / 1e6);
    }
    return t;
}

void heading(const QString& text)
{
    std::printf("\n== %s\n", qPrintable(text));
    std::fflush(stdout);
}

void reportRatio(const QString& what, double figure, double baseline, const QString& unit, bool higherIsBetter,
                 double targetRatio)
{
    const double ratio = higherIsBetter ? (baseline > 0 ? figure / baseline : 0) : (figure > 0 ? baseline / figure : 0);
    if (targetRatio <= 0) {
        std::printf("%-58s %12.2f %-6s baseline %12.2f %-6s ratio %7.2f\n", qPrintable(what), figure, qPrintable(unit),
                    baseline, qPrintable(unit), ratio);
    } else {
        std::printf("%-58s %12.2f %-6s baseline %12.2f %-6s ratio %7.2f (target >= %.2f) %s\n", qPrintable(what),
                    figure, qPrintable(unit), baseline, qPrintable(unit), ratio, targetRatio,
                    ratio >= targetRatio ? "OK" : "MISSED");
    }
    std::fflush(stdout);
}

void reportLimit(const QString& what, double figure, const QString& unit, double limit, bool below)
{
    const bool ok = below ? figure < limit : figure > limit;
    std::printf("%-58s %12.2f %-6s limit %s %.0f %s %s\n", qPrintable(what), figure, qPrintable(unit),
                below ? "<" : ">", limit, qPrintable(unit), ok ? "OK" : "MISSED");
    std::fflush(stdout);
}

double residentMb()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toDouble() / 1024.0;
    }
    return 0;
}

QString scratchDir()
{
    const QString dir = qEnvironmentVariable("BENCH_DIR");
    return dir.isEmpty() ? QStringLiteral("/tmp") : dir;
}

Status markReadModelStale(Database& db)
{
    return db.write([&](Transaction& tx) -> Status {
        tx.exec(QStringLiteral("UPDATE campsite_status SET as_of = ?"), { sqlDate(db.clock().today().addDays(-1)) });
        return {};
    });
}

} // namespace campdesk::bench
