// `pgshift sandbox` end to end: start prints two working connection strings (also in a 0600
// file), the source holds the sample shop (every kind of object the preflight should talk
// about, about 100,000 rows) and the target is empty; the workload writes; status lists the
// sandbox; stop leaves nothing running or on disk. A sandbox whose owning process died is
// removed by the next pgshift; `pgshift demo` ended by Ctrl+C or a kill, while its sandbox
// starts or after, stops and deletes it on the way out. Bad usage is refused.
#include "core/pg/connection.h"
#include "core/pg/pgerror.h"
#include "core/sandbox/sandbox.h"
#include "tests/support/clirun.h"
#include "tests/support/pgserver.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <signal.h>

using namespace pgshift::core;
using namespace pgshift::testsupport;

class TestSandbox : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void startUseStop();
    void staleSandboxIsRemoved();
    void demoEndsCleanOnSignal_data();
    void demoEndsCleanOnSignal();
    void badUsage();

private:
    CliRun pgshift(const QStringList &arguments) const
    {
        return CliRun::run(PGSHIFT_BINARY, arguments, m_logs.path(), {{"PGSHIFT_SANDBOX_DIR", m_root}});
    }
    static QList<pid_t> postmasters(const QString &sandbox);
    // Running, not a zombie (PID 1 in a container may never reap a server it inherited).
    static bool alive(pid_t pid)
    {
        QFile stat(QString("/proc/%1/stat").arg(pid));
        return ::kill(pid, 0) == 0 && stat.open(QIODevice::ReadOnly) && stat.readAll().split(')').value(1).trimmed().left(1) != "Z";
    }

    QTemporaryDir m_logs;
    QString m_root;
};

void TestSandbox::initTestCase()
{
    QVERIFY(m_logs.isValid());
    // Under the test root, so the leftover check sees anything left behind.
    m_root = QDir(PgServer::testRoot()).filePath(QString("sandboxes-%1").arg(QCoreApplication::applicationPid()));
    qputenv("PGSHIFT_SANDBOX_DIR", m_root.toUtf8());
}

QList<pid_t> TestSandbox::postmasters(const QString &sandbox)
{
    QList<pid_t> pids;
    for (const QString &dir : QDir(sandbox).entryList({"source-*", "target-*"}, QDir::Dirs)) {
        QFile pidFile(QDir(sandbox).filePath(dir + "/data/postmaster.pid"));
        if (pidFile.open(QIODevice::ReadOnly))
            pids << pid_t(pidFile.readLine().trimmed().toLongLong());
    }
    return pids;
}

