#include "core/checks/allchecks.h"
#include "core/checks/check.h"
#include "core/pg/catalogfilters.h"
#include "core/pg/connection.h"

namespace pgshift::core {
namespace {

// Row-level security on source tables while the source user does not bypass it: the copy
// would read only the rows the policies let it see, silently.
class RowSecurityCheck final : public Check
{
    Q_DECLARE_TR_FUNCTIONS(pgshift::core::RowSecurityCheck)
public:
    QString id() const override { return QStringLiteral("row_level_security"); }
    QString title() const override { return tr("Row-level security"); }

    CheckResult run(const CheckContext &context) const override
    {
        const Result rows = context.source.exec(QStringLiteral(
            "SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE c.relkind IN ('r', 'p') AND c.relrowsecurity AND %1 ORDER BY 1, 2")
                                                    .arg(QString::fromLatin1(sql::UserRelation)));
        CheckResult r = result();
        const ServerFacts &f = context.sourceFacts;
        if (rows.rowCount() == 0) {
            r.finding = tr("No table has row-level security enabled.");
            return r;
        }
        for (int i = 0; i < rows.rowCount(); ++i)
            r.objects << context.source.quoteQualified(rows.text(i, 0), rows.text(i, 1));
        if (f.superuser || f.bypassRls) {
            r.status = CheckResult::Status::Info;
            r.finding = tr("%n table(s) use row-level security; %1 bypasses it, so every row is "
                           "copied: %2", nullptr, rows.rowCount())
                            .arg(f.user, r.objects.join(QStringLiteral(", ")));
            return r;
        }
        r.status = CheckResult::Status::Blocker;
        r.blocks = {Method::Dump, Method::Logical, Method::Dms};
        r.finding = tr("%n table(s) use row-level security and %1 does not bypass it: %2", nullptr,
                       rows.rowCount())
                        .arg(f.user, r.objects.join(QStringLiteral(", ")));
        r.why = tr("The copy reads only the rows the policies show this user: pg_dump stops with an "
                   "error, and logical replication copies the visible rows without complaint, "
                   "often none.");
        r.fixSql = QStringLiteral("ALTER ROLE %1 BYPASSRLS;").arg(context.source.quoteIdentifier(f.user));
        r.fix = tr("As a superuser on the source: %1 (on managed services, migrate with the "
                   "administrator role, which has it).").arg(r.fixSql);
        r.fixSide = CheckResult::Side::Source;
        return r;
    }
};

} // namespace

std::unique_ptr<Check> makeRowSecurityCheck()
{
    return std::make_unique<RowSecurityCheck>();
}

} // namespace pgshift::core
