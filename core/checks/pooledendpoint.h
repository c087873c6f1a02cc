#pragma once

#include "core/pg/connectionsettings.h"

#include <QString>

namespace pgshift::core {

// Recognises connection poolers from the connection settings: Neon's "-pooler" hosts,
// Supabase's pooler host and port 6543, and PgBouncer's customary port 6432. Returns what
// gave it away, or an empty string.
QString pooledEndpointHint(const ConnectionSettings &settings);

} // namespace pgshift::core
