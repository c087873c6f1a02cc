#include "wizard/migrationsession.h"

#include "core/migration/dumprestorejob.h"
#include "core/replication/replicationmonitor.h"

namespace pgshift::wizard {

MigrationSession::MigrationSession(QObject *parent)
    : QObject(parent)
{
}

const std::optional<core::ReplicationOptions> &MigrationSession::replication() const
{
    return m_replication;
}

void MigrationSession::setReplication(const std::optional<core::ReplicationOptions> &options)
{
    m_replication = options;
}

void MigrationSession::setSource(const core::ConnectionSettings &settings)
{
    if (settings == m_source)
        return;
    m_source = settings;
    m_sourceFacts.reset();
    m_preflight.reset();
    emit sourceChanged();
}

void MigrationSession::setTarget(const core::ConnectionSettings &settings)
{
    if (settings == m_target)
        return;
    m_target = settings;
    m_targetFacts.reset();
    m_preflight.reset();
    emit targetChanged();
}

void MigrationSession::setMethod(core::Method method)
{
    if (method == m_method)
        return;
    m_method = method;
    m_preflight.reset(); // its blockers were judged for the other method
    emit methodChanged();
}

void MigrationSession::setPreflight(const core::PreflightReport &report)
{
    m_preflight = report;
}

void MigrationSession::setSourceFacts(const core::ServerFacts &facts)
{
    m_sourceFacts = facts;
    emit sourceChanged();
}

void MigrationSession::setTargetFacts(const core::ServerFacts &facts)
{
    m_targetFacts = facts;
    emit targetChanged();
}

core::DumpRestoreJob *MigrationSession::startCopy(const core::CopyOptions &options,
                                                  const std::optional<core::CutoverOptions> &checklist)
{
    Q_ASSERT(!isCopying());
    if (m_copyJob)
        m_copyJob->deleteLater();
    m_copyJob = new core::DumpRestoreJob(options, this);
    if (checklist)
        m_copyJob->setChecklist(*checklist);
    m_copyJob->start();
    emit copyStarted();
    return m_copyJob;
}

core::DumpRestoreJob *MigrationSession::copyJob() const
{
    return m_copyJob;
}

bool MigrationSession::isCopying() const
{
    return m_copyJob && m_copyJob->isRunning();
}

core::ReplicationMonitor *MigrationSession::replicationMonitor() const
{
    return m_monitor;
}

core::ReplicationMonitor *MigrationSession::startMonitor(const core::ReplicationOptions &options)
{
    stopMonitor();
    m_monitor = new core::ReplicationMonitor(options, 1000, this);
    m_monitor->start();
    return m_monitor;
}

void MigrationSession::stopMonitor()
{
    delete m_monitor; // stops its thread and waits for a sample in progress
}

} // namespace pgshift::wizard
