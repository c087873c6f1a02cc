#include "wizard/cutoverpage.h"

#include "core/cutover/sequencesync.h"
#include "core/migration/cancellation.h"
#include "core/pg/connection.h"
#include "core/pg/pgerror.h"
#include "wizard/migrationsession.h"

#include <QApplication>
#include <QButtonGroup>
#include <QClipboard>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace pgshift::wizard {
namespace {

enum Column { StepColumn, StatusColumn, TimeColumn, SqlColumn, ColumnCount };

QColor stateColor(core::CutoverStep::State state)
{
    switch (state) {
    case core::CutoverStep::State::Done: return QColor(0x1b, 0x7a, 0x2e);
    case core::CutoverStep::State::Failed: return QColor(0xb0, 0x1c, 0x1c);
    case core::CutoverStep::State::Running: return QColor(0x1f, 0x5f, 0xbf);
    default: return {};
    }
}

} // namespace

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
    connect(&m_listing, &QFutureWatcher<Sessions>::finished, this, &CutoverPage::sessionsListed);
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
    m_confirmed = new QRadioButton(tr("I stopped the application: nothing writes to the source any more"), this);
    m_confirmed->setObjectName(QStringLiteral("confirmedRadio"));
    m_roles = new QRadioButton(tr("Block these roles (read-only in the source database, their sessions ended):"), this);
    m_roles->setObjectName(QStringLiteral("rolesRadio"));
    m_database = new QRadioButton(tr("Block the whole source database (read-only, every other session ended)"), this);
    m_database->setObjectName(QStringLiteral("databaseRadio"));
    m_confirmed->setChecked(true);
    auto *group = new QButtonGroup(this);
    for (QRadioButton *b : {m_confirmed, m_roles, m_database})
        group->addButton(b);
    m_roleList = new QLineEdit(this);
    m_roleList->setObjectName(QStringLiteral("rolesEdit"));
    m_roleList->setAccessibleName(tr("Roles to block"));
    m_roleList->setPlaceholderText(tr("app_user, worker"));
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

    m_steps = new QTableWidget(0, ColumnCount, this);
    m_steps->setObjectName(QStringLiteral("checklistTable"));
    m_steps->setHorizontalHeaderLabels({tr("Step"), tr("Status"), tr("Time"), tr("SQL")});
    m_steps->verticalHeader()->hide();
    m_steps->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_steps->setWordWrap(true);
    m_steps->horizontalHeader()->setSectionResizeMode(StepColumn, QHeaderView::Stretch);
    m_steps->horizontalHeader()->setSectionResizeMode(SqlColumn, QHeaderView::Stretch);
    m_steps->horizontalHeader()->setSectionResizeMode(StatusColumn, QHeaderView::ResizeToContents);
    m_steps->horizontalHeader()->setSectionResizeMode(TimeColumn, QHeaderView::ResizeToContents);

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

    auto *block = new QVBoxLayout;
    block->addWidget(m_confirmed);
    auto *rolesRow = new QHBoxLayout;
    rolesRow->addWidget(m_roles);
    rolesRow->addWidget(m_roleList, 1);
    block->addLayout(rolesRow);
    block->addWidget(m_database);
    auto *settings = new QHBoxLayout;
    settings->addWidget(new QLabel(tr("Catch-up timeout:"), this));
    settings->addWidget(m_timeout);
    settings->addWidget(new QLabel(tr("Sequence margin:"), this));
    settings->addWidget(m_margin);
    settings->addWidget(new QLabel(tr("Lag at most:"), this));
    settings->addWidget(m_maxLagKib);
    settings->addStretch(1);
    settings->addWidget(m_run);
    settings->addWidget(m_cancel);
    auto *uriRow = new QHBoxLayout;
    uriRow->addWidget(new QLabel(tr("Target for the application:"), this));
    uriRow->addWidget(m_targetUri, 1);
    uriRow->addWidget(m_copyUri);
    uriRow->addWidget(m_reenable);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(block);
    layout->addLayout(settings);
    layout->addWidget(m_steps, 1);
    layout->addWidget(m_downtime);
    layout->addWidget(m_result);
    layout->addLayout(uriRow);

    for (QRadioButton *b : {m_confirmed, m_roles, m_database})
        connect(b, &QRadioButton::toggled, this, [this] { refreshChecklist(); });
    connect(m_roleList, &QLineEdit::textChanged, this, [this] { refreshChecklist(); });
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
    if (m_roles->isChecked()) {
        o.writeBlock = core::WriteBlock::Roles;
        for (const QString &role : m_roleList->text().split(u',', Qt::SkipEmptyParts))
            o.roles << role.trimmed();
    } else if (m_database->isChecked()) {
        o.writeBlock = core::WriteBlock::Database;
    }
    o.catchUpTimeoutSeconds = m_timeout->value();
    o.sequenceMargin = m_margin->value();
    o.maxLagBytes = qint64(m_maxLagKib->value()) * 1024;
    return o;
}

