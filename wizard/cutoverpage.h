#pragma once

#include "core/cutover/cutover.h"

#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QTimer>
#include <QWizardPage>

#include <memory>
#include <optional>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace pgshift::core {
class Cancellation;
}

namespace pgshift::wizard {

class ChecklistTable;
class MigrationSession;
class WriteBlockBox;

// The cutover of the session's logical replication as a checklist: one row per step with its
// status, elapsed time and SQL; how writes stop on the source (confirmed by the user, chosen
// roles, or the whole database, the sessions to be ended listed first); "Run cutover" runs
// every step in order on a worker thread and stops at the first failure, writes re-enabled and
// replication left running. A downtime timer runs from the write block to the validated
// target. After a success: the target's connection string with a copy button, and "Re-enable
// writes on the source".
class CutoverPage final : public QWizardPage
{
    Q_OBJECT
public:
    explicit CutoverPage(MigrationSession *session, QWidget *parent = nullptr);
    ~CutoverPage() override;

    void initializePage() override;
    bool isComplete() const override;
    int nextId() const override { return -1; }

    core::CutoverOptions options() const;
    bool isRunning() const { return m_running.isRunning(); }
    const core::CutoverReport &report() const { return m_report; }

public slots:
    void runCutover();
    void cancel();
    void reenableWrites();

private:
    void setupLayout();
    void refreshChecklist();
    void showStep(const core::CutoverStep &step);
    void beginCutover(const core::CutoverOptions &o);
    void cutoverFinished();
    void writesReenabled();
    void updateButtons();

    MigrationSession *m_session;
    WriteBlockBox *m_block = nullptr;
    QSpinBox *m_timeout = nullptr;
    QSpinBox *m_margin = nullptr;
    QSpinBox *m_maxLagKib = nullptr;
    QCheckBox *m_checksums = nullptr;
    ChecklistTable *m_steps = nullptr;
    QLabel *m_downtime = nullptr;
    QLabel *m_result = nullptr;
    QLineEdit *m_targetUri = nullptr;
    QPushButton *m_copyUri = nullptr;
    QPushButton *m_run = nullptr;
    QPushButton *m_cancel = nullptr;
    QPushButton *m_reenable = nullptr;
    QFutureWatcher<core::CutoverReport> m_running;
    QFutureWatcher<QStringList> m_reenabling; // problems, empty when writes are allowed again
    std::shared_ptr<core::Cancellation> m_cancellation;
    core::CutoverReport m_report;
    std::optional<core::CutoverOptions> m_ran; // of the last run
    QElapsedTimer m_downtimeClock;
    QTimer m_downtimeTicker;
    bool m_done = false; // cut over: the replication is gone
    bool m_reenabled = false;
};

} // namespace pgshift::wizard
