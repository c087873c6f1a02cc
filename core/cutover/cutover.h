#pragma once

#include "core/cutover/sequencesync.h"
#include "core/cutover/writeblock.h"
#include "core/migration/method.h"
#include "core/migration/rowcounts.h"
#include "core/replication/logicalreplication.h"

#include <QDateTime>

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace pgshift::core {

class Cancellation;

struct CutoverOptions
{
    // Endpoints, names and scope of the running replication; the dump & restore form uses
    // only `replication.copy` (what to copy, how).
    ReplicationOptions replication;
    // Dump: the short form (stop writes, copy, sequences, validate). Dms: after an AWS DMS
    // load (views refreshed, stop writes, catch-up on DMS's slot `replication.names.slot`,
    // large objects, the held-back foreign keys, sequences, validate).
    Method method = Method::Logical;
    bool dmsChangeCapture = true; // Dms: the task replicates ongoing changes through the slot
    WriteBlockOptions writeBlock;
    qint64 maxLagBytes = 1 << 20;    // pre-check threshold
    int catchUpTimeoutSeconds = 300;
    qint64 sequenceMargin = 10000;
    bool checksums = false;          // validation compares a checksum of every table's rows too
};

// One row of the checklist.
struct CutoverStep
{
    enum class Id { Prechecks, MaterializedViews, BlockWrites, CatchUp, Copy, LargeObjects, ForeignKeys, Sequences, Validate,
                    FinishReplication, SwitchApplication };
    enum class State { Pending, Running, Done, Failed, Skipped };

    Id id = Id::Prechecks;
    int number = 0; // 1-based, its place in the checklist
    QString title;
    QString where; // "source", "target", "both"
    QString sql;   // what it runs, for the preview
    State state = State::Pending;
    qint64 elapsedMs = 0;
    QString detail; // result or failure, in words

    static QString stateName(State state);
};

struct CutoverReport
{
    QList<CutoverStep> steps;
    bool succeeded = false;
    bool rolledBack = false;  // writes re-enabled on the source after a failure
    QString failure;          // the first failure, in words
    qint64 downtimeMs = -1;   // write block to target validated
    QString targetConnection; // for the application, without the password
    QStringList rollbackProblems;
    QDateTime startedAt;      // UTC
    QDateTime finishedAt;
    QList<SequencePlan> sequences;    // what the sequences step set (or skipped, with why)
    QList<TableRowCount> rowCounts;   // the validation's counts
    int largeObjects = 0;             // copied by the large-objects step
    QStringList materializedViews;    // refreshed on the target
    std::optional<CopyReport> copy;   // the dump & restore form's copy
};

// The cutover of a logical replication, one checked step after the other: pre-checks,
// materialized views refreshed on the target, writes stopped on the source, the last
// changes caught up (the subscription confirmed the source's WAL position taken after the
// block), large objects copied, sequences moved ahead, exact row counts
// compared, replication ended (no slot left), and the target's connection string. It stops
// at the first failure and re-enables writes on the source, leaving replication running.
// After a success the write block stays, so nothing lands on the old primary.
//
// The dump & restore form is shorter: writes stopped, the copy, sequences, validation and
// the target's connection string; a failure re-enables writes, and the copy's report says
// what it left on the target.
class Cutover final
{
    Q_DECLARE_TR_FUNCTIONS(pgshift::core::Cutover)
public:
    // The checklist as it will run, with each step's SQL. Reads nothing.
    static QList<CutoverStep> plan(const CutoverOptions &options);

    // Runs the checklist; `onStep` hears every change of a step (on the calling thread). The
    // dump & restore form's copy step runs `copy` (by default the chosen engine, with a
    // progress tracker of its own).
    using CopyStep = std::function<CopyReport(const CopyOptions &options, Cancellation &cancellation)>;
    static CutoverReport run(const CutoverOptions &options, Cancellation &cancellation,
                             const std::function<void(const CutoverStep &)> &onStep = {}, const CopyStep &copy = {});

    // Lifts pgshift's write block (the previous settings come back). Failures in words.
    static QStringList reenableWrites(const CutoverOptions &options);
};

} // namespace pgshift::core
