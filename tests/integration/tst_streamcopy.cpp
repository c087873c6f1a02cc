// The stream engine end to end: a schema with most of what real databases hold, copied
// 15 -> 15 and 15 -> 18; catalogs and every table's contents compared afterwards.
#include "core/migration/streamcopy.h"
#include "core/pg/connection.h"
#include "tests/support/pgserver.h"

#include <QTest>

using namespace pgshift::core;
using namespace pgshift::testsupport;

namespace {

const char *const SourceSchema[] = {
    "CREATE SCHEMA \"Sales\"",
    "CREATE SCHEMA \"ünï cödé\"",
    "CREATE TYPE \"Sales\".status AS ENUM ('new', 'paid', 'shipped')",
    "CREATE DOMAIN \"Sales\".positive AS numeric CHECK (VALUE > 0)",
    "CREATE TYPE \"Sales\".address AS (street text, city text)",
    "CREATE TABLE \"Sales\".customers (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
    " name text NOT NULL, home \"Sales\".address, tags text[], profile jsonb, photo bytea)",
    "CREATE TABLE \"Sales\".\"Orders\" (id serial PRIMARY KEY, customer bigint REFERENCES \"Sales\".customers,"
    " status \"Sales\".status DEFAULT 'new', amount \"Sales\".positive, placed timestamptz DEFAULT now(),"
    " doubled numeric GENERATED ALWAYS AS (amount * 2) STORED, raw json)",
    "CREATE INDEX orders_customer ON \"Sales\".\"Orders\" (customer)",
    "CREATE TABLE \"Sales\".employees (id int PRIMARY KEY, manager int REFERENCES \"Sales\".employees, name text)",
    "CREATE TABLE public.events (id bigint, at date NOT NULL, payload text) PARTITION BY RANGE (at)",
    "CREATE TABLE public.events_2025 PARTITION OF public.events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')",
    "CREATE TABLE public.events_2026 PARTITION OF public.events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')",
    "CREATE TABLE public.animals (id int PRIMARY KEY, name text)",
    "CREATE TABLE public.dogs (barks boolean) INHERITS (public.animals)",
    "CREATE TABLE \"ünï cödé\".\"Tábla; DROP\" (\"Köl\" text PRIMARY KEY)",
    "CREATE VIEW \"Sales\".big_orders AS SELECT * FROM \"Sales\".\"Orders\" WHERE amount > 100",
    "CREATE MATERIALIZED VIEW \"Sales\".totals AS SELECT customer, sum(amount) AS total FROM \"Sales\".\"Orders\" GROUP BY customer",
    "CREATE FUNCTION \"Sales\".touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.placed := now(); RETURN NEW; END $$",
    "CREATE TRIGGER orders_touch BEFORE UPDATE ON \"Sales\".\"Orders\" FOR EACH ROW EXECUTE FUNCTION \"Sales\".touch()",
    "COMMENT ON TABLE \"Sales\".customers IS 'People who buy things'",
    "CREATE TABLE public.documents (id int PRIMARY KEY, blob oid)",
};

const char *const SourceData[] = {
    "INSERT INTO \"Sales\".customers (name, home, tags, profile, photo)"
    " SELECT 'customer ' || g, ROW('Street ' || g, 'Zürich')::\"Sales\".address, ARRAY['a', 'b,' || g],"
    "        jsonb_build_object('n', g, 'nested', jsonb_build_array(g, 'x')), decode(md5(g::text), 'hex')"
    "   FROM generate_series(1, 2000) g",
    "INSERT INTO \"Sales\".\"Orders\" (customer, status, amount, raw)"
    " SELECT 1 + g % 2000, (ARRAY['new', 'paid', 'shipped'])[1 + g % 3]::\"Sales\".status, g * 1.5,"
    "        json_build_object('line', g)"
    "   FROM generate_series(1, 10000) g",
    "INSERT INTO \"Sales\".employees VALUES (1, NULL, 'boss'), (2, 1, 'middle'), (3, 2, 'new hire')",
    "INSERT INTO public.events SELECT g, date '2025-06-01' + g % 400, repeat('p', g % 50) FROM generate_series(1, 3000) g",
    "INSERT INTO public.animals VALUES (1, 'cat')",
    "INSERT INTO public.dogs VALUES (2, 'rex', true)",
    "INSERT INTO \"ünï cödé\".\"Tábla; DROP\" VALUES ('tab\there'), ('new\nline'), ('quote '' \" \\ done')",
    "REFRESH MATERIALIZED VIEW \"Sales\".totals",
    "INSERT INTO public.documents VALUES (1, lo_from_bytea(0, convert_to(repeat('large object ', 1000), 'UTF8')))",
    "SELECT nextval('\"Sales\".\"Orders_id_seq\"') FROM generate_series(1, 5)",
};

// What must match: user relations with their kind, constraints, indexes, triggers, functions.
const char *const CatalogQuery = R"sql(
SELECT string_agg(x, E'\n' ORDER BY x) FROM (
  SELECT 'rel ' || n.nspname || '.' || c.relname || ' ' || c.relkind::text
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE n.nspname IN ('Sales', 'ünï cödé', 'public') AND c.relkind IN ('r','p','v','m','S','i','c')
  UNION ALL
  SELECT 'con ' || conrelid::regclass || ' ' || contype::text || ' ' || pg_get_constraintdef(oid)
    FROM pg_constraint WHERE contype <> 'n' -- 18 catalogs NOT NULL as constraints; compared below
     AND connamespace IN (SELECT oid FROM pg_namespace WHERE nspname IN ('Sales', 'ünï cödé', 'public'))
  UNION ALL
  SELECT 'notnull ' || a.attrelid::regclass || '.' || a.attname FROM pg_attribute a
    JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE n.nspname IN ('Sales', 'ünï cödé', 'public') AND c.relkind IN ('r', 'p') AND a.attnum > 0
     AND a.attnotnull AND NOT a.attisdropped
  UNION ALL
  SELECT 'trg ' || tgrelid::regclass || ' ' || tgname FROM pg_trigger WHERE NOT tgisinternal
  UNION ALL
  SELECT 'fn ' || p.oid::regprocedure FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
   WHERE n.nspname = 'Sales'
  UNION ALL
  SELECT 'comment ' || obj_description('"Sales".customers'::regclass, 'pg_class')
) s(x)
)sql";

