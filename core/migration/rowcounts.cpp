#include "core/migration/rowcounts.h"

#include "core/log/corelog.h"
#include "core/migration/cancellation.h"
#include "core/pg/connection.h"
#include "core/pg/pgerror.h"

#include <algorithm>
#include <atomic>
#include <mutex>
#include <thread>
#include <vector>

namespace pgshift::core {
namespace {

// Counts every table on one server with up to `jobs` sessions, writing through `field`.
void countSide(const ConnectionSettings &settings, QList<TableRowCount> &tables, qint64 TableRowCount::*field,
               const QString &side, int jobs, Cancellation &cancellation, std::mutex &mutex)
{
    std::atomic<qsizetype> next{0};
    const auto worker = [&] {
        try {
            Connection c(settings);
            const Cancellation::Watch watch(cancellation, c);
            c.exec(QStringLiteral("SET statement_timeout = 0"));
            for (qsizetype i = next++; i < tables.size() && !cancellation.isCancelled(); i = next++) {
                TableRowCount &t = tables[i];
                try {
                    const qint64 n = c.exec(QStringLiteral("SELECT count(*) FROM %1.%2")
                                                .arg(c.quoteIdentifier(t.schema), c.quoteIdentifier(t.table)))
                                         .toInt64(0, 0);
                    std::lock_guard lock(mutex);
                    t.*field = n;
                } catch (const PgError &error) {
                    if (cancellation.isCancelled())
                        return;
                    std::lock_guard lock(mutex);
                    t.error += RowCounts::tr("%1: %2").arg(side, error.message()) + u' ';
                    if (!c.isAlive())
                        return; // the others go on, or the side's tables stay uncounted
                }
            }
        } catch (const PgError &error) {
            std::lock_guard lock(mutex);
            for (TableRowCount &t : tables) {
                if (t.*field < 0 && !t.error.contains(side + QStringLiteral(": ")))
                    t.error += RowCounts::tr("%1: %2").arg(side, error.message()) + u' ';
            }
        }
    };
    std::vector<std::thread> threads;
    const qsizetype n = std::clamp<qsizetype>(jobs, 1, std::max<qsizetype>(1, tables.size()));
    for (qsizetype i = 0; i < n; ++i)
        threads.emplace_back(worker);
    for (std::thread &thread : threads)
        thread.join();
}

} // namespace

RowCounts::Outcome RowCounts::exact(const ConnectionSettings &source, const ConnectionSettings &target,
                                    const QList<CopyScope::Table> &tables, int jobs, Cancellation &cancellation)
{
    Outcome outcome;
    outcome.startedAt = QDateTime::currentDateTimeUtc();
    for (const CopyScope::Table &t : tables)
        outcome.tables << TableRowCount{t.schema, t.name, -1, -1, {}};
    std::mutex mutex;
    std::thread sourceSide([&] {
        countSide(source, outcome.tables, &TableRowCount::source, tr("source"), jobs, cancellation, mutex);
    });
    countSide(target, outcome.tables, &TableRowCount::target, tr("target"), jobs, cancellation, mutex);
    sourceSide.join();
    for (TableRowCount &t : outcome.tables)
        t.error = t.error.trimmed();
    outcome.cancelled = cancellation.isCancelled();
    outcome.finishedAt = QDateTime::currentDateTimeUtc();
    logger()->info("row counts: {} table(s) counted on both sides in {} ms{}", tables.size(),
                   outcome.startedAt.msecsTo(outcome.finishedAt), outcome.cancelled ? " (cancelled)" : "");
    return outcome;
}

} // namespace pgshift::core
