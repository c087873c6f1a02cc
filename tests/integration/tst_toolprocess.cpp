// Child programs get the password only through a 0600 passfile that disappears afterwards;
// never through argv or the environment. Cancel and timeout end the child.
#include "core/pg/connection.h"
#include "core/tools/clienttools.h"
#include "core/tools/temporarypassfile.h"
#include "core/tools/toolprocess.h"
#include "tests/support/pgserver.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QTest>

#include <sys/stat.h>
#include <thread>

using namespace pgshift::core;
using namespace pgshift::testsupport;

namespace {

// Processes whose command line contains `marker`: pid -> (cmdline, environ).
QMap<qint64, QPair<QByteArray, QByteArray>> processesWith(const QByteArray &marker)
{
    QMap<qint64, QPair<QByteArray, QByteArray>> found;
    for (const QString &entry : QDir("/proc").entryList(QDir::Dirs)) {
        bool numeric = false;
        const qint64 pid = entry.toLongLong(&numeric);
        if (!numeric)
            continue;
        QFile cmd("/proc/" + entry + "/cmdline");
        if (!cmd.open(QIODevice::ReadOnly))
            continue;
        const QByteArray cmdline = cmd.readAll();
        if (!cmdline.contains(marker) || cmdline.contains("tst_toolprocess"))
            continue;
        QFile env("/proc/" + entry + "/environ");
        env.open(QIODevice::ReadOnly);
        found.insert(pid, {cmdline, env.readAll()});
    }
    return found;
}

} // namespace

QString unique(const QString &marker)
{
    return QString("%1-%2").arg(marker).arg(QCoreApplication::applicationPid());
}

class TestToolProcess : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void passfileLineEscapes();
    void passwordOnlyInPassfile();
    void wrongPasswordFailsCleanly();
    void environmentPasswordAndNoPrompt();
    void cancelEndsChild();
    void timeoutEndsChild();
    void staleFilesAreSwept();

private:
    ConnectionSettings tool(const QString &marker) const;
    PgServer m_server{PgServer::Role::Source};
    QString m_psql;
    const QString m_password = QString::fromUtf8("tool:pw\\with 'quotes' ü");
};

void TestToolProcess::initTestCase()
{
    PGSHIFT_START(m_server);
    m_psql = ClientTools::best("psql", 10).path;
    QVERIFY2(!m_psql.isEmpty(), "psql not found");
    Connection admin(m_server.settings());
    admin.execShownAs(QString("CREATE ROLE tooluser LOGIN PASSWORD %1").arg(admin.quoteLiteral(m_password)),
                       QStringLiteral("CREATE ROLE tooluser LOGIN PASSWORD '***'"));
}

// Markers carry this test's pid: the 15->15 and 15->18 runs of this test run side by side.
ConnectionSettings TestToolProcess::tool(const QString &marker) const
{
    ConnectionSettings s = m_server.settings();
    s.setUser("tooluser");
    s.setPassword(m_password);
    s.setValue("application_name", unique(marker));
    return s;
}

void TestToolProcess::passfileLineEscapes()
{
    QCOMPARE(TemporaryPassfile::line("a:b\\c"), QString("*:*:*:*:a\\:b\\\\c\n"));
    ConnectionSettings none;
    QVERIFY(!TemporaryPassfile(none).hasFile()); // no password, no file
}

