#include "wizard/dumprestorepage.h"

#include "core/migration/dumprestorejob.h"
#include "core/migration/targetinventory.h"
#include "core/pg/connection.h"
#include "widgets/copytablemodel.h"
#include "widgets/rowcountchart.h"
#include "wizard/checklistpanel.h"
#include "wizard/migrationsession.h"
#include "wizard/migrationwizard.h"
#include "wizard/writeblockbox.h"
#include "widgets/statuscolor.h"
#include "widgets/buddylabel.h"

#include <QAbstractButton>
#include <QApplication>
#include <QButtonGroup>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDateTime>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QSplitter>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>
#include <QWizard>
#include <QtConcurrent/QtConcurrentRun>

namespace pgshift::wizard {
namespace {

enum Scope { WholeDatabase, SomeObjects };

// Runs the cleanup in one transaction: all of it or nothing. Empty on success.
QString dropOnTarget(const core::ConnectionSettings &target, const QList<core::TargetObject> &objects)
{
    try {
        core::Connection connection(target);
        const QStringList statements = core::TargetInventory::dropSql(objects).split(u'\n', Qt::SkipEmptyParts);
        try {
            for (const QString &statement : statements)
                connection.exec(statement);
        } catch (const core::PgError &) {
            if (connection.isAlive())
                connection.exec(QStringLiteral("ROLLBACK"));
            throw;
        }
        return {};
    } catch (const core::PgError &error) {
        return error.message();
    }
}

// "0.4 s" for a short run, "m:ss" or "h:mm:ss" for longer ones.
QString elapsed(qint64 ms)
{
    const QLocale locale;
    if (ms < 60000)
        return DumpRestorePage::tr("%1 s").arg(locale.toString(ms / 1000.0, 'f', 1));
    const qint64 seconds = ms / 1000;
    return seconds >= 3600 ? QStringLiteral("%1:%2:%3").arg(seconds / 3600).arg(seconds / 60 % 60, 2, 10, QLatin1Char('0')).arg(seconds % 60, 2, 10, QLatin1Char('0'))
                           : QStringLiteral("%1:%2").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0'));
}

QString duration(qint64 seconds)
{
    return seconds >= 3600 ? QStringLiteral("%1:%2:%3").arg(seconds / 3600).arg(seconds / 60 % 60, 2, 10, QLatin1Char('0')).arg(seconds % 60, 2, 10, QLatin1Char('0'))
                           : QStringLiteral("%1:%2").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0'));
}

} // namespace

DumpRestorePage::DumpRestorePage(MigrationSession *session, QWidget *parent)
    : QWizardPage(parent)
    , m_session(session)
{
    setObjectName(QStringLiteral("dumpRestorePage"));
    setTitle(tr("Dump and restore"));
    setSubTitle(tr("Copies the schema and the data from one consistent snapshot of the source, then "
                   "checks every table's row count on both sides. Stop writes to the source first, or let pgshift "
                   "stop them and run the short cutover checklist around the copy."));
    setupLayout();
    connect(&m_dropping, &QFutureWatcher<QString>::finished, this, &DumpRestorePage::cleanupFinished);
}

void DumpRestorePage::setupLayout()
{
    m_form = new QGroupBox(tr("What and how"), this);
    m_engine = new QComboBox(m_form);
    m_engine->setObjectName(QStringLiteral("engineCombo"));
    m_engine->addItem(tr("Stream: rows go straight from server to server (fastest)"), int(core::CopyEngine::Stream));
    m_engine->addItem(tr("pg_dump archive: keeps a pg_dump -Fd folder for audit or a later restore"),
                      int(core::CopyEngine::PgDump));
    m_archiveDir = new QLineEdit(m_form);
    m_archiveDir->setObjectName(QStringLiteral("archiveDirEdit"));
    m_archiveDir->setPlaceholderText(tr("A new or empty folder"));
    m_browse = new QPushButton(tr("Browse…"), m_form);
    m_jobs = new QSpinBox(m_form);
    m_jobs->setObjectName(QStringLiteral("jobsSpin"));
    m_jobs->setRange(1, 64);
    m_jobs->setValue(core::CopyOptions::defaultJobs());
    m_jobs->setToolTip(tr("Tables copied and indexes built at once. Each worker holds a session on both servers."));
    auto *whole = new QRadioButton(tr("The &whole database"), m_form);
    whole->setObjectName(QStringLiteral("wholeDatabaseRadio"));
    auto *some = new QRadioButton(tr("&Only:"), m_form);
    some->setObjectName(QStringLiteral("someObjectsRadio"));
    m_scopeChoice = new QButtonGroup(this);
    m_scopeChoice->addButton(whole, WholeDatabase);
    m_scopeChoice->addButton(some, SomeObjects);
    whole->setChecked(true);
    m_schemas = new QLineEdit(m_form);
    m_schemas->setObjectName(QStringLiteral("schemasEdit"));
    m_schemas->setPlaceholderText(tr("schemas, comma-separated: sales, \"Archive 2024\""));
    m_tables = new QLineEdit(m_form);
    m_tables->setObjectName(QStringLiteral("tablesEdit"));
    m_tables->setPlaceholderText(tr("tables: public.orders, \"Sales\".\"Customers\""));
    m_block = new WriteBlockBox(true, m_form);
    m_margin = new QSpinBox(m_form);
    m_margin->setObjectName(QStringLiteral("marginSpin"));
    m_margin->setRange(0, 1000000000);
    m_margin->setValue(10000);
    m_margin->setToolTip(tr("After the copy, every target sequence is set this many increments ahead of the source"));
    m_checksums = new QCheckBox(tr("Validate with checksums too (reads every row on both servers)"), m_form);
    m_checksums->setObjectName(QStringLiteral("checksumsCheck"));
    m_formError = new QLabel(m_form);
    m_formError->setObjectName(QStringLiteral("formErrorLabel"));
    m_formError->setStyleSheet(widgets::statusStyleSheet(widgets::Status::Error, m_formError));
    m_formError->setWordWrap(true);
    m_start = new QPushButton(tr("&Start copy"), m_form);
    m_start->setObjectName(QStringLiteral("startButton"));
    m_start->setDefault(false);

    auto *archiveRow = new QHBoxLayout;
    archiveRow->addWidget(m_archiveDir, 1);
    archiveRow->addWidget(m_browse);
    auto *scopeRow = new QHBoxLayout;
    scopeRow->addWidget(whole);
    scopeRow->addWidget(some);
    scopeRow->addWidget(m_schemas, 1);
    scopeRow->addWidget(m_tables, 1);
    auto *jobsRow = new QHBoxLayout;
    jobsRow->addWidget(m_jobs);
    jobsRow->addStretch(1);
    jobsRow->addWidget(m_formError, 3);
    jobsRow->addWidget(m_start);
    auto *form = new QFormLayout(m_form);
    const auto label = [this](const QString &text, QWidget *buddy) { return widgets::buddyLabel(text, buddy, m_form); };
    form->addRow(label(tr("&Engine:"), m_engine), m_engine);
    form->addRow(label(tr("&Archive folder:"), m_archiveDir), archiveRow);
    form->addRow(tr("Copy:"), scopeRow);
    auto *checklistRow = new QHBoxLayout;
    checklistRow->addWidget(m_margin);
    checklistRow->addWidget(m_checksums, 1);
    form->addRow(tr("Writes on the source:"), m_block);
    form->addRow(label(tr("Se&quence margin:"), m_margin), checklistRow);
    form->addRow(label(tr("&Parallel workers:"), m_jobs), jobsRow);

    m_phase = new QLabel(tr("Not started."), this);
    m_phase->setObjectName(QStringLiteral("phaseLabel"));
    QFont bold = m_phase->font();
    bold.setBold(true);
    m_phase->setFont(bold);
    m_bar = new QProgressBar(this);
    m_bar->setObjectName(QStringLiteral("progressBar"));
    m_bar->setRange(0, 1000);
    m_bar->setTextVisible(false);
    m_stats = new QLabel(this);
    m_stats->setObjectName(QStringLiteral("statsLabel"));
    m_cancel = new QPushButton(tr("&Cancel copy"), this);
    m_cancel->setObjectName(QStringLiteral("cancelButton"));
    m_cancel->setEnabled(false);

    m_model = new widgets::CopyTableModel(this);
    m_tableView = new QTableView(this);
    m_tableView->setObjectName(QStringLiteral("tableView"));
    m_tableView->setModel(m_model);
    m_tableView->verticalHeader()->hide();
    m_tableView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_tableView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_tableView->horizontalHeader()->setSectionResizeMode(widgets::CopyTableModel::TableColumn, QHeaderView::Stretch);
    for (int c = widgets::CopyTableModel::StatusColumn; c < widgets::CopyTableModel::ColumnCount; ++c)
        m_tableView->horizontalHeader()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    m_chart = new widgets::RowCountChart(this);
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_tableView);
    split->addWidget(m_chart);
    m_chart->setMinimumWidth(300);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setSizes({560, 400});
    m_checklist = new ChecklistPanel(this);
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("copyTabs"));
    m_tabs->addTab(split, tr("&Tables"));
    m_tabs->addTab(m_checklist, tr("Check&list"));

    m_result = new QLabel(this);
    m_result->setObjectName(QStringLiteral("resultLabel"));
    m_result->setWordWrap(true);
    m_result->setTextFormat(Qt::PlainText);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_cleanup = new QPushButton(tr("&Review and drop…"), this);
    m_cleanup->setObjectName(QStringLiteral("cleanupButton"));
    m_cleanup->setToolTip(tr("Shows the exact SQL first"));
    m_cleanup->hide();

    auto *progressRow = new QHBoxLayout;
    progressRow->addWidget(m_phase);
    progressRow->addWidget(m_bar, 1);
    progressRow->addWidget(m_cancel);
    auto *resultRow = new QHBoxLayout;
    resultRow->addWidget(m_result, 1);
    resultRow->addWidget(m_cleanup, 0, Qt::AlignTop);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_form);
    layout->addLayout(progressRow);
    layout->addWidget(m_stats);
    layout->addWidget(m_tabs, 1);
    layout->addLayout(resultRow);

    connect(m_engine, &QComboBox::currentIndexChanged, this, [this] {
        // Suggest a fresh folder named after the database and the time.
        if (core::CopyEngine(m_engine->currentData().toInt()) == core::CopyEngine::PgDump && m_archiveDir->text().isEmpty()) {
            const QString db = m_session->source().value(QStringLiteral("dbname"));
            const QString name = QStringLiteral("%1-%2").arg(db.isEmpty() ? QStringLiteral("database") : db,
                                                             QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss")));
            m_archiveDir->setText(QDir::toNativeSeparators(QDir::home().filePath(QStringLiteral("pgshift-archives/") + name)));
        }
        updateForm();
    });
    connect(m_scopeChoice, &QButtonGroup::idToggled, this, &DumpRestorePage::updateForm);
    connect(m_block, &WriteBlockBox::changed, this, &DumpRestorePage::updateForm);
    connect(m_block, &WriteBlockBox::listingChanged, this, &DumpRestorePage::updateForm);
    connect(m_margin, &QSpinBox::valueChanged, this, &DumpRestorePage::updateForm);
    connect(m_checksums, &QCheckBox::toggled, this, &DumpRestorePage::updateForm);
    // The checklist as planned follows the form (a finished run's stays until it changes).
    connect(m_block, &WriteBlockBox::changed, this, &DumpRestorePage::refreshPlan);
    connect(m_margin, &QSpinBox::valueChanged, this, &DumpRestorePage::refreshPlan);
    connect(m_checksums, &QCheckBox::toggled, this, &DumpRestorePage::refreshPlan);
    connect(m_engine, &QComboBox::currentIndexChanged, this, &DumpRestorePage::refreshPlan);
    connect(m_jobs, &QSpinBox::valueChanged, this, &DumpRestorePage::refreshPlan);
    for (QLineEdit *edit : {m_archiveDir, m_schemas, m_tables})
        connect(edit, &QLineEdit::textChanged, this, &DumpRestorePage::updateForm);
    connect(m_browse, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Folder for the archive"),
                                                              QStandardPaths::writableLocation(QStandardPaths::HomeLocation));
        if (!dir.isEmpty())
            m_archiveDir->setText(QDir::toNativeSeparators(dir));
    });
    connect(m_start, &QPushButton::clicked, this, &DumpRestorePage::startCopy);
    connect(m_cancel, &QPushButton::clicked, this, &DumpRestorePage::cancelCopy);
    connect(m_cleanup, &QPushButton::clicked, this, &DumpRestorePage::reviewCleanup);
    updateForm();
}

