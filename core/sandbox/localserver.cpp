#include "core/sandbox/localserver.h"

#include "core/tools/clienttools.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRandomGenerator>
#include <QStandardPaths>

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <grp.h>
#include <netinet/in.h>
#include <pwd.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

namespace pgshift::core {
namespace {

const QString InfoFile = QStringLiteral("server.info"); // bin directory and port, for adopt()

QString randomPassword()
{
    static const QString alphabet = QStringLiteral("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789");
    QString out;
    for (int i = 0; i < 24; ++i)
        out += alphabet.at(QRandomGenerator::system()->bounded(alphabet.size()));
    return out;
}

QString runForOutput(const QString &program, const QStringList &arguments)
{
    QProcess process;
    process.start(program, arguments);
    if (!process.waitForFinished(10000) || process.exitCode() != 0)
        return {};
    return QString::fromLocal8Bit(process.readAllStandardOutput()).trimmed();
}

QString newestDebianBinDir()
{
    const QDir root(QStringLiteral("/usr/lib/postgresql"));
    int best = 0;
    QString bestDir;
    for (const QString &entry : root.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        const QString dir = root.filePath(entry + QStringLiteral("/bin"));
        if (entry.toInt() > best && LocalServer::isUsable(dir)) {
            best = entry.toInt();
            bestDir = dir;
        }
    }
    return bestDir;
}

} // namespace

LocalServer::LocalServer(Options options)
    : m_options(std::move(options))
{
}

LocalServer LocalServer::adopt(const QString &directory)
{
    Options o;
    o.parentDir = QFileInfo(directory).path();
    LocalServer server(o);
    server.m_dir = directory;
    QFile info(QDir(directory).filePath(InfoFile));
    if (info.open(QIODevice::ReadOnly)) {
        const QStringList lines = QString::fromUtf8(info.readAll()).split(u'\n');
        server.m_options.binDir = lines.value(0);
        server.m_port = lines.value(1).toInt();
    }
    struct stat st{};
    if (::geteuid() == 0 && ::stat(QFile::encodeName(server.dataDirectory()).constData(), &st) == 0 && st.st_uid != 0) {
        server.m_dropPrivileges = true;
        server.m_uid = st.st_uid;
        server.m_gid = st.st_gid;
    }
    server.m_running = server.postmasterPid() > 0;
    return server;
}

bool LocalServer::fail(const QString &why)
{
    m_error = why;
    return false;
}

QString LocalServer::dataDirectory() const
{
    return m_dir.isEmpty() ? QString() : QDir(m_dir).filePath(QStringLiteral("data"));
}

QString LocalServer::serverLog() const
{
    QFile log(QDir(m_dir).filePath(QStringLiteral("server.log")));
    return log.open(QIODevice::ReadOnly) ? QString::fromLocal8Bit(log.readAll()) : QString();
}

pid_t LocalServer::postmasterPid() const
{
    QFile pidFile(QDir(dataDirectory()).filePath(QStringLiteral("postmaster.pid")));
    if (!pidFile.open(QIODevice::ReadOnly))
        return 0;
    return static_cast<pid_t>(pidFile.readLine().trimmed().toLongLong());
}

bool LocalServer::isRunning() const
{
    const pid_t pid = postmasterPid();
    return m_running && pid > 0 && ::kill(pid, 0) == 0;
}

ConnectionSettings LocalServer::settings(const QString &dbname) const
{
    ConnectionSettings s;
    s.setHost(QStringLiteral("127.0.0.1"));
    s.setPort(m_port);
    s.setDbname(dbname);
    s.setUser(superuser());
    s.setPassword(m_password);
    s.setSslmode(QStringLiteral("disable"));
    s.setConnectTimeout(5);
    return s;
}

bool LocalServer::isUsable(const QString &binDir)
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

QString LocalServer::findBinDir(QString *why)
{
    const QString explicitDir = qEnvironmentVariable("PGSHIFT_PG_BINDIR");
    if (!explicitDir.isEmpty()) {
        if (isUsable(explicitDir))
            return explicitDir;
        if (why)
            *why = tr("PGSHIFT_PG_BINDIR=%1 has no initdb, pg_ctl and postgres").arg(explicitDir);
        return {};
    }
    const QString pgConfig = QStandardPaths::findExecutable(QStringLiteral("pg_config"));
    const QString initdb = QStandardPaths::findExecutable(QStringLiteral("initdb"));
    for (const QString &candidate : {pgConfig.isEmpty() ? QString() : runForOutput(pgConfig, {QStringLiteral("--bindir")}),
                                     newestDebianBinDir(),
                                     initdb.isEmpty() ? QString() : QFileInfo(initdb).canonicalFilePath().section(u'/', 0, -2)}) {
        if (isUsable(candidate))
            return candidate;
    }
    if (why)
        *why = tr("No PostgreSQL server programs (initdb, pg_ctl, postgres) found: install the PostgreSQL server "
                  "(Debian: postgresql-15) or set PGSHIFT_PG_BINDIR.");
    return {};
}

int LocalServer::majorVersion(const QString &binDir)
{
    // "postgres (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)"
    return ClientTools::parseMajor(runForOutput(QDir(binDir).filePath(QStringLiteral("postgres")), {QStringLiteral("--version")}));
}

int LocalServer::freeLoopbackPort()
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return 0;
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    int port = 0;
    if (::bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) == 0
        && ::getsockname(fd, reinterpret_cast<sockaddr *>(&address), &length) == 0)
        port = ntohs(address.sin_port);
    ::close(fd);
    return port;
}

