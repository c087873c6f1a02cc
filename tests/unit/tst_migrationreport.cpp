// The migration report from a record with awkward names: every section present, database
// text escaped for HTML and Markdown, images inline in HTML and beside the Markdown file,
// and a failed run reported as failed.
#include "core/report/migrationreport.h"

#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTimeZone>
#include <QTemporaryDir>
#include <QTest>

using namespace pgshift::core;

class TestMigrationReport : public QObject
{
    Q_OBJECT

private slots:
    void sectionsAndEscaping();
    void writesBothFormats();
    void failureIsReported();

private:
    static MigrationRecord record();
};

MigrationRecord TestMigrationReport::record()
{
    MigrationRecord r;
    r.generatedAt = QDateTime(QDate(2026, 11, 22), QTime(10, 0), QTimeZone::utc());
    r.source = "postgresql://app@127.0.0.1:5432/shop";
    r.target = "postgresql://app@127.0.0.1:6432/shop";
    r.sourceServer = "15.18";
    r.method = Method::Logical;
    PreflightReport p;
    CheckResult pass;
    pass.title = "wal_level";
    pass.finding = "logical";
    CheckResult warn;
    warn.status = CheckResult::Status::Warning;
    warn.title = "Tables without a primary key";
    warn.finding = "public.\"log|<b>\" has none";
    p.results = {pass, warn};
    r.preflight = p;
    CutoverReport c;
    c.succeeded = true;
    c.downtimeMs = 1234;
    c.targetConnection = r.target;
    CutoverStep step;
    step.number = 1;
    step.title = "Validate";
    step.state = CutoverStep::State::Done;
    step.elapsedMs = 40;
    step.detail = "2 tables equal";
    c.steps = {step};
    c.rowCounts = {TableRowCount{"public", "log|<b>", 10, 10, {}, {}, {}},
                   TableRowCount{"Sales", "Orders_*", 5, 5, "17", "17", {}}};
    SequencePlan s;
    s.sequence.schema = "public";
    s.sequence.name = "orders_id_seq";
    s.sequence.lastValue = 42;
    s.value = 10042;
    s.sql = "SELECT pg_catalog.setval('public.orders_id_seq', 10042, true);";
    c.sequences = {s};
    r.cutover = c;
    r.images = {ReportImage{"rows", "Rows per table", QByteArray("\x89PNG\r\n\x1a\nfake", 12)}};
    return r;
}

void TestMigrationReport::sectionsAndEscaping()
{
    const MigrationReport report(record());
    const QString html = report.toHtml();
    for (const char *section : {"<h1>pgshift migration report</h1>", "<h2>Preflight</h2>", "<h2>Cutover checklist</h2>",
                                "<h2>Row counts</h2>", "<h2>Sequences</h2>", "<h2>Charts</h2>"})
        QVERIFY2(html.contains(section), section);
    QVERIFY(html.contains("<td>1.2 s</td>"));                       // downtime
    QVERIFY(html.contains("public.&quot;log|&lt;b&gt;&quot; has none")); // escaped, never markup
    QVERIFY(!html.contains("<b>\""));
    QVERIFY(html.contains("<td>equal, checksums too</td>"));
    QVERIFY(html.contains("<td>10,042</td>"));
    QVERIFY(html.contains("src=\"data:image/png;base64,iVBORw0KGgpmYWtl\""));

    const QString md = report.toMarkdown("r-");
    QVERIFY(md.startsWith("# pgshift migration report\n"));
    QVERIFY2(md.contains("| public.log\\|\\<b\\> | 10 | 10 | equal |"), qPrintable(md));
    QVERIFY(md.contains("| Sales.Orders\\_\\* | 5 | 5 | equal, checksums too |"));
    QVERIFY(md.contains("postgresql://app\\@127.0.0.1:5432/shop"));
    QVERIFY(md.contains("![Rows per table](r-rows.png)"));
    // Every table row has as many cells as its header.
    for (const QString &line : md.split('\n')) {
        if (line.startsWith("| Sales.") || line.startsWith("| public.log"))
            QCOMPARE(line.count(QRegularExpression("(?<!\\\\)\\|")), 5);
    }
}

void TestMigrationReport::writesBothFormats()
{
    QTemporaryDir dir;
    QString error;
    const MigrationReport report(record());
    QVERIFY2(report.write(dir.filePath("report.md"), &error), qPrintable(error));
    QCOMPARE(QFileInfo(dir.filePath("report-rows.png")).size(), qint64(12));
    QFile md(dir.filePath("report.md"));
    QVERIFY(md.open(QIODevice::ReadOnly));
    QVERIFY(md.readAll().contains("](report-rows.png)"));
    QVERIFY2(report.write(dir.filePath("report.HTML"), &error), qPrintable(error));
    QFile html(dir.filePath("report.HTML"));
    QVERIFY(html.open(QIODevice::ReadOnly));
    QVERIFY(html.readAll().startsWith("<!DOCTYPE html>"));
    QVERIFY(!report.write(dir.filePath("missing/folder/report.html"), &error));
    QVERIFY2(error.contains("Cannot write"), qPrintable(error));
}

void TestMigrationReport::failureIsReported()
{
    MigrationRecord r = record();
    r.cutover->succeeded = false;
    r.cutover->failure = "Tables differ: public.log: 10 on the source, 9 on the target";
    r.cutover->rolledBack = true;
    const QString md = MigrationReport(r).toMarkdown({});
    QVERIFY(md.contains("| Outcome | FAILED: Tables differ: public.log: 10 on the source, 9 on the target |"));
    QVERIFY(md.contains("| Rollback | writes re-enabled on the source |"));
    r.cutover.reset();
    QVERIFY(MigrationReport(r).toMarkdown({}).contains("| Outcome | not run: no copy or cutover in this session |"));
}

QTEST_GUILESS_MAIN(TestMigrationReport)
#include "tst_migrationreport.moc"
