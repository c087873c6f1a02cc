// The Source and Target pages driven like a user would, against real servers: paste, test,
// Next; wrong passwords in plain words; the target that is the source refused; a non-empty
// target warned about; saved profiles without passwords.
#include "app/startup.h"
#include "core/pg/connection.h"
#include "tests/support/pgserver.h"
#include "widgets/connectionform.h"
#include "widgets/connectiontestview.h"
#include "widgets/passwordkeychain.h"
#include "widgets/profilebar.h"
#include "wizard/connectionpage.h"
#include "wizard/migrationsession.h"
#include "wizard/migrationwizard.h"

#include <QAbstractButton>
#include <QCheckBox>
#include <QDir>
#include <QFile>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>
#include <QToolButton>

using namespace pgshift;
using namespace pgshift::testsupport;

class TestConnectionPage : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void pasteTestNext();
    void wrongPasswordInPlainWords();
    void editingInvalidatesTest();
    void badInputDisablesTest();
    void targetSameAsSourceRefused();
    void nonEmptyTargetWarned();
    void profilesHoldNoPassword();

private:
    void goTo(int pageId);
    wizard::ConnectionPage *page(int pageId);
    void paste(wizard::ConnectionPage *page, const core::ConnectionSettings &settings);
    void testAndWait(wizard::ConnectionPage *page);
    bool nextEnabled() const;

    PgServer m_source{PgServer::Role::Source};
    PgServer m_target{PgServer::Role::Target};
    std::unique_ptr<wizard::MigrationSession> m_session;
    std::unique_ptr<wizard::MigrationWizard> m_wizard;
};

void TestConnectionPage::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    app::installTranslators(); // the texts exactly as the application shows them
    PGSHIFT_START(m_source);
    PGSHIFT_START(m_target);
}

void TestConnectionPage::init()
{
    QSettings().clear();
    m_session = std::make_unique<wizard::MigrationSession>();
    m_wizard = std::make_unique<wizard::MigrationWizard>(m_session.get());
    m_wizard->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_wizard.get()));
}

void TestConnectionPage::cleanup()
{
    m_wizard.reset();
    m_session.reset();
}

void TestConnectionPage::goTo(int pageId)
{
    while (m_wizard->currentId() != pageId && m_wizard->currentId() < pageId) {
        const int before = m_wizard->currentId();
        m_wizard->next();
        QVERIFY2(m_wizard->currentId() != before, "could not move forward");
    }
    QCOMPARE(m_wizard->currentId(), pageId);
}

wizard::ConnectionPage *TestConnectionPage::page(int pageId)
{
    return qobject_cast<wizard::ConnectionPage *>(m_wizard->page(pageId));
}

void TestConnectionPage::paste(wizard::ConnectionPage *p, const core::ConnectionSettings &settings)
{
    auto *edit = p->form()->findChild<QLineEdit *>("connectionStringEdit");
    edit->setText(settings.toUri(core::ConnectionSettings::Password::Include));
    QTest::keyClick(edit, Qt::Key_Return);
}

