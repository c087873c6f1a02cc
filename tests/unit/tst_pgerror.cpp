// PgError's plain-words explanations for the failures people meet, including those a
// loopback test server cannot produce (DNS, SSL, full servers). Texts are libpq's and the
// server's own, as PostgreSQL 15 and 18 print them.
#include "core/pg/pgerror.h"

#include <QTest>

using pgshift::core::PgError;

class TestPgError : public QObject
{
    Q_OBJECT

private slots:
    void connectionMessages_data();
    void connectionMessages();
    void sqlStates_data();
    void sqlStates();
    void serverTextListsEveryField();
};

void TestPgError::connectionMessages_data()
{
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("explanation");
    QTest::newRow("wrong password")
        << "connection to server at \"db\" (10.0.0.5), port 5432 failed: FATAL:  password authentication failed for user \"alice\""
        << "rejected the password";
    QTest::newRow("no password")
        << "connection to server at \"db\", port 5432 failed: fe_sendauth: no password supplied"
        << "wants a password and none was given";
    QTest::newRow("unknown host")
        << "could not translate host name \"db.example.invalid\" to address: Name or service not known"
        << "could not be resolved";
    QTest::newRow("refused")
        << "connection to server at \"db\", port 5432 failed: Connection refused\n\tIs the server running on that host and accepting TCP/IP connections?"
        << "Nothing is listening";
    QTest::newRow("timeout")
        << "connection to server at \"db\", port 5432 failed: timeout expired" << "did not answer in time";
    QTest::newRow("ssl required by client")
        << "connection to server at \"db\", port 5432 failed: server does not support SSL, but SSL was required"
        << "require SSL but the server does not offer it";
    QTest::newRow("ssl required by server")
        << "connection to server at \"db\", port 5432 failed: FATAL:  no pg_hba.conf entry for host \"10.1.1.1\", user \"a\", database \"d\", no encryption"
        << "only over SSL";
    QTest::newRow("hba missing")
        << "connection to server at \"db\", port 5432 failed: FATAL:  no pg_hba.conf entry for host \"10.1.1.1\", user \"a\", database \"d\", SSL encryption"
        << "has no rule";
    QTest::newRow("hba reject")
        << "connection to server at \"db\", port 5432 failed: FATAL:  pg_hba.conf rejects connection for host \"10.1.1.1\", user \"a\", database \"d\", SSL encryption"
        << "explicitly rejects";
    QTest::newRow("certificate")
        << "connection to server at \"db\", port 5432 failed: SSL error: certificate verify failed"
        << "certificate could not be verified";
    QTest::newRow("channel binding")
        << "connection to server at \"db\", port 5432 failed: channel binding required, but server authenticated client without channel binding"
        << "channel_binding=require";
    QTest::newRow("missing database")
        << "connection to server at \"db\", port 5432 failed: FATAL:  database \"shop\" does not exist"
        << "database does not exist";
    QTest::newRow("missing role")
        << "connection to server at \"db\", port 5432 failed: FATAL:  role \"bob\" does not exist"
        << "user (role) does not exist";
    QTest::newRow("too many clients")
        << "connection to server at \"db\", port 5432 failed: FATAL:  sorry, too many clients already"
        << "no free connection slots";
    QTest::newRow("reserved slots")
        << "connection to server at \"db\", port 5432 failed: FATAL:  remaining connection slots are reserved for non-replication superuser connections"
        << "no free connection slots";
    QTest::newRow("unknown") << "something nobody anticipated" << "";
}

void TestPgError::connectionMessages()
{
    QFETCH(QString, message);
    QFETCH(QString, explanation);
    const PgError error(PgError::Kind::Connection, message);
    if (explanation.isEmpty())
        QVERIFY(error.explanation().isEmpty());
    else
        QVERIFY2(error.explanation().contains(explanation), qPrintable(error.explanation()));
    QCOMPARE(error.message(), message);
    QCOMPARE(QString::fromStdString(error.what()), message);
}

void TestPgError::sqlStates_data()
{
    QTest::addColumn<QString>("sqlState");
    QTest::addColumn<QString>("explanation");
    QTest::newRow("28P01") << "28P01" << "rejected the password";
    QTest::newRow("3D000") << "3D000" << "database does not exist";
    QTest::newRow("42501") << "42501" << "lacks a privilege";
    QTest::newRow("53300") << "53300" << "no free connection slots";
    QTest::newRow("57P01") << "57P01" << "shutting down";
    QTest::newRow("08006") << "08006" << "failed or was lost";
    QTest::newRow("25006") << "25006" << "read-only";
    QTest::newRow("22012") << "22012" << "";
}

void TestPgError::sqlStates()
{
    QFETCH(QString, sqlState);
    QFETCH(QString, explanation);
    PgError::Fields fields;
    fields.sqlState = sqlState;
    fields.message = "server text";
    const PgError error(PgError::Kind::Query, fields);
    if (explanation.isEmpty())
        QVERIFY(error.explanation().isEmpty());
    else
        QVERIFY2(error.explanation().contains(explanation), qPrintable(error.explanation()));
}

void TestPgError::serverTextListsEveryField()
{
    PgError::Fields fields;
    fields.message = "duplicate key value violates unique constraint \"t_pkey\"";
    fields.detail = "Key (id)=(1) already exists.";
    fields.hint = "a hint";
    fields.context = "SQL statement";
    fields.sqlState = "23505";
    const QString text = PgError(PgError::Kind::Query, fields).serverText();
    QCOMPARE(text, QString("duplicate key value violates unique constraint \"t_pkey\"\n"
                           "DETAIL: Key (id)=(1) already exists.\nHINT: a hint\n"
                           "CONTEXT: SQL statement\nSQLSTATE: 23505"));
}

QTEST_GUILESS_MAIN(TestPgError)
#include "tst_pgerror.moc"
