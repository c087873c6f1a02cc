#pragma once

#include <QWizard>

class QDialog;

namespace pgshift::widgets {
class LogView;
}

namespace pgshift::wizard {

class MigrationSession;
class ReplicationPage;
class SandboxPanel;

// The migration wizard: its pages under fixed IDs, the shared session, and the log window.
class MigrationWizard final : public QWizard
{
    Q_OBJECT
public:
    // Fixed IDs, spaced so later pages slot in without renumbering.
    enum PageId {
        WelcomePageId = 0,
        SourcePageId = 10,
        TargetPageId = 20,
        MethodPageId = 30,
        PreflightPageId = 40,
        DumpRestorePageId = 50,
        DmsPageId = 55,
        ReplicationPageId = 60,
        SequencesPageId = 65,
        CutoverPageId = 70,
        SummaryPageId = 80,
    };

    explicit MigrationWizard(MigrationSession *session, QWidget *parent = nullptr);

    MigrationSession *session() const { return m_session; }
    widgets::LogView *logView() const { return m_logView; }
    ReplicationPage *replicationPage() const;
    SandboxPanel *sandboxPanel() const { return m_sandbox; }

public slots:
    void showLog();
    // At start: when a replication pgshift started was never cleaned up, a dialog (not
    // blocking) offers to resume monitoring it or to clean it up.
    void offerResume();
    // Two throwaway local servers with a sample shop: the Source and Target pages are filled
    // in, a Sandbox banner with hints and a write workload appears beside the pages, and
    // both servers are deleted when the wizard closes.
    void startSandbox();
    // Closing while a copy runs asks first, then cancels it and closes once it has stopped.
    // Closing while a replication is followed asks first; it goes on on the servers.
    void reject() override;

private:
    void setupPages();
    void setupLogWindow();
    void setupButtons();

    MigrationSession *m_session;
    QDialog *m_logWindow = nullptr;
    widgets::LogView *m_logView = nullptr;
    SandboxPanel *m_sandbox = nullptr;
};

} // namespace pgshift::wizard
