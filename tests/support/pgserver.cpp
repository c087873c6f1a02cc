#include "tests/support/pgserver.h"

#include "tests/support/loopback.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>

#include <cerrno>
#include <cstdlib>
#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <unistd.h>

namespace pgshift::testsupport {
namespace {

QString randomPassword()
{
    static const QString alphabet =
        QStringLiteral("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789");
    QString out;
    for (int i = 0; i < 24; ++i)
        out += alphabet.at(QRandomGenerator::system()->bounded(alphabet.size()));
    return out;
}

bool chownTree(const QString &path, uid_t uid, gid_t gid)
{
    return ::chown(QFile::encodeName(path).constData(), uid, gid) == 0;
}

} // namespace

PgServer::PgServer()
    : PgServer(Options())
{
}

PgServer::PgServer(Role role)
    : PgServer([role] {
        Options options;
        options.role = role;
        return options;
    }())
{
}

PgServer::PgServer(Options options)
    : m_options(std::move(options))
{
}

PgServer::~PgServer()
{
    stop();
}

QString PgServer::testRoot()
{
    const QString root = qEnvironmentVariable("PGSHIFT_TEST_TMPDIR");
    return root.isEmpty() ? QDir::temp().filePath(QStringLiteral("pgshift-tests")) : root;
}

bool PgServer::fail(const QString &why)
{
    m_error = why;
    return false;
}

QString PgServer::dataDirectory() const
{
    return m_dir.isEmpty() ? QString() : QDir(m_dir).filePath(QStringLiteral("data"));
}

QString PgServer::serverLog() const
{
    QFile log(QDir(m_dir).filePath(QStringLiteral("server.log")));
    return log.open(QIODevice::ReadOnly) ? QString::fromLocal8Bit(log.readAll()) : QString();
}

pid_t PgServer::postmasterPid() const
{
    QFile pidFile(QDir(dataDirectory()).filePath(QStringLiteral("postmaster.pid")));
    if (!pidFile.open(QIODevice::ReadOnly))
        return 0;
    return static_cast<pid_t>(pidFile.readLine().trimmed().toLongLong());
}

bool PgServer::isRunning() const
{
    const pid_t pid = postmasterPid();
    return m_running && pid > 0 && ::kill(pid, 0) == 0;
}

core::ConnectionSettings PgServer::settings(const QString &dbname) const
{
    core::ConnectionSettings s;
    s.setHost(host());
    s.setPort(m_port);
    s.setDbname(dbname);
    s.setUser(superuser());
    s.setPassword(m_password);
    s.setSslmode(QStringLiteral("disable"));
    s.setConnectTimeout(5);
    return s;
}

bool PgServer::start()
{
    m_error.clear();
    if (m_dir.isEmpty()) {
        QString why;
        m_binDir = PgBinaries::binDir(m_options.role, &why);
        if (m_binDir.isEmpty())
            return fail(why);
        m_major = PgBinaries::majorVersion(m_binDir);
        if (!createDirectory() || !initCluster() || !writeConfig())
            return false;
    }
    return startOnFreePort();
}

bool PgServer::createDirectory()
{
    if (::geteuid() == 0) {
        const QByteArray account = qEnvironmentVariable("PGSHIFT_TEST_PG_USER", QStringLiteral("postgres")).toLocal8Bit();
        const passwd *pw = ::getpwnam(account.constData());
        if (!pw)
            return fail(QStringLiteral("tests run as root, and PostgreSQL refuses root: create the "
                                       "account '%1' (Debian's postgresql package does) or set "
                                       "PGSHIFT_TEST_PG_USER to an unprivileged account")
                            .arg(QString::fromLocal8Bit(account)));
        m_dropPrivileges = true;
        m_uid = pw->pw_uid;
        m_gid = pw->pw_gid;
    }
    const QString root = testRoot();
    if (!QDir().mkpath(root))
        return fail(QStringLiteral("cannot create %1").arg(root));
    QFile::setPermissions(root, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner
                                    | QFile::ReadGroup | QFile::ExeGroup | QFile::ReadOther
                                    | QFile::ExeOther);
    QByteArray pattern = QFile::encodeName(QDir(root).filePath(QStringLiteral("srv-XXXXXX")));
    if (!::mkdtemp(pattern.data()))
        return fail(QStringLiteral("mkdtemp in %1 failed: %2").arg(root, QString::fromLocal8Bit(strerror(errno))));
    m_dir = QFile::decodeName(pattern);
    // The watchdog exists before anything that could be left behind does.
    m_guard = std::make_unique<ProcessGuard>(m_dir);
    if (!m_guard->isActive())
        return fail(QStringLiteral("could not start the cleanup watchdog"));
    if (m_dropPrivileges && !chownTree(m_dir, m_uid, m_gid))
        return fail(QStringLiteral("chown %1 failed").arg(m_dir));
    return true;
}

bool PgServer::runTool(const QString &tool, const QStringList &arguments, QString *output,
                       int timeoutMs)
{
    QProcess process;
    process.setProgram(QDir(m_binDir).filePath(tool));
    process.setArguments(arguments);
    process.setWorkingDirectory(m_dir);
    process.setProcessChannelMode(QProcess::MergedChannels);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C"));
    env.remove(QStringLiteral("PGDATA"));
    process.setProcessEnvironment(env);
    if (m_dropPrivileges) {
        const uid_t uid = m_uid;
        const gid_t gid = m_gid;
        process.setChildProcessModifier([uid, gid] {
            if (::setgroups(0, nullptr) != 0 || ::setgid(gid) != 0 || ::setuid(uid) != 0)
                ::_exit(126);
        });
    }
    process.start();
    const bool finished = process.waitForFinished(timeoutMs);
    const QString text = QString::fromLocal8Bit(process.readAll());
    if (output)
        *output = text;
    if (!finished) {
        process.kill();
        process.waitForFinished(5000);
        return fail(QStringLiteral("%1 did not finish in %2 s").arg(tool).arg(timeoutMs / 1000));
    }
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0)
        return fail(QStringLiteral("%1 %2 failed (exit %3):\n%4")
                        .arg(tool, arguments.join(u' '))
                        .arg(process.exitCode())
                        .arg(text));
    return true;
}

