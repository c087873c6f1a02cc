#pragma once

#include "core/migration/copyprogress.h"
#include "core/replication/replicationstatus.h"

#include <QFutureWatcher>
#include <QWizardPage>

class QCheckBox;
class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace pgshift::widgets {
class LagChart;
}

namespace pgshift::wizard {

class MigrationSession;

// Logical replication: the steps with their exact SQL before anything runs, Start, then the
// live view: tables ready, each table's sync state, the lag chart, and a plain "ready for
// cutover" verdict (every table ready, deferred indexes built, lag under the threshold).
// The deferred secondary indexes are built as soon as every table is ready. Cleanup drops
// the subscription, its slot and the publication.
class ReplicationPage final : public QWizardPage
{
    Q_OBJECT
public:
    explicit ReplicationPage(MigrationSession *session, QWidget *parent = nullptr);

    void initializePage() override;
    bool isComplete() const override;
    int nextId() const override { return -1; } // the last page of its method, for now

    core::ReplicationOptions options() const;
    widgets::LagChart *lagChart() const { return m_chart; }
    bool isReadyForCutover() const { return m_ready; }
    bool isBusy() const;
    const core::ReplicationStatus &lastStatus() const { return m_last; }

public slots:
    void refreshPlan();
    void startReplication();
    void cleanup();

private:
    void setupLayout();
    void planFinished();
    void startFinished();
    void indexesFinished();
    void cleanupFinished();
    void showStatus(const core::ReplicationStatus &status);
    void updateButtons();

    MigrationSession *m_session;
    QPlainTextEdit *m_steps = nullptr;
    QCheckBox *m_deferIndexes = nullptr;
    QSpinBox *m_jobs = nullptr;
    QSpinBox *m_maxLagKib = nullptr;
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

    struct PlanOutcome
    {
        QList<core::LogicalReplication::Step> steps;
        QString error;
    };
    QFutureWatcher<PlanOutcome> m_plan;
    QFutureWatcher<core::CopyReport> m_starting;
    QFutureWatcher<QStringList> m_indexing;
    QFutureWatcher<QStringList> m_cleaning;
    core::ReplicationStatus m_last;
    bool m_started = false;
    bool m_indexesRequested = false;
    bool m_ready = false;
};

} // namespace pgshift::wizard
