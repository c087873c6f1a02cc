#include "app/cli/connectionoptions.h"

#include "core/log/secretregistry.h"
#include "core/replication/replicationstate.h"

#include <QCommandLineParser>
#include <QLocale>

#include <cstdio>
#include <string>
#include <termios.h>
#include <unistd.h>

namespace pgshift::app {
namespace {

// Reads one line from the terminal with echo off; nullopt when there is no terminal.
std::optional<QString> promptPassword(const QString &prompt)
{
    if (!::isatty(STDIN_FILENO))
        return std::nullopt;
    // Echo goes off before the prompt appears: an answer typed or pasted the moment the prompt
    // shows must be neither echoed nor discarded by the mode change.
    termios saved{};
    const bool haveTerm = ::tcgetattr(STDIN_FILENO, &saved) == 0;
    if (haveTerm) {
        termios quiet = saved;
        quiet.c_lflag &= ~tcflag_t(ECHO);
        ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet); // drops only what was typed before
    }
    std::fputs(prompt.toLocal8Bit().constData(), stderr);
    std::fflush(stderr);
    std::string line;
    for (int c = std::fgetc(stdin); c != EOF && c != '\n'; c = std::fgetc(stdin))
        line.push_back(char(c));
    if (haveTerm)
        ::tcsetattr(STDIN_FILENO, TCSANOW, &saved);
    std::fputc('\n', stderr);
    if (!line.empty() && line.back() == '\r')
        line.pop_back();
    return QString::fromLocal8Bit(line.data(), qsizetype(line.size()));
}

} // namespace

QCommandLineOption ConnectionOptions::option(Endpoint endpoint)
{
    if (endpoint == Endpoint::Source)
        return QCommandLineOption(QStringLiteral("source"),
                                  tr("The source database: a URI, key=value string or service=NAME "
                                     "(default: $PGSHIFT_SOURCE)."),
                                  QStringLiteral("CONN"));
    return QCommandLineOption(QStringLiteral("target"),
                              tr("The target database: a URI, key=value string or service=NAME "
                                 "(default: $PGSHIFT_TARGET)."),
                              QStringLiteral("CONN"));
}

const char *ConnectionOptions::environmentVariable(Endpoint endpoint)
{
    return endpoint == Endpoint::Source ? "PGSHIFT_SOURCE" : "PGSHIFT_TARGET";
}

QString ConnectionOptions::label(Endpoint endpoint)
{
    return endpoint == Endpoint::Source ? tr("source") : tr("target");
}

std::optional<core::ConnectionSettings>
ConnectionOptions::resolve(const QCommandLineParser &parser, Endpoint endpoint, QString *error,
                           FILE *warnings)
{
    const QString name = option(endpoint).names().constFirst();
    const bool fromArgument = parser.isSet(name);
    const QString text = fromArgument ? parser.value(name)
                                      : qEnvironmentVariable(environmentVariable(endpoint));
    if (text.trimmed().isEmpty()) {
        if (fromArgument)
            *error = tr("--%1 is empty").arg(name);
        return std::nullopt;
    }
    QString why;
    auto settings = core::ConnectionSettings::parse(text, &why);
    if (!settings) {
        *error = tr("%1 connection: %2").arg(label(endpoint), why);
        return std::nullopt;
    }
    core::SecretRegistry::remember(settings->password());
    if (fromArgument && !settings->password().isEmpty())
        std::fprintf(warnings,
                     "%s\n",
                     qPrintable(tr("pgshift: warning: the %1 password is on the command line, where "
                                   "other users of this computer can see it (ps). Prefer ~/.pgpass, "
                                   "PGPASSWORD, or leave it out to be asked.")
                                    .arg(label(endpoint))));
    if (const auto problems = settings->problems(); !problems.isEmpty()) {
        *error = tr("%1 connection: %2").arg(label(endpoint), problems.constFirst().message);
        return std::nullopt;
    }
    return settings;
}

