// Provider presets: the shipped data file loads, carries the advice DBAs need, and host
// names are recognised.
#include "core/pg/providercatalog.h"

#include <QRegularExpression>
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
    void everyLanguageHasAdvice();
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

void TestProviderCatalog::everyLanguageHasAdvice()
{
    // The advice under the form is part of the interface: every language pgshift speaks has
    // its own text for every provider, keeping the settings and commands it names.
    for (const auto &preset : ProviderCatalog::builtIn().presets()) {
        const QString english = preset.advice.value("en");
        for (const char *language : {"de", "es", "fr", "ja"}) {
            const QString text = preset.advice.value(QString::fromLatin1(language));
            QVERIFY2(!text.isEmpty() && text != english, qPrintable(preset.id + ": no advice in " + language));
            static const QRegularExpression setting(QStringLiteral("[a-z_.]+ = [a-z0-9]+|[a-z_]+=[a-z]+"));
            for (auto it = setting.globalMatch(english); it.hasNext();) {
                const QString needed = it.next().captured();
                QVERIFY2(text.contains(needed), qPrintable(preset.id + "/" + language + " lost " + needed));
            }
        }
    }
    const auto *selfHosted = ProviderCatalog::builtIn().find("self-hosted");
    QVERIFY(selfHosted);
    QCOMPARE(selfHosted->nameFor("de_DE"), QString::fromUtf8("PostgreSQL, selbst betrieben"));
    QCOMPARE(selfHosted->nameFor("en_US"), QString("Self-hosted PostgreSQL"));
    QCOMPARE(ProviderCatalog::builtIn().find("neon")->nameFor("ja_JP"), QString("Neon")); // a brand stays
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
