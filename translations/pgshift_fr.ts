<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>pgshift::app::CheckCommand</name>
    <message>
        <source>Checks every prerequisite of a migration and prints the findings with their fixes. Exit status: 0 no blocker, 1 blockers found, 2 the checks could not run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dump, logical or dms (default: logical).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>text, json or markdown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--method must be dump, logical or dms, not &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--format must be text, json or markdown, not &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the checks could not run: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pgshift::app::ChecklistOptions</name>
    <message>
        <source>Make these roles read-only in the source database and end their sessions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make the whole source database read-only and end every other session.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run the checklist with writes stopped by you (the application is stopped); pgshift blocks nothing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sequence margin in increments (default 10000).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Validate with a checksum of every table&apos;s rows as well as exact row counts (reads every row twice).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>give one of --block-writes, --block-database and --writes-stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>give --block-writes or --block-database, not both</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--block-writes needs at least one role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--margin must be a whole number of increments, 0 or more, not &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--margin and --checksums belong to the checklist: add --writes-stopped, --block-writes or --block-database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checklist:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sessions the write block ends now:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy complete and every checklist step done. Write downtime: %1 s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cutover complete. Write downtime: %1 s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Point the application at the target (its password as before):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The source stays read-only for what was blocked; pgshift cutover --reenable-writes with the same --block-* option and endpoints lifts it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pgshift %1 FAILED: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writes are allowed again on the source.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writes are allowed again on the source; replication is still running.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re-enabling writes failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pgshift::app::Command</name>
    <message>
        <source>Test the source and/or target connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check every prerequisite of a migration, with fixes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the database, or some schemas and tables (dump and restore)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logical replication: start it, follow its status, clean it up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move the target&apos;s sequences ahead of the source&apos;s (print, or --apply)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cut over a logical replication: stop writes, catch up, sequences, validate, end it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Two throwaway local servers with a sample shop, to try pgshift on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AWS DMS, schema first: plan (schema, task files) and finish (keys, sequences, counts)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unexpected argument &apos;%1&apos;</source>
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
    <message>
        <source>demo takes no arguments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown language &apos;%1&apos;: pgshift speaks %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage: pgshift [--verbose] [COMMAND [OPTIONS]]

Moves a PostgreSQL database to another PostgreSQL server by dump and restore,
by logical replication, or with AWS DMS.
Without a command, pgshift opens the migration wizard; &apos;pgshift demo&apos; opens it
on a sandbox: two throwaway local servers, deleted when the wizard closes.

Options:
  -h, --help     Show this help and exit.
  -v, --version  Show pgshift&apos;s version and exit.
  --verbose      Also write log lines to standard error.
  --lang CODE    Speak this language (de, en, es, fr, ja) instead of the system&apos;s.
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
    <message>
        <source>give --source and --target (or set PGSHIFT_SOURCE and PGSHIFT_TARGET)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot connect to the %1 (%2): %3
