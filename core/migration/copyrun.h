#pragma once

#include "core/migration/cancellation.h"
#include "core/migration/copyprogress.h"
#include "core/migration/tablecopy.h"
#include "core/migration/targetinventory.h"
#include "core/pg/connection.h"

#include <QCoreApplication>
#include <QList>
#include <QSet>
#include <QString>

#include <functional>
#include <memory>
#include <mutex>

namespace pgshift::core {

// An index the stream engine builds on the target as soon as its table's rows are in,
// instead of waiting for pg_restore's post-data pass.
struct EarlyIndex
{
    quint32 indexOid = 0;
    quint32 constraintOid = 0; // for a primary key or unique constraint built on it
    bool unique = false;
    bool partitionOfIndex = false; // attached to a partitioned table's index
    QString createSql;         // CREATE [UNIQUE] INDEX, fully qualified
    QStringList afterSql;      // ADD CONSTRAINT ... USING INDEX, CLUSTER ON: once all are built
};

// What the engines need to know of one table on the source.
struct PlannedTable
{
    quint32 oid = 0;
    QString quotedName;
    QString columns; // quoted, comma-separated: all but generated columns
    bool binary = false;
    QList<EarlyIndex> indexes;
};

// The steps both dump & restore engines share, around one exported snapshot of the source:
// preparing (scope, plan, name conflicts, an inventory of the target), the schema sections,
// sequences, large objects, the parallel row-count verification and the final report.
class CopyRun final
{
    Q_DECLARE_TR_FUNCTIONS(pgshift::core::CopyRun)
public:
    CopyRun(const CopyOptions &options, CopyProgressTracker &tracker, Cancellation &cancellation);
    ~CopyRun();

    // What every engine's run() does around its own steps: the clock, errors that escape a
    // step, the Done phase when all went well, the report with what a failure left behind.
    static CopyReport perform(const CopyOptions &options, CopyProgressTracker &tracker, Cancellation &cancellation,
                              const std::function<void(CopyRun &run, CopyReport &report)> &steps,
                              const QString &what = {}); // for the log; default: the engine's name

    const CopyOptions &options() const { return m_options; }
    CopyProgressTracker &tracker() { return m_tracker; }
    Cancellation &cancellation() { return m_cancellation; }
    bool cancelled() const { return m_cancellation.isCancelled(); }
    bool failed() const;
    void fail(const QString &why);

    // Snapshot, connections, the tables in scope (largest first), the early indexes, and the
    // checks that must pass before anything is written. False when the copy cannot go on.
    bool prepare(bool planIndexes);
    QString snapshotId() const;
    const QList<PlannedTable> &plan() const { return m_plan; }
    int sourceMajor() const { return m_source->serverMajorVersion(); }

    // A source session on the snapshot (search_path empty) and a target session tuned for
    // bulk loading, each watched by the cancellation.
    std::unique_ptr<Connection> openSource();
    std::unique_ptr<Connection> openTarget();

    // pg_dump --section=pre-data (plain SQL) applied with psql in one transaction.
    bool applyPreData();
    // Post-data (indexes, constraints, foreign keys, triggers, rules, policies, partition index
    // attachments, materialized view contents, ...) through pg_restore -j from a custom-format
    // archive, without the INDEX, CONSTRAINT and FK CONSTRAINT entries whose object oid is in `skip`.
    bool restorePostData(const QSet<quint32> &skip);
    // The pg_dump arguments for the scope: nothing for the whole database, else one set per
    // selection (see CopyScope::pgDumpSelections).
    QList<QStringList> dumpSelections() const;
    // Runs `tool` (pg_dump, pg_restore, psql); failures go to the report.
    bool runTool(const QString &what, const QString &program, const QStringList &arguments,
                 const ConnectionSettings &connection,
                 std::function<bool(const QString &)> errorLines = {});
    QString findTool(const QString &name, int minimumMajor);

    void setSequences();
    void copyLargeObjects();
    void analyzeTables(); // every copied table, in parallel
    void analyzeRest();   // partitioned tables and materialized views, after post-data
    void verifyCounts();
    // Runs `work` for every planned table on `jobs` workers, each with a source session on
    // the snapshot and a target session. Errors of one table go to the report.
    void forEachTable(const std::function<void(qsizetype table, Connection &source, Connection &target)> &work);

    // For engines that write through their own tools.
    void markWritten() { m_wrote = true; }
    void addRestored(int sequences, int largeObjects);

    CopyReport finish(CopyReport report);

    // The tables and partitioned tables in scope, as resolved on the source.
    const QList<CopyScope::Table> &resolvedTables() const { return m_resolved; }

    Connection &source() { return *m_source; }
    Connection &target() { return *m_target; }

    // "{1,2,3}" for an oid[] parameter.
    static QString oidArray(const QList<quint32> &oids);
    // Relations of the given kinds ("'r', 'p'") in the scope ($1 schemas, $2 tables JSON):
    // oid, schema, name, kind, size, estimated rows; largest first.
    static QString scopedRelationsQuery(const QString &kinds);

private:
    const CopyOptions &m_options;
    CopyProgressTracker &m_tracker;
    Cancellation &m_cancellation;
    mutable std::mutex m_mutex;
    QStringList m_failures;
    std::unique_ptr<ExportedSnapshot> m_snapshot;
    std::unique_ptr<Connection> m_source;
    std::unique_ptr<Connection> m_target;
    std::unique_ptr<Cancellation::Watch> m_sourceWatch;
    std::unique_ptr<Cancellation::Watch> m_targetWatch;
    std::unique_ptr<TargetInventory> m_before;
    QList<PlannedTable> m_plan;
    QList<CopyScope::Table> m_resolved; // tables and partitioned tables in scope
    QList<quint32> m_resolvedOids;
    int m_sequencesSet = 0;
    int m_largeObjects = 0;
    bool m_wrote = false; // whether anything may have been written to the target
};

} // namespace pgshift::core
