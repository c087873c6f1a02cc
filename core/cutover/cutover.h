#pragma once

#include "core/replication/logicalreplication.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

namespace pgshift::core {

class Cancellation;
class Connection;

// How writes stop on the source before the last changes are caught up.
enum class WriteBlock {
    Confirmed, // the user stopped the application; pgshift blocks nothing
    Roles,     // ALTER ROLE ... SET default_transaction_read_only for chosen roles, their sessions ended
    Database,  // ALTER DATABASE ... SET default_transaction_read_only, every other session ended
};

struct CutoverOptions
{
    ReplicationOptions replication; // endpoints, names and scope of the running replication
    WriteBlock writeBlock = WriteBlock::Confirmed;
    QStringList roles;              // for WriteBlock::Roles
    qint64 maxLagBytes = 1 << 20;   // pre-check threshold
    int catchUpTimeoutSeconds = 300;
    qint64 sequenceMargin = 10000;
};

// One row of the checklist.
struct CutoverStep
{
    enum class Id { Prechecks, BlockWrites, CatchUp, Sequences, Validate, FinishReplication, SwitchApplication };
    enum class State { Pending, Running, Done, Failed, Skipped };

    Id id = Id::Prechecks;
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
};

// The cutover of a logical replication, one checked step after the other: pre-checks,
// writes stopped on the source, the last changes caught up (the subscription confirmed the
// source's WAL position taken after the block), sequences moved ahead, exact row counts
// compared, replication ended (no slot left), and the target's connection string. It stops
// at the first failure and re-enables writes on the source, leaving replication running.
// After a success the write block stays, so nothing lands on the old primary.
class Cutover final
{
    Q_DECLARE_TR_FUNCTIONS(pgshift::core::Cutover)
public:
    // The checklist as it will run, with each step's SQL. Reads nothing.
    static QList<CutoverStep> plan(const CutoverOptions &options);

    // The sessions the write block would end: "pid user application client" lines.
    static QStringList sessionsToEnd(Connection &source, const CutoverOptions &options);

    // Runs the checklist; `onStep` hears every change of a step (on the calling thread).
    static CutoverReport run(const CutoverOptions &options, Cancellation &cancellation,
                             const std::function<void(const CutoverStep &)> &onStep = {});

    // Lifts pgshift's write block (the previous settings come back). Failures in words.
    static QStringList reenableWrites(const CutoverOptions &options);
};

} // namespace pgshift::core
