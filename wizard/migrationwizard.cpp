#include "wizard/migrationwizard.h"

#include "core/log/corelog.h"
#include "core/migration/dumprestorejob.h"
#include "core/replication/replicationmonitor.h"
#include "core/replication/replicationstate.h"
#include "widgets/logview.h"
#include "wizard/connectionpage.h"
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
#include <QDialog>
#include <QMessageBox>
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
    setButtonLayout({QWizard::CustomButton1, QWizard::Stretch, QWizard::BackButton,
                     QWizard::NextButton, QWizard::FinishButton, QWizard::CancelButton});
    connect(this, &QWizard::customButtonClicked, this, [this](int which) {
        if (which == QWizard::CustomButton1)
            showLog();
    });
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
