// Dump & restore against the ways a DBA copies a database by hand, on one machine, same N:
//   plain    pg_dump | psql (the reference recipe)
//   fd       pg_dump -Fd -j N, then pg_restore -j N
//   pgcopydb pgcopydb clone --table-jobs N --index-jobs N
//   pgshift  pgshift copy --jobs N (the stream engine), as a user runs it
// on a generated dataset of at least 1 GB: pgbench tables (scale $PGSHIFT_BENCH_SCALE, default
// 50) with their foreign keys, a TOAST-heavy table, and a table with several secondary indexes
// and a foreign key. Every run goes into a fresh database and must end with the same row
// counts as the source. Prints one table of times and ratios. Goal: pgshift <= 0.9x the
// fastest peer; exit status 1 when missed or when a run failed. One untimed warm-up copy
// first, then $PGSHIFT_BENCH_ROUNDS rounds (default 2); each contender's best time counts.
#include "core/tools/clienttools.h"
#include "core/pg/connection.h"
#include "tests/bench/benchsupport.h"
#include "tests/support/pgserver.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>

using namespace pgshift::bench;
using namespace pgshift::core;
using namespace pgshift::testsupport;

namespace {

constexpr double Goal = 0.9;

struct Run
{
    QString name;
    QString command;
    double seconds = 0;
    bool ok = false;
    QString why;
};

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int scale = envInt("PGSHIFT_BENCH_SCALE", 50);
    const int jobs = envInt("PGSHIFT_BENCH_JOBS", 2);
    const QString pgshift = QCoreApplication::applicationDirPath() + QStringLiteral("/../../bin/pgshift");

    PgServer source(durableServer(PgServer::Role::Source));
    PgServer target(durableServer(PgServer::Role::Target));
    if (!startBoth(source, target))
        return 1;
    const int major = source.majorVersion();
    const QString dump = ClientTools::best(QStringLiteral("pg_dump"), major).path;
    const QString restore = ClientTools::best(QStringLiteral("pg_restore"), major).path;
    const QString psql = ClientTools::best(QStringLiteral("psql"), major).path;
    const QString pgbench = QDir(source.binDir()).filePath(QStringLiteral("pgbench"));
    const QString pgcopydb = QStandardPaths::findExecutable(QStringLiteral("pgcopydb"));
    if (dump.isEmpty() || restore.isEmpty() || psql.isEmpty() || !QFile::exists(pgbench) || pgcopydb.isEmpty()) {
        say(QStringLiteral("missing a tool: pg_dump %1, pg_restore %2, psql %3, pgbench %4, pgcopydb %5")
                .arg(dump, restore, psql, pgbench, pgcopydb));
        return 1;
    }

    QTemporaryDir work(QDir(PgServer::testRoot()).filePath(QStringLiteral("bench-XXXXXX")));
    const QProcessEnvironment env = toolEnvironment(work.filePath(QStringLiteral("pgpass")), source, target);
    const Dataset data = createDataset(source, QStringLiteral("bench"), scale, env);
    const qint64 bytes = data.bytes;
    const QString &expected = data.counts;
    const int expectedIndexes = data.indexes;
    if (bytes < (qint64(1) << 30) && scale >= 50) {
        say(QStringLiteral("the dataset is under 1 GiB"));
        return 1;
    }

    const QString from = uri(source, QStringLiteral("bench"));
    struct Contender
    {
        QString name;
        QString command; // %DB% is the target database
    };
    const QString folder = work.filePath(QStringLiteral("fd"));
    QList<Contender> contenders;
    // PGSHIFT_BENCH_PEERS=0 runs pgshift alone (while tuning; no ratios then).
    if (qEnvironmentVariable("PGSHIFT_BENCH_PEERS") != QStringLiteral("0")) {
        contenders << Contender{QStringLiteral("pg_dump | psql"),
                                QStringLiteral("'%1' --no-owner --no-privileges '%2' | '%3' -X -q -v ON_ERROR_STOP=1 -d '%4' >/dev/null")
                                    .arg(dump, from, psql, uri(target, QStringLiteral("%DB%")))};
        contenders << Contender{QStringLiteral("pg_dump -Fd -j%1 + pg_restore -j%1").arg(jobs),
                                QStringLiteral("rm -rf '%3' && '%1' -Fd -j %2 -f '%3' '%4' && '%5' -j %2 --no-owner --no-privileges -d '%6' '%3'")
                                    .arg(dump).arg(jobs).arg(folder, from, restore, uri(target, QStringLiteral("%DB%")))};
        contenders << Contender{QStringLiteral("pgcopydb clone (%1+%1 jobs)").arg(jobs),
                                QStringLiteral("rm -rf '%3' && '%1' clone --no-owner --no-acl --table-jobs %2 --index-jobs %2 --dir '%3'"
                                               " --source '%4' --target '%5' >'%6' 2>&1")
                                    .arg(pgcopydb).arg(jobs).arg(work.filePath(QStringLiteral("pgcopydb")), from,
                                                                  uri(target, QStringLiteral("%DB%")),
                                                                  work.filePath(QStringLiteral("pgcopydb.log")))};
    }
    contenders << Contender{QStringLiteral("pgshift copy --jobs %1").arg(jobs),
                            QStringLiteral("'%1' copy --yes --jobs %2 --source '%3' --target '%4' >/dev/null")
                                .arg(pgshift).arg(jobs).arg(from, uri(target, QStringLiteral("%DB%")))};

