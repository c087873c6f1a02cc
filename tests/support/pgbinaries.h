#pragma once

#include <QString>

namespace pgshift::testsupport {

// Finds PostgreSQL server binaries (initdb, pg_ctl, postgres) for the test servers.
class PgBinaries final
{
public:
    enum class Role { Source, Target };

    // Source: $PGSHIFT_PG_BINDIR, `pg_config --bindir`, the newest /usr/lib/postgresql/N/bin,
    // then initdb on PATH. Target: $PGSHIFT_TARGET_PG_BINDIR when set, else the source's.
    // Empty, with the reason in `why`, when nothing usable is found.
    static QString binDir(Role role, QString *why = nullptr);
    // The major version `postgres --version` reports, or 0.
    static int majorVersion(const QString &binDir);
    // True when initdb, pg_ctl and postgres are all there and executable.
    static bool isUsable(const QString &binDir);
};

} // namespace pgshift::testsupport
