#include "core/migration/targetinventory.h"

#include "core/pg/connection.h"

#include <QSet>

#include <algorithm>

namespace pgshift::core {
namespace {

// kind, schema (NULL for none), quoted name, display name
constexpr const char *InventoryQuery = R"sql(
WITH user_ns AS (
  SELECT oid, nspname FROM pg_namespace
   WHERE nspname NOT IN ('pg_catalog', 'information_schema') AND nspname NOT LIKE 'pg\_toast%'
     AND nspname NOT LIKE 'pg\_temp\_%' AND nspname NOT LIKE 'pg\_toast\_temp\_%'
), ext_member AS (
  SELECT classid, objid FROM pg_depend WHERE deptype = 'e'
)
SELECT 'schema', NULL, quote_ident(nspname), nspname FROM user_ns
 WHERE NOT EXISTS (SELECT 1 FROM ext_member e WHERE e.classid = 'pg_namespace'::regclass AND e.objid = user_ns.oid)
UNION ALL
SELECT 'extension', NULL, quote_ident(extname), extname FROM pg_extension WHERE extname <> 'plpgsql'
UNION ALL
SELECT CASE c.relkind WHEN 'r' THEN 'table' WHEN 'p' THEN 'table' WHEN 'v' THEN 'view'
                      WHEN 'm' THEN 'matview' WHEN 'S' THEN 'sequence' ELSE 'foreign' END,
       n.nspname, quote_ident(n.nspname) || '.' || quote_ident(c.relname), n.nspname || '.' || c.relname
  FROM pg_class c JOIN user_ns n ON n.oid = c.relnamespace
 WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND NOT c.relispartition
   AND NOT EXISTS (SELECT 1 FROM ext_member e WHERE e.classid = 'pg_class'::regclass AND e.objid = c.oid)
UNION ALL
SELECT 'type', n.nspname, quote_ident(n.nspname) || '.' || quote_ident(t.typname), n.nspname || '.' || t.typname
  FROM pg_type t JOIN user_ns n ON n.oid = t.typnamespace
 WHERE t.typtype IN ('e', 'd', 'r', 'c', 'm')
   AND (t.typrelid = 0 OR (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c')
   AND NOT EXISTS (SELECT 1 FROM ext_member e WHERE e.classid = 'pg_type'::regclass AND e.objid = t.oid)
   AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_type'::regclass AND d.objid = t.oid
                                              AND d.deptype = 'i') -- multiranges of ranges
UNION ALL
SELECT %1, n.nspname,
       quote_ident(n.nspname) || '.' || quote_ident(p.proname) || '(' || pg_get_function_identity_arguments(p.oid) || ')',
       n.nspname || '.' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')'
  FROM pg_proc p JOIN user_ns n ON n.oid = p.pronamespace
 WHERE NOT EXISTS (SELECT 1 FROM ext_member e WHERE e.classid = 'pg_proc'::regclass AND e.objid = p.oid)
UNION ALL
SELECT 'lo', NULL, oid::text, oid::text FROM pg_largeobject_metadata
)sql";

TargetObject::Kind kindFromName(const QString &name)
{
    using K = TargetObject::Kind;
    if (name == u"schema") return K::Schema;
    if (name == u"extension") return K::Extension;
    if (name == u"view") return K::View;
    if (name == u"matview") return K::MaterializedView;
    if (name == u"sequence") return K::Sequence;
    if (name == u"foreign") return K::ForeignTable;
    if (name == u"type") return K::Type;
    if (name == u"lo") return K::LargeObject;
    if (name == u"table") return K::Table;
    if (name == u"procedure") return K::Procedure;
    if (name == u"aggregate") return K::Aggregate;
    return K::Function;
}

int dropOrder(TargetObject::Kind kind)
{
    using K = TargetObject::Kind;
    switch (kind) {
    case K::View: return 0;
    case K::MaterializedView: return 1;
    case K::ForeignTable: return 2;
    case K::Table: return 3;
    case K::Sequence: return 4;
    case K::Aggregate: return 5;
    case K::Function: return 6;
    case K::Procedure: return 6;
    case K::Type: return 7;
    case K::LargeObject: return 8;
    case K::Extension: return 9;
    case K::Schema: return 10;
    }
    return 11;
}

} // namespace

QString TargetObject::kindName() const
{
    switch (kind) {
    case Kind::Schema: return TargetInventory::tr("schema");
    case Kind::Extension: return TargetInventory::tr("extension");
    case Kind::Table: return TargetInventory::tr("table");
    case Kind::View: return TargetInventory::tr("view");
    case Kind::MaterializedView: return TargetInventory::tr("materialized view");
    case Kind::Sequence: return TargetInventory::tr("sequence");
    case Kind::ForeignTable: return TargetInventory::tr("foreign table");
    case Kind::Type: return TargetInventory::tr("type");
    case Kind::Function: return TargetInventory::tr("function");
    case Kind::Procedure: return TargetInventory::tr("procedure");
    case Kind::Aggregate: return TargetInventory::tr("aggregate");
    case Kind::LargeObject: return TargetInventory::tr("large object");
    }
    return {};
}

TargetInventory TargetInventory::capture(Connection &connection)
{
    TargetInventory inventory;
    // prokind arrived in PostgreSQL 11 with procedures; before, proisagg told aggregates apart.
    const QString routineKind = connection.serverVersionNumber() >= 110000
        ? QStringLiteral("CASE p.prokind WHEN 'p' THEN 'procedure' WHEN 'a' THEN 'aggregate' ELSE 'function' END")
        : QStringLiteral("CASE WHEN p.proisagg THEN 'aggregate' ELSE 'function' END");
    const Result rows = connection.exec(QString::fromLatin1(InventoryQuery).arg(routineKind));
    for (int i = 0; i < rows.rowCount(); ++i) {
        TargetObject object;
        object.kind = kindFromName(rows.text(i, 0));
        object.name = rows.text(i, 2);
        object.display = rows.text(i, 3);
        inventory.m_objects << object;
        inventory.m_schemaOf << rows.optionalText(i, 1).value_or(QString());
    }
    return inventory;
}

QList<TargetObject> TargetInventory::created(const TargetInventory &before, const TargetInventory &after)
{
    QSet<QString> existed;
    for (const TargetObject &o : before.m_objects)
        existed.insert(QString::number(int(o.kind)) + u' ' + o.name);
    QSet<QString> newSchemas;
    for (const TargetObject &o : after.m_objects) {
        if (o.kind == TargetObject::Kind::Schema && !existed.contains(QStringLiteral("%1 %2").arg(int(o.kind)).arg(o.name)))
            newSchemas.insert(o.display);
    }
    QList<TargetObject> created;
    for (qsizetype i = 0; i < after.m_objects.size(); ++i) {
        const TargetObject &o = after.m_objects[i];
        if (existed.contains(QString::number(int(o.kind)) + u' ' + o.name))
            continue;
        if (o.kind != TargetObject::Kind::Schema && newSchemas.contains(after.m_schemaOf[i]))
            continue; // goes with its schema
        created << o;
    }
    std::stable_sort(created.begin(), created.end(), [](const TargetObject &a, const TargetObject &b) {
        return dropOrder(a.kind) < dropOrder(b.kind);
    });
    return created;
}

QString TargetInventory::dropSql(const QList<TargetObject> &objects)
{
    QList<TargetObject> ordered = objects;
    std::stable_sort(ordered.begin(), ordered.end(), [](const TargetObject &a, const TargetObject &b) {
        return dropOrder(a.kind) < dropOrder(b.kind);
    });
    QStringList lines{QStringLiteral("BEGIN;")};
    for (const TargetObject &o : ordered) {
        using K = TargetObject::Kind;
        switch (o.kind) {
        case K::Schema: lines << QStringLiteral("DROP SCHEMA IF EXISTS %1 CASCADE;").arg(o.name); break;
        case K::Extension: lines << QStringLiteral("DROP EXTENSION IF EXISTS %1 CASCADE;").arg(o.name); break;
        case K::Table: lines << QStringLiteral("DROP TABLE IF EXISTS %1 CASCADE;").arg(o.name); break;
        case K::View: lines << QStringLiteral("DROP VIEW IF EXISTS %1 CASCADE;").arg(o.name); break;
        case K::MaterializedView:
            lines << QStringLiteral("DROP MATERIALIZED VIEW IF EXISTS %1 CASCADE;").arg(o.name);
            break;
        case K::Sequence: lines << QStringLiteral("DROP SEQUENCE IF EXISTS %1 CASCADE;").arg(o.name); break;
        case K::ForeignTable: lines << QStringLiteral("DROP FOREIGN TABLE IF EXISTS %1 CASCADE;").arg(o.name); break;
        case K::Type: lines << QStringLiteral("DROP TYPE IF EXISTS %1 CASCADE;").arg(o.name); break;
        case K::Function: lines << QStringLiteral("DROP FUNCTION IF EXISTS %1 CASCADE;").arg(o.name); break;
        case K::Procedure: lines << QStringLiteral("DROP PROCEDURE IF EXISTS %1 CASCADE;").arg(o.name); break;
        case K::Aggregate: lines << QStringLiteral("DROP AGGREGATE IF EXISTS %1 CASCADE;").arg(o.name); break;
        case K::LargeObject:
            lines << QStringLiteral("SELECT pg_catalog.lo_unlink(%1) FROM pg_catalog.pg_largeobject_metadata"
                                    " WHERE oid = %1;").arg(o.name);
            break;
        }
    }
    lines << QStringLiteral("COMMIT;");
    return lines.join(u'\n') + u'\n';
}

} // namespace pgshift::core
