#include "wizard/replicationpage.h"

#include "core/migration/cancellation.h"
#include "core/migration/targetinventory.h"
#include "core/pg/pgerror.h"
#include "core/replication/logicalreplication.h"
#include "core/replication/replicationcleanup.h"
#include "core/replication/replicationmonitor.h"
#include "core/replication/replicationstate.h"
#include "widgets/chartexport.h"
#include "widgets/lagchart.h"
#include "wizard/migrationsession.h"
#include "wizard/migrationwizard.h"
#include "wizard/replicationrowspanel.h"
#include "widgets/statuscolor.h"
#include "widgets/buddylabel.h"

#include <QCheckBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <utility>

namespace pgshift::wizard {

ReplicationPage::ReplicationPage(MigrationSession *session, QWidget *parent)
    : QWizardPage(parent)
    , m_session(session)
{
    setObjectName(QStringLiteral("replicationPage"));
    setTitle(tr("Logical replication"));
    setSubTitle(tr("The target copies every table while the source stays online, then follows its changes "
                   "until you cut over. Nothing runs before you press Start; here is exactly what will."));
    setupLayout();
    connect(&m_plan, &QFutureWatcher<PlanOutcome>::finished, this, &ReplicationPage::planFinished);
    connect(&m_starting, &QFutureWatcher<core::CopyReport>::finished, this, &ReplicationPage::startFinished);
    connect(&m_indexing, &QFutureWatcher<QStringList>::finished, this, &ReplicationPage::indexesFinished);
    connect(&m_cleaning, &QFutureWatcher<QStringList>::finished, this, &ReplicationPage::cleanupFinished);
}

void ReplicationPage::setupLayout()
{
    m_steps = new QPlainTextEdit(this);
    m_steps->setObjectName(QStringLiteral("stepsPreview"));
    m_steps->setAccessibleName(tr("The steps Start replication runs"));
    m_steps->setReadOnly(true);
    m_steps->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_steps->setMaximumHeight(130);
    auto *passwordNote = new QLabel(tr("The subscription keeps the source's password on the target (in "
                                       "pg_subscription) until cleanup drops it; a dedicated role with only "
                                       "REPLICATION and SELECT limits what it can do."),
                                    this);
    passwordNote->setWordWrap(true);
    m_deferIndexes = new QCheckBox(tr("Build secondary indexes after the initial copy (faster copy)"), this);
    m_deferIndexes->setObjectName(QStringLiteral("deferIndexesCheck"));
    m_deferIndexes->setChecked(true);
    m_jobs = new QSpinBox(this);
    m_jobs->setRange(1, 64);
    m_jobs->setValue(core::CopyOptions::defaultJobs());
    m_maxLagKib = new QSpinBox(this);
    m_maxLagKib->setObjectName(QStringLiteral("maxLagSpin"));
    m_maxLagKib->setRange(0, 1 << 20);
    m_maxLagKib->setValue(1024);
    m_maxLagKib->setSuffix(tr(" KiB"));
    m_maxLagKib->setToolTip(tr("Cutover is offered once the lag is at most this"));
    const core::ReplicationNames defaults;
    const auto nameEdit = [this](const QString &name, const QString &value, const QString &accessible) {
        auto *edit = new QLineEdit(value, this);
        edit->setObjectName(name);
        edit->setAccessibleName(accessible);
        edit->setMaxLength(63);
        connect(edit, &QLineEdit::textEdited, this, &ReplicationPage::namesEdited);
        return edit;
    };
    m_publication = nameEdit(QStringLiteral("publicationEdit"), defaults.publication, tr("Publication name"));
    m_subscription = nameEdit(QStringLiteral("subscriptionEdit"), defaults.subscription, tr("Subscription name"));
    m_slot = nameEdit(QStringLiteral("slotEdit"), defaults.slot, tr("Replication slot name"));
    m_namesProblem = new QLabel(this);
    m_namesProblem->setObjectName(QStringLiteral("namesProblemLabel"));
    m_namesProblem->setWordWrap(true);
    m_namesProblem->setStyleSheet(widgets::statusStyleSheet(widgets::Status::Error, m_namesProblem));
    m_namesProblem->hide();
    m_start = new QPushButton(tr("&Start replication"), this);
    m_start->setObjectName(QStringLiteral("startButton"));
    m_cleanup = new QPushButton(tr("Cle&an up…"), this);
    m_cleanup->setObjectName(QStringLiteral("cleanupButton"));
    m_cleanup->setToolTip(tr("Drops the subscription, its slot and the publication; the copied data stays"));

    m_verdict = new QLabel(tr("Not started."), this);
    m_verdict->setObjectName(QStringLiteral("verdictLabel"));
    QFont bold = m_verdict->font();
    bold.setBold(true);
    m_verdict->setFont(bold);
    m_tablesBar = new QProgressBar(this);
    m_tablesBar->setObjectName(QStringLiteral("tablesBar"));
    m_tablesBar->setFormat(tr("%v of %m tables ready"));
    m_tablesBar->setRange(0, 1);
    m_tablesBar->setValue(0);
    m_numbers = new QLabel(this);
    m_numbers->setObjectName(QStringLiteral("numbersLabel"));
    m_numbers->setWordWrap(true);
    m_tables = new QTableWidget(0, 4, this);
    m_tables->setObjectName(QStringLiteral("tablesTable"));
    m_tables->setHorizontalHeaderLabels({tr("Table"), tr("State"), tr("Source rows"), tr("Target rows")});
    m_tables->horizontalHeaderItem(2)->setToolTip(tr("Estimate from the source's statistics"));
    m_tables->horizontalHeaderItem(3)->setToolTip(tr("Rows copied so far during the initial copy, then the estimate "
                                                     "from the target's statistics"));
    m_tables->verticalHeader()->hide();
    m_tables->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_tables->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_chart = new widgets::LagChart(this);
    m_chart->setMinimumWidth(360);
    m_pause = new QPushButton(tr("&Pause chart"), this);
    m_pause->setCheckable(true);
    m_exportCsv = new QPushButton(tr("Export &CSV…"), this);
    m_exportPng = new QPushButton(tr("E&xport PNG…"), this);
    m_rows = new ReplicationRowsPanel([this] { return options(); }, this);
    connect(m_rows, &ReplicationRowsPanel::countingChanged, this, &ReplicationPage::updateButtons);

    // Labels name their fields (buddies), so screen readers say what each box is.
    auto labelFor = [this](const QString &text, QWidget *field) { return widgets::buddyLabel(text, field, this); };
    auto *settings = new QHBoxLayout;
    settings->addWidget(labelFor(tr("Workers:"), m_jobs));
    settings->addWidget(m_jobs);
    settings->addSpacing(12);
    settings->addWidget(labelFor(tr("Ready when lag ≤"), m_maxLagKib));
    settings->addWidget(m_maxLagKib);
    settings->addStretch(1);
    settings->addWidget(m_start);
    settings->addWidget(m_cleanup);
    auto *names = new QHBoxLayout;
    names->addWidget(labelFor(tr("Publication:"), m_publication));
    names->addWidget(m_publication);
    names->addWidget(labelFor(tr("Subscription:"), m_subscription));
    names->addWidget(m_subscription);
    names->addWidget(labelFor(tr("Slot:"), m_slot));
    names->addWidget(m_slot);
    auto *status = new QHBoxLayout;
    status->addWidget(m_verdict);
    status->addWidget(m_tablesBar, 1);
    auto *chartButtons = new QHBoxLayout;
    chartButtons->addStretch(1);
    chartButtons->addWidget(m_pause);
    chartButtons->addWidget(m_exportCsv);
    chartButtons->addWidget(m_exportPng);
    auto *chartBox = new QWidget(this);
    auto *chartLayout = new QVBoxLayout(chartBox);
    chartLayout->setContentsMargins(0, 0, 0, 0);
    chartLayout->addWidget(m_chart, 1);
    chartLayout->addLayout(chartButtons);
    auto *charts = new QTabWidget(this);
    charts->setObjectName(QStringLiteral("chartTabs"));
    charts->addTab(chartBox, tr("Lag"));
    charts->addTab(m_rows, tr("Rows"));
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_tables);
    split->addWidget(charts);
    split->setSizes({420, 520});
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_steps);
    layout->addWidget(passwordNote);
    layout->addLayout(names);
    layout->addWidget(m_namesProblem);
    layout->addWidget(m_deferIndexes); // a row of its own: a long text in some languages
    layout->addLayout(settings);
    layout->addLayout(status);
    layout->addWidget(m_numbers);
    layout->addWidget(split, 1);

    connect(m_start, &QPushButton::clicked, this, [this] {
        if (m_starting.isRunning())
            cancelStart();
        else
            startReplication();
    });
    connect(m_cleanup, &QPushButton::clicked, this, &ReplicationPage::cleanup);
    connect(m_deferIndexes, &QCheckBox::toggled, this, &ReplicationPage::refreshPlan);
    connect(m_pause, &QPushButton::toggled, m_chart, &widgets::LagChart::setPaused);
    connect(m_exportCsv, &QPushButton::clicked, this,
            [this] { widgets::exportCsvWithDialog(this, tr("Export lag samples"), QStringLiteral("lag.csv"), m_chart); });
    connect(m_exportPng, &QPushButton::clicked, this,
            [this] { widgets::exportPngWithDialog(this, tr("Export the lag chart"), QStringLiteral("lag.png"), m_chart); });
    connect(m_maxLagKib, &QSpinBox::valueChanged, this, [this](int kib) {
        m_session->setMaxLagBytes(qint64(kib) * 1024);
        showStatus(m_last);
    });
    updateButtons();
}

