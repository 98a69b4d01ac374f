<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>BookingService</name>
    <message>
        <source>This booking could not be found.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Campsite %1 is closed for maintenance.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Campsite %1 is no longer offered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Campsite %1 takes at most %n guest(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>You can use at most %1 points (your balance).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You can use at most %1 points (the price).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sorry, this site was just taken for these dates.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No other site is free for these dates.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Free for the same dates: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the check-in and check-out dates.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check-out cannot be before check-in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check-out must be at least one night after check-in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>A booking can be at most %n night(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Check-in cannot be in the past.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A booking needs at least one guest.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a campsite.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Points to use cannot be negative.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This campsite does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Booking %1 is already paid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The hold on this site ran out. Please start the booking again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A payment for booking %1 is already in progress. Please wait for its result.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 %2, %n night(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Booking %1 is no longer waiting for its payment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The amount paid does not match the booking.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The points for this booking are no longer available.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The payment went through but the booking could not be saved, and the payment could not be cancelled automatically. Please show booking %1 to the front desk for a refund.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The booking could not be saved (%1), so the payment was cancelled and nothing was charged. Please try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The payment result is pending: the card company did not answer in time. Do not pay again; the site stays held while we check, and booking %1 is confirmed automatically if the payment went through.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payments are busy right now. Please try again in a little while, or pay at the front desk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The payment did not go through.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was charged and no booking was made.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This booking&apos;s payment is still being checked; it cannot be abandoned now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the phone number you booked with.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Booking %1 is already cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Booking %1 cannot be cancelled after check-in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The refund must be between 0 and %1 won.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give a reason for changing the refund.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Booking %1 has no approved payment to refund.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This booking was paid through %1, which this terminal cannot refund. Cancel it at the front desk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payments are busy right now. Please try again shortly.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The refund did not go through (%1). The booking is unchanged; please try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no payment with order number %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This payment is still waiting for its result.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This terminal cannot reach the payment provider %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The payment could not be cancelled: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only a paid booking can be checked in (booking %1 is %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Booking %1 can be checked in from %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The stay of booking %1 has already ended.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only a checked-in guest can check out (booking %1 is %2).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
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
        <translation type="unfinished">Zone</translation>
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
    <name>DeskPayment</name>
    <message>
        <source>Front desk (cash or the desk&apos;s card machine)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At the front desk, choose cash or the desk&apos;s card machine.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Desk payments are recorded in Campdesk only.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MileageService</name>
    <message>
        <source>An adjustment must be a non-zero number of points up to 10,000,000.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This customer no longer exists.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReadModel</name>
    <message>
        <source>campsite_status has no row for campsite %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>campsite_status for campsite %1 is [%2] but should be [%3].</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>campsite_status has a row for campsite %1, which does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>daily_stats for %1 is [%2] but should be [%3].</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RuleSettings</name>
    <message>
        <source>The mileage rate must be between 0% and 50%.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review points must be between 0 and 1,000,000.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A hold must last between 1 and 120 minutes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The cancellation table needs at least one row.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Days before check-in must be between 0 and 365.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A refund must be between 0% and 100%.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each number of days may appear only once in the cancellation table.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SimulatedTerminal</name>
    <message>
        <source>Card terminal (SIMULATED — training, no money is taken)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The card terminal is busy. Please try again in %1 seconds, or pay at the front desk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The card terminal did not answer in time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The card was declined (simulated).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The card terminal failed (simulated).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The card terminal could not refund the payment (simulated).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The card terminal has no payment with this order number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The refund is larger than the payment.</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished">Maintenance</translation>
    </message>
    <message>
        <source>Retired</source>
        <translation type="unfinished">Retired</translation>
    </message>
</context>
<context>
    <name>campdesk::CampsiteStatusModel</name>
    <message>
        <source>Available</source>
        <translation>Available</translation>
    </message>
    <message>
        <source>Arriving today</source>
        <translation>Arriving today</translation>
    </message>
    <message>
        <source>Occupied</source>
        <translation>Occupied</translation>
    </message>
    <message>
        <source>Departing today</source>
        <translation>Departing today</translation>
    </message>
    <message>
        <source>Maintenance</source>
        <translation>Maintenance</translation>
    </message>
    <message>
        <source>Retired</source>
        <translation>Retired</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n guest(s), until %2)</source>
        <translation>
            <numerusform>%1 (%n guest, until %2)</numerusform>
            <numerusform>%1 (%n guests, until %2)</numerusform>
        </translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message numerus="yes">
        <source>%1% (%n night(s))</source>
        <translation>
            <numerusform>%1% (%n night)</numerusform>
            <numerusform>%1% (%n nights)</numerusform>
        </translation>
    </message>
    <message>
        <source>₩%1</source>
        <translation>₩%1</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n review(s))</source>
        <translation>
            <numerusform>%1 (%n review)</numerusform>
            <numerusform>%1 (%n reviews)</numerusform>
        </translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Zone</source>
        <translation>Zone</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>Current guest</source>
        <translation>Current guest</translation>
    </message>
    <message>
        <source>Next arrival</source>
        <translation>Next arrival</translation>
    </message>
    <message>
        <source>Next 30 nights</source>
        <translation>Next 30 nights</translation>
    </message>
    <message>
        <source>Revenue</source>
        <translation>Revenue</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>Rating</translation>
    </message>
</context>
<context>
    <name>campdesk::CampsiteStatusPage</name>
    <message>
        <source>Find a campsite, zone or guest</source>
        <translation>Find a campsite, zone or guest</translation>
    </message>
    <message>
        <source>All states</source>
        <translation>All states</translation>
    </message>
    <message>
        <source>%1 of %2 campsites</source>
        <translation>%1 of %2 campsites</translation>
    </message>
</context>
<context>
    <name>campdesk::DashboardPage</name>
    <message>
        <source>Arrivals today</source>
        <translation>Arrivals today</translation>
    </message>
    <message>
        <source>Departures today</source>
        <translation>Departures today</translation>
    </message>
    <message>
        <source>Guests on site</source>
        <translation>Guests on site</translation>
    </message>
    <message>
        <source>Occupancy tonight</source>
        <translation>Occupancy tonight</translation>
    </message>
    <message>
        <source>Revenue this month</source>
        <translation>Revenue this month</translation>
    </message>
    <message>
        <source>Occupancy</source>
        <translation>Occupancy</translation>
    </message>
    <message>
        <source>Revenue</source>
        <translation>Revenue</translation>
    </message>
    <message>
        <source>Reservations by status</source>
        <translation>Reservations by status</translation>
    </message>
    <message>
        <source>Reviews</source>
        <translation>Reviews</translation>
    </message>
    <message numerus="yes">
        <source>%n star(s)</source>
        <translation>
            <numerusform>%n star</numerusform>
            <numerusform>%n stars</numerusform>
        </translation>
    </message>
    <message>
        <source>Campsites</source>
        <translation>Campsites</translation>
    </message>
    <message>
        <source>Credited</source>
        <translation>Credited</translation>
    </message>
    <message>
        <source>Deducted</source>
        <translation>Deducted</translation>
    </message>
    <message>
        <source>The dashboard could not be updated: %1</source>
        <translation>The dashboard could not be updated: %1</translation>
    </message>
    <message>
        <source>₩%1</source>
        <translation>₩%1</translation>
    </message>
    <message>
        <source>%1%</source>
        <translation>%1%</translation>
    </message>
    <message>
        <source>%1 of %2 campsites</source>
        <translation>%1 of %2 campsites</translation>
    </message>
    <message>
        <source>Occupancy, %1 to %2 (%)</source>
        <translation>Occupancy, %1 to %2 (%)</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation>%1 to %2</translation>
    </message>
    <message>
        <source>Revenue by month, %1 (millions of won)</source>
        <translation>Revenue by month, %1 (millions of won)</translation>
    </message>
    <message>
        <source>Revenue by month, %1 (thousands of won)</source>
        <translation>Revenue by month, %1 (thousands of won)</translation>
    </message>
    <message>
        <source>Points credited and deducted by month, %1</source>
        <translation>Points credited and deducted by month, %1</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>Confirmed</translation>
    </message>
    <message>
        <source>Checked in</source>
        <translation>Checked in</translation>
    </message>
    <message>
        <source>Checked out</source>
        <translation>Checked out</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message numerus="yes">
        <source>Ratings: average %1 from %n review(s)</source>
        <translation>
            <numerusform>Ratings: average %1 from %n review</numerusform>
            <numerusform>Ratings: average %1 from %n reviews</numerusform>
        </translation>
    </message>
    <message>
        <source>Ratings: no reviews yet</source>
        <translation>Ratings: no reviews yet</translation>
    </message>
    <message>
        <source>Campsites by average rating (%1 rated)</source>
        <translation>Campsites by average rating (%1 rated)</translation>
    </message>
    <message>
        <source>MMM yyyy</source>
        <comment>QDate format of a month and its year</comment>
        <translation>MMM yyyy</translation>
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
    <name>campdesk::Reservation</name>
    <message>
        <source>Held (awaiting payment)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checked in</source>
        <translation type="unfinished">Checked in</translation>
    </message>
    <message>
        <source>Checked out</source>
        <translation type="unfinished">Checked out</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished">Cancelled</translation>
    </message>
    <message>
        <source>Not completed</source>
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
        <source>Give the database with --database.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The read model was rebuilt from %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recompute the campsite overview and daily statistics from the reservations, payments and reviews.</source>
        <translation type="unfinished"></translation>
    </message>
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
