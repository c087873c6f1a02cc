#include "wizard/sequencespage.h"

#include "core/pg/connection.h"
#include "core/pg/pgerror.h"
#include "widgets/chartexport.h"
#include "wizard/migrationsession.h"
#include "wizard/migrationwizard.h"
#include "widgets/statuscolor.h"

#include <QApplication>
#include <QButtonGroup>
#include <QClipboard>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QThread>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace pgshift::wizard {
namespace {

constexpr int RateSampleSeconds = 5;

enum Column { SchemaColumn, NameColumn, OwnerColumn, SourceColumn, TargetColumn, ProposedColumn, NoteColumn, ColumnCount };

QString key(const QString &schema, const QString &name)
{
    return schema + QChar(0x1f) + name;
}

} // namespace

SequencesPage::SequencesPage(MigrationSession *session, QWidget *parent)
    : QWizardPage(parent)
    , m_session(session)
{
    setObjectName(QStringLiteral("sequencesPage"));
    setTitle(tr("Sequences"));
    setSubTitle(tr("Replication does not copy sequence values. At cutover each target sequence moves a margin ahead of "
                   "its source, so the first insert on the target cannot collide with a copied row."));
    setupLayout();
    connect(&m_reading, &QFutureWatcher<Reading>::finished, this, &SequencesPage::readingFinished);
    connect(&m_applying, &QFutureWatcher<Applied>::finished, this, &SequencesPage::applyFinished);
}

void SequencesPage::setupLayout()
{
    m_fixed = new QRadioButton(tr("Margin of"), this);
    m_fixed->setObjectName(QStringLiteral("fixedMarginRadio"));
    m_fixed->setChecked(true);
    m_rate = new QRadioButton(tr("From the rate measured over %n second(s), for a cutover window of", nullptr, RateSampleSeconds),
                              this);
    m_rate->setObjectName(QStringLiteral("rateMarginRadio"));
    auto *group = new QButtonGroup(this);
    group->addButton(m_fixed);
    group->addButton(m_rate);
    m_margin = new QSpinBox(this);
    m_margin->setObjectName(QStringLiteral("marginSpin"));
    m_margin->setRange(0, 1000000000);
    m_margin->setValue(int(core::SequenceSync::DefaultMargin));
    m_margin->setSuffix(tr(" increments"));
    m_margin->setAccessibleName(tr("Margin, in increments"));
    m_window = new QSpinBox(this);
    m_window->setRange(1, 86400);
    m_window->setValue(60);
    m_window->setSuffix(tr(" s (x3)"));
    m_window->setAccessibleName(tr("Cutover window, in seconds"));
    m_table = new QTableWidget(0, ColumnCount, this);
    m_table->setObjectName(QStringLiteral("sequencesTable"));
    m_table->setHorizontalHeaderLabels({tr("Schema"), tr("Sequence"), tr("Owned by"), tr("Source"), tr("Target"), tr("Proposed"),
                                        tr("Note")});
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->horizontalHeader()->setSectionResizeMode(NoteColumn, QHeaderView::Stretch);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("sequencesStatusLabel"));
    m_status->setWordWrap(true);
    m_refresh = new QPushButton(tr("&Refresh"), this);
    m_copy = new QPushButton(tr("&Copy SQL"), this);
    m_copy->setObjectName(QStringLiteral("copySqlButton"));
    m_save = new QPushButton(tr("&Save .sql…"), this);
    m_apply = new QPushButton(tr("&Apply to target now"), this);
    m_apply->setObjectName(QStringLiteral("applyButton"));
    m_apply->setToolTip(tr("Usually left to the cutover, which applies them after writes stopped"));

    auto *marginRow = new QHBoxLayout;
    marginRow->addWidget(m_fixed);
    marginRow->addWidget(m_margin);
    marginRow->addSpacing(16);
    marginRow->addWidget(m_rate);
    marginRow->addWidget(m_window);
    marginRow->addStretch(1);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_refresh);
    buttons->addStretch(1);
    buttons->addWidget(m_copy);
    buttons->addWidget(m_save);
    buttons->addWidget(m_apply);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(marginRow);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_status);
    layout->addLayout(buttons);

    connect(m_refresh, &QPushButton::clicked, this, &SequencesPage::refresh);
    connect(m_apply, &QPushButton::clicked, this, &SequencesPage::apply);
    connect(m_margin, &QSpinBox::valueChanged, this, [this] {
        m_appliedNote.clear();
        showPlans();
    });
    connect(m_fixed, &QRadioButton::toggled, this, [this](bool fixed) {
        if (fixed)
            showPlans();
        else
            refresh(); // measure
    });
    connect(m_window, &QSpinBox::editingFinished, this, [this] {
        if (m_rate->isChecked())
            refresh();
    });
    connect(m_copy, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(script()); });
    connect(m_save, &QPushButton::clicked, this, [this] {
        widgets::exportWithDialog(this, tr("Save the sequence script"), QStringLiteral("sequences.sql"), tr("SQL (*.sql)"),
                         [this](const QString &path, QString *error) { return widgets::writeTextFile(path, script(), error); });
    });
    updateButtons();
}

