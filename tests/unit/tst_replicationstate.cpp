// The saved state of a logical replication: a round trip without any password, and clear
// failures for a missing, corrupt or incomplete file.
#include "core/replication/replicationstate.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace pgshift::core;

class TestReplicationState : public QObject
{
    Q_OBJECT

private slots:
    void roundTripWithoutSecrets();
    void badFiles();
};

void TestReplicationState::roundTripWithoutSecrets()
{
    QTemporaryDir dir;
    ReplicationOptions options;
    options.copy.source = *ConnectionSettings::parse("postgresql://app:S3cret-src@db.example.com:5432/shop?sslmode=require");
    options.copy.target = *ConnectionSettings::parse("host=127.0.0.1 port=6543 dbname=shop user=admin password=T4rget-pw");
    options.copy.scope = *CopyScope::parse({"\"Sales\""}, {"public.items"}, nullptr);
    options.names.subscription = options.names.slot = "pgshift_sub_2";
    options.deferSecondaryIndexes = false;
    const ReplicationState state = ReplicationState::from(options, "started");
    QString error;
    QVERIFY2(state.save(dir.path(), &error), qPrintable(error));

    QFile file(ReplicationState::path(dir.path()));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray text = file.readAll();
    QVERIFY(!text.contains("S3cret-src") && !text.contains("T4rget-pw"));

    const auto loaded = ReplicationState::load(dir.path(), &error);
    QVERIFY2(loaded, qPrintable(error));
    QCOMPARE(loaded->names.subscription, QString("pgshift_sub_2"));
    QCOMPARE(loaded->names.slot, QString("pgshift_sub_2"));
    QCOMPARE(loaded->source.value("host"), QString("db.example.com"));
    QCOMPARE(loaded->source.value("sslmode"), QString("require"));
    QVERIFY(loaded->source.password().isEmpty());
    QCOMPARE(loaded->target.value("port"), QString("6543"));
    QCOMPARE(loaded->scope.schemas, QStringList{"Sales"});
    QCOMPARE(loaded->scope.tables.size(), 1);
    QCOMPARE(loaded->scope.tables.first().name, QString("items"));
    QCOMPARE(loaded->deferSecondaryIndexes, false);
    QCOMPARE(loaded->phase, QString("started"));
    QVERIFY(loaded->startedAt.isValid());
    QCOMPARE(loaded->options().copy.target.value("dbname"), QString("shop"));

    QVERIFY(ReplicationState::clear(dir.path()));
    QVERIFY(!ReplicationState::load(dir.path(), &error));
    QVERIFY(ReplicationState::clear(dir.path())); // nothing to clear is fine
}

void TestReplicationState::badFiles()
{
    QTemporaryDir dir;
    QString error;
    QVERIFY(!ReplicationState::load(dir.path(), &error));
    QVERIFY(error.isEmpty()); // none saved: not an error
    const auto write = [&](const QByteArray &content) {
        QFile file(ReplicationState::path(dir.path()));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(content);
    };
    write("{ not json");
    QVERIFY(!ReplicationState::load(dir.path(), &error));
    QVERIFY(!error.isEmpty());
    error.clear();
    write(R"({"publication": "pgshift_pub", "subscription": "Bad Name", "slot": "x"})");
    QVERIFY(!ReplicationState::load(dir.path(), &error));
    QVERIFY2(error.contains("incomplete"), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestReplicationState)
#include "tst_replicationstate.moc"
