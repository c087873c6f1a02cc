<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
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
        <source>The server wants a password and none was given (none in the form, PGPASSWORD or the password file).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s pg_hba.conf has no rule that lets this user connect from here to this database.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That database or role does not exist on this server.</source>
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
        <source>SSL is required by these settings but the server does not offer it: lower sslmode or enable SSL on the server.</source>
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
