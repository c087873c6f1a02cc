// Connection tests against real servers: the facts, libpq's password file and service file,
// same-database detection, and the non-empty target warning data.
#include "core/pg/connection.h"
#include "core/pg/connectiontest.h"
#include "tests/support/loopback.h"
#include "tests/support/pgserver.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace pgshift::core;
using namespace pgshift::testsupport;

namespace {

// A .pgpass field: ':' and '\' are escaped with a backslash.
QString pgpassField(QString value)
{
    return value.replace("\\", "\\\\").replace(":", "\\:");
}

void writeFile(const QString &path, const QString &text)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(text.toUtf8());
    file.setPermissions(QFile::ReadOwner | QFile::WriteOwner); // libpq ignores a readable passfile
}

} // namespace

class TestConnectionTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void superuserFacts();
    void ordinaryRoleFacts();
    void passwordFileLookup();
    void serviceFileLookup();
    void failureCarriesPlainWords();
    void silentServerFailsWithinTimeout();
    void sameDatabaseRefused();
    void sameServerOtherDatabase();
    void differentServers();
    void identityWithoutSystemIdentifier();
    void nonEmptyTargetListsSchemas();

private:
    ConnectionSettings appUser(PgServer &server, const QString &db = "postgres") const;
    PgServer m_source{PgServer::Role::Source};
    PgServer m_target{PgServer::Role::Target};
    QTemporaryDir m_dir;
    const QString m_appPassword = QString::fromUtf8("app:pw\\with 'odd' chars ✓");
};

void TestConnectionTest::initTestCase()
{
    PGSHIFT_START(m_source);
    PGSHIFT_START(m_target);
    for (PgServer *server : {&m_source, &m_target}) {
        Connection admin(server->settings());
        admin.execShownAs(QString("CREATE ROLE app LOGIN REPLICATION PASSWORD %1").arg(admin.quoteLiteral(m_appPassword)),
                       QStringLiteral("CREATE ROLE app LOGIN REPLICATION PASSWORD '***'"));
        admin.exec("CREATE DATABASE other");
    }
}

void TestConnectionTest::init()
{
    qunsetenv("PGPASSFILE");
    qunsetenv("PGSERVICEFILE");
    qunsetenv("PGPASSWORD");
}

ConnectionSettings TestConnectionTest::appUser(PgServer &server, const QString &db) const
{
    ConnectionSettings s = server.settings(db);
    s.setUser("app");
    s.setPassword(m_appPassword);
    return s;
}

void TestConnectionTest::superuserFacts()
{
    const ConnectionTestResult result = testConnection(m_target.settings());
    QVERIFY2(result.ok(), qPrintable(result.error ? result.error->message() : QString()));
    const ServerFacts &f = *result.facts;
    QCOMPARE(f.serverMajorVersion(), m_target.majorVersion());
    QVERIFY(f.serverVersion.startsWith(QString::number(m_target.majorVersion())));
    QCOMPARE(f.database, QString("postgres"));
    QVERIFY(f.databaseOid > 0);
    QVERIFY(f.databaseSizeBytes > 1024 * 1024);
    QCOMPARE(f.user, QString("postgres"));
    QVERIFY(f.superuser);
    QVERIFY(f.canReplicate());
    QCOMPARE(f.walLevel, QString("logical"));
    QVERIFY(!f.inRecovery);
    QCOMPARE(f.serverAddress, QString("127.0.0.1"));
    QCOMPARE(f.serverPort, m_target.port());
    QVERIFY(!f.systemIdentifier.isEmpty());
    QCOMPARE(f.userTableCount(), 0);
    QVERIFY(result.roundTripMs > 0 && result.roundTripMs < 1000);
    QVERIFY(result.connectMs >= 0);
}

