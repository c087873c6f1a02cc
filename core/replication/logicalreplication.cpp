#include "core/replication/logicalreplication.h"

#include "core/log/corelog.h"
#include "core/migration/cancellation.h"
#include "core/migration/copyrun.h"
#include "core/pg/catalogfilters.h"
#include "core/pg/connection.h"

#include <QRegularExpression>

#include <atomic>
#include <thread>

namespace pgshift::core {
namespace {

QVariantList scopeParameters(const CopyScope &scope)
{
    return {QString::fromUtf8(scope.schemasJson()), QString::fromUtf8(scope.tablesJson())};
}

// Non-unique secondary indexes (no constraint behind them, not attached to a partitioned
// table's index) of the tables in scope: schema, name, DDL.
QString secondaryIndexesQuery()
{
    return QStringLiteral("SELECT n.nspname, ic.relname, pg_catalog.pg_get_indexdef(i.indexrelid)"
                          "  FROM pg_catalog.pg_index i"
                          "  JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid"
                          "  JOIN pg_catalog.pg_class c ON c.oid = i.indrelid"
                          "  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                          " WHERE c.relkind = 'r' AND NOT i.indisunique AND i.indisvalid AND NOT ic.relispartition"
                          "   AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint con WHERE con.conindid = i.indexrelid"
                          "                     AND con.conrelid = i.indrelid)"
                          "   AND %1 AND %2"
                          " ORDER BY pg_catalog.pg_relation_size(i.indexrelid) DESC, 1, 2")
        .arg(QString::fromLatin1(sql::UserRelation), CopyScope::sqlCondition(1));
}

} // namespace

std::optional<QString> ReplicationNames::problem() const
{
    static const QRegularExpression valid(QStringLiteral("^[a-z_][a-z0-9_]{0,62}$"));
    const std::pair<QString, QString> names[] = {{LogicalReplication::tr("publication"), publication},
                                                 {LogicalReplication::tr("subscription"), subscription},
                                                 {LogicalReplication::tr("replication slot"), slot}};
    for (const auto &[what, name] : names) {
        if (!valid.match(name).hasMatch())
            return LogicalReplication::tr("The %1 name '%2' is not valid: use 1 to 63 lower-case letters, digits "
                                          "and underscores, not starting with a digit.")
                .arg(what, name);
    }
    return std::nullopt;
}

QString LogicalReplication::publicationSql(Connection &source, const ReplicationNames &names, const CopyScope &scope)
{
    const bool superuser = source.exec(QStringLiteral("SELECT rolsuper FROM pg_catalog.pg_roles WHERE rolname = current_user"))
                               .toBool(0, 0);
    // Publishable tables: permanent; a partition only through its root, unless named itself.
    const Result tables = source.exec(
        QStringLiteral("SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname), c.relkind::text"
                       "  FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                       " WHERE c.relkind IN ('r', 'p') AND c.relpersistence = 'p' AND %1 AND %2"
                       "   AND (NOT c.relispartition OR (n.nspname, c.relname) IN"
                       "        (SELECT x->>0, x->>1 FROM jsonb_array_elements($2::jsonb) x))"
                       " ORDER BY 1")
            .arg(QString::fromLatin1(sql::UserRelation), CopyScope::sqlCondition(1)),
        scopeParameters(scope));
    QStringList list;
    bool partitioned = false;
    for (int i = 0; i < tables.rowCount(); ++i) {
        list << tables.text(i, 0);
        partitioned |= tables.text(i, 1) == u"p";
    }
    if (list.isEmpty())
        throw PgError(PgError::Kind::Usage, tr("Nothing to publish: %1 holds no table.").arg(scope.describe()));
    QString what;
    if (superuser && scope.isWholeDatabase()) {
        what = QStringLiteral("FOR ALL TABLES");
    } else if (superuser && scope.tables.isEmpty() && source.serverMajorVersion() >= 15) {
        QStringList schemas;
        for (const QString &schema : scope.schemas)
            schemas << source.quoteIdentifier(schema);
        what = QStringLiteral("FOR TABLES IN SCHEMA ") + schemas.join(QStringLiteral(", "));
    } else {
        what = QStringLiteral("FOR TABLE ") + list.join(QStringLiteral(", "));
    }
    const QString with = partitioned && source.serverMajorVersion() >= 13
        ? QStringLiteral(" WITH (publish_via_partition_root = true)")
        : QString();
    return QStringLiteral("CREATE PUBLICATION %1 %2%3").arg(source.quoteIdentifier(names.publication), what, with);
}

QString LogicalReplication::subscriptionSql(const Connection &target, const ConnectionSettings &sourceForTarget,
                                            const ReplicationNames &names, int sourceMajor, bool maskPassword)
{
    ConnectionSettings publisher = sourceForTarget;
    publisher.setValue(QStringLiteral("application_name"), names.subscription);
    const QString conninfo = publisher.toKeywordValue(maskPassword ? ConnectionSettings::Password::Mask
                                                                   : ConnectionSettings::Password::Include);
    QStringList with{QStringLiteral("copy_data = true"), QStringLiteral("create_slot = true"),
                     QStringLiteral("slot_name = %1").arg(target.quoteLiteral(names.slot))};
    const int targetMajor = target.serverMajorVersion();
    if (sourceMajor >= 16 && targetMajor >= 16)
        with << QStringLiteral("binary = true"); // rows travel without text conversion
    if (targetMajor >= 14)
        with << QStringLiteral("streaming = on"); // large transactions apply as they arrive
    return QStringLiteral("CREATE SUBSCRIPTION %1 CONNECTION %2 PUBLICATION %3 WITH (%4)")
        .arg(target.quoteIdentifier(names.subscription), target.quoteLiteral(conninfo),
             target.quoteIdentifier(names.publication), with.join(QStringLiteral(", ")));
}

QList<LogicalReplication::Step> LogicalReplication::plan(const ReplicationOptions &options)
{
    Connection source(options.copy.source);
    Connection target(options.copy.target);
    QList<Step> steps;
    const int deferred = options.deferSecondaryIndexes
        ? int(missingIndexes(source, target, options.copy.scope).size())
        : 0;
    steps << Step{tr("Copy the schema: pg_dump's pre-data, then post-data with pg_restore -j %1%2")
                      .arg(options.copy.jobs)
                      .arg(deferred > 0 ? tr(", without %n secondary index(es) built after the initial copy", nullptr, deferred)
                                        : QString()),
                  tr("target"), QString()};
    steps << Step{tr("Publish the tables on the source"), tr("source"),
                  publicationSql(source, options.names, options.copy.scope)};
    steps << Step{tr("Subscribe on the target: copy every table, then stream changes"), tr("target"),
                  subscriptionSql(target, source.effectiveSettings(), options.names, source.serverMajorVersion(), true)};
    if (const auto advice = syncWorkerAdvice(source, target, options.copy.scope))
        steps << *advice;
    return steps;
}

std::optional<LogicalReplication::Step> LogicalReplication::syncWorkerAdvice(Connection &source, Connection &target,
                                                                            const CopyScope &scope)
{
    const int perSubscription = int(target.exec(QStringLiteral("SELECT current_setting('max_sync_workers_per_subscription')::int")).toInt64(0, 0));
    const int workers = int(target.exec(QStringLiteral("SELECT current_setting('max_logical_replication_workers')::int")).toInt64(0, 0));
    // Tables the subscription copies one by one: partitioned tables count once, through their root.
    const int tables = int(source.exec(QStringLiteral("SELECT count(*) FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n"
                                                      " ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p')"
                                                      " AND c.relpersistence = 'p' AND NOT c.relispartition AND %1 AND %2")
                                           .arg(QString::fromLatin1(sql::UserRelation), CopyScope::sqlCondition(1)),
                                       scopeParameters(scope))
                               .toInt64(0, 0));
    // One apply worker plus the sync workers must fit under max_logical_replication_workers.
    const int atOnce = std::max(0, std::min(perSubscription, workers - 1));
    const int useful = std::min(tables, 8);
    if (tables <= atOnce || atOnce >= useful)
        return std::nullopt;
    Step step;
    step.title = tr("Advice: the target copies %1 of the %n table(s) at a time (max_sync_workers_per_subscription = %2, "
                    "max_logical_replication_workers = %3). Allowing %4 at once shortens the initial copy of many tables; "
                    "run this on the target before starting (a restart is needed when max_logical_replication_workers "
                    "changes):",
                    nullptr, tables)
                     .arg(atOnce)
                     .arg(perSubscription)
                     .arg(workers)
                     .arg(useful);
    step.where = tr("target");
    QStringList sql{QStringLiteral("ALTER SYSTEM SET max_sync_workers_per_subscription = %1;").arg(useful)};
    if (workers < useful + 1)
        sql << QStringLiteral("ALTER SYSTEM SET max_logical_replication_workers = %1;").arg(useful + 2);
    sql << QStringLiteral("SELECT pg_reload_conf();");
    step.sql = sql.join(u' ');
    return step;
}

CopyReport LogicalReplication::start(const ReplicationOptions &options, CopyProgressTracker &tracker,
                                     Cancellation &cancellation)
{
    return CopyRun::perform(options.copy, tracker, cancellation, [&](CopyRun &run, CopyReport &) {
        if (const auto problem = options.names.problem()) {
            run.fail(*problem);
            return;
        }
        if (!run.prepare(true) || run.cancelled() || !run.applyPreData() || run.cancelled())
            return;
        QSet<quint32> deferred;
        if (options.deferSecondaryIndexes) {
            for (const PlannedTable &table : run.plan()) {
                for (const EarlyIndex &index : table.indexes) {
                    // A partition's index attached to its parent's stays: pg_restore attaches it.
                    if (!index.unique && index.constraintOid == 0 && !index.partitionOfIndex)
                        deferred.insert(index.indexOid);
                }
            }
        }
        if (!run.restorePostData(deferred) || run.cancelled())
            return;
        logger()->info("replication: schema copied, {} secondary index(es) deferred", deferred.size());

        Connection source(options.copy.source);
        const QString publication = publicationSql(source, options.names, options.copy.scope);
        source.exec(publication);
        try {
            Connection target(options.copy.target);
            const ConnectionSettings publisher = source.effectiveSettings();
            // The real statement carries the password; the log gets the masked one.
            target.execShownAs(subscriptionSql(target, publisher, options.names, source.serverMajorVersion(), false),
                               subscriptionSql(target, publisher, options.names, source.serverMajorVersion(), true));
        } catch (const PgError &error) {
            // Without its subscription the publication is of no use: it goes too.
            try {
                source.exec(QStringLiteral("DROP PUBLICATION IF EXISTS %1").arg(source.quoteIdentifier(options.names.publication)));
            } catch (const PgError &) {
            }
            run.fail(tr("Creating the subscription on the target failed: %1").arg(error.message()));
        }
    }, QStringLiteral("replication setup"));
}

QStringList LogicalReplication::missingIndexes(Connection &source, Connection &target, const CopyScope &scope)
{
    const Result wanted = source.exec(secondaryIndexesQuery(), scopeParameters(scope));
    const Result existing = target.exec(QStringLiteral(
        "SELECT n.nspname || '.' || c.relname FROM pg_catalog.pg_class c"
        "  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'i'"));
    QSet<QString> there;
    for (int i = 0; i < existing.rowCount(); ++i)
        there.insert(existing.text(i, 0));
    QStringList missing;
    for (int i = 0; i < wanted.rowCount(); ++i) {
        if (!there.contains(wanted.text(i, 0) + u'.' + wanted.text(i, 1)))
            missing << wanted.text(i, 2);
    }
    return missing;
}

int LogicalReplication::buildMissingIndexes(const ReplicationOptions &options, Cancellation &cancellation,
                                            QStringList *failures)
{
    QStringList statements;
    try {
        Connection source(options.copy.source);
        source.exec(QStringLiteral("SET search_path = ''")); // fully qualified definitions
        Connection target(options.copy.target);
        statements = missingIndexes(source, target, options.copy.scope);
    } catch (const PgError &error) {
        if (failures)
            *failures << error.message();
        return 0;
    }
    std::atomic<qsizetype> next{0};
    std::atomic<int> built{0};
    std::mutex mutex;
    const auto worker = [&] {
        try {
            Connection target(options.copy.target);
            const Cancellation::Watch watch(cancellation, target);
            for (const char *setting : {"SET maintenance_work_mem = '512MB'", "SET statement_timeout = 0", "SET search_path = ''"})
                target.exec(QString::fromLatin1(setting));
            for (qsizetype i = next++; i < statements.size() && !cancellation.isCancelled(); i = next++) {
                try {
                    target.exec(statements[i]);
                    ++built;
                } catch (const PgError &error) {
                    if (cancellation.isCancelled())
                        return;
                    std::lock_guard lock(mutex);
                    if (failures)
                        *failures << tr("%1: %2").arg(statements[i], error.message());
                }
            }
        } catch (const PgError &error) {
            std::lock_guard lock(mutex);
            if (failures && !cancellation.isCancelled())
                *failures << error.message();
        }
    };
    std::vector<std::thread> threads;
    const qsizetype jobs = std::clamp<qsizetype>(options.copy.jobs, 1, std::max<qsizetype>(1, statements.size()));
    for (qsizetype i = 0; i < jobs && !statements.isEmpty(); ++i)
        threads.emplace_back(worker);
    for (std::thread &thread : threads)
        thread.join();
    logger()->info("replication: {} of {} deferred index(es) built", built.load(), statements.size());
    return built.load();
}

} // namespace pgshift::core
