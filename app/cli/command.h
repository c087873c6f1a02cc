#pragma once

#include <QString>
#include <QStringList>

#include <optional>
#include <span>

class QCommandLineOption;
class QCommandLineParser;

namespace pgshift::app {

// Exit codes every pgshift command uses.
enum ExitCode : int {
    ExitOk = 0,     // the command did what was asked
    ExitFailed = 1, // it ran and found or hit a problem (failed connection, blockers, ...)
    ExitUsage = 2,  // bad command line: nothing was attempted
};

// One `pgshift <name>` subcommand: a thin adapter from options to a core job and back.
struct Command
{
    const char *name;
    const char *summary; // one line for `pgshift --help`, translated through QCoreApplication
    // Gets the arguments after the command name; returns an ExitCode.
    int (*run)(const QStringList &arguments);
};

// Prints "pgshift <command>: <message>" on stderr and returns ExitUsage.
int usageError(const char *command, const QString &message);

// Parses `arguments` of `pgshift <command>` with the options already added to `parser`: a
// parse error (or a positional argument, unless `positionalAllowed`) is a usage error,
// --help (`help`) prints the help. Returns the exit code when the command is done with
// that, nullopt when it is to go on.
std::optional<int> parseOrExit(QCommandLineParser &parser, const QCommandLineOption &help, const char *command,
                               const QStringList &arguments, bool positionalAllowed = false);

// Every command, in the order --help lists them. Defined in commands.cpp.
std::span<const Command> commands();
const Command *findCommand(const QString &name);

} // namespace pgshift::app
