#include "core/replication/replicationstatus.h"

#include "core/log/corelog.h"
#include "core/pg/connection.h"
#include "core/pg/lsn.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

namespace pgshift::core {
namespace {

// Live rows of relation `alias` from the statistics, falling back on the planner's reltuples
// while the statistics are empty (after a crash or a reset); a partitioned table sums its
// leaves (one level below 12, which lacks pg_partition_tree).
QString liveRowsEstimate(const QString &alias, int major)
{
    const auto one = [](const QString &rel) {
        return QStringLiteral("CASE WHEN pg_catalog.pg_stat_get_live_tuples(%1.oid) > 0 OR %1.reltuples <= 0"
                              " THEN pg_catalog.pg_stat_get_live_tuples(%1.oid) ELSE %1.reltuples::bigint END")
            .arg(rel);
    };
    const QString leaves = major >= 12
        ? QStringLiteral("pg_catalog.pg_partition_tree(%1.oid) x JOIN pg_catalog.pg_class k ON k.oid = x.relid WHERE x.isleaf").arg(alias)
        : QStringLiteral("pg_catalog.pg_inherits x JOIN pg_catalog.pg_class k ON k.oid = x.inhrelid WHERE x.inhparent = %1.oid").arg(alias);
    return QStringLiteral("CASE WHEN %1.relkind = 'p' THEN (SELECT sum(%2)::bigint FROM %3) ELSE %4 END")
        .arg(alias, one(QStringLiteral("k")), leaves, one(alias));
}

} // namespace

QString TableSync::stateName(QChar state)
{
    switch (state.unicode()) {
    case u'i': return ReplicationProbe::tr("initializing");
    case u'd': return ReplicationProbe::tr("copying data");
    case u'f': return ReplicationProbe::tr("copy finished");
    case u's': return ReplicationProbe::tr("synchronized");
    case u'r': return ReplicationProbe::tr("ready");
    }
    return ReplicationProbe::tr("unknown (%1)").arg(state);
}

bool ReplicationStatus::readyForCutover(qint64 maxLagBytes) const
{
    return sourceReachable && targetReachable && subscriptionEnabled && allTablesReady() && missingIndexes == 0
        && lagBytes >= 0 && lagBytes <= maxLagBytes;
}

QJsonObject ReplicationStatus::toJson(qint64 maxLagBytes) const
{
    QJsonArray tableList;
    for (const TableSync &t : tables) {
        QJsonObject o{{QStringLiteral("schema"), t.schema},
                      {QStringLiteral("table"), t.table},
                      {QStringLiteral("state"), QString(t.state)},
                      {QStringLiteral("state_name"), TableSync::stateName(t.state)}};
        if (t.copiedRows >= 0)
            o.insert(QStringLiteral("copied_rows"), t.copiedRows);
        if (t.sourceRows >= 0)
            o.insert(QStringLiteral("source_rows_estimate"), t.sourceRows);
        if (t.targetRows >= 0)
            o.insert(QStringLiteral("target_rows_estimate"), t.targetRows);
        tableList.append(o);
    }
    const auto orNull = [](qint64 v) { return v < 0 ? QJsonValue() : QJsonValue(v); };
    return QJsonObject{
        {QStringLiteral("at"), at.toString(Qt::ISODateWithMs)},
        {QStringLiteral("source_reachable"), sourceReachable},
        {QStringLiteral("target_reachable"), targetReachable},
        {QStringLiteral("source_error"), sourceError.isEmpty() ? QJsonValue() : QJsonValue(sourceError)},
        {QStringLiteral("target_error"), targetError.isEmpty() ? QJsonValue() : QJsonValue(targetError)},
        {QStringLiteral("publication_exists"), publicationExists},
        {QStringLiteral("slot_exists"), slotExists},
        {QStringLiteral("subscription_exists"), subscriptionExists},
        {QStringLiteral("subscription_enabled"), subscriptionEnabled},
        {QStringLiteral("apply_worker_running"), applyWorkerRunning},
        {QStringLiteral("sync_workers"), syncWorkers},
        {QStringLiteral("apply_errors"), orNull(applyErrors)},
        {QStringLiteral("sync_errors"), orNull(syncErrors)},
        {QStringLiteral("tables"), tableList},
        {QStringLiteral("tables_ready"), readyTables},
        {QStringLiteral("lag_bytes"), orNull(lagBytes)},
        {QStringLiteral("lag_seconds"), lagSeconds < 0 ? QJsonValue() : QJsonValue(lagSeconds)},
        {QStringLiteral("source_lsn"), sourceLsn.isEmpty() ? QJsonValue() : QJsonValue(sourceLsn)},
        {QStringLiteral("received_lag_bytes"), orNull(receivedLagBytes)},
        {QStringLiteral("reported_lag_bytes"), orNull(reportedLagBytes)},
        {QStringLiteral("retained_wal_bytes"), orNull(retainedBytes)},
        {QStringLiteral("missing_indexes"), missingIndexes < 0 ? QJsonValue() : QJsonValue(missingIndexes)},
        {QStringLiteral("ready_for_cutover"), readyForCutover(maxLagBytes)},
    };
}

ReplicationProbe::ReplicationProbe(const ReplicationOptions &options)
    : m_options(options)
{
}

ReplicationProbe::~ReplicationProbe() = default;

Connection *ReplicationProbe::connect(std::unique_ptr<Connection> &slot, const ConnectionSettings &settings,
                                      QDateTime &retryAt, int &failures, QString *error)
{
    if (slot && slot->isAlive())
        return slot.get();
    slot.reset();
    if (retryAt.isValid() && QDateTime::currentDateTimeUtc() < retryAt) {
        *error = tr("disconnected; trying again at %1").arg(retryAt.toLocalTime().toString(QStringLiteral("HH:mm:ss")));
        return nullptr;
    }
    try {
        ConnectionSettings s = settings;
        if (!s.contains(QStringLiteral("connect_timeout")))
            s.setValue(QStringLiteral("connect_timeout"), QStringLiteral("5"));
        slot = std::make_unique<Connection>(s);
        slot->exec(QStringLiteral("SET statement_timeout = '5s'"));
        failures = 0;
        retryAt = {};
        return slot.get();
    } catch (const PgError &e) {
        // 1, 2, 4, ... 30 seconds between attempts.
        const int wait = std::min(30, 1 << std::min(failures, 5));
        ++failures;
        retryAt = QDateTime::currentDateTimeUtc().addSecs(wait);
        *error = e.message();
        return nullptr;
    }
}

ReplicationStatus ReplicationProbe::sample(Extras extras)
{
    ReplicationStatus st;
    st.at = QDateTime::currentDateTimeUtc();
    const ReplicationNames &names = m_options.names;
    if (Connection *s = connect(m_source, m_options.copy.source, m_sourceRetry, m_sourceFailures, &st.sourceError)) {
        try {
            const Result r = s->exec(
                QStringLiteral("SELECT pg_catalog.pg_current_wal_lsn()::text,"
                               " EXISTS (SELECT 1 FROM pg_catalog.pg_publication WHERE pubname = $1),"
                               " (SELECT active FROM pg_catalog.pg_replication_slots WHERE slot_name = $2),"
                               " (SELECT pg_catalog.pg_wal_lsn_diff(pg_catalog.pg_current_wal_lsn(), restart_lsn)::bigint"
                               "    FROM pg_catalog.pg_replication_slots WHERE slot_name = $2),"
                               // What the subscriber confirmed as applied and flushed, against where the
                               // source inserts WAL (not where it has written it: with asynchronous
                               // commits a committed row may still sit in WAL buffers).
                               " (SELECT pg_catalog.pg_wal_lsn_diff(pg_catalog.pg_current_wal_insert_lsn(), confirmed_flush_lsn)::bigint"
                               "    FROM pg_catalog.pg_replication_slots WHERE slot_name = $2)"),
                {names.publication, names.slot});
            st.sourceReachable = true;
            st.sourceLsn = r.text(0, 0);
            st.publicationExists = r.toBool(0, 1);
            st.slotExists = !r.isNull(0, 2);
            st.slotActive = st.slotExists && r.toBool(0, 2);
            st.retainedBytes = r.isNull(0, 3) ? -1 : r.toInt64(0, 3);
            st.lagBytes = r.isNull(0, 4) ? -1 : std::max<qint64>(0, r.toInt64(0, 4));
        } catch (const PgError &e) {
            st.sourceError = e.message();
            if (!m_source->isAlive())
                m_source.reset();
        }
    }
    if (Connection *t = connect(m_target, m_options.copy.target, m_targetRetry, m_targetFailures, &st.targetError)) {
        try {
            const int major = t->serverMajorVersion();
            const Result sub = t->exec(QStringLiteral("SELECT oid, subenabled FROM pg_catalog.pg_subscription"
                                                      " WHERE subname = $1 AND subdbid = (SELECT oid FROM pg_catalog.pg_database"
                                                      "                                    WHERE datname = current_database())"),
                                       {names.subscription});
            st.targetReachable = true;
            st.subscriptionExists = sub.rowCount() == 1;
            if (st.subscriptionExists) {
                const QString oid = sub.text(0, 0);
                st.subscriptionEnabled = sub.toBool(0, 1);
                const Result tables = t->exec(
                    QStringLiteral("SELECT n.nspname, c.relname, sr.srsubstate::text, %1, %2"
                                   "  FROM pg_catalog.pg_subscription_rel sr"
                                   "  JOIN pg_catalog.pg_class c ON c.oid = sr.srrelid"
                                   "  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                                   " WHERE sr.srsubid = $1 ORDER BY 1, 2")
                        .arg(major >= 14 ? QStringLiteral("(SELECT p.tuples_processed FROM pg_catalog.pg_stat_progress_copy p"
                                                          "  WHERE p.relid = sr.srrelid LIMIT 1)")
                                         : QStringLiteral("NULL::bigint"),
                             extras.testFlag(RowEstimates) ? liveRowsEstimate(QStringLiteral("c"), major)
                                                           : QStringLiteral("NULL::bigint")),
                    {oid});
                for (int i = 0; i < tables.rowCount(); ++i) {
                    TableSync ts;
                    ts.schema = tables.text(i, 0);
                    ts.table = tables.text(i, 1);
                    ts.state = tables.text(i, 2).at(0);
                    ts.copiedRows = tables.isNull(i, 3) ? -1 : tables.toInt64(i, 3);
                    Estimate &last = m_lastEstimates[ts.schema + u'.' + ts.table];
                    if (extras.testFlag(RowEstimates))
                        last.target = tables.isNull(i, 4) ? -1 : tables.toInt64(i, 4);
                    ts.sourceRows = last.source;
                    // A table being copied has committed nothing yet: its COPY's count says more.
                    ts.targetRows = std::max(last.target, ts.copiedRows);
                    st.readyTables += ts.state == u'r' ? 1 : 0;
                    st.tables << ts;
                }
                // The leader apply worker: no table of its own, and from 16 on no leader either
                // (parallel apply workers have one).
                const QString apply = major >= 16 ? QStringLiteral("relid IS NULL AND leader_pid IS NULL")
                                                  : QStringLiteral("relid IS NULL");
                const Result workers = t->exec(
                    QStringLiteral("SELECT count(*) FILTER (WHERE %1 AND pid IS NOT NULL),"
                                   "       count(*) FILTER (WHERE relid IS NOT NULL AND pid IS NOT NULL),"
                                   "       (array_agg(received_lsn::text) FILTER (WHERE %1))[1],"
                                   "       max(EXTRACT(EPOCH FROM now() - latest_end_time)) FILTER (WHERE %1),"
                                   "       (array_agg(latest_end_lsn::text) FILTER (WHERE %1))[1]"
                                   "  FROM pg_catalog.pg_stat_subscription WHERE subid = $1")
                        .arg(apply),
                    {oid});
                st.applyWorkerRunning = workers.toInt64(0, 0) > 0;
                st.syncWorkers = int(workers.toInt64(0, 1));
                // What the apply worker received and last reported back, against where the
                // source is (read a moment earlier, so never below zero).
                if (const auto now = Lsn::parse(st.sourceLsn)) {
                    const auto behind = [&](int column) -> qint64 {
                        const auto at = workers.isNull(0, column) ? std::nullopt : Lsn::parse(workers.text(0, column));
                        return at ? std::max<qint64>(0, Lsn::bytesBetween(*at, *now)) : -1;
                    };
                    st.receivedLagBytes = behind(2);
                    st.reportedLagBytes = behind(4);
                }
                // In seconds: how long ago the target last heard of the source's position,
                // while anything is still to apply.
                if (st.lagBytes == 0)
                    st.lagSeconds = 0;
                else if (st.lagBytes > 0 && !workers.isNull(0, 3))
                    st.lagSeconds = workers.toDouble(0, 3);
                if (major >= 15) {
                    const Result errors = t->exec(QStringLiteral("SELECT apply_error_count, sync_error_count"
                                                                 "  FROM pg_catalog.pg_stat_subscription_stats WHERE subid = $1"),
                                                  {oid});
                    if (errors.rowCount() == 1) {
                        st.applyErrors = errors.toInt64(0, 0);
                        st.syncErrors = errors.toInt64(0, 1);
                    }
                }
            }
            if (!m_options.deferSecondaryIndexes) {
                st.missingIndexes = 0;
            } else if (extras.testFlag(CountMissingIndexes) && m_source) {
                m_lastMissingIndexes = int(LogicalReplication::missingIndexes(*m_source, *t, m_options.copy.scope).size());
                st.missingIndexes = m_lastMissingIndexes;
            } else {
                st.missingIndexes = m_lastMissingIndexes;
            }
        } catch (const PgError &e) {
            st.targetError = e.message();
            if (!m_target->isAlive())
                m_target.reset();
        }
    }
    if (extras.testFlag(RowEstimates) && st.sourceReachable && m_source && !st.tables.isEmpty())
        readSourceEstimates(st);
    return st;
}

void ReplicationProbe::readSourceEstimates(ReplicationStatus &st)
{
    // The tables the subscription lists, by name: the source's OIDs are its own.
    QJsonArray names;
    for (const TableSync &t : std::as_const(st.tables))
        names.append(QJsonArray{t.schema, t.table});
    try {
        const Result r = m_source->exec(
            QStringLiteral("SELECT x->>0, x->>1, %1 FROM pg_catalog.jsonb_array_elements($1::jsonb) x"
                           "  JOIN pg_catalog.pg_namespace n ON n.nspname = x->>0"
                           "  JOIN pg_catalog.pg_class c ON c.relnamespace = n.oid AND c.relname = x->>1")
                .arg(liveRowsEstimate(QStringLiteral("c"), m_source->serverMajorVersion())),
            {QString::fromUtf8(QJsonDocument(names).toJson(QJsonDocument::Compact))});
        QHash<QString, qint64> rows;
        for (int i = 0; i < r.rowCount(); ++i)
            rows.insert(r.text(i, 0) + u'.' + r.text(i, 1), r.isNull(i, 2) ? -1 : r.toInt64(i, 2));
        for (TableSync &t : st.tables) {
            const QString key = t.schema + u'.' + t.table;
            t.sourceRows = rows.value(key, -1);
            m_lastEstimates[key].source = t.sourceRows;
        }
    } catch (const PgError &e) {
        st.sourceError = e.message();
        if (!m_source->isAlive())
            m_source.reset();
    }
}

} // namespace pgshift::core
