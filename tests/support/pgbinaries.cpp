#include "tests/support/pgbinaries.h"

#include "core/sandbox/localserver.h"


namespace pgshift::testsupport {

bool PgBinaries::isUsable(const QString &binDir)
{
    return core::LocalServer::isUsable(binDir);
}

QString PgBinaries::binDir(Role role, QString *why)
{
    if (role == Role::Target) {
        const QString target = qEnvironmentVariable("PGSHIFT_TARGET_PG_BINDIR");
        if (!target.isEmpty()) {
            if (isUsable(target))
                return target;
            if (why)
                *why = QStringLiteral("PGSHIFT_TARGET_PG_BINDIR=%1 has no initdb, pg_ctl and postgres").arg(target);
            return {};
        }
    }
    return core::LocalServer::findBinDir(why);
}

int PgBinaries::majorVersion(const QString &binDir)
{
    return core::LocalServer::majorVersion(binDir);
}

} // namespace pgshift::testsupport
