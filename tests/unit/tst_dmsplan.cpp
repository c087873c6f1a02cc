// What `pgshift dms plan` writes for AWS DMS, without AWS or a server: the task settings
// parse as JSON and carry the schema-first settings; the table mapping selects exactly the
// given tables, each name matched literally (DMS reads % _ [ as wildcards); the endpoint
// attributes; the aws CLI commands quote every value for the shell and hold no password;
// bad settings are refused; a foreign key's violation count follows its match rules.
#include "core/dms/dmsplan.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTest>

using namespace pgshift::core;

class TestDmsPlan : public QObject
{
    Q_OBJECT

private slots:
    void taskSettingsAreSchemaFirst();
    void limitedLobMode();
    void tableMappingSelectsExactlyTheTables();
    void literalPatterns_data();
    void literalPatterns();
    void endpointAttributes();
    void awsCommandsQuoteAndHoldNoPassword();
    void badSettingsAreRefused_data();
    void badSettingsAreRefused();
    void violationCountFollowsTheKey();
};

namespace {

QJsonObject roundTrip(const QJsonObject &object)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(QJsonDocument(object).toJson(), &error);
    if (error.error != QJsonParseError::NoError)
        qFatal("does not parse: %s", qPrintable(error.errorString()));
    return doc.object();
}

} // namespace

void TestDmsPlan::taskSettingsAreSchemaFirst()
{
    DmsSettings s;
    s.maxFullLoadSubTasks = 12;
    const QJsonObject o = roundTrip(DmsPlan::taskSettings(s));
    const QJsonObject full = o["FullLoadSettings"].toObject();
    QCOMPARE(full["TargetTablePrepMode"].toString(), QString("DO_NOTHING"));
    QCOMPARE(full["MaxFullLoadSubTasks"].toInt(), 12);
    QCOMPARE(full["CommitRate"].toInt(), 10000);
    const QJsonObject validation = o["ValidationSettings"].toObject();
    QVERIFY(validation["EnableValidation"].toBool());
    QCOMPARE(validation["ValidationMode"].toString(), QString("ROW_LEVEL"));
    const QJsonObject target = o["TargetMetadata"].toObject();
    QVERIFY(target["SupportLobs"].toBool() && target["FullLobMode"].toBool()
            && !target["LimitedSizeLobMode"].toBool());
    QCOMPARE(target["LobChunkSize"].toInt(), 64);
    QVERIFY(target["BatchApplyEnabled"].toBool());
    QVERIFY(o["ChangeProcessingTuning"].toObject()["BatchApplyPreserveTransaction"].toBool());
    QStringList components;
    for (const QJsonValue &c : o["Logging"].toObject()["LogComponents"].toArray())
        components << c.toObject()["Id"].toString();
    QCOMPARE(components,
             QStringList({"TRANSFORMATION", "SOURCE_UNLOAD", "TARGET_LOAD", "SOURCE_CAPTURE",
                          "TARGET_APPLY"}));
    QVERIFY(!o["ControlTablesSettings"].toObject()["StatusTableEnabled"].toBool());

    s.validation = false;
    s.batchApply = false;
    const QJsonObject off = roundTrip(DmsPlan::taskSettings(s));
    QVERIFY(!off["ValidationSettings"].toObject()["EnableValidation"].toBool());
    QVERIFY(!off["TargetMetadata"].toObject()["BatchApplyEnabled"].toBool());
}

void TestDmsPlan::limitedLobMode()
{
    DmsSettings s;
    s.lobs = DmsSettings::Lobs::Limited;
    s.lobMaxSizeKb = 4096;
    const QJsonObject target = roundTrip(DmsPlan::taskSettings(s))["TargetMetadata"].toObject();
    QVERIFY(!target["FullLobMode"].toBool());
    QVERIFY(target["LimitedSizeLobMode"].toBool());
    QCOMPARE(target["LobMaxSize"].toInt(), 4096);
}

