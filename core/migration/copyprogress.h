#pragma once

#include "core/migration/copyscope.h"
#include "core/migration/targetinventory.h"
#include "core/pg/connectionsettings.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <mutex>

namespace pgshift::core {

// The engines of the dump & restore method.
enum class CopyEngine {
    Stream, // pg_dump for the schema, rows streamed through libpq by parallel workers
    PgDump, // pg_dump -Fd -j N into a folder kept afterwards, then pg_restore -j N
};
QString copyEngineName(CopyEngine engine); // "stream", "pg_dump"
std::optional<CopyEngine> copyEngineFromName(const QString &name);

struct CopyOptions
{
    ConnectionSettings source;
    ConnectionSettings target;
    int jobs = defaultJobs();
    CopyEngine engine = CopyEngine::Stream;
    CopyScope scope;
    QString archiveDir; // PgDump engine: where the archive goes (created; must not exist yet)

    // One per core, at least 2 and at most 8.
    static int defaultJobs();
};

enum class CopyPhase { Preparing, Schema, Data, PostData, Sequences, LargeObjects, Analyze, Verify, Done };

struct TableStatus
{
    enum class State { Waiting, Copying, Indexing, Copied, Failed, Cancelled };

    QString schema;
    QString table;
    State state = State::Waiting;
    qint64 heapBytes = 0;      // on the source, before copying: weighs the table in the total
    qint64 estimatedRows = -1; // the planner's estimate, -1 when unknown
    qint64 rowsCopied = 0;     // counted from the COPY stream
    qint64 bytesCopied = 0;
    qint64 sourceRows = -1;    // exact counts from the verification; -1 until counted
    qint64 targetRows = -1;
    QString error;

    QString qualifiedName() const { return schema + u'.' + table; }
    bool verified() const { return sourceRows >= 0 && sourceRows == targetRows; }
    // 0..1 of this table's rows, from the estimate or, without one, from the bytes.
    double fraction() const;
};

struct CopyReport
{
    CopyEngine engine = CopyEngine::Stream;
    QList<TableStatus> tables;
    int sequencesSet = 0;
    int largeObjects = 0;
    int indexesBuilt = 0;
    QStringList failures; // every failure in words, each table's included
    bool cancelled = false;
    qint64 elapsedMs = 0;
    QString archiveDir;                // PgDump engine: the archive that was written
    QList<TargetObject> createdOnTarget; // when it did not succeed: what the copy left behind

    bool succeeded() const { return failures.isEmpty() && !cancelled; }
    qint64 rowsCopied() const;
    qint64 bytesCopied() const;
};

// A moment of a running copy, for progress displays.
struct CopyProgress
{
    CopyPhase phase = CopyPhase::Preparing;
    QList<TableStatus> tables;
    qint64 elapsedMs = 0;
    qint64 bytesCopied = 0;
    double bytesPerSecond = 0; // over the last few seconds
    double percent = 0;        // of the data, weighted by table size
    qint64 etaSeconds = -1;    // -1 while unknown
    QString detail;            // e.g. what the schema tools are doing

    static QString phaseName(CopyPhase phase);
};

// Collects progress from the workers (any thread) and hands out consistent snapshots.
class CopyProgressTracker final
{
    Q_DECLARE_TR_FUNCTIONS(pgshift::core::CopyProgressTracker)
public:
    CopyProgressTracker();

    void setPhase(CopyPhase phase, const QString &detail = {});
    // Called (on the worker's thread, outside the lock) each time the phase changes.
    void setPhaseListener(std::function<void(CopyPhase)> listener) { m_phaseListener = std::move(listener); }
    void setTables(const QList<TableStatus> &tables);
    void setDetail(const QString &detail);
    // `update` runs under the tracker's lock on table `index`.
    template <typename F> void updateTable(qsizetype index, F &&update)
    {
        std::lock_guard lock(m_mutex);
        update(m_tables[index]);
    }
    QList<TableStatus> tables() const;
    TableStatus table(qsizetype index) const;
    CopyPhase phase() const;
    CopyProgress snapshot();

private:
    mutable std::mutex m_mutex;
    CopyPhase m_phase = CopyPhase::Preparing;
    QString m_detail;
    QList<TableStatus> m_tables;
    QElapsedTimer m_clock;
    // (elapsed ms, bytes, weighted fraction) samples of the last seconds, for the rate and ETA
    struct Sample
    {
        qint64 ms;
        qint64 bytes;
        double done;
    };
    QList<Sample> m_samples;
    std::function<void(CopyPhase)> m_phaseListener;
};

} // namespace pgshift::core
