// Identifier and literal quoting through libpq, proven by round trips through a real server.
#include "core/pg/connection.h"
#include "core/pg/pgerror.h"
#include "tests/support/pgserver.h"

#include <QTest>

using namespace pgshift::core;
using namespace pgshift::testsupport;

class TestQuoting : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void identifiers_data();
    void identifiers();
    void literals_data();
    void literals();
    void qualifiedNames();

private:
    PgServer m_source{PgServer::Role::Source};
    PgServer m_target{PgServer::Role::Target};
    std::unique_ptr<Connection> m_sourceConn;
    std::unique_ptr<Connection> m_targetConn;
};

void TestQuoting::initTestCase()
{
    PGSHIFT_START(m_source);
    PGSHIFT_START(m_target);
    m_sourceConn = std::make_unique<Connection>(m_source.settings());
    m_targetConn = std::make_unique<Connection>(m_target.settings());
}

void TestQuoting::cleanupTestCase()
{
    m_sourceConn.reset();
    m_targetConn.reset();
}

void TestQuoting::identifiers_data()
{
    QTest::addColumn<QString>("name");
    const QStringList names{
        QStringLiteral("simple"), QStringLiteral("MixedCase"), QStringLiteral("UPPER"),
        QStringLiteral("with space"), QStringLiteral("with\"quote"), QStringLiteral("\""),
        QStringLiteral("\"\""), QStringLiteral("'single'"), QStringLiteral("back\\slash"),
        QStringLiteral("semi;colon -- comment"), QStringLiteral("x\"); DROP TABLE victims; --"),
        QStringLiteral("select"), QStringLiteral("a.b"), QStringLiteral("$1"),
        QStringLiteral(" leading and trailing "), QStringLiteral("tab\there"),
        QString::fromUtf8("ünïcødé_名前"), QString::fromUtf8("emoji😀"),
        QString(63, u'n'), QStringLiteral("123starts_with_digit"), QStringLiteral("%s%n"),
    };
    for (const QString &name : names)
        QTest::newRow(qPrintable(name)) << name;
}

void TestQuoting::identifiers()
{
    QFETCH(QString, name);
    for (Connection *conn : {m_sourceConn.get(), m_targetConn.get()}) {
        const QString schema = conn->quoteIdentifier(name);
        const QString table = conn->quoteQualified(name, name);
        conn->exec(QStringLiteral("CREATE SCHEMA %1").arg(schema));
        conn->exec(QStringLiteral("CREATE TABLE %1 (%2 text)").arg(table, schema));
        conn->exec(QStringLiteral("INSERT INTO %1 (%2) VALUES ($1)").arg(table, schema), {name});
        const Result found = conn->exec(
            QStringLiteral("SELECT n.nspname, c.relname, a.attname FROM pg_class c "
                           "JOIN pg_namespace n ON n.oid = c.relnamespace "
                           "JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = 1 "
                           "WHERE n.nspname = $1 AND c.relname = $1"),
            {name});
        QCOMPARE(found.rowCount(), 1);
        QCOMPARE(found.text(0, 0), name);
        QCOMPARE(found.text(0, 1), name);
        QCOMPARE(found.text(0, 2), name);
        QCOMPARE(conn->exec(QStringLiteral("SELECT %1 FROM %2").arg(schema, table)).text(0, 0), name);
        conn->exec(QStringLiteral("DROP SCHEMA %1 CASCADE").arg(schema));
    }
}

void TestQuoting::literals_data()
{
    QTest::addColumn<QString>("value");
    QTest::newRow("plain") << QStringLiteral("plain");
    QTest::newRow("single quote") << QStringLiteral("it's");
    QTest::newRow("doubled quotes") << QStringLiteral("''");
    QTest::newRow("backslash") << QStringLiteral("C:\\temp\\new");
    QTest::newRow("backslash quote") << QStringLiteral("\\'; DROP TABLE x; --");
    QTest::newRow("dollar quote") << QStringLiteral("$$ $tag$ $");
    QTest::newRow("unicode") << QString::fromUtf8("ünïcødé ✓ 名前 😀");
    QTest::newRow("newlines") << QStringLiteral("line1\nline2\r\n\ttab");
    QTest::newRow("empty") << QStringLiteral("");
}

void TestQuoting::literals()
{
    QFETCH(QString, value);
    for (Connection *conn : {m_sourceConn.get(), m_targetConn.get()}) {
        const QString literal = conn->quoteLiteral(value);
        const Result r =
            conn->exec(QStringLiteral("SELECT %1::text = $1, %1::text").arg(literal), {value});
        QVERIFY2(r.toBool(0, 0), qPrintable(literal));
        QCOMPARE(r.text(0, 1), value);
    }
}

void TestQuoting::qualifiedNames()
{
    QCOMPARE(m_sourceConn->quoteQualified(QStringLiteral("public"), QStringLiteral("Orders")),
             QStringLiteral("\"public\".\"Orders\""));
    QCOMPARE(m_sourceConn->quoteQualified(QStringLiteral("a\"b"), QStringLiteral("c")),
             QStringLiteral("\"a\"\"b\".\"c\""));
}

QTEST_GUILESS_MAIN(TestQuoting)
#include "tst_quoting.moc"
