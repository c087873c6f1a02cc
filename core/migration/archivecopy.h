#pragma once

#include "core/migration/copyprogress.h"

#include <QCoreApplication>

namespace pgshift::core {

class Cancellation;

// The "pg_dump" engine of dump & restore: pg_dump -Fd -j N of the scope, on pgshift's exported
// snapshot, into a folder that stays afterwards (for audit, or to restore again), then
// pg_restore -j N into the target, ANALYZE, and the same exact row-count check as the stream
// engine. Progress comes from the tools' verbose output and, on PostgreSQL 14 or newer
// targets, from pg_stat_progress_copy.
class ArchiveCopy final
{
    Q_DECLARE_TR_FUNCTIONS(pgshift::core::ArchiveCopy)
public:
    static CopyReport run(const CopyOptions &options, CopyProgressTracker &tracker, Cancellation &cancellation);
};

} // namespace pgshift::core
