#pragma once

#include <QString>
#include <optional>
#include <utility>

namespace campdesk {

// What went wrong, in words a user can read (already translated) and a code a program can act on.
enum class ErrorCode {
    Invalid, // the input breaks a rule; `field` names the offending input
    NotFound,
    Forbidden, // the acting user's role may not do this
    Conflict, // someone else changed or took it first (e.g. the campsite was just booked)
    Locked, // login or kiosk PIN locked out for a while
    Unavailable, // database busy or unreachable, payment service busy: try again later
    Payment, // the payment provider declined or failed
    Database, // an unexpected database error
    // Outcomes that screens branch on (never on Error::field):
    SiteTaken, // the campsite's nights were just taken, or it cannot be booked for these dates: offer others
    PaymentPending, // the gateway did not answer in time: the hold is kept and the reconciler settles it
    PaymentsBusy, // the payment breaker is open: nothing was charged, try again later or pay at the desk
    AlreadyDone, // the booking or payment is no longer in the expected state (another terminal acted first)
};

struct Error
{
    Error() = default;
    Error(ErrorCode code, QString message, QString field = QString())
        : code(code)
        , message(std::move(message))
        , field(std::move(field))
    {
    }

    ErrorCode code = ErrorCode::Invalid;
    QString message;
    QString field;
};

// A value or an Error. Services return these instead of throwing.
template<typename T> class [[nodiscard]] Result
{
public:
    Result(T value)
        : m_value(std::move(value))
    {
    }
    Result(Error error)
        : m_error(std::move(error))
    {
    }

    bool ok() const { return m_value.has_value(); }
    explicit operator bool() const { return ok(); }
    const T& value() const& { return *m_value; }
    T& value() & { return *m_value; }
    T&& value() && { return std::move(*m_value); }
    const T* operator->() const { return &*m_value; }
    const Error& error() const { return m_error; }

private:
    std::optional<T> m_value;
    Error m_error;
};

template<> class [[nodiscard]] Result<void>
{
public:
    Result() = default;
    Result(Error error)
        : m_failed(true)
        , m_error(std::move(error))
    {
    }

    bool ok() const { return !m_failed; }
    explicit operator bool() const { return ok(); }
    const Error& error() const { return m_error; }

private:
    bool m_failed = false;
    Error m_error;
};

using Status = Result<void>;

inline Error invalidInput(const QString& message, const QString& field = QString())
{
    return Error { ErrorCode::Invalid, message, field };
}

} // namespace campdesk