void TestDmsPlan::tableMappingSelectsExactlyTheTables()
{
    const QList<DmsTable> tables {{"public", "orders"},
                                  {"Sales Data", "Order_Items"},
                                  {"public", "100%"},
                                  {"odd", "say \"hi\""}};
    const QJsonArray rules = roundTrip(DmsPlan::tableMapping(tables))["rules"].toArray();
    QCOMPARE(rules.size(), tables.size());
    QSet<QString> ids;
    QStringList selected;
    for (const QJsonValue &v : rules) {
        const QJsonObject rule = v.toObject();
        QCOMPARE(rule["rule-type"].toString(), QString("selection"));
        QCOMPARE(rule["rule-action"].toString(), QString("include"));
        ids.insert(rule["rule-id"].toString());
        const QJsonObject locator = rule["object-locator"].toObject();
        selected << locator["schema-name"].toString() + "|" + locator["table-name"].toString();
    }
    QCOMPARE(ids.size(), tables.size());
    QCOMPARE(selected,
             QStringList(
                 {"public|orders", "Sales Data|Order[_]Items", "public|100[%]", "odd|say \"hi\""}));
    QCOMPARE(roundTrip(DmsPlan::tableMapping({}))["rules"].toArray().size(), 0);
}

void TestDmsPlan::literalPatterns_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("pattern");
    QTest::newRow("plain") << "orders"
                           << "orders";
    QTest::newRow("underscore") << "order_lines"
                                << "order[_]lines";
    QTest::newRow("percent") << "50%off"
                             << "50[%]off";
    QTest::newRow("bracket") << "a[1]"
                             << "a[[]1]";
    QTest::newRow("mixed case, space, dot, unicode") << "Ümlaut Table.v2"
                                                     << "Ümlaut Table.v2";
}

void TestDmsPlan::literalPatterns()
{
    QFETCH(QString, name);
    QFETCH(QString, pattern);
    QCOMPARE(DmsPlan::literalPattern(name), pattern);
    // Read back as DMS reads it, the pattern matches the name and nothing else of its length.
    QString regex;
    for (qsizetype i = 0; i < pattern.size(); ++i) {
        if (pattern[i] == u'[') {
            const qsizetype close = pattern.indexOf(u']', i + 2);
            regex += QRegularExpression::escape(pattern.mid(i + 1, close - i - 1));
            i = close;
        } else if (pattern[i] == u'%') {
            regex += ".*";
        } else if (pattern[i] == u'_') {
            regex += ".";
        } else {
            regex += QRegularExpression::escape(QString(pattern[i]));
        }
    }
    const QRegularExpression dms(QRegularExpression::anchoredPattern(regex));
    QVERIFY(dms.match(name).hasMatch());
    QString other = name;
    other[0] = other[0] == u'x' ? u'y' : u'x';
    QVERIFY(!dms.match(other).hasMatch());
}

void TestDmsPlan::endpointAttributes()
{
    DmsSettings s;
    s.slotName = "move_slot";
    const QString source = DmsPlan::sourceEndpointAttributes(s);
    QVERIFY2(source.split(';').contains("pluginName=test_decoding")
                 && source.split(';').contains("slotName=move_slot")
                 && source.split(';').contains("captureDDLs=false"),
             qPrintable(source));
    s.changeCapture = false;
    QVERIFY(!DmsPlan::sourceEndpointAttributes(s).contains("slotName"));
    QCOMPARE(DmsPlan::targetEndpointAttributes(),
             QString("afterConnectScript=SET session_replication_role='replica'"));
}

void TestDmsPlan::awsCommandsQuoteAndHoldNoPassword()
{
    DmsPlanOptions o;
    o.source = ConnectionSettings::parse("postgresql://o'brien:s3cret-src@db.example.internal:5433/"
                                         "sh%20op?sslmode=verify-full",
                                         nullptr)
                   .value();
    o.target = ConnectionSettings::parse(
                   "postgresql://app:s3cret-tgt@127.0.0.1:6432/shop?sslmode=disable", nullptr)
                   .value();
    o.settings.taskId = "move-shop";
    const QString script = DmsPlan::awsCommands(o);
    QVERIFY(!script.contains("s3cret"));
    QVERIFY2(script.contains("--username 'o'\\''brien'"), qPrintable(script));
    QVERIFY(script.contains("--database-name 'sh op'"));
    QVERIFY(script.contains("--port 5433"));
    QVERIFY(script.contains("--ssl-mode verify-full"));
    QVERIFY(script.contains("--ssl-mode none"));
    QVERIFY(script.contains("--password \"$SOURCE_PASSWORD\""));
    QVERIFY(script.contains("--replication-task-identifier 'move-shop'"));
    QVERIFY(script.contains("--migration-type full-load-and-cdc"));
    QVERIFY(script.contains("file://table-mappings.json")
            && script.contains("file://task-settings.json"));
    QVERIFY(script.contains("aws dms delete-replication-task"));
    // The target is on this computer: said once, for the target only.
    QVERIFY(script.contains("# The target's host (127.0.0.1) is this computer's own"));
    QVERIFY(!script.contains("# The source's host"));
    o.settings.changeCapture = false;
    QVERIFY(DmsPlan::awsCommands(o).contains("--migration-type full-load \\"));
}

