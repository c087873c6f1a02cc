// `pgshift copy`: exit 0 only when the copy and its verification succeeded; refuses without a
// confirmation off a terminal and when the target already holds the names; no password shown.
#include "core/pg/connection.h"
#include "tests/support/clirun.h"
#include "tests/support/pgserver.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <sys/types.h>

using namespace pgshift::core;
using namespace pgshift::testsupport;

class TestCopyCommand : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void copiesThenRefusesToOverwrite();
    void needsConfirmationOffTerminal();
    void pgDumpEngineWithScope();
    void rejectsBadOptions();
    void interruptCancelsAndPrintsCleanup();

private:
    PgServer m_source{PgServer::Role::Source};
    PgServer m_target{PgServer::Role::Target};
    QTemporaryDir m_logs;
};

void TestCopyCommand::initTestCase()
{
    PGSHIFT_START(m_source);
    PGSHIFT_START(m_target);
    Connection src(m_source.settings());
    src.exec("CREATE TABLE public.items (id serial PRIMARY KEY, name text, price numeric)");
    src.exec("INSERT INTO public.items (name, price) SELECT 'item ' || g, g / 7.0 FROM generate_series(1, 20000) g");
    src.exec("CREATE INDEX items_name ON public.items (name)");
}

void TestCopyCommand::copiesThenRefusesToOverwrite()
{
    const QStringList args{"copy", "--yes", "--jobs", "2",
                           "--source", m_source.settings().toUri(ConnectionSettings::Password::Include),
                           "--target", m_target.settings().toUri(ConnectionSettings::Password::Include)};
    CliRun run = CliRun::run(PGSHIFT_BINARY, args, m_logs.path());
    QVERIFY2(run.exitCode == 0, run.out + run.err);
    QVERIFY2(QString::fromUtf8(run.out).contains(QRegularExpression("Copied 1 table \\(20,000 rows, [0-9.]+ [KM]iB\\), 1 sequence and 0 large objects")),
             run.out.constData());
    // Off a terminal: plain progress lines, one per phase at least.
    QVERIFY2(run.out.contains("Copying the data") && run.out.contains("Verifying row counts"), run.out.constData());
    QVERIFY(run.out.contains("every table's row count matches"));
    for (const QByteArray &text : {run.out, run.err})
        QVERIFY(!text.contains(m_source.password().toUtf8()) && !text.contains(m_target.password().toUtf8()));
    Connection tgt(m_target.settings());
    QCOMPARE(tgt.exec("SELECT count(*) FROM public.items").toInt64(0, 0), qint64(20000));
    QCOMPARE(tgt.exec("SELECT count(*) FROM pg_indexes WHERE indexname = 'items_name'").toInt64(0, 0), qint64(1));

    run = CliRun::run(PGSHIFT_BINARY, args, m_logs.path());
    QCOMPARE(run.exitCode, 1);
    QVERIFY(run.err.contains("The copy did NOT complete"));
    QVERIFY(run.err.contains("\"public\".\"items\""));
    QCOMPARE(tgt.exec("SELECT count(*) FROM public.items").toInt64(0, 0), qint64(20000));
}

void TestCopyCommand::needsConfirmationOffTerminal()
{
    const CliRun run = CliRun::run(PGSHIFT_BINARY,
                                   {"copy", "--source", "host=127.0.0.1", "--target", "host=127.0.0.1"},
                                   m_logs.path());
    QCOMPARE(run.exitCode, 2);
    QVERIFY(run.err.contains("add --yes"));
    QCOMPARE(CliRun::run(PGSHIFT_BINARY, {"copy", "--jobs", "abc"}, m_logs.path()).exitCode, 2);
}

void TestCopyCommand::pgDumpEngineWithScope()
{
    Connection src(m_source.settings());
    src.exec("CREATE TABLE public.\"Other Things\" (id int PRIMARY KEY)");
    src.exec("INSERT INTO public.\"Other Things\" SELECT generate_series(1, 10)");
    Connection admin(m_target.settings());
    admin.exec("CREATE DATABASE archived");
    QTemporaryDir archives;
    const QString folder = archives.filePath("run1");
    const CliRun run = CliRun::run(
        PGSHIFT_BINARY,
        {"copy", "--yes", "--engine", "pg_dump", "--archive-dir", folder, "--table", "\"Other Things\"",
         "--source", m_source.settings().toUri(ConnectionSettings::Password::Include),
         "--target", m_target.settings("archived").toUri(ConnectionSettings::Password::Include)},
        m_logs.path());
    QVERIFY2(run.exitCode == 0, run.out + run.err);
    QVERIFY2(run.out.contains("Copied 1 table") && run.out.contains("The archive is in " + folder.toUtf8()),
             run.out.constData());
    QVERIFY(QFileInfo::exists(folder + "/toc.dat"));
    Connection tgt(m_target.settings("archived"));
    QCOMPARE(tgt.exec("SELECT count(*) FROM public.\"Other Things\"").toInt64(0, 0), qint64(10));
    QCOMPARE(tgt.exec("SELECT count(*) FROM pg_class WHERE relname = 'items'").toInt64(0, 0), qint64(0));
}

