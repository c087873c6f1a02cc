#pragma once

#include "core/cutover/cutover.h"
#include "core/migration/copyprogress.h"

#include <QFutureWatcher>
#include <QWizardPage>

class QButtonGroup;
class QCheckBox;
class QComboBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTabWidget;
class QTableView;

namespace pgshift::widgets {
class CopyTableModel;
class RowCountChart;
}

namespace pgshift::wizard {

class ChecklistPanel;
class MigrationSession;
class WriteBlockBox;

// Runs dump & restore: what to copy (the whole database or some schemas and tables) and how
// (engine, parallel workers), then the run itself: phase, percent, MB/s and ETA, every
// table's status and the row-count chart, the verification's verdict, Cancel; and after a
// run that did not finish, what it left on the target with the exact SQL that drops it.
// When writes are to stop on the source, the copy runs inside the short cutover checklist:
// writes stopped (sessions listed first), copy, sequences ahead, validation, with the
// downtime, the target's connection string and a way to re-enable writes.
class DumpRestorePage final : public QWizardPage
{
    Q_OBJECT
public:
    explicit DumpRestorePage(MigrationSession *session, QWidget *parent = nullptr);

    void initializePage() override;
    bool isComplete() const override;
    int nextId() const override;

    // The options the form describes, or nullopt with the reason in `error`.
    std::optional<core::CopyOptions> options(QString *error = nullptr) const;
    // The checklist around the copy (dump & restore form), when writes are to be stopped.
    std::optional<core::CutoverOptions> checklist(const core::CopyOptions &copy) const;

    QString summary() const;
    widgets::CopyTableModel *tableModel() const { return m_model; }
    widgets::RowCountChart *chart() const { return m_chart; }

public slots:
    void startCopy();
    void cancelCopy();
    // Shows the SQL that drops what the last run left on the target, and runs it if asked.
    void reviewCleanup();

private:
    void setupLayout();
    void updateForm();
    void refreshPlan();
    void launch(const core::CopyOptions &options);
    void showProgress(const core::CopyProgress &progress);
    void copyFinished(const core::CopyReport &report);
    void cleanupFinished();

    MigrationSession *m_session;
    QGroupBox *m_form = nullptr;
    QComboBox *m_engine = nullptr;
    QLineEdit *m_archiveDir = nullptr;
    QPushButton *m_browse = nullptr;
    QSpinBox *m_jobs = nullptr;
    QButtonGroup *m_scopeChoice = nullptr;
    QLineEdit *m_schemas = nullptr;
    QLineEdit *m_tables = nullptr;
    WriteBlockBox *m_block = nullptr;
    QSpinBox *m_margin = nullptr;
    QCheckBox *m_checksums = nullptr;
    QLabel *m_formError = nullptr;
    QPushButton *m_start = nullptr;
    QPushButton *m_cancel = nullptr;
    QLabel *m_phase = nullptr;
    QProgressBar *m_bar = nullptr;
    QLabel *m_stats = nullptr;
    QTableView *m_tableView = nullptr;
    widgets::CopyTableModel *m_model = nullptr;
    widgets::RowCountChart *m_chart = nullptr;
    QTabWidget *m_tabs = nullptr;
    ChecklistPanel *m_checklist = nullptr;
    QLabel *m_result = nullptr;
    QPushButton *m_cleanup = nullptr;
    QFutureWatcher<QString> m_dropping;
    bool m_succeeded = false;
};

} // namespace pgshift::wizard
