#pragma once

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace pgshift::core {

// What a copy takes from the source: the whole database, or some schemas and some tables.
// Names are exact (already unquoted); parse() reads them the way pg_dump -n/-t and psql do:
// "Quoted" parts are taken as written, unquoted parts are folded to lower case.
class CopyScope final
{
    Q_DECLARE_TR_FUNCTIONS(pgshift::core::CopyScope)
public:
    struct Table
    {
        QString schema;
        QString name;
        friend bool operator==(const Table &, const Table &) = default;
    };

    QStringList schemas;
    QList<Table> tables;

    bool isWholeDatabase() const { return schemas.isEmpty() && tables.isEmpty(); }

    // `schemaSpecs` like: Sales, "Mixed Case"; `tableSpecs` like: orders, sales.orders,
    // "My Schema"."My.Table" (an unqualified table is in public). Returns nullopt and sets
    // `error` for malformed input.
    static std::optional<CopyScope> parse(const QStringList &schemaSpecs, const QStringList &tableSpecs,
                                          QString *error);

    // A comma-separated list of specs as typed in a form: commas inside "quotes" stay, empty
    // parts go ('a, "b,c".d,,e' -> a; "b,c".d; e).
    static QStringList splitList(const QString &text);

    // Identifier parts of one spec ("a"."b" -> a, b), or nullopt when malformed.
    static std::optional<QStringList> splitName(const QString &spec);

    // JSON arrays for the SQL filter below: ["s1", ...] and [["schema", "table"], ...].
    QByteArray schemasJson() const;
    QByteArray tablesJson() const;

    // A WHERE fragment, true for relation `c` in namespace `n` inside the scope, using
    // parameters $<first> (schemas JSON) and $<first+1> (tables JSON). Partitions of a table
    // in the scope are in it too.
    static QString sqlCondition(int firstParameter);

    // pg_dump argument sets that together select the same objects, every name quoted so it
    // matches literally: none for the whole database, else one set per kind of selection,
    // since pg_dump ignores --schema once --table is given. `resolvedTables` are the tables
    // the scope covers (partitions included).
    QList<QStringList> pgDumpSelections(const QList<Table> &resolvedTables) const;

    // For messages: "the whole database" or "schemas a, b; tables s.t".
    QString describe() const;
};

} // namespace pgshift::core
