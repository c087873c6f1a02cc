#pragma once

#include "core/checks/preflight.h"

#include <QFutureWatcher>
#include <QWizardPage>

#include <atomic>
#include <memory>

class QCheckBox;
class QLabel;
class QPushButton;

namespace pgshift::widgets {
class CheckReportView;
}

namespace pgshift::wizard {

class MigrationSession;

// Runs the preflight for the chosen method and shows it. Next stays disabled while a blocker
// remains and until warnings are acknowledged. Safe fixes run from here after the user saw
// their exact SQL; every report can be exported.
class PreflightPage final : public QWizardPage
{
    Q_OBJECT
public:
    // What a background run produced: a report, or why there is none.
    struct Outcome
    {
        std::optional<core::PreflightReport> report;
        QString error;
    };

    explicit PreflightPage(MigrationSession *session, QWidget *parent = nullptr);
    ~PreflightPage() override;

    void initializePage() override;
    void cleanupPage() override;
    bool isComplete() const override;
    // Each method goes on to its own run page (AWS DMS's is still to come).
    int nextId() const override;

    widgets::CheckReportView *reportView() const { return m_view; }
    // From starting checks or a fix until its result is shown.
    bool isBusy() const { return m_busy; }
    QString summary() const;
    // Writes the current report; the format follows the extension (.md, .html, .json).
    bool exportReport(const QString &path, QString *error = nullptr) const;

public slots:
    void runChecks();
    void runSelectedFix();
    void copySelectedFix() const;

private:
    void setupLayout();
    void checksFinished();
    void fixFinished();
    void updateButtons();
    void chooseExportFile();

    MigrationSession *m_session;
    QLabel *m_summary = nullptr;
    QPushButton *m_rerun = nullptr;
    QPushButton *m_copy = nullptr;
    QPushButton *m_runFix = nullptr;
    QPushButton *m_export = nullptr;
    QCheckBox *m_acknowledge = nullptr;
    widgets::CheckReportView *m_view = nullptr;
    QFutureWatcher<Outcome> m_checks;
    QFutureWatcher<QString> m_fix; // empty string: the fix ran
    std::shared_ptr<std::atomic<bool>> m_cancel;
    bool m_busy = false;
};

} // namespace pgshift::wizard
