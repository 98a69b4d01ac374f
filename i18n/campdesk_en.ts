<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AdminApp</name>
    <message>
        <source>Demo data was added. Log in with one of these accounts (change the passwords before real use):
</source>
        <translation>Demo data was added. Log in with one of these accounts (change the passwords before real use):
</translation>
    </message>
    <message>
        <source>They are also saved in %1.
</source>
        <translation>They are also saved in %1.
</translation>
    </message>
    <message>
        <source>Campdesk cannot start</source>
        <translation>Campdesk cannot start</translation>
    </message>
    <message>
        <source>The database could not be opened.

%1

Check the --database option or the &quot;database&quot; entry in this terminal&apos;s settings.</source>
        <translation>The database could not be opened.

%1

Check the --database option or the &quot;database&quot; entry in this terminal&apos;s settings.</translation>
    </message>
    <message>
        <source>Demo data</source>
        <translation>Demo data</translation>
    </message>
    <message>
        <source>The demo data could not be added: %1</source>
        <translation>The demo data could not be added: %1</translation>
    </message>
    <message>
        <source>Settings file: %1</source>
        <translation>Settings file: %1</translation>
    </message>
    <message>
        <source>The staff accounts could not be read: %1</source>
        <translation>The staff accounts could not be read: %1</translation>
    </message>
</context>
<context>
    <name>BalanceService</name>
    <message>
        <source>The kiosk takes the full amount; a deposit is for desk and phone bookings.</source>
        <translation>The kiosk takes the full amount; a deposit is for desk and phone bookings.</translation>
    </message>
    <message>
        <source>Deposits are turned off in Settings: take the full amount.</source>
        <translation>Deposits are turned off in Settings: take the full amount.</translation>
    </message>
    <message>
        <source>There is nothing to pay, so there is no deposit.</source>
        <translation>There is nothing to pay, so there is no deposit.</translation>
    </message>
    <message>
        <source>The deposit (%1 won) is more than the amount to pay (%2 won): take the full amount.</source>
        <translation>The deposit (%1 won) is more than the amount to pay (%2 won): take the full amount.</translation>
    </message>
    <message>
        <source>The balance of booking %1 is already paid.</source>
        <translation>The balance of booking %1 is already paid.</translation>
    </message>
    <message>
        <source>The balance payment of booking %1 is no longer waiting for its result.</source>
        <translation>The balance payment of booking %1 is no longer waiting for its result.</translation>
    </message>
    <message>
        <source>Only a manager can check a guest in with the balance unpaid.</source>
        <translation>Only a manager can check a guest in with the balance unpaid.</translation>
    </message>
    <message>
        <source>Booking %1 has a balance of %2 won due. Take it before checking the guest in (a manager may check in without it, giving a reason).</source>
        <translation>Booking %1 has a balance of %2 won due. Take it before checking the guest in (a manager may check in without it, giving a reason).</translation>
    </message>
    <message>
        <source>This booking could not be found.</source>
        <translation>This booking could not be found.</translation>
    </message>
    <message>
        <source>Booking %1 is already checked in.</source>
        <translation>Booking %1 is already checked in.</translation>
    </message>
    <message>
        <source>Only a paid booking can be checked in (booking %1 is %2).</source>
        <translation>Only a paid booking can be checked in (booking %1 is %2).</translation>
    </message>
    <message>
        <source>Booking %1 cannot be checked in today.</source>
        <translation>Booking %1 cannot be checked in today.</translation>
    </message>
    <message>
        <source>Booking %1 is already being cancelled: its refund is in progress.</source>
        <translation>Booking %1 is already being cancelled: its refund is in progress.</translation>
    </message>
    <message>
        <source>The balance of booking %1 is already being taken on another terminal.</source>
        <translation>The balance of booking %1 is already being taken on another terminal.</translation>
    </message>
    <message>
        <source>Balance of booking %1</source>
        <translation>Balance of booking %1</translation>
    </message>
    <message>
        <source>The balance payment could not be recorded.</source>
        <translation>The balance payment could not be recorded.</translation>
    </message>
    <message>
        <source>Choose how the balance is paid.</source>
        <translation>Choose how the balance is paid.</translation>
    </message>
    <message>
        <source>An earlier balance payment through %1 is still unanswered; it cannot be checked from this terminal.</source>
        <translation>An earlier balance payment through %1 is still unanswered; it cannot be checked from this terminal.</translation>
    </message>
    <message>
        <source>An earlier balance payment is still unanswered by the payment service. Please try again shortly.</source>
        <translation>An earlier balance payment is still unanswered by the payment service. Please try again shortly.</translation>
    </message>
    <message>
        <source>The amount paid does not match the balance.</source>
        <translation>The amount paid does not match the balance.</translation>
    </message>
    <message>
        <source>The balance payment was given back.</source>
        <translation>The balance payment was given back.</translation>
    </message>
    <message>
        <source>The balance payment could not be given back automatically; it is listed under payments that need attention.</source>
        <translation>The balance payment could not be given back automatically; it is listed under payments that need attention.</translation>
    </message>
    <message>
        <source>Payments are busy right now. Take the balance in cash or try again shortly.</source>
        <translation>Payments are busy right now. Take the balance in cash or try again shortly.</translation>
    </message>
    <message>
        <source>The payment did not go through.</source>
        <translation>The payment did not go through.</translation>
    </message>
    <message>
        <source>The balance is still due; the guest is not checked in.</source>
        <translation>The balance is still due; the guest is not checked in.</translation>
    </message>
    <message>
        <source>Give a reason for checking in with the balance unpaid.</source>
        <translation>Give a reason for checking in with the balance unpaid.</translation>
    </message>
    <message>
        <source>This balance payment is already settled.</source>
        <translation>This balance payment is already settled.</translation>
    </message>
    <message>
        <source>This balance payment could not be found.</source>
        <translation>This balance payment could not be found.</translation>
    </message>
    <message>
        <source>The payment service did not answer, so it is not known whether the balance was taken. The payment is kept as pending and looked up with the payment service automatically; if it went through, it is recorded as paid. Do not take it again: try the check-in in a few minutes.</source>
        <translation>The payment service did not answer, so it is not known whether the balance was taken. The payment is kept as pending and looked up with the payment service automatically; if it went through, it is recorded as paid. Do not take it again: try the check-in in a few minutes.</translation>
    </message>
    <message>
        <source>Booking %1 is %2: it has no balance to take.</source>
        <translation>Booking %1 is %2: it has no balance to take.</translation>
    </message>
    <message>
        <source>Booking %1 is %2: it no longer owes a balance.</source>
        <translation>Booking %1 is %2: it no longer owes a balance.</translation>
    </message>
    <message>
        <source>The payment service did not answer, so it is not known whether the balance was taken. The payment is kept as pending and looked up with the payment service automatically; if it went through, it is recorded as paid. Do not take it again: look at the booking again in a few minutes.</source>
        <translation>The payment service did not answer, so it is not known whether the balance was taken. The payment is kept as pending and looked up with the payment service automatically; if it went through, it is recorded as paid. Do not take it again: look at the booking again in a few minutes.</translation>
    </message>
    <message>
        <source>The balance is still due.</source>
        <translation>The balance is still due.</translation>
    </message>
</context>
<context>
    <name>BookingService</name>
    <message>
        <source>This booking could not be found.</source>
        <translation>This booking could not be found.</translation>
    </message>
    <message>
        <source>Campsite %1 is closed for maintenance.</source>
        <translation>Campsite %1 is closed for maintenance.</translation>
    </message>
    <message>
        <source>Campsite %1 is no longer offered.</source>
        <translation>Campsite %1 is no longer offered.</translation>
    </message>
    <message numerus="yes">
        <source>Campsite %1 takes at most %n guest(s).</source>
        <translation>
            <numerusform>Campsite %1 takes at most %n guest.</numerusform>
            <numerusform>Campsite %1 takes at most %n guests.</numerusform>
        </translation>
    </message>
    <message>
        <source>You can use at most %1 points (your balance).</source>
        <translation>You can use at most %1 points (your balance).</translation>
    </message>
    <message>
        <source>You can use at most %1 points (the price).</source>
        <translation>You can use at most %1 points (the price).</translation>
    </message>
    <message>
        <source>Sorry, this site was just taken for these dates.</source>
        <translation>Sorry, this site was just taken for these dates.</translation>
    </message>
    <message>
        <source>No other site is free for these dates.</source>
        <translation>No other site is free for these dates.</translation>
    </message>
    <message>
        <source>Free for the same dates: %1.</source>
        <translation>Free for the same dates: %1.</translation>
    </message>
    <message>
        <source>Choose the check-in and check-out dates.</source>
        <translation>Choose the check-in and check-out dates.</translation>
    </message>
    <message>
        <source>Check-out cannot be before check-in.</source>
        <translation>Check-out cannot be before check-in.</translation>
    </message>
    <message>
        <source>Check-out must be at least one night after check-in.</source>
        <translation>Check-out must be at least one night after check-in.</translation>
    </message>
    <message numerus="yes">
        <source>A booking can be at most %n night(s).</source>
        <translation>
            <numerusform>A booking can be at most %n night.</numerusform>
            <numerusform>A booking can be at most %n nights.</numerusform>
        </translation>
    </message>
    <message>
        <source>Check-in cannot be in the past.</source>
        <translation>Check-in cannot be in the past.</translation>
    </message>
    <message>
        <source>A booking needs at least one guest.</source>
        <translation>A booking needs at least one guest.</translation>
    </message>
    <message>
        <source>Choose a campsite.</source>
        <translation>Choose a campsite.</translation>
    </message>
    <message>
        <source>Points to use cannot be negative.</source>
        <translation>Points to use cannot be negative.</translation>
    </message>
    <message>
        <source>This campsite does not exist.</source>
        <translation>This campsite does not exist.</translation>
    </message>
    <message>
        <source>Booking %1 is already paid.</source>
        <translation>Booking %1 is already paid.</translation>
    </message>
    <message>
        <source>The hold on this site ran out. Please start the booking again.</source>
        <translation>The hold on this site ran out. Please start the booking again.</translation>
    </message>
    <message>
        <source>A payment for booking %1 is already in progress. Please wait for its result.</source>
        <translation>A payment for booking %1 is already in progress. Please wait for its result.</translation>
    </message>
    <message numerus="yes">
        <source>%1 %2, %n night(s)</source>
        <translation>
            <numerusform>%1 %2, %n night</numerusform>
            <numerusform>%1 %2, %n nights</numerusform>
        </translation>
    </message>
    <message>
        <source>Booking %1 is no longer waiting for its payment.</source>
        <translation>Booking %1 is no longer waiting for its payment.</translation>
    </message>
    <message>
        <source>The amount paid does not match the booking.</source>
        <translation>The amount paid does not match the booking.</translation>
    </message>
    <message>
        <source>The points for this booking are no longer available.</source>
        <translation>The points for this booking are no longer available.</translation>
    </message>
    <message>
        <source>The payment went through but the booking could not be saved, and the payment could not be cancelled automatically. Please show booking %1 to the front desk for a refund.</source>
        <translation>The payment went through but the booking could not be saved, and the payment could not be cancelled automatically. Please show booking %1 to the front desk for a refund.</translation>
    </message>
    <message>
        <source>The booking could not be saved (%1), so the payment was cancelled and nothing was charged. Please try again.</source>
        <translation>The booking could not be saved (%1), so the payment was cancelled and nothing was charged. Please try again.</translation>
    </message>
    <message>
        <source>The payment result is pending: the card company did not answer in time. Do not pay again; the site stays held while we check, and booking %1 is confirmed automatically if the payment went through.</source>
        <translation>The payment result is pending: the card company did not answer in time. Do not pay again; the site stays held while we check, and booking %1 is confirmed automatically if the payment went through.</translation>
    </message>
    <message>
        <source>Payments are busy right now. Please try again in a little while, or pay at the front desk.</source>
        <translation>Payments are busy right now. Please try again in a little while, or pay at the front desk.</translation>
    </message>
    <message>
        <source>The payment did not go through.</source>
        <translation>The payment did not go through.</translation>
    </message>
    <message>
        <source>Nothing was charged and no booking was made.</source>
        <translation>Nothing was charged and no booking was made.</translation>
    </message>
    <message>
        <source>This booking&apos;s payment is still being checked; it cannot be abandoned now.</source>
        <translation>This booking&apos;s payment is still being checked; it cannot be abandoned now.</translation>
    </message>
    <message>
        <source>Enter the phone number you booked with.</source>
        <translation>Enter the phone number you booked with.</translation>
    </message>
    <message>
        <source>Booking %1 is already cancelled.</source>
        <translation>Booking %1 is already cancelled.</translation>
    </message>
    <message>
        <source>Booking %1 cannot be cancelled after check-in.</source>
        <translation>Booking %1 cannot be cancelled after check-in.</translation>
    </message>
    <message>
        <source>The refund must be between 0 and %1 won.</source>
        <translation>The refund must be between 0 and %1 won.</translation>
    </message>
    <message>
        <source>Give a reason for changing the refund.</source>
        <translation>Give a reason for changing the refund.</translation>
    </message>
    <message>
        <source>Booking %1 has no approved payment to refund.</source>
        <translation>Booking %1 has no approved payment to refund.</translation>
    </message>
    <message>
        <source>This booking was paid through %1, which this terminal cannot refund. Cancel it at the front desk.</source>
        <translation>This booking was paid through %1, which this terminal cannot refund. Cancel it at the front desk.</translation>
    </message>
    <message>
        <source>Payments are busy right now. Please try again shortly.</source>
        <translation>Payments are busy right now. Please try again shortly.</translation>
    </message>
    <message>
        <source>The refund did not go through (%1). The booking is unchanged; please try again.</source>
        <translation>The refund did not go through (%1). The booking is unchanged; please try again.</translation>
    </message>
    <message>
        <source>There is no payment with order number %1.</source>
        <translation>There is no payment with order number %1.</translation>
    </message>
    <message>
        <source>This payment is still waiting for its result.</source>
        <translation>This payment is still waiting for its result.</translation>
    </message>
    <message>
        <source>This terminal cannot reach the payment provider %1.</source>
        <translation>This terminal cannot reach the payment provider %1.</translation>
    </message>
    <message>
        <source>Only a paid booking can be checked in (booking %1 is %2).</source>
        <translation>Only a paid booking can be checked in (booking %1 is %2).</translation>
    </message>
    <message>
        <source>Booking %1 can be checked in from %2.</source>
        <translation>Booking %1 can be checked in from %2.</translation>
    </message>
    <message>
        <source>The stay of booking %1 has already ended.</source>
        <translation>The stay of booking %1 has already ended.</translation>
    </message>
    <message>
        <source>Only a checked-in guest can check out (booking %1 is %2).</source>
        <translation>Only a checked-in guest can check out (booking %1 is %2).</translation>
    </message>
    <message>
        <source>Booking %1 is already confirmed.</source>
        <translation>Booking %1 is already confirmed.</translation>
    </message>
    <message>
        <source>Booking %1 is already checked in.</source>
        <translation>Booking %1 is already checked in.</translation>
    </message>
    <message>
        <source>Booking %1 is already checked out.</source>
        <translation>Booking %1 is already checked out.</translation>
    </message>
    <message>
        <source>Booking %1 was changed on another terminal; please look at it again.</source>
        <translation>Booking %1 was changed on another terminal; please look at it again.</translation>
    </message>
    <message>
        <source>No booking was made.</source>
        <translation>No booking was made.</translation>
    </message>
    <message>
        <source>Booking %1 is already being cancelled: its refund is in progress.</source>
        <translation>Booking %1 is already being cancelled: its refund is in progress.</translation>
    </message>
    <message>
        <source>The refund&apos;s result is not known (%1). Booking %2 stays as it is while it is checked with the payment service; it is cancelled automatically if the refund went through.</source>
        <translation>The refund&apos;s result is not known (%1). Booking %2 stays as it is while it is checked with the payment service; it is cancelled automatically if the refund went through.</translation>
    </message>
    <message>
        <source>This site is closed on some of these dates (%1).</source>
        <translation>This site is closed on some of these dates (%1).</translation>
    </message>
    <message>
        <source>At least one guest is an adult: children are fewer than the guests.</source>
        <translation>At least one guest is an adult: children are fewer than the guests.</translation>
    </message>
    <message>
        <source>Vehicles must be between 0 and 10.</source>
        <translation>Vehicles must be between 0 and 10.</translation>
    </message>
    <message>
        <source>Nothing was charged.</source>
        <translation>Nothing was charged.</translation>
    </message>
    <message>
        <source>Booking %1 was changed on another terminal, so its refund was not worked out from what it is now; please look at it again.</source>
        <translation>Booking %1 was changed on another terminal, so its refund was not worked out from what it is now; please look at it again.</translation>
    </message>
    <message>
        <source>A payment for booking %1 is in progress on another terminal; please look at the booking again in a moment.</source>
        <translation>A payment for booking %1 is in progress on another terminal; please look at the booking again in a moment.</translation>
    </message>
    <message>
        <source>This refund is already recorded.</source>
        <translation>This refund is already recorded.</translation>
    </message>
    <message>
        <source>Part of the refund was given back, but %1 won did not go through (%2). Booking %3 stays as it is until that part is refunded: it is tried again automatically and listed under payments that need attention.</source>
        <translation>Part of the refund was given back, but %1 won did not go through (%2). Booking %3 stays as it is until that part is refunded: it is tried again automatically and listed under payments that need attention.</translation>
    </message>
    <message>
        <source>The refund of booking %1 is being finished with the payment service.</source>
        <translation>The refund of booking %1 is being finished with the payment service.</translation>
    </message>
    <message>
        <source>A payment of this booking has not been refunded yet.</source>
        <translation>A payment of this booking has not been refunded yet.</translation>
    </message>
    <message>
        <source>Give back %1 won on the desk&apos;s card machine.</source>
        <translation>Give back %1 won on the desk&apos;s card machine.</translation>
    </message>
    <message>
        <source>Give the guest %1 won back in cash.</source>
        <translation>Give the guest %1 won back in cash.</translation>
    </message>
</context>
<context>
    <name>BreakerGateway</name>
    <message numerus="yes">
        <source>Payments are busy right now. Please try again in %n seconds, or pay at the front desk.</source>
        <translation>
            <numerusform>Payments are busy right now. Please try again in %n second, or pay at the front desk.</numerusform>
            <numerusform>Payments are busy right now. Please try again in %n seconds, or pay at the front desk.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CampgroundSettings</name>
    <message>
        <source>Campground name</source>
        <translation>Campground name</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>A business registration number has ten digits, e.g. 123-45-67890.</source>
        <translation>A business registration number has ten digits, e.g. 123-45-67890.</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>Choose A5 or an 80 mm roll for receipts.</source>
        <translation>Choose A5 or an 80 mm roll for receipts.</translation>
    </message>
    <message>
        <source>The highest nightly price must be between 1,000 and 1,000,000,000 won.</source>
        <translation>The highest nightly price must be between 1,000 and 1,000,000,000 won.</translation>
    </message>
</context>
<context>
    <name>CampsiteService</name>
    <message>
        <source>This campsite no longer exists.</source>
        <translation>This campsite no longer exists.</translation>
    </message>
    <message>
        <source>Code is required.</source>
        <translation>Code is required.</translation>
    </message>
    <message>
        <source>Code can have up to 16 letters A–Z, digits and dashes, e.g. A-07.</source>
        <translation>Code can have up to 16 letters A–Z, digits and dashes, e.g. A-07.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Zone</source>
        <translation>Zone</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>Maximum guests must be between 1 and 50.</source>
        <translation>Maximum guests must be between 1 and 50.</translation>
    </message>
    <message>
        <source>Nightly price</source>
        <translation>Nightly price</translation>
    </message>
    <message>
        <source>Weekend price</source>
        <translation>Weekend price</translation>
    </message>
    <message>
        <source>A campsite can list at most 20 amenities.</source>
        <translation>A campsite can list at most 20 amenities.</translation>
    </message>
    <message>
        <source>Amenity</source>
        <translation>Amenity</translation>
    </message>
    <message>
        <source>An amenity cannot contain a comma.</source>
        <translation>An amenity cannot contain a comma.</translation>
    </message>
    <message>
        <source>A new campsite cannot start retired.</source>
        <translation>A new campsite cannot start retired.</translation>
    </message>
    <message>
        <source>A campsite with the code %1 already exists.</source>
        <translation>A campsite with the code %1 already exists.</translation>
    </message>
    <message>
        <source>Someone else changed campsite %1 meanwhile. Reload it and make your change again.</source>
        <translation>Someone else changed campsite %1 meanwhile. Reload it and make your change again.</translation>
    </message>
    <message>
        <source>Someone else changed this campsite meanwhile. Reload it.</source>
        <translation>Someone else changed this campsite meanwhile. Reload it.</translation>
    </message>
    <message numerus="yes">
        <source>Campsite %1 still has %n upcoming reservation(s). Cancel or move them first.</source>
        <translation>
            <numerusform>Campsite %1 still has %n upcoming reservation. Cancel or move them first.</numerusform>
            <numerusform>Campsite %1 still has %n upcoming reservations. Cancel or move them first.</numerusform>
        </translation>
    </message>
    <message>
        <source>Campsite %1 is already retired.</source>
        <translation>Campsite %1 is already retired.</translation>
    </message>
    <message>
        <source>At most %1 won per night (Settings).</source>
        <translation>At most %1 won per night (Settings).</translation>
    </message>
    <message>
        <source>The longest RV or caravan must be between %1 and %2, or no limit.</source>
        <translation>The longest RV or caravan must be between %1 and %2, or no limit.</translation>
    </message>
</context>
<context>
    <name>CreateKioskRoleCommand</name>
    <message>
        <source>&quot;%1&quot; is not a role name: use lower-case letters, digits and _ (at most 63).</source>
        <translation>&quot;%1&quot; is not a role name: use lower-case letters, digits and _ (at most 63).</translation>
    </message>
    <message>
        <source>Password for %1 (at least 12 characters): </source>
        <translation>Password for %1 (at least 12 characters): </translation>
    </message>
    <message>
        <source>No password given on standard input.</source>
        <translation>No password given on standard input.</translation>
    </message>
    <message>
        <source>Repeat the password: </source>
        <translation>Repeat the password: </translation>
    </message>
    <message>
        <source>The passwords do not match; nothing was changed.</source>
        <translation>The passwords do not match; nothing was changed.</translation>
    </message>
    <message>
        <source>The kiosk role %1 is ready in %2. On the kiosk, put %1 in database/spec and store the password with --set-secret database-password.
</source>
        <translation>The kiosk role %1 is ready in %2. On the kiosk, put %1 in database/spec and store the password with --set-secret database-password.
</translation>
    </message>
    <message>
        <source>Create the PostgreSQL role a kiosk connects with, allowed only the kiosk&apos;s booking flow (asks for its password, or reads it from stdin). Run again after an upgrade.</source>
        <translation>Create the PostgreSQL role a kiosk connects with, allowed only the kiosk&apos;s booking flow (asks for its password, or reads it from stdin). Run again after an upgrade.</translation>
    </message>
</context>
<context>
    <name>CreateUserCommand</name>
    <message>
        <source>Role of the new user: manager or frontdesk.</source>
        <translation>Role of the new user: manager or frontdesk.</translation>
    </message>
    <message>
        <source>--role must be manager or frontdesk.</source>
        <translation>--role must be manager or frontdesk.</translation>
    </message>
    <message>
        <source>Password for %1: </source>
        <translation>Password for %1: </translation>
    </message>
    <message>
        <source>No password given on standard input.</source>
        <translation>No password given on standard input.</translation>
    </message>
    <message>
        <source>Repeat the password: </source>
        <translation>Repeat the password: </translation>
    </message>
    <message>
        <source>The passwords do not match.</source>
        <translation>The passwords do not match.</translation>
    </message>
    <message>
        <source>Created %1 (%2) in %3.
</source>
        <translation>Created %1 (%2) in %3.
</translation>
    </message>
    <message>
        <source>Create a staff user (asks for the password, or reads it from stdin).</source>
        <translation>Create a staff user (asks for the password, or reads it from stdin).</translation>
    </message>
</context>
<context>
    <name>CustomerService</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Phone number is required.</source>
        <translation>Phone number is required.</translation>
    </message>
    <message>
        <source>Enter a Korean phone number, e.g. 010-1234-5678.</source>
        <translation>Enter a Korean phone number, e.g. 010-1234-5678.</translation>
    </message>
    <message>
        <source>This e-mail address does not look right.</source>
        <translation>This e-mail address does not look right.</translation>
    </message>
    <message>
        <source>Messages can be sent in Korean or English.</source>
        <translation>Messages can be sent in Korean or English.</translation>
    </message>
    <message>
        <source>This customer no longer exists.</source>
        <translation>This customer no longer exists.</translation>
    </message>
    <message>
        <source>Another customer already has this phone number.</source>
        <translation>Another customer already has this phone number.</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
</context>
<context>
    <name>Database</name>
    <message>
        <source>No database is configured.</source>
        <translation>No database is configured.</translation>
    </message>
    <message>
        <source>SQLite: %1</source>
        <translation>SQLite: %1</translation>
    </message>
    <message>
        <source>PostgreSQL: %1:%2/%3</source>
        <translation>PostgreSQL: %1:%2/%3</translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation>Cannot create the folder %1.</translation>
    </message>
    <message>
        <source>The database file %1 is on a network share. SQLite cannot safely share a file over the network: keep the file on this computer, or use PostgreSQL when several computers share the data.</source>
        <translation>The database file %1 is on a network share. SQLite cannot safely share a file over the network: keep the file on this computer, or use PostgreSQL when several computers share the data.</translation>
    </message>
    <message>
        <source>Cannot open the database file %1: %2</source>
        <translation>Cannot open the database file %1: %2</translation>
    </message>
    <message>
        <source>The PostgreSQL address must look like postgresql://user:password@host:port/database.</source>
        <translation>The PostgreSQL address must look like postgresql://user:password@host:port/database.</translation>
    </message>
    <message>
        <source>Cannot connect to the PostgreSQL server at %1:%2: %3</source>
        <translation>Cannot connect to the PostgreSQL server at %1:%2: %3</translation>
    </message>
    <message>
        <source>The database is busy or locked by another program. Please try again in a moment.</source>
        <translation>The database is busy or locked by another program. Please try again in a moment.</translation>
    </message>
    <message>
        <source>The database file is damaged or is not a Campdesk database. Restore it from a backup.</source>
        <translation>The database file is damaged or is not a Campdesk database. Restore it from a backup.</translation>
    </message>
    <message>
        <source>The connection to the database was lost. Please try again.</source>
        <translation>The connection to the database was lost. Please try again.</translation>
    </message>
    <message>
        <source>This entry already exists.</source>
        <translation>This entry already exists.</translation>
    </message>
    <message>
        <source>This entry is still in use by other records.</source>
        <translation>This entry is still in use by other records.</translation>
    </message>
    <message>
        <source>A value is outside the allowed range.</source>
        <translation>A value is outside the allowed range.</translation>
    </message>
    <message>
        <source>Database error: %1</source>
        <translation>Database error: %1</translation>
    </message>
    <message>
        <source>This database was written by a newer Campdesk (schema %1; this program knows up to %2). Install the newer Campdesk on this computer.</source>
        <translation>This database was written by a newer Campdesk (schema %1; this program knows up to %2). Install the newer Campdesk on this computer.</translation>
    </message>
    <message>
        <source>Cannot create the database file %1: %2</source>
        <translation>Cannot create the database file %1: %2</translation>
    </message>
    <message>
        <source>The PostgreSQL connection escapes text in a way Campdesk does not expect (standard_conforming_strings). Ask the administrator.</source>
        <translation>The PostgreSQL connection escapes text in a way Campdesk does not expect (standard_conforming_strings). Ask the administrator.</translation>
    </message>
    <message>
        <source>A value contains a character that cannot be stored (NUL).</source>
        <translation>A value contains a character that cannot be stored (NUL).</translation>
    </message>
    <message>
        <source>The database is in use; try again in a moment.</source>
        <translation>The database is in use; try again in a moment.</translation>
    </message>
    <message>
        <source>The database file %1 is missing.</source>
        <translation>The database file %1 is missing.</translation>
    </message>
