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
            <numerusform>A password has at least %n characters.</numerusform>
            <numerusform>A password has at least %n characters.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>A password has at most %n characters.</source>
        <translation>
            <numerusform>A password has at most %n characters.</numerusform>
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
        <source> won</source>
        <extracomment>suffix of a price field in won, with its leading space</extracomment>
        <translation> won</translation>
    </message>
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
</context>
</TS>
