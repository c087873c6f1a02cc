// Logical replication, from start to "ready for cutover", against the manual recipe of the
// reference docs, side by side on one machine and one dataset (benchsupport's >= 1 GB: pgbench
// tables with foreign keys, a TOAST table, a 2M-row table with four secondary indexes):
//   manual   pg_dump --schema-only | psql, CREATE PUBLICATION ... FOR ALL TABLES,
//            CREATE SUBSCRIPTION ... WITH (copy_data = true)
//   pgshift  pgshift replicate start (secondary indexes deferred, then built in parallel)
// Each run goes into a fresh target database and is timed until every table is ready, no
// deferred index is missing and the lag is under 1 MiB (the same ReplicationProbe judges
// both, polled every 250 ms), then checked for row counts, indexes and foreign keys.
// Goal: pgshift <= 0.8x the manual recipe. Best of $PGSHIFT_BENCH_ROUNDS (default 2).
//
// Then the cost of watching a replication: a ReplicationMonitor samples the last run once a
// second for $PGSHIFT_BENCH_SAMPLE_SECONDS (default 60) while pgbench writes on the source.
// Goals: under 1% of one core in this process, and under 1 ms per sampling query on the
// source (mean execution time from pg_stat_statements).
#include "core/pg/connection.h"
#include "core/replication/replicationmonitor.h"
#include "core/replication/replicationstatus.h"
#include "core/tools/clienttools.h"
#include "tests/bench/benchsupport.h"
#include "tests/support/pgserver.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>

#include <functional>

#include <sys/resource.h>

using namespace pgshift::bench;
using namespace pgshift::core;
using namespace pgshift::testsupport;

