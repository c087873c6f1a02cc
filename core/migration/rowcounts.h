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
    QString error; // why a side is missing, in words

    bool matches() const { return source >= 0 && source == target; }
};

// Exact row counts (count(*)) of the given tables on both servers: `jobs` sessions per
// server, both servers at once, each count in its own statement so a long table does not
// hold the others up. Expensive by nature: run on demand, never in a sampling loop. The
// two sides are counted at about the same moment, not on one snapshot, so while changes
// still flow they may differ by what is in flight.
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
                         const QList<CopyScope::Table> &tables, int jobs, Cancellation &cancellation);
};

} // namespace pgshift::core
