<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>CampsiteService</name>
    <message>
        <source>This campsite no longer exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code is required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code can have up to 16 letters A–Z, digits and dashes, e.g. A-07.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished">Name</translation>
    </message>
    <message>
        <source>Zone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Maximum guests must be between 1 and 50.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nightly price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weekend price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A campsite can list at most 20 amenities.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amenity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An amenity cannot contain a comma.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new campsite cannot start retired.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A campsite with the code %1 already exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Someone else changed campsite %1 meanwhile. Reload it and make your change again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Someone else changed this campsite meanwhile. Reload it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Campsite %1 still has %n upcoming reservation(s). Cancel or move them first.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Campsite %1 is already retired.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CustomerService</name>
    <message>
        <source>Name</source>
        <translation type="unfinished">Name</translation>
    </message>
    <message>
        <source>Phone number is required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a Korean phone number, e.g. 010-1234-5678.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This e-mail address does not look right.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages can be sent in Korean or English.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This customer no longer exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another customer already has this phone number.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Database</name>
    <message>
        <source>No database is configured.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SQLite: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PostgreSQL: %1:%2/%3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database file %1 is on a network share. SQLite cannot safely share a file over the network: keep the file on this computer, or use PostgreSQL when several computers share the data.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open the database file %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The PostgreSQL address must look like postgresql://user:password@host:port/database.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot connect to the PostgreSQL server at %1:%2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database is busy or locked by another program. Please try again in a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database file is damaged or is not a Campdesk database. Restore it from a backup.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection to the database was lost. Please try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This entry already exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This entry is still in use by other records.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A value is outside the allowed range.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database error: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This database was written by a newer Campdesk (schema %1; this program knows up to %2). Install the newer Campdesk on this computer.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KioskPinGuard</name>
    <message numerus="yes">
        <source>Too many wrong PINs. The PIN pad is locked for %n more minute(s).</source>
        <translation>
            <numerusform>Too many wrong PINs. The PIN pad is locked for %n more minute.</numerusform>
            <numerusform>Too many wrong PINs. The PIN pad is locked for %n more minutes.</numerusform>
        </translation>
    </message>
    <message>
        <source>No kiosk PIN has been set. A manager sets it with campdesk --set-kiosk-pin.</source>
        <translation>No kiosk PIN has been set. A manager sets it with campdesk --set-kiosk-pin.</translation>
    </message>
    <message>
        <source>The kiosk PIN must be 4 to 8 digits.</source>
        <translation>The kiosk PIN must be 4 to 8 digits.</translation>
    </message>
    <message numerus="yes">
        <source>Wrong PIN. %n more try(s) before the PIN pad locks.</source>
        <translation>
            <numerusform>Wrong PIN. %n more try before the PIN pad locks.</numerusform>
            <numerusform>Wrong PIN. %n more tries before the PIN pad locks.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReviewService</name>
    <message>
        <source>This booking could not be found.</source>
        <translation>This booking could not be found.</translation>
    </message>
    <message>
        <source>Choose from one to five stars.</source>
        <translation>Choose from one to five stars.</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Review</translation>
    </message>
    <message>
        <source>A cancelled booking cannot be reviewed.</source>
        <translation>A cancelled booking cannot be reviewed.</translation>
    </message>
    <message>
        <source>You can review your stay from the check-in day on.</source>
        <translation>You can review your stay from the check-in day on.</translation>
    </message>
    <message>
        <source>This stay has already been reviewed. Thank you!</source>
        <translation>This stay has already been reviewed. Thank you!</translation>
    </message>
</context>
<context>
    <name>SetKioskPinCommand</name>
    <message>
        <source>New kiosk PIN (4 to 8 digits): </source>
        <translation>New kiosk PIN (4 to 8 digits): </translation>
    </message>
    <message>
        <source>No PIN given on standard input.</source>
        <translation>No PIN given on standard input.</translation>
    </message>
    <message>
        <source>Repeat the PIN: </source>
        <translation>Repeat the PIN: </translation>
    </message>
    <message>
        <source>The PINs do not match.</source>
        <translation>The PINs do not match.</translation>
    </message>
    <message>
        <source>The kiosk PIN is set in %1.
