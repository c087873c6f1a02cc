// The wizard on a sandbox, as `pgshift demo` opens it: the Welcome page's button starts two
// local servers, the wizard moves to the Source page with both connections filled in and the
// Sandbox banner showing a hint per page; both connections test fine; with the workload
// writing, a dump & restore with the short cutover checklist (the whole source database
// blocked) succeeds and the workload's writes are refused afterwards; closing the wizard
// stops and deletes both servers.
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
#include "wizard/sandboxpanel.h"

#include <QAbstractButton>
#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QPushButton>
#include <QRadioButton>
#include <QTemporaryDir>
#include <QTest>

using namespace pgshift;

class TestSandboxDemo : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void demoFromWelcomeToCopiedAndGone();
    void cleanupTestCase() { QDir(qEnvironmentVariable("PGSHIFT_SANDBOX_DIR")).removeRecursively(); }

private:
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

void TestSandboxDemo::demoFromWelcomeToCopiedAndGone()
{
    QString directory;
    {
        wizard::MigrationSession session;
        wizard::MigrationWizard wizard(&session);
        wizard.resize(1200, 800);
        wizard.show();
        QVERIFY(QTest::qWaitForWindowExposed(&wizard));
        QTest::mouseClick(wizard.currentPage()->findChild<QPushButton *>("sandboxButton"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(wizard.currentId(), int(wizard::MigrationWizard::SourcePageId), 60000);
        wizard::SandboxPanel *panel = wizard.sandboxPanel();
        QVERIFY(panel->isVisible() && panel->info());
        directory = panel->info()->directory;
        QVERIFY(QFileInfo::exists(directory));
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

        // The application writes; the copy runs inside the checklist with the database blocked.
        QTest::mouseClick(panel->findChild<QPushButton *>("sandboxWritesButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(panel->workload()->counts().inserted > 3, 20000);
        session.setMethod(core::Method::Dump);
        wizard.setStartId(wizard::MigrationWizard::DumpRestorePageId);
        wizard.restart();
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
        core::Connection target(panel->info()->target);
        QVERIFY(target.exec("SELECT count(*) FROM public.orders").toInt64(0, 0) > 30000);
        QCOMPARE(target.exec("SELECT count(*) FROM pg_largeobject_metadata").toInt64(0, 0), qint64(1));
        screenshot(&wizard, "sandbox-copied");
    }
    // Closing the wizard stopped and deleted both servers.
    QVERIFY(!QFileInfo::exists(directory));
    QVERIFY(core::Sandbox::list().isEmpty());
}

QTEST_MAIN(TestSandboxDemo)
#include "tst_sandboxdemo.moc"
