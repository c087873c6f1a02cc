// `pgshift ping` against real servers: what it prints, its exit codes, password handling
// (command line warning, PGPASSWORD, PGSHIFT_SOURCE, the no-echo prompt) and that no password
// ever appears in its output.
#include "core/pg/connection.h"
#include "tests/support/clirun.h"
#include "tests/support/pgserver.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include <poll.h>
#include <signal.h>
#include <pty.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace pgshift::core;
using namespace pgshift::testsupport;

namespace {

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

} // namespace

class TestPing : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void succeedsAndPrintsFacts();
    void wrongPasswordExitsOne();
    void usageErrorsExitTwo_data();
    void usageErrorsExitTwo();
    void environmentDefaults();
    void sameDatabaseExitsOne();
    void promptsOnTerminalWithoutEcho();

private:
    Run ping(const QStringList &arguments, const QMap<QString, QString> &env = {}) const;
    QString uri(PgServer &server, bool withPassword) const;
    void verifyNoSecret(const Run &run) const;

    PgServer m_source{PgServer::Role::Source};
    PgServer m_target{PgServer::Role::Target};
    QTemporaryDir m_logs;
    const QString m_password = QString::fromUtf8("Ping pw: 'q' \"d\" \\ ü-91");
};

void TestPing::initTestCase()
{
    PGSHIFT_START(m_source);
    PGSHIFT_START(m_target);
    for (PgServer *server : {&m_source, &m_target}) {
        Connection admin(server->settings());
        admin.execShownAs(QString("CREATE ROLE pinger LOGIN PASSWORD %1").arg(admin.quoteLiteral(m_password)),
                       QStringLiteral("CREATE ROLE pinger LOGIN PASSWORD '***'"));
    }
}

QString TestPing::uri(PgServer &server, bool withPassword) const
{
    ConnectionSettings s = server.settings();
    s.setUser("pinger");
    s.setPassword(withPassword ? m_password : QString());
    return s.toUri(ConnectionSettings::Password::Include);
}

Run TestPing::ping(const QStringList &arguments, const QMap<QString, QString> &env) const
{
    QMap<QString, QString> environment{{"PGPASSFILE", "/nonexistent/pgpass"}};
    environment.insert(env);
    const CliRun cli = CliRun::run(PGSHIFT_BINARY, QStringList{"ping"} + arguments, m_logs.path(),
                                   environment, 60000);
    return Run{cli.exitCode, QString::fromUtf8(cli.out), QString::fromUtf8(cli.err)};
}

void TestPing::verifyNoSecret(const Run &run) const
{
    for (const QString &text : {run.out, run.err}) {
        QVERIFY2(!text.contains(m_password), qPrintable(text));
        QVERIFY2(!text.contains(QUrl::toPercentEncoding(m_password)), qPrintable(text));
    }
}

void TestPing::succeedsAndPrintsFacts()
{
    const Run run = ping({"--source", uri(m_source, true), "--target", uri(m_target, true)});
    QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
    QVERIFY(run.out.contains(QString("source: postgresql://pinger:***@127.0.0.1:%1/postgres").arg(m_source.port())));
    QVERIFY(run.out.contains(QString("target: postgresql://pinger:***@127.0.0.1:%1/postgres").arg(m_target.port())));
    QVERIFY(run.out.contains(QString("server      PostgreSQL %1.").arg(m_source.majorVersion())));
    QVERIFY(run.out.contains(QString("server      PostgreSQL %1.").arg(m_target.majorVersion())));
    QVERIFY(run.out.contains("wal_level   logical"));
    QVERIFY(run.out.contains("user        pinger (no special attributes)"));
    QVERIFY(run.out.contains("round trip"));
    // The password was on the command line: say so, once per endpoint.
    QCOMPARE(run.err.count("is on the command line"), 2);
    verifyNoSecret(run);
}

void TestPing::wrongPasswordExitsOne()
{
    ConnectionSettings s = m_target.settings();
    s.setUser("pinger");
    s.setPassword("not-the-password");
    const Run run = ping({"--target", s.toUri(ConnectionSettings::Password::Include)});
    QCOMPARE(run.exitCode, 1);
    QVERIFY(run.out.contains("FAILED      The server rejected the password for this user."));
    QVERIFY(run.out.contains("password authentication failed for user \"pinger\""));
    QVERIFY(!run.out.contains("not-the-password") && !run.err.contains("not-the-password"));

    // No password at all, no terminal to ask on: a clear failure, not a hang.
    const Run none = ping({"--source", uri(m_source, false)});
    QCOMPARE(none.exitCode, 1);
    QVERIFY(none.out.contains("The server wants a password and none was given"));
}

