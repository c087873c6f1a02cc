// The AWS DMS method without AWS, through the command line: `dms plan` creates the target's
// schema with the foreign keys held back (a composite MATCH FULL key across schemas with odd
// names, a plain one, one on a partitioned table) and writes the DMS files; the data is then
// loaded with plain COPY, children before parents, as DMS may; `dms finish` catches up on a
// slot the way DMS confirms it, adds the keys, moves the sequences ahead and compares counts.
// A key the loaded data breaks is reported with its count and exact statement, and no key is
// added; once the data is fixed, finish runs again and completes.
#include "core/dms/dmsplan.h"
#include "core/pg/connection.h"
#include "core/pg/pgerror.h"
#include "tests/support/clirun.h"
#include "tests/support/pgserver.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <atomic>
#include <thread>

using namespace pgshift::core;
using namespace pgshift::testsupport;

class TestDms : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void planLoadFinish();
    void brokenKeyIsReportedNotAdded();

private:
    QMap<QString, QString> endpoints(const QString &targetDb) const
    {
        return {{"PGSHIFT_STATE_DIR", m_state.path()},
                {"PGSHIFT_SOURCE",
                 m_source.settings("shop").toUri(ConnectionSettings::Password::Include)},
                {"PGSHIFT_TARGET",
                 m_target.settings(targetDb).toUri(ConnectionSettings::Password::Include)}};
    }
    CliRun pgshift(const QStringList &arguments, const QString &targetDb) const
    {
        return CliRun::run(PGSHIFT_BINARY, arguments, m_logs.path(), endpoints(targetDb));
    }
    // Every table DMS would load, copied row for row in reverse order (children first).
    void load(const QString &targetDb);
    static qint64 foreignKeys(Connection &c)
    {
        return c.exec("SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND conparentid = 0")
            .toInt64(0, 0);
    }

    PgServer m_source {PgServer::Role::Source};
    PgServer m_target {PgServer::Role::Target};
    QTemporaryDir m_logs;
    QTemporaryDir m_state;
};

void TestDms::initTestCase()
{
    QVERIFY(m_logs.isValid() && m_state.isValid());
    PGSHIFT_START(m_source);
    PGSHIFT_START(m_target);
    Connection(m_source.settings()).exec("CREATE DATABASE shop");
    Connection shop(m_source.settings("shop"));
    for (const char *sql : {
             "CREATE SCHEMA \"Sales Data\"",
             "CREATE TABLE \"Sales Data\".\"Customers\" (id int GENERATED ALWAYS AS "
             "IDENTITY PRIMARY KEY, region text NOT NULL,"
             " UNIQUE (id, region))",
             "CREATE TABLE public.orders (id bigserial PRIMARY KEY, customer int, region "
             "text,"
             " CONSTRAINT \"Orders→Customer\" FOREIGN KEY (customer, region) REFERENCES "
             "\"Sales Data\".\"Customers\" (id, region)"
             " MATCH FULL)",
             "CREATE TABLE public.order_lines (id serial PRIMARY KEY, order_id bigint "
             "REFERENCES public.orders ON DELETE CASCADE,"
             " qty int NOT NULL)",
             "CREATE TABLE public.payments (id bigint NOT NULL, order_id bigint NOT NULL "
             "REFERENCES public.orders (id), paid date NOT NULL,"
             " PRIMARY KEY (id, paid)) PARTITION BY RANGE (paid)",
             "CREATE TABLE public.payments_2025 PARTITION OF public.payments FOR VALUES "
             "FROM ('2025-01-01') TO ('2026-01-01')",
             "CREATE TABLE public.payments_2026 PARTITION OF public.payments FOR VALUES "
             "FROM ('2026-01-01') TO ('2027-01-01')",
             "INSERT INTO \"Sales Data\".\"Customers\" (region) SELECT (ARRAY['eu', 'us', "
             "'ap'])[1 + g % 3] FROM generate_series(1, 500) g",
             "INSERT INTO public.orders (customer, region) SELECT id, region FROM \"Sales "
             "Data\".\"Customers\", generate_series(1, 10)",
             "INSERT INTO public.orders (customer, region) VALUES (NULL, NULL), (NULL, "
             "NULL)", // MATCH FULL lets all-NULL pass
             "INSERT INTO public.order_lines (order_id, qty) SELECT 1 + g % 5002, g % 7 "
             "FROM generate_series(1, 10000) g",
             "INSERT INTO public.payments SELECT g, 1 + g % 5000, date '2025-06-01' + (g % "
             "400) FROM generate_series(1, 3000) g",
         })
        shop.exec(QString::fromUtf8(sql));
}