void CutoverPage::initializePage()
{
    if (isRunning() || m_done)
        return;
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
    const QList<core::CutoverStep> steps = core::Cutover::plan(options());
    m_steps->setRowCount(int(steps.size()));
    for (const core::CutoverStep &step : steps)
        showStep(step);
    m_steps->resizeRowsToContents();
    updateButtons();
}

void CutoverPage::showStep(const core::CutoverStep &step)
{
    const int row = int(step.id);
    if (row >= m_steps->rowCount())
        return;
    const QString time = step.state == core::CutoverStep::State::Done || step.state == core::CutoverStep::State::Failed
        ? QLocale().toString(step.elapsedMs / 1000.0, 'f', 1) + tr(" s")
        : QString();
    const QString title = step.detail.isEmpty() ? QStringLiteral("%1. %2").arg(row + 1).arg(step.title)
                                                : QStringLiteral("%1. %2\n%3").arg(row + 1).arg(step.title, step.detail);
    const QString texts[ColumnCount] = {title, core::CutoverStep::stateName(step.state), time, step.sql};
    for (int column = 0; column < ColumnCount; ++column) {
        QTableWidgetItem *item = m_steps->item(row, column);
        if (!item) {
            item = new QTableWidgetItem;
            if (column == SqlColumn)
                item->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
            m_steps->setItem(row, column, item);
        }
        item->setText(texts[column]);
        item->setToolTip(texts[column]);
    }
    m_steps->item(row, StatusColumn)->setForeground(stateColor(step.state));
    m_steps->resizeRowToContents(row);
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
    if (isRunning() || m_listing.isRunning() || m_done)
        return;
    const core::CutoverOptions o = options();
    if (!m_session->replication()) {
        QMessageBox::warning(this, tr("Cutover"), tr("No logical replication runs in this session: start or resume one first."));
        return;
    }
    if (o.writeBlock == core::WriteBlock::Roles && o.roles.isEmpty()) {
        QMessageBox::warning(this, tr("Cutover"), tr("Name the roles whose writes to block."));
        return;
    }
    if (o.writeBlock == core::WriteBlock::Confirmed) {
        if (QMessageBox::question(this, tr("Run cutover"),
                                  tr("Is the application stopped, so that nothing writes to the source any more? Cut over now?"),
                                  QMessageBox::Yes | QMessageBox::No, QMessageBox::No)
            == QMessageBox::Yes)
            beginCutover(o);
        return;
    }
    // The sessions the block will end, read off the GUI thread, then the question.
    m_result->setText(tr("Reading the source's sessions…"));
    m_listing.setFuture(QtConcurrent::run([o]() -> Sessions {
        try {
            core::Connection source(o.replication.copy.source);
            return {core::Cutover::sessionsToEnd(source, o), {}};
        } catch (const core::PgError &error) {
            return {{}, error.message()};
        }
    }));
    updateButtons();
}

void CutoverPage::sessionsListed()
{
    const Sessions listed = m_listing.result();
    m_result->clear();
    updateButtons();
    if (!listed.error.isEmpty()) {
        QMessageBox::warning(this, tr("Cutover"), tr("Cannot reach the source: %1").arg(listed.error));
        return;
    }
    const QString question = listed.sessions.isEmpty()
        ? tr("Stop writes on the source and cut over now? No session needs to be ended.")
        : tr("Stop writes on the source and cut over now? These sessions will be ended:\n%1").arg(listed.sessions.join(u'\n'));
    if (QMessageBox::question(this, tr("Run cutover"), question, QMessageBox::Yes | QMessageBox::No, QMessageBox::No)
        == QMessageBox::Yes)
        beginCutover(options());
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
        m_result->setText(m_ran->writeBlock == core::WriteBlock::Confirmed
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
    const bool settled = !running && !m_listing.isRunning() && !m_done; // the options may still change
    m_run->setEnabled(settled);
    m_cancel->setEnabled(running);
    m_copyUri->setEnabled(!m_targetUri->text().isEmpty());
    m_reenable->setEnabled(m_done && m_ran && m_ran->writeBlock != core::WriteBlock::Confirmed && !m_reenabled);
    for (QWidget *w : std::initializer_list<QWidget *>{m_confirmed, m_roles, m_database, m_roleList, m_timeout, m_margin, m_maxLagKib})
        w->setEnabled(settled);
    Q_EMIT completeChanged();
}

} // namespace pgshift::wizard
