#include "core/migration/dumprestorejob.h"

#include "core/log/corelog.h"
#include "core/migration/archivecopy.h"
#include "core/migration/streamcopy.h"

namespace pgshift::core {

DumpRestoreWorker::DumpRestoreWorker(const CopyOptions &options, CopyProgressTracker &tracker,
                                     Cancellation &cancellation)
    : m_options(options)
    , m_tracker(tracker)
    , m_cancellation(cancellation)
{
}

void DumpRestoreWorker::run()
{
    const CopyReport report = m_options.engine == CopyEngine::PgDump
        ? ArchiveCopy::run(m_options, m_tracker, m_cancellation)
        : StreamCopy::run(m_options, m_tracker, m_cancellation);
    Q_EMIT finished(report);
}

DumpRestoreJob::DumpRestoreJob(const CopyOptions &options, QObject *parent)
    : QObject(parent)
    , m_options(options)
{
    qRegisterMetaType<CopyPhase>();
    qRegisterMetaType<CopyProgress>();
    m_tracker.setPhaseListener([this](CopyPhase phase) {
        QMetaObject::invokeMethod(this, [this, phase] { Q_EMIT phaseChanged(phase); }, Qt::QueuedConnection);
    });
    qRegisterMetaType<CopyReport>();
    m_timer.setInterval(250);
    connect(&m_timer, &QTimer::timeout, this, [this] { Q_EMIT progressed(m_tracker.snapshot()); });
}

DumpRestoreJob::~DumpRestoreJob()
{
    m_cancellation.cancel();
    m_thread.quit();
    m_thread.wait();
}

bool DumpRestoreJob::isRunning() const
{
    return m_started && !m_finished;
}

void DumpRestoreJob::start()
{
    if (m_started)
        return; // a job runs once
    m_started = true;
    logger()->info("dump & restore: engine {}, {} jobs, {}", copyEngineName(m_options.engine), m_options.jobs,
                   m_options.scope.describe());
    auto *worker = new DumpRestoreWorker(m_options, m_tracker, m_cancellation);
    worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::started, worker, &DumpRestoreWorker::run);
    connect(&m_thread, &QThread::finished, worker, &QObject::deleteLater);
    connect(worker, &DumpRestoreWorker::finished, this, &DumpRestoreJob::complete); // queued: another thread
    m_thread.setObjectName(QStringLiteral("dump-restore"));
    m_thread.start();
    m_timer.start();
    Q_EMIT progressed(m_tracker.snapshot());
}

void DumpRestoreJob::cancel()
{
    if (isRunning()) {
        logger()->warn("dump & restore: cancel requested");
        m_cancellation.cancel();
    }
}

void DumpRestoreJob::complete(const CopyReport &report)
{
    m_thread.quit();
    m_thread.wait(); // the worker has returned: this only ends the thread's event loop
    m_timer.stop();
    m_report = report;
    m_finished = true;
    Q_EMIT progressed(m_tracker.snapshot());
    Q_EMIT finished(m_report);
}

} // namespace pgshift::core