void TestCopyCommand::rejectsBadOptions()
{
    const QStringList base{"copy", "--yes", "--source", "host=127.0.0.1", "--target", "host=127.0.0.1"};
    const struct
    {
        QStringList extra;
        const char *message;
    } cases[] = {
        {{"--engine", "rsync"}, "--engine must be stream or pg_dump"},
        {{"--engine", "pg_dump"}, "needs --archive-dir"},
        {{"--archive-dir", "/tmp/x"}, "--archive-dir goes with --engine pg_dump"},
        {{"--table", "a.b.c"}, "is not a table name"},
        {{"--table", "\"unterminated"}, "is not a table name"},
        {{"--schema", "x.y"}, "is not a schema name"},
        {{"--jobs", "0"}, "--jobs must be a number from 1 to 64"},
    };
    for (const auto &c : cases) {
        const CliRun run = CliRun::run(PGSHIFT_BINARY, base + c.extra, m_logs.path());
        QVERIFY2(run.exitCode == 2, qPrintable(c.extra.join(' ')));
        QVERIFY2(run.err.contains(c.message), run.err.constData());
    }
}

void TestCopyCommand::interruptCancelsAndPrintsCleanup()
{
    Connection src(m_source.settings());
    src.exec("CREATE DATABASE big");
    Connection big(m_source.settings("big"));
    big.exec("CREATE TABLE public.bulk (id bigint PRIMARY KEY, body text)");
    // Big enough (about 300 MB) that the copy is still running when the interrupt lands.
    big.exec("INSERT INTO public.bulk SELECT g, repeat(md5(g::text), 8) FROM generate_series(1, 1000000) g");
    Connection admin(m_target.settings());
    admin.exec("CREATE DATABASE interrupted");
    QProcess pgshift;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("PGSHIFT_LOG_DIR", m_logs.path());
    pgshift.setProcessEnvironment(env);
    pgshift.start(PGSHIFT_BINARY, {"copy", "--yes", "--jobs", "2",
                                   "--source", m_source.settings("big").toUri(ConnectionSettings::Password::Include),
                                   "--target", m_target.settings("interrupted").toUri(ConnectionSettings::Password::Include)});
    QVERIFY(pgshift.waitForStarted());
    // Ctrl+C once the rows flow (the COPY shows on the target).
    Connection watch(m_target.settings());
    QTRY_VERIFY_WITH_TIMEOUT(watch.exec("SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'COPY%bulk%FROM STDIN%'"
                                        " AND state = 'active'").toInt64(0, 0) > 0, 30000);
    QElapsedTimer sinceInterrupt;
    sinceInterrupt.start();
    ::kill(pid_t(pgshift.processId()), SIGINT);
    QVERIFY(pgshift.waitForFinished(20000));
    QVERIFY2(pgshift.exitCode() != 0 || !pgshift.readAllStandardOutput().contains("Copied"),
             "the copy finished before the interrupt reached it");
    qInfo("Ctrl+C to exit: %lld ms", sinceInterrupt.elapsed());
    const QString err = QString::fromUtf8(pgshift.readAllStandardError());
    QCOMPARE(pgshift.exitCode(), 1);
    QVERIFY2(err.contains("Cancelling") && err.contains("cancelled and did NOT complete"), qPrintable(err));
    QVERIFY2(err.contains("table public.bulk") && err.contains("DROP TABLE IF EXISTS public.bulk CASCADE;"), qPrintable(err));
    QCOMPARE(watch.exec("SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'COPY%' AND state = 'active'"
                        " AND pid <> pg_backend_pid()").toInt64(0, 0), qint64(0));
}

QTEST_GUILESS_MAIN(TestCopyCommand)
#include "tst_copycommand.moc"
