#include "wizard/sandboxpanel.h"

#include "core/replication/replicationstate.h"
#include "wizard/migrationsession.h"
#include "wizard/migrationwizard.h"

#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace pgshift::wizard {

SandboxPanel::SandboxPanel(MigrationSession *session, QWidget *parent)
    : QFrame(parent)
    , m_session(session)
{
    setObjectName(QStringLiteral("sandboxPanel"));
    setFrameShape(QFrame::StyledPanel);
    setMaximumWidth(240);
    auto *title = new QLabel(tr("Sandbox"), this);
    QFont big = title->font();
    big.setBold(true);
    big.setPointSizeF(big.pointSizeF() * 1.3);
    title->setFont(big);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("sandboxStatus"));
    m_status->setWordWrap(true);
    m_hint = new QLabel(this);
    m_hint->setObjectName(QStringLiteral("sandboxHint"));
    m_hint->setWordWrap(true);
    m_writes = new QPushButton(tr("Start &writes"), this);
    m_writes->setObjectName(QStringLiteral("sandboxWritesButton"));
    m_writes->setToolTip(tr("Writes on the source like an application: new orders, updates, deletes"));
    m_rate = new QDoubleSpinBox(this);
    m_rate->setObjectName(QStringLiteral("sandboxRateSpin"));
    m_rate->setAccessibleName(tr("Writes per second"));
    m_rate->setRange(0.5, 500);
    m_rate->setValue(5);
    m_rate->setSuffix(tr(" /s"));
    m_counts = new QLabel(this);
    m_counts->setObjectName(QStringLiteral("sandboxCounts"));
    m_counts->setWordWrap(true);

    // The button on a row of its own: the banner is narrow, and "Start writes" is long in
    // some languages ("Schreibzugriffe starten").
    auto *rate = new QHBoxLayout;
    rate->addWidget(m_rate);
    rate->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(title);
    layout->addWidget(m_status);
    layout->addWidget(m_hint);
    layout->addWidget(m_writes);
    layout->addLayout(rate);
    layout->addWidget(m_counts);
    layout->addStretch(1);

    m_writes->setEnabled(false);
    m_rate->setEnabled(false);
    connect(m_writes, &QPushButton::clicked, this, &SandboxPanel::toggleWrites);
    connect(m_rate, &QDoubleSpinBox::valueChanged, this, [this](double rate) {
        if (m_workload)
            m_workload->setRate(rate);
    });
    connect(&m_starting, &QFutureWatcher<Started>::finished, this, &SandboxPanel::started);
    m_countsTimer.setInterval(1000);
    connect(&m_countsTimer, &QTimer::timeout, this, &SandboxPanel::updateCounts);
    hide();
}

SandboxPanel::~SandboxPanel()
{
    m_starting.waitForFinished();
    if (m_starting.future().isValid() && !m_info && m_starting.result().info)
        m_info = m_starting.result().info; // finished while closing: still ours to delete
    m_workload.reset();
    if (!m_info)
        return;
    QString error;
    core::Sandbox::stop(m_info->directory, &error);
    // A replication between the sandbox's servers is gone with them: no resume offer for it.
    if (const auto saved = core::ReplicationState::load();
        saved && saved->source.port() == m_info->source.port() && saved->target.port() == m_info->target.port())
        core::ReplicationState::clear();
}

void SandboxPanel::start()
{
    if (m_info || isStarting())
        return;
    show();
    m_status->setText(tr("Starting two local servers and creating a sample shop… (a few seconds)"));
    m_starting.setFuture(QtConcurrent::run([]() -> Started {
        Started s;
        s.info = core::Sandbox::start(false, &s.error);
        return s;
    }));
}

void SandboxPanel::started()
{
    const Started s = m_starting.result();
    if (!s.info) {
        m_status->setText(tr("The sandbox did not start: %1").arg(s.error));
        Q_EMIT failed(s.error);
        return;
    }
    m_info = s.info;
    m_session->setSource(m_info->source);
    m_session->setTarget(m_info->target);
    m_status->setText(tr("Two throwaway servers on this computer, deleted when pgshift closes. Source: port %1, "
                         "target: port %2.")
                          .arg(m_info->source.port())
                          .arg(m_info->target.port()));
    m_workload = std::make_unique<core::SandboxWorkload>(m_info->source);
    m_writes->setEnabled(true);
    m_rate->setEnabled(true);
    Q_EMIT ready();
}

void SandboxPanel::toggleWrites()
{
    if (!m_workload)
        return;
    if (m_workload->isRunning()) {
        m_workload->stop();
        m_countsTimer.stop();
        m_writes->setText(tr("Start &writes"));
    } else {
        m_workload->start(m_rate->value());
        m_countsTimer.start();
        m_writes->setText(tr("Stop &writes"));
    }
    updateCounts();
}

void SandboxPanel::updateCounts()
{
    if (!m_workload)
        return;
    const core::SandboxWorkload::Counts c = m_workload->counts();
    QString text = tr("Written: %1 inserts, %2 updates, %3 deletes.").arg(c.inserted).arg(c.updated).arg(c.deleted);
    if (c.refused > 0)
        text += u' ' + tr("%1 refused (last: %2).").arg(c.refused).arg(c.lastError.section(u'\n', 0, 0).trimmed());
    m_counts->setText(text);
}

QString SandboxPanel::hint() const
{
    return m_hint->text();
}

void SandboxPanel::showHintFor(int pageId)
{
    QString text;
    switch (pageId) {
    case MigrationWizard::WelcomePageId:
        text = tr("The wizard walks you through a real migration between the two servers.");
        break;
    case MigrationWizard::SourcePageId:
        text = tr("The source is filled in: a shop with 117,500 rows. Press Test connection, then Next.");
        break;
    case MigrationWizard::TargetPageId:
        text = tr("The target is an empty server. Test it too, then Next.");
        break;
    case MigrationWizard::MethodPageId:
        text = tr("Both methods work here. Logical replication shows the lag chart and the full cutover.");
        break;
    case MigrationWizard::PreflightPageId:
        text = tr("audit_log has no primary key on purpose: see what the preflight says about it and how to fix it.");
        break;
    case MigrationWizard::DumpRestorePageId:
        text = tr("Start writes, then choose \"Block the whole source database\" to see the short cutover checklist.");
        break;
    case MigrationWizard::DmsPageId:
        text = tr("AWS DMS cannot reach servers on this computer: Prepare shows the schema and the files pgshift writes for "
                  "it. Dump & restore and logical replication run end to end here.");
        break;
    case MigrationWizard::ReplicationPageId:
        text = tr("Start writes to see the lag chart move and the rows grow on both sides.");
        break;
    case MigrationWizard::SequencesPageId:
        text = tr("The writes use the sequences; the margin keeps the target's ahead of them.");
        break;
    case MigrationWizard::CutoverPageId:
        text = tr("Block the whole source database: the writes are stopped, counted as refused, and the cutover catches up.");
        break;
    case MigrationWizard::SummaryPageId:
        text = tr("Save the report. Closing pgshift stops and deletes both servers.");
        break;
    default:
        break;
    }
    m_hint->setText(text);
}

} // namespace pgshift::wizard
