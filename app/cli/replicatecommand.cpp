#include "app/cli/command.h"
#include "app/cli/connectionoptions.h"
#include "app/cli/terminal.h"
#include "core/migration/cancellation.h"
#include "core/replication/logicalreplication.h"
#include "core/replication/replicationcleanup.h"
#include "core/replication/replicationstate.h"
#include "core/replication/replicationstatus.h"

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QLocale>
#include <QThread>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <string>
#include <unistd.h>

namespace pgshift::app {
namespace {

class ReplicateCommand final
{
    Q_DECLARE_TR_FUNCTIONS(pgshift::app::ReplicateCommand)
public:
    static int run(const QStringList &arguments);

private:
    static int usage(const QString &message) { return usageError("replicate", message); }
    static int start(const core::ReplicationOptions &options, bool wait, qint64 maxLag);
    static int status(const core::ReplicationOptions &options, bool json, bool watch, qint64 maxLag);
    static int cleanup(const core::ReplicationOptions &options);
    static QString describe(const core::ReplicationStatus &st, qint64 maxLag);
    static bool waitForSync(const core::ReplicationOptions &options);
};

QString ReplicateCommand::describe(const core::ReplicationStatus &st, qint64 maxLag)
{
    const QLocale locale;
    QStringList lines;
    if (!st.sourceReachable)
        lines << tr("Source unreachable: %1").arg(st.sourceError);
    if (!st.targetReachable)
        lines << tr("Target unreachable: %1").arg(st.targetError);
    if (st.targetReachable && !st.subscriptionExists)
        lines << tr("No subscription on the target.");
    if (st.subscriptionExists) {
        lines << tr("Tables ready: %1 of %2%3").arg(st.readyTables).arg(st.tables.size())
                     .arg(st.syncWorkers > 0 ? tr(" (%n copying now)", nullptr, st.syncWorkers) : QString());
        for (const core::TableSync &t : st.tables) {
            if (t.state != u'r')
                lines << QStringLiteral("  %1.%2: %3%4").arg(t.schema, t.table, core::TableSync::stateName(t.state),
                                                               t.copiedRows >= 0 ? tr(", %1 rows so far").arg(locale.toString(t.copiedRows))
                                                                                 : QString());
        }
        if (st.receivedLagBytes >= 0)
            lines << tr("Received by the target: %1 behind the source; reported back: %2 behind")
                         .arg(locale.formattedDataSize(st.receivedLagBytes),
                              st.reportedLagBytes >= 0 ? locale.formattedDataSize(st.reportedLagBytes) : tr("unknown"));
        lines << tr("Lag: %1, %2 s; WAL kept by the slot: %3")
                     .arg(st.lagBytes >= 0 ? locale.formattedDataSize(st.lagBytes) : tr("unknown"))
                     .arg(st.lagSeconds >= 0 ? locale.toString(st.lagSeconds, 'f', 1) : tr("?"))
                     .arg(st.retainedBytes >= 0 ? locale.formattedDataSize(st.retainedBytes) : tr("unknown"));
        if (!st.applyWorkerRunning)
            lines << tr("The apply worker is not running%1.").arg(st.subscriptionEnabled ? QString() : tr(" (subscription disabled)"));
        if (st.applyErrors > 0 || st.syncErrors > 0)
            lines << tr("Errors so far: %1 apply, %2 initial copy (see the target's server log).").arg(st.applyErrors).arg(st.syncErrors);
        if (st.missingIndexes > 0)
            lines << tr("%n deferred secondary index(es) still to build.", nullptr, st.missingIndexes);
    }
    lines << (st.readyForCutover(maxLag) ? tr("READY for cutover.") : tr("Not ready for cutover yet."));
    return lines.join(u'\n');
}

bool ReplicateCommand::waitForSync(const core::ReplicationOptions &options)
{
    core::ReplicationProbe probe(options);
    const bool terminal = ::isatty(STDOUT_FILENO);
    QElapsedTimer sinceLine;
    for (;;) {
        if (interruptRequested())
            return false;
        const core::ReplicationStatus st = probe.sample();
        if (st.allTablesReady())
            return true;
        if (st.subscriptionExists && st.syncErrors > 0 && st.syncWorkers == 0 && !st.applyWorkerRunning) {
            std::fprintf(stderr, "%s\n", qPrintable(tr("The initial copy reports errors; see the target's server log.")));
            return false;
        }
        if (terminal || !sinceLine.isValid() || sinceLine.hasExpired(5000)) {
            std::printf("%s%s", terminal ? "\r\033[K" : "",
                        qPrintable(tr("Initial copy: %1 of %2 tables ready").arg(st.readyTables).arg(st.tables.size())));
            std::printf("%s", terminal ? "" : "\n");
            std::fflush(stdout);
            sinceLine.start();
        }
        QThread::msleep(250); // a finished copy is noticed at once; lines stay 5 s apart
    }
}

int ReplicateCommand::start(const core::ReplicationOptions &options, bool wait, qint64 maxLag)
{
    QList<core::LogicalReplication::Step> steps;
    try {
        steps = core::LogicalReplication::plan(options);
    } catch (const core::PgError &error) {
        std::fprintf(stderr, "pgshift replicate: %s\n", qPrintable(error.message()));
        return ExitFailed;
    }
    std::printf("%s\n", qPrintable(tr("Steps:")));
    for (int i = 0; i < steps.size(); ++i) {
        std::printf("%d. %s (%s)\n", i + 1, qPrintable(steps[i].title), qPrintable(steps[i].where));
        if (!steps[i].sql.isEmpty())
            std::printf("   %s\n", qPrintable(steps[i].sql));
    }
    std::printf("%s\n", qPrintable(tr("Note: the subscription keeps the source's password on the target (in "
                                      "pg_subscription) until cleanup drops it. A dedicated role with only "
                                      "REPLICATION and SELECT on the published tables limits what it can do.")));
    std::fflush(stdout);
    core::CopyProgressTracker tracker;
    core::Cancellation cancellation;
    const core::CopyReport report = core::LogicalReplication::start(options, tracker, cancellation);
    if (!report.succeeded()) {
        std::fprintf(stderr, "%s\n", qPrintable(tr("Replication was NOT started:")));
        for (const QString &failure : report.failures)
            std::fprintf(stderr, "  %s\n", qPrintable(failure));
        return ExitFailed;
    }
    QString stateError;
    if (!core::ReplicationState::from(options, QStringLiteral("started")).save({}, &stateError))
        std::fprintf(stderr, "%s\n", qPrintable(tr("Could not save the replication's state: %1").arg(stateError)));
    std::printf("%s\n", qPrintable(tr("Replication started: the target is copying %n table(s).", nullptr,
                                      int(report.tables.size()))));
    std::fflush(stdout);
    if (!wait)
        return ExitOk;
    if (!waitForSync(options)) {
        std::printf("\n%s\n", qPrintable(tr("Stopped waiting; replication goes on. Follow it with "
                                            "'pgshift replicate status'.")));
        return interruptRequested() ? ExitOk : ExitFailed;
    }
    std::printf("\n%s\n", qPrintable(tr("Every table finished its initial copy.")));
    if (options.deferSecondaryIndexes) {
        QStringList failures;
        core::Cancellation none;
        const int built = core::LogicalReplication::buildMissingIndexes(options, none, &failures);
        std::printf("%s\n", qPrintable(tr("Built %n deferred secondary index(es).", nullptr, built)));
        for (const QString &failure : failures)
            std::fprintf(stderr, "  %s\n", qPrintable(failure));
        if (!failures.isEmpty())
            return ExitFailed;
    }
    core::ReplicationProbe probe(options);
    std::printf("%s\n", qPrintable(describe(probe.sample(core::ReplicationProbe::CountMissingIndexes | core::ReplicationProbe::RowEstimates), maxLag)));
    return ExitOk;
}

int ReplicateCommand::status(const core::ReplicationOptions &options, bool json, bool watch, qint64 maxLag)
{
    core::ReplicationProbe probe(options);
    for (;;) {
        const core::ReplicationStatus st = probe.sample(core::ReplicationProbe::CountMissingIndexes | core::ReplicationProbe::RowEstimates);
        if (json)
            std::printf("%s\n", QJsonDocument(st.toJson(maxLag)).toJson(watch ? QJsonDocument::Compact : QJsonDocument::Indented).constData());
        else
            std::printf("%s%s\n", watch && ::isatty(STDOUT_FILENO) ? "\033[H\033[2J" : "", qPrintable(describe(st, maxLag)));
        std::fflush(stdout);
        if (!watch)
            return st.sourceReachable && st.targetReachable && st.subscriptionExists ? ExitOk : ExitFailed;
        for (int i = 0; i < 20 && !interruptRequested(); ++i)
            QThread::msleep(100);
        if (interruptRequested())
            return ExitOk;
    }
}

int ReplicateCommand::cleanup(const core::ReplicationOptions &options)
{
    const auto outcome = core::ReplicationCleanup::run(options.copy.source, options.copy.target, options.names);
    for (const QString &line : outcome.done)
        std::printf("%s\n", qPrintable(line));
    for (const QString &line : outcome.failures)
        std::fprintf(stderr, "%s\n", qPrintable(line));
    // The saved state goes once the replication it describes is gone.
    if (outcome.ok()) {
        if (const auto saved = core::ReplicationState::load(); saved && saved->names.subscription == options.names.subscription)
            core::ReplicationState::clear();
    }
    QStringList errors;
    const auto left = core::ReplicationCleanup::findOrphans(options.copy.source, options.copy.target, &errors);
    if (!left.isEmpty()) {
        std::printf("%s\n", qPrintable(tr("pgshift objects still there (other runs, or names given differently):")));
        for (const auto &o : left)
            std::printf("  %s %s on the %s%s\n", qPrintable(o.kind), qPrintable(o.name), qPrintable(o.where),
                        o.retainedBytes >= 0 ? qPrintable(tr(", keeping %1 of WAL").arg(QLocale().formattedDataSize(o.retainedBytes)))
                                             : "");
    } else if (outcome.ok()) {
        std::printf("%s\n", qPrintable(tr("No pgshift slot, publication or subscription is left on either side.")));
    }
    return outcome.ok() ? ExitOk : ExitFailed;
}

int ReplicateCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Logical replication from the source to the target.\n"
           "  start    copy the schema, publish on the source, subscribe on the target, wait for the initial\n"
           "           copy, then build the deferred secondary indexes\n"
           "  status   tables' sync states, lag in bytes and seconds, WAL kept, readiness for cutover\n"
           "  cleanup  drop the subscription, the slot and the publication; list other pgshift leftovers\n"
           "Exit status: 0 done, 1 failed (or, for status, a server or the subscription is missing), 2 bad usage."));
    parser.addPositionalArgument(QStringLiteral("action"), tr("start, status or cleanup"));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")}, tr("Show this help."));
    const QCommandLineOption publication(QStringLiteral("publication"), tr("Publication name (default pgshift_pub)."), QStringLiteral("NAME"),
                                         QStringLiteral("pgshift_pub"));
    const QCommandLineOption subscription(QStringLiteral("subscription"), tr("Subscription name (default pgshift_sub)."),
                                          QStringLiteral("NAME"), QStringLiteral("pgshift_sub"));
    const QCommandLineOption slot(QStringLiteral("slot"), tr("Replication slot name (default: the subscription's)."), QStringLiteral("NAME"));
    const QCommandLineOption schema(QStringLiteral("schema"), tr("Replicate this schema (repeatable)."), QStringLiteral("S"));
    const QCommandLineOption table(QStringLiteral("table"), tr("Replicate this table (repeatable)."), QStringLiteral("T"));
    const QCommandLineOption jobs(QStringLiteral("jobs"), tr("Parallel sessions for the schema and the index builds."),
                                  QStringLiteral("N"), QString::number(core::CopyOptions::defaultJobs()));
    const QCommandLineOption indexesNow(QStringLiteral("indexes-first"),
                                        tr("Create every index before the initial copy (slower copy; by default "
                                           "secondary indexes are built after it)."));
    const QCommandLineOption noWait(QStringLiteral("no-wait"), tr("start: return once the subscription exists."));
    const QCommandLineOption format(QStringLiteral("format"), tr("status: text or json."), QStringLiteral("FORMAT"), QStringLiteral("text"));
    const QCommandLineOption watch(QStringLiteral("watch"), tr("status: print again every 2 seconds until Ctrl+C."));
    const QCommandLineOption maxLag(QStringLiteral("max-lag"), tr("Lag in bytes under which cutover is ready (default 1 MiB)."),
                                    QStringLiteral("BYTES"), QStringLiteral("1048576"));
    const QCommandLineOption yes(QStringLiteral("yes"), tr("start: do not ask for confirmation."));
    parser.addOptions({help, publication, subscription, slot, schema, table, jobs, indexesNow, noWait, format, watch, maxLag, yes,
                       ConnectionOptions::option(ConnectionOptions::Endpoint::Source),
                       ConnectionOptions::option(ConnectionOptions::Endpoint::Target)});
    if (const auto done = parseOrExit(parser, help, "replicate", arguments, true))
        return *done;
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1 || !QStringList({QStringLiteral("start"), QStringLiteral("status"), QStringLiteral("cleanup")}).contains(positional.first()))
        return usage(tr("say what to do: start, status or cleanup"));
    const QString action = positional.first();

    core::ReplicationOptions options;
    options.names.publication = parser.value(publication);
    options.names.subscription = parser.value(subscription);
    options.names.slot = parser.isSet(slot) ? parser.value(slot) : options.names.subscription;
    if (const auto problem = options.names.problem())
        return usage(*problem);
    bool ok = false;
    options.copy.jobs = parser.value(jobs).toInt(&ok);
    if (!ok || options.copy.jobs < 1 || options.copy.jobs > 64)
        return usage(tr("--jobs must be a number from 1 to 64, not '%1'").arg(parser.value(jobs)));
    const qint64 lagLimit = parser.value(maxLag).toLongLong(&ok);
    if (!ok || lagLimit < 0)
        return usage(tr("--max-lag must be a number of bytes, not '%1'").arg(parser.value(maxLag)));
    if (parser.value(format) != u"text" && parser.value(format) != u"json")
        return usage(tr("--format must be text or json, not '%1'").arg(parser.value(format)));
    options.deferSecondaryIndexes = !parser.isSet(indexesNow);
    QString error;
    const auto scope = core::CopyScope::parse(parser.values(schema), parser.values(table), &error);
    if (!scope)
        return usage(error);
    options.copy.scope = *scope;
    // status and cleanup without endpoints follow the replication pgshift saved (without its
    // passwords: libpq finds them in .pgpass, PGPASSWORD or a service file).
    const bool resolved = action == u"start"
        ? ConnectionOptions::resolveBoth(parser, options.copy.source, options.copy.target, &error, stderr)
        : ConnectionOptions::resolveReplication(parser, options, &error, stderr);
    if (!resolved)
        return usage(error);

    catchInterrupt();
    int result = ExitFailed;
    if (action == u"start") {
        if (!parser.isSet(yes) && !::isatty(STDIN_FILENO))
            return usage(tr("not on a terminal: add --yes to start replication without confirmation"));
        if (!parser.isSet(yes)) {
            if (!askYesNo(tr("Start replicating %1 of %2\n  to %3? [y/N] ")
                              .arg(options.copy.scope.describe(), options.copy.source.redacted(),
                                   options.copy.target.redacted())))
                return ExitFailed;
        }
        if (!ConnectionOptions::connectBoth(options.copy.source, options.copy.target, &error)) {
            std::fprintf(stderr, "pgshift replicate: %s\n", qPrintable(error));
            return ExitFailed;
        }
        result = start(options, !parser.isSet(noWait), lagLimit);
    } else if (action == u"status") {
        result = status(options, parser.value(format) == u"json", parser.isSet(watch), lagLimit);
    } else {
        result = cleanup(options);
    }
    releaseInterrupt();
    return result;
}

} // namespace

int runReplicate(const QStringList &arguments)
{
    return ReplicateCommand::run(arguments);
}

} // namespace pgshift::app
