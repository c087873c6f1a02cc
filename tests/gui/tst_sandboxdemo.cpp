// The wizard on a sandbox, as `pgshift demo` opens it, driven as a newcomer would: the Welcome
// page's button starts two local servers, the wizard moves to the Source page with both
// connections filled in and the Sandbox banner showing a hint per page; both connections test
// fine; the method is chosen and the preflight run on its page. With the workload writing,
// a dump & restore with the short cutover checklist succeeds; in a second run a logical
// replication (after the preflight's own fix for the table without a primary key) and the
// full cutover do. Either way the workload's writes are refused afterwards, everything the
// sample holds (the large object, the materialized view) is on the target, and closing the
// wizard stops and deletes both servers.
#include "app/startup.h"
#include "core/migration/dumprestorejob.h"
#include "core/pg/connection.h"
#include "core/sandbox/sandbox.h"
#include "tests/support/modalanswer.h"
#include "tests/support/pgserver.h"
#include "widgets/connectionform.h"
#include "wizard/connectionpage.h"
#include "wizard/dumprestorepage.h"
#include "wizard/migrationsession.h"
#include "wizard/migrationwizard.h"
#include "wizard/preflightpage.h"
#include "wizard/replicationpage.h"
#include "wizard/sandboxpanel.h"
#include "widgets/checkreportview.h"
#include "widgets/fixdialog.h"

#include <QAbstractButton>
#include <QApplication>
#include <QCheckBox>
#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QPushButton>
#include <QRadioButton>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace pgshift;

class TestSandboxDemo : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void dumpFromWelcomeToCopiedAndGone();
    void logicalFromWelcomeToCutOverAndGone();
    void cleanupTestCase()
    {
        // After a failure a wizard may not have closed its sandbox: servers first, then files.
        for (const core::Sandbox::Info &info : core::Sandbox::list()) {
            QString error;
            QVERIFY2(core::Sandbox::stop(info.directory, &error), qPrintable(error));
        }
        QDir(qEnvironmentVariable("PGSHIFT_SANDBOX_DIR")).removeRecursively();
    }

private:
    // Welcome -> sandbox -> Source and Target tested -> the method chosen -> the preflight run
    // (its fix applied where the method needs one) -> the method's page. Returns the panel.
    wizard::SandboxPanel *openOnSandbox(wizard::MigrationWizard &wizard, const QString &method);
    // What every sandbox migration leaves on the target, whatever the method.
    static void verifyTargetHoldsTheShop(const core::ConnectionSettings &target);
    void screenshot(QWidget *w, const QString &name) const
    {
        const QString dir = qEnvironmentVariable("PGSHIFT_SCREENSHOT_DIR");
        if (!dir.isEmpty())
            QVERIFY(w->grab().save(dir + u'/' + name + QStringLiteral(".png")));
    }
    QTemporaryDir m_state;
};

void TestSandboxDemo::initTestCase()
{
    app::installTranslators();
    QVERIFY(m_state.isValid());
    qputenv("PGSHIFT_STATE_DIR", m_state.path().toUtf8());
    qputenv("PGSHIFT_SANDBOX_DIR",
            QDir(testsupport::PgServer::testRoot()).filePath(QString("demo-%1").arg(QCoreApplication::applicationPid())).toUtf8());
}