void TestConnectionPage::testAndWait(wizard::ConnectionPage *p)
{
    QVERIFY(p->testButton()->isEnabled());
    QTest::mouseClick(p->testButton(), Qt::LeftButton);
    QVERIFY(p->isTesting() || !p->resultView()->headline().isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(!p->isTesting(), 20000);
    QTRY_VERIFY(!p->resultView()->headline().startsWith("Testing"));
}

bool TestConnectionPage::nextEnabled() const
{
    QAbstractButton *next = m_wizard->button(QWizard::NextButton);
    QAbstractButton *finish = m_wizard->button(QWizard::FinishButton);
    return (next->isVisible() && next->isEnabled()) || (finish->isVisible() && finish->isEnabled());
}

void TestConnectionPage::pasteTestNext()
{
    // Building the wizard leaves what the session already holds alone.
    {
        wizard::MigrationSession session;
        session.setTarget(m_target.settings());
        wizard::MigrationWizard other(&session);
        QCOMPARE(session.target().port(), QString::number(m_target.port()));
    }
    goTo(wizard::MigrationWizard::SourcePageId);
    auto *source = page(wizard::MigrationWizard::SourcePageId);
    QVERIFY(!nextEnabled());
    QTRY_COMPARE(m_wizard->focusWidget(), source->form()->findChild<QLineEdit *>("connectionStringEdit"));
    paste(source, m_source.settings());
    QCOMPARE(source->form()->settings().port(), QString::number(m_source.port()));
    QVERIFY(!nextEnabled()); // filled in, not yet tested
    testAndWait(source);
    QCOMPARE(source->resultView()->headline(), QString("Connected."));
    QVERIFY(nextEnabled());
    QVERIFY(m_session->sourceFacts());
    QCOMPARE(m_session->sourceFacts()->serverMajorVersion(), m_source.majorVersion());
    QCOMPARE(m_session->source().port(), QString::number(m_source.port()));
    m_wizard->next();
    QCOMPARE(m_wizard->currentId(), int(wizard::MigrationWizard::TargetPageId));
}

void TestConnectionPage::wrongPasswordInPlainWords()
{
    goTo(wizard::MigrationWizard::SourcePageId);
    auto *source = page(wizard::MigrationWizard::SourcePageId);
    core::ConnectionSettings wrong = m_source.settings();
    wrong.setPassword("certainly-wrong");
    paste(source, wrong);
    testAndWait(source);
    QCOMPARE(source->resultView()->headline(), QString("The server rejected the password for this user."));
    QVERIFY(source->resultView()->details().contains("password authentication failed"));
    auto *toggle = source->resultView()->findChild<QToolButton *>("detailsToggle");
    QVERIFY(toggle->isVisible());
    QVERIFY(!source->resultView()->findChild<QWidget *>("detailsText")->isVisible());
    QTest::mouseClick(toggle, Qt::LeftButton); // the raw message, one click away
    QVERIFY(source->resultView()->findChild<QWidget *>("detailsText")->isVisible());
    QVERIFY(!nextEnabled());
}

void TestConnectionPage::editingInvalidatesTest()
{
    goTo(wizard::MigrationWizard::SourcePageId);
    auto *source = page(wizard::MigrationWizard::SourcePageId);
    paste(source, m_source.settings());
    testAndWait(source);
    QVERIFY(nextEnabled());
    source->form()->findChild<QLineEdit *>("dbnameEdit")->setText("template1");
    QVERIFY(!nextEnabled());
    QVERIFY(source->resultView()->headline().isEmpty());
    QVERIFY(!m_session->sourceFacts());
    testAndWait(source);
    QVERIFY(nextEnabled());
    QCOMPARE(m_session->sourceFacts()->database, QString("template1"));
}

void TestConnectionPage::badInputDisablesTest()
{
    goTo(wizard::MigrationWizard::SourcePageId);
    auto *source = page(wizard::MigrationWizard::SourcePageId);
    paste(source, m_source.settings());
    QVERIFY(source->testButton()->isEnabled());
    for (const QString &port : {QString("0"), QString("70000"), QString("abc")}) {
        source->form()->findChild<QLineEdit *>("portEdit")->setText(port);
        QVERIFY(!source->testButton()->isEnabled());
    }
    source->form()->findChild<QLineEdit *>("portEdit")->setText(QString::number(m_source.port()));
    source->form()->findChild<QLineEdit *>("hostEdit")->clear();
    QVERIFY(!source->testButton()->isEnabled());
}

void TestConnectionPage::targetSameAsSourceRefused()
{
    goTo(wizard::MigrationWizard::SourcePageId);
    auto *source = page(wizard::MigrationWizard::SourcePageId);
    paste(source, m_source.settings());
    testAndWait(source);
    m_wizard->next();
    auto *target = page(wizard::MigrationWizard::TargetPageId);
    QCOMPARE(target->form()->providerId(), QString("planetscale"));
    paste(target, m_source.settings());
    testAndWait(target);
    QCOMPARE(target->resultView()->headline(), QString("Connected."));
    QVERIFY2(target->verdict().contains("is the source database itself"), qPrintable(target->verdict()));
    QVERIFY(!target->isComplete());
    QVERIFY(!nextEnabled());

    paste(target, m_target.settings());
    testAndWait(target);
    QVERIFY(target->verdict().isEmpty());
    QVERIFY(target->isComplete());
    QVERIFY(nextEnabled());
}

void TestConnectionPage::nonEmptyTargetWarned()
{
    {
        core::Connection admin(m_target.settings());
        admin.exec("CREATE DATABASE busy");
        core::Connection busy(m_target.settings("busy"));
        busy.exec("CREATE SCHEMA billing");
        busy.exec("CREATE TABLE billing.invoices(id int)");
        busy.exec("CREATE TABLE public.users(id int)");
        busy.exec("CREATE TABLE public.sessions(id int)");
    }
    goTo(wizard::MigrationWizard::SourcePageId);
    paste(page(wizard::MigrationWizard::SourcePageId), m_source.settings());
    testAndWait(page(wizard::MigrationWizard::SourcePageId));
    m_wizard->next();
    auto *target = page(wizard::MigrationWizard::TargetPageId);
    paste(target, m_target.settings("busy"));
    testAndWait(target);
    const QString verdict = target->verdict();
    QVERIFY2(verdict.contains("already holds 3 user tables"), qPrintable(verdict));
    QVERIFY2(verdict.contains("billing (1), public (2)"), qPrintable(verdict));
    QVERIFY(target->isComplete()); // a warning, not a refusal
}

void TestConnectionPage::profilesHoldNoPassword()
{
    goTo(wizard::MigrationWizard::SourcePageId);
    auto *source = page(wizard::MigrationWizard::SourcePageId);
    paste(source, m_source.settings());
    auto *profiles = source->findChild<widgets::ProfileBar *>();
    QVERIFY(profiles);
    // Remember password: stored in the keychain when one runs, or a clear note when none does
    // (as on this test machine); either way the profile itself is saved without it.
    auto *remember = source->findChild<QCheckBox *>("rememberPassword");
    QCOMPARE(remember->isVisibleTo(source), widgets::PasswordKeychain::isAvailable());
    remember->setChecked(true);
    profiles->saveProfile("harness source");
    QCOMPARE(profiles->profileNames(), QStringList{"harness source"});
    if (widgets::PasswordKeychain::isAvailable())
        QTRY_VERIFY_WITH_TIMEOUT(profiles->status().contains("keychain"), 30000);
    QSettings settings;
    settings.sync();
    QFile file(settings.fileName());
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(settings.fileName()));
    const QByteArray text = file.readAll();
    QVERIFY(text.contains(QByteArray::number(m_source.port())));
    QVERIFY(!text.contains(m_source.password().toUtf8()));

    source->form()->setSettings(core::ConnectionSettings());
    profiles->loadProfile("harness source");
    const core::ConnectionSettings loaded = source->form()->settings();
    QCOMPARE(loaded.port(), QString::number(m_source.port()));
    QVERIFY(loaded.password().isEmpty());
}

QTEST_MAIN(TestConnectionPage)
#include "tst_connectionpage.moc"
