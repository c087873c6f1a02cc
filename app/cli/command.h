#pragma once

#include <QString>
#include <QStringList>

#include <span>

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

// Every command, in the order --help lists them. Defined in commands.cpp.
std::span<const Command> commands();
const Command *findCommand(const QString &name);

} // namespace pgshift::app