void TestSandbox::startUseStop()
{
    QElapsedTimer t;
    t.start();
    const CliRun start = pgshift({"sandbox", "start"});
    const qint64 startMs = t.elapsed();
    qInfo("sandbox start took %lld ms", startMs);
    QVERIFY2(start.exitCode == 0, start.out + start.err);
    const QRegularExpression line("^(source|target): (postgresql://\\S+)$", QRegularExpression::MultilineOption);
    QMap<QString, QString> uris;
    for (auto it = line.globalMatch(QString::fromUtf8(start.out)); it.hasNext();) {
        const auto m = it.next();
        uris[m.captured(1)] = m.captured(2);
    }
    QCOMPARE(uris.size(), 2);
    for (const QString &uri : uris)
        QVERIFY2(uri.contains(QRegularExpression("^postgresql://postgres:[^@]{20,}@127\\.0\\.0\\.1:\\d+/shop")), qPrintable(uri));
    const auto source = ConnectionSettings::parse(uris["source"]);
    const auto target = ConnectionSettings::parse(uris["target"]);
    QVERIFY(source && target);
    QVERIFY(source->password() != target->password());

    const QList<Sandbox::Info> all = Sandbox::list();
    QCOMPARE(all.size(), 1);
    const Sandbox::Info info = all.first();
    QVERIFY(info.persistent);
    QFileInfo file(info.connectionsFile());
    QCOMPARE(file.permissions() & (QFile::ReadGroup | QFile::ReadOther | QFile::WriteGroup | QFile::WriteOther), QFile::Permissions());
    QVERIFY(start.out.contains(info.connectionsFile().toUtf8()));
    QFile connections(info.connectionsFile());
    QVERIFY(connections.open(QIODevice::ReadOnly));
    const QByteArray text = connections.readAll();
    QVERIFY(text.contains("export PGSHIFT_SOURCE='" + uris["source"].toUtf8() + "'\n"));
    QVERIFY(text.contains("export PGSHIFT_TARGET='" + uris["target"].toUtf8() + "'\n"));
    // Sourced by a shell, the commands find both servers.
    QProcess shell;
    shell.start("sh", {"-c", QString(". '%1' && '%2' ping").arg(info.connectionsFile(), PGSHIFT_BINARY)});
    QVERIFY(shell.waitForFinished(60000));
    QVERIFY2(shell.exitCode() == 0, shell.readAll().constData());

    // The shop on the source, every object kind the preflight talks about; the target empty.
    Connection src(*source);
    QCOMPARE(src.exec("SHOW wal_level").text(0, 0), QString("logical"));
    QCOMPARE(src.exec("SHOW listen_addresses").text(0, 0), QString("127.0.0.1"));
    const qint64 rows = src.exec("SELECT (SELECT count(*) FROM customers) + (SELECT count(*) FROM products)"
                                 " + (SELECT count(*) FROM orders) + (SELECT count(*) FROM order_lines)"
                                 " + (SELECT count(*) FROM payments) + (SELECT count(*) FROM audit_log)")
                           .toInt64(0, 0);
    qInfo("sample rows: %lld", rows);
    QVERIFY(rows >= 100000 && rows < 200000);
    QCOMPARE(src.exec("SELECT relkind::text FROM pg_class WHERE relname = 'payments'").text(0, 0), QString("p"));
    QCOMPARE(src.exec("SELECT count(*) FROM pg_inherits WHERE inhparent = 'public.payments'::regclass").toInt64(0, 0), qint64(3));
    QCOMPARE(src.exec("SELECT relkind::text FROM pg_class WHERE relname = 'sales_by_country'").text(0, 0), QString("m"));
    QCOMPARE(src.exec("SELECT count(*) FROM pg_constraint WHERE conrelid = 'public.audit_log'::regclass AND contype = 'p'").toInt64(0, 0), qint64(0));
    QVERIFY(src.exec("SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND connamespace = 'public'::regnamespace").toInt64(0, 0) >= 3);
    QCOMPARE(src.exec("SELECT count(*) FROM pg_largeobject_metadata").toInt64(0, 0), qint64(1));
    QVERIFY(src.exec("SELECT count(*) FROM information_schema.columns WHERE is_identity = 'YES' AND table_schema = 'public'").toInt64(0, 0) >= 2);
    QVERIFY(src.exec("SELECT count(*) FROM pg_sequences WHERE schemaname = 'public'").toInt64(0, 0) >= 4);
    Connection tgt(*target);
    QCOMPARE(tgt.exec("SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace").toInt64(0, 0), qint64(0));

    // The workload writes like an application.
    const qint64 before = src.exec("SELECT count(*) FROM orders").toInt64(0, 0);
    const CliRun load = pgshift({"sandbox", "workload", "--rate", "40", "--seconds", "3"});
    QVERIFY2(load.exitCode == 0, load.out + load.err);
    QVERIFY2(load.out.contains(" inserts, ") && load.out.contains(" 0 refused."), load.out.constData());
    QVERIFY(src.exec("SELECT count(*) FROM orders").toInt64(0, 0) > before);

    const CliRun status = pgshift({"sandbox", "status"});
    QCOMPARE(status.exitCode, 0);
    QVERIFY2(status.out.contains(info.directory.toUtf8()) && status.out.contains("(running)"), status.out.constData());
    QVERIFY2(!status.out.contains(source->password().toUtf8()), status.out.constData());

    const QList<pid_t> pids = postmasters(info.directory);
    QCOMPARE(pids.size(), 2);
    const CliRun stop = pgshift({"sandbox", "stop"});
    QVERIFY2(stop.exitCode == 0, stop.out + stop.err);
    QVERIFY(!QFileInfo::exists(info.directory));
    for (const pid_t pid : pids)
        QVERIFY(!alive(pid));
    QVERIFY_THROWS_EXCEPTION(PgError, Connection c(*source));
    QCOMPARE(pgshift({"sandbox", "stop"}).exitCode, 1); // nothing left to stop
}

