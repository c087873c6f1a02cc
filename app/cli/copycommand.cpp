#include "app/cli/checklistoptions.h"
#include "app/cli/command.h"
#include "app/cli/connectionoptions.h"
#include "app/cli/terminal.h"
#include "core/migration/dumprestorejob.h"
#include "core/migration/targetinventory.h"

#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QLocale>
#include <QTimer>

#include <atomic>
#include <csignal>
#include <cstdio>
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
    static int usage(const QString &message) { return usageError("copy", message); }
    static bool confirm(const core::CopyOptions &options);
    static QString progressLine(const core::CopyProgress &progress, bool terminal);
    static int summarize(const core::CopyReport &report);
};

bool CopyCommand::confirm(const core::CopyOptions &options)
{
    return askYesNo(tr("Copy %1 of %2\n  to %3?\nThis creates the schema and the data on the target. [y/N] ")
                        .arg(options.scope.describe(), options.source.redacted(), options.target.redacted()));
}

QString CopyCommand::progressLine(const core::CopyProgress &progress, bool terminal)
{
    const QLocale locale;
    int done = 0;
    for (const auto &t : progress.tables)
        done += t.state == core::TableStatus::State::Copied ? 1 : 0;
    QString line;
    if (terminal) {
        constexpr int Width = 24;
        const int filled = int(progress.percent * Width / 100.0);
        line = u'[' + QString(filled, u'#') + QString(Width - filled, u'.') + QStringLiteral("] ");
    }
    line += QStringLiteral("%1% %2").arg(int(progress.percent), 3).arg(core::CopyProgress::phaseName(progress.phase));
    if (progress.phase == core::CopyPhase::Data) {
        line += QStringLiteral(", ") + tr("%1/s").arg(locale.formattedDataSize(qint64(progress.bytesPerSecond)));
        if (progress.etaSeconds >= 0)
            line += QStringLiteral(", ") + tr("ETA %1:%2").arg(progress.etaSeconds / 60)
                                               .arg(progress.etaSeconds % 60, 2, 10, QLatin1Char('0'));
    }
    line += QStringLiteral(", ") + tr("%1 of %2 tables done").arg(done).arg(progress.tables.size());
    if (!progress.detail.isEmpty())
        line += QStringLiteral(" (%1)").arg(progress.detail);
    return line;
}

int CopyCommand::summarize(const core::CopyReport &report)
{
    const QLocale locale;
    if (!report.succeeded()) {
        std::fprintf(stderr, "%s\n", qPrintable(report.cancelled ? tr("The copy was cancelled and did NOT complete.")
                                                                  : tr("The copy did NOT complete:")));
        for (const QString &failure : report.failures)
            std::fprintf(stderr, "  %s\n", qPrintable(failure));
        if (!report.createdOnTarget.isEmpty()) {
            std::fprintf(stderr, "%s\n", qPrintable(tr("It left these objects on the target:")));
            for (const auto &object : report.createdOnTarget)
                std::fprintf(stderr, "  %s %s\n", qPrintable(object.kindName()), qPrintable(object.display));
            std::fprintf(stderr, "%s\n%s", qPrintable(tr("To remove them, run this SQL on the target:")),
                         qPrintable(core::TargetInventory::dropSql(report.createdOnTarget)));
        }
        return ExitFailed;
    }
    std::printf("%s\n", qPrintable(tr("Copied %1 (%2 rows, %3), %4 and %5 in %6 s; every table's row count "
                                      "matches on both sides.")
                                       .arg(tr("%n table(s)", nullptr, int(report.tables.size())),
                                            locale.toString(report.rowsCopied()),
                                            locale.formattedDataSize(report.bytesCopied()),
                                            tr("%n sequence(s)", nullptr, report.sequencesSet),
                                            tr("%n large object(s)", nullptr, report.largeObjects),
                                            locale.toString(report.elapsedMs / 1000.0, 'f', 1))));
    if (!report.archiveDir.isEmpty())
        std::printf("%s\n", qPrintable(tr("The archive is in %1.").arg(QDir::toNativeSeparators(report.archiveDir))));
    return ExitOk;
}

int CopyCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Copies the source database, or some of its schemas and tables, to the target: schema, data "
           "(in parallel, from one consistent snapshot), indexes and constraints, sequences, large objects, "
           "then compares every table's exact row count on both sides. Stop writes to the source first, or let "
           "pgshift run the short cutover checklist around the copy: writes stopped (--writes-stopped, "
           "--block-writes or --block-database), the copy, sequences moved ahead, row counts (and with "
           "--checksums row checksums) compared, the target's connection string; a failure re-enables writes. "
           "Ctrl+C cancels and lists what was created on the target, with the SQL that drops it. "
           "Exit status: 0 the copy and its verification succeeded, 1 they did not, 2 bad usage."));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")}, tr("Show this help."));
    const QCommandLineOption jobs(QStringLiteral("jobs"),
                                  tr("Parallel workers (default %1: one per core, 2 to 8).")
                                      .arg(core::CopyOptions::defaultJobs()),
                                  QStringLiteral("N"), QString::number(core::CopyOptions::defaultJobs()));
    const QCommandLineOption engine(QStringLiteral("engine"),
                                    tr("stream (default): rows streamed server to server; pg_dump: pg_dump -Fd "
                                       "-j N into --archive-dir, then pg_restore -j N."),
                                    QStringLiteral("ENGINE"), QStringLiteral("stream"));
    const QCommandLineOption archiveDir(QStringLiteral("archive-dir"),
                                        tr("Folder for the pg_dump engine's archive, kept afterwards; must be new "
                                           "or empty."),
                                        QStringLiteral("DIR"));
    const QCommandLineOption schema(QStringLiteral("schema"),
                                    tr("Copy this schema (repeatable). Quote names with capitals or dots: "
                                       "'\"Sales\"'."),
                                    QStringLiteral("S"));
    const QCommandLineOption table(QStringLiteral("table"),
                                   tr("Copy this table, as table or schema.table (repeatable); partitions of a "
                                      "partitioned table come with it. Its schema's types and functions must "
                                      "exist on the target."),
                                   QStringLiteral("T"));
    const QCommandLineOption yes(QStringLiteral("yes"), tr("Do not ask for confirmation."));
    const ChecklistOptions checklist(true);
    parser.addOptions(checklist.options());
    parser.addOptions({help, jobs, engine, archiveDir, schema, table, yes,
                       ConnectionOptions::option(ConnectionOptions::Endpoint::Source),
                       ConnectionOptions::option(ConnectionOptions::Endpoint::Target)});
    if (const auto done = parseOrExit(parser, help, "copy", arguments))
        return *done;

    core::CopyOptions options;
    bool ok = false;
    options.jobs = parser.value(jobs).toInt(&ok);
    if (!ok || options.jobs < 1 || options.jobs > 64)
        return usage(tr("--jobs must be a number from 1 to 64, not '%1'").arg(parser.value(jobs)));
    const auto chosenEngine = core::copyEngineFromName(parser.value(engine));
    if (!chosenEngine)
        return usage(tr("--engine must be stream or pg_dump, not '%1'").arg(parser.value(engine)));
    options.engine = *chosenEngine;
    options.archiveDir = parser.value(archiveDir);
    if (options.engine == core::CopyEngine::PgDump && options.archiveDir.isEmpty())
        return usage(tr("--engine pg_dump needs --archive-dir DIR for the archive"));
    if (options.engine == core::CopyEngine::Stream && parser.isSet(archiveDir))
        return usage(tr("--archive-dir goes with --engine pg_dump"));
    QString error;
    const auto scope = core::CopyScope::parse(parser.values(schema), parser.values(table), &error);
    if (!scope)
        return usage(error);
    options.scope = *scope;
    core::CutoverOptions checklistOptions;
    checklistOptions.method = core::Method::Dump;
    if (!checklist.read(parser, checklistOptions, &error))
        return usage(error);

    if (!ConnectionOptions::resolveBoth(parser, options.source, options.target, &error, stderr))
        return usage(error);
    if (!parser.isSet(yes) && !::isatty(STDIN_FILENO))
        return usage(tr("not on a terminal: add --yes to copy without confirmation"));
    const bool withChecklist = checklist.requested(parser);
    if (withChecklist) {
        checklistOptions.replication.copy = options;
        ChecklistOptions::printPlan(core::Cutover::plan(checklistOptions));
    }
    if (!ConnectionOptions::connectBoth(options.source, options.target, &error)) {
        std::fprintf(stderr, "pgshift copy: %s\n", qPrintable(error));
        return ExitFailed;
    }
    if (withChecklist && !ChecklistOptions::printSessions(options.source, checklistOptions.writeBlock, "copy"))
        return ExitFailed;
    if (!parser.isSet(yes) && !confirm(options))
        return ExitFailed;

    const bool terminal = ::isatty(STDOUT_FILENO);
    core::DumpRestoreJob job(options);
    job.setProgressInterval(250);
    if (withChecklist) {
        job.setChecklist(checklistOptions);
        QObject::connect(&job, &core::DumpRestoreJob::checklistStep, &job, [terminal](const core::CutoverStep &step) {
            if (terminal && step.id != core::CutoverStep::Id::Copy)
                std::printf("\r\033[K");
            ChecklistOptions::printStep(step);
        });
    }
    // A live line on a terminal; in logs a line per phase, and every 5 s while data flows.
    QElapsedTimer sinceLine;
    sinceLine.start();
    QObject::connect(&job, &core::DumpRestoreJob::progressed, &job, [&](const core::CopyProgress &p) {
        if (terminal)
            std::printf("\r\033[K%s", qPrintable(progressLine(p, true)));
        else if (p.phase == core::CopyPhase::Data && sinceLine.hasExpired(5000))
            std::printf("%s\n", qPrintable(progressLine(p, false)));
        else
            return;
        sinceLine.start();
        std::fflush(stdout);
    });
    if (!terminal) {
        QObject::connect(&job, &core::DumpRestoreJob::phaseChanged, &job, [](core::CopyPhase phase) {
            std::printf("%s\n", qPrintable(core::CopyProgress::phaseName(phase)));
            std::fflush(stdout);
        });
    }
    QEventLoop loop;
    QObject::connect(&job, &core::DumpRestoreJob::finished, &loop, &QEventLoop::quit);
    catchInterrupt();
    QTimer watch;
    QObject::connect(&watch, &QTimer::timeout, &job, [&] {
        if (interruptRequested()) {
            clearInterrupt(); // once; a second Ctrl+C ends pgshift at once
            std::fprintf(stderr, "%s%s\n", terminal ? "\n" : "", qPrintable(tr("Cancelling...")));
            job.cancel();
        }
    });
    watch.start(100);
    job.start();
    loop.exec();
    releaseInterrupt();
    if (terminal)
        std::printf("\n");
    const int copied = summarize(job.report());
    if (!job.checklistReport())
        return copied;
    const int checked = ChecklistOptions::printOutcome(*job.checklistReport(), checklistOptions, "copy");
    return copied == ExitOk && checked == ExitOk ? ExitOk : ExitFailed;
}

} // namespace

int runCopy(const QStringList &arguments)
{
    return CopyCommand::run(arguments);
}

} // namespace pgshift::app
