#pragma once

#include "core/migration/copyprogress.h"

#include <QCoreApplication>

namespace pgshift::core {

class Cancellation;

// The "stream" engine of dump & restore: pre-data from pg_dump; rows streamed table by table
// through libpq (COPY TO STDOUT into COPY FROM STDIN, binary where the column types allow,
// FREEZE after TRUNCATE in the same transaction) by parallel workers that all read one
// exported snapshot, largest tables first; each table's indexes built the moment its rows
// are in, while other tables still copy; then the rest of post-data with pg_restore -j,
// sequences, large objects, ANALYZE and an exact row count of every table on both sides.
class StreamCopy final
{
    Q_DECLARE_TR_FUNCTIONS(pgshift::core::StreamCopy)
public:
    // Blocking; run it on a worker thread. Never throws: what went wrong is in the report.
    static CopyReport run(const CopyOptions &options, CopyProgressTracker &tracker, Cancellation &cancellation);
};

} // namespace pgshift::core
