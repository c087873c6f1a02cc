// The logical replication page against real servers: names validated and used, the steps'
// SQL before anything runs (password masked), Start, the state saved without secrets, the lag
// series growing and the tables' states changing while the source takes writes, the deferred
// indexes, "ready for cutover", row estimates and exact counts sorted by difference, and
// cleanup from the page (which removes the saved state).
#include "app/startup.h"
#include "core/pg/connection.h"
#include "core/pg/connectiontest.h"
#include "core/replication/replicationcleanup.h"
#include "core/replication/replicationstate.h"
#include "tests/support/modalanswer.h"
#include "tests/support/pgserver.h"
#include "tests/support/wizardsession.h"
#include "widgets/lagchart.h"
#include "widgets/rowcountchart.h"
#include "wizard/migrationsession.h"
#include "wizard/migrationwizard.h"
#include "wizard/replicationpage.h"

#include <QAbstractButton>
#include <QApplication>
#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <atomic>
#include <thread>

using namespace pgshift;
using namespace pgshift::testsupport;

class TestReplicationPage : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cancelStopsTheSetup();
    void replicatesAndCleansUp();

private:
    void screenshot(const QString &name) const
    {
        const QString dir = qEnvironmentVariable("PGSHIFT_SCREENSHOT_DIR");
        if (!dir.isEmpty())
            QVERIFY(m_wizard->grab().save(dir + u'/' + name + QStringLiteral(".png")));
    }

    QTemporaryDir m_state;
    PgServer m_source{PgServer::Role::Source};
    PgServer m_target{PgServer::Role::Target};
    std::unique_ptr<wizard::MigrationSession> m_session;
    std::unique_ptr<wizard::MigrationWizard> m_wizard;
};

void TestReplicationPage::initTestCase()
{
    app::installTranslators();
    QVERIFY(m_state.isValid());
    qputenv("PGSHIFT_STATE_DIR", m_state.path().toUtf8()); // never the user's own
    PGSHIFT_START(m_source);
    PGSHIFT_START(m_target);
    core::Connection src(m_source.settings());
    src.exec("CREATE TABLE public.orders (id bigint PRIMARY KEY, customer int, note text)");
    src.exec("INSERT INTO public.orders SELECT g, g % 1000, repeat(md5(g::text), 4) FROM generate_series(1, 300000) g");
    src.exec("CREATE INDEX orders_customer ON public.orders (customer)");
    src.exec("CREATE TABLE public.customers (id int PRIMARY KEY, name text)");
    src.exec("INSERT INTO public.customers SELECT g, 'c' || g FROM generate_series(1, 1000) g");
}

void TestReplicationPage::cancelStopsTheSetup()
{
    // A transaction on the target creating the same table holds the schema copy up.
    core::Connection blocker(m_target.settings());
    blocker.exec("BEGIN");
    blocker.exec("CREATE TABLE public.orders (id int)");
    wizard::MigrationSession session;
    session.setSource(m_source.settings());
    session.setTarget(m_target.settings());
    wizard::MigrationWizard wizard(&session);
    wizard.setStartId(wizard::MigrationWizard::ReplicationPageId);
    wizard.show();
    auto *page = wizard.replicationPage();
    auto *start = page->findChild<QPushButton *>("startButton");
    QTRY_VERIFY_WITH_TIMEOUT(start->isEnabled(), 30000);
    QTest::mouseClick(start, Qt::LeftButton);
    QCOMPARE(start->text(), QString("&Cancel setup"));
    core::Connection tgt(m_target.settings());
    QTRY_VERIFY_WITH_TIMEOUT(tgt.exec("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'").toInt64(0, 0) > 0, 30000);
    QElapsedTimer clock;
    clock.start();
    QTest::mouseClick(start, Qt::LeftButton);
    auto *verdict = page->findChild<QLabel *>("verdictLabel");
    QTRY_COMPARE_WITH_TIMEOUT(verdict->text(), QString("Setup cancelled."), 10000);
    qInfo("setup cancelled in %lld ms", clock.elapsed());
    QVERIFY(clock.elapsed() < 5000);
    QCOMPARE(start->text(), QString("&Start replication"));
    QVERIFY(start->isEnabled());
    QVERIFY(core::ReplicationCleanup::findOrphans(m_source.settings(), m_target.settings()).isEmpty());
    QVERIFY(!QFile::exists(core::ReplicationState::path()));
    blocker.exec("ROLLBACK");
    // Whatever the schema copy created before it stopped is listed with its DROP SQL; run it.
    const QString steps = page->findChild<QPlainTextEdit *>("stepsPreview")->toPlainText();
    if (steps.contains("before it stopped")) {
        const QString sql = steps.mid(steps.indexOf('\n') + 1);
        QVERIFY2(sql.contains("DROP"), qPrintable(steps));
        tgt.exec(sql);
    }
    QCOMPARE(tgt.exec("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'").toInt64(0, 0),
             qint64(0));
}

