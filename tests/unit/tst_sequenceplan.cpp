// Sequence values for cutover, without a server: the margin in the sequence's direction,
// clamping at MINVALUE/MAXVALUE (with cycling called out), never-used and unreadable
// sequences, 64-bit overflow, the regclass literal for any name, the rate-based margin.
#include "core/cutover/sequencesync.h"

#include <QTest>

#include <limits>

using namespace pgshift::core;

Q_DECLARE_METATYPE(pgshift::core::SequenceInfo)

class TestSequencePlan : public QObject
{
    Q_OBJECT

private slots:
    void values_data();
    void values();
    void names_data();
    void names();
    void unreadableIsLeftAlone();
    void scriptIsOneTransaction();
    void marginFromRate();
};

namespace {

SequenceInfo sequence(std::optional<qint64> last, qint64 increment, qint64 min, qint64 max, bool cycle = false)
{
    SequenceInfo s;
    s.schema = QStringLiteral("public");
    s.name = QStringLiteral("s");
    s.lastValue = last;
    s.increment = increment;
    s.minValue = min;
    s.maxValue = max;
    s.startValue = increment > 0 ? min : max;
    s.cycle = cycle;
    return s;
}

constexpr qint64 Max64 = std::numeric_limits<qint64>::max();
constexpr qint64 Min64 = std::numeric_limits<qint64>::min();

} // namespace

void TestSequencePlan::values_data()
{
    QTest::addColumn<SequenceInfo>("info");
    QTest::addColumn<qint64>("margin");
    QTest::addColumn<qint64>("value");
    QTest::addColumn<bool>("isCalled");
    QTest::addColumn<bool>("clamped");
    QTest::addColumn<QString>("note"); // a part of it

    QTest::newRow("ascending") << sequence(1234, 1, 1, Max64) << qint64(10000) << qint64(11234) << true << false << QString();
    QTest::newRow("ascending by 5") << sequence(500, 5, 1, Max64) << qint64(10000) << qint64(50500) << true << false << QString();
    QTest::newRow("descending") << sequence(-100, -1, Min64, -1) << qint64(10000) << qint64(-10100) << true << false << QString();
    QTest::newRow("descending by 3") << sequence(-30, -3, -1000000, -1) << qint64(100) << qint64(-330) << true << false << QString();
    QTest::newRow("zero margin") << sequence(77, 1, 1, Max64) << qint64(0) << qint64(77) << true << false << QString();
    QTest::newRow("negative margin is zero") << sequence(77, 1, 1, Max64) << qint64(-5) << qint64(77) << true << false << QString();
    QTest::newRow("near max") << sequence(2147480000, 1, 1, 2147483647) << qint64(10000) << qint64(2147483647) << true << true
                              << QString("would pass MAXVALUE 2147483647");
    QTest::newRow("near max, not cycling") << sequence(32000, 1, 1, 32767) << qint64(10000) << qint64(32767) << true << true
                                           << QString("next nextval() fails");
    QTest::newRow("near max, cycling") << sequence(32000, 1, 1, 32767, true) << qint64(10000) << qint64(32767) << true << true
                                       << QString("starts over at 1");
    QTest::newRow("near min, descending") << sequence(-32000, -1, -32768, -1) << qint64(10000) << qint64(-32768) << true << true
                                          << QString("would pass MINVALUE -32768");
    QTest::newRow("at max already") << sequence(100, 1, 1, 100) << qint64(1) << qint64(100) << true << true << QString("MAXVALUE");
    QTest::newRow("64-bit overflow") << sequence(Max64 - 10, 1000000000, 1, Max64) << qint64(10000000000LL) << Max64 << true
                                     << true << QString("MAXVALUE");
    QTest::newRow("64-bit underflow") << sequence(Min64 + 10, -1000000000, Min64, -1) << qint64(10000000000LL) << Min64 << true
                                      << true << QString("MINVALUE");
    QTest::newRow("never used") << sequence(std::nullopt, 1, 1, Max64) << qint64(10000) << qint64(1) << false << false
                                << QString("never used");
    QTest::newRow("never used, custom start") << [] {
        SequenceInfo s = sequence(std::nullopt, 1, 1, Max64);
        s.startValue = 1000;
        return s;
    }() << qint64(10000) << qint64(1000) << false << false << QString("start value, 1000");
    QTest::newRow("identity column") << [] {
        SequenceInfo s = sequence(42, 1, 1, Max64);
        s.identity = true;
        s.ownedBy = QStringLiteral("public.orders.id");
        return s;
    }() << qint64(10000) << qint64(10042) << true << false << QString();
    QTest::newRow("unowned") << sequence(9, 1, 1, Max64) << qint64(10) << qint64(19) << true << false << QString();
}

