// Sequences at cutover against real servers: every kind read from the source in one query
// (serial, identity, descending, cycling near its limit, never used, odd names, out of
// scope), `pgshift sequences` printing the script and applying it, each target sequence then
// ahead, inserts on the target without a duplicate key, a second run never moving one back,
// and bad usage refused.
#include "core/cutover/sequencesync.h"
#include "core/pg/connection.h"
#include "tests/support/clirun.h"
#include "tests/support/pgserver.h"

#include <QTemporaryDir>
#include <QTest>

using namespace pgshift::core;
using namespace pgshift::testsupport;

class TestSequences : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void readsEverySequenceInOneQuery();
    void appliesAndVerifies();
    void rejectsBadUsage();

private:
    // Both endpoints through the environment: passwords never go on a command line.
    QMap<QString, QString> endpoints() const
    {
        return {{"PGSHIFT_SOURCE", m_source.settings().toUri(ConnectionSettings::Password::Include)},
                {"PGSHIFT_TARGET", m_target.settings().toUri(ConnectionSettings::Password::Include)}};
    }
    qint64 lastValue(Connection &c, const QString &schema, const QString &name) const
    {
        const Result r = c.exec("SELECT last_value FROM pg_sequences WHERE schemaname = $1 AND sequencename = $2", {schema, name});
        return r.rowCount() == 1 && !r.isNull(0, 0) ? r.toInt64(0, 0) : -1;
    }

    PgServer m_source{PgServer::Role::Source};
    PgServer m_target{PgServer::Role::Target};
    QTemporaryDir m_logs;
};

namespace {

// The same schema on both sides, as the schema copy leaves it.
void createSchema(Connection &c)
{
    c.exec(QString::fromUtf8("CREATE SCHEMA \"Ventes Été\""));
    c.exec("CREATE TABLE public.orders (id serial PRIMARY KEY, note text)");
    c.exec("CREATE TABLE public.events (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, note text)");
    c.exec(QString::fromUtf8("CREATE TABLE \"Ventes Été\".\"Ligne \"\"X\"\"\" (id int PRIMARY KEY)"));
    c.exec(QString::fromUtf8("CREATE SEQUENCE \"Ventes Été\".\"Seq O'Brien\" OWNED BY \"Ventes Été\".\"Ligne \"\"X\"\"\".id"));
    c.exec(QString::fromUtf8("ALTER TABLE \"Ventes Été\".\"Ligne \"\"X\"\"\" ALTER id SET DEFAULT nextval('\"Ventes Été\".\"Seq O''Brien\"')"));
    c.exec("CREATE SEQUENCE public.countdown INCREMENT BY -1 MINVALUE -1000000 MAXVALUE -1 START WITH -1");
    c.exec("CREATE SEQUENCE public.ring AS smallint MAXVALUE 32000 CYCLE");
    c.exec("CREATE SEQUENCE public.unused START WITH 500");
    c.exec("CREATE SCHEMA other");
    c.exec("CREATE SEQUENCE other.elsewhere");
}

} // namespace

void TestSequences::initTestCase()
{
    QVERIFY(m_logs.isValid());
    PGSHIFT_START(m_source);
    PGSHIFT_START(m_target);
    Connection src(m_source.settings());
    Connection tgt(m_target.settings());
    createSchema(src);
    createSchema(tgt);
    src.exec("INSERT INTO public.orders (note) SELECT 'o' FROM generate_series(1, 250)");
    src.exec("INSERT INTO public.events (note) SELECT 'e' FROM generate_series(1, 40)");
    src.exec(QString::fromUtf8("INSERT INTO \"Ventes Été\".\"Ligne \"\"X\"\"\" SELECT FROM generate_series(1, 7)"));
    src.exec("SELECT setval('public.countdown', -300)");
    src.exec("SELECT setval('public.ring', 31990)");
    src.exec("SELECT nextval('other.elsewhere')");
    // The rows themselves, as the copy would have brought them.
    tgt.exec("INSERT INTO public.orders (id, note) SELECT g, 'o' FROM generate_series(1, 250) g");
    tgt.exec("INSERT INTO public.events (id, note) OVERRIDING SYSTEM VALUE SELECT g, 'e' FROM generate_series(1, 40) g");
    tgt.exec(QString::fromUtf8("INSERT INTO \"Ventes Été\".\"Ligne \"\"X\"\"\" SELECT g FROM generate_series(1, 7) g"));
}

void TestSequences::readsEverySequenceInOneQuery()
{
    Connection src(m_source.settings());
    QString error;
    const auto scope = CopyScope::parse({"public", QString::fromUtf8("\"Ventes Été\"")}, {}, &error); // quoted: pg_dump -n reading
    QVERIFY2(scope, qPrintable(error));
    const QList<SequenceInfo> list = SequenceSync::read(src, *scope);
    QStringList names;
    for (const SequenceInfo &s : list)
        names << s.qualifiedName();
    QCOMPARE(names, QStringList({"Ventes Été.Seq O'Brien", "public.countdown", "public.events_id_seq", "public.orders_id_seq",
                                 "public.ring", "public.unused"}));
    const auto find = [&](const QString &name) { return list[names.indexOf(name)]; };
    QCOMPARE(*find("public.orders_id_seq").lastValue, qint64(250));
    QCOMPARE(find("public.orders_id_seq").ownedBy, QString("public.orders.id"));
    QVERIFY(!find("public.orders_id_seq").identity);
    QVERIFY(find("public.events_id_seq").identity);
    QCOMPARE(find("public.events_id_seq").ownedBy, QString("public.events.id"));
    QCOMPARE(find("public.countdown").increment, qint64(-1));
    QCOMPARE(*find("public.countdown").lastValue, qint64(-300));
    QCOMPARE(find("public.ring").dataType, QString("smallint"));
    QVERIFY(find("public.ring").cycle);
    QVERIFY(!find("public.unused").lastValue);
    QCOMPARE(find("public.unused").startValue, qint64(500));
    QCOMPARE(find("Ventes Été.Seq O'Brien").ownedBy, QString::fromUtf8("Ventes Été.Ligne \"X\".id"));
    // A table's scope brings the sequence it owns, nothing else.
    const auto oneTable = CopyScope::parse({}, {"public.orders"}, &error);
    const QList<SequenceInfo> owned = SequenceSync::read(src, *oneTable);
    QCOMPARE(owned.size(), 1);
    QCOMPARE(owned.first().name, QString("orders_id_seq"));
}

