// The DMS page against real servers: Prepare creates the target's schema without its foreign
// keys and shows the six files, each with a Copy button; the monitor reads rows per table on
// both servers and the slot DMS reads (its lag), as the data arrives (loaded here with COPY,
// as DMS would, while a thread confirms the slot as DMS does). Sequences, then the cutover's
// DMS form with the whole database blocked: every step done, the keys added.
#include "app/startup.h"
#include "core/cutover/writeblock.h"
#include "core/dms/dmsplan.h"
#include "core/pg/connection.h"
#include "core/pg/pgerror.h"
#include "tests/support/modalanswer.h"
#include "tests/support/pgserver.h"
#include "widgets/lagchart.h"
#include "widgets/rowcountchart.h"
#include "wizard/dmspage.h"
#include "wizard/migrationsession.h"
#include "wizard/migrationwizard.h"

#include <QApplication>
#include <QClipboard>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <thread>

using namespace pgshift;
using namespace pgshift::testsupport;

class TestDmsPage : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void prepareWatchFinish();

private:
    void screenshot(QWidget *w, const QString &name) const
    {
        const QString dir = qEnvironmentVariable("PGSHIFT_SCREENSHOT_DIR");
        if (!dir.isEmpty())
            QVERIFY(w->grab().save(dir + u'/' + name + QStringLiteral(".png")));
    }
    qint64 rowsShown(wizard::DmsPage *page, const QString &table, bool target) const
    {
        for (const widgets::RowCountChart::Row &r : page->rowsChart()->rows()) {
            if (r.table == table)
                return target ? r.target : r.source;
        }
        return -2;
    }

    QTemporaryDir m_state;
    PgServer m_source {PgServer::Role::Source};
    PgServer m_target {PgServer::Role::Target};
};

void TestDmsPage::initTestCase()
{
    app::installTranslators();
    QVERIFY(m_state.isValid());
    qputenv("PGSHIFT_STATE_DIR", m_state.path().toUtf8());
    PGSHIFT_START(m_source);
    PGSHIFT_START(m_target);
    core::Connection(m_source.settings()).exec("CREATE DATABASE shop");
    core::Connection(m_target.settings()).exec("CREATE DATABASE shop");
    core::Connection shop(m_source.settings("shop"));
    for (const char *sql :
         {"CREATE TABLE public.customers (id serial PRIMARY KEY, name text)",
          "CREATE TABLE public.orders (id bigserial PRIMARY KEY, customer int NOT NULL REFERENCES "
          "public.customers)",
          "CREATE TABLE public.order_lines (id bigserial PRIMARY KEY, order_id bigint REFERENCES "
          "public.orders, qty int)",
          "INSERT INTO public.customers (name) SELECT 'c' || g FROM generate_series(1, 300) g",
          "INSERT INTO public.orders (customer) SELECT 1 + g % 300 FROM generate_series(1, 4000) g",
          "INSERT INTO public.order_lines (order_id, qty) SELECT 1 + g % 4000, 1 FROM "
          "generate_series(1, 9000) g"})
        shop.exec(QString::fromLatin1(sql));
}