std::optional<core::CopyOptions> DumpRestorePage::options(QString *error) const
{
    core::CopyOptions o;
    o.source = m_session->source();
    o.target = m_session->target();
    o.jobs = m_jobs->value();
    o.engine = core::CopyEngine(m_engine->currentData().toInt());
    if (o.engine == core::CopyEngine::PgDump) {
        o.archiveDir = QDir::fromNativeSeparators(m_archiveDir->text().trimmed());
        if (o.archiveDir.isEmpty()) {
            if (error)
                *error = tr("Choose a folder for the archive.");
            return std::nullopt;
        }
        const QDir dir(o.archiveDir);
        if (dir.exists() && !dir.isEmpty()) {
            if (error)
                *error = tr("The archive folder must be new or empty.");
            return std::nullopt;
        }
    }
    if (m_scopeChoice->checkedId() == SomeObjects) {
        QString why;
        const auto scope = core::CopyScope::parse(core::CopyScope::splitList(m_schemas->text()), core::CopyScope::splitList(m_tables->text()), &why);
        if (!scope) {
            if (error)
                *error = why;
            return std::nullopt;
        }
        if (scope->isWholeDatabase()) {
            if (error)
                *error = tr("Name at least one schema or table.");
            return std::nullopt;
        }
        o.scope = *scope;
    }
    return o;
}

