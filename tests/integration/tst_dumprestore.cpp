// Dump & restore end to end, both engines, 15 -> 15 and 15 -> 18: a schema with most of what
// real databases hold, compared afterwards from the catalogs and table by table by checksum;
// scoped copies; name conflicts found before anything is written; cancel mid-copy leaving no
// child process, passfile or COPY session, and listing what it left with SQL that drops it.
#include "core/migration/dumprestorejob.h"
#include "core/migration/targetinventory.h"
#include "core/pg/connection.h"
#include "core/tools/temporarypassfile.h"
#include "tests/support/pgserver.h"

#include <QDir>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

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
    // Index shapes the stream engine builds early, and those it leaves to pg_restore.
    "CREATE TABLE public.\"Wide Mix\" (id bigint PRIMARY KEY, code text UNIQUE, pair int, other int,"
    " label varchar(40), at timestamptz, amount numeric(12, 2), flags bool[], doc jsonb, raw bytea,"
    " CONSTRAINT pair_once UNIQUE (pair, other) DEFERRABLE INITIALLY DEFERRED,"
    " CONSTRAINT no_same_label EXCLUDE USING btree (label WITH =))",
    "CREATE INDEX \"Wide lower(label)\" ON public.\"Wide Mix\" (lower(label)) WHERE amount > 10",
    "CREATE INDEX wide_at ON public.\"Wide Mix\" (at DESC) INCLUDE (amount)",
    "ALTER TABLE public.\"Wide Mix\" CLUSTER ON wide_at",
    "CREATE INDEX wide_doc ON public.\"Wide Mix\" USING gin (doc)",
    "ALTER TABLE public.events ADD PRIMARY KEY (id, at)",
    "CREATE INDEX events_payload ON public.events (payload)",
    "CREATE TABLE public.empty_one (id int PRIMARY KEY)",
    "CREATE TABLE public.statuses (id int, states \"Sales\".status[])",
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
    "INSERT INTO public.\"Wide Mix\" SELECT g, 'code' || g, g % 100, g, 'label ' || g, timestamptz '2025-01-01' + g * interval '1 minute',"
    " g / 7.0, ARRAY[g % 2 = 0, NULL], jsonb_build_object('k', g), int4send(g) FROM generate_series(1, 5000) g",
    "INSERT INTO public.statuses VALUES (1, ARRAY['new', 'paid']::\"Sales\".status[]), (2, NULL)",
};

