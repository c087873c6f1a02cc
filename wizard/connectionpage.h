#pragma once

#include "core/pg/connectiontest.h"

#include <QFutureWatcher>
#include <QWizardPage>

class QLabel;
class QPushButton;

namespace pgshift::widgets {
class ConnectionForm;
class ConnectionTestView;
class ProfileBar;
}

namespace pgshift::wizard {

class MigrationSession;

// The Source and the Target page: a connection form, saved profiles, and "Test connection",
// which runs off the GUI thread. Next stays disabled until a test of the current settings
// succeeded. The target page also refuses the source database itself and warns when the
// target already holds tables.
class ConnectionPage final : public QWizardPage
{
    Q_OBJECT
public:
    enum class Role { Source, Target };

    ConnectionPage(Role role, MigrationSession *session, QWidget *parent = nullptr);

    bool isComplete() const override;
    void initializePage() override;

    Role role() const { return m_role; }
    widgets::ConnectionForm *form() const { return m_form; }
    widgets::ConnectionTestView *resultView() const { return m_result; }
    QPushButton *testButton() const { return m_test; }
    // The target's verdict: refusal, same-server note, or the non-empty warning.
    QString verdict() const;
    bool isTesting() const { return m_watcher.isRunning(); }

private:
    void setupLayout();
    void startTest();
    void testFinished(int generation);
    void settingsEdited();
    // For the target: judge the tested facts against the source's. False refuses it.
    bool judgeTarget(const core::ServerFacts &target);
    void updateTestButton();

    Role m_role;
    MigrationSession *m_session;
    widgets::ConnectionForm *m_form = nullptr;
    widgets::ProfileBar *m_profiles = nullptr;
    QPushButton *m_test = nullptr;
    widgets::ConnectionTestView *m_result = nullptr;
    QLabel *m_verdict = nullptr;
    QFutureWatcher<core::ConnectionTestResult> m_watcher;
    int m_generation = 0; // bumps on every edit, so a late result of old settings is ignored
    bool m_passed = false;
};

} // namespace pgshift::wizard