void TestDmsPage::prepareWatchFinish()
{
    wizard::MigrationSession session;
    session.setSource(m_source.settings("shop"));
    session.setTarget(m_target.settings("shop"));
    session.setMethod(core::Method::Dms);
    wizard::MigrationWizard wizard(&session);
    wizard.setStartId(wizard::MigrationWizard::DmsPageId);
    wizard.resize(1200, 820);
    wizard.show();
    QVERIFY(QTest::qWaitForWindowExposed(&wizard));
    auto *page = qobject_cast<wizard::DmsPage *>(wizard.currentPage());
    QVERIFY(page);
    QVERIFY(!page->isComplete());

    // A task id DMS would refuse: Prepare stays off and the page says why.
    auto *taskId = page->findChild<QLineEdit *>("taskIdEdit");
    auto *prepare = page->findChild<QPushButton *>("prepareButton");
    taskId->setText("move--shop");
    QVERIFY(!prepare->isEnabled());
    QVERIFY2(page->findChild<QLabel *>("dmsStatusLabel")->text().contains("single hyphens"),
             qPrintable(page->findChild<QLabel *>("dmsStatusLabel")->text()));
    taskId->setText("move-shop");
    QVERIFY(prepare->isEnabled());
    // A malformed name in the scope, the same.
    auto *schemas = page->findChild<QLineEdit *>("schemasEdit");
    schemas->setText("\"unclosed");
    QVERIFY(!prepare->isEnabled());
    QVERIFY(!page->scope().has_value());
    schemas->setText("public");
    QVERIFY(prepare->isEnabled());
    QCOMPARE(page->scope()->schemas, QStringList({"public"}));

    QTemporaryDir out;
    page->findChild<QLineEdit *>("folderEdit")->setText(out.path());
    QTest::mouseClick(prepare, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(page->isComplete(), 60000);
    const QString status = page->findChild<QLabel *>("dmsStatusLabel")->text();
    QVERIFY2(status.contains("3 tables in the mapping")
                 && status.contains(
                     "Held back until the cutover: \"public\".\"order_lines\"."
                     "order_lines_order_id_fkey, \"public\".\"orders\".orders_customer_fkey."),
             qPrintable(status));
    QTabWidget *files = page->files();
    QCOMPARE(files->count(), 6);
    QCOMPARE(files->tabText(0), QString("task-settings.json"));
    auto *mapping = files->widget(1)->findChild<QPlainTextEdit *>();
    QVERIFY(mapping->toPlainText().contains("\"table-name\": \"order[_]lines\""));
    files->setCurrentIndex(4);
    QTest::mouseClick(files->widget(4)->findChild<QPushButton *>("copyFileButton"), Qt::LeftButton);
    QVERIFY(QApplication::clipboard()->text().contains(
        "aws dms create-replication-task --replication-task-identifier 'move-shop'"));
    QVERIFY(!prepare->isEnabled() && !taskId->isEnabled());
    core::Connection target(m_target.settings("shop"));
    QCOMPARE(target.exec("SELECT count(*) FROM pg_constraint WHERE contype = 'f'").toInt64(0, 0),
             qint64(0));

    // DMS starts: its slot appears, then the rows arrive.
    auto *slotLabel = page->findChild<QLabel *>("slotLabel");
    QVERIFY2(slotLabel->text().contains("No slot pgshift_dms on the source yet")
                 || slotLabel->text().isEmpty(),
             qPrintable(slotLabel->text()));
    core::Connection source(m_source.settings("shop"));
    source.exec("SELECT pg_create_logical_replication_slot('pgshift_dms', 'test_decoding')");
    QTRY_VERIFY_WITH_TIMEOUT(slotLabel->text().startsWith("Slot pgshift_dms on the source, idle"),
                             20000);
    QTRY_COMPARE_WITH_TIMEOUT(rowsShown(page, "public.order_lines", false), qint64(9000), 20000);
    QCOMPARE(rowsShown(page, "public.order_lines", true), qint64(0));
    for (const char *table : {"public.order_lines", "public.orders", "public.customers"}) {
        target.beginCopyIn(QString("COPY %1 FROM STDIN").arg(table));
        source.copyOut(QString("COPY %1 TO STDOUT").arg(table), [&](const char *data, int size) {
            target.putCopyData(data, size);
            return true;
        });
        target.endCopyIn();
    }
    QTRY_COMPARE_WITH_TIMEOUT(rowsShown(page, "public.order_lines", true), qint64(9000), 20000);
    QVERIFY(page->lagChart()->sampleCount() > 0);
    screenshot(&wizard, "dms-prepared");

    wizard.next();
    QCOMPARE(wizard.currentId(), int(wizard::MigrationWizard::SequencesPageId));
    QTRY_VERIFY_WITH_TIMEOUT(wizard.currentPage()->isComplete(), 30000);
    wizard.next();
    QCOMPARE(wizard.currentId(), int(wizard::MigrationWizard::CutoverPageId));
    QWizardPage *cutover = wizard.currentPage();
    auto *table = cutover->findChild<QTableWidget *>("checklistTable");
    QCOMPARE(table->rowCount(), 8);
    QVERIFY2(table->item(4, 0)->text().startsWith("5. Foreign keys held back"),
             qPrintable(table->item(4, 0)->text()));

    // DMS confirms what the source writes, until the test ends.
    std::atomic<bool> stop {false};
    std::thread confirmer([&] {
        while (!stop) {
            try {
                core::Connection c(m_source.settings("shop"));
                c.exec("SET default_transaction_read_only = off");
                while (!stop) {
                    c.exec("SELECT pg_replication_slot_advance('pgshift_dms', "
                           "pg_current_wal_insert_lsn())");
                    std::this_thread::sleep_for(std::chrono::milliseconds(100));
                }
            } catch (const core::PgError &) {
                std::this_thread::sleep_for(std::chrono::milliseconds(100));
            }
        }
    });
    cutover->findChild<QRadioButton *>("databaseRadio")->setChecked(true);
    const testsupport::ModalAnswer answer(QMessageBox::Yes);
    QTest::mouseClick(cutover->findChild<QPushButton *>("runButton"), Qt::LeftButton);
    auto *result = cutover->findChild<QLabel *>("checklistResultLabel");
    QTRY_VERIFY_WITH_TIMEOUT(cutover->isComplete() || result->text().startsWith("Stopped"), 60000);
    stop = true;
    confirmer.join();
    QVERIFY2(result->text().startsWith("Cutover complete") && result->text().contains("section 4 of aws-commands.sh"),
             qPrintable(result->text()));
    for (int row = 0; row < table->rowCount(); ++row)
        QVERIFY2(table->item(row, 1)->text() == "done",
                 qPrintable(table->item(row, 0)->text() + ": " + table->item(row, 1)->text()));
    QCOMPARE(target.exec("SELECT count(*) FROM pg_constraint WHERE contype = 'f'").toInt64(0, 0),
             qint64(2));
    screenshot(&wizard, "dms-cutover");

    core::WriteBlockOptions block;
    block.mode = core::WriteBlock::Database;
    QVERIFY(core::WriteBlocker::lift(m_source.settings("shop"), block).isEmpty());
    core::Connection(m_source.settings("shop"))
        .exec("SELECT pg_drop_replication_slot('pgshift_dms')");
}

QTEST_MAIN(TestDmsPage)
#include "tst_dmspage.moc"
