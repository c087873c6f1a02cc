#include "tests/support/pgbinaries.h"

#include "core/tools/clienttools.h"

#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>

namespace pgshift::testsupport {
namespace {

QString runForOutput(const QString &program, const QStringList &arguments)
{
    QProcess process;
    process.start(program, arguments);
    if (!process.waitForFinished(10000) || process.exitCode() != 0)
        return {};
    return QString::fromLocal8Bit(process.readAllStandardOutput()).trimmed();
}

QString fromPgConfig()
{
    const QString pgConfig = QStandardPaths::findExecutable(QStringLiteral("pg_config"));
    return pgConfig.isEmpty() ? QString() : runForOutput(pgConfig, {QStringLiteral("--bindir")});
}

QString newestDebianBinDir()
{
    QDir root(QStringLiteral("/usr/lib/postgresql"));
    int best = 0;
    QString bestDir;
    for (const QString &entry : root.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        const int major = entry.toInt();
        const QString dir = root.filePath(entry + QStringLiteral("/bin"));
        if (major > best && PgBinaries::isUsable(dir)) {
            best = major;
            bestDir = dir;
        }
    }
    return bestDir;
}

QString fromPath()
{
    const QString initdb = QStandardPaths::findExecutable(QStringLiteral("initdb"));
    return initdb.isEmpty() ? QString() : QFileInfo(initdb).canonicalFilePath().section(u'/', 0, -2);
}

} // namespace

bool PgBinaries::isUsable(const QString &binDir)
{
    if (binDir.isEmpty())
        return false;
    for (const char *tool : {"initdb", "pg_ctl", "postgres"}) {
        const QFileInfo info(QDir(binDir).filePath(QString::fromLatin1(tool)));
        if (!info.isFile() || !info.isExecutable())
            return false;
    }
    return true;
}

QString PgBinaries::binDir(Role role, QString *why)
{
    if (role == Role::Target) {
        const QString target = qEnvironmentVariable("PGSHIFT_TARGET_PG_BINDIR");
        if (!target.isEmpty()) {
            if (isUsable(target))
                return target;
            if (why)
                *why = QStringLiteral("PGSHIFT_TARGET_PG_BINDIR=%1 has no initdb, pg_ctl and "
                                      "postgres")
                           .arg(target);
            return {};
        }
    }
    const QString explicitDir = qEnvironmentVariable("PGSHIFT_PG_BINDIR");
    if (!explicitDir.isEmpty()) {
        if (isUsable(explicitDir))
            return explicitDir;
        if (why)
            *why = QStringLiteral("PGSHIFT_PG_BINDIR=%1 has no initdb, pg_ctl and postgres")
                       .arg(explicitDir);
        return {};
    }
    for (const QString &candidate : {fromPgConfig(), newestDebianBinDir(), fromPath()}) {
        if (isUsable(candidate))
            return candidate;
    }
    if (why)
        *why = QStringLiteral("no PostgreSQL server binaries found: install postgresql (Debian: "
                              "postgresql-15) or set PGSHIFT_PG_BINDIR");
    return {};
}

int PgBinaries::majorVersion(const QString &binDir)
{
    // "postgres (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)" or "... 18.4"
    const QString out = runForOutput(QDir(binDir).filePath(QStringLiteral("postgres")),
                                      {QStringLiteral("--version")});
    return core::ClientTools::parseMajor(out);
}

} // namespace pgshift::testsupport
