#pragma once

#include "core/actor.h"
#include "core/result.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

namespace campdesk {

struct AppContext;

// The demo (campdesk --demo, never without it): fills a fresh database with campsites of every kind, two demo staff
// accounts and a month of a working campground up to today and two weeks ahead: stays that are over (most of them
// reviewed), guests on site, arrivals and departures today, upcoming bookings, a cancellation with its refund,
// points earned and spent, and the customers' queued notifications. Runs through the services, like the staff would.
class DemoData
{
    Q_DECLARE_TR_FUNCTIONS(DemoData)

public:
    struct Login
    {
        QString username;
        QString password; // generated; shown once
        Role role = Role::Manager;
    };

    // How much a fill adds. The app (--demo) fills the living campground; the GUI tests that count rows start from
    // the sites and accounts alone.
    enum class Extent {
        SitesAndAccounts, // campsites, the regular customers and the two demo accounts
        LivingCampground, // and the month of stays, reviews, points, refunds and notifications around today
    };

    // True when the database has no users, campsites or customers: nobody has used it yet.
    static Result<bool> isFresh(AppContext& context);
    // Fills a fresh database in one transaction and returns the demo logins; does nothing (and returns an
    // empty list) when the database is not fresh. "Today" is the context's clock.
    static Result<QList<Login>> fillIfFresh(AppContext& context, Extent extent = Extent::SitesAndAccounts);
    // 12 random letters and digits in three groups ("k7pm-3qxa-9htw"), without look-alikes such as 0/o, 1/l.
    static QString generatePassword();
};

} // namespace campdesk
