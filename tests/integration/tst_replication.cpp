// Logical replication end to end, 15 -> 15 and 15 -> 18: schema without the secondary indexes,
// publication, subscription, writes on the source during and after the initial copy, the
// deferred indexes, convergence to identical contents, status, and a cleanup that leaves no
// pgshift slot, publication or subscription.
#include "core/migration/cancellation.h"
#include "core/pg/connection.h"
#include "core/replication/logicalreplication.h"
#include "core/replication/replicationcleanup.h"
#include "core/replication/replicationstatus.h"
#include "tests/support/pgserver.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QTest>

#include <atomic>
#include <thread>

using namespace pgshift::core;
using namespace pgshift::testsupport;

namespace {

QString checksum(Connection &c, const QString &table)
{
    return c.exec(QString("SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '')"
                          " FROM %1 t").arg(table)).text(0, 0);
}

} // namespace

class TestReplication : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void namesAreValidated();
    void previewMasksThePassword();
    void convergesUnderWrites();
    void survivesTargetRestartAndDroppedSessions();
    void cleanupWhenTheSourceIsGone();

private:
    ReplicationOptions options(const QString &targetDb, const QString &suffix = {}) const;

    PgServer m_source{PgServer::Role::Source};
    PgServer m_target{PgServer::Role::Target};
};

ReplicationOptions TestReplication::options(const QString &targetDb, const QString &suffix) const
{
    ReplicationOptions o;
    o.copy.source = m_source.settings("app");
    o.copy.target = m_target.settings(targetDb);
    o.copy.jobs = 2;
    o.names.publication += suffix;
    o.names.subscription += suffix;
    o.names.slot += suffix;
    return o;
}

void TestReplication::initTestCase()
{
    PGSHIFT_START(m_source);
    PGSHIFT_START(m_target);
    Connection admin(m_source.settings());
    admin.exec("CREATE DATABASE app");
    Connection app(m_source.settings("app"));
    app.exec("CREATE TABLE public.accounts (id int PRIMARY KEY, name text, balance numeric)");
    app.exec("INSERT INTO public.accounts SELECT g, 'account ' || g, g FROM generate_series(1, 20000) g");
    app.exec("CREATE TABLE public.events (id bigserial PRIMARY KEY, account int REFERENCES public.accounts,"
             " at timestamptz DEFAULT now(), note text)");
    app.exec("INSERT INTO public.events (account, note) SELECT 1 + g % 20000, md5(g::text) FROM generate_series(1, 100000) g");
    app.exec("CREATE INDEX events_at ON public.events (at)");
    app.exec("CREATE INDEX events_note ON public.events (lower(note))");
    app.exec("CREATE UNIQUE INDEX accounts_name ON public.accounts (name)");
    app.exec("CREATE TABLE public.readings (id int, taken date NOT NULL, value float8, PRIMARY KEY (id, taken))"
             " PARTITION BY RANGE (taken)");
    app.exec("CREATE TABLE public.readings_2025 PARTITION OF public.readings FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')");
    app.exec("CREATE TABLE public.readings_2026 PARTITION OF public.readings FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')");
    app.exec("INSERT INTO public.readings SELECT g, date '2025-03-01' + g % 500, g * 0.5 FROM generate_series(1, 5000) g");
    app.exec("CREATE INDEX readings_value ON public.readings (value)");
}

void TestReplication::namesAreValidated()
{
    ReplicationNames names;
    QVERIFY(!names.problem());
    names.slot = "Bad-Name";
    QVERIFY(names.problem() && names.problem()->contains("Bad-Name"));
    names.slot = "1slot";
    QVERIFY(names.problem());
    names.slot = QString(64, 'a');
    QVERIFY(names.problem());
    names.slot = QString(63, 'a');
    QVERIFY(!names.problem());
}