    // One untimed copy first: every timed run then finds the source in memory and the
    // target's WAL segments already created (recycled), whatever its place in the order.
    int serial = 0;
    const auto runOnce = [&](const Contender &c, bool timed) -> Run {
        const QString db = QStringLiteral("copy%1").arg(++serial);
        {
            Connection admin(target.settings());
            admin.exec(QStringLiteral("CREATE DATABASE %1").arg(db));
            admin.exec(QStringLiteral("CHECKPOINT"));
        }
        QString command = c.command;
        command.replace(QStringLiteral("%DB%"), db);
        Run r;
        r.name = c.name;
        r.command = command;
        QElapsedTimer t;
        t.start();
        QString output;
        r.ok = shell(command, env, &output);
        r.seconds = t.elapsed() / 1000.0;
        if (r.ok) {
            Connection tgt(target.settings(db));
            const QString got = counts(tgt);
            if (got != expected) {
                r.ok = false;
                r.why = QStringLiteral("row counts differ");
                say(QStringLiteral("  expected %1\n  got      %2").arg(expected, got));
            } else if (indexCount(tgt) != expectedIndexes) {
                r.ok = false;
                r.why = QStringLiteral("%1 indexes/foreign keys instead of %2").arg(indexCount(tgt)).arg(expectedIndexes);
            }
        } else {
            r.why = QStringLiteral("failed");
        }
        if (timed)
            say(QStringLiteral("  %1: %2 s %3").arg(c.name).arg(r.seconds, 0, 'f', 1).arg(r.ok ? QString() : r.why));
        Connection admin(target.settings());
        admin.exec(QStringLiteral("DROP DATABASE %1").arg(db));
        return r;
    };
    say(QStringLiteral("Warm-up: %1 (untimed)").arg(contenders.first().name));
    runOnce(contenders.first(), false);
    // Rounds, each contender once per round in the same order; the best time counts.
    const int rounds = qEnvironmentVariableIsSet("PGSHIFT_BENCH_ROUNDS") ? qEnvironmentVariableIntValue("PGSHIFT_BENCH_ROUNDS") : 2;
    QList<Run> results(contenders.size());
    QList<QStringList> times(contenders.size());
    for (int round = 1; round <= rounds; ++round) {
        say(QStringLiteral("Round %1 of %2").arg(round).arg(rounds));
        for (qsizetype i = 0; i < contenders.size(); ++i) {
            const Run r = runOnce(contenders[i], true);
            times[i] << (r.ok ? QString::number(r.seconds, 'f', 1) : r.why);
            Run &best = results[i];
            if (round == 1 || !r.ok || (best.ok && r.seconds < best.seconds))
                best = r; // a failed run fails the contender
        }
    }

    const Run &ours = results.last();
    double fastest = 0;
    for (qsizetype i = 0; i + 1 < results.size(); ++i) {
        if (results[i].ok && (fastest == 0 || results[i].seconds < fastest))
            fastest = results[i].seconds;
    }
    say(QString());
    say(QStringLiteral("Dump & restore, %1 MiB, N=%2, PostgreSQL %3 -> %4:").arg(bytes >> 20).arg(jobs).arg(major).arg(target.majorVersion()));
    say(QStringLiteral("  %1 %2 %3 %4").arg(QStringLiteral("method"), -38).arg(QStringLiteral("best s"), 8)
            .arg(QStringLiteral("pgshift/this"), 13).arg(QStringLiteral("  runs (s)")));
    for (qsizetype i = 0; i < results.size(); ++i) {
        const Run &r = results[i];
        const QString ratio = r.ok && ours.ok && &r != &ours ? QString::number(ours.seconds / r.seconds, 'f', 2) + u'x' : QStringLiteral("-");
        say(QStringLiteral("  %1 %2 %3   %4 %5").arg(r.name, -38).arg(r.seconds, 8, 'f', 1).arg(ratio, 13)
                .arg(times[i].join(QStringLiteral(", ")), r.ok ? QString() : r.why));
    }
    const bool met = ours.ok && fastest > 0 && ours.seconds <= Goal * fastest;
    say(QStringLiteral("Goal: pgshift <= %1x the fastest peer (%2 s): %3 (%4x)")
            .arg(Goal).arg(fastest, 0, 'f', 1).arg(met ? QStringLiteral("met") : QStringLiteral("MISSED"))
            .arg(fastest > 0 ? ours.seconds / fastest : 0, 0, 'f', 2));
    return met ? 0 : 1;
}
