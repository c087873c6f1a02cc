#include "wizard/cutoverpage.h"

#include "core/cutover/sequencesync.h"
#include "core/migration/cancellation.h"
#include "wizard/checklistpanel.h"
#include "wizard/migrationsession.h"
#include "wizard/migrationwizard.h"
#include "wizard/writeblockbox.h"
#include "widgets/buddylabel.h"

#include <QApplication>
#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace pgshift::wizard {

CutoverPage::CutoverPage(MigrationSession *session, QWidget *parent)
    : QWizardPage(parent)
    , m_session(session)
{
    setObjectName(QStringLiteral("cutoverPage"));
    setTitle(tr("Cutover"));
    m_logicalSubTitle = tr("Stop writes on the source, let the target catch up, move the sequences ahead, prove every row is "
                           "there, end replication, switch. The first failing step stops it and re-enables writes.");
    setSubTitle(m_logicalSubTitle);
    setupLayout();
    connect(&m_running, &QFutureWatcher<core::CutoverReport>::finished, this, &CutoverPage::cutoverFinished);
}

CutoverPage::~CutoverPage()
{
    // A cutover still running stops at once (and re-enables writes) instead of holding the exit.
    if (m_cancellation)
        m_cancellation->cancel();
    m_running.waitForFinished();
}

void CutoverPage::setupLayout()
{
    m_block = new WriteBlockBox(false, this);
    m_timeout = new QSpinBox(this);
    m_timeout->setRange(1, 24 * 3600);
    m_timeout->setValue(300);
    m_timeout->setSuffix(tr(" s"));
    m_margin = new QSpinBox(this);
    m_margin->setRange(0, 1000000000);
    m_margin->setValue(int(core::SequenceSync::DefaultMargin));
    m_maxLagKib = new QSpinBox(this);
    m_maxLagKib->setRange(0, 1 << 20);
    m_maxLagKib->setValue(1024);
    m_maxLagKib->setSuffix(tr(" KiB"));
    m_checksums = new QCheckBox(tr("Checksums"), this);
    m_checksums->setObjectName(QStringLiteral("checksumsCheck"));
    m_checksums->setToolTip(tr("Validate with a checksum of every table's rows as well as exact row counts: catches changed "
                               "values, reads every row on both servers"));
    m_panel = new ChecklistPanel(this);
    m_run = new QPushButton(tr("&Run cutover"), this);
    m_run->setObjectName(QStringLiteral("runButton"));
    m_cancel = new QPushButton(tr("Ca&ncel"), this);
    m_cancel->setObjectName(QStringLiteral("cancelButton"));

    // Two rows: the settings (each label names its field for screen readers), then the
    // checksums choice and the buttons; one row would not fit in the longer languages.
    auto *settings = new QHBoxLayout;
    for (const auto &[text, field] : {std::pair<QString, QWidget *>{tr("Catch-up timeout:"), m_timeout},
                                      {tr("Sequence margin:"), m_margin},
                                      {tr("Lag at most:"), m_maxLagKib}}) {
        settings->addWidget(widgets::buddyLabel(text, field, this));
        settings->addWidget(field);
        settings->addSpacing(12);
    }
    settings->addStretch(1);
    auto *actions = new QHBoxLayout;
    actions->addWidget(m_checksums);
    actions->addStretch(1);
    actions->addWidget(m_run);
    actions->addWidget(m_cancel);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_block);
    layout->addLayout(settings);
    layout->addLayout(actions);
    layout->addWidget(m_panel, 1);

    connect(m_block, &WriteBlockBox::changed, this, [this] { refreshChecklist(); });
    connect(m_block, &WriteBlockBox::listingChanged, this, [this](bool listing) {
        m_panel->setNote(listing ? tr("Reading the source's sessions…") : QString());
        updateButtons();
    });
    connect(m_checksums, &QCheckBox::toggled, this, [this] { refreshChecklist(); });
    for (QSpinBox *spin : {m_timeout, m_margin, m_maxLagKib})
        connect(spin, &QSpinBox::valueChanged, this, [this] { refreshChecklist(); });
    connect(m_run, &QPushButton::clicked, this, &CutoverPage::runCutover);
    connect(m_cancel, &QPushButton::clicked, this, &CutoverPage::cancel);
    updateButtons();
}

