// Preflight on a large catalog: 10,000 tables (a tenth without a primary key, some with
// row-level security) and 1,000 sequences. Goal: the whole logical preflight under 3 s.
#include "core/checks/preflight.h"
#include "core/log/corelog.h"
#include "core/pg/connection.h"
#include "tests/support/pgserver.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include <algorithm>
#include <cstdio>

using namespace pgshift::core;
using namespace pgshift::testsupport;

namespace {

constexpr int Tables = 10000;
constexpr int Sequences = 1000;
constexpr int Runs = 5;
constexpr double GoalMs = 3000;

void populate(Connection &c)
{
    c.exec("CREATE SCHEMA bench");
    // In batches, so no single transaction takes a lock per table for all 10,000.
    for (int from = 0; from < Tables; from += 1000) {
        c.exec(QString("DO $$ BEGIN FOR i IN %1..%2 LOOP"
                       "  IF i % 10 = 0 THEN"
                       "    EXECUTE format('CREATE TABLE bench.t%s (a int, b text)', i);"
                       "  ELSE"
                       "    EXECUTE format('CREATE TABLE bench.t%s (id bigint PRIMARY KEY, b text)', i);"
                       "  END IF;"
                       "  IF i % 500 = 0 THEN"
                       "    EXECUTE format('ALTER TABLE bench.t%s ENABLE ROW LEVEL SECURITY', i);"
                       "  END IF;"
                       " END LOOP; END $$")
                   .arg(from)
                   .arg(from + 999));
    }
    c.exec(QString("DO $$ BEGIN FOR i IN 1..%1 LOOP"
                   "  EXECUTE format('CREATE SEQUENCE bench.s%s', i);"
                   " END LOOP; END $$")
               .arg(Sequences));
    c.exec("ANALYZE");
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    spdlog::set_level(spdlog::level::warn); // the per-check log lines would drown the table
    PgServer source(PgServer::Role::Source);
    PgServer target(PgServer::Role::Target);
    if (!source.start() || !target.start()) {
        std::fprintf(stderr, "cannot start servers: %s%s\n", qPrintable(source.error()), qPrintable(target.error()));
        return 1;
    }
    QElapsedTimer setup;
    setup.start();
    {
        Connection c(source.settings());
        populate(c);
    }
    std::printf("catalog: %d tables, %d sequences (built in %.1f s)\n", Tables, Sequences,
                setup.elapsed() / 1000.0);

    Preflight::Options options;
    options.method = Method::Logical;
    QList<qint64> times;
    PreflightReport report;
    for (int i = 0; i < Runs; ++i) {
        QElapsedTimer timer;
        timer.start();
        report = Preflight::run(source.settings(), target.settings(), options);
        times << timer.elapsed();
    }
    std::sort(times.begin(), times.end());
    const double median = double(times.at(Runs / 2));
    std::printf("\n%-34s %10s %10s %8s\n", "benchmark", "pgshift", "goal", "ratio");
    std::printf("%-34s %8.0f ms %8.0f ms %7.2fx\n", "preflight, 10k tables, 1k seqs", median, GoalMs,
                median / GoalMs);
    std::printf("(median of %d runs; min %lld ms, max %lld ms; %d checks, %d blockers found)\n", Runs,
                times.first(), times.last(), int(report.results.size()), report.blockers());
    for (const CheckResult &r : report.results) {
        if (r.status == CheckResult::Status::Blocker)
            std::printf("  blocker: %s (%lld objects)\n", qPrintable(r.id), qint64(r.objects.size()));
    }
    return median <= GoalMs ? 0 : 1;
}
