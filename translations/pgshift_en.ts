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
    <name>pgshift::app::ReplicateCommand</name>
    <message numerus="yes">
        <source> (%n copying now)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n deferred secondary index(es) still to build.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Replication started: the target is copying %n table(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Built %n deferred secondary index(es).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pgshift::app::SequencesCommand</name>
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
</context>
<context>
    <name>pgshift::core::Cutover</name>
    <message numerus="yes">
        <source>Catch up: wait until the target confirms the source&apos;s WAL position taken after writes stopped (at most %n second(s))</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n deferred index(es) not built yet</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n table(s) ready, lag %1 bytes</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
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
    <message numerus="yes">
        <source>%n sequence(s) set and verified ahead</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n table(s) equal, %1 rows</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pgshift::core::LogicalReplication</name>
    <message numerus="yes">
        <source>, without %n secondary index(es) built after the initial copy</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Advice: the target copies %1 of the %n table(s) at a time (max_sync_workers_per_subscription = %2, max_logical_replication_workers = %3). Allowing %4 at once shortens the initial copy of many tables; run this on the target before starting (a restart is needed when max_logical_replication_workers changes):</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
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
    <name>pgshift::wizard::PreflightPage</name>
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
    <name>pgshift::wizard::ReplicationPage</name>
    <message numerus="yes">
        <source>%n table(s) copying now</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n secondary index(es) to build</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The setup created %n object(s) on the target before it stopped. Drop them before starting again (the schema copy needs an empty target), with:</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pgshift::wizard::ReplicationRowsPanel</name>
    <message numerus="yes">
        <source>Counting the rows of %n table(s) on both servers…</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
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
    <name>pgshift::wizard::SequencesPage</name>
    <message numerus="yes">
        <source>From the rate measured over %n second(s), for a cutover window of</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Reading the sequences twice, %n second(s) apart…</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n sequence(s), margin %1 increments</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
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
    <message numerus="yes">
        <source>Set %n sequence(s) on the target now? Writes still going to the source move its sequences on; the cutover sets them again after writes stopped.</source>
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
</context>
</TS>
