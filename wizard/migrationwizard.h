#pragma once

#include <QWizard>

class QDialog;
class QMenu;

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

    // QSettings key of the language chosen in the menu ("de", ...; absent: the system's).
    static constexpr const char *LanguageSetting = "language";

    explicit MigrationWizard(MigrationSession *session, QWidget *parent = nullptr);

    MigrationSession *session() const { return m_session; }
    widgets::LogView *logView() const { return m_logView; }
    ReplicationPage *replicationPage() const;
    SandboxPanel *sandboxPanel() const { return m_sandbox; }
    // The "More" button's menu: About, Open log folder, Language.
    QMenu *moreMenu() const { return m_more; }
    // Where the log file is, for "Open log folder"; empty: the entry is off.
    void setLogDirectory(const QString &directory);

public slots:
    void showLog();
    void showAbout();
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
    void setupMoreMenu();
    void chooseLanguage(const QString &code);

    MigrationSession *m_session;
    QDialog *m_logWindow = nullptr;
    widgets::LogView *m_logView = nullptr;
    SandboxPanel *m_sandbox = nullptr;
    QMenu *m_more = nullptr;
    QAction *m_openLogFolder = nullptr;
    QString m_logDirectory;
};

} // namespace pgshift::wizard
