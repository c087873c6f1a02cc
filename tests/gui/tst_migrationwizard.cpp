// The wizard shell: starts on the Welcome page, shows the three methods, opens the log.
#include "widgets/logview.h"
#include "wizard/migrationsession.h"
#include "wizard/migrationwizard.h"

#include <QAbstractButton>
#include <QDialog>
#include <QLabel>
#include <QSignalSpy>
#include <QTest>

using namespace pgshift;

class TestMigrationWizard : public QObject
{
    Q_OBJECT

private slots:
    void startsOnWelcomePage();
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