core::ReplicationOptions ReplicationPage::options() const
{
    if (m_running)
        return *m_running;
    core::ReplicationOptions o;
    o.copy.source = m_session->source();
    o.copy.target = m_session->target();
    o.copy.jobs = m_jobs->value();
    o.deferSecondaryIndexes = m_deferIndexes->isChecked();
    o.names.publication = m_publication->text().trimmed();
    o.names.subscription = m_subscription->text().trimmed();
    o.names.slot = m_slot->text().trimmed();
    return o;
}

void ReplicationPage::namesEdited()
{
    const auto problem = options().names.problem();
    m_namesProblem->setText(problem.value_or(QString()));
    m_namesProblem->setVisible(problem.has_value());
    if (!problem)
        refreshPlan();
    updateButtons();
}

widgets::RowCountChart *ReplicationPage::rowChart() const
{
    return m_rows->chart();
}

bool ReplicationPage::isBusy() const
{
    return m_plan.isRunning() || m_starting.isRunning() || m_indexing.isRunning() || m_cleaning.isRunning()
        || m_rows->isCounting();
}

void ReplicationPage::initializePage()
{
    if (!m_started)
        refreshPlan();
}

int ReplicationPage::nextId() const
{
    return MigrationWizard::SequencesPageId;
}

bool ReplicationPage::isComplete() const
{
    return !isBusy() && m_running.has_value(); // Next: the cutover of what runs
}

