#pragma once

#include "db/database.h"

#include <QCoreApplication>
#include <QDate>

namespace campdesk {

class ProgressBar;

// How much to generate, and from which seed: the same seed and day give the same rows.
struct DataGenConfig
{
    int campsites = 2000;
    qint64 customers = 300000;
    qint64 reservations = 1000000;
    quint64 seed = 1;
    QDate today; // "now" of the data set: stays before it are past, after it future; invalid = the database clock's
    int reservationsPerTransaction = 50000;

    // Scales the default counts (0.001 gives 2 campsites, 300 customers, 1,000 reservations).
    static DataGenConfig scaled(double scale);
};

struct DataGenSummary
{
    qint64 campsites = 0;
    qint64 customers = 0;
    qint64 reservations = 0;
    qint64 nights = 0;
    qint64 payments = 0;
    qint64 ledgerEntries = 0;
    qint64 reviews = 0;
    qint64 events = 0;
    double seconds = 0;
    double readModelSeconds = 0;
};

// Fills an empty Campdesk database with a campground chain: campsites, customers, three years of reservations
// (past, current and future; checked out, checked in, confirmed, cancelled) with the payments, mileage, reviews,
// nights and events the booking engine would have written, then rebuilds the read model.
class DataGenerator
{
    Q_DECLARE_TR_FUNCTIONS(DataGenerator)

public:
    DataGenerator(Database& db, DataGenConfig config);
    Result<DataGenSummary> run(ProgressBar* progress = nullptr);

private:
    Database& m_db;
    DataGenConfig m_config;
};

} // namespace campdesk
