// The test harness itself: servers start on loopback, run unprivileged, and leave nothing
// behind, even when the test process crashes.
#include "core/pg/connection.h"
#include "tests/support/pgserver.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTest>

#include <cstdlib>
#include <cstring>
#include <signal.h>
#include <sys/resource.h>
#include <unistd.h>

using namespace pgshift::core;
using namespace pgshift::testsupport;

namespace {

bool processAlive(pid_t pid)
{
    if (pid <= 0 || ::kill(pid, 0) != 0)
        return false;
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return true;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("State:"))
            return !line.contains('Z'); // a zombie has exited; nobody reaped it yet
    }
    return true;
}

// Every descendant of `pid`, found through /proc the way ctest finds a timed-out test's.
QList<pid_t> descendants(pid_t pid)
{
    QList<pid_t> found;
    for (const QString &entry : QDir(QStringLiteral("/proc")).entryList(QDir::Dirs)) {
        bool numeric = false;
        const pid_t candidate = entry.toInt(&numeric);
        if (!numeric)
            continue;
        QFile stat(QStringLiteral("/proc/%1/stat").arg(candidate));
        if (!stat.open(QIODevice::ReadOnly))
            continue;
        const QByteArray text = stat.readAll();
        // "pid (comm) state ppid ...": comm may hold spaces, so read after the last ')'.
        const QList<QByteArray> fields = text.mid(text.lastIndexOf(')') + 2).split(' ');
        if (fields.size() > 1 && fields.at(1).toInt() == pid)
            found << candidate << descendants(candidate);
    }
    return found;
}

uid_t processUid(pid_t pid)
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return uid_t(-1);
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("Uid:"))
            return static_cast<uid_t>(line.mid(4).simplified().split(' ').value(1).toUInt());
    }
    return uid_t(-1);
}

// Child mode: start a server, report it, then die without any cleanup.
int crashingChild(int argc, char *argv[])
{
    const rlimit noCore{0, 0};
    ::setrlimit(RLIMIT_CORE, &noCore);
    QCoreApplication app(argc, argv);
    const char *how = argv[2];
    PgServer server;
    if (!server.start()) {
        std::fprintf(stderr, "%s\n", qPrintable(server.error()));
        return 3;
    }
    std::printf("%d %s\n", int(server.postmasterPid()), qPrintable(server.directory()));
    std::fflush(stdout);
    if (std::strcmp(how, "kill") == 0)
        ::kill(::getpid(), SIGKILL);
    if (std::strcmp(how, "tree") == 0) {
        ::pause(); // the parent kills us and our children, as ctest does on a timeout
        return 0;
    }
    std::abort();
}

} // namespace

class TestHarness : public QObject
{
    Q_OBJECT

private slots:
    void startsAndCleansUp();
    void runsUnprivilegedAsRoot();
    void targetUsesRequestedVersion();
    void restartKeepsData();
    void crashLeavesNothing_data();
    void crashLeavesNothing();
};

void TestHarness::startsAndCleansUp()
{
    pid_t pid = 0;
    QString dir;
    {
        PgServer server;
        PGSHIFT_START(server);
        pid = server.postmasterPid();
        dir = server.directory();
        QVERIFY(processAlive(pid));
        QVERIFY(dir.startsWith(PgServer::testRoot()));
        Connection conn(server.settings());
        QCOMPARE(conn.exec(QStringLiteral("SHOW wal_level")).text(0, 0), QStringLiteral("logical"));
        QCOMPARE(conn.exec(QStringLiteral("SHOW listen_addresses")).text(0, 0), QStringLiteral("127.0.0.1"));
    }
    QVERIFY(!processAlive(pid));
    QVERIFY(!QDir(dir).exists());
}

void TestHarness::runsUnprivilegedAsRoot()
{
    PgServer server;
    PGSHIFT_START(server);
    const uid_t uid = processUid(server.postmasterPid());
    if (::geteuid() == 0)
        QVERIFY2(uid != 0 && uid != uid_t(-1), "the server must not run as root");
    else
        QCOMPARE(uid, ::geteuid());
}

void TestHarness::targetUsesRequestedVersion()
{
    PgServer target(PgServer::Role::Target);
    PGSHIFT_START(target);
    Connection conn(target.settings());
    QCOMPARE(conn.serverMajorVersion(), PgBinaries::majorVersion(target.binDir()));
    const int expected = qEnvironmentVariableIntValue("PGSHIFT_EXPECT_TARGET_MAJOR");
    if (expected > 0)
        QCOMPARE(conn.serverMajorVersion(), expected);
}

void TestHarness::restartKeepsData()
{
    PgServer server;
    PGSHIFT_START(server);
    {
        Connection conn(server.settings());
        conn.exec(QStringLiteral("CREATE TABLE kept(x int)"));
        conn.exec(QStringLiteral("INSERT INTO kept VALUES (42)"));
    }
    QVERIFY(server.pause());
    QVERIFY(!server.isRunning());
    PGSHIFT_START(server);
    Connection conn(server.settings());
    QCOMPARE(conn.exec(QStringLiteral("SELECT x FROM kept")).toInt64(0, 0), qint64(42));
}

void TestHarness::crashLeavesNothing_data()
{
    QTest::addColumn<QString>("how");
    QTest::newRow("abort") << "abort";
    QTest::newRow("SIGKILL") << "kill";
    QTest::newRow("process tree killed") << "tree";
}

void TestHarness::crashLeavesNothing()
{
    QFETCH(QString, how);
    QProcess child;
    child.start(QCoreApplication::applicationFilePath(), {QStringLiteral("--crash-child"), how});
    if (how == QLatin1String("tree")) {
        QVERIFY(child.waitForReadyRead(120000));
        QTRY_VERIFY_WITH_TIMEOUT(child.canReadLine(), 120000);
        for (const pid_t pid : descendants(pid_t(child.processId())))
            ::kill(pid, SIGKILL);
        ::kill(pid_t(child.processId()), SIGKILL);
    }
    QVERIFY(child.waitForFinished(120000));
    QVERIFY(child.exitStatus() == QProcess::CrashExit);
    const QStringList report = QString::fromLocal8Bit(child.readAllStandardOutput()).trimmed().split(u' ');
    QVERIFY2(report.size() == 2, qPrintable(child.readAllStandardError()));
    const pid_t pid = report.at(0).toInt();
    const QString dir = report.at(1);
    QVERIFY(pid > 0);
    QVERIFY(dir.startsWith(PgServer::testRoot()));

    QElapsedTimer timer;
    timer.start();
    while ((processAlive(pid) || QDir(dir).exists()) && timer.elapsed() < 20000)
        QTest::qWait(100);
    QVERIFY2(!processAlive(pid), "the crashed test's server is still running");
    QVERIFY2(!QDir(dir).exists(), qPrintable(dir + QStringLiteral(" is still there")));
}

int main(int argc, char *argv[])
{
    if (argc == 3 && std::strcmp(argv[1], "--crash-child") == 0)
        return crashingChild(argc, argv);
    QCoreApplication app(argc, argv);
    TestHarness test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_harness.moc"
