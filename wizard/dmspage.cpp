#include "wizard/dmspage.h"

#include "core/migration/cancellation.h"
#include "core/pg/connection.h"
#include "core/pg/pgerror.h"
#include "widgets/lagchart.h"
#include "widgets/rowcountchart.h"
#include "wizard/migrationsession.h"
#include "wizard/migrationwizard.h"
#include "widgets/statuscolor.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QStandardPaths>
#include <QTabWidget>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace pgshift::wizard {
namespace {

constexpr int SampleIntervalMs = 3000;

} // namespace

DmsPage::DmsPage(MigrationSession *session, QWidget *parent)
    : QWizardPage(parent)
    , m_session(session)
{
    setObjectName(QStringLiteral("dmsPage"));
    setTitle(tr("AWS DMS, schema first"));
    setSubTitle(tr("pgshift creates the schema on the target with its foreign keys held back and "
                   "writes what DMS needs. You "
                   "run the task in AWS with your own credentials; pgshift watches both databases "
                   "and finishes what DMS "
                   "leaves undone."));
    setupLayout();
    connect(&m_preparing, &QFutureWatcher<core::DmsPlan::Outcome>::finished, this,
            &DmsPage::prepared);
    connect(&m_sampling, &QFutureWatcher<Sample>::finished, this, &DmsPage::sampled);
    m_timer.setInterval(SampleIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, &DmsPage::sample);
}

DmsPage::~DmsPage()
{
    if (m_cancellation)
        m_cancellation->cancel();
    m_preparing.waitForFinished();
    m_sampling.waitForFinished();
}

