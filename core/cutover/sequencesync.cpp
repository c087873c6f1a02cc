#include "core/cutover/sequencesync.h"

#include "core/log/corelog.h"
#include "core/pg/catalogfilters.h"
#include "core/pg/connection.h"
#include "core/pg/pgerror.h"
#include "core/pg/sqlquote.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QtNumeric>
#include <QRegularExpression>

#include <cmath>

namespace pgshift::core {
namespace {

constexpr int CallsPerStatement = 200;

// An identifier as the regclass input parser reads it: bare only when it would read back
// unchanged (lower-case ASCII), else quoted.
QString identifier(const QString &name)
{
    static const QRegularExpression bare(QStringLiteral("^[a-z_][a-z0-9_$]*$"));
    return bare.match(name).hasMatch() ? name : sql::quoteIdentifier(name);
}

QString setvalCall(const QString &schema, const QString &name, qint64 value, bool isCalled)
{
    return QStringLiteral("pg_catalog.setval(%1, %2, %3)")
        .arg(SequenceSync::regclassLiteral(schema, name), QString::number(value),
             isCalled ? QStringLiteral("true") : QStringLiteral("false"));
}

// The in-scope sequences with their definition, state and owning column. `seq` is the
// sequence; the scope condition needs `c` and `n`, so each test gets its own subquery.
QString sequencesQuery()
{
    return QStringLiteral(
               "SELECT sn.nspname, seq.relname, format_type(s.seqtypid, NULL), ps.last_value, s.seqstart, s.seqincrement,"
               "       s.seqmin, s.seqmax, s.seqcycle,"
               "       pg_catalog.has_sequence_privilege(seq.oid, 'SELECT') OR pg_catalog.has_sequence_privilege(seq.oid, 'USAGE'),"
               "       d.deptype::text, tn.nspname, tc.relname, a.attname"
               "  FROM pg_catalog.pg_sequence s"
               "  JOIN pg_catalog.pg_class seq ON seq.oid = s.seqrelid"
               "  JOIN pg_catalog.pg_namespace sn ON sn.oid = seq.relnamespace"
               "  LEFT JOIN pg_catalog.pg_sequences ps ON ps.schemaname = sn.nspname AND ps.sequencename = seq.relname"
               "  LEFT JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_class'::regclass AND d.objid = seq.oid"
               "        AND d.refclassid = 'pg_catalog.pg_class'::regclass AND d.deptype IN ('a', 'i')"
               "  LEFT JOIN pg_catalog.pg_class tc ON tc.oid = d.refobjid"
               "  LEFT JOIN pg_catalog.pg_namespace tn ON tn.oid = tc.relnamespace"
               "  LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid"
               " WHERE EXISTS (SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
               "                WHERE c.oid = seq.oid AND %1 AND %2)"
               "    OR EXISTS (SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
               "                WHERE c.oid = d.refobjid AND %1 AND %2)"
               " ORDER BY 1, 2")
        .arg(QString::fromLatin1(sql::UserRelation), CopyScope::sqlCondition(1));
}

} // namespace

QList<SequenceInfo> SequenceSync::read(Connection &source, const CopyScope &scope)
{
    const Result r = source.exec(sequencesQuery(), {QString::fromUtf8(scope.schemasJson()), QString::fromUtf8(scope.tablesJson())});
    QList<SequenceInfo> list;
    for (int i = 0; i < r.rowCount(); ++i) {
        SequenceInfo s;
        s.schema = r.text(i, 0);
        s.name = r.text(i, 1);
        s.dataType = r.text(i, 2);
        if (!r.isNull(i, 3))
            s.lastValue = r.toInt64(i, 3);
        s.startValue = r.toInt64(i, 4);
        s.increment = r.toInt64(i, 5);
        s.minValue = r.toInt64(i, 6);
        s.maxValue = r.toInt64(i, 7);
        s.cycle = r.toBool(i, 8);
        s.readable = r.toBool(i, 9);
        if (!r.isNull(i, 10)) {
            s.identity = r.text(i, 10) == u"i";
            s.ownedBy = QStringLiteral("%1.%2.%3").arg(r.text(i, 11), r.text(i, 12), r.text(i, 13));
        }
        list << s;
    }
    return list;
}

SequencePlan SequenceSync::plan(const SequenceInfo &s, qint64 margin)
{
    SequencePlan p;
    p.sequence = s;
    if (!s.readable) {
        p.note = tr("not readable by this role (grant it SELECT on the sequence): left as it is");
        return p;
    }
    if (!s.lastValue) {
        p.value = s.startValue;
        p.isCalled = false;
        p.note = tr("never used: stays at its start value, %1").arg(s.startValue);
        p.sql = setvalSql(s.schema, s.name, p.value, false);
        return p;
    }
    // A margin times a large increment passes 64 bits easily: past them is past any limit.
    qint64 step = 0;
    qint64 wanted = 0;
    const bool overflow = qMulOverflow(std::max<qint64>(margin, 0), s.increment, &step)
        || qAddOverflow(*s.lastValue, step, &wanted);
    const bool pastMax = overflow ? s.increment > 0 : wanted > s.maxValue;
    const bool pastMin = overflow ? s.increment < 0 : wanted < s.minValue;
    if (pastMax || pastMin) {
        p.value = pastMax ? s.maxValue : s.minValue;
        p.clamped = true;
        p.note = pastMax ? tr("a margin of %1 would pass MAXVALUE %2: set to %2").arg(margin).arg(s.maxValue)
                         : tr("a margin of %1 would pass MINVALUE %2: set to %2").arg(margin).arg(s.minValue);
        p.note += s.cycle ? tr("; it cycles, so its next value starts over at %1").arg(pastMax ? s.minValue : s.maxValue)
                          : tr("; its next nextval() fails until its limit is widened");
    } else {
        p.value = wanted;
    }
    p.sql = setvalSql(s.schema, s.name, p.value, true);
    return p;
}

QList<SequencePlan> SequenceSync::plan(const QList<SequenceInfo> &sequences, qint64 margin)
{
    QList<SequencePlan> plans;
    plans.reserve(sequences.size());
    for (const SequenceInfo &s : sequences)
        plans << plan(s, margin);
    return plans;
}

qint64 SequenceSync::marginFromRate(const QList<SequenceInfo> &first, const QList<SequenceInfo> &second,
                                    double secondsApart, double windowSeconds, double safety)
{
    QHash<QString, const SequenceInfo *> before;
    for (const SequenceInfo &s : first)
        before.insert(s.qualifiedName(), &s);
    double fastest = 0; // increments a second
    for (const SequenceInfo &s : second) {
        const SequenceInfo *b = before.value(s.qualifiedName());
        if (!b || !s.lastValue || s.increment == 0)
            continue;
        // Never used at the first read: it started from its start value since.
        const double from = b->lastValue ? double(*b->lastValue) : double(s.startValue) - double(s.increment);
        const double steps = std::abs((double(*s.lastValue) - from) / double(s.increment));
        fastest = std::max(fastest, steps / std::max(secondsApart, 0.001));
    }
    const double margin = std::ceil(fastest * std::max(windowSeconds, 1.0) * std::max(safety, 1.0));
    return std::max<qint64>(1000, margin > 9e18 ? std::numeric_limits<qint64>::max() : qint64(margin));
}

QString SequenceSync::regclassLiteral(const QString &schema, const QString &name)
{
    return sql::quoteLiteral(identifier(schema) + u'.' + identifier(name));
}

QString SequenceSync::setvalSql(const QString &schema, const QString &name, qint64 value, bool isCalled)
{
    return QStringLiteral("SELECT %1;").arg(setvalCall(schema, name, value, isCalled));
}

QString SequenceSync::script(const QList<SequencePlan> &plans)
{
    QStringList lines{QStringLiteral("BEGIN;")};
    for (const SequencePlan &p : plans) {
        if (!p.note.isEmpty())
            lines << QStringLiteral("-- %1: %2").arg(p.sequence.qualifiedName(), QString(p.note).replace(u'\n', u' '));
        if (!p.skipped())
            lines << p.sql;
    }
    lines << QStringLiteral("COMMIT;");
    return lines.join(u'\n') + u'\n';
}

int SequenceSync::apply(Connection &target, QList<SequencePlan> &plans)
{
    // setval() is not undone by a rollback; the transaction still keeps a failure from
    // leaving other statements half done, and the plans only ever move a sequence forward:
    // one the target already has further ahead (in the sequence's direction) is left alone.
    QJsonArray wanted;
    QStringList names;
    for (const SequencePlan &p : std::as_const(plans)) {
        wanted.append(QJsonArray{p.sequence.schema, p.sequence.name});
        names << p.sequence.schema + QChar(0x1f) + p.sequence.name; // no name holds this character
    }
    // The catalogs, not the pg_sequences view: joined to the view, 10,000 names took 13 s
    // (a nested loop over it), joined like this 0.25 s.
    const Result current = target.exec(
        QStringLiteral("SELECT n.nspname || chr(31) || c.relname,"
                       "       CASE WHEN pg_catalog.has_sequence_privilege(c.oid, 'SELECT,USAGE')"
                       "            THEN pg_catalog.pg_sequence_last_value(c.oid) END"
                       "  FROM pg_catalog.pg_class c"
                       "  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                       "  JOIN (SELECT DISTINCT x->>0 AS schema, x->>1 AS name FROM pg_catalog.jsonb_array_elements($1::jsonb) x) w"
                       "    ON w.schema = n.nspname AND w.name = c.relname"
                       " WHERE c.relkind = 'S'"),
        {QString::fromUtf8(QJsonDocument(wanted).toJson(QJsonDocument::Compact))});
    QHash<QString, std::optional<qint64>> there;
    for (int i = 0; i < current.rowCount(); ++i)
        there.insert(current.text(i, 0), current.isNull(i, 1) ? std::nullopt : std::optional<qint64>(current.toInt64(i, 1)));
    QStringList calls;
    for (qsizetype i = 0; i < plans.size(); ++i) {
        SequencePlan &p = plans[i];
        if (p.skipped())
            continue;
        if (!there.contains(names[i]))
            throw PgError(PgError::Kind::Query, tr("The target has no sequence %1.").arg(p.sequence.qualifiedName()));
        const std::optional<qint64> now = there.value(names[i]);
        const bool up = p.sequence.increment > 0;
        if (now && p.isCalled && (up ? *now >= p.value : *now <= p.value)) {
            p.note = tr("the target is already at %1, past %2: left as it is").arg(*now).arg(p.value);
            p.sql.clear();
            continue;
        }
        if (now && !p.isCalled) {
            p.note = tr("never used on the source, already used on the target (at %1): left as it is").arg(*now);
            p.sql.clear();
            continue;
        }
        calls << setvalCall(p.sequence.schema, p.sequence.name, p.value, p.isCalled);
    }
    target.exec(QStringLiteral("BEGIN"));
    try {
        for (qsizetype first = 0; first < calls.size(); first += CallsPerStatement)
            target.exec(QStringLiteral("SELECT ") + calls.mid(first, CallsPerStatement).join(QStringLiteral(", ")));
        target.exec(QStringLiteral("COMMIT"));
    } catch (const PgError &) {
        if (target.isAlive())
            target.exec(QStringLiteral("ROLLBACK"));
        throw;
    }
    logger()->info("sequences: {} set on the target", calls.size());
    return int(calls.size());
}

QStringList SequenceSync::behind(Connection &source, Connection &target, const CopyScope &scope)
{
    const QList<SequenceInfo> onSource = read(source, scope);
    const QList<SequenceInfo> onTarget = read(target, CopyScope());
    QHash<QString, const SequenceInfo *> byName;
    for (const SequenceInfo &t : onTarget)
        byName.insert(t.qualifiedName(), &t);
    QStringList problems;
    for (const SequenceInfo &s : onSource) {
        const SequenceInfo *t = byName.value(s.qualifiedName());
        if (!t) {
            problems << tr("%1: missing on the target").arg(s.qualifiedName());
        } else if (s.lastValue && !t->lastValue) {
            problems << tr("%1: at %2 on the source, never used on the target").arg(s.qualifiedName()).arg(*s.lastValue);
        } else if (s.lastValue && (s.increment > 0 ? *t->lastValue <= *s.lastValue : *t->lastValue >= *s.lastValue)) {
            problems << tr("%1: %2 on the target is not ahead of %3 on the source")
                            .arg(s.qualifiedName()).arg(*t->lastValue).arg(*s.lastValue);
        }
    }
    return problems;
}

} // namespace pgshift::core