</context>
<context>
    <name>DaySheetPrinter</name>
    <message>
        <source>Nothing on this day.</source>
        <translation>Nothing on this day.</translation>
    </message>
    <message>
        <source>Print %1</source>
        <translation>Print %1</translation>
    </message>
</context>
<context>
    <name>DaySheetQuery</name>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Choose a date.</source>
        <translation>Choose a date.</translation>
    </message>
    <message>
        <source>Payment reconciler</source>
        <translation>Payment reconciler</translation>
    </message>
    <message>
        <source>System (%1)</source>
        <translation>System (%1)</translation>
    </message>
    <message>
        <source>Kiosk</source>
        <translation>Kiosk</translation>
    </message>
    <message>
        <source>Front desk (no user)</source>
        <translation>Front desk (no user)</translation>
    </message>
</context>
<context>
    <name>DemoData</name>
    <message>
        <source>Demo manager</source>
        <translation>Demo manager</translation>
    </message>
    <message>
        <source>Demo front desk</source>
        <translation>Demo front desk</translation>
    </message>
    <message>
        <source>Change of plans</source>
        <translation>Change of plans</translation>
    </message>
</context>
<context>
    <name>DepositSettings</name>
    <message>
        <source>A deposit must be between 1% and 100%.</source>
        <translation>A deposit must be between 1% and 100%.</translation>
    </message>
    <message>
        <source>A fixed deposit must be between 1 and %1 won.</source>
        <translation>A fixed deposit must be between 1 and %1 won.</translation>
    </message>
</context>
<context>
    <name>DeskPayment</name>
    <message>
        <source>Front desk (cash or the desk&apos;s card machine)</source>
        <translation>Front desk (cash or the desk&apos;s card machine)</translation>
    </message>
    <message>
        <source>At the front desk, choose cash or the desk&apos;s card machine.</source>
        <translation>At the front desk, choose cash or the desk&apos;s card machine.</translation>
    </message>
    <message>
        <source>Desk payments are recorded in Campdesk only.</source>
        <translation>Desk payments are recorded in Campdesk only.</translation>
    </message>
</context>
<context>
    <name>EarlyDeparture</name>
    <message>
        <source>The guest leaves on the last day: there are no unused nights to refund.</source>
        <translation>The guest leaves on the last day: there are no unused nights to refund.</translation>
    </message>
    <message>
        <source>Give a reason for changing the refund.</source>
        <translation>Give a reason for changing the refund.</translation>
    </message>
    <message>
        <source>The payments of booking %1 hold %2 won that can be given back now; a refund of %3 won is more than that. Give back at most %2 won, or ask a manager.</source>
        <translation>The payments of booking %1 hold %2 won that can be given back now; a refund of %3 won is more than that. Give back at most %2 won, or ask a manager.</translation>
    </message>
    <message>
        <source>Booking %1 was paid through %2, which this terminal cannot refund. Check the guest out at the front desk.</source>
        <translation>Booking %1 was paid through %2, which this terminal cannot refund. Check the guest out at the front desk.</translation>
    </message>
    <message>
        <source>Choose how the refund is given back: cash or the desk&apos;s card machine.</source>
        <translation>Choose how the refund is given back: cash or the desk&apos;s card machine.</translation>
    </message>
    <message>
        <source>A payment for booking %1 is in progress on another terminal; please look at the booking again in a moment.</source>
        <translation>A payment for booking %1 is in progress on another terminal; please look at the booking again in a moment.</translation>
    </message>
    <message>
        <source>Booking %1 was changed on another terminal; please look at it again.</source>
        <translation>Booking %1 was changed on another terminal; please look at it again.</translation>
    </message>
    <message>
        <source>Booking %1 has a refund in progress; check the guest out once that is done.</source>
        <translation>Booking %1 has a refund in progress; check the guest out once that is done.</translation>
    </message>
    <message>
        <source>The refund must be between 0 and %1 won (what the unused nights cost).</source>
        <translation>The refund must be between 0 and %1 won (what the unused nights cost).</translation>
    </message>
</context>
<context>
    <name>ExtrasService</name>
    <message>
        <source>per stay</source>
        <translation>per stay</translation>
    </message>
    <message>
        <source>per night</source>
        <translation>per night</translation>
    </message>
    <message>
        <source>per unit</source>
        <translation>per unit</translation>
    </message>
    <message>
        <source>Give the extra a name.</source>
        <translation>Give the extra a name.</translation>
    </message>
    <message>
        <source>A name is at most %1 characters.</source>
        <translation>A name is at most %1 characters.</translation>
    </message>
    <message>
        <source>Choose per stay, per night or per unit.</source>
        <translation>Choose per stay, per night or per unit.</translation>
    </message>
    <message>
        <source>Stock is between 0 and %1 (empty: unlimited).</source>
        <translation>Stock is between 0 and %1 (empty: unlimited).</translation>
    </message>
    <message>
        <source>This extra no longer exists.</source>
        <translation>This extra no longer exists.</translation>
    </message>
    <message>
        <source>This extra is not on the booking.</source>
        <translation>This extra is not on the booking.</translation>
    </message>
    <message>
        <source>The booking is no longer confirmed: its extras cannot be marked consumed.</source>
        <translation>The booking is no longer confirmed: its extras cannot be marked consumed.</translation>
    </message>
    <message>
        <source>Choose between 1 and %1 of an extra.</source>
        <translation>Choose between 1 and %1 of an extra.</translation>
    </message>
    <message>
        <source>Each extra is chosen once, with its quantity.</source>
        <translation>Each extra is chosen once, with its quantity.</translation>
    </message>
    <message>
        <source>This extra does not exist.</source>
        <translation>This extra does not exist.</translation>
    </message>
    <message>
        <source>%1 is not offered now.</source>
        <translation>%1 is not offered now.</translation>
    </message>
    <message>
        <source>Sorry, %1 just sold out.</source>
        <translation>Sorry, %1 just sold out.</translation>
    </message>
    <message numerus="yes">
        <source>Sorry, only %n of %1 left.</source>
        <translation>
            <numerusform>Sorry, only %n of %1 left.</numerusform>
            <numerusform>Sorry, only %n of %1 left.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GroupBookingService</name>
    <message>
        <source>Site %1 of the group: %2</source>
        <translation>Site %1 of the group: %2</translation>
    </message>
    <message>
        <source>Add at least one site to the group.</source>
        <translation>Add at least one site to the group.</translation>
    </message>
    <message numerus="yes">
        <source>A group can book at most %n site(s).</source>
        <translation>
            <numerusform>A group can book at most %n site.</numerusform>
            <numerusform>A group can book at most %n sites.</numerusform>
        </translation>
    </message>
    <message>
        <source>Sites %1 and %2 of the group are the same site on the same nights.</source>
        <translation>Sites %1 and %2 of the group are the same site on the same nights.</translation>
    </message>
    <message>
        <source>Site %1 is not free for %2 – %3, so nothing was held.</source>
        <translation>Site %1 is not free for %2 – %3, so nothing was held.</translation>
    </message>
    <message numerus="yes">
        <source>Group %1, %n site(s)</source>
        <translation>
            <numerusform>Group %1, %n site</numerusform>
            <numerusform>Group %1, %n sites</numerusform>
        </translation>
    </message>
    <message>
        <source>The card company did not answer, and the payment could not be cancelled. No site was booked; staff will check group %1 with the card company.</source>
        <translation>The card company did not answer, and the payment could not be cancelled. No site was booked; staff will check group %1 with the card company.</translation>
    </message>
    <message>
        <source>The amount paid does not match the group booking.</source>
        <translation>The amount paid does not match the group booking.</translation>
    </message>
    <message>
        <source>The payment went through but the group booking could not be saved, and the payment could not be cancelled automatically. Please ask the payment service to refund group %1.</source>
        <translation>The payment went through but the group booking could not be saved, and the payment could not be cancelled automatically. Please ask the payment service to refund group %1.</translation>
    </message>
    <message>
        <source>The group booking could not be saved (%1), so the payment was cancelled and nothing was charged.</source>
        <translation>The group booking could not be saved (%1), so the payment was cancelled and nothing was charged.</translation>
    </message>
    <message>
        <source>The payment did not go through.</source>
        <translation>The payment did not go through.</translation>
    </message>
    <message>
        <source>Nothing was charged and no site was booked.</source>
        <translation>Nothing was charged and no site was booked.</translation>
    </message>
    <message>
        <source>This group booking could not be found.</source>
        <translation>This group booking could not be found.</translation>
    </message>
    <message>
        <source>This booking is not part of a group.</source>
        <translation>This booking is not part of a group.</translation>
    </message>
    <message>
        <source>Booking %1 has no approved payment to refund.</source>
        <translation>Booking %1 has no approved payment to refund.</translation>
    </message>
    <message>
        <source>Group %1 has no booking left to cancel.</source>
        <translation>Group %1 has no booking left to cancel.</translation>
    </message>
    <message>
        <source>This terminal cannot reach the payment provider %1.</source>
        <translation>This terminal cannot reach the payment provider %1.</translation>
    </message>
    <message>
        <source>Move the group&apos;s dates or change its number of nights.</source>
        <translation>Move the group&apos;s dates or change its number of nights.</translation>
    </message>
    <message>
        <source>Group %1 has no booking left to change.</source>
        <translation>Group %1 has no booking left to change.</translation>
    </message>
    <message>
        <source>Site %1 (booking %2): %3</source>
        <translation>Site %1 (booking %2): %3</translation>
    </message>
    <message>
        <source>Group %1 was changed on another terminal (booking %2); please look at it again.</source>
        <translation>Group %1 was changed on another terminal (booking %2); please look at it again.</translation>
    </message>
    <message>
        <source>This site was paid by card through the payment service, so its price cannot change with the group; change it on its own.</source>
        <translation>This site was paid by card through the payment service, so its price cannot change with the group; change it on its own.</translation>
    </message>
</context>
<context>
    <name>GuestDetails</name>
    <message>
        <source>Tent</source>
        <translation>Tent</translation>
    </message>
    <message>
        <source>RV (motorhome)</source>
        <translation>RV (motorhome)</translation>
    </message>
    <message>
        <source>Caravan</source>
        <translation>Caravan</translation>
    </message>
    <message>
        <source>Trailer</source>
        <translation>Trailer</translation>
    </message>
    <message>
        <source>Car camping</source>
        <translation>Car camping</translation>
    </message>
    <message>
        <source>No equipment</source>
        <translation>No equipment</translation>
    </message>
    <message>
        <source>%1 m</source>
        <translation>%1 m</translation>
    </message>
    <message>
        <source>Guest name</source>
        <translation>Guest name</translation>
    </message>
    <message>
        <source>At most %1 vehicles per stay.</source>
        <translation>At most %1 vehicles per stay.</translation>
    </message>
    <message>
        <source>Enter a Korean plate such as 12가3456 or 123가4567; write a foreign or temporary plate in the notes.</source>
        <translation>Enter a Korean plate such as 12가3456 or 123가4567; write a foreign or temporary plate in the notes.</translation>
    </message>
    <message>
        <source>This plate is already listed.</source>
        <translation>This plate is already listed.</translation>
    </message>
    <message>
        <source>Choose the equipment from the list.</source>
        <translation>Choose the equipment from the list.</translation>
    </message>
    <message>
        <source>A length is only for an RV, a caravan or a trailer.</source>
        <translation>A length is only for an RV, a caravan or a trailer.</translation>
    </message>
    <message>
        <source>The length must be between %1 and %2 m.</source>
        <translation>The length must be between %1 and %2 m.</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
</context>
<context>
    <name>GuestDetailsService</name>
    <message>
        <source>This site takes equipment up to %1.</source>
        <translation>This site takes equipment up to %1.</translation>
    </message>
    <message>
        <source>This booking no longer exists.</source>
        <translation>This booking no longer exists.</translation>
    </message>
    <message>
        <source>Only staff may write notes on a booking.</source>
        <translation>Only staff may write notes on a booking.</translation>
    </message>
    <message>
        <source>Guest details can be given at the kiosk only while booking.</source>
        <translation>Guest details can be given at the kiosk only while booking.</translation>
    </message>
    <message>
        <source>This booking attempt has expired.</source>
        <translation>This booking attempt has expired.</translation>
    </message>
</context>
<context>
    <name>HttpPaymentGateway</name>
    <message numerus="yes">
        <source>The payment service is busy. Please try again in %n seconds, or pay at the front desk.</source>
        <translation>
            <numerusform>The payment service is busy. Please try again in %n second, or pay at the front desk.</numerusform>
            <numerusform>The payment service is busy. Please try again in %n seconds, or pay at the front desk.</numerusform>
        </translation>
    </message>
    <message>
        <source>The payment service did not answer in time.</source>
        <translation>The payment service did not answer in time.</translation>
    </message>
    <message>
        <source>Cannot reach the payment service (%1).</source>
        <translation>Cannot reach the payment service (%1).</translation>
    </message>
    <message>
        <source>The connection to the payment service broke off.</source>
        <translation>The connection to the payment service broke off.</translation>
    </message>
    <message>
        <source>The payment service refused Campdesk&apos;s secret key. Ask the manager to check the payment settings.</source>
        <translation>The payment service refused Campdesk&apos;s secret key. Ask the manager to check the payment settings.</translation>
    </message>
    <message>
        <source>The payment service had an internal error (HTTP %1).</source>
        <translation>The payment service had an internal error (HTTP %1).</translation>
    </message>
    <message>
        <source>The payment service sent an answer Campdesk cannot read (HTTP %1).</source>
        <translation>The payment service sent an answer Campdesk cannot read (HTTP %1).</translation>
    </message>
    <message>
        <source>The card was declined. Please use another card or pay at the front desk.</source>
        <translation>The card was declined. Please use another card or pay at the front desk.</translation>
    </message>
    <message>
        <source>The card&apos;s limit or balance is not enough for this payment. Please use another card or pay at the front desk.</source>
        <translation>The card&apos;s limit or balance is not enough for this payment. Please use another card or pay at the front desk.</translation>
    </message>
    <message>
        <source>The card details are not valid. Please use another card or pay at the front desk.</source>
        <translation>The card details are not valid. Please use another card or pay at the front desk.</translation>
    </message>
    <message>
        <source>The payment was declined (%1). Please use another card or pay at the front desk.</source>
        <translation>The payment was declined (%1). Please use another card or pay at the front desk.</translation>
    </message>
    <message>
        <source>no reason given</source>
        <translation>no reason given</translation>
    </message>
    <message>
        <source>Card payment (online payment service)</source>
        <translation>Card payment (online payment service)</translation>
    </message>
    <message>
        <source>The payment has no order number or no amount.</source>
        <translation>The payment has no order number or no amount.</translation>
    </message>
    <message>
        <source>Your booking is held while Campdesk checks whether the payment went through.</source>
        <translation>Your booking is held while Campdesk checks whether the payment went through.</translation>
    </message>
    <message>
        <source>Nothing was charged. Please try again or pay at the front desk.</source>
        <translation>Nothing was charged. Please try again or pay at the front desk.</translation>
    </message>
    <message>
        <source>The payment is still being processed. Your booking is held while Campdesk checks whether the payment went through.</source>
        <translation>The payment is still being processed. Your booking is held while Campdesk checks whether the payment went through.</translation>
    </message>
    <message>
        <source>The payment service reported %1 won instead of %2 won.</source>
        <translation>The payment service reported %1 won instead of %2 won.</translation>
    </message>
    <message>
        <source>The payment was cancelled; please try again or pay at the front desk.</source>
        <translation>The payment was cancelled; please try again or pay at the front desk.</translation>
    </message>
    <message>
        <source>The payment could not be cancelled automatically: staff will refund it.</source>
        <translation>The payment could not be cancelled automatically: staff will refund it.</translation>
    </message>
    <message>
        <source>A refund cannot be negative.</source>
        <translation>A refund cannot be negative.</translation>
    </message>
    <message>
        <source>The refund did not go through; Campdesk will try again.</source>
        <translation>The refund did not go through; Campdesk will try again.</translation>
    </message>
    <message>
        <source>The payment service does not know this payment.</source>
        <translation>The payment service does not know this payment.</translation>
    </message>
    <message>
        <source>The payment service refused the refund (%1).</source>
        <translation>The payment service refused the refund (%1).</translation>
    </message>
    <message>
        <source>The payment has no order number.</source>
        <translation>The payment has no order number.</translation>
    </message>
    <message>
        <source>The payment service has no payment for this order.</source>
        <translation>The payment service has no payment for this order.</translation>
    </message>
    <message>
        <source>The payment was cancelled at the payment service.</source>
        <translation>The payment was cancelled at the payment service.</translation>
    </message>
    <message>
        <source>The payment was never completed at the payment service.</source>
        <translation>The payment was never completed at the payment service.</translation>
    </message>
    <message>
        <source>The payment is still being processed.</source>
        <translation>The payment is still being processed.</translation>
    </message>
</context>
<context>
    <name>ImageFileChooser</name>
    <message>
        <source>Pictures (*.png *.jpg *.jpeg *.gif *.bmp *.webp);;All files (*)</source>
        <translation>Pictures (*.png *.jpg *.jpeg *.gif *.bmp *.webp);;All files (*)</translation>
    </message>
    <message>
        <source>%1 cannot be opened: %2</source>
        <translation>%1 cannot be opened: %2</translation>
    </message>
    <message>
        <source>The file is %1 MB; at most %2 MB can be used.</source>
        <translation>The file is %1 MB; at most %2 MB can be used.</translation>
    </message>
</context>
<context>
    <name>InvariantsChecker</name>
    <message>
        <source>Campsite %1 is booked twice: reservations %2 and %3 overlap.</source>
        <translation>Campsite %1 is booked twice: reservations %2 and %3 overlap.</translation>
    </message>
    <message>
        <source>Reservation %1 (%2) holds a night row it should not: %3.</source>
        <translation>Reservation %1 (%2) holds a night row it should not: %3.</translation>
    </message>
    <message>
        <source>Reservation %1 has %2 night rows for %3 nights.</source>
        <translation>Reservation %1 has %2 night rows for %3 nights.</translation>
    </message>
    <message>
        <source>Cancelled reservation %1 has no cancelled payment recording its refund of %2.</source>
        <translation>Cancelled reservation %1 has no cancelled payment recording its refund of %2.</translation>
    </message>
    <message>
        <source>Mileage row %1 (%2) points to reservation %3, which is not a paid booking of the same customer.</source>
        <translation>Mileage row %1 (%2) points to reservation %3, which is not a paid booking of the same customer.</translation>
    </message>
    <message>
        <source>its redeem row is %1 for %2 points used</source>
        <translation>its redeem row is %1 for %2 points used</translation>
    </message>
    <message>
        <source>its payment credit is %1</source>
        <translation>its payment credit is %1</translation>
    </message>
    <message>
        <source>its cancel row is %1 where %2 is due</source>
        <translation>its cancel row is %1 where %2 is due</translation>
    </message>
    <message>
        <source>Mileage of reservation %1 breaks the rules: %2.</source>
        <translation>Mileage of reservation %1 breaks the rules: %2.</translation>
    </message>
    <message>
        <source>its review credit is %1</source>
        <translation>its review credit is %1</translation>
    </message>
    <message>
        <source>its review_deleted row is %1 where %2 is due</source>
        <translation>its review_deleted row is %1 where %2 is due</translation>
    </message>
    <message>
        <source>Mileage of review %1 (reservation %2) breaks the rules: %3.</source>
        <translation>Mileage of review %1 (reservation %2) breaks the rules: %3.</translation>
    </message>
    <message>
        <source>Mileage row %1 (%2) has no review of reservation %3 behind it.</source>
        <translation>Mileage row %1 (%2) has no review of reservation %3 behind it.</translation>
    </message>
    <message>
        <source>The read model differs from a rebuild: %1</source>
        <translation>The read model differs from a rebuild: %1</translation>
    </message>
    <message>
        <source>Reservation %1 has %2 %3 events; a transition happens once.</source>
        <translation>Reservation %1 has %2 %3 events; a transition happens once.</translation>
    </message>
    <message>
        <source>Mileage row %1 of customer %2 redeems %3 points with a balance of %4 before it.</source>
        <translation>Mileage row %1 of customer %2 redeems %3 points with a balance of %4 before it.</translation>
    </message>
    <message>
        <source>Customer %1 has a negative points balance: %2.</source>
        <translation>Customer %1 has a negative points balance: %2.</translation>
    </message>
    <message>
        <source>Payment %1 records a refund of %2, more than its %3.</source>
        <translation>Payment %1 records a refund of %2, more than its %3.</translation>
    </message>
    <message>
        <source>Payment %1 was refunded %3 where %2 was asked, and nobody was told.</source>
        <translation>Payment %1 was refunded %3 where %2 was asked, and nobody was told.</translation>
    </message>
    <message>
        <source>Payment %1 was cancelled more than once.</source>
        <translation>Payment %1 was cancelled more than once.</translation>
    </message>
    <message>
        <source>Payment %1 records a refund of %2 (%3), but its cancellation gave back %4.</source>
        <translation>Payment %1 records a refund of %2 (%3), but its cancellation gave back %4.</translation>
    </message>
    <message>
        <source>Payment %1 (%2) needs attention: %3. %4</source>
        <translation>Payment %1 (%2) needs attention: %3. %4</translation>
    </message>
    <message>
        <source>No-show reservation %1 has no payment recording its refund of %2.</source>
        <translation>No-show reservation %1 has no payment recording its refund of %2.</translation>
    </message>
    <message>
        <source>Reservation %1 has %2 %3 events and %4 undone; a transition happens once.</source>
        <translation>Reservation %1 has %2 %3 events and %4 undone; a transition happens once.</translation>
    </message>
    <message>
        <source>Reservation %1 has an amount of %2 but its lines add up to %3.</source>
        <translation>Reservation %1 has an amount of %2 but its lines add up to %3.</translation>
    </message>
    <message>
        <source>Paid reservation %1 (amount %2) has %3 approved booking payment(s) and approved payments of %4 in all; it needs exactly one, and the payments must add up to the amount.</source>
        <translation>Paid reservation %1 (amount %2) has %3 approved booking payment(s) and approved payments of %4 in all; it needs exactly one, and the payments must add up to the amount.</translation>
    </message>
    <message>
        <source>Reservation %1 (%3) has a balance due of %2 that cannot be right.</source>
        <translation>Reservation %1 (%3) has a balance due of %2 that cannot be right.</translation>
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
    <name>KioskRole</name>
    <message>
        <source>A kiosk role exists on PostgreSQL only; a SQLite file has no roles (see the README).</source>
        <translation>A kiosk role exists on PostgreSQL only; a SQLite file has no roles (see the README).</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a role name: use lower-case letters, digits and _ (at most 63).</source>
        <translation>&quot;%1&quot; is not a role name: use lower-case letters, digits and _ (at most 63).</translation>
    </message>
    <message>
        <source>The password must have at least 12 characters.</source>
        <translation>The password must have at least 12 characters.</translation>
    </message>
    <message>
        <source>The role %1 already exists with more than a kiosk may have; choose another name.</source>
        <translation>The role %1 already exists with more than a kiosk may have; choose another name.</translation>
    </message>
</context>
<context>
    <name>MileageService</name>
    <message>
        <source>An adjustment must be a non-zero number of points up to 10,000,000.</source>
        <translation>An adjustment must be a non-zero number of points up to 10,000,000.</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>This customer no longer exists.</source>
        <translation>This customer no longer exists.</translation>
    </message>
    <message>
        <source>The balance is %1 points; it cannot go below zero.</source>
        <translation>The balance is %1 points; it cannot go below zero.</translation>
    </message>
</context>
<context>
    <name>NoShowService</name>
    <message>
        <source>This booking could not be found.</source>
        <translation>This booking could not be found.</translation>
    </message>
    <message>
        <source>Booking %1 is already marked as a no-show.</source>
        <translation>Booking %1 is already marked as a no-show.</translation>
    </message>
    <message>
        <source>The guest of booking %1 has checked in: it is not a no-show.</source>
        <translation>The guest of booking %1 has checked in: it is not a no-show.</translation>
    </message>
    <message>
        <source>Only a paid booking can be marked as a no-show (booking %1 is %2).</source>
        <translation>Only a paid booking can be marked as a no-show (booking %1 is %2).</translation>
    </message>
    <message>
        <source>Booking %1 can be marked as a no-show from %2.</source>
        <translation>Booking %1 can be marked as a no-show from %2.</translation>
    </message>
    <message>
        <source>Booking %1 is already being cancelled: its refund is in progress.</source>
        <translation>Booking %1 is already being cancelled: its refund is in progress.</translation>
    </message>
    <message>
        <source>Booking %1 was changed on another terminal; please look at it again.</source>
        <translation>Booking %1 was changed on another terminal; please look at it again.</translation>
    </message>
</context>
<context>
    <name>NoShowSettings</name>
    <message>
        <source>Enter the no-show cutoff as a time of day, e.g. 11:00.</source>
        <translation>Enter the no-show cutoff as a time of day, e.g. 11:00.</translation>
    </message>
    <message>
        <source>A no-show refund must be between 0% and 100%.</source>
        <translation>A no-show refund must be between 0% and 100%.</translation>
    </message>
</context>
<context>
    <name>NotificationService</name>
    <message>
        <source>This notification does not exist.</source>
        <translation>This notification does not exist.</translation>
    </message>
    <message>
        <source>Only a notification that could not be sent can be sent again.</source>
        <translation>Only a notification that could not be sent can be sent again.</translation>
    </message>
</context>
<context>
    <name>PaymentAttention</name>
    <message>
        <source>Approved for a wrong amount and not cancelled</source>
        <translation>Approved for a wrong amount and not cancelled</translation>
    </message>
    <message>
        <source>Booking cancelled or changed, refund not done</source>
        <translation>Booking cancelled or changed, refund not done</translation>
    </message>
    <message>
        <source>Refunded amount differs from the one asked</source>
        <translation>Refunded amount differs from the one asked</translation>
    </message>
    <message>
        <source>Paid without a booking</source>
        <translation>Paid without a booking</translation>
    </message>
    <message>
        <source>Approved for another amount than the booking</source>
        <translation>Approved for another amount than the booking</translation>
    </message>
    <message>
        <source>Say how the payment was settled.</source>
        <translation>Say how the payment was settled.</translation>
    </message>
    <message>
        <source>This payment no longer needs attention.</source>
        <translation>This payment no longer needs attention.</translation>
    </message>
    <message>
        <source>This payment is not retried automatically: settle it by hand and say how.</source>
        <translation>This payment is not retried automatically: settle it by hand and say how.</translation>
    </message>
    <message>
        <source>A new try of this payment is already due.</source>
        <translation>A new try of this payment is already due.</translation>
    </message>
</context>
<context>
    <name>PaymentSetup</name>
    <message>
        <source>A payment gateway is set (%1) but its secret key (%2) is not in this terminal&apos;s keyring or secrets file. Payments use the simulated terminal until it is stored.</source>
        <translation>A payment gateway is set (%1) but its secret key (%2) is not in this terminal&apos;s keyring or secrets file. Payments use the simulated terminal until it is stored.</translation>
    </message>
    <message>
        <source>The payment gateway</source>
        <translation>The payment gateway</translation>
    </message>
    <message>
        <source>%1: its secret key would be sent in clear text. Use an https:// address, or allow plain connections with security/allowPlainConnections=true in this terminal&apos;s settings.</source>
        <translation>%1: its secret key would be sent in clear text. Use an https:// address, or allow plain connections with security/allowPlainConnections=true in this terminal&apos;s settings.</translation>
    </message>
