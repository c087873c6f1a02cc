#include "wizard/checklistpanel.h"

#include "wizard/checklisttable.h"
#include "widgets/statuscolor.h"

#include <QApplication>
#include <QClipboard>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace pgshift::wizard {
namespace {

QString seconds(qint64 ms)
{
    return QLocale().toString(ms / 1000.0, 'f', 1);
}

} // namespace

ChecklistPanel::ChecklistPanel(QWidget *parent)
    : QWidget(parent)
{
    m_table = new ChecklistTable(this);
    m_downtime = new QLabel(this);
    m_downtime->setObjectName(QStringLiteral("downtimeLabel"));
    QFont bold = m_downtime->font();
    bold.setBold(true);
    m_downtime->setFont(bold);
    m_result = new QLabel(this);
    m_result->setObjectName(QStringLiteral("checklistResultLabel"));
    m_result->setWordWrap(true);
    m_result->setTextFormat(Qt::PlainText);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_targetUri = new QLineEdit(this);
    m_targetUri->setObjectName(QStringLiteral("targetUriEdit"));
    m_targetUri->setReadOnly(true);
    m_targetUri->setAccessibleName(tr("Target connection string"));
    m_copyUri = new QPushButton(tr("C&opy"), this);
    m_copyUri->setObjectName(QStringLiteral("copyUriButton"));
    m_reenable = new QPushButton(tr("Re-enable &writes on the source"), this);
    m_reenable->setObjectName(QStringLiteral("reenableButton"));
    m_reenable->setToolTip(tr("Lifts pgshift's write block: for whoever still needs to write to the old primary"));

    auto *uriRow = new QHBoxLayout;
    uriRow->addWidget(new QLabel(tr("Target for the application:"), this));
    uriRow->addWidget(m_targetUri, 1);
    uriRow->addWidget(m_copyUri);
    uriRow->addWidget(m_reenable);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_downtime);
    layout->addWidget(m_result);
    layout->addLayout(uriRow);

    m_downtimeTicker.setInterval(100);
    connect(&m_downtimeTicker, &QTimer::timeout, this,
            [this] { m_downtime->setText(tr("Write downtime: %1 s").arg(seconds(m_downtimeClock.elapsed()))); });
    connect(m_copyUri, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(m_targetUri->text()); });
    connect(m_reenable, &QPushButton::clicked, this, &ChecklistPanel::reenableWrites);
    connect(&m_reenabling, &QFutureWatcher<QStringList>::finished, this, &ChecklistPanel::reenabled);
    updateButtons();
}

ChecklistPanel::~ChecklistPanel()
{
    m_reenabling.waitForFinished();
}

void ChecklistPanel::setPlan(const QList<core::CutoverStep> &steps)
{
    m_table->setPlan(steps);
}

void ChecklistPanel::begin(const core::CutoverOptions &options)
{
    m_ran = options;
    m_report.reset();
    m_reenabled = false;
    m_result->clear();
    m_result->setStyleSheet(QString());
    m_targetUri->clear();
    m_downtime->clear();
    m_table->setPlan(core::Cutover::plan(options));
    updateButtons();
}

void ChecklistPanel::showStep(const core::CutoverStep &step)
{
    m_table->showStep(step);
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

void ChecklistPanel::setNote(const QString &text)
{
    m_result->setStyleSheet(QString());
    m_result->setText(text);
}

void ChecklistPanel::finish(const core::CutoverReport &report)
{
    m_report = report;
    m_downtimeTicker.stop();
    for (const core::CutoverStep &step : report.steps)
        m_table->showStep(step); // the final word on every row, skipped ones included
    const bool dump = m_ran && m_ran->method == core::Method::Dump;
    const bool blocked = m_ran && m_ran->writeBlock.blocks();
    if (report.succeeded) {
        m_downtime->setText(tr("Write downtime: %1 s").arg(seconds(report.downtimeMs)));
        m_targetUri->setText(report.targetConnection);
        m_result->setStyleSheet(widgets::statusStyleSheet(widgets::Status::Success, m_result));
        QString text = dump ? tr("Copy complete and every checklist step done. Point the application at the target (its "
                                 "password as before).")
                            : tr("Cutover complete. Point the application at the target (its password as before).");
        if (blocked)
            text += u' ' + tr("The source stays read-only for what was blocked, so nothing lands on the old primary.");
        if (m_ran && m_ran->method == core::Method::Dms)
            text += u' ' + tr("Then stop and delete the DMS task and its endpoints (section 4 of aws-commands.sh).");
        m_result->setText(text);
    } else {
        m_result->setStyleSheet(widgets::statusStyleSheet(widgets::Status::Error, m_result));
        QString text = tr("Stopped: %1").arg(report.failure);
        if (report.rolledBack) {
            text += u'\n' + (dump ? tr("Writes are allowed again on the source.")
                                  : tr("Writes are allowed again on the source; replication is still running. Fix the "
                                       "cause and run the cutover again."));
        }
        for (const QString &problem : report.rollbackProblems)
            text += u'\n' + tr("Re-enabling writes failed: %1").arg(problem);
        m_result->setText(text);
        m_downtime->clear();
    }
    updateButtons();
}

void ChecklistPanel::reenableWrites()
{
    if (!m_ran || m_reenabling.isRunning())
        return;
    // What the checklist blocked, with the endpoints it ran on.
    const core::CutoverOptions ran = *m_ran;
    m_reenabling.setFuture(QtConcurrent::run([ran] { return core::Cutover::reenableWrites(ran); }));
    m_reenabled = true;
    updateButtons();
}

void ChecklistPanel::reenabled()
{
    const QStringList problems = m_reenabling.result();
    if (problems.isEmpty()) {
        m_result->setText(m_result->text() + u'\n' + tr("Writes are allowed again on the source."));
    } else {
        m_reenabled = false;
        QMessageBox::warning(this, tr("Re-enable writes"), problems.join(u'\n'));
    }
    updateButtons();
}

void ChecklistPanel::updateButtons()
{
    m_copyUri->setEnabled(!m_targetUri->text().isEmpty());
    m_reenable->setEnabled(m_report && m_report->succeeded && m_ran && m_ran->writeBlock.blocks() && !m_reenabled
                           && !m_reenabling.isRunning());
}

} // namespace pgshift::wizard