std::optional<core::CutoverOptions> DumpRestorePage::checklist(const core::CopyOptions &copy) const
{
    const auto block = m_block->options();
    if (!block)
        return std::nullopt;
    core::CutoverOptions c;
    c.method = core::Method::Dump;
    c.replication.copy = copy;
    c.writeBlock = *block;
    c.sequenceMargin = m_margin->value();
    c.checksums = m_checksums->isChecked();
    return c;
}

int DumpRestorePage::nextId() const
{
    return MigrationWizard::SummaryPageId;
}

void DumpRestorePage::refreshPlan()
{
    const auto copy = options();
    const auto c = copy ? checklist(*copy) : std::nullopt;
    m_checklist->setPlan(c ? core::Cutover::plan(*c) : QList<core::CutoverStep>{});
}

void DumpRestorePage::updateForm()
{
    const bool running = m_session->isCopying() || m_block->isListing();
    const bool archive = core::CopyEngine(m_engine->currentData().toInt()) == core::CopyEngine::PgDump;
    m_form->setEnabled(!running && !m_dropping.isRunning());
    m_archiveDir->setEnabled(archive);
    m_browse->setEnabled(archive);
    const bool some = m_scopeChoice->checkedId() == SomeObjects;
    m_schemas->setEnabled(some);
    m_tables->setEnabled(some);
    const bool blocking = m_block->options().has_value(); // the checklist runs around the copy
    m_margin->setEnabled(blocking);
    m_checksums->setEnabled(blocking);
    QString error;
    const bool valid = options(&error).has_value() && (error = m_block->problem()).isEmpty();
    m_formError->setText(valid ? QString() : error);

    m_start->setEnabled(valid && !running);
    m_cancel->setEnabled(running);
    if (QWizard *w = wizard()) {
        if (QAbstractButton *back = w->button(QWizard::BackButton))
            back->setEnabled(!running);
    }
    Q_EMIT completeChanged();
}

