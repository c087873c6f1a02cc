#pragma once

#include "core/migration/copyprogress.h"
#include "core/replication/replicationstatus.h"

#include <QFutureWatcher>
#include <QWizardPage>

#include <memory>
#include <optional>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace pgshift::core {
class Cancellation;
struct ReplicationState;
}

namespace pgshift::widgets {
class LagChart;
class RowCountChart;
}

namespace pgshift::wizard {

class MigrationSession;
class ReplicationRowsPanel;

// Logical replication: the names, the steps with their exact SQL before anything runs, Start,
// then the live view: tables ready, each table's sync state, the lag chart, per-table rows
// (estimates, exact counts on demand) and a plain "ready for cutover" verdict (every table
// ready, deferred indexes built, lag under the threshold). The deferred secondary indexes are
// built as soon as every table is ready. The replication's state is saved (without secrets)
// so that a later start can resume() it. Cleanup drops the subscription, its slot and the
// publication.
class ReplicationPage final : public QWizardPage
{
    Q_OBJECT
public:
    explicit ReplicationPage(MigrationSession *session, QWidget *parent = nullptr);
    ~ReplicationPage() override;

    void initializePage() override;
    bool isComplete() const override;
    int nextId() const override;

    // What Start would use (the page's settings), or, once started or resumed, what runs.
    core::ReplicationOptions options() const;
    widgets::LagChart *lagChart() const { return m_chart; }
    widgets::RowCountChart *rowChart() const;
    bool isReadyForCutover() const { return m_ready; }
    bool isBusy() const;
    const core::ReplicationStatus &lastStatus() const { return m_last; }

public slots:
    void refreshPlan();
    void startReplication();
    // Stops a setup under way (schema copy, publication, subscription); what the schema copy
    // created on the target so far is shown with the SQL that drops it.
    void cancelStart();
    // Follows a replication started earlier (by a run that ended): no setup, monitoring only.
    void resume(const core::ReplicationState &state);
    void cleanup();

private:
    void setupLayout();
    void planFinished();
    void startFinished();
    void indexesFinished();
    void cleanupFinished();
    void namesEdited();
    void beginMonitoring();
    void showStatus(const core::ReplicationStatus &status);
    void updateButtons();

    MigrationSession *m_session;
    QPlainTextEdit *m_steps = nullptr;
    QCheckBox *m_deferIndexes = nullptr;
    QSpinBox *m_jobs = nullptr;
    QSpinBox *m_maxLagKib = nullptr;
    QLineEdit *m_publication = nullptr;
    QLineEdit *m_subscription = nullptr;
    QLineEdit *m_slot = nullptr;
    QLabel *m_namesProblem = nullptr;
    QPushButton *m_start = nullptr;
    QPushButton *m_cleanup = nullptr;
    QLabel *m_verdict = nullptr;
    QLabel *m_numbers = nullptr;
    QProgressBar *m_tablesBar = nullptr;
    QTableWidget *m_tables = nullptr;
    widgets::LagChart *m_chart = nullptr;
    QPushButton *m_pause = nullptr;
    QPushButton *m_exportCsv = nullptr;
    QPushButton *m_exportPng = nullptr;
    ReplicationRowsPanel *m_rows = nullptr;

    struct PlanOutcome
    {
        QList<core::LogicalReplication::Step> steps;
        QString error;
    };
    QFutureWatcher<PlanOutcome> m_plan;
    QFutureWatcher<core::CopyReport> m_starting;
    QFutureWatcher<QStringList> m_indexing;
    QFutureWatcher<QStringList> m_cleaning;
    std::optional<core::ReplicationOptions> m_running; // started or resumed
    std::shared_ptr<core::Cancellation> m_startCancellation;
    bool m_planStale = false;
    core::ReplicationNames m_cleanupNames; // of the cleanup under way
    core::ReplicationStatus m_last;
    bool m_started = false;
    bool m_indexesRequested = false;
    bool m_ready = false;
};

} // namespace pgshift::wizard
