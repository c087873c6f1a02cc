#pragma once

#include "core/migration/copyprogress.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace pgshift::core {

class Cancellation;
class Connection;

// The names of the replication objects pgshift creates. They default to pgshift-owned names
// (the preflight and the orphan finder look for the "pgshift" prefix).
struct ReplicationNames
{
    QString publication = QStringLiteral("pgshift_pub");
    QString subscription = QStringLiteral("pgshift_sub");
    QString slot = QStringLiteral("pgshift_sub");

    // Why a name cannot be used, in words; nullopt when all three are fine. Names are 1 to 63
    // characters of lower-case letters, digits and underscores, not starting with a digit
    // (what replication slots accept, kept for all three so they need no quoting).
    std::optional<QString> problem() const;
};

struct ReplicationOptions
{
    CopyOptions copy; // source, target, scope, jobs (for the schema and the index builds)
    ReplicationNames names;
    // Build non-unique secondary indexes only once every table has finished its initial copy
    // (the copy then writes no index entries), in parallel, before cutover is offered.
    bool deferSecondaryIndexes = true;
};

// Logical replication from the source to the target: the schema, a publication on the
// source, a subscription on the target that copies every table and then streams changes.
class LogicalReplication final
{
    Q_DECLARE_TR_FUNCTIONS(pgshift::core::LogicalReplication)
public:
    // One step as the user sees it before it runs: where, what, and the exact SQL.
    struct Step
    {
        QString title;
        QString where; // "source", "target"
        QString sql;   // the subscription's password masked
    };

    // CREATE PUBLICATION for the scope: FOR ALL TABLES, FOR TABLES IN SCHEMA (15+), or the
    // list of tables (when the role is not a superuser, which the first two need);
    // publish_via_partition_root when a partitioned table is in scope.
    static QString publicationSql(Connection &source, const ReplicationNames &names, const CopyScope &scope);
    // CREATE SUBSCRIPTION with copy_data, the slot name, binary when both sides are 16 or
    // newer, streaming from 14; `sourceForTarget` is how the target reaches the source.
    static QString subscriptionSql(const Connection &target, const ConnectionSettings &sourceForTarget,
                                   const ReplicationNames &names, int sourceMajor, bool maskPassword);

    // The steps start() takes, with their SQL, for a preview, and the sync-worker advice when
    // it applies. Connects to both servers.
    static QList<Step> plan(const ReplicationOptions &options);
    // How many tables the target copies at once, and the settings that would copy more
    // (up to 8); nullopt when the scope has no more tables than that.
    static std::optional<Step> syncWorkerAdvice(Connection &source, Connection &target, const CopyScope &scope);

    // Schema (without the deferred indexes), publication, subscription. Returns once the
    // subscription exists; the initial copy then runs on the target.
    static CopyReport start(const ReplicationOptions &options, CopyProgressTracker &tracker,
                            Cancellation &cancellation);

    // Non-unique secondary indexes of the scope that the source has and the target lacks,
    // as CREATE INDEX statements.
    static QStringList missingIndexes(Connection &source, Connection &target, const CopyScope &scope);
    // Builds them on `jobs` parallel sessions. Returns how many were built; failures in words.
    static int buildMissingIndexes(const ReplicationOptions &options, Cancellation &cancellation,
                                   QStringList *failures);
};

} // namespace pgshift::core