bool ConnectionOptions::resolveBoth(const QCommandLineParser &parser, core::ConnectionSettings &source,
                                    core::ConnectionSettings &target, QString *error, FILE *warnings)
{
    for (auto [endpoint, out] : {std::pair{Endpoint::Source, &source}, std::pair{Endpoint::Target, &target}}) {
        const auto resolved = resolve(parser, endpoint, error, warnings);
        if (!error->isEmpty())
            return false;
        if (!resolved) {
            *error = tr("give --source and --target (or set PGSHIFT_SOURCE and PGSHIFT_TARGET)");
            return false;
        }
        *out = *resolved;
    }
    return true;
}

bool ConnectionOptions::resolveReplication(const QCommandLineParser &parser, core::ReplicationOptions &options,
                                           QString *error, FILE *notes)
{
    const bool given = parser.isSet(option(Endpoint::Source).names().constFirst())
        || parser.isSet(option(Endpoint::Target).names().constFirst())
        || qEnvironmentVariableIsSet(environmentVariable(Endpoint::Source))
        || qEnvironmentVariableIsSet(environmentVariable(Endpoint::Target));
    if (given)
        return resolveBoth(parser, options.copy.source, options.copy.target, error, notes);
    QString stateError;
    const auto saved = core::ReplicationState::load({}, &stateError);
    if (!saved) {
        *error = stateError.isEmpty()
            ? tr("give --source and --target (or set PGSHIFT_SOURCE and PGSHIFT_TARGET); no replication started by "
                 "pgshift is saved to fall back on")
            : tr("give --source and --target; the saved replication cannot be read: %1").arg(stateError);
        return false;
    }
    const core::ReplicationNames names = options.names;
    const int jobs = options.copy.jobs;
    options = saved->options();
    options.copy.jobs = jobs;
    const auto keep = [&parser](const char *name, QString &saved, const QString &typed) {
        if (parser.isSet(QString::fromLatin1(name)))
            saved = typed;
    };
    keep("publication", options.names.publication, names.publication);
    keep("subscription", options.names.subscription, names.subscription);
    keep("slot", options.names.slot, names.slot);
    std::fprintf(notes, "%s\n", qPrintable(tr("Following the replication pgshift started %1: %2 -> %3 (saved in %4)")
                                               .arg(QLocale().toString(saved->startedAt.toLocalTime(), QLocale::ShortFormat),
                                                    options.copy.source.redacted(), options.copy.target.redacted(),
                                                    core::ReplicationState::path())));
    return true;
}

bool ConnectionOptions::connectBoth(core::ConnectionSettings &source, core::ConnectionSettings &target,
                                    QString *error)
{
    for (auto [endpoint, settings] : {std::pair{Endpoint::Source, &source}, std::pair{Endpoint::Target, &target}}) {
        const core::ConnectionTestResult tested = test(*settings, endpoint);
        if (!tested.ok()) {
            const QString plain = tested.error->explanation();
            *error = tr("cannot connect to the %1 (%2): %3\n%4")
                         .arg(label(endpoint), settings->redacted(),
                              plain.isEmpty() ? tested.error->message() : plain, tested.error->serverText());
            return false;
        }
        *settings = tested.settings;
    }
    return true;
}

core::ConnectionTestResult ConnectionOptions::test(const core::ConnectionSettings &settings,
                                                   Endpoint endpoint)
{
    core::ConnectionTestResult result = core::testConnection(settings);
    if (result.ok() || !result.error->needsPassword() || !settings.password().isEmpty())
        return result;
    const QString user = settings.user().isEmpty() ? qEnvironmentVariable("PGUSER", qEnvironmentVariable("USER"))
                                                   : settings.user();
    const auto password = promptPassword(tr("Password for %1 (%2): ").arg(user, label(endpoint)));
    if (!password || password->isEmpty())
        return result;
    core::ConnectionSettings withPassword = settings;
    withPassword.setPassword(*password);
    return core::testConnection(withPassword);
}

} // namespace pgshift::app
