#pragma once

#include "db/database.h"
#include "notify/notificationchannel.h"

#include <atomic>
#include <map>
#include <memory>
#include <optional>

namespace campdesk {

// Sends the queued notifications: claims due ones with a lease (safe with several terminals), sends each on its
// channel, marks it sent with the provider's answer, or schedules a retry with exponential backoff until the
// last attempt, after which it is dead until a manager retries it. Blocking; runs on the NotificationWorker's
// thread with that thread's own Database, never on the booking path.
class NotificationDispatcher
{
public:
    struct Options
    {
        QString owner; // lease owner; defaults to the database's terminal name
        int maxAttempts = 6; // the sixth failure makes it dead
        qint64 backoffBaseMs = 30 * 1000; // wait after the first failure; doubles with every attempt
        qint64 backoffMaxMs = 6 * 3600 * 1000;
        qint64 leaseMs = 5 * 60 * 1000; // must outlast a batch: batchSize x the channels' timeouts
        int batchSize = 10;
    };

    NotificationDispatcher(Database& db, Options options);
    explicit NotificationDispatcher(Database& db);
    ~NotificationDispatcher();

    void addChannel(std::unique_ptr<NotificationChannel> channel);
    // Set from any thread: stops after the notification being sent and gives the rest of the batch back.
    void requestStop() { m_stop = true; }

    // Claims up to batchSize due notifications on the configured channels and sends them. Returns how many
    // were claimed (0: nothing due).
    Result<int> dispatchBatch();
    // Batches until nothing is due. Returns how many were claimed in all.
    Result<int> dispatchDue();
    // When the earliest pending notification on our channels is due (UTC ms), if there is one.
    Result<std::optional<qint64>> nextDueAt();
    qint64 backoffMs(int attempts) const;

private:
    struct Claimed;
    Status finish(const Claimed& claimed, const DeliveryOutcome& outcome);
    QString channelList() const;

    Database& m_db;
    Options m_options;
    std::map<QString, std::unique_ptr<NotificationChannel>> m_channels;
    std::atomic<bool> m_stop { false };
};

} // namespace campdesk
