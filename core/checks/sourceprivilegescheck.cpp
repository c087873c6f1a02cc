#include "core/checks/allchecks.h"
#include "core/checks/check.h"
#include "core/pg/catalogfilters.h"
#include "core/pg/connection.h"

#include <QMap>

namespace pgshift::core {
namespace {

// The source user may read everything in scope, and replicate when the method needs it.
class SourcePrivilegesCheck final : public Check
{
    Q_DECLARE_TR_FUNCTIONS(pgshift::core::SourcePrivilegesCheck)
public:
    QString id() const override { return QStringLiteral("source_privileges"); }
    QString title() const override { return tr("Privileges of the source user"); }

    CheckResult run(const CheckContext &context) const override
    {
        const ServerFacts &f = context.sourceFacts;
        CheckResult r = result();
        QStringList problems;
        QStringList grants;
        const QString role = context.source.quoteIdentifier(f.user);
        if (context.method != Method::Dump && !f.canReplicate()) {
            problems << tr("%1 has no replication right (REPLICATION, superuser or rds_replication).").arg(f.user);
            grants << QStringLiteral("ALTER ROLE %1 WITH REPLICATION;  -- Amazon RDS/Aurora: GRANT rds_replication TO %1;").arg(role);
            r.blocks << Method::Logical << Method::Dms;
        }
        // Schemas the user cannot enter, and relations it cannot read, in one query.
        const Result unreadable = context.source.exec(QStringLiteral(
            "SELECT n.nspname, count(*) FILTER (WHERE c.relkind <> 'S'), count(*) FILTER (WHERE c.relkind = 'S'),"
            "       bool_or(NOT has_schema_privilege(n.oid, 'USAGE'))"
            "  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE c.relkind IN ('r', 'p', 'S', 'm') AND %1"
            "   AND (NOT has_schema_privilege(n.oid, 'USAGE') OR NOT has_table_privilege(c.oid, 'SELECT'))"
            " GROUP BY n.nspname ORDER BY n.nspname").arg(QString::fromLatin1(sql::UserRelation)));
        for (int i = 0; i < unreadable.rowCount(); ++i) {
            const QString schema = unreadable.text(i, 0);
            const QString quoted = context.source.quoteIdentifier(schema);
            problems << tr("Schema %1: the user cannot read %2 and %3.")
                            .arg(schema,
                                 tr("%n table(s)", nullptr, int(unreadable.toInt64(i, 1))),
                                 tr("%n sequence(s)", nullptr, int(unreadable.toInt64(i, 2))));
            r.objects << quoted;
            if (unreadable.toBool(i, 3))
                grants << QStringLiteral("GRANT USAGE ON SCHEMA %1 TO %2;").arg(quoted, role);
            grants << QStringLiteral("GRANT SELECT ON ALL TABLES IN SCHEMA %1 TO %2;").arg(quoted, role)
                   << QStringLiteral("GRANT SELECT ON ALL SEQUENCES IN SCHEMA %1 TO %2;").arg(quoted, role);
        }
        if (unreadable.rowCount() > 0)
            r.blocks << Method::Dump << Method::Logical << Method::Dms;
        if (problems.isEmpty()) {
            r.finding = tr("%1 can read every table and sequence%2.")
                            .arg(f.user, context.method == Method::Dump ? QString() : tr(" and replicate"));
            return r;
        }
        r.status = CheckResult::Status::Blocker;
        r.finding = problems.join(u'\n');
        r.why = tr("pg_dump and the initial copy read every table and sequence as this user; a "
                   "missing privilege stops the copy halfway.");
        r.fix = tr("Run as a superuser or the objects' owner on the source:\n%1").arg(grants.join(u'\n'));
        r.fixSql = grants.join(u'\n');
        r.fixSide = CheckResult::Side::Source;
        return r;
    }
};

} // namespace

std::unique_ptr<Check> makeSourcePrivilegesCheck()
{
    return std::make_unique<SourcePrivilegesCheck>();
}

} // namespace pgshift::core