void ReplicationPage::refreshPlan()
{
    if (m_plan.isRunning()) {
        m_planStale = true; // the settings changed while it ran: once more when it ends
        return;
    }
    if (m_started || options().names.problem())
        return;
    m_steps->setPlainText(tr("Reading both servers…"));
    const core::ReplicationOptions o = options();
    m_plan.setFuture(QtConcurrent::run([o]() -> PlanOutcome {
        try {
            return {core::LogicalReplication::plan(o), {}};
        } catch (const core::PgError &error) {
            return {{}, error.message()};
        }
    }));
    updateButtons();
}

void ReplicationPage::planFinished()
{
    if (std::exchange(m_planStale, false)) {
        refreshPlan();
        return;
    }
    const PlanOutcome outcome = m_plan.result();
    if (!outcome.error.isEmpty()) {
        m_steps->setPlainText(tr("Cannot prepare the steps: %1").arg(outcome.error));
    } else {
        QStringList lines;
        for (int i = 0; i < outcome.steps.size(); ++i) {
            const auto &step = outcome.steps[i];
            lines << QStringLiteral("%1. %2 (%3)").arg(i + 1).arg(step.title, step.where);
            if (!step.sql.isEmpty())
                lines << QStringLiteral("   ") + step.sql;
        }
        m_steps->setPlainText(lines.join(u'\n'));
    }
    updateButtons();
}

