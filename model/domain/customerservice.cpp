#include "domain/customerservice.h"

#include "core/validation.h"
#include "db/kioskrole.h"

#include <QRegularExpression>

namespace campdesk {

namespace {

const QString selectColumns = QStringLiteral("SELECT ") + Customer::columns() + QStringLiteral(" FROM customers");
const QString selectWithBalance = QStringLiteral("SELECT ") + Customer::columns()
    + QStringLiteral(", (SELECT COALESCE(SUM(m.delta), 0) FROM mileage_ledger m WHERE m.customer_id = customers.id) "
                     "AS balance FROM customers");

} // namespace

QString Customer::columns()
{
    return QStringLiteral("id, name, phone, email, language, message_consent");
}

Customer Customer::fromRow(const SqlRows& row)
{
    Customer c;
    c.id = row.value(QStringLiteral("id")).toLongLong();
    c.name = row.value(QStringLiteral("name")).toString();
    c.phone = row.value(QStringLiteral("phone")).toString();
    c.email = row.value(QStringLiteral("email")).toString();
    const QString language = row.value(QStringLiteral("language")).toString();
    if (language == QLatin1String("ko") || language == QLatin1String("en"))
        c.language = language; // else the default (see the header)
    c.messageConsent = row.value(QStringLiteral("message_consent")).toInt() != 0;
    return c;
}

namespace {

Customer normalized(Customer c)
{
    c.name = c.name.trimmed();
    c.email = c.email.trimmed().toLower();
    c.phone = CustomerService::normalizePhone(c.phone).value_or(c.phone);
    return c;
}

QJsonObject describe(const Customer& c)
{
    // No phone or e-mail in events: they travel to other terminals and into logs.
    return { { QStringLiteral("name"), c.name }, { QStringLiteral("language"), c.language } };
}

Status mayFindOrCreate(const Actor& actor, const Customer& details)
{
    if (Status allowed = requireRole(actor, { Role::Manager, Role::FrontDesk, Role::Kiosk, Role::System });
        !allowed.ok())
        return allowed;
    return CustomerService::validate(details);
}

} // namespace

CustomerService::CustomerService(Database& db)
    : m_db(db)
{
}

std::optional<QString> CustomerService::normalizePhone(const QString& input)
{
    QString digits;
    const QString trimmed = input.trimmed();
    for (const QChar c : trimmed) {
        if (c.isDigit() && c.unicode() < 128)
            digits.append(c);
        else if (c != QLatin1Char('-') && c != QLatin1Char(' ') && c != QLatin1Char('+') && c != QLatin1Char('(')
                 && c != QLatin1Char(')') && c != QLatin1Char('.'))
            return std::nullopt;
    }
    if (trimmed.startsWith(QLatin1Char('+'))) {
        if (!digits.startsWith(QLatin1String("82")))
            return std::nullopt; // Korean numbers only: the SMS gateway sends within Korea
        digits = QLatin1Char('0') + digits.mid(2);
    }
    static const QRegularExpression korean(QStringLiteral("^0(1[016789]\\d{7,8}|[2-6]\\d{7,9}|70\\d{7,8})$"));
    if (!korean.match(digits).hasMatch())
        return std::nullopt;
    return digits;
}

QString CustomerService::formatPhone(const QString& n)
{
    if (n.startsWith(QLatin1String("02")) && (n.size() == 9 || n.size() == 10))
        return n.left(2) + QLatin1Char('-') + n.mid(2, n.size() - 6) + QLatin1Char('-') + n.right(4);
    if (n.size() == 10 || n.size() == 11)
        return n.left(3) + QLatin1Char('-') + n.mid(3, n.size() - 7) + QLatin1Char('-') + n.right(4);
    return n;
}

QString CustomerService::maskPhone(const QString& n)
{
    const QString formatted = formatPhone(n);
    const QStringList parts = formatted.split(QLatin1Char('-'));
    if (parts.size() != 3)
        return QStringLiteral("***");
    return parts[0] + QStringLiteral("-****-") + parts[2];
}

Status CustomerService::validate(const Customer& raw)
{
    const Customer c = normalized(raw);
    if (Status s = checkText(c.name, tr("Name"), QStringLiteral("name"), 1, 50); !s.ok())
        return s;
    if (raw.phone.trimmed().isEmpty())
        return invalidInput(tr("Phone number is required."), QStringLiteral("phone"));
    if (!normalizePhone(raw.phone))
        return invalidInput(tr("Enter a Korean phone number, e.g. 010-1234-5678."), QStringLiteral("phone"));
    static const QRegularExpression email(QStringLiteral("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$"));
    if (!c.email.isEmpty() && (c.email.size() > 254 || !email.match(c.email).hasMatch()))
        return invalidInput(tr("This e-mail address does not look right."), QStringLiteral("email"));
    if (c.language != QLatin1String("ko") && c.language != QLatin1String("en"))
        return invalidInput(tr("Messages can be sent in Korean or English."), QStringLiteral("language"));
    return {};
}

Result<Customer> CustomerService::findOrCreate(const Actor& actor, const Customer& details)
{
    // Checked before the transaction too, so that a refusal never waits for the write lock.
    if (Status allowed = mayFindOrCreate(actor, details); !allowed.ok())
        return allowed.error();
    return m_db.write([&](Transaction& tx) { return findOrCreate(tx, actor, details, nullptr); });
}

Result<Customer> CustomerService::findOrCreate(Transaction& tx, const Actor& actor, const Customer& details,
                                               qint64* balance, PhoneScope scope)
{
    if (Status allowed = mayFindOrCreate(actor, details); !allowed.ok())
        return allowed.error();
    const Customer wanted = normalized(details);
    if (scope == PhoneScope::ScopeHere)
        KioskRole::scopeToPhone(tx, wanted.phone);

    // The balance rides along in the same query when asked for (the booking path: one statement less).
    SqlRows q
        = tx.exec((balance ? selectWithBalance : selectColumns) + QStringLiteral(" WHERE phone = ?"), { wanted.phone });
    if (!q.next()) {
        if (balance)
            *balance = 0;
        Customer created = wanted;
        created.id = tx.insert(QStringLiteral("INSERT INTO customers (name, phone, email, language, "
                                              "message_consent, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, "
                                              "?) RETURNING id"),
                               { created.name, created.phone, created.email, created.language,
                                 created.messageConsent ? 1 : 0, tx.nowMs(), tx.nowMs() });
        tx.recordEvent(EventType::CustomerRegistered, QStringLiteral("customer"), created.id, describe(created));
        tx.audit(actor, QStringLiteral("customer.register"), QString::number(created.id));
        return created;
    }
    const Customer existing = Customer::fromRow(q);
    if (balance)
        *balance = q.value(QStringLiteral("balance")).toLongLong();
    q.finish();
    Customer updated = existing;
    if (actor.isStaff()) {
        updated.name = wanted.name;
        if (!wanted.email.isEmpty())
            updated.email = wanted.email;
    } else if (updated.email.isEmpty()) {
        updated.email = wanted.email;
    }
    updated.language = wanted.language;
    updated.messageConsent = wanted.messageConsent;
    if (updated.name == existing.name && updated.email == existing.email && updated.language == existing.language
        && updated.messageConsent == existing.messageConsent)
        return existing;
    // Only staff rename; the kiosk's statement leaves the name out (a kiosk role may not update it at all).
    if (actor.isStaff())
        tx.exec(QStringLiteral("UPDATE customers SET name = ? WHERE id = ?"), { updated.name, updated.id });
    tx.exec(QStringLiteral("UPDATE customers SET email = ?, language = ?, message_consent = ?, updated_at = ? "
                           "WHERE id = ?"),
            { updated.email, updated.language, updated.messageConsent ? 1 : 0, tx.nowMs(), updated.id });
    tx.recordEvent(EventType::CustomerModified, QStringLiteral("customer"), updated.id, describe(updated));
    return updated;
}

Result<Customer> CustomerService::modify(const Actor& actor, const Customer& changed,
                                         const std::optional<QString>& notes)
{
    if (Status allowed = requireRole(actor, { Role::Manager, Role::FrontDesk, Role::System }); !allowed.ok())
        return allowed.error();
    if (Status valid = validate(changed); !valid.ok())
        return valid.error();
    if (notes) {
        if (Status valid = checkText(notes->trimmed(), tr("Notes"), QStringLiteral("notes"), 0, 1000, true);
            !valid.ok())
            return valid.error();
    }
    const Customer c = normalized(changed);

    return m_db.write([&](Transaction& tx) -> Result<Customer> {
        if (tx.scalar(QStringLiteral("SELECT count(*) FROM customers WHERE id = ?"), { c.id }).toInt() == 0)
            return Error(ErrorCode::NotFound, tr("This customer no longer exists."));
        if (tx.scalar(QStringLiteral("SELECT count(*) FROM customers WHERE phone = ? AND id <> ?"), { c.phone, c.id })
                .toInt()
            > 0)
            return Error(ErrorCode::Conflict, tr("Another customer already has this phone number."),
                         QStringLiteral("phone"));
        tx.exec(
            QStringLiteral("UPDATE customers SET name = ?, phone = ?, email = ?, language = ?, message_consent = ?, "
                           "updated_at = ? WHERE id = ?"),
            { c.name, c.phone, c.email, c.language, c.messageConsent ? 1 : 0, tx.nowMs(), c.id });
        if (notes)
            tx.exec(QStringLiteral("UPDATE customers SET notes = ? WHERE id = ?"), { notes->trimmed(), c.id });
        tx.recordEvent(EventType::CustomerModified, QStringLiteral("customer"), c.id, describe(c));
        tx.audit(actor, QStringLiteral("customer.modify"), QString::number(c.id));
        return c;
    });
}

Result<QString> CustomerService::notes(const Actor& actor, qint64 customerId) const
{
    if (Status allowed = requireRole(actor, { Role::Manager, Role::FrontDesk, Role::System }); !allowed.ok())
        return allowed.error();
    return m_db.read([&](SqlSession& s) -> Result<QString> {
        SqlRows q = s.exec(QStringLiteral("SELECT notes FROM customers WHERE id = ?"), { customerId });
        if (!q.next())
            return Error(ErrorCode::NotFound, tr("This customer no longer exists."));
        return q.value(0).toString();
    });
}

Result<Customer> CustomerService::get(qint64 customerId) const
{
    return m_db.read([&](SqlSession& s) -> Result<Customer> {
        SqlRows q = s.exec(selectColumns + QStringLiteral(" WHERE id = ?"), { customerId });
        if (!q.next())
            return Error(ErrorCode::NotFound, tr("This customer no longer exists."));
        return Customer::fromRow(q);
    });
}

Result<std::optional<Customer>> CustomerService::findByPhone(const QString& phone) const
{
    const std::optional<QString> normalizedPhone = normalizePhone(phone);
    if (!normalizedPhone)
        return invalidInput(tr("Enter a Korean phone number, e.g. 010-1234-5678."), QStringLiteral("phone"));
    return m_db.read([&](SqlSession& s) -> Result<std::optional<Customer>> {
        SqlRows q = s.exec(selectColumns + QStringLiteral(" WHERE phone = ?"), { *normalizedPhone });
        if (!q.next())
            return std::optional<Customer>();
        return std::optional<Customer>(Customer::fromRow(q));
    });
}

Result<QList<Customer>> CustomerService::search(const QString& text, int limit) const
{
    const QString needle = text.trimmed().toLower();
    const QString phoneDigits = normalizePhone(needle).value_or(QString(needle).remove(QLatin1Char('-')));
    return m_db.read([&](SqlSession& s) -> Result<QList<Customer>> {
        SqlRows q = needle.isEmpty()
            ? s.exec(selectColumns + QStringLiteral(" ORDER BY name LIMIT ?"), { limit })
            : s.exec(selectColumns
                         + QStringLiteral(" WHERE lower(name) LIKE ? ESCAPE '\\' OR phone LIKE ? ESCAPE '\\' "
                                          "OR email LIKE ? ESCAPE '\\' ORDER BY name LIMIT ?"),
                     { likeContains(needle), likeContains(phoneDigits), likeContains(needle), limit });
        QList<Customer> found;
        while (q.next())
            found.append(Customer::fromRow(q));
        return found;
    });
}

} // namespace campdesk
