// Streaming one table from source to target: every type arrives intact, the snapshot is
// respected, cancel leaves nothing behind, and a target failure names the table and the cause.
#include "core/migration/tablecopy.h"
#include "core/pg/connection.h"
#include "core/pg/pgerror.h"
#include "tests/support/pgserver.h"

#include <QTest>

using namespace pgshift::core;
using namespace pgshift::testsupport;

namespace {

const QString Schema = QString::fromUtf8("Shop ünï \"x\"");
const QString Table = QString::fromUtf8("Order Lines; DROP");

// The same DDL on both sides: enum, generated column, a wide mix of types.
const char *TypeDdl = "CREATE TYPE %1.mood AS ENUM ('sad', 'ok', 'happy')";
const char *TableDdl = R"sql(
CREATE TABLE %1.%2 (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    "Text Col" text,
    raw bytea,
    doc jsonb,
    legacy json,
    amount numeric(20, 6),
    at timestamptz,
    tags text[],
    feeling %1.mood,
    total numeric GENERATED ALWAYS AS (amount * 2) STORED
))sql";

QString checksum(Connection &c, const QString &name)
{
    return c.exec(QString("SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY id)), '') FROM %1 t").arg(name)).text(0, 0);
}

} // namespace

class TestTableCopy : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void everyTypeArrivesIntact();
    void snapshotIsRespected();
    void cancelLeavesNothing();
    void targetFailureNamesTableAndCause();

private:
    void createOnBoth();
    PgServer m_source{PgServer::Role::Source};
    PgServer m_target{PgServer::Role::Target};
    std::unique_ptr<Connection> m_s;
    std::unique_ptr<Connection> m_t;
    QString m_name;
};

void TestTableCopy::initTestCase()
{
    PGSHIFT_START(m_source);
    PGSHIFT_START(m_target);
    m_s = std::make_unique<Connection>(m_source.settings());
    m_t = std::make_unique<Connection>(m_target.settings());
    m_name = m_s->quoteQualified(Schema, Table);
}

void TestTableCopy::init()
{
    for (Connection *c : {m_s.get(), m_t.get()}) {
        c->exec(QString("DROP SCHEMA IF EXISTS %1 CASCADE").arg(c->quoteIdentifier(Schema)));
        c->exec(QString("CREATE SCHEMA %1").arg(c->quoteIdentifier(Schema)));
        c->exec(QString::fromLatin1(TypeDdl).arg(c->quoteIdentifier(Schema)));
        c->exec(QString::fromLatin1(TableDdl).arg(c->quoteIdentifier(Schema), c->quoteIdentifier(Table)));
    }
}

void TestTableCopy::everyTypeArrivesIntact()
{
    m_s->exec(QString("INSERT INTO %1 (\"Text Col\", raw, doc, legacy, amount, at, tags, feeling) VALUES"
                      " ($1, '\\x00ff10'::bytea, '{\"a\": [1, 2, {\"b\": null}]}', '{\"dup\": 1, \"dup\": 2}',"
                      "  123456.789012, '2026-11-22 03:04:05.678901+05:30', ARRAY['x', 'y,z', NULL, '\"q\"'], 'happy'),"
                      " (NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),"
                      " ('', '', 'null', '[]', -0.000001, 'infinity', '{}', 'sad')").arg(m_name),
              {QString::fromUtf8("tab\there, newline\nthere, backslash \\ quote ' \" ünïcødé ✓ 😀")});
    m_s->exec(QString("INSERT INTO %1 (\"Text Col\", amount) SELECT 'row ' || g, g FROM generate_series(1, 5000) g").arg(m_name));
    QList<qint64> progress;
    const auto done = TableCopy::copy(*m_s, *m_t, Schema, Table, nullptr,
                                      [&progress](const TableCopy::Progress &p) { progress << p.rows; });
    QCOMPARE(done.rows, qint64(5003));
    QVERIFY(done.bytes > 5003 * 10);
    QVERIFY(!progress.isEmpty());
    QCOMPARE(progress.last(), done.rows);
    QCOMPARE(checksum(*m_t, m_name), checksum(*m_s, m_name));
    // The generated column was computed by the target, not copied.
    QCOMPARE(m_t->exec(QString("SELECT total FROM %1 WHERE amount = 3").arg(m_name)).text(0, 0), QString("6.000000"));
    const QString columns = TableCopy::copyableColumns(*m_s, Schema, Table);
    QVERIFY2(!columns.isEmpty() && !columns.contains("total"), qPrintable(columns));
}

