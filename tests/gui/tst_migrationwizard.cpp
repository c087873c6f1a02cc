// The wizard shell: starts on the Welcome page, shows the three methods, opens the log; the
// More menu: About with the versions, Open log folder once the folder is known, and the
// language choice saved for the next start.
#include "tests/support/modalanswer.h"
#include "widgets/logview.h"
#include "wizard/aboutdialog.h"

#include "pgshift/version.h"
#include "wizard/migrationsession.h"
#include "wizard/migrationwizard.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QDialog>
#include <QMenu>
#include <QSettings>
#include <QStandardPaths>
#include <QTimer>
#include <QLabel>
#include <QSignalSpy>
#include <QTest>

using namespace pgshift;

class TestMigrationWizard : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true); // settings go to a test location
        QCoreApplication::setOrganizationName("pgshift-test");
        QCoreApplication::setApplicationName("tst_migrationwizard");
        QSettings().clear();
    }
    void startsOnWelcomePage();
    void moreMenu();
    void welcomePageShowsThreeMethods();
    void logButtonOpensLogWindow();
    void sessionSignalsOnlyRealChanges();
};

void TestMigrationWizard::startsOnWelcomePage()
{
    wizard::MigrationSession session;
    wizard::MigrationWizard wizard(&session);
    wizard.show();
    QVERIFY(QTest::qWaitForWindowExposed(&wizard));
    QCOMPARE(wizard.currentId(), int(wizard::MigrationWizard::WelcomePageId));
    QCOMPARE(wizard.currentPage()->objectName(), QStringLiteral("welcomePage"));
    QCOMPARE(wizard.currentPage()->title(), QStringLiteral("Welcome to pgshift"));
    QVERIFY(!wizard.currentPage()->subTitle().isEmpty());
    QVERIFY(!wizard.button(QWizard::BackButton)->isVisible());
}

void TestMigrationWizard::moreMenu()
{
    wizard::MigrationSession session;
    wizard::MigrationWizard wizard(&session);
    wizard.show();
    QVERIFY(QTest::qWaitForWindowExposed(&wizard));
    QMenu *menu = wizard.moreMenu();
    QVERIFY(menu);
    const auto action = [&](const char *name) { return wizard.findChild<QAction *>(name); };

    // Open log folder: only once the application says where the log is.
    QVERIFY(!action("openLogFolderAction")->isEnabled());
    wizard.setLogDirectory("/tmp/pgshift-logs");
    QVERIFY(action("openLogFolderAction")->isEnabled());

    // About: pgshift's version and what it runs on.
    QString shown;
    QTimer::singleShot(0, this, [&shown] {
        auto *about = qobject_cast<wizard::AboutDialog *>(QApplication::activeModalWidget());
        QVERIFY(about);
        shown = about->findChild<QLabel *>("versionsLabel")->text();
        about->reject();
    });
    action("aboutAction")->trigger();
    QVERIFY2(shown.startsWith("pgshift " PGSHIFT_VERSION "\nQt ") && shown.contains("\nlibpq 1") && shown.contains("\nspdlog 1."),
             qPrintable(shown));

    // A language: saved for the next start, said plainly; the system's again: forgotten.
    QCOMPARE(QSettings().value("language").toString(), QString());
    {
        const testsupport::ModalAnswer answer(QMessageBox::Ok);
        action("language_de")->trigger();
        QTRY_VERIFY(!answer.text().isEmpty());
        QVERIFY2(answer.text().contains("Deutsch from its next start"), qPrintable(answer.text()));
    }
    QCOMPARE(QSettings().value("language").toString(), QString("de"));
    QVERIFY(action("language_de")->isChecked());
    {
        const testsupport::ModalAnswer answer(QMessageBox::Ok);
        action("language_system")->trigger();
        QTRY_VERIFY(!answer.text().isEmpty());
    }
    QVERIFY(!QSettings().contains("language"));
}

void TestMigrationWizard::welcomePageShowsThreeMethods()
{
    wizard::MigrationSession session;
    wizard::MigrationWizard wizard(&session);
    wizard.show();
    QWizardPage *page = wizard.page(wizard::MigrationWizard::WelcomePageId);
    const QStringList expected{QStringLiteral("Dump and restore"), QStringLiteral("Logical replication"),
                               QStringLiteral("AWS DMS assisted")};
    for (int i = 0; i < expected.size(); ++i) {
        auto *label = page->findChild<QLabel *>(QStringLiteral("method%1").arg(i + 1));
        QVERIFY(label);
        QCOMPARE(label->text(), expected.at(i));
        QVERIFY(label->isVisible());
    }
    auto *intro = page->findChild<QLabel *>(QStringLiteral("introLabel"));
    QVERIFY(intro);
    QVERIFY(intro->text().contains(QLatin1String("PlanetScale")));
}

void TestMigrationWizard::logButtonOpensLogWindow()
{
    wizard::MigrationSession session;
    wizard::MigrationWizard wizard(&session);
    wizard.show();
    QAbstractButton *logButton = wizard.button(QWizard::CustomButton1);
    QVERIFY(logButton->isVisible());
    auto *window = wizard.findChild<QDialog *>(QStringLiteral("logWindow"));
    QVERIFY(window);
    QVERIFY(!window->isVisible());
    QTest::mouseClick(logButton, Qt::LeftButton);
    QVERIFY(window->isVisible());
    QVERIFY(wizard.logView());
    QCOMPARE(wizard.logView()->window(), window);
}

void TestMigrationWizard::sessionSignalsOnlyRealChanges()
{
    wizard::MigrationSession session;
    QSignalSpy sourceSpy(&session, &wizard::MigrationSession::sourceChanged);
    core::ConnectionSettings settings;
    settings.setHost(QStringLiteral("127.0.0.1"));
    session.setSource(settings);
    session.setSource(settings);
    QCOMPARE(sourceSpy.count(), 1);
    QCOMPARE(session.source().host(), QStringLiteral("127.0.0.1"));
    QVERIFY(session.target().host().isEmpty());
}

QTEST_MAIN(TestMigrationWizard)
#include "tst_migrationwizard.moc"