void TestDmsPlan::badSettingsAreRefused_data()
{
    QTest::addColumn<QString>("task");
    QTest::addColumn<QString>("slot");
    QTest::addColumn<int>("subTasks");
    QTest::addColumn<bool>("fine");
    QTest::newRow("defaults") << "pgshift-dms"
                              << "pgshift_dms" << 8 << true;
    QTest::newRow("task starts with a digit") << "1task"
                                              << "pgshift_dms" << 8 << false;
    QTest::newRow("task with two hyphens") << "a--b"
                                           << "pgshift_dms" << 8 << false;
    QTest::newRow("task ending in a hyphen") << "move-"
                                             << "pgshift_dms" << 8 << false;
    QTest::newRow("task with an underscore") << "move_it"
                                             << "pgshift_dms" << 8 << false;
    QTest::newRow("slot with capitals") << "move"
                                        << "Pgshift" << 8 << false;
    QTest::newRow("slot too long") << "move" << QString(64, 'a') << 8 << false;
    QTest::newRow("no parallel tables") << "move"
                                        << "s" << 0 << false;
    QTest::newRow("too many parallel tables") << "move"
                                              << "s" << 50 << false;
}

void TestDmsPlan::badSettingsAreRefused()
{
    QFETCH(QString, task);
    QFETCH(QString, slot);
    QFETCH(int, subTasks);
    QFETCH(bool, fine);
    DmsSettings s;
    s.taskId = task;
    s.slotName = slot;
    s.maxFullLoadSubTasks = subTasks;
    QCOMPARE(!s.problem().has_value(), fine);
}

void TestDmsPlan::violationCountFollowsTheKey()
{
    ForeignKey k;
    k.schema = "Sales Data";
    k.table = "Order Items";
    k.name = "items_fk";
    k.columns = {"order_id", "Region"};
    k.referencedSchema = "public";
    k.referencedTable = "orders";
    k.referencedColumns = {"id", "region"};
    k.definition = "FOREIGN KEY (order_id, \"Region\") REFERENCES public.orders(id, region)";
    QCOMPARE(k.addSql(),
             QString("ALTER TABLE \"Sales Data\".\"Order Items\" ADD CONSTRAINT \"items_fk\" "
                     "FOREIGN KEY (order_id, "
                     "\"Region\") REFERENCES public.orders(id, region);"));
    QCOMPARE(k.violationCountSql(),
             QString("SELECT count(*) FROM ONLY \"Sales Data\".\"Order Items\" AS c WHERE "
                     "c.\"order_id\" IS NOT NULL AND c.\"Region\" "
                     "IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ONLY \"public\".\"orders\" AS p "
                     "WHERE p.\"id\" = c.\"order_id\" AND "
                     "p.\"region\" = c.\"Region\")"));
    k.matchFull = true;
    k.tableHasChildren = true;
    k.referencedHasChildren = true;
    const QString full = k.violationCountSql();
    QVERIFY2(full.startsWith("SELECT count(*) FROM \"Sales Data\".\"Order Items\" AS c WHERE (")
                 && full.contains("FROM \"public\".\"orders\" AS p")
                 && full.endsWith(
                     " OR pg_catalog.num_nonnulls(c.\"order_id\", c.\"Region\") BETWEEN 1 AND 1"),
             qPrintable(full));
}

QTEST_GUILESS_MAIN(TestDmsPlan)
#include "tst_dmsplan.moc"
