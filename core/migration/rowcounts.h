#pragma once

#include "core/migration/copyscope.h"
#include "core/pg/connectionsettings.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QString>

namespace pgshift::core {

class Cancellation;

// One table's exact row count on both servers; -1 where it could not be counted.
struct TableRowCount
{
    QString schema;
    QString table;
    qint64 source = -1;
    qint64 target = -1;
    QString sourceChecksum; // with checksums: a digest of every row's text form, else empty
    QString targetChecksum;
    QString error; // why a side is missing, in words

    bool matches() const { return source >= 0 && source == target && sourceChecksum == targetChecksum; }
    bool checksumDiffers() const { return source >= 0 && source == target && sourceChecksum != targetChecksum; }
};

// Exact row counts (count(*)) of the given tables on both servers: `jobs` sessions per
// server, both servers at once, each count in its own statement so a long table does not
// hold the others up. Expensive by nature: run on demand, never in a sampling loop. The
// two sides are counted at about the same moment, not on one snapshot, so while changes
// still flow they may differ by what is in flight.
//
// With `checksums`, each table also gets an order-independent digest of its rows: the sum of
// the first 64 bits of md5(row::text) over all rows, read with the same output settings on
// both servers (ISO dates, UTC, hex bytea, full float precision). It catches changed values
// that a count cannot; it compares columns in their order, so both tables must have the same
// column order (true for a schema pgshift copied). Floating-point columns can differ when
// one server is older than PostgreSQL 12 (another float text format).
class RowCounts final
{
    Q_DECLARE_TR_FUNCTIONS(pgshift::core::RowCounts)
public:
    struct Outcome
    {
        QList<TableRowCount> tables;
        QDateTime startedAt;
        QDateTime finishedAt;
        bool cancelled = false;
    };

    static Outcome exact(const ConnectionSettings &source, const ConnectionSettings &target,
                         const QList<CopyScope::Table> &tables, int jobs, Cancellation &cancellation,
                         bool checksums = false);
};

} // namespace pgshift::core