void ReplicationPage::startReplication()
{
    if (isBusy() || m_started || options().names.problem())
        return;
    m_started = true;
    m_running = options();
    m_verdict->setText(tr("Copying the schema and subscribing…"));
    const core::ReplicationOptions o = options();
    m_startCancellation = std::make_shared<core::Cancellation>();
    m_starting.setFuture(QtConcurrent::run([o, cancellation = m_startCancellation] {
        core::CopyProgressTracker tracker;
        return core::LogicalReplication::start(o, tracker, *cancellation);
    }));
    updateButtons();
}

ReplicationPage::~ReplicationPage()
{
    // A setup still running stops at once instead of holding the application's exit.
    if (m_startCancellation)
        m_startCancellation->cancel();
}

void ReplicationPage::cancelStart()
{
    if (!m_starting.isRunning() || !m_startCancellation)
        return;
    m_verdict->setText(tr("Cancelling…"));
    m_startCancellation->cancel();
    updateButtons();
}

void ReplicationPage::startFinished()
{
    const core::CopyReport report = m_starting.result();
    if (!report.succeeded()) {
        m_started = false;
        m_running.reset();
        m_verdict->setText(report.cancelled ? tr("Setup cancelled.") : tr("Replication was not started."));
        m_numbers->setText(report.cancelled ? tr("Nothing was published or subscribed.") : report.failures.join(u'\n'));
        m_numbers->setStyleSheet(widgets::statusStyleSheet(widgets::Status::Error, m_numbers));
        if (!report.createdOnTarget.isEmpty()) {
            // The schema copy's objects stay: the DBA decides, with the exact SQL at hand.
            m_steps->setPlainText(tr("The setup created %n object(s) on the target before it stopped. Drop them before "
                                     "starting again (the schema copy needs an empty target), with:",
                                     nullptr, int(report.createdOnTarget.size()))
                                  + u'\n' + core::TargetInventory::dropSql(report.createdOnTarget));
        }
        updateButtons();
        return;
    }
    m_numbers->setStyleSheet(QString());
    // Saved for the next start of pgshift, should this one end before cleanup.
    QString error;
    if (!core::ReplicationState::from(*m_running, QStringLiteral("started")).save({}, &error))
        m_numbers->setText(tr("The replication's state could not be saved (%1): after a restart, clean up with "
                              "pgshift replicate cleanup.").arg(error));
    beginMonitoring();
}

void ReplicationPage::resume(const core::ReplicationState &state)
{
    if (isBusy())
        return;
    m_session->stopMonitor();
    core::ReplicationOptions o = state.options();
    o.copy.source = m_session->source(); // with whatever password the user gave for it
    o.copy.target = m_session->target();
    o.copy.jobs = m_jobs->value();
    m_running = o;
    m_started = true;
    m_publication->setText(o.names.publication);
    m_subscription->setText(o.names.subscription);
    m_slot->setText(o.names.slot);
    m_deferIndexes->setChecked(o.deferSecondaryIndexes);
    m_steps->setPlainText(tr("Resumed: replication %1 → %2 started %3 (publication %4, subscription %5, slot %6).")
                              .arg(o.copy.source.redacted(), o.copy.target.redacted(),
                                   QLocale().toString(state.startedAt.toLocalTime(), QLocale::ShortFormat),
                                   o.names.publication, o.names.subscription, o.names.slot));
    m_verdict->setText(tr("Reading the replication's state…"));
    beginMonitoring();
}

