#pragma once

#include "core/dms/dmsplan.h"
#include "core/checks/preflight.h"
#include "core/cutover/cutover.h"
#include "core/migration/method.h"
#include "core/pg/connectionsettings.h"
#include "core/pg/serverfacts.h"
#include "core/replication/logicalreplication.h"

#include <QObject>
#include <QPointer>

#include <optional>

namespace pgshift::core {
class DumpRestoreJob;
class ReplicationMonitor;
struct CopyOptions;
}

namespace pgshift::wizard {

// The state the wizard's pages share: what to migrate from and to. Pages read and write it
// here, never each other's widgets; it will also own the running core jobs.
class MigrationSession final : public QObject
{
    Q_OBJECT
public:
    explicit MigrationSession(QObject *parent = nullptr);

    const core::ConnectionSettings &source() const { return m_source; }
    const core::ConnectionSettings &target() const { return m_target; }
    // Setting new connection settings forgets the facts of the old ones.
    void setSource(const core::ConnectionSettings &settings);
    void setTarget(const core::ConnectionSettings &settings);

    // What the last successful connection test found; empty until one succeeded.
    const std::optional<core::ServerFacts> &sourceFacts() const { return m_sourceFacts; }
    const std::optional<core::ServerFacts> &targetFacts() const { return m_targetFacts; }
    void setSourceFacts(const core::ServerFacts &facts);
    void setTargetFacts(const core::ServerFacts &facts);

    core::Method method() const { return m_method; }
    void setMethod(core::Method method);

    // The latest preflight for the current method and endpoints; empty until one ran.
    const std::optional<core::PreflightReport> &preflight() const { return m_preflight; }
    void setPreflight(const core::PreflightReport &report);

    // The dump & restore run, owned here so it outlives page changes; null before the first.
    core::DumpRestoreJob *copyJob() const;
    // Starts a new run (the previous one must have finished) and returns it; with a
    // checklist, inside the dump & restore checklist (writes stopped first, then sequences
    // and validation).
    core::DumpRestoreJob *startCopy(const core::CopyOptions &options,
                                    const std::optional<core::CutoverOptions> &checklist = std::nullopt);
    bool isCopying() const;

    // The live status of the logical replication this session started (or resumed); null
    // until then. Replaced by the next call.
    core::ReplicationMonitor *replicationMonitor() const;
    core::ReplicationMonitor *startMonitor(const core::ReplicationOptions &options);
    void stopMonitor();

    // The logical replication this session started or resumed (what the cutover ends);
    // empty before, and again once it was cleaned up or cut over.
    const std::optional<core::ReplicationOptions> &replication() const;
    void setReplication(const std::optional<core::ReplicationOptions> &options);

    // The AWS DMS task's settings, once the DMS page prepared the target; the cutover's DMS
    // form follows its slot.
    const std::optional<core::DmsSettings> &dms() const { return m_dms; }
    const core::CopyScope &dmsScope() const { return m_dmsScope; }
    void setDms(const core::DmsSettings &settings, const core::CopyScope &scope)
    {
        m_dms = settings;
        m_dmsScope = scope;
    }

    // The sequence margin (increments) chosen on the Sequences page, used by the cutover.
    qint64 sequenceMargin() const { return m_sequenceMargin; }
    void setSequenceMargin(qint64 margin) { m_sequenceMargin = margin; }

    // The last cutover checklist's report (the replication's cutover); empty before one ran.
    const std::optional<core::CutoverReport> &cutoverReport() const { return m_cutoverReport; }
    void setCutoverReport(const core::CutoverReport &report) { m_cutoverReport = report; }

    // The lag (bytes) at which the replication counts as ready, chosen on the Replication
    // page; the cutover's pre-check uses it.
    qint64 maxLagBytes() const { return m_maxLagBytes; }
    void setMaxLagBytes(qint64 bytes) { m_maxLagBytes = bytes; }

signals:
    void sourceChanged();
    void targetChanged();
    void methodChanged();
    void copyStarted();

private:
    core::ConnectionSettings m_source;
    core::ConnectionSettings m_target;
    std::optional<core::ServerFacts> m_sourceFacts;
    std::optional<core::ServerFacts> m_targetFacts;
    core::Method m_method = core::Method::Logical;
    std::optional<core::PreflightReport> m_preflight;
    QPointer<core::DumpRestoreJob> m_copyJob;
    QPointer<core::ReplicationMonitor> m_monitor;
    std::optional<core::ReplicationOptions> m_replication;
    qint64 m_sequenceMargin = 10000;
    qint64 m_maxLagBytes = 1 << 20;
    std::optional<core::CutoverReport> m_cutoverReport;
    std::optional<core::DmsSettings> m_dms;
    core::CopyScope m_dmsScope;
};

} // namespace pgshift::wizard
