// Provider presets: the shipped data file loads, carries the advice DBAs need, and host
// names are recognised.
#include "core/pg/providercatalog.h"

#include <QTest>

using namespace pgshift::core;

class TestProviderCatalog : public QObject
{
    Q_OBJECT

private slots:
    void builtInHasEveryProvider();
    void adviceMentionsWhatMatters_data();
    void adviceMentionsWhatMatters();
    void cloudPresetsRequireSsl();
    void detect_data();
    void detect();
    void adviceFallsBackToEnglish();
    void rejectsBrokenCatalogs_data();
    void rejectsBrokenCatalogs();
};

void TestProviderCatalog::builtInHasEveryProvider()
{
    const ProviderCatalog &catalog = ProviderCatalog::builtIn();
    QStringList ids;
    for (const ProviderPreset &p : catalog.presets())
        ids << p.id;
    QCOMPARE(ids, (QStringList{"self-hosted", "rds", "aurora", "neon", "supabase", "cloudsql",
                               "azure", "planetscale"}));
}

void TestProviderCatalog::adviceMentionsWhatMatters_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<QStringList>("phrases");
    QTest::newRow("neon") << "neon" << QStringList{"-pooler", "sslmode=require", "channel_binding=require"};
    QTest::newRow("rds") << "rds" << QStringList{"rds.logical_replication = 1", "parameter group"};
    QTest::newRow("aurora") << "aurora" << QStringList{"rds.logical_replication = 1", "cluster parameter group"};
    QTest::newRow("supabase") << "supabase" << QStringList{"direct connection", "6543", "pooler"};
    QTest::newRow("planetscale") << "planetscale" << QStringList{"pg_create_subscription", "max_worker_processes"};
}

void TestProviderCatalog::adviceMentionsWhatMatters()
{
    QFETCH(QString, id);
    QFETCH(QStringList, phrases);
    const ProviderPreset *preset = ProviderCatalog::builtIn().find(id);
    QVERIFY(preset);
    const QString advice = preset->adviceFor("en_US");
    for (const QString &phrase : phrases)
        QVERIFY2(advice.contains(phrase), qPrintable(phrase + " not in: " + advice));
}

void TestProviderCatalog::cloudPresetsRequireSsl()
{
    for (const ProviderPreset &p : ProviderCatalog::builtIn().presets()) {
        if (p.id == "self-hosted")
            QCOMPARE(p.defaults.value("sslmode"), QString("prefer"));
        else
            QCOMPARE(p.defaults.value("sslmode"), QString("require"));
    }
    QCOMPARE(ProviderCatalog::builtIn().find("planetscale")->defaults.value("dbname"), QString("postgres"));
    QCOMPARE(ProviderCatalog::builtIn().find("neon")->defaults.value("channel_binding"), QString("require"));
}

void TestProviderCatalog::detect_data()
{
    QTest::addColumn<QString>("host");
    QTest::addColumn<QString>("id");
    QTest::newRow("rds") << "mydb.abc123.us-east-1.rds.amazonaws.com" << "rds";
    QTest::newRow("aurora cluster") << "app.cluster-abc123.eu-west-1.rds.amazonaws.com" << "aurora";
    QTest::newRow("aurora uppercase") << "APP.CLUSTER-ABC.EU-WEST-1.RDS.AMAZONAWS.COM" << "aurora";
    QTest::newRow("neon") << "ep-cool-123.us-east-2.aws.neon.tech" << "neon";
    QTest::newRow("supabase direct") << "db.abcdef.supabase.co" << "supabase";
    QTest::newRow("supabase pooler") << "aws-0-us-east-1.pooler.supabase.com" << "supabase";
    QTest::newRow("azure") << "srv.postgres.database.azure.com" << "azure";
    QTest::newRow("planetscale") << "abcd1234.pg.psdb.cloud" << "planetscale";
    QTest::newRow("unknown") << "db.example.com" << "";
    QTest::newRow("empty") << "" << "";
    QTest::newRow("lookalike") << "rds.amazonaws.com.evil.example" << "";
}

void TestProviderCatalog::detect()
{
    QFETCH(QString, host);
    QFETCH(QString, id);
    const ProviderPreset *preset = ProviderCatalog::builtIn().detect(host);
    QCOMPARE(preset ? preset->id : QString(), id);
}

void TestProviderCatalog::adviceFallsBackToEnglish()
{
    const auto catalog = ProviderCatalog::fromJson(
        R"({"providers":[{"id":"x","name":"X","advice":{"en":"english","de":"deutsch"}}]})");
    QVERIFY(catalog);
    QCOMPARE(catalog->presets().first().adviceFor("de_AT"), QString("deutsch"));
    QCOMPARE(catalog->presets().first().adviceFor("fr_FR"), QString("english"));
}

void TestProviderCatalog::rejectsBrokenCatalogs_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("not json") << QByteArray("{providers: [");
    QTest::newRow("no providers") << QByteArray(R"({"providers": []})");
    QTest::newRow("no id") << QByteArray(R"({"providers":[{"name":"X","advice":{"en":"a"}}]})");
    QTest::newRow("no english") << QByteArray(R"({"providers":[{"id":"x","name":"X","advice":{"de":"a"}}]})");
}

void TestProviderCatalog::rejectsBrokenCatalogs()
{
    QFETCH(QByteArray, json);
    QString error;
    QVERIFY(!ProviderCatalog::fromJson(json, &error));
    QVERIFY(!error.isEmpty());
}

QTEST_GUILESS_MAIN(TestProviderCatalog)
#include "tst_providercatalog.moc"
