#include "wizard/summarypage.h"

#include "core/migration/dumprestorejob.h"
#include "widgets/chartexport.h"
#include "widgets/rowcountchart.h"
#include "wizard/migrationsession.h"
#include "widgets/statuscolor.h"

#include <QDir>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QStandardPaths>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace pgshift::wizard {
namespace {

// The final counts per table: the checklist's validation, else the copy's verification.
QList<widgets::RowCountChart::Row> finalCounts(const core::MigrationRecord &record)
{
    QList<widgets::RowCountChart::Row> rows;
    if (record.cutover && !record.cutover->rowCounts.isEmpty()) {
        for (const core::TableRowCount &t : record.cutover->rowCounts)
            rows << widgets::RowCountChart::Row{t.schema + u'.' + t.table, t.source, t.target, std::max(t.source, t.target)};
    } else if (record.copy) {
        for (const core::TableStatus &t : record.copy->tables)
            rows << widgets::RowCountChart::Row{t.qualifiedName(), t.sourceRows, t.targetRows, t.heapBytes};
    }
    return rows;
}

} // namespace

SummaryPage::SummaryPage(MigrationSession *session, std::function<QList<core::ReportImage>()> extraImages, QWidget *parent)
    : QWizardPage(parent)
    , m_session(session)
    , m_extraImages(std::move(extraImages))
{
    setObjectName(QStringLiteral("summaryPage"));
    setTitle(tr("Summary"));
    setSubTitle(tr("What the migration did, step by step, and a report to keep: HTML with the charts inside, or Markdown "
                   "for a ticket or a wiki."));
    m_outcome = new QLabel(this);
    m_outcome->setObjectName(QStringLiteral("outcomeLabel"));
    m_outcome->setWordWrap(true);
    m_outcome->setTextFormat(Qt::PlainText);
    QFont bold = m_outcome->font();
    bold.setBold(true);
    m_outcome->setFont(bold);
    m_preview = new QTextBrowser(this);
    m_preview->setObjectName(QStringLiteral("reportPreview"));
    m_preview->setAccessibleName(tr("Migration report"));
    m_chart = new widgets::RowCountChart(this);
    m_chart->setMinimumWidth(300);
    m_saveHtml = new QPushButton(tr("Save report as &HTML…"), this);
    m_saveHtml->setObjectName(QStringLiteral("saveHtmlButton"));
    m_saveMarkdown = new QPushButton(tr("Save report as Mar&kdown…"), this);
    m_saveMarkdown->setObjectName(QStringLiteral("saveMarkdownButton"));

    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_preview);
    split->addWidget(m_chart);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_saveHtml);
    buttons->addWidget(m_saveMarkdown);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_outcome);
    layout->addWidget(split, 1);
    layout->addLayout(buttons);
    connect(m_saveHtml, &QPushButton::clicked, this, [this] { saveAs(QStringLiteral("html")); });
    connect(m_saveMarkdown, &QPushButton::clicked, this, [this] { saveAs(QStringLiteral("md")); });
}

core::MigrationRecord SummaryPage::record() const
{
    core::MigrationRecord r;
    r.generatedAt = QDateTime::currentDateTimeUtc();
    r.source = m_session->source().toUri(core::ConnectionSettings::Password::Omit);
    r.target = m_session->target().toUri(core::ConnectionSettings::Password::Omit);
    if (m_session->sourceFacts())
        r.sourceServer = m_session->sourceFacts()->serverVersion;
    if (m_session->targetFacts())
        r.targetServer = m_session->targetFacts()->serverVersion;
    r.method = m_session->method();
    r.preflight = m_session->preflight();
    if (r.method == core::Method::Dump) {
        if (const core::DumpRestoreJob *job = m_session->copyJob(); job && job->isFinished()) {
            r.copy = job->report();
            r.cutover = job->checklistReport();
        }
    } else {
        r.cutover = m_session->cutoverReport();
    }
    if (m_extraImages)
        r.images = m_extraImages();
    if (!m_chart->rows().isEmpty())
        r.images << core::ReportImage{QStringLiteral("rows"), tr("Rows per table, source and target"), m_chart->toPng()};
    return r;
}

void SummaryPage::initializePage()
{
    const core::MigrationRecord r = record();
    m_chart->setRows(finalCounts(r), widgets::RowCountChart::Order::LargestFirst, tr("exact counts"));
    const core::MigrationReport report(r);
    m_preview->setMarkdown(report.toMarkdown(QString()));
    const bool failed = (r.cutover && !r.cutover->succeeded) || (r.copy && !r.copy->succeeded()) || (!r.cutover && !r.copy);
    m_outcome->setStyleSheet(widgets::statusStyleSheet(failed ? widgets::Status::Error : widgets::Status::Success, m_outcome));
    if (r.cutover && r.cutover->succeeded)
        m_outcome->setText(tr("Migration complete; write downtime %1 s.").arg(QLocale().toString(r.cutover->downtimeMs / 1000.0, 'f', 1)));
    else if (!failed)
        m_outcome->setText(tr("Copy complete and verified."));
    else
        m_outcome->setText(tr("The migration did not complete; the report says where it stopped."));
}

bool SummaryPage::saveReport(const QString &path, QString *error) const
{
    return core::MigrationReport(record()).write(path, error);
}

void SummaryPage::saveAs(const QString &format)
{
    const bool html = format == QStringLiteral("html");
    const QString db = m_session->source().dbname().isEmpty() ? QStringLiteral("database") : m_session->source().dbname();
    const QString name = QStringLiteral("pgshift-%1-%2.%3")
                             .arg(db, QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmm")), html ? QStringLiteral("html")
                                                                                                                    : QStringLiteral("md"));
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    widgets::exportWithDialog(this, tr("Save the migration report"), QDir(dir).filePath(name),
                              html ? tr("HTML (*.html)") : tr("Markdown (*.md)"),
                              [this](const QString &path, QString *error) { return saveReport(path, error); });
}

} // namespace pgshift::wizard
