// The app killed while a logical replication runs, then started again: the wizard finds the
// saved state and offers to resume or clean up. Resume follows the very same replication
// (changes made after the kill arrive on the target); a wrong password is explained and
// nothing is lost; cleanup leaves no pgshift slot, publication or subscription on either
// side, and the saved state goes.
//
// "The app" is this test program run again as a child (PGSHIFT_TEST_CHILD=start): it shows the
// wizard on the replication page, presses Start, says STARTED once the subscription streams
// and is then killed with SIGKILL, so nothing of its own cleanup runs.
#include "app/startup.h"
#include "core/pg/connection.h"
#include "core/replication/replicationcleanup.h"
#include "core/replication/replicationstate.h"
#include "tests/support/pgserver.h"
#include "widgets/lagchart.h"
#include "wizard/migrationsession.h"
#include "wizard/migrationwizard.h"
#include "wizard/replicationpage.h"
#include "wizard/resumedialog.h"

#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <cstdio>

using namespace pgshift;
using namespace pgshift::testsupport;

namespace {

// The child: the wizard on the replication page, Start pressed once the plan is shown.
int runChild()
{
    const auto source = core::ConnectionSettings::parse(qEnvironmentVariable("PGSHIFT_CHILD_SOURCE"));
    const auto target = core::ConnectionSettings::parse(qEnvironmentVariable("PGSHIFT_CHILD_TARGET"));
    if (!source || !target)
        return 2;
    wizard::MigrationSession session;
    session.setSource(*source);
    session.setTarget(*target);
    session.setMethod(core::Method::Logical);
    wizard::MigrationWizard wizard(&session);
    wizard.setStartId(wizard::MigrationWizard::ReplicationPageId);
    wizard.show();
    auto *page = wizard.replicationPage();
    bool pressed = false;
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, [&] {
        if (!pressed && !page->isBusy()) {
            page->startReplication();
            pressed = true;
        }
        const core::ReplicationStatus &st = page->lastStatus();
        if (pressed && st.subscriptionExists && st.allTablesReady() && QFile::exists(core::ReplicationState::path())) {
            std::printf("STARTED\n");
            std::fflush(stdout);
            poll.stop(); // and wait to be killed
        }
    });
    poll.start(100);
    return QApplication::exec();
}

} // namespace

class TestResume : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void nothingSavedNothingOffered();
    void killedAppResumesAndCleansUp();

private:
    wizard::ResumeDialog *offer(wizard::MigrationWizard &wizard) const;
    int pgshiftObjects() const;

    QTemporaryDir m_state;
    PgServer m_source{PgServer::Role::Source};
    PgServer m_target{PgServer::Role::Target};
};

void TestResume::initTestCase()
{
    app::installTranslators();
    QVERIFY(m_state.isValid());
    qputenv("PGSHIFT_STATE_DIR", m_state.path().toUtf8());
    qunsetenv("PGPASSWORD");
    qunsetenv("PGPASSFILE");
    qputenv("PGPASSFILE", QByteArray("/nonexistent/pgpass")); // only the passwords typed in count
    PGSHIFT_START(m_source);
    PGSHIFT_START(m_target);
    core::Connection src(m_source.settings());
    src.exec("CREATE TABLE public.events (id bigint PRIMARY KEY, kind int, payload text)");
    src.exec("INSERT INTO public.events SELECT g, g % 7, md5(g::text) FROM generate_series(1, 50000) g");
    src.exec("CREATE INDEX events_kind ON public.events (kind)");
}

wizard::ResumeDialog *TestResume::offer(wizard::MigrationWizard &wizard) const
{
    wizard.offerResume();
    return wizard.findChild<wizard::ResumeDialog *>();
}

// Slots, publications and subscriptions on both servers, whoever made them.
int TestResume::pgshiftObjects() const
{
    core::Connection src(m_source.settings());
    core::Connection tgt(m_target.settings());
    return int(src.exec("SELECT (SELECT count(*) FROM pg_replication_slots) + (SELECT count(*) FROM pg_publication)").toInt64(0, 0)
               + tgt.exec("SELECT count(*) FROM pg_subscription").toInt64(0, 0));
}

void TestResume::nothingSavedNothingOffered()
{
    QVERIFY(!QFile::exists(core::ReplicationState::path()));
    wizard::MigrationSession session;
    wizard::MigrationWizard wizard(&session);
    wizard.show();
    QVERIFY(!offer(wizard));
}

