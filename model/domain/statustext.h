#pragma once

#include <QCoreApplication>
#include <QString>

namespace campdesk {

// The translated name of a stored status key, for every kind of row the tables show: reservations
// (결제됨 paid, 취소됨 cancelled, ...), payments, campsites, notifications and reviews.
class StatusText
{
    Q_DECLARE_TR_FUNCTIONS(StatusText)

public:
    // domain: "reservation", "payment", "campsite", "notification", "review" (statuses), "role", "channel",
    // "method", "provider", "mileage" (ledger reasons), "language". Unknown keys are returned as given.
    static QString name(const QString& domain, const QString& key);
};

} // namespace campdesk
