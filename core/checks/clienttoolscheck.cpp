#include "core/checks/allchecks.h"
#include "core/checks/check.h"
#include "core/tools/clienttools.h"

namespace pgshift::core {
namespace {

// pg_dump, pg_restore and psql on this computer, at least as new as the source server.
class ClientToolsCheck final : public Check
{
    Q_DECLARE_TR_FUNCTIONS(pgshift::core::ClientToolsCheck)
public:
    QString id() const override { return QStringLiteral("client_tools"); }
    QString title() const override { return tr("pg_dump, pg_restore and psql"); }

    CheckResult run(const CheckContext &context) const override
    {
        const int needed = context.sourceFacts.serverMajorVersion();
        CheckResult r = result();
        QStringList found;
        QStringList missing;
        for (const char *name : {"pg_dump", "pg_restore", "psql"}) {
            // One search per tool: each candidate's --version is a process start.
            const QList<ClientTools::Tool> any = ClientTools::find(QString::fromLatin1(name));
            const ClientTools::Tool tool = ClientTools::best(any, QString::fromLatin1(name), needed);
            if (tool.path.isEmpty()) {
                missing << (any.isEmpty() ? tr("%1 (not found)").arg(QString::fromLatin1(name))
                                          : tr("%1 (newest found: %2 at %3)")
                                                .arg(QString::fromLatin1(name), any.first().version, any.first().path));
            } else {
                found << QStringLiteral("%1 %2 (%3)").arg(tool.name, tool.version, tool.path);
            }
        }
        r.finding = found.isEmpty() ? QString() : tr("Found: %1.").arg(found.join(QStringLiteral("; ")));
        if (missing.isEmpty())
            return r;
        r.status = CheckResult::Status::Blocker;
        r.blocks = {Method::Dump, Method::Logical, Method::Dms};
        r.finding = (r.finding.isEmpty() ? QString() : r.finding + u'\n')
            + tr("Missing at version %1 or newer: %2.").arg(needed).arg(missing.join(QStringLiteral("; ")));
        r.why = tr("pg_dump refuses to dump a server newer than itself, and every method copies the "
                   "schema with it.");
        r.fix = tr("Install the PostgreSQL %1 client programs (Debian and Ubuntu: apt install "
                   "postgresql-client-%1 from apt.postgresql.org; macOS: brew install "
                   "postgresql@%1), or point PGSHIFT_PG_CLIENT_BINDIR at their directory.")
                    .arg(needed);
        return r;
    }
};

} // namespace

std::unique_ptr<Check> makeClientToolsCheck()
{
    return std::make_unique<ClientToolsCheck>();
}

} // namespace pgshift::core
