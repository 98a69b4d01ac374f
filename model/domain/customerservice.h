#pragma once

#include "core/actor.h"
#include "db/database.h"

#include <QCoreApplication>
#include <optional>

namespace campdesk {

// A guest, identified by a normalized phone number.
struct Customer
{
    qint64 id = 0;
    QString name;
    QString phone; // normalized digits, e.g. "01012345678"
    QString email; // optional
    QString language = QStringLiteral("ko"); // "ko" or "en": the language of their messages
    bool messageConsent = false; // agreed to booking messages by SMS/messenger

    // The one reader of a customers row, by column name (columns(), of the table without an alias; a query may add
    // its own after them). A language this version does not know reads as "ko", the default.
    static QString columns();
    static Customer fromRow(const SqlRows& row);
};

// Finds, creates and edits customers. Kiosk customers can only create or update themselves (by phone).
class CustomerService
{
    Q_DECLARE_TR_FUNCTIONS(CustomerService)

public:
    explicit CustomerService(Database& db);

    // Korean numbers in any common form ("010-1234-5678", "+82 10 1234 5678", "010 1234 5678") to
    // "01012345678"; nullopt when it is not a phone number.
    static std::optional<QString> normalizePhone(const QString& input);
    static QString formatPhone(const QString& normalized); // "010-1234-5678"
    // For logs and receipts: "010-****-5678".
    static QString maskPhone(const QString& normalized);
    static Status validate(const Customer& customer);

    // The customer with this phone, created if new. Staff updates name, e-mail, language and consent;
    // a kiosk customer fills only what is empty and updates language and consent (the phone identifies them,
    // but typing someone's number must not rename them).
    Result<Customer> findOrCreate(const Actor& actor, const Customer& details);
    // Whether the caller's transaction has already scoped a kiosk role's reads to this customer's phone
    // (KioskRole::scopeToPhoneColumn, in a statement it made first anyway).
    enum class PhoneScope { ScopeHere, AlreadyScoped };
    // The same inside the caller's transaction; with `balance`, also the customer's points balance (0 when new),
    // read in the same query.
    static Result<Customer> findOrCreate(Transaction& tx, const Actor& actor, const Customer& details, qint64* balance,
                                         PhoneScope scope = PhoneScope::ScopeHere);
    // Staff only. With `notes`, the staff's notes on the customer change too (at most 1,000 characters).
    Result<Customer> modify(const Actor& actor, const Customer& changed,
                            const std::optional<QString>& notes = std::nullopt);
    // The staff's notes on a customer; not part of Customer, which the kiosk reads too.
    Result<QString> notes(const Actor& actor, qint64 customerId) const;
    Result<Customer> get(qint64 customerId) const;
    Result<std::optional<Customer>> findByPhone(const QString& phone) const;
    // Staff search on name, phone or e-mail; at most `limit` rows.
    Result<QList<Customer>> search(const QString& text, int limit = 200) const;

private:
    Database& m_db;
};

} // namespace campdesk
