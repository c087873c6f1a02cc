// Connection against real servers: success, every kind of failure, parameters, errors, cancel.
#include "core/pg/connection.h"
#include "core/pg/pgerror.h"
#include "tests/support/loopback.h"
#include "tests/support/pgserver.h"

#include <QElapsedTimer>
#include <QTest>

#include <functional>
#include <thread>

using namespace pgshift::core;
using namespace pgshift::testsupport;

namespace {

// Runs `connect` and returns the PgError it must throw.
PgError expectFailure(const std::function<void()> &connect)
{
    try {
        connect();
    } catch (const PgError &error) {
        return error;
    }
    return PgError(PgError::Kind::Usage, QStringLiteral("no error was thrown"));
}

} // namespace

class TestConnection : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void connects_data();
    void connects();
    void wrongPassword_data() { connects_data(); }
    void wrongPassword();
    void wrongDatabase();
    void closedPort();
    void silentServerTimesOut();
    void hostilePassword();
    void parameters();
    void queryErrorsCarryServerFields();
    void cancelStopsRunningStatement();
    void terminatedBackendIsConnectionError();

private:
    PgServer m_source{PgServer::Role::Source};
    PgServer m_target{PgServer::Role::Target};
    PgServer &server(const QString &role) { return role == QLatin1String("target") ? m_target : m_source; }
};

void TestConnection::initTestCase()
{
    PGSHIFT_START(m_source);
    PGSHIFT_START(m_target);
    const int expected = qEnvironmentVariableIntValue("PGSHIFT_EXPECT_TARGET_MAJOR");
    if (expected > 0)
        QCOMPARE(m_target.majorVersion(), expected);
}

void TestConnection::cleanupTestCase()
{
    m_source.stop();
    m_target.stop();
}

void TestConnection::connects_data()
{
    QTest::addColumn<QString>("role");
    QTest::newRow("source") << "source";
    QTest::newRow("target") << "target";
}

void TestConnection::connects()
{
    QFETCH(QString, role);
    PgServer &srv = server(role);
    Connection conn(srv.settings());
    QVERIFY(conn.isAlive());
    QCOMPARE(conn.serverMajorVersion(), srv.majorVersion());
    QVERIFY(conn.serverVersion().startsWith(QString::number(srv.majorVersion())));
    const Result r = conn.exec(QStringLiteral(
        "SELECT current_setting('application_name'), current_user, inet_server_port()"));
    QCOMPARE(r.text(0, 0), QStringLiteral("pgshift"));
    QCOMPARE(r.text(0, 1), srv.superuser());
    QCOMPARE(r.toInt64(0, 2), qint64(srv.port()));
}

void TestConnection::wrongPassword()
{
    QFETCH(QString, role);
    ConnectionSettings settings = server(role).settings();
    settings.setPassword(QStringLiteral("definitely-not-it"));
    const PgError error = expectFailure([&] { Connection conn(settings); });
    QCOMPARE(error.kind(), PgError::Kind::Connection);
    QVERIFY2(error.message().contains(QLatin1String("password authentication failed")),
             qPrintable(error.message()));
    QVERIFY2(error.explanation().contains(QLatin1String("password")), qPrintable(error.explanation()));
    QVERIFY(!error.message().contains(QLatin1String("definitely-not-it")));
}

void TestConnection::wrongDatabase()
{
    ConnectionSettings settings = m_target.settings(QStringLiteral("no_such_db"));
    const PgError error = expectFailure([&] { Connection conn(settings); });
    QCOMPARE(error.kind(), PgError::Kind::Connection);
    QVERIFY2(error.message().contains(QLatin1String("\"no_such_db\" does not exist")),
             qPrintable(error.message()));
    QVERIFY(error.explanation().contains(QLatin1String("does not exist")));
}

void TestConnection::closedPort()
{
    ConnectionSettings settings = m_source.settings();
    settings.setPort(freeLoopbackPort());
    QElapsedTimer timer;
    timer.start();
    const PgError error = expectFailure([&] { Connection conn(settings); });
    QCOMPARE(error.kind(), PgError::Kind::Connection);
    QVERIFY2(error.message().contains(QLatin1String("Connection refused")), qPrintable(error.message()));
    QVERIFY(error.explanation().contains(QLatin1String("Nothing is listening")));
    QVERIFY(timer.elapsed() < 2000);
}

void TestConnection::silentServerTimesOut()
{
    SilentListener silent;
    QVERIFY(silent.isListening());
    ConnectionSettings settings = m_source.settings();
    settings.setPort(silent.port());
    settings.setSslmode(QStringLiteral("prefer")); // the default: must not double the wait
    settings.setConnectTimeout(2);
    QElapsedTimer timer;
    timer.start();
    const PgError error = expectFailure([&] { Connection conn(settings); });
    const qint64 elapsed = timer.elapsed();
    QCOMPARE(error.kind(), PgError::Kind::Connection);
    QVERIFY2(error.message().contains(QLatin1String("timeout")), qPrintable(error.message()));
    QVERIFY(error.explanation().contains(QLatin1String("did not answer in time")));
    // libpq's timer has one-second granularity; well under twice the timeout proves no retry.
    QVERIFY2(elapsed >= 1000 && elapsed < 3500, qPrintable(QString::number(elapsed)));
}