void TestDms::load(const QString &targetDb)
{
    Connection source(m_source.settings("shop"));
    Connection target(m_target.settings(targetDb));
    QList<DmsTable> tables = DmsPlan::tables(source, CopyScope {});
    std::reverse(tables.begin(), tables.end());
    for (const DmsTable &t : std::as_const(tables)) {
        const QString name
            = source.quoteIdentifier(t.schema) + '.' + source.quoteIdentifier(t.name);
        // OVERRIDING SYSTEM VALUE is not for COPY: identity columns take what they are given.
        target.beginCopyIn(QString("COPY %1 FROM STDIN").arg(name));
        source.copyOut(QString("COPY %1 TO STDOUT").arg(name), [&](const char *data, int size) {
            target.putCopyData(data, size);
            return true;
        });
        target.endCopyIn();
    }
}

void TestDms::planLoadFinish()
{
    Connection(m_target.settings()).exec("CREATE DATABASE first");
    QTemporaryDir out;
    const CliRun plan
        = pgshift({"dms", "plan", "--out", out.path(), "--task-id", "move-shop"}, "first");
    QVERIFY2(plan.exitCode == 0, plan.out + plan.err);
    QVERIFY2(plan.out.contains("3 foreign keys held back"), plan.out.constData());
    QVERIFY(!plan.out.contains(m_source.password().toUtf8())
            && !plan.err.contains(m_target.password().toUtf8()));

    // The schema is there, its keys are not; primary keys and unique constraints are.
    Connection target(m_target.settings("first"));
    QCOMPARE(foreignKeys(target), qint64(0));
    QCOMPARE(
        target
            .exec(
                "SELECT count(*) FROM pg_constraint WHERE contype IN ('p', 'u') AND conparentid = 0"
                " AND connamespace <> 'pg_catalog'::regnamespace")
            .toInt64(0, 0),
        qint64(5));
    QCOMPARE(target.exec("SELECT count(*) FROM public.orders").toInt64(0, 0), qint64(0));

    // The files: settings for a schema-first task, a mapping of exactly the six tables.
    QFile settingsFile(QDir(out.path()).filePath("task-settings.json"));
    QVERIFY(settingsFile.open(QIODevice::ReadOnly));
    const QJsonObject settings = QJsonDocument::fromJson(settingsFile.readAll()).object();
    QCOMPARE(settings["FullLoadSettings"].toObject()["TargetTablePrepMode"].toString(),
             QString("DO_NOTHING"));
    QFile mappingFile(QDir(out.path()).filePath("table-mappings.json"));
    QVERIFY(mappingFile.open(QIODevice::ReadOnly));
    QStringList mapped;
    for (const QJsonValue &rule :
         QJsonDocument::fromJson(mappingFile.readAll()).object()["rules"].toArray()) {
        const QJsonObject locator = rule.toObject()["object-locator"].toObject();
        mapped << locator["schema-name"].toString() + '.' + locator["table-name"].toString();
    }
    QCOMPARE(mapped,
             QStringList({"Sales Data.Customers", "public.order[_]lines", "public.orders",
                          "public.payments[_]2025", "public.payments[_]2026"}));
    QFile held(QDir(out.path()).filePath("held-foreign-keys.sql"));
    QVERIFY(held.open(QIODevice::ReadOnly));
    const QByteArray heldSql = held.readAll();
    QCOMPARE(heldSql.count("ADD CONSTRAINT"), 3);
    QVERIFY2(heldSql.contains("ALTER TABLE \"public\".\"orders\" ADD CONSTRAINT "
                              "\"Orders→Customer\" FOREIGN KEY (customer, region) "
                              "REFERENCES \"Sales Data\".\"Customers\"(id, region) MATCH FULL;"),
             heldSql.constData());
    QFile commands(QDir(out.path()).filePath("aws-commands.sh"));
    QVERIFY(commands.open(QIODevice::ReadOnly));
    const QByteArray script = commands.readAll();
    QVERIFY(script.contains("--replication-task-identifier 'move-shop'")
            && !script.contains(m_source.password().toUtf8()));

    // DMS starts: its slot on the source, then the full load, then a change it replicates.
    Connection source(m_source.settings("shop"));
    source.exec("SELECT pg_create_logical_replication_slot('pgshift_dms', 'test_decoding')");
    source.exec("INSERT INTO public.orders (customer, region) SELECT id, region FROM \"Sales "
                "Data\".\"Customers\" WHERE id <= 3");
    load("first");
    // DMS confirms what it applied: here, everything the source wrote, as it is written.
    std::atomic<bool> stop {false};
    std::thread confirmer([&] {
        while (!stop) {
            try { // the write block ends this session too (DMS's own walsender it leaves alone)
                Connection c(m_source.settings("shop"));
                c.exec("SET default_transaction_read_only = off");
                while (!stop) {
                    c.exec("SELECT pg_replication_slot_advance('pgshift_dms', "
                           "pg_current_wal_insert_lsn())");
                    std::this_thread::sleep_for(std::chrono::milliseconds(100));
                }
            } catch (const PgError &) {
                std::this_thread::sleep_for(std::chrono::milliseconds(100));
            }
        }
    });
    const CliRun finish
        = pgshift({"dms", "finish", "--yes", "--block-database", "--timeout", "60"}, "first");
    stop = true;
    confirmer.join();
    qInfo("%s", finish.out.constData());
    QVERIFY2(finish.exitCode == 0, finish.out + finish.err);
    QVERIFY2(finish.out.contains("Catch up: wait until DMS confirms")
                 && finish.out.contains("DMS confirmed"),
             finish.out.constData());
    QVERIFY2(finish.out.contains("3 foreign keys checked against the data and added"),
             finish.out.constData());
    QVERIFY2(finish.out.contains("5 tables equal, 18,505 rows"), finish.out.constData());
    QCOMPARE(foreignKeys(target), qint64(3));
    // The partitions carry the partitioned table's key.
    QCOMPARE(target
                 .exec("SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND conrelid = "
                       "'public.payments_2026'::regclass")
                 .toInt64(0, 0),
             qint64(1));
    // Sequences ahead: new rows on the target take fresh ids.
    target.exec("INSERT INTO \"Sales Data\".\"Customers\" (region) VALUES ('eu')");
    const qint64 id = target
                          .exec("INSERT INTO public.orders (customer, region) VALUES (1, (SELECT "
                                "region FROM \"Sales Data\".\"Customers\""
                                " WHERE id = 1)) RETURNING id")
                          .toInt64(0, 0);
    QVERIFY(id > 5005);
    // The source stays read-only until lifted; then DMS's slot goes.
    const CliRun lift = pgshift({"cutover", "--reenable-writes", "--block-database"}, "first");
    QVERIFY2(lift.exitCode == 0, lift.out + lift.err);
    Connection(m_source.settings("shop")).exec("SELECT pg_drop_replication_slot('pgshift_dms')");
}

