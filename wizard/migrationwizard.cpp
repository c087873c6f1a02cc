#include "wizard/migrationwizard.h"

#include "core/log/corelog.h"
#include "core/migration/dumprestorejob.h"
#include "core/replication/replicationmonitor.h"
#include "core/replication/replicationstate.h"
#include "widgets/logview.h"
#include "wizard/connectionpage.h"
#include "wizard/aboutdialog.h"
#include "wizard/cutoverpage.h"
#include "wizard/dmspage.h"
#include "wizard/dumprestorepage.h"
#include "wizard/migrationsession.h"
#include "wizard/methodpage.h"
#include "wizard/preflightpage.h"
#include "wizard/replicationpage.h"
#include "wizard/resumedialog.h"
#include "wizard/sandboxpanel.h"
#include "wizard/sequencespage.h"
#include "wizard/summarypage.h"
#include "widgets/lagchart.h"
#include "wizard/welcomepage.h"

#include <QAbstractButton>
#include <QActionGroup>
#include <QDesktopServices>
#include <QDialog>
#include <QDir>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QUrl>
#include <QVBoxLayout>

namespace pgshift::wizard {

MigrationWizard::MigrationWizard(MigrationSession *session, QWidget *parent)
    : QWizard(parent)
    , m_session(session)
{
    setObjectName(QStringLiteral("migrationWizard"));
    setWindowTitle(tr("pgshift: PostgreSQL migration"));
    setWizardStyle(QWizard::ModernStyle);
    setOption(QWizard::NoBackButtonOnStartPage, true);
    setMinimumSize(820, 640);
    setupPages();
    setupLogWindow();
    setupButtons();
    m_sandbox = new SandboxPanel(m_session, this);
    setSideWidget(m_sandbox);
    connect(this, &QWizard::currentIdChanged, m_sandbox, &SandboxPanel::showHintFor);
    connect(m_sandbox, &SandboxPanel::ready, this, [this] {
        if (currentId() == WelcomePageId)
            next();
    });
    connect(m_sandbox, &SandboxPanel::failed, this, [this](const QString &error) {
        QMessageBox::warning(this, tr("Sandbox"), tr("The sandbox did not start: %1").arg(error));
    });
}

void MigrationWizard::startSandbox()
{
    m_sandbox->showHintFor(currentId());
    m_sandbox->start();
}

void MigrationWizard::setupPages()
{
    setPage(WelcomePageId, new WelcomePage(this));
    setPage(SourcePageId, new ConnectionPage(ConnectionPage::Role::Source, m_session, this));
    setPage(TargetPageId, new ConnectionPage(ConnectionPage::Role::Target, m_session, this));
    setPage(MethodPageId, new MethodPage(m_session, this));
    setPage(PreflightPageId, new PreflightPage(m_session, this));
    setPage(DumpRestorePageId, new DumpRestorePage(m_session, this));
    setPage(DmsPageId, new DmsPage(m_session, this));
    setPage(ReplicationPageId, new ReplicationPage(m_session, this));
    setPage(SequencesPageId, new SequencesPage(m_session, this));
    setPage(CutoverPageId, new CutoverPage(m_session, this));
    // The report's lag chart comes from the replication page, when it charted anything.
    setPage(SummaryPageId, new SummaryPage(m_session, [this]() -> QList<core::ReportImage> {
                const ReplicationPage *replication = replicationPage();
                if (m_session->method() != core::Method::Logical || !replication || replication->lagChart()->sampleCount() == 0)
                    return {};
                return {core::ReportImage{QStringLiteral("lag"), tr("Replication lag over time"), replication->lagChart()->toPng()}};
            }, this));
    setStartId(WelcomePageId);
}

void MigrationWizard::setupLogWindow()
{
    m_logWindow = new QDialog(this);
    m_logWindow->setObjectName(QStringLiteral("logWindow"));
    m_logWindow->setWindowTitle(tr("pgshift log"));
    m_logWindow->resize(900, 420);
    m_logView = new widgets::LogView(m_logWindow);
    auto *layout = new QVBoxLayout(m_logWindow);
    layout->addWidget(m_logView);
}

void MigrationWizard::setupButtons()
{
    setOption(QWizard::HaveCustomButton1, true);
    setButtonText(QWizard::CustomButton1, tr("&Log"));
    button(QWizard::CustomButton1)->setToolTip(tr("Show what pgshift did and every SQL statement "
                                                  "it ran"));
    setOption(QWizard::HaveCustomButton2, true);
    setButtonText(QWizard::CustomButton2, tr("&More"));
    setupMoreMenu();
    setButtonLayout({QWizard::CustomButton1, QWizard::CustomButton2, QWizard::Stretch, QWizard::BackButton,
                     QWizard::NextButton, QWizard::FinishButton, QWizard::CancelButton});
    connect(this, &QWizard::customButtonClicked, this, [this](int which) {
        if (which == QWizard::CustomButton1)
            showLog();
    });
}

void MigrationWizard::setupMoreMenu()
{
    m_more = new QMenu(this);
    m_more->setObjectName(QStringLiteral("moreMenu"));
    m_more->addAction(tr("&About pgshift…"), this, &MigrationWizard::showAbout)->setObjectName(QStringLiteral("aboutAction"));
    m_openLogFolder = m_more->addAction(tr("Open &log folder"), this, [this] {
        QDesktopServices::openUrl(QUrl::fromLocalFile(m_logDirectory));
    });
    m_openLogFolder->setObjectName(QStringLiteral("openLogFolderAction"));
    m_openLogFolder->setEnabled(false);
    // Each language in its own name; the choice is saved and used from the next start.
    QMenu *languages = m_more->addMenu(tr("&Language"));
    languages->setObjectName(QStringLiteral("languageMenu"));
    auto *group = new QActionGroup(languages);
    const QString saved = QSettings().value(QLatin1String(LanguageSetting)).toString();
    const QList<std::pair<QString, QString>> choices{{QString(), tr("System (%1)").arg(QLocale::system().nativeLanguageName())},
                                                     {QStringLiteral("de"), QStringLiteral("Deutsch")},
                                                     {QStringLiteral("en"), QStringLiteral("English")},
                                                     {QStringLiteral("es"), QStringLiteral("Español")},
                                                     {QStringLiteral("fr"), QStringLiteral("Français")},
                                                     {QStringLiteral("ja"), QStringLiteral("日本語")}};
    for (const auto &[code, name] : choices) {
        QAction *action = languages->addAction(name, this, [this, code] { chooseLanguage(code); });
        action->setObjectName(QStringLiteral("language_") + (code.isEmpty() ? QStringLiteral("system") : code));
        action->setCheckable(true);
        action->setChecked(code == saved);
        group->addAction(action);
    }
    if (auto *more = qobject_cast<QPushButton *>(button(QWizard::CustomButton2)))
        more->setMenu(m_more);
}

void MigrationWizard::chooseLanguage(const QString &code)
{
    QSettings settings;
    if (code.isEmpty())
        settings.remove(QLatin1String(LanguageSetting));
    else
        settings.setValue(QLatin1String(LanguageSetting), code);
    settings.sync();
    QMessageBox::information(this, tr("Language"),
                             tr("pgshift will speak %1 from its next start. (pgshift --lang CODE chooses for one run.)")
                                 .arg(code.isEmpty() ? tr("the system's language") : QLocale(code).nativeLanguageName()));
}

void MigrationWizard::setLogDirectory(const QString &directory)
{
    m_logDirectory = directory;
    m_openLogFolder->setEnabled(!directory.isEmpty());
    m_openLogFolder->setToolTip(QDir::toNativeSeparators(directory));
}

void MigrationWizard::showAbout()
{
    AboutDialog about(this);
    about.exec();
}

ReplicationPage *MigrationWizard::replicationPage() const
{
    return qobject_cast<ReplicationPage *>(page(ReplicationPageId));
}

void MigrationWizard::offerResume()
{
    QString error;
    const auto state = core::ReplicationState::load({}, &error);
    if (!state) {
        if (!error.isEmpty())
            core::logger()->warn("cannot read the saved replication state: {}", error.toStdString());
        return;
    }
    auto *dialog = new ResumeDialog(*state, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ResumeDialog::resumeRequested, this, [this, dialog] {
        m_session->setSource(dialog->source());
        m_session->setTarget(dialog->target());
        m_session->setMethod(core::Method::Logical);
        replicationPage()->resume(dialog->state());
        setStartId(ReplicationPageId);
        restart();
    });
    dialog->open();
}

void MigrationWizard::reject()
{
    auto *cutover = qobject_cast<CutoverPage *>(page(CutoverPageId));
    if (cutover->isRunning()) {
        const auto answer = QMessageBox::question(this, tr("Cutover in progress"),
                                                  tr("A cutover is running. Cancel it (writes are re-enabled on the source, "
                                                     "replication keeps running) and close pgshift?"),
                                                  QMessageBox::Yes | QMessageBox::No, QMessageBox::No);
        if (answer != QMessageBox::Yes)
            return;
        cutover->cancel();
        QWizard::reject(); // the page waits for the rollback as it goes
        return;
    }
    core::DumpRestoreJob *job = m_session->copyJob();
    if (!job || !job->isRunning()) {
        if (m_session->replicationMonitor()) {
            const auto answer = QMessageBox::question(
                this, tr("Replication running"),
                tr("The target keeps following the source after pgshift closes, and the source keeps WAL for it. "
                   "Close pgshift? At its next start it offers to resume monitoring or to clean up."),
                QMessageBox::Yes | QMessageBox::No, QMessageBox::No);
            if (answer != QMessageBox::Yes)
                return;
        }
        QWizard::reject();
        return;
    }
    const auto answer = QMessageBox::question(this, tr("Copy in progress"),
                                              tr("A copy is running. Cancel it and close pgshift? The target keeps "
                                                 "what was created so far; the list and the SQL that drops it are "
                                                 "in the log."),
                                              QMessageBox::Yes | QMessageBox::No, QMessageBox::No);
    if (answer != QMessageBox::Yes)
        return;
    connect(job, &core::DumpRestoreJob::finished, this, [this] { QWizard::reject(); }, Qt::SingleShotConnection);
    job->cancel();
}

void MigrationWizard::showLog()
{
    m_logWindow->show();
    m_logWindow->raise();
    m_logWindow->activateWindow();
}

} // namespace pgshift::wizard
