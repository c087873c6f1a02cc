#include "core/checks/allchecks.h"
#include "core/checks/check.h"
#include "core/checks/pooledendpoint.h"

namespace pgshift::core {

QString pooledEndpointHint(const ConnectionSettings &settings)
{
    const QStringList ports = settings.port().split(u',');
    const QStringList hosts = settings.hosts();
    for (const QString &raw : hosts) {
        const QString host = raw.trimmed().toLower();
        if (host.contains(QLatin1String("-pooler.")))
            return QStringLiteral("the host name %1 is a Neon pooled endpoint").arg(raw);
        if (host.contains(QLatin1String("pooler.supabase.com")))
            return QStringLiteral("the host name %1 is Supabase's connection pooler").arg(raw);
    }
    if (ports.contains(QLatin1String("6543")))
        return QStringLiteral("port 6543 is Supabase's transaction pooler");
    if (ports.contains(QLatin1String("6432")))
        return QStringLiteral("port 6432 is PgBouncer's customary port");
    return {};
}

namespace {

// Logical replication and consistent dumps need a direct session with the server; a
// transaction-pooling proxy hands each statement to whichever server connection is free.
class PooledEndpointCheck final : public Check
{
    Q_DECLARE_TR_FUNCTIONS(pgshift::core::PooledEndpointCheck)
public:
    QString id() const override { return QStringLiteral("pooled_endpoint"); }
    QString title() const override { return tr("Direct connection, not a pooler"); }

    CheckResult run(const CheckContext &context) const override
    {
        CheckResult r = result();
        const QString hint = pooledEndpointHint(context.sourceSettings);
        if (hint.isEmpty()) {
            r.finding = tr("The source connection does not look like a connection pooler.");
            return r;
        }
        r.finding = tr("The source connection looks pooled: %1.").arg(hint);
        r.why = tr("Replication connections and the exported snapshot of a parallel copy need one "
                   "real server session throughout; poolers do not offer replication at all.");
        r.fix = tr("Use the provider's direct endpoint: on Neon the host name without \"-pooler\", "
                   "on Supabase db.<project>.supabase.co on port 5432.");
        r.status = context.method == Method::Dump ? CheckResult::Status::Warning
                                                  : CheckResult::Status::Blocker;
        r.blocks = {Method::Logical, Method::Dms};
        return r;
    }
};

} // namespace

std::unique_ptr<Check> makePooledEndpointCheck()
{
    return std::make_unique<PooledEndpointCheck>();
}

} // namespace pgshift::core
