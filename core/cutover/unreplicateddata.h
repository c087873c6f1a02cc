#pragma once

#include "core/migration/copyscope.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

namespace pgshift::core {

class Cancellation;
class Connection;

// What logical replication leaves behind, moved by the cutover: large objects (the whole
// database's, copied after writes stop) and materialized views (created empty by the schema
// copy, refreshed on the target).
class UnreplicatedData final
{
    Q_DECLARE_TR_FUNCTIONS(pgshift::core::UnreplicatedData)
public:
    struct LargeObjects
    {
        int count = 0;       // copied
        qint64 bytes = 0;    // their data, in total
        int overwritten = 0; // held data on the target already (an earlier attempt): overwritten
        QStringList notes;   // owners or grantees missing on the target, in words
    };

    // Copies every large object of the source database to the target with its OID, data (in
    // chunks of `chunkBytes`), owner and grants (where the role exists on the target) and
    // comment. The source is read in one snapshot, the target written in one transaction
    // that is committed only after the count and sizes are verified, so a failure or a
    // cancel leaves the target as it was. Throws PgError.
    static LargeObjects copyLargeObjects(Connection &source, Connection &target, Cancellation &cancellation,
                                         int chunkBytes = 1 << 20);

    struct MaterializedViews
    {
        QStringList refreshed;  // "schema.name", in the order refreshed
        QStringList leftEmpty;  // not populated on the source either
        QStringList failures;   // "schema.name: error"
    };

    // Refreshes on the target the scope's materialized views that hold data on the source;
    // one that reads another is refreshed after it. Views the source never populated stay
    // empty. Failures are collected, not thrown (a connection failure is thrown).
    static MaterializedViews refreshMaterializedViews(Connection &source, Connection &target, const CopyScope &scope,
                                                      Cancellation &cancellation);
};

} // namespace pgshift::core