void TestReplicationPage::replicatesAndCleansUp()
{
    m_session = std::make_unique<wizard::MigrationSession>();
    QVERIFY(connectSession(*m_session, m_source.settings(), m_target.settings()));
    m_session->setMethod(core::Method::Logical);
    m_wizard = std::make_unique<wizard::MigrationWizard>(m_session.get());
    m_wizard->setStartId(wizard::MigrationWizard::ReplicationPageId);
    m_wizard->resize(1040, 780);
    m_wizard->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_wizard.get()));
    auto *page = qobject_cast<wizard::ReplicationPage *>(m_wizard->currentPage());
    QVERIFY(page);

    // The steps and their SQL, before anything runs.
    auto *steps = page->findChild<QPlainTextEdit *>("stepsPreview");
    QTRY_VERIFY_WITH_TIMEOUT(steps->toPlainText().contains("CREATE SUBSCRIPTION"), 30000);

    // Names: a bad one is explained and blocks Start; good ones go into the SQL.
    auto *publication = page->findChild<QLineEdit *>("publicationEdit");
    auto *subscription = page->findChild<QLineEdit *>("subscriptionEdit");
    auto *slot = page->findChild<QLineEdit *>("slotEdit");
    auto *startButton = page->findChild<QPushButton *>("startButton");
    auto *problem = page->findChild<QLabel *>("namesProblemLabel");
    publication->selectAll();
    QTest::keyClicks(publication, "Orders-Pub");
    QVERIFY(problem->isVisible());
    QVERIFY2(problem->text().contains("'Orders-Pub'"), qPrintable(problem->text()));
    QVERIFY(!startButton->isEnabled());
    publication->selectAll();
    QTest::keyClicks(publication, "pgshift_gui_pub");
    subscription->selectAll();
    QTest::keyClicks(subscription, "pgshift_gui_sub");
    slot->selectAll();
    QTest::keyClicks(slot, "pgshift_gui_slot");
    QVERIFY(!problem->isVisible());
    QTRY_VERIFY_WITH_TIMEOUT(steps->toPlainText().contains("CREATE PUBLICATION \"pgshift_gui_pub\"")
                                 || steps->toPlainText().contains("CREATE PUBLICATION pgshift_gui_pub"), 30000);
    QTRY_VERIFY_WITH_TIMEOUT(steps->toPlainText().contains("slot_name = 'pgshift_gui_slot'"), 30000);
    QTRY_VERIFY(startButton->isEnabled());
    QVERIFY(steps->toPlainText().contains("password=***"));
    QVERIFY(!steps->toPlainText().contains(m_source.password()));
    QVERIFY(steps->toPlainText().contains("without 1 secondary index"));

    std::atomic<bool> stop{false};
    std::thread writer([&] {
        core::Connection w(m_source.settings());
        for (int i = 1; !stop.load(); ++i) {
            w.exec("INSERT INTO public.orders VALUES ($1, 1, 'live')", {1000000 + i});
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
    });
    QTest::mouseClick(startButton, Qt::LeftButton);

    QSet<QChar> states;
    int samplesAtStart = -1;
    QTRY_VERIFY_WITH_TIMEOUT(([&] {
        for (const auto &t : page->lastStatus().tables)
            states.insert(t.state);
        if (samplesAtStart < 0 && !page->lagChart()->samples().isEmpty())
            samplesAtStart = int(page->lagChart()->samples().size());
        return page->isReadyForCutover();
    }()), 120000);
    stop = true;
    writer.join();
    screenshot("replication-ready");
    // The series grew sample by sample; the states went from copying to ready.
    QVERIFY2(page->lagChart()->samples().size() > samplesAtStart + 2,
             qPrintable(QString("%1 -> %2").arg(samplesAtStart).arg(page->lagChart()->samples().size())));
    QVERIFY(page->lagChart()->shownPoints() > 2);
    QString seen;
    for (const QChar state : std::as_const(states))
        seen += state;
    QVERIFY2(states.contains(u'r') && states.size() >= 2, qPrintable(seen));
    QCOMPARE(page->findChild<QLabel *>("verdictLabel")->text(), QString("READY for cutover"));
    core::Connection tgt(m_target.settings());
    QCOMPARE(tgt.exec("SELECT count(*) FROM pg_indexes WHERE indexname = 'orders_customer'").toInt64(0, 0), qint64(1));
    QVERIFY(page->lagChart()->toCsv().startsWith("time,lag_bytes,lag_seconds\n"));
    {
        core::Connection src(m_source.settings());
        QCOMPARE(src.exec("SELECT pubname FROM pg_publication").text(0, 0), QString("pgshift_gui_pub"));
        QCOMPARE(src.exec("SELECT slot_name FROM pg_replication_slots").text(0, 0), QString("pgshift_gui_slot"));
        QCOMPARE(tgt.exec("SELECT subname FROM pg_subscription").text(0, 0), QString("pgshift_gui_sub"));
    }

    // Saved for a later start, without a password.
    const auto saved = core::ReplicationState::load();
    QVERIFY(saved);
    QCOMPARE(saved->names.subscription, QString("pgshift_gui_sub"));
    QCOMPARE(saved->names.slot, QString("pgshift_gui_slot"));
    QFile stateFile(core::ReplicationState::path());
    QVERIFY(stateFile.open(QIODevice::ReadOnly));
    QVERIFY(!stateFile.readAll().contains(m_source.password().toUtf8()));

    // Row estimates (every 5 s), then exact counts once the last change is applied.
    auto *rows = page->rowChart();
    QTRY_VERIFY_WITH_TIMEOUT(rows->rows().size() == 2 && rows->rows().first().source > 0 && rows->rows().last().target > 0, 15000);
    QTRY_COMPARE_WITH_TIMEOUT(page->lastStatus().lagBytes, qint64(0), 30000);
    QVERIFY(!rows->rows().isEmpty());
    core::Connection src(m_source.settings());
    const qint64 orders = src.exec("SELECT count(*) FROM public.orders").toInt64(0, 0);
    // Make the target differ for customers, so the sort has something to order.
    tgt.exec("DELETE FROM public.customers WHERE id <= 10");
    QTest::mouseClick(page->findChild<QPushButton *>("countExactlyButton"), Qt::LeftButton);
    auto *note = page->findChild<QLabel *>("rowsNoteLabel");
    QTRY_VERIFY_WITH_TIMEOUT(note->text().startsWith("Exact counts at"), 30000);
    QVERIFY2(note->text().contains("1 of 2 tables equal"), qPrintable(note->text()));
    QCOMPARE(rows->categories().first(), QString("public.customers")); // the difference first
    QCOMPARE(rows->sourceValues().first(), 1000.0);
    QCOMPARE(rows->targetValues().first(), 990.0);
    QCOMPARE(rows->sourceValues().last(), qreal(orders));
    QCOMPARE(rows->targetValues().last(), qreal(orders));
    QVERIFY(rows->toCsv().contains(QString("public.orders,%1,%1,0\n").arg(orders)));
    QVERIFY(rows->toCsv().contains("public.customers,1000,990,10\n"));
    page->findChild<QTabWidget *>("chartTabs")->setCurrentIndex(1);
    screenshot("replication-rows-exact");

    const testsupport::ModalAnswer answer(QMessageBox::Yes);
    QTest::mouseClick(page->findChild<QPushButton *>("cleanupButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!answer.text().isEmpty(), 10000);
    QTRY_COMPARE_WITH_TIMEOUT(page->findChild<QLabel *>("verdictLabel")->text(), QString("Cleaned up"), 30000);
    QVERIFY(core::ReplicationCleanup::findOrphans(m_source.settings(), m_target.settings()).isEmpty());
    QVERIFY(!QFile::exists(core::ReplicationState::path()));
    m_wizard.reset();
    m_session.reset();
}

QTEST_MAIN(TestReplicationPage)
#include "tst_replicationpage.moc"
