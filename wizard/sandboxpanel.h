#pragma once

#include "core/sandbox/sandbox.h"

#include <QFrame>
#include <QFutureWatcher>
#include <QTimer>

#include <memory>
#include <optional>

class QDoubleSpinBox;
class QLabel;
class QPushButton;

namespace pgshift::wizard {

class MigrationSession;

// The wizard's sandbox: starts two throwaway local servers (off the GUI thread), puts their
// connections in the session, and sits beside the pages as a "Sandbox" banner with a short
// hint for the current page and the controls of an application-like write workload (start,
// stop, rate, what it wrote). The sandbox belongs to this process: it is stopped and deleted
// when the panel goes (the wizard closes); after a crash the next pgshift removes it.
class SandboxPanel final : public QFrame
{
    Q_OBJECT
public:
    explicit SandboxPanel(MigrationSession *session, QWidget *parent = nullptr);
    ~SandboxPanel() override;

    void start();
    bool isStarting() const { return m_starting.isRunning(); }
    const std::optional<core::Sandbox::Info> &info() const { return m_info; }
    core::SandboxWorkload *workload() const { return m_workload.get(); }

    // The hint for the wizard page with this id.
    void showHintFor(int pageId);
    QString hint() const;

public slots:
    void toggleWrites();

signals:
    void ready();
    void failed(const QString &error);

private:
    struct Started
    {
        std::optional<core::Sandbox::Info> info;
        QString error;
    };
    void started();
    void updateCounts();

    MigrationSession *m_session;
    QLabel *m_status = nullptr;
    QLabel *m_hint = nullptr;
    QPushButton *m_writes = nullptr;
    QDoubleSpinBox *m_rate = nullptr;
    QLabel *m_counts = nullptr;
    QFutureWatcher<Started> m_starting;
    std::optional<core::Sandbox::Info> m_info;
    std::unique_ptr<core::SandboxWorkload> m_workload;
    QTimer m_countsTimer;
};

} // namespace pgshift::wizard