wizard::SandboxPanel *TestSandboxDemo::openOnSandbox(wizard::MigrationWizard &wizard, const QString &method)
{
    wizard.resize(1200, 800);
    wizard.show();
    if (!QTest::qWaitForWindowExposed(&wizard))
        return nullptr;
    QTest::mouseClick(wizard.currentPage()->findChild<QPushButton *>("sandboxButton"), Qt::LeftButton);
    if (!QTest::qWaitFor([&] { return wizard.currentId() == wizard::MigrationWizard::SourcePageId; }, 60000))
        return nullptr;
    wizard::SandboxPanel *panel = wizard.sandboxPanel();
    [&] {
        QVERIFY(panel->isVisible() && panel->info());
        QVERIFY(QFileInfo::exists(panel->info()->directory));
        QVERIFY2(panel->hint().contains("117,500 rows"), qPrintable(panel->hint()));
        // Both pages filled in; both connections test fine.
        for (const int id : {wizard::MigrationWizard::SourcePageId, wizard::MigrationWizard::TargetPageId}) {
            auto *page = qobject_cast<wizard::ConnectionPage *>(wizard.currentPage());
            QCOMPARE(wizard.currentId(), id);
            const core::ConnectionSettings expected = id == wizard::MigrationWizard::SourcePageId ? panel->info()->source : panel->info()->target;
            QCOMPARE(page->form()->settings().port(), expected.port());
            QCOMPARE(page->form()->settings().dbname(), QString("shop"));
            QTest::mouseClick(page->testButton(), Qt::LeftButton);
            QTRY_VERIFY_WITH_TIMEOUT(page->isComplete(), 30000);
            if (id == wizard::MigrationWizard::SourcePageId)
                screenshot(&wizard, "sandbox-source");
            wizard.next();
        }
        QCOMPARE(wizard.currentId(), int(wizard::MigrationWizard::MethodPageId));
        QVERIFY2(panel->hint().contains("Both methods"), qPrintable(panel->hint()));
        wizard.currentPage()->findChild<QRadioButton *>("method_" + method)->click();
        wizard.next();

        QCOMPARE(wizard.currentId(), int(wizard::MigrationWizard::PreflightPageId));
        auto *preflight = qobject_cast<wizard::PreflightPage *>(wizard.currentPage());
        QTRY_VERIFY_WITH_TIMEOUT(!preflight->isBusy() && wizard.session()->preflight(), 60000);
        if (method == "logical") {
            // audit_log has no primary key: the one blocker, fixed with the page's own button.
            QVERIFY2(preflight->summary().startsWith("1 blocker, "), qPrintable(preflight->summary()));
            screenshot(&wizard, "sandbox-preflight-logical");
            QVERIFY(preflight->reportView()->selectCheck("replica_identity"));
            QTimer::singleShot(0, this, [] {
                auto *dialog = qobject_cast<widgets::FixDialog *>(QApplication::activeModalWidget());
                QVERIFY(dialog);
                QVERIFY2(dialog->preview().contains("\"audit_log\" REPLICA IDENTITY FULL"), qPrintable(dialog->preview()));
                dialog->findChild<QPushButton *>("runButton")->click();
            });
            QTest::mouseClick(preflight->findChild<QPushButton *>("runFixButton"), Qt::LeftButton);
            QTRY_VERIFY_WITH_TIMEOUT(!preflight->isBusy(), 60000);
        }
        QVERIFY2(preflight->summary().startsWith("0 blockers, "), qPrintable(preflight->summary()));
        if (auto *acknowledge = preflight->findChild<QCheckBox *>("acknowledgeWarnings"); acknowledge->isVisible())
            acknowledge->setChecked(true);
        QVERIFY(preflight->isComplete());
        wizard.next();
    }();
    return QTest::currentTestFailed() ? nullptr : panel;
}

void TestSandboxDemo::verifyTargetHoldsTheShop(const core::ConnectionSettings &settings)
{
    core::Connection target(settings);
    QVERIFY(target.exec("SELECT count(*) FROM public.orders").toInt64(0, 0) > 30000);
    QCOMPARE(target.exec("SELECT count(*) FROM pg_largeobject_metadata").toInt64(0, 0), qint64(1));
    QVERIFY(target.exec("SELECT length(lo_get(oid)) FROM pg_largeobject_metadata").toInt64(0, 0) > 0);
    QVERIFY(target.exec("SELECT relispopulated FROM pg_class WHERE relname = 'sales_by_country'").toBool(0, 0));
    QVERIFY(target.exec("SELECT count(*) FROM public.sales_by_country").toInt64(0, 0) > 0);
}