</context>
<context>
    <name>PhoneVerification</name>
    <message>
        <source>Please check the phone number.</source>
        <translation>Please check the phone number.</translation>
    </message>
    <message numerus="yes">
        <source>Too many codes were asked for. Please try again in %n minute(s), or use your points at the front desk.</source>
        <translation>
            <numerusform>Too many codes were asked for. Please try again in %n minute, or use your points at the front desk.</numerusform>
            <numerusform>Too many codes were asked for. Please try again in %n minutes, or use your points at the front desk.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>A code was just sent. You can ask for another in %n second(s).</source>
        <translation>
            <numerusform>A code was just sent. You can ask for another in %n second.</numerusform>
            <numerusform>A code was just sent. You can ask for another in %n seconds.</numerusform>
        </translation>
    </message>
    <message>
        <source>This code can no longer be used. Please ask for a new code.</source>
        <translation>This code can no longer be used. Please ask for a new code.</translation>
    </message>
    <message numerus="yes">
        <source>The code is not right. %n try(s) left.</source>
        <translation>
            <numerusform>The code is not right. %n try left.</numerusform>
            <numerusform>The code is not right. %n tries left.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>QtImageCodec</name>
    <message>
        <source>This file is not a picture Campdesk can read (PNG, JPEG, GIF, BMP or WebP).</source>
        <translation>This file is not a picture Campdesk can read (PNG, JPEG, GIF, BMP or WebP).</translation>
    </message>
    <message>
        <source>The picture has too many pixels (%1 x %2).</source>
        <translation>The picture has too many pixels (%1 x %2).</translation>
    </message>
    <message>
        <source>The photo could not be converted: %1</source>
        <translation>The photo could not be converted: %1</translation>
    </message>
</context>
<context>
    <name>RatePlanService</name>
    <message>
        <source>Enter the weekday price.</source>
        <translation>Enter the weekday price.</translation>
    </message>
    <message>
        <source>Give the season a name.</source>
        <translation>Give the season a name.</translation>
    </message>
    <message>
        <source>A season name is at most %1 characters.</source>
        <translation>A season name is at most %1 characters.</translation>
    </message>
    <message>
        <source>Choose peak, shoulder or off season.</source>
        <translation>Choose peak, shoulder or off season.</translation>
    </message>
    <message>
        <source>The first day is not a date.</source>
        <translation>The first day is not a date.</translation>
    </message>
    <message>
        <source>The last day is not a date.</source>
        <translation>The last day is not a date.</translation>
    </message>
    <message>
        <source>A minimum stay is between 1 and %1 nights.</source>
        <translation>A minimum stay is between 1 and %1 nights.</translation>
    </message>
    <message>
        <source>Prices are set per site kind or per site.</source>
        <translation>Prices are set per site kind or per site.</translation>
    </message>
    <message>
        <source>A site kind or site has one row of prices.</source>
        <translation>A site kind or site has one row of prices.</translation>
    </message>
    <message>
        <source>Fees are set per site kind or per site.</source>
        <translation>Fees are set per site kind or per site.</translation>
    </message>
    <message>
        <source>Vehicles included are between 0 and 10.</source>
        <translation>Vehicles included are between 0 and 10.</translation>
    </message>
    <message>
        <source>This season overlaps %1 (%2 to %3): a night belongs to one season.</source>
        <translation>This season overlaps %1 (%2 to %3): a night belongs to one season.</translation>
    </message>
    <message>
        <source>This season no longer exists.</source>
        <translation>This season no longer exists.</translation>
    </message>
    <message>
        <source>Choose the holiday&apos;s date.</source>
        <translation>Choose the holiday&apos;s date.</translation>
    </message>
    <message>
        <source>Give the holiday a name.</source>
        <translation>Give the holiday a name.</translation>
    </message>
    <message>
        <source>A holiday name is at most %1 characters.</source>
        <translation>A holiday name is at most %1 characters.</translation>
    </message>
    <message>
        <source>Choose the first closed day.</source>
        <translation>Choose the first closed day.</translation>
    </message>
    <message>
        <source>The last closed day cannot be before the first.</source>
        <translation>The last closed day cannot be before the first.</translation>
    </message>
    <message>
        <source>Close at most a year at a time.</source>
        <translation>Close at most a year at a time.</translation>
    </message>
    <message>
        <source>This campsite does not exist.</source>
        <translation>This campsite does not exist.</translation>
    </message>
    <message>
        <source>The base count is between 0 (everyone included) and the site&apos;s maximum of %1.</source>
        <translation>The base count is between 0 (everyone included) and the site&apos;s maximum of %1.</translation>
    </message>
    <message>
        <source>Choose a month.</source>
        <translation>Choose a month.</translation>
    </message>
</context>
<context>
    <name>RateTables</name>
    <message>
        <source>Choose the check-in and check-out dates.</source>
        <translation>Choose the check-in and check-out dates.</translation>
    </message>
    <message>
        <source>Children cannot be more than the guests less one adult.</source>
        <translation>Children cannot be more than the guests less one adult.</translation>
    </message>
    <message>
        <source>Vehicles must be between 0 and 10.</source>
        <translation>Vehicles must be between 0 and 10.</translation>
    </message>
    <message>
        <source>The campground is closed on %1.</source>
        <translation>The campground is closed on %1.</translation>
    </message>
    <message>
        <source>The campground is closed on %1 (%2).</source>
        <translation>The campground is closed on %1 (%2).</translation>
    </message>
    <message numerus="yes">
        <source>A stay with a Saturday night in %1 is at least %n night(s).</source>
        <translation>
            <numerusform>A stay with a Saturday night in %1 is at least %n night.</numerusform>
            <numerusform>A stay with a Saturday night in %1 is at least %n nights.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>A stay in %1 is at least %n night(s).</source>
        <translation>
            <numerusform>A stay in %1 is at least %n night.</numerusform>
            <numerusform>A stay in %1 is at least %n nights.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReadModel</name>
    <message>
        <source>campsite_status has no row for campsite %1.</source>
        <translation>campsite_status has no row for campsite %1.</translation>
    </message>
    <message>
        <source>campsite_status for campsite %1 is [%2] but should be [%3].</source>
        <translation>campsite_status for campsite %1 is [%2] but should be [%3].</translation>
    </message>
    <message>
        <source>campsite_status has a row for campsite %1, which does not exist.</source>
        <translation>campsite_status has a row for campsite %1, which does not exist.</translation>
    </message>
    <message>
        <source>daily_stats for %1 is [%2] but should be [%3].</source>
        <translation>daily_stats for %1 is [%2] but should be [%3].</translation>
    </message>
</context>
<context>
    <name>ReceiptPrinter</name>
    <message>
        <source>Booking code</source>
        <translation>Booking code</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Campsite</source>
        <translation>Campsite</translation>
    </message>
    <message>
        <source>Guest</source>
        <translation>Guest</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Phone</translation>
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
        <source>Points used</source>
        <translation>Points used</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>Paid</translation>
    </message>
    <message>
        <source>Refunded</source>
        <translation>Refunded</translation>
    </message>
    <message>
        <source>Issued %1</source>
        <translation>Issued %1</translation>
    </message>
    <message>
        <source>Receipt %1</source>
        <translation>Receipt %1</translation>
    </message>
    <message>
        <source>Print receipt %1</source>
        <translation>Print receipt %1</translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation>Receipt</translation>
    </message>
    <message>
        <source>Business registration no. %1</source>
        <translation>Business registration no. %1</translation>
    </message>
    <message>
        <source>Tel. %1</source>
        <translation>Tel. %1</translation>
    </message>
    <message numerus="yes">
        <source>%n night(s)</source>
        <translation>
            <numerusform>%n night</numerusform>
            <numerusform>%n nights</numerusform>
        </translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>Payment method</source>
        <translation>Payment method</translation>
    </message>
    <message>
        <source>Paid at</source>
        <translation>Paid at</translation>
    </message>
    <message>
        <source>Deposit paid</source>
        <translation>Deposit paid</translation>
    </message>
    <message>
        <source>Balance paid</source>
        <translation>Balance paid</translation>
    </message>
    <message>
        <source>Balance due</source>
        <translation>Balance due</translation>
    </message>
</context>
<context>
    <name>ReceiptQuery</name>
    <message>
        <source>This booking no longer exists.</source>
        <translation>This booking no longer exists.</translation>
    </message>
</context>
<context>
    <name>ReservationChangeService</name>
    <message>
        <source>Booking %1 was changed on another terminal; please look at it again.</source>
        <translation>Booking %1 was changed on another terminal; please look at it again.</translation>
    </message>
    <message>
        <source>Choose the check-in and check-out dates.</source>
        <translation>Choose the check-in and check-out dates.</translation>
    </message>
    <message>
        <source>Check-out must be at least one night after check-in.</source>
        <translation>Check-out must be at least one night after check-in.</translation>
    </message>
    <message numerus="yes">
        <source>A booking can be at most %n night(s).</source>
        <translation>
            <numerusform>A booking can be at most %n night.</numerusform>
            <numerusform>A booking can be at most %n nights.</numerusform>
        </translation>
    </message>
    <message>
        <source>A booking needs at least one guest.</source>
        <translation>A booking needs at least one guest.</translation>
    </message>
    <message>
        <source>Choose a campsite.</source>
        <translation>Choose a campsite.</translation>
    </message>
    <message>
        <source>This booking could not be found.</source>
        <translation>This booking could not be found.</translation>
    </message>
    <message>
        <source>Booking %1 is %2 and cannot be changed.</source>
        <translation>Booking %1 is %2 and cannot be changed.</translation>
    </message>
    <message>
        <source>A guest who has checked in cannot be moved to another site here; change the end of the stay only.</source>
        <translation>A guest who has checked in cannot be moved to another site here; change the end of the stay only.</translation>
    </message>
    <message>
        <source>The guest has checked in: the check-in date cannot change.</source>
        <translation>The guest has checked in: the check-in date cannot change.</translation>
    </message>
    <message>
        <source>Check-out must be after today; a guest leaving today checks out.</source>
        <translation>Check-out must be after today; a guest leaving today checks out.</translation>
    </message>
    <message>
        <source>Check-in cannot be in the past.</source>
        <translation>Check-in cannot be in the past.</translation>
    </message>
    <message>
        <source>This campsite does not exist.</source>
        <translation>This campsite does not exist.</translation>
    </message>
    <message>
        <source>Nothing was changed.</source>
        <translation>Nothing was changed.</translation>
    </message>
    <message>
        <source>Campsite %1 cannot be booked now (%2).</source>
        <translation>Campsite %1 cannot be booked now (%2).</translation>
    </message>
    <message numerus="yes">
        <source>Campsite %1 takes at most %n guest(s).</source>
        <translation>
            <numerusform>Campsite %1 takes at most %n guest.</numerusform>
            <numerusform>Campsite %1 takes at most %n guests.</numerusform>
        </translation>
    </message>
    <message>
        <source>The guest&apos;s equipment (%1) is longer than campsite %2 takes (%3).</source>
        <translation>The guest&apos;s equipment (%1) is longer than campsite %2 takes (%3).</translation>
    </message>
    <message>
        <source>The new stay costs %1 won, less than the %2 points used for it. Cancel the booking instead.</source>
        <translation>The new stay costs %1 won, less than the %2 points used for it. Cancel the booking instead.</translation>
    </message>
    <message>
        <source>The refund must be between 0 and %1 won.</source>
        <translation>The refund must be between 0 and %1 won.</translation>
    </message>
    <message>
        <source>Give a reason for changing the refund.</source>
        <translation>Give a reason for changing the refund.</translation>
    </message>
    <message>
        <source>Booking %1 has no approved payment.</source>
        <translation>Booking %1 has no approved payment.</translation>
    </message>
    <message>
        <source>Choose how the difference is settled: cash or the desk&apos;s card machine.</source>
        <translation>Choose how the difference is settled: cash or the desk&apos;s card machine.</translation>
    </message>
    <message>
        <source>Booking %1 is already being cancelled: its refund is in progress.</source>
        <translation>Booking %1 is already being cancelled: its refund is in progress.</translation>
    </message>
    <message>
        <source>Sorry, this site was just taken for these dates.</source>
        <translation>Sorry, this site was just taken for these dates.</translation>
    </message>
    <message>
        <source>This site is closed on some of these dates (%1).</source>
        <translation>This site is closed on some of these dates (%1).</translation>
    </message>
    <message>
        <source>Free for the same dates: %1.</source>
        <translation>Free for the same dates: %1.</translation>
    </message>
    <message>
        <source>No other site is free for these dates.</source>
        <translation>No other site is free for these dates.</translation>
    </message>
    <message>
        <source>%1 is %2: it cannot be moved.</source>
        <translation>%1 is %2: it cannot be moved.</translation>
    </message>
    <message>
        <source>%1: no free %2 site for %3 – %4.</source>
        <translation>%1: no free %2 site for %3 – %4.</translation>
    </message>
    <message>
        <source>Booking %1 was paid through %2, which this terminal cannot refund. Change it at the front desk.</source>
        <translation>Booking %1 was paid through %2, which this terminal cannot refund. Change it at the front desk.</translation>
    </message>
    <message>
        <source>%1 won was given back to the guest&apos;s card.</source>
        <translation>%1 won was given back to the guest&apos;s card.</translation>
    </message>
    <message>
        <source>%1 won was given back to the guest&apos;s card; it is recorded shortly.</source>
        <translation>%1 won was given back to the guest&apos;s card; it is recorded shortly.</translation>
    </message>
    <message>
        <source>The payment service did not give back %1 won (%2). The booking is changed; the refund is listed under payments that need attention and is tried again automatically.</source>
        <translation>The payment service did not give back %1 won (%2). The booking is changed; the refund is listed under payments that need attention and is tried again automatically.</translation>
    </message>
    <message>
        <source>no answer</source>
        <translation>no answer</translation>
    </message>
    <message>
        <source>The payment service has not confirmed the refund of %1 won yet. The booking is changed; the refund is checked with the payment service and recorded automatically.</source>
        <translation>The payment service has not confirmed the refund of %1 won yet. The booking is changed; the refund is checked with the payment service and recorded automatically.</translation>
    </message>
    <message>
        <source>This refund is already recorded.</source>
        <translation>This refund is already recorded.</translation>
    </message>
    <message>
        <source>Booking %1 was paid through %2, which this terminal cannot charge. Change it at the front desk.</source>
        <translation>Booking %1 was paid through %2, which this terminal cannot charge. Change it at the front desk.</translation>
    </message>
    <message>
        <source>Booking %1 was paid in two card payments (the booking and an earlier change). A refund of %2 won is more than the first one can give back (%3 won); give back at most that (staff override), or ask a manager.</source>
        <translation>Booking %1 was paid in two card payments (the booking and an earlier change). A refund of %2 won is more than the first one can give back (%3 won); give back at most that (staff override), or ask a manager.</translation>
    </message>
    <message>
        <source>Booking %1 has a refund in progress; change it once that is done.</source>
        <translation>Booking %1 has a refund in progress; change it once that is done.</translation>
    </message>
    <message>
        <source>A payment for booking %1 is already in progress on another terminal; please look at the booking again in a moment.</source>
        <translation>A payment for booking %1 is already in progress on another terminal; please look at the booking again in a moment.</translation>
    </message>
    <message>
        <source>Change of booking %1</source>
        <translation>Change of booking %1</translation>
    </message>
    <message>
        <source>The payment for the change could not be recorded.</source>
        <translation>The payment for the change could not be recorded.</translation>
    </message>
    <message>
        <source>This terminal cannot reach the payment service %1.</source>
        <translation>This terminal cannot reach the payment service %1.</translation>
    </message>
    <message>
        <source>The payment service did not answer, so it is not known whether %1 won was taken from the guest&apos;s card. The booking is unchanged; if the charge went through, it is given back automatically. Do not charge it again: try the change in a few minutes.</source>
        <translation>The payment service did not answer, so it is not known whether %1 won was taken from the guest&apos;s card. The booking is unchanged; if the charge went through, it is given back automatically. Do not charge it again: try the change in a few minutes.</translation>
    </message>
    <message>
        <source>Payments are busy right now. Please try again shortly.</source>
        <translation>Payments are busy right now. Please try again shortly.</translation>
    </message>
    <message>
        <source>The booking is unchanged.</source>
        <translation>The booking is unchanged.</translation>
    </message>
    <message>
        <source>The payment did not go through.</source>
        <translation>The payment did not go through.</translation>
    </message>
    <message>
        <source>The card was not charged %1 won: %2 The booking is unchanged.</source>
        <translation>The card was not charged %1 won: %2 The booking is unchanged.</translation>
    </message>
    <message>
        <source>The amount charged does not match the difference (%1 won).</source>
        <translation>The amount charged does not match the difference (%1 won).</translation>
    </message>
    <message>
        <source>The %1 won charged to the card was given back.</source>
        <translation>The %1 won charged to the card was given back.</translation>
    </message>
    <message>
        <source>The %1 won charged to the card could not be given back automatically; it is listed under payments that need attention.</source>
        <translation>The %1 won charged to the card could not be given back automatically; it is listed under payments that need attention.</translation>
    </message>
    <message>
        <source>The payment for this change is no longer waiting for its result.</source>
        <translation>The payment for this change is no longer waiting for its result.</translation>
    </message>
    <message>
        <source>%1 won was charged to the guest&apos;s card.</source>
        <translation>%1 won was charged to the guest&apos;s card.</translation>
    </message>
    <message>
        <source>%1: campsite %2 costs %3 won more, which a move of all does not charge to the guest&apos;s card.</source>
        <translation>%1: campsite %2 costs %3 won more, which a move of all does not charge to the guest&apos;s card.</translation>
    </message>
    <message>
        <source>The payment service did not give back %1 won (%2). The guest is checked out; the refund is listed under payments that need attention and is tried again automatically.</source>
        <translation>The payment service did not give back %1 won (%2). The guest is checked out; the refund is listed under payments that need attention and is tried again automatically.</translation>
    </message>
    <message>
        <source>The payment service has not confirmed the refund of %1 won yet. The guest is checked out; the refund is checked with the payment service and recorded automatically.</source>
        <translation>The payment service has not confirmed the refund of %1 won yet. The guest is checked out; the refund is checked with the payment service and recorded automatically.</translation>
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
    <message>
        <source>This review could not be found.</source>
        <translation>This review could not be found.</translation>
    </message>
    <message>
        <source>You can review your stay once you have checked in.</source>
        <translation>You can review your stay once you have checked in.</translation>
    </message>
</context>
<context>
    <name>RuleSettings</name>
    <message>
        <source>The mileage rate must be between 0% and 50%.</source>
        <translation>The mileage rate must be between 0% and 50%.</translation>
    </message>
    <message>
        <source>Review points must be between 0 and 1,000,000.</source>
        <translation>Review points must be between 0 and 1,000,000.</translation>
    </message>
    <message>
        <source>A hold must last between 1 and 120 minutes.</source>
        <translation>A hold must last between 1 and 120 minutes.</translation>
    </message>
    <message>
        <source>The cancellation table needs at least one row.</source>
        <translation>The cancellation table needs at least one row.</translation>
    </message>
    <message>
        <source>Days before check-in must be between 0 and 365.</source>
        <translation>Days before check-in must be between 0 and 365.</translation>
    </message>
    <message>
        <source>A refund must be between 0% and 100%.</source>
        <translation>A refund must be between 0% and 100%.</translation>
    </message>
    <message>
        <source>Each number of days may appear only once in the cancellation table.</source>
        <translation>Each number of days may appear only once in the cancellation table.</translation>
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
    <name>SetSecretCommand</name>
    <message>
        <source>Unknown secret &quot;%1&quot;. Choose one of: %2.</source>
        <translation>Unknown secret &quot;%1&quot;. Choose one of: %2.</translation>
    </message>
    <message>
        <source>Value of %1: </source>
        <translation>Value of %1: </translation>
    </message>
    <message>
        <source>No value given on standard input.</source>
        <translation>No value given on standard input.</translation>
    </message>
    <message>
        <source>The value is empty; nothing was stored.</source>
        <translation>The value is empty; nothing was stored.</translation>
    </message>
    <message>
        <source>Repeat the value: </source>
        <translation>Repeat the value: </translation>
    </message>
    <message>
        <source>The values do not match; nothing was stored.</source>
        <translation>The values do not match; nothing was stored.</translation>
    </message>
    <message>
        <source>%1 is stored in the desktop keyring.
</source>
        <translation>%1 is stored in the desktop keyring.
</translation>
    </message>
    <message>
        <source>%1 is stored in %2 (readable by you only).
</source>
        <translation>%1 is stored in %2 (readable by you only).
</translation>
    </message>
    <message>
        <source>Store a secret of this terminal (gateway-key, smtp-password, database-password or webhook-auth); asks for the value, or reads it from stdin.</source>
        <translation>Store a secret of this terminal (gateway-key, smtp-password, database-password or webhook-auth); asks for the value, or reads it from stdin.</translation>
    </message>
</context>
<context>
    <name>SimulatedTerminal</name>
    <message>
        <source>Card terminal (SIMULATED — training, no money is taken)</source>
        <translation>Card terminal (SIMULATED — training, no money is taken)</translation>
    </message>
    <message>
        <source>The card terminal is busy. Please try again in %1 seconds, or pay at the front desk.</source>
        <translation>The card terminal is busy. Please try again in %1 seconds, or pay at the front desk.</translation>
    </message>
    <message>
        <source>The card terminal did not answer in time.</source>
        <translation>The card terminal did not answer in time.</translation>
    </message>
    <message>
        <source>The card was declined (simulated).</source>
        <translation>The card was declined (simulated).</translation>
    </message>
    <message>
        <source>The card terminal failed (simulated).</source>
        <translation>The card terminal failed (simulated).</translation>
    </message>
    <message>
        <source>The card terminal could not refund the payment (simulated).</source>
        <translation>The card terminal could not refund the payment (simulated).</translation>
    </message>
    <message>
        <source>The card terminal has no payment with this order number.</source>
        <translation>The card terminal has no payment with this order number.</translation>
    </message>
    <message>
        <source>The refund is larger than the payment.</source>
        <translation>The refund is larger than the payment.</translation>
    </message>
</context>
<context>
    <name>SiteBlockService</name>
    <message>
        <source>Maintenance</source>
        <translation>Maintenance</translation>
    </message>
    <message>
        <source>Closure</source>
        <translation>Closure</translation>
    </message>
    <message>
        <source>Private event</source>
        <translation>Private event</translation>
    </message>
    <message>
        <source>Choose the first night of the block.</source>
        <translation>Choose the first night of the block.</translation>
    </message>
    <message>
        <source>The block must end at least one night after it starts.</source>
        <translation>The block must end at least one night after it starts.</translation>
    </message>
    <message>
        <source>A block cannot start in the past.</source>
        <translation>A block cannot start in the past.</translation>
    </message>
    <message>
        <source>A block can last at most %1 nights.</source>
        <translation>A block can last at most %1 nights.</translation>
    </message>
    <message>
        <source>Choose what the block is for.</source>
        <translation>Choose what the block is for.</translation>
    </message>
    <message>
        <source>Give a reason for the block.</source>
        <translation>Give a reason for the block.</translation>
    </message>
    <message>
        <source>The reason can be at most 200 characters.</source>
        <translation>The reason can be at most 200 characters.</translation>
    </message>
    <message>
        <source>This campsite does not exist.</source>
        <translation>This campsite does not exist.</translation>
    </message>
    <message>
        <source>Campsite %1 is no longer offered.</source>
        <translation>Campsite %1 is no longer offered.</translation>
    </message>
    <message>
        <source>Campsite %1 is booked on these dates (%2). Move or cancel the booking first, or choose other dates.</source>
        <translation>Campsite %1 is booked on these dates (%2). Move or cancel the booking first, or choose other dates.</translation>
    </message>
    <message>
        <source>Campsite %1 is already blocked on some of these dates.</source>
        <translation>Campsite %1 is already blocked on some of these dates.</translation>
    </message>
    <message>
        <source>Campsite %1 was just booked on one of these dates; look at the rack again.</source>
        <translation>Campsite %1 was just booked on one of these dates; look at the rack again.</translation>
    </message>
    <message>
        <source>This block was already removed.</source>
        <translation>This block was already removed.</translation>
    </message>
</context>
<context>
    <name>SiteMapService</name>
    <message>
        <source>Pictures cannot be read on this terminal.</source>
        <translation>Pictures cannot be read on this terminal.</translation>
    </message>
    <message>
        <source>A marker must lie on the picture.</source>
        <translation>A marker must lie on the picture.</translation>
    </message>
    <message>
        <source>The file is empty.</source>
        <translation>The file is empty.</translation>
    </message>
    <message>
        <source>The picture is %1 MB; a map can be at most %2 MB.</source>
        <translation>The picture is %1 MB; a map can be at most %2 MB.</translation>
    </message>
    <message>
        <source>A site can have only one marker.</source>
        <translation>A site can have only one marker.</translation>
    </message>
    <message>
        <source>This campsite no longer exists.</source>
        <translation>This campsite no longer exists.</translation>
    </message>
    <message>
        <source>Site %1 is retired and is not shown on the map.</source>
        <translation>Site %1 is retired and is not shown on the map.</translation>
    </message>
</context>
<context>
    <name>SitePhotoService</name>
    <message>
        <source>Caption</source>
        <translation>Caption</translation>
    </message>
    <message>
        <source>This photo no longer exists.</source>
        <translation>This photo no longer exists.</translation>
    </message>
    <message>
        <source>The file is empty.</source>
        <translation>The file is empty.</translation>
    </message>
    <message>
        <source>The file is larger than %1 MB.</source>
        <translation>The file is larger than %1 MB.</translation>
    </message>
    <message>
        <source>Pictures cannot be read on this terminal.</source>
        <translation>Pictures cannot be read on this terminal.</translation>
    </message>
    <message>
        <source>Even scaled down the photo is %1 MB; a photo can be at most %2 MB.</source>
        <translation>Even scaled down the photo is %1 MB; a photo can be at most %2 MB.</translation>
    </message>
    <message>
        <source>This campsite no longer exists.</source>
        <translation>This campsite no longer exists.</translation>
    </message>
    <message>
        <source>A site can have at most %1 photos. Remove one first.</source>
        <translation>A site can have at most %1 photos. Remove one first.</translation>
    </message>
    <message>
        <source>There is no place %1 to move the photo to.</source>
        <translation>There is no place %1 to move the photo to.</translation>
    </message>