void TestReplication::previewMasksThePassword()
{
    Connection admin(m_target.settings());
    admin.exec("CREATE DATABASE preview");
    const auto steps = LogicalReplication::plan(options("preview"));
    QCOMPARE(steps.size(), 4); // 3 tables to copy, 2 sync workers by default: the advice comes last
    QVERIFY2(steps[3].title.contains("copies 2 of the 3 table"), qPrintable(steps[3].title));
    QVERIFY2(steps[3].sql.startsWith("ALTER SYSTEM SET max_sync_workers_per_subscription = 3;"), qPrintable(steps[3].sql));
    QVERIFY2(steps[0].title.contains("without 2 secondary index"), qPrintable(steps[0].title));
    QVERIFY2(steps[1].sql.startsWith("CREATE PUBLICATION \"pgshift_pub\" FOR ALL TABLES"), qPrintable(steps[1].sql));
    QVERIFY(steps[1].sql.contains("publish_via_partition_root = true"));
    const QString sub = steps[2].sql;
    QVERIFY2(sub.startsWith("CREATE SUBSCRIPTION \"pgshift_sub\" CONNECTION '") && sub.contains("password=***")
                 && sub.contains("slot_name = 'pgshift_sub'") && sub.contains("copy_data = true"),
             qPrintable(sub));
    QVERIFY(!sub.contains(m_source.password()));
    // A target that copies one table at a time gets the settings that would copy more.
    {
        Connection targetAdmin(m_target.settings());
        targetAdmin.exec("ALTER SYSTEM SET max_sync_workers_per_subscription = 1");
        targetAdmin.exec("SELECT pg_reload_conf()");
        Connection source(m_source.settings("app"));
        Connection target(m_target.settings("preview"));
        QTRY_COMPARE(target.exec("SELECT current_setting('max_sync_workers_per_subscription')").text(0, 0), QString("1"));
        const auto advice = LogicalReplication::syncWorkerAdvice(source, target, CopyScope());
        targetAdmin.exec("ALTER SYSTEM RESET max_sync_workers_per_subscription");
        targetAdmin.exec("SELECT pg_reload_conf()");
        QVERIFY(advice);
        QVERIFY2(advice->title.contains("copies 1 of the 3 table"), qPrintable(advice->title));
        QCOMPARE(advice->sql, QString("ALTER SYSTEM SET max_sync_workers_per_subscription = 3; SELECT pg_reload_conf();"));
        // Scoped to one table: nothing to gain.
        QVERIFY(!LogicalReplication::syncWorkerAdvice(source, target, *CopyScope::parse({}, {"accounts"}, nullptr)));
    }
    // Scoped to tables: the publication lists them (a partition through its root).
    CopyScope scope = *CopyScope::parse({}, {"events", "readings"}, nullptr);
    Connection source(m_source.settings("app"));
    QCOMPARE(LogicalReplication::publicationSql(source, ReplicationNames(), scope),
             QString("CREATE PUBLICATION \"pgshift_pub\" FOR TABLE public.events, public.readings"
                     " WITH (publish_via_partition_root = true)"));
}

