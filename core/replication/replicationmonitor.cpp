#include "core/replication/replicationmonitor.h"

#include <QTimer>

namespace pgshift::core {

namespace {
constexpr int IndexCountEvery = 10; // samples
constexpr int EstimateEvery = 5;
}

ReplicationMonitorWorker::ReplicationMonitorWorker(const ReplicationOptions &options, int intervalMs)
    : m_options(options)
    , m_intervalMs(intervalMs)
{
}

ReplicationMonitorWorker::~ReplicationMonitorWorker() = default;

void ReplicationMonitorWorker::begin()
{
    m_probe = std::make_unique<ReplicationProbe>(m_options);
    m_timer = new QTimer(this);
    m_timer->setInterval(m_intervalMs);
    connect(m_timer, &QTimer::timeout, this, &ReplicationMonitorWorker::sample);
    m_timer->start();
    sample();
}

void ReplicationMonitorWorker::setInterval(int ms)
{
    m_intervalMs = ms;
    if (m_timer)
        m_timer->setInterval(ms);
}

void ReplicationMonitorWorker::sample()
{
    ReplicationProbe::Extras extras;
    if (m_count % IndexCountEvery == 0)
        extras |= ReplicationProbe::CountMissingIndexes;
    if (m_count % EstimateEvery == 0)
        extras |= ReplicationProbe::RowEstimates;
    ++m_count;
    Q_EMIT sampled(m_probe->sample(extras));
}

ReplicationMonitor::ReplicationMonitor(const ReplicationOptions &options, int intervalMs, QObject *parent)
    : QObject(parent)
    , m_worker(new ReplicationMonitorWorker(options, intervalMs))
{
    qRegisterMetaType<ReplicationStatus>();
    m_thread.setObjectName(QStringLiteral("replication-monitor"));
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::started, m_worker, &ReplicationMonitorWorker::begin);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &ReplicationMonitorWorker::sampled, this, &ReplicationMonitor::sampled);
}

ReplicationMonitor::~ReplicationMonitor()
{
    if (!m_started) {
        delete m_worker; // never moved into a running thread
        return;
    }
    m_thread.quit(); // a sample in progress finishes first: at most the probe's timeouts
    m_thread.wait();
}

void ReplicationMonitor::start()
{
    if (m_started)
        return;
    m_started = true;
    m_thread.start();
}

void ReplicationMonitor::setInterval(int ms)
{
    QMetaObject::invokeMethod(m_worker, [worker = m_worker, ms] { worker->setInterval(ms); }, Qt::QueuedConnection);
}

} // namespace pgshift::core
