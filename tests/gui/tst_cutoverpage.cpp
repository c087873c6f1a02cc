// The cutover page against real servers: the checklist with each step's SQL, the role to
// block, Run (the sessions to end are listed in the confirmation), every row done with its
// time, the downtime, the target's connection string and its copy button, nothing of
// pgshift left, the source read-only for the role until "Re-enable writes".
#include "app/startup.h"
#include "core/migration/cancellation.h"
#include "core/pg/connection.h"
#include "core/pg/pgerror.h"
#include "core/replication/logicalreplication.h"
#include "core/replication/replicationcleanup.h"
#include "core/replication/replicationstatus.h"
#include "tests/support/modalanswer.h"
#include "tests/support/pgserver.h"
#include "wizard/cutoverpage.h"
#include "widgets/rowcountchart.h"
#include "wizard/migrationsession.h"
#include "wizard/migrationwizard.h"
#include "wizard/summarypage.h"

#include <QApplication>
#include <QClipboard>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QRadioButton>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QTimer>

using namespace pgshift;
using namespace pgshift::testsupport;

class TestCutoverPage : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cutsOverFromThePage();

private:
    core::ConnectionSettings as(const QString &user, const QString &password) const
    {
        core::ConnectionSettings s = m_source.settings("shop");
        s.setValue("user", user);
        s.setPassword(password);
        return s;
    }

    QTemporaryDir m_state;
    PgServer m_source{PgServer::Role::Source};
    PgServer m_target{PgServer::Role::Target};
};

void TestCutoverPage::initTestCase()
{
    app::installTranslators();
    QVERIFY(m_state.isValid());
    qputenv("PGSHIFT_STATE_DIR", m_state.path().toUtf8());
    PGSHIFT_START(m_source);
    PGSHIFT_START(m_target);
    core::Connection(m_source.settings()).exec("CREATE DATABASE shop");
    core::Connection(m_target.settings()).exec("CREATE DATABASE shop");
    core::Connection shop(m_source.settings("shop"));
    shop.exec("CREATE TABLE public.tickets (id serial PRIMARY KEY, title text)");
    shop.exec("INSERT INTO public.tickets (title) SELECT 't' || g FROM generate_series(1, 5000) g");
    shop.execShownAs("CREATE ROLE clerk LOGIN PASSWORD 'clerk-pw-1'", "CREATE ROLE clerk LOGIN PASSWORD '***'");
    shop.exec("GRANT ALL ON public.tickets TO clerk");
    shop.exec("GRANT ALL ON SEQUENCE public.tickets_id_seq TO clerk");
}