</context>
<context>
    <name>StatusText</name>
    <message>
        <source>Held</source>
        <translation>Held</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>Paid</translation>
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
        <source>Expired</source>
        <translation>Expired</translation>
    </message>
    <message>
        <source>Awaiting payment</source>
        <translation>Awaiting payment</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>Approved</translation>
    </message>
    <message>
        <source>Payment cancelled</source>
        <translation>Payment cancelled</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Failed</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Sent</translation>
    </message>
    <message>
        <source>Failed for good</source>
        <translation>Failed for good</translation>
    </message>
    <message>
        <source>Visible</source>
        <translation>Visible</translation>
    </message>
    <message>
        <source>Hidden</source>
        <translation>Hidden</translation>
    </message>
    <message>
        <source>Kiosk</source>
        <translation>Kiosk</translation>
    </message>
    <message>
        <source>Front desk</source>
        <translation>Front desk</translation>
    </message>
    <message>
        <source>Cash</source>
        <translation>Cash</translation>
    </message>
    <message>
        <source>Card machine</source>
        <translation>Card machine</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>Card</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>Points</translation>
    </message>
    <message>
        <source>Simulated terminal</source>
        <translation>Simulated terminal</translation>
    </message>
    <message>
        <source>Payment gateway</source>
        <translation>Payment gateway</translation>
    </message>
    <message>
        <source>Earned by a booking</source>
        <translation>Earned by a booking</translation>
    </message>
    <message>
        <source>Booking cancelled</source>
        <translation>Booking cancelled</translation>
    </message>
    <message>
        <source>Earned by a review</source>
        <translation>Earned by a review</translation>
    </message>
    <message>
        <source>Review deleted</source>
        <translation>Review deleted</translation>
    </message>
    <message>
        <source>Redeemed</source>
        <translation>Redeemed</translation>
    </message>
    <message>
        <source>Adjusted by staff</source>
        <translation>Adjusted by staff</translation>
    </message>
    <message>
        <source>Korean</source>
        <translation>Korean</translation>
    </message>
    <message>
        <source>English</source>
        <translation>English</translation>
    </message>
    <message>
        <source>Review #%1</source>
        <translation>Review #%1</translation>
    </message>
    <message>
        <source>Booking #%1</source>
        <translation>Booking #%1</translation>
    </message>
    <message>
        <source>Booking rules</source>
        <translation>Booking rules</translation>
    </message>
    <message>
        <source>Campground</source>
        <translation>Campground</translation>
    </message>
    <message>
        <source>Logged in</source>
        <translation>Logged in</translation>
    </message>
    <message>
        <source>Login failed</source>
        <translation>Login failed</translation>
    </message>
    <message>
        <source>Login refused (locked)</source>
        <translation>Login refused (locked)</translation>
    </message>
    <message>
        <source>Account locked</source>
        <translation>Account locked</translation>
    </message>
    <message>
        <source>User created</source>
        <translation>User created</translation>
    </message>
    <message>
        <source>Role changed</source>
        <translation>Role changed</translation>
    </message>
    <message>
        <source>User activated</source>
        <translation>User activated</translation>
    </message>
    <message>
        <source>User deactivated</source>
        <translation>User deactivated</translation>
    </message>
    <message>
        <source>Password reset</source>
        <translation>Password reset</translation>
    </message>
    <message>
        <source>Password changed</source>
        <translation>Password changed</translation>
    </message>
    <message>
        <source>Campsite registered</source>
        <translation>Campsite registered</translation>
    </message>
    <message>
        <source>Campsite changed</source>
        <translation>Campsite changed</translation>
    </message>
    <message>
        <source>Campsite retired</source>
        <translation>Campsite retired</translation>
    </message>
    <message>
        <source>Campsite deleted</source>
        <translation>Campsite deleted</translation>
    </message>
    <message>
        <source>Customer registered</source>
        <translation>Customer registered</translation>
    </message>
    <message>
        <source>Customer changed</source>
        <translation>Customer changed</translation>
    </message>
    <message>
        <source>Booking paid</source>
        <translation>Booking paid</translation>
    </message>
    <message>
        <source>Review written</source>
        <translation>Review written</translation>
    </message>
    <message>
        <source>Review hidden</source>
        <translation>Review hidden</translation>
    </message>
    <message>
        <source>Review shown</source>
        <translation>Review shown</translation>
    </message>
    <message>
        <source>Points adjusted</source>
        <translation>Points adjusted</translation>
    </message>
    <message>
        <source>Notification retried</source>
        <translation>Notification retried</translation>
    </message>
    <message>
        <source>Booking rules changed</source>
        <translation>Booking rules changed</translation>
    </message>
    <message>
        <source>Campground details changed</source>
        <translation>Campground details changed</translation>
    </message>
    <message>
        <source>Kiosk PIN set</source>
        <translation>Kiosk PIN set</translation>
    </message>
    <message>
        <source>Kiosk exited</source>
        <translation>Kiosk exited</translation>
    </message>
    <message>
        <source>Wrong kiosk PIN</source>
        <translation>Wrong kiosk PIN</translation>
    </message>
    <message>
        <source>Kiosk PIN locked</source>
        <translation>Kiosk PIN locked</translation>
    </message>
    <message>
        <source>Kiosk PIN refused (locked)</source>
        <translation>Kiosk PIN refused (locked)</translation>
    </message>
    <message>
        <source>Payment amount differs</source>
        <translation>Payment amount differs</translation>
    </message>
    <message>
        <source>Payment needs attention</source>
        <translation>Payment needs attention</translation>
    </message>
    <message>
        <source>Payment retry failed</source>
        <translation>Payment retry failed</translation>
    </message>
    <message>
        <source>Payment attention cleared</source>
        <translation>Payment attention cleared</translation>
    </message>
    <message>
        <source>Unknown user</source>
        <translation>Unknown user</translation>
    </message>
    <message>
        <source>Account deactivated</source>
        <translation>Account deactivated</translation>
    </message>
    <message>
        <source>Wrong password (%1 of %2)</source>
        <translation>Wrong password (%1 of %2)</translation>
    </message>
    <message>
        <source>Locked until %1</source>
        <translation>Locked until %1</translation>
    </message>
    <message>
        <source>Lockout %1, for %2 s</source>
        <translation>Lockout %1, for %2 s</translation>
    </message>
    <message>
        <source>Manager PIN accepted</source>
        <translation>Manager PIN accepted</translation>
    </message>
    <message>
        <source>Failure %1 of %2</source>
        <translation>Failure %1 of %2</translation>
    </message>
    <message>
        <source>Last error: %1</source>
        <translation>Last error: %1</translation>
    </message>
    <message>
        <source>%1 points: %2</source>
        <translation>%1 points: %2</translation>
    </message>
    <message>
        <source>Refund %1 (%2 days before, %3%)</source>
        <translation>Refund %1 (%2 days before, %3%)</translation>
    </message>
    <message>
        <source>less %1 for points already spent</source>
        <translation>less %1 for points already spent</translation>
    </message>
    <message>
        <source>%1 points already spent, balance set to 0</source>
        <translation>%1 points already spent, balance set to 0</translation>
    </message>
    <message>
        <source>Cancelled by the customer</source>
        <translation>Cancelled by the customer</translation>
    </message>
    <message>
        <source>The hold expired</source>
        <translation>The hold expired</translation>
    </message>
    <message>
        <source>Payment abandoned</source>
        <translation>Payment abandoned</translation>
    </message>
    <message>
        <source>Payment undone</source>
        <translation>Payment undone</translation>
    </message>
    <message>
        <source>Payment failed: %1</source>
        <translation>Payment failed: %1</translation>
    </message>
    <message>
        <source>User %1</source>
        <translation>User %1</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>Payment retry asked</source>
        <translation>Payment retry asked</translation>
    </message>
    <message>
        <source>Kiosk sent a one-time code</source>
        <translation>Kiosk sent a one-time code</translation>
    </message>
    <message>
        <source>Wrong one-time code at the kiosk</source>
        <translation>Wrong one-time code at the kiosk</translation>
    </message>
    <message>
        <source>Phone verified at the kiosk</source>
        <translation>Phone verified at the kiosk</translation>
    </message>
    <message>
        <source>Refund claim released</source>
        <translation>Refund claim released</translation>
    </message>
    <message>
        <source>%1 won</source>
        <translation>%1 won</translation>
    </message>
    <message>
        <source>changed by staff: %1</source>
        <translation>changed by staff: %1</translation>
    </message>
    <message>
        <source>Payment %1 cancelled at the payment service</source>
        <translation>Payment %1 cancelled at the payment service</translation>
    </message>
    <message>
        <source>Payment %1 cancelled</source>
        <translation>Payment %1 cancelled</translation>
    </message>
    <message>
        <source>A refund of %1 was asked but not made: the payment service still holds the payment</source>
        <translation>A refund of %1 was asked but not made: the payment service still holds the payment</translation>
    </message>
    <message>
        <source>Next try now</source>
        <translation>Next try now</translation>
    </message>
    <message>
        <source>Try %1: %2</source>
        <translation>Try %1: %2</translation>
    </message>
    <message>
        <source>Still neither booked nor cancelled</source>
        <translation>Still neither booked nor cancelled</translation>
    </message>
    <message>
        <source>The payment service approved %1; the booking is %2</source>
        <translation>The payment service approved %1; the booking is %2</translation>
    </message>
    <message>
        <source>Asked %1 back; the payment service refunded %2</source>
        <translation>Asked %1 back; the payment service refunded %2</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Refunded %1 on a retry</source>
        <translation>Refunded %1 on a retry</translation>
    </message>
    <message>
        <source>Settled: the payment is now %1</source>
        <translation>Settled: the payment is now %1</translation>
    </message>
    <message>
        <source>Settled by hand: %1</source>
        <translation>Settled by hand: %1</translation>
    </message>
    <message numerus="yes">
        <source>Refund %1 (%n day(s) before check-in, %2%)</source>
        <translation>
            <numerusform>Refund %1 (%n day before check-in, %2%)</numerusform>
            <numerusform>Refund %1 (%n days before check-in, %2%)</numerusform>
        </translation>
    </message>
    <message>
        <source>No-show</source>
        <translation>No-show</translation>
    </message>
    <message>
        <source>Marked no-show</source>
        <translation>Marked no-show</translation>
    </message>
    <message>
        <source>Check-in undone</source>
        <translation>Check-in undone</translation>
    </message>
    <message>
        <source>Check-out undone</source>
        <translation>Check-out undone</translation>
    </message>
    <message>
        <source>Site blocked</source>
        <translation>Site blocked</translation>
    </message>
    <message>
        <source>Site block removed</source>
        <translation>Site block removed</translation>
    </message>
    <message numerus="yes">
        <source>Refund %1, %n night(s) freed from %2, %3 points taken back</source>
        <translation>
            <numerusform>Refund %1, %n night freed from %2, %3 points taken back</numerusform>
            <numerusform>Refund %1, %n nights freed from %2, %3 points taken back</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 points earned, the rest already spent</source>
        <translation>%1 points earned, the rest already spent</translation>
    </message>
    <message>
        <source>%1 from %2, open again on %3: %4</source>
        <translation>%1 from %2, open again on %3: %4</translation>
    </message>
    <message numerus="yes">
        <source>%n night(s) from %1 held again (until %2)</source>
        <translation>
            <numerusform>%n night from %1 held again (until %2)</numerusform>
            <numerusform>%n nights from %1 held again (until %2)</numerusform>
        </translation>
    </message>
    <message>
        <source>Guest details changed</source>
        <translation>Guest details changed</translation>
    </message>
    <message>
        <source>Group booking paid</source>
        <translation>Group booking paid</translation>
    </message>
    <message>
        <source>Group booking cancelled</source>
        <translation>Group booking cancelled</translation>
    </message>
    <message>
        <source>Booking %1 was changed; its refund of %2 did not go through</source>
        <translation>Booking %1 was changed; its refund of %2 did not go through</translation>
    </message>
    <message>
        <source>Booking %1 is being cancelled; %2 of its refund did not go through</source>
        <translation>Booking %1 is being cancelled; %2 of its refund did not go through</translation>
    </message>
</context>
<context>
    <name>StayUndoService</name>
    <message>
        <source>This booking could not be found.</source>
        <translation>This booking could not be found.</translation>
    </message>
    <message>
        <source>Booking %1 is not checked in (it is %2): there is no check-in to undo.</source>
        <translation>Booking %1 is not checked in (it is %2): there is no check-in to undo.</translation>
    </message>
    <message>
        <source>Booking %1 is not checked out (it is %2): there is no check-out to undo.</source>
        <translation>Booking %1 is not checked out (it is %2): there is no check-out to undo.</translation>
    </message>
    <message>
        <source>Booking %1 has changed since its check-in; the check-in cannot be undone.</source>
        <translation>Booking %1 has changed since its check-in; the check-in cannot be undone.</translation>
    </message>
    <message>
        <source>Booking %1 has changed since its check-out; the check-out cannot be undone.</source>
        <translation>Booking %1 has changed since its check-out; the check-out cannot be undone.</translation>
    </message>
    <message>
        <source>A check-in can only be undone on the day it was made.</source>
        <translation>A check-in can only be undone on the day it was made.</translation>
    </message>
    <message>
        <source>A check-out can only be undone on the day it was made.</source>
        <translation>A check-out can only be undone on the day it was made.</translation>
    </message>
    <message>
        <source>The guest of booking %1 has written a review since checking out; the check-out cannot be undone.</source>
        <translation>The guest of booking %1 has written a review since checking out; the check-out cannot be undone.</translation>
    </message>
    <message>
        <source>Booking %1 was changed on another terminal; please look at it again.</source>
        <translation>Booking %1 was changed on another terminal; please look at it again.</translation>
    </message>
    <message>
        <source>a site block</source>
        <translation>a site block</translation>
    </message>
    <message>
        <source>The nights freed at check-out are no longer free (%1); the check-out of booking %2 cannot be undone.</source>
        <translation>The nights freed at check-out are no longer free (%1); the check-out of booking %2 cannot be undone.</translation>
    </message>
    <message>
        <source>The check-out of booking %1 gave back money for the unused nights; it cannot be undone. Make a new booking for the guest instead.</source>
        <translation>The check-out of booking %1 gave back money for the unused nights; it cannot be undone. Make a new booking for the guest instead.</translation>
    </message>
</context>
<context>
    <name>UserService</name>
    <message>
        <source>This user does not exist.</source>
        <translation>This user does not exist.</translation>
    </message>
    <message numerus="yes">
        <source>Too many failed logins: this account is locked for %n more minute(s).</source>
        <translation>
            <numerusform>Too many failed logins: this account is locked for %n more minute.</numerusform>
            <numerusform>Too many failed logins: this account is locked for %n more minutes.</numerusform>
        </translation>
    </message>
    <message>
        <source>The user name or password is wrong.</source>
        <translation>The user name or password is wrong.</translation>
    </message>
    <message>
        <source>Enter a user name.</source>
        <translation>Enter a user name.</translation>
    </message>
    <message>
        <source>A user name has 3 to 32 characters.</source>
        <translation>A user name has 3 to 32 characters.</translation>
    </message>
    <message>
        <source>A user name starts with a letter and uses only the letters a-z, digits, &apos;.&apos;, &apos;_&apos; and &apos;-&apos;.</source>
        <translation>A user name starts with a letter and uses only the letters a-z, digits, &apos;.&apos;, &apos;_&apos; and &apos;-&apos;.</translation>
    </message>
    <message>
        <source>Display name</source>
        <translation>Display name</translation>
    </message>
    <message numerus="yes">
        <source>A password has at least %n characters.</source>
        <translation>
            <numerusform>A password has at least %n character.</numerusform>
            <numerusform>A password has at least %n characters.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>A password has at most %n characters.</source>
        <translation>
            <numerusform>A password has at most %n character.</numerusform>
            <numerusform>A password has at most %n characters.</numerusform>
        </translation>
    </message>
    <message>
        <source>The password must not be the user name.</source>
        <translation>The password must not be the user name.</translation>
    </message>
    <message>
        <source>A user is either a manager or front desk.</source>
        <translation>A user is either a manager or front desk.</translation>
    </message>
    <message>
        <source>A user named %1 already exists.</source>
        <translation>A user named %1 already exists.</translation>
    </message>
    <message>
        <source>At least one active manager must remain.</source>
        <translation>At least one active manager must remain.</translation>
    </message>
    <message>
        <source>You cannot deactivate your own account.</source>
        <translation>You cannot deactivate your own account.</translation>
    </message>
</context>
<context>
    <name>WaitlistEntry</name>
    <message>
        <source>Waiting</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <source>Offered</source>
        <translation>Offered</translation>
    </message>
    <message>
        <source>Booked</source>
        <translation>Booked</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Expired</translation>
    </message>
    <message>
        <source>Removed</source>
        <translation>Removed</translation>
    </message>
</context>
<context>
    <name>WaitlistService</name>
    <message>
        <source>This waitlist entry could not be found.</source>
        <translation>This waitlist entry could not be found.</translation>
    </message>
    <message>
        <source>This waitlist entry is already %1.</source>
        <translation>This waitlist entry is already %1.</translation>
    </message>
    <message>
        <source>This phone number is already on the waitlist for these dates.</source>
        <translation>This phone number is already on the waitlist for these dates.</translation>
    </message>
    <message>
        <source>No free site fits this entry&apos;s dates and party now.</source>
        <translation>No free site fits this entry&apos;s dates and party now.</translation>
    </message>
    <message>
        <source>An offer lasts between 5 minutes and 7 days.</source>
        <translation>An offer lasts between 5 minutes and 7 days.</translation>
    </message>
    <message>
        <source>No waitlist offer has this booking code and phone number.</source>
        <translation>No waitlist offer has this booking code and phone number.</translation>
    </message>
    <message>
        <source>Booking %1 is already paid. Find it under &quot;My booking&quot;.</source>
        <translation>Booking %1 is already paid. Find it under &quot;My booking&quot;.</translation>
    </message>
    <message>
        <source>This offer has expired and the site went back to the waitlist. You can join the waitlist again or ask at the front desk.</source>
        <translation>This offer has expired and the site went back to the waitlist. You can join the waitlist again or ask at the front desk.</translation>
    </message>
</context>
<context>
    <name>campdesk::Actor</name>
    <message>
        <source>Manager</source>
        <translation>Manager</translation>
    </message>
    <message>
        <source>Front desk</source>
        <translation>Front desk</translation>
    </message>
    <message>
        <source>Kiosk</source>
        <translation>Kiosk</translation>
    </message>
    <message>
        <source>System</source>
        <translation>System</translation>
    </message>
    <message>
        <source>Your role (%1) is not allowed to do this.</source>
        <translation>Your role (%1) is not allowed to do this.</translation>
    </message>
</context>
<context>
    <name>campdesk::AdjustPointsDialog</name>
    <message>
        <source>Adjust points</source>
        <translation>Adjust points</translation>
    </message>
    <message>
        <source>e.g. goodwill after a noisy night</source>
        <translation>e.g. goodwill after a noisy night</translation>
    </message>
    <message>
        <source>Balance now: %1 points</source>
        <translation>Balance now: %1 points</translation>
    </message>
    <message>
        <source>&amp;Change (+/-)</source>
        <translation>&amp;Change (+/-)</translation>
    </message>
    <message>
        <source>&amp;Reason</source>
        <translation>&amp;Reason</translation>
    </message>
    <message>
        <source>e.g. 500 or -500</source>
        <translation>e.g. 500 or -500</translation>
    </message>
    <message>
        <source>points</source>
        <translation>points</translation>
    </message>
    <message>
        <source>Enter a change other than 0.</source>
        <translation>Enter a change other than 0.</translation>
    </message>
    <message>
        <source>Give a reason.</source>
        <translation>Give a reason.</translation>
    </message>
</context>
<context>
    <name>campdesk::AuditLogModel</name>
    <message>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>User</source>
        <translation>User</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Target</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Terminal</source>
        <translation>Terminal</translation>
    </message>
</context>
<context>
    <name>campdesk::AuditLogPage</name>
    <message>
        <source>Audit log</source>
        <translation>Audit log</translation>
    </message>
    <message>
        <source>User, action, target or details</source>
        <translation>User, action, target or details</translation>
    </message>
</context>
<context>
    <name>campdesk::AvailabilityPage</name>
    <message>
        <source>Previous month</source>
        <translation>Previous month</translation>
    </message>
    <message>
        <source>Previous week</source>
        <translation>Previous week</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>Start at today</source>
        <translation>Start at today</translation>
    </message>
    <message>
        <source>Next week</source>
        <translation>Next week</translation>
    </message>
    <message>
        <source>Next month</source>
        <translation>Next month</translation>
    </message>
    <message>
        <source>Hatched: under maintenance</source>
        <translation>Hatched: under maintenance</translation>
    </message>
    <message>
        <source>Availability</source>
        <translation>Availability</translation>
    </message>
    <message>
        <source>%1 – %2</source>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <source>Drag along a campsite&apos;s row over free nights to book them; click a stay to open it, drag it to another site or other dates to move it, drag its right end to extend or shorten it.</source>
        <translation>Drag along a campsite&apos;s row over free nights to book them; click a stay to open it, drag it to another site or other dates to move it, drag its right end to extend or shorten it.</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Loading…</translation>
    </message>
</context>
<context>
    <name>campdesk::AvailabilityRack</name>
    <message>
        <source>Block dates…</source>
        <translation>Block dates…</translation>
    </message>
    <message>
        <source>Open these dates again (%1)</source>
        <translation>Open these dates again (%1)</translation>
    </message>
</context>
<context>
    <name>campdesk::AvailabilityRackModel</name>
    <message>
        <source>%1 · %2
%3 – %4</source>
        <translation>%1 · %2
%3 – %4</translation>
    </message>
    <message>
        <source>%1 is under maintenance</source>
        <translation>%1 is under maintenance</translation>
    </message>
    <message>
        <source>%1 closed (%2): %3
%4 – %5</source>
        <translation>%1 closed (%2): %3
%4 – %5</translation>
    </message>
</context>
<context>
    <name>campdesk::BackupService</name>
    <message>
        <source>Cannot open the backup %1: %2</source>
        <translation>Cannot open the backup %1: %2</translation>
    </message>
    <message>
        <source>The backup %1 is damaged (%2). Use another backup.</source>
        <translation>The backup %1 is damaged (%2). Use another backup.</translation>
    </message>
    <message>
        <source>%1 is not a Campdesk backup.</source>
        <translation>%1 is not a Campdesk backup.</translation>
    </message>
    <message>
        <source>pg_restore is not installed. Install the package postgresql-client to restore PostgreSQL backups.</source>
        <translation>pg_restore is not installed. Install the package postgresql-client to restore PostgreSQL backups.</translation>
    </message>
    <message>
        <source>Backup failed: %1</source>
        <translation>Backup failed: %1</translation>
    </message>
    <message>
        <source>Cannot write the backup file %1.</source>
        <translation>Cannot write the backup file %1.</translation>
    </message>
    <message>
        <source>pg_dump is not installed, so this PostgreSQL database cannot be backed up from here. Install the package postgresql-client, or back up on the database server.</source>
        <translation>pg_dump is not installed, so this PostgreSQL database cannot be backed up from here. Install the package postgresql-client, or back up on the database server.</translation>
    </message>
    <message>
        <source>pg_dump failed: %1</source>
        <translation>pg_dump failed: %1</translation>
    </message>
    <message>
        <source>The backup cannot replace the database itself.</source>
        <translation>The backup cannot replace the database itself.</translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation>Cannot create the folder %1.</translation>
    </message>
    <message>
        <source>The backup file %1 does not exist.</source>
        <translation>The backup file %1 does not exist.</translation>
    </message>
    <message>
        <source>Cannot read the backup file %1: %2</source>
        <translation>Cannot read the backup file %1: %2</translation>
    </message>
    <message>
        <source>%1 is not a Campdesk backup (neither a SQLite file nor a pg_dump archive).</source>
        <translation>%1 is not a Campdesk backup (neither a SQLite file nor a pg_dump archive).</translation>
    </message>
    <message>
        <source>The backup %1 was made by a newer Campdesk (schema %2; this program knows up to %3). Restore it with the newer Campdesk.</source>
        <translation>The backup %1 was made by a newer Campdesk (schema %2; this program knows up to %3). Restore it with the newer Campdesk.</translation>
    </message>
    <message>
        <source>This is a SQLite backup; the database to restore into is PostgreSQL.</source>
        <translation>This is a SQLite backup; the database to restore into is PostgreSQL.</translation>
    </message>
    <message>
        <source>This is a PostgreSQL backup; the database to restore into is a SQLite file.</source>
        <translation>This is a PostgreSQL backup; the database to restore into is a SQLite file.</translation>
    </message>
    <message>
        <source>pg_restore failed: %1</source>
        <translation>pg_restore failed: %1</translation>
    </message>
    <message>
        <source>The backup is the database itself.</source>
        <translation>The backup is the database itself.</translation>
    </message>
    <message>
        <source>Cannot keep the current database as %1.</source>
        <translation>Cannot keep the current database as %1.</translation>
    </message>
    <message>
        <source>Cannot copy the backup next to the database %1.</source>
        <translation>Cannot copy the backup next to the database %1.</translation>
    </message>
    <message>
        <source>Cannot put the restored database in place at %1.</source>
        <translation>Cannot put the restored database in place at %1.</translation>
    </message>
</context>
<context>
    <name>campdesk::BalanceDialog</name>
    <message>
        <source>Balance due at check-in</source>
        <translation>Balance due at check-in</translation>
    </message>
    <message>
        <source>Booking %1 was booked with a deposit of %2. &lt;b&gt;Balance due: %3&lt;/b&gt;</source>
        <translation>Booking %1 was booked with a deposit of %2. &lt;b&gt;Balance due: %3&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Cash</source>
        <translation>Cash</translation>
    </message>
    <message>
        <source>Card machine at the desk</source>
        <translation>Card machine at the desk</translation>
    </message>
    <message>
        <source>Paid &amp;by</source>
        <translation>Paid &amp;by</translation>
    </message>
    <message>
        <source>Check in &amp;without the balance (it stays due)</source>
        <translation>Check in &amp;without the balance (it stays due)</translation>
    </message>
    <message>
        <source>&amp;Reason</source>
        <translation>&amp;Reason</translation>
    </message>
    <message>
        <source>Give a reason for checking in with the balance unpaid.</source>
        <translation>Give a reason for checking in with the balance unpaid.</translation>
    </message>
    <message>
        <source>Check &amp;in without it</source>
        <translation>Check &amp;in without it</translation>
    </message>
    <message>
        <source>Take the balance and check &amp;in</source>
        <translation>Take the balance and check &amp;in</translation>
    </message>
    <message>
        <source>Waiting for the payment…</source>
        <translation>Waiting for the payment…</translation>
    </message>
    <message>
        <source>This way of paying is not set up on this terminal.</source>
        <translation>This way of paying is not set up on this terminal.</translation>
    </message>
    <message>
        <source>Take the balance</source>
        <translation>Take the balance</translation>
    </message>
    <message>
        <source>Booking %1 has paid %2 so far. &lt;b&gt;Balance due: %3&lt;/b&gt;</source>
        <translation>Booking %1 has paid %2 so far. &lt;b&gt;Balance due: %3&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&amp;Take the balance</source>
        <translation>&amp;Take the balance</translation>
    </message>
</context>
<context>
    <name>campdesk::Campsite</name>
    <message>
        <source>Tent site</source>
        <translation>Tent site</translation>
    </message>
    <message>
        <source>Auto-camping</source>
        <translation>Auto-camping</translation>
    </message>
    <message>
        <source>Caravan</source>
        <translation>Caravan</translation>
    </message>
    <message>
        <source>Glamping</source>
        <translation>Glamping</translation>
    </message>
    <message>
        <source>Cabin</source>
        <translation>Cabin</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>Maintenance</source>
        <translation>Maintenance</translation>
    </message>
    <message>
        <source>Retired</source>
        <translation>Retired</translation>
    </message>
