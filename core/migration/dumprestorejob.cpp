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

void DumpRestoreWorker::setChecklist(const CutoverOptions &checklist, std::optional<CutoverReport> *report,
                                     std::function<void(const CutoverStep &)> onStep)
{
    m_checklist = checklist;
    m_checklistReport = report;
    m_onStep = std::move(onStep);
}

CopyReport DumpRestoreWorker::runEngine(const CopyOptions &options)
{
    return options.engine == CopyEngine::PgDump ? ArchiveCopy::run(options, m_tracker, m_cancellation)
                                                : StreamCopy::run(options, m_tracker, m_cancellation);
}

void DumpRestoreWorker::run()
{
    if (!m_checklist) {
        Q_EMIT finished(runEngine(m_options));
        return;
    }
    CutoverOptions checklist = *m_checklist;
    checklist.method = Method::Dump;
    checklist.replication.copy = m_options;
    const CutoverReport cutover = Cutover::run(checklist, m_cancellation, m_onStep,
                                               [this](const CopyOptions &options, Cancellation &) { return runEngine(options); });
    *m_checklistReport = cutover;
    CopyReport report = cutover.copy.value_or(CopyReport{});
    report.engine = m_options.engine;
    report.cancelled = report.cancelled || m_cancellation.isCancelled();
    if (!cutover.succeeded && report.succeeded())
        report.failures << cutover.failure; // e.g. the write block, the sequences or the validation failed
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
    qRegisterMetaType<CutoverStep>();
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
    if (m_checklist) {
        worker->setChecklist(*m_checklist, &m_checklistReport, [this](const CutoverStep &step) {
            QMetaObject::invokeMethod(this, [this, step] { Q_EMIT checklistStep(step); }, Qt::QueuedConnection);
        });
    }
    worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::started, worker, &DumpRestoreWorker::run);
    connect(&m_thread, &QThread::finished, worker, &QObject::deleteLater);
    connect(worker, &DumpRestoreWorker::finished, this, &DumpRestoreJob::complete); // queued: another thread
    m_thread.setObjectName(QStringLiteral("dump-restore"));
    m_thread.start();
    m_timer.start();
    Q_EMIT progressed(m_tracker.snapshot());
}

void DumpRestoreJob::setChecklist(const CutoverOptions &checklist)
{
    if (!m_started)
        m_checklist = checklist;
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
