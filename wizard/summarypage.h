#pragma once

#include "core/report/migrationreport.h"

#include <QWizardPage>

#include <functional>

class QLabel;
class QPushButton;
class QTextBrowser;

namespace pgshift::widgets {
class RowCountChart;
}

namespace pgshift::wizard {

class MigrationSession;

// The end of the flow: what the migration did (the report itself, as it will be saved) and
// the final row counts per table as a chart; "Save report" writes it as HTML (one file,
// charts inline) or Markdown (charts as PNG files beside it).
class SummaryPage final : public QWizardPage
{
    Q_OBJECT
public:
    // `extraImages` gives charts other pages hold (the replication's lag), rendered on demand.
    SummaryPage(MigrationSession *session, std::function<QList<core::ReportImage>()> extraImages, QWidget *parent = nullptr);

    void initializePage() override;
    int nextId() const override { return -1; }

    // What the session did, with the charts rendered now.
    core::MigrationRecord record() const;
    // Writes the report (format from the file name); the error in words on failure.
    bool saveReport(const QString &path, QString *error) const;
    widgets::RowCountChart *chart() const { return m_chart; }

public slots:
    void saveAs(const QString &format); // "html" or "md": asks where

private:
    MigrationSession *m_session;
    std::function<QList<core::ReportImage>()> m_extraImages;
    QLabel *m_outcome = nullptr;
    QTextBrowser *m_preview = nullptr;
    widgets::RowCountChart *m_chart = nullptr;
    QPushButton *m_saveHtml = nullptr;
    QPushButton *m_saveMarkdown = nullptr;
};

} // namespace pgshift::wizard
