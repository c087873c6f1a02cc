#pragma once

#include "core/cutover/cutover.h"
#include "core/migration/cancellation.h"
#include "core/migration/copyprogress.h"

#include <QObject>
#include <QPointer>
#include <QThread>
#include <QTimer>

#include <functional>
#include <memory>
#include <optional>

namespace pgshift::core {

// Runs one engine on the job's thread (see DumpRestoreJob).
class DumpRestoreWorker final : public QObject
{
    Q_OBJECT
public:
    DumpRestoreWorker(const CopyOptions &options, CopyProgressTracker &tracker, Cancellation &cancellation);
    // Runs the copy inside the dump & restore checklist; the checklist's report goes to
    // `report` (read by the job once the thread ended), each step to `onStep`.
    void setChecklist(const CutoverOptions &checklist, std::optional<CutoverReport> *report,
                      std::function<void(const CutoverStep &)> onStep);

public Q_SLOTS:
    void run();

Q_SIGNALS:
    void finished(const pgshift::core::CopyReport &report);

private:
    CopyReport runEngine(const CopyOptions &options);

    const CopyOptions m_options;
    CopyProgressTracker &m_tracker;
    Cancellation &m_cancellation;
    std::optional<CutoverOptions> m_checklist;
    std::optional<CutoverReport> *m_checklistReport = nullptr;
    std::function<void(const CutoverStep &)> m_onStep;
};

// A dump & restore run on its own thread (a DumpRestoreWorker moved to a QThread the job
// owns; the destructor cancels, quits and waits), for the wizard and the command line alike: start()
// returns at once, progressed() reports a few times a second on the owner's thread,
// finished() comes once with the report. cancel() stops it within a couple of seconds: the
// server statements are cancelled, child tools interrupted, temporary files removed.
class DumpRestoreJob final : public QObject
{
    Q_OBJECT
public:
    explicit DumpRestoreJob(const CopyOptions &options, QObject *parent = nullptr);
    ~DumpRestoreJob() override; // cancels and waits when still running

    const CopyOptions &options() const { return m_options; }
    bool isRunning() const;
    bool isFinished() const { return m_finished; }
    const CopyReport &report() const { return m_report; }
    CopyProgress progress() { return m_tracker.snapshot(); }

    // How often progressed() is emitted while running.
    void setProgressInterval(int ms) { m_timer.setInterval(ms); }

    // Before start(): run the copy as the middle of the dump & restore checklist (writes
    // stopped on the source first, then the copy, sequences moved ahead, exact counts and
    // optionally checksums compared; a failure re-enables writes). checklistStep() reports
    // each step; the copy's report then also fails when the checklist did.
    void setChecklist(const CutoverOptions &checklist);
    const std::optional<CutoverOptions> &checklist() const { return m_checklist; }
    const std::optional<CutoverReport> &checklistReport() const { return m_checklistReport; }

public Q_SLOTS:
    void start();
    void cancel();

Q_SIGNALS:
    void progressed(const pgshift::core::CopyProgress &progress);
    void phaseChanged(pgshift::core::CopyPhase phase);
    void finished(const pgshift::core::CopyReport &report);
    void checklistStep(const pgshift::core::CutoverStep &step);

private:
    void complete(const CopyReport &report);

    CopyOptions m_options;
    CopyProgressTracker m_tracker;
    Cancellation m_cancellation;
    QThread m_thread;
    bool m_started = false;
    QTimer m_timer;
    CopyReport m_report;
    bool m_finished = false;
    std::optional<CutoverOptions> m_checklist;
    std::optional<CutoverReport> m_checklistReport;
};

} // namespace pgshift::core

Q_DECLARE_METATYPE(pgshift::core::CopyPhase)
Q_DECLARE_METATYPE(pgshift::core::CopyProgress)
Q_DECLARE_METATYPE(pgshift::core::CopyReport)
Q_DECLARE_METATYPE(pgshift::core::CutoverStep)