%4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>give --source and --target (or set PGSHIFT_SOURCE and PGSHIFT_TARGET); no replication started by pgshift is saved to fall back on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>give --source and --target; the saved replication cannot be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Following the replication pgshift started %1: %2 -&gt; %3 (saved in %4)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pgshift::app::CopyCommand</name>
    <message>
        <source>Show this help.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Do not ask for confirmation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--jobs must be a number from 1 to 64, not &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not on a terminal: add --yes to copy without confirmation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The copy did NOT complete:</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n table(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n sequence(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n large object(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Copy %1 of %2
  to %3?
This creates the schema and the data on the target. [y/N] </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ETA %1:%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 tables done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The copy was cancelled and did NOT complete.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It left these objects on the target:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To remove them, run this SQL on the target:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied %1 (%2 rows, %3), %4 and %5 in %6 s; every table&apos;s row count matches on both sides.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The archive is in %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parallel workers (default %1: one per core, 2 to 8).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stream (default): rows streamed server to server; pg_dump: pg_dump -Fd -j N into --archive-dir, then pg_restore -j N.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder for the pg_dump engine&apos;s archive, kept afterwards; must be new or empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy this schema (repeatable). Quote names with capitals or dots: &apos;&quot;Sales&quot;&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy this table, as table or schema.table (repeatable); partitions of a partitioned table come with it. Its schema&apos;s types and functions must exist on the target.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--engine must be stream or pg_dump, not &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--engine pg_dump needs --archive-dir DIR for the archive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--archive-dir goes with --engine pg_dump</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copies the source database, or some of its schemas and tables, to the target: schema, data (in parallel, from one consistent snapshot), indexes and constraints, sequences, large objects, then compares every table&apos;s exact row count on both sides. Stop writes to the source first, or let pgshift run the short cutover checklist around the copy: writes stopped (--writes-stopped, --block-writes or --block-database), the copy, sequences moved ahead, row counts (and with --checksums row checksums) compared, the target&apos;s connection string; a failure re-enables writes. Ctrl+C cancels and lists what was created on the target, with the SQL that drops it. Exit status: 0 the copy and its verification succeeded, 1 they did not, 2 bad usage.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pgshift::app::CutoverCommand</name>
    <message>
        <source>Cut over a running logical replication: pre-checks, stop writes on the source, catch up, move the sequences ahead, compare exact row counts, end replication, and print the target&apos;s connection string. It stops at the first failure and re-enables writes on the source, replication still running. After a success the write block stays (pgshift cutover --reenable-writes lifts it).
Without --block-writes or --block-database you confirm that the application is stopped.
Without --source/--target it follows the replication pgshift saved.
Exit status: 0 every step succeeded, 1 a step failed, 2 bad usage.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seconds to wait for the catch-up (default 300).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lag in bytes the pre-checks accept (default 1 MiB).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Publication name (default pgshift_pub).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subscription name (default pgshift_sub).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replication slot name (default: the subscription&apos;s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only lift the write block of an earlier cutover (give the same --block-* option).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Do not ask for confirmation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--timeout must be a number of seconds, 1 or more, not &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--max-lag must be a number of bytes, not &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--reenable-writes needs the --block-writes or --block-database option the cutover used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writes are allowed again on the source.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not on a terminal: add --yes to cut over without confirmation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Is the application stopped, so that nothing writes to the source any more? Cut over now? [y/N] </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop writes on the source and cut over now? [y/N] </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling the cutover…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pgshift::app::DmsCommand</name>
    <message>
        <source>Only this schema (repeatable).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only this table, as table or schema.table (repeatable).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage: pgshift dms plan|finish [options]
  plan    create the target&apos;s schema (foreign keys held back) and write the DMS task settings, table mapping, endpoint attributes and aws CLI commands
  finish  after DMS loaded the data: stop writes, catch up, add the foreign keys, move the sequences ahead, compare row counts
pgshift dms plan --help and pgshift dms finish --help list the options.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>say plan or finish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown subcommand &apos;%1&apos;: say plan or finish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prepare an AWS DMS migration, schema first: create the schema on the target with its foreign keys held back (so DMS can load the tables in any order), then write into --out the task settings, the table mapping, the endpoints&apos; extra connection attributes, the aws CLI commands (with placeholders for ARNs and passwords) and the held-back keys. pgshift never handles AWS credentials.
Exit status: 0 done, 1 failed (the target as the error says), 2 bad usage.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder for the files (created if missing).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DMS task identifier (default pgshift-dms).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slot name DMS is to use on the source (default pgshift_dms).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A task without ongoing changes (no slot).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Limited LOB mode: values over KB kilobytes are cut (default: full LOB mode).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tables DMS loads at a time (default 8).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Turn DMS&apos;s row-level validation off.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--out DIR is required: the folder for the DMS files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--limited-lobs must be a number of kilobytes, 1 or more, not &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--parallel-tables must be a number, not &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Creating the schema on the target, foreign keys held back…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The schema copy created %n object(s) on the target first; drop them before planning again.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Schema created on the target; %n table(s) in the mapping.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>No foreign key to hold back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n foreign key(s) held back until pgshift dms finish:</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Files written:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next: run the aws CLI commands in aws-commands.sh; once the full load is done (and, with ongoing changes, the lag is small), run pgshift dms finish.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finish an AWS DMS migration after its full load: refresh materialized views, stop writes on the source, wait until DMS confirms the source&apos;s last WAL position on its slot, copy large objects, add the foreign keys held back (all or none, after counting the rows that would break each), move the sequences ahead, compare exact row counts. It stops at the first failure and re-enables writes.
Without --block-writes or --block-database you confirm that the application is stopped.
Exit status: 0 every step succeeded, 1 a step failed, 2 bad usage.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DMS&apos;s slot on the source (default pgshift_dms).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The task had no ongoing changes: no catch-up.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seconds to wait for the catch-up (default 300).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Do not ask for confirmation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--timeout must be a number of seconds, 1 or more, not &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not on a terminal: add --yes to finish without confirmation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Is the application stopped, so that nothing writes to the source any more? Finish now? [y/N] </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop writes on the source and finish now? [y/N] </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Then stop and delete the DMS task and endpoints (section 4 of aws-commands.sh).</source>
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
    <name>pgshift::app::ReplicateCommand</name>
    <message>
        <source>Source unreachable: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target unreachable: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No subscription on the target.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tables ready: %1 of %2%3</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source> (%n copying now)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>, %1 rows so far</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lag: %1, %2 s; WAL kept by the slot: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The apply worker is not running%1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (subscription disabled)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Errors so far: %1 apply, %2 initial copy (see the target&apos;s server log).</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n deferred secondary index(es) still to build.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>READY for cutover.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not ready for cutover yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The initial copy reports errors; see the target&apos;s server log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Initial copy: %1 of %2 tables ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Steps:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note: the subscription keeps the source&apos;s password on the target (in pg_subscription) until cleanup drops it. A dedicated role with only REPLICATION and SELECT on the published tables limits what it can do.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replication was NOT started:</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Replication started: the target is copying %n table(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Stopped waiting; replication goes on. Follow it with &apos;pgshift replicate status&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every table finished its initial copy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Built %n deferred secondary index(es).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>pgshift objects still there (other runs, or names given differently):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, keeping %1 of WAL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No pgshift slot, publication or subscription is left on either side.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logical replication from the source to the target.
  start    copy the schema, publish on the source, subscribe on the target, wait for the initial
           copy, then build the deferred secondary indexes
  status   tables&apos; sync states, lag in bytes and seconds, WAL kept, readiness for cutover
  cleanup  drop the subscription, the slot and the publication; list other pgshift leftovers
Exit status: 0 done, 1 failed (or, for status, a server or the subscription is missing), 2 bad usage.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>start, status or cleanup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Publication name (default pgshift_pub).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subscription name (default pgshift_sub).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replication slot name (default: the subscription&apos;s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replicate this schema (repeatable).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replicate this table (repeatable).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parallel sessions for the schema and the index builds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create every index before the initial copy (slower copy; by default secondary indexes are built after it).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>start: return once the subscription exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>status: text or json.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>status: print again every 2 seconds until Ctrl+C.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lag in bytes under which cutover is ready (default 1 MiB).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>start: do not ask for confirmation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>say what to do: start, status or cleanup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--jobs must be a number from 1 to 64, not &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--max-lag must be a number of bytes, not &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--format must be text or json, not &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not on a terminal: add --yes to start replication without confirmation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start replicating %1 of %2
  to %3? [y/N] </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not save the replication&apos;s state: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Received by the target: %1 behind the source; reported back: %2 behind</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pgshift::app::SandboxCommand</name>
    <message>
        <source>no sandbox is running (pgshift sandbox start makes one)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n sandboxes exist: name one with --dir</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>no sandbox in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Throwaway passwords, also in %1 (mode 0600; `. %1` sets PGSHIFT_SOURCE and PGSHIFT_TARGET). The servers listen on 127.0.0.1 only and run until pgshift sandbox stop.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No sandbox.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>started %1 by %2, %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pgshift sandbox start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pgshift %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>kept until pgshift sandbox stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>removed when that pgshift ends</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>STOPPED</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connection strings: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped and deleted %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writing about %1 operations a second for %2 s…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writing about %1 operations a second; Ctrl+C stops.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 inserts, %2 updates, %3 deletes, %4 refused.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last refusal: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Two throwaway PostgreSQL servers on this computer (127.0.0.1 only), a source with a sample shop (about 100,000 rows, sequences, identity columns, foreign keys, a partitioned table, a materialized view, a table without a primary key, a large object) and an empty target, for trying pgshift.
  start      start them, print both connection strings (with their throwaway passwords)
  status     list the sandboxes and whether their servers run
  stop       stop the servers and delete everything (--dir DIR or all when there are several)
  workload   write on the source like an application (--rate per second, --seconds)
Exit status: 0 done, 1 failed, 2 bad usage.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sandbox&apos;s directory (status lists them), or all for stop.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Workload operations per second (default 5).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the workload after this many seconds (default: Ctrl+C).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>say start, status, stop or workload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--rate must be a number from 0.1 to 1000, not &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--seconds must be a whole number, not &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown action &apos;%1&apos;: say start, status, stop or workload</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pgshift::app::SequencesCommand</name>
    <message>
        <source>The setval() statements that move every sequence of the target past its source, read from the source&apos;s pg_sequences (nextval() is never called there). A sequence moves a margin of increments ahead (down for descending ones), never past its MINVALUE/MAXVALUE; never-used ones stay at their start. Prints the script; --apply runs it on the target in one transaction and checks that every target sequence is ahead.
Exit status: 0 done (and, with --apply, every sequence ahead), 1 failed, 2 bad usage.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Increments ahead of the source (default %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Instead of --margin: read the sequences twice %1 s apart and allow for SECONDS of cutover at the fastest rate seen, three times over.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run the statements on the target, then verify.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only this schema&apos;s sequences (repeatable).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only the sequences this table owns (repeatable).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>give --margin or --rate-window, not both</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--margin must be a whole number of increments, 0 or more, not &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--rate-window must be a number of seconds from 1 to 86400, not &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>give --source (or set PGSHIFT_SOURCE)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--apply needs --target (or PGSHIFT_TARGET)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the sequences again in %1 s to measure their rate…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n sequence(s) of %1, margin %2 increments</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Set %n sequence(s) on the target.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n target sequence(s) are not ahead of the source.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Verified: every target sequence is ahead of its source.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pgshift::core::ArchiveCopy</name>
    <message>
        <source>The pg_dump engine needs a folder for its archive.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The archive folder %1 is not empty; choose a new or empty one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create the archive folder %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pg_dump is writing the archive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pg_dump into %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pg_dump: %1 of %2 tables written to the archive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pg_restore is loading the archive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pg_restore from %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pgshift::core::ClientToolsCheck</name>
    <message>
        <source>pg_dump, pg_restore and psql</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (not found)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (newest found: %2 at %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Found: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Missing at version %1 or newer: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pg_dump refuses to dump a server newer than itself, and every method copies the schema with it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Install the PostgreSQL %1 client programs (Debian and Ubuntu: apt install postgresql-client-%1 from apt.postgresql.org; macOS: brew install postgresql@%1), or point PGSHIFT_PG_CLIENT_BINDIR at their directory.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pgshift::core::CompatibilityCheck</name>
    <message>
        <source>Encoding, collation, tablespaces and owners</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source: encoding %1, collation %2, ctype %3. Target: encoding %4, collation %5, ctype %6.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Different encodings: text the target&apos;s encoding cannot represent fails to load. Create the target database with ENCODING &apos;%1&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Different collations sort text differently: indexes are rebuilt on the target, and ORDER BY results may change. Compare them before cutover.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tablespaces in use: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pgshift creates everything in the target&apos;s default tablespace.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Owners not on the target: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Objects will belong to the target user (--no-owner); create these roles on the target first if ownership matters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>These differences do not stop the copy, but change what arrives.</source>
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
    <name>pgshift::core::CopyProgressTracker</name>
    <message>
        <source>Preparing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Creating the schema</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copying the data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Creating constraints, triggers and the rest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Setting sequences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copying large objects</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Analyzing the target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verifying row counts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finished</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pgshift::core::CopyRun</name>
    <message>
        <source>%1 %2 or newer was not found; the prerequisites check names the package to install.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was not found; the prerequisites check names the package to install.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>exit status %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The source has no schema named %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The source has no table named %1.%2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to copy: %1 holds no table.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>schema %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The target already has objects of these names; nothing was copied. Drop them on the target or choose another target database: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write a temporary file: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dumping the schema (pg_dump --section=pre-data)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read pg_dump&apos;s output: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Creating the schema on the target (nothing of it was kept)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Setting the sequences failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copying the large objects failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ANALYZE failed on the target: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A worker could not connect: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 rows on the source, %3 on the target.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not list what the copy created on the target: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create a temporary folder: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dumping indexes, constraints and triggers (pg_dump --section=post-data)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pg_restore --list failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Creating constraints, triggers and the rest on the target (pg_restore)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pgshift::core::CopyScope</name>
    <message>
        <source>&apos;%1&apos; is not a schema name (quote names with dots or capitals: &quot;My.Schema&quot;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a table name; write table or schema.table, quoting parts with dots or capitals: &quot;My Schema&quot;.&quot;My.Table&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the whole database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>schemas %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tables %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pgshift::core::Cutover</name>
    <message>
        <source>waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FAILED</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>skipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pre-checks: subscription enabled and streaming, every table ready, lag at most %1 bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>both</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>source</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Catch up: wait until the target confirms the source&apos;s WAL position taken after writes stopped (at most %n second(s))</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Sequences: every target sequence %1 increments ahead of its source, then verified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Validate: exact row counts of every table equal on both sides</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End replication: drop the subscription (and with it the slot on the source) and the publication</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Point the application at the target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a server is unreachable: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no subscription %1 on the target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the subscription is disabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the subscription&apos;s apply worker is not running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 tables ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n deferred index(es) not built yet</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>lag %1 bytes, over %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not ready: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n table(s) ready, lag %1 bytes</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>confirmed by you</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>new transactions are read-only; %n session(s) ended</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The target did not confirm %1 within %n second(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>the target confirmed %1 after %2 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target sequences not ahead: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n sequence(s) set and verified ahead</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1.%2: %3 on the source, %4 on the target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1.%2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n table(s) equal, %1 rows</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>The slot %1 is gone from the source.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The copy failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n table(s), %1 rows copied</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1.%2: %3 rows on both, but their checksums differ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tables differ: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n table(s) equal in rows and checksums, %1 rows</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Copy: schema, data (%1 engine, %n job(s)), indexes and constraints</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Validate: exact row counts and a checksum of every table equal on both sides</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not refresh: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no materialized view to refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n refreshed: %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>left empty, as on the source: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not copied: large objects belong to the whole database, and this migration covers %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no large objects</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n large object(s) copied and verified, %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n already held data on the target and was overwritten with the source&apos;s</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Materialized views: refresh on the target those that hold data on the source (before writes stop, so not part of the downtime)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Large objects: copy every one (data, owner, grants, comment) and verify their sizes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Left on the source (replication has stopped, so the cutover goes on): %1. Drop them there when it can be reached:
%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) of %1 break %2: %3</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>No foreign key was added; the target&apos;s data breaks %n of them:</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Adding the foreign keys failed, none was added: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>every foreign key of the source is already on the target</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n foreign key(s) checked against the data and added: %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Catch up: wait until DMS confirms the source&apos;s WAL position taken after writes stopped (at most %n second(s))</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Foreign keys held back for the load: count the rows that break each, then add them all (or none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DMS confirmed %1 after %2 ms</source>
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
    <name>pgshift::core::DatabaseSizeCheck</name>
    <message>
        <source>Database size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The source database %1 takes %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Besides the data, the target needs room for indexes built after the copy, WAL written during it, and bloat.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the target at least %1 of free space (150% of the source).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pgshift::core::DmsPlan</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The task identifier &apos;%1&apos; is not one DMS accepts: letters, digits and single hyphens, starting with a letter and not ending with a hyphen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The slot name &apos;%1&apos; is not a PostgreSQL replication slot name: lower-case letters, digits and underscores, at most 63.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DMS loads 1 to 49 tables at a time, not %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LOB sizes and the commit rate must be 1 or more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pgshift::core::ExtensionsCheck</name>
    <message>
        <source>Extensions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The source uses no extensions besides plpgsql.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The source uses: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not available on the target: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CREATE EXTENSION fails on the target, and so does every table, type or function that depends on the extension.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a target that offers these extensions (PlanetScale lists its supported extensions in its documentation), or remove their use from the source first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Available but not yet installed on the target: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The schema copy creates them; doing it first shows early whether the target user may.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other versions on the target: %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pgshift::core::ForeignKeys</name>
    <message>
        <source>Cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pgshift::core::LocalServer</name>
    <message>
        <source>PGSHIFT_PG_BINDIR=%1 has no initdb, pg_ctl and postgres</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No PostgreSQL server programs (initdb, pg_ctl, postgres) found: install the PostgreSQL server (Debian: postgresql-15) or set PGSHIFT_PG_BINDIR.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pgshift runs as root, and PostgreSQL refuses to: create the account &apos;%1&apos; (Debian&apos;s postgresql package does) or run pgshift as a normal user.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create a directory in %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not prepare %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot hand %1 to the server&apos;s account.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 did not finish in %2 s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2 failed (exit %3):
%4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot append to %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No free port on 127.0.0.1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pgshift::core::LogicalReplication</name>
    <message>
        <source>publication</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>subscription</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>replication slot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The %1 name &apos;%2&apos; is not valid: use 1 to 63 lower-case letters, digits and underscores, not starting with a digit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to publish: %1 holds no table.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the schema: pg_dump&apos;s pre-data, then post-data with pg_restore -j %1%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>, without %n secondary index(es) built after the initial copy</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Publish the tables on the source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subscribe on the target: copy every table, then stream changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Creating the subscription on the target failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Advice: the target copies %1 of the %n table(s) at a time (max_sync_workers_per_subscription = %2, max_logical_replication_workers = %3). Allowing %4 at once shortens the initial copy of many tables; run this on the target before starting (a restart is needed when max_logical_replication_workers changes):</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>The saved replication state in %1 is incomplete.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not valid JSON (%2 at offset %3)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pgshift::core::MigrationReport</name>
    <message>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Charts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FAILED: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not run: no copy or cutover in this session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>succeeded: every checklist step done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>succeeded: copied and verified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (PostgreSQL %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checklist started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checklist finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write downtime</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rollback</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>writes re-enabled on the source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pgshift migration report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generated %1 by pgshift %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preflight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No preflight ran in this session.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Engine %1: %n table(s), %2 rows, %3, %4 sequence(s), %5 large object(s), %6 index(es) built, in %7.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Checklist (dump and restore)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cutover checklist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>#</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The application&apos;s new connection string (password as before): %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>equal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>checksums differ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DIFFERENT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>equal, checksums too</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row counts</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Exact counts of all %n table(s) are equal on both servers.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n table(s) differ.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sequences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>never used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>skipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sequence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Owned by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set on target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, in %2.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pgshift::core::OpenTransactionsCheck</name>
    <message>
        <source>Prepared and long-running transactions</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>No prepared transactions, none running longer than %n minute(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Prepared transaction %1 by %2 since %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session %1 (%2) has been in a transaction for %3 s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Creating the replication slot waits for every transaction that started before it; a forgotten prepared transaction makes it wait for ever and also holds back vacuum.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finish them before starting replication:
%1</source>
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
    <message>
        <source>The server&apos;s pg_hba.conf explicitly rejects this user connecting from here to this database.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pgshift::core::PooledEndpointCheck</name>
    <message>
        <source>Direct connection, not a pooler</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The source connection does not look like a connection pooler.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The source connection looks pooled: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replication connections and the exported snapshot of a parallel copy need one real server session throughout; poolers do not offer replication at all.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use the provider&apos;s direct endpoint: on Neon the host name without &quot;-pooler&quot;, on Supabase db.&lt;project&gt;.supabase.co on port 5432.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pgshift::core::Preflight</name>
    <message>
        <source>This check could not run: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Its catalog query took longer than the statement timeout.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Without it, this prerequisite is unverified.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the user&apos;s privileges on the catalogs and re-run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The preflight was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pgshift::core::ReplicaIdentityCheck</name>
    <message>
        <source>Tables without a primary key or replica identity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every table has a primary key or a replica identity.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n table(s) without a primary key or replica identity: %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Logical replication finds the row to update or delete by its replica identity. Once such a table is published, UPDATE and DELETE on it fail on the source.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Best: add a primary key. Else use a unique index on NOT NULL columns (REPLICA IDENTITY USING INDEX), proposed below where one exists. REPLICA IDENTITY FULL works for any table but logs the whole old row for every change and makes the target search for it, which is slow on large tables.
%1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pgshift::core::ReplicationCapacityCheck</name>
    <message>
        <source>Replication slots, WAL senders and workers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source: %1 of %2 replication slots and %3 of %4 WAL senders free.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The subscription needs one replication slot and one WAL sender on the source for as long as it runs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Raise max_replication_slots and max_wal_senders on the source (a restart), or drop slots nobody uses: SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE NOT active AND slot_name = &apos;...&apos;;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target: max_worker_processes %1, max_logical_replication_workers %2, max_sync_workers_per_subscription %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The initial copy syncs at most %1 tables at a time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For a faster initial copy raise max_sync_workers_per_subscription (and max_logical_replication_workers and max_worker_processes to match) on the target for the duration of the migration.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pgshift::core::ReplicationCleanup</name>
    <message>
        <source>Dropped subscription %1 on the target, and its slot on the source.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dropped subscription %1 on the target after detaching it from its slot (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not drop subscription %1 on the target: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not reach the target to drop subscription %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slot %1 on the source is still in use (the target may still be subscribed); it was left in place.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dropped replication slot %1 on the source%2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (detached from the subscription)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dropped publication %1 on the source.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cleanup on the source failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not reach the source to drop publication %1 and slot %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>source: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>target: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pgshift::core::ReplicationObjectsCheck</name>
    <message>
        <source>Existing slots, publications and subscriptions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slot %1 (%2, %3) keeps %4 of WAL on the source.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>inactive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Publication %1 from an earlier pgshift run exists on the source.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subscription %1 from an earlier pgshift run exists on the target.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>max_slot_wal_keep_size is -1: a stalled slot may keep WAL until the source&apos;s disk is full.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No leftover or WAL-hoarding replication objects.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A slot that nobody reads keeps every WAL segment since its position, and objects left by an earlier run collide with the names pgshift uses.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Watch the slot&apos;s lag during the migration (pgshift charts it), or cap it: ALTER SYSTEM SET max_slot_wal_keep_size = &apos;50GB&apos;; SELECT pg_reload_conf();</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pgshift::core::ReplicationProbe</name>
    <message>
        <source>initializing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>copying data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>copy finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>synchronized</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>disconnected; trying again at %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pgshift::core::ReportFormat</name>
    <message>
        <source>Why: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fix: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>**Why:** %1

</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>**Fix:**

```sql
%1
```

</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>**Fix:** %1

</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pgshift preflight (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fix:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, %2, %3, %4 passed</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n blocker(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n note(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>
%1, for %2 (%3 ms).
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source># pgshift preflight (%1)

%2.

</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pgshift::core::RowCounts</name>
    <message>
        <source>%1: %2</source>
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
</context>
<context>
    <name>pgshift::core::RowSecurityCheck</name>
    <message>
        <source>Row-level security</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No table has row-level security enabled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n table(s) use row-level security; %1 bypasses it, so every row is copied: %2</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n table(s) use row-level security and %1 does not bypass it: %2</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>The copy reads only the rows the policies show this user: pg_dump stops with an error, and logical replication copies the visible rows without complaint, often none.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As a superuser on the source: %1 (on managed services, migrate with the administrator role, which has it).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pgshift::core::SameDatabaseCheck</name>
    <message>
        <source>Target: not the source, no name conflicts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copying a database onto itself destroys it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect the target to another server or database.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The target is another database.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n object(s) exist on both sides under the same name: %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Creating them on the target fails; pgshift never drops the target&apos;s objects for you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Migrate into an empty database, or drop these objects on the target after making sure nothing there is needed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pgshift::core::Sandbox</name>
    <message>
        <source>Cannot create %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create a directory in %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write in %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting the source server…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The source server did not start: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting the target server…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The target server did not start: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Creating the sample shop on the source…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sample data could not be created: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sandbox ready in %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a pgshift sandbox.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not delete all of %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pgshift::core::SequenceSync</name>
    <message>
        <source>not readable by this role (grant it SELECT on the sequence): left as it is</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>never used: stays at its start value, %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a margin of %1 would pass MAXVALUE %2: set to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a margin of %1 would pass MINVALUE %2: set to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; it cycles, so its next value starts over at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; its next nextval() fails until its limit is widened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The target has no sequence %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the target is already at %1, past %2: left as it is</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>never used on the source, already used on the target (at %1): left as it is</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: missing on the target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: at %2 on the source, never used on the target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 on the target is not ahead of %3 on the source</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pgshift::core::SourcePrivilegesCheck</name>
    <message>
        <source>Privileges of the source user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has no replication right (REPLICATION, superuser or rds_replication).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 can read every table and sequence%2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> and replicate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pg_dump and the initial copy read every table and sequence as this user; a missing privilege stops the copy halfway.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run as a superuser or the objects&apos; owner on the source:
%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Schema %1: the user cannot read %2 and %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n table(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n sequence(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pgshift::core::StreamCopy</name>
    <message>
        <source>%1 was not copied: no copy worker was left to do it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A copy worker could not connect: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pgshift::core::TableCopy</name>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: no such table, or no column to copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copying %1 was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 rows read but %3 written</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pgshift::core::TargetInventory</name>
    <message>
        <source>schema</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>extension</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>view</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>materialized view</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sequence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>foreign table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>function</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>procedure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>aggregate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>large object</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pgshift::core::TargetPrivilegesCheck</name>
    <message>
        <source>Privileges of the target user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 may not create schemas in database %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 may not create tables in schema public, where the source has tables.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 may not create subscriptions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Before PostgreSQL 16 only a superuser may create subscriptions; %1 is not one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 can create the schema%2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> and the subscription</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The schema and the data are created on the target as this user.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect to the target as a superuser.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run as an administrator on the target (PlanetScale: give the role pg_create_subscription on its Roles page):
%1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pgshift::core::UnreplicatedData</name>
    <message>
        <source>Cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Owned by the target&apos;s user instead of %1: that role does not exist on the target or the target&apos;s user cannot assign it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grants to %1 left out: no such role on the target.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not refreshed, it reads %1, which failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not refreshed, its inputs could not be ordered</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pgshift::core::UnreplicatedObjectsCheck</name>
    <message>
        <source>Large objects, unlogged, foreign and partitioned tables</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Large objects: %1; unlogged tables: %2; foreign tables: %3; materialized views: %4; partitioned tables: %5.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Large objects are not replicated: copy them with pg_dump --large-objects after writes stop, or move the data to bytea columns.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unlogged tables write no WAL, so they arrive empty: copy them by hand or make them logged (ALTER TABLE ... SET LOGGED).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Foreign tables are created, their data stays on the remote server: the target needs the same foreign servers and user mappings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Materialized views are created empty: REFRESH MATERIALIZED VIEW them on the target before cutover.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partitioned tables: pgshift publishes them with publish_via_partition_root = true, so changes arrive through the parent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each of these needs a step of its own, or its data is missing on the target.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Large objects are not replicated: pgshift&apos;s cutover copies them after writes stop, so their size adds to the downtime (or move the data to bytea columns).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Materialized views are created empty: pgshift&apos;s cutover refreshes them on the target before writes stop.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pgshift::core::VersionCheck</name>
    <message>
        <source>PostgreSQL versions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The source runs PostgreSQL %1, the target PostgreSQL %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A schema dumped from a newer server uses syntax and catalog features an older server does not have; PostgreSQL supports moving only to the same or a newer major version.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a target running PostgreSQL %1 or newer (PlanetScale Postgres runs 17 and 18).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Publications and subscriptions exist from PostgreSQL 10 on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use dump and restore, or upgrade the source to PostgreSQL 10 or newer first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Moving to a newer major version is supported; test the application against PostgreSQL %1 before the cutover.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pgshift::core::WalLevelCheck</name>
    <message>
        <source>wal_level on the source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>wal_level is %1 on the source.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logical decoding reads row changes from the WAL, which holds them only with wal_level = logical. Changing it needs a server restart.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In the RDS console, set rds.logical_replication = 1 in the instance&apos;s parameter group (a custom group: the default one cannot be changed), then reboot the instance.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In the RDS console, set rds.logical_replication = 1 in the DB cluster parameter group attached to the cluster, then reboot the writer instance.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In the Neon console open Settings, Logical Replication, and enable it. This restarts the project&apos;s computes and cannot be turned off again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set the database flag cloudsql.logical_decoding = on on the instance (this restarts it).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In the Azure portal set the server parameter wal_level = logical, save, and restart the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run ALTER SYSTEM SET wal_level = logical; as a superuser (or set it in postgresql.conf), then restart PostgreSQL, for example with systemctl restart postgresql.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pgshift::core::WalSenderTimeoutCheck</name>
    <message>
        <source>wal_sender_timeout on the source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>wal_sender_timeout is 0 (no timeout).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>wal_sender_timeout is %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>While a large table is copied the subscriber answers the source rarely; a walsender that hears nothing for wal_sender_timeout is ended, and the table&apos;s copy starts again from the beginning (source database: %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For the initial copy raise it (no restart needed; on managed services change the parameter group or server parameter instead):
%1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pgshift::core::WriteBlocker</name>
    <message>
        <source>Writes stopped on the source: confirmed by you (the application is stopped)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop writes on the source: roles %1 read-only in this database, their sessions ended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop writes on the source: the database read-only for new transactions, every other session ended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pid %1, user %2, application &apos;%3&apos;, from %4 (%5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot reach the source to re-enable writes: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pgshift::widgets::ChartExport</name>
    <message>
        <source>Export failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pgshift::widgets::CheckReportView</name>
    <message>
        <source>Blockers (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warnings (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passed (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finding, reason and fix</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why it matters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fix (SQL, on the %1)</source>
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
        <source>Fix</source>
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
    <name>pgshift::widgets::CopyTableModel</name>
    <message>
        <source>Waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copying</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Building indexes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>match</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MISMATCH</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About %1 rows expected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rows copied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pgshift::widgets::FixDialog</name>
    <message>
        <source>Run fix</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Statements to run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SQL that will run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exactly this will run:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pgshift::widgets::LagChart</name>
    <message>
        <source>Lag (KiB)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lag (seconds)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replication lag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>s</source>
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
    <name>pgshift::widgets::RowCountChart</name>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rows per table: source and target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2 / %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rows per table, largest difference first</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pgshift::wizard::AboutDialog</name>
    <message>
        <source>About pgshift</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Moves a PostgreSQL database to another PostgreSQL server by dump and restore, by logical replication, or with AWS DMS.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy versions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Qt %1 (built with %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>libpq %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>spdlog %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pgshift::wizard::ChecklistPanel</name>
    <message>
        <source>Target connection string</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;opy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re-enable &amp;writes on the source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lifts pgshift&apos;s write block: for whoever still needs to write to the old primary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target for the application:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write downtime: %1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy complete and every checklist step done. Point the application at the target (its password as before).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cutover complete. Point the application at the target (its password as before).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The source stays read-only for what was blocked, so nothing lands on the old primary.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writes are allowed again on the source.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writes are allowed again on the source; replication is still running. Fix the cause and run the cutover again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re-enabling writes failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re-enable writes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Then stop and delete the DMS task and its endpoints (section 4 of aws-commands.sh).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pgshift::wizard::ChecklistTable</name>
    <message>
        <source>Checklist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SQL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> s</source>
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
    <name>pgshift::wizard::CutoverPage</name>
    <message>
        <source>Cutover</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop writes on the source, let the target catch up, move the sequences ahead, prove every row is there, end replication, switch. The first failing step stops it and re-enables writes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> KiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Run cutover</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ca&amp;ncel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Catch-up timeout:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sequence margin:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lag at most:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No logical replication runs in this session: start or resume one first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run cutover</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling: writes are re-enabled on the source…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the source&apos;s sessions…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checksums</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Validate with a checksum of every table&apos;s rows as well as exact row counts: catches changed values, reads every row on both servers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cut over now?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The DMS page has not prepared the target in this session.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop writes on the source, wait until DMS confirms the last change, add the foreign keys held back for the load, move the sequences ahead, prove every row is there, switch. The first failing step stops it and re-enables writes.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pgshift::wizard::DmsPage</name>
    <message>
        <source>AWS DMS, schema first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pgshift creates the schema on the target with its foreign keys held back and writes what DMS needs. You run the task in AWS with your own credentials; pgshift watches both databases and finishes what DMS leaves undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replicate ongoing changes after the full load (CDC, through the slot)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Full: every value whole, in pieces</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Limited: values over the size are cut</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> KB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row-level validation by DMS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Prepare: create the schema, write the files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing done yet: Prepare writes to the target (its schema) and to the folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Task identifier:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Slot on the source:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tables loaded &amp;at a time:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slot lag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder for the DMS files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The piece size DMS moves large values in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Values over this size are cut</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Creating the schema on the target, foreign keys held back…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not prepared: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The schema copy created %n object(s) on the target before it stopped; drop them before trying again.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Schema created on the target; %n table(s) in the mapping. </source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>No foreign key to hold back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Held back until the cutover: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Files in %1. Run the commands of aws-commands.sh; once the full load is done, go on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the servers: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>live rows from statistics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Full load only: no slot to watch.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No slot %1 on the source yet: DMS creates it when the task starts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slot %1 on the source, %2: DMS has not confirmed %3 bytes of WAL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>idle (no DMS task reading it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Large values (LOB mode):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder for the files:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>all; or schemas, comma-separated: sales, &quot;Archive 2024&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>all; or tables: orders, sales.&quot;Order Items&quot; (partitions come with their table)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Schemas and tables:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pgshift::wizard::DumpRestorePage</name>
    <message>
        <source>Dump and restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What and how</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stream: rows go straight from server to server (fastest)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pg_dump archive: keeps a pg_dump -Fd folder for audit or a later restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new or empty folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tables copied and indexes built at once. Each worker holds a session on both servers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The &amp;whole database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Only:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>schemas, comma-separated: sales, &quot;Archive 2024&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tables: public.orders, &quot;Sales&quot;.&quot;Customers&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Start copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Engine:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Archive folder:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Parallel workers:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not started.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Cancel copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Review and drop…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shows the exact SQL first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder for the archive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a folder for the archive.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The archive folder must be new or empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name at least one schema or table.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 tables done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 copied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>about %1 left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>estimating time left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 elapsed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied %1 (%2 rows, %3), %4 and %5 in %6. Every table&apos;s row count matches on both sides.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n table(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n sequence(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n large object(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>The archive is in %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled: the copy did NOT complete.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The copy did NOT complete:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drop what the copy left on the target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This SQL runs on %1 in one transaction: all of it or nothing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Drop on target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy SQL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dropping…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the copy left on the target was dropped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cleaned up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drop failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was dropped: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cleanup failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>It left %n object(s) on the target: %1.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Copies the schema and the data from one consistent snapshot of the source, then checks every table&apos;s row count on both sides. Stop writes to the source first, or let pgshift stop them and run the short cutover checklist around the copy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After the copy, every target sequence is set this many increments ahead of the source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Validate with checksums too (reads every row on both servers)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writes on the source:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sequence &amp;margin:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Tables</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check&amp;list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy now?</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pgshift::wizard::MethodPage</name>
    <message>
        <source>Migration method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How to move the data. The next page checks the prerequisites of the method you choose.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Dump and restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writes must stop for the whole copy. Simple and robust; everything is copied, large objects and sequences included. Best when a maintenance window of the copy&apos;s length is acceptable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Logical replication</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AWS D&amp;MS assisted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AWS Database Migration Service moves the rows; pgshift prepares the schema and the task files and afterwards adds constraints, sequences and validation. For teams already running DMS.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The source database takes %1 and has wal_level = %2: dump and restore works as it is; logical replication first needs wal_level = logical (a restart).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The source database takes %1: copying it takes a while, so logical replication keeps the downtime to seconds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The source database takes %1. Dump and restore is simplest if the copy&apos;s duration is an acceptable downtime; otherwise use logical replication.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The source stays online; writes stop only for seconds at cutover. Needs wal_level = logical, replication rights and a key on every table. Sequences, large objects and materialized views are handled at cutover; schema changes (DDL) are not replicated, so make none until it is done.</source>
        <translation type="unfinished"></translation>
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
    <message>
        <source>Copy in progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A copy is running. Cancel it and close pgshift? The target keeps what was created so far; the list and the SQL that drops it are in the log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replication running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The target keeps following the source after pgshift closes, and the source keeps WAL for it. Close pgshift? At its next start it offers to resume monitoring or to clean up.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cutover in progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A cutover is running. Cancel it (writes are re-enabled on the source, replication keeps running) and close pgshift?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replication lag over time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sandbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sandbox did not start: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;More</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About pgshift…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;log folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pgshift will speak %1 from its next start. (pgshift --lang CODE chooses for one run.)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the system&apos;s language</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pgshift::wizard::PreflightPage</name>
    <message>
        <source>Prerequisites</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Everything the chosen method needs, checked on both servers. Nothing is changed unless you run a fix.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Re-run checks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy fix SQL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>R&amp;un fix…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only for fixes that are safe to run from here; you see the SQL first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export report…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I have read the &amp;warnings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking the %1 prerequisites on both servers…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The checks could not run: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fix the blockers, then re-run the checks.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running the fix…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The fix failed and was rolled back: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no report yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the preflight report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Markdown (*.md);;HTML (*.html);;JSON (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run these statements on the source, in one transaction? Untick any you do not want.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run these statements on the target, in one transaction? Untick any you do not want.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2 ms).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pgshift::wizard::ReplicationPage</name>
    <message>
        <source>Logical replication</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The target copies every table while the source stays online, then follows its changes until you cut over. Nothing runs before you press Start; here is exactly what will.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The subscription keeps the source&apos;s password on the target (in pg_subscription) until cleanup drops it; a dedicated role with only REPLICATION and SELECT limits what it can do.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Build secondary indexes after the initial copy (faster copy)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> KiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cutover is offered once the lag is at most this</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Start replication</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;lean up…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drops the subscription, its slot and the publication; the copied data stays</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not started.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%v of %m tables ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Pause chart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export C&amp;SV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export P&amp;NG…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Workers:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready when lag ≤</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export lag samples</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the lag chart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading both servers…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot prepare the steps: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copying the schema and subscribing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replication was not started.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source disconnected: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target disconnected: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lag %1, %2 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WAL kept on the source: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n table(s) copying now</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Errors: %1 apply, %2 initial copy (see the target&apos;s log)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n secondary index(es) to build</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>READY for cutover</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disconnected since %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Initial copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Building indexes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Catching up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Index builds failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clean up replication</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drop subscription %1 on the target (and its slot %2 on the source) and publication %3 on the source? The data copied so far stays on the target; changes stop flowing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cleaning up…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cleaned up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cleanup incomplete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Publication name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subscription name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replication slot name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Estimate from the source&apos;s statistics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rows copied so far during the initial copy, then the estimate from the target&apos;s statistics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Publication:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subscription:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slot:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Setup cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was published or subscribed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The setup created %n object(s) on the target before it stopped. Drop them before starting again (the schema copy needs an empty target), with:</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>The replication&apos;s state could not be saved (%1): after a restart, clean up with pgshift replicate cleanup.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resumed: replication %1 → %2 started %3 (publication %4, subscription %5, slot %6).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the replication&apos;s state…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Cancel setup</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pgshift::wizard::ReplicationRowsPanel</name>
    <message>
        <source>Count &amp;exactly</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>count(*) of every table on both servers, in parallel; reads every row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Live &amp;estimates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Estimates from the statistics, refreshed every 5 seconds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export CS&amp;V…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export PN&amp;G…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export row counts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the row chart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>estimates</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Counting the rows of %n table(s) on both servers…</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>exact counts at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Exact counts at %1, in %2 s: %3 of %n table(s) equal on both sides. Changes still flowing can make a table differ for a moment.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pgshift::wizard::ResumeDialog</name>
    <message>
        <source>Unfinished replication</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pgshift started a logical replication on %1 that was not cleaned up. It may still be running: its slot keeps WAL on the source until it is dropped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Objects:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>publication %1, subscription %2, slot %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scope:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>empty: .pgpass, PGPASSWORD or service file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Resume monitoring</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow the replication again: table states, lag, readiness for cutover</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Clean up: drop subscription, slot and publication</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changes stop flowing; the data already copied stays on the target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Not now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave everything as it is; pgshift asks again at its next start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting to both servers…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot resume yet:
%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dropping the subscription, the slot and the publication…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Still there (another run of pgshift?): %1 %2 on the %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cleanup is incomplete; see below. Fix the cause (a password, a server that is down) and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cleaned up. Nothing of this replication is left on either server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pgshift::wizard::SandboxPanel</name>
    <message>
        <source>Sandbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start &amp;writes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writes on the source like an application: new orders, updates, deletes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writes per second</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> /s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting two local servers and creating a sample shop… (a few seconds)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sandbox did not start: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Two throwaway servers on this computer, deleted when pgshift closes. Source: port %1, target: port %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop &amp;writes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Written: %1 inserts, %2 updates, %3 deletes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 refused (last: %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The wizard walks you through a real migration between the two servers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The source is filled in: a shop with 117,500 rows. Press Test connection, then Next.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The target is an empty server. Test it too, then Next.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Both methods work here. Logical replication shows the lag chart and the full cutover.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>audit_log has no primary key on purpose: see what the preflight says about it and how to fix it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start writes, then choose &quot;Block the whole source database&quot; to see the short cutover checklist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start writes to see the lag chart move and the rows grow on both sides.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The writes use the sequences; the margin keeps the target&apos;s ahead of them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Block the whole source database: the writes are stopped, counted as refused, and the cutover catches up.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the report. Closing pgshift stops and deletes both servers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AWS DMS cannot reach servers on this computer: Prepare shows the schema and the files pgshift writes for it. Dump &amp; restore and logical replication run end to end here.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pgshift::wizard::SequencesPage</name>
    <message>
        <source>Sequences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replication does not copy sequence values. At cutover each target sequence moves a margin ahead of its source, so the first insert on the target cannot collide with a copied row.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Margin of</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>From the rate measured over %n second(s), for a cutover window of</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source> increments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> s (x3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Schema</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sequence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Owned by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Proposed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy SQL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save .sql…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Apply to target now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usually left to the cutover, which applies them after writes stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the sequence script</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SQL (*.sql)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Reading the sequences twice, %n second(s) apart…</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Reading the sequences…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the sequences: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>never used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (identity)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not readable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (next value)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n sequence(s), margin %1 increments</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source> (from the rate measured)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n sequence(s) would pass their limit: clamped, see the note.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n sequence(s) missing on the target: the schema copy did not bring them.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Apply sequences</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Set %n sequence(s) on the target now? Writes still going to the source move its sequences on; the cutover sets them again after writes stopped.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Applying…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Applying failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Set %n sequence(s) on the target.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Verified: every target sequence is ahead of its source.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not ahead: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pgshift::wizard::SummaryPage</name>
    <message>
        <source>Summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the migration did, step by step, and a report to keep: HTML with the charts inside, or Markdown for a ticket or a wiki.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Migration report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save report as &amp;HTML…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save report as &amp;Markdown…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rows per table, source and target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>exact counts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Migration complete; write downtime %1 s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy complete and verified.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The migration did not complete; the report says where it stopped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the migration report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTML (*.html)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Markdown (*.md)</source>
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
        <source>Three ways to migrate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try it on a &amp;sandbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starts two throwaway PostgreSQL servers on this computer, a source with a sample shop and an empty target, and fills in both connections. They are deleted when pgshift closes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No servers at hand? Try the whole flow on two local throwaway servers:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pgshift prepares the schema and the DMS task files, then does what DMS leaves undone: foreign keys, sequences, validation.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pgshift::wizard::WriteBlockBox</name>
    <message>
        <source>Leave writes alone: a trial copy (the source goes on changing)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I stopped the application: nothing writes to the source any more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Block these roles (read-only in the source database, their sessions ended):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Block the whole source database (read-only, every other session ended)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Roles to block</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>app_user, worker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name the roles whose writes to block.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Is the application stopped, so that nothing writes to the source any more? %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot reach the source: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop writes on the source? No session needs to be ended. %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop writes on the source? These sessions will be ended:
%1
%2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
