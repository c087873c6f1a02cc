#pragma once

#include "core/replication/logicalreplication.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <memory>

namespace pgshift::core {

class Connection;

// One table's initial synchronization, from pg_subscription_rel on the target.
struct TableSync
{
    QString schema;
    QString table;
    QChar state;           // i, d, f, s, r
    qint64 copiedRows = -1; // the running initial COPY's rows (pg_stat_progress_copy, 14+)
    // Live-row estimates from the statistics (partitions summed for a partitioned table),
    // -1 when not read; exact counts are a separate, on-demand query (see RowCounts).
    qint64 sourceRows = -1;
    qint64 targetRows = -1;

    // "initializing", "copying data", "copy finished", "synchronized", "ready"
    static QString stateName(QChar state);
};

// A moment of a logical replication: every number from cheap catalog and statistics queries
// (no count(*)), with what could not be read marked as such.
struct ReplicationStatus
{
    QDateTime at;
    bool sourceReachable = false;
    bool targetReachable = false;
    QString sourceError;
    QString targetError;

    bool publicationExists = false;
    bool slotExists = false;
    bool slotActive = false;
    bool subscriptionExists = false;
    bool subscriptionEnabled = false;
    bool applyWorkerRunning = false;
    int syncWorkers = 0;
    qint64 applyErrors = -1; // pg_stat_subscription_stats, 15+
    qint64 syncErrors = -1;

    QList<TableSync> tables;
    int readyTables = 0;

    QString sourceLsn;         // pg_current_wal_lsn() on the source
    qint64 lagBytes = -1;      // the source's WAL position against what the target confirmed applied (the slot)
    qint64 receivedLagBytes = -1; // ... against the subscription's received_lsn (in flight to the target)
    qint64 reportedLagBytes = -1; // ... against its latest_end_lsn (last reported back to the source)
    double lagSeconds = -1;    // since the target last heard of that position
    qint64 retainedBytes = -1; // WAL the slot holds on the source
    int missingIndexes = -1;   // deferred secondary indexes not built yet

    bool allTablesReady() const { return !tables.isEmpty() && readyTables == tables.size(); }
    // Every table ready, no deferred index left, and the lag under the threshold.
    bool readyForCutover(qint64 maxLagBytes) const;
    QJsonObject toJson(qint64 maxLagBytes) const;
};

// Reads ReplicationStatus, keeping its two connections between samples and reconnecting
// (with backoff) when a server went away. Use it from one thread.
class ReplicationProbe final
{
    Q_DECLARE_TR_FUNCTIONS(pgshift::core::ReplicationProbe)
public:
    // What a sample reads beyond the cheap basics; without them the last values are repeated.
    enum Extra {
        NoExtras = 0,
        CountMissingIndexes = 1, // compares the index catalogs of both sides
        RowEstimates = 2,        // per-table live-row estimates on both sides
    };
    Q_DECLARE_FLAGS(Extras, Extra)

    ReplicationProbe(const ReplicationOptions &options);
    ~ReplicationProbe();

    ReplicationStatus sample(Extras extras = NoExtras);

private:
    Connection *connect(std::unique_ptr<Connection> &slot, const ConnectionSettings &settings, QDateTime &retryAt,
                        int &failures, QString *error);
    void readSourceEstimates(ReplicationStatus &st);

    ReplicationOptions m_options;
    std::unique_ptr<Connection> m_source;
    std::unique_ptr<Connection> m_target;
    QDateTime m_sourceRetry;
    QDateTime m_targetRetry;
    int m_sourceFailures = 0;
    int m_targetFailures = 0;
    int m_lastMissingIndexes = -1; // from the last sample that counted them
    struct Estimate
    {
        qint64 source = -1;
        qint64 target = -1;
    };
    QHash<QString, Estimate> m_lastEstimates; // by "schema.table", from the last samples that read them
};

Q_DECLARE_OPERATORS_FOR_FLAGS(ReplicationProbe::Extras)

} // namespace pgshift::core
