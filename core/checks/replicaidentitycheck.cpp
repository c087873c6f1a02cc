#include "core/checks/allchecks.h"
#include "core/checks/check.h"
#include "core/pg/catalogfilters.h"
#include "core/pg/connection.h"

#include <QLocale>

namespace pgshift::core {
namespace {

// Tables logical replication cannot identify rows in: no primary key and no usable replica
// identity. Once published, UPDATE and DELETE on them fail on the source.
class ReplicaIdentityCheck final : public Check
{
    Q_DECLARE_TR_FUNCTIONS(pgshift::core::ReplicaIdentityCheck)
public:
    QString id() const override { return QStringLiteral("replica_identity"); }
    QString title() const override { return tr("Tables without a primary key or replica identity"); }
    bool appliesTo(Method method) const override { return method != Method::Dump; }

    CheckResult run(const CheckContext &context) const override
    {
        // For each such table, a unique index over NOT NULL columns that could serve instead.
        const Result rows = context.source.exec(QStringLiteral(
            "SELECT n.nspname, c.relname, pg_total_relation_size(c.oid),"
            "       (SELECT ci.relname FROM pg_index i JOIN pg_class ci ON ci.oid = i.indexrelid"
            "         WHERE i.indrelid = c.oid AND i.indisunique AND i.indimmediate AND i.indisvalid"
            "           AND i.indpred IS NULL AND i.indexprs IS NULL"
            "           AND NOT EXISTS (SELECT 1 FROM pg_attribute a"
            "                            WHERE a.attrelid = c.oid AND a.attnum = ANY (i.indkey)"
            "                              AND NOT a.attnotnull)"
            "         ORDER BY ci.relname LIMIT 1)"
            "  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE c.relkind = 'r' AND c.relpersistence = 'p' AND %1"
            "   AND (c.relreplident = 'n' OR (c.relreplident = 'd' AND NOT EXISTS"
            "        (SELECT 1 FROM pg_index i WHERE i.indrelid = c.oid AND i.indisprimary)))"
            " ORDER BY n.nspname, c.relname").arg(QString::fromLatin1(sql::UserRelation)));
        CheckResult r = result();
        if (rows.rowCount() == 0) {
            r.finding = tr("Every table has a primary key or a replica identity.");
            return r;
        }
        const QLocale locale;
        QStringList listed;
        QStringList statements;
        for (int i = 0; i < rows.rowCount(); ++i) {
            const QString table = context.source.quoteQualified(rows.text(i, 0), rows.text(i, 1));
            r.objects << table;
            listed << QStringLiteral("%1 (%2)").arg(table, locale.formattedDataSize(rows.toInt64(i, 2)));
            statements << (rows.isNull(i, 3)
                               ? QStringLiteral("ALTER TABLE %1 REPLICA IDENTITY FULL;").arg(table)
                               : QStringLiteral("ALTER TABLE %1 REPLICA IDENTITY USING INDEX %2;")
                                     .arg(table, context.source.quoteIdentifier(rows.text(i, 3))));
        }
        r.status = CheckResult::Status::Blocker;
        r.blocks = {Method::Logical, Method::Dms};
        r.finding = tr("%n table(s) without a primary key or replica identity: %1", nullptr,
                       rows.rowCount()).arg(listed.join(QStringLiteral(", ")));
        r.why = tr("Logical replication finds the row to update or delete by its replica identity. "
                   "Once such a table is published, UPDATE and DELETE on it fail on the source.");
        r.fix = tr("Best: add a primary key. Else use a unique index on NOT NULL columns (REPLICA "
                   "IDENTITY USING INDEX), proposed below where one exists. REPLICA IDENTITY FULL "
                   "works for any table but logs the whole old row for every change and makes the "
                   "target search for it, which is slow on large tables.\n%1")
                    .arg(statements.join(u'\n'));
        r.fixSql = statements.join(u'\n');
        r.fixSide = CheckResult::Side::Source;
        r.fixIsSafe = true;
        return r;
    }
};

} // namespace

std::unique_ptr<Check> makeReplicaIdentityCheck()
{
    return std::make_unique<ReplicaIdentityCheck>();
}

} // namespace pgshift::core