void TestConnectionTest::ordinaryRoleFacts()
{
    for (PgServer *server : {&m_source, &m_target}) {
        {
            Connection admin(server->settings());
            admin.exec("DROP ROLE IF EXISTS rds_replication");
            admin.exec("CREATE ROLE rds_replication");
        }
        ConnectionTestResult result = testConnection(appUser(*server));
        QVERIFY(result.ok());
        QCOMPARE(result.facts->user, QString("app"));
        QVERIFY(!result.facts->superuser);
        QVERIFY(result.facts->replication);
        QVERIFY(!result.facts->rdsReplication);
        QVERIFY(!result.facts->createSubscription);

        Connection admin(server->settings());
        admin.exec("GRANT rds_replication TO app");
        if (server->majorVersion() >= 16)
            admin.exec("GRANT pg_create_subscription TO app");
        result = testConnection(appUser(*server));
        QVERIFY(result.ok());
        QVERIFY(result.facts->rdsReplication);
        QCOMPARE(result.facts->createSubscription, server->majorVersion() >= 16);
        admin.exec("DROP ROLE rds_replication");
        if (server->majorVersion() >= 16)
            admin.exec("REVOKE pg_create_subscription FROM app");
    }
}

void TestConnectionTest::passwordFileLookup()
{
    const QString passfile = m_dir.filePath("pgpass");
    writeFile(passfile, QString("# pgshift test\n127.0.0.1:%1:*:app:%2\n")
                            .arg(m_source.port())
                            .arg(pgpassField(m_appPassword)));
    ConnectionSettings settings = appUser(m_source);
    settings.setPassword(QString());
    // Without the file the server's demand for a password is reported as such.
    ConnectionTestResult result = testConnection(settings);
    QVERIFY(!result.ok());
    QVERIFY(result.error->needsPassword());

    qputenv("PGPASSFILE", passfile.toLocal8Bit());
    result = testConnection(settings);
    QVERIFY2(result.ok(), qPrintable(result.error ? result.error->message() : QString()));
    QCOMPARE(result.facts->user, QString("app"));
}

void TestConnectionTest::serviceFileLookup()
{
    const QString serviceFile = m_dir.filePath("pg_service.conf");
    writeFile(serviceFile, QString("[pgshift_target]\nhost=127.0.0.1\nport=%1\nuser=app\n"
                                   "dbname=other\nsslmode=disable\n")
                               .arg(m_target.port()));
    qputenv("PGSERVICEFILE", serviceFile.toLocal8Bit());
    qputenv("PGPASSWORD", m_appPassword.toUtf8());
    const auto settings = ConnectionSettings::parse("service=pgshift_target");
    QVERIFY(settings);
    QVERIFY(settings->problems().isEmpty());
    const ConnectionTestResult result = testConnection(*settings);
    QVERIFY2(result.ok(), qPrintable(result.error ? result.error->message() : QString()));
    QCOMPARE(result.facts->database, QString("other"));
    QCOMPARE(result.facts->serverPort, m_target.port());

    const auto missing = testConnection(*ConnectionSettings::parse("service=no_such_service"));
    QVERIFY(!missing.ok());
    QVERIFY2(missing.error->message().contains("no_such_service"), qPrintable(missing.error->message()));
}

void TestConnectionTest::failureCarriesPlainWords()
{
    ConnectionSettings settings = appUser(m_source);
    settings.setPassword("wrong");
    ConnectionTestResult result = testConnection(settings);
    QVERIFY(!result.ok());
    QVERIFY(!result.error->needsPassword());
    QCOMPARE(result.error->explanation(), QString("The server rejected the password for this user."));

    settings = appUser(m_source, "missing_db");
    result = testConnection(settings);
    QCOMPARE(result.error->explanation(), QString("That database does not exist on this server."));

    settings = appUser(m_source);
    settings.setUser("ghost");
    result = testConnection(settings);
    QVERIFY(!result.ok()); // scram hides whether a role exists: it reads as a bad password
    QVERIFY(!result.error->explanation().isEmpty());
}

