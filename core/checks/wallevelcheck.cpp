#include "core/checks/allchecks.h"
#include "core/checks/check.h"
#include "core/pg/providercatalog.h"

namespace pgshift::core {
namespace {

// wal_level = logical on the source, which logical replication and DMS change capture need.
class WalLevelCheck final : public Check
{
    Q_DECLARE_TR_FUNCTIONS(pgshift::core::WalLevelCheck)
public:
    QString id() const override { return QStringLiteral("wal_level"); }
    QString title() const override { return tr("wal_level on the source"); }
    bool appliesTo(Method method) const override { return method != Method::Dump; }

    CheckResult run(const CheckContext &context) const override
    {
        CheckResult r = result();
        const QString level = context.sourceFacts.walLevel;
        r.finding = tr("wal_level is %1 on the source.").arg(level);
        if (level == QLatin1String("logical"))
            return r;
        r.status = CheckResult::Status::Blocker;
        r.blocks = {Method::Logical, Method::Dms};
        r.why = tr("Logical decoding reads row changes from the WAL, which holds them only with "
                   "wal_level = logical. Changing it needs a server restart.");
        const ProviderPreset *provider = ProviderCatalog::builtIn().detect(context.sourceSettings.host());
        r.fix = fixFor(provider ? provider->id : QString());
        if (!provider) {
            r.fixSql = QStringLiteral("ALTER SYSTEM SET wal_level = logical;");
            r.fixSide = CheckResult::Side::Source;
        }
        return r;
    }

private:
    static QString fixFor(const QString &provider)
    {
        if (provider == QLatin1String("rds"))
            return tr("In the RDS console, set rds.logical_replication = 1 in the instance's "
                      "parameter group (a custom group: the default one cannot be changed), then "
                      "reboot the instance.");
        if (provider == QLatin1String("aurora"))
            return tr("In the RDS console, set rds.logical_replication = 1 in the DB cluster "
                      "parameter group attached to the cluster, then reboot the writer instance.");
        if (provider == QLatin1String("neon"))
            return tr("In the Neon console open Settings, Logical Replication, and enable it. "
                      "This restarts the project's computes and cannot be turned off again.");
        if (provider == QLatin1String("cloudsql"))
            return tr("Set the database flag cloudsql.logical_decoding = on on the instance (this "
                      "restarts it).");
        if (provider == QLatin1String("azure"))
            return tr("In the Azure portal set the server parameter wal_level = logical, save, and "
                      "restart the server.");
        return tr("Run ALTER SYSTEM SET wal_level = logical; as a superuser (or set it in "
                  "postgresql.conf), then restart PostgreSQL, for example with "
                  "systemctl restart postgresql.");
    }
};

} // namespace

std::unique_ptr<Check> makeWalLevelCheck()
{
    return std::make_unique<WalLevelCheck>();
}

} // namespace pgshift::core