void TestSandbox::staleSandboxIsRemoved()
{
    // A wizard's sandbox whose process died: its owner is a process that has exited.
    QString error;
    const auto info = Sandbox::start(false, &error);
    QVERIFY2(info, qPrintable(error));
    QProcess gone;
    gone.start("sh", {"-c", "echo $$"});
    QVERIFY(gone.waitForFinished());
    const qint64 deadPid = gone.readAllStandardOutput().trimmed().toLongLong();
    QVERIFY(deadPid > 0 && ::kill(pid_t(deadPid), 0) != 0);
    QFile state(QDir(info->directory).filePath("sandbox.json"));
    QVERIFY(state.open(QIODevice::ReadOnly));
    QByteArray json = state.readAll();
    state.close();
    QVERIFY(json.contains(QByteArray::number(info->ownerPid)));
    json.replace(QByteArray::number(info->ownerPid), QByteArray::number(deadPid));
    QVERIFY(state.open(QIODevice::WriteOnly | QIODevice::Truncate));
    state.write(json);
    state.close();
    const QList<pid_t> pids = postmasters(info->directory);
    QCOMPARE(pids.size(), 2);
    const CliRun status = pgshift({"sandbox", "status"}); // the next pgshift tidies up
    QCOMPARE(status.exitCode, 0);
    QVERIFY2(status.out.contains("No sandbox."), status.out.constData());
    QVERIFY(!QFileInfo::exists(info->directory));
    for (const pid_t pid : pids)
        QVERIFY(!alive(pid));
}

void TestSandbox::demoEndsCleanOnSignal_data()
{
    QTest::addColumn<int>("signal");
    QTest::addColumn<bool>("whileStarting");
    QTest::newRow("Ctrl+C while the sandbox starts") << int(SIGINT) << true;
    QTest::newRow("kill once it is ready") << int(SIGTERM) << false;
}

void TestSandbox::demoEndsCleanOnSignal()
{
    QFETCH(int, signal);
    QFETCH(bool, whileStarting);
    QTemporaryDir state;
    QProcess demo;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("QT_QPA_PLATFORM", "offscreen");
    env.insert("PGSHIFT_STATE_DIR", state.path());
    demo.setProcessEnvironment(env);
    demo.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    demo.start(PGSHIFT_BINARY, {"demo"});
    QVERIFY(demo.waitForStarted());
    // The sandbox directory appears first; connections.env is its last file.
    QString directory;
    QTRY_VERIFY_WITH_TIMEOUT(Sandbox::list().size() == 1, 30000);
    directory = Sandbox::list().constFirst().directory;
    QCOMPARE(Sandbox::list().constFirst().ownerPid, demo.processId());
    if (!whileStarting)
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(QDir(directory).filePath("connections.env")), 30000);
    const QList<pid_t> before = postmasters(directory);
    QVERIFY(::kill(pid_t(demo.processId()), signal) == 0);
    QVERIFY(demo.waitForFinished(60000));
    QCOMPARE(demo.exitStatus(), QProcess::NormalExit);
    QCOMPARE(demo.exitCode(), 0);
    QVERIFY(!QFileInfo::exists(directory));
    QVERIFY(Sandbox::list().isEmpty());
    for (const pid_t pid : before)
        QVERIFY(!alive(pid));
    if (!whileStarting)
        QCOMPARE(before.size(), 2);
}

void TestSandbox::badUsage()
{
    QCOMPARE(pgshift({"sandbox"}).exitCode, 2);
    QCOMPARE(pgshift({"sandbox", "frobnicate"}).exitCode, 2);
    QCOMPARE(pgshift({"sandbox", "workload", "--rate", "fast"}).exitCode, 2);
    const CliRun none = pgshift({"sandbox", "workload", "--seconds", "1"});
    QCOMPARE(none.exitCode, 1);
    QVERIFY2(none.err.contains("no sandbox is running"), none.err.constData());
    QDir(m_root).removeRecursively();
}

QTEST_GUILESS_MAIN(TestSandbox)
#include "tst_sandbox.moc"