void DmsPage::setupLayout()
{
    const core::DmsSettings defaults;
    m_taskId = new QLineEdit(defaults.taskId, this);
    m_taskId->setObjectName(QStringLiteral("taskIdEdit"));
    m_slot = new QLineEdit(defaults.slotName, this);
    m_slot->setObjectName(QStringLiteral("slotEdit"));
    m_changes = new QCheckBox(
        tr("Replicate ongoing changes after the full load (CDC, through the slot)"), this);
    m_changes->setObjectName(QStringLiteral("changesCheck"));
    m_changes->setChecked(true);
    m_lobMode = new QComboBox(this);
    m_lobMode->addItem(tr("Full: every value whole, in pieces"));
    m_lobMode->addItem(tr("Limited: values over the size are cut"));
    m_lobKb = new QSpinBox(this);
    m_lobKb->setRange(1, 1024 * 1024);
    m_lobKb->setValue(defaults.lobChunkKb);
    m_lobKb->setSuffix(tr(" KB"));
    m_parallel = new QSpinBox(this);
    m_parallel->setRange(1, 49);
    m_parallel->setValue(defaults.maxFullLoadSubTasks);
    m_validation = new QCheckBox(tr("Row-level validation by DMS"), this);
    m_validation->setChecked(true);
    m_schemas = new QLineEdit(this);
    m_schemas->setObjectName(QStringLiteral("schemasEdit"));
    m_schemas->setPlaceholderText(tr("all; or schemas, comma-separated: sales, \"Archive 2024\""));
    m_tables = new QLineEdit(this);
    m_tables->setObjectName(QStringLiteral("tablesEdit"));
    m_tables->setPlaceholderText(tr("all; or tables: orders, sales.\"Order Items\" (partitions come with their table)"));
    m_folder
        = new QLineEdit(QDir(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
                            .filePath(QStringLiteral("pgshift-dms")),
                        this);
    m_folder->setObjectName(QStringLiteral("folderEdit"));
    m_browse = new QPushButton(tr("Browse…"), this);
    m_prepare = new QPushButton(tr("&Prepare: create the schema, write the files"), this);
    m_prepare->setObjectName(QStringLiteral("prepareButton"));
    m_status = new QLabel(
        tr("Nothing done yet: Prepare writes to the target (its schema) and to the folder."), this);
    m_status->setObjectName(QStringLiteral("dmsStatusLabel"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_files = new QTabWidget(this);
    m_files->setObjectName(QStringLiteral("filesTabs"));
    m_rows = new widgets::RowCountChart(this);
    m_lag = new widgets::LagChart(this);
    m_slotLabel = new QLabel(this);
    m_slotLabel->setObjectName(QStringLiteral("slotLabel"));
    m_slotLabel->setWordWrap(true);

    auto *lob = new QHBoxLayout;
    lob->addWidget(m_lobMode, 1);
    lob->addWidget(m_lobKb);
    auto *folder = new QHBoxLayout;
    folder->addWidget(m_folder, 1);
    folder->addWidget(m_browse);
    auto *form = new QFormLayout;
    auto *scopeRow = new QHBoxLayout;
    scopeRow->addWidget(m_schemas, 1);
    scopeRow->addWidget(m_tables, 1);
    form->addRow(tr("Schemas and tables:"), scopeRow);
    form->addRow(tr("&Task identifier:"), m_taskId);
    form->addRow(tr("&Slot on the source:"), m_slot);
    form->addRow(QString(), m_changes);
    form->addRow(tr("Large values (LOB mode):"), lob);
    form->addRow(tr("Tables loaded &at a time:"), m_parallel);
    form->addRow(QString(), m_validation);
    form->addRow(tr("Folder for the files:"), folder);
    auto *settings = new QGroupBox(tr("Task"), this);
    auto *settingsLayout = new QVBoxLayout(settings);
    settingsLayout->addLayout(form);
    settingsLayout->addWidget(m_prepare, 0, Qt::AlignLeft);
    settingsLayout->addWidget(m_status);

    auto *monitor = new QTabWidget(this);
    monitor->addTab(m_rows, tr("Rows"));
    monitor->addTab(m_lag, tr("Slot lag"));
    auto *monitorBox = new QWidget(this);
    auto *monitorLayout = new QVBoxLayout(monitorBox);
    monitorLayout->setContentsMargins(0, 0, 0, 0);
    monitorLayout->addWidget(m_slotLabel);
    monitorLayout->addWidget(monitor, 1);
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_files);
    split->addWidget(monitorBox);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);
    split->setSizes({1, 1}); // half each
    split->setChildrenCollapsible(false);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(settings);
    layout->addWidget(split, 1);

    connect(m_prepare, &QPushButton::clicked, this, &DmsPage::prepare);
    connect(m_browse, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Folder for the DMS files"),
                                                              m_folder->text());
        if (!dir.isEmpty())
            m_folder->setText(dir);
    });
    connect(m_lobMode, &QComboBox::currentIndexChanged, this, [this](int index) {
        m_lobKb->setValue(index == 0 ? core::DmsSettings {}.lobChunkKb
                                     : core::DmsSettings {}.lobMaxSizeKb);
        m_lobKb->setToolTip(index == 0 ? tr("The piece size DMS moves large values in")
                                       : tr("Values over this size are cut"));
    });
    connect(m_changes, &QCheckBox::toggled, m_slot, &QWidget::setEnabled);
    for (QLineEdit *edit : {m_taskId, m_slot, m_schemas, m_tables})
        connect(edit, &QLineEdit::textChanged, this, &DmsPage::updateButtons);
    updateButtons();
}

core::DmsSettings DmsPage::settings() const
{
    core::DmsSettings s;
    s.taskId = m_taskId->text().trimmed();
    s.slotName = m_slot->text().trimmed();
    s.changeCapture = m_changes->isChecked();
    s.lobs = m_lobMode->currentIndex() == 0 ? core::DmsSettings::Lobs::Full
                                            : core::DmsSettings::Lobs::Limited;
    (s.lobs == core::DmsSettings::Lobs::Full ? s.lobChunkKb : s.lobMaxSizeKb) = m_lobKb->value();
    s.maxFullLoadSubTasks = m_parallel->value();
    s.validation = m_validation->isChecked();
    return s;
}