void TestSandboxDemo::dumpFromWelcomeToCopiedAndGone()
{
    QString directory;
    {
        wizard::MigrationSession session;
        wizard::MigrationWizard wizard(&session);
        wizard::SandboxPanel *panel = openOnSandbox(wizard, "dump");
        QVERIFY(panel);
        directory = panel->info()->directory;
        QCOMPARE(wizard.currentId(), int(wizard::MigrationWizard::DumpRestorePageId));

        // The application writes; the copy runs inside the checklist with the database blocked.
        QTest::mouseClick(panel->findChild<QPushButton *>("sandboxWritesButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(panel->workload()->counts().inserted > 3, 20000);
        auto *copy = qobject_cast<wizard::DumpRestorePage *>(wizard.currentPage());
        QVERIFY(copy);
        copy->findChild<QRadioButton *>("databaseRadio")->setChecked(true);
        const testsupport::ModalAnswer answer(QMessageBox::Yes);
        QTest::mouseClick(copy->findChild<QPushButton *>("startButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!answer.text().isEmpty(), 20000);
        QTRY_VERIFY_WITH_TIMEOUT(session.copyJob() && session.copyJob()->isFinished(), 120000);
        const QString outcome = copy->findChild<QLabel *>("checklistResultLabel")->text();
        QVERIFY2(outcome.startsWith("Copy complete and every checklist step done"), qPrintable(outcome));
        // Every row the workload committed before the block is on the target (the counts matched),
        // and its writes are refused now.
        const qint64 refusedBefore = panel->workload()->counts().refused;
        QTRY_VERIFY_WITH_TIMEOUT(panel->workload()->counts().refused > refusedBefore, 20000);
        verifyTargetHoldsTheShop(panel->info()->target);
        if (QTest::currentTestFailed())
            return;
        screenshot(&wizard, "sandbox-copied");
    }
    // Closing the wizard stopped and deleted both servers.
    QVERIFY(!QFileInfo::exists(directory));
    QVERIFY(core::Sandbox::list().isEmpty());
}

void TestSandboxDemo::logicalFromWelcomeToCutOverAndGone()
{
    QString directory;
    {
        wizard::MigrationSession session;
        wizard::MigrationWizard wizard(&session);
        wizard::SandboxPanel *panel = openOnSandbox(wizard, "logical");
        QVERIFY(panel);
        directory = panel->info()->directory;
        QCOMPARE(wizard.currentId(), int(wizard::MigrationWizard::ReplicationPageId));
        QVERIFY2(panel->hint().contains("lag chart"), qPrintable(panel->hint()));

        // Replication starts, the workload writes while it copies and streams, and the page
        // says READY once every table is in sync.
        auto *replication = qobject_cast<wizard::ReplicationPage *>(wizard.currentPage());
        auto *start = replication->findChild<QPushButton *>("startButton");
        QTRY_VERIFY_WITH_TIMEOUT(start->isEnabled(), 30000); // once the plan is read
        QTest::mouseClick(start, Qt::LeftButton);
        QTest::mouseClick(panel->findChild<QPushButton *>("sandboxWritesButton"), Qt::LeftButton);
        auto *verdict = replication->findChild<QLabel *>("verdictLabel");
        QTRY_VERIFY_WITH_TIMEOUT(verdict->text() == "READY for cutover", 120000);
        QTRY_VERIFY_WITH_TIMEOUT(panel->workload()->counts().inserted > 3, 20000);
        QVERIFY(replication->isComplete());
        screenshot(&wizard, "sandbox-replicating");
        wizard.next();
        QCOMPARE(wizard.currentId(), int(wizard::MigrationWizard::SequencesPageId));
        QTRY_VERIFY_WITH_TIMEOUT(wizard.currentPage()->isComplete(), 30000);
        wizard.next();

        // The full cutover with the whole source database blocked.
        QCOMPARE(wizard.currentId(), int(wizard::MigrationWizard::CutoverPageId));
        QWizardPage *cutover = wizard.currentPage();
        cutover->findChild<QRadioButton *>("databaseRadio")->setChecked(true);
        const testsupport::ModalAnswer answer(QMessageBox::Yes);
        QTest::mouseClick(cutover->findChild<QPushButton *>("runButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!answer.text().isEmpty(), 20000);
        auto *result = cutover->findChild<QLabel *>("checklistResultLabel");
        QTRY_VERIFY_WITH_TIMEOUT(cutover->isComplete() || result->text().startsWith("Stopped"), 120000);
        const QString outcome = result->text();
        QVERIFY2(outcome.startsWith("Cutover complete"), qPrintable(outcome));
        screenshot(&wizard, "sandbox-cutover");
        const qint64 refusedBefore = panel->workload()->counts().refused;
        QTRY_VERIFY_WITH_TIMEOUT(panel->workload()->counts().refused > refusedBefore, 20000);
        verifyTargetHoldsTheShop(panel->info()->target);
        if (QTest::currentTestFailed())
            return;
        // The rows compare equal on both sides (the cutover validated them) and replication is gone.
        core::Connection source(panel->info()->source);
        QCOMPARE(source.exec("SELECT count(*) FROM pg_publication").toInt64(0, 0), qint64(0));
        QCOMPARE(source.exec("SELECT count(*) FROM pg_replication_slots").toInt64(0, 0), qint64(0));

        wizard.next();
        QCOMPARE(wizard.currentId(), int(wizard::MigrationWizard::SummaryPageId));
        const QString summary = wizard.currentPage()->findChild<QLabel *>("outcomeLabel")->text();
        QVERIFY2(summary.startsWith("Migration complete; write downtime"), qPrintable(summary));
        screenshot(&wizard, "sandbox-summary");
    }
    QVERIFY(!QFileInfo::exists(directory));
    QVERIFY(core::Sandbox::list().isEmpty());
}

QTEST_MAIN(TestSandboxDemo)
#include "tst_sandboxdemo.moc"