// What must match: user relations with their kind, constraints, indexes, triggers, functions.
const char *const CatalogQuery = R"sql(
SELECT string_agg(x, E'\n' ORDER BY x) FROM (
  SELECT 'rel ' || n.nspname || '.' || c.relname || ' ' || c.relkind::text
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE n.nspname IN ('Sales', 'ünï cödé', 'public') AND c.relkind IN ('r','p','v','m','S','i','c')
  UNION ALL
  SELECT 'con ' || conrelid::regclass || ' ' || conname || ' ' || contype::text || ' ' || pg_get_constraintdef(oid)
    FROM pg_constraint WHERE contype <> 'n' -- 18 catalogs NOT NULL as constraints; compared below
     AND connamespace IN (SELECT oid FROM pg_namespace WHERE nspname IN ('Sales', 'ünï cödé', 'public'))
  UNION ALL
  SELECT 'notnull ' || a.attrelid::regclass || '.' || a.attname FROM pg_attribute a
    JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE n.nspname IN ('Sales', 'ünï cödé', 'public') AND c.relkind IN ('r', 'p') AND a.attnum > 0
     AND a.attnotnull AND NOT a.attisdropped
  UNION ALL
  SELECT 'idx ' || pg_get_indexdef(i.indexrelid) || ' clustered=' || i.indisclustered::text || ' valid=' || i.indisvalid::text
    FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE n.nspname IN ('Sales', 'ünï cödé', 'public')
  UNION ALL
  SELECT 'attach ' || inhrelid::regclass || ' -> ' || inhparent::regclass FROM pg_inherits
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

// Runs a job to its end on this thread's event loop; `onProgress` may cancel it.
CopyReport runJob(const CopyOptions &options, const std::function<void(DumpRestoreJob &, const CopyProgress &)> &onProgress = {},
                  QList<CopyPhase> *phases = nullptr)
{
    DumpRestoreJob job(options);
    job.setProgressInterval(50);
    QObject::connect(&job, &DumpRestoreJob::progressed, &job, [&](const CopyProgress &p) {
        if (phases && (phases->isEmpty() || phases->last() != p.phase))
            *phases << p.phase;
        if (onProgress)
            onProgress(job, p);
    });
    QSignalSpy finished(&job, &DumpRestoreJob::finished);
    job.start();
    if (!finished.wait(600000))
        qFatal("the copy did not finish in 10 minutes");
    return job.report();
}

// Children of this process still running (pg_dump, pg_restore, psql).
QStringList childProcesses()
{
    QStringList children;
    const QByteArray self = QByteArray::number(::getpid());
    for (const QString &entry : QDir("/proc").entryList(QDir::Dirs)) {
        QFile stat("/proc/" + entry + "/stat");
        if (!stat.open(QIODevice::ReadOnly))
            continue;
        // pid (comm) state ppid ...
        const QByteArray line = stat.readAll();
        const QList<QByteArray> rest = line.mid(line.lastIndexOf(')') + 2).split(' ');
        if (rest.size() > 1 && rest[1] == self && rest[0] != "Z")
            children << entry + " " + line.mid(line.indexOf('('), line.lastIndexOf(')') - line.indexOf('(') + 1);
    }
    return children;
}

QStringList ownPassfiles()
{
    return QDir(TemporaryPassfile::directory())
        .entryList({QString("pgshift-passfile-%1-*").arg(QCoreApplication::applicationPid())}, QDir::Files);
}

// Sessions of pgshift or its tools still running COPY on a server.
qint64 copySessions(const PgServer &server)
{
    Connection c(server.settings());
    return c.exec("SELECT count(*) FROM pg_stat_activity WHERE pid <> pg_backend_pid()"
                  " AND state <> 'idle' AND query ILIKE '%COPY%'").toInt64(0, 0);
}

} // namespace

class TestDumpRestore : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void copiesEverything_data();
    void copiesEverything();
    void copiesScope();
    void copiesThePublicSchema();
    void refusesWhenNamesAreTaken();
    void rejectsUnknownScope();
    void cancelLeavesNothingRunning_data();
    void cancelLeavesNothingRunning();
    void cancelledDumpLeavesNoArchive();
    void targetDiesMidCopy(); // last: it stops the target server

private:
    CopyOptions options(const QString &sourceDb, const QString &targetDb) const;
    void createTarget(const QString &db);

    PgServer m_source{PgServer::Role::Source};
    PgServer m_target{PgServer::Role::Target};
    QTemporaryDir m_archives;
};

CopyOptions TestDumpRestore::options(const QString &sourceDb, const QString &targetDb) const
{
    CopyOptions o;
    o.source = m_source.settings(sourceDb);
    o.target = m_target.settings(targetDb);
    o.jobs = 3;
    return o;
}

void TestDumpRestore::createTarget(const QString &db)
{
    Connection admin(m_target.settings());
    admin.exec(QString("CREATE DATABASE %1").arg(admin.quoteIdentifier(db)));
}

void TestDumpRestore::initTestCase()
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
    shop.exec("ANALYZE");
    // A table big enough to cancel in the middle of its copy.
    admin.exec("CREATE DATABASE big");
    Connection big(m_source.settings("big"));
    big.exec("CREATE TABLE public.bulk (id bigint PRIMARY KEY, body text)");
    big.exec("INSERT INTO public.bulk SELECT g, repeat(md5(g::text), 6) FROM generate_series(1, 400000) g");
    big.exec("CREATE INDEX bulk_body ON public.bulk (body)");
    big.exec("ANALYZE");
}

void TestDumpRestore::copiesEverything_data()
{
    QTest::addColumn<CopyEngine>("engine");
    QTest::newRow("stream") << CopyEngine::Stream;
    QTest::newRow("pg_dump") << CopyEngine::PgDump;
}

