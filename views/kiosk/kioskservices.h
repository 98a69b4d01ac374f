#pragma once

#include "core/result.h"

#include <QString>
#include <functional>

namespace campdesk {

class BookingService;
class Clock;
class CampsiteService;
class CustomerService;
class GuestDetailsService;
class KioskLookupThrottle;
class KioskPinGuard;
class LanguageManager;
class MileageService;
class PaymentGateway;
class ReadModel;
class ReviewService;
class SiteMapService;
class SitePhotoService;
class WaitlistService;

// What the kiosk window works with, built by the composition root (or a test). Not owned.
struct KioskServices
{
    CampsiteService* campsites = nullptr;
    CustomerService* customers = nullptr;
    BookingService* bookings = nullptr;
    MileageService* mileage = nullptr;
    ReviewService* reviews = nullptr;
    ReadModel* readModel = nullptr; // ratings on the site cards; may be null
    SiteMapService* siteMap = nullptr; // the "Map" view of the free sites; may be null
    SitePhotoService* photos = nullptr; // the first photo on each site card; may be null
    PaymentGateway* gateway = nullptr;
    KioskPinGuard* pin = nullptr;
    LanguageManager* language = nullptr;
    KioskLookupThrottle* throttle = nullptr;
    // The guest page's optional vehicle plate, saved on the booking while it is held; no plate field when null.
    GuestDetailsService* guestDetails = nullptr;
    // "Join the waitlist" when no site is free for the dates; not offered when null.
    WaitlistService* waitlist = nullptr;
    const Clock* clock = nullptr; // the campground's "today"; the system clock when null
    // Sends a one-time code by text message (runs on a worker thread). Empty: no SMS channel, so points are used at
    // the front desk only.
    std::function<Status(const QString& phone, const QString& text)> codeSender;
    // Opens the kiosk's database connection again (Database::reopen), tried by the unavailable screen: a damaged
    // SQLite file replaced by a good one is used without a restart. Empty: the connection is only probed.
    std::function<Status()> reopenDatabase;
};

// This kiosk's timings and places; the defaults are what a campground uses.
struct KioskOptions
{
    int idleSeconds = 60; // without a touch before "Are you still there?"
    int countdownSeconds = 10; // of "Are you still there?"
    int confirmationSeconds = 45; // the confirmation screen returns to the start by itself
    int retrySeconds = 10; // between attempts to reach the database again
    QString defaultLanguage = QStringLiteral("ko");
    QString receiptFolder; // where receipts are saved as PDF when no printer is set up
};

} // namespace campdesk