void TestResume::killedAppResumesAndCleansUp()
{
    // 1. The app starts replicating and is killed.
    QProcess child;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("PGSHIFT_TEST_CHILD", "start");
    env.insert("PGSHIFT_CHILD_SOURCE", m_source.settings().toKeywordValue(core::ConnectionSettings::Password::Include));
    env.insert("PGSHIFT_CHILD_TARGET", m_target.settings().toKeywordValue(core::ConnectionSettings::Password::Include));
    child.setProcessEnvironment(env);
    child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    child.start(QCoreApplication::applicationFilePath(), {});
    QVERIFY(child.waitForStarted());
    QByteArray said;
    QTRY_VERIFY_WITH_TIMEOUT((said += child.readAllStandardOutput()).contains("STARTED") || child.state() == QProcess::NotRunning,
                             120000);
    QCOMPARE(child.state(), QProcess::Running);
    child.kill();
    QVERIFY(child.waitForFinished(10000));
    QCOMPARE(child.exitStatus(), QProcess::CrashExit);
    QCOMPARE(pgshiftObjects(), 3); // slot, publication, subscription: all still there
    const auto saved = core::ReplicationState::load();
    QVERIFY(saved);
    QCOMPARE(saved->names.subscription, QString("pgshift_sub"));
    QVERIFY(saved->source.password().isEmpty());

    // Changes made while no pgshift runs.
    core::Connection src(m_source.settings());
    src.exec("INSERT INTO public.events SELECT g, 99, 'after the kill' FROM generate_series(50001, 50100) g");

    // 2. Started again: the offer; a wrong password is explained, the right one resumes.
    {
        wizard::MigrationSession session;
        wizard::MigrationWizard wizard(&session);
        wizard.resize(1040, 780);
        wizard.show();
        QVERIFY(QTest::qWaitForWindowExposed(&wizard));
        wizard::ResumeDialog *dialog = offer(wizard);
        QVERIFY(dialog);
        QVERIFY(dialog->isVisible());
        const QString screenshots = qEnvironmentVariable("PGSHIFT_SCREENSHOT_DIR");
        if (!screenshots.isEmpty())
            QVERIFY(dialog->grab().save(screenshots + "/resume-offer.png"));
        dialog->findChild<QLineEdit *>("sourcePasswordEdit")->setText("wrong");
        dialog->findChild<QLineEdit *>("targetPasswordEdit")->setText(m_target.password());
        QTest::mouseClick(dialog->findChild<QPushButton *>("resumeButton"), Qt::LeftButton);
        auto *status = dialog->findChild<QLabel *>("resumeStatusLabel");
        QTRY_VERIFY_WITH_TIMEOUT(status->text().startsWith("Cannot resume yet"), 20000);
        QVERIFY2(status->text().contains("Source") && status->text().contains("password"), qPrintable(status->text()));
        QVERIFY(dialog->isVisible());
        QCOMPARE(pgshiftObjects(), 3);

        dialog->findChild<QLineEdit *>("sourcePasswordEdit")->setText(m_source.password());
        QTest::mouseClick(dialog->findChild<QPushButton *>("resumeButton"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(wizard.currentId(), int(wizard::MigrationWizard::ReplicationPageId), 20000);
        auto *page = wizard.replicationPage();
        QVERIFY(page->findChild<QPlainTextEdit *>("stepsPreview")->toPlainText().startsWith("Resumed"));
        QTRY_VERIFY_WITH_TIMEOUT(page->isReadyForCutover(), 60000);
        QTRY_VERIFY_WITH_TIMEOUT(page->lagChart()->samples().size() >= 3, 10000);
        core::Connection tgt(m_target.settings());
        QTRY_COMPARE_WITH_TIMEOUT(tgt.exec("SELECT count(*) FROM public.events WHERE kind = 99").toInt64(0, 0), qint64(100), 30000);
        QCOMPARE(tgt.exec("SELECT count(*) FROM public.events").toInt64(0, 0), qint64(50100));
        if (!screenshots.isEmpty())
            QVERIFY(wizard.grab().save(screenshots + "/resume-monitoring.png"));
        QVERIFY(QFile::exists(core::ReplicationState::path())); // resuming is not cleaning up
    } // closed again without cleanup

    // 3. Started once more: clean up from the offer.
    {
        wizard::MigrationSession session;
        wizard::MigrationWizard wizard(&session);
        wizard.show();
        wizard::ResumeDialog *dialog = offer(wizard);
        QVERIFY(dialog);
        dialog->findChild<QLineEdit *>("sourcePasswordEdit")->setText(m_source.password());
        dialog->findChild<QLineEdit *>("targetPasswordEdit")->setText(m_target.password());
        QTest::mouseClick(dialog->findChild<QPushButton *>("cleanupButton"), Qt::LeftButton);
        auto *status = dialog->findChild<QLabel *>("resumeStatusLabel");
        QTRY_VERIFY_WITH_TIMEOUT(status->text().startsWith("Cleaned up"), 30000);
        QVERIFY2(dialog->findChild<QPlainTextEdit *>("resumeResults")->toPlainText().contains("pgshift_sub"),
                 qPrintable(dialog->findChild<QPlainTextEdit *>("resumeResults")->toPlainText()));
    }
    QCOMPARE(pgshiftObjects(), 0);
    QVERIFY(core::ReplicationCleanup::findOrphans(m_source.settings(), m_target.settings()).isEmpty());
    QVERIFY(!QFile::exists(core::ReplicationState::path()));
    // Nothing more to offer.
    wizard::MigrationSession session;
    wizard::MigrationWizard wizard(&session);
    wizard.show();
    QVERIFY(!offer(wizard));
}

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    if (qEnvironmentVariable("PGSHIFT_TEST_CHILD") == QLatin1String("start"))
        return runChild();
    TestResume test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_resume.moc"