void DumpRestorePage::initializePage()
{
    updateForm();
}

bool DumpRestorePage::isComplete() const
{
    return !m_session->isCopying() && !m_dropping.isRunning() && m_session->copyJob() && m_session->copyJob()->isFinished();
}

void DumpRestorePage::startCopy()
{
    QString error;
    const auto o = options(&error);
    if (!o || m_session->isCopying() || m_block->isListing() || !m_block->problem().isEmpty())
        return;
    if (!m_block->options()) {
        launch(*o);
        return;
    }
    m_block->confirm(o->source, tr("Start copy"), tr("Copy now?"), [this, copy = *o] { launch(copy); });
}

void DumpRestorePage::launch(const core::CopyOptions &o)
{
    if (m_session->isCopying())
        return;
    m_succeeded = false;
    m_result->clear();
    m_result->setStyleSheet(QString());
    m_cleanup->hide();
    m_chart->clear();
    m_model->setTables({});
    const auto c = checklist(o);
    if (c)
        m_checklist->begin(*c);
    m_tabs->setCurrentIndex(0);
    core::DumpRestoreJob *job = m_session->startCopy(o, c);
    connect(job, &core::DumpRestoreJob::checklistStep, m_checklist, &ChecklistPanel::showStep);
    connect(job, &core::DumpRestoreJob::progressed, this, &DumpRestorePage::showProgress);
    connect(job, &core::DumpRestoreJob::finished, this, &DumpRestorePage::copyFinished);
    updateForm();
}

