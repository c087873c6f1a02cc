// The dump & restore run page against real servers: the form's checks, a scoped copy that
// ends verified with the table list and the chart filled, a cancelled copy whose leftovers
// are dropped from the page after the exact SQL was shown, and the short cutover checklist
// around a copy (the source database blocked, sequences ahead, checksums compared, writes
// re-enabled from the page) ending in the summary's report.
#include "app/startup.h"
#include "core/migration/dumprestorejob.h"
#include "core/pg/connection.h"
#include "core/pg/connectiontest.h"
#include "tests/support/modalanswer.h"
#include "tests/support/pgserver.h"
#include "tests/support/wizardsession.h"
#include "widgets/copytablemodel.h"
#include "widgets/rowcountchart.h"
#include "wizard/dumprestorepage.h"
#include "wizard/migrationsession.h"
#include "wizard/migrationwizard.h"
#include "wizard/preflightpage.h"
#include "wizard/summarypage.h"

#include <QAbstractButton>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTextBrowser>
#include <QTest>
#include <QTimer>

using namespace pgshift;
using namespace pgshift::testsupport;

class TestDumpRestorePage : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();
    void preflightLeadsHereForDumpOnly();
    void formRejectsBadInput();
    void scopedCopyEndsVerified();
    void cancelThenDropFromThePage();
    void checklistAroundTheCopy();

private:
    void openFor(const QString &targetDb);
    wizard::DumpRestorePage *page() const;
    template <typename T> T *child(const char *name) const
    {
        T *found = page()->findChild<T *>(QString::fromLatin1(name));
        if (!found)
            qFatal("no child %s", name);
        return found;
    }
    void screenshot(const QString &name) const;

    PgServer m_source{PgServer::Role::Source};
    PgServer m_target{PgServer::Role::Target};
    std::unique_ptr<wizard::MigrationSession> m_session;
    std::unique_ptr<wizard::MigrationWizard> m_wizard;
};

void TestDumpRestorePage::initTestCase()
{
    app::installTranslators();
    PGSHIFT_START(m_source);
    PGSHIFT_START(m_target);
    core::Connection src(m_source.settings());
    src.exec("CREATE SCHEMA app");
    src.exec("CREATE TABLE app.customers (id int PRIMARY KEY, name text)");
    src.exec("INSERT INTO app.customers SELECT g, 'customer ' || g FROM generate_series(1, 3000) g");
    src.exec("CREATE TABLE app.orders (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
             " customer int REFERENCES app.customers, total numeric)");
    src.exec("INSERT INTO app.orders (customer, total) SELECT 1 + g % 3000, g / 3.0 FROM generate_series(1, 20000) g");
    src.exec("CREATE TABLE app.\"Audit Log\" (at timestamptz, what text)");
    src.exec("INSERT INTO app.\"Audit Log\" SELECT now(), 'event ' || g FROM generate_series(1, 500) g");
    // Big enough to cancel in the middle of its copy.
    src.exec("CREATE TABLE public.bulk (id bigint PRIMARY KEY, body text)");
    src.exec("INSERT INTO public.bulk SELECT g, repeat(md5(g::text), 8) FROM generate_series(1, 400000) g");
    src.exec("ANALYZE");
}

void TestDumpRestorePage::cleanup()
{
    if (m_session && m_session->isCopying()) {
        m_session->copyJob()->cancel();
        QTRY_VERIFY_WITH_TIMEOUT(!m_session->isCopying(), 30000);
    }
    m_wizard.reset();
    m_session.reset();
}

void TestDumpRestorePage::openFor(const QString &targetDb)
{
    core::Connection admin(m_target.settings());
    admin.exec(QString("CREATE DATABASE %1").arg(admin.quoteIdentifier(targetDb)));
    m_session = std::make_unique<wizard::MigrationSession>();
    QVERIFY(connectSession(*m_session, m_source.settings(), m_target.settings(targetDb)));
    m_session->setMethod(core::Method::Dump);
    m_wizard = std::make_unique<wizard::MigrationWizard>(m_session.get());
    m_wizard->setStartId(wizard::MigrationWizard::DumpRestorePageId);
    m_wizard->resize(1000, 760);
    m_wizard->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_wizard.get()));
}