void TestConnection::hostilePassword()
{
    const QString password = QString::fromUtf8("it's a \"pass\" with \\ back slash, spaces and ünïcødé ✓");
    {
        Connection admin(m_source.settings());
        admin.exec(QStringLiteral("DROP ROLE IF EXISTS hostile_pw"));
        admin.execShownAs(QStringLiteral("CREATE ROLE hostile_pw LOGIN PASSWORD %1").arg(admin.quoteLiteral(password)),
                       QStringLiteral("CREATE ROLE hostile_pw LOGIN PASSWORD '***'"));
    }
    ConnectionSettings settings = m_source.settings();
    settings.setUser(QStringLiteral("hostile_pw"));
    settings.setPassword(password);
    for (const QString &text : {settings.toUri(ConnectionSettings::Password::Include),
                                settings.toKeywordValue(ConnectionSettings::Password::Include)}) {
        QString why;
        const auto parsed = ConnectionSettings::parse(text, &why);
        QVERIFY2(parsed, qPrintable(why));
        QCOMPARE(parsed->password(), password);
        Connection conn(*parsed);
        QCOMPARE(conn.exec(QStringLiteral("SELECT current_user")).text(0, 0), QStringLiteral("hostile_pw"));
    }
}

void TestConnection::parameters()
{
    Connection conn(m_target.settings());
    const Result r = conn.exec(QStringLiteral("SELECT $1::int + $2::int, $3::text IS NULL, $4::text, "
                                              "$5::boolean, length($6::bytea)"),
                               {40, 2, QVariant(), QString::fromUtf8("ünïcødé ✓ 'quoted'"), true,
                                QByteArray("\\x00ff")});
    QCOMPARE(r.rowCount(), 1);
    QCOMPARE(r.toInt64(0, 0), qint64(42));
    QVERIFY(r.toBool(0, 1));
    QCOMPARE(r.columnCount(), 5);
    QCOMPARE(r.text(0, 2), QString::fromUtf8("ünïcødé ✓ 'quoted'"));
    QVERIFY(r.toBool(0, 3));
    QCOMPARE(r.toInt64(0, 4), qint64(2));

    const Result named = conn.exec(QStringLiteral("SELECT 7 AS seven, NULL::int AS nothing"));
    QCOMPARE(named.toInt64(0, u"seven"), qint64(7));
    QVERIFY(named.isNull(0, 1));
    QVERIFY(!named.optionalText(0, 1).has_value());
    QCOMPARE(named.columnIndex(u"nothing"), 1);
    QCOMPARE(named.columnIndex(u"missing"), -1);
    QVERIFY_THROWS_EXCEPTION(PgError, named.toInt64(0, 1));
    QVERIFY_THROWS_EXCEPTION(PgError, named.text(5, 0));

    conn.exec(QStringLiteral("CREATE TEMP TABLE t(x int)"));
    const Result inserted = conn.exec(QStringLiteral("INSERT INTO t SELECT generate_series(1, $1)"), {5});
    QCOMPARE(inserted.affectedRows(), qint64(5));
    QCOMPARE(inserted.commandStatus(), QStringLiteral("INSERT 0 5"));
}

void TestConnection::queryErrorsCarryServerFields()
{
    Connection conn(m_target.settings());
    const PgError division = expectFailure([&] { conn.exec(QStringLiteral("SELECT 1/0")); });
    QCOMPARE(division.kind(), PgError::Kind::Query);
    QCOMPARE(division.sqlState(), QStringLiteral("22012"));
    QCOMPARE(division.message(), QStringLiteral("division by zero"));
    QCOMPARE(division.severity(), QStringLiteral("ERROR"));

    const PgError hinted = expectFailure([&] { conn.exec(QStringLiteral("SELECT 'a'::text + 1")); });
    QCOMPARE(hinted.sqlState(), QStringLiteral("42883"));
    QVERIFY(!hinted.hint().isEmpty());
    QVERIFY(hinted.serverText().contains(QLatin1String("HINT: ")));
    QVERIFY(hinted.serverText().contains(QLatin1String("SQLSTATE: 42883")));

    conn.exec(QStringLiteral("CREATE TEMP TABLE parent(id int PRIMARY KEY)"));
    conn.exec(QStringLiteral("CREATE TEMP TABLE child(pid int REFERENCES parent)"));
    const PgError fk = expectFailure([&] { conn.exec(QStringLiteral("INSERT INTO child VALUES (1)")); });
    QCOMPARE(fk.sqlState(), QStringLiteral("23503"));
    QVERIFY(fk.detail().contains(QLatin1String("is not present in table")));
    // The connection is still usable after an error.
    QCOMPARE(conn.exec(QStringLiteral("SELECT 1")).toInt64(0, 0), qint64(1));
}

void TestConnection::cancelStopsRunningStatement()
{
    Connection conn(m_source.settings());
    std::thread canceller([&conn] {
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        conn.cancel();
    });
    QElapsedTimer timer;
    timer.start();
    const PgError error = expectFailure([&] { conn.exec(QStringLiteral("SELECT pg_sleep(60)")); });
    canceller.join();
    QCOMPARE(error.kind(), PgError::Kind::Cancelled);
    QCOMPARE(error.sqlState(), QStringLiteral("57014"));
    QVERIFY2(timer.elapsed() < 2000, qPrintable(QString::number(timer.elapsed())));
    QCOMPARE(conn.exec(QStringLiteral("SELECT 2")).toInt64(0, 0), qint64(2));
}

void TestConnection::terminatedBackendIsConnectionError()
{
    Connection victim(m_source.settings());
    const qint64 pid = victim.exec(QStringLiteral("SELECT pg_backend_pid()")).toInt64(0, 0);
    Connection admin(m_source.settings());
    QVERIFY(admin.exec(QStringLiteral("SELECT pg_terminate_backend($1)"), {pid}).toBool(0, 0));
    const PgError error = expectFailure([&] { victim.exec(QStringLiteral("SELECT 1")); });
    QCOMPARE(error.kind(), PgError::Kind::Connection);
    QVERIFY(!victim.isAlive());
}

QTEST_GUILESS_MAIN(TestConnection)
#include "tst_connection.moc"