void DumpRestorePage::cancelCopy()
{
    if (core::DumpRestoreJob *job = m_session->copyJob(); job && job->isRunning()) {
        m_phase->setText(tr("Cancelling…"));
        m_cancel->setEnabled(false);
        job->cancel();
    }
}

void DumpRestorePage::showProgress(const core::CopyProgress &p)
{
    const QLocale locale;
    m_phase->setText(core::CopyProgress::phaseName(p.phase));
    m_bar->setValue(int(p.percent * 10));
    int done = 0;
    for (const core::TableStatus &t : p.tables)
        done += t.state == core::TableStatus::State::Copied ? 1 : 0;
    QStringList parts;
    parts << tr("%1 of %2 tables done").arg(done).arg(p.tables.size());
    parts << tr("%1 copied").arg(locale.formattedDataSize(p.bytesCopied));
    if (p.phase == core::CopyPhase::Data) {
        parts << tr("%1/s").arg(locale.formattedDataSize(qint64(p.bytesPerSecond)));
        parts << (p.etaSeconds >= 0 ? tr("about %1 left").arg(duration(p.etaSeconds)) : tr("estimating time left"));
    }
    parts << tr("%1 elapsed").arg(elapsed(p.elapsedMs));
    if (!p.detail.isEmpty())
        parts << p.detail;
    m_stats->setText(parts.join(QStringLiteral(" · ")));
    m_model->setTables(p.tables);
    m_chart->setTables(p.tables);
}

QString DumpRestorePage::summary() const
{
    return m_result->text();
}

