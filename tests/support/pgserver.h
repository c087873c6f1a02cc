#pragma once

#include "core/pg/connectionsettings.h"
#include "core/sandbox/localserver.h"
#include "tests/support/pgbinaries.h"
#include "tests/support/processguard.h"

#include <QString>
#include <QStringList>

#include <memory>
#include <sys/types.h>

namespace pgshift::testsupport {

// A throwaway PostgreSQL server for one test (a core::LocalServer): initdb into a fresh
// temporary directory, started on a free loopback port with a generated superuser password,
// wal_level=logical, fsync off, stopped and deleted when the object goes, and by a watchdog if
// the test process dies. As root it runs the server as an unprivileged account
// ($PGSHIFT_TEST_PG_USER, default postgres), since initdb and postgres refuse to run as root.
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
    bool isRunning() const { return m_server && m_server->isRunning(); }

    QString error() const { return m_error; }
    QString binDir() const { return m_server ? m_server->binDir() : QString(); }
    int majorVersion() const { return m_server ? m_server->majorVersion() : 0; }
    QString host() const { return QStringLiteral("127.0.0.1"); }
    int port() const { return m_server ? m_server->port() : 0; }
    QString superuser() const { return core::LocalServer::superuser(); }
    QString password() const { return m_server ? m_server->password() : QString(); }
    QString directory() const { return m_server ? m_server->directory() : QString(); }
    QString dataDirectory() const { return m_server ? m_server->dataDirectory() : QString(); }
    pid_t postmasterPid() const { return m_server ? m_server->postmasterPid() : 0; }
    QString serverLog() const { return m_server ? m_server->serverLog() : QString(); }

    // Superuser settings for `dbname` over TCP on the loopback address, sslmode=disable.
    core::ConnectionSettings settings(const QString &dbname = QStringLiteral("postgres")) const;

    // Root of every test server directory; $PGSHIFT_TEST_TMPDIR, else <tmp>/pgshift-tests.
    static QString testRoot();

private:
    Options m_options;
    std::unique_ptr<core::LocalServer> m_server;
    std::unique_ptr<ProcessGuard> m_guard;
    QString m_error;
};

} // namespace pgshift::testsupport

// Starts `server` or fails the current test with the harness's reason.
#define PGSHIFT_START(server) QVERIFY2((server).start(), qPrintable((server).error()))