void TestDumpRestore::copiesEverything()
{
    QFETCH(CopyEngine, engine);
    const QString db = QString("shop_%1").arg(copyEngineName(engine));
    createTarget(db);
    CopyOptions o = options("shop", db);
    o.engine = engine;
    if (engine == CopyEngine::PgDump)
        o.archiveDir = m_archives.filePath(db);
    QList<CopyPhase> phases;
    const CopyReport report = runJob(o, {}, &phases);
    QVERIFY2(report.succeeded(), qPrintable(report.failures.join('\n')));
    QCOMPARE(phases.first(), CopyPhase::Preparing);
    QCOMPARE(phases.last(), CopyPhase::Done);
    QCOMPARE(report.largeObjects, 1);
    QCOMPARE(report.sequencesSet, 2); // the identity column's and the serial's
    QVERIFY(report.createdOnTarget.isEmpty());
    if (engine == CopyEngine::Stream) {
        // Built as soon as their table was in: every plain index, primary key and unique
        // constraint of a plain table; not the deferrable or exclusion ones.
        QVERIFY2(report.indexesBuilt >= 12, qPrintable(QString::number(report.indexesBuilt)));
    } else {
        QVERIFY(QFileInfo::exists(o.archiveDir + "/toc.dat"));
        QCOMPARE(report.archiveDir, QDir(o.archiveDir).absolutePath());
    }

    Connection s(o.source);
    Connection t(o.target);
    QCOMPARE(t.exec(CatalogQuery).text(0, 0), s.exec(CatalogQuery).text(0, 0));
    QVERIFY(report.tables.size() >= 12);
    for (const TableStatus &table : report.tables) {
        const QString name = s.quoteQualified(table.schema, table.table);
        QVERIFY2(table.verified(), qPrintable(name));
        QCOMPARE(table.state, TableStatus::State::Copied);
        QCOMPARE(tableChecksum(t, name), tableChecksum(s, name));
        if (engine == CopyEngine::Stream)
            QCOMPARE(table.rowsCopied, table.sourceRows); // counted from the stream
    }
    // Analyzed: the planner knows the row counts.
    QCOMPARE(t.exec("SELECT reltuples::bigint FROM pg_class WHERE oid = '\"Sales\".\"Orders\"'::regclass").toInt64(0, 0),
             qint64(10000));
    QCOMPARE(t.exec("SELECT count(*) FROM \"Sales\".totals").toInt64(0, 0), qint64(2000)); // refreshed
    for (const QString &seq : {QString("\"Sales\".\"Orders_id_seq\""), QString("\"Sales\".customers_id_seq")})
        QCOMPARE(t.exec(QString("SELECT last_value, is_called FROM %1").arg(seq)).text(0, 0),
                 s.exec(QString("SELECT last_value, is_called FROM %1").arg(seq)).text(0, 0));
    // The next insert on the target does not collide with copied rows; constraints work.
    t.exec("INSERT INTO \"Sales\".\"Orders\" (customer, amount) VALUES (1, 5)");
    QVERIFY_THROWS_EXCEPTION(PgError, t.exec("INSERT INTO public.\"Wide Mix\" (id, code) VALUES (1, 'dup')"));
    QVERIFY_THROWS_EXCEPTION(PgError, t.exec("INSERT INTO \"Sales\".\"Orders\" (customer, amount) VALUES (999999, 5)"));
    const QString blob = "SELECT md5(lo_get(blob)) FROM public.documents WHERE id = 1";
    QCOMPARE(t.exec(blob).text(0, 0), s.exec(blob).text(0, 0));
}

void TestDumpRestore::copiesScope()
{
    createTarget("scoped");
    const auto scope = CopyScope::parse({"\"Sales\""}, {"events", "\"ünï cödé\".\"Tábla; DROP\""}, nullptr);
    QVERIFY(scope);
    CopyOptions o = options("shop", "scoped");
    o.scope = *scope;
    const CopyReport report = runJob(o);
    QVERIFY2(report.succeeded(), qPrintable(report.failures.join('\n')));
    QStringList copied;
    for (const TableStatus &t : report.tables)
        copied << t.qualifiedName();
    copied.sort();
    QCOMPARE(copied, QStringList({"Sales.Orders", "Sales.customers", "Sales.employees", "public.events_2025",
                                  "public.events_2026", "ünï cödé.Tábla; DROP"}));
    Connection t(o.target);
    // Not in scope: not there. In scope: there with their dependents (the trigger function).
    QCOMPARE(t.exec("SELECT count(*) FROM pg_class WHERE relname IN ('animals', 'dogs', 'documents', 'Wide Mix')").toInt64(0, 0),
             qint64(0));
    QCOMPARE(t.exec("SELECT count(*) FROM public.events").toInt64(0, 0), qint64(3000));
    QCOMPARE(t.exec("SELECT count(*) FROM pg_trigger WHERE tgname = 'orders_touch'").toInt64(0, 0), qint64(1));
    QCOMPARE(report.largeObjects, 0); // large objects go with the whole database only
}

