#pragma once

#include "core/pg/connectiontest.h"
#include "core/replication/logicalreplication.h"

#include <QCommandLineOption>
#include <QCoreApplication>
#include <QString>

#include <cstdio>
#include <optional>

class QCommandLineParser;

namespace pgshift::app {

// --source CONN and --target CONN, as every connecting command takes them: a URI, a
// key=value string or service=NAME, defaulting to $PGSHIFT_SOURCE / $PGSHIFT_TARGET.
// Passwords come from the string, PGPASSWORD, ~/.pgpass, or a no-echo prompt on a terminal.
class ConnectionOptions final
{
    Q_DECLARE_TR_FUNCTIONS(pgshift::app::ConnectionOptions)
public:
    enum class Endpoint { Source, Target };

    static QCommandLineOption option(Endpoint endpoint);
    static const char *environmentVariable(Endpoint endpoint);
    static QString label(Endpoint endpoint);

    // The settings given for `endpoint`, or nullopt when none were (no option, no variable).
    // A string that does not parse or has problems sets `error` and returns nullopt.
    // Warns on `warnings` when a password was given on the command line.
    static std::optional<core::ConnectionSettings>
    resolve(const QCommandLineParser &parser, Endpoint endpoint, QString *error, FILE *warnings);

    // Both endpoints, each required. False with the usage error when one is missing or bad.
    static bool resolveBoth(const QCommandLineParser &parser, core::ConnectionSettings &source,
                            core::ConnectionSettings &target, QString *error, FILE *warnings);
    // For commands acting on a running replication: the endpoints from --source/--target (or
    // their variables), or, when neither is given, the replication pgshift saved (endpoints
    // without passwords, and its scope and names; names set with --publication, --subscription
    // or --slot win). Says on `notes` which saved replication it follows. False with the
    // usage error.
    static bool resolveReplication(const QCommandLineParser &parser, core::ReplicationOptions &options,
                                   QString *error, FILE *notes);
    // Tests both (prompting for passwords on a terminal); false with a message naming the
    // endpoint that failed. On success the settings hold any password typed at a prompt.
    static bool connectBoth(core::ConnectionSettings &source, core::ConnectionSettings &target,
                            QString *error);

    // testConnection(), and when the server wants a password that was not given and stdin is
    // a terminal, asks for it without echo and tries once more.
    static core::ConnectionTestResult test(const core::ConnectionSettings &settings,
                                           Endpoint endpoint);
};

} // namespace pgshift::app
