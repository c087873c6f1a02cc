#include "core/migration/copyprogress.h"

#include <QThread>

#include <algorithm>

namespace pgshift::core {
namespace {

constexpr qint64 RateWindowMs = 5000;

} // namespace

QString copyEngineName(CopyEngine engine)
{
    return engine == CopyEngine::PgDump ? QStringLiteral("pg_dump") : QStringLiteral("stream");
}

std::optional<CopyEngine> copyEngineFromName(const QString &name)
{
    if (name == u"stream")
        return CopyEngine::Stream;
    if (name == u"pg_dump")
        return CopyEngine::PgDump;
    return std::nullopt;
}

int CopyOptions::defaultJobs()
{
    return std::clamp(QThread::idealThreadCount(), 2, 8);
}

double TableStatus::fraction() const
{
    if (state == State::Copied)
        return 1.0;
    if (estimatedRows > 0)
        return std::min(1.0, double(rowsCopied) / double(estimatedRows));
    if (heapBytes > 0)
        return std::min(1.0, double(bytesCopied) / double(heapBytes));
    return 0.0;
}

qint64 CopyReport::rowsCopied() const
{
    qint64 rows = 0;
    for (const TableStatus &t : tables)
        rows += t.rowsCopied;
    return rows;
}

qint64 CopyReport::bytesCopied() const
{
    qint64 bytes = 0;
    for (const TableStatus &t : tables)
        bytes += t.bytesCopied;
    return bytes;
}

QString CopyProgress::phaseName(CopyPhase phase)
{
    switch (phase) {
    case CopyPhase::Preparing: return CopyProgressTracker::tr("Preparing");
    case CopyPhase::Schema: return CopyProgressTracker::tr("Creating the schema");
    case CopyPhase::Data: return CopyProgressTracker::tr("Copying the data");
    case CopyPhase::PostData: return CopyProgressTracker::tr("Creating constraints, triggers and the rest");
    case CopyPhase::Sequences: return CopyProgressTracker::tr("Setting sequences");
    case CopyPhase::LargeObjects: return CopyProgressTracker::tr("Copying large objects");
    case CopyPhase::Analyze: return CopyProgressTracker::tr("Analyzing the target");
    case CopyPhase::Verify: return CopyProgressTracker::tr("Verifying row counts");
    case CopyPhase::Done: return CopyProgressTracker::tr("Finished");
    }
    return {};
}

CopyProgressTracker::CopyProgressTracker()
{
    m_clock.start();
}

void CopyProgressTracker::setPhase(CopyPhase phase, const QString &detail)
{
    bool changed = false;
    {
        std::lock_guard lock(m_mutex);
        changed = m_phase != phase;
        m_phase = phase;
        m_detail = detail;
    }
    if (changed && m_phaseListener)
        m_phaseListener(phase);
}

void CopyProgressTracker::setDetail(const QString &detail)
{
    std::lock_guard lock(m_mutex);
    m_detail = detail;
}

void CopyProgressTracker::setTables(const QList<TableStatus> &tables)
{
    std::lock_guard lock(m_mutex);
    m_tables = tables;
}

QList<TableStatus> CopyProgressTracker::tables() const
{
    std::lock_guard lock(m_mutex);
    return m_tables;
}

TableStatus CopyProgressTracker::table(qsizetype index) const
{
    std::lock_guard lock(m_mutex);
    return m_tables[index];
}

CopyPhase CopyProgressTracker::phase() const
{
    std::lock_guard lock(m_mutex);
    return m_phase;
}

CopyProgress CopyProgressTracker::snapshot()
{
    std::lock_guard lock(m_mutex);
    CopyProgress p;
    p.phase = m_phase;
    p.detail = m_detail;
    p.tables = m_tables;
    p.elapsedMs = m_clock.elapsed();
    double weight = 0;
    double done = 0;
    for (const TableStatus &t : m_tables) {
        p.bytesCopied += t.bytesCopied;
        const double w = double(std::max<qint64>(t.heapBytes, 8192));
        weight += w;
        done += w * t.fraction();
    }
    const double fraction = weight > 0 ? done / weight : 0.0;
    p.percent = 100.0 * fraction;

    m_samples.append({p.elapsedMs, p.bytesCopied, fraction});
    while (m_samples.size() > 2 && m_samples.first().ms < p.elapsedMs - RateWindowMs)
        m_samples.removeFirst();
    const Sample &first = m_samples.first();
    const double seconds = double(p.elapsedMs - first.ms) / 1000.0;
    if (seconds >= 0.5) {
        p.bytesPerSecond = double(p.bytesCopied - first.bytes) / seconds;
        const double pace = (fraction - first.done) / seconds; // of the whole, per second
        if (pace > 0 && m_phase == CopyPhase::Data)
            p.etaSeconds = qint64((1.0 - fraction) / pace + 0.5);
    }
    if (m_phase > CopyPhase::Data)
        p.etaSeconds = -1;
    return p;
}

} // namespace pgshift::core
