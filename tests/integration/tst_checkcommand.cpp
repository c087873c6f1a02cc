// `pgshift check`: exit 0 without blockers, 1 with them, 2 when it cannot run; JSON for scripts.
#include "core/pg/connection.h"
#include "tests/support/clirun.h"
#include "tests/support/loopback.h"
#include "tests/support/pgserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace pgshift::core;
using namespace pgshift::testsupport;

class TestCheckCommand : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void exitCodesAndJson();
    void cannotRunExitsTwo_data();
    void cannotRunExitsTwo();

private:
    int check(const QStringList &arguments, QByteArray *out = nullptr, QByteArray *err = nullptr);
    PgServer m_source{PgServer::Role::Source};
    PgServer m_target{PgServer::Role::Target};
    QTemporaryDir m_logs;
};

void TestCheckCommand::initTestCase()
{
    PGSHIFT_START(m_source);
    PGSHIFT_START(m_target);
}

int TestCheckCommand::check(const QStringList &arguments, QByteArray *out, QByteArray *err)
{
    const CliRun run = CliRun::run(PGSHIFT_BINARY, QStringList{"check"} + arguments, m_logs.path());
    if (out)
        *out = run.out;
    if (err)
        *err = run.err;
    return run.exitCode;
}

void TestCheckCommand::exitCodesAndJson()
{
    {
        Connection src(m_source.settings());
        src.exec("CREATE TABLE public.keyed(id int PRIMARY KEY)");
    }
    const QString source = m_source.settings().toUri(ConnectionSettings::Password::Include);
    const QString target = m_target.settings().toUri(ConnectionSettings::Password::Include);
    QByteArray out, err;
    QCOMPARE(check({"--source", source, "--target", target, "--format", "json"}, &out, &err), 0);
    QJsonObject root = QJsonDocument::fromJson(out).object();
    QCOMPARE(root.value("blockers").toInt(), 0);
    QVERIFY(root.value("checks").toArray().size() >= 10);
    QVERIFY(!out.contains(m_source.password().toUtf8()) && !err.contains(m_source.password().toUtf8()));

    {
        Connection src(m_source.settings());
        src.exec("CREATE TABLE public.keyless(a int)");
    }
    QCOMPARE(check({"--source", source, "--target", target, "--format", "json"}, &out), 1);
    root = QJsonDocument::fromJson(out).object();
    QCOMPARE(root.value("blockers").toInt(), 1);
    // The same database is fine for dump and restore: no replica identity needed.
    QCOMPARE(check({"--source", source, "--target", target, "--method", "dump"}, &out), 0);
    QVERIFY(out.contains("0 blockers, "));
    QCOMPARE(check({"--source", source, "--target", target, "--format", "markdown"}, &out), 1);
    QVERIFY(out.startsWith("# pgshift preflight (logical)"));
}

void TestCheckCommand::cannotRunExitsTwo_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    const QString closed = QString("host=127.0.0.1 port=%1").arg(freeLoopbackPort());
    QTest::newRow("no target") << QStringList{"--source", "host=127.0.0.1"} << "give --source and --target";
    QTest::newRow("bad method") << QStringList{"--method", "copy"} << "--method must be dump, logical or dms";
    QTest::newRow("bad format") << QStringList{"--format", "xml"} << "--format must be text, json or markdown";
    QTest::newRow("unreachable") << QStringList{"--source", closed, "--target", closed} << "Nothing is listening";
}

void TestCheckCommand::cannotRunExitsTwo()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    QByteArray out, err;
    QCOMPARE(check(arguments, &out, &err), 2);
    QVERIFY2(err.contains(message.toUtf8()), err.constData());
    QVERIFY(out.isEmpty());
}

QTEST_GUILESS_MAIN(TestCheckCommand)
#include "tst_checkcommand.moc"
