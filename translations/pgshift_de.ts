<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>pgshift::app::Command</name>
    <message>
        <source>Test the source and/or target connection</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pgshift::app::CommandLine</name>
    <message>
        <source>unknown command &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage: pgshift [--verbose] [COMMAND [OPTIONS]]

Moves a PostgreSQL database to another PostgreSQL server by dump and restore,
by logical replication, or with AWS DMS.
Without a command, pgshift opens the migration wizard.

Options:
  -h, --help     Show this help and exit.
  -v, --version  Show pgshift&apos;s version and exit.
  --verbose      Also write log lines to standard error.
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>
Commands:
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>
Run &apos;pgshift COMMAND --help&apos; for a command&apos;s options.
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>
Exit status: 0 success, 1 the operation failed, 2 bad usage.
</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pgshift::app::ConnectionOptions</name>
    <message>
        <source>The source database: a URI, key=value string or service=NAME (default: $PGSHIFT_SOURCE).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The target database: a URI, key=value string or service=NAME (default: $PGSHIFT_TARGET).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--%1 is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 connection: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pgshift: warning: the %1 password is on the command line, where other users of this computer can see it (ps). Prefer ~/.pgpass, PGPASSWORD, or leave it out to be asked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password for %1 (%2): </source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pgshift::app::Ping</name>
    <message>
        <source>  FAILED      %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>could not connect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  details     %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  server      PostgreSQL %1%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (standby)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  database    %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  user        %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no special attributes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  wal_level   %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  user tables %1 in %2 schema(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  round trip  %1 ms (connect %2 ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tests the source and/or target connection and prints what the wizard&apos;s Test button shows. Exit status: 0 every connection works, 1 one failed (or the target is the source itself), 2 bad usage.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unexpected argument &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>give --source and/or --target (or set PGSHIFT_SOURCE, PGSHIFT_TARGET)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pgshift::core::ConnectionSettings</name>
    <message>
        <source>The connection string is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>out of memory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not a valid connection string: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No host given: enter the server&apos;s host name or address (for a local Unix socket, its directory, such as /var/run/postgresql).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The port must be a number from 1 to 65535, not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sslmode &quot;%1&quot; is not one of: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>channel_binding &quot;%1&quot; is not one of: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The root certificate file %1 does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connect_timeout must be a whole number of seconds, not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pgshift::core::DatabaseIdentity</name>
    <message>
        <source>The target is a physical standby of the source (same system identifier): it is read-only and already a copy. Choose another target server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The target is the source database itself (database &quot;%1&quot; on the same server). Migrating a database onto itself would destroy it. Choose another target.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The target database &quot;%1&quot; is on the same server as the source database &quot;%2&quot;. That works, but the copy competes with the source for the same disk and memory.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pgshift::core::PgError</name>
    <message>
        <source>The server rejected the password for this user.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server does not allow this login: check pg_hba.conf (or the provider&apos;s network rules) and that the role may log in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That database does not exist on this server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server has no free connection slots left.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The user lacks a privilege this step needs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The statement was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The session or database is read-only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deadlock: another session held locks this statement needed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server is shutting down, restarting or not yet accepting connections.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection to the server failed or was lost.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s pg_hba.conf has no rule that lets this user connect from here to this database.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing is listening at that address and port: the server is down, or the host or port is wrong.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server did not answer in time: a firewall may be dropping the traffic, or the host is not a PostgreSQL server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The host name could not be resolved: check its spelling and your DNS.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server requires SSL: set sslmode to require or stricter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server has no free connection slots left for ordinary users.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server sent no result (out of memory or the connection was lost).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Out of memory while connecting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DETAIL: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HINT: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CONTEXT: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SQLSTATE: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server wants a password and none was given: not directly, not in PGPASSWORD, not in the password file (~/.pgpass).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server accepts this login only over SSL: set sslmode to require or stricter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That user (role) does not exist on this server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>These settings require SSL but the server does not offer it: lower sslmode or enable SSL on the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s certificate could not be verified: check sslrootcert, or use sslmode=require to encrypt without verifying.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>channel_binding=require needs SCRAM authentication over SSL, and the server did not use it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pgshift::widgets::ConnectionForm</name>
    <message>
        <source>Provider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P&amp;rovider:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection string</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste postgresql://user:password@host:5432/db or host=... dbname=...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Fill in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection &amp;string:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>empty: ~/.pgpass or PGPASSWORD</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>optional: a name from pg_service.conf</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P&amp;ort:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Host:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Database:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ser&amp;vice:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SSL mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(default: prefer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SSL root certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>optional: CA certificate file for verify-ca / verify-full</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channel binding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;hannel binding:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SS&amp;L mode:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Root &amp;certificate:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filled in from the connection string.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kept without a field of their own: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PGHOST: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Root certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificates (*.crt *.pem *.cer);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pgshift::widgets::ConnectionTestView</name>
    <message>
        <source>superuser</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>replication</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>member of rds_replication</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>member of pg_create_subscription</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bypasses row-level security</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no special attributes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>wal_level:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Round trip:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Testing the connection…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection failed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PostgreSQL %1%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (standby, read-only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1, %2, %n user table(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1 ms (connecting took %2 ms)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pgshift::widgets::LogView</name>
    <message>
        <source>Minimum level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Debug and above</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Info and above</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warnings and errors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Errors only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search the log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the lines shown to the clipboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;lear</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n line(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pgshift::widgets::PasswordKeychain</name>
    <message>
        <source>pgshift was built without keychain support.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pgshift::widgets::ProfileBar</name>
    <message>
        <source>Password taken from the system keychain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password saved in the system keychain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The keychain did not take the password: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save as…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dele&amp;te</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remember &amp;password in the system keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sa&amp;ved:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved &quot;%1&quot; (without the password).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loaded &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pgshift::wizard::ConnectionPage</name>
    <message>
        <source>Source database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database to migrate from. pgshift only reads from it until cutover.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database to migrate to, for example on PlanetScale Postgres. It should be empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>and %n more schema(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The target database already holds %n user table(s), in: %1. pgshift never drops existing objects; tables with the same names as the source&apos;s will make the copy fail.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pgshift::wizard::MigrationWizard</name>
    <message>
        <source>pgshift: PostgreSQL migration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pgshift log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show what pgshift did and every SQL statement it ran</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pgshift::wizard::WelcomePage</name>
    <message>
        <source>Welcome to pgshift</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move a PostgreSQL database to another PostgreSQL server, one checked step at a time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pgshift copies a database from Amazon Aurora or RDS, Neon, Supabase, Google Cloud SQL or your own server to PlanetScale Postgres or any PostgreSQL 10 or newer server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1. Connect to the source and the target and test both connections.
2. Check every prerequisite; each finding comes with its fix.
3. Copy the data with the method that fits your downtime budget, watching progress live.
4. Cut over: stop writes, catch up, move sequences ahead, validate, switch.
Every SQL statement is shown before it runs and written to the log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write downtime</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Best for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How it works</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dump and restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The whole copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Databases that can take a maintenance window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Schema and data copied in parallel from one consistent snapshot, then indexes and constraints, then a row-count check.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logical replication</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seconds, at cutover</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Production databases that must stay online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The target subscribes to the source and stays in sync until you cut over. Needs wal_level = logical on the source.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AWS DMS assisted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seconds to minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Teams already running AWS Database Migration Service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pgshift prepares the schema and the DMS task files, then does what DMS leaves undone: constraints, indexes, sequences, validation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Three ways to migrate</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