wizard::DumpRestorePage *TestDumpRestorePage::page() const
{
    return qobject_cast<wizard::DumpRestorePage *>(m_wizard->page(wizard::MigrationWizard::DumpRestorePageId));
}

void TestDumpRestorePage::screenshot(const QString &name) const
{
    const QString dir = qEnvironmentVariable("PGSHIFT_SCREENSHOT_DIR");
    if (!dir.isEmpty())
        QVERIFY(m_wizard->grab().save(dir + u'/' + name + QStringLiteral(".png")));
}

void TestDumpRestorePage::preflightLeadsHereForDumpOnly()
{
    openFor("route");
    auto *preflight = qobject_cast<wizard::PreflightPage *>(m_wizard->page(wizard::MigrationWizard::PreflightPageId));
    QCOMPARE(preflight->nextId(), int(wizard::MigrationWizard::DumpRestorePageId));
    m_session->setMethod(core::Method::Logical);
    QCOMPARE(preflight->nextId(), int(wizard::MigrationWizard::ReplicationPageId));
    m_session->setMethod(core::Method::Dms);
    QCOMPARE(preflight->nextId(), int(wizard::MigrationWizard::DmsPageId));
}

void TestDumpRestorePage::formRejectsBadInput()
{
    openFor("form");
    auto *start = child<QPushButton>("startButton");
    auto *error = child<QLabel>("formErrorLabel");
    QVERIFY(start->isEnabled()); // the whole database with the stream engine needs nothing more

    auto *engine = child<QComboBox>("engineCombo");
    engine->setCurrentIndex(engine->findData(int(core::CopyEngine::PgDump)));
    // A fresh folder is suggested; without one there is nothing to start.
    QVERIFY2(child<QLineEdit>("archiveDirEdit")->text().contains("pgshift-archives"),
             qPrintable(child<QLineEdit>("archiveDirEdit")->text()));
    QVERIFY(start->isEnabled());
    child<QLineEdit>("archiveDirEdit")->clear();
    QVERIFY(!start->isEnabled());
    QVERIFY2(error->text().contains("folder"), qPrintable(error->text()));
    QTemporaryDir full;
    QFile(full.filePath("something")).open(QIODevice::WriteOnly);
    child<QLineEdit>("archiveDirEdit")->setText(full.path());
    QVERIFY(!start->isEnabled());
    QVERIFY2(error->text().contains("new or empty"), qPrintable(error->text()));
    child<QLineEdit>("archiveDirEdit")->setText(full.filePath("fresh"));
    QVERIFY(start->isEnabled());

    child<QRadioButton>("someObjectsRadio")->setChecked(true);
    QVERIFY(!start->isEnabled());
    QVERIFY2(error->text().contains("at least one"), qPrintable(error->text()));
    child<QLineEdit>("tablesEdit")->setText("app.\"unterminated");
    QVERIFY(!start->isEnabled());
    QVERIFY2(error->text().contains("is not a table name"), qPrintable(error->text()));
    child<QLineEdit>("tablesEdit")->setText("app.\"Audit Log\", app.orders");
    QVERIFY(start->isEnabled());
    QCOMPARE(page()->options()->scope.tables.size(), 2);
    QCOMPARE(core::CopyScope::splitList("a, \"b,c\".d,,e"), QStringList({"a", "\"b,c\".d", "e"}));
}

