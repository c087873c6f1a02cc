#pragma once

#include "core/migration/copyscope.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

namespace pgshift::core {

class Cancellation;
class Connection;

// One foreign key as the source defines it (a partitioned table's own, not the copies its
// partitions inherit).
struct ForeignKey
{
    quint32 oid = 0; // on the source
    QString schema;
    QString table;
    QString name;
    QString definition; // pg_get_constraintdef, every name qualified
    QStringList columns;
    QString referencedSchema;
    QString referencedTable;
    QStringList referencedColumns;
    bool matchFull = false;
    bool tableHasChildren = false; // partitioned: rows live in the partitions
    bool referencedHasChildren = false;

    QString qualifiedTable() const;
    // ALTER TABLE "schema"."table" ADD CONSTRAINT "name" <definition>;
    QString addSql() const;
    // The number of rows of the table that the key would reject, by the key's own rules:
    // rows with a NULL key column pass (all of them NULL for MATCH FULL).
    QString violationCountSql() const;
};

// Foreign keys held back while something else (AWS DMS) loads the tables in any order, and
// added afterwards only when the data obeys them.
class ForeignKeys final
{
    Q_DECLARE_TR_FUNCTIONS(pgshift::core::ForeignKeys)
public:
    // The source's foreign keys on the tables in `scope`.
    static QList<ForeignKey> read(Connection &source, const CopyScope &scope);
    // Those of read() the target does not have (same table, same constraint name).
    static QList<ForeignKey> missing(Connection &source, Connection &target,
                                     const CopyScope &scope);

    struct Violation
    {
        ForeignKey key;
        qint64 rows = 0;
    };
    struct Outcome
    {
        QList<ForeignKey> added;
        QList<Violation> violated; // none added when any is violated
        QString error; // adding failed: rolled back, none added
        bool succeeded() const { return violated.isEmpty() && error.isEmpty(); }
    };

    // Counts each key's violating rows on the target; when there are none, adds every key in
    // one transaction. Either all are added or none. Throws PgError when the target cannot
    // be reached or on cancel.
    static Outcome addAll(Connection &target, const QList<ForeignKey> &keys,
                          Cancellation &cancellation);

    // The keys' ADD CONSTRAINT statements as one script (a transaction).
    static QString script(const QList<ForeignKey> &keys);
};

} // namespace pgshift::core
