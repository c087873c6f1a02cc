#pragma once

#include "core/replication/replicationstatus.h"

#include <QObject>
#include <QThread>

#include <memory>

class QTimer;

namespace pgshift::core {

// Samples a ReplicationProbe on its own thread (see ReplicationMonitor).
class ReplicationMonitorWorker final : public QObject
{
    Q_OBJECT
public:
    ReplicationMonitorWorker(const ReplicationOptions &options, int intervalMs);
    ~ReplicationMonitorWorker() override;

public Q_SLOTS:
    void begin();
    void setInterval(int ms);

Q_SIGNALS:
    void sampled(const pgshift::core::ReplicationStatus &status);

private:
    void sample();

    ReplicationOptions m_options;
    int m_intervalMs;
    std::unique_ptr<ReplicationProbe> m_probe;
    QTimer *m_timer = nullptr;
    int m_count = 0;
};

// Live status of a logical replication, once a second by default, for the wizard and the
// command line: a worker on a QThread this object owns samples the two servers with cheap
// queries (row estimates every fifth time, the deferred-index count every tenth) and
// reconnects with backoff when one goes away; sampled() arrives on the owner's thread. The
// destructor stops and waits.
class ReplicationMonitor final : public QObject
{
    Q_OBJECT
public:
    explicit ReplicationMonitor(const ReplicationOptions &options, int intervalMs = 1000, QObject *parent = nullptr);
    ~ReplicationMonitor() override;

    void start();
    bool isRunning() const { return m_thread.isRunning(); }
    void setInterval(int ms);

Q_SIGNALS:
    void sampled(const pgshift::core::ReplicationStatus &status);

private:
    QThread m_thread;
    ReplicationMonitorWorker *m_worker;
    bool m_started = false;
};

} // namespace pgshift::core

Q_DECLARE_METATYPE(pgshift::core::ReplicationStatus)
