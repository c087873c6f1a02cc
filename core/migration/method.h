#pragma once

#include <QString>

#include <optional>

namespace pgshift::core {

// The three ways pgshift migrates a database.
enum class Method { Dump, Logical, Dms };

// "dump", "logical", "dms": the names the command line and reports use.
QString methodName(Method method);
std::optional<Method> methodFromName(const QString &name);
// "Dump and restore", "Logical replication", "AWS DMS assisted", in the user's language: the
// names the wizard and the migration report show.
QString methodTitle(Method method);

} // namespace pgshift::core
