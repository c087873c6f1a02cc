#include "app/cli/command.h"
#include "app/cli/connectionoptions.h"
#include "app/cli/terminal.h"

#include "core/cutover/cutover.h"
#include "core/migration/cancellation.h"
#include "core/pg/connection.h"
#include "core/pg/pgerror.h"

#include <QCommandLineParser>
#include <QLocale>
#include <QThread>

#include <atomic>
#include <cstdio>
#include <thread>
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
    static void printStep(const core::CutoverStep &step, int number);
};

void CutoverCommand::printStep(const core::CutoverStep &step, int number)
{
    if (step.state == core::CutoverStep::State::Running) {
        std::printf("%d. %s…\n", number, qPrintable(step.title));
    } else {
        std::printf("   %s (%s s)%s%s\n", qPrintable(core::CutoverStep::stateName(step.state)),
                    qPrintable(QLocale().toString(step.elapsedMs / 1000.0, 'f', 1)), step.detail.isEmpty() ? "" : ": ",
                    qPrintable(QString(step.detail).replace(u'\n', QStringLiteral("\n      "))));
    }
    std::fflush(stdout);
}

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
    const QCommandLineOption blockRoles(QStringLiteral("block-writes"),
                                        tr("Make these roles read-only in the source database and end their sessions."),
                                        QStringLiteral("ROLE,..."));
    const QCommandLineOption blockDatabase(QStringLiteral("block-database"),
                                           tr("Make the whole source database read-only and end every other session."));
    const QCommandLineOption timeout(QStringLiteral("timeout"), tr("Seconds to wait for the catch-up (default 300)."),
                                     QStringLiteral("SECONDS"), QStringLiteral("300"));
    const QCommandLineOption maxLag(QStringLiteral("max-lag"), tr("Lag in bytes the pre-checks accept (default 1 MiB)."),
                                    QStringLiteral("BYTES"), QStringLiteral("1048576"));
    const QCommandLineOption margin(QStringLiteral("margin"), tr("Sequence margin in increments (default 10000)."),
                                    QStringLiteral("N"), QStringLiteral("10000"));
    const QCommandLineOption publication(QStringLiteral("publication"), tr("Publication name (default pgshift_pub)."),
                                         QStringLiteral("NAME"), QStringLiteral("pgshift_pub"));
    const QCommandLineOption subscription(QStringLiteral("subscription"), tr("Subscription name (default pgshift_sub)."),
                                          QStringLiteral("NAME"), QStringLiteral("pgshift_sub"));
    const QCommandLineOption slot(QStringLiteral("slot"), tr("Replication slot name (default: the subscription's)."),
                                  QStringLiteral("NAME"));
    const QCommandLineOption reenable(QStringLiteral("reenable-writes"),
                                      tr("Only lift the write block of an earlier cutover (give the same --block-* option)."));
    const QCommandLineOption yes(QStringLiteral("yes"), tr("Do not ask for confirmation."));
    parser.addOptions({help, blockRoles, blockDatabase, timeout, maxLag, margin, publication, subscription, slot, reenable, yes,
                       ConnectionOptions::option(ConnectionOptions::Endpoint::Source),
                       ConnectionOptions::option(ConnectionOptions::Endpoint::Target)});
    if (!parser.parse(QStringList{QStringLiteral("pgshift cutover")} + arguments))
        return usage(parser.errorText());
    if (parser.isSet(help)) {
        std::fputs(qPrintable(parser.helpText()), stdout);
        return ExitOk;
    }
    if (!parser.positionalArguments().isEmpty())
        return usage(tr("unexpected argument '%1'").arg(parser.positionalArguments().first()));

    core::CutoverOptions options;
    if (parser.isSet(blockRoles) && parser.isSet(blockDatabase))
        return usage(tr("give --block-writes or --block-database, not both"));
    if (parser.isSet(blockRoles)) {
        options.writeBlock = core::WriteBlock::Roles;
        for (const QString &role : parser.value(blockRoles).split(u',', Qt::SkipEmptyParts))
            options.roles << role.trimmed();
        if (options.roles.isEmpty())
            return usage(tr("--block-writes needs at least one role"));
    } else if (parser.isSet(blockDatabase)) {
        options.writeBlock = core::WriteBlock::Database;
    }
    bool ok = false;
    options.catchUpTimeoutSeconds = parser.value(timeout).toInt(&ok);
    if (!ok || options.catchUpTimeoutSeconds < 1)
        return usage(tr("--timeout must be a number of seconds, 1 or more, not '%1'").arg(parser.value(timeout)));
    options.maxLagBytes = parser.value(maxLag).toLongLong(&ok);
    if (!ok || options.maxLagBytes < 0)
        return usage(tr("--max-lag must be a number of bytes, not '%1'").arg(parser.value(maxLag)));
    options.sequenceMargin = parser.value(margin).toLongLong(&ok);
    if (!ok || options.sequenceMargin < 0)
        return usage(tr("--margin must be a whole number of increments, 0 or more, not '%1'").arg(parser.value(margin)));
    core::ReplicationOptions &repl = options.replication;
    repl.names.publication = parser.value(publication);
    repl.names.subscription = parser.value(subscription);
    repl.names.slot = parser.isSet(slot) ? parser.value(slot) : repl.names.subscription;
    if (const auto problem = repl.names.problem())
        return usage(*problem);

    QString error;
    if (!ConnectionOptions::resolveReplication(parser, repl, &error, stderr))
        return usage(error);
    if (!ConnectionOptions::connectBoth(repl.copy.source, repl.copy.target, &error)) {
        std::fprintf(stderr, "pgshift cutover: %s\n", qPrintable(error));
        return ExitFailed;
    }

    if (parser.isSet(reenable)) {
        if (options.writeBlock == core::WriteBlock::Confirmed)
            return usage(tr("--reenable-writes needs the --block-writes or --block-database option the cutover used"));
        const QStringList problems = core::Cutover::reenableWrites(options);
        for (const QString &p : problems)
            std::fprintf(stderr, "%s\n", qPrintable(p));
        if (problems.isEmpty())
            std::printf("%s\n", qPrintable(tr("Writes are allowed again on the source.")));
        return problems.isEmpty() ? ExitOk : ExitFailed;
    }

    const QList<core::CutoverStep> steps = core::Cutover::plan(options);
    std::printf("%s\n", qPrintable(tr("Cutover checklist:")));
    for (int i = 0; i < steps.size(); ++i) {
        std::printf("%d. %s (%s)\n", i + 1, qPrintable(steps[i].title), qPrintable(steps[i].where));
        if (!steps[i].sql.isEmpty())
            std::printf("   %s\n", qPrintable(QString(steps[i].sql).replace(u'\n', QStringLiteral("\n   "))));
    }
    try {
        core::Connection source(repl.copy.source);
        const QStringList sessions = core::Cutover::sessionsToEnd(source, options);
        if (!sessions.isEmpty()) {
            std::printf("%s\n", qPrintable(tr("Sessions the write block ends now:")));
            for (const QString &line : sessions)
                std::printf("  %s\n", qPrintable(line));
        }
    } catch (const core::PgError &e) {
        std::fprintf(stderr, "pgshift cutover: %s\n", qPrintable(e.message()));
        return ExitFailed;
    }
    std::fflush(stdout);
    if (!parser.isSet(yes)) {
        if (!::isatty(STDIN_FILENO))
            return usage(tr("not on a terminal: add --yes to cut over without confirmation"));
        const QString question = options.writeBlock == core::WriteBlock::Confirmed
            ? tr("Is the application stopped, so that nothing writes to the source any more? Cut over now? [y/N] ")
            : tr("Stop writes on the source and cut over now? [y/N] ");
        if (!askYesNo(question))
            return ExitFailed;
    }

    catchInterrupt();
    core::Cancellation cancellation;
    std::atomic<bool> done{false};
    core::CutoverReport report;
    std::thread worker([&] {
        report = core::Cutover::run(options, cancellation, [&](const core::CutoverStep &step) {
            printStep(step, int(step.id) + 1);
        });
        done = true;
    });
    while (!done) {
        if (interruptRequested() && !cancellation.isCancelled()) {
            std::fprintf(stderr, "%s\n", qPrintable(tr("Cancelling the cutover…")));
            cancellation.cancel();
        }
        QThread::msleep(50);
    }
    worker.join();
    releaseInterrupt();

    std::printf("\n");
    if (report.succeeded) {
        std::printf("%s\n", qPrintable(tr("Cutover complete. Write downtime: %1 s.")
                                           .arg(QLocale().toString(report.downtimeMs / 1000.0, 'f', 1))));
        std::printf("%s\n  %s\n", qPrintable(tr("Point the application at the target (its password as before):")),
                    qPrintable(report.targetConnection));
        if (options.writeBlock != core::WriteBlock::Confirmed)
            std::printf("%s\n", qPrintable(tr("The source stays read-only for the blocked roles; pgshift cutover "
                                              "--reenable-writes with the same option lifts it.")));
        return ExitOk;
    }
    std::fprintf(stderr, "%s\n", qPrintable(tr("Cutover FAILED: %1").arg(report.failure)));
    if (report.rolledBack)
        std::fprintf(stderr, "%s\n", qPrintable(tr("Writes are allowed again on the source; replication is still running.")));
    for (const QString &p : report.rollbackProblems)
        std::fprintf(stderr, "%s\n", qPrintable(tr("Re-enabling writes failed: %1").arg(p)));
    return ExitFailed;
}

} // namespace

int runCutover(const QStringList &arguments)
{
    return CutoverCommand::run(arguments);
}

} // namespace pgshift::app