std::optional<core::CopyScope> DmsPage::scope(QString *error) const
{
    QString why;
    auto chosen = core::CopyScope::parse(core::CopyScope::splitList(m_schemas->text()), core::CopyScope::splitList(m_tables->text()),
                                         &why);
    if (!chosen && error)
        *error = why;
    return chosen;
}

void DmsPage::initializePage()
{
    sample();
    m_timer.start();
}

void DmsPage::cleanupPage()
{
    m_timer.stop();
}

bool DmsPage::isComplete() const
{
    return m_prepared && !isPreparing();
}

int DmsPage::nextId() const
{
    return MigrationWizard::SequencesPageId;
}

void DmsPage::updateButtons()
{
    QString scopeError;
    const bool scopeOk = scope(&scopeError).has_value();
    const auto problem = scopeOk ? settings().problem() : std::optional<QString>(scopeError);
    m_prepare->setEnabled(!isPreparing() && !m_prepared && !problem);
    if (problem && !m_prepared && !isPreparing())
        m_status->setText(*problem);
    const std::initializer_list<QWidget *> inputs{m_schemas, m_tables,   m_taskId,     m_slot,   m_changes, m_lobMode,
                                                  m_lobKb,   m_parallel, m_validation, m_folder, m_browse};
    for (QWidget *w : inputs)
        w->setEnabled(!isPreparing() && !m_prepared && (w != m_slot || m_changes->isChecked()));
}

void DmsPage::prepare()
{
    const auto chosen = scope();
    if (isPreparing() || m_prepared || settings().problem() || !chosen)
        return;
    core::DmsPlanOptions options;
    options.source = m_session->source();
    options.target = m_session->target();
    options.scope = *chosen;
    options.settings = settings();
    const QString folder = QDir(m_folder->text().trimmed()).absolutePath();
    m_cancellation = std::make_shared<core::Cancellation>();
    m_status->setText(tr("Creating the schema on the target, foreign keys held back…"));
    m_preparing.setFuture(QtConcurrent::run([options, folder, cancellation = m_cancellation] {
        core::CopyProgressTracker tracker;
        return core::DmsPlan::prepare(options, folder, tracker, *cancellation);
    }));
    updateButtons();
    emit completeChanged();
}

void DmsPage::prepared()
{
    const core::DmsPlan::Outcome outcome = m_preparing.result();
    if (!outcome.succeeded()) {
        QString text = tr("Not prepared: %1").arg(outcome.error);
        if (!outcome.schema.createdOnTarget.isEmpty())
            text += u'\n'
                + tr("The schema copy created %n object(s) on the target before it stopped; drop "
                     "them before trying again.",
                     nullptr, int(outcome.schema.createdOnTarget.size()));
        m_status->setText(text);
        m_status->setStyleSheet(widgets::statusStyleSheet(widgets::Status::Error, m_status));
        updateButtons();
        emit completeChanged();
        return;
    }
    m_prepared = true;
    m_session->setDms(settings(), scope().value_or(core::CopyScope{}));
    m_status->setStyleSheet(QString());
    QStringList held;
    for (const core::ForeignKey &k : outcome.heldBack)
        held << k.qualifiedTable() + u'.' + k.name;
    m_status->setText(
        tr("Schema created on the target; %n table(s) in the mapping. ", nullptr,
           int(outcome.tables.size()))
        + (held.isEmpty()
               ? tr("No foreign key to hold back.")
               : tr("Held back until the cutover: %1.").arg(held.join(QStringLiteral(", "))))
        + u' '
        + tr("Files in %1. Run the commands of aws-commands.sh; once the full load is done, go on.")
              .arg(QDir::toNativeSeparators(QFileInfo(outcome.files.value(0)).absolutePath())));
    m_files->clear();
    for (const QString &path : outcome.files) {
        QFile file(path);
        if (file.open(QIODevice::ReadOnly))
            showFile(QFileInfo(path).fileName(), QString::fromUtf8(file.readAll()));
    }
    updateButtons();
    emit completeChanged();
}