bool LocalServer::start()
{
    m_error.clear();
    if (m_dir.isEmpty()) {
        if (m_options.binDir.isEmpty()) {
            QString why;
            m_options.binDir = findBinDir(&why);
            if (m_options.binDir.isEmpty())
                return fail(why);
        }
        m_major = majorVersion(m_options.binDir);
        if (!createDirectory() || !initCluster() || !writeConfig())
            return false;
    }
    return startOnFreePort();
}

bool LocalServer::createDirectory()
{
    if (::geteuid() == 0) {
        const QString name = m_options.account.isEmpty() ? QStringLiteral("postgres") : m_options.account;
        const passwd *pw = ::getpwnam(name.toLocal8Bit().constData());
        if (!pw)
            return fail(tr("pgshift runs as root, and PostgreSQL refuses to: create the account '%1' (Debian's "
                           "postgresql package does) or run pgshift as a normal user.")
                            .arg(name));
        m_dropPrivileges = true;
        m_uid = pw->pw_uid;
        m_gid = pw->pw_gid;
    }
    if (!QDir().mkpath(m_options.parentDir))
        return fail(tr("Cannot create %1.").arg(m_options.parentDir));
    // The server's account must be able to reach its directory.
    QFile::setPermissions(m_options.parentDir, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadGroup
                                                   | QFile::ExeGroup | QFile::ReadOther | QFile::ExeOther);
    QByteArray pattern = QFile::encodeName(QDir(m_options.parentDir).filePath(m_options.prefix + QStringLiteral("-XXXXXX")));
    if (!::mkdtemp(pattern.data()))
        return fail(tr("Cannot create a directory in %1: %2").arg(m_options.parentDir, QString::fromLocal8Bit(std::strerror(errno))));
    m_dir = QFile::decodeName(pattern);
    if (m_options.onDirectoryCreated && !m_options.onDirectoryCreated(m_dir))
        return fail(tr("Could not prepare %1.").arg(m_dir));
    if (m_dropPrivileges && ::chown(pattern.constData(), m_uid, m_gid) != 0)
        return fail(tr("Cannot hand %1 to the server's account.").arg(m_dir));
    return true;
}

bool LocalServer::runTool(const QString &tool, const QStringList &arguments, QString *output, int timeoutMs)
{
    QProcess process;
    process.setProgram(QDir(m_options.binDir).filePath(tool));
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
        return fail(tr("%1 did not finish in %2 s.").arg(tool).arg(timeoutMs / 1000));
    }
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0)
        return fail(tr("%1 %2 failed (exit %3):\n%4").arg(tool, arguments.join(u' ')).arg(process.exitCode()).arg(text));
    return true;
}

