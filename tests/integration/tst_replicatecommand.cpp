// `pgshift replicate start|status|cleanup`: the steps and their SQL shown (password masked),
// the initial copy waited for, status as JSON, status and cleanup from the saved state
// (no endpoints given), cleanup leaving nothing; bad usage refused.
#include "core/pg/connection.h"
#include "tests/support/clirun.h"
#include "tests/support/pgserver.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace pgshift::core;
using namespace pgshift::testsupport;

class TestReplicateCommand : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void startStatusCleanup();
    void rejectsBadUsage();

private:
    QStringList endpoints() const
    {
        return {"--source", m_source.settings("shop").toUri(ConnectionSettings::Password::Include),
                "--target", m_target.settings("shop").toUri(ConnectionSettings::Password::Include)};
    }

    PgServer m_source{PgServer::Role::Source};
    PgServer m_target{PgServer::Role::Target};
    QTemporaryDir m_logs;
    QTemporaryDir m_state;
    QMap<QString, QString> env() const { return {{"PGSHIFT_STATE_DIR", m_state.path()}}; }
};

void TestReplicateCommand::initTestCase()
{
    PGSHIFT_START(m_source);
    PGSHIFT_START(m_target);
    Connection(m_source.settings()).exec("CREATE DATABASE shop");
    Connection(m_target.settings()).exec("CREATE DATABASE shop");
    Connection shop(m_source.settings("shop"));
    shop.exec("CREATE TABLE public.items (id int PRIMARY KEY, name text)");
    shop.exec("INSERT INTO public.items SELECT g, 'item ' || g FROM generate_series(1, 5000) g");
    shop.exec("CREATE INDEX items_name ON public.items (name)");
}

void TestReplicateCommand::startStatusCleanup()
{
    CliRun run = CliRun::run(PGSHIFT_BINARY, QStringList{"replicate", "start", "--yes"} + endpoints(), m_logs.path(), env());
    QVERIFY2(run.exitCode == 0, run.out + run.err);
    QVERIFY2(run.out.contains("CREATE SUBSCRIPTION \"pgshift_sub\"") && run.out.contains("password=***"), run.out.constData());
    QVERIFY(run.out.contains("keeps the source's password on the target"));
    QVERIFY2(run.out.contains("Every table finished its initial copy") && run.out.contains("Built 1 deferred secondary index"),
             run.out.constData());
    for (const QByteArray &text : {run.out, run.err})
        QVERIFY(!text.contains(m_source.password().toUtf8()));
    // The state is saved for later runs, without a password.
    QFile state(m_state.filePath("replication.json"));
    QVERIFY(state.open(QIODevice::ReadOnly));
    const QByteArray saved = state.readAll();
    QVERIFY2(saved.contains("\"subscription\": \"pgshift_sub\"") && saved.contains("dbname=shop"), saved.constData());
    QVERIFY(!saved.contains(m_source.password().toUtf8()) && !saved.contains(m_target.password().toUtf8()));

    Connection(m_source.settings("shop")).exec("INSERT INTO public.items VALUES (5001, 'late')");
    QJsonObject status;
    for (int attempt = 0; attempt < 150; ++attempt) { // the subscriber confirms at least every 10 s
        run = CliRun::run(PGSHIFT_BINARY, QStringList{"replicate", "status", "--format", "json", "--max-lag", "0"} + endpoints(), m_logs.path());
        QCOMPARE(run.exitCode, 0);
        status = QJsonDocument::fromJson(run.out).object();
        if (status.value("ready_for_cutover").toBool())
            break;
        QTest::qWait(200);
    }
    QVERIFY2(status.value("ready_for_cutover").toBool(), run.out.constData());
    QCOMPARE(status.value("lag_bytes").toInteger(), qint64(0));
    QVERIFY2(status.value("received_lag_bytes").isDouble() && status.value("received_lag_bytes").toInteger() >= 0, run.out.constData());
    QVERIFY2(status.value("reported_lag_bytes").isDouble(), run.out.constData());
    QVERIFY(status.value("source_lsn").toString().contains('/'));
    QCOMPARE(status.value("tables").toArray().first().toObject().value("state").toString(), QString("r"));
    const Result late = Connection(m_target.settings("shop")).exec("SELECT name FROM public.items WHERE id = 5001");
    QVERIFY2(late.rowCount() == 1 && late.text(0, 0) == "late", run.out.constData());

    // Without --source/--target, status and cleanup follow the saved replication; its
    // passwords come from wherever libpq finds them (a passfile here).
    const QString passfile = m_state.filePath("pgpass");
    {
        QFile f(passfile);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        f.write(QString("127.0.0.1:%1:*:postgres:%2\n127.0.0.1:%3:*:postgres:%4\n")
                    .arg(m_source.port()).arg(m_source.password()).arg(m_target.port()).arg(m_target.password()).toUtf8());
    }
    QMap<QString, QString> savedOnly = env();
    savedOnly.insert("PGPASSFILE", passfile);
    run = CliRun::run(PGSHIFT_BINARY, {"replicate", "status", "--format", "json"}, m_logs.path(), savedOnly);
    QVERIFY2(run.exitCode == 0, run.out + run.err);
    QVERIFY2(run.err.contains("Following the replication pgshift started"), run.err.constData());
    QVERIFY(QJsonDocument::fromJson(run.out).object().value("subscription_exists").toBool());
    run = CliRun::run(PGSHIFT_BINARY, {"replicate", "cleanup"}, m_logs.path(), savedOnly);
    QVERIFY2(run.exitCode == 0, run.out + run.err);
    QVERIFY(!QFile::exists(m_state.filePath("replication.json")));
    QVERIFY2(run.out.contains("No pgshift slot, publication or subscription is left"), run.out.constData());
    // Nothing saved any more: endpoints are needed again.
    run = CliRun::run(PGSHIFT_BINARY, {"replicate", "status"}, m_logs.path(), savedOnly);
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains("no replication started by pgshift is saved"), run.err.constData());
    run = CliRun::run(PGSHIFT_BINARY, QStringList{"replicate", "status"} + endpoints(), m_logs.path());
    QCOMPARE(run.exitCode, 1); // nothing to follow any more
    QVERIFY(run.out.contains("No subscription on the target"));
}

void TestReplicateCommand::rejectsBadUsage()
{
    const struct
    {
        QStringList arguments;
        const char *message;
    } cases[] = {
        {{"replicate"}, "start, status or cleanup"},
        {{"replicate", "begin"}, "start, status or cleanup"},
        {{"replicate", "status", "--slot", "Bad-Name"}, "is not valid"},
        {{"replicate", "status", "--format", "xml"}, "--format must be text or json"},
        {{"replicate", "start", "--source", "host=127.0.0.1", "--target", "host=127.0.0.1"}, "add --yes"},
    };
    for (const auto &c : cases) {
        const CliRun run = CliRun::run(PGSHIFT_BINARY, c.arguments, m_logs.path());
        QVERIFY2(run.exitCode == 2, qPrintable(c.arguments.join(' ')));
        QVERIFY2(run.err.contains(c.message), run.err.constData());
    }
}

QTEST_GUILESS_MAIN(TestReplicateCommand)
#include "tst_replicatecommand.moc"