void ReplicationPage::beginMonitoring()
{
    m_session->setReplication(m_running);
    m_chart->clear();
    m_rows->clear();
    m_indexesRequested = false;
    core::ReplicationMonitor *monitor = m_session->startMonitor(*m_running);
    connect(monitor, &core::ReplicationMonitor::sampled, this, &ReplicationPage::showStatus);
    updateButtons();
}

void ReplicationPage::showStatus(const core::ReplicationStatus &st)
{
    if (!st.at.isValid())
        return;
    m_last = st;
    const QLocale locale;
    const qint64 maxLag = qint64(m_maxLagKib->value()) * 1024;
    m_chart->addSample(st.at.toLocalTime(), st.lagBytes, st.lagSeconds);
    m_tablesBar->setRange(0, std::max<int>(1, int(st.tables.size())));
    m_tablesBar->setValue(st.readyTables);
    if (m_tables->rowCount() != st.tables.size())
        m_tables->setRowCount(int(st.tables.size()));
    for (int row = 0; row < st.tables.size(); ++row) {
        const core::TableSync &t = st.tables[row];
        const auto rows = [&locale](qint64 n) { return n >= 0 ? QStringLiteral("~") + locale.toString(n) : QString(); };
        const QString texts[] = {t.schema + u'.' + t.table, core::TableSync::stateName(t.state), rows(t.sourceRows),
                                 t.copiedRows >= 0 ? locale.toString(t.copiedRows) : rows(t.targetRows)};
        for (int column = 0; column < 4; ++column) {
            QTableWidgetItem *item = m_tables->item(row, column);
            if (!item) {
                item = new QTableWidgetItem;
                if (column >= 2)
                    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
                m_tables->setItem(row, column, item);
            }
            item->setText(texts[column]);
        }
    }
    m_rows->showStatus(st);
    QStringList numbers;
    if (!st.sourceReachable)
        numbers << tr("Source disconnected: %1").arg(st.sourceError);
    if (!st.targetReachable)
        numbers << tr("Target disconnected: %1").arg(st.targetError);
    if (st.lagBytes >= 0)
        numbers << tr("Lag %1, %2 s").arg(locale.formattedDataSize(st.lagBytes)).arg(locale.toString(std::max(0.0, st.lagSeconds), 'f', 1));
    if (st.retainedBytes >= 0)
        numbers << tr("WAL kept on the source: %1").arg(locale.formattedDataSize(st.retainedBytes));
    if (st.syncWorkers > 0)
        numbers << tr("%n table(s) copying now", nullptr, st.syncWorkers);
    if (st.applyErrors > 0 || st.syncErrors > 0)
        numbers << tr("Errors: %1 apply, %2 initial copy (see the target's log)").arg(st.applyErrors).arg(st.syncErrors);
    if (st.missingIndexes > 0)
        numbers << tr("%n secondary index(es) to build", nullptr, st.missingIndexes);
    m_numbers->setText(numbers.join(QStringLiteral(" · ")));

    // Every table copied: the deferred indexes now, once.
    if (m_running && st.allTablesReady() && st.missingIndexes > 0 && m_running->deferSecondaryIndexes
        && !m_indexesRequested && !isBusy()) {
        m_indexesRequested = true;
        const core::ReplicationOptions o = *m_running;
        m_indexing.setFuture(QtConcurrent::run([o] {
            QStringList failures;
            core::Cancellation none;
            core::LogicalReplication::buildMissingIndexes(o, none, &failures);
            return failures;
        }));
    }
    m_ready = st.readyForCutover(maxLag);
    if (m_ready) {
        m_verdict->setText(tr("READY for cutover"));
        m_verdict->setStyleSheet(widgets::statusStyleSheet(widgets::Status::Success, m_verdict));
    } else {
        m_verdict->setStyleSheet(QString());
        if (!st.sourceReachable || !st.targetReachable)
            m_verdict->setText(tr("Disconnected since %1").arg(st.at.toLocalTime().toString(QStringLiteral("HH:mm:ss"))));
        else if (!st.allTablesReady())
            m_verdict->setText(tr("Initial copy"));
        else if (m_indexing.isRunning() || st.missingIndexes != 0)
            m_verdict->setText(tr("Building indexes"));
        else
            m_verdict->setText(tr("Catching up"));
    }
    updateButtons();
}