void DumpRestorePage::copyFinished(const core::CopyReport &report)
{
    const QLocale locale;
    m_succeeded = report.succeeded();
    QStringList lines;
    if (m_succeeded) {
        lines << tr("Copied %1 (%2 rows, %3), %4 and %5 in %6. Every table's row count matches on both sides.")
                     .arg(tr("%n table(s)", nullptr, int(report.tables.size())), locale.toString(report.rowsCopied()),
                          locale.formattedDataSize(report.bytesCopied()),
                          tr("%n sequence(s)", nullptr, report.sequencesSet),
                          tr("%n large object(s)", nullptr, report.largeObjects), elapsed(report.elapsedMs));
        if (!report.archiveDir.isEmpty())
            lines << tr("The archive is in %1.").arg(QDir::toNativeSeparators(report.archiveDir));
        m_result->setStyleSheet(widgets::statusStyleSheet(widgets::Status::Success, m_result));
        m_phase->setText(tr("Finished"));
    } else {
        lines << (report.cancelled ? tr("Cancelled: the copy did NOT complete.") : tr("The copy did NOT complete:"));
        for (const QString &failure : report.failures)
            lines << QStringLiteral("• ") + failure;
        if (!report.createdOnTarget.isEmpty()) {
            QStringList names;
            for (const core::TargetObject &object : report.createdOnTarget)
                names << object.kindName() + u' ' + object.display;
            constexpr int Shown = 6;
            QString list = names.mid(0, Shown).join(QStringLiteral(", "));
            if (names.size() > Shown)
                list += QStringLiteral(", …");
            lines << tr("It left %n object(s) on the target: %1.", nullptr, int(names.size())).arg(list);
        }
        m_result->setStyleSheet(widgets::statusStyleSheet(widgets::Status::Error, m_result));
        m_phase->setText(report.cancelled ? tr("Cancelled") : tr("Failed"));
    }
    m_result->setText(lines.join(u'\n'));
    m_cleanup->setVisible(!report.createdOnTarget.isEmpty());
    if (const core::DumpRestoreJob *job = m_session->copyJob(); job && job->checklistReport()) {
        m_checklist->finish(*job->checklistReport());
        m_tabs->setCurrentWidget(m_checklist);
    }
    // The run is over: no rate or time left any more.
    int done = 0;
    for (const core::TableStatus &t : report.tables)
        done += t.state == core::TableStatus::State::Copied ? 1 : 0;
    m_stats->setText(QStringList{tr("%1 of %2 tables done").arg(done).arg(report.tables.size()),
                                 tr("%1 copied").arg(locale.formattedDataSize(report.bytesCopied())),
                                 tr("%1 elapsed").arg(elapsed(report.elapsedMs))}
                         .join(QStringLiteral(" · ")));
    updateForm();
}

void DumpRestorePage::reviewCleanup()
{
    const core::DumpRestoreJob *job = m_session->copyJob();
    if (!job || job->report().createdOnTarget.isEmpty() || m_dropping.isRunning())
        return;
    const QList<core::TargetObject> objects = job->report().createdOnTarget;
    const QString sql = core::TargetInventory::dropSql(objects);
    QDialog dialog(this);
    dialog.setObjectName(QStringLiteral("cleanupDialog"));
    dialog.setWindowTitle(tr("Drop what the copy left on the target"));
    auto *text = new QPlainTextEdit(sql, &dialog);
    text->setObjectName(QStringLiteral("cleanupSql"));
    text->setReadOnly(true);
    text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    auto *intro = new QLabel(tr("This SQL runs on %1 in one transaction: all of it or nothing.")
                                 .arg(m_session->target().redacted()),
                             &dialog);
    intro->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(&dialog);
    QPushButton *drop = buttons->addButton(tr("&Drop on target"), QDialogButtonBox::DestructiveRole);
    QPushButton *copy = buttons->addButton(tr("&Copy SQL"), QDialogButtonBox::ActionRole);
    buttons->addButton(QDialogButtonBox::Close);
    connect(drop, &QPushButton::clicked, &dialog, &QDialog::accept);
    connect(copy, &QPushButton::clicked, &dialog, [sql] { QApplication::clipboard()->setText(sql); });
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    auto *layout = new QVBoxLayout(&dialog);
    layout->addWidget(intro);
    layout->addWidget(text, 1);
    layout->addWidget(buttons);
    dialog.resize(640, 360);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const core::ConnectionSettings target = m_session->target();
    m_phase->setText(tr("Dropping…"));
    m_dropping.setFuture(QtConcurrent::run([target, objects] { return dropOnTarget(target, objects); }));
    updateForm();
}

void DumpRestorePage::cleanupFinished()
{
    const QString error = m_dropping.result();
    if (error.isEmpty()) {
        m_result->setText(m_result->text() + u'\n' + tr("What the copy left on the target was dropped."));
        m_cleanup->hide();
        m_phase->setText(tr("Cleaned up"));
    } else {
        QMessageBox::warning(this, tr("Drop failed"), tr("Nothing was dropped: %1").arg(error));
        m_phase->setText(tr("Cleanup failed"));
    }
    updateForm();
}

} // namespace pgshift::wizard