void TestSequences::appliesAndVerifies()
{
    // Printed only: nothing changes on the target.
    CliRun run = CliRun::run(PGSHIFT_BINARY, QStringList{"sequences", "--schema", "public", "--schema", QString::fromUtf8("\"Ventes Été\"")},
                             m_logs.path(), endpoints());
    QVERIFY2(run.exitCode == 0, run.out + run.err);
    QVERIFY2(run.out.contains("SELECT pg_catalog.setval('public.orders_id_seq', 10250, true);"), run.out.constData());
    QVERIFY(run.out.contains("SELECT pg_catalog.setval('public.countdown', -10300, true);"));
    QVERIFY(run.out.contains(QString::fromUtf8("SELECT pg_catalog.setval('\"Ventes Été\".\"Seq O''Brien\"', 10007, true);").toUtf8()));
    QVERIFY(run.out.contains("-- public.ring: a margin of 10000 would pass MAXVALUE 32000"));
    QVERIFY(run.out.contains("SELECT pg_catalog.setval('public.unused', 500, false);"));
    QVERIFY(!run.out.contains("elsewhere"));
    QVERIFY(!run.out.contains(m_source.password().toUtf8()));
    Connection tgt(m_target.settings());
    QCOMPARE(lastValue(tgt, "public", "orders_id_seq"), qint64(-1)); // never used there yet

    // Applied and verified.
    run = CliRun::run(PGSHIFT_BINARY, QStringList{"sequences", "--apply", "--schema", "public", "--schema", QString::fromUtf8("\"Ventes Été\"")},
                      m_logs.path(), endpoints());
    QVERIFY2(run.exitCode == 0, run.out + run.err);
    QVERIFY2(run.out.contains("Set 6 sequences") && run.out.contains("Verified"), run.out.constData());
    QCOMPARE(lastValue(tgt, "public", "orders_id_seq"), qint64(10250));
    QCOMPARE(lastValue(tgt, "public", "events_id_seq"), qint64(10040));
    QCOMPARE(lastValue(tgt, "public", "countdown"), qint64(-10300));
    QCOMPARE(lastValue(tgt, "public", "ring"), qint64(32000));
    QCOMPARE(lastValue(tgt, QString::fromUtf8("Ventes Été"), "Seq O'Brien"), qint64(10007));
    QCOMPARE(lastValue(tgt, "public", "unused"), qint64(-1)); // still at its start
    QCOMPARE(tgt.exec("SELECT nextval('public.unused')").toInt64(0, 0), qint64(500));
    // Inserting on the target right away: no duplicate key anywhere.
    tgt.exec("INSERT INTO public.orders (note) VALUES ('new')");
    tgt.exec("INSERT INTO public.events (note) VALUES ('new')");
    tgt.exec(QString::fromUtf8("INSERT INTO \"Ventes Été\".\"Ligne \"\"X\"\"\" DEFAULT VALUES"));

    // A second run with a smaller margin never moves a sequence back.
    run = CliRun::run(PGSHIFT_BINARY, QStringList{"sequences", "--apply", "--margin", "10", "--table", "public.orders"},
                      m_logs.path(), endpoints());
    QVERIFY2(run.exitCode == 0, run.out + run.err);
    QVERIFY2(run.out.contains("already at 10251"), run.out.constData());
    QCOMPARE(lastValue(tgt, "public", "orders_id_seq"), qint64(10251));

    // A target sequence behind its source is reported, exit 1.
    tgt.exec("SELECT setval('public.orders_id_seq', 5)");
    Connection src(m_source.settings());
    const QStringList behind = SequenceSync::behind(src, tgt, *CopyScope::parse({}, {"public.orders"}, nullptr));
    QCOMPARE(behind.size(), 1);
    QVERIFY2(behind.first().contains("5 on the target is not ahead of 250"), qPrintable(behind.first()));
}

void TestSequences::rejectsBadUsage()
{
    const struct
    {
        QStringList arguments;
        const char *message;
    } cases[] = {
        {{"sequences"}, "give --source"},
        {{"sequences", "--source", "host=127.0.0.1", "--apply"}, "--apply needs --target"},
        {{"sequences", "--source", "host=127.0.0.1", "--margin", "-3"}, "--margin must be"},
        {{"sequences", "--source", "host=127.0.0.1", "--margin", "ten"}, "--margin must be"},
        {{"sequences", "--source", "host=127.0.0.1", "--margin", "5", "--rate-window", "60"}, "not both"},
        {{"sequences", "--source", "host=127.0.0.1", "--rate-window", "0"}, "--rate-window must be"},
        {{"sequences", "--source", "postgresql://[::1"}, ""},
    };
    for (const auto &c : cases) {
        const CliRun run = CliRun::run(PGSHIFT_BINARY, c.arguments, m_logs.path());
        QVERIFY2(run.exitCode == 2, qPrintable(c.arguments.join(' ') + ": " + run.err));
        QVERIFY2(run.err.contains(c.message), run.err.constData());
    }
}

QTEST_GUILESS_MAIN(TestSequences)
#include "tst_sequences.moc"
