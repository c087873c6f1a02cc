#pragma once

#include <QCoreApplication>
#include <QString>
#include <QStringList>

namespace pgshift::app {

struct Command;

// What the process was asked to do, decided from argv before any QApplication exists, so that
// commands run without a display and only the wizard creates the GUI.
struct Invocation
{
    enum class Action { Wizard, Command, Help, Version, UsageError };

    Action action = Action::Wizard;
    const Command *command = nullptr;
    QStringList commandArguments; // after the command name
    QString error;                // for UsageError
    bool verbose = false;         // --verbose: log lines also go to stderr
    bool demo = false;            // `pgshift demo`: the wizard on a fresh sandbox
    QString language;             // --lang CODE: one of CommandLine::languages(); empty: the saved choice or the system's
};

// Parses pgshift's global options and picks the command.
class CommandLine final
{
    Q_DECLARE_TR_FUNCTIONS(pgshift::app::CommandLine)
public:
    static Invocation parse(const QStringList &arguments);
    static QString helpText();
    // The line after a usage error, pointing at --help.
    static QString usageHint();
    static QString versionText();
    // The languages pgshift has a catalog for, as --lang takes them.
    static QStringList languages();
};

} // namespace pgshift::app
