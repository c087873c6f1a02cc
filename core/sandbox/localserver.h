#pragma once

#include "core/pg/connectionsettings.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <functional>
#include <sys/types.h>

namespace pgshift::core {

// A PostgreSQL server of pgshift's own on this computer, for the sandbox and the tests:
// initdb into a fresh directory with a generated superuser password (scram-sha-256 over TCP),
// listening on 127.0.0.1 only, on a free port. Run as root, the server runs as an unprivileged
// account (PostgreSQL refuses root). Nothing here stops it when the object goes: the owner
// calls stop(), and a server found on disk later can be adopted to be stopped.
class LocalServer final
{
    Q_DECLARE_TR_FUNCTIONS(pgshift::core::LocalServer)
public:
    struct Options
    {
        QString binDir;                // initdb, pg_ctl, postgres; empty: findBinDir()
        QString parentDir;             // where the server's directory is created
        QString prefix = QStringLiteral("srv");
        QString walLevel = QStringLiteral("logical");
        bool durable = true;           // false: fsync and synchronous_commit off (tests)
        QStringList extraConfig;       // postgresql.conf lines
        QString account;               // the account the server runs as when pgshift runs as root
        // Called once the directory exists, before anything else is put in it (a test's
        // watchdog); returning false stops the creation.
        std::function<bool(const QString &directory)> onDirectoryCreated;
    };

    explicit LocalServer(Options options);
    ~LocalServer() = default;
    LocalServer(const LocalServer &) = delete;
    LocalServer &operator=(const LocalServer &) = delete;
    LocalServer(LocalServer &&) = default;

    // A server left on disk by an earlier LocalServer (its directory): to stop or look at it.
    static LocalServer adopt(const QString &directory);

    // Creates the cluster on first use, then starts it; false with error() on failure.
    bool start();
    // Stops the server, keeping its data.
    bool pause();
    // Stops it (immediately if a clean stop fails) and deletes its directory.
    void stop();
    bool isRunning() const;

    QString error() const { return m_error; }
    QString binDir() const { return m_options.binDir; }
    int majorVersion() const { return m_major; }
    int port() const { return m_port; }
    QString password() const { return m_password; }
    QString directory() const { return m_dir; }
    QString dataDirectory() const;
    pid_t postmasterPid() const;
    QString serverLog() const;
    static QString superuser() { return QStringLiteral("postgres"); }
    // Superuser settings for `dbname` over TCP on 127.0.0.1, sslmode=disable.
    ConnectionSettings settings(const QString &dbname = QStringLiteral("postgres")) const;

    // $PGSHIFT_PG_BINDIR, `pg_config --bindir`, the newest /usr/lib/postgresql/N/bin, then
    // initdb on PATH; empty with the reason in `why` when none has initdb, pg_ctl and postgres.
    static QString findBinDir(QString *why = nullptr);
    static bool isUsable(const QString &binDir);
    static int majorVersion(const QString &binDir);
    // A loopback TCP port nothing listens on at the moment of the call; 0 when none.
    static int freeLoopbackPort();

private:
    bool createDirectory();
    bool initCluster();
    bool writeConfig();
    bool startOnFreePort();
    bool runTool(const QString &tool, const QStringList &arguments, QString *output = nullptr, int timeoutMs = 120000);
    bool fail(const QString &why);

    Options m_options;
    int m_major = 0;
    QString m_dir;
    QString m_password;
    int m_port = 0;
    bool m_running = false;
    bool m_dropPrivileges = false;
    uid_t m_uid = 0;
    gid_t m_gid = 0;
    QString m_error;
};

} // namespace pgshift::core
