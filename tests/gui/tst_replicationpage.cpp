// The logical replication page against real servers: the steps' SQL before anything runs
// (password masked), Start, the lag series growing and the tables' states changing while the
// source takes writes, the deferred indexes, "ready for cutover", and cleanup from the page.
#include "app/startup.h"
#include "core/pg/connection.h"
#include "core/pg/connectiontest.h"
#include "core/replication/replicationcleanup.h"
#include "tests/support/pgserver.h"
#include "widgets/lagchart.h"
#include "wizard/migrationsession.h"
#include "wizard/migrationwizard.h"
#include "wizard/replicationpage.h"

#include <QAbstractButton>
#include <QApplication>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
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
    void replicatesAndCleansUp();

private:
    void screenshot(const QString &name) const
    {
        const QString dir = qEnvironmentVariable("PGSHIFT_SCREENSHOT_DIR");
        if (!dir.isEmpty())
            QVERIFY(m_wizard->grab().save(dir + u'/' + name + QStringLiteral(".png")));
    }

    PgServer m_source{PgServer::Role::Source};
    PgServer m_target{PgServer::Role::Target};
    std::unique_ptr<wizard::MigrationSession> m_session;
    std::unique_ptr<wizard::MigrationWizard> m_wizard;
};

void TestReplicationPage::initTestCase()
{
    app::installTranslators();
    PGSHIFT_START(m_source);
    PGSHIFT_START(m_target);
    core::Connection src(m_source.settings());
    src.exec("CREATE TABLE public.orders (id bigint PRIMARY KEY, customer int, note text)");
    src.exec("INSERT INTO public.orders SELECT g, g % 1000, repeat(md5(g::text), 4) FROM generate_series(1, 300000) g");
    src.exec("CREATE INDEX orders_customer ON public.orders (customer)");
    src.exec("CREATE TABLE public.customers (id int PRIMARY KEY, name text)");
    src.exec("INSERT INTO public.customers SELECT g, 'c' || g FROM generate_series(1, 1000) g");
}

void TestReplicationPage::replicatesAndCleansUp()
{
    m_session = std::make_unique<wizard::MigrationSession>();
    const auto source = core::testConnection(m_source.settings());
    const auto target = core::testConnection(m_target.settings());
    QVERIFY(source.ok() && target.ok());
    m_session->setSource(source.settings);
    m_session->setSourceFacts(*source.facts);
    m_session->setTarget(target.settings);
    m_session->setTargetFacts(*target.facts);
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
    QTest::mouseClick(page->findChild<QPushButton *>("startButton"), Qt::LeftButton);

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

    QTimer::singleShot(0, this, [] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        QVERIFY(box);
        box->button(QMessageBox::Yes)->click();
    });
    QTest::mouseClick(page->findChild<QPushButton *>("cleanupButton"), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(page->findChild<QLabel *>("verdictLabel")->text(), QString("Cleaned up"), 30000);
    QVERIFY(core::ReplicationCleanup::findOrphans(m_source.settings(), m_target.settings()).isEmpty());
    m_wizard.reset();
    m_session.reset();
}

QTEST_MAIN(TestReplicationPage)
#include "tst_replicationpage.moc"
