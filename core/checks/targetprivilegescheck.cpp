#include "core/checks/allchecks.h"
#include "core/checks/check.h"
#include "core/pg/connection.h"

namespace pgshift::core {
namespace {

// The target user may create the schema, and a subscription when replicating.
class TargetPrivilegesCheck final : public Check
{
    Q_DECLARE_TR_FUNCTIONS(pgshift::core::TargetPrivilegesCheck)
public:
    QString id() const override { return QStringLiteral("target_privileges"); }
    QString title() const override { return tr("Privileges of the target user"); }

    CheckResult run(const CheckContext &context) const override
    {
        const ServerFacts &f = context.targetFacts;
        const Result p = context.target.exec(QStringLiteral(
            "SELECT has_database_privilege(current_database(), 'CREATE'),"
            "       coalesce((SELECT has_schema_privilege(oid, 'CREATE') FROM pg_namespace"
            "                  WHERE nspname = 'public'), true)"));
        const QString role = context.target.quoteIdentifier(f.user);
        const QString db = context.target.quoteIdentifier(f.database);
        CheckResult r = result();
        QStringList problems;
        QStringList grants;
        if (!p.toBool(0, 0)) {
            problems << tr("%1 may not create schemas in database %2.").arg(f.user, f.database);
            grants << QStringLiteral("GRANT CREATE ON DATABASE %1 TO %2;").arg(db, role);
        }
        const bool sourceUsesPublic = std::any_of(
            context.sourceFacts.userTables.cbegin(), context.sourceFacts.userTables.cend(),
            [](const ServerFacts::SchemaTables &s) { return s.schema == QLatin1String("public"); });
        if (!p.toBool(0, 1) && sourceUsesPublic) {
            problems << tr("%1 may not create tables in schema public, where the source has tables.").arg(f.user);
            grants << QStringLiteral("GRANT CREATE ON SCHEMA public TO %1;").arg(role);
        }
        if (!problems.isEmpty())
            r.blocks << Method::Dump << Method::Logical << Method::Dms;
        if (context.method == Method::Logical && !f.superuser && !f.createSubscription) {
            if (f.serverMajorVersion() >= 16) {
                problems << tr("%1 may not create subscriptions.").arg(f.user);
                grants << QStringLiteral("GRANT pg_create_subscription TO %1;").arg(role);
            } else {
                problems << tr("Before PostgreSQL 16 only a superuser may create subscriptions; %1 "
                               "is not one.").arg(f.user);
            }
            r.blocks << Method::Logical;
        }
        if (problems.isEmpty()) {
            r.finding = tr("%1 can create the schema%2.")
                            .arg(f.user, context.method == Method::Logical ? tr(" and the subscription") : QString());
            return r;
        }
        r.status = CheckResult::Status::Blocker;
        r.finding = problems.join(u'\n');
        r.why = tr("The schema and the data are created on the target as this user.");
        r.fix = grants.isEmpty() ? tr("Connect to the target as a superuser.")
                                 : tr("Run as an administrator on the target (PlanetScale: give the role "
                                      "pg_create_subscription on its Roles page):\n%1")
                                       .arg(grants.join(u'\n'));
        r.fixSql = grants.join(u'\n');
        return r;
    }
};

} // namespace

std::unique_ptr<Check> makeTargetPrivilegesCheck()
{
    return std::make_unique<TargetPrivilegesCheck>();
}

} // namespace pgshift::core