QString tableChecksum(Connection &c, const QString &table)
{
    return c.exec(QString("SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '')"
                          " FROM ONLY %1 t").arg(table)).text(0, 0);
}

} // namespace

class TestStreamCopy : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void copiesEverything();
    void refusesWhenNamesAreTaken();

private:
    PgServer m_source{PgServer::Role::Source};
    PgServer m_target{PgServer::Role::Target};
};

void TestStreamCopy::initTestCase()
{
    PGSHIFT_START(m_source);
    PGSHIFT_START(m_target);
    Connection admin(m_source.settings());
    admin.exec("CREATE DATABASE shop");
    Connection shop(m_source.settings("shop"));
    for (const char *statement : SourceSchema)
        shop.exec(QString::fromUtf8(statement));
    for (const char *statement : SourceData)
        shop.exec(QString::fromUtf8(statement));
    Connection targetAdmin(m_target.settings());
    targetAdmin.exec("CREATE DATABASE shop");
}

void TestStreamCopy::copiesEverything()
{
    StreamCopy::Options options;
    options.source = m_source.settings("shop");
    options.target = m_target.settings("shop");
    options.jobs = 3;
    QList<StreamCopy::Phase> phases;
    const StreamCopy::Report report = StreamCopy::run(options, [&phases](StreamCopy::Phase p, const StreamCopy::TableResult *) {
        if (phases.isEmpty() || phases.last() != p)
            phases << p;
    });
    QVERIFY2(report.succeeded(), qPrintable(report.failures.join('\n')));
    QCOMPARE(phases.first(), StreamCopy::Phase::Preparing);
    QCOMPARE(phases.last(), StreamCopy::Phase::Done);
    QCOMPARE(report.largeObjects, 1);
    QCOMPARE(report.sequencesSet, 2); // the identity column's and the serial's

    Connection s(options.source);
    Connection t(options.target);
    QCOMPARE(t.exec(CatalogQuery).text(0, 0), s.exec(CatalogQuery).text(0, 0));
    QVERIFY(report.tables.size() >= 9);
    for (const StreamCopy::TableResult &table : report.tables) {
        const QString name = s.quoteQualified(table.schema, table.table);
        QCOMPARE(table.sourceRows, table.targetRows);
        QCOMPARE(tableChecksum(t, name), tableChecksum(s, name));
    }
    QCOMPARE(t.exec("SELECT count(*) FROM \"Sales\".totals").toInt64(0, 0), qint64(2000)); // refreshed
    for (const QString &seq : {QString("\"Sales\".\"Orders_id_seq\""), QString("\"Sales\".customers_id_seq")})
        QCOMPARE(t.exec(QString("SELECT last_value, is_called FROM %1").arg(seq)).text(0, 0),
                 s.exec(QString("SELECT last_value, is_called FROM %1").arg(seq)).text(0, 0));
    // The next insert on the target does not collide with copied rows.
    t.exec("INSERT INTO \"Sales\".\"Orders\" (customer, amount) VALUES (1, 5)");
    const QString blob = "SELECT md5(lo_get(blob)) FROM public.documents WHERE id = 1";
    QCOMPARE(t.exec(blob).text(0, 0), s.exec(blob).text(0, 0));
}

void TestStreamCopy::refusesWhenNamesAreTaken()
{
    Connection admin(m_target.settings());
    admin.exec("CREATE DATABASE taken");
    Connection taken(m_target.settings("taken"));
    taken.exec("CREATE SCHEMA \"Sales\"");
    taken.exec("CREATE TABLE \"Sales\".customers (id int)");
    StreamCopy::Options options;
    options.source = m_source.settings("shop");
    options.target = m_target.settings("taken");
    const StreamCopy::Report report = StreamCopy::run(options);
    QVERIFY(!report.succeeded());
    QVERIFY2(report.failures.join('\n').contains("\"Sales\".\"customers\""), qPrintable(report.failures.join('\n')));
    QCOMPARE(taken.exec("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                        " WHERE n.nspname = 'Sales'").toInt64(0, 0), qint64(1)); // nothing added
}

QTEST_GUILESS_MAIN(TestStreamCopy)
#include "tst_streamcopy.moc"
