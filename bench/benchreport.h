#pragma once

#include "core/result.h"

#include <QElapsedTimer>
#include <QString>
#include <functional>
#include <vector>

namespace campdesk {
class Database;
}

namespace campdesk::bench {

// Timings of one piece of work repeated: the median is what the report shows.
struct Timing
{
    std::vector<double> ms;
    double median() const;
    double p(double percentile) const;
};

// Runs work `runs` times (after `warmup` unmeasured runs) and times each run.
Timing measure(int runs, const std::function<void()>& work, int warmup = 1);

// One line of the report: a figure next to its baseline, and the ratio against a target.
// higherIsBetter: throughput (ratio = figure / baseline); otherwise times (ratio = baseline / figure).
// targetRatio <= 0: the baseline is shown for comparison only.
void reportRatio(const QString& what, double figure, double baseline, const QString& unit, bool higherIsBetter,
                 double targetRatio);
// A figure against an absolute limit (e.g. "under 200 ms").
void reportLimit(const QString& what, double figure, const QString& unit, double limit, bool below = true);
void heading(const QString& text);
// Resident memory of this process, in MB.
double residentMb();
// Where the bench's temporary data lives (BENCH_DIR or /tmp).
QString scratchDir();
// What midnight does to the read model: every campsite's row was computed for yesterday.
Status markReadModelStale(Database& db);

} // namespace campdesk::bench