void DmsPage::showFile(const QString &title, const QString &text)
{
    auto *page = new QWidget(m_files);
    auto *view = new QPlainTextEdit(text, page);
    view->setReadOnly(true);
    view->setLineWrapMode(QPlainTextEdit::NoWrap);
    view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    auto *copy = new QPushButton(tr("&Copy"), page);
    copy->setObjectName(QStringLiteral("copyFileButton"));
    connect(copy, &QPushButton::clicked, view,
            [view] { QApplication::clipboard()->setText(view->toPlainText()); });
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addWidget(view, 1);
    layout->addWidget(copy, 0, Qt::AlignRight);
    m_files->addTab(page, title);
}

void DmsPage::sample()
{
    if (m_sampling.isRunning())
        return;
    const core::ConnectionSettings source = m_session->source();
    const core::ConnectionSettings target = m_session->target();
    const QString slot = settings().slotName;
    const core::CopyScope chosen = scope().value_or(core::CopyScope{});
    m_sampling.setFuture(QtConcurrent::run([source, target, slot, chosen]() -> Sample {
        Sample s;
        const auto live = [](core::Connection &c, QHash<QString, qint64> &into) {
            const core::Result r
                = c.exec(QStringLiteral("SELECT schemaname || '.' || relname, n_live_tup FROM "
                                        "pg_catalog.pg_stat_user_tables"));
            for (int row = 0; row < r.rowCount(); ++row)
                into.insert(r.text(row, 0), r.toInt64(row, 1));
        };
        try {
            core::Connection src(source);
            s.tables = core::DmsPlan::tables(src, chosen);
            live(src, s.sourceRows);
            const core::Result r = src.exec(
                QStringLiteral(
                    "SELECT active, pg_catalog.pg_wal_lsn_diff(pg_catalog.pg_current_wal_lsn(),"
                    " confirmed_flush_lsn)::bigint FROM pg_catalog.pg_replication_slots"
                    " WHERE slot_name = $1"),
                {slot});
            if (r.rowCount() == 1) {
                s.slotExists = true;
                s.slotActive = r.toBool(0, 0);
                s.lagBytes = r.isNull(0, 1) ? -1 : r.toInt64(0, 1);
            }
            core::Connection tgt(target);
            live(tgt, s.targetRows);
        } catch (const core::PgError &e) {
            s.error = e.message();
        }
        return s;
    }));
}

void DmsPage::sampled()
{
    const Sample s = m_sampling.result();
    if (!s.error.isEmpty()) {
        m_slotLabel->setText(tr("Could not read the servers: %1").arg(s.error));
        return;
    }
    QList<widgets::RowCountChart::Row> rows;
    for (const core::DmsTable &t : s.tables) {
        const QString name = t.schema + u'.' + t.name;
        widgets::RowCountChart::Row row;
        row.table = name;
        row.source = s.sourceRows.value(name, -1);
        row.target = s.targetRows.value(name, -1);
        row.size = std::max<qint64>(row.source, 0);
        rows << row;
    }
    m_rows->setRows(rows, widgets::RowCountChart::Order::BiggestDifferenceFirst,
                    tr("live rows from statistics"));
    const core::DmsSettings chosen = settings();
    const QString slot = chosen.slotName;
    if (!chosen.changeCapture)
        m_slotLabel->setText(tr("Full load only: no slot to watch."));
    else if (!s.slotExists)
        m_slotLabel->setText(
            tr("No slot %1 on the source yet: DMS creates it when the task starts.").arg(slot));
    else
        m_slotLabel->setText(
            tr("Slot %1 on the source, %2: DMS has not confirmed %3 bytes of WAL.")
                .arg(slot, s.slotActive ? tr("in use") : tr("idle (no DMS task reading it)"),
                     QLocale().toString(std::max<qint64>(s.lagBytes, 0))));
    if (s.slotExists)
        m_lag->addSample(QDateTime::currentDateTimeUtc(), s.lagBytes, -1);
}

} // namespace pgshift::wizard
