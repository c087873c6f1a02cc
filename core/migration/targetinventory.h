#pragma once

#include <QCoreApplication>
#include <QList>
#include <QString>

namespace pgshift::core {

class Connection;

// One object in a database, as the cleanup after an unfinished copy needs it.
struct TargetObject
{
    enum class Kind { Schema, Extension, Table, View, MaterializedView, Sequence, ForeignTable, Type, Function, Procedure, Aggregate, LargeObject };

    Kind kind = Kind::Table;
    QString name;    // quoted and qualified as SQL needs it: "s"."t", "s"."f"(integer), 16403
    QString display; // for people: s.t, s.f(integer)

    QString kindName() const;
    friend bool operator==(const TargetObject &, const TargetObject &) = default;
};

// The user objects of a database at one moment. Taken before a copy and again after one
// that did not finish, the difference is what the copy created, and dropSql() removes it.
class TargetInventory final
{
    Q_DECLARE_TR_FUNCTIONS(pgshift::core::TargetInventory)
public:
    static TargetInventory capture(Connection &connection);

    // Objects in `after` that `before` does not have. An object inside a new schema is not
    // listed on its own: dropping the schema takes it.
    static QList<TargetObject> created(const TargetInventory &before, const TargetInventory &after);

    // One transaction that drops `objects`, views before tables before types, schemas last.
    static QString dropSql(const QList<TargetObject> &objects);

    const QList<TargetObject> &objects() const { return m_objects; }

private:
    QList<TargetObject> m_objects;
    QList<QString> m_schemaOf; // parallel to m_objects: the unquoted schema, empty for none
};

} // namespace pgshift::core
