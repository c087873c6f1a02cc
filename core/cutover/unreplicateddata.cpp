#include "core/cutover/unreplicateddata.h"

#include "core/log/corelog.h"
#include "core/migration/cancellation.h"
#include "core/pg/catalogfilters.h"
#include "core/pg/connection.h"
#include "core/pg/pgerror.h"
#include "core/pg/sqlquote.h"

#include <QHash>
#include <QSet>

#include <algorithm>

namespace pgshift::core {
namespace {

constexpr int VerifyBatch = 1000; // large objects whose size one statement checks

void throwIfCancelled(const Cancellation &cancellation)
{
    if (cancellation.isCancelled())
        throw PgError(PgError::Kind::Cancelled, UnreplicatedData::tr("Cancelled."));
}

struct Grant
{
    QString grantee; // empty: PUBLIC
    QString privilege;
    bool grantable = false;
};

struct SourceObject
{
    QString oid;
    QString owner;
    std::optional<QString> comment;
    QList<Grant> grants;
};

QList<SourceObject> readObjects(Connection &source)
{
    const Result objects = source.exec(QStringLiteral(
        "SELECT m.oid::text, pg_catalog.pg_get_userbyid(m.lomowner), pg_catalog.obj_description(m.oid, 'pg_largeobject')"
        "  FROM pg_catalog.pg_largeobject_metadata m ORDER BY m.oid"));
    QList<SourceObject> list;
    QHash<QString, qsizetype> index;
    list.reserve(objects.rowCount());
    for (int row = 0; row < objects.rowCount(); ++row) {
        index.insert(objects.text(row, 0), list.size());
        list << SourceObject{objects.text(row, 0), objects.text(row, 1), objects.optionalText(row, 2), {}};
    }
    // The owner's own entry comes with ownership; PUBLIC is grantee 0.
    const Result grants = source.exec(QStringLiteral(
        "SELECT m.oid::text, pg_catalog.pg_get_userbyid(NULLIF(a.grantee, 0)), a.privilege_type, a.is_grantable"
        "  FROM pg_catalog.pg_largeobject_metadata m, pg_catalog.aclexplode(m.lomacl) a"
        " WHERE a.grantee <> m.lomowner ORDER BY 1, 2, 3"));
    for (int row = 0; row < grants.rowCount(); ++row) {
        if (const auto at = index.constFind(grants.text(row, 0)); at != index.cend())
            list[*at].grants << Grant{grants.isNull(row, 1) ? QString() : grants.text(row, 1), grants.text(row, 2), grants.toBool(row, 3)};
    }
    return list;
}

// Raises an error inside the target's transaction when a copied object's size differs; the
// statement carries only numbers.
void verifySizes(Connection &target, const QStringList &oids, const QStringList &sizes)
{
    target.exec(QStringLiteral(
                    "DO $verify$ DECLARE o oid[] := '{%1}'; s bigint[] := '{%2}'; fd int; n bigint; BEGIN"
                    " FOR i IN 1 .. coalesce(array_length(o, 1), 0) LOOP"
                    "  fd := pg_catalog.lo_open(o[i], 262144); n := pg_catalog.lo_lseek64(fd, 0, 2);"
                    "  PERFORM pg_catalog.lo_close(fd);"
                    "  IF n <> s[i] THEN RAISE EXCEPTION 'large object % has % bytes on the target, % on the source', o[i], n, s[i]; END IF;"
                    " END LOOP; END $verify$")
                    .arg(oids.join(u','), sizes.join(u',')));
}

// The materialized views each materialized view reads, directly or through plain views, by
// quoted name ("schema"."name").
QHash<QString, QStringList> materializedViewInputs(Connection &target)
{
    const Result edges = target.exec(QStringLiteral(
        "SELECT DISTINCT vn.nspname, v.relname, bn.nspname, b.relname, b.relkind = 'm'"
        "  FROM pg_catalog.pg_depend d"
        "  JOIN pg_catalog.pg_rewrite r ON d.classid = 'pg_catalog.pg_rewrite'::pg_catalog.regclass AND r.oid = d.objid"
        "  JOIN pg_catalog.pg_class v ON v.oid = r.ev_class"
        "  JOIN pg_catalog.pg_namespace vn ON vn.oid = v.relnamespace"
        "  JOIN pg_catalog.pg_class b ON d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass AND b.oid = d.refobjid"
        "  JOIN pg_catalog.pg_namespace bn ON bn.oid = b.relnamespace"
        " WHERE v.relkind IN ('m', 'v') AND b.relkind IN ('m', 'v') AND b.oid <> v.oid"));
    QHash<QString, QStringList> direct; // relation -> views and materialized views it reads
    QSet<QString> materialized;
    for (int row = 0; row < edges.rowCount(); ++row) {
        const QString from = sql::quoteQualified(edges.text(row, 0), edges.text(row, 1));
        const QString to = sql::quoteQualified(edges.text(row, 2), edges.text(row, 3));
        direct[from] << to;
        if (edges.toBool(row, 4))
            materialized.insert(to);
    }
    QHash<QString, QStringList> inputs;
    for (auto it = direct.cbegin(); it != direct.cend(); ++it) {
        QStringList found;
        QSet<QString> seen{it.key()};
        QStringList stack = it.value();
        while (!stack.isEmpty()) {
            const QString next = stack.takeLast();
            if (seen.contains(next))
                continue;
            seen.insert(next);
            if (materialized.contains(next))
                found << next; // its own inputs are ordered on their own
            else
                stack << direct.value(next); // a plain view: look through it
        }
        if (!found.isEmpty())
            inputs.insert(it.key(), found);
    }
    return inputs;
}

} // namespace

UnreplicatedData::LargeObjects UnreplicatedData::copyLargeObjects(Connection &source, Connection &target, Cancellation &cancellation,
                                                                  int chunkBytes)
{
    LargeObjects outcome;
    source.exec(QStringLiteral("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"));
    bool targetOpen = false;
    try {
        source.exec(QStringLiteral("SET LOCAL bytea_output = hex"));
        const QList<SourceObject> objects = readObjects(source);
        if (objects.isEmpty()) {
            source.exec(QStringLiteral("COMMIT"));
            return outcome;
        }
        QSet<QString> roles, assignable, existing;
        const Result r = target.exec(QStringLiteral("SELECT rolname, pg_catalog.pg_has_role(oid, 'MEMBER') FROM pg_catalog.pg_roles"));
        for (int row = 0; row < r.rowCount(); ++row) {
            roles.insert(r.text(row, 0));
            if (r.toBool(row, 1))
                assignable.insert(r.text(row, 0));
        }
        target.exec(QStringLiteral("BEGIN"));
        targetOpen = true;
        // The schema copy (pg_dump's pre-data) creates them empty; one holding data is from an
        // earlier attempt or was written on the target, and is reported as overwritten.
        QStringList sourceOids;
        sourceOids.reserve(objects.size());
        for (const SourceObject &object : objects)
            sourceOids << object.oid;
        QSet<QString> holdingData;
        const Result present = target.exec(QStringLiteral("SELECT m.oid::text, pg_catalog.length(pg_catalog.lo_get(m.oid, 0, 1)) > 0"
                                                          "  FROM pg_catalog.pg_largeobject_metadata m WHERE m.oid = ANY($1::oid[])"),
                                           {u'{' + sourceOids.join(u',') + u'}'});
        for (int row = 0; row < present.rowCount(); ++row) {
            existing.insert(present.text(row, 0));
            if (present.toBool(row, 1))
                holdingData.insert(present.text(row, 0));
        }

        QSet<QString> missingOwners, missingGrantees;
        QStringList batchOids, batchSizes;
        for (const SourceObject &object : objects) {
            throwIfCancelled(cancellation);
            if (existing.contains(object.oid)) {
                target.exec(QStringLiteral("SELECT pg_catalog.lo_unlink($1::oid)"), {object.oid});
                outcome.overwritten += holdingData.contains(object.oid) ? 1 : 0;
            }
            target.exec(QStringLiteral("SELECT pg_catalog.lo_create($1::oid)"), {object.oid});
            qint64 offset = 0;
            for (;;) {
                throwIfCancelled(cancellation);
                // bytea travels in its hex text form both ways: what the source prints, the
                // target reads ("\x" and two digits a byte).
                const QByteArray hex = source.exec(QStringLiteral("SELECT pg_catalog.lo_get($1::oid, $2::bigint, $3::int)"),
                                                   {object.oid, offset, chunkBytes})
                                           .bytes(0, 0);
                const qint64 length = (hex.size() - 2) / 2;
                if (length > 0)
                    target.exec(QStringLiteral("SELECT pg_catalog.lo_put($1::oid, $2::bigint, $3::bytea)"), {object.oid, offset, hex});
                offset += length;
                if (length < chunkBytes)
                    break;
            }
            for (const Grant &grant : object.grants) {
                if (!grant.grantee.isEmpty() && !roles.contains(grant.grantee)) {
                    missingGrantees.insert(grant.grantee);
                    continue;
                }
                target.exec(QStringLiteral("GRANT %1 ON LARGE OBJECT %2 TO %3%4")
                                .arg(grant.privilege == QLatin1String("UPDATE") ? QStringLiteral("UPDATE") : QStringLiteral("SELECT"),
                                     object.oid,
                                     grant.grantee.isEmpty() ? QStringLiteral("PUBLIC") : sql::quoteIdentifier(grant.grantee),
                                     grant.grantable ? QStringLiteral(" WITH GRANT OPTION") : QString()));
            }
            if (object.comment)
                target.exec(QStringLiteral("COMMENT ON LARGE OBJECT %1 IS %2").arg(object.oid, sql::quoteLiteral(*object.comment)));
            if (assignable.contains(object.owner))
                target.exec(QStringLiteral("ALTER LARGE OBJECT %1 OWNER TO %2").arg(object.oid, sql::quoteIdentifier(object.owner)));
            else
                missingOwners.insert(object.owner);
            ++outcome.count;
            outcome.bytes += offset;
            batchOids << object.oid;
            batchSizes << QString::number(offset);
            if (batchOids.size() == VerifyBatch) {
                verifySizes(target, batchOids, batchSizes);
                batchOids.clear();
                batchSizes.clear();
            }
        }
        verifySizes(target, batchOids, batchSizes);
        target.exec(QStringLiteral("COMMIT"));
        targetOpen = false;
        source.exec(QStringLiteral("COMMIT"));
        if (!missingOwners.isEmpty()) {
            QStringList names = missingOwners.values();
            names.sort();
            outcome.notes << tr("Owned by the target's user instead of %1: that role does not exist on the target or "
                                "the target's user cannot assign it.").arg(names.join(QStringLiteral(", ")));
        }
        if (!missingGrantees.isEmpty()) {
            QStringList names = missingGrantees.values();
            names.sort();
            outcome.notes << tr("Grants to %1 left out: no such role on the target.").arg(names.join(QStringLiteral(", ")));
        }
    } catch (const PgError &) {
        if (targetOpen)
            target.rollbackQuietly();
        source.rollbackQuietly();
        throw;
    }
    logger()->info("large objects: {} copied ({} bytes, {} overwritten)", outcome.count, outcome.bytes, outcome.overwritten);
    return outcome;
}

UnreplicatedData::MaterializedViews UnreplicatedData::refreshMaterializedViews(Connection &source, Connection &target,
                                                                               const CopyScope &scope, Cancellation &cancellation)
{
    const QString query = QStringLiteral("SELECT n.nspname, c.relname, c.relispopulated"
                                         "  FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                                         " WHERE c.relkind = 'm' AND %1 AND %2 ORDER BY 1, 2")
                              .arg(QString::fromLatin1(sql::UserRelation), CopyScope::sqlCondition(1));
    const QVariantList params{scope.schemasJson(), scope.tablesJson()};
    QSet<QString> populated;
    const Result onSource = source.exec(query, params);
    for (int row = 0; row < onSource.rowCount(); ++row) {
        if (onSource.toBool(row, 2))
            populated.insert(sql::quoteQualified(onSource.text(row, 0), onSource.text(row, 1)));
    }
    MaterializedViews outcome;
    QStringList pending;
    const Result onTarget = target.exec(query, params);
    for (int row = 0; row < onTarget.rowCount(); ++row) {
        const QString name = sql::quoteQualified(onTarget.text(row, 0), onTarget.text(row, 1));
        (populated.contains(name) ? pending : outcome.leftEmpty) << name;
    }
    if (pending.isEmpty())
        return outcome;
    const QHash<QString, QStringList> reads = materializedViewInputs(target);
    QSet<QString> done, failed;
    // Each round refreshes the views whose inputs among the pending ones are all refreshed;
    // a view whose input failed is not refreshed from stale data.
    while (!pending.isEmpty()) {
        QStringList waiting;
        for (const QString &name : std::as_const(pending)) {
            throwIfCancelled(cancellation);
            const QStringList inputs = reads.value(name);
            const auto brokenInput = std::find_if(inputs.cbegin(), inputs.cend(), [&](const QString &in) { return failed.contains(in); });
            if (brokenInput != inputs.cend()) {
                outcome.failures << name + QStringLiteral(": ") + tr("not refreshed, it reads %1, which failed").arg(*brokenInput);
                failed.insert(name);
                continue;
            }
            if (std::any_of(inputs.cbegin(), inputs.cend(), [&](const QString &in) { return pending.contains(in) && !done.contains(in); })) {
                waiting << name;
                continue;
            }
            try {
                target.exec(QStringLiteral("REFRESH MATERIALIZED VIEW %1").arg(name));
                outcome.refreshed << name;
                done.insert(name);
            } catch (const PgError &e) {
                if (e.kind() == PgError::Kind::Connection || e.kind() == PgError::Kind::Cancelled)
                    throw;
                outcome.failures << name + QStringLiteral(": ") + e.message();
                failed.insert(name);
            }
        }
        if (waiting.size() == pending.size()) { // a cycle: PostgreSQL does not allow one, but never loop
            for (const QString &name : std::as_const(waiting))
                outcome.failures << name + QStringLiteral(": ") + tr("not refreshed, its inputs could not be ordered");
            break;
        }
        pending = waiting;
    }
    return outcome;
}

} // namespace pgshift::core