void TestDumpRestorePage::scopedCopyEndsVerified()
{
    openFor("scoped");
    child<QRadioButton>("someObjectsRadio")->setChecked(true);
    child<QLineEdit>("schemasEdit")->setText("app");
    QTest::mouseClick(child<QPushButton>("startButton"), Qt::LeftButton);
    QVERIFY(m_session->isCopying());
    QVERIFY(!m_wizard->button(QWizard::NextButton)->isEnabled()); // not while it runs
    QVERIFY(!m_wizard->button(QWizard::BackButton)->isEnabled());
    QTRY_VERIFY_WITH_TIMEOUT(!m_session->isCopying(), 120000);

    const QString result = child<QLabel>("resultLabel")->text();
    QVERIFY2(result.contains("Copied 3 tables (23,500 rows") && result.contains("Every table's row count matches"),
             qPrintable(result));
    QVERIFY(m_wizard->button(QWizard::NextButton)->isEnabled());
    QVERIFY(!child<QPushButton>("cleanupButton")->isVisible());
    const auto *model = page()->tableModel();
    QCOMPARE(model->rowCount(), 3);
    for (int row = 0; row < model->rowCount(); ++row) {
        QCOMPARE(model->index(row, widgets::CopyTableModel::StatusColumn).data().toString(), QString("Copied"));
        QCOMPARE(model->index(row, widgets::CopyTableModel::CheckColumn).data().toString(), QString("match"));
    }
    // The chart: a bar pair per table, the target's equal to the source's exact counts.
    const auto *chart = page()->chart();
    QCOMPARE(chart->categories().size(), 3);
    QVERIFY(chart->categories().contains("app.Audit Log"));
    QCOMPARE(chart->targetValues(), chart->sourceValues());
    QVERIFY(chart->sourceValues().contains(20000.0));
    screenshot("dumprestore-done");

    core::Connection tgt(m_target.settings("scoped"));
    QCOMPARE(tgt.exec("SELECT count(*) FROM app.orders").toInt64(0, 0), qint64(20000));
    QCOMPARE(tgt.exec("SELECT count(*) FROM pg_class WHERE relname = 'bulk'").toInt64(0, 0), qint64(0));
}