qint64 SequencesPage::margin() const
{
    if (m_rate->isChecked() && m_last.rateMargin >= 0)
        return m_last.rateMargin;
    return m_margin->value();
}

void SequencesPage::initializePage()
{
    refresh();
}

bool SequencesPage::isComplete() const
{
    return !m_reading.isRunning() && !m_applying.isRunning();
}

int SequencesPage::nextId() const
{
    return MigrationWizard::CutoverPageId;
}

void SequencesPage::refresh()
{
    if (m_reading.isRunning() || m_applying.isRunning())
        return;
    core::ConnectionSettings source = m_session->source();
    core::ConnectionSettings target = m_session->target();
    core::CopyScope scope;
    if (const auto &running = m_session->replication()) {
        source = running->copy.source;
        target = running->copy.target;
        scope = running->copy.scope;
    }
    const bool measure = m_rate->isChecked();
    const int window = m_window->value();
    m_status->setText(measure ? tr("Reading the sequences twice, %n second(s) apart…", nullptr, RateSampleSeconds)
                              : tr("Reading the sequences…"));
    m_reading.setFuture(QtConcurrent::run([source, target, scope, measure, window] {
        Reading r;
        try {
            core::Connection s(source);
            r.source = core::SequenceSync::read(s, scope);
            if (measure) {
                QThread::sleep(RateSampleSeconds);
                const QList<core::SequenceInfo> later = core::SequenceSync::read(s, scope);
                r.rateMargin = core::SequenceSync::marginFromRate(r.source, later, RateSampleSeconds, window);
                r.source = later;
            }
            core::Connection t(target);
            for (const core::SequenceInfo &info : core::SequenceSync::read(t, core::CopyScope()))
                r.target.insert(key(info.schema, info.name), info.lastValue);
        } catch (const core::PgError &e) {
            r.error = e.message();
        }
        return r;
    }));
    updateButtons();
}

void SequencesPage::readingFinished()
{
    m_last = m_reading.result();
    if (!m_last.error.isEmpty()) {
        m_status->setText(tr("Cannot read the sequences: %1").arg(m_last.error));
        updateButtons();
        return;
    }
    showPlans();
}