</source>
        <translation>The kiosk PIN is set in %1.
</translation>
    </message>
    <message>
        <source>Set the manager&apos;s kiosk PIN (asks for it, or reads it from stdin).</source>
        <translation>Set the manager&apos;s kiosk PIN (asks for it, or reads it from stdin).</translation>
    </message>
</context>
<context>
    <name>campdesk::Actor</name>
    <message>
        <source>Manager</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Front desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kiosk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your role (%1) is not allowed to do this.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>campdesk::Campsite</name>
    <message>
        <source>Tent site</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Auto-camping</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Caravan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Glamping</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cabin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Maintenance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retired</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>campdesk::KioskConfirmPage</name>
    <message>
        <source>Campsite booking receipt</source>
        <translation>Campsite booking receipt</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>Site</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Check-in</source>
        <translation>Check-in</translation>
    </message>
    <message>
        <source>Check-out</source>
        <translation>Check-out</translation>
    </message>
    <message>
        <source>Guests</source>
        <translation>Guests</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>Points used</source>
        <translation>Points used</translation>
    </message>
    <message>
        <source>Amount paid</source>
        <translation>Amount paid</translation>
    </message>
    <message>
        <source>SIMULATED payment — training mode</source>
        <translation>SIMULATED payment — training mode</translation>
    </message>
    <message>
        <source>Your booking is confirmed. Thank you!</source>
        <translation>Your booking is confirmed. Thank you!</translation>
    </message>
    <message>
        <source>Your booking code</source>
        <translation>Your booking code</translation>
    </message>
    <message>
        <source>Site %1 · %2
%3 – %4 · %5
Paid: %6</source>
        <translation>Site %1 · %2
%3 – %4 · %5
Paid: %6</translation>
    </message>
    <message numerus="yes">
        <source>%n guest(s)</source>
        <translation>
            <numerusform>%n guest</numerusform>
            <numerusform>%n guests</numerusform>
        </translation>
    </message>
    <message>
        <source>You earned %1 points.</source>
        <translation>You earned %1 points.</translation>
    </message>
    <message>
        <source>Keep the code: with it and your phone number you can find, cancel or review your booking here.</source>
        <translation>Keep the code: with it and your phone number you can find, cancel or review your booking here.</translation>
    </message>
    <message numerus="yes">
        <source>This screen closes by itself in %n second(s).</source>
        <translation>
            <numerusform>This screen closes by itself in %n second.</numerusform>
            <numerusform>This screen closes by itself in %n seconds.</numerusform>
        </translation>
    </message>
    <message>
        <source>Print or save receipt</source>
        <translation>Print or save receipt</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Done</translation>
    </message>
</context>
<context>
    <name>campdesk::KioskDatesPage</name>
    <message>
        <source>When are you staying?</source>
        <translation>When are you staying?</translation>
    </message>
    <message>
        <source>Nights</source>
        <translation>Nights</translation>
    </message>
    <message>
        <source>Guests</source>
        <translation>Guests</translation>
    </message>
    <message numerus="yes">
        <source>%n night(s)</source>
        <translation>
            <numerusform>%n night</numerusform>
            <numerusform>%n nights</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n guest(s)</source>
        <translation>
            <numerusform>%n guest</numerusform>
            <numerusform>%n guests</numerusform>
        </translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>Show free sites</source>
        <translation>Show free sites</translation>
    </message>
    <message>
        <source>Check-in: %1
Check-out: %2</source>
        <translation>Check-in: %1
Check-out: %2</translation>
    </message>
</context>
<context>
    <name>campdesk::KioskGuestPage</name>
    <message>
        <source>Your details</source>
        <translation>Your details</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Mobile phone</source>
        <translation>Mobile phone</translation>
    </message>
    <message>
        <source>E-mail (optional)</source>
        <translation>E-mail (optional)</translation>
    </message>
    <message>
        <source>e.g. Kim Minji</source>
        <translation>e.g. Kim Minji</translation>
    </message>
    <message>
        <source>e.g. 010-1234-5678</source>
        <translation>e.g. 010-1234-5678</translation>
    </message>
    <message>
        <source>for your confirmation</source>
        <translation>for your confirmation</translation>
    </message>
    <message>
        <source>Send me booking messages (confirmation, cancellation)</source>
        <translation>Send me booking messages (confirmation, cancellation)</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Next</translation>
    </message>
