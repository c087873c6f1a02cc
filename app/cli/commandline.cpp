#include "app/cli/commandline.h"

#include "app/cli/command.h"
#include "pgshift/version.h"

#include <QCommandLineParser>

namespace pgshift::app {

Invocation CommandLine::parse(const QStringList &arguments)
{
    Invocation invocation;
    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    // Everything after the command name belongs to the command.
    parser.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsPositionalArguments);
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")}, QString());
    const QCommandLineOption version({QStringLiteral("v"), QStringLiteral("version")}, QString());
    const QCommandLineOption verbose(QStringLiteral("verbose"), QString());
    const QCommandLineOption lang(QStringLiteral("lang"), QString(), QStringLiteral("CODE"));
    parser.addOptions({help, version, verbose, lang});

    if (!parser.parse(arguments)) {
        invocation.action = Invocation::Action::UsageError;
        invocation.error = parser.errorText();
        return invocation;
    }
    invocation.verbose = parser.isSet(verbose);
    if (parser.isSet(lang)) {
        invocation.language = parser.value(lang);
        if (!languages().contains(invocation.language)) {
            invocation.action = Invocation::Action::UsageError;
            invocation.error = tr("unknown language '%1': pgshift speaks %2")
                                   .arg(invocation.language, languages().join(QStringLiteral(", ")));
            return invocation;
        }
    }
    if (parser.isSet(help)) {
        invocation.action = Invocation::Action::Help;
        return invocation;
    }
    if (parser.isSet(version)) {
        invocation.action = Invocation::Action::Version;
        return invocation;
    }
    QStringList positional = parser.positionalArguments();
    if (positional.isEmpty())
        return invocation; // the wizard
    const QString name = positional.takeFirst();
    if (name == QLatin1String("help")) {
        invocation.action = Invocation::Action::Help;
        return invocation;
    }
    if (name == QLatin1String("demo")) {
        if (!positional.isEmpty()) {
            invocation.action = Invocation::Action::UsageError;
            invocation.error = tr("demo takes no arguments");
        }
        invocation.demo = true;
        return invocation; // the wizard, on a sandbox
    }
    invocation.command = findCommand(name);
    if (!invocation.command) {
        invocation.action = Invocation::Action::UsageError;
        invocation.error = tr("unknown command '%1'").arg(name);
        return invocation;
    }
    invocation.action = Invocation::Action::Command;
    invocation.commandArguments = positional;
    return invocation;
}

QString CommandLine::helpText()
{
    QString text = tr("Usage: pgshift [--verbose] [COMMAND [OPTIONS]]\n"
                      "\n"
                      "Moves a PostgreSQL database to another PostgreSQL server by dump and "
                      "restore,\nby logical replication, or with AWS DMS.\n"
                      "Without a command, pgshift opens the migration wizard; 'pgshift demo' opens it\n"
                      "on a sandbox: two throwaway local servers, deleted when the wizard closes.\n"
                      "\n"
                      "Options:\n"
                      "  -h, --help     Show this help and exit.\n"
                      "  -v, --version  Show pgshift's version and exit.\n"
                      "  --verbose      Also write log lines to standard error.\n"
                      "  --lang CODE    Speak this language (de, en, es, fr, ja) instead of the system's.\n");
    const auto list = commands();
    if (!list.empty()) {
        text += tr("\nCommands:\n");
        for (const Command &command : list) {
            text += QStringLiteral("  %1%2\n")
                        .arg(QString::fromLatin1(command.name), -12)
                        .arg(QCoreApplication::translate("pgshift::app::Command", command.summary));
        }
        text += tr("\nRun 'pgshift COMMAND --help' for a command's options.\n");
    }
    text += tr("\nExit status: 0 success, 1 the operation failed, 2 bad usage.\n");
    return text;
}

QString CommandLine::usageHint()
{
    return tr("Run 'pgshift --help' for usage.");
}

QStringList CommandLine::languages()
{
    return {QStringLiteral("de"), QStringLiteral("en"), QStringLiteral("es"), QStringLiteral("fr"), QStringLiteral("ja")};
}

QString CommandLine::versionText()
{
    return QStringLiteral("pgshift %1\n").arg(QStringLiteral(PGSHIFT_VERSION));
}

} // namespace pgshift::app