void SequencesPage::showPlans()
{
    m_plans = core::SequenceSync::plan(m_last.source, margin());
    m_session->setSequenceMargin(margin());
    const QLocale locale;
    const auto number = [&locale](const std::optional<qint64> &v) { return v ? locale.toString(*v) : tr("never used"); };
    m_table->setRowCount(int(m_plans.size()));
    int clamped = 0;
    int missing = 0;
    for (int row = 0; row < m_plans.size(); ++row) {
        const core::SequencePlan &p = m_plans[row];
        const core::SequenceInfo &s = p.sequence;
        const QString k = key(s.schema, s.name);
        const bool onTarget = m_last.target.contains(k);
        missing += onTarget ? 0 : 1;
        clamped += p.clamped ? 1 : 0;
        const QString owner = s.ownedBy.isEmpty() ? QString() : (s.identity ? tr("%1 (identity)").arg(s.ownedBy) : s.ownedBy);
        const QString texts[ColumnCount] = {
            s.schema, s.name, owner, s.readable ? number(s.lastValue) : tr("not readable"),
            onTarget ? number(m_last.target.value(k)) : tr("missing"),
            p.skipped() ? QString() : locale.toString(p.value) + (p.isCalled ? QString() : tr(" (next value)")),
            p.note};
        for (int column = 0; column < ColumnCount; ++column) {
            QTableWidgetItem *item = m_table->item(row, column);
            if (!item) {
                item = new QTableWidgetItem;
                if (column >= SourceColumn && column <= ProposedColumn)
                    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
                m_table->setItem(row, column, item);
            }
            item->setText(texts[column]);
            item->setToolTip(texts[column]);
        }
        m_table->item(row, NoteColumn)->setForeground(p.clamped || !onTarget ? widgets::statusColor(widgets::Status::Error, m_table->palette()) : QColor());
    }
    m_table->resizeColumnsToContents();
    QString text = tr("%n sequence(s), margin %1 increments", nullptr, int(m_plans.size())).arg(locale.toString(margin()));
    if (m_rate->isChecked() && m_last.rateMargin >= 0)
        text += tr(" (from the rate measured)");
    if (clamped > 0)
        text += u'\n' + tr("%n sequence(s) would pass their limit: clamped, see the note.", nullptr, clamped);
    if (missing > 0)
        text += u'\n' + tr("%n sequence(s) missing on the target: the schema copy did not bring them.", nullptr, missing);
    if (!m_appliedNote.isEmpty())
        text += u'\n' + m_appliedNote;
    m_status->setText(text);
    updateButtons();
}

void SequencesPage::apply()
{
    if (m_applying.isRunning() || m_plans.isEmpty())
        return;
    if (QMessageBox::question(this, tr("Apply sequences"),
                              tr("Set %n sequence(s) on the target now? Writes still going to the source move its sequences "
                                 "on; the cutover sets them again after writes stopped.",
                                 nullptr, int(m_plans.size())))
        != QMessageBox::Yes)
        return;
    core::ConnectionSettings source = m_session->source();
    core::ConnectionSettings target = m_session->target();
    core::CopyScope scope;
    if (const auto &running = m_session->replication()) {
        source = running->copy.source;
        target = running->copy.target;
        scope = running->copy.scope;
    }
    const QList<core::SequencePlan> plans = m_plans;
    m_appliedNote.clear();
    m_status->setText(tr("Applying…"));
    m_applying.setFuture(QtConcurrent::run([source, target, scope, plans]() mutable {
        Applied a;
        a.plans = plans;
        try {
            core::Connection t(target);
            a.set = core::SequenceSync::apply(t, a.plans);
            core::Connection s(source);
            a.behind = core::SequenceSync::behind(s, t, scope);
        } catch (const core::PgError &e) {
            a.error = e.message();
        }
        return a;
    }));
    updateButtons();
}

void SequencesPage::applyFinished()
{
    const Applied a = m_applying.result();
    if (!a.error.isEmpty()) {
        m_status->setText(tr("Applying failed: %1").arg(a.error));
        updateButtons();
        return;
    }
    QString text = tr("Set %n sequence(s) on the target.", nullptr, a.set);
    text += a.behind.isEmpty() ? u' ' + tr("Verified: every target sequence is ahead of its source.")
                               : u'\n' + tr("Not ahead: %1").arg(a.behind.join(QStringLiteral("; ")));
    m_appliedNote = text;
    refresh(); // the target column shows what is there now
}

void SequencesPage::updateButtons()
{
    const bool busy = m_reading.isRunning() || m_applying.isRunning();
    m_refresh->setEnabled(!busy);
    m_copy->setEnabled(!busy && !m_plans.isEmpty());
    m_save->setEnabled(!busy && !m_plans.isEmpty());
    m_apply->setEnabled(!busy && !m_plans.isEmpty());
    m_margin->setEnabled(m_fixed->isChecked());
    Q_EMIT completeChanged();
}

} // namespace pgshift::wizard