void TestDumpRestorePage::cancelThenDropFromThePage()
{
    openFor("cancelled");
    QTest::mouseClick(child<QPushButton>("startButton"), Qt::LeftButton);
    // Cancel while the big table's rows are flowing.
    const auto *model = page()->tableModel();
    QTRY_VERIFY_WITH_TIMEOUT(model->rowCount() > 0 && [&] {
        for (const core::TableStatus &t : model->tables()) {
            if (t.table == "bulk" && t.rowsCopied > 0)
                return true;
        }
        return false;
    }(), 60000);
    screenshot("dumprestore-running");
    QTest::mouseClick(child<QPushButton>("cancelButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!m_session->isCopying(), 10000);
    QVERIFY(m_session->copyJob()->report().cancelled);
    QVERIFY2(child<QLabel>("resultLabel")->text().startsWith("Cancelled"), qPrintable(child<QLabel>("resultLabel")->text()));
    auto *cleanupButton = child<QPushButton>("cleanupButton");
    QVERIFY(cleanupButton->isVisible());
    screenshot("dumprestore-cancelled");

    QString shownSql;
    QTimer::singleShot(0, this, [&shownSql] {
        auto *dialog = QApplication::activeModalWidget();
        QVERIFY(dialog && dialog->objectName() == "cleanupDialog");
        shownSql = dialog->findChild<QPlainTextEdit *>("cleanupSql")->toPlainText();
        for (auto *button : dialog->findChildren<QPushButton *>()) {
            if (button->text().contains("Drop on target"))
                button->click();
        }
    });
    QTest::mouseClick(cleanupButton, Qt::LeftButton);
    QVERIFY2(shownSql.contains("DROP TABLE IF EXISTS public.bulk CASCADE;"), qPrintable(shownSql));
    QTRY_VERIFY_WITH_TIMEOUT(!cleanupButton->isVisible(), 30000);
    QVERIFY(child<QLabel>("resultLabel")->text().contains("was dropped"));
    core::Connection tgt(m_target.settings("cancelled"));
    QCOMPARE(tgt.exec("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                      " WHERE n.nspname IN ('public', 'app')").toInt64(0, 0),
             qint64(0));
    QCOMPARE(tgt.exec("SELECT count(*) FROM pg_namespace WHERE nspname = 'app'").toInt64(0, 0), qint64(0));
}

void TestDumpRestorePage::checklistAroundTheCopy()
{
    openFor("checked");
    child<QRadioButton>("someObjectsRadio")->setChecked(true);
    child<QLineEdit>("schemasEdit")->setText("app");
    child<QRadioButton>("databaseRadio")->setChecked(true);
    child<QCheckBox>("checksumsCheck")->setChecked(true);
    auto *table = child<QTableWidget>("checklistTable");
    QCOMPARE(table->rowCount(), 5); // stop writes, copy, sequences, validate, switch
    QVERIFY2(table->item(0, 3)->text().startsWith("ALTER DATABASE \"postgres\" SET default_transaction_read_only = on"),
             qPrintable(table->item(0, 3)->text()));

    // The question comes after the sessions are listed (off the GUI thread).
    const testsupport::ModalAnswer answer(QMessageBox::Yes);
    QTest::mouseClick(child<QPushButton>("startButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!answer.text().isEmpty(), 20000);
    QVERIFY2(answer.text().contains("Stop writes on the source?"), qPrintable(answer.text()));
    QTRY_VERIFY_WITH_TIMEOUT(m_session->copyJob() && m_session->copyJob()->isFinished(), 120000);
    const QString outcome = child<QLabel>("checklistResultLabel")->text();
    QVERIFY2(outcome.startsWith("Copy complete and every checklist step done"), qPrintable(outcome));
    for (int row = 0; row < table->rowCount(); ++row)
        QVERIFY2(table->item(row, 1)->text() == "done", qPrintable(table->item(row, 0)->text() + ": " + table->item(row, 1)->text()));
    QVERIFY2(table->item(3, 0)->text().contains("3 tables equal in rows and checksums, 23,500 rows"), qPrintable(table->item(3, 0)->text()));
    QVERIFY(child<QLabel>("downtimeLabel")->text().startsWith("Write downtime: "));
    QVERIFY(child<QLineEdit>("targetUriEdit")->text().startsWith(QString("postgresql://postgres@127.0.0.1:%1/checked").arg(m_target.port())));
    screenshot("dumprestore-checklist");

    // Sequences are ahead on the target: new rows there take fresh ids.
    core::Connection tgt(m_target.settings("checked"));
    tgt.exec("INSERT INTO app.orders (customer, total) VALUES (1, 1)");
    QVERIFY(tgt.exec("SELECT max(id) FROM app.orders").toInt64(0, 0) > 20000 + 9000);
    // The source stays read-only until re-enabled from the page.
    const auto readOnly = [this] {
        return core::Connection(m_source.settings()).exec("SHOW default_transaction_read_only").text(0, 0);
    };
    QCOMPARE(readOnly(), QString("on"));
    QTest::mouseClick(child<QPushButton>("reenableButton"), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(readOnly(), QString("off"), 20000);

    m_wizard->next();
    auto *summary = qobject_cast<wizard::SummaryPage *>(m_wizard->currentPage());
    QVERIFY(summary);
    const QString preview = summary->findChild<QTextBrowser *>("reportPreview")->toPlainText();
    QVERIFY2(preview.contains("Checklist (dump and restore)") && preview.contains("app.orders") && preview.contains("equal, checksums too"),
             qPrintable(preview));
    QCOMPARE(summary->chart()->categories().size(), 3);
    screenshot("summary-dump");
}

QTEST_MAIN(TestDumpRestorePage)
#include "tst_dumprestorepage.moc"