void TestCutoverPage::cutsOverFromThePage()
{
    core::ReplicationOptions o;
    o.copy.source = m_source.settings("shop");
    o.copy.target = m_target.settings("shop");
    {
        core::CopyProgressTracker tracker;
        core::Cancellation cancellation;
        const core::CopyReport report = core::LogicalReplication::start(o, tracker, cancellation);
        QVERIFY2(report.succeeded(), qPrintable(report.failures.join('\n')));
        core::ReplicationProbe probe(o);
        QTRY_VERIFY_WITH_TIMEOUT(probe.sample().allTablesReady(), 60000);
    }
    core::Connection clerk(as("clerk", "clerk-pw-1")); // an application session, to be ended
    clerk.exec("INSERT INTO public.tickets (title) VALUES ('before the cutover')");

    wizard::MigrationSession session;
    session.setSource(o.copy.source);
    session.setTarget(o.copy.target);
    session.setReplication(o);
    wizard::MigrationWizard wizard(&session);
    wizard.setStartId(wizard::MigrationWizard::CutoverPageId);
    wizard.resize(1040, 780);
    wizard.show();
    QVERIFY(QTest::qWaitForWindowExposed(&wizard));
    auto *page = qobject_cast<wizard::CutoverPage *>(wizard.currentPage());
    QVERIFY(page);
    auto *table = page->findChild<QTableWidget *>("checklistTable");
    QCOMPARE(table->rowCount(), 9);
    QVERIFY(!page->isComplete());

    page->findChild<QRadioButton *>("rolesRadio")->setChecked(true);
    QTest::keyClicks(page->findChild<QLineEdit *>("rolesEdit"), "clerk");
    QVERIFY2(table->item(2, 3)->text().contains("ALTER ROLE \"clerk\" IN DATABASE \"shop\" SET default_transaction_read_only = on"),
             qPrintable(table->item(2, 3)->text()));

    // The question comes once the sessions are read (off the GUI thread): answer it then.
    const testsupport::ModalAnswer answer(QMessageBox::Yes);
    QTest::mouseClick(page->findChild<QPushButton *>("runButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!answer.text().isEmpty(), 20000);
    QVERIFY2(answer.text().contains("user clerk"), qPrintable(answer.text()));
    QTRY_VERIFY_WITH_TIMEOUT(page->isComplete(), 60000);
    for (int row = 0; row < table->rowCount(); ++row)
        QVERIFY2(table->item(row, 1)->text() == "done", qPrintable(table->item(row, 0)->text() + ": " + table->item(row, 1)->text()));
    QVERIFY(table->item(3, 2)->text().endsWith(" s"));
    QVERIFY(page->findChild<QLabel *>("downtimeLabel")->text().startsWith("Write downtime: "));
    QVERIFY2(page->findChild<QLabel *>("checklistResultLabel")->text().startsWith("Cutover complete"),
             qPrintable(page->findChild<QLabel *>("checklistResultLabel")->text()));
    const QString uri = page->findChild<QLineEdit *>("targetUriEdit")->text();
    QVERIFY(uri.startsWith(QString("postgresql://postgres@127.0.0.1:%1/shop").arg(m_target.port())));
    QVERIFY(!uri.contains(m_target.password()));
    QTest::mouseClick(page->findChild<QPushButton *>("copyUriButton"), Qt::LeftButton);
    QCOMPARE(QApplication::clipboard()->text(), uri);
    const QString screenshots = qEnvironmentVariable("PGSHIFT_SCREENSHOT_DIR");
    if (!screenshots.isEmpty())
        QVERIFY(wizard.grab().save(screenshots + "/cutover-done.png"));

    // The row written before is on the target; nothing of pgshift is left; no duplicate key.
    core::Connection tgt(o.copy.target);
    QCOMPARE(tgt.exec("SELECT count(*) FROM public.tickets WHERE title = 'before the cutover'").toInt64(0, 0), qint64(1));
    tgt.exec("INSERT INTO public.tickets (title) VALUES ('on the target')");
    QVERIFY(core::ReplicationCleanup::findOrphans(o.copy.source, o.copy.target).isEmpty());
    QVERIFY(!session.replication());
    // The clerk's session was ended, and the source refuses the clerk's writes until lifted.
    QVERIFY(!clerk.isAlive() || [&] {
        try {
            clerk.exec("SELECT 1");
            return false;
        } catch (const core::PgError &) {
            return true;
        }
    }());
    try {
        core::Connection(as("clerk", "clerk-pw-1")).exec("INSERT INTO public.tickets (title) VALUES ('late')");
        QFAIL("the source took a write after the cutover");
    } catch (const core::PgError &e) {
        QVERIFY2(e.message().contains("read-only"), qPrintable(e.message()));
    }
    QTest::mouseClick(page->findChild<QPushButton *>("reenableButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(page->findChild<QLabel *>("checklistResultLabel")->text().contains("Writes are allowed again"), 20000);
    core::Connection(as("clerk", "clerk-pw-1")).exec("INSERT INTO public.tickets (title) VALUES ('allowed again')");

    // The summary: the report as it will be saved, and both formats written.
    QVERIFY(wizard.button(QWizard::NextButton)->isEnabled());
    wizard.next();
    auto *summary = qobject_cast<wizard::SummaryPage *>(wizard.currentPage());
    QVERIFY(summary);
    const QString preview = summary->findChild<QTextBrowser *>("reportPreview")->toPlainText();
    QVERIFY2(preview.contains("Cutover checklist") && preview.contains("Write downtime") && preview.contains("public.tickets"),
             qPrintable(preview));
    QVERIFY(!preview.contains(m_source.password()) && !preview.contains(m_target.password()));
    QVERIFY(summary->findChild<QLabel *>("outcomeLabel")->text().startsWith("Migration complete"));
    QCOMPARE(summary->chart()->categories(), QStringList({"public.tickets"}));
    QTemporaryDir out;
    QString error;
    QVERIFY2(summary->saveReport(out.filePath("report.html"), &error), qPrintable(error));
    QFile html(out.filePath("report.html"));
    QVERIFY(html.open(QIODevice::ReadOnly));
    const QByteArray page1 = html.readAll();
    QVERIFY(page1.contains("<h2>Row counts</h2>") && page1.contains("<td>public.tickets</td>"));
    QVERIFY(page1.contains("src=\"data:image/png;base64,iVBORw0KGgo")); // the row chart, inline
    QVERIFY2(summary->saveReport(out.filePath("report.md"), &error), qPrintable(error));
    QFile md(out.filePath("report.md"));
    QVERIFY(md.open(QIODevice::ReadOnly));
    QVERIFY(md.readAll().contains("](report-rows.png)"));
    QVERIFY(QFileInfo(out.filePath("report-rows.png")).size() > 1000);
    if (!screenshots.isEmpty())
        QVERIFY(wizard.grab().save(screenshots + "/summary.png"));
}

QTEST_MAIN(TestCutoverPage)
#include "tst_cutoverpage.moc"
