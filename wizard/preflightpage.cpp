#include "wizard/preflightpage.h"

#include "core/checks/reportformat.h"
#include "core/pg/connection.h"
#include "core/pg/pgerror.h"
#include "widgets/checkreportview.h"
#include "widgets/fixdialog.h"
#include "wizard/migrationsession.h"
#include "wizard/migrationwizard.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace pgshift::wizard {
namespace {

using Group = widgets::CheckReportView::Group;

// Runs a fix's statements in one transaction, so a failure changes nothing.
QString applyFix(const core::ConnectionSettings &settings, const QStringList &statements)
{
    try {
        core::Connection connection(settings);
        connection.exec(QStringLiteral("BEGIN"));
        try {
            for (const QString &statement : statements)
                connection.exec(statement);
            connection.exec(QStringLiteral("COMMIT"));
        } catch (const core::PgError &) {
            connection.exec(QStringLiteral("ROLLBACK"));
            throw;
        }
        return {};
    } catch (const core::PgError &error) {
        const QString plain = error.explanation();
        return plain.isEmpty() ? error.serverText() : plain + u'\n' + error.serverText();
    }
}

} // namespace

PreflightPage::PreflightPage(MigrationSession *session, QWidget *parent)
    : QWizardPage(parent)
    , m_session(session)
{
    setObjectName(QStringLiteral("preflightPage"));
    setTitle(tr("Prerequisites"));
    setSubTitle(tr("Everything the chosen method needs, checked on both servers. Nothing is "
                   "changed unless you run a fix."));
    setupLayout();
    connect(&m_checks, &QFutureWatcher<Outcome>::finished, this, &PreflightPage::checksFinished);
    connect(&m_fix, &QFutureWatcher<QString>::finished, this, &PreflightPage::fixFinished);
    connect(m_view, &widgets::CheckReportView::currentResultChanged, this, &PreflightPage::updateButtons);
    connect(m_rerun, &QPushButton::clicked, this, &PreflightPage::runChecks);
    connect(m_copy, &QPushButton::clicked, this, &PreflightPage::copySelectedFix);
    connect(m_runFix, &QPushButton::clicked, this, &PreflightPage::runSelectedFix);
    connect(m_export, &QPushButton::clicked, this, &PreflightPage::chooseExportFile);
    connect(m_acknowledge, &QCheckBox::toggled, this, &PreflightPage::completeChanged);
}

PreflightPage::~PreflightPage()
{
    // Never wait here: the workers own copies of what they use, notice the flag between
    // checks, and their result is simply dropped.
    if (m_cancel)
        m_cancel->store(true);
}

void PreflightPage::setupLayout()
{
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("summaryLabel"));
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::PlainText);
    m_rerun = new QPushButton(tr("&Re-run checks"), this);
    m_rerun->setObjectName(QStringLiteral("rerunButton"));
    m_view = new widgets::CheckReportView(this);
    m_copy = new QPushButton(tr("&Copy fix SQL"), this);
    m_copy->setObjectName(QStringLiteral("copyFixButton"));
    m_runFix = new QPushButton(tr("R&un fix…"), this);
    m_runFix->setObjectName(QStringLiteral("runFixButton"));
    m_runFix->setToolTip(tr("Only for fixes that are safe to run from here; you see the SQL first."));
    m_export = new QPushButton(tr("&Export report…"), this);
    m_export->setObjectName(QStringLiteral("exportButton"));
    m_acknowledge = new QCheckBox(tr("I have read the &warnings"), this);
    m_acknowledge->setObjectName(QStringLiteral("acknowledgeWarnings"));

    auto *top = new QHBoxLayout;
    top->addWidget(m_summary, 1);
    top->addWidget(m_rerun);
    auto *actions = new QHBoxLayout;
    actions->addWidget(m_copy);
    actions->addWidget(m_runFix);
    actions->addWidget(m_export);
    actions->addStretch(1);
    actions->addWidget(m_acknowledge);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_view, 1);
    layout->addLayout(actions);
}

int PreflightPage::nextId() const
{
    switch (m_session->method()) {
    case core::Method::Dump: return MigrationWizard::DumpRestorePageId;
    case core::Method::Logical: return MigrationWizard::ReplicationPageId;
    case core::Method::Dms: return MigrationWizard::DmsPageId;
    }
    return -1;
}

void PreflightPage::initializePage()
{
    if (const auto &report = m_session->preflight(); report && report->method == m_session->method()) {
        m_view->setReport(*report);
        m_summary->setText(summary());
        updateButtons();
        return;
    }
    runChecks();
}

void PreflightPage::cleanupPage()
{
    if (m_cancel)
        m_cancel->store(true); // going back: stop checking for settings that may change
}