void TestTableCopy::snapshotIsRespected()
{
    m_s->exec(QString("INSERT INTO %1 (\"Text Col\") SELECT 'before' FROM generate_series(1, 100)").arg(m_name));
    const ExportedSnapshot snapshot(m_source.settings());
    QVERIFY(!snapshot.id().isEmpty());
    m_s->exec(QString("INSERT INTO %1 (\"Text Col\") SELECT 'after' FROM generate_series(1, 50)").arg(m_name));
    Connection reader(m_source.settings());
    snapshot.adopt(reader);
    const auto done = TableCopy::copy(reader, *m_t, Schema, Table);
    reader.exec("COMMIT");
    QCOMPARE(done.rows, qint64(100));
    QCOMPARE(m_t->exec(QString("SELECT count(*) FROM %1 WHERE \"Text Col\" = 'after'").arg(m_name)).toInt64(0, 0), qint64(0));
}

void TestTableCopy::cancelLeavesNothing()
{
    m_s->exec(QString("INSERT INTO %1 (\"Text Col\") SELECT repeat('x', 200) FROM generate_series(1, 200000)").arg(m_name));
    std::atomic<bool> cancel{false};
    try {
        TableCopy::copy(*m_s, *m_t, Schema, Table, &cancel, [&cancel](const TableCopy::Progress &) { cancel = true; });
        QFAIL("the copy was not cancelled");
    } catch (const PgError &error) {
        QCOMPARE(error.kind(), PgError::Kind::Cancelled);
        QVERIFY(error.message().contains(m_name));
    }
    QCOMPARE(m_t->exec(QString("SELECT count(*) FROM %1").arg(m_name)).toInt64(0, 0), qint64(0));
    // Both connections are ready for the next statement.
    QCOMPARE(m_s->exec("SELECT 1").toInt64(0, 0), qint64(1));
    QCOMPARE(m_t->exec("SELECT 1").toInt64(0, 0), qint64(1));
}

void TestTableCopy::targetFailureNamesTableAndCause()
{
    m_t->exec(QString("ALTER TABLE %1 ADD CONSTRAINT no_bad CHECK (\"Text Col\" <> 'bad')").arg(m_name));
    m_s->exec(QString("INSERT INTO %1 (\"Text Col\") SELECT CASE WHEN g = 50000 THEN 'bad' ELSE 'ok' END"
                      " FROM generate_series(1, 100000) g").arg(m_name));
    try {
        TableCopy::copy(*m_s, *m_t, Schema, Table);
        QFAIL("the constraint violation went unnoticed");
    } catch (const PgError &error) {
        QCOMPARE(error.kind(), PgError::Kind::Query);
        QCOMPARE(error.sqlState(), QString("23514"));
        QVERIFY2(error.message().startsWith(m_name + ": "), qPrintable(error.message()));
        QVERIFY2(error.message().contains("no_bad"), qPrintable(error.message()));
    }
    QCOMPARE(m_t->exec(QString("SELECT count(*) FROM %1").arg(m_name)).toInt64(0, 0), qint64(0));
    QCOMPARE(m_s->exec("SELECT 1").toInt64(0, 0), qint64(1));
    QCOMPARE(m_t->exec("SELECT 1").toInt64(0, 0), qint64(1));
}

QTEST_GUILESS_MAIN(TestTableCopy)
#include "tst_tablecopy.moc"
