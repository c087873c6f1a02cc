#include "wizard/cutoverpage.h"

#include "core/cutover/sequencesync.h"
#include "core/migration/cancellation.h"
#include "wizard/checklisttable.h"
#include "wizard/migrationsession.h"
#include "wizard/writeblockbox.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
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
    setSubTitle(tr("Stop writes on the source, let the target catch up, move the sequences ahead, prove every row is "
                   "there, end replication, switch. The first failing step stops it and re-enables writes."));
    setupLayout();
    connect(&m_running, &QFutureWatcher<core::CutoverReport>::finished, this, &CutoverPage::cutoverFinished);
    connect(&m_reenabling, &QFutureWatcher<QStringList>::finished, this, &CutoverPage::writesReenabled);
    m_downtimeTicker.setInterval(100);
    connect(&m_downtimeTicker, &QTimer::timeout, this, [this] {
        m_downtime->setText(tr("Write downtime: %1 s").arg(QLocale().toString(m_downtimeClock.elapsed() / 1000.0, 'f', 1)));
    });
}

CutoverPage::~CutoverPage()
{
    // A cutover still running stops at once (and re-enables writes) instead of holding the exit.
    if (m_cancellation)
        m_cancellation->cancel();
    m_running.waitForFinished();
    m_reenabling.waitForFinished();
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
    m_steps = new ChecklistTable(this);
    m_downtime = new QLabel(this);
    m_downtime->setObjectName(QStringLiteral("downtimeLabel"));
    QFont bold = m_downtime->font();
    bold.setBold(true);
    m_downtime->setFont(bold);
    m_result = new QLabel(this);
    m_result->setObjectName(QStringLiteral("resultLabel"));
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_targetUri = new QLineEdit(this);
    m_targetUri->setObjectName(QStringLiteral("targetUriEdit"));
    m_targetUri->setReadOnly(true);
    m_targetUri->setAccessibleName(tr("Target connection string"));
    m_copyUri = new QPushButton(tr("C&opy"), this);
    m_copyUri->setObjectName(QStringLiteral("copyUriButton"));
    m_run = new QPushButton(tr("&Run cutover"), this);
    m_run->setObjectName(QStringLiteral("runButton"));
    m_cancel = new QPushButton(tr("Ca&ncel"), this);
    m_cancel->setObjectName(QStringLiteral("cancelButton"));
    m_reenable = new QPushButton(tr("Re-enable &writes on the source"), this);
    m_reenable->setObjectName(QStringLiteral("reenableButton"));
    m_reenable->setToolTip(tr("Lifts pgshift's write block: for whoever still needs to write to the old primary"));

    auto *settings = new QHBoxLayout;
    settings->addWidget(new QLabel(tr("Catch-up timeout:"), this));
    settings->addWidget(m_timeout);
    settings->addWidget(new QLabel(tr("Sequence margin:"), this));
    settings->addWidget(m_margin);
    settings->addWidget(new QLabel(tr("Lag at most:"), this));
    settings->addWidget(m_maxLagKib);
    settings->addWidget(m_checksums);
    settings->addStretch(1);
    settings->addWidget(m_run);
    settings->addWidget(m_cancel);
    auto *uriRow = new QHBoxLayout;
    uriRow->addWidget(new QLabel(tr("Target for the application:"), this));
    uriRow->addWidget(m_targetUri, 1);
    uriRow->addWidget(m_copyUri);
    uriRow->addWidget(m_reenable);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_block);
    layout->addLayout(settings);
    layout->addWidget(m_steps, 1);
    layout->addWidget(m_downtime);
    layout->addWidget(m_result);
    layout->addLayout(uriRow);

    connect(m_block, &WriteBlockBox::changed, this, [this] { refreshChecklist(); });
    connect(m_block, &WriteBlockBox::listingChanged, this, [this](bool listing) {
        m_result->setText(listing ? tr("Reading the source's sessions…") : QString());
        updateButtons();
    });
    connect(m_checksums, &QCheckBox::toggled, this, [this] { refreshChecklist(); });
    for (QSpinBox *spin : {m_timeout, m_margin, m_maxLagKib})
        connect(spin, &QSpinBox::valueChanged, this, [this] { refreshChecklist(); });
    connect(m_run, &QPushButton::clicked, this, &CutoverPage::runCutover);
    connect(m_cancel, &QPushButton::clicked, this, &CutoverPage::cancel);
    connect(m_reenable, &QPushButton::clicked, this, &CutoverPage::reenableWrites);
    connect(m_copyUri, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(m_targetUri->text()); });
    updateButtons();
}

core::CutoverOptions CutoverPage::options() const
{
    core::CutoverOptions o;
    if (m_session->replication())
        o.replication = *m_session->replication();
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
    m_maxLagKib->setValue(int(std::min<qint64>(m_session->maxLagBytes() / 1024, m_maxLagKib->maximum())));
    if (m_margin->value() != m_session->sequenceMargin())
        m_margin->setValue(int(std::min<qint64>(m_session->sequenceMargin(), m_margin->maximum()))); // refreshes
    else
        refreshChecklist();
}

