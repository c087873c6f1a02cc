#include "app/cli/command.h"
#include "app/cli/terminal.h"

#include "core/pg/connection.h"
#include "core/pg/pgerror.h"
#include "core/sandbox/sandbox.h"

#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QThread>

#include <cstdio>

namespace pgshift::app {
namespace {

// `pgshift sandbox start|status|stop|workload`: two throwaway local servers with a sample
// shop, for trying pgshift and for scripted training sessions.
class SandboxCommand final
{
    Q_DECLARE_TR_FUNCTIONS(pgshift::app::SandboxCommand)
public:
    static int run(const QStringList &arguments);

private:
    static int usage(const QString &message) { return usageError("sandbox", message); }
    static int start();
    static int status();
    static int stop(const QString &directory);
    static int workload(const QString &directory, double rate, int seconds);
    static const core::Sandbox::Info *pick(const QList<core::Sandbox::Info> &all, const QString &directory, QString *error);
};

const core::Sandbox::Info *SandboxCommand::pick(const QList<core::Sandbox::Info> &all, const QString &directory, QString *error)
{
    if (all.isEmpty()) {
        *error = tr("no sandbox is running (pgshift sandbox start makes one)");
        return nullptr;
    }
    if (directory.isEmpty()) {
        if (all.size() == 1)
            return &all.first();
        *error = tr("%n sandboxes exist: name one with --dir", nullptr, int(all.size()));
        return nullptr;
    }
    for (const core::Sandbox::Info &info : all) {
        if (QDir(info.directory) == QDir(directory))
            return &info;
    }
    *error = tr("no sandbox in %1").arg(directory);
    return nullptr;
}

int SandboxCommand::start()
{
    QString error;
    const auto info = core::Sandbox::start(true, &error, [](const QString &step) {
        std::fprintf(stderr, "%s\n", qPrintable(step));
    });
    if (!info) {
        std::fprintf(stderr, "pgshift sandbox: %s\n", qPrintable(error));
        return ExitFailed;
    }
    std::printf("source: %s\n", qPrintable(info->source.toUri(core::ConnectionSettings::Password::Include)));
    std::printf("target: %s\n", qPrintable(info->target.toUri(core::ConnectionSettings::Password::Include)));
    std::printf("%s\n", qPrintable(tr("Throwaway passwords, also in %1 (mode 0600; `. %1` sets PGSHIFT_SOURCE and "
                                      "PGSHIFT_TARGET). The servers listen on 127.0.0.1 only and run until "
                                      "pgshift sandbox stop.")
                                       .arg(QDir::toNativeSeparators(info->connectionsFile()))));
    return ExitOk;
}

int SandboxCommand::status()
{
    core::Sandbox::removeStale();
    const QList<core::Sandbox::Info> all = core::Sandbox::list();
    if (all.isEmpty()) {
        std::printf("%s\n", qPrintable(tr("No sandbox.")));
        return ExitOk;
    }
    for (const core::Sandbox::Info &info : all) {
        std::printf("%s\n", qPrintable(QDir::toNativeSeparators(info.directory)));
        std::printf("  %s\n", qPrintable(tr("started %1 by %2, %3")
                                             .arg(info.created.toLocalTime().toString(Qt::ISODate))
                                             .arg(info.persistent ? tr("pgshift sandbox start") : tr("pgshift %1").arg(info.ownerPid))
                                             .arg(info.persistent ? tr("kept until pgshift sandbox stop")
                                                                  : tr("removed when that pgshift ends"))));
        std::printf("  source: %s (%s)\n", qPrintable(info.source.redacted()),
                    qPrintable(info.sourceRunning ? tr("running") : tr("STOPPED")));
        std::printf("  target: %s (%s)\n", qPrintable(info.target.redacted()),
                    qPrintable(info.targetRunning ? tr("running") : tr("STOPPED")));
        std::printf("  %s\n", qPrintable(tr("connection strings: %1").arg(QDir::toNativeSeparators(info.connectionsFile()))));
    }
    return ExitOk;
}

int SandboxCommand::stop(const QString &directory)
{
    const QList<core::Sandbox::Info> all = core::Sandbox::list();
    QString error;
    QList<core::Sandbox::Info> chosen;
    if (directory == QStringLiteral("all")) {
        chosen = all;
    } else if (const core::Sandbox::Info *info = pick(all, directory, &error)) {
        chosen << *info;
    } else {
        std::fprintf(stderr, "pgshift sandbox: %s\n", qPrintable(error));
        return ExitFailed;
    }
    int status = ExitOk;
    for (const core::Sandbox::Info &info : chosen) {
        if (core::Sandbox::stop(info.directory, &error)) {
            std::printf("%s\n", qPrintable(tr("Stopped and deleted %1.").arg(QDir::toNativeSeparators(info.directory))));
        } else {
            std::fprintf(stderr, "pgshift sandbox: %s\n", qPrintable(error));
            status = ExitFailed;
        }
    }
    return status;
}

int SandboxCommand::workload(const QString &directory, double rate, int seconds)
{
    QString error;
    const QList<core::Sandbox::Info> all = core::Sandbox::list();
    const core::Sandbox::Info *info = pick(all, directory, &error);
    if (!info) {
        std::fprintf(stderr, "pgshift sandbox: %s\n", qPrintable(error));
        return ExitFailed;
    }
    std::printf("%s\n", qPrintable(seconds > 0 ? tr("Writing about %1 operations a second for %2 s…").arg(rate).arg(seconds)
                                                : tr("Writing about %1 operations a second; Ctrl+C stops.").arg(rate)));
    std::fflush(stdout);
    core::SandboxWorkload load(info->source);
    catchInterrupt();
    load.start(rate);
    QElapsedTimer t;
    t.start();
    while (!interruptRequested() && (seconds <= 0 || !t.hasExpired(qint64(seconds) * 1000)))
        QThread::msleep(100);
    load.stop();
    releaseInterrupt();
    const core::SandboxWorkload::Counts c = load.counts();
    std::printf("%s\n", qPrintable(tr("%1 inserts, %2 updates, %3 deletes, %4 refused.")
                                       .arg(c.inserted).arg(c.updated).arg(c.deleted).arg(c.refused)));
    if (c.refused > 0)
        std::printf("%s\n", qPrintable(tr("Last refusal: %1").arg(c.lastError)));
    return c.inserted + c.updated + c.deleted > 0 ? ExitOk : ExitFailed;
}

int SandboxCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Two throwaway PostgreSQL servers on this computer (127.0.0.1 only), a source with a sample shop "
           "(about 100,000 rows, sequences, identity columns, foreign keys, a partitioned table, a materialized "
           "view, a table without a primary key, a large object) and an empty target, for trying pgshift.\n"
           "  start      start them, print both connection strings (with their throwaway passwords)\n"
           "  status     list the sandboxes and whether their servers run\n"
           "  stop       stop the servers and delete everything (--dir DIR or all when there are several)\n"
           "  workload   write on the source like an application (--rate per second, --seconds)\n"
           "Exit status: 0 done, 1 failed, 2 bad usage."));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")}, tr("Show this help."));
    const QCommandLineOption dir(QStringLiteral("dir"), tr("The sandbox's directory (status lists them), or all for stop."),
                                 QStringLiteral("DIR"));
    const QCommandLineOption rate(QStringLiteral("rate"), tr("Workload operations per second (default 5)."), QStringLiteral("N"),
                                  QStringLiteral("5"));
    const QCommandLineOption seconds(QStringLiteral("seconds"), tr("Stop the workload after this many seconds (default: Ctrl+C)."),
                                     QStringLiteral("S"), QStringLiteral("0"));
    parser.addOptions({help, dir, rate, seconds});
    if (const auto done = parseOrExit(parser, help, "sandbox", arguments, true))
        return *done;
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1)
        return usage(tr("say start, status, stop or workload"));
    const QString action = positional.first();
    if (action == QStringLiteral("start"))
        return start();
    if (action == QStringLiteral("status"))
        return status();
    if (action == QStringLiteral("stop"))
        return stop(parser.value(dir));
    if (action == QStringLiteral("workload")) {
        bool ok = false;
        const double perSecond = parser.value(rate).toDouble(&ok);
        if (!ok || perSecond <= 0 || perSecond > 1000)
            return usage(tr("--rate must be a number from 0.1 to 1000, not '%1'").arg(parser.value(rate)));
        const int limit = parser.value(seconds).toInt(&ok);
        if (!ok || limit < 0)
            return usage(tr("--seconds must be a whole number, not '%1'").arg(parser.value(seconds)));
        return workload(parser.value(dir), perSecond, limit);
    }
    return usage(tr("unknown action '%1': say start, status, stop or workload").arg(action));
}

} // namespace

int runSandbox(const QStringList &arguments)
{
    return SandboxCommand::run(arguments);
}

} // namespace pgshift::app
