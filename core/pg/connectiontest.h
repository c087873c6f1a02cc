#pragma once

#include "core/pg/connectionsettings.h"
#include "core/pg/pgerror.h"
#include "core/pg/serverfacts.h"

#include <optional>

namespace pgshift::core {

// The outcome of testing one connection: the facts, or the error, plus timings.
struct ConnectionTestResult
{
    ConnectionSettings settings;
    std::optional<ServerFacts> facts;  // set on success
    std::optional<PgError> error;      // set on failure
    qint64 connectMs = 0;              // connecting and authenticating
    double roundTripMs = 0;            // best of a few trivial queries

    bool ok() const { return facts.has_value(); }
};

// Connects, reads the server facts and measures the round trip. Blocking: run it off the
// GUI thread. Never throws.
ConnectionTestResult testConnection(const ConnectionSettings &settings);

} // namespace pgshift::core
