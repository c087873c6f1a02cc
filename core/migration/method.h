#pragma once

#include <QString>

#include <optional>

namespace pgshift::core {

// The three ways pgshift migrates a database.
enum class Method { Dump, Logical, Dms };

// "dump", "logical", "dms": the names the command line and reports use.
QString methodName(Method method);
std::optional<Method> methodFromName(const QString &name);

} // namespace pgshift::core