namespace {

constexpr double Goal = 0.8;
constexpr qint64 MaxLag = 1 << 20;
constexpr double CpuGoalPercent = 1.0;
constexpr double QueryGoalMs = 1.0;

double cpuSeconds()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

struct Run
{
    double seconds = 0;
    bool ok = false;
    QString why;
};

// Polls until the replication of `options` is ready for cutover; false after `timeoutMs`.
bool waitReady(const ReplicationOptions &options, int timeoutMs, QString *why)
{
    ReplicationProbe probe(options);
    QElapsedTimer t;
    t.start();
    ReplicationStatus st;
    while (!t.hasExpired(timeoutMs)) {
        st = probe.sample(ReplicationProbe::CountMissingIndexes);
        if (st.readyForCutover(MaxLag))
            return true;
        if (st.syncErrors > 0 || st.applyErrors > 0) {
            *why = QStringLiteral("replication errors on the target");
            return false;
        }
        QThread::msleep(250);
    }
    *why = QStringLiteral("not ready after %1 s (%2 of %3 tables ready)").arg(timeoutMs / 1000).arg(st.readyTables).arg(st.tables.size());
    return false;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int scale = envInt("PGSHIFT_BENCH_SCALE", 50);
    const int jobs = envInt("PGSHIFT_BENCH_JOBS", 2);
    const int rounds = envInt("PGSHIFT_BENCH_ROUNDS", 2);
    const int sampleSeconds = envInt("PGSHIFT_BENCH_SAMPLE_SECONDS", 60);
    const QString pgshift = QCoreApplication::applicationDirPath() + QStringLiteral("/../../bin/pgshift");

    PgServer source(durableServer(PgServer::Role::Source, {QStringLiteral("shared_preload_libraries = 'pg_stat_statements'")}));
    PgServer target(durableServer(PgServer::Role::Target));
    if (!startBoth(source, target))
        return 1;
    const int major = source.majorVersion();
    const QString dump = ClientTools::best(QStringLiteral("pg_dump"), major).path;
    const QString psql = ClientTools::best(QStringLiteral("psql"), major).path;
    if (dump.isEmpty() || psql.isEmpty()) {
        say(QStringLiteral("missing a tool: pg_dump %1, psql %2").arg(dump, psql));
        return 1;
    }
    QTemporaryDir work(QDir(PgServer::testRoot()).filePath(QStringLiteral("bench-XXXXXX")));
    QProcessEnvironment env = toolEnvironment(work.filePath(QStringLiteral("pgpass")), source, target);
    env.insert(QStringLiteral("PGSHIFT_STATE_DIR"), work.filePath(QStringLiteral("state")));
    const Dataset data = createDataset(source, QStringLiteral("bench"), scale, env);
    if (data.bytes < (qint64(1) << 30) && scale >= 50) {
        say(QStringLiteral("the dataset is under 1 GiB"));
        return 1;
    }
    const QString from = uri(source, QStringLiteral("bench"));

    int serial = 0;
    // One replication into a fresh database: `begin` starts it (returns false on failure),
    // then the wait, the checks, and the teardown.
    const auto runOnce = [&](const QString &name, const ReplicationNames &names, bool deferIndexes,
                             const std::function<bool(const QString &db)> &begin, bool keep) -> Run {
        const QString db = QStringLiteral("repl%1").arg(++serial);
        {
            Connection admin(target.settings());
            admin.exec(QStringLiteral("CREATE DATABASE %1").arg(db));
            admin.exec(QStringLiteral("CHECKPOINT"));
            Connection(source.settings()).exec(QStringLiteral("CHECKPOINT"));
        }
        ReplicationOptions options;
        options.copy.source = source.settings(QStringLiteral("bench"));
        options.copy.target = target.settings(db);
        options.names = names;
        options.deferSecondaryIndexes = deferIndexes;
        Run r;
        QElapsedTimer t;
        t.start();
        r.ok = begin(db) && waitReady(options, 30 * 60 * 1000, &r.why);
        r.seconds = t.elapsed() / 1000.0;
        if (r.ok) {
            Connection tgt(target.settings(db));
            if (counts(tgt) != data.counts) {
                r.ok = false;
                r.why = QStringLiteral("row counts differ");
            } else if (indexCount(tgt) != data.indexes) {
                r.ok = false;
                r.why = QStringLiteral("%1 indexes/foreign keys instead of %2").arg(indexCount(tgt)).arg(data.indexes);
            }
        } else if (r.why.isEmpty()) {
            r.why = QStringLiteral("failed");
        }
        say(QStringLiteral("  %1: %2 s %3").arg(name).arg(r.seconds, 0, 'f', 1).arg(r.ok ? QString() : r.why));
        if (!keep) {
            Connection(target.settings(db)).exec(QStringLiteral("DROP SUBSCRIPTION IF EXISTS %1").arg(names.subscription));
            Connection(source.settings(QStringLiteral("bench"))).exec(QStringLiteral("DROP PUBLICATION IF EXISTS %1").arg(names.publication));
            Connection(target.settings()).exec(QStringLiteral("DROP DATABASE %1").arg(db));
        }
        return r;
    };

    ReplicationNames manualNames;
    manualNames.publication = QStringLiteral("manual_pub");
    manualNames.subscription = QStringLiteral("manual_sub");
    manualNames.slot = QStringLiteral("manual_sub");
    const auto manual = [&](const QString &db) {
        if (!shell(QStringLiteral("'%1' --schema-only --no-owner --no-privileges '%2' | '%3' -X -q -v ON_ERROR_STOP=1 -d '%4' >/dev/null")
                       .arg(dump, from, psql, uri(target, db)),
                   env))
            return false;
        Connection(source.settings(QStringLiteral("bench"))).exec(QStringLiteral("CREATE PUBLICATION manual_pub FOR ALL TABLES"));
        Connection(target.settings(db)).exec(QStringLiteral("CREATE SUBSCRIPTION manual_sub CONNECTION 'host=127.0.0.1 port=%1 dbname=bench user=postgres password=%2' PUBLICATION manual_pub WITH (copy_data = true)")
                                                 .arg(source.port()).arg(source.password()));
        return true;
    };
    const ReplicationNames ours;
    const auto viaPgshift = [&](const QString &db) {
        return shell(QStringLiteral("'%1' replicate start --yes --jobs %2 --source '%3' --target '%4' >/dev/null")
                         .arg(pgshift).arg(jobs).arg(from, uri(target, db)),
                     env);
    };

    say(QStringLiteral("Warm-up: manual recipe (untimed)"));
    runOnce(QStringLiteral("manual (warm-up)"), manualNames, false, manual, false);
    Run bestManual;
    Run bestOurs;
    QStringList manualTimes;
    QStringList ourTimes;
    for (int round = 1; round <= rounds; ++round) {
        say(QStringLiteral("Round %1 of %2").arg(round).arg(rounds));
        const Run m = runOnce(QStringLiteral("manual recipe"), manualNames, false, manual, false);
        const Run p = runOnce(QStringLiteral("pgshift replicate start"), ours, true, viaPgshift, round == rounds);
        manualTimes << (m.ok ? QString::number(m.seconds, 'f', 1) : m.why);
        ourTimes << (p.ok ? QString::number(p.seconds, 'f', 1) : p.why);
        if (round == 1 || !m.ok || (bestManual.ok && m.seconds < bestManual.seconds))
            bestManual = m;
        if (round == 1 || !p.ok || (bestOurs.ok && p.seconds < bestOurs.seconds))
            bestOurs = p;
    }

    // Watching the last pgshift run while pgbench writes on the source.
    say(QStringLiteral("Sampling once a second for %1 s while pgbench writes...").arg(sampleSeconds));
    ReplicationOptions watched;
    watched.copy.source = source.settings(QStringLiteral("bench"));
    watched.copy.target = target.settings(QStringLiteral("repl%1").arg(serial));
    Connection stats(source.settings());
    stats.exec(QStringLiteral("CREATE EXTENSION IF NOT EXISTS pg_stat_statements"));
    QProcess writer;
    writer.setProcessEnvironment(env);
    writer.setProcessChannelMode(QProcess::ForwardedChannels);
    writer.start(QDir(source.binDir()).filePath(QStringLiteral("pgbench")),
                 {QStringLiteral("-n"), QStringLiteral("-c"), QStringLiteral("2"), QStringLiteral("-R"), QStringLiteral("200"),
                  QStringLiteral("-T"), QString::number(sampleSeconds + 5), from});
    QThread::msleep(1000);
    stats.exec(QStringLiteral("SELECT pg_stat_statements_reset()"));
    int samples = 0;
    int unreachable = 0;
    qint64 maxLagSeen = 0;
    const double cpuBefore = cpuSeconds();
    QElapsedTimer wall;
    wall.start();
    {
        ReplicationMonitor monitor(watched, 1000);
        QObject::connect(&monitor, &ReplicationMonitor::sampled, &app, [&](const ReplicationStatus &st) {
            ++samples;
            unreachable += st.sourceReachable && st.targetReachable ? 0 : 1;
            maxLagSeen = std::max(maxLagSeen, st.lagBytes);
        });
        monitor.start();
        QTimer::singleShot(sampleSeconds * 1000, &app, &QCoreApplication::quit);
        app.exec();
    }
    const double cpu = cpuSeconds() - cpuBefore;
    const double elapsed = wall.elapsed() / 1000.0;
    writer.waitForFinished(-1);
    // Every statement the probe ran on the source, by mean time (the pgbench statements and
    // this query itself left out).
    const Result q = stats.exec(QStringLiteral(
        "SELECT calls, mean_exec_time, max_exec_time, left(regexp_replace(query, '\\s+', ' ', 'g'), 70)"
        "  FROM pg_stat_statements"
        " WHERE query ~ 'pg_replication_slots|jsonb_array_elements|pg_publication|pg_index'"
        "   AND query !~ 'pg_stat_statements' ORDER BY mean_exec_time DESC"));
    double worstMean = 0;
    qint64 queries = 0;
    QStringList queryLines;
    for (int i = 0; i < q.rowCount(); ++i) {
        worstMean = std::max(worstMean, q.toDouble(i, 1));
        queries += q.toInt64(i, 0);
        queryLines << QStringLiteral("    %1 calls, mean %2 ms, max %3 ms: %4")
                          .arg(q.toInt64(i, 0)).arg(q.toDouble(i, 1), 0, 'f', 3).arg(q.toDouble(i, 2), 0, 'f', 3).arg(q.text(i, 3));
    }
    const double cpuPercent = 100.0 * cpu / elapsed;

    say(QString());
    const qint64 syncWorkers = Connection(target.settings()).exec(QStringLiteral("SELECT current_setting('max_sync_workers_per_subscription')::int")).toInt64(0, 0);
    say(QStringLiteral("Logical replication to ready-for-cutover, %1 MiB, PostgreSQL %2 -> %3, %4 sync workers on the target:")
            .arg(data.bytes >> 20).arg(major).arg(target.majorVersion()).arg(syncWorkers));
    say(QStringLiteral("  %1 %2 %3").arg(QStringLiteral("method"), -50).arg(QStringLiteral("best s"), 8).arg(QStringLiteral("  runs (s)")));
    say(QStringLiteral("  %1 %2   %3").arg(QStringLiteral("manual: schema | psql, then CREATE SUBSCRIPTION"), -50)
            .arg(bestManual.seconds, 8, 'f', 1).arg(manualTimes.join(QStringLiteral(", "))));
    say(QStringLiteral("  %1 %2   %3").arg(QStringLiteral("pgshift replicate start --jobs %1").arg(jobs), -50)
            .arg(bestOurs.seconds, 8, 'f', 1).arg(ourTimes.join(QStringLiteral(", "))));
    const bool speedMet = bestManual.ok && bestOurs.ok && bestOurs.seconds <= Goal * bestManual.seconds;
    say(QStringLiteral("Goal: pgshift <= %1x the manual recipe: %2 (%3x)")
            .arg(Goal).arg(speedMet ? QStringLiteral("met") : QStringLiteral("MISSED"))
            .arg(bestManual.seconds > 0 ? bestOurs.seconds / bestManual.seconds : 0, 0, 'f', 2));
    say(QString());
    say(QStringLiteral("Sampling: %1 samples in %2 s (%3 with a server unreachable), lag up to %4 KiB under pgbench -R 200")
            .arg(samples).arg(elapsed, 0, 'f', 1).arg(unreachable).arg(maxLagSeen / 1024));
    say(QStringLiteral("  CPU of this process: %1 s = %2% of one core (goal < %3%)")
            .arg(cpu, 0, 'f', 3).arg(cpuPercent, 0, 'f', 3).arg(CpuGoalPercent));
    say(QStringLiteral("  source queries: %1 calls, worst mean %2 ms (goal < %3 ms)").arg(queries).arg(worstMean, 0, 'f', 3).arg(QueryGoalMs));
    for (const QString &line : queryLines)
        say(line);
    const bool samplingMet = samples >= sampleSeconds - 2 && unreachable == 0 && queries > 0 && cpuPercent < CpuGoalPercent
        && worstMean < QueryGoalMs;
    say(QStringLiteral("Goal: sampling under %1% of a core and %2 ms per source query: %3")
            .arg(CpuGoalPercent).arg(QueryGoalMs).arg(samplingMet ? QStringLiteral("met") : QStringLiteral("MISSED")));

    Connection(target.settings(QStringLiteral("repl%1").arg(serial))).exec(QStringLiteral("DROP SUBSCRIPTION IF EXISTS pgshift_sub"));
    Connection(source.settings(QStringLiteral("bench"))).exec(QStringLiteral("DROP PUBLICATION IF EXISTS pgshift_pub"));
    return speedMet && samplingMet ? 0 : 1;
}