</context>
<context>
    <name>campdesk::KioskIdleOverlay</name>
    <message>
        <source>Are you still there?</source>
        <translation>Are you still there?</translation>
    </message>
    <message>
        <source>Yes, I&apos;m still here</source>
        <translation>Yes, I&apos;m still here</translation>
    </message>
    <message>
        <source>Otherwise everything you entered is cleared and the kiosk starts over.</source>
        <translation>Otherwise everything you entered is cleared and the kiosk starts over.</translation>
    </message>
</context>
<context>
    <name>campdesk::KioskMileagePage</name>
    <message>
        <source>Price of your stay: %1</source>
        <translation>Price of your stay: %1</translation>
    </message>
    <message>
        <source>To pay: %1</source>
        <translation>To pay: %1</translation>
    </message>
    <message>
        <source>Pay %1</source>
        <translation>Pay %1</translation>
    </message>
    <message>
        <source>Book with points</source>
        <translation>Book with points</translation>
    </message>
    <message>
        <source>Your points</source>
        <translation>Your points</translation>
    </message>
    <message>
        <source>You have %1 points. Use some of them for this stay? (1 point = 1 won)</source>
        <translation>You have %1 points. Use some of them for this stay? (1 point = 1 won)</translation>
    </message>
    <message>
        <source>You have no points yet. This stay earns you points for your next visit.</source>
        <translation>You have no points yet. This stay earns you points for your next visit.</translation>
    </message>
    <message>
        <source>Points to use</source>
        <translation>Points to use</translation>
    </message>
    <message>
        <source>Use as many as possible</source>
        <translation>Use as many as possible</translation>
    </message>
    <message>
        <source>%1 P</source>
        <translation>%1 P</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Back</translation>
    </message>
</context>
<context>
    <name>campdesk::KioskMyBookingPage</name>
    <message>
        <source>Booking %1 · %2
Site %3 · %4
%5 – %6 · %7
Paid: %8</source>
        <translation>Booking %1 · %2
Site %3 · %4
%5 – %6 · %7
Paid: %8</translation>
    </message>
    <message numerus="yes">
        <source>%n guest(s)</source>
        <translation>
            <numerusform>%n guest</numerusform>
            <numerusform>%n guests</numerusform>
        </translation>
    </message>
    <message>
        <source>Your points: %1</source>
        <translation>Your points: %1</translation>
    </message>
    <message>
        <source>If you cancel now you get back %1 (%2% of what you paid). Cancel this booking?</source>
        <translation>If you cancel now you get back %1 (%2% of what you paid). Cancel this booking?</translation>
    </message>
    <message>
        <source>If you cancel now there is no refund (it is too close to your check-in day). Cancel this booking anyway?</source>
        <translation>If you cancel now there is no refund (it is too close to your check-in day). Cancel this booking anyway?</translation>
    </message>
    <message>
        <source>My booking</source>
        <translation>My booking</translation>
    </message>
    <message>
        <source>Booking code</source>
        <translation>Booking code</translation>
    </message>
    <message>
        <source>e.g. CD-7K3P9Q</source>
        <translation>e.g. CD-7K3P9Q</translation>
    </message>
    <message>
        <source>Mobile phone</source>
        <translation>Mobile phone</translation>
    </message>
    <message>
        <source>the number you booked with</source>
        <translation>the number you booked with</translation>
    </message>
    <message>
        <source>Find my booking</source>
        <translation>Find my booking</translation>
    </message>
    <message>
        <source>Cancel booking…</source>
        <translation>Cancel booking…</translation>
    </message>
    <message>
        <source>Yes, cancel it</source>
        <translation>Yes, cancel it</translation>
    </message>
    <message>
        <source>No, keep it</source>
        <translation>No, keep it</translation>
    </message>
    <message>
        <source>How was your stay? Tap the stars and write a few words:</source>
        <translation>How was your stay? Tap the stars and write a few words:</translation>
    </message>
    <message>
        <source>Send review</source>
        <translation>Send review</translation>
    </message>
    <message>
        <source>Back to start</source>
        <translation>Back to start</translation>
    </message>
    <message numerus="yes">
        <source>%n star(s)</source>
        <translation>
            <numerusform>%n star</numerusform>
            <numerusform>%n stars</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>campdesk::KioskPayPage</name>
    <message>
        <source>SIMULATED card terminal — training mode, no money is taken</source>
        <translation>SIMULATED card terminal — training mode, no money is taken</translation>
    </message>
    <message>
        <source>Start over</source>
        <translation>Start over</translation>
    </message>
    <message>
        <source>Paying %1</source>
        <translation>Paying %1</translation>
    </message>
    <message>
        <source>Please insert or tap your card on the card terminal and follow its instructions.
