#include "core/migration/streamcopy.h"

#include "core/checks/nameconflicts.h"
#include "core/log/corelog.h"
#include "core/migration/tablecopy.h"
#include "core/pg/catalogfilters.h"
#include "core/pg/connection.h"
#include "core/pg/pgerror.h"
#include "core/tools/clienttools.h"
#include "core/tools/toolprocess.h"

#include <QDir>
#include <QElapsedTimer>
#include <QTemporaryDir>

#include <algorithm>
#include <mutex>
#include <thread>

namespace pgshift::core {
namespace {

struct Context
{
    const StreamCopy::Options &options;
    const StreamCopy::ProgressCallback &progress;
    const std::atomic<bool> *cancel;
    StreamCopy::Report &report;
    std::mutex mutex; // guards report and progress calls from the data workers

    bool cancelled() const { return cancel && cancel->load(); }
    void phase(StreamCopy::Phase p)
    {
        std::lock_guard lock(mutex);
        if (progress)
            progress(p, nullptr);
    }
    void fail(const QString &why)
    {
        std::lock_guard lock(mutex);
        report.failures << why;
        logger()->error("copy: {}", why);
    }
};

// One schema section (pre-data or post-data) from pg_dump, at the snapshot, applied with psql
// in one transaction that stops at the first error.
bool copySchemaSection(Context &ctx, const QString &section, const QString &snapshot, int sourceMajor)
{
    const ClientTools::Tool dump = ClientTools::best(QStringLiteral("pg_dump"), sourceMajor);
    const ClientTools::Tool psql = ClientTools::best(QStringLiteral("psql"), 0);
    if (dump.path.isEmpty() || psql.path.isEmpty()) {
        ctx.fail(StreamCopy::tr("pg_dump %1 or newer and psql are needed; run the preflight.").arg(sourceMajor));
        return false;
    }
    QTemporaryDir dir;
    const QString file = dir.filePath(section + QStringLiteral(".sql"));
    const auto dumped = ToolProcess(dump.path,
                                    {QStringLiteral("--section=") + section, QStringLiteral("--no-owner"),
                                     QStringLiteral("--no-privileges"), QStringLiteral("--no-publications"),
                                     QStringLiteral("--no-subscriptions"), QStringLiteral("--snapshot=") + snapshot,
                                     QStringLiteral("--file=") + file},
                                    ctx.options.source)
                            .run({}, ctx.cancel);
    if (!dumped.ok()) {
        ctx.fail(StreamCopy::tr("pg_dump --section=%1 failed: %2").arg(section, dumped.errorOutput));
        return false;
    }
    const auto applied = ToolProcess(psql.path,
                                     {QStringLiteral("-X"), QStringLiteral("-q"), QStringLiteral("-v"),
                                      QStringLiteral("ON_ERROR_STOP=1"), QStringLiteral("--single-transaction"),
                                      QStringLiteral("-f"), file},
                                     ctx.options.target)
                             .run({}, ctx.cancel);
    if (!applied.ok()) {
        ctx.fail(StreamCopy::tr("Applying the %1 schema on the target failed (nothing of it was kept): %2")
                     .arg(section, applied.errorOutput));
        return false;
    }
    return true;
}

// Parallel workers, each with its own pair of connections, the source one on the snapshot;
// largest tables first so the longest copy starts earliest.
void copyData(Context &ctx, const ExportedSnapshot &snapshot)
{
    std::atomic<size_t> next{0};
    const auto worker = [&] {
        try {
            Connection source(ctx.options.source);
            snapshot.adopt(source);
            Connection target(ctx.options.target);
            target.exec(QStringLiteral("SET synchronous_commit = off"));
            for (size_t i = next++; i < size_t(ctx.report.tables.size()); i = next++) {
                if (ctx.cancelled())
                    return;
                StreamCopy::TableResult &t = ctx.report.tables[qsizetype(i)];
                try {
                    TableCopy::copy(source, target, t.schema, t.table, ctx.cancel,
                                    [&ctx, &t](const TableCopy::Progress &p) {
                                        std::lock_guard lock(ctx.mutex);
                                        t.rowsCopied = p.rows;
                                        t.bytes = p.bytes;
                                        if (ctx.progress)
                                            ctx.progress(StreamCopy::Phase::Data, &t);
                                    });
                } catch (const PgError &error) {
                    t.error = error.message();
                    ctx.fail(error.message());
                    if (error.kind() == PgError::Kind::Cancelled || error.kind() == PgError::Kind::Connection)
                        return;
                }
            }
        } catch (const PgError &error) {
            ctx.fail(StreamCopy::tr("A copy worker could not start: %1").arg(error.message()));
        }
    };
    const int jobs = std::clamp(ctx.options.jobs, 1, std::max(1, int(ctx.report.tables.size())));
    std::vector<std::thread> threads;
    for (int i = 0; i < jobs; ++i)
        threads.emplace_back(worker);
    for (std::thread &thread : threads)
        thread.join();
}

void copySequences(Context &ctx, Connection &snapshotSource, Connection &target)
{
    const Result sequences = snapshotSource.exec(QStringLiteral(
        "SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
        " WHERE c.relkind = 'S' AND %1 ORDER BY 1, 2").arg(QString::fromLatin1(sql::UserRelation)));
    for (int i = 0; i < sequences.rowCount(); ++i) {
        const QString name = snapshotSource.quoteQualified(sequences.text(i, 0), sequences.text(i, 1));
        const Result state = snapshotSource.exec(QStringLiteral("SELECT last_value, is_called FROM %1").arg(name));
        target.exec(QStringLiteral("SELECT pg_catalog.setval($1::regclass, $2, $3)"),
                    {name, state.text(0, 0), state.toBool(0, 1)});
        ++ctx.report.sequencesSet;
    }
}

void copyLargeObjects(Context &ctx, Connection &snapshotSource, Connection &target)
{
    const Result objects = snapshotSource.exec(QStringLiteral("SELECT oid FROM pg_largeobject_metadata ORDER BY oid"));
    for (int i = 0; i < objects.rowCount(); ++i) {
        if (ctx.cancelled())
            return;
        const QString oid = objects.text(i, 0);
        const QByteArray data = snapshotSource.exec(QStringLiteral("SELECT lo_get($1::oid)"), {oid}).bytes(0, 0);
        // pg_dump's pre-data may already have created it, empty.
        target.exec(QStringLiteral("SELECT lo_from_bytea($1::oid, ''::bytea) WHERE NOT EXISTS"
                                   " (SELECT 1 FROM pg_largeobject_metadata WHERE oid = $1::oid)"),
                    {oid});
        target.exec(QStringLiteral("SELECT lo_put($1::oid, 0, $2::bytea)"), {oid, data});
        ++ctx.report.largeObjects;
    }
}

void verifyCounts(Context &ctx, Connection &snapshotSource, Connection &target)
{
    for (StreamCopy::TableResult &t : ctx.report.tables) {
        const QString name = snapshotSource.quoteQualified(t.schema, t.table);
        const QString count = QStringLiteral("SELECT count(*) FROM ONLY %1").arg(name);
        t.sourceRows = snapshotSource.exec(count).toInt64(0, 0);
        t.targetRows = target.exec(count).toInt64(0, 0);
        if (t.sourceRows != t.targetRows)
            ctx.fail(StreamCopy::tr("%1: %2 rows on the source, %3 on the target.")
                         .arg(name).arg(t.sourceRows).arg(t.targetRows));
    }
}

} // namespace

QString StreamCopy::phaseName(Phase phase)
{
    switch (phase) {
    case Phase::Preparing: return tr("Preparing");
    case Phase::Schema: return tr("Copying the schema");
    case Phase::Data: return tr("Copying the data");
    case Phase::PostData: return tr("Creating indexes, constraints and triggers");
    case Phase::Sequences: return tr("Setting sequences");
    case Phase::LargeObjects: return tr("Copying large objects");
    case Phase::Analyze: return tr("Analyzing the target");
    case Phase::Verify: return tr("Verifying row counts");
    case Phase::Done: return tr("Done");
    }
    return {};
}

StreamCopy::Report StreamCopy::run(const Options &options, const ProgressCallback &progress,
                                   const std::atomic<bool> *cancel)
{
    Report report;
    Context ctx{options, progress, cancel, report, {}};
    QElapsedTimer timer;
    timer.start();
    const auto finish = [&] {
        report.elapsedMs = timer.elapsed();
        if (ctx.cancelled() && report.failures.isEmpty())
            report.failures << tr("The copy was cancelled.");
        return report;
    };
    try {
        ctx.phase(Phase::Preparing);
        const ExportedSnapshot snapshot(options.source);
        Connection source(options.source);
        snapshot.adopt(source);
        Connection target(options.target);
        if (const QStringList taken = conflictingNames(source, target); !taken.isEmpty()) {
            ctx.fail(tr("The target already has objects with these names; nothing was copied: %1")
                         .arg(taken.join(QStringLiteral(", "))));
            return finish();
        }
        const Result tables = source.exec(QStringLiteral(
            "SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE c.relkind = 'r' AND %1 ORDER BY pg_relation_size(c.oid) DESC, 1, 2")
                                              .arg(QString::fromLatin1(sql::UserRelation)));
        for (int i = 0; i < tables.rowCount(); ++i) {
            TableResult t;
            t.schema = tables.text(i, 0);
            t.table = tables.text(i, 1);
            report.tables.append(t);
        }

        const int major = source.serverMajorVersion();
        ctx.phase(Phase::Schema);
        if (ctx.cancelled() || !copySchemaSection(ctx, QStringLiteral("pre-data"), snapshot.id(), major))
            return finish();
        ctx.phase(Phase::Data);
        copyData(ctx, snapshot);
        if (ctx.cancelled() || !report.failures.isEmpty())
            return finish();
        ctx.phase(Phase::PostData);
        if (!copySchemaSection(ctx, QStringLiteral("post-data"), snapshot.id(), major))
            return finish();
        ctx.phase(Phase::Sequences);
        copySequences(ctx, source, target);
        ctx.phase(Phase::LargeObjects);
        copyLargeObjects(ctx, source, target);
        ctx.phase(Phase::Analyze);
        target.exec(QStringLiteral("ANALYZE"));
        ctx.phase(Phase::Verify);
        verifyCounts(ctx, source, target);
        source.exec(QStringLiteral("COMMIT"));
        ctx.phase(Phase::Done);
    } catch (const PgError &error) {
        ctx.fail(error.message());
    }
    return finish();
}

} // namespace pgshift::core
