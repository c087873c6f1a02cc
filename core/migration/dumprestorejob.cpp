#include "core/migration/dumprestorejob.h"

#include "core/log/corelog.h"
#include "core/migration/archivecopy.h"
#include "core/migration/streamcopy.h"

namespace pgshift::core {

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
    if (m_thread) {
        m_cancellation.cancel();
        m_thread->wait();
    }
}

bool DumpRestoreJob::isRunning() const
{
    return m_thread && !m_finished;
}

void DumpRestoreJob::start()
{
    if (m_thread)
        return; // a job runs once
    logger()->info("dump & restore: engine {}, {} jobs, {}", copyEngineName(m_options.engine), m_options.jobs,
                   m_options.scope.describe());
    m_thread = QThread::create([this] {
        const CopyReport report = m_options.engine == CopyEngine::PgDump
            ? ArchiveCopy::run(m_options, m_tracker, m_cancellation)
            : StreamCopy::run(m_options, m_tracker, m_cancellation);
        QMetaObject::invokeMethod(this, [this, report] { complete(report); }, Qt::QueuedConnection);
    });
    m_thread->setObjectName(QStringLiteral("dump-restore"));
    connect(m_thread, &QThread::finished, m_thread, &QObject::deleteLater);
    m_thread->start();
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
    m_thread->wait();
    m_thread = nullptr; // deleted by its finished() connection
    m_timer.stop();
    m_report = report;
    m_finished = true;
    Q_EMIT progressed(m_tracker.snapshot());
    Q_EMIT finished(m_report);
}

} // namespace pgshift::core