void TestConnectionTest::silentServerFailsWithinTimeout()
{
    SilentListener silent;
    ConnectionSettings settings = appUser(m_source);
    settings.setPort(silent.port());
    settings.setConnectTimeout(2);
    QElapsedTimer timer;
    timer.start();
    const ConnectionTestResult result = testConnection(settings);
    QVERIFY(!result.ok());
    QVERIFY(timer.elapsed() < 3500);
    QVERIFY(result.error->explanation().contains("did not answer in time"));
}

void TestConnectionTest::sameDatabaseRefused()
{
    const auto asSuperuser = testConnection(m_source.settings());
    // Same database reached as another user and through another spelling of the address.
    ConnectionSettings other = appUser(m_source);
    other.setHost("localhost");
    other.setValue("hostaddr", "127.0.0.1");
    const auto asApp = testConnection(other);
    QVERIFY(asSuperuser.ok() && asApp.ok());
    QCOMPARE(DatabaseIdentity::compare(*asSuperuser.facts, *asApp.facts),
             DatabaseIdentity::Verdict::SameDatabase);
    QVERIFY(DatabaseIdentity::describe(DatabaseIdentity::Verdict::SameDatabase, *asSuperuser.facts,
                                       *asApp.facts)
                .contains("source database itself"));
}

void TestConnectionTest::sameServerOtherDatabase()
{
    const auto a = testConnection(m_source.settings());
    const auto b = testConnection(m_source.settings("other"));
    QVERIFY(a.ok() && b.ok());
    QCOMPARE(DatabaseIdentity::compare(*a.facts, *b.facts), DatabaseIdentity::Verdict::SameServer);
}

void TestConnectionTest::differentServers()
{
    const auto a = testConnection(m_source.settings());
    const auto b = testConnection(m_target.settings());
    QVERIFY(a.ok() && b.ok());
    QVERIFY(a.facts->systemIdentifier != b.facts->systemIdentifier);
    QCOMPARE(DatabaseIdentity::compare(*a.facts, *b.facts), DatabaseIdentity::Verdict::Different);
}

void TestConnectionTest::identityWithoutSystemIdentifier()
{
    // Managed services rarely let users read pg_control_system(): the fallback must still see
    // that these are the same server, and that the other server is not.
    auto a = testConnection(m_source.settings());
    auto b = testConnection(appUser(m_source));
    auto c = testConnection(m_target.settings());
    QVERIFY(a.ok() && b.ok() && c.ok());
    a.facts->systemIdentifier.clear();
    b.facts->systemIdentifier.clear();
    c.facts->systemIdentifier.clear();
    QCOMPARE(DatabaseIdentity::compare(*a.facts, *b.facts), DatabaseIdentity::Verdict::SameDatabase);
    QCOMPARE(DatabaseIdentity::compare(*a.facts, *c.facts), DatabaseIdentity::Verdict::Different);
}

void TestConnectionTest::nonEmptyTargetListsSchemas()
{
    {
        Connection admin(m_target.settings("other"));
        admin.exec("CREATE SCHEMA sales");
        admin.exec("CREATE SCHEMA \"Mixed Case\"");
        admin.exec("CREATE TABLE sales.orders(id int)");
        admin.exec("CREATE TABLE sales.lines(id int)");
        admin.exec("CREATE TABLE \"Mixed Case\".t(id int)");
        admin.exec("CREATE TABLE public.events(id int, at date) PARTITION BY RANGE (at)");
        admin.exec("CREATE VIEW public.not_a_table AS SELECT 1");
        admin.exec("CREATE TEMP TABLE scratch(x int)");
    }
    const auto result = testConnection(m_target.settings("other"));
    QVERIFY(result.ok());
    QCOMPARE(result.facts->userTableCount(), 4);
    QCOMPARE(result.facts->userTables.size(), 3);
    QCOMPARE(result.facts->userTables.at(0).schema, QString("Mixed Case"));
    QCOMPARE(result.facts->userTables.at(1).schema, QString("public"));
    QCOMPARE(result.facts->userTables.at(2).schema, QString("sales"));
    QCOMPARE(result.facts->userTables.at(2).tables, 2);
}

QTEST_GUILESS_MAIN(TestConnectionTest)
#include "tst_connectiontest.moc"
