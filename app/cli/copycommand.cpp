#include "app/cli/command.h"
#include "app/cli/connectionoptions.h"
#include "core/migration/streamcopy.h"

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QLocale>

#include <cstdio>
#include <mutex>
#include <string>
#include <unistd.h>

namespace pgshift::app {
namespace {

class CopyCommand final
{
    Q_DECLARE_TR_FUNCTIONS(pgshift::app::CopyCommand)
public:
    static int run(const QStringList &arguments);

private:
    static int usage(const QString &message)
    {
        std::fprintf(stderr, "pgshift copy: %s\n", qPrintable(message));
        return ExitUsage;
    }
    static bool confirm(const core::ConnectionSettings &source, const core::ConnectionSettings &target);
};

bool CopyCommand::confirm(const core::ConnectionSettings &source, const core::ConnectionSettings &target)
{
    std::fprintf(stderr, "%s", qPrintable(tr("Copy %1\n  to %2?\nThis creates the schema and the data on "
                                             "the target. [y/N] ")
                                              .arg(source.redacted(), target.redacted())));
    std::fflush(stderr);
    std::string answer;
    for (int c = std::fgetc(stdin); c != EOF && c != '\n'; c = std::fgetc(stdin))
        answer.push_back(char(c));
    return answer == "y" || answer == "Y" || answer == "yes";
}

int CopyCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Copies the source database to the target: schema, data (in parallel, from one "
           "consistent snapshot), indexes and constraints, sequences, large objects, then "
           "compares every table's row count. Writes to the source should be stopped first. "
           "Exit status: 0 the copy and its verification succeeded, 1 they did not, 2 bad usage."));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")}, tr("Show this help."));
    const QCommandLineOption jobs(QStringLiteral("jobs"), tr("Tables copied at once (default 4)."),
                                  QStringLiteral("N"), QStringLiteral("4"));
    const QCommandLineOption yes(QStringLiteral("yes"), tr("Do not ask for confirmation."));
    parser.addOptions({help, jobs, yes, ConnectionOptions::option(ConnectionOptions::Endpoint::Source),
                       ConnectionOptions::option(ConnectionOptions::Endpoint::Target)});
    if (!parser.parse(QStringList{QStringLiteral("pgshift copy")} + arguments))
        return usage(parser.errorText());
    if (parser.isSet(help)) {
        std::fputs(qPrintable(parser.helpText()), stdout);
        return ExitOk;
    }
    if (!parser.positionalArguments().isEmpty())
        return usage(tr("unexpected argument '%1'").arg(parser.positionalArguments().first()));
    bool ok = false;
    const int jobCount = parser.value(jobs).toInt(&ok);
    if (!ok || jobCount < 1 || jobCount > 64)
        return usage(tr("--jobs must be a number from 1 to 64, not '%1'").arg(parser.value(jobs)));

    core::ConnectionSettings source;
    core::ConnectionSettings target;
    QString error;
    if (!ConnectionOptions::resolveBoth(parser, source, target, &error, stderr))
        return usage(error);
    if (!parser.isSet(yes)) {
        if (!::isatty(STDIN_FILENO))
            return usage(tr("not on a terminal: add --yes to copy without confirmation"));
        if (!confirm(source, target))
            return ExitFailed;
    }
    if (!ConnectionOptions::connectBoth(source, target, &error)) {
        std::fprintf(stderr, "pgshift copy: %s\n", qPrintable(error));
        return ExitFailed;
    }

    core::StreamCopy::Options options;
    options.source = source;
    options.target = target;
    options.jobs = jobCount;
    const bool terminal = ::isatty(STDOUT_FILENO);
    const QLocale locale;
    QElapsedTimer clock;
    clock.start();
    qint64 lastLine = -1000;
    const auto report = core::StreamCopy::run(options, [&](core::StreamCopy::Phase phase,
                                                           const core::StreamCopy::TableResult *table) {
        if (!table) {
            std::printf("%s%s\n", terminal ? "\r\033[K" : "", qPrintable(core::StreamCopy::phaseName(phase)));
            std::fflush(stdout);
            return;
        }
        if (clock.elapsed() - lastLine < (terminal ? 200 : 5000))
            return; // a live line on a terminal, a line every 5 s in logs
        lastLine = clock.elapsed();
        std::printf("%s  %s.%s: %s rows, %s%s", terminal ? "\r\033[K" : "", qPrintable(table->schema),
                    qPrintable(table->table), qPrintable(locale.toString(table->rowsCopied)),
                    qPrintable(locale.formattedDataSize(table->bytes)), terminal ? "" : "\n");
        std::fflush(stdout);
    });
    if (terminal)
        std::printf("\r\033[K");
    qint64 rows = 0;
    for (const auto &t : report.tables)
        rows += t.rowsCopied;
    if (!report.succeeded()) {
        std::fprintf(stderr, "%s\n", qPrintable(tr("The copy did NOT complete:")));
        for (const QString &failure : report.failures)
            std::fprintf(stderr, "  %s\n", qPrintable(failure));
        return ExitFailed;
    }
    std::printf("%s\n", qPrintable(tr("Copied %1 (%2 rows), %3 and %4 in %5 s; every table's row count "
                                      "matches.")
                                       .arg(tr("%n table(s)", nullptr, int(report.tables.size())),
                                            locale.toString(rows),
                                            tr("%n sequence(s)", nullptr, report.sequencesSet),
                                            tr("%n large object(s)", nullptr, report.largeObjects),
                                            locale.toString(report.elapsedMs / 1000.0, 'f', 1))));
    return ExitOk;
}

} // namespace

int runCopy(const QStringList &arguments)
{
    return CopyCommand::run(arguments);
}

} // namespace pgshift::app