Please wait — this can take a few seconds.</source>
        <translation>Please insert or tap your card on the card terminal and follow its instructions.
Please wait — this can take a few seconds.</translation>
    </message>
    <message numerus="yes">
        <source>Try again in %n s</source>
        <translation>
            <numerusform>Try again in %n s</numerusform>
            <numerusform>Try again in %n s</numerusform>
        </translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Try again</translation>
    </message>
</context>
<context>
    <name>campdesk::KioskPinPad</name>
    <message>
        <source>Staff only: enter the manager&apos;s kiosk PIN</source>
        <translation>Staff only: enter the manager&apos;s kiosk PIN</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Clear</translation>
    </message>
    <message>
        <source>Back to the kiosk</source>
        <translation>Back to the kiosk</translation>
    </message>
</context>
<context>
    <name>campdesk::KioskSiteCard</name>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message numerus="yes">
        <source>%1 · up to %n guest(s)</source>
        <translation>
            <numerusform>%1 · up to %n guest</numerusform>
            <numerusform>%1 · up to %n guests</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n review(s))</source>
        <translation>
            <numerusform>%1 (%n review)</numerusform>
            <numerusform>%1 (%n reviews)</numerusform>
        </translation>
    </message>
    <message>
        <source>No reviews yet</source>
        <translation>No reviews yet</translation>
    </message>
    <message>
        <source>%1, %2, %3</source>
        <translation>%1, %2, %3</translation>
    </message>
</context>
<context>
    <name>campdesk::KioskSitesPage</name>
    <message>
        <source>Choose your site</source>
        <translation>Choose your site</translation>
    </message>
    <message>
        <source>%1 – %2 · %3 · %4</source>
        <translation>%1 – %2 · %3 · %4</translation>
    </message>
    <message numerus="yes">
        <source>%n night(s)</source>
        <translation>
            <numerusform>%n night</numerusform>
            <numerusform>%n nights</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n guest(s)</source>
        <translation>
            <numerusform>%n guest</numerusform>
            <numerusform>%n guests</numerusform>
        </translation>
    </message>
    <message>
        <source>Sorry, no site is free for these dates and this many guests. Please try other dates.</source>
        <translation>Sorry, no site is free for these dates and this many guests. Please try other dates.</translation>
    </message>
    <message>
        <source>Change dates</source>
        <translation>Change dates</translation>
    </message>
</context>
<context>
    <name>campdesk::KioskUnavailablePage</name>
    <message>
        <source>The kiosk is temporarily unavailable</source>
        <translation>The kiosk is temporarily unavailable</translation>
    </message>
    <message>
        <source>Sorry — we cannot take bookings here right now. Please go to the front desk, or try again in a few minutes. Nothing you entered has been charged.</source>
        <translation>Sorry — we cannot take bookings here right now. Please go to the front desk, or try again in a few minutes. Nothing you entered has been charged.</translation>
    </message>
    <message numerus="yes">
        <source>Trying again in %n second(s)…</source>
        <translation>
            <numerusform>Trying again in %n second…</numerusform>
            <numerusform>Trying again in %n seconds…</numerusform>
        </translation>
    </message>
    <message>
        <source>Trying again…</source>
        <translation>Trying again…</translation>
    </message>
