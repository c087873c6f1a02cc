// The Method and Preflight pages against real servers: a blocker keeps Next disabled; after
// "Run fix" (confirmed, SQL shown) and the automatic re-run it clears. Export, copy, method
// changes and HTML escaping of hostile names.
#include "app/startup.h"
#include "core/pg/connection.h"
#include "core/pg/connectiontest.h"
#include "tests/support/pgserver.h"
#include "tests/support/wizardsession.h"
#include "widgets/checkreportview.h"
#include "widgets/fixdialog.h"
#include "wizard/methodpage.h"
#include "wizard/migrationsession.h"
#include "wizard/migrationwizard.h"
#include "wizard/preflightpage.h"

#include <QAbstractButton>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QFile>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QRadioButton>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace pgshift;
using namespace pgshift::testsupport;
using Group = widgets::CheckReportView::Group;

class TestPreflightPage : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void blockerFixedFromThePage();
    void cancelledFixChangesNothing();
    void exportsEscapeHostileNames();
    void methodChangeInvalidates();
    void fixOnlyChosenTables();

private:
    void openAt(int pageId);
    wizard::PreflightPage *preflight() const;
    bool forwardEnabled() const;
    void waitIdle();
    // With $PGSHIFT_SCREENSHOT_DIR set, saves the wizard as <dir>/<name>.png to look at.
    void screenshot(const QString &name) const;

    PgServer m_source{PgServer::Role::Source};
    PgServer m_target{PgServer::Role::Target};
    std::unique_ptr<wizard::MigrationSession> m_session;
    std::unique_ptr<wizard::MigrationWizard> m_wizard;
    const QString m_hostile = "<b>\"Keyless\" & co</b>";
};

void TestPreflightPage::initTestCase()
{
    app::installTranslators();
    PGSHIFT_START(m_source);
    PGSHIFT_START(m_target);
}

void TestPreflightPage::init()
{
    core::Connection src(m_source.settings());
    src.exec("DROP SCHEMA IF EXISTS app CASCADE");
    src.exec("CREATE SCHEMA app");
    src.exec(QString("CREATE TABLE app.%1 (a int, b text)").arg(src.quoteIdentifier(m_hostile)));
    src.exec("CREATE TABLE app.keyed (id int PRIMARY KEY)");
    m_session = std::make_unique<wizard::MigrationSession>();
    QVERIFY(connectSession(*m_session, m_source.settings(), m_target.settings()));
    m_session->setMethod(core::Method::Logical);
}

void TestPreflightPage::cleanup()
{
    m_wizard.reset();
    m_session.reset();
}

void TestPreflightPage::openAt(int pageId)
{
    m_wizard = std::make_unique<wizard::MigrationWizard>(m_session.get());
    m_wizard->setStartId(pageId);
    m_wizard->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_wizard.get()));
    QCOMPARE(m_wizard->currentId(), pageId);
}

wizard::PreflightPage *TestPreflightPage::preflight() const
{
    return qobject_cast<wizard::PreflightPage *>(m_wizard->page(wizard::MigrationWizard::PreflightPageId));
}

bool TestPreflightPage::forwardEnabled() const
{
    for (auto which : {QWizard::NextButton, QWizard::FinishButton}) {
        QAbstractButton *b = m_wizard->button(which);
        if (b->isVisible() && b->isEnabled())
            return true;
    }
    return false;
}

void TestPreflightPage::screenshot(const QString &name) const
{
    const QString dir = qEnvironmentVariable("PGSHIFT_SCREENSHOT_DIR");
    if (!dir.isEmpty())
        QVERIFY(m_wizard->grab().save(dir + u'/' + name + QStringLiteral(".png")));
}

void TestPreflightPage::waitIdle()
{
    QTRY_VERIFY_WITH_TIMEOUT(!preflight()->isBusy(), 60000);
}

void TestPreflightPage::blockerFixedFromThePage()
{
    openAt(wizard::MigrationWizard::MethodPageId);
    m_wizard->resize(900, 680);
    screenshot("method");
    auto *logical = m_wizard->currentPage()->findChild<QRadioButton *>("method_logical");
    QVERIFY(logical && logical->isChecked());
    QVERIFY(!m_wizard->currentPage()->findChild<QLabel *>("recommendationLabel")->text().isEmpty());
    m_wizard->next();
    QCOMPARE(m_wizard->currentId(), int(wizard::MigrationWizard::PreflightPageId));
    waitIdle();
    wizard::PreflightPage *page = preflight();
    QVERIFY2(page->summary().startsWith("1 blocker, "), qPrintable(page->summary()));
    QVERIFY(!forwardEnabled());

    widgets::CheckReportView *view = page->reportView();
    QVERIFY(view->selectCheck("replica_identity"));
    QVERIFY(view->detailsText().contains("REPLICA IDENTITY FULL"));
    screenshot("preflight-blocker");
    auto *copy = page->findChild<QPushButton *>("copyFixButton");
    QTest::mouseClick(copy, Qt::LeftButton);
    QCOMPARE(QApplication::clipboard()->text(), view->currentResult()->fixSql);

    auto *runFix = page->findChild<QPushButton *>("runFixButton");
    QVERIFY(runFix->isEnabled());
    QString shownSql;
    QTimer::singleShot(0, this, [&shownSql] {
        auto *dialog = qobject_cast<widgets::FixDialog *>(QApplication::activeModalWidget());
        QVERIFY(dialog);
        shownSql = dialog->preview();
        dialog->findChild<QPushButton *>("runButton")->click();
    });
    QTest::mouseClick(runFix, Qt::LeftButton);
    QVERIFY2(shownSql.startsWith("BEGIN;\nALTER TABLE \"app\"."), qPrintable(shownSql));
    QVERIFY(shownSql.endsWith("\nCOMMIT;"));
    waitIdle();
    QVERIFY2(page->summary().startsWith("0 blockers, "), qPrintable(page->summary()));
    if (view->count(Group::Warnings) > 0) {
        QVERIFY(!forwardEnabled());
        page->findChild<QCheckBox *>("acknowledgeWarnings")->setChecked(true);
    }
    QVERIFY(forwardEnabled());
    screenshot("preflight-fixed");
    core::Connection src(m_source.settings());
    QCOMPARE(src.exec("SELECT relreplident FROM pg_class WHERE relname = $1", {m_hostile}).text(0, 0), QString("f"));
}

