#include "core/migration/copyrun.h"

#include "core/log/corelog.h"
#include "core/pg/catalogfilters.h"

#include <algorithm>
#include <atomic>
#include <thread>

// CopyRun's steps after the rows: sequences, large objects, ANALYZE, and the parallel
// per-table work the verification uses.
namespace pgshift::core {
namespace {

constexpr int SequencesPerStatement = 200;
constexpr int LargeObjectChunk = 8 << 20;

} // namespace

void CopyRun::setSequences()
{
    m_tracker.setPhase(CopyPhase::Sequences);
    try {
        // Sequences in the scope: all of a schema, or those owned by a copied table's column.
        const Result sequences = m_source->exec(
            QStringLiteral("SELECT n.nspname, c.relname FROM pg_catalog.pg_class c"
                           "  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                           " WHERE c.relkind = 'S' AND %1"
                           "   AND (%2 OR EXISTS (SELECT 1 FROM pg_catalog.pg_depend d"
                           "                       WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid"
                           "                         AND d.refclassid = 'pg_class'::regclass"
                           "                         AND d.refobjid = ANY($3::oid[]) AND d.deptype IN ('a', 'i')))"
                           " ORDER BY 1, 2")
                .arg(QString::fromLatin1(sql::UserRelation), CopyScope::sqlCondition(1)),
            {QString::fromUtf8(m_options.scope.schemasJson()), QString::fromUtf8(m_options.scope.tablesJson()),
             oidArray(m_resolvedOids)});
        for (int first = 0; first < sequences.rowCount(); first += SequencesPerStatement) {
            if (cancelled())
                return;
            const int last = std::min(sequences.rowCount(), first + SequencesPerStatement);
            // One read of all their states on the snapshot, one write of all of them.
            QStringList reads;
            QStringList names;
            for (int i = first; i < last; ++i) {
                names << m_source->quoteQualified(sequences.text(i, 0), sequences.text(i, 1));
                reads << QStringLiteral("SELECT %1, last_value, is_called FROM %2").arg(i - first).arg(names.last());
            }
            const Result states = m_source->exec(reads.join(QStringLiteral(" UNION ALL ")) + QStringLiteral(" ORDER BY 1"));
            QStringList calls;
            QVariantList params;
            for (int i = 0; i < states.rowCount(); ++i) {
                const int p = int(params.size());
                calls << QStringLiteral("pg_catalog.setval($%1::regclass, $%2, $%3)").arg(p + 1).arg(p + 2).arg(p + 3);
                params << names[int(states.toInt64(i, 0))] << states.text(i, 1) << states.toBool(i, 2);
            }
            m_target->exec(QStringLiteral("SELECT ") + calls.join(QStringLiteral(", ")), params);
            std::lock_guard lock(m_mutex);
            m_sequencesSet += int(calls.size());
        }
    } catch (const PgError &error) {
        if (!cancelled())
            fail(tr("Setting the sequences failed: %1").arg(error.message()));
    }
}

void CopyRun::copyLargeObjects()
{
    if (!m_options.scope.isWholeDatabase())
        return; // as pg_dump: large objects belong to the database, not to a schema
    m_tracker.setPhase(CopyPhase::LargeObjects);
    try {
        const Result objects = m_source->exec(QStringLiteral("SELECT oid FROM pg_catalog.pg_largeobject_metadata ORDER BY oid"));
        for (int i = 0; i < objects.rowCount(); ++i) {
            if (cancelled())
                return;
            const QString oid = objects.text(i, 0);
            m_target->exec(QStringLiteral("SELECT pg_catalog.lo_create($1::oid) WHERE NOT EXISTS"
                                          " (SELECT 1 FROM pg_catalog.pg_largeobject_metadata WHERE oid = $1::oid)"),
                           {oid});
            m_wrote = true;
            // In pieces, so that a large one never has to fit in memory whole.
            for (qint64 offset = 0;; offset += LargeObjectChunk) {
                const QByteArray piece = m_source
                                             ->exec(QStringLiteral("SELECT pg_catalog.lo_get($1::oid, $2, $3)"),
                                                    {oid, offset, LargeObjectChunk})
                                             .bytes(0, 0);
                if (!piece.isEmpty())
                    m_target->exec(QStringLiteral("SELECT pg_catalog.lo_put($1::oid, $2, $3::bytea)"),
                                   {oid, offset, piece});
                if (piece.size() < LargeObjectChunk)
                    break;
            }
            std::lock_guard lock(m_mutex);
            ++m_largeObjects;
        }
    } catch (const PgError &error) {
        if (!cancelled())
            fail(tr("Copying the large objects failed: %1").arg(error.message()));
    }
}

void CopyRun::analyzeRest()
{
    m_tracker.setPhase(CopyPhase::Analyze);
    try {
        const Result rest = m_source->exec(scopedRelationsQuery(QStringLiteral("'p', 'm'")),
                                           {QString::fromUtf8(m_options.scope.schemasJson()),
                                            QString::fromUtf8(m_options.scope.tablesJson())});
        for (int i = 0; i < rest.rowCount() && !cancelled(); ++i)
            m_target->exec(QStringLiteral("ANALYZE %1").arg(m_source->quoteQualified(rest.text(i, 1), rest.text(i, 2))));
    } catch (const PgError &error) {
        if (!cancelled())
            fail(tr("ANALYZE failed on the target: %1").arg(error.message()));
    }
}

void CopyRun::forEachTable(const std::function<void(qsizetype, Connection &, Connection &)> &work)
{
    std::atomic<qsizetype> next{0};
    const auto worker = [&] {
        try {
            const auto source = openSource();
            const Cancellation::Watch sourceWatch(m_cancellation, *source);
            const auto target = openTarget();
            const Cancellation::Watch targetWatch(m_cancellation, *target);
            for (qsizetype i = next++; i < m_plan.size() && !cancelled(); i = next++) {
                try {
                    work(i, *source, *target);
                } catch (const PgError &error) {
                    if (cancelled())
                        return;
                    fail(error.message());
                    if (!source->isAlive() || !target->isAlive())
                        return;
                }
            }
        } catch (const PgError &error) {
            if (!cancelled())
                fail(tr("A worker could not connect: %1").arg(error.message()));
        }
    };
    std::vector<std::thread> threads;
    const qsizetype jobs = std::clamp<qsizetype>(m_options.jobs, 1, std::max<qsizetype>(1, m_plan.size()));
    for (qsizetype i = 0; i < jobs; ++i)
        threads.emplace_back(worker);
    for (std::thread &thread : threads)
        thread.join();
}

void CopyRun::analyzeTables()
{
    m_tracker.setPhase(CopyPhase::Analyze);
    forEachTable([this](qsizetype i, Connection &, Connection &target) {
        target.exec(QStringLiteral("ANALYZE %1").arg(m_plan[i].quotedName));
    });
}

void CopyRun::verifyCounts()
{
    m_tracker.setPhase(CopyPhase::Verify);
    forEachTable([this](qsizetype i, Connection &source, Connection &target) {
        const QString count = QStringLiteral("SELECT count(*) FROM ONLY %1").arg(m_plan[i].quotedName);
        // Counted on the snapshot, unless the copy already had the source's exact count from
        // the COPY that read the table on that same snapshot.
        const qint64 counted = m_tracker.table(i).sourceRows;
        const qint64 onSource = counted >= 0 ? counted : source.exec(count).toInt64(0, 0);
        const qint64 onTarget = target.exec(count).toInt64(0, 0);
        m_tracker.updateTable(i, [&](TableStatus &t) {
            t.sourceRows = onSource;
            t.targetRows = onTarget;
        });
        if (onSource != onTarget)
            fail(tr("%1: %2 rows on the source, %3 on the target.").arg(m_plan[i].quotedName).arg(onSource).arg(onTarget));
    });
}

void CopyRun::addRestored(int sequences, int largeObjects)
{
    std::lock_guard lock(m_mutex);
    m_sequencesSet += sequences;
    m_largeObjects += largeObjects;
}

} // namespace pgshift::core