</context>
<context>
    <name>campdesk::CampsiteEditorDialog</name>
    <message>
        <source>New campsite</source>
        <translation>New campsite</translation>
    </message>
    <message>
        <source>Edit campsite %1</source>
        <translation>Edit campsite %1</translation>
    </message>
    <message>
        <source>e.g. A-07</source>
        <translation>e.g. A-07</translation>
    </message>
    <message>
        <source>Same as nightly</source>
        <translation>Same as nightly</translation>
    </message>
    <message>
        <source>Comma-separated, e.g. Power, Water, Wi-Fi</source>
        <translation>Comma-separated, e.g. Power, Water, Wi-Fi</translation>
    </message>
    <message>
        <source>Register</source>
        <translation>Register</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>&amp;Code:</source>
        <translation>&amp;Code:</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>&amp;Kind:</translation>
    </message>
    <message>
        <source>&amp;Zone:</source>
        <translation>&amp;Zone:</translation>
    </message>
    <message>
        <source>Max &amp;guests:</source>
        <translation>Max &amp;guests:</translation>
    </message>
    <message>
        <source>N&amp;ightly price:</source>
        <translation>N&amp;ightly price:</translation>
    </message>
    <message>
        <source>&amp;Weekend price:</source>
        <translation>&amp;Weekend price:</translation>
    </message>
    <message>
        <source>&amp;Amenities:</source>
        <translation>&amp;Amenities:</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>&amp;Description:</translation>
    </message>
    <message>
        <source>&amp;Status:</source>
        <translation>&amp;Status:</translation>
    </message>
    <message>
        <source>won</source>
        <extracomment>unit after a price field</extracomment>
        <translation>won</translation>
    </message>
    <message>
        <source>At most %1 won per night (Settings).</source>
        <translation>At most %1 won per night (Settings).</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Photos</source>
        <translation>Photos</translation>
    </message>
    <message>
        <source> m</source>
        <translation> m</translation>
    </message>
    <message>
        <source>No limit</source>
        <translation>No limit</translation>
    </message>
    <message>
        <source>The longest RV, caravan or trailer this site takes. Bookings with longer equipment are refused.</source>
        <translation>The longest RV, caravan or trailer this site takes. Bookings with longer equipment are refused.</translation>
    </message>
    <message>
        <source>Longest R&amp;V or caravan:</source>
        <translation>Longest R&amp;V or caravan:</translation>
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
    <name>campdesk::CampsiteTableModel</name>
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
        <source>Guests</source>
        <translation>Guests</translation>
    </message>
    <message>
        <source>Nightly</source>
        <translation>Nightly</translation>
    </message>
    <message>
        <source>Weekend</source>
        <translation>Weekend</translation>
    </message>
    <message>
        <source>Amenities</source>
        <translation>Amenities</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>campdesk::CampsitesPage</name>
    <message>
        <source>&amp;New…</source>
        <translation>&amp;New…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Edit…</translation>
    </message>
    <message>
        <source>&amp;Remove…</source>
        <translation>&amp;Remove…</translation>
    </message>
    <message>
        <source>Delete a campsite without history, retire one with history</source>
        <translation>Delete a campsite without history, retire one with history</translation>
    </message>
    <message>
        <source>Filter by code, name, zone or kind</source>
        <translation>Filter by code, name, zone or kind</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <source>Campsites</source>
        <translation>Campsites</translation>
    </message>
    <message>
        <source>campsites-%1.csv</source>
        <translation>campsites-%1.csv</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n campsite(s) shown</source>
        <translation>
            <numerusform>%1 of %n campsite shown</numerusform>
            <numerusform>%1 of %n campsites shown</numerusform>
        </translation>
    </message>
    <message>
        <source>Edit campsite</source>
        <translation>Edit campsite</translation>
    </message>
    <message>
        <source>Remove campsite</source>
        <translation>Remove campsite</translation>
    </message>
    <message>
        <source>Remove campsite %1 (%2)?

A campsite that was never booked or reviewed is deleted. One with history is retired instead: it stays in reports but can no longer be booked.</source>
        <translation>Remove campsite %1 (%2)?

A campsite that was never booked or reviewed is deleted. One with history is retired instead: it stays in reports but can no longer be booked.</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>Campsite %1 was deleted.</source>
        <translation>Campsite %1 was deleted.</translation>
    </message>
    <message>
        <source>Campsite %1 has bookings or reviews, so it was retired.</source>
        <translation>Campsite %1 has bookings or reviews, so it was retired.</translation>
    </message>
    <message>
        <source>%1 – %2 · %3: %4</source>
        <translation>%1 – %2 · %3: %4</translation>
    </message>
    <message>
        <source>No dates blocked ahead for this campsite.</source>
        <translation>No dates blocked ahead for this campsite.</translation>
    </message>
    <message>
        <source>Blocked dates ahead:</source>
        <translation>Blocked dates ahead:</translation>
    </message>
</context>
<context>
    <name>campdesk::CancelDialog</name>
    <message>
        <source>Refund a different amount</source>
        <translation>Refund a different amount</translation>
    </message>
    <message>
        <source>Cancel booking %1</source>
        <translation>Cancel booking %1</translation>
    </message>
    <message>
        <source>Why (required when the refund is changed)</source>
        <translation>Why (required when the refund is changed)</translation>
    </message>
    <message>
        <source>Cancel the &amp;booking</source>
        <translation>Cancel the &amp;booking</translation>
    </message>
    <message>
        <source>&amp;Keep it</source>
        <translation>&amp;Keep it</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>Refund</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message numerus="yes">
        <source>Paid %1. Cancelling %n day(s) before check-in refunds %2% by the rules: &lt;b&gt;%3&lt;/b&gt;.</source>
        <translation>
            <numerusform>Paid %1. Cancelling %n day before check-in refunds %2% by the rules: &lt;b&gt;%3&lt;/b&gt;.</numerusform>
            <numerusform>Paid %1. Cancelling %n days before check-in refunds %2% by the rules: &lt;b&gt;%3&lt;/b&gt;.</numerusform>
        </translation>
    </message>
    <message>
        <source>The %1 points used are returned; the points this booking earned are deducted.</source>
        <translation>The %1 points used are returned; the points this booking earned are deducted.</translation>
    </message>
    <message>
        <source>Give a reason for changing the refund.</source>
        <translation>Give a reason for changing the refund.</translation>
    </message>
    <message>
        <source>%1 points this booking earned were already spent: the refund is %2 less.</source>
        <translation>%1 points this booking earned were already spent: the refund is %2 less.</translation>
    </message>
    <message>
        <source>won</source>
        <translation>won</translation>
    </message>
    <message>
        <source>The booking&apos;s first payment</source>
        <translation>The booking&apos;s first payment</translation>
    </message>
    <message>
        <source>The balance payment</source>
        <translation>The balance payment</translation>
    </message>
    <message>
        <source>The payment for a change</source>
        <translation>The payment for a change</translation>
    </message>
    <message>
        <source>Payment %1</source>
        <translation>Payment %1</translation>
    </message>
    <message>
        <source>%1: %2 back of %3</source>
        <translation>%1: %2 back of %3</translation>
    </message>
    <message>
        <source>%1: nothing back (keeps %2)</source>
        <translation>%1: nothing back (keeps %2)</translation>
    </message>
    <message numerus="yes">
        <source>Given back across %n payment(s), the newest first:</source>
        <translation>
            <numerusform>Given back across %n payment, the newest first:</numerusform>
            <numerusform>Given back across %n payments, the newest first:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>campdesk::ChangeDialog</name>
    <message>
        <source>Refund another amount</source>
        <translation>Refund another amount</translation>
    </message>
    <message>
        <source>Change booking %1</source>
        <translation>Change booking %1</translation>
    </message>
    <message>
        <source>Cash</source>
        <translation>Cash</translation>
    </message>
    <message>
        <source>Desk card machine</source>
        <translation>Desk card machine</translation>
    </message>
    <message>
        <source>Why the refund differs from the rule</source>
        <translation>Why the refund differs from the rule</translation>
    </message>
    <message>
        <source>guests</source>
        <translation>guests</translation>
    </message>
    <message>
        <source>won</source>
        <translation>won</translation>
    </message>
    <message>
        <source>&amp;Campsite:</source>
        <translation>&amp;Campsite:</translation>
    </message>
    <message>
        <source>Check-&amp;in:</source>
        <translation>Check-&amp;in:</translation>
    </message>
    <message>
        <source>Check-&amp;out:</source>
        <translation>Check-&amp;out:</translation>
    </message>
    <message>
        <source>&amp;Guests:</source>
        <translation>&amp;Guests:</translation>
    </message>
    <message>
        <source>&amp;Difference paid by:</source>
        <translation>&amp;Difference paid by:</translation>
    </message>
    <message>
        <source>&amp;Refund:</source>
        <translation>&amp;Refund:</translation>
    </message>
    <message>
        <source>R&amp;eason:</source>
        <translation>R&amp;eason:</translation>
    </message>
    <message>
        <source>C&amp;hange booking</source>
        <translation>C&amp;hange booking</translation>
    </message>
    <message numerus="yes">
        <source>Now: %1 %2, %3 – %4, %n guest(s), paid %5</source>
        <translation>
            <numerusform>Now: %1 %2, %3 – %4, %n guest, paid %5</numerusform>
            <numerusform>Now: %1 %2, %3 – %4, %n guests, paid %5</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>New price: &lt;b&gt;%1&lt;/b&gt; for %n night(s).</source>
        <translation>
            <numerusform>New price: &lt;b&gt;%1&lt;/b&gt; for %n night.</numerusform>
            <numerusform>New price: &lt;b&gt;%1&lt;/b&gt; for %n nights.</numerusform>
        </translation>
    </message>
    <message>
        <source>To pay now at the desk: &lt;b&gt;%1&lt;/b&gt;.</source>
        <translation>To pay now at the desk: &lt;b&gt;%1&lt;/b&gt;.</translation>
    </message>
    <message numerus="yes">
        <source>%1 cheaper; refund &lt;b&gt;%2&lt;/b&gt; (%3% by the cancellation rule, %n day(s) before).</source>
        <translation>
            <numerusform>%1 cheaper; refund &lt;b&gt;%2&lt;/b&gt; (%3% by the cancellation rule, %n day before).</numerusform>
            <numerusform>%1 cheaper; refund &lt;b&gt;%2&lt;/b&gt; (%3% by the cancellation rule, %n days before).</numerusform>
        </translation>
    </message>
    <message>
        <source>The balance due at check-in becomes &lt;b&gt;%1&lt;/b&gt;.</source>
        <translation>The balance due at check-in becomes &lt;b&gt;%1&lt;/b&gt;.</translation>
    </message>
    <message>
        <source>Nothing to pay or refund.</source>
        <translation>Nothing to pay or refund.</translation>
    </message>
    <message>
        <source>Changing the booking…</source>
        <translation>Changing the booking…</translation>
    </message>
    <message>
        <source>Of the guests; at least one is an adult</source>
        <translation>Of the guests; at least one is an adult</translation>
    </message>
    <message>
        <source>children</source>
        <translation>children</translation>
    </message>
    <message>
        <source>vehicles</source>
        <translation>vehicles</translation>
    </message>
    <message>
        <source>Chi&amp;ldren:</source>
        <translation>Chi&amp;ldren:</translation>
    </message>
    <message>
        <source>&amp;Vehicles:</source>
        <translation>&amp;Vehicles:</translation>
    </message>
    <message numerus="yes">
        <source>This site takes at most %n guest(s)</source>
        <translation>
            <numerusform>This site takes at most %n guest</numerusform>
            <numerusform>This site takes at most %n guests</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose another site, other dates or another party.</source>
        <translation>Choose another site, other dates or another party.</translation>
    </message>
    <message numerus="yes">
        <source>%n guest(s)</source>
        <translation>
            <numerusform>%n guest</numerusform>
            <numerusform>%n guests</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n child(ren)</source>
        <translation>
            <numerusform>%n child</numerusform>
            <numerusform>%n children</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n vehicle(s)</source>
        <translation>
            <numerusform>%n vehicle</numerusform>
            <numerusform>%n vehicles</numerusform>
        </translation>
    </message>
    <message>
        <source>It goes back to the guest&apos;s card through the payment service.</source>
        <translation>It goes back to the guest&apos;s card through the payment service.</translation>
    </message>
    <message>
        <source>Card through the payment service</source>
        <translation>Card through the payment service</translation>
    </message>
    <message>
        <source>Changing the booking and giving the refund back through the payment service…</source>
        <translation>Changing the booking and giving the refund back through the payment service…</translation>
    </message>
    <message>
        <source>Booking changed</source>
        <translation>Booking changed</translation>
    </message>
    <message>
        <source>To pay now: &lt;b&gt;%1&lt;/b&gt;, charged to the guest&apos;s card through the payment service; the booking changes only once it is approved.</source>
        <translation>To pay now: &lt;b&gt;%1&lt;/b&gt;, charged to the guest&apos;s card through the payment service; the booking changes only once it is approved.</translation>
    </message>
    <message>
        <source>Charging the guest&apos;s card through the payment service, then changing the booking…</source>
        <translation>Charging the guest&apos;s card through the payment service, then changing the booking…</translation>
    </message>
</context>
<context>
    <name>campdesk::CheckOutDialog</name>
    <message>
        <source>Give back a different amount</source>
        <translation>Give back a different amount</translation>
    </message>
    <message>
        <source>Check out %1</source>
        <translation>Check out %1</translation>
    </message>
    <message>
        <source>Why (required when the refund is changed)</source>
        <translation>Why (required when the refund is changed)</translation>
    </message>
    <message>
        <source>Cash</source>
        <translation>Cash</translation>
    </message>
    <message>
        <source>Desk card machine</source>
        <translation>Desk card machine</translation>
    </message>
    <message>
        <source>Check &amp;out</source>
        <translation>Check &amp;out</translation>
    </message>
    <message>
        <source>&amp;Not now</source>
        <translation>&amp;Not now</translation>
    </message>
    <message>
        <source>won</source>
        <translation>won</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>Refund</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Given back by</source>
        <translation>Given back by</translation>
    </message>
    <message>
        <source>Check out %1?</source>
        <translation>Check out %1?</translation>
    </message>
    <message numerus="yes">
        <source>The guest is leaving early: %n night(s) from %1 become free (sold for %2).</source>
        <translation>
            <numerusform>The guest is leaving early: %n night from %1 becomes free (sold for %2).</numerusform>
            <numerusform>The guest is leaving early: %n nights from %1 become free (sold for %2).</numerusform>
        </translation>
    </message>
    <message>
        <source>The balance due goes down from %1 to %2.</source>
        <translation>The balance due goes down from %1 to %2.</translation>
    </message>
    <message>
        <source>The balance of %1 stays due; it can be taken from the booking later.</source>
        <translation>The balance of %1 stays due; it can be taken from the booking later.</translation>
    </message>
    <message>
        <source>Paid for these nights: %1. Leaving on the day refunds %2% by the rules: &lt;b&gt;%3&lt;/b&gt;.</source>
        <translation>Paid for these nights: %1. Leaving on the day refunds %2% by the rules: &lt;b&gt;%3&lt;/b&gt;.</translation>
    </message>
    <message>
        <source>Give a reason for changing the refund.</source>
        <translation>Give a reason for changing the refund.</translation>
    </message>
    <message>
        <source>The guest gets back &lt;b&gt;%1&lt;/b&gt;.</source>
        <translation>The guest gets back &lt;b&gt;%1&lt;/b&gt;.</translation>
    </message>
    <message>
        <source>The guest gets nothing back for the unused nights.</source>
        <translation>The guest gets nothing back for the unused nights.</translation>
    </message>
    <message>
        <source>Paid or still owed for these nights: %1. Leaving on the day lets the guest off %2% by the rules: &lt;b&gt;%3&lt;/b&gt;, off the balance first.</source>
        <translation>Paid or still owed for these nights: %1. Leaving on the day lets the guest off %2% by the rules: &lt;b&gt;%3&lt;/b&gt;, off the balance first.</translation>
    </message>
</context>
<context>
    <name>campdesk::CustomerEditorDialog</name>
    <message>
        <source>Agrees to booking messages by SMS</source>
        <translation>Agrees to booking messages by SMS</translation>
    </message>
    <message>
        <source>010-1234-5678</source>
        <translation>010-1234-5678</translation>
    </message>
    <message>
        <source>Seen by staff only, e.g. prefers a quiet site</source>
        <translation>Seen by staff only, e.g. prefers a quiet site</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;Name</translation>
    </message>
    <message>
        <source>&amp;Phone</source>
        <translation>&amp;Phone</translation>
    </message>
    <message>
        <source>&amp;E-mail</source>
        <translation>&amp;E-mail</translation>
    </message>
    <message>
        <source>&amp;Messages in</source>
        <translation>&amp;Messages in</translation>
    </message>
    <message>
        <source>N&amp;otes</source>
        <translation>N&amp;otes</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Customer</translation>
    </message>
    <message>
        <source>Customer %1</source>
        <translation>Customer %1</translation>
    </message>
    <message>
        <source>Notes can be at most 1,000 characters.</source>
        <translation>Notes can be at most 1,000 characters.</translation>
    </message>
    <message>
        <source>Booking code</source>
        <translation>Booking code</translation>
    </message>
    <message>
        <source>Campsite</source>
        <translation>Campsite</translation>
    </message>
    <message>
        <source>Stay</source>
        <translation>Stay</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>Paid</translation>
    </message>
    <message>
        <source>%1 – %2</source>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <source>When</source>
        <translation>When</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Why</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>Points</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>Balance</translation>
    </message>
    <message>
        <source>Bookings (%1)</source>
        <translation>Bookings (%1)</translation>
    </message>
    <message>
        <source>Points (%1)</source>
        <translation>Points (%1)</translation>
    </message>
</context>
<context>
    <name>campdesk::CustomerTableModel</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>Points</translation>
    </message>
    <message>
        <source>Bookings</source>
        <translation>Bookings</translation>
    </message>
    <message>
        <source>Customer since</source>
        <translation>Customer since</translation>
    </message>
</context>
<context>
    <name>campdesk::CustomersPage</name>
    <message>
        <source>Customers and mileage</source>
        <translation>Customers and mileage</translation>
    </message>
    <message>
        <source>Show &amp;bookings</source>
        <translation>Show &amp;bookings</translation>
    </message>
    <message>
        <source>Name, phone or e-mail</source>
        <translation>Name, phone or e-mail</translation>
    </message>
    <message>
        <source>Adjust points…</source>
        <translation>Adjust points…</translation>
    </message>
    <message>
        <source>&lt;b&gt;Mileage ledger&lt;/b&gt; — select a customer</source>
        <translation>&lt;b&gt;Mileage ledger&lt;/b&gt; — select a customer</translation>
    </message>
    <message>
        <source>&lt;b&gt;Mileage ledger of %1&lt;/b&gt; — balance %2 points</source>
        <translation>&lt;b&gt;Mileage ledger of %1&lt;/b&gt; — balance %2 points</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Edit…</translation>
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
    <message>
        <source>Balances due</source>
        <translation>Balances due</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Today&apos;s arrivals: %1 owing %2</source>
        <translation>Today&apos;s arrivals: %1 owing %2</translation>
    </message>
    <message>
        <source>Stay</source>
        <translation>Stay</translation>
    </message>
    <message>
        <source>Extras</source>
        <translation>Extras</translation>
    </message>
    <message>
        <source>Stay and extras sold by arrival day, %1 to %2 (thousands of won)</source>
        <translation>Stay and extras sold by arrival day, %1 to %2 (thousands of won)</translation>
    </message>
    <message>
        <source>Stay %1</source>
        <translation>Stay %1</translation>
    </message>
    <message>
        <source>Extras %1</source>
        <translation>Extras %1</translation>
    </message>
</context>
<context>
    <name>campdesk::DaySheetModel</name>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>Booked by %1</source>
        <translation>Booked by %1</translation>
    </message>
    <message>
        <source>%1 – %2</source>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <source>Campsite</source>
        <translation>Campsite</translation>
    </message>
    <message>
        <source>Guest</source>
        <translation>Guest</translation>
    </message>
    <message>
        <source>Guests</source>
        <translation>Guests</translation>
    </message>
    <message>
        <source>Vehicles</source>
        <translation>Vehicles</translation>
    </message>
    <message>
        <source>Equipment</source>
        <translation>Equipment</translation>
    </message>
    <message>
        <source>Stay</source>
        <translation>Stay</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>Paid</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>Balance</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
</context>
<context>
    <name>campdesk::DaySheetsPage</name>
    <message>
        <source>◀ Previous day</source>
        <translation>◀ Previous day</translation>
    </message>
    <message>
        <source>&amp;Today</source>
        <translation>&amp;Today</translation>
    </message>
    <message>
        <source>Next day ▶</source>
        <translation>Next day ▶</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>&amp;Print…</translation>
    </message>
    <message>
        <source>Save as P&amp;DF…</source>
        <translation>Save as P&amp;DF…</translation>
    </message>
    <message>
        <source>Day:</source>
        <translation>Day:</translation>
    </message>
    <message>
        <source>Arrivals</source>
        <translation>Arrivals</translation>
    </message>
    <message>
        <source>Departures</source>
        <translation>Departures</translation>
    </message>
    <message>
        <source>On site</source>
        <translation>On site</translation>
    </message>
    <message>
        <source>Cash-up</source>
        <translation>Cash-up</translation>
    </message>
    <message>
        <source>Payment method</source>
        <translation>Payment method</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>Staff</translation>
    </message>
    <message>
        <source>Payments</source>
        <translation>Payments</translation>
    </message>
    <message>
        <source>Taken</source>
        <translation>Taken</translation>
    </message>
    <message>
        <source>Refunds</source>
        <translation>Refunds</translation>
    </message>
    <message>
        <source>Refunded</source>
        <translation>Refunded</translation>
    </message>
    <message>
        <source>Net</source>
        <translation>Net</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>Taken %1, refunded %2: %3 for the day.</source>
        <translation>Taken %1, refunded %2: %3 for the day.</translation>
    </message>
    <message numerus="yes">
        <source>%n arrival(s)</source>
        <translation>
            <numerusform>%n arrival</numerusform>
            <numerusform>%n arrivals</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n departure(s)</source>
        <translation>
            <numerusform>%n departure</numerusform>
            <numerusform>%n departures</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n site(s) occupied</source>
        <translation>
            <numerusform>%n site occupied</numerusform>
            <numerusform>%n sites occupied</numerusform>
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
        <source>still to pay %1</source>
        <translation>still to pay %1</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>arrivals</source>
        <translation>arrivals</translation>
    </message>
    <message>
        <source>departures</source>
        <translation>departures</translation>
    </message>
    <message>
        <source>on-site</source>
        <translation>on-site</translation>
    </message>
    <message>
        <source>cash-up</source>
        <translation>cash-up</translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation>Save as PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>Could not write %1: %2</translation>
    </message>
    <message>
        <source>Saved to %1</source>
        <translation>Saved to %1</translation>
    </message>
    <message>
        <source>&amp;Open booking…</source>
        <translation>&amp;Open booking…</translation>
    </message>
    <message>
        <source>Take the &amp;balance…</source>
        <translation>Take the &amp;balance…</translation>
    </message>
    <message>
        <source>Reading the day&apos;s bookings…</source>
        <translation>Reading the day&apos;s bookings…</translation>
    </message>
    <message>
        <source>The bookings of %1 are still being read. Try again in a moment.</source>
        <translation>The bookings of %1 are still being read. Try again in a moment.</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>Print</translation>
    </message>
    <message>
        <source>The payments of %1 are still being read. Try again in a moment.</source>
        <translation>The payments of %1 are still being read. Try again in a moment.</translation>
    </message>
</context>
<context>
    <name>campdesk::DeskActions</name>
    <message>
        <source>Block dates</source>
        <translation>Block dates</translation>
    </message>
    <message>
        <source>Open dates again</source>
        <translation>Open dates again</translation>
    </message>
    <message>
        <source>Open these dates again for bookings? The block and its reason are removed.</source>
        <translation>Open these dates again for bookings? The block and its reason are removed.</translation>
    </message>
    <message>
        <source>Open again</source>
        <translation>Open again</translation>
    </message>
    <message>
        <source>Change booking</source>
        <translation>Change booking</translation>
    </message>
</context>
<context>
    <name>campdesk::DeskBookingDialog</name>
    <message>
        <source>Cash</source>
        <translation>Cash</translation>
    </message>
    <message>
        <source>Card machine at the desk</source>
        <translation>Card machine at the desk</translation>
    </message>
    <message>
        <source>New desk booking</source>
        <translation>New desk booking</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Customer</translation>
    </message>
    <message>
        <source>Stay</source>
        <translation>Stay</translation>
    </message>
    <message>
        <source>&amp;Campsite</source>
        <translation>&amp;Campsite</translation>
    </message>
    <message>
        <source>Check-&amp;in</source>
        <translation>Check-&amp;in</translation>
    </message>
    <message>
        <source>Check-&amp;out</source>
        <translation>Check-&amp;out</translation>
    </message>
    <message>
        <source>&amp;Guests</source>
        <translation>&amp;Guests</translation>
    </message>
    <message>
        <source>&amp;Redeem</source>
        <translation>&amp;Redeem</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Price</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>Payment</translation>
    </message>
    <message>
        <source>Waiting for the payment…</source>
        <translation>Waiting for the payment…</translation>
    </message>
    <message>
        <source>Book and &amp;pay</source>
        <translation>Book and &amp;pay</translation>
    </message>
    <message>
        <source>No campsite can be booked.</source>
        <translation>No campsite can be booked.</translation>
    </message>
    <message>
        <source>Free for these dates: %1</source>
        <translation>Free for these dates: %1</translation>
    </message>
    <message>
        <source>guests</source>
        <extracomment>unit after the number of guests</extracomment>
        <translation>guests</translation>
    </message>
    <message>
        <source>points</source>
        <extracomment>unit after the points to redeem</extracomment>
        <translation>points</translation>
    </message>
    <message>
        <source>Check-in cannot be in the past (today is %1).</source>
        <translation>Check-in cannot be in the past (today is %1).</translation>
    </message>
    <message>
        <source>Check-out must be after check-in.</source>
        <translation>Check-out must be after check-in.</translation>
    </message>
    <message>
        <source>At most %1 points (the balance, up to the price).</source>
        <translation>At most %1 points (the balance, up to the price).</translation>
    </message>
    <message>
        <source>children</source>
        <extracomment>unit after the number of children among the guests</extracomment>
        <translation>children</translation>
    </message>
    <message>
        <source>vehicles</source>
        <extracomment>unit after the number of vehicles</extracomment>
        <translation>vehicles</translation>
    </message>
    <message numerus="yes">
        <source>Total for %n night(s): %1&lt;br&gt;Points used: %2 (balance %3)&lt;br&gt;&lt;b&gt;To pay: %4&lt;/b&gt; · earns %5 points</source>
        <translation>
            <numerusform>Total for %n night: %1&lt;br&gt;Points used: %2 (balance %3)&lt;br&gt;&lt;b&gt;To pay: %4&lt;/b&gt; · earns %5 points</numerusform>
            <numerusform>Total for %n nights: %1&lt;br&gt;Points used: %2 (balance %3)&lt;br&gt;&lt;b&gt;To pay: %4&lt;/b&gt; · earns %5 points</numerusform>
        </translation>
    </message>
    <message>
        <source>Guest details (optional)</source>
        <translation>Guest details (optional)</translation>
    </message>
    <message>
        <source>Pay in &amp;full</source>
        <translation>Pay in &amp;full</translation>
    </message>
    <message>
        <source>&amp;Deposit now, balance at check-in</source>
        <translation>&amp;Deposit now, balance at check-in</translation>
    </message>
    <message>
        <source>Deposits are turned off in Settings.</source>
        <translation>Deposits are turned off in Settings.</translation>
    </message>
    <message>
        <source>E&amp;xtras</source>
        <translation>E&amp;xtras</translation>
    </message>
    <message>
        <source>&lt;b&gt;Deposit now: %1&lt;/b&gt; · balance due at check-in: %2</source>
        <translation>&lt;b&gt;Deposit now: %1&lt;/b&gt; · balance due at check-in: %2</translation>
    </message>
    <message>
        <source>No site is free for these dates and this many guests.</source>
        <translation>No site is free for these dates and this many guests.</translation>
    </message>
    <message>
        <source>Join the &amp;waitlist…</source>
        <translation>Join the &amp;waitlist…</translation>
    </message>
    <message>
        <source>Join the waitlist</source>
        <translation>Join the waitlist</translation>
    </message>
    <message numerus="yes">
        <source>Add %1 (%2) to the waitlist for %3, %n guest(s)? When a site frees up they get an offer by text message and e-mail.</source>
        <translation>
            <numerusform>Add %1 (%2) to the waitlist for %3, %n guest? When a site frees up they get an offer by text message and e-mail.</numerusform>
            <numerusform>Add %1 (%2) to the waitlist for %3, %n guests? When a site frees up they get an offer by text message and e-mail.</numerusform>
        </translation>
    </message>
    <message>
        <source>Join</source>
        <translation>Join</translation>
    </message>
    <message>
        <source>%1 is on the waitlist for %2.</source>
        <translation>%1 is on the waitlist for %2.</translation>
    </message>
    <message>
        <source>The kind of site the customer waits for</source>
        <translation>The kind of site the customer waits for</translation>
    </message>
    <message>
        <source>Any kind</source>
        <translation>Any kind</translation>
    </message>