void TestSequencePlan::values()
{
    QFETCH(SequenceInfo, info);
    QFETCH(qint64, margin);
    QFETCH(qint64, value);
    QFETCH(bool, isCalled);
    QFETCH(bool, clamped);
    QFETCH(QString, note);
    const SequencePlan p = SequenceSync::plan(info, margin);
    QCOMPARE(p.value, value);
    QCOMPARE(p.isCalled, isCalled);
    QCOMPARE(p.clamped, clamped);
    QVERIFY2(note.isEmpty() ? p.note.isEmpty() : p.note.contains(note), qPrintable(p.note));
    QVERIFY(!p.skipped());
    QCOMPARE(p.sql, QString("SELECT pg_catalog.setval('public.s', %1, %2);").arg(value).arg(isCalled ? "true" : "false"));
    // Never outside the sequence's range, never behind the source.
    QVERIFY(p.value >= info.minValue && p.value <= info.maxValue);
    if (info.lastValue)
        QVERIFY(info.increment > 0 ? p.value >= *info.lastValue : p.value <= *info.lastValue);
}

void TestSequencePlan::names_data()
{
    QTest::addColumn<QString>("schema");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("literal");
    QTest::newRow("plain") << "public" << "orders_id_seq" << "'public.orders_id_seq'";
    QTest::newRow("mixed case") << "Sales" << "OrderSeq" << "'\"Sales\".\"OrderSeq\"'";
    QTest::newRow("space") << "public" << "order seq" << "'public.\"order seq\"'";
    QTest::newRow("double quote") << "public" << "a\"b" << "'public.\"a\"\"b\"'";
    QTest::newRow("single quote") << "public" << "o'brien" << "'public.\"o''brien\"'";
    QTest::newRow("dot") << "a.b" << "c" << "'\"a.b\".c'";
    QTest::newRow("unicode") << QString::fromUtf8("ventes") << QString::fromUtf8("séquence_名前") << QString::fromUtf8("'ventes.\"séquence_名前\"'");
    QTest::newRow("backslash") << "public" << "a\\b" << "E'public.\"a\\\\b\"'";
    QTest::newRow("keyword") << "public" << "select" << "'public.select'";
    QTest::newRow("digit first") << "public" << "1seq" << "'public.\"1seq\"'";
    QTest::newRow("dollar") << "public" << "seq$1" << "'public.seq$1'";
}

void TestSequencePlan::names()
{
    QFETCH(QString, schema);
    QFETCH(QString, name);
    QFETCH(QString, literal);
    QCOMPARE(SequenceSync::regclassLiteral(schema, name), literal);
    QCOMPARE(SequenceSync::setvalSql(schema, name, -5, true), QString("SELECT pg_catalog.setval(%1, -5, true);").arg(literal));
}

void TestSequencePlan::unreadableIsLeftAlone()
{
    SequenceInfo s = sequence(std::nullopt, 1, 1, Max64);
    s.readable = false;
    const SequencePlan p = SequenceSync::plan(s, 10000);
    QVERIFY(p.skipped());
    QVERIFY2(p.note.contains("grant"), qPrintable(p.note));
}

void TestSequencePlan::scriptIsOneTransaction()
{
    SequenceInfo unreadable = sequence(std::nullopt, 1, 1, Max64);
    unreadable.name = QStringLiteral("hidden");
    unreadable.readable = false;
    const QString script = SequenceSync::script(SequenceSync::plan({sequence(5, 1, 1, Max64), sequence(32000, 1, 1, 32767), unreadable}, 10000));
    QVERIFY(script.startsWith("BEGIN;\n"));
    QVERIFY(script.endsWith("COMMIT;\n"));
    QCOMPARE(script.count("pg_catalog.setval("), 2);
    QVERIFY(script.contains("-- public.s: a margin of 10000 would pass MAXVALUE 32767"));
    QVERIFY(script.contains("-- public.hidden: not readable"));
}

void TestSequencePlan::marginFromRate()
{
    SequenceInfo slow = sequence(100, 1, 1, Max64);
    slow.name = QStringLiteral("slow");
    SequenceInfo fast = sequence(1000, 10, 1, Max64);
    fast.name = QStringLiteral("fast");
    SequenceInfo fresh = sequence(std::nullopt, 1, 1, Max64);
    fresh.name = QStringLiteral("fresh");
    SequenceInfo slow2 = slow;
    slow2.lastValue = 110;
    SequenceInfo fast2 = fast;
    fast2.lastValue = 3000; // 200 increments of 10 in 2 s: 100 a second
    SequenceInfo fresh2 = fresh;
    fresh2.lastValue = 1;   // its first value: one step
    // 100 a second x 60 s x 3 = 18,000.
    QCOMPARE(SequenceSync::marginFromRate({slow, fast, fresh}, {slow2, fast2, fresh2}, 2.0, 60, 3.0), qint64(18000));
    // Nothing moving: the floor.
    QCOMPARE(SequenceSync::marginFromRate({slow}, {slow}, 2.0, 60, 3.0), qint64(1000));
    // Descending sequences count by their steps too.
    SequenceInfo down = sequence(-10, -2, Min64, -1);
    SequenceInfo down2 = down;
    down2.lastValue = -4010; // 2,000 steps in 1 s
    QCOMPARE(SequenceSync::marginFromRate({down}, {down2}, 1.0, 10, 1.0), qint64(20000));
}

QTEST_GUILESS_MAIN(TestSequencePlan)
#include "tst_sequenceplan.moc"
