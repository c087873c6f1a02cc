#include "core/dms/foreignkeys.h"

#include "core/log/corelog.h"
#include "core/migration/cancellation.h"
#include "core/pg/catalogfilters.h"
#include "core/pg/connection.h"
#include "core/pg/pgerror.h"
#include "core/pg/sqlquote.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

namespace pgshift::core {
namespace {

QStringList names(const QString &json)
{
    QStringList list;
    for (const QJsonValue &v : QJsonDocument::fromJson(json.toUtf8()).array())
        list << v.toString();
    return list;
}

} // namespace

QString ForeignKey::qualifiedTable() const
{
    return sql::quoteQualified(schema, table);
}

QString ForeignKey::addSql() const
{
    return QStringLiteral("ALTER TABLE %1 ADD CONSTRAINT %2 %3;")
        .arg(qualifiedTable(), sql::quoteIdentifier(name), definition);
}

QString ForeignKey::violationCountSql() const
{
    QStringList present, matches, all;
    for (qsizetype i = 0; i < columns.size(); ++i) {
        const QString mine = QStringLiteral("c.") + sql::quoteIdentifier(columns[i]);
        present << mine + QStringLiteral(" IS NOT NULL");
        all << mine;
        matches << QStringLiteral("p.%1 = %2")
                       .arg(sql::quoteIdentifier(referencedColumns.value(i)), mine);
    }
    // A plain table's key sees only its own rows (ONLY); a partitioned one's, its partitions'.
    const QString orphan = QStringLiteral("%1 AND NOT EXISTS (SELECT 1 FROM %2%3 AS p WHERE %4)")
                               .arg(present.join(QStringLiteral(" AND ")),
                                    referencedHasChildren ? QString() : QStringLiteral("ONLY "),
                                    sql::quoteQualified(referencedSchema, referencedTable),
                                    matches.join(QStringLiteral(" AND ")));
    const QString condition = matchFull && columns.size() > 1
        ? QStringLiteral("(%1) OR pg_catalog.num_nonnulls(%2) BETWEEN 1 AND %3")
              .arg(orphan, all.join(QStringLiteral(", ")))
              .arg(columns.size() - 1)
        : orphan;
    return QStringLiteral("SELECT count(*) FROM %1%2 AS c WHERE %3")
        .arg(tableHasChildren ? QString() : QStringLiteral("ONLY "), qualifiedTable(), condition);
}

QList<ForeignKey> ForeignKeys::read(Connection &source, const CopyScope &scope)
{
    // A partition's copy of its parent's key (conparentid, from PostgreSQL 11) comes with
    // the parent's; PostgreSQL 10 has no keys on partitioned tables.
    const QString ownOnly = source.serverMajorVersion() >= 11 ? QStringLiteral("k.conparentid = 0")
                                                              : QStringLiteral("true");
    const QString query
        = QStringLiteral("SELECT k.oid::bigint, n.nspname, c.relname, k.conname, "
                         "pg_catalog.pg_get_constraintdef(k.oid),"
                         "       c.relkind = 'p', rn.nspname, r.relname, r.relkind = 'p', "
                         "k.confmatchtype = 'f',"
                         "       pg_catalog.array_to_json(ARRAY(SELECT a.attname FROM "
                         "pg_catalog.unnest(k.conkey) WITH ORDINALITY u(num, i)"
                         "         JOIN pg_catalog.pg_attribute a ON a.attrelid = k.conrelid AND "
                         "a.attnum = u.num ORDER BY u.i))::text,"
                         "       pg_catalog.array_to_json(ARRAY(SELECT a.attname FROM "
                         "pg_catalog.unnest(k.confkey) WITH ORDINALITY u(num, i)"
                         "         JOIN pg_catalog.pg_attribute a ON a.attrelid = k.confrelid AND "
                         "a.attnum = u.num ORDER BY u.i))::text"
                         "  FROM pg_catalog.pg_constraint k"
                         "  JOIN pg_catalog.pg_class c ON c.oid = k.conrelid JOIN "
                         "pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                         "  JOIN pg_catalog.pg_class r ON r.oid = k.confrelid JOIN "
                         "pg_catalog.pg_namespace rn ON rn.oid = r.relnamespace"
                         " WHERE k.contype = 'f' AND %1 AND %2 AND %3 ORDER BY n.nspname, "
                         "c.relname, k.conname")
              .arg(ownOnly, QString::fromLatin1(sql::UserRelation), CopyScope::sqlCondition(1));
    // Definitions with every name qualified, whatever the session's search_path.
    source.exec(QStringLiteral("BEGIN READ ONLY"));
    Result r;
    try {
        source.exec(QStringLiteral("SET LOCAL search_path = ''"));
        r = source.exec(query, {scope.schemasJson(), scope.tablesJson()});
        source.exec(QStringLiteral("COMMIT"));
    } catch (const PgError &) {
        source.rollbackQuietly();
        throw;
    }
    QList<ForeignKey> keys;
    for (int row = 0; row < r.rowCount(); ++row) {
        ForeignKey k;
        k.oid = quint32(r.toInt64(row, 0));
        k.schema = r.text(row, 1);
        k.table = r.text(row, 2);
        k.name = r.text(row, 3);
        k.definition = r.text(row, 4);
        k.tableHasChildren = r.toBool(row, 5);
        k.referencedSchema = r.text(row, 6);
        k.referencedTable = r.text(row, 7);
        k.referencedHasChildren = r.toBool(row, 8);
        k.matchFull = r.toBool(row, 9);
        k.columns = names(r.text(row, 10));
        k.referencedColumns = names(r.text(row, 11));
        keys << k;
    }
    return keys;
}

QList<ForeignKey> ForeignKeys::missing(Connection &source, Connection &target,
                                       const CopyScope &scope)
{
    const Result there = target.exec(
        QStringLiteral("SELECT n.nspname, c.relname, k.conname FROM pg_catalog.pg_constraint k"
                       "  JOIN pg_catalog.pg_class c ON c.oid = k.conrelid JOIN "
                       "pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                       " WHERE k.contype = 'f'"));
    QSet<QStringList> present;
    for (int row = 0; row < there.rowCount(); ++row)
        present.insert({there.text(row, 0), there.text(row, 1), there.text(row, 2)});
    QList<ForeignKey> missing;
    for (const ForeignKey &k : read(source, scope)) {
        if (!present.contains({k.schema, k.table, k.name}))
            missing << k;
    }
    return missing;
}

ForeignKeys::Outcome ForeignKeys::addAll(Connection &target, const QList<ForeignKey> &keys,
                                         Cancellation &cancellation)
{
    Outcome outcome;
    const Cancellation::Watch watch(cancellation, target);
    for (const ForeignKey &k : keys) {
        if (cancellation.isCancelled())
            throw PgError(PgError::Kind::Cancelled, tr("Cancelled."));
        const qint64 rows = target.exec(k.violationCountSql()).toInt64(0, 0);
        if (rows > 0)
            outcome.violated << Violation {k, rows};
    }
    if (!outcome.violated.isEmpty() || keys.isEmpty()) {
        logger()->info("foreign keys: {} of {} violated on the target, none added",
                       outcome.violated.size(), keys.size());
        return outcome;
    }
    target.exec(QStringLiteral("BEGIN"));
    try {
        for (const ForeignKey &k : keys)
            target.exec(k.addSql());
        target.exec(QStringLiteral("COMMIT"));
        outcome.added = keys;
    } catch (const PgError &e) {
        target.rollbackQuietly();
        if (e.kind() == PgError::Kind::Connection || e.kind() == PgError::Kind::Cancelled)
            throw;
        outcome.error = e.message();
    }
    logger()->info("foreign keys: {} added on the target{}", outcome.added.size(),
                   outcome.error.isEmpty() ? "" : " (failed)");
    return outcome;
}

QString ForeignKeys::script(const QList<ForeignKey> &keys)
{
    QStringList lines {QStringLiteral("BEGIN;")};
    for (const ForeignKey &k : keys)
        lines << k.addSql();
    lines << QStringLiteral("COMMIT;");
    return lines.join(u'\n') + u'\n';
}

} // namespace pgshift::core