void TestPing::usageErrorsExitTwo_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    QTest::newRow("nothing") << QStringList{} << "give --source and/or --target";
    QTest::newRow("missing value") << QStringList{"--source"} << "Missing value after '--source'";
    QTest::newRow("garbage") << QStringList{"--source", "garbage"} << "Not a valid connection string";
    QTest::newRow("garbage uri") << QStringList{"--target", "postgresql://h/db?nope=1"} << "invalid URI query parameter";
    QTest::newRow("port 70000") << QStringList{"--source", "host=127.0.0.1 port=70000"} << "from 1 to 65535";
    QTest::newRow("port abc") << QStringList{"--source", "host=127.0.0.1 port=abc"} << "not \"abc\"";
    QTest::newRow("unknown sslmode") << QStringList{"--source", "host=127.0.0.1 sslmode=bogus"} << "sslmode \"bogus\"";
    QTest::newRow("missing root cert") << QStringList{"--source", "host=127.0.0.1 sslrootcert=/nonexistent.crt"} << "does not exist";
    QTest::newRow("empty host") << QStringList{"--source", "dbname=app"} << "No host given";
    QTest::newRow("unknown option") << QStringList{"--source", "host=h", "--frobnicate"} << "Unknown option 'frobnicate'";
    QTest::newRow("stray argument") << QStringList{"host=h"} << "unexpected argument";
}

void TestPing::usageErrorsExitTwo()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    QElapsedTimer timer;
    timer.start();
    const Run run = ping(arguments);
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(message), qPrintable(run.err));
    QVERIFY(run.out.isEmpty());
    QVERIFY(timer.elapsed() < 10000); // nothing was attempted over the network
}

void TestPing::environmentDefaults()
{
    // PGSHIFT_SOURCE supplies --source; PGPASSWORD the password; no command-line warning.
    const Run run = ping({}, {{"PGSHIFT_SOURCE", uri(m_source, false)}, {"PGPASSWORD", m_password}});
    QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
    QVERIFY(run.out.contains("source: postgresql://pinger@127.0.0.1"));
    QVERIFY(!run.out.contains("target:"));
    QVERIFY(!run.err.contains("command line"));
    verifyNoSecret(run);
}

void TestPing::sameDatabaseExitsOne()
{
    const Run run = ping({"--source", uri(m_source, false), "--target", uri(m_source, false)},
                         {{"PGPASSWORD", m_password}});
    QCOMPARE(run.exitCode, 1);
    QVERIFY(run.out.contains("The target is the source database itself"));
}

void TestPing::promptsOnTerminalWithoutEcho()
{
    const QByteArray binary = PGSHIFT_BINARY;
    const QByteArray source = uri(m_source, false).toUtf8();
    const QByteArray logDir = m_logs.path().toLocal8Bit();
    int master = -1;
    const pid_t pid = ::forkpty(&master, nullptr, nullptr, nullptr);
    QVERIFY(pid >= 0);
    if (pid == 0) {
        ::setenv("PGPASSFILE", "/nonexistent/pgpass", 1);
        ::unsetenv("PGPASSWORD");
        ::setenv("PGSHIFT_LOG_DIR", logDir.constData(), 1);
        ::execl(binary.constData(), "pgshift", "ping", "--source", source.constData(), nullptr);
        ::_exit(127);
    }
    QByteArray seen;
    bool answered = false;
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < 30000) {
        pollfd p{master, POLLIN, 0};
        if (::poll(&p, 1, 200) <= 0)
            continue;
        char buffer[4096];
        const ssize_t n = ::read(master, buffer, sizeof buffer);
        if (n <= 0)
            break; // the child closed the terminal
        seen.append(buffer, n);
        if (!answered && seen.contains("Password for pinger (source): ")) {
            const QByteArray line = m_password.toUtf8() + "\n";
            QCOMPARE(::write(master, line.constData(), size_t(line.size())), ssize_t(line.size()));
            answered = true;
        }
    }
    int status = 0;
    if (::waitpid(pid, &status, WNOHANG) == 0) {
        // Still running after the deadline: it hangs. End it so the test fails instead.
        ::kill(pid, SIGKILL);
        ::waitpid(pid, &status, 0);
    }
    ::close(master);
    QVERIFY2(answered, seen.constData());
    QVERIFY2(WIFEXITED(status) && WEXITSTATUS(status) == 0, seen.constData());
    QVERIFY(seen.contains("user        pinger"));
    QVERIFY2(!seen.contains(m_password.toUtf8()), "the password was echoed");
}

QTEST_GUILESS_MAIN(TestPing)
#include "tst_ping.moc"