core::CutoverOptions CutoverPage::options() const
{
    core::CutoverOptions o;
    if (m_session->method() == core::Method::Dms) {
        // After a DMS load: the session's endpoints, the whole database, DMS's slot.
        o.method = core::Method::Dms;
        o.replication.copy.source = m_session->source();
        o.replication.copy.target = m_session->target();
        o.replication.copy.scope = m_session->dmsScope();
        const core::DmsSettings dms = m_session->dms().value_or(core::DmsSettings{});
        o.replication.names.slot = dms.slotName;
        o.dmsChangeCapture = dms.changeCapture;
    } else if (m_session->replication()) {
        o.replication = *m_session->replication();
    }
    o.writeBlock = m_block->options().value_or(core::WriteBlockOptions{});
    o.checksums = m_checksums->isChecked();
    o.catchUpTimeoutSeconds = m_timeout->value();
    o.sequenceMargin = m_margin->value();
    o.maxLagBytes = qint64(m_maxLagKib->value()) * 1024;
    return o;
}

void CutoverPage::initializePage()
{
    if (isRunning() || m_done)
        return;
    const bool dms = m_session->method() == core::Method::Dms;
    setSubTitle(dms ? tr("Stop writes on the source, wait until DMS confirms the last change, add the foreign keys held back for "
                         "the load, move the sequences ahead, prove every row is there, switch. The first failing step stops it "
                         "and re-enables writes.")
                    : m_logicalSubTitle);
    m_maxLagKib->setValue(int(std::min<qint64>(m_session->maxLagBytes() / 1024, m_maxLagKib->maximum())));
    if (m_margin->value() != m_session->sequenceMargin())
        m_margin->setValue(int(std::min<qint64>(m_session->sequenceMargin(), m_margin->maximum()))); // refreshes
    else
        refreshChecklist();
}

int CutoverPage::nextId() const
{
    return MigrationWizard::SummaryPageId;
}

bool CutoverPage::isComplete() const
{
    return m_done && !isRunning();
}

void CutoverPage::refreshChecklist()
{
    if (isRunning() || m_done)
        return;
    m_panel->setPlan(core::Cutover::plan(options()));
    updateButtons();
}

void CutoverPage::runCutover()
{
    if (isRunning() || m_block->isListing() || m_done)
        return;
    const bool dms = m_session->method() == core::Method::Dms;
    if (!dms && !m_session->replication()) {
        QMessageBox::warning(this, tr("Cutover"), tr("No logical replication runs in this session: start or resume one first."));
        return;
    }
    if (dms && !m_session->dms()) {
        QMessageBox::warning(this, tr("Cutover"), tr("The DMS page has not prepared the target in this session."));
        return;
    }
    if (const QString problem = m_block->problem(); !problem.isEmpty()) {
        QMessageBox::warning(this, tr("Cutover"), problem);
        return;
    }
    m_block->confirm(options().replication.copy.source, tr("Run cutover"), tr("Cut over now?"),
                     [this] { beginCutover(options()); });
}

void CutoverPage::beginCutover(const core::CutoverOptions &o)
{
    // Nothing else of pgshift's watches the replication while it is ended.
    m_session->stopMonitor();
    m_panel->begin(o);
    m_cancellation = std::make_shared<core::Cancellation>();
    QPointer<ChecklistPanel> panel(m_panel);
    m_running.setFuture(QtConcurrent::run([o, cancellation = m_cancellation, panel] {
        return core::Cutover::run(o, *cancellation, [panel](const core::CutoverStep &step) {
            QMetaObject::invokeMethod(
                qApp, [panel, step] {
                    if (panel)
                        panel->showStep(step);
                },
                Qt::QueuedConnection);
        });
    }));
    updateButtons();
}

void CutoverPage::cancel()
{
    if (isRunning() && m_cancellation) {
        m_cancellation->cancel();
        m_panel->setNote(tr("Cancelling: writes are re-enabled on the source…"));
    }
}

void CutoverPage::cutoverFinished()
{
    const core::CutoverReport report = m_running.result();
    m_panel->finish(report);
    if (report.succeeded) {
        m_done = true;
        m_session->setReplication(std::nullopt);
    }
    m_session->setCutoverReport(report);
    updateButtons();
}

void CutoverPage::updateButtons()
{
    const bool running = isRunning();
    const bool settled = !running && !m_block->isListing() && !m_done; // the options may still change
    m_run->setEnabled(settled);
    m_cancel->setEnabled(running);
    for (QWidget *w : std::initializer_list<QWidget *>{m_block, m_timeout, m_margin, m_maxLagKib, m_checksums})
        w->setEnabled(settled);
    m_maxLagKib->setEnabled(settled && m_session->method() != core::Method::Dms); // the replication's pre-check
    Q_EMIT completeChanged();
}

} // namespace pgshift::wizard
