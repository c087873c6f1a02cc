#include "app/cli/checklistoptions.h"
#include "app/cli/command.h"
#include "app/cli/connectionoptions.h"
#include "app/cli/terminal.h"

#include "core/cutover/cutover.h"
#include "core/dms/dmsplan.h"
#include "core/migration/cancellation.h"

#include <QCommandLineParser>
#include <QDir>

#include <cstdio>
#include <unistd.h>

namespace pgshift::app {
namespace {

// `pgshift dms plan|finish`: the AWS DMS method. plan creates the target's schema with the
// foreign keys held back and writes what DMS needs; finish runs the checklist after the load.
class DmsCommand final
{
    Q_DECLARE_TR_FUNCTIONS(pgshift::app::DmsCommand)
public:
    static int run(const QStringList &arguments);

private:
    static int plan(const QStringList &arguments);
    static int finish(const QStringList &arguments);
    static int usage(const QString &message) { return usageError("dms", message); }
};

QCommandLineOption schemaOption()
{
    return QCommandLineOption(QStringLiteral("schema"),
                              DmsCommand::tr("Only this schema (repeatable)."),
                              QStringLiteral("S"));
}

QCommandLineOption tableOption()
{
    return QCommandLineOption(
        QStringLiteral("table"),
        DmsCommand::tr("Only this table, as table or schema.table (repeatable)."),
        QStringLiteral("T"));
}

int DmsCommand::run(const QStringList &arguments)
{
    const QString sub = arguments.value(0);
    if (sub == QLatin1String("plan"))
        return plan(arguments.mid(1));
    if (sub == QLatin1String("finish"))
        return finish(arguments.mid(1));
    if (sub == QLatin1String("-h") || sub == QLatin1String("--help")) {
        std::printf(
            "%s\n",
            qPrintable(tr(
                "Usage: pgshift dms plan|finish [options]\n"
                "  plan    create the target's schema (foreign keys held back) and write the DMS "
                "task "
                "settings, table mapping, endpoint attributes and aws CLI commands\n"
                "  finish  after DMS loaded the data: stop writes, catch up, add the foreign keys, "
                "move the sequences ahead, compare row counts\n"
                "pgshift dms plan --help and pgshift dms finish --help list the options.")));
        return ExitOk;
    }
    return usage(sub.isEmpty() ? tr("say plan or finish")
                               : tr("unknown subcommand '%1': say plan or finish").arg(sub));
}

int DmsCommand::plan(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Prepare an AWS DMS migration, schema first: create the schema on the target with its "
           "foreign keys held back "
           "(so DMS can load the tables in any order), then write into --out the task settings, "
           "the table mapping, the "
           "endpoints' extra connection attributes, the aws CLI commands (with placeholders for "
           "ARNs and passwords) "
           "and the held-back keys. pgshift never handles AWS credentials.\n"
           "Exit status: 0 done, 1 failed (the target as the error says), 2 bad usage."));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
                                  tr("Show this help."));
    const QCommandLineOption out(QStringLiteral("out"),
                                 tr("Folder for the files (created if missing)."),
                                 QStringLiteral("DIR"));
    const QCommandLineOption task(QStringLiteral("task-id"),
                                  tr("DMS task identifier (default pgshift-dms)."),
                                  QStringLiteral("ID"), QStringLiteral("pgshift-dms"));
    const QCommandLineOption slot(
        QStringLiteral("slot"), tr("Slot name DMS is to use on the source (default pgshift_dms)."),
        QStringLiteral("NAME"), QStringLiteral("pgshift_dms"));
    const QCommandLineOption fullLoadOnly(QStringLiteral("full-load-only"),
                                          tr("A task without ongoing changes (no slot)."));
    const QCommandLineOption lobMax(
        QStringLiteral("limited-lobs"),
        tr("Limited LOB mode: values over KB kilobytes are cut (default: full LOB mode)."),
        QStringLiteral("KB"));
    const QCommandLineOption subTasks(QStringLiteral("parallel-tables"),
                                      tr("Tables DMS loads at a time (default 8)."),
                                      QStringLiteral("N"), QStringLiteral("8"));
    const QCommandLineOption noValidation(QStringLiteral("no-validation"),
                                          tr("Turn DMS's row-level validation off."));
    const QCommandLineOption schema = schemaOption();
    const QCommandLineOption table = tableOption();
    parser.addOptions({help, out, task, slot, fullLoadOnly, lobMax, subTasks, noValidation, schema,
                       table, ConnectionOptions::option(ConnectionOptions::Endpoint::Source),
                       ConnectionOptions::option(ConnectionOptions::Endpoint::Target)});
    if (const auto done = parseOrExit(parser, help, "dms plan", arguments))
        return *done;
    if (!parser.isSet(out))
        return usage(tr("--out DIR is required: the folder for the DMS files"));

    core::DmsPlanOptions options;
    core::DmsSettings &s = options.settings;
    s.taskId = parser.value(task);
    s.slotName = parser.value(slot);
    s.changeCapture = !parser.isSet(fullLoadOnly);
    s.validation = !parser.isSet(noValidation);
    bool ok = true;
    if (parser.isSet(lobMax)) {
        s.lobs = core::DmsSettings::Lobs::Limited;
        s.lobMaxSizeKb = parser.value(lobMax).toInt(&ok);
        if (!ok || s.lobMaxSizeKb < 1)
            return usage(tr("--limited-lobs must be a number of kilobytes, 1 or more, not '%1'")
                             .arg(parser.value(lobMax)));
    }
    s.maxFullLoadSubTasks = parser.value(subTasks).toInt(&ok);
    if (!ok)
        return usage(
            tr("--parallel-tables must be a number, not '%1'").arg(parser.value(subTasks)));
    if (const auto problem = s.problem())
        return usage(*problem);
    QString error;
    const auto scope = core::CopyScope::parse(parser.values(schema), parser.values(table), &error);
    if (!scope)
        return usage(error);
    options.scope = *scope;
    if (!ConnectionOptions::resolveBoth(parser, options.source, options.target, &error, stderr))
        return usage(error);
    if (!ConnectionOptions::connectBoth(options.source, options.target, &error)) {
        std::fprintf(stderr, "pgshift dms plan: %s\n", qPrintable(error));
        return ExitFailed;
    }

    const QString folder = QDir(parser.value(out)).absolutePath();
    std::printf("%s\n",
                qPrintable(tr("Creating the schema on the target, foreign keys held back…")));
    std::fflush(stdout);
    core::Cancellation cancellation;
    core::CopyProgressTracker tracker;
    core::DmsPlan::Outcome outcome;
    runInterruptible(cancellation, tr("Cancelling…"), [&] {
        outcome = core::DmsPlan::prepare(options, folder, tracker, cancellation);
    });
    if (!outcome.succeeded()) {
        std::fprintf(stderr, "pgshift dms plan: %s\n", qPrintable(outcome.error));
        if (!outcome.schema.createdOnTarget.isEmpty())
            std::fprintf(stderr, "%s\n",
                         qPrintable(tr("The schema copy created %n object(s) on the target first; "
                                       "drop them before planning again.",
                                       nullptr, int(outcome.schema.createdOnTarget.size()))));
        return ExitFailed;
    }
    std::printf("%s\n",
                qPrintable(tr("Schema created on the target; %n table(s) in the mapping.", nullptr,
                              int(outcome.tables.size()))));
    if (outcome.heldBack.isEmpty()) {
        std::printf("%s\n", qPrintable(tr("No foreign key to hold back.")));
    } else {
        std::printf("%s\n",
                    qPrintable(tr("%n foreign key(s) held back until pgshift dms finish:", nullptr,
                                  int(outcome.heldBack.size()))));
        for (const core::ForeignKey &k : std::as_const(outcome.heldBack))
            std::printf("  %s\n", qPrintable(k.addSql()));
    }
    std::printf("%s\n", qPrintable(tr("Files written:")));
    for (const QString &file : std::as_const(outcome.files))
        std::printf("  %s\n", qPrintable(QDir::toNativeSeparators(file)));
    std::printf("%s\n",
                qPrintable(tr("Next: run the aws CLI commands in aws-commands.sh; once the full "
                              "load is done (and, with "
                              "ongoing changes, the lag is small), run pgshift dms finish.")));
    return ExitOk;
}

