// The cutover, measured.
//
// 1. Sequences at scale: 10,000 sequences (ascending, descending, never used) read from the
//    source, planned and applied to the target in one transaction, then verified ahead.
//    Peer: the reference docs' manual recipe, a query that prints one setval() per sequence
//    piped into psql on the target. Goal: pgshift under 2 s for read + plan + apply + verify.
//
// 2. Write downtime under load: the >= 1 GB dataset (benchsupport) replicated with `pgshift
//    replicate start`, pgbench writing about 200 transactions/s as an application role, then
//    the cutover with that role blocked; downtime is the write block to the validated target
//    (exact row counts of every table, in parallel). $PGSHIFT_BENCH_CUTOVERS runs (default 5),
//    each into a fresh target database. Goal: median under 5 s. Peer: pg_easy_replicate
//    documents its switchover as taking "up to <1 min".
#include "core/cutover/cutover.h"
#include "core/cutover/sequencesync.h"
#include "core/log/corelog.h"
#include "core/migration/cancellation.h"
#include "core/pg/connection.h"
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

#include <algorithm>

using namespace pgshift::bench;
using namespace pgshift::core;
using namespace pgshift::testsupport;

namespace {

constexpr int Sequences = 10000;
constexpr double SequenceGoalSeconds = 2.0;
constexpr double DowntimeGoalSeconds = 5.0;
constexpr double PeerDowntimeSeconds = 60.0; // pg_easy_replicate: "up to <1 min"
const QString AppRole = QStringLiteral("bench_app");
const QString AppPassword = QStringLiteral("bench-app-pw");

double seconds(const QElapsedTimer &t)
{
    return t.nsecsElapsed() / 1e9;
}

// 10,000 sequences on `c`: a third used ascending, a third descending, a third never used.
void createSequences(Connection &c, bool use)
{
    c.exec(QStringLiteral("CREATE SCHEMA seqs"));
    c.exec(QStringLiteral("DO $$ BEGIN FOR i IN 1..%1 LOOP"
                          "  EXECUTE format('CREATE SEQUENCE seqs.%I INCREMENT BY %s', 's' || i, CASE WHEN i % 3 = 1 THEN -1 ELSE 1 END);"
                          " END LOOP; END $$")
               .arg(Sequences));
    if (use) {
        c.exec(QStringLiteral("DO $$ BEGIN FOR i IN 1..%1 LOOP"
                              "  IF i % 3 <> 0 THEN PERFORM nextval(format('seqs.%I', 's' || i)); END IF;"
                              " END LOOP; END $$")
                   .arg(Sequences));
    }
}

bool waitReady(const ReplicationOptions &options, int timeoutMs)
{
    ReplicationProbe probe(options);
    QElapsedTimer t;
    t.start();
    while (!t.hasExpired(timeoutMs)) {
        if (probe.sample(ReplicationProbe::CountMissingIndexes).readyForCutover(1 << 20))
            return true;
        QThread::msleep(250);
    }
    return false;
}

double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    const qsizetype n = values.size();
    return n == 0 ? 0 : (n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    logger()->set_level(spdlog::level::warn); // the cutover's own log lines would drown the results
    const int scale = envInt("PGSHIFT_BENCH_SCALE", 50);
    const int runs = envInt("PGSHIFT_BENCH_CUTOVERS", 5);
    const int rate = envInt("PGSHIFT_BENCH_RATE", 200);
    const QString pgshift = QCoreApplication::applicationDirPath() + QStringLiteral("/../../bin/pgshift");

    PgServer source(durableServer(PgServer::Role::Source));
    PgServer target(durableServer(PgServer::Role::Target));
    if (!startBoth(source, target))
        return 1;
    const QString psql = ClientTools::best(QStringLiteral("psql"), source.majorVersion()).path;
    QTemporaryDir work(QDir(PgServer::testRoot()).filePath(QStringLiteral("bench-XXXXXX")));
    QProcessEnvironment env = toolEnvironment(work.filePath(QStringLiteral("pgpass")), source, target);
    env.insert(QStringLiteral("PGSHIFT_STATE_DIR"), work.filePath(QStringLiteral("state")));

    // 1. Sequences.
    say(QStringLiteral("Sequences: %1 on each side...").arg(Sequences));
    Connection(source.settings()).exec(QStringLiteral("CREATE DATABASE seqbench"));
    Connection(target.settings()).exec(QStringLiteral("CREATE DATABASE seqbench"));
    Connection(target.settings()).exec(QStringLiteral("CREATE DATABASE seqmanual"));
    {
        Connection src(source.settings(QStringLiteral("seqbench")));
        createSequences(src, true);
        Connection tgt(target.settings(QStringLiteral("seqbench")));
        createSequences(tgt, false);
        Connection manual(target.settings(QStringLiteral("seqmanual")));
        createSequences(manual, false);
    }
    CopyScope scope;
    scope.schemas = {QStringLiteral("seqs")};
    Connection src(source.settings(QStringLiteral("seqbench")));
    Connection tgt(target.settings(QStringLiteral("seqbench")));
    QElapsedTimer t;
    t.start();
    const QList<SequenceInfo> read = SequenceSync::read(src, scope);
    const double readSeconds = seconds(t);
    QList<SequencePlan> plans = SequenceSync::plan(read, SequenceSync::DefaultMargin);
    const double planSeconds = seconds(t) - readSeconds;
    const int applied = SequenceSync::apply(tgt, plans);
    const double applySeconds = seconds(t) - readSeconds - planSeconds;
    const QStringList behind = SequenceSync::behind(src, tgt, scope);
    const double ourSeconds = seconds(t);
    const double verifySeconds = ourSeconds - readSeconds - planSeconds - applySeconds;

    // The manual recipe: generate the statements on the source, run them with psql on the target.
    t.start();
    const bool manualOk = shell(QStringLiteral("'%1' -X -At -d '%2' -c \"SELECT format('SELECT setval(%L, %s, true);', "
                                               "quote_ident(schemaname) || '.' || quote_ident(sequencename), "
                                               "coalesce(last_value, start_value) + 10000 * increment_by) FROM pg_sequences "
                                               "WHERE schemaname = 'seqs'\" | '%1' -X -q -o /dev/null -v ON_ERROR_STOP=1 -d '%3'")
                                    .arg(psql, uri(source, QStringLiteral("seqbench")), uri(target, QStringLiteral("seqmanual"))),
                                env);
    const double manualSeconds = seconds(t);
    const bool sequencesOk = read.size() == Sequences && applied > 0 && behind.isEmpty();
    if (!behind.isEmpty())
        say(QStringLiteral("  %1 target sequence(s) not ahead, e.g. %2").arg(behind.size()).arg(behind.first()));

    // 2. Downtime under load.
    say(QStringLiteral("Downtime: creating the dataset (pgbench scale %1)...").arg(scale));
    const Dataset data = createDataset(source, QStringLiteral("bench"), scale, env);
    {
        Connection bench(source.settings(QStringLiteral("bench")));
        bench.execShownAs(QStringLiteral("CREATE ROLE %1 LOGIN PASSWORD '%2'").arg(AppRole, AppPassword),
                          QStringLiteral("CREATE ROLE %1 LOGIN PASSWORD '***'").arg(AppRole));
        bench.exec(QStringLiteral("GRANT ALL ON ALL TABLES IN SCHEMA public TO %1").arg(AppRole));
        bench.exec(QStringLiteral("GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO %1").arg(AppRole));
    }
    QProcessEnvironment appEnv = env;
    appEnv.insert(QStringLiteral("PGPASSWORD"), AppPassword);
    const QString appUri = QStringLiteral("postgresql://%1@127.0.0.1:%2/bench").arg(AppRole).arg(source.port());
    QList<double> downtimes;
    QStringList runLines;
    bool downtimeOk = true;
    for (int run = 1; run <= runs; ++run) {
        const QString db = QStringLiteral("cut%1").arg(run);
        Connection(target.settings()).exec(QStringLiteral("CREATE DATABASE %1").arg(db));
        ReplicationOptions options;
        options.copy.source = source.settings(QStringLiteral("bench"));
        options.copy.target = target.settings(db);
        options.copy.jobs = 2;
        if (!shell(QStringLiteral("'%1' replicate start --yes --jobs 2 --source '%2' --target '%3' >/dev/null")
                       .arg(pgshift, uri(source, QStringLiteral("bench")), uri(target, db)),
                   env)
            || !waitReady(options, 30 * 60 * 1000)) {
            say(QStringLiteral("  run %1: the replication did not get ready").arg(run));
            downtimeOk = false;
            break;
        }
        QProcess writer;
        writer.setProcessEnvironment(appEnv);
        writer.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        writer.setStandardOutputFile(QProcess::nullDevice());
        writer.start(QDir(source.binDir()).filePath(QStringLiteral("pgbench")),
                     {QStringLiteral("-n"), QStringLiteral("-c"), QStringLiteral("4"), QStringLiteral("-R"), QString::number(rate),
                      QStringLiteral("-T"), QStringLiteral("600"), appUri});
        QThread::msleep(5000); // the load settles, the lag is live
        CutoverOptions c;
        c.replication = options;
        c.writeBlock.mode = WriteBlock::Roles;
        c.writeBlock.roles = {AppRole};
        c.catchUpTimeoutSeconds = 120;
        c.maxLagBytes = 16 << 20;
        Cancellation cancellation;
        const CutoverReport report = Cutover::run(c, cancellation);
        writer.kill();
        writer.waitForFinished(-1);
        QStringList steps;
        for (const CutoverStep &s : report.steps) {
            // Only what runs while writes are blocked counts towards the downtime.
            QString name;
            switch (s.id) {
            case CutoverStep::Id::BlockWrites: name = QStringLiteral("block"); break;
            case CutoverStep::Id::CatchUp: name = QStringLiteral("catch-up"); break;
            case CutoverStep::Id::LargeObjects: name = QStringLiteral("large objects"); break;
            case CutoverStep::Id::Sequences: name = QStringLiteral("sequences"); break;
            case CutoverStep::Id::Validate: name = QStringLiteral("validate"); break;
            case CutoverStep::Id::FinishReplication: name = QStringLiteral("end replication"); break;
            default: break;
            }
            if (!name.isEmpty())
                steps << QStringLiteral("%1 %2 ms").arg(name).arg(s.elapsedMs);
        }
        const QStringList lifted = WriteBlocker::lift(source.settings(QStringLiteral("bench")), c.writeBlock);
        if (!report.succeeded || !lifted.isEmpty()) {
            say(QStringLiteral("  run %1: FAILED: %2 %3").arg(run).arg(report.failure, lifted.join(u' ')));
            downtimeOk = false;
            break;
        }
        downtimes << report.downtimeMs / 1000.0;
        runLines << QStringLiteral("  run %1: downtime %2 s (%3)").arg(run).arg(report.downtimeMs / 1000.0, 0, 'f', 2).arg(steps.join(QStringLiteral(", ")));
        say(runLines.last());
        Connection(target.settings()).exec(QStringLiteral("DROP DATABASE %1").arg(db));
    }

    say(QString());
    say(QStringLiteral("Sequences, %1 on PostgreSQL %2 -> %3:").arg(Sequences).arg(source.majorVersion()).arg(target.majorVersion()));
    say(QStringLiteral("  pgshift: read %1 s, plan %2 s, apply %3 s (%4 set), verify %5 s: total %6 s")
            .arg(readSeconds, 0, 'f', 3).arg(planSeconds, 0, 'f', 3).arg(applySeconds, 0, 'f', 3).arg(applied)
            .arg(verifySeconds, 0, 'f', 3).arg(ourSeconds, 0, 'f', 3));
    say(QStringLiteral("  manual recipe (setval per sequence through psql, no verification): %1 s%2")
            .arg(manualSeconds, 0, 'f', 3).arg(manualOk ? QString() : QStringLiteral(" (FAILED)")));
    say(QStringLiteral("  ratio pgshift / manual: %1x").arg(manualSeconds > 0 ? ourSeconds / manualSeconds : 0, 0, 'f', 2));
    const bool sequenceGoal = sequencesOk && ourSeconds < SequenceGoalSeconds;
    say(QStringLiteral("Goal: under %1 s for all of it: %2").arg(SequenceGoalSeconds).arg(sequenceGoal ? QStringLiteral("met") : QStringLiteral("MISSED")));
    say(QString());
    const double med = median(downtimes);
    say(QStringLiteral("Write downtime under pgbench -R %1 as %2, %3 MiB, %4 run(s):").arg(rate).arg(AppRole).arg(data.bytes >> 20).arg(downtimes.size()));
    for (const QString &line : runLines)
        say(line);
    say(QStringLiteral("  median %1 s; peer pg_easy_replicate documents up to %2 s; ratio %3x")
            .arg(med, 0, 'f', 2).arg(PeerDowntimeSeconds, 0, 'f', 0).arg(med / PeerDowntimeSeconds, 0, 'f', 3));
    const bool downtimeGoal = downtimeOk && downtimes.size() == runs && med < DowntimeGoalSeconds;
    say(QStringLiteral("Goal: median under %1 s: %2").arg(DowntimeGoalSeconds).arg(downtimeGoal ? QStringLiteral("met") : QStringLiteral("MISSED")));
    return sequenceGoal && downtimeGoal ? 0 : 1;
}
