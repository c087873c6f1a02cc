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

// The same text form of every value on both servers, for checksums (one round trip).
const char *const ChecksumSettings = "SELECT pg_catalog.set_config('DateStyle', 'ISO, MDY', false),"
                                     " pg_catalog.set_config('IntervalStyle', 'postgres', false),"
                                     " pg_catalog.set_config('TimeZone', 'UTC', false),"
                                     " pg_catalog.set_config('extra_float_digits', '3', false),"
                                     " pg_catalog.set_config('bytea_output', 'hex', false)";

// Counts every table on one server with up to `jobs` sessions, writing through `field` (and
// `checksum` when given).
void countSide(const ConnectionSettings &settings, QList<TableRowCount> &tables, qint64 TableRowCount::*field,
               QString TableRowCount::*checksum, const QString &side, int jobs, Cancellation &cancellation,
               std::mutex &mutex)
{
    std::atomic<qsizetype> next{0};
    const auto worker = [&] {
        try {
            Connection c(settings);
            const Cancellation::Watch watch(cancellation, c);
            c.exec(QStringLiteral("SET statement_timeout = 0"));
            if (checksum)
                c.exec(QString::fromLatin1(ChecksumSettings));
            for (qsizetype i = next++; i < tables.size() && !cancellation.isCancelled(); i = next++) {
                TableRowCount &t = tables[i];
                try {
                    const QString name = c.quoteIdentifier(t.schema) + u'.' + c.quoteIdentifier(t.table);
                    const Result r = c.exec(checksum ? QStringLiteral("SELECT count(*), coalesce(sum(('x' || substr(md5(r::text), 1, 16))"
                                                                      "::bit(64)::bigint::numeric), 0)::text FROM %1 AS r")
                                                           .arg(name)
                                                     : QStringLiteral("SELECT count(*) FROM %1").arg(name));
                    std::lock_guard lock(mutex);
                    t.*field = r.toInt64(0, 0);
                    if (checksum)
                        t.*checksum = r.text(0, 1);
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
                                    const QList<CopyScope::Table> &tables, int jobs, Cancellation &cancellation,
                                    bool checksums)
{
    Outcome outcome;
    outcome.startedAt = QDateTime::currentDateTimeUtc();
    for (const CopyScope::Table &t : tables)
        outcome.tables << TableRowCount{t.schema, t.name, -1, -1, {}, {}, {}};
    std::mutex mutex;
    std::thread sourceSide([&] {
        countSide(source, outcome.tables, &TableRowCount::source, checksums ? &TableRowCount::sourceChecksum : nullptr,
                  tr("source"), jobs, cancellation, mutex);
    });
    countSide(target, outcome.tables, &TableRowCount::target, checksums ? &TableRowCount::targetChecksum : nullptr,
              tr("target"), jobs, cancellation, mutex);
    sourceSide.join();
    for (TableRowCount &t : outcome.tables)
        t.error = t.error.trimmed();
    outcome.cancelled = cancellation.isCancelled();
    outcome.finishedAt = QDateTime::currentDateTimeUtc();
    logger()->info("row counts{}: {} table(s) counted on both sides in {} ms{}", checksums ? " and checksums" : "", tables.size(),
                   outcome.startedAt.msecsTo(outcome.finishedAt), outcome.cancelled ? " (cancelled)" : "");
    return outcome;
}

} // namespace pgshift::core
