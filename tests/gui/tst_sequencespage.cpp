// The Sequences page against real servers: every sequence with owner, source, target and
// proposed values (descending, never used, odd names, a clamped one explained), the margin
// changing the proposals, Copy SQL, Apply with verification, and a margin measured from the
// rate while something takes values on the source; the cutover page takes the margin over.
#include "app/startup.h"
#include "core/pg/connection.h"
#include "tests/support/modalanswer.h"
#include "tests/support/pgserver.h"
#include "wizard/migrationsession.h"
#include "wizard/migrationwizard.h"
#include "wizard/sequencespage.h"

#include <QApplication>
#include <QClipboard>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QTest>
#include <QTimer>

#include <atomic>
#include <thread>

using namespace pgshift;
using namespace pgshift::testsupport;

class TestSequencesPage : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void reviewsAndApplies();

private:
    PgServer m_source{PgServer::Role::Source};
    PgServer m_target{PgServer::Role::Target};
};

namespace {

void createSchema(core::Connection &c)
{
    c.exec("CREATE TABLE public.orders (id serial PRIMARY KEY)");
    c.exec("CREATE SEQUENCE public.countdown INCREMENT BY -1 MINVALUE -1000000 MAXVALUE -1 START WITH -1");
    c.exec("CREATE SEQUENCE public.\"Tiny Seq\" AS smallint MAXVALUE 30000");
    c.exec("CREATE SEQUENCE public.unused START WITH 42");
}

QString cell(QTableWidget *t, const QString &name, int column)
{
    for (int row = 0; row < t->rowCount(); ++row) {
        if (t->item(row, 1)->text() == name)
            return t->item(row, column)->text();
    }
    return QStringLiteral("(no row %1)").arg(name);
}

} // namespace

void TestSequencesPage::initTestCase()
{
    app::installTranslators();
    PGSHIFT_START(m_source);
    PGSHIFT_START(m_target);
    core::Connection src(m_source.settings());
    core::Connection tgt(m_target.settings());
    createSchema(src);
    createSchema(tgt);
    src.exec("INSERT INTO public.orders SELECT FROM generate_series(1, 300)");
    src.exec("SELECT setval('public.countdown', -50)");
    src.exec("SELECT setval('public.\"Tiny Seq\"', 25000)");
}

void TestSequencesPage::reviewsAndApplies()
{
    wizard::MigrationSession session;
    session.setSource(m_source.settings());
    session.setTarget(m_target.settings());
    wizard::MigrationWizard wizard(&session);
    wizard.setStartId(wizard::MigrationWizard::SequencesPageId);
    wizard.resize(1040, 700);
    wizard.show();
    QVERIFY(QTest::qWaitForWindowExposed(&wizard));
    auto *page = qobject_cast<wizard::SequencesPage *>(wizard.currentPage());
    QVERIFY(page);
    auto *table = page->findChild<QTableWidget *>("sequencesTable");
    QTRY_COMPARE_WITH_TIMEOUT(table->rowCount(), 4, 20000);
    const QLocale locale;
    QCOMPARE(cell(table, "orders_id_seq", 2), QString("public.orders.id"));
    QCOMPARE(cell(table, "orders_id_seq", 3), locale.toString(300));
    QCOMPARE(cell(table, "orders_id_seq", 4), QString("never used"));
    QCOMPARE(cell(table, "orders_id_seq", 5), locale.toString(10300));
    QCOMPARE(cell(table, "countdown", 5), locale.toString(-10050));
    QCOMPARE(cell(table, "unused", 5), locale.toString(42) + " (next value)");
    QCOMPARE(cell(table, "Tiny Seq", 5), locale.toString(30000));
    QVERIFY2(cell(table, "Tiny Seq", 6).contains("MAXVALUE 30000"), qPrintable(cell(table, "Tiny Seq", 6)));
    QVERIFY(page->findChild<QLabel *>("sequencesStatusLabel")->text().contains("1 sequence would pass their limit"));

    page->findChild<QSpinBox *>("marginSpin")->setValue(100);
    QCOMPARE(cell(table, "orders_id_seq", 5), locale.toString(400));
    QCOMPARE(session.sequenceMargin(), qint64(100));
    QTest::mouseClick(page->findChild<QPushButton *>("copySqlButton"), Qt::LeftButton);
    const QString sql = QApplication::clipboard()->text();
    QVERIFY2(sql.contains("SELECT pg_catalog.setval('public.orders_id_seq', 400, true);")
                 && sql.contains("SELECT pg_catalog.setval('public.\"Tiny Seq\"', 25100, true);"),
             qPrintable(sql));

    const testsupport::ModalAnswer answer(QMessageBox::Yes);
    QTest::mouseClick(page->findChild<QPushButton *>("applyButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!answer.text().isEmpty(), 10000);
    auto *status = page->findChild<QLabel *>("sequencesStatusLabel");
    QTRY_VERIFY_WITH_TIMEOUT(status->text().contains("Verified: every target sequence is ahead"), 20000);
    QTRY_COMPARE_WITH_TIMEOUT(cell(table, "orders_id_seq", 4), locale.toString(400), 20000);
    core::Connection tgt(m_target.settings());
    QCOMPARE(tgt.exec("SELECT last_value FROM pg_sequences WHERE sequencename = 'countdown'").toInt64(0, 0), qint64(-150));
    const QString screenshots = qEnvironmentVariable("PGSHIFT_SCREENSHOT_DIR");
    if (!screenshots.isEmpty())
        QVERIFY(wizard.grab().save(screenshots + "/sequences.png"));

    // A margin from the rate: about 200 values a second taken while it measures.
    std::atomic<bool> stop{false};
    std::thread taker([&] {
        core::Connection c(m_source.settings());
        while (!stop) {
            c.exec("SELECT nextval('public.orders_id_seq')");
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
    });
    page->findChild<QRadioButton *>("rateMarginRadio")->setChecked(true);
    QTRY_VERIFY_WITH_TIMEOUT(status->text().contains("from the rate measured"), 30000);
    stop = true;
    taker.join();
    // 60 s window x 3 at a rate of tens to a couple of hundred a second.
    QVERIFY2(page->margin() > 1000, qPrintable(QString::number(page->margin())));
    QCOMPARE(session.sequenceMargin(), page->margin());
}

QTEST_MAIN(TestSequencesPage)
#include "tst_sequencespage.moc"