bool PgServer::initCluster()
{
    m_password = randomPassword();
    const QString pwFile = QDir(m_dir).filePath(QStringLiteral("pwfile"));
    {
        QFile file(pwFile);
        if (!file.open(QIODevice::WriteOnly) || file.write(m_password.toUtf8()) < 0)
            return fail(QStringLiteral("cannot write %1").arg(pwFile));
        file.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    }
    if (m_dropPrivileges)
        chownTree(pwFile, m_uid, m_gid);
    const bool ok = runTool(QStringLiteral("initdb"),
                            {QStringLiteral("-D"), dataDirectory(), QStringLiteral("-U"), superuser(),
                             QStringLiteral("--pwfile=") + pwFile,
                             QStringLiteral("--auth-host=scram-sha-256"),
                             QStringLiteral("--auth-local=trust"), QStringLiteral("-E"),
                             QStringLiteral("UTF8"), QStringLiteral("--locale=C"),
                             QStringLiteral("--no-sync"), QStringLiteral("--no-instructions")});
    QFile::remove(pwFile);
    return ok;
}

bool PgServer::writeConfig()
{
    QFile conf(QDir(dataDirectory()).filePath(QStringLiteral("postgresql.conf")));
    if (!conf.open(QIODevice::Append | QIODevice::Text))
        return fail(QStringLiteral("cannot append to %1").arg(conf.fileName()));
    QStringList lines{
        QStringLiteral("# pgshift test server"),
        QStringLiteral("listen_addresses = '127.0.0.1'"),
        QStringLiteral("unix_socket_directories = '%1'").arg(m_dir),
        QStringLiteral("wal_level = %1").arg(m_options.walLevel),
        QStringLiteral("max_wal_senders = 16"),
        QStringLiteral("max_replication_slots = 16"),
        QStringLiteral("max_connections = 60"),
        QStringLiteral("shared_buffers = 32MB"),
        QStringLiteral("fsync = off"),
        QStringLiteral("synchronous_commit = off"),
        QStringLiteral("full_page_writes = off"),
        QStringLiteral("lc_messages = 'C'"),
    };
    lines << m_options.extraConfig;
    conf.write((lines.join(u'\n') + u'\n').toUtf8());
    return true;
}

bool PgServer::startOnFreePort()
{
    // Another test may take the port between our probe and the server's bind: try again.
    for (int attempt = 0; attempt < 5; ++attempt) {
        if (m_port == 0 || attempt > 0)
            m_port = freeLoopbackPort();
        if (m_port <= 0)
            return fail(QStringLiteral("no free loopback port"));
        if (runTool(QStringLiteral("pg_ctl"),
                    {QStringLiteral("-D"), dataDirectory(), QStringLiteral("-l"),
                     QDir(m_dir).filePath(QStringLiteral("server.log")), QStringLiteral("-o"),
                     QStringLiteral("-p %1").arg(m_port), QStringLiteral("-w"), QStringLiteral("-t"),
                     QStringLiteral("60"), QStringLiteral("start")})) {
            m_running = true;
            m_error.clear();
            return true;
        }
        if (!serverLog().contains(QLatin1String("could not bind")))
            break;
    }
    return fail(m_error + QStringLiteral("\n--- server log ---\n") + serverLog().right(4000));
}

bool PgServer::pause()
{
    if (!m_running)
        return true;
    m_running = false;
    return runTool(QStringLiteral("pg_ctl"), {QStringLiteral("-D"), dataDirectory(),
                                              QStringLiteral("-m"), QStringLiteral("fast"),
                                              QStringLiteral("-w"), QStringLiteral("stop")});
}

void PgServer::stop()
{
    if (m_dir.isEmpty())
        return;
    if (m_running && !pause()) {
        // pg_ctl could not stop it: immediate shutdown, as the watchdog would.
        if (const pid_t pid = postmasterPid(); pid > 0)
            ::kill(pid, SIGQUIT);
    }
    m_running = false;
    // The watchdog waits for the postmaster to exit, then deletes the directory.
    if (m_guard)
        m_guard->release();
    m_guard.reset();
    QDir(m_dir).removeRecursively();
    m_dir.clear();
}

} // namespace pgshift::testsupport
