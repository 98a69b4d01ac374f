#include "domain/kiosksession.h"

#include "core/languagemanager.h"
#include "core/logging.h"
#include "domain/customerservice.h"
#include "domain/kiosklookupthrottle.h"
#include "domain/phoneverification.h"
#include "domain/readmodel.h"
#include "domain/reviewservice.h"
#include "domain/waitlistservice.h"

#include <QDateTime>
#include <QHash>
#include <QLocale>
#include <QLoggingCategory>

namespace campdesk {

KioskSession::KioskSession(BookingService& bookings, PaymentGateway& gateway, ReadModel* readModel, QObject* parent)
    : QObject(parent)
    , m_bookings(bookings)
    , m_gateway(gateway)
    , m_readModel(readModel)
    , m_booking(bookings, gateway)
    , m_refund(bookings)
    , m_code(bookings)
    , m_lookup(bookings)
    , m_offerPayment(bookings)
{
    qRegisterMetaType<campdesk::KioskSiteOffer>();
    qRegisterMetaType<campdesk::KioskPaymentProblem>();
    connect(&m_booking, &BookingFlow::held, this, [this] { m_heldThisAttempt = true; });
    connect(&m_booking, &BookingFlow::finished, this, &KioskSession::bookingFinished);
    connect(&m_refund, &ServiceFlow::finished, this, &KioskSession::refundFinished);
    connect(&m_code, &ServiceFlow::finished, this, &KioskSession::codeFinished);
    connect(&m_lookup, &ServiceFlow::finished, this, &KioskSession::lookupFinished);
    connect(&m_offerPayment, &ServiceFlow::finished, this, &KioskSession::offerPaymentFinished);
}

bool KioskSession::phoneVerified() const
{
    return !m_verifiedPhone.isEmpty()
        && CustomerService::normalizePhone(m_request.customer.phone).value_or(QString()) == m_verifiedPhone;
}

bool KioskSession::requestCode()
{
    if (isBusy() || !m_codeSender)
        return false;
    const QString phone = m_request.customer.phone;
    //: A text message with the one-time code; %1 is the code.
    const QString text = tr("Campdesk: your code is %1. It is valid for 5 minutes. Never tell it to anyone.");
    m_checkingCode = false;
    CodeSender sender = m_codeSender;
    // The code is stored (a write) and sent (a network call): both on a worker, on the worker's own connection.
    return m_code.start([phone, text, sender](BookingService& service) -> Result<Reservation> {
        PhoneVerification verification(service.database());
        Result<QString> code = verification.issue(phone);
        if (!code.ok())
            return code.error();
        if (Status sent = sender(phone, text.arg(code.value())); !sent.ok())
            return sent.error();
        return Reservation();
    });
}

bool KioskSession::verifyCode(const QString& code)
{
    if (isBusy())
        return false;
    const QString phone = m_request.customer.phone;
    m_checkingCode = true;
    return m_code.start([phone, code](BookingService& service) -> Result<Reservation> {
        PhoneVerification verification(service.database());
        if (Status checked = verification.verify(phone, code); !checked.ok())
            return checked.error();
        return Reservation();
    });
}

void KioskSession::codeFinished(const ServiceOutcome& outcome)
{
    if (!outcome.ok) {
        if (isUnavailable(outcome.error) && outcome.error.code == ErrorCode::Database)
            emit unavailable(outcome.error);
        else if (m_checkingCode || outcome.error.code != ErrorCode::Unavailable)
            emit codeProblem(outcome.error.message);
        else
            emit codeProblem(tr("The code could not be sent just now. You can use your points at the front desk."));
        return;
    }
    if (!m_checkingCode) {
        emit codeSent();
        return;
    }
    m_verifiedPhone = CustomerService::normalizePhone(m_request.customer.phone).value_or(QString());
    Result<Quote> quote = m_bookings.quote(m_request);
    if (!quote.ok()) {
        if (isUnavailable(quote.error()))
            emit unavailable(quote.error());
        else
            emit codeProblem(quote.error().message);
        return;
    }
    emit pointsUnlocked(quote->balance);
}

KioskSession::~KioskSession() = default;

bool KioskSession::isUnavailable(const Error& error)
{
    return error.code == ErrorCode::Unavailable || error.code == ErrorCode::Database;
}

void KioskSession::search(const QDate& checkIn, const QDate& checkOut, int guests, const QString& notice)
{
    m_request.checkIn = checkIn;
    m_request.checkOut = checkOut;
    m_request.guests = guests;
    Result<QList<SiteQuote>> free = m_bookings.freeSitesQuoted(checkIn, checkOut, guests);
    if (!free.ok()) {
        if (isUnavailable(free.error()))
            emit unavailable(free.error());
        else
            emit sitesProblem(free.error().message);
        return;
    }
    QHash<qint64, CampsiteStatusRow> ratings;
    if (m_readModel) {
        // One more read for all the ratings; a failure only leaves the stars off.
        Result<QList<CampsiteStatusRow>> statuses = m_readModel->campsiteStatuses();
        if (statuses.ok()) {
            for (const CampsiteStatusRow& row : statuses.value())
                ratings.insert(row.campsiteId, row);
        }
    }
    QList<KioskSiteOffer> offers;
    for (const SiteQuote& quoted : free.value()) {
        KioskSiteOffer offer;
        offer.site = quoted.site;
        offer.total = quoted.quote.total;
        offer.lines = quoted.quote.lines;
        const CampsiteStatusRow row = ratings.value(quoted.site.id);
        offer.reviewCount = row.reviewCount;
        offer.rating = row.averageRating();
        offers.append(offer);
    }
    emit sitesFound(offers, checkIn, checkOut, guests, notice);
}

void KioskSession::chooseSite(const KioskSiteOffer& offer)
{
    m_offer = offer;
    m_request.campsiteId = offer.site.id;
}

void KioskSession::enterGuest(const Customer& customer, int children, int vehicles)
{
    m_request.customer = customer;
    m_request.children = children;
    m_request.vehicles = vehicles;
    m_request.pointsToRedeem = 0;
    Result<Quote> quote = m_bookings.quote(m_request);
    if (!quote.ok()) {
        if (isUnavailable(quote.error()))
            emit unavailable(quote.error());
        else
            emit guestProblem(quote.error().message);
        return;
    }
    // Children and vehicles may add extra-person and vehicle fees to the site's price.
    m_offer.total = quote->total;
    m_offer.lines = quote->lines;
    // The balance waits until the phone is proven: a phone number is no secret.
    emit amountsReady(quote->total);
}

Result<Quote> KioskSession::chooseExtras(const QList<ExtraChoice>& extras)
{
    BookingRequest wanted = m_request;
    wanted.extras = extras;
    wanted.pointsToRedeem = 0;
    Result<Quote> quote = m_bookings.quote(wanted);
    if (!quote.ok())
        return quote;
    m_request.extras = extras;
    m_offer.total = quote->total;
    m_offer.lines = quote->lines;
    return quote;
}

bool KioskSession::pay(qint64 points)
{
    if (m_booking.isRunning()) {
        qCWarning(lcKiosk) << "a booking is already running";
        return false;
    }
    // Points only for a proven phone, whatever the screen asked for.
    m_request.pointsToRedeem = phoneVerified() ? points : 0;
    m_heldThisAttempt = false;
    emit paying(m_offer.total - m_request.pointsToRedeem);
    return m_booking.start(Actor::kiosk(), m_request);
}

void KioskSession::bookingFinished(const BookingOutcome& outcome)
{
    if (outcome.ok) {
        const Reservation& r = outcome.reservation;
        qCInfo(lcKiosk) << "booked" << r.code;
        Result<Quote> quote = m_bookings.quote(m_request);
        emit booked(r, quote.ok() ? quote->pointsToEarn : 0);
        // The typed details are not needed any more: the receipt holds what the customer may see.
        m_request.customer = Customer();
        m_request.pointsToRedeem = 0;
        return;
    }
    const Error& error = outcome.error;
    qCInfo(lcKiosk) << "booking not made:" << int(error.code) << error.message;
    if (BookingOutcome::siteTaken(error)) {
        // Taken between choosing and paying: offer what is still free for the same stay.
        search(m_request.checkIn, m_request.checkOut, m_request.guests,
               tr("Sorry, site %1 was just booked by someone else. Please choose another site — nothing was "
                  "charged.")
                   .arg(m_offer.site.code));
        return;
    }
    if (!m_heldThisAttempt && isUnavailable(error)) {
        emit unavailable(error);
        return;
    }
    emit paymentProblem(problemFor(outcome));
}

KioskPaymentProblem KioskSession::problemFor(const BookingOutcome& outcome) const
{
    const Error& error = outcome.error;
    KioskPaymentProblem problem;
    if (outcome.pending()) {
        problem.kind = KioskPaymentProblem::Kind::Pending;
        problem.title = tr("We are checking your payment");
        problem.message = tr("The card company did not answer in time. Please do not pay again. Show this code at "
                             "the front desk: %1")
                              .arg(outcome.reservation.code);
        problem.reservation = outcome.reservation;
    } else if (error.code == ErrorCode::PaymentsBusy || error.code == ErrorCode::Unavailable) {
        // The payment service (its circuit breaker) says how long to wait; its message is already translated.
        problem.kind = KioskPaymentProblem::Kind::Busy;
        problem.title = tr("Payments are busy");
        problem.message = error.message.isEmpty()
            ? tr("Payments are busy right now. Please try again in a little while, or pay at the front desk.")
            : error.message;
        problem.canRetry = true;
        problem.retryAfterSeconds = outcome.retryAfterSeconds;
    } else if (error.code == ErrorCode::Payment) {
        problem.kind = KioskPaymentProblem::Kind::Declined;
        problem.title = tr("Payment declined");
        problem.message = error.message + QLatin1Char('\n') + tr("You can try again with another card.");
        problem.canRetry = true;
    } else {
        problem.title = tr("The booking could not be made");
        problem.message = error.message;
    }
    return problem;
}

bool KioskSession::cancelBooking(const QString& code, const QString& phone)
{
    if (isBusy())
        return false;
    CancelRequest request;
    request.code = code;
    request.phone = phone;
    request.reason = QStringLiteral("cancelled by the customer at the kiosk");
    emit refunding();
    // The refund waits for the payment provider: on a worker, so the kiosk keeps drawing meanwhile.
    return m_refund.start([request](BookingService& bookings) { return bookings.cancel(Actor::kiosk(), request); });
}

void KioskSession::refundFinished(const ServiceOutcome& outcome)
{
    if (outcome.ok) {
        emit cancelled(outcome.reservation);
        return;
    }
    if (isUnavailable(outcome.error))
        emit unavailable(outcome.error);
    else
        emit cancelProblem(outcome.error.message);
}

bool KioskSession::findBooking(const QString& code, const QString& phone)
{
    if (isBusy())
        return false;
    m_reviewing = false;
    m_lookupPhone = phone;
    //: Shown after a wrong booking code or phone number, whichever was wrong.
    const QString miss = tr("We could not find a booking with this code and phone number. Please check both and try "
                            "again.");
    return m_lookup.start([code, phone, miss](BookingService& service) -> Result<Reservation> {
        KioskLookupThrottle throttle(service.database());
        const Result<qint64> wait = throttle.waitMs(code);
        if (!wait.ok())
            return wait.error();
        if (wait.value() > 0) {
            const int seconds = int((wait.value() + 999) / 1000);
            return Error(ErrorCode::Locked, tr("Please wait %n second(s) before trying again.", nullptr, seconds));
        }
        Result<Reservation> found = service.findByCode(code, phone);
        if (found.ok() || isUnavailable(found.error()))
            return found;
        // The code of a waitlist offer (its message carries it): the held booking, or why it can no longer be paid.
        // Only a right code with the right phone gets past NotFound, so a miss stays one answer for both.
        Result<Reservation> offered = WaitlistService(service).findOffer(Actor::kiosk(), code, phone);
        if (offered.ok() || offered.error().code != ErrorCode::NotFound)
            return offered;
        // One answer for a wrong code, a wrong phone or a malformed one: nothing to learn by guessing. A success
        // resets nothing: finding one's own booking must not buy a guesser fresh tries.
        if (Status counted = throttle.recordMiss(code); !counted.ok() && isUnavailable(counted.error()))
            return counted.error();
        return Error(ErrorCode::NotFound, miss);
    });
}

bool KioskSession::submitReview(const QString& code, const QString& phone, int rating, const QString& text)
{
    if (isBusy())
        return false;
    m_reviewing = true;
    return m_lookup.start([code, phone, rating, text](BookingService& service) -> Result<Reservation> {
        ReviewService reviews(service.database());
        if (Result<Review> review = reviews.submitByCode(Actor::kiosk(), code, phone, rating, text); !review.ok())
            return review.error();
        return service.findByCode(code, phone);
    });
}

void KioskSession::lookupFinished(const ServiceOutcome& outcome)
{
    if (outcome.ok) {
        if (m_reviewing) {
            emit reviewSent(outcome.reservation);
        } else if (outcome.reservation.status == ReservationStatus::Held) {
            // Only a waitlist offer is found held (findByCode finds real bookings only).
            m_offerHeld = outcome.reservation;
            m_offerPhone = m_lookupPhone;
            emit offerFound(outcome.reservation);
        } else {
            emit bookingFound(outcome.reservation);
        }
        return;
    }
    if (isUnavailable(outcome.error))
        emit unavailable(outcome.error);
    else if (m_reviewing)
        emit reviewProblem(outcome.error.message);
    else
        emit lookupProblem(outcome.error.message);
}

bool KioskSession::payOffer()
{
    if (isBusy() || m_offerHeld.id == 0)
        return false;
    const QString code = m_offerHeld.code;
    const QString phone = m_offerPhone;
    PaymentGateway* gateway = &m_gateway;
    // Looked up again on the worker by code and phone: the offer may have lapsed while the customer read it.
    const bool started = m_offerPayment.start([code, phone, gateway](BookingService& service) -> Result<Reservation> {
        return WaitlistService(service).payOffer(Actor::kiosk(), code, phone, *gateway);
    });
    if (started)
        emit paying(m_offerHeld.amount);
    return started;
}

void KioskSession::offerPaymentFinished(const ServiceOutcome& outcome)
{
    if (outcome.ok) {
        qCInfo(lcKiosk) << "waitlist offer paid" << outcome.reservation.code;
        m_offerHeld = Reservation();
        m_offerPhone.clear();
        emit booked(outcome.reservation, 0);
        return;
    }
    qCInfo(lcKiosk) << "waitlist offer not paid:" << int(outcome.error.code) << outcome.error.message;
    if (outcome.error.code == ErrorCode::Database) {
        emit unavailable(outcome.error);
        return;
    }
    BookingOutcome failed;
    failed.error = outcome.error;
    failed.reservation = m_offerHeld;
    KioskPaymentProblem problem = problemFor(failed);
    if (outcome.error.field == QLatin1String("holdKept")) {
        // The card did not go through but the offer stands (WaitlistService::payOffer): another card, now or later.
        // The date as the kiosk writes every date (a long one: "4/3/2030" reads as two different days), in the
        // language the kiosk shows now; said once what the customer can do.
        const QDateTime until = QDateTime::fromMSecsSinceEpoch(m_offerHeld.holdExpiresAt).toLocalTime();
        const QString held = tr("Site %1 is held for you until %2 at %3.")
                                 .arg(m_offerHeld.campsiteCode,
                                      LanguageManager::formatDate(until.date(), LanguageManager::defaultLanguage()),
                                      until.toString(QStringLiteral("HH:mm")));
        problem.canRetry = true;
        if (problem.kind == KioskPaymentProblem::Kind::Declined)
            problem.message = outcome.error.message + QLatin1Char('\n') + held + QLatin1Char(' ')
                + tr("Pay with another card now, or come back with the same code before then.");
        else
            problem.message += QLatin1Char('\n') + held;
    } else if (problem.kind != KioskPaymentProblem::Kind::Pending) {
        // The offer lapsed (or was paid elsewhere) while the screen was open: say so, and forget it. The answer names
        // nothing of the site's next holder.
        problem.kind = KioskPaymentProblem::Kind::Failed;
        problem.title = tr("This offer can no longer be paid");
        problem.canRetry = false;
        problem.retryAfterSeconds = 0;
        if (outcome.error.code != ErrorCode::AlreadyDone)
            problem.message = outcome.error.message + QLatin1Char('\n')
                + tr("The site is no longer held for you. You can join the waitlist again or ask at the front desk.");
        m_offerHeld = Reservation();
        m_offerPhone.clear();
    }
    emit paymentProblem(problem);
}

bool KioskSession::reset()
{
    if (isBusy())
        return false;
    m_offerHeld = Reservation();
    m_offerPhone.clear();
    m_lookupPhone.clear();
    m_request = BookingRequest();
    m_offer = KioskSiteOffer();
    m_heldThisAttempt = false;
    m_verifiedPhone.clear();
    return true;
}

} // namespace campdesk