void TestReplication::convergesUnderWrites()
{
    Connection admin(m_target.settings());
    admin.exec("CREATE DATABASE replica");
    const ReplicationOptions o = options("replica");

    // Writes on the source from before the subscription until after the initial copy.
    std::atomic<bool> stop{false};
    std::atomic<int> writes{0};
    std::thread writer([&] {
        Connection w(m_source.settings("app"));
        for (int i = 1; !stop.load(); ++i) {
            w.exec("INSERT INTO public.events (account, note) VALUES ($1, $2)", {1 + i % 20000, QString("live %1").arg(i)});
            w.exec("UPDATE public.accounts SET balance = balance + 1 WHERE id = $1", {1 + (i * 7) % 20000});
            if (i % 10 == 0)
                w.exec("DELETE FROM public.events WHERE id = $1", {i * 3});
            w.exec("INSERT INTO public.readings VALUES ($1, date '2026-02-01', 1.5)", {100000 + i});
            ++writes;
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
    });

    CopyProgressTracker tracker;
    Cancellation cancellation;
    const CopyReport report = LogicalReplication::start(o, tracker, cancellation);
    if (!report.succeeded()) {
        stop = true;
        writer.join();
        QFAIL(qPrintable(report.failures.join('\n')));
    }
    Connection target(o.copy.target);
    // The deferred indexes are not there during the initial copy; the unique one is.
    QCOMPARE(target.exec("SELECT count(*) FROM pg_indexes WHERE indexname IN ('events_at', 'events_note')").toInt64(0, 0),
             qint64(0));
    // Unique indexes and partitions' indexes (pg_restore attaches them to their parent's) are.
    QCOMPARE(target.exec("SELECT count(*) FROM pg_indexes WHERE indexname IN ('accounts_name', 'readings_value',"
                         " 'readings_2025_value_idx', 'readings_2026_value_idx')").toInt64(0, 0),
             qint64(4));

    ReplicationProbe probe(o);
    QList<QChar> statesSeen;
    QElapsedTimer timer;
    timer.start();
    ReplicationStatus st;
    while (timer.elapsed() < 120000) {
        st = probe.sample();
        for (const TableSync &t : st.tables) {
            if (!statesSeen.contains(t.state))
                statesSeen << t.state;
        }
        if (st.allTablesReady())
            break;
        QTest::qWait(200);
    }
    QVERIFY2(st.allTablesReady(), qPrintable(QString("%1 of %2 ready").arg(st.readyTables).arg(st.tables.size())));
    QCOMPARE(st.tables.size(), 3); // accounts, events, and readings through its root
    QVERIFY(st.publicationExists && st.slotExists && st.subscriptionExists && st.subscriptionEnabled);
    QVERIFY(statesSeen.contains(u'r'));

    QStringList failures;
    QCOMPARE(LogicalReplication::buildMissingIndexes(o, cancellation, &failures), 2);
    QVERIFY2(failures.isEmpty(), qPrintable(failures.join('\n')));
    QTest::qWait(500);
    stop = true;
    writer.join();
    QVERIFY(writes.load() > 20);

    // Writes stopped: the target catches up to the source's position, and the lag says so.
    Connection source(o.copy.source);
    timer.restart();
    while (timer.elapsed() < 60000) {
        st = probe.sample(ReplicationProbe::CountMissingIndexes | ReplicationProbe::RowEstimates);
        if (st.lagBytes == 0)
            break;
        QTest::qWait(200);
    }
    QCOMPARE(st.lagBytes, qint64(0));
    QCOMPARE(st.missingIndexes, 0);
    QVERIFY(st.applyWorkerRunning);
    QVERIFY(st.readyForCutover(0));
    QCOMPARE(st.toJson(0).value("ready_for_cutover").toBool(), true);
    for (const QString &table : {QString("public.accounts"), QString("public.events"), QString("public.readings")})
        QCOMPARE(checksum(target, table), checksum(source, table));

    const auto outcome = ReplicationCleanup::run(o.copy.source, o.copy.target, o.names);
    QVERIFY2(outcome.ok(), qPrintable(outcome.failures.join('\n')));
    QStringList errors;
    QVERIFY(ReplicationCleanup::findOrphans(o.copy.source, o.copy.target, &errors).isEmpty());
    QVERIFY(errors.isEmpty());
    // The copy stays; replication is gone.
    QCOMPARE(checksum(target, "public.accounts"), checksum(source, "public.accounts"));
}

void TestReplication::survivesTargetRestartAndDroppedSessions()
{
    Connection admin(m_source.settings("app"));
    admin.exec("CREATE TABLE public.big (id int PRIMARY KEY, body text)");
    admin.exec("INSERT INTO public.big SELECT g, repeat(md5(g::text), 4) FROM generate_series(1, 300000) g");
    Connection(m_target.settings()).exec("CREATE DATABASE restarted");
    ReplicationOptions o = options("restarted", "_3");
    o.copy.scope = *CopyScope::parse({}, {"big", "accounts"}, nullptr);
    CopyProgressTracker tracker;
    Cancellation cancellation;
    const CopyReport report = LogicalReplication::start(o, tracker, cancellation);
    QVERIFY2(report.succeeded(), qPrintable(report.failures.join('\n')));

    // The target goes down during the initial copy and comes back.
    ReplicationProbe probe(o);
    const ReplicationStatus before = probe.sample();
    QVERIFY(before.subscriptionExists);
    QVERIFY2(!before.allTablesReady(), "the initial copy was over before the target could be stopped");
    QVERIFY(m_target.pause());
    const ReplicationStatus down = probe.sample();
    QVERIFY(!down.targetReachable && !down.targetError.isEmpty());
    QVERIFY(down.sourceReachable && down.slotExists);
    PGSHIFT_START(m_target);
    o.copy.target = m_target.settings("restarted"); // the port may have changed
    ReplicationProbe again(o);

    // The probe's own sessions killed on both servers: the next samples reconnect.
    const auto killProbes = [](const PgServer &server) {
        Connection c(server.settings());
        c.exec("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'pgshift'"
               " AND pid <> pg_backend_pid()");
    };
    QElapsedTimer timer;
    timer.start();
    ReplicationStatus st;
    bool killed = false;
    while (timer.elapsed() < 120000) {
        st = again.sample(ReplicationProbe::CountMissingIndexes | ReplicationProbe::RowEstimates);
        if (st.targetReachable && st.sourceReachable && !killed) {
            killProbes(m_source);
            killProbes(m_target);
            killed = true;
            const ReplicationStatus broken = again.sample();
            QVERIFY(!broken.sourceReachable || !broken.targetReachable); // noticed at once
            continue;
        }
        if (st.allTablesReady())
            break;
        QTest::qWait(300);
    }
    QVERIFY(killed);
    QVERIFY2(st.allTablesReady(), qPrintable(QString("%1 of %2 ready; target: %3").arg(st.readyTables).arg(st.tables.size()).arg(st.targetError)));
    Connection source(o.copy.source);
    Connection target(o.copy.target);
    source.exec("UPDATE public.big SET body = 'changed' WHERE id <= 10"); // (admin's session was one of those killed)
    QTRY_VERIFY_WITH_TIMEOUT(checksum(target, "public.big") == checksum(source, "public.big"), 60000);
    QVERIFY(ReplicationCleanup::run(o.copy.source, o.copy.target, o.names).ok());
}

void TestReplication::cleanupWhenTheSourceIsGone()
{
    Connection admin(m_target.settings());
    admin.exec("CREATE DATABASE orphaned");
    ReplicationOptions o = options("orphaned", "_2");
    o.copy.scope = *CopyScope::parse({}, {"accounts"}, nullptr);
    CopyProgressTracker tracker;
    Cancellation cancellation;
    const CopyReport report = LogicalReplication::start(o, tracker, cancellation);
    QVERIFY2(report.succeeded(), qPrintable(report.failures.join('\n')));

    // The source goes away: the subscription is detached from its slot and dropped anyway;
    // the slot and the publication cannot be reached and are reported.
    QVERIFY(m_source.pause());
    auto outcome = ReplicationCleanup::run(o.copy.source, o.copy.target, o.names);
    QVERIFY(!outcome.ok());
    QVERIFY2(outcome.done.join('\n').contains("detaching it from its slot"), qPrintable(outcome.done.join('\n')));
    QVERIFY2(outcome.failures.join('\n').contains("Could not reach the source"), qPrintable(outcome.failures.join('\n')));
    ReplicationProbe probe(o);
    const ReplicationStatus gone = probe.sample();
    QVERIFY(!gone.sourceReachable && !gone.sourceError.isEmpty());
    QVERIFY(gone.targetReachable && !gone.subscriptionExists);

    // Back again: a second cleanup drops the slot directly, then the publication.
    PGSHIFT_START(m_source);
    const auto orphans = ReplicationCleanup::findOrphans(o.copy.source, o.copy.target);
    QCOMPARE(orphans.size(), 2); // the slot and the publication, on the source
    outcome = ReplicationCleanup::run(o.copy.source, o.copy.target, o.names);
    QVERIFY2(outcome.ok(), qPrintable(outcome.failures.join('\n')));
    QVERIFY(ReplicationCleanup::findOrphans(o.copy.source, o.copy.target).isEmpty());
}

QTEST_GUILESS_MAIN(TestReplication)
#include "tst_replication.moc"