</context>
<context>
    <name>campdesk::KioskWelcomePage</name>
    <message>
        <source>Welcome to the campground</source>
        <translation>Welcome to the campground</translation>
    </message>
    <message>
        <source>Book a campsite for tonight or later, and pay right here.</source>
        <translation>Book a campsite for tonight or later, and pay right here.</translation>
    </message>
    <message>
        <source>Book a site</source>
        <translation>Book a site</translation>
    </message>
    <message>
        <source>My booking</source>
        <translation>My booking</translation>
    </message>
    <message>
        <source>Touch a button to start. Need help? Please ask at the front desk.</source>
        <translation>Touch a button to start. Need help? Please ask at the front desk.</translation>
    </message>
</context>
<context>
    <name>campdesk::KioskWindow</name>
    <message>
        <source>Campdesk kiosk</source>
        <translation>Campdesk kiosk</translation>
    </message>
    <message>
        <source>Campsite booking</source>
        <translation>Campsite booking</translation>
    </message>
    <message>
        <source>TRAINING MODE — payments are simulated</source>
        <translation>TRAINING MODE — payments are simulated</translation>
    </message>
    <message>
        <source>Sorry, site %1 was just booked by someone else. Please choose another site — nothing was charged.</source>
        <translation>Sorry, site %1 was just booked by someone else. Please choose another site — nothing was charged.</translation>
    </message>
    <message>
        <source>We are checking your payment</source>
        <translation>We are checking your payment</translation>
    </message>
    <message>
        <source>The card company did not answer in time. Please do not pay again. Show this code at the front desk: %1</source>
        <translation>The card company did not answer in time. Please do not pay again. Show this code at the front desk: %1</translation>
    </message>
    <message>
        <source>Payments are busy right now. Please try again in a little while, or pay at the front desk.</source>
        <translation>Payments are busy right now. Please try again in a little while, or pay at the front desk.</translation>
    </message>
    <message>
        <source>Payments are busy</source>
        <translation>Payments are busy</translation>
    </message>
    <message>
        <source>Payment declined</source>
        <translation>Payment declined</translation>
    </message>
    <message>
        <source>You can try again with another card.</source>
        <translation>You can try again with another card.</translation>
    </message>
    <message>
        <source>The booking could not be made</source>
        <translation>The booking could not be made</translation>
    </message>
    <message>
        <source>Your receipt is being printed.</source>
        <translation>Your receipt is being printed.</translation>
    </message>
    <message>
        <source>Your receipt was saved. Ask at the front desk for a printed copy.</source>
        <translation>Your receipt was saved. Ask at the front desk for a printed copy.</translation>
    </message>
    <message>
        <source>The receipt could not be saved. Please ask at the front desk.</source>
        <translation>The receipt could not be saved. Please ask at the front desk.</translation>
    </message>
    <message numerus="yes">
        <source>Please wait %n second(s) before trying again.</source>
        <translation>
            <numerusform>Please wait %n second before trying again.</numerusform>
            <numerusform>Please wait %n seconds before trying again.</numerusform>
        </translation>
    </message>
    <message>
        <source>We could not find a booking with this code and phone number. Please check both and try again.</source>
        <translation>We could not find a booking with this code and phone number. Please check both and try again.</translation>
    </message>
    <message>
        <source>Your booking is cancelled. %1 goes back to your card.</source>
        <translation>Your booking is cancelled. %1 goes back to your card.</translation>
    </message>
    <message>
        <source>Your booking is cancelled.</source>
        <translation>Your booking is cancelled.</translation>
    </message>
    <message>
        <source>Thank you! Your review was sent.</source>
        <translation>Thank you! Your review was sent.</translation>
    </message>
</context>
<context>
    <name>campdesk::MainWindow</name>
    <message>
        <source>Campdesk</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>campdesk::Validation</name>
    <message>
        <source>%1 is required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 must be at least %2 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 can be at most %2 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 contains characters that cannot be used.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be negative.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 must be more than 0 won.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is too large.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Database to use: a SQLite file path or postgresql://user@host:port/db.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This terminal&apos;s settings file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Campground reservations: admin app, front desk and walk-in kiosk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run as the locked-down walk-in kiosk.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