</context>
<context>
    <name>campdesk::ExtrasTab</name>
    <message>
        <source>Sold at the kiosk too</source>
        <translation>Sold at the kiosk too</translation>
    </message>
    <message>
        <source>Offered</source>
        <translation>Offered</translation>
    </message>
    <message>
        <source>&amp;Save extra</source>
        <translation>&amp;Save extra</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Priced</source>
        <extracomment>how an extra is priced: per stay, per night, per unit</extracomment>
        <translation>Priced</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Price</translation>
    </message>
    <message>
        <source>Stock</source>
        <extracomment>how many are left to sell; empty = unlimited</extracomment>
        <translation>Stock</translation>
    </message>
    <message>
        <source>Kiosk</source>
        <translation>Kiosk</translation>
    </message>
    <message>
        <source>New extra</source>
        <translation>New extra</translation>
    </message>
    <message>
        <source>Unlimited</source>
        <translation>Unlimited</translation>
    </message>
    <message>
        <source>won</source>
        <translation>won</translation>
    </message>
    <message>
        <source>Order in lists</source>
        <translation>Order in lists</translation>
    </message>
    <message>
        <source>Extra</source>
        <translation>Extra</translation>
    </message>
    <message>
        <source>Stock counts items per booking, not per night: a booking takes them when it is made and gives them back when it is cancelled, unless staff marked them consumed.</source>
        <translation>Stock counts items per booking, not per night: a booking takes them when it is made and gives them back when it is cancelled, unless staff marked them consumed.</translation>
    </message>
    <message>
        <source>%1 (not offered)</source>
        <translation>%1 (not offered)</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>No</source>
        <translation>No</translation>
    </message>
</context>
<context>
    <name>campdesk::FirstManagerDialog</name>
    <message>
        <source>Create the first manager account</source>
        <translation>Create the first manager account</translation>
    </message>
    <message>
        <source>This database has no staff account yet. Create the manager&apos;s account: it can then add the other staff under Users.

Database: %1</source>
        <translation>This database has no staff account yet. Create the manager&apos;s account: it can then add the other staff under Users.

Database: %1</translation>
    </message>
    <message>
        <source>&amp;Username</source>
        <translation>&amp;Username</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;Name</translation>
    </message>
    <message>
        <source>&amp;Password</source>
        <translation>&amp;Password</translation>
    </message>
    <message>
        <source>Re&amp;peat password</source>
        <translation>Re&amp;peat password</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>optional</translation>
    </message>
    <message>
        <source>Create account</source>
        <translation>Create account</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>The two passwords differ.</translation>
    </message>
</context>
<context>
    <name>campdesk::GroupBookingDialog</name>
    <message>
        <source>&amp;Add a site</source>
        <translation>&amp;Add a site</translation>
    </message>
    <message>
        <source>Cash</source>
        <translation>Cash</translation>
    </message>
    <message>
        <source>Card machine at the desk</source>
        <translation>Card machine at the desk</translation>
    </message>
    <message>
        <source>Group booking</source>
        <translation>Group booking</translation>
    </message>
    <message>
        <source>Payer</source>
        <translation>Payer</translation>
    </message>
    <message>
        <source>Sites</source>
        <translation>Sites</translation>
    </message>
    <message>
        <source>One payment for the group</source>
        <translation>One payment for the group</translation>
    </message>
    <message>
        <source>Waiting for the payment…</source>
        <translation>Waiting for the payment…</translation>
    </message>
    <message>
        <source>Book all and &amp;pay</source>
        <translation>Book all and &amp;pay</translation>
    </message>
    <message>
        <source>guests</source>
        <extracomment>unit after the number of guests on one site of a group</extracomment>
        <translation>guests</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Remove</translation>
    </message>
    <message numerus="yes">
        <source>%1. %n night(s), %2</source>
        <translation>
            <numerusform>%1. %n night, %2</numerusform>
            <numerusform>%1. %n nights, %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;To pay for %n site(s): %1&lt;/b&gt;</source>
        <translation>
            <numerusform>&lt;b&gt;To pay for %n site: %1&lt;/b&gt;</numerusform>
            <numerusform>&lt;b&gt;To pay for %n sites: %1&lt;/b&gt;</numerusform>
        </translation>
    </message>
    <message>
        <source>Campsite</source>
        <translation>Campsite</translation>
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
</context>
<context>
    <name>campdesk::GroupChangeDialog</name>
    <message>
        <source>Cash</source>
        <translation>Cash</translation>
    </message>
    <message>
        <source>Desk card machine</source>
        <translation>Desk card machine</translation>
    </message>
    <message>
        <source>Change group %1</source>
        <translation>Change group %1</translation>
    </message>
    <message>
        <source> day(s)</source>
        <translation> day(s)</translation>
    </message>
    <message>
        <source> night(s)</source>
        <translation> night(s)</translation>
    </message>
    <message>
        <source>Change the &amp;group</source>
        <translation>Change the &amp;group</translation>
    </message>
    <message>
        <source>&amp;Keep it</source>
        <translation>&amp;Keep it</translation>
    </message>
    <message>
        <source>Every site of the group still booked moves by the same number of days, and each stay can be made the same number of nights longer or shorter. Each site keeps its guests; prices and refunds are as for one booking.</source>
        <translation>Every site of the group still booked moves by the same number of days, and each stay can be made the same number of nights longer or shorter. Each site keeps its guests; prices and refunds are as for one booking.</translation>
    </message>
    <message>
        <source>Move the dates by</source>
        <translation>Move the dates by</translation>
    </message>
    <message>
        <source>Nights more (or fewer)</source>
        <translation>Nights more (or fewer)</translation>
    </message>
    <message>
        <source>Difference settled by</source>
        <translation>Difference settled by</translation>
    </message>
    <message>
        <source>same price</source>
        <translation>same price</translation>
    </message>
    <message>
        <source>%1 to pay</source>
        <translation>%1 to pay</translation>
    </message>
    <message>
        <source>%1 back (%2% of %3)</source>
        <translation>%1 back (%2% of %3)</translation>
    </message>
    <message>
        <source>To take now: &lt;b&gt;%1&lt;/b&gt;</source>
        <translation>To take now: &lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <source>To give back: &lt;b&gt;%1&lt;/b&gt;</source>
        <translation>To give back: &lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Nothing to pay or give back.</source>
        <translation>Nothing to pay or give back.</translation>
    </message>
</context>
<context>
    <name>campdesk::GuestDetailsForm</name>
    <message>
        <source>e.g. 12가3456</source>
        <translation>e.g. 12가3456</translation>
    </message>
    <message>
        <source>Not given</source>
        <translation>Not given</translation>
    </message>
    <message>
        <source> m</source>
        <translation> m</translation>
    </message>
    <message>
        <source>Seen by staff only, e.g. arrives late, needs an electric hook-up</source>
        <translation>Seen by staff only, e.g. arrives late, needs an electric hook-up</translation>
    </message>
    <message>
        <source>Guest &amp;name</source>
        <translation>Guest &amp;name</translation>
    </message>
    <message>
        <source>&amp;Vehicles</source>
        <translation>&amp;Vehicles</translation>
    </message>
    <message>
        <source>E&amp;quipment</source>
        <translation>E&amp;quipment</translation>
    </message>
    <message>
        <source>Staff &amp;notes</source>
        <translation>Staff &amp;notes</translation>
    </message>
    <message>
        <source>The customer&apos;s name when left empty</source>
        <translation>The customer&apos;s name when left empty</translation>
    </message>
    <message>
        <source>%1 (the customer) when left empty</source>
        <translation>%1 (the customer) when left empty</translation>
    </message>
</context>
<context>
    <name>campdesk::HealthCheck</name>
    <message>
        <source>Overall: %1 (exit code %2)</source>
        <translation>Overall: %1 (exit code %2)</translation>
    </message>
    <message>
        <source>The database file %1 does not exist.</source>
        <translation>The database file %1 does not exist.</translation>
    </message>
    <message>
        <source>Schema version %1 is current.</source>
        <translation>Schema version %1 is current.</translation>
    </message>
    <message>
        <source>This is not a Campdesk database (no schema).</source>
        <translation>This is not a Campdesk database (no schema).</translation>
    </message>
    <message>
        <source>Schema version %1 is older than %2: start Campdesk once to upgrade it.</source>
        <translation>Schema version %1 is older than %2: start Campdesk once to upgrade it.</translation>
    </message>
    <message>
        <source>Schema version %1 is newer than this program knows (%2): install the newer Campdesk.</source>
        <translation>Schema version %1 is newer than this program knows (%2): install the newer Campdesk.</translation>
    </message>
    <message>
        <source>Every booking invariant holds.</source>
        <translation>Every booking invariant holds.</translation>
    </message>
    <message numerus="yes">
        <source>%n booking invariant violation(s): %1</source>
        <translation>
            <numerusform>%n booking invariant violation: %1</numerusform>
            <numerusform>%n booking invariant violations: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>No payment gateway is configured.</source>
        <translation>No payment gateway is configured.</translation>
    </message>
    <message>
        <source>The gateway address %1 is not valid.</source>
        <translation>The gateway address %1 is not valid.</translation>
    </message>
    <message>
        <source>no answer</source>
        <translation>no answer</translation>
    </message>
    <message>
        <source>%1 answered in %2 ms.</source>
        <translation>%1 answered in %2 ms.</translation>
    </message>
    <message>
        <source>%1 is not reachable: %2. Card payments at the kiosk will fail.</source>
        <translation>%1 is not reachable: %2. Card payments at the kiosk will fail.</translation>
    </message>
    <message>
        <source>The payment circuit breaker has never opened.</source>
        <translation>The payment circuit breaker has never opened.</translation>
    </message>
    <message>
        <source>The payment circuit breaker is closed (since %1).</source>
        <translation>The payment circuit breaker is closed (since %1).</translation>
    </message>
    <message>
        <source>The payment circuit breaker is %1 since %2: payments are paused.</source>
        <translation>The payment circuit breaker is %1 since %2: payments are paused.</translation>
    </message>
    <message>
        <source>No notification is waiting.</source>
        <translation>No notification is waiting.</translation>
    </message>
    <message>
        <source>No terminal was seen in the last %1.</source>
        <translation>No terminal was seen in the last %1.</translation>
    </message>
    <message numerus="yes">
        <source>%n s</source>
        <translation>
            <numerusform>%n s</numerusform>
            <numerusform>%n s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n min</source>
        <translation>
            <numerusform>%n min</numerusform>
            <numerusform>%n min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h</source>
        <translation>
            <numerusform>%n h</numerusform>
            <numerusform>%n h</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n notification(s) waiting, the oldest for %1.</source>
        <translation>
            <numerusform>%n notification waiting, for %1.</numerusform>
            <numerusform>%n notifications waiting, the oldest for %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n could not be sent and wait for a manager.</source>
        <translation>
            <numerusform>%n could not be sent and waits for a manager.</numerusform>
            <numerusform>%n could not be sent and wait for a manager.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n terminal(s) seen recently: %1</source>
        <translation>
            <numerusform>%n terminal seen recently: %1</numerusform>
            <numerusform>%n terminals seen recently: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Checked by campdesk --check (it reads every booking, too much to repeat every 30 seconds).</source>
        <translation>Checked by campdesk --check (it reads every booking, too much to repeat every 30 seconds).</translation>
    </message>
    <message>
        <source>No payment needs attention.</source>
        <translation>No payment needs attention.</translation>
    </message>
    <message numerus="yes">
        <source>%n payment(s) need attention; the oldest: %1 (%2)</source>
        <translation>
            <numerusform>%n payment needs attention: %1 (%2)</numerusform>
            <numerusform>%n payments need attention; the oldest: %1 (%2)</numerusform>
        </translation>
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
    <message>
        <source>Site %1 · %2
%3 – %4 · %5</source>
        <translation>Site %1 · %2
%3 – %4 · %5</translation>
    </message>
    <message>
        <source>Paid: %1</source>
        <translation>Paid: %1</translation>
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
    <message>
        <source>MMMM yyyy</source>
        <extracomment>The calendar&apos;s header: year and month in this language&apos;s order, e.g. &quot;2026년 12월&quot; or &quot;December 2026&quot;. Use QLocale date format letters: yyyy year, M month number, MMMM month name.</extracomment>
        <translation>MMMM yyyy</translation>
    </message>
</context>
<context>
    <name>campdesk::KioskExtrasPage</name>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>Points can be used on the next screen.</source>
        <translation>Points can be used on the next screen.</translation>
    </message>
    <message>
        <source>Extras and your price</source>
        <translation>Extras and your price</translation>
    </message>
    <message>
        <source>No extras are sold at this kiosk today. Ask at the front desk.</source>
        <translation>No extras are sold at this kiosk today. Ask at the front desk.</translation>
    </message>
    <message>
        <source>Your price</source>
        <translation>Your price</translation>
    </message>
    <message>
        <source>%1
%2 %3</source>
        <extracomment>an extra at the kiosk: &quot;장작
10,000원 (개당)&quot;</extracomment>
        <translation>%1
%2 %3</translation>
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
    <message>
        <source>The car number plate looks wrong: write it like 12가3456, or leave it empty.</source>
        <translation>The car number plate looks wrong: write it like 12가3456, or leave it empty.</translation>
    </message>
    <message>
        <source>Of them, children</source>
        <translation>Of them, children</translation>
    </message>
    <message>
        <source>Vehicles</source>
        <translation>Vehicles</translation>
    </message>
    <message>
        <source>Car plate (optional)</source>
        <translation>Car plate (optional)</translation>
    </message>
    <message>
        <source>e.g. 12가3456</source>
        <translation>e.g. 12가3456</translation>
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
    <name>campdesk::KioskKeyboard</name>
    <message>
        <source>Done</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>Space</source>
        <translation>Space</translation>
    </message>
</context>
<context>
    <name>campdesk::KioskMileagePage</name>
    <message>
        <source>Pay %1</source>
        <translation>Pay %1</translation>
    </message>
    <message>
        <source>Book with points</source>
        <translation>Book with points</translation>
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
    <message>
        <source>none</source>
        <translation>none</translation>
    </message>
    <message>
        <source>Check your booking</source>
        <translation>Check your booking</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>Site</translation>
    </message>
    <message>
        <source>Dates</source>
        <translation>Dates</translation>
    </message>
    <message>
        <source>%1 – %2 · %3</source>
        <translation>%1 – %2 · %3</translation>
    </message>
    <message numerus="yes">
        <source>%n night(s)</source>
        <translation>
            <numerusform>%n night</numerusform>
            <numerusform>%n nights</numerusform>
        </translation>
    </message>
    <message>
        <source>Guests</source>
        <translation>Guests</translation>
    </message>
    <message numerus="yes">
        <source>%n guest(s)</source>
        <translation>
            <numerusform>%n guest</numerusform>
            <numerusform>%n guests</numerusform>
        </translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Price</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>Points</translation>
    </message>
    <message>
        <source>To pay</source>
        <translation>To pay</translation>
    </message>
    <message>
        <source>Points can be used at the front desk only.</source>
        <translation>Points can be used at the front desk only.</translation>
    </message>
    <message>
        <source>Have points? We text a code to your phone so that only you can use them.</source>
        <translation>Have points? We text a code to your phone so that only you can use them.</translation>
    </message>
    <message>
        <source>Use my points</source>
        <translation>Use my points</translation>
    </message>
    <message>
        <source>Enter the 6-digit code we sent to your phone.</source>
        <translation>Enter the 6-digit code we sent to your phone.</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation>Confirm</translation>
    </message>
    <message>
        <source>Send a new code</source>
        <translation>Send a new code</translation>
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
    <message>
        <source>You have already used %1 points this booking earned, so %2 less is refunded.</source>
        <translation>You have already used %1 points this booking earned, so %2 less is refunded.</translation>
    </message>
    <message>
        <source>One moment, please…</source>
        <translation>One moment, please…</translation>
    </message>
    <message>
        <source>A site came free for you from the waitlist.
Site %1 · %2
%3 – %4 · %5
To pay: %6
Pay by %7 %8, or the site goes to the next person waiting.</source>
        <translation>A site came free for you from the waitlist.
Site %1 · %2
%3 – %4 · %5
To pay: %6
Pay by %7 %8, or the site goes to the next person waiting.</translation>
    </message>
    <message>
        <source>Pay now</source>
        <translation>Pay now</translation>
    </message>
    <message>
        <source>Balance due at check-in: %1 (paid at the front desk)</source>
        <translation>Balance due at check-in: %1 (paid at the front desk)</translation>
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
    <name>campdesk::KioskSession</name>
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
        <source>Payments are busy</source>
        <translation>Payments are busy</translation>
    </message>
    <message>
        <source>Payments are busy right now. Please try again in a little while, or pay at the front desk.</source>
        <translation>Payments are busy right now. Please try again in a little while, or pay at the front desk.</translation>
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
        <source>Campdesk: your code is %1. It is valid for 5 minutes. Never tell it to anyone.</source>
        <extracomment>A text message with the one-time code; %1 is the code.</extracomment>
        <translation>Campdesk: your code is %1. It is valid for 5 minutes. Never tell it to anyone.</translation>
    </message>
    <message>
        <source>The code could not be sent just now. You can use your points at the front desk.</source>
        <translation>The code could not be sent just now. You can use your points at the front desk.</translation>
    </message>
    <message>
        <source>We could not find a booking with this code and phone number. Please check both and try again.</source>
        <extracomment>Shown after a wrong booking code or phone number, whichever was wrong.</extracomment>
        <translation>We could not find a booking with this code and phone number. Please check both and try again.</translation>
    </message>
    <message numerus="yes">
        <source>Please wait %n second(s) before trying again.</source>
        <translation>
            <numerusform>Please wait %n second before trying again.</numerusform>
            <numerusform>Please wait %n seconds before trying again.</numerusform>
        </translation>
    </message>
    <message>
        <source>This offer can no longer be paid</source>
        <translation>This offer can no longer be paid</translation>
    </message>
    <message>
        <source>The site is no longer held for you. You can join the waitlist again or ask at the front desk.</source>
        <translation>The site is no longer held for you. You can join the waitlist again or ask at the front desk.</translation>
    </message>
    <message>
        <source>Site %1 is held for you until %2 at %3.</source>
        <translation>Site %1 is held for you until %2 at %3.</translation>
    </message>
    <message>
        <source>Pay with another card now, or come back with the same code before then.</source>
        <translation>Pay with another card now, or come back with the same code before then.</translation>
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
    <message numerus="yes">
        <source>Our largest site takes %n guest(s). Please book one site for each part of your group, or ask at the front desk.</source>
        <translation>
            <numerusform>Our largest site takes %n guest. Please book one site for each part of your group, or ask at the front desk.</numerusform>
            <numerusform>Our largest site takes %n guests. Please book one site for each part of your group, or ask at the front desk.</numerusform>
        </translation>
    </message>
    <message>
        <source>Site %1 is not free for your dates. Please choose a green round one.</source>
        <translation>Site %1 is not free for your dates. Please choose a green round one.</translation>
    </message>
    <message>
        <source>Show as list</source>
        <translation>Show as list</translation>
    </message>
    <message>
        <source>Show on map</source>
        <translation>Show on map</translation>
    </message>
    <message>
        <source>Free for your dates: tap to choose</source>
        <translation>Free for your dates: tap to choose</translation>
    </message>
    <message>
        <source>Not available</source>
        <translation>Not available</translation>
    </message>
    <message>
        <source>Join the waitlist for these dates</source>
        <translation>Join the waitlist for these dates</translation>
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
    <message>
        <source>This kiosk is not set up yet</source>
        <translation>This kiosk is not set up yet</translation>
    </message>
    <message>
        <source>Sorry — bookings are not taken here yet. Please go to the front desk.</source>
        <translation>Sorry — bookings are not taken here yet. Please go to the front desk.</translation>
    </message>
    <message>
        <source>The kiosk is being updated</source>
        <translation>The kiosk is being updated</translation>
    </message>
    <message>
        <source>Sorry — we cannot take bookings here for a few minutes while the system is being updated. Please go to the front desk, or come back shortly.</source>
        <translation>Sorry — we cannot take bookings here for a few minutes while the system is being updated. Please go to the front desk, or come back shortly.</translation>
    </message>
</context>
<context>
    <name>campdesk::KioskWaitlistPage</name>
    <message>
        <source>Join the waitlist</source>
        <translation>Join the waitlist</translation>
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
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Mobile phone</source>
        <translation>Mobile phone</translation>
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
        <source>You are on the waitlist. We will send you a text message if a site frees up for your dates.</source>
        <translation>You are on the waitlist. We will send you a text message if a site frees up for your dates.</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>Nothing is free for these dates. If a site frees up, we hold it for you and text you a booking code to pay here or at the front desk.</source>
        <translation>Nothing is free for these dates. If a site frees up, we hold it for you and text you a booking code to pay here or at the front desk.</translation>
    </message>
    <message>
        <source>Kind of site</source>
        <translation>Kind of site</translation>
    </message>
    <message>
        <source>Any kind</source>
        <translation>Any kind</translation>
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
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
</context>
<context>
    <name>campdesk::Logging</name>
    <message>
        <source>Cannot create the log folder %1.</source>
        <translation>Cannot create the log folder %1.</translation>
    </message>
    <message>
        <source>Cannot open the log file %1: %2</source>
        <translation>Cannot open the log file %1: %2</translation>
    </message>
</context>
<context>
    <name>campdesk::LoginDialog</name>
    <message>
        <source>Campdesk — Log in</source>
        <translation>Campdesk — Log in</translation>
    </message>
    <message>
        <source>&lt;b&gt;Campdesk&lt;/b&gt;&lt;br&gt;Log in with your staff account.</source>
        <translation>&lt;b&gt;Campdesk&lt;/b&gt;&lt;br&gt;Log in with your staff account.</translation>
    </message>
    <message>
        <source>e.g. manager</source>
        <translation>e.g. manager</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>&amp;User name:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Password:</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>Log in</translation>
    </message>
</context>
<context>
    <name>campdesk::MainWindow</name>
    <message>
        <source>Campsites</source>
        <translation>Campsites</translation>
    </message>
    <message>
        <source>Campdesk</source>
        <translation>Campdesk</translation>
    </message>
    <message>
        <source>Logged in as %1 (%2)</source>
        <translation>Logged in as %1 (%2)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Export…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Refresh</translation>
    </message>
    <message>
        <source>&amp;Next page</source>
        <translation>&amp;Next page</translation>
    </message>
    <message>
        <source>&amp;Previous page</source>
        <translation>&amp;Previous page</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>&amp;About Campdesk</source>
        <translation>&amp;About Campdesk</translation>
    </message>
    <message>
        <source>%1 (Ctrl+%2)</source>
        <translation>%1 (Ctrl+%2)</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV files (*.csv)</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>Could not write %1: %2</translation>
    </message>
    <message>
        <source>Exported to %1</source>
        <translation>Exported to %1</translation>
    </message>
    <message>
        <source>About Campdesk</source>
        <translation>About Campdesk</translation>
    </message>
    <message>
        <source>Campdesk %1
Campground reservations: admin, front desk and kiosk.

%2</source>
        <translation>Campdesk %1
Campground reservations: admin, front desk and kiosk.

%2</translation>
    </message>
    <message>
        <source>New &amp;booking…</source>
        <translation>New &amp;booking…</translation>
    </message>
    <message>
        <source>Availability</source>
        <translation>Availability</translation>
    </message>
    <message>
        <source>Reservations</source>
        <translation>Reservations</translation>
    </message>
    <message>
        <source>Payments</source>
        <translation>Payments</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>Customers</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>Users</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>Audit log</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>connected</translation>
    </message>
    <message>
        <source>not connected: changes cannot be saved</source>
        <translation>not connected: changes cannot be saved</translation>
    </message>
    <message>
        <source>&amp;Desk</source>
        <translation>&amp;Desk</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Main</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Dashboard</translation>
    </message>
    <message>
        <source>All campsites</source>
        <translation>All campsites</translation>
    </message>
    <message>
        <source>Reviews</source>
        <translation>Reviews</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>Notifications</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Language</translation>
    </message>
    <message>
        <source>Export cancelled</source>
        <translation>Export cancelled</translation>
    </message>
    <message>
        <source>Site map</source>
        <translation>Site map</translation>
    </message>
    <message>
        <source>Day sheets</source>
        <translation>Day sheets</translation>
    </message>
    <message>
        <source>Rates</source>
        <translation>Rates</translation>
    </message>
    <message>
        <source>Waitlist</source>
        <translation>Waitlist</translation>
    </message>
    <message>
        <source>&amp;Group booking…</source>
        <translation>&amp;Group booking…</translation>
    </message>
</context>
<context>
    <name>campdesk::MileageLedgerModel</name>
    <message>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Booking code</source>
        <translation>Booking code</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>Points</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>Balance</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
</context>
<context>
    <name>campdesk::Money</name>
    <message>
        <source>₩%1</source>
        <extracomment>%1 is an amount with digit grouping; Korean puts 원 after it: &quot;%1원&quot;</extracomment>
        <translation>₩%1</translation>
    </message>
</context>
<context>
    <name>campdesk::NotificationTableModel</name>
    <message>
        <source>Waiting</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Sent</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Failed</translation>
    </message>
    <message>
        <source>Cancellation</source>
        <translation>Cancellation</translation>
    </message>
    <message>
        <source>Confirmation</source>
        <translation>Confirmation</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>SMS / messenger</source>
        <translation>SMS / messenger</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>Queued</translation>
    </message>
    <message>
        <source>Booking</source>
        <translation>Booking</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Channel</translation>
    </message>
    <message>
        <source>To</source>
        <translation>To</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Attempts</translation>
    </message>
    <message>
        <source>Next attempt</source>
        <translation>Next attempt</translation>
    </message>
    <message>
        <source>Answer / error</source>
        <translation>Answer / error</translation>
    </message>
</context>
<context>
    <name>campdesk::NotificationsPage</name>
    <message>
        <source>&amp;Send again</source>
        <translation>&amp;Send again</translation>
    </message>
    <message>
        <source>Put a message that could not be sent back in the queue for a fresh set of attempts</source>
        <translation>Put a message that could not be sent back in the queue for a fresh set of attempts</translation>
    </message>
    <message>
        <source>All messages</source>
        <translation>All messages</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>Notifications</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message numerus="yes">
        <source>%n messages</source>
        <translation>
            <numerusform>%n message</numerusform>
            <numerusform>%n messages</numerusform>
        </translation>
    </message>
    <message>
        <source>Send again</source>
        <translation>Send again</translation>
    </message>
