#pragma once

#include "core/cutover/cutover.h"

#include <QFutureWatcher>
#include <QWizardPage>

#include <memory>
#include <optional>

class QCheckBox;
class QPushButton;
class QSpinBox;

namespace pgshift::core {
class Cancellation;
}

namespace pgshift::wizard {

class ChecklistPanel;
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
    int nextId() const override;

    core::CutoverOptions options() const;
    bool isRunning() const { return m_running.isRunning(); }

public slots:
    void runCutover();
    void cancel();

private:
    QString m_logicalSubTitle;
    void setupLayout();
    void refreshChecklist();
    void beginCutover(const core::CutoverOptions &o);
    void cutoverFinished();
    void updateButtons();

    MigrationSession *m_session;
    WriteBlockBox *m_block = nullptr;
    QSpinBox *m_timeout = nullptr;
    QSpinBox *m_margin = nullptr;
    QSpinBox *m_maxLagKib = nullptr;
    QCheckBox *m_checksums = nullptr;
    ChecklistPanel *m_panel = nullptr;
    QPushButton *m_run = nullptr;
    QPushButton *m_cancel = nullptr;
    QFutureWatcher<core::CutoverReport> m_running;
    std::shared_ptr<core::Cancellation> m_cancellation;
    bool m_done = false; // cut over: the replication is gone
};

} // namespace pgshift::wizard
