#pragma once

#include <QStringList>

namespace pgshift::core {

class Connection;

// Relations (tables, views, sequences, ...) that exist in both databases under the same
// schema and name, quoted and sorted: creating them on the target would fail.
QStringList conflictingNames(Connection &source, Connection &target);

} // namespace pgshift::core
