#include "core/checks/allchecks.h"
#include "core/checks/check.h"

namespace pgshift::core {
namespace {

// PostgreSQL versions: logical replication needs a source of 10 or newer, and no method moves
// a database to an older major version.
class VersionCheck final : public Check
{
    Q_DECLARE_TR_FUNCTIONS(pgshift::core::VersionCheck)
public:
    QString id() const override { return QStringLiteral("versions"); }
    QString title() const override { return tr("PostgreSQL versions"); }

    CheckResult run(const CheckContext &context) const override
    {
        const int source = context.sourceFacts.serverMajorVersion();
        const int target = context.targetFacts.serverMajorVersion();
        CheckResult r = result();
        r.finding = tr("The source runs PostgreSQL %1, the target PostgreSQL %2.").arg(source).arg(target);
        if (target < source) {
            r.status = CheckResult::Status::Blocker;
            r.blocks = {Method::Dump, Method::Logical, Method::Dms};
            r.why = tr("A schema dumped from a newer server uses syntax and catalog features an "
                       "older server does not have; PostgreSQL supports moving only to the same or "
                       "a newer major version.");
            r.fix = tr("Choose a target running PostgreSQL %1 or newer (PlanetScale Postgres runs "
                       "17 and 18).")
                        .arg(source);
        } else if (context.method == Method::Logical && source < 10) {
            r.status = CheckResult::Status::Blocker;
            r.blocks = {Method::Logical};
            r.why = tr("Publications and subscriptions exist from PostgreSQL 10 on.");
            r.fix = tr("Use dump and restore, or upgrade the source to PostgreSQL 10 or newer first.");
        } else if (target > source) {
            r.status = CheckResult::Status::Info;
            r.why = tr("Moving to a newer major version is supported; test the application "
                       "against PostgreSQL %1 before the cutover.")
                        .arg(target);
        }
        return r;
    }
};

} // namespace

std::unique_ptr<Check> makeVersionCheck()
{
    return std::make_unique<VersionCheck>();
}

} // namespace pgshift::core
