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
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
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
        <translation type="unfinished">Cannot create the folder %1.</translation>
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
        <source>The booking invariants checker is not built in.</source>
        <translation>The booking invariants checker is not built in.</translation>
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
    <name>campdesk::MainWindow</name>
    <message>
        <source>Campdesk</source>
        <translation type="unfinished"></translation>
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
