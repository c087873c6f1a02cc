#include "app/cli/checklistoptions.h"
#include "app/cli/command.h"
#include "app/cli/connectionoptions.h"
#include "app/cli/terminal.h"

#include "core/cutover/cutover.h"
#include "core/migration/cancellation.h"

#include <QCommandLineParser>
#include <QLocale>

#include <cstdio>
#include <unistd.h>

namespace pgshift::app {
namespace {

// `pgshift cutover`: the cutover checklist of a running logical replication, each step
// printed as it runs; exit 0 only when every step succeeded.
class CutoverCommand final
{
    Q_DECLARE_TR_FUNCTIONS(pgshift::app::CutoverCommand)
public:
    static int run(const QStringList &arguments);

private:
    static int usage(const QString &message) { return usageError("cutover", message); }
};

int CutoverCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Cut over a running logical replication: pre-checks, stop writes on the source, catch up, move the "
           "sequences ahead, compare exact row counts, end replication, and print the target's connection string. "
           "It stops at the first failure and re-enables writes on the source, replication still running. After "
           "a success the write block stays (pgshift cutover --reenable-writes lifts it).\n"
           "Without --block-writes or --block-database you confirm that the application is stopped.\n"
           "Without --source/--target it follows the replication pgshift saved.\n"
           "Exit status: 0 every step succeeded, 1 a step failed, 2 bad usage."));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")}, tr("Show this help."));
    const ChecklistOptions checklist(false);
    const QCommandLineOption timeout(QStringLiteral("timeout"), tr("Seconds to wait for the catch-up (default 300)."),
                                     QStringLiteral("SECONDS"), QStringLiteral("300"));
    const QCommandLineOption maxLag(QStringLiteral("max-lag"), tr("Lag in bytes the pre-checks accept (default 1 MiB)."),
                                    QStringLiteral("BYTES"), QStringLiteral("1048576"));
    const QCommandLineOption publication(QStringLiteral("publication"), tr("Publication name (default pgshift_pub)."),
                                         QStringLiteral("NAME"), QStringLiteral("pgshift_pub"));
    const QCommandLineOption subscription(QStringLiteral("subscription"), tr("Subscription name (default pgshift_sub)."),
                                          QStringLiteral("NAME"), QStringLiteral("pgshift_sub"));
    const QCommandLineOption slot(QStringLiteral("slot"), tr("Replication slot name (default: the subscription's)."),
                                  QStringLiteral("NAME"));
    const QCommandLineOption reenable(QStringLiteral("reenable-writes"),
                                      tr("Only lift the write block of an earlier cutover (give the same --block-* option)."));
    const QCommandLineOption yes(QStringLiteral("yes"), tr("Do not ask for confirmation."));
    parser.addOptions(checklist.options());
    parser.addOptions({help, timeout, maxLag, publication, subscription, slot, reenable, yes,
                       ConnectionOptions::option(ConnectionOptions::Endpoint::Source),
                       ConnectionOptions::option(ConnectionOptions::Endpoint::Target)});
    if (const auto done = parseOrExit(parser, help, "cutover", arguments))
        return *done;

    core::CutoverOptions options;
    QString error;
    if (!checklist.read(parser, options, &error))
        return usage(error);
    bool ok = false;
    options.catchUpTimeoutSeconds = parser.value(timeout).toInt(&ok);
    if (!ok || options.catchUpTimeoutSeconds < 1)
        return usage(tr("--timeout must be a number of seconds, 1 or more, not '%1'").arg(parser.value(timeout)));
    options.maxLagBytes = parser.value(maxLag).toLongLong(&ok);
    if (!ok || options.maxLagBytes < 0)
        return usage(tr("--max-lag must be a number of bytes, not '%1'").arg(parser.value(maxLag)));
    core::ReplicationOptions &repl = options.replication;
    repl.names.publication = parser.value(publication);
    repl.names.subscription = parser.value(subscription);
    repl.names.slot = parser.isSet(slot) ? parser.value(slot) : repl.names.subscription;
    if (const auto problem = repl.names.problem())
        return usage(*problem);

    if (!ConnectionOptions::resolveReplication(parser, repl, &error, stderr))
        return usage(error);
    if (!ConnectionOptions::connectBoth(repl.copy.source, repl.copy.target, &error)) {
        std::fprintf(stderr, "pgshift cutover: %s\n", qPrintable(error));
        return ExitFailed;
    }

    if (parser.isSet(reenable)) {
        if (!options.writeBlock.blocks())
            return usage(tr("--reenable-writes needs the --block-writes or --block-database option the cutover used"));
        const QStringList problems = core::Cutover::reenableWrites(options);
        for (const QString &p : problems)
            std::fprintf(stderr, "%s\n", qPrintable(p));
        if (problems.isEmpty())
            std::printf("%s\n", qPrintable(tr("Writes are allowed again on the source.")));
        return problems.isEmpty() ? ExitOk : ExitFailed;
    }

    ChecklistOptions::printPlan(core::Cutover::plan(options));
    if (!ChecklistOptions::printSessions(repl.copy.source, options.writeBlock, "cutover"))
        return ExitFailed;
    std::fflush(stdout);
    if (!parser.isSet(yes)) {
        if (!::isatty(STDIN_FILENO))
            return usage(tr("not on a terminal: add --yes to cut over without confirmation"));
        const QString question = !options.writeBlock.blocks()
            ? tr("Is the application stopped, so that nothing writes to the source any more? Cut over now? [y/N] ")
            : tr("Stop writes on the source and cut over now? [y/N] ");
        if (!askYesNo(question))
            return ExitFailed;
    }

    core::Cancellation cancellation;
    core::CutoverReport report;
    runInterruptible(cancellation, tr("Cancelling the cutover…"), [&] {
        report = core::Cutover::run(options, cancellation, [&](const core::CutoverStep &step) {
            ChecklistOptions::printStep(step);
        });
    });

    std::printf("\n");
    return ChecklistOptions::printOutcome(report, options, "cutover");
}

} // namespace

int runCutover(const QStringList &arguments)
{
    return CutoverCommand::run(arguments);
}

} // namespace pgshift::app
