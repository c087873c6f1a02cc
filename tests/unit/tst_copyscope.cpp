// Reading --schema/--table the way pg_dump and psql do, the pg_dump selections they become,
// the progress arithmetic, and the cleanup SQL's order.
#include "core/migration/copyprogress.h"
#include "core/migration/copyscope.h"
#include "core/migration/targetinventory.h"

#include <QTest>

using namespace pgshift::core;

class TestCopyScope : public QObject
{
    Q_OBJECT

private slots:
    void splitsNames_data();
    void splitsNames();
    void parsesSpecs();
    void dumpSelections();
    void progressWeighsTablesBySize();
    void dropSqlOrder();
};

void TestCopyScope::splitsNames_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QStringList>("parts"); // empty: malformed
    QTest::newRow("plain") << "orders" << QStringList{"orders"};
    QTest::newRow("folded") << "Sales.Orders" << QStringList{"sales", "orders"};
    QTest::newRow("quoted") << "\"Sales\".\"Orders\"" << QStringList{"Sales", "Orders"};
    QTest::newRow("quoted dot") << "\"a.b\".c" << QStringList{"a.b", "c"};
    QTest::newRow("doubled quote") << "\"say \"\"hi\"\"\"" << QStringList{"say \"hi\""};
    QTest::newRow("unicode") << "\"ünï cödé\".\"Tábla; DROP\"" << QStringList{"ünï cödé", "Tábla; DROP"};
    QTest::newRow("empty part") << "a..b" << QStringList{};
    QTest::newRow("trailing dot") << "a." << QStringList{};
    QTest::newRow("unterminated") << "\"abc" << QStringList{};
    QTest::newRow("text after quote") << "\"a\"b" << QStringList{};
    QTest::newRow("quote after text") << "a\"b\"" << QStringList{};
    QTest::newRow("empty") << "" << QStringList{};
}

void TestCopyScope::splitsNames()
{
    QFETCH(QString, spec);
    QFETCH(QStringList, parts);
    const auto split = CopyScope::splitName(spec);
    if (parts.isEmpty())
        QVERIFY2(!split, qPrintable(split ? split->join('|') : QString()));
    else
        QCOMPARE(split.value_or(QStringList{"<malformed>"}), parts);
}

void TestCopyScope::parsesSpecs()
{
    QString error;
    const auto scope = CopyScope::parse({"Sales", "\"Sales\""}, {"items", "\"X\".y", "items"}, &error);
    QVERIFY2(scope, qPrintable(error));
    QCOMPARE(scope->schemas, QStringList({"sales", "Sales"}));
    QCOMPARE(scope->tables.size(), 2); // the repeated one counted once
    QCOMPARE(scope->tables[0].schema, QString("public"));
    QCOMPARE(scope->tables[1].schema, QString("X"));
    QCOMPARE(QString::fromUtf8(scope->tablesJson()), QString("[[\"public\",\"items\"],[\"X\",\"y\"]]"));
    QVERIFY(!CopyScope::parse({"a.b"}, {}, &error));
    QVERIFY(error.contains("a.b"));
    QVERIFY(!CopyScope::parse({}, {"a.b.c"}, &error));
    QVERIFY(CopyScope::parse({}, {}, &error)->isWholeDatabase());
}

void TestCopyScope::dumpSelections()
{
    CopyScope whole;
    QVERIFY(whole.pgDumpSelections({}).isEmpty());

    const auto scope = CopyScope::parse({"\"My*Schema\""}, {"\"We\"\"ird\".t"}, nullptr);
    QVERIFY(scope);
    // Tables of a selected schema need no --table of their own; every name matches literally.
    const QList<QStringList> selections = scope->pgDumpSelections(
        {{"My*Schema", "inside"}, {"We\"ird", "t"}, {"We\"ird", "t_part"}});
    QCOMPARE(selections.size(), 2);
    QCOMPARE(selections[0], QStringList{"--schema=\"My*Schema\""});
    QCOMPARE(selections[1], QStringList({"--table=\"We\"\"ird\".\"t\"", "--table=\"We\"\"ird\".\"t_part\""}));
}

void TestCopyScope::progressWeighsTablesBySize()
{
    CopyProgressTracker tracker;
    TableStatus big;
    big.heapBytes = 900 << 20;
    big.estimatedRows = 1000;
    TableStatus small;
    small.heapBytes = 100 << 20;
    small.estimatedRows = -1; // never analyzed: bytes tell instead
    tracker.setTables({big, small});
    QCOMPARE(tracker.snapshot().percent, 0.0);
    tracker.updateTable(0, [](TableStatus &t) { t.rowsCopied = 500; });
    QCOMPARE(qRound(tracker.snapshot().percent), 45);
    tracker.updateTable(1, [](TableStatus &t) {
        t.bytesCopied = 50 << 20;
    });
    QCOMPARE(qRound(tracker.snapshot().percent), 50);
    tracker.updateTable(1, [](TableStatus &t) { t.state = TableStatus::State::Copied; });
    QCOMPARE(qRound(tracker.snapshot().percent), 55);
    // More rows than estimated never counts past the table's share.
    tracker.updateTable(0, [](TableStatus &t) { t.rowsCopied = 5000; });
    QCOMPARE(qRound(tracker.snapshot().percent), 100);
}

void TestCopyScope::dropSqlOrder()
{
    using K = TargetObject::Kind;
    const QList<TargetObject> objects{{K::Schema, "\"Sales\"", "Sales"},
                                      {K::Type, "public.mood", "public.mood"},
                                      {K::Table, "public.t", "public.t"},
                                      {K::View, "public.v", "public.v"},
                                      {K::LargeObject, "16400", "16400"},
                                      {K::Function, "public.f(integer)", "public.f(integer)"}};
    const QStringList lines = TargetInventory::dropSql(objects).split('\n', Qt::SkipEmptyParts);
    QCOMPARE(lines, QStringList({"BEGIN;", "DROP VIEW IF EXISTS public.v CASCADE;",
                                 "DROP TABLE IF EXISTS public.t CASCADE;",
                                 "DROP FUNCTION IF EXISTS public.f(integer) CASCADE;",
                                 "DROP TYPE IF EXISTS public.mood CASCADE;",
                                 "SELECT pg_catalog.lo_unlink(16400) FROM pg_catalog.pg_largeobject_metadata WHERE oid = 16400;",
                                 "DROP SCHEMA IF EXISTS \"Sales\" CASCADE;", "COMMIT;"}));
}

QTEST_GUILESS_MAIN(TestCopyScope)
#include "tst_copyscope.moc"
