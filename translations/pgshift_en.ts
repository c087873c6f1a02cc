<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>pgshift::app::CopyCommand</name>
    <message numerus="yes">
        <source>%n table(s)</source>
        <translation>
            <numerusform>%n table</numerusform>
            <numerusform>%n tables</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n sequence(s)</source>
        <translation>
            <numerusform>%n sequence</numerusform>
            <numerusform>%n sequences</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n large object(s)</source>
        <translation>
            <numerusform>%n large object</numerusform>
            <numerusform>%n large objects</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pgshift::app::DmsCommand</name>
    <message numerus="yes">
        <source>The schema copy created %n object(s) on the target first; drop them before planning again.</source>
        <translation>
            <numerusform>The schema copy created %n object on the target first; drop them before planning again.</numerusform>
            <numerusform>The schema copy created %n objects on the target first; drop them before planning again.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Schema created on the target; %n table(s) in the mapping.</source>
        <translation>
            <numerusform>Schema created on the target; %n table in the mapping.</numerusform>
            <numerusform>Schema created on the target; %n tables in the mapping.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n foreign key(s) held back until pgshift dms finish:</source>
        <translation>
            <numerusform>%n foreign key held back until pgshift dms finish:</numerusform>
            <numerusform>%n foreign keys held back until pgshift dms finish:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pgshift::app::ReplicateCommand</name>
    <message numerus="yes">
        <source> (%n copying now)</source>
        <translation>
            <numerusform> (%n copying now)</numerusform>
            <numerusform> (%n copying now)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n deferred secondary index(es) still to build.</source>
        <translation>
            <numerusform>%n deferred secondary index still to build.</numerusform>
            <numerusform>%n deferred secondary indexes still to build.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Replication started: the target is copying %n table(s).</source>
        <translation>
            <numerusform>Replication started: the target is copying %n table.</numerusform>
            <numerusform>Replication started: the target is copying %n tables.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Built %n deferred secondary index(es).</source>
        <translation>
            <numerusform>Built %n deferred secondary index.</numerusform>
            <numerusform>Built %n deferred secondary indexes.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pgshift::app::SandboxCommand</name>
    <message numerus="yes">
        <source>%n sandboxes exist: name one with --dir</source>
        <translation>
            <numerusform>%n sandboxes exist: name one with --dir</numerusform>
            <numerusform>%n sandboxes exist: name one with --dir</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pgshift::app::SequencesCommand</name>
    <message numerus="yes">
        <source>%n sequence(s) of %1, margin %2 increments</source>
        <translation>
            <numerusform>%n sequence of %1, margin %2 increments</numerusform>
            <numerusform>%n sequences of %1, margin %2 increments</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Set %n sequence(s) on the target.</source>
        <translation>
            <numerusform>Set %n sequence on the target.</numerusform>
            <numerusform>Set %n sequences on the target.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n target sequence(s) are not ahead of the source.</source>
        <translation>
            <numerusform>%n target sequence are not ahead of the source.</numerusform>
            <numerusform>%n target sequences are not ahead of the source.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pgshift::core::Cutover</name>
    <message numerus="yes">
        <source>Catch up: wait until the target confirms the source&apos;s WAL position taken after writes stopped (at most %n second(s))</source>
        <translation>
            <numerusform>Catch up: wait until the target confirms the source&apos;s WAL position taken after writes stopped (at most %n second)</numerusform>
            <numerusform>Catch up: wait until the target confirms the source&apos;s WAL position taken after writes stopped (at most %n seconds)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n deferred index(es) not built yet</source>
        <translation>
            <numerusform>%n deferred index not built yet</numerusform>
            <numerusform>%n deferred indexes not built yet</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n table(s) ready, lag %1 bytes</source>
        <translation>
            <numerusform>%n table ready, lag %1 bytes</numerusform>
            <numerusform>%n tables ready, lag %1 bytes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>new transactions are read-only; %n session(s) ended</source>
        <translation>
            <numerusform>new transactions are read-only; %n session ended</numerusform>
            <numerusform>new transactions are read-only; %n sessions ended</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The target did not confirm %1 within %n second(s).</source>
        <translation>
            <numerusform>The target did not confirm %1 within %n second.</numerusform>
            <numerusform>The target did not confirm %1 within %n seconds.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n sequence(s) set and verified ahead</source>
        <translation>
            <numerusform>%n sequence set and verified ahead</numerusform>
            <numerusform>%n sequences set and verified ahead</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n table(s) equal, %1 rows</source>
        <translation>
            <numerusform>%n table equal, %1 rows</numerusform>
            <numerusform>%n tables equal, %1 rows</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n table(s), %1 rows copied</source>
        <translation>
            <numerusform>%n table, %1 rows copied</numerusform>
            <numerusform>%n tables, %1 rows copied</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n table(s) equal in rows and checksums, %1 rows</source>
        <translation>
            <numerusform>%n table equal in rows and checksums, %1 rows</numerusform>
            <numerusform>%n tables equal in rows and checksums, %1 rows</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Copy: schema, data (%1 engine, %n job(s)), indexes and constraints</source>
        <translation>
            <numerusform>Copy: schema, data (%1 engine, %n job), indexes and constraints</numerusform>
            <numerusform>Copy: schema, data (%1 engine, %n jobs), indexes and constraints</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n refreshed: %1</source>
        <translation>
            <numerusform>%n refreshed: %1</numerusform>
            <numerusform>%n refreshed: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n large object(s) copied and verified, %1</source>
        <translation>
            <numerusform>%n large object copied and verified, %1</numerusform>
            <numerusform>%n large objects copied and verified, %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n already held data on the target and was overwritten with the source&apos;s</source>
        <translation>
            <numerusform>%n already held data on the target and was overwritten with the source&apos;s</numerusform>
            <numerusform>%n already held data on the target and was overwritten with the source&apos;s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) of %1 break %2: %3</source>
        <translation>
            <numerusform>%n row of %1 break %2: %3</numerusform>
            <numerusform>%n rows of %1 break %2: %3</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>No foreign key was added; the target&apos;s data breaks %n of them:</source>
        <translation>
            <numerusform>No foreign key was added; the target&apos;s data breaks %n of them:</numerusform>
            <numerusform>No foreign key was added; the target&apos;s data breaks %n of them:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n foreign key(s) checked against the data and added: %1</source>
        <translation>
            <numerusform>%n foreign key checked against the data and added: %1</numerusform>
            <numerusform>%n foreign keys checked against the data and added: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Catch up: wait until DMS confirms the source&apos;s WAL position taken after writes stopped (at most %n second(s))</source>
        <translation>
            <numerusform>Catch up: wait until DMS confirms the source&apos;s WAL position taken after writes stopped (at most %n second)</numerusform>
            <numerusform>Catch up: wait until DMS confirms the source&apos;s WAL position taken after writes stopped (at most %n seconds)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pgshift::core::LogicalReplication</name>
    <message numerus="yes">
        <source>, without %n secondary index(es) built after the initial copy</source>
        <translation>
            <numerusform>, without %n secondary index built after the initial copy</numerusform>
            <numerusform>, without %n secondary indexes built after the initial copy</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Advice: the target copies %1 of the %n table(s) at a time (max_sync_workers_per_subscription = %2, max_logical_replication_workers = %3). Allowing %4 at once shortens the initial copy of many tables; run this on the target before starting (a restart is needed when max_logical_replication_workers changes):</source>
        <translation>
            <numerusform>Advice: the target copies %1 of the %n table at a time (max_sync_workers_per_subscription = %2, max_logical_replication_workers = %3). Allowing %4 at once shortens the initial copy of many tables; run this on the target before starting (a restart is needed when max_logical_replication_workers changes):</numerusform>
            <numerusform>Advice: the target copies %1 of the %n tables at a time (max_sync_workers_per_subscription = %2, max_logical_replication_workers = %3). Allowing %4 at once shortens the initial copy of many tables; run this on the target before starting (a restart is needed when max_logical_replication_workers changes):</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pgshift::core::MigrationReport</name>
    <message numerus="yes">
        <source>Engine %1: %n table(s), %2 rows, %3, %4 sequence(s), %5 large object(s), %6 index(es) built, in %7.</source>
        <translation>
            <numerusform>Engine %1: %n table, %2 rows, %3, %4 sequence, %5 large object, %6 index built, in %7.</numerusform>
            <numerusform>Engine %1: %n tables, %2 rows, %3, %4 sequences, %5 large objects, %6 indexes built, in %7.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exact counts of all %n table(s) are equal on both servers.</source>
        <translation>
            <numerusform>Exact counts of all %n table are equal on both servers.</numerusform>
            <numerusform>Exact counts of all %n tables are equal on both servers.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n table(s) differ.</source>
        <translation>
            <numerusform>%1 of %n table differ.</numerusform>
            <numerusform>%1 of %n tables differ.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pgshift::core::OpenTransactionsCheck</name>
    <message numerus="yes">
        <source>No prepared transactions, none running longer than %n minute(s).</source>
        <translation>
            <numerusform>No prepared transactions, none running longer than %n minute.</numerusform>
            <numerusform>No prepared transactions, none running longer than %n minutes.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pgshift::core::ReplicaIdentityCheck</name>
    <message numerus="yes">
        <source>%n table(s) without a primary key or replica identity: %1</source>
        <translation>
            <numerusform>%n table without a primary key or replica identity: %1</numerusform>
            <numerusform>%n tables without a primary key or replica identity: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pgshift::core::ReportFormat</name>
    <message numerus="yes">
        <source>%n blocker(s)</source>
        <translation>
            <numerusform>%n blocker</numerusform>
            <numerusform>%n blockers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s)</source>
        <translation>
            <numerusform>%n warning</numerusform>
            <numerusform>%n warnings</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n note(s)</source>
        <translation>
            <numerusform>%n note</numerusform>
            <numerusform>%n notes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pgshift::core::RowSecurityCheck</name>
    <message numerus="yes">
        <source>%n table(s) use row-level security; %1 bypasses it, so every row is copied: %2</source>
        <translation>
            <numerusform>%n table use row-level security; %1 bypasses it, so every row is copied: %2</numerusform>
            <numerusform>%n tables use row-level security; %1 bypasses it, so every row is copied: %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n table(s) use row-level security and %1 does not bypass it: %2</source>
        <translation>
            <numerusform>%n table use row-level security and %1 does not bypass it: %2</numerusform>
            <numerusform>%n tables use row-level security and %1 does not bypass it: %2</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pgshift::core::SameDatabaseCheck</name>
    <message numerus="yes">
        <source>%n object(s) exist on both sides under the same name: %1</source>
        <translation>
            <numerusform>%n object exist on both sides under the same name: %1</numerusform>
            <numerusform>%n objects exist on both sides under the same name: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pgshift::core::SourcePrivilegesCheck</name>
    <message numerus="yes">
        <source>%n table(s)</source>
        <translation>
            <numerusform>%n table</numerusform>
            <numerusform>%n tables</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n sequence(s)</source>
        <translation>
            <numerusform>%n sequence</numerusform>
            <numerusform>%n sequences</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pgshift::widgets::ConnectionTestView</name>
    <message numerus="yes">
        <source>%1, %2, %n user table(s)</source>
        <translation>
            <numerusform>%1, %2, %n user table</numerusform>
            <numerusform>%1, %2, %n user tables</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pgshift::widgets::LogView</name>
    <message numerus="yes">
        <source>%n line(s)</source>
        <translation>
            <numerusform>%n line</numerusform>
            <numerusform>%n lines</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pgshift::wizard::ConnectionPage</name>
    <message numerus="yes">
        <source>and %n more schema(s)</source>
        <translation>
            <numerusform>and %n more schema</numerusform>
            <numerusform>and %n more schemas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The target database already holds %n user table(s), in: %1. pgshift never drops existing objects; tables with the same names as the source&apos;s will make the copy fail.</source>
        <translation>
            <numerusform>The target database already holds %n user table, in: %1. pgshift never drops existing objects; tables with the same names as the source&apos;s will make the copy fail.</numerusform>
            <numerusform>The target database already holds %n user tables, in: %1. pgshift never drops existing objects; tables with the same names as the source&apos;s will make the copy fail.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pgshift::wizard::DmsPage</name>
    <message numerus="yes">
        <source>The schema copy created %n object(s) on the target before it stopped; drop them before trying again.</source>
        <translation>
            <numerusform>The schema copy created %n object on the target before it stopped; drop them before trying again.</numerusform>
            <numerusform>The schema copy created %n objects on the target before it stopped; drop them before trying again.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Schema created on the target; %n table(s) in the mapping. </source>
        <translation>
            <numerusform>Schema created on the target; %n table in the mapping. </numerusform>
            <numerusform>Schema created on the target; %n tables in the mapping. </numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pgshift::wizard::DumpRestorePage</name>
    <message numerus="yes">
        <source>%n table(s)</source>
        <translation>
            <numerusform>%n table</numerusform>
            <numerusform>%n tables</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n sequence(s)</source>
        <translation>
            <numerusform>%n sequence</numerusform>
            <numerusform>%n sequences</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n large object(s)</source>
        <translation>
            <numerusform>%n large object</numerusform>
            <numerusform>%n large objects</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>It left %n object(s) on the target: %1.</source>
        <translation>
            <numerusform>It left %n object on the target: %1.</numerusform>
            <numerusform>It left %n objects on the target: %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pgshift::wizard::ReplicationPage</name>
    <message numerus="yes">
        <source>%n table(s) copying now</source>
        <translation>
            <numerusform>%n table copying now</numerusform>
            <numerusform>%n tables copying now</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n secondary index(es) to build</source>
        <translation>
            <numerusform>%n secondary index to build</numerusform>
            <numerusform>%n secondary indexes to build</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The setup created %n object(s) on the target before it stopped. Drop them before starting again (the schema copy needs an empty target), with:</source>
        <translation>
            <numerusform>The setup created %n object on the target before it stopped. Drop them before starting again (the schema copy needs an empty target), with:</numerusform>
            <numerusform>The setup created %n objects on the target before it stopped. Drop them before starting again (the schema copy needs an empty target), with:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pgshift::wizard::ReplicationRowsPanel</name>
    <message numerus="yes">
        <source>Counting the rows of %n table(s) on both servers…</source>
        <translation>
            <numerusform>Counting the rows of %n table on both servers…</numerusform>
            <numerusform>Counting the rows of %n tables on both servers…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exact counts at %1, in %2 s: %3 of %n table(s) equal on both sides. Changes still flowing can make a table differ for a moment.</source>
        <translation>
            <numerusform>Exact counts at %1, in %2 s: %3 of %n table equal on both sides. Changes still flowing can make a table differ for a moment.</numerusform>
            <numerusform>Exact counts at %1, in %2 s: %3 of %n tables equal on both sides. Changes still flowing can make a table differ for a moment.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pgshift::wizard::SequencesPage</name>
    <message numerus="yes">
        <source>From the rate measured over %n second(s), for a cutover window of</source>
        <translation>
            <numerusform>From the rate measured over %n second, for a cutover window of</numerusform>
            <numerusform>From the rate measured over %n seconds, for a cutover window of</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Reading the sequences twice, %n second(s) apart…</source>
        <translation>
            <numerusform>Reading the sequences twice, %n second apart…</numerusform>
            <numerusform>Reading the sequences twice, %n seconds apart…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n sequence(s), margin %1 increments</source>
        <translation>
            <numerusform>%n sequence, margin %1 increments</numerusform>
            <numerusform>%n sequences, margin %1 increments</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n sequence(s) would pass their limit: clamped, see the note.</source>
        <translation>
            <numerusform>%n sequence would pass their limit: clamped, see the note.</numerusform>
            <numerusform>%n sequences would pass their limit: clamped, see the note.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n sequence(s) missing on the target: the schema copy did not bring them.</source>
        <translation>
            <numerusform>%n sequence missing on the target: the schema copy did not bring them.</numerusform>
            <numerusform>%n sequences missing on the target: the schema copy did not bring them.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Set %n sequence(s) on the target now? Writes still going to the source move its sequences on; the cutover sets them again after writes stopped.</source>
        <translation>
            <numerusform>Set %n sequence on the target now? Writes still going to the source move its sequences on; the cutover sets them again after writes stopped.</numerusform>
            <numerusform>Set %n sequences on the target now? Writes still going to the source move its sequences on; the cutover sets them again after writes stopped.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Set %n sequence(s) on the target.</source>
        <translation>
            <numerusform>Set %n sequence on the target.</numerusform>
            <numerusform>Set %n sequences on the target.</numerusform>
        </translation>
    </message>
</context>
</TS>