void PreflightPage::runChecks()
{
    if (isBusy())
        return;
    m_busy = true;
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    core::Preflight::Options options;
    options.method = m_session->method();
    const auto source = m_session->source();
    const auto target = m_session->target();
    const auto cancel = m_cancel;
    m_view->clear();
    m_acknowledge->setChecked(false);
    m_summary->setText(tr("Checking the %1 prerequisites on both servers…").arg(core::methodTitle(options.method)));
    m_checks.setFuture(QtConcurrent::run([source, target, options, cancel]() -> Outcome {
        try {
            return {core::Preflight::run(source, target, options, cancel.get()), {}};
        } catch (const core::PgError &error) {
            const QString plain = error.explanation();
            return {std::nullopt, plain.isEmpty() ? error.message() : plain + u'\n' + error.message()};
        }
    }));
    updateButtons();
    emit completeChanged();
}

void PreflightPage::checksFinished()
{
    m_busy = false;
    const Outcome outcome = m_checks.result();
    if (outcome.report) {
        m_session->setPreflight(*outcome.report);
        m_view->setReport(*outcome.report);
        m_summary->setText(summary());
    } else {
        m_summary->setText(tr("The checks could not run: %1").arg(outcome.error));
    }
    updateButtons();
    emit completeChanged();
}

QString PreflightPage::summary() const
{
    const auto &report = m_session->preflight();
    if (!report)
        return m_summary->text();
    const int blockers = report->blockers();
    const QString counts = tr("%1 (%2 ms).").arg(core::ReportFormat::counts(*report)).arg(report->elapsedMs);
    return blockers > 0 ? counts + u' ' + tr("Fix the blockers, then re-run the checks.") : counts;
}

bool PreflightPage::isComplete() const
{
    const auto &report = m_session->preflight();
    if (isBusy() || !report || report->method != m_session->method())
        return false;
    if (m_view->count(Group::Blockers) > 0)
        return false;
    return m_view->count(Group::Warnings) == 0 || m_acknowledge->isChecked();
}

void PreflightPage::updateButtons()
{
    const core::CheckResult *current = m_view->currentResult();
    const bool busy = isBusy();
    m_rerun->setEnabled(!busy);
    m_copy->setEnabled(current && !current->fixSql.isEmpty());
    m_runFix->setEnabled(!busy && current && current->fixIsSafe && !current->fixSql.isEmpty()
                         && current->status != core::CheckResult::Status::Pass);
    m_export->setEnabled(!busy && m_session->preflight().has_value());
    m_acknowledge->setVisible(m_view->count(Group::Warnings) > 0);
}

void PreflightPage::copySelectedFix() const
{
    if (const core::CheckResult *current = m_view->currentResult())
        QApplication::clipboard()->setText(current->fixSql);
}

void PreflightPage::runSelectedFix()
{
    const core::CheckResult *current = m_view->currentResult();
    if (!current || !current->fixIsSafe || isBusy())
        return;
    const bool onSource = current->fixSide == core::CheckResult::Side::Source;
    QStringList statements;
    for (const QString &line : current->fixSql.split(u'\n')) {
        if (!line.trimmed().isEmpty())
            statements << line;
    }
    widgets::FixDialog confirm(onSource ? tr("Run these statements on the source, in one "
                                             "transaction? Untick any you do not want.")
                                        : tr("Run these statements on the target, in one "
                                             "transaction? Untick any you do not want."),
                               statements, this);
    if (confirm.exec() != QDialog::Accepted || confirm.selectedStatements().isEmpty())
        return;
    statements = confirm.selectedStatements();
    const core::ConnectionSettings settings = onSource ? m_session->source() : m_session->target();
    m_summary->setText(tr("Running the fix…"));
    m_busy = true;
    m_fix.setFuture(QtConcurrent::run([settings, statements] { return applyFix(settings, statements); }));
    updateButtons();
    emit completeChanged();
}

void PreflightPage::fixFinished()
{
    m_busy = false;
    const QString error = m_fix.result();
    if (!error.isEmpty()) {
        m_summary->setText(tr("The fix failed and was rolled back: %1").arg(error));
        updateButtons();
        emit completeChanged();
        return;
    }
    runChecks(); // show what the fix changed
}

bool PreflightPage::exportReport(const QString &path, QString *error) const
{
    const auto &report = m_session->preflight();
    if (!report) {
        if (error)
            *error = tr("There is no report yet.");
        return false;
    }
    QByteArray data;
    if (path.endsWith(QLatin1String(".json"), Qt::CaseInsensitive))
        data = core::ReportFormat::toJson(*report);
    else if (path.endsWith(QLatin1String(".html"), Qt::CaseInsensitive) || path.endsWith(QLatin1String(".htm"), Qt::CaseInsensitive))
        data = core::ReportFormat::toHtml(*report).toUtf8();
    else
        data = core::ReportFormat::toMarkdown(*report).toUtf8();
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(data) != data.size()) {
        if (error)
            *error = file.errorString();
        return false;
    }
    return true;
}

void PreflightPage::chooseExportFile()
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export the preflight report"), QStringLiteral("pgshift-preflight.md"),
        tr("Markdown (*.md);;HTML (*.html);;JSON (*.json)"));
    QString error;
    if (!path.isEmpty() && !exportReport(path, &error))
        QMessageBox::warning(this, tr("Export failed"), tr("Could not write %1: %2").arg(path, error));
}

} // namespace pgshift::wizard