// The schema named is dumped with its CREATE SCHEMA; public is on every target already.
void TestDumpRestore::copiesThePublicSchema()
{
    createTarget("publiconly");
    CopyOptions o = options("shop", "publiconly");
    o.scope = *CopyScope::parse({"public", "\"Sales\""}, {}, nullptr); // a public table uses a type of Sales
    const CopyReport report = runJob(o);
    QVERIFY2(report.succeeded(), qPrintable(report.failures.join('\n')));
    Connection t(o.target);
    QCOMPARE(t.exec("SELECT count(*) FROM public.events").toInt64(0, 0), qint64(3000));
    QCOMPARE(t.exec("SELECT count(*) FROM pg_namespace WHERE nspname = 'ünï cödé'").toInt64(0, 0), qint64(0));
}

void TestDumpRestore::refusesWhenNamesAreTaken()
{
    createTarget("taken");
    Connection taken(m_target.settings("taken"));
    taken.exec("CREATE SCHEMA \"Sales\"");
    taken.exec("CREATE TABLE \"Sales\".customers (id int)");
    taken.exec("CREATE TABLE public.animals (id int)");
    const CopyReport report = runJob(options("shop", "taken"));
    QVERIFY(!report.succeeded());
    const QString failures = report.failures.join('\n');
    QVERIFY2(failures.contains("\"Sales\".\"customers\"") && failures.contains("\"public\".\"animals\"")
                 && failures.contains("schema \"Sales\""),
             qPrintable(failures));
    QVERIFY(report.createdOnTarget.isEmpty()); // nothing was written
    QCOMPARE(taken.exec("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                        " WHERE n.nspname IN ('Sales', 'public') AND c.relkind = 'r'").toInt64(0, 0), qint64(2));
}

void TestDumpRestore::rejectsUnknownScope()
{
    createTarget("unknown");
    CopyOptions o = options("shop", "unknown");
    o.scope = *CopyScope::parse({"nope"}, {"public.missing", "Sales.customers"}, nullptr);
    const CopyReport report = runJob(o);
    QVERIFY(!report.succeeded());
    const QString failures = report.failures.join('\n');
    // Unquoted names fold to lower case, as in pg_dump: Sales.customers is sales.customers.
    QVERIFY2(failures.contains("no schema named nope") && failures.contains("public.missing")
                 && failures.contains("sales.customers"),
             qPrintable(failures));
}

void TestDumpRestore::cancelLeavesNothingRunning_data()
{
    QTest::addColumn<CopyEngine>("engine");
    QTest::newRow("stream") << CopyEngine::Stream;
    QTest::newRow("pg_dump") << CopyEngine::PgDump;
}

void TestDumpRestore::cancelLeavesNothingRunning()
{
    QFETCH(CopyEngine, engine);
    const QString db = QString("cancel_%1").arg(copyEngineName(engine));
    createTarget(db);
    CopyOptions o = options("big", db);
    o.engine = engine;
    o.jobs = 2;
    if (engine == CopyEngine::PgDump)
        o.archiveDir = m_archives.filePath(db);
    Connection before(o.target);
    const TargetInventory empty = TargetInventory::capture(before);

    QElapsedTimer sinceCancel;
    QStringList busyAtCancel;
    const CopyReport report = runJob(o, [&](DumpRestoreJob &job, const CopyProgress &p) {
        if (sinceCancel.isValid() || p.phase != CopyPhase::Data)
            return;
        // Stream: rows are flowing. pg_dump: pg_restore is loading a table.
        const bool midCopy = engine == CopyEngine::Stream
            ? p.bytesCopied > 0
            : std::any_of(p.tables.cbegin(), p.tables.cend(),
                          [](const TableStatus &t) { return t.state == TableStatus::State::Copying; });
        if (!midCopy)
            return;
        busyAtCancel = childProcesses();
        sinceCancel.start();
        job.cancel();
    });
    QVERIFY2(sinceCancel.isValid(), "the copy finished before it could be cancelled");
    if (engine == CopyEngine::PgDump)
        QVERIFY(QFileInfo::exists(o.archiveDir + "/toc.dat")); // cancelled in the restore: the archive is whole and stays
    const qint64 stopMs = sinceCancel.elapsed();
    qInfo("cancel to finished: %lld ms (children at cancel: %s)", stopMs, qPrintable(busyAtCancel.join(", ")));
    QVERIFY(report.cancelled);
    QVERIFY(!report.succeeded());
    QVERIFY2(stopMs < 2000, qPrintable(QString::number(stopMs)));
    QVERIFY2(childProcesses().isEmpty(), qPrintable(childProcesses().join(", ")));
    QVERIFY2(ownPassfiles().isEmpty(), qPrintable(ownPassfiles().join(", ")));
    QCOMPARE(copySessions(m_source), qint64(0));
    QCOMPARE(copySessions(m_target), qint64(0));

    // What the schema step created is listed, and the SQL shown drops exactly that.
    QStringList created;
    for (const TargetObject &object : report.createdOnTarget)
        created << object.kindName() + " " + object.display;
    QVERIFY2(created.contains("table public.bulk"), qPrintable(created.join(", ")));
    const QString drop = TargetInventory::dropSql(report.createdOnTarget);
    QVERIFY2(drop.contains("DROP TABLE IF EXISTS public.bulk CASCADE;"), qPrintable(drop));
    Connection target(o.target);
    for (const QString &statement : drop.split('\n', Qt::SkipEmptyParts))
        target.exec(statement);
    QCOMPARE(TargetInventory::created(empty, TargetInventory::capture(target)).size(), 0);
}

void TestDumpRestore::cancelledDumpLeavesNoArchive()
{
    createTarget("halfdump");
    CopyOptions o = options("big", "halfdump");
    o.engine = CopyEngine::PgDump;
    o.archiveDir = m_archives.filePath("halfdump");
    bool cancelled = false;
    const CopyReport report = runJob(o, [&](DumpRestoreJob &job, const CopyProgress &p) {
        if (!cancelled && p.phase == CopyPhase::Data && !childProcesses().isEmpty()) {
            cancelled = true; // pg_dump is writing the archive
            job.cancel();
        }
    });
    QVERIFY(cancelled);
    QVERIFY(report.cancelled);
    QVERIFY2(!QFileInfo::exists(o.archiveDir), "a partial archive was left");
    QVERIFY(report.archiveDir.isEmpty());
    QVERIFY(report.createdOnTarget.isEmpty()); // nothing had reached the target
    QVERIFY(childProcesses().isEmpty());
}

void TestDumpRestore::targetDiesMidCopy()
{
    createTarget("dies");
    CopyOptions o = options("big", "dies");
    o.jobs = 2;
    bool stopped = false;
    const CopyReport report = runJob(o, [&](DumpRestoreJob &, const CopyProgress &p) {
        if (!stopped && p.phase == CopyPhase::Data && p.bytesCopied > 0) {
            stopped = true;
            QVERIFY(m_target.pause()); // a fast shutdown ends every session at once
        }
    });
    QVERIFY2(stopped, "the copy finished before the target could be stopped");
    QVERIFY(!report.succeeded());
    QVERIFY(!report.cancelled);
    const QString failures = report.failures.join('\n');
    // The table and the server's own words; never a success, never a hang.
    QVERIFY2(failures.contains("\"public\".\"bulk\""), qPrintable(failures));
    QVERIFY2(failures.contains("terminating connection") || failures.contains("server closed the connection")
                 || failures.contains("connection"),
             qPrintable(failures));
    bool bulkFailed = false;
    for (const TableStatus &t : report.tables)
        bulkFailed |= t.table == "bulk" && t.state == TableStatus::State::Failed && !t.error.isEmpty();
    QVERIFY(bulkFailed);
    QVERIFY2(childProcesses().isEmpty(), qPrintable(childProcesses().join(", ")));
    QVERIFY(ownPassfiles().isEmpty());
    PGSHIFT_START(m_target); // the same cluster again, for the leftover check
}

QTEST_GUILESS_MAIN(TestDumpRestore)
#include "tst_dumprestore.moc"