int DmsCommand::finish(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr(
        "Finish an AWS DMS migration after its full load: refresh materialized views, stop writes "
        "on the source, "
        "wait until DMS confirms the source's last WAL position on its slot, copy large objects, "
        "add the foreign "
        "keys held back (all or none, after counting the rows that would break each), move the "
        "sequences ahead, "
        "compare exact row counts. It stops at the first failure and re-enables writes.\n"
        "Without --block-writes or --block-database you confirm that the application is stopped.\n"
        "Exit status: 0 every step succeeded, 1 a step failed, 2 bad usage."));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
                                  tr("Show this help."));
    const ChecklistOptions checklist(false);
    const QCommandLineOption slot(QStringLiteral("slot"),
                                  tr("DMS's slot on the source (default pgshift_dms)."),
                                  QStringLiteral("NAME"), QStringLiteral("pgshift_dms"));
    const QCommandLineOption fullLoadOnly(QStringLiteral("full-load-only"),
                                          tr("The task had no ongoing changes: no catch-up."));
    const QCommandLineOption timeout(QStringLiteral("timeout"),
                                     tr("Seconds to wait for the catch-up (default 300)."),
                                     QStringLiteral("SECONDS"), QStringLiteral("300"));
    const QCommandLineOption yes(QStringLiteral("yes"), tr("Do not ask for confirmation."));
    const QCommandLineOption schema = schemaOption();
    const QCommandLineOption table = tableOption();
    parser.addOptions(checklist.options());
    parser.addOptions({help, slot, fullLoadOnly, timeout, yes, schema, table,
                       ConnectionOptions::option(ConnectionOptions::Endpoint::Source),
                       ConnectionOptions::option(ConnectionOptions::Endpoint::Target)});
    if (const auto done = parseOrExit(parser, help, "dms finish", arguments))
        return *done;

    core::CutoverOptions options;
    options.method = core::Method::Dms;
    options.dmsChangeCapture = !parser.isSet(fullLoadOnly);
    QString error;
    if (!checklist.read(parser, options, &error))
        return usage(error);
    bool ok = false;
    options.catchUpTimeoutSeconds = parser.value(timeout).toInt(&ok);
    if (!ok || options.catchUpTimeoutSeconds < 1)
        return usage(tr("--timeout must be a number of seconds, 1 or more, not '%1'")
                         .arg(parser.value(timeout)));
    core::ReplicationOptions &repl = options.replication;
    repl.names.slot = parser.value(slot);
    const auto scope = core::CopyScope::parse(parser.values(schema), parser.values(table), &error);
    if (!scope)
        return usage(error);
    repl.copy.scope = *scope;
    if (!ConnectionOptions::resolveBoth(parser, repl.copy.source, repl.copy.target, &error, stderr))
        return usage(error);
    if (!ConnectionOptions::connectBoth(repl.copy.source, repl.copy.target, &error)) {
        std::fprintf(stderr, "pgshift dms finish: %s\n", qPrintable(error));
        return ExitFailed;
    }

    ChecklistOptions::printPlan(core::Cutover::plan(options));
    if (!ChecklistOptions::printSessions(repl.copy.source, options.writeBlock, "dms finish"))
        return ExitFailed;
    std::fflush(stdout);
    if (!parser.isSet(yes)) {
        if (!::isatty(STDIN_FILENO))
            return usage(tr("not on a terminal: add --yes to finish without confirmation"));
        const QString question = !options.writeBlock.blocks()
            ? tr("Is the application stopped, so that nothing writes to the source any more? "
                 "Finish now? [y/N] ")
            : tr("Stop writes on the source and finish now? [y/N] ");
        if (!askYesNo(question))
            return ExitFailed;
    }
    core::Cancellation cancellation;
    core::CutoverReport report;
    runInterruptible(cancellation, tr("Cancelling…"), [&] {
        report = core::Cutover::run(options, cancellation, [](const core::CutoverStep &step) {
            ChecklistOptions::printStep(step);
        });
    });
    std::printf("\n");
    const int code = ChecklistOptions::printOutcome(report, options, "dms finish");
    if (code == ExitOk)
        std::printf("%s\n",
                    qPrintable(tr("Then stop and delete the DMS task and endpoints (section 4 of "
                                  "aws-commands.sh).")));
    return code;
}

} // namespace

int runDms(const QStringList &arguments)
{
    return DmsCommand::run(arguments);
}

} // namespace pgshift::app
