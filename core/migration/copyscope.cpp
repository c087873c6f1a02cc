#include "core/migration/copyscope.h"

#include "core/pg/sqlquote.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace pgshift::core {

QStringList CopyScope::splitList(const QString &text)
{
    QStringList parts;
    QString current;
    bool quoted = false;
    for (const QChar ch : text) {
        if (ch == u'"')
            quoted = !quoted;
        if (ch == u',' && !quoted) {
            parts << current.trimmed();
            current.clear();
        } else {
            current += ch;
        }
    }
    parts << current.trimmed();
    parts.removeAll(QString());
    return parts;
}

std::optional<QStringList> CopyScope::splitName(const QString &spec)
{
    QStringList parts;
    QString current;
    bool quoted = false;    // inside "..."
    bool hadQuotes = false; // the current part was quoted
    bool partStarted = false;
    for (qsizetype i = 0; i < spec.size(); ++i) {
        const QChar ch = spec.at(i);
        if (quoted) {
            if (ch == u'"') {
                if (i + 1 < spec.size() && spec.at(i + 1) == u'"') {
                    current += u'"';
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                current += ch;
            }
            continue;
        }
        if (ch == u'"') {
            if (partStarted && !hadQuotes)
                return std::nullopt; // abc"def"
            quoted = hadQuotes = partStarted = true;
        } else if (ch == u'.') {
            if (current.isEmpty())
                return std::nullopt;
            parts << current;
            current.clear();
            hadQuotes = partStarted = false;
        } else {
            if (hadQuotes)
                return std::nullopt; // "abc"def
            partStarted = true;
            current += ch.toLower();
        }
    }
    if (quoted || current.isEmpty())
        return std::nullopt;
    parts << current;
    return parts;
}

std::optional<CopyScope> CopyScope::parse(const QStringList &schemaSpecs, const QStringList &tableSpecs,
                                          QString *error)
{
    CopyScope scope;
    for (const QString &spec : schemaSpecs) {
        const auto parts = splitName(spec.trimmed());
        if (!parts || parts->size() != 1) {
            if (error)
                *error = tr("'%1' is not a schema name (quote names with dots or capitals: \"My.Schema\")")
                             .arg(spec);
            return std::nullopt;
        }
        if (!scope.schemas.contains(parts->first()))
            scope.schemas << parts->first();
    }
    for (const QString &spec : tableSpecs) {
        const auto parts = splitName(spec.trimmed());
        if (!parts || parts->size() > 2) {
            if (error)
                *error = tr("'%1' is not a table name; write table or schema.table, quoting parts "
                            "with dots or capitals: \"My Schema\".\"My.Table\"")
                             .arg(spec);
            return std::nullopt;
        }
        const Table table{parts->size() == 2 ? parts->at(0) : QStringLiteral("public"), parts->last()};
        if (!scope.tables.contains(table))
            scope.tables << table;
    }
    return scope;
}

QByteArray CopyScope::schemasJson() const
{
    return QJsonDocument(QJsonArray::fromStringList(schemas)).toJson(QJsonDocument::Compact);
}

QByteArray CopyScope::tablesJson() const
{
    QJsonArray array;
    for (const Table &t : tables)
        array.append(QJsonArray{t.schema, t.name});
    return QJsonDocument(array).toJson(QJsonDocument::Compact);
}

QString CopyScope::sqlCondition(int firstParameter)
{
    // Ancestors through pg_inherits cover partitions (and inheritance children) of a named
    // table at any depth.
    return QStringLiteral(
               "(jsonb_array_length($%1::jsonb) + jsonb_array_length($%2::jsonb) = 0"
               " OR n.nspname IN (SELECT jsonb_array_elements_text($%1::jsonb))"
               " OR EXISTS (WITH RECURSIVE up(oid) AS (SELECT c.oid UNION"
               "              SELECT i.inhparent FROM pg_inherits i JOIN up ON i.inhrelid = up.oid"
               "              WHERE c.relispartition)"
               "            SELECT 1 FROM up JOIN pg_class uc ON uc.oid = up.oid"
               "              JOIN pg_namespace un ON un.oid = uc.relnamespace"
               "              JOIN jsonb_array_elements($%2::jsonb) want"
               "                ON want->>0 = un.nspname AND want->>1 = uc.relname))")
        .arg(firstParameter)
        .arg(firstParameter + 1);
}

QList<QStringList> CopyScope::pgDumpSelections(const QList<Table> &resolvedTables) const
{
    // pg_dump patterns match double-quoted text literally (no wildcard, no case folding).
    QList<QStringList> selections;
    QStringList bySchema;
    for (const QString &schema : schemas)
        bySchema << QStringLiteral("--schema=") + sql::quoteIdentifier(schema);
    if (!bySchema.isEmpty())
        selections << bySchema;
    QStringList byTable;
    if (!tables.isEmpty()) {
        for (const Table &t : resolvedTables) {
            if (!schemas.contains(t.schema))
                byTable << QStringLiteral("--table=") + sql::quoteIdentifier(t.schema) + u'.' + sql::quoteIdentifier(t.name);
        }
    }
    if (!byTable.isEmpty())
        selections << byTable;
    return selections;
}

QString CopyScope::describe() const
{
    if (isWholeDatabase())
        return tr("the whole database");
    QStringList parts;
    if (!schemas.isEmpty())
        parts << tr("schemas %1").arg(schemas.join(QStringLiteral(", ")));
    if (!tables.isEmpty()) {
        QStringList names;
        for (const Table &t : tables)
            names << t.schema + u'.' + t.name;
        parts << tr("tables %1").arg(names.join(QStringLiteral(", ")));
    }
    return parts.join(QStringLiteral("; "));
}

} // namespace pgshift::core