bool LocalServer::initCluster()
{
    m_password = randomPassword();
    const QString pwFile = QDir(m_dir).filePath(QStringLiteral("pwfile"));
    {
        QFile file(pwFile);
        if (!file.open(QIODevice::WriteOnly) || file.write(m_password.toUtf8()) < 0)
            return fail(tr("Cannot write %1.").arg(pwFile));
        file.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    }
    if (m_dropPrivileges && ::chown(QFile::encodeName(pwFile).constData(), m_uid, m_gid) != 0)
        return fail(tr("Cannot hand %1 to the server's account.").arg(pwFile));
    const bool ok = runTool(QStringLiteral("initdb"),
                            {QStringLiteral("-D"), dataDirectory(), QStringLiteral("-U"), superuser(), QStringLiteral("--pwfile=") + pwFile,
                             QStringLiteral("--auth-host=scram-sha-256"), QStringLiteral("--auth-local=trust"), QStringLiteral("-E"),
                             QStringLiteral("UTF8"), QStringLiteral("--locale=C"), QStringLiteral("--no-sync"),
                             QStringLiteral("--no-instructions")});
    QFile::remove(pwFile);
    return ok;
}

bool LocalServer::writeConfig()
{
    QFile conf(QDir(dataDirectory()).filePath(QStringLiteral("postgresql.conf")));
    if (!conf.open(QIODevice::Append | QIODevice::Text))
        return fail(tr("Cannot append to %1.").arg(conf.fileName()));
    QStringList lines{
        QStringLiteral("# pgshift local server"),
        QStringLiteral("listen_addresses = '127.0.0.1'"),
        QStringLiteral("unix_socket_directories = '%1'").arg(m_dir),
        QStringLiteral("wal_level = %1").arg(m_options.walLevel),
        QStringLiteral("max_wal_senders = 16"),
        QStringLiteral("max_replication_slots = 16"),
        QStringLiteral("max_connections = 60"),
        QStringLiteral("shared_buffers = 32MB"),
        QStringLiteral("lc_messages = 'C'"),
    };
    if (!m_options.durable)
        lines << QStringLiteral("fsync = off") << QStringLiteral("synchronous_commit = off") << QStringLiteral("full_page_writes = off");
    lines << m_options.extraConfig;
    conf.write((lines.join(u'\n') + u'\n').toUtf8());
    return true;
}

bool LocalServer::startOnFreePort()
{
    // Another program may take the port between the probe and the server's bind: try again.
    for (int attempt = 0; attempt < 5; ++attempt) {
        if (m_port == 0 || attempt > 0)
            m_port = freeLoopbackPort();
        if (m_port <= 0)
            return fail(tr("No free port on 127.0.0.1."));
        if (runTool(QStringLiteral("pg_ctl"),
                    {QStringLiteral("-D"), dataDirectory(), QStringLiteral("-l"), QDir(m_dir).filePath(QStringLiteral("server.log")),
                     QStringLiteral("-o"), QStringLiteral("-p %1").arg(m_port), QStringLiteral("-w"), QStringLiteral("-t"),
                     QStringLiteral("60"), QStringLiteral("start")})) {
            m_running = true;
            m_error.clear();
            QFile info(QDir(m_dir).filePath(InfoFile));
            if (info.open(QIODevice::WriteOnly))
                info.write((m_options.binDir + u'\n' + QString::number(m_port) + u'\n').toUtf8());
            return true;
        }
        if (!serverLog().contains(QLatin1String("could not bind")))
            break;
    }
    return fail(m_error + QStringLiteral("\n--- server log ---\n") + serverLog().right(4000));
}

bool LocalServer::pause()
{
    if (!m_running)
        return true;
    m_running = false;
    return runTool(QStringLiteral("pg_ctl"), {QStringLiteral("-D"), dataDirectory(), QStringLiteral("-m"), QStringLiteral("fast"),
                                              QStringLiteral("-w"), QStringLiteral("stop")});
}

void LocalServer::stop()
{
    if (m_dir.isEmpty())
        return;
    if (const pid_t pid = postmasterPid(); pid > 0) {
        m_running = true;
        // pg_ctl could not stop it: immediate shutdown, when that pid is still a postgres.
        QFile cmdline(QStringLiteral("/proc/%1/cmdline").arg(pid));
        if (!pause() && cmdline.open(QIODevice::ReadOnly) && cmdline.readAll().contains("postgres"))
            ::kill(pid, SIGQUIT);
    }
    m_running = false;
    QDir(m_dir).removeRecursively();
    m_dir.clear();
}

} // namespace pgshift::core
