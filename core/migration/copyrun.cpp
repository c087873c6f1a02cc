#include "core/migration/copyrun.h"

#include "core/checks/nameconflicts.h"
#include "core/log/corelog.h"
#include "core/pg/catalogfilters.h"
#include "core/tools/clienttools.h"
#include "core/tools/toolprocess.h"

#include <QRegularExpression>

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QTemporaryDir>

#include <algorithm>
#include <numeric>

namespace pgshift::core {

QString CopyRun::oidArray(const QList<quint32> &oids)
{
    QStringList parts;
    for (quint32 oid : oids)
        parts << QString::number(oid);
    return u'{' + parts.join(u',') + u'}';
}

QString CopyRun::scopedRelationsQuery(const QString &kinds)
{
    return QStringLiteral("SELECT c.oid, n.nspname, c.relname, c.relkind::text, pg_catalog.pg_table_size(c.oid),"
                          "       c.reltuples::bigint"
                          "  FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                          " WHERE c.relkind IN (%1) AND %2 AND %3"
                          " ORDER BY 5 DESC, 2, 3")
        .arg(kinds, QString::fromLatin1(sql::UserRelation), CopyScope::sqlCondition(1));
}

CopyRun::CopyRun(const CopyOptions &options, CopyProgressTracker &tracker, Cancellation &cancellation)
    : m_options(options)
    , m_tracker(tracker)
    , m_cancellation(cancellation)
{
}

CopyRun::~CopyRun() = default;

CopyReport CopyRun::perform(const CopyOptions &options, CopyProgressTracker &tracker, Cancellation &cancellation,
                            const std::function<void(CopyRun &, CopyReport &)> &steps, const QString &what)
{
    QElapsedTimer timer;
    timer.start();
    CopyRun run(options, tracker, cancellation);
    CopyReport report;
    report.engine = options.engine;
    try {
        steps(run, report);
    } catch (const PgError &error) {
        if (!run.cancelled())
            run.fail(error.message());
    }
    if (!run.cancelled() && !run.failed())
        tracker.setPhase(CopyPhase::Done);
    report = run.finish(report);
    report.elapsedMs = timer.elapsed();
    logger()->info("{} ended in {} ms: {} tables, {} rows, {} bytes, {} indexes built early{}{}",
                   what.isEmpty() ? copyEngineName(options.engine) + QStringLiteral(" copy") : what, report.elapsedMs, report.tables.size(), report.rowsCopied(),
                   report.bytesCopied(), report.indexesBuilt, report.archiveDir.isEmpty() ? "" : ", archive ",
                   report.archiveDir);
    return report;
}

bool CopyRun::failed() const
{
    std::lock_guard lock(m_mutex);
    return !m_failures.isEmpty();
}

void CopyRun::fail(const QString &why)
{
    std::lock_guard lock(m_mutex);
    m_failures << why;
    logger()->error("copy: {}", why);
}

QString CopyRun::snapshotId() const
{
    return m_snapshot ? m_snapshot->id() : QString();
}

std::unique_ptr<Connection> CopyRun::openSource()
{
    auto connection = std::make_unique<Connection>(m_options.source);
    connection->exec(QStringLiteral("SET statement_timeout = 0"));
    m_snapshot->adopt(*connection);
    // pg_get_indexdef() and friends then qualify every name.
    connection->exec(QStringLiteral("SET search_path = ''"));
    return connection;
}

std::unique_ptr<Connection> CopyRun::openTarget()
{
    auto connection = std::make_unique<Connection>(m_options.target);
    // Bulk loading: nothing waits for the WAL flush (a crash would only lose rows of a copy
    // that is then reported as failed anyway), index builds get memory to sort in, and no
    // role or server default cuts a long COPY or CREATE INDEX short.
    for (const char *setting : {"SET synchronous_commit = off", "SET maintenance_work_mem = '512MB'",
                                "SET statement_timeout = 0", "SET lock_timeout = 0",
                                "SET idle_in_transaction_session_timeout = 0", "SET search_path = ''"})
        connection->exec(QString::fromLatin1(setting));
    return connection;
}

QString CopyRun::findTool(const QString &name, int minimumMajor)
{
    const ClientTools::Tool tool = ClientTools::best(name, minimumMajor);
    if (tool.path.isEmpty())
        fail(minimumMajor > 0 ? tr("%1 %2 or newer was not found; the prerequisites check names the package to install.")
                                    .arg(name).arg(minimumMajor)
                              : tr("%1 was not found; the prerequisites check names the package to install.").arg(name));
    return tool.path;
}

bool CopyRun::runTool(const QString &what, const QString &program, const QStringList &arguments,
                      const ConnectionSettings &connection, std::function<bool(const QString &)> errorLines)
{
    ToolProcess process(program, arguments, connection);
    if (errorLines)
        process.setErrorLineHandler(std::move(errorLines));
    const ToolProcess::Outcome outcome = process.run({}, m_cancellation.flag());
    if (outcome.ok())
        return true;
    if (!outcome.cancelled)
        fail(tr("%1 failed: %2").arg(what, outcome.errorOutput.isEmpty()
                                               ? tr("exit status %1").arg(outcome.exitCode)
                                               : outcome.errorOutput));
    return false;
}

bool CopyRun::prepare(bool planIndexes)
{
    m_tracker.setPhase(CopyPhase::Preparing);
    try {
        m_snapshot = std::make_unique<ExportedSnapshot>(m_options.source);
        m_source = openSource();
        m_sourceWatch = std::make_unique<Cancellation::Watch>(m_cancellation, *m_source);
        m_target = openTarget();
        m_targetWatch = std::make_unique<Cancellation::Watch>(m_cancellation, *m_target);
        Connection &source = *m_source;
        const QVariantList scope{QString::fromUtf8(m_options.scope.schemasJson()),
                                 QString::fromUtf8(m_options.scope.tablesJson())};

        // Every schema and table the scope names must exist.
        const Result missing = source.exec(QStringLiteral(
            "SELECT 'schema', s, NULL FROM jsonb_array_elements_text($1::jsonb) s"
            " WHERE NOT EXISTS (SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = s)"
            " UNION ALL"
            " SELECT 'table', t->>0, t->>1 FROM jsonb_array_elements($2::jsonb) t"
            " WHERE NOT EXISTS (SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n"
            "                    ON n.oid = c.relnamespace"
            "                   WHERE n.nspname = t->>0 AND c.relname = t->>1 AND c.relkind IN ('r', 'p'))"),
                                              scope);
        for (int i = 0; i < missing.rowCount(); ++i)
            fail(missing.text(i, 0) == u"schema" ? tr("The source has no schema named %1.").arg(missing.text(i, 1))
                                                  : tr("The source has no table named %1.%2.")
                                                        .arg(missing.text(i, 1), missing.text(i, 2)));
        if (failed())
            return false;

        QList<TableStatus> tables;
        QList<quint32> oids;
        const Result relations = source.exec(scopedRelationsQuery(QStringLiteral("'r', 'p'")), scope);
        for (int i = 0; i < relations.rowCount(); ++i) {
            m_resolved << CopyScope::Table{relations.text(i, 1), relations.text(i, 2)};
            m_resolvedOids << quint32(relations.toInt64(i, 0));
            if (relations.text(i, 3) != u"r")
                continue;
            TableStatus status;
            status.schema = relations.text(i, 1);
            status.table = relations.text(i, 2);
            status.heapBytes = relations.toInt64(i, 4);
            const qint64 estimate = relations.toInt64(i, 5);
            status.estimatedRows = estimate > 0 ? estimate : (status.heapBytes == 0 ? 0 : -1);
            tables << status;
            PlannedTable planned;
            planned.oid = quint32(relations.toInt64(i, 0));
            planned.quotedName = source.quoteQualified(status.schema, status.table);
            m_plan << planned;
            oids << planned.oid;
        }
        if (tables.isEmpty() && !m_options.scope.isWholeDatabase()) {
            fail(tr("Nothing to copy: %1 holds no table.").arg(m_options.scope.describe()));
            return false;
        }

        // Columns, and whether every one of them can travel in binary.
        const Result columns = source.exec(TableCopy::columnsQuery(source), {oidArray(oids)});
        QHash<quint32, int> byOid;
        for (int i = 0; i < m_plan.size(); ++i)
            byOid.insert(m_plan[i].oid, i);
        for (int i = 0; i < columns.rowCount(); ++i) {
            PlannedTable &p = m_plan[byOid.value(quint32(columns.toInt64(i, 0)))];
            p.columns = columns.text(i, 1);
            p.binary = columns.toBool(i, 2);
        }

        if (planIndexes) {
            // Valid indexes of the copied tables, except those pg_restore must build itself:
            // exclusion and deferrable constraints, and indexes with per-column statistics
            // targets (pg_dump keeps those settings in the index's own entry).
            const QString statsTarget = source.serverVersionNumber() >= 170000
                ? QStringLiteral("COALESCE(s.attstattarget, -1) >= 0") : QStringLiteral("s.attstattarget >= 0");
            const Result indexes = source.exec(
                QStringLiteral(
                    "SELECT i.indrelid, i.indexrelid, pg_catalog.pg_get_indexdef(i.indexrelid),"
                    "       con.oid, con.contype::text, quote_ident(con.conname), i.indisclustered,"
                    "       quote_ident(ic.relname), i.indisunique, ic.relispartition"
                    "  FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid"
                    "  LEFT JOIN pg_catalog.pg_constraint con ON con.conindid = i.indexrelid"
                    "        AND con.conrelid = i.indrelid AND con.contype IN ('p', 'u', 'x')"
                    " WHERE i.indrelid = ANY($1::oid[]) AND i.indisvalid"
                    "   AND (con.oid IS NULL OR (con.contype IN ('p', 'u') AND NOT con.condeferrable))"
                    "   AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_attribute s"
                    "                    WHERE s.attrelid = i.indexrelid AND %1)"
                    " ORDER BY pg_catalog.pg_relation_size(i.indexrelid) DESC")
                    .arg(statsTarget),
                {oidArray(oids)});
            for (int i = 0; i < indexes.rowCount(); ++i) {
                PlannedTable &p = m_plan[byOid.value(quint32(indexes.toInt64(i, 0)))];
                EarlyIndex index;
                index.indexOid = quint32(indexes.toInt64(i, 1));
                index.createSql = indexes.text(i, 2);
                index.unique = indexes.toBool(i, 8);
                index.partitionOfIndex = indexes.toBool(i, 9);
                if (!indexes.isNull(i, 3)) {
                    index.constraintOid = quint32(indexes.toInt64(i, 3));
                    index.afterSql << QStringLiteral("ALTER TABLE ONLY %1 ADD CONSTRAINT %2 %3 USING INDEX %4")
                                          .arg(p.quotedName, indexes.text(i, 5),
                                               indexes.text(i, 4) == u"p" ? QStringLiteral("PRIMARY KEY")
                                                                          : QStringLiteral("UNIQUE"),
                                               indexes.text(i, 7));
                }
                if (indexes.toBool(i, 6))
                    index.afterSql << QStringLiteral("ALTER TABLE ONLY %1 CLUSTER ON %2").arg(p.quotedName, indexes.text(i, 7));
                p.indexes << index;
            }
        }

        // Nothing may collide on the target.
        QStringList taken;
        const QSet<QString> scopedNames = [&] {
            QSet<QString> names;
            for (const CopyScope::Table &t : std::as_const(m_resolved))
                names.insert(source.quoteQualified(t.schema, t.name));
            return names;
        }();
        for (const QString &name : conflictingNames(source, *m_target)) {
            const bool inScope = m_options.scope.isWholeDatabase() || scopedNames.contains(name)
                || std::any_of(m_options.scope.schemas.cbegin(), m_options.scope.schemas.cend(),
                               [&](const QString &s) { return name.startsWith(source.quoteIdentifier(s) + u'.'); });
            if (inScope)
                taken << name;
        }
        if (m_options.scope.tables.isEmpty() || !m_options.scope.schemas.isEmpty()) {
            // pg_dump creates every schema it dumps (public excepted) without IF NOT EXISTS.
            const Result own = source.exec(
                QStringLiteral("SELECT n.nspname FROM pg_catalog.pg_namespace n"
                               " WHERE n.nspname NOT IN ('public', 'pg_catalog', 'information_schema')"
                               "   AND n.nspname NOT LIKE 'pg\\_%'"
                               "   AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d"
                               "                    WHERE d.classid = 'pg_namespace'::regclass"
                               "                      AND d.objid = n.oid AND d.deptype = 'e')"
                               "   AND (jsonb_array_length($1::jsonb) = 0"
                               "        OR n.nspname IN (SELECT jsonb_array_elements_text($1::jsonb)))"),
                {scope.first()});
            QJsonArray ownNames;
            for (int i = 0; i < own.rowCount(); ++i)
                ownNames.append(own.text(i, 0));
            const Result schemas = m_target->exec(
                QStringLiteral("SELECT quote_ident(nspname) FROM pg_catalog.pg_namespace"
                               " WHERE nspname IN (SELECT jsonb_array_elements_text($1::jsonb)) ORDER BY 1"),
                {QString::fromUtf8(QJsonDocument(ownNames).toJson(QJsonDocument::Compact))});
            for (int i = 0; i < schemas.rowCount(); ++i)
                taken << tr("schema %1").arg(schemas.text(i, 0));
        }
        if (!taken.isEmpty()) {
            fail(tr("The target already has objects of these names; nothing was copied. Drop them on the "
                    "target or choose another target database: %1")
                     .arg(taken.join(QStringLiteral(", "))));
            return false;
        }
        m_before = std::make_unique<TargetInventory>(TargetInventory::capture(*m_target));
        m_tracker.setTables(tables);
        logger()->info("copy plan: {} tables, {} of them binary, {} early indexes, scope {}", m_plan.size(),
                       std::count_if(m_plan.cbegin(), m_plan.cend(), [](const PlannedTable &p) { return p.binary; }),
                       std::accumulate(m_plan.cbegin(), m_plan.cend(), qsizetype(0),
                                       [](qsizetype n, const PlannedTable &p) { return n + p.indexes.size(); }),
                       m_options.scope.describe());
        return true;
    } catch (const PgError &error) {
        if (!cancelled())
            fail(error.message());
        return false;
    }
}

QList<QStringList> CopyRun::dumpSelections() const
{
    QList<QStringList> selections = m_options.scope.pgDumpSelections(m_resolved);
    if (selections.isEmpty())
        selections << QStringList();
    return selections;
}

bool CopyRun::applyPreData()
{
    m_tracker.setPhase(CopyPhase::Schema);
    const QString dump = findTool(QStringLiteral("pg_dump"), sourceMajor());
    const QString psql = findTool(QStringLiteral("psql"), 0);
    if (dump.isEmpty() || psql.isEmpty())
        return false;
    QTemporaryDir dir;
    const QString combined = dir.filePath(QStringLiteral("pre-data.sql"));
    QFile out(combined);
    if (!dir.isValid() || !out.open(QIODevice::WriteOnly)) {
        fail(tr("Cannot write a temporary file: %1").arg(out.errorString()));
        return false;
    }
    if (!m_options.scope.tables.isEmpty()) {
        // pg_dump --table dumps no schema: create those the tables live in.
        QSet<QString> schemas;
        for (const CopyScope::Table &t : m_options.scope.tables)
            schemas.insert(t.schema);
        for (const QString &schema : schemas)
            out.write(QStringLiteral("CREATE SCHEMA IF NOT EXISTS %1;\n").arg(m_source->quoteIdentifier(schema)).toUtf8());
    }
    const QList<QStringList> selections = dumpSelections();
    for (int i = 0; i < selections.size(); ++i) {
        const QString part = dir.filePath(QStringLiteral("part%1.sql").arg(i));
        const QStringList arguments = QStringList{QStringLiteral("--section=pre-data"), QStringLiteral("--no-owner"),
                                                  QStringLiteral("--no-privileges"), QStringLiteral("--no-publications"),
                                                  QStringLiteral("--no-subscriptions"), QStringLiteral("--no-tablespaces"),
                                                  QStringLiteral("--no-security-labels"),
                                                  QStringLiteral("--snapshot=") + snapshotId(),
                                                  QStringLiteral("--file=") + part}
            + selections[i];
        if (!runTool(tr("Dumping the schema (pg_dump --section=pre-data)"), dump, arguments, m_options.source))
            return false;
        QFile in(part);
        if (!in.open(QIODevice::ReadOnly)) {
            fail(tr("Cannot read pg_dump's output: %1").arg(in.errorString()));
            return false;
        }
        // A schema named in the scope is dumped with its CREATE SCHEMA; public (or any the
        // target already has) would fail the whole transaction on it.
        static const QRegularExpression createSchema(QStringLiteral("^CREATE SCHEMA (\"(?:[^\"]|\"\")+\"|[a-z_][a-z0-9_$]*);\n?$"));
        while (!in.atEnd()) {
            QByteArray line = in.readLine();
            if (line.startsWith("CREATE SCHEMA ") && createSchema.match(QString::fromUtf8(line)).hasMatch())
                line.insert(int(sizeof("CREATE SCHEMA ") - 1), "IF NOT EXISTS ");
            out.write(line);
        }
    }
    out.close();
    m_wrote = true;
    return runTool(tr("Creating the schema on the target (nothing of it was kept)"), psql,
                   {QStringLiteral("-X"), QStringLiteral("-q"), QStringLiteral("-v"), QStringLiteral("ON_ERROR_STOP=1"),
                    QStringLiteral("--single-transaction"), QStringLiteral("-f"), combined},
                   m_options.target);
}

bool CopyRun::restorePostData(const QSet<quint32> &skip)
{
    m_tracker.setPhase(CopyPhase::PostData);
    const QString dump = findTool(QStringLiteral("pg_dump"), sourceMajor());
    const QString restore = findTool(QStringLiteral("pg_restore"), sourceMajor());
    if (dump.isEmpty() || restore.isEmpty())
        return false;
    QTemporaryDir dir;
    if (!dir.isValid()) {
        fail(tr("Cannot create a temporary folder: %1").arg(dir.errorString()));
        return false;
    }
    // "<dump id>; <catalog table oid> <object oid> <kind> ..."
    static const QRegularExpression tocLine(QStringLiteral("^\\d+; \\d+ (\\d+) (INDEX|CONSTRAINT|FK CONSTRAINT) "));
    const QList<QStringList> selections = dumpSelections();
    for (int i = 0; i < selections.size(); ++i) {
        const QString archive = dir.filePath(QStringLiteral("post-data-%1.dump").arg(i));
        const QStringList arguments = QStringList{QStringLiteral("--section=post-data"), QStringLiteral("--format=custom"),
                                                  QStringLiteral("--no-owner"), QStringLiteral("--no-privileges"),
                                                  QStringLiteral("--no-publications"), QStringLiteral("--no-subscriptions"),
                                                  QStringLiteral("--no-tablespaces"), QStringLiteral("--no-security-labels"),
                                                  QStringLiteral("--snapshot=") + snapshotId(),
                                                  QStringLiteral("--file=") + archive}
            + selections[i];
        if (!runTool(tr("Dumping indexes, constraints and triggers (pg_dump --section=post-data)"),
                           dump, arguments, m_options.source))
            return false;
        // The archive's table of contents, minus what is already there.
        QByteArray toc;
        ToolProcess lister(restore, {QStringLiteral("--list"), archive}, m_options.target);
        const ToolProcess::Outcome listed = lister.run([&](const QByteArray &chunk) { toc += chunk; },
                                                       m_cancellation.flag());
        if (!listed.ok()) {
            if (!listed.cancelled)
                fail(tr("pg_restore --list failed: %1").arg(listed.errorOutput));
            return false;
        }
        QStringList lines = QString::fromUtf8(toc).split(u'\n');
        int skipped = 0;
        for (QString &line : lines) {
            const QRegularExpressionMatch m = tocLine.match(line);
            if (m.hasMatch() && !line.mid(m.capturedEnd(2)).startsWith(QStringLiteral(" ATTACH "))
                && skip.contains(m.captured(1).toUInt())) {
                line.prepend(u';');
                ++skipped;
            }
        }
        const QString listFile = dir.filePath(QStringLiteral("post-data-%1.list").arg(i));
        QFile list(listFile);
        if (!list.open(QIODevice::WriteOnly) || list.write(lines.join(u'\n').toUtf8()) < 0) {
            fail(tr("Cannot write a temporary file: %1").arg(list.errorString()));
            return false;
        }
        list.close();
        logger()->info("post-data: {} entries already built, {} left for pg_restore", skipped,
                       std::count_if(lines.cbegin(), lines.cend(),
                                     [](const QString &l) { return !l.isEmpty() && !l.startsWith(u';'); }));
        const QStringList restoreArguments{QStringLiteral("--jobs=%1").arg(m_options.jobs),
                                           QStringLiteral("--no-owner"), QStringLiteral("--no-privileges"),
                                           QStringLiteral("--exit-on-error"),
                                           QStringLiteral("--use-list=") + listFile, archive};
        if (!runTool(tr("Creating constraints, triggers and the rest on the target (pg_restore)"),
                           restore, restoreArguments, m_options.target))
            return false;
    }
    return true;
}

CopyReport CopyRun::finish(CopyReport report)
{
    report.tables = m_tracker.tables();
    {
        std::lock_guard lock(m_mutex);
        report.failures = m_failures;
        report.sequencesSet = m_sequencesSet;
        report.largeObjects = m_largeObjects;
    }
    report.cancelled = cancelled();
    for (TableStatus &t : report.tables) {
        if (report.cancelled && (t.state == TableStatus::State::Waiting || t.state == TableStatus::State::Copying
                                 || t.state == TableStatus::State::Indexing))
            t.state = TableStatus::State::Cancelled;
    }
    // Close the sessions (ending the snapshot) before looking at what is left on the target.
    m_sourceWatch.reset();
    m_targetWatch.reset();
    m_source.reset();
    m_target.reset();
    m_snapshot.reset();
    if (!report.succeeded() && m_wrote && m_before) {
        try {
            Connection target(m_options.target);
            report.createdOnTarget = TargetInventory::created(*m_before, TargetInventory::capture(target));
        } catch (const PgError &error) {
            report.failures << tr("Could not list what the copy created on the target: %1").arg(error.message());
        }
    }
    if (!report.succeeded())
        logger()->warn("copy did not complete: {} failure(s){}, {} object(s) left on the target", report.failures.size(),
                       report.cancelled ? ", cancelled" : "", report.createdOnTarget.size());
    if (!report.createdOnTarget.isEmpty())
        logger()->warn("SQL that drops what the copy left on the target:\n{}", TargetInventory::dropSql(report.createdOnTarget));
    return report;
}

} // namespace pgshift::core
