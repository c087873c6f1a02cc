#pragma once

#include "core/pg/connectionsettings.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>

namespace pgshift::core {

// Dump and restore without an archive: the schema from pg_dump (pre-data before, post-data
// after), the rows streamed table by table through libpq by parallel workers that all read
// one exported snapshot, then sequences, large objects, ANALYZE and an exact row-count check.
class StreamCopy final
{
    Q_DECLARE_TR_FUNCTIONS(pgshift::core::StreamCopy)
public:
    enum class Phase { Preparing, Schema, Data, PostData, Sequences, LargeObjects, Analyze, Verify, Done };

    struct Options
    {
        ConnectionSettings source;
        ConnectionSettings target;
        int jobs = 4;
    };

    struct TableResult
    {
        QString schema;
        QString table;
        qint64 rowsCopied = 0;
        qint64 bytes = 0;
        qint64 sourceRows = -1; // exact counts from verification; -1 when not counted
        qint64 targetRows = -1;
        QString error;
    };

    struct Report
    {
        QList<TableResult> tables;
        int sequencesSet = 0;
        int largeObjects = 0;
        QStringList failures; // every failure, in words, table failures included
        qint64 elapsedMs = 0;

        bool succeeded() const { return failures.isEmpty(); }
    };

    // Progress as it happens: the phase and, during Data, the table that just advanced.
    using ProgressCallback = std::function<void(Phase phase, const TableResult *table)>;

    // Runs the whole copy. Never throws: what went wrong is in the report's failures.
    static Report run(const Options &options, const ProgressCallback &progress = {},
                      const std::atomic<bool> *cancel = nullptr);
    static QString phaseName(Phase phase);
};

} // namespace pgshift::core
