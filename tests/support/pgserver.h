#pragma once

#include "core/pg/connectionsettings.h"
#include "tests/support/pgbinaries.h"
#include "tests/support/processguard.h"

#include <QString>
#include <QStringList>

#include <memory>
#include <sys/types.h>

namespace pgshift::testsupport {

// A throwaway PostgreSQL server for one test: initdb into a fresh temporary directory,
// started on a free loopback port with a generated superuser password, wal_level=logical,
// stopped and deleted when the object goes, and by a watchdog if the test process dies.
// As root it runs the server as an unprivileged account ($PGSHIFT_TEST_PG_USER, default
// postgres), since initdb and postgres refuse to run as root.
class PgServer final
{
public:
    using Role = PgBinaries::Role;

    struct Options
    {
        Role role = Role::Source;
        QString walLevel = QStringLiteral("logical");
        QStringList extraConfig; // lines appended to postgresql.conf
    };

    PgServer();
    explicit PgServer(Role role);
    explicit PgServer(Options options);
    ~PgServer();
    PgServer(const PgServer &) = delete;
    PgServer &operator=(const PgServer &) = delete;

    // Creates and starts the server; on failure returns false and says why in error().
    bool start();
    // Stops the server and deletes its directory. Safe to call twice.
    void stop();
    // Stops the server but keeps its data, so start() can bring the same cluster back.
    bool pause();
    bool isRunning() const;

    QString error() const { return m_error; }
    QString binDir() const { return m_binDir; }
    int majorVersion() const { return m_major; }
    QString host() const { return QStringLiteral("127.0.0.1"); }
    int port() const { return m_port; }
    QString superuser() const { return QStringLiteral("postgres"); }
    QString password() const { return m_password; }
    QString directory() const { return m_dir; }
    QString dataDirectory() const;
    pid_t postmasterPid() const;
    QString serverLog() const;

    // Superuser settings for `dbname` over TCP on the loopback address, sslmode=disable.
    core::ConnectionSettings settings(const QString &dbname = QStringLiteral("postgres")) const;

    // Root of every test server directory; $PGSHIFT_TEST_TMPDIR, else <tmp>/pgshift-tests.
    static QString testRoot();

private:
    bool createDirectory();
    bool initCluster();
    bool writeConfig();
    bool startOnFreePort();
    bool runTool(const QString &tool, const QStringList &arguments, QString *output = nullptr,
                 int timeoutMs = 120000);
    bool fail(const QString &why);

    Options m_options;
    QString m_binDir;
    int m_major = 0;
    QString m_dir;
    QString m_password;
    int m_port = 0;
    bool m_running = false;
    bool m_dropPrivileges = false;
    uid_t m_uid = 0;
    gid_t m_gid = 0;
    QString m_error;
    std::unique_ptr<ProcessGuard> m_guard;
};

} // namespace pgshift::testsupport

// Starts `server` or fails the current test with the harness's reason.
#define PGSHIFT_START(server) QVERIFY2((server).start(), qPrintable((server).error()))
