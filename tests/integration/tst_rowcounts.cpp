// Exact row counts on both servers (RowCounts): odd identifiers, a partitioned table counted
// through its root, a difference reported as such, a target that cannot be reached (every
// table says why, the source is still counted), and cancel.
#include "core/migration/cancellation.h"
#include "core/migration/rowcounts.h"
#include "core/pg/connection.h"
#include "tests/support/loopback.h"
#include "tests/support/pgserver.h"

#include <QElapsedTimer>
#include <QTest>

#include <thread>

using namespace pgshift::core;
using namespace pgshift::testsupport;

class TestRowCounts : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void countsBothSides();
    void unreachableTargetIsExplained();
    void cancelStopsCounting();

private:
    QList<CopyScope::Table> tables() const;

    PgServer m_source{PgServer::Role::Source};
    PgServer m_target{PgServer::Role::Target};
};

namespace {

const QString OddSchema = QString::fromUtf8("Sales \"EU\" ünï");
const QString OddTable = QStringLiteral("Order Lines; --");

void createSchema(Connection &c)
{
    c.exec(QStringLiteral("CREATE SCHEMA %1").arg(c.quoteIdentifier(OddSchema)));
    c.exec(QStringLiteral("CREATE TABLE %1.%2 (id int PRIMARY KEY)").arg(c.quoteIdentifier(OddSchema), c.quoteIdentifier(OddTable)));
    c.exec(QStringLiteral("CREATE TABLE public.measures (at date NOT NULL, v int) PARTITION BY RANGE (at)"));
    c.exec(QStringLiteral("CREATE TABLE public.measures_2025 PARTITION OF public.measures FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')"));
    c.exec(QStringLiteral("CREATE TABLE public.measures_2026 PARTITION OF public.measures FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')"));
    c.exec(QStringLiteral("CREATE TABLE public.big (id int)"));
}

} // namespace

void TestRowCounts::initTestCase()
{
    PGSHIFT_START(m_source);
    PGSHIFT_START(m_target);
    Connection src(m_source.settings());
    Connection tgt(m_target.settings());
    createSchema(src);
    createSchema(tgt);
    const QString odd = src.quoteIdentifier(OddSchema) + u'.' + src.quoteIdentifier(OddTable);
    src.exec(QStringLiteral("INSERT INTO %1 SELECT generate_series(1, 1234)").arg(odd));
    tgt.exec(QStringLiteral("INSERT INTO %1 SELECT generate_series(1, 1234)").arg(odd));
    src.exec(QStringLiteral("INSERT INTO public.measures SELECT date '2025-06-01' + (g % 400), g FROM generate_series(1, 800) g"));
    tgt.exec(QStringLiteral("INSERT INTO public.measures SELECT date '2025-06-01' + (g % 400), g FROM generate_series(1, 799) g"));
    src.exec(QStringLiteral("INSERT INTO public.big SELECT generate_series(1, 3000000)"));
    tgt.exec(QStringLiteral("INSERT INTO public.big SELECT generate_series(1, 3000000)"));
}

QList<CopyScope::Table> TestRowCounts::tables() const
{
    return {{OddSchema, OddTable}, {QStringLiteral("public"), QStringLiteral("measures")}, {QStringLiteral("public"), QStringLiteral("big")}};
}

void TestRowCounts::countsBothSides()
{
    Cancellation none;
    const RowCounts::Outcome outcome = RowCounts::exact(m_source.settings(), m_target.settings(), tables(), 2, none);
    QVERIFY(!outcome.cancelled);
    QVERIFY(outcome.startedAt <= outcome.finishedAt);
    QCOMPARE(outcome.tables.size(), 3);
    const TableRowCount &odd = outcome.tables[0];
    QCOMPARE(odd.schema, OddSchema);
    QCOMPARE(odd.source, qint64(1234));
    QCOMPARE(odd.target, qint64(1234));
    QVERIFY(odd.matches());
    QVERIFY(odd.error.isEmpty());
    const TableRowCount &measures = outcome.tables[1];
    QCOMPARE(measures.source, qint64(800)); // the root counts its partitions
    QCOMPARE(measures.target, qint64(799));
    QVERIFY(!measures.matches());
    QCOMPARE(outcome.tables[2].source, qint64(3000000));
    QVERIFY(outcome.tables[2].matches());
}

void TestRowCounts::unreachableTargetIsExplained()
{
    ConnectionSettings dead = m_target.settings();
    dead.setValue(QStringLiteral("port"), QString::number(freeLoopbackPort()));
    dead.setValue(QStringLiteral("connect_timeout"), QStringLiteral("2"));
    Cancellation none;
    const RowCounts::Outcome outcome = RowCounts::exact(m_source.settings(), dead, tables(), 2, none);
    for (const TableRowCount &t : outcome.tables) {
        QVERIFY(t.source >= 0);
        QCOMPARE(t.target, qint64(-1));
        QVERIFY(!t.matches());
        QVERIFY2(t.error.startsWith(QStringLiteral("target: ")), qPrintable(t.error));
        QCOMPARE(t.error.count(QStringLiteral("target: ")), 1); // said once per table
    }
}

void TestRowCounts::cancelStopsCounting()
{
    // A slow count: the big table many times over, cancelled early.
    QList<CopyScope::Table> many;
    for (int i = 0; i < 40; ++i)
        many << CopyScope::Table{QStringLiteral("public"), QStringLiteral("big")};
    Cancellation cancellation;
    QElapsedTimer t;
    t.start();
    std::thread canceller([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        cancellation.cancel();
    });
    const RowCounts::Outcome outcome = RowCounts::exact(m_source.settings(), m_target.settings(), many, 2, cancellation);
    canceller.join();
    QVERIFY(outcome.cancelled);
    int counted = 0;
    for (const TableRowCount &c : outcome.tables)
        counted += c.source >= 0 ? 1 : 0;
    QVERIFY2(counted < many.size(), qPrintable(QString::number(counted)));
    QVERIFY2(t.elapsed() < 5000, qPrintable(QString::number(t.elapsed())));
}

QTEST_GUILESS_MAIN(TestRowCounts)
#include "tst_rowcounts.moc"