void TestToolProcess::passwordOnlyInPassfile()
{
    const QString marker = "pgshift-argv-probe";
    QByteArray output;
    QMap<qint64, QPair<QByteArray, QByteArray>> seen;
    QString passfilePath;
    int passfileMode = -1; // recorded by the watcher thread, checked here
    std::thread watcher([&] {
        QElapsedTimer t;
        t.start();
        while (passfileMode < 0 && t.elapsed() < 10000) {
            seen = processesWith(unique(marker).toUtf8());
            for (const auto &p : seen) {
                for (const QByteArray &var : p.second.split('\0')) {
                    if (var.startsWith("PGPASSFILE="))
                        passfilePath = QString::fromLocal8Bit(var.mid(11));
                }
            }
            struct stat st {};
            if (!passfilePath.isEmpty() && ::stat(QFile::encodeName(passfilePath).constData(), &st) == 0)
                passfileMode = int(st.st_mode & 0777);
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
    });
    const ToolProcess psql(m_psql, {"-X", "-A", "-t", "-c", "SELECT current_user, pg_sleep(1)"}, tool(marker));
    const auto outcome = psql.run([&output](const QByteArray &chunk) { output += chunk; });
    watcher.join();
    QVERIFY2(outcome.ok(), qPrintable(outcome.errorOutput));
    QCOMPARE(output.trimmed(), QByteArray("tooluser|"));
    QVERIFY2(!seen.isEmpty(), "the child was never seen running");
    for (const auto &p : seen) {
        QVERIFY(!p.first.contains(m_password.toUtf8()));
        QVERIFY(!p.first.contains("tool:pw"));
        QVERIFY(!p.second.contains(m_password.toUtf8()));
        QVERIFY(!p.second.contains("PGPASSWORD="));
    }
    QVERIFY(!passfilePath.isEmpty());
    QCOMPARE(passfileMode, 0600);
    QVERIFY2(!QFileInfo::exists(passfilePath), "the passfile outlived the child");
}

void TestToolProcess::wrongPasswordFailsCleanly()
{
    ConnectionSettings s = tool("pgshift-wrong");
    s.setPassword("Nope-Wrong-123");
    const auto outcome = ToolProcess(m_psql, {"-X", "-c", "SELECT 1"}, s).run({});
    QVERIFY(!outcome.ok());
    QVERIFY(outcome.started);
    QVERIFY2(outcome.errorOutput.contains("password authentication failed"), qPrintable(outcome.errorOutput));
    QVERIFY(!outcome.errorOutput.contains("Nope-Wrong-123"));
}

void TestToolProcess::environmentPasswordAndNoPrompt()
{
    // Settings without a password: PGPASSWORD, one of libpq's own lookups, must reach the child.
    ConnectionSettings s = tool("pgshift-env-probe");
    s.setPassword(QString());
    qputenv("PGPASSWORD", m_password.toUtf8());
    QByteArray output;
    auto outcome = ToolProcess(m_psql, {"-X", "-A", "-t", "-c", "SELECT current_user"}, s)
                       .run([&output](const QByteArray &chunk) { output += chunk; }, nullptr, 20000);
    QVERIFY2(outcome.ok(), qPrintable(outcome.errorOutput));
    QCOMPARE(output.trimmed(), QByteArray("tooluser"));
    // No password anywhere: fail at once instead of waiting at a prompt nobody answers.
    qunsetenv("PGPASSWORD");
    qputenv("PGPASSFILE", "/nonexistent/pgpass");
    QElapsedTimer timer;
    timer.start();
    outcome = ToolProcess(m_psql, {"-X", "-c", "SELECT 1"}, s).run({}, nullptr, 20000);
    qunsetenv("PGPASSFILE");
    QVERIFY(!outcome.ok());
    QVERIFY(!outcome.timedOut);
    QVERIFY2(outcome.errorOutput.contains("no password supplied"), qPrintable(outcome.errorOutput));
    QVERIFY(timer.elapsed() < 10000);
}

void TestToolProcess::cancelEndsChild()
{
    std::atomic<bool> cancel{false};
    std::thread canceller([&cancel] {
        std::this_thread::sleep_for(std::chrono::milliseconds(500));
        cancel = true;
    });
    QElapsedTimer timer;
    timer.start();
    const auto outcome = ToolProcess(m_psql, {"-X", "-c", "SELECT pg_sleep(60)"}, tool("pgshift-cancel-probe")).run({}, &cancel);
    canceller.join();
    QVERIFY(outcome.cancelled);
    QVERIFY(!outcome.ok());
    QVERIFY2(timer.elapsed() < 2500, qPrintable(QString::number(timer.elapsed())));
    QVERIFY(processesWith(unique("pgshift-cancel-probe").toUtf8()).isEmpty());
}

void TestToolProcess::timeoutEndsChild()
{
    const auto outcome = ToolProcess(m_psql, {"-X", "-c", "SELECT pg_sleep(60)"}, tool("pgshift-timeout-probe")).run({}, nullptr, 700);
    QVERIFY(outcome.timedOut);
    QVERIFY(processesWith(unique("pgshift-timeout-probe").toUtf8()).isEmpty());
}

void TestToolProcess::staleFilesAreSwept()
{
    const QDir dir(TemporaryPassfile::directory());
    // Unique per test process (another run of this test may sweep at the same time).
    const QString dead = dir.filePath(QString("pgshift-passfile-999999999-%1").arg(QCoreApplication::applicationPid()));
    const QString mine = dir.filePath(QString("pgshift-passfile-%1-abcdef").arg(QCoreApplication::applicationPid()));
    for (const QString &path : {dead, mine}) {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
    }
    TemporaryPassfile::sweepStale();
    QVERIFY(!QFileInfo::exists(dead));
    QVERIFY(QFileInfo::exists(mine)); // its process (this test) still runs
    QFile::remove(mine);
}

QTEST_GUILESS_MAIN(TestToolProcess)
#include "tst_toolprocess.moc"
