#include "app/cli/checklistoptions.h"

#include "app/cli/command.h"
#include "core/pg/connection.h"
#include "core/pg/pgerror.h"

#include <QCommandLineParser>
#include <QLocale>

#include <cstdio>

namespace pgshift::app {

ChecklistOptions::ChecklistOptions(bool confirmOption)
    : m_confirmOption(confirmOption)
    , m_blockRoles(QStringLiteral("block-writes"), tr("Make these roles read-only in the source database and end their sessions."),
                   QStringLiteral("ROLE,..."))
    , m_blockDatabase(QStringLiteral("block-database"), tr("Make the whole source database read-only and end every other session."))
    , m_stopped(QStringLiteral("writes-stopped"),
                tr("Run the checklist with writes stopped by you (the application is stopped); pgshift blocks nothing."))
    , m_margin(QStringLiteral("margin"), tr("Sequence margin in increments (default 10000)."), QStringLiteral("N"),
               QStringLiteral("10000"))
    , m_checksums(QStringLiteral("checksums"),
                  tr("Validate with a checksum of every table's rows as well as exact row counts (reads every row twice)."))
{
}

QList<QCommandLineOption> ChecklistOptions::options() const
{
    QList<QCommandLineOption> list{m_blockRoles, m_blockDatabase};
    if (m_confirmOption)
        list << m_stopped;
    list << m_margin << m_checksums;
    return list;
}

bool ChecklistOptions::requested(const QCommandLineParser &parser) const
{
    return !m_confirmOption || parser.isSet(m_blockRoles) || parser.isSet(m_blockDatabase) || parser.isSet(m_stopped);
}

bool ChecklistOptions::read(const QCommandLineParser &parser, core::CutoverOptions &options, QString *error) const
{
    const int given = int(parser.isSet(m_blockRoles)) + int(parser.isSet(m_blockDatabase))
        + int(m_confirmOption && parser.isSet(m_stopped));
    if (given > 1) {
        *error = m_confirmOption ? tr("give one of --block-writes, --block-database and --writes-stopped")
                                 : tr("give --block-writes or --block-database, not both");
        return false;
    }
    options.writeBlock = {};
    if (parser.isSet(m_blockRoles)) {
        options.writeBlock.mode = core::WriteBlock::Roles;
        for (const QString &role : parser.value(m_blockRoles).split(u',', Qt::SkipEmptyParts)) {
            if (!role.trimmed().isEmpty())
                options.writeBlock.roles << role.trimmed();
        }
        if (options.writeBlock.roles.isEmpty()) {
            *error = tr("--block-writes needs at least one role");
            return false;
        }
    } else if (parser.isSet(m_blockDatabase)) {
        options.writeBlock.mode = core::WriteBlock::Database;
    }
    bool ok = false;
    options.sequenceMargin = parser.value(m_margin).toLongLong(&ok);
    if (!ok || options.sequenceMargin < 0) {
        *error = tr("--margin must be a whole number of increments, 0 or more, not '%1'").arg(parser.value(m_margin));
        return false;
    }
    if (m_confirmOption && !requested(parser) && (parser.isSet(m_margin) || parser.isSet(m_checksums))) {
        *error = tr("--margin and --checksums belong to the checklist: add --writes-stopped, --block-writes or --block-database");
        return false;
    }
    options.checksums = parser.isSet(m_checksums);
    return true;
}

void ChecklistOptions::printStep(const core::CutoverStep &step)
{
    if (step.state == core::CutoverStep::State::Running) {
        std::printf("%d. %s…\n", step.number, qPrintable(step.title));
    } else {
        std::printf("   %s (%s s)%s%s\n", qPrintable(core::CutoverStep::stateName(step.state)),
                    qPrintable(QLocale().toString(step.elapsedMs / 1000.0, 'f', 1)), step.detail.isEmpty() ? "" : ": ",
                    qPrintable(QString(step.detail).replace(u'\n', QStringLiteral("\n      "))));
    }
    std::fflush(stdout);
}

void ChecklistOptions::printPlan(const QList<core::CutoverStep> &steps)
{
    std::printf("%s\n", qPrintable(tr("Checklist:")));
    for (const core::CutoverStep &step : steps) {
        std::printf("%d. %s (%s)\n", step.number, qPrintable(step.title), qPrintable(step.where));
        if (!step.sql.isEmpty())
            std::printf("   %s\n", qPrintable(QString(step.sql).replace(u'\n', QStringLiteral("\n   "))));
    }
    std::fflush(stdout);
}

bool ChecklistOptions::printSessions(const core::ConnectionSettings &source, const core::WriteBlockOptions &block,
                                     const char *command)
{
    try {
        core::Connection c(source);
        const QStringList sessions = core::WriteBlocker::sessionsToEnd(c, block);
        if (!sessions.isEmpty()) {
            std::printf("%s\n", qPrintable(tr("Sessions the write block ends now:")));
            for (const QString &line : sessions)
                std::printf("  %s\n", qPrintable(line));
        }
    } catch (const core::PgError &e) {
        std::fprintf(stderr, "pgshift %s: %s\n", command, qPrintable(e.message()));
        return false;
    }
    std::fflush(stdout);
    return true;
}

int ChecklistOptions::printOutcome(const core::CutoverReport &report, const core::CutoverOptions &options, const char *command)
{
    if (report.succeeded) {
        const QString seconds = QLocale().toString(report.downtimeMs / 1000.0, 'f', 1);
        std::printf("%s\n", qPrintable(options.method == core::Method::Dump
                                           ? tr("Copy complete and every checklist step done. Write downtime: %1 s.").arg(seconds)
                                           : tr("Cutover complete. Write downtime: %1 s.").arg(seconds)));
        std::printf("%s\n  %s\n", qPrintable(tr("Point the application at the target (its password as before):")),
                    qPrintable(report.targetConnection));
        if (options.writeBlock.blocks())
            std::printf("%s\n", qPrintable(tr("The source stays read-only for what was blocked; pgshift cutover "
                                              "--reenable-writes with the same --block-* option and endpoints lifts it.")));
        return ExitOk;
    }
    std::fprintf(stderr, "%s\n", qPrintable(tr("pgshift %1 FAILED: %2").arg(QString::fromLatin1(command), report.failure)));
    if (report.rolledBack) {
        std::fprintf(stderr, "%s\n", qPrintable(options.method == core::Method::Dump
                                                    ? tr("Writes are allowed again on the source.")
                                                    : tr("Writes are allowed again on the source; replication is still running.")));
    }
    for (const QString &p : report.rollbackProblems)
        std::fprintf(stderr, "%s\n", qPrintable(tr("Re-enabling writes failed: %1").arg(p)));
    return ExitFailed;
}

} // namespace pgshift::app