void TestDms::brokenKeyIsReportedNotAdded()
{
    Connection(m_target.settings()).exec("CREATE DATABASE second");
    QTemporaryDir out;
    const CliRun plan = pgshift({"dms", "plan", "--out", out.path(), "--full-load-only"}, "second");
    QVERIFY2(plan.exitCode == 0, plan.out + plan.err);
    load("second");
    // Rows DMS loaded, minus three orders: their lines now point nowhere.
    Connection target(m_target.settings("second"));
    target.exec("DELETE FROM public.payments WHERE order_id IN (10, 11, 12)");
    target.exec("DELETE FROM public.orders WHERE id IN (10, 11, 12)");
    const qint64 orphans
        = target.exec("SELECT count(*) FROM public.order_lines WHERE order_id IN (10, 11, 12)")
              .toInt64(0, 0);
    QVERIFY(orphans > 0);
    const CliRun finish = pgshift({"dms", "finish", "--yes", "--full-load-only"}, "second");
    QCOMPARE(finish.exitCode, 1);
    const QByteArray said = finish.out + finish.err;
    QVERIFY2(said.contains("No foreign key was added; the target's data breaks 1 of them:"),
             said.constData());
    QVERIFY2(said.contains(QString("%1 rows of \"public\".\"order_lines\" break "
                                   "order_lines_order_id_fkey: ALTER TABLE "
                                   "\"public\".\"order_lines\" ADD CONSTRAINT "
                                   "\"order_lines_order_id_fkey\" FOREIGN KEY (order_id) "
                                   "REFERENCES public.orders(id) ON DELETE CASCADE;")
                               .arg(orphans)
                               .toUtf8()),
             said.constData());
    QVERIFY(!finish.out.contains("Catch up"));
    QCOMPARE(foreignKeys(target), qint64(0)); // none added, not even the ones the data obeys

    // The data fixed (here: the orphans go), finish completes.
    target.exec("DELETE FROM public.order_lines WHERE order_id IN (10, 11, 12)");
    Connection(m_source.settings("shop"))
        .exec("DELETE FROM public.order_lines WHERE order_id IN (10, 11, 12)");
    Connection(m_source.settings("shop"))
        .exec("DELETE FROM public.payments WHERE order_id IN (10, 11, 12)");
    Connection(m_source.settings("shop"))
        .exec("DELETE FROM public.orders WHERE id IN (10, 11, 12)");
    const CliRun again = pgshift({"dms", "finish", "--yes", "--full-load-only"}, "second");
    QVERIFY2(again.exitCode == 0, again.out + again.err);
    QCOMPARE(foreignKeys(target), qint64(3));
}

QTEST_GUILESS_MAIN(TestDms)
#include "tst_dms.moc"