void ReplicationPage::indexesFinished()
{
    const QStringList failures = m_indexing.result();
    if (!failures.isEmpty())
        QMessageBox::warning(this, tr("Index builds failed"), failures.join(u'\n'));
    updateButtons();
}

void ReplicationPage::cleanup()
{
    if (isBusy())
        return;
    const core::ReplicationOptions o = options();
    const auto answer = QMessageBox::question(
        this, tr("Clean up replication"),
        tr("Drop subscription %1 on the target (and its slot %2 on the source) and publication %3 on the source? "
           "The data copied so far stays on the target; changes stop flowing.")
            .arg(o.names.subscription, o.names.slot, o.names.publication));
    if (answer != QMessageBox::Yes)
        return;
    m_session->stopMonitor();
    m_cleanupNames = o.names;
    m_verdict->setText(tr("Cleaning up…"));
    m_cleaning.setFuture(QtConcurrent::run([o] {
        const auto outcome = core::ReplicationCleanup::run(o.copy.source, o.copy.target, o.names);
        QStringList lines = outcome.done;
        for (const QString &failure : outcome.failures)
            lines << u'!' + failure;
        return lines;
    }));
    updateButtons();
}

void ReplicationPage::cleanupFinished()
{
    QStringList done;
    QStringList failed;
    for (const QString &line : m_cleaning.result())
        (line.startsWith(u'!') ? failed : done) << (line.startsWith(u'!') ? line.mid(1) : line);
    m_started = false;
    m_running.reset();
    m_session->setReplication(std::nullopt);
    m_indexesRequested = false;
    m_ready = false;
    // The saved state goes with the replication it describes.
    if (failed.isEmpty()) {
        if (const auto saved = core::ReplicationState::load(); saved && saved->names.subscription == m_cleanupNames.subscription)
            core::ReplicationState::clear();
    }
    m_verdict->setStyleSheet(QString());
    m_verdict->setText(failed.isEmpty() ? tr("Cleaned up") : tr("Cleanup incomplete"));
    m_numbers->setText((done + failed).join(u'\n'));
    updateButtons();
}

void ReplicationPage::updateButtons()
{
    const bool namesOk = !options().names.problem();
    const bool starting = m_starting.isRunning();
    m_start->setText(starting ? tr("&Cancel setup") : tr("&Start replication"));
    m_start->setEnabled(starting ? !m_startCancellation->isCancelled() : !isBusy() && !m_started && namesOk);
    m_cleanup->setEnabled(!isBusy() && namesOk);
    m_rows->setCountingAllowed(!m_plan.isRunning() && !m_starting.isRunning() && !m_indexing.isRunning()
                               && !m_cleaning.isRunning());
    m_deferIndexes->setEnabled(!m_started);
    m_jobs->setEnabled(!m_started);
    for (QLineEdit *edit : {m_publication, m_subscription, m_slot})
        edit->setReadOnly(m_started);
    Q_EMIT completeChanged();
}

} // namespace pgshift::wizard