</context>
<context>
    <name>campdesk::NumberEdit</name>
    <message>
        <source>Enter a number.</source>
        <translation>Enter a number.</translation>
    </message>
    <message>
        <source>At least %1.</source>
        <translation>At least %1.</translation>
    </message>
    <message>
        <source>At most %1.</source>
        <translation>At most %1.</translation>
    </message>
    <message>
        <source>Enter a whole number.</source>
        <translation>Enter a whole number.</translation>
    </message>
    <message>
        <source>Cannot be negative.</source>
        <translation>Cannot be negative.</translation>
    </message>
</context>
<context>
    <name>campdesk::PagedQueryModel</name>
    <message>
        <source>Yes</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>No</source>
        <translation>No</translation>
    </message>
</context>
<context>
    <name>campdesk::PayerForm</name>
    <message>
        <source>010-1234-5678</source>
        <translation>010-1234-5678</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>optional</translation>
    </message>
    <message>
        <source>Korean</source>
        <translation>Korean</translation>
    </message>
    <message>
        <source>English</source>
        <translation>English</translation>
    </message>
    <message>
        <source>&amp;Phone</source>
        <translation>&amp;Phone</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;Name</translation>
    </message>
    <message>
        <source>&amp;E-mail</source>
        <translation>&amp;E-mail</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Language</translation>
    </message>
    <message>
        <source>Type the phone number to find the customer.</source>
        <translation>Type the phone number to find the customer.</translation>
    </message>
    <message>
        <source>Not a phone number yet.</source>
        <translation>Not a phone number yet.</translation>
    </message>
    <message>
        <source>Returning customer: %1</source>
        <translation>Returning customer: %1</translation>
    </message>
    <message>
        <source>New customer: fill in the name.</source>
        <translation>New customer: fill in the name.</translation>
    </message>
</context>
<context>
    <name>campdesk::PaymentStatusLabel</name>
    <message>
        <source>Card payments: paused (service busy)</source>
        <translation>Card payments: paused (service busy)</translation>
    </message>
    <message>
        <source>Since %1 the card payment service has been busy or not answering, so card payments and refunds are paused. Kiosk guests may come to the desk to pay.</source>
        <translation>Since %1 the card payment service has been busy or not answering, so card payments and refunds are paused. Kiosk guests may come to the desk to pay.</translation>
    </message>
    <message numerus="yes">
        <source>Campdesk tries the service again by itself after %n second(s).</source>
        <translation>
            <numerusform>Campdesk tries the service again by itself after %n second.</numerusform>
            <numerusform>Campdesk tries the service again by itself after %n seconds.</numerusform>
        </translation>
    </message>
    <message>
        <source>Card payments: testing</source>
        <translation>Card payments: testing</translation>
    </message>
    <message>
        <source>Since %1 Campdesk has been trying the card payment service again with a few payments.</source>
        <translation>Since %1 Campdesk has been trying the card payment service again with a few payments.</translation>
    </message>
    <message>
        <source>Card payments: available</source>
        <translation>Card payments: available</translation>
    </message>
    <message>
        <source>The card payment service has been working again since %1.</source>
        <translation>The card payment service has been working again since %1.</translation>
    </message>
    <message>
        <source>Reported by terminal %1.</source>
        <translation>Reported by terminal %1.</translation>
    </message>
</context>
<context>
    <name>campdesk::PaymentTableModel</name>
    <message>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Order</translation>
    </message>
    <message>
        <source>Booking code</source>
        <translation>Booking code</translation>
    </message>
    <message>
        <source>Guest</source>
        <translation>Guest</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>Provider</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Method</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>Refunded</source>
        <translation>Refunded</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>campdesk::PaymentsPage</name>
    <message>
        <source>Payments</source>
        <translation>Payments</translation>
    </message>
    <message>
        <source>Order, booking code, guest or phone</source>
        <translation>Order, booking code, guest or phone</translation>
    </message>
    <message>
        <source>All payments</source>
        <translation>All payments</translation>
    </message>
</context>
<context>
    <name>campdesk::RatePlan</name>
    <message>
        <source>Peak season</source>
        <translation>Peak season</translation>
    </message>
    <message>
        <source>Shoulder season</source>
        <translation>Shoulder season</translation>
    </message>
    <message>
        <source>Off season</source>
        <translation>Off season</translation>
    </message>
    <message>
        <source>Standard rate</source>
        <translation>Standard rate</translation>
    </message>
    <message>
        <source>holiday</source>
        <translation>holiday</translation>
    </message>
    <message>
        <source>weekend</source>
        <translation>weekend</translation>
    </message>
    <message>
        <source>weekday</source>
        <translation>weekday</translation>
    </message>
    <message>
        <source>Extra adult</source>
        <translation>Extra adult</translation>
    </message>
    <message>
        <source>Extra child</source>
        <translation>Extra child</translation>
    </message>
    <message>
        <source>Extra vehicle</source>
        <translation>Extra vehicle</translation>
    </message>
    <message>
        <source>Points used</source>
        <translation>Points used</translation>
    </message>
    <message numerus="yes">
        <source>%1 × %n night(s)</source>
        <translation>
            <numerusform>%1 × %n night</numerusform>
            <numerusform>%1 × %n nights</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 × %2</source>
        <extracomment>an extra person or vehicle line: &quot;Extra adult × 4&quot; (persons or vehicles times nights)</extracomment>
        <translation>%1 × %2</translation>
    </message>
    <message>
        <source>Kept for the nights given up</source>
        <translation>Kept for the nights given up</translation>
    </message>
</context>
<context>
    <name>campdesk::RatesPage</name>
    <message>
        <source>Seasons</source>
        <translation>Seasons</translation>
    </message>
    <message>
        <source>Holidays</source>
        <translation>Holidays</translation>
    </message>
    <message>
        <source>Closed dates</source>
        <translation>Closed dates</translation>
    </message>
    <message>
        <source>Guests and vehicles</source>
        <translation>Guests and vehicles</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Preview</translation>
    </message>
    <message>
        <source>Rates</source>
        <translation>Rates</translation>
    </message>
    <message>
        <source>New season</source>
        <translation>New season</translation>
    </message>
    <message>
        <source>Remove the season</source>
        <translation>Remove the season</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Band</source>
        <translation>Band</translation>
    </message>
    <message>
        <source>From (month-day)</source>
        <extracomment>the first and last day of a season, repeated every year</extracomment>
        <translation>From (month-day)</translation>
    </message>
    <message>
        <source>To (month-day)</source>
        <translation>To (month-day)</translation>
    </message>
    <message>
        <source>Minimum stay</source>
        <extracomment>unit after a number of nights</extracomment>
        <translation>Minimum stay</translation>
    </message>
    <message>
        <source>nights</source>
        <translation>nights</translation>
    </message>
    <message>
        <source>Minimum stay with a Saturday night</source>
        <translation>Minimum stay with a Saturday night</translation>
    </message>
    <message>
        <source>Site kind</source>
        <translation>Site kind</translation>
    </message>
    <message>
        <source>Weekday</source>
        <translation>Weekday</translation>
    </message>
    <message>
        <source>Weekend</source>
        <translation>Weekend</translation>
    </message>
    <message>
        <source>Holiday</source>
        <translation>Holiday</translation>
    </message>
    <message>
        <source>&amp;Save season</source>
        <translation>&amp;Save season</translation>
    </message>
    <message>
        <source>Season</source>
        <translation>Season</translation>
    </message>
    <message>
        <source>Prices per night in won. An empty weekend or holiday price is the weekday or weekend one; a kind without a weekday price keeps its sites&apos; own prices.</source>
        <translation>Prices per night in won. An empty weekend or holiday price is the weekday or weekend one; a kind without a weekday price keeps its sites&apos; own prices.</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Add or rename</source>
        <translation>Add or rename</translation>
    </message>
    <message>
        <source>Remove the holiday</source>
        <translation>Remove the holiday</translation>
    </message>
    <message>
        <source>A holiday night has the holiday price; the night before a holiday is priced as a weekend night.</source>
        <translation>A holiday night has the holiday price; the night before a holiday is priced as a weekend night.</translation>
    </message>
    <message>
        <source>From</source>
        <translation>From</translation>
    </message>
    <message>
        <source>To</source>
        <translation>To</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Close these dates</source>
        <translation>Close these dates</translation>
    </message>
    <message>
        <source>Open them again</source>
        <translation>Open them again</translation>
    </message>
    <message>
        <source>No night from the first to the last day (both included) can be booked.</source>
        <translation>No night from the first to the last day (both included) can be booked.</translation>
    </message>
    <message>
        <source>Extra adult</source>
        <translation>Extra adult</translation>
    </message>
    <message>
        <source>Extra child</source>
        <translation>Extra child</translation>
    </message>
    <message>
        <source>Extra vehicle</source>
        <translation>Extra vehicle</translation>
    </message>
    <message>
        <source>Vehicles included</source>
        <translation>Vehicles included</translation>
    </message>
    <message>
        <source>Campsite</source>
        <translation>Campsite</translation>
    </message>
    <message>
        <source>Most guests</source>
        <translation>Most guests</translation>
    </message>
    <message>
        <source>Guests included</source>
        <translation>Guests included</translation>
    </message>
    <message>
        <source>Save fees and counts</source>
        <translation>Save fees and counts</translation>
    </message>
    <message>
        <source>Fees per person or vehicle per night, in won, above what a site&apos;s price includes. 0 guests included: every guest up to the site&apos;s maximum.</source>
        <translation>Fees per person or vehicle per night, in won, above what a site&apos;s price includes. 0 guests included: every guest up to the site&apos;s maximum.</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>Month</translation>
    </message>
    <message>
        <source>Guests</source>
        <translation>Guests</translation>
    </message>
    <message>
        <source>of them children</source>
        <translation>of them children</translation>
    </message>
    <message>
        <source>Vehicles</source>
        <translation>Vehicles</translation>
    </message>
    <message>
        <source>Night</source>
        <translation>Night</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>Day</translation>
    </message>
    <message>
        <source>Night price</source>
        <translation>Night price</translation>
    </message>
    <message>
        <source>With the party</source>
        <translation>With the party</translation>
    </message>
    <message>
        <source>Enter a whole number of won.</source>
        <translation>Enter a whole number of won.</translation>
    </message>
    <message>
        <source>The guests included are between 0 (everyone) and the site&apos;s maximum of %1.</source>
        <translation>The guests included are between 0 (everyone) and the site&apos;s maximum of %1.</translation>
    </message>
    <message>
        <source>Extras</source>
        <translation>Extras</translation>
    </message>
    <message>
        <source>Site kind or site</source>
        <translation>Site kind or site</translation>
    </message>
    <message>
        <source>Add the site&apos;s own prices</source>
        <translation>Add the site&apos;s own prices</translation>
    </message>
    <message>
        <source>Remove the site&apos;s prices</source>
        <translation>Remove the site&apos;s prices</translation>
    </message>
    <message>
        <source>Site %1 %2</source>
        <extracomment>a row of the season&apos;s price table for one campsite, e.g. &quot;Site A-01 Riverside&quot;</extracomment>
        <translation>Site %1 %2</translation>
    </message>
    <message>
        <source>Site #%1</source>
        <translation>Site #%1</translation>
    </message>
</context>
<context>
    <name>campdesk::Reservation</name>
    <message>
        <source>Held (awaiting payment)</source>
        <translation>Held (awaiting payment)</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>Paid</translation>
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
        <source>Not completed</source>
        <translation>Not completed</translation>
    </message>
    <message>
        <source>No-show</source>
        <translation>No-show</translation>
    </message>
</context>
<context>
    <name>campdesk::ReservationDialog</name>
    <message>
        <source>Check &amp;in</source>
        <translation>Check &amp;in</translation>
    </message>
    <message>
        <source>Check &amp;out</source>
        <translation>Check &amp;out</translation>
    </message>
    <message>
        <source>&amp;Cancel booking…</source>
        <translation>&amp;Cancel booking…</translation>
    </message>
    <message>
        <source>&amp;Print receipt…</source>
        <translation>&amp;Print receipt…</translation>
    </message>
    <message>
        <source>Save receipt as &amp;PDF…</source>
        <translation>Save receipt as &amp;PDF…</translation>
    </message>
    <message>
        <source>Booking %1</source>
        <translation>Booking %1</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Campsite</source>
        <translation>Campsite</translation>
    </message>
    <message>
        <source>Guest</source>
        <translation>Guest</translation>
    </message>
    <message>
        <source>Stay</source>
        <translation>Stay</translation>
    </message>
    <message numerus="yes">
        <source>%1 – %2 (%n night(s))</source>
        <translation>
            <numerusform>%1 – %2 (%n night)</numerusform>
            <numerusform>%1 – %2 (%n nights)</numerusform>
        </translation>
    </message>
    <message>
        <source>Guests</source>
        <translation>Guests</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>Paid</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Channel</translation>
    </message>
    <message>
        <source>Refunded</source>
        <translation>Refunded</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Check-in opens on %1</source>
        <translation>Check-in opens on %1</translation>
    </message>
    <message>
        <source>receipt-%1.pdf</source>
        <translation>receipt-%1.pdf</translation>
    </message>
    <message>
        <source>Save receipt</source>
        <translation>Save receipt</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>Could not write %1: %2</translation>
    </message>
    <message>
        <source>Refunding through the payment provider…</source>
        <translation>Refunding through the payment provider…</translation>
    </message>
    <message>
        <source>Receipt saved to %1</source>
        <translation>Receipt saved to %1</translation>
    </message>
    <message>
        <source>Mark &amp;no-show…</source>
        <translation>Mark &amp;no-show…</translation>
    </message>
    <message>
        <source>&amp;Undo check-in</source>
        <translation>&amp;Undo check-in</translation>
    </message>
    <message>
        <source>&amp;Undo check-out</source>
        <translation>&amp;Undo check-out</translation>
    </message>
    <message>
        <source>%1 at %2 %3 (%4 – %5)</source>
        <translation>%1 at %2 %3 (%4 – %5)</translation>
    </message>
    <message>
        <source>Check in</source>
        <translation>Check in</translation>
    </message>
    <message>
        <source>Check in %1?</source>
        <translation>Check in %1?</translation>
    </message>
    <message>
        <source>Checking in…</source>
        <translation>Checking in…</translation>
    </message>
    <message>
        <source>Check out %1?</source>
        <translation>Check out %1?</translation>
    </message>
    <message>
        <source>Check out</source>
        <translation>Check out</translation>
    </message>
    <message>
        <source>Checking out…</source>
        <translation>Checking out…</translation>
    </message>
    <message>
        <source>Mark %1 as a no-show? The nights from today on become free, the points it earned are taken back and the customer is told. Refund by the rule: %2.</source>
        <translation>Mark %1 as a no-show? The nights from today on become free, the points it earned are taken back and the customer is told. Refund by the rule: %2.</translation>
    </message>
    <message>
        <source>No-show</source>
        <translation>No-show</translation>
    </message>
    <message>
        <source>Mark no-show</source>
        <translation>Mark no-show</translation>
    </message>
    <message>
        <source>Marking as a no-show…</source>
        <translation>Marking as a no-show…</translation>
    </message>
    <message>
        <source>Undo the check-out of %1? The guest is on site again.</source>
        <translation>Undo the check-out of %1? The guest is on site again.</translation>
    </message>
    <message>
        <source>Undo the check-in of %1? The booking is paid and waiting for the guest again.</source>
        <translation>Undo the check-in of %1? The booking is paid and waiting for the guest again.</translation>
    </message>
    <message>
        <source>Undo check-out</source>
        <translation>Undo check-out</translation>
    </message>
    <message>
        <source>Undo check-in</source>
        <translation>Undo check-in</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Undo</translation>
    </message>
    <message>
        <source>Undoing…</source>
        <translation>Undoing…</translation>
    </message>
    <message>
        <source>Guest details</source>
        <translation>Guest details</translation>
    </message>
    <message>
        <source>&amp;Save details</source>
        <translation>&amp;Save details</translation>
    </message>
    <message>
        <source>Guest details saved.</source>
        <translation>Guest details saved.</translation>
    </message>
    <message>
        <source>Staying</source>
        <translation>Staying</translation>
    </message>
    <message>
        <source>C&amp;hange…</source>
        <translation>C&amp;hange…</translation>
    </message>
    <message>
        <source>Move to another site, change the dates or the number of guests</source>
        <translation>Move to another site, change the dates or the number of guests</translation>
    </message>
    <message>
        <source>Extras</source>
        <translation>Extras</translation>
    </message>
    <message>
        <source>%1: %2 — used (not refunded)</source>
        <translation>%1: %2 — used (not refunded)</translation>
    </message>
    <message>
        <source>Balance due</source>
        <translation>Balance due</translation>
    </message>
    <message>
        <source>Cancel the whole &amp;group…</source>
        <translation>Cancel the whole &amp;group…</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Group</translation>
    </message>
    <message>
        <source>with %1</source>
        <translation>with %1</translation>
    </message>
    <message>
        <source>%1 %2: refund %3 (%4%)</source>
        <translation>%1 %2: refund %3 (%4%)</translation>
    </message>
    <message>
        <source>Cancel every site of group %1 still booked?</source>
        <translation>Cancel every site of group %1 still booked?</translation>
    </message>
    <message>
        <source>Refund in all: %1</source>
        <translation>Refund in all: %1</translation>
    </message>
    <message>
        <source>Cancel group</source>
        <translation>Cancel group</translation>
    </message>
    <message>
        <source>Cancel the &amp;group</source>
        <translation>Cancel the &amp;group</translation>
    </message>
    <message>
        <source>Chang&amp;e the whole group…</source>
        <translation>Chang&amp;e the whole group…</translation>
    </message>
    <message>
        <source>Move every site of the group by the same number of days, or make every stay longer or shorter</source>
        <translation>Move every site of the group by the same number of days, or make every stay longer or shorter</translation>
    </message>
    <message>
        <source>Changing every site of the group…</source>
        <translation>Changing every site of the group…</translation>
    </message>
    <message>
        <source>Take &amp;balance…</source>
        <translation>Take &amp;balance…</translation>
    </message>
    <message>
        <source>Take the balance still due (cash, card machine or card)</source>
        <translation>Take the balance still due (cash, card machine or card)</translation>
    </message>
    <message>
        <source>Balance due %1 — take payment now?</source>
        <translation>Balance due %1 — take payment now?</translation>
    </message>
    <message>
        <source>Take payment</source>
        <translation>Take payment</translation>
    </message>
    <message>
        <source>The balance of %1 stays due; it can be taken from the booking later.</source>
        <translation>The balance of %1 stays due; it can be taken from the booking later.</translation>
    </message>
</context>
<context>
    <name>campdesk::ReservationTableModel</name>
    <message>
        <source>Booking code</source>
        <translation>Booking code</translation>
    </message>
    <message>
        <source>Campsite</source>
        <translation>Campsite</translation>
    </message>
    <message>
        <source>Guest</source>
        <translation>Guest</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Phone</translation>
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
        <source>Nights</source>
        <translation>Nights</translation>
    </message>
    <message>
        <source>Guests</source>
        <translation>Guests</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>Paid</translation>
    </message>
    <message>
        <source>Points used</source>
        <translation>Points used</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Channel</translation>
    </message>
    <message>
        <source>Booked at</source>
        <translation>Booked at</translation>
    </message>
    <message>
        <source>Extras</source>
        <translation>Extras</translation>
    </message>
    <message>
        <source>Balance due</source>
        <translation>Balance due</translation>
    </message>
</context>
<context>
    <name>campdesk::ReservationsPage</name>
    <message>
        <source>Reservations</source>
        <translation>Reservations</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>&amp;Open…</translation>
    </message>
    <message>
        <source>Guest, phone or booking code</source>
        <translation>Guest, phone or booking code</translation>
    </message>
    <message>
        <source>All bookings</source>
        <translation>All bookings</translation>
    </message>
    <message>
        <source>Site %1 only (show all)</source>
        <extracomment>a filter button: only site A-01&apos;s bookings are shown; clicking shows every site again</extracomment>
        <translation>Site %1 only (show all)</translation>
    </message>
    <message>
        <source>Take the &amp;balance…</source>
        <translation>Take the &amp;balance…</translation>
    </message>
</context>
<context>
    <name>campdesk::RetireSiteDialog</name>
    <message>
        <source>Move &amp;all to free sites</source>
        <translation>Move &amp;all to free sites</translation>
    </message>
    <message>
        <source>&amp;Retire</source>
        <translation>&amp;Retire</translation>
    </message>
    <message>
        <source>Retire campsite %1</source>
        <translation>Retire campsite %1</translation>
    </message>
    <message>
        <source>Booking</source>
        <translation>Booking</translation>
    </message>
    <message>
        <source>Guest</source>
        <translation>Guest</translation>
    </message>
    <message>
        <source>Stay</source>
        <translation>Stay</translation>
    </message>
    <message>
        <source>Guests</source>
        <translation>Guests</translation>
    </message>
    <message>
        <source>Move each booking to a free site of the same kind for the same dates</source>
        <translation>Move each booking to a free site of the same kind for the same dates</translation>
    </message>
    <message>
        <source>Campsite %1 has no coming bookings left: it can be retired.</source>
        <translation>Campsite %1 has no coming bookings left: it can be retired.</translation>
    </message>
    <message numerus="yes">
        <source>Campsite %1 still has %n coming booking(s). Move them to other sites, then retire it.</source>
        <translation>
            <numerusform>Campsite %1 still has %n coming booking. Move it to another site, then retire the site.</numerusform>
            <numerusform>Campsite %1 still has %n coming bookings. Move them to other sites, then retire it.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 – %2</source>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <source>Move…</source>
        <translation>Move…</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation>%1 to %2</translation>
    </message>
    <message>
        <source>Moved: %1.</source>
        <translation>Moved: %1.</translation>
    </message>
    <message numerus="yes">
        <source>Not moved (%n):</source>
        <translation>
            <numerusform>Not moved (%n):</numerusform>
            <numerusform>Not moved (%n):</numerusform>
        </translation>
    </message>
    <message>
        <source>Moving…</source>
        <translation>Moving…</translation>
    </message>
</context>
<context>
    <name>campdesk::ReviewTableModel</name>
    <message>
        <source>Written</source>
        <translation>Written</translation>
    </message>
    <message>
        <source>Campsite</source>
        <translation>Campsite</translation>
    </message>
    <message>
        <source>Guest</source>
        <translation>Guest</translation>
    </message>
    <message>
        <source>Booking code</source>
        <translation>Booking code</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>Rating</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Review</translation>
    </message>
    <message>
        <source>Shown</source>
        <translation>Shown</translation>
    </message>
</context>
<context>
    <name>campdesk::ReviewsPage</name>
    <message>
        <source>Reviews</source>
        <translation>Reviews</translation>
    </message>
    <message>
        <source>&amp;Hide</source>
        <translation>&amp;Hide</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Delete…</translation>
    </message>
    <message>
        <source>Review, guest, phone, campsite or booking code</source>
        <translation>Review, guest, phone, campsite or booking code</translation>
    </message>
    <message>
        <source>All reviews</source>
        <translation>All reviews</translation>
    </message>
    <message>
        <source>Hidden only</source>
        <translation>Hidden only</translation>
    </message>
    <message>
        <source>&amp;Show again</source>
        <translation>&amp;Show again</translation>
    </message>
    <message>
        <source>Show this review on the kiosk again</source>
        <translation>Show this review on the kiosk again</translation>
    </message>
    <message>
        <source>Hide this review from the kiosk</source>
        <translation>Hide this review from the kiosk</translation>
    </message>
    <message>
        <source>Delete review</source>
        <translation>Delete review</translation>
    </message>
    <message>
        <source>Delete the review by %1 (booking %2)? It cannot be brought back, and the points it earned are taken back.</source>
        <translation>Delete the review by %1 (booking %2)? It cannot be brought back, and the points it earned are taken back.</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
</context>
<context>
    <name>campdesk::SecretStore</name>
    <message>
        <source>Cannot read the secrets file %1: %2</source>
        <translation>Cannot read the secrets file %1: %2</translation>
    </message>
    <message>
        <source>The secrets file %1 is damaged. Enter the secrets again.</source>
        <translation>The secrets file %1 is damaged. Enter the secrets again.</translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation>Cannot create the folder %1.</translation>
    </message>
    <message>
        <source>Cannot write the secrets file %1.</source>
        <translation>Cannot write the secrets file %1.</translation>
    </message>
</context>
<context>
    <name>campdesk::SettingsPage</name>
    <message>
        <source>&amp;Save rules</source>
        <translation>&amp;Save rules</translation>
    </message>
    <message>
        <source>Refund %</source>
        <translation>Refund %</translation>
    </message>
    <message>
        <source>Mileage</source>
        <translation>Mileage</translation>
    </message>
    <message>
        <source>Points per payment (of the amount paid)</source>
        <translation>Points per payment (of the amount paid)</translation>
    </message>
    <message>
        <source>Points per review</source>
        <extracomment>unit after a number of points</extracomment>
        <translation>Points per review</translation>
    </message>
    <message>
        <source>Bookings</source>
        <translation>Bookings</translation>
    </message>
    <message>
        <source>A held site waits for its payment</source>
        <extracomment>unit after a number of minutes</extracomment>
        <translation>A held site waits for its payment</translation>
    </message>
    <message>
        <source>Cancellation refunds</source>
        <translation>Cancellation refunds</translation>
    </message>
    <message>
        <source>Add a row</source>
        <translation>Add a row</translation>
    </message>
    <message>
        <source>Remove the row</source>
        <translation>Remove the row</translation>
    </message>
    <message>
        <source>The row with the most days that still fits applies.</source>
        <translation>The row with the most days that still fits applies.</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>A5 sheet</source>
        <translation>A5 sheet</translation>
    </message>
    <message>
        <source>80 mm receipt roll</source>
        <translation>80 mm receipt roll</translation>
    </message>
    <message>
        <source>points</source>
        <translation>points</translation>
    </message>
    <message>
        <source>minutes</source>
        <translation>minutes</translation>
    </message>
    <message>
        <source>Highest nightly price</source>
        <extracomment>unit after a price</extracomment>
        <translation>Highest nightly price</translation>
    </message>
    <message>
        <source>won</source>
        <translation>won</translation>
    </message>
    <message>
        <source>Campground (printed on receipts)</source>
        <translation>Campground (printed on receipts)</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>Business registration number</source>
        <translation>Business registration number</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>Receipt paper</source>
        <translation>Receipt paper</translation>
    </message>
    <message>
        <source>Enter a number, e.g. 5 or 2.5.</source>
        <translation>Enter a number, e.g. 5 or 2.5.</translation>
    </message>
    <message>
        <source>No deposit: pay in full</source>
        <translation>No deposit: pay in full</translation>
    </message>
    <message>
        <source>A percentage of the price</source>
        <translation>A percentage of the price</translation>
    </message>
    <message>
        <source>A fixed amount</source>
        <translation>A fixed amount</translation>
    </message>
    <message>
        <source>Deposit</source>
        <translation>Deposit</translation>
    </message>
    <message>
        <source>Percentage</source>
        <translation>Percentage</translation>
    </message>
    <message>
        <source>Fixed amount</source>
        <extracomment>unit after a price</extracomment>
        <translation>Fixed amount</translation>
    </message>
    <message>
        <source>May be marked from, the day after check-in</source>
        <translation>May be marked from, the day after check-in</translation>
    </message>
    <message>
        <source>Refund of what was paid</source>
        <translation>Refund of what was paid</translation>
    </message>
    <message>
        <source>Mark them automatically after that time</source>
        <translation>Mark them automatically after that time</translation>
    </message>
    <message>
        <source>Days before check-in</source>
        <translation>Days before check-in</translation>
    </message>
    <message>
        <source>The refund applies when the booking is cancelled at least this many days before check-in.</source>
        <translation>The refund applies when the booking is cancelled at least this many days before check-in.</translation>
    </message>
    <message>
        <source>The share of what was paid that is given back.</source>
        <translation>The share of what was paid that is given back.</translation>
    </message>
    <message>
        <source>Waitlist</source>
        <translation>Waitlist</translation>
    </message>
    <message>
        <source>An offer holds the site for</source>
        <extracomment>unit after a number of minutes</extracomment>
        <translation>An offer holds the site for</translation>
    </message>
    <message>
        <source>Deposits</source>
        <translation>Deposits</translation>
    </message>
    <message>
        <source>Desk and phone bookings; the kiosk takes the full amount. The balance is taken at check-in.</source>
        <translation>Desk and phone bookings; the kiosk takes the full amount. The balance is taken at check-in.</translation>
    </message>
    <message>
        <source>No-shows</source>
        <translation>No-shows</translation>
    </message>
    <message>
        <source>Confirmed bookings nobody arrived for.</source>
        <translation>Confirmed bookings nobody arrived for.</translation>
    </message>
    <message>
        <source>Extras earn points too</source>
        <translation>Extras earn points too</translation>
    </message>
    <message>
        <source>When off, a payment earns points only on its share of the stay (nights, extra persons, vehicles), not on firewood, electricity or other extras.</source>
        <translation>When off, a payment earns points only on its share of the stay (nights, extra persons, vehicles), not on firewood, electricity or other extras.</translation>
    </message>
