// Lsn: the pg_lsn value type.
#include "core/pg/lsn.h"

#include <QTest>

#include <limits>

using pgshift::core::Lsn;

class TestLsn : public QObject
{
    Q_OBJECT

private slots:
    void parse_data();
    void parse();
    void ordering();
    void bytesBetween_data();
    void bytesBetween();
};

void TestLsn::parse_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<quint64>("value");
    QTest::addColumn<QString>("formatted");

    QTest::newRow("zero") << "0/0" << true << quint64(0) << "0/0";
    QTest::newRow("typical") << "16/B374D848" << true << quint64(0x16B374D848ull) << "16/B374D848";
    QTest::newRow("lowercase") << "16/b374d848" << true << quint64(0x16B374D848ull) << "16/B374D848";
    QTest::newRow("leading zeros") << "0000000A/0000000B" << true << quint64(0xA0000000Bull) << "A/B";
    QTest::newRow("max") << "FFFFFFFF/FFFFFFFF" << true << std::numeric_limits<quint64>::max()
                         << "FFFFFFFF/FFFFFFFF";
    QTest::newRow("whitespace") << "  1/2 " << true << quint64(0x100000002ull) << "1/2";
    QTest::newRow("no slash") << "16B374D848" << false << quint64(0) << "";
    QTest::newRow("empty high") << "/1" << false << quint64(0) << "";
    QTest::newRow("empty low") << "1/" << false << quint64(0) << "";
    QTest::newRow("too long") << "123456789/0" << false << quint64(0) << "";
    QTest::newRow("not hex") << "G/0" << false << quint64(0) << "";
    QTest::newRow("two slashes") << "1/2/3" << false << quint64(0) << "";
    QTest::newRow("sign") << "-1/0" << false << quint64(0) << "";
    QTest::newRow("empty") << "" << false << quint64(0) << "";
}

void TestLsn::parse()
{
    QFETCH(QString, text);
    QFETCH(bool, valid);
    QFETCH(quint64, value);
    QFETCH(QString, formatted);
    const auto lsn = Lsn::parse(text);
    QCOMPARE(lsn.has_value(), valid);
    if (!valid)
        return;
    QCOMPARE(lsn->value(), value);
    QCOMPARE(lsn->toString(), formatted);
    QCOMPARE(Lsn::parse(lsn->toString()), lsn);
}

void TestLsn::ordering()
{
    const Lsn a = *Lsn::parse(u"0/FFFFFFFF");
    const Lsn b = *Lsn::parse(u"1/0");
    QVERIFY(a < b);
    QVERIFY(b > a);
    QVERIFY(a != b);
    QVERIFY(Lsn() == *Lsn::parse(u"0/0"));
    QVERIFY(Lsn().isZero());
    QVERIFY(!b.isZero());
}

void TestLsn::bytesBetween_data()
{
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("to");
    QTest::addColumn<qint64>("bytes");
    QTest::newRow("same") << "5/10" << "5/10" << qint64(0);
    QTest::newRow("ahead") << "0/FFFFFFFF" << "1/0" << qint64(1);
    QTest::newRow("behind") << "1/0" << "0/FFFFFFFF" << qint64(-1);
    QTest::newRow("gigabytes") << "0/0" << "1/0" << qint64(4294967296);
    QTest::newRow("saturates up") << "0/0" << "FFFFFFFF/FFFFFFFF"
                                  << std::numeric_limits<qint64>::max();
    QTest::newRow("saturates down") << "FFFFFFFF/FFFFFFFF" << "0/0"
                                    << std::numeric_limits<qint64>::min();
}

void TestLsn::bytesBetween()
{
    QFETCH(QString, from);
    QFETCH(QString, to);
    QFETCH(qint64, bytes);
    QCOMPARE(Lsn::bytesBetween(*Lsn::parse(from), *Lsn::parse(to)), bytes);
}

QTEST_GUILESS_MAIN(TestLsn)
#include "tst_lsn.moc"
