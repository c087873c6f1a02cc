#pragma once

#include "core/migration/copyscope.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

#include <limits>
#include <optional>

namespace pgshift::core {

class Connection;

// One sequence as the source has it, read from pg_sequences (never with nextval(), which
// would consume a value).
struct SequenceInfo
{
    QString schema;
    QString name;
    QString dataType = QStringLiteral("bigint");
    std::optional<qint64> lastValue; // empty: never used (or unreadable, see readable)
    qint64 startValue = 1;
    qint64 increment = 1;
    qint64 minValue = 1;
    qint64 maxValue = std::numeric_limits<qint64>::max();
    bool cycle = false;
    bool readable = true; // the role may read its state
    // The column it feeds: "schema.table.column", and whether as an identity column.
    QString ownedBy;
    bool identity = false;

    QString qualifiedName() const { return schema + u'.' + name; }
};

// What to set on the target for one sequence.
struct SequencePlan
{
    SequenceInfo sequence;
    qint64 value = 0;       // the setval value
    bool isCalled = true;   // false: the next nextval() returns `value` itself
    bool clamped = false;   // the margin would have passed min/max
    QString note;           // why: clamped, never used, unreadable ...
    QString sql;            // SELECT pg_catalog.setval('<regclass>', value, is_called);

    bool skipped() const { return sql.isEmpty(); }
};

// Sequences at cutover: read every in-scope sequence of the source in one query, propose a
// value a margin ahead (moving down for descending sequences, clamped to min/max, never-used
// ones left at their start), write them on the target in one transaction, and check that
// each target sequence is at or ahead of its source.
class SequenceSync final
{
    Q_DECLARE_TR_FUNCTIONS(pgshift::core::SequenceSync)
public:
    static constexpr qint64 DefaultMargin = 10000;

    // Sequences in `scope`: those in a scoped schema and those owned by a scoped table.
    static QList<SequenceInfo> read(Connection &source, const CopyScope &scope);

    // The value `margin` increments past the source's last value. Pure: no server involved.
    static SequencePlan plan(const SequenceInfo &sequence, qint64 margin);
    static QList<SequencePlan> plan(const QList<SequenceInfo> &sequences, qint64 margin);

    // A margin from the observed rate: the largest number of increments any sequence took
    // between two reads `secondsApart` seconds apart, scaled to `windowSeconds` of cutover
    // and multiplied by `safety`; at least 1,000.
    static qint64 marginFromRate(const QList<SequenceInfo> &first, const QList<SequenceInfo> &second,
                                 double secondsApart, double windowSeconds, double safety = 3.0);

    // 'schema.name' as a regclass string literal, quoted for any name (quotes, spaces, mixed
    // case, unicode, backslashes).
    static QString regclassLiteral(const QString &schema, const QString &name);
    static QString setvalSql(const QString &schema, const QString &name, qint64 value, bool isCalled);

    // The plans' SQL as one script (a transaction), with a comment per clamped or skipped one.
    static QString script(const QList<SequencePlan> &plans);

    // Runs the setval calls on the target in one transaction (in statements of 200), leaving
    // alone a sequence the target already has further ahead (its plan says so and loses its
    // SQL). Returns how many were set; throws PgError when one fails. setval() is not undone
    // by a rollback, so what ran before a failure stays: it only ever moved forward.
    static int apply(Connection &target, QList<SequencePlan> &plans);

    // Target sequences not ahead of their source: for each, in words. Empty when all are.
    static QStringList behind(Connection &source, Connection &target, const CopyScope &scope);
};

} // namespace pgshift::core
