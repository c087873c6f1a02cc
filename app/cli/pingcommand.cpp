#include "app/cli/command.h"
#include "app/cli/connectionoptions.h"

#include <QCommandLineParser>
#include <QLocale>

#include <cstdio>

namespace pgshift::app {
namespace {

class Ping final
{
    Q_DECLARE_TR_FUNCTIONS(pgshift::app::Ping)
public:
    static int run(const QStringList &arguments);

private:
    static void printResult(const QString &label, const core::ConnectionTestResult &result);
};

void print(const QString &line)
{
    std::fputs(qPrintable(line + u'\n'), stdout);
}

void Ping::printResult(const QString &label, const core::ConnectionTestResult &result)
{
    print(QStringLiteral("%1: %2").arg(label, result.settings.redacted()));
    if (!result.ok()) {
        const core::PgError &error = *result.error;
        const QString plain = error.explanation();
        print(tr("  FAILED      %1").arg(plain.isEmpty() ? tr("could not connect") : plain));
        for (const QString &line : error.serverText().split(u'\n'))
            print(tr("  details     %1").arg(line));
        return;
    }
    const core::ServerFacts &f = *result.facts;
    const QLocale c = QLocale::c();
    QStringList attributes;
    if (f.superuser)
        attributes << QStringLiteral("superuser");
    if (f.replication)
        attributes << QStringLiteral("replication");
    if (f.rdsReplication)
        attributes << QStringLiteral("rds_replication");
    if (f.createSubscription)
        attributes << QStringLiteral("pg_create_subscription");
    if (f.bypassRls)
        attributes << QStringLiteral("bypassrls");
    print(tr("  server      PostgreSQL %1%2").arg(f.serverVersion, f.inRecovery ? tr(" (standby)") : QString()));
    print(tr("  database    %1 (%2)").arg(f.database, c.formattedDataSize(f.databaseSizeBytes)));
    print(tr("  user        %1 (%2)").arg(f.user, attributes.isEmpty() ? tr("no special attributes")
                                                                        : attributes.join(QStringLiteral(", "))));
    print(tr("  wal_level   %1").arg(f.walLevel));
    print(tr("  user tables %1 in %2 schema(s)").arg(f.userTableCount()).arg(f.userTables.size()));
    print(tr("  round trip  %1 ms (connect %2 ms)").arg(c.toString(result.roundTripMs, 'f', 2)).arg(result.connectMs));
}

int Ping::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Tests the source and/or target connection and prints what the wizard's Test button "
           "shows. Exit status: 0 every connection works, 1 one failed (or the target is the "
           "source itself), 2 bad usage."));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")}, tr("Show this help."));
    parser.addOption(help);
    parser.addOption(ConnectionOptions::option(ConnectionOptions::Endpoint::Source));
    parser.addOption(ConnectionOptions::option(ConnectionOptions::Endpoint::Target));
    if (!parser.parse(QStringList{QStringLiteral("pgshift ping")} + arguments)) {
        std::fprintf(stderr, "pgshift ping: %s\n", qPrintable(parser.errorText()));
        return ExitUsage;
    }
    if (parser.isSet(help)) {
        print(parser.helpText());
        return ExitOk;
    }
    if (!parser.positionalArguments().isEmpty()) {
        std::fprintf(stderr, "pgshift ping: %s\n",
                     qPrintable(tr("unexpected argument '%1'").arg(parser.positionalArguments().first())));
        return ExitUsage;
    }

    QList<std::pair<ConnectionOptions::Endpoint, core::ConnectionSettings>> endpoints;
    for (auto endpoint : {ConnectionOptions::Endpoint::Source, ConnectionOptions::Endpoint::Target}) {
        QString error;
        auto settings = ConnectionOptions::resolve(parser, endpoint, &error, stderr);
        if (!error.isEmpty()) {
            std::fprintf(stderr, "pgshift ping: %s\n", qPrintable(error));
            return ExitUsage;
        }
        if (settings)
            endpoints.append({endpoint, *settings});
    }
    if (endpoints.isEmpty()) {
        std::fprintf(stderr, "pgshift ping: %s\n",
                     qPrintable(tr("give --source and/or --target (or set PGSHIFT_SOURCE, "
                                   "PGSHIFT_TARGET)")));
        return ExitUsage;
    }

    int code = ExitOk;
    QList<core::ConnectionTestResult> results;
    for (const auto &[endpoint, settings] : endpoints) {
        results.append(ConnectionOptions::test(settings, endpoint));
        printResult(ConnectionOptions::label(endpoint), results.last());
        if (!results.last().ok())
            code = ExitFailed;
    }
    if (results.size() == 2 && results[0].ok() && results[1].ok()) {
        const auto verdict = core::DatabaseIdentity::compare(*results[0].facts, *results[1].facts);
        if (verdict != core::DatabaseIdentity::Verdict::Different)
            print(core::DatabaseIdentity::describe(verdict, *results[0].facts, *results[1].facts));
        if (verdict == core::DatabaseIdentity::Verdict::SameDatabase)
            code = ExitFailed;
    }
    return code;
}

} // namespace

int runPing(const QStringList &arguments)
{
    return Ping::run(arguments);
}

} // namespace pgshift::app