bool CutoverPage::isComplete() const
{
    return m_done && !isRunning();
}

void CutoverPage::refreshChecklist()
{
    if (isRunning() || m_done)
        return;
    m_steps->setPlan(core::Cutover::plan(options()));
    updateButtons();
}

void CutoverPage::showStep(const core::CutoverStep &step)
{
    m_steps->showStep(step);
    // The downtime runs from the write block to the validated target.
    if (step.id == core::CutoverStep::Id::BlockWrites && step.state == core::CutoverStep::State::Done) {
        m_downtimeClock.start();
        m_downtimeTicker.start();
    }
    if ((step.id == core::CutoverStep::Id::Validate && step.state == core::CutoverStep::State::Done)
        || step.state == core::CutoverStep::State::Failed) {
        m_downtimeTicker.stop();
    }
}

void CutoverPage::runCutover()
{
    if (isRunning() || m_block->isListing() || m_done)
        return;
    if (!m_session->replication()) {
        QMessageBox::warning(this, tr("Cutover"), tr("No logical replication runs in this session: start or resume one first."));
        return;
    }
    if (const QString problem = m_block->problem(); !problem.isEmpty()) {
        QMessageBox::warning(this, tr("Cutover"), problem);
        return;
    }
    m_block->confirm(m_session->replication()->copy.source, tr("Run cutover"), tr("Cut over now?"),
                     [this] { beginCutover(options()); });
}

void CutoverPage::beginCutover(const core::CutoverOptions &o)
{
    // Nothing else of pgshift's watches the replication while it is ended.
    m_session->stopMonitor();
    refreshChecklist();
    m_result->clear();
    m_targetUri->clear();
    m_downtime->clear();
    m_cancellation = std::make_shared<core::Cancellation>();
    m_ran = o;
    QPointer<CutoverPage> self(this);
    m_running.setFuture(QtConcurrent::run([o, cancellation = m_cancellation, self] {
        return core::Cutover::run(o, *cancellation, [self](const core::CutoverStep &step) {
            QMetaObject::invokeMethod(
                qApp, [self, step] {
                    if (self)
                        self->showStep(step);
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
        m_result->setText(tr("Cancelling: writes are re-enabled on the source…"));
    }
}

void CutoverPage::cutoverFinished()
{
    m_report = m_running.result();
    m_downtimeTicker.stop();
    for (const core::CutoverStep &step : std::as_const(m_report.steps))
        showStep(step); // the final word on every row, skipped ones included
    if (m_report.succeeded) {
        m_done = true;
        m_session->setReplication(std::nullopt);
        m_downtime->setText(tr("Write downtime: %1 s").arg(QLocale().toString(m_report.downtimeMs / 1000.0, 'f', 1)));
        m_targetUri->setText(m_report.targetConnection);
        m_result->setStyleSheet(QStringLiteral("color: #1b7a2e"));
        m_result->setText(!m_ran->writeBlock.blocks()
                              ? tr("Cutover complete. Point the application at the target (its password as before).")
                              : tr("Cutover complete. Point the application at the target (its password as before). The "
                                   "source stays read-only for what was blocked, so nothing lands on the old primary."));
    } else {
        m_result->setStyleSheet(QStringLiteral("color: #b01c1c"));
        QString text = tr("Cutover stopped: %1").arg(m_report.failure);
        if (m_report.rolledBack)
            text += u'\n' + tr("Writes are allowed again on the source; replication is still running. Fix the cause and "
                               "run the cutover again.");
        for (const QString &problem : std::as_const(m_report.rollbackProblems))
            text += u'\n' + tr("Re-enabling writes failed: %1").arg(problem);
        m_result->setText(text);
        m_downtime->clear();
    }
    updateButtons();
}

void CutoverPage::reenableWrites()
{
    if (!m_ran || m_reenabling.isRunning())
        return;
    // What the cutover blocked, with the endpoints it ran on (the session forgets the
    // replication once it is cut over).
    const core::CutoverOptions ran = *m_ran;
    m_reenabling.setFuture(QtConcurrent::run([ran] { return core::Cutover::reenableWrites(ran); }));
    m_reenabled = true;
    updateButtons();
}

void CutoverPage::writesReenabled()
{
    const QStringList problems = m_reenabling.result();
    if (problems.isEmpty())
        m_result->setText(m_result->text() + u'\n' + tr("Writes are allowed again on the source."));
    else
        QMessageBox::warning(this, tr("Re-enable writes"), problems.join(u'\n'));
}

void CutoverPage::updateButtons()
{
    const bool running = isRunning();
    const bool settled = !running && !m_block->isListing() && !m_done; // the options may still change
    m_run->setEnabled(settled);
    m_cancel->setEnabled(running);
    m_copyUri->setEnabled(!m_targetUri->text().isEmpty());
    m_reenable->setEnabled(m_done && m_ran && m_ran->writeBlock.blocks() && !m_reenabled);
    for (QWidget *w : std::initializer_list<QWidget *>{m_block, m_timeout, m_margin, m_maxLagKib, m_checksums})
        w->setEnabled(settled);
    Q_EMIT completeChanged();
}

} // namespace pgshift::wizard