void TestPreflightPage::cancelledFixChangesNothing()
{
    openAt(wizard::MigrationWizard::PreflightPageId);
    waitIdle();
    QVERIFY(preflight()->reportView()->selectCheck("replica_identity"));
    QTimer::singleShot(0, this, [] {
        auto *dialog = qobject_cast<widgets::FixDialog *>(QApplication::activeModalWidget());
        QVERIFY(dialog);
        dialog->reject();
    });
    QTest::mouseClick(preflight()->findChild<QPushButton *>("runFixButton"), Qt::LeftButton);
    QVERIFY(!preflight()->isBusy());
    core::Connection src(m_source.settings());
    QCOMPARE(src.exec("SELECT relreplident FROM pg_class WHERE relname = $1", {m_hostile}).text(0, 0), QString("d"));
    QVERIFY(!forwardEnabled());
}

void TestPreflightPage::exportsEscapeHostileNames()
{
    openAt(wizard::MigrationWizard::PreflightPageId);
    waitIdle();
    QTemporaryDir dir;
    for (const QString &name : {QString("r.md"), QString("r.html"), QString("r.json")}) {
        QString error;
        QVERIFY2(preflight()->exportReport(dir.filePath(name), &error), qPrintable(error));
    }
    const auto read = [&dir](const QString &name) {
        QFile f(dir.filePath(name));
        f.open(QIODevice::ReadOnly);
        return QString::fromUtf8(f.readAll());
    };
    QVERIFY(read("r.md").startsWith("# pgshift preflight (logical)"));
    const QString html = read("r.html");
    QVERIFY(html.contains("&lt;b&gt;&quot;&quot;Keyless&quot;&quot; &amp; co&lt;/b&gt;"));
    QVERIFY(!html.contains("<b>\"Keyless"));
    QVERIFY(read("r.json").contains("\"blockers\": 1"));
    // The details pane shows the name as text, not as markup.
    QVERIFY(preflight()->reportView()->selectCheck("replica_identity"));
    QVERIFY(preflight()->reportView()->detailsText().contains("<b>\"\"Keyless\"\" & co</b>"));
}

void TestPreflightPage::methodChangeInvalidates()
{
    openAt(wizard::MigrationWizard::PreflightPageId);
    waitIdle();
    QVERIFY(m_session->preflight());
    m_session->setMethod(core::Method::Dump);
    QVERIFY(!m_session->preflight());
    QVERIFY(!preflight()->isComplete());
    preflight()->runChecks();
    waitIdle();
    // Dump and restore needs no replica identity: no blocker now.
    QCOMPARE(preflight()->reportView()->count(Group::Blockers), 0);
    QCOMPARE(m_session->preflight()->method, core::Method::Dump);
}

void TestPreflightPage::fixOnlyChosenTables()
{
    {
        core::Connection src(m_source.settings());
        src.exec("CREATE TABLE app.second (a int)");
    }
    openAt(wizard::MigrationWizard::PreflightPageId);
    waitIdle();
    QVERIFY(preflight()->reportView()->selectCheck("replica_identity"));
    QCOMPARE(preflight()->reportView()->currentResult()->objects.size(), 2);
    QString shownSql;
    QTimer::singleShot(0, this, [&shownSql] {
        auto *dialog = qobject_cast<widgets::FixDialog *>(QApplication::activeModalWidget());
        QVERIFY(dialog);
        auto *list = dialog->findChild<QListWidget *>("fixStatements");
        QCOMPARE(list->count(), 2);
        for (int i = 0; i < list->count(); ++i) {
            if (list->item(i)->text().contains("\"second\""))
                list->item(i)->setCheckState(Qt::Unchecked);
        }
        shownSql = dialog->preview();
        if (const QString dir = qEnvironmentVariable("PGSHIFT_SCREENSHOT_DIR"); !dir.isEmpty())
            dialog->grab().save(dir + "/fix-dialog.png");
        dialog->findChild<QPushButton *>("runButton")->click();
    });
    QTest::mouseClick(preflight()->findChild<QPushButton *>("runFixButton"), Qt::LeftButton);
    QVERIFY(!shownSql.contains("second"));
    waitIdle();
    // The unticked table still has no identity: the blocker remains, now about it alone.
    QVERIFY(preflight()->reportView()->selectCheck("replica_identity"));
    QCOMPARE(preflight()->reportView()->currentResult()->objects, QStringList{"\"app\".\"second\""});
    QVERIFY(!forwardEnabled());
}

QTEST_MAIN(TestPreflightPage)
#include "tst_preflightpage.moc"
