#include "app/cli/command.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <array>
#include <cstdio>

namespace pgshift::app {

int runCheck(const QStringList &arguments);
int runCopy(const QStringList &arguments);
int runCutover(const QStringList &arguments);
int runDms(const QStringList &arguments);
int runPing(const QStringList &arguments);
int runReplicate(const QStringList &arguments);
int runSandbox(const QStringList &arguments);
int runSequences(const QStringList &arguments);

namespace {

// Each command adds one row here and one file in app/cli.
constexpr std::array Commands{
    Command{"check", QT_TRANSLATE_NOOP("pgshift::app::Command",
                                       "Check every prerequisite of a migration, with fixes"),
            &runCheck},
    Command{"copy", QT_TRANSLATE_NOOP("pgshift::app::Command",
                                      "Copy the database, or some schemas and tables (dump and restore)"),
            &runCopy},
    Command{"cutover", QT_TRANSLATE_NOOP("pgshift::app::Command",
                                         "Cut over a logical replication: stop writes, catch up, sequences, validate, end it"),
            &runCutover},
    Command{"dms", QT_TRANSLATE_NOOP("pgshift::app::Command",
                                     "AWS DMS, schema first: plan (schema, task files) and finish (keys, sequences, counts)"),
            &runDms},
    Command{"ping", QT_TRANSLATE_NOOP("pgshift::app::Command",
                                      "Test the source and/or target connection"),
            &runPing},
    Command{"replicate", QT_TRANSLATE_NOOP("pgshift::app::Command",
                                           "Logical replication: start it, follow its status, clean it up"),
            &runReplicate},
    Command{"sandbox", QT_TRANSLATE_NOOP("pgshift::app::Command",
                                         "Two throwaway local servers with a sample shop, to try pgshift on"),
            &runSandbox},
    Command{"sequences", QT_TRANSLATE_NOOP("pgshift::app::Command",
                                           "Move the target's sequences ahead of the source's (print, or --apply)"),
            &runSequences},
};

} // namespace

int usageError(const char *command, const QString &message)
{
    std::fprintf(stderr, "pgshift %s: %s\n", command, qPrintable(message));
    return ExitUsage;
}

std::optional<int> parseOrExit(QCommandLineParser &parser, const QCommandLineOption &help, const char *command,
                               const QStringList &arguments, bool positionalAllowed)
{
    const QString name = QStringLiteral("pgshift ") + QString::fromLatin1(command);
    if (!parser.parse(QStringList{name} + arguments))
        return usageError(command, parser.errorText());
    if (parser.isSet(help)) {
        // Qt names the program by its path (in its own "Usage: %1 [options]", translated); the
        // help names the command as it is typed.
        QString text = parser.helpText();
        const QStringList processArguments = QCoreApplication::arguments();
        const QString program = processArguments.isEmpty() ? QString() : processArguments.constFirst();
        const qsizetype at = program.isEmpty() ? -1 : text.indexOf(program);
        if (at >= 0 && at < text.indexOf(u'\n'))
            text.replace(at, program.size(), name);
        std::fputs(qPrintable(text), stdout);
        return ExitOk;
    }
    if (!positionalAllowed && !parser.positionalArguments().isEmpty())
        return usageError(command, QCoreApplication::translate("pgshift::app::Command", "unexpected argument '%1'")
                                       .arg(parser.positionalArguments().first()));
    return std::nullopt;
}

std::span<const Command> commands()
{
    return Commands;
}

const Command *findCommand(const QString &name)
{
    for (const Command &command : Commands) {
        if (name == QLatin1String(command.name))
            return &command;
    }
    return nullptr;
}

} // namespace pgshift::app
