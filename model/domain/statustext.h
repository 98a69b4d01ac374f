#pragma once

#include <QCoreApplication>
#include <QString>
#include <QVariantList>

namespace campdesk {

// The translated name of a stored status key, for every kind of row the tables show: reservations
// (결제됨 paid, 취소됨 cancelled, ...), payments, campsites, notifications and reviews.
class StatusText
{
    Q_DECLARE_TR_FUNCTIONS(StatusText)

public:
    // domain: "reservation", "payment", "campsite", "notification", "review" (statuses), "role", "channel",
    // "method", "provider", "mileage" (ledger reasons), "language", "audit" (audit actions), "auditTarget",
    // "auditDetails" (a code() or an older English sentence), "cancelReason". Unknown keys are returned as given.
    static QString name(const QString& domain, const QString& key);

    // What the database stores instead of a sentence: a code and its parameters, rendered through tr() when shown
    // (so a Korean screen never shows an English audit detail). {"code":"login.wrong_password","args":[1,5]}
    static QString code(const QString& code, const QVariantList& args = {});
    // The same code with one named value more ({"code":..., "args":[...], "spent":3000}).
    static QString withValue(const QString& coded, const QString& key, const QVariant& value);

private:
    static QString auditAction(const QString& key);
    static QString auditDetails(const QString& details);
    static QString cancelReason(const QString& reason);
};

} // namespace campdesk