</context>
<context>
    <name>campdesk::SiteBlockDialog</name>
    <message>
        <source>Block %1</source>
        <translation>Block %1</translation>
    </message>
    <message>
        <source>e.g. new deck being built</source>
        <translation>e.g. new deck being built</translation>
    </message>
    <message>
        <source>&amp;Block</source>
        <translation>&amp;Block</translation>
    </message>
    <message>
        <source>&amp;First night</source>
        <translation>&amp;First night</translation>
    </message>
    <message>
        <source>&amp;Open again on</source>
        <translation>&amp;Open again on</translation>
    </message>
    <message>
        <source>&amp;What for</source>
        <translation>&amp;What for</translation>
    </message>
    <message>
        <source>&amp;Reason</source>
        <translation>&amp;Reason</translation>
    </message>
    <message>
        <source>No booking can be made for %1 on these nights.</source>
        <translation>No booking can be made for %1 on these nights.</translation>
    </message>
    <message>
        <source>Customers see this reason at the kiosk when they pick these nights. Do not write a guest&apos;s name or anything private.</source>
        <translation>Customers see this reason at the kiosk when they pick these nights. Do not write a guest&apos;s name or anything private.</translation>
    </message>
</context>
<context>
    <name>campdesk::SiteMapPage</name>
    <message>
        <source>Edit map</source>
        <translation>Edit map</translation>
    </message>
    <message>
        <source>Choose picture…</source>
        <translation>Choose picture…</translation>
    </message>
    <message>
        <source>Take off the map</source>
        <translation>Take off the map</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Add a map picture…</source>
        <translation>Add a map picture…</translation>
    </message>
    <message>
        <source>No site map yet. Choose a picture of the campground (a drawing, a plan or an aerial photo) and place the sites on it.</source>
        <translation>No site map yet. Choose a picture of the campground (a drawing, a plan or an aerial photo) and place the sites on it.</translation>
    </message>
    <message>
        <source>No site map yet. A manager can add a picture of the campground.</source>
        <translation>No site map yet. A manager can add a picture of the campground.</translation>
    </message>
    <message>
        <source>Drag a marker to move it. Sites not on the map yet are listed here: pick one, then click the map where it is.</source>
        <translation>Drag a marker to move it. Sites not on the map yet are listed here: pick one, then click the map where it is.</translation>
    </message>
    <message numerus="yes">
        <source>%n site(s) on the map</source>
        <translation>
            <numerusform>%n site on the map</numerusform>
            <numerusform>%n sites on the map</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n not placed</source>
        <translation>
            <numerusform>%n not placed</numerusform>
            <numerusform>%n not placed</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose the campground picture</source>
        <translation>Choose the campground picture</translation>
    </message>
    <message>
        <source>This file is not a picture Campdesk can read (PNG, JPEG, GIF, BMP or WebP).</source>
        <translation>This file is not a picture Campdesk can read (PNG, JPEG, GIF, BMP or WebP).</translation>
    </message>
    <message>
        <source>The picture is larger than %1 MB. Save it smaller (e.g. as JPEG) and choose it again.</source>
        <translation>The picture is larger than %1 MB. Save it smaller (e.g. as JPEG) and choose it again.</translation>
    </message>
</context>
<context>
    <name>campdesk::SiteMapView</name>
    <message>
        <source>Free</source>
        <translation>Free</translation>
    </message>
    <message>
        <source>Occupied</source>
        <translation>Occupied</translation>
    </message>
    <message>
        <source>Arriving today</source>
        <translation>Arriving today</translation>
    </message>
    <message>
        <source>Departing today</source>
        <translation>Departing today</translation>
    </message>
    <message>
        <source>Blocked (maintenance)</source>
        <translation>Blocked (maintenance)</translation>
    </message>
</context>
<context>
    <name>campdesk::SitePhotosEditor</name>
    <message>
        <source>Add photo…</source>
        <translation>Add photo…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>Move earlier</source>
        <translation>Move earlier</translation>
    </message>
    <message>
        <source>Move later</source>
        <translation>Move later</translation>
    </message>
    <message>
        <source>e.g. View from the terrace</source>
        <translation>e.g. View from the terrace</translation>
    </message>
    <message>
        <source>Up to %1 photos; the first is shown on the kiosk. Large photos are scaled down to %2 pixels. Changes here are saved at once.</source>
        <translation>Up to %1 photos; the first is shown on the kiosk. Large photos are scaled down to %2 pixels. Changes here are saved at once.</translation>
    </message>
    <message>
        <source>Ca&amp;ption:</source>
        <translation>Ca&amp;ption:</translation>
    </message>
    <message>
        <source>Photo %1</source>
        <translation>Photo %1</translation>
    </message>
    <message>
        <source>Choose a photo of the site</source>
        <translation>Choose a photo of the site</translation>
    </message>
</context>
<context>
    <name>campdesk::StatusPage</name>
    <message>
        <source>Checking...</source>
        <translation>Checking...</translation>
    </message>
    <message>
        <source>Refresh now</source>
        <translation>Refresh now</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Check</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Terminal</source>
        <translation>Terminal</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Host</translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation>Last seen</translation>
    </message>
    <message>
        <source>Payment breaker:</source>
        <translation>Payment breaker:</translation>
    </message>
    <message>
        <source>Outbox:</source>
        <translation>Outbox:</translation>
    </message>
    <message>
        <source>Last event:</source>
        <translation>Last event:</translation>
    </message>
    <message>
        <source>Database size:</source>
        <translation>Database size:</translation>
    </message>
    <message>
        <source>Health checks</source>
        <translation>Health checks</translation>
    </message>
    <message>
        <source>Terminals seen recently</source>
        <translation>Terminals seen recently</translation>
    </message>
    <message>
        <source>Recent log</source>
        <translation>Recent log</translation>
    </message>
    <message>
        <source>HEALTHY</source>
        <translation>HEALTHY</translation>
    </message>
    <message>
        <source>DEGRADED</source>
        <translation>DEGRADED</translation>
    </message>
    <message>
        <source>DOWN</source>
        <translation>DOWN</translation>
    </message>
    <message>
        <source>Checked %1</source>
        <translation>Checked %1</translation>
    </message>
    <message>
        <source>not checked</source>
        <translation>not checked</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>degraded</source>
        <translation>degraded</translation>
    </message>
    <message>
        <source>down</source>
        <translation>down</translation>
    </message>
    <message>
        <source>unknown (the database is not reachable)</source>
        <translation>unknown (the database is not reachable)</translation>
    </message>
    <message>
        <source>%1 from %2 at %3</source>
        <translation>%1 from %2 at %3</translation>
    </message>
    <message>
        <source>none yet</source>
        <translation>none yet</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unknown</translation>
    </message>
    <message>
        <source>Booking</source>
        <translation>Booking</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>Owed (won)</source>
        <translation>Owed (won)</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>Since</translation>
    </message>
    <message>
        <source>Tries</source>
        <translation>Tries</translation>
    </message>
    <message>
        <source>Next try</source>
        <translation>Next try</translation>
    </message>
    <message>
        <source>Payments that need attention</source>
        <translation>Payments that need attention</translation>
    </message>
    <message>
        <source>Payments that need attention (%1)</source>
        <translation>Payments that need attention (%1)</translation>
    </message>
    <message>
        <source>by a manager</source>
        <translation>by a manager</translation>
    </message>
    <message>
        <source>How was it settled? (needed to mark it resolved)</source>
        <translation>How was it settled? (needed to mark it resolved)</translation>
    </message>
    <message>
        <source>Retry now</source>
        <translation>Retry now</translation>
    </message>
    <message>
        <source>Ask the payment service again at the next run (within a minute) instead of waiting.</source>
        <translation>Ask the payment service again at the next run (within a minute) instead of waiting.</translation>
    </message>
    <message>
        <source>Mark resolved</source>
        <translation>Mark resolved</translation>
    </message>
    <message>
        <source>Settled by hand (for example refunded at the payment service&apos;s own site).</source>
        <translation>Settled by hand (for example refunded at the payment service&apos;s own site).</translation>
    </message>
    <message>
        <source>The payment is tried again at the reconciler&apos;s next run.</source>
        <translation>The payment is tried again at the reconciler&apos;s next run.</translation>
    </message>
    <message>
        <source>Marked resolved.</source>
        <translation>Marked resolved.</translation>
    </message>
</context>
<context>
    <name>campdesk::TablePage</name>
    <message>
        <source>Any</source>
        <translation>Any</translation>
    </message>
    <message>
        <source>From</source>
        <translation>From</translation>
    </message>
    <message>
        <source>to</source>
        <translation>to</translation>
    </message>
    <message numerus="yes">
        <source>%n rows loaded; more load as you scroll</source>
        <translation>
            <numerusform>%n row loaded; more load as you scroll</numerusform>
            <numerusform>%n rows loaded; more load as you scroll</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n rows</source>
        <translation>
            <numerusform>%n row</numerusform>
            <numerusform>%n rows</numerusform>
        </translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Export</translation>
    </message>
    <message numerus="yes">
        <source>%n rows written</source>
        <translation>
            <numerusform>%n row written</numerusform>
            <numerusform>%n rows written</numerusform>
        </translation>
    </message>
    <message>
        <source>Reading rows…</source>
        <translation>Reading rows…</translation>
    </message>
</context>
<context>
    <name>campdesk::TerminalRuntime</name>
    <message>
        <source>Changes made on other terminals may show late: %1</source>
        <translation>Changes made on other terminals may show late: %1</translation>
    </message>
    <message>
        <source>Notifications are not being sent yet: %1</source>
        <translation>Notifications are not being sent yet: %1</translation>
    </message>
    <message>
        <source>%1 (allowed by this terminal&apos;s settings).</source>
        <translation>%1 (allowed by this terminal&apos;s settings).</translation>
    </message>
    <message>
        <source>%1: refused. Use an encrypted connection, or allow plain connections in this terminal&apos;s settings.</source>
        <translation>%1: refused. Use an encrypted connection, or allow plain connections in this terminal&apos;s settings.</translation>
    </message>
</context>
<context>
    <name>campdesk::TerminalSettings</name>
    <message>
        <source>The database must be a SQLite file path or a postgresql:// address.</source>
        <translation>The database must be a SQLite file path or a postgresql:// address.</translation>
    </message>
    <message>
        <source>The PostgreSQL address must look like postgresql://user@host:port/database.</source>
        <translation>The PostgreSQL address must look like postgresql://user@host:port/database.</translation>
    </message>
    <message>
        <source>The database address contains a password. Keep passwords in the secret store, not in the settings file.</source>
        <translation>The database address contains a password. Keep passwords in the secret store, not in the settings file.</translation>
    </message>
    <message>
        <source>The terminal name must be 1 to 64 characters.</source>
        <translation>The terminal name must be 1 to 64 characters.</translation>
    </message>
    <message>
        <source>The terminal name must not contain control characters.</source>
        <translation>The terminal name must not contain control characters.</translation>
    </message>
    <message>
        <source>The terminal kind must be &quot;admin&quot; or &quot;kiosk&quot;.</source>
        <translation>The terminal kind must be &quot;admin&quot; or &quot;kiosk&quot;.</translation>
    </message>
    <message>
        <source>The language must be &quot;ko&quot; or &quot;en&quot;.</source>
        <translation>The language must be &quot;ko&quot; or &quot;en&quot;.</translation>
    </message>
    <message>
        <source>The kiosk idle time must be a whole number of seconds from 15 to 3600.</source>
        <translation>The kiosk idle time must be a whole number of seconds from 15 to 3600.</translation>
    </message>
    <message>
        <source>The SMTP port must be a number from 1 to 65535.</source>
        <translation>The SMTP port must be a number from 1 to 65535.</translation>
    </message>
    <message>
        <source>The SMTP security must be &quot;none&quot;, &quot;starttls&quot; or &quot;tls&quot;.</source>
        <translation>The SMTP security must be &quot;none&quot;, &quot;starttls&quot; or &quot;tls&quot;.</translation>
    </message>
    <message>
        <source>The address must be an http:// or https:// URL.</source>
        <translation>The address must be an http:// or https:// URL.</translation>
    </message>
    <message>
        <source>The address contains a password. Keep passwords in the secret store, not in the settings file.</source>
        <translation>The address contains a password. Keep passwords in the secret store, not in the settings file.</translation>
    </message>
    <message>
        <source>The SMTP host must be a host name or address.</source>
        <translation>The SMTP host must be a host name or address.</translation>
    </message>
    <message>
        <source>The settings file %1 could not be read; it was moved to %2 and the defaults are used.</source>
        <translation>The settings file %1 could not be read; it was moved to %2 and the defaults are used.</translation>
    </message>
    <message>
        <source>it is not a single plain value</source>
        <translation>it is not a single plain value</translation>
    </message>
    <message>
        <source>Setting %1 in %2 is not valid (%3); the default is used.</source>
        <translation>Setting %1 in %2 is not valid (%3); the default is used.</translation>
    </message>
    <message>
        <source>Cannot write the settings file %1.</source>
        <translation>Cannot write the settings file %1.</translation>
    </message>
    <message>
        <source>Plain connections must be allowed with &quot;true&quot; or refused with &quot;false&quot;.</source>
        <translation>Plain connections must be allowed with &quot;true&quot; or refused with &quot;false&quot;.</translation>
    </message>
    <message>
        <source>The payment gateway</source>
        <translation>The payment gateway</translation>
    </message>
    <message>
        <source>The SMS webhook</source>
        <translation>The SMS webhook</translation>
    </message>
    <message>
        <source>Training mode must be switched on with &quot;true&quot; or off with &quot;false&quot;.</source>
        <translation>Training mode must be switched on with &quot;true&quot; or off with &quot;false&quot;.</translation>
    </message>
    <message>
        <source>Setting %1 in %2 is not one this program reads; it is ignored.</source>
        <translation>Setting %1 in %2 is not one this program reads; it is ignored.</translation>
    </message>
</context>
<context>
    <name>campdesk::TransportSecurity</name>
    <message>
        <source>%1 at %2 is plain http:// (not encrypted)</source>
        <translation>%1 at %2 is plain http:// (not encrypted)</translation>
    </message>
    <message>
        <source>E-mail (SMTP) to %1 is not encrypted</source>
        <translation>E-mail (SMTP) to %1 is not encrypted</translation>
    </message>
    <message>
        <source>The PostgreSQL connection to %1 may be unencrypted (sslmode=%2)</source>
        <translation>The PostgreSQL connection to %1 may be unencrypted (sslmode=%2)</translation>
    </message>
    <message>
        <source>The PostgreSQL address asks for sslmode=%1, which may send the data and the password in clear text to %2. Use sslmode=verify-full (or require), or allow plain connections with security/allowPlainConnections=true in this terminal&apos;s settings.</source>
        <translation>The PostgreSQL address asks for sslmode=%1, which may send the data and the password in clear text to %2. Use sslmode=verify-full (or require), or allow plain connections with security/allowPlainConnections=true in this terminal&apos;s settings.</translation>
    </message>
</context>
<context>
    <name>campdesk::UnsavedChanges</name>
    <message>
        <source>Unsaved changes</source>
        <translation>Unsaved changes</translation>
    </message>
    <message>
        <source>Close without saving? What you typed will be lost.</source>
        <translation>Close without saving? What you typed will be lost.</translation>
    </message>
    <message>
        <source>Discard changes</source>
        <translation>Discard changes</translation>
    </message>
</context>
<context>
    <name>campdesk::UserDialog</name>
    <message>
        <source>New user</source>
        <translation>New user</translation>
    </message>
    <message>
        <source>&amp;Username</source>
        <translation>&amp;Username</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;Name</translation>
    </message>
    <message>
        <source>&amp;Role</source>
        <translation>&amp;Role</translation>
    </message>
    <message>
        <source>New password for %1</source>
        <translation>New password for %1</translation>
    </message>
    <message>
        <source>&amp;Password</source>
        <translation>&amp;Password</translation>
    </message>
    <message>
        <source>Re&amp;peat</source>
        <translation>Re&amp;peat</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>The two passwords differ.</translation>
    </message>
</context>
<context>
    <name>campdesk::UserTableModel</name>
    <message>
        <source>Active</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>Deactivated</source>
        <translation>Deactivated</translation>
    </message>
    <message>
        <source>Locked until %1</source>
        <translation>Locked until %1</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>Username</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Account</translation>
    </message>
    <message>
        <source>Lockout</source>
        <translation>Lockout</translation>
    </message>
</context>
<context>
    <name>campdesk::UsersPage</name>
    <message>
        <source>&amp;New user…</source>
        <translation>&amp;New user…</translation>
    </message>
    <message>
        <source>Change &amp;role</source>
        <translation>Change &amp;role</translation>
    </message>
    <message>
        <source>&amp;Deactivate / reactivate</source>
        <translation>&amp;Deactivate / reactivate</translation>
    </message>
    <message>
        <source>Reset &amp;password…</source>
        <translation>Reset &amp;password…</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>Users</translation>
    </message>
    <message>
        <source>Change role</source>
        <translation>Change role</translation>
    </message>
    <message>
        <source>Make %1 a %2?</source>
        <translation>Make %1 a %2?</translation>
    </message>
</context>
<context>
    <name>campdesk::Validation</name>
    <message>
        <source>%1 is required.</source>
        <translation>%1 is required.</translation>
    </message>
    <message>
        <source>%1 must be at least %2 characters.</source>
        <translation>%1 must be at least %2 characters.</translation>
    </message>
    <message>
        <source>%1 can be at most %2 characters.</source>
        <translation>%1 can be at most %2 characters.</translation>
    </message>
    <message>
        <source>%1 contains characters that cannot be used.</source>
        <translation>%1 contains characters that cannot be used.</translation>
    </message>
    <message>
        <source>%1 cannot be negative.</source>
        <translation>%1 cannot be negative.</translation>
    </message>
    <message>
        <source>%1 must be more than 0 won.</source>
        <translation>%1 must be more than 0 won.</translation>
    </message>
    <message>
        <source>%1 is too large.</source>
        <translation>%1 is too large.</translation>
    </message>
    <message>
        <source>A fee cannot be negative.</source>
        <translation>A fee cannot be negative.</translation>
    </message>
    <message>
        <source>A price cannot be negative.</source>
        <translation>A price cannot be negative.</translation>
    </message>
    <message>
        <source>A fee can be at most %1 won (the highest nightly price in Settings).</source>
        <translation>A fee can be at most %1 won (the highest nightly price in Settings).</translation>
    </message>
    <message>
        <source>A price can be at most %1 won (the highest nightly price in Settings).</source>
        <translation>A price can be at most %1 won (the highest nightly price in Settings).</translation>
    </message>
</context>
<context>
    <name>campdesk::WaitlistPage</name>
    <message>
        <source>Move &amp;up</source>
        <translation>Move &amp;up</translation>
    </message>
    <message>
        <source>Move &amp;down</source>
        <translation>Move &amp;down</translation>
    </message>
    <message>
        <source>&amp;Offer a site…</source>
        <translation>&amp;Offer a site…</translation>
    </message>
    <message>
        <source>Hold a free site for this customer now and send them the offer</source>
        <translation>Hold a free site for this customer now and send them the offer</translation>
    </message>
    <message>
        <source>&amp;Take payment…</source>
        <translation>&amp;Take payment…</translation>
    </message>
    <message>
        <source>The customer pays the offered booking at the desk: it is confirmed</source>
        <translation>The customer pays the offered booking at the desk: it is confirmed</translation>
    </message>
    <message>
        <source>&amp;Remove…</source>
        <translation>&amp;Remove…</translation>
    </message>
    <message>
        <source>Waiting and offered</source>
        <translation>Waiting and offered</translation>
    </message>
    <message>
        <source>All entries</source>
        <translation>All entries</translation>
    </message>
    <message>
        <source>Name or phone</source>
        <translation>Name or phone</translation>
    </message>
    <message>
        <source>Waitlist</source>
        <translation>Waitlist</translation>
    </message>
    <message numerus="yes">
        <source>%n entries</source>
        <translation>
            <numerusform>%n entry</numerusform>
            <numerusform>%n entries</numerusform>
        </translation>
    </message>
    <message>
        <source>Offer a site</source>
        <translation>Offer a site</translation>
    </message>
    <message numerus="yes">
        <source>Hold a free site for %1 (%2, %n night(s) from %3) and send them the offer now, ahead of the entries before them?</source>
        <translation>
            <numerusform>Hold a free site for %1 (%2, %n night from %3) and send them the offer now, ahead of the entries before them?</numerusform>
            <numerusform>Hold a free site for %1 (%2, %n nights from %3) and send them the offer now, ahead of the entries before them?</numerusform>
        </translation>
    </message>
    <message>
        <source>Offer</source>
        <translation>Offer</translation>
    </message>
    <message>
        <source>Site %1 is held for %2 as booking %3; the offer was sent.</source>
        <translation>Site %1 is held for %2 as booking %3; the offer was sent.</translation>
    </message>
    <message>
        <source>Take payment</source>
        <translation>Take payment</translation>
    </message>
    <message>
        <source>Take the payment for booking %1 (site %2) from %3 at the desk and confirm it?</source>
        <translation>Take the payment for booking %1 (site %2) from %3 at the desk and confirm it?</translation>
    </message>
    <message>
        <source>Booking %1 is confirmed.</source>
        <translation>Booking %1 is confirmed.</translation>
    </message>
    <message>
        <source>Remove %1 (%2) from the waitlist? The site held for them (%3) is released for the next entry.</source>
        <translation>Remove %1 (%2) from the waitlist? The site held for them (%3) is released for the next entry.</translation>
    </message>
    <message>
        <source>Remove %1 (%2) from the waitlist?</source>
        <translation>Remove %1 (%2) from the waitlist?</translation>
    </message>
    <message>
        <source>Remove from the waitlist</source>
        <translation>Remove from the waitlist</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Remove</translation>
    </message>
</context>
<context>
    <name>campdesk::WaitlistTableModel</name>
    <message>
        <source>Any</source>
        <translation>Any</translation>
    </message>
    <message>
        <source>Kiosk</source>
        <translation>Kiosk</translation>
    </message>
    <message>
        <source>Desk</source>
        <translation>Desk</translation>
    </message>
    <message>
        <source>#</source>
        <extracomment>the place in the waitlist&apos;s order</extracomment>
        <translation>#</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
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
        <source>Check-in</source>
        <translation>Check-in</translation>
    </message>
    <message>
        <source>Nights</source>
        <translation>Nights</translation>
    </message>
    <message>
        <source>Guests</source>
        <translation>Guests</translation>
    </message>
    <message>
        <source>Site kind</source>
        <translation>Site kind</translation>
    </message>
    <message>
        <source>Offered site</source>
        <translation>Offered site</translation>
    </message>
    <message>
        <source>Offer ends</source>
        <translation>Offer ends</translation>
    </message>
    <message>
        <source>Joined at</source>
        <translation>Joined at</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Database to use: a SQLite file path or postgresql://user@host:port/db.</source>
        <translation>Database to use: a SQLite file path or postgresql://user@host:port/db.</translation>
    </message>
    <message>
        <source>This terminal&apos;s settings file.</source>
        <translation>This terminal&apos;s settings file.</translation>
    </message>
    <message>
        <source>Campground reservations: admin app, front desk and walk-in kiosk.</source>
        <translation>Campground reservations: admin app, front desk and walk-in kiosk.</translation>
    </message>
    <message>
        <source>Run as the locked-down walk-in kiosk.</source>
        <translation>Run as the locked-down walk-in kiosk.</translation>
    </message>
    <message>
        <source>Backup of %1 written to %2.</source>
        <translation>Backup of %1 written to %2.</translation>
    </message>
    <message>
        <source>Restored from %1.</source>
        <translation>Restored from %1.</translation>
    </message>
    <message>
        <source>The previous database was kept as %1.</source>
        <translation>The previous database was kept as %1.</translation>
    </message>
    <message>
        <source>Write a consistent backup of the database to FILE, even while terminals are using it.</source>
        <translation>Write a consistent backup of the database to FILE, even while terminals are using it.</translation>
    </message>
    <message>
        <source>Replace the database with the backup FILE after checking it; close every terminal first. The current database is kept as a .before-restore copy.</source>
        <translation>Replace the database with the backup FILE after checking it; close every terminal first. The current database is kept as a .before-restore copy.</translation>
    </message>
    <message>
        <source>With --check: print the report as JSON.</source>
        <translation>With --check: print the report as JSON.</translation>
    </message>
    <message>
        <source>Check the database, schema, payment gateway and outbox; exit 0 healthy, 1 degraded, 2 down.</source>
        <translation>Check the database, schema, payment gateway and outbox; exit 0 healthy, 1 degraded, 2 down.</translation>
    </message>
    <message>
        <source>Give the database with --database.</source>
        <translation>Give the database with --database.</translation>
    </message>
    <message>
        <source>The read model was rebuilt from %1.</source>
        <translation>The read model was rebuilt from %1.</translation>
    </message>
    <message>
        <source>none</source>
        <translation>none</translation>
    </message>
    <message>
        <source>set: %1; not set: %2</source>
        <translation>set: %1; not set: %2</translation>
    </message>
    <message>
        <source>Nothing needed correcting.</source>
        <translation>Nothing needed correcting.</translation>
    </message>
    <message numerus="yes">
        <source>Corrected %n figure(s):</source>
        <translation>
            <numerusform>Corrected %n figure:</numerusform>
            <numerusform>Corrected %n figures:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Not fixed by a rebuild (%n problem(s)); see campdesk --check:</source>
        <translation>
            <numerusform>Not fixed by a rebuild (%n problem); see campdesk --check:</numerusform>
            <numerusform>Not fixed by a rebuild (%n problems); see campdesk --check:</numerusform>
        </translation>
    </message>
    <message>
        <source>Recompute the campsite overview and daily statistics from the reservations, payments and reviews, and list what changed (exit 1 when problems a rebuild cannot fix remain).</source>
        <translation>Recompute the campsite overview and daily statistics from the reservations, payments and reviews, and list what changed (exit 1 when problems a rebuild cannot fix remain).</translation>
    </message>
    <message>
        <source>Fill a fresh database with a demo campground and two demo accounts, and print their passwords (admin app only).</source>
        <translation>Fill a fresh database with a demo campground and two demo accounts, and print their passwords (admin app only).</translation>
    </message>
</context>
</TS>
