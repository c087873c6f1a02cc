#include "core/migration/archivecopy.h"

#include "core/log/corelog.h"
#include "core/migration/copyrun.h"
#include "core/tools/toolprocess.h"

#include <QDir>
#include <QElapsedTimer>
#include <QHash>
#include <QRegularExpression>

#include <condition_variable>
#include <thread>

namespace pgshift::core {
namespace {

// Live row counts of the COPYs pg_restore runs, read from the target every half second.
class CopyProgressPoller final
{
public:
    CopyProgressPoller(CopyRun &run, const QHash<QString, qsizetype> &tables)
        : m_run(run)
        , m_tables(tables)
        , m_thread([this] { poll(); })
    {
    }
    ~CopyProgressPoller()
    {
        {
            std::lock_guard lock(m_mutex);
            m_stop = true;
        }
        m_wake.notify_all();
        m_thread.join();
    }

private:
    void poll()
    {
        try {
            Connection target(m_run.options().target);
            if (target.serverVersionNumber() < 140000)
                return; // pg_stat_progress_copy arrived in PostgreSQL 14
            std::unique_lock lock(m_mutex);
            while (!m_wake.wait_for(lock, std::chrono::milliseconds(500), [this] { return m_stop; })) {
                const Result rows = target.exec(QStringLiteral(
                    "SELECT n.nspname || '.' || c.relname, p.tuples_processed, p.bytes_processed"
                    "  FROM pg_catalog.pg_stat_progress_copy p JOIN pg_catalog.pg_class c ON c.oid = p.relid"
                    "  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                    " WHERE p.datid = (SELECT oid FROM pg_catalog.pg_database WHERE datname = current_database())"
                    "   AND p.command = 'COPY FROM'"));
                for (int i = 0; i < rows.rowCount(); ++i) {
                    const auto found = m_tables.constFind(rows.text(i, 0));
                    if (found == m_tables.cend())
                        continue;
                    m_run.tracker().updateTable(*found, [&](TableStatus &t) {
                        t.rowsCopied = std::max(t.rowsCopied, rows.toInt64(i, 1));
                        t.bytesCopied = std::max(t.bytesCopied, rows.toInt64(i, 2));
                    });
                }
            }
        } catch (const PgError &error) {
            logger()->warn("copy progress: {}", error.message()); // progress only; the copy goes on
        }
    }

    CopyRun &m_run;
    const QHash<QString, qsizetype> m_tables;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stop = false;
    std::thread m_thread;
};

bool dumpAndRestore(CopyRun &run, CopyReport &report)
{
    const CopyOptions &options = run.options();
    const QString dump = run.findTool(QStringLiteral("pg_dump"), run.sourceMajor());
    const QString restore = run.findTool(QStringLiteral("pg_restore"), run.sourceMajor());
    if (dump.isEmpty() || restore.isEmpty())
        return false;
    if (options.archiveDir.isEmpty()) {
        run.fail(ArchiveCopy::tr("The pg_dump engine needs a folder for its archive."));
        return false;
    }
    const QDir root(options.archiveDir);
    if (root.exists() && !root.isEmpty()) {
        run.fail(ArchiveCopy::tr("The archive folder %1 is not empty; choose a new or empty one.")
                     .arg(QDir::toNativeSeparators(root.absolutePath())));
        return false;
    }
    if (!QDir().mkpath(root.absolutePath())) {
        run.fail(ArchiveCopy::tr("Cannot create the archive folder %1.").arg(QDir::toNativeSeparators(root.absolutePath())));
        return false;
    }
    report.archiveDir = root.absolutePath();

    QHash<QString, qsizetype> byName; // "schema.table" as the tools print it
    const QList<TableStatus> tables = run.tracker().tables();
    for (qsizetype i = 0; i < tables.size(); ++i)
        byName.insert(tables[i].qualifiedName(), i);
    const auto setState = [&](const QString &name, TableStatus::State state) {
        const auto found = byName.constFind(name);
        if (found != byName.cend())
            run.tracker().updateTable(*found, [&](TableStatus &t) { t.state = state; });
    };
    static const QRegularExpression dumping(QStringLiteral("dumping contents of table \"(.+)\"$"));
    static const QRegularExpression restoring(QStringLiteral("processing data for table \"(.+)\"$"));
    static const QRegularExpression finished(QStringLiteral("finished item (\\d+) TABLE DATA "));
    static const QRegularExpression tocData(QStringLiteral("^(\\d+); \\d+ \\d+ TABLE DATA (.+?) (.+) \\S+$"));

    const QList<QStringList> selections = run.dumpSelections();
    for (int part = 0; part < selections.size(); ++part) {
        const QString folder = selections.size() == 1 ? root.absolutePath()
                                                      : root.absoluteFilePath(QStringLiteral("part-%1").arg(part + 1));
        // 1. The archive, from the snapshot every other step also reads.
        run.tracker().setPhase(CopyPhase::Data, ArchiveCopy::tr("pg_dump is writing the archive"));
        int dumped = 0;
        const bool ok = run.runTool(
            ArchiveCopy::tr("pg_dump into %1").arg(QDir::toNativeSeparators(folder)), dump,
            QStringList{QStringLiteral("--format=directory"), QStringLiteral("--jobs=%1").arg(options.jobs),
                        QStringLiteral("--verbose"), QStringLiteral("--snapshot=") + run.snapshotId(),
                        QStringLiteral("--file=") + folder}
                + selections[part],
            options.source, [&](const QString &line) {
                const QRegularExpressionMatch m = dumping.match(line);
                if (m.hasMatch()) {
                    run.tracker().setDetail(ArchiveCopy::tr("pg_dump: %1 of %2 tables written to the archive")
                                                .arg(++dumped).arg(tables.size()));
                    return true;
                }
                return line.startsWith(QStringLiteral("pg_dump: ")) && !line.contains(QStringLiteral("error"));
            });
        if (!ok) {
            // Half an archive would pass for one: it goes. (A complete one stays, whatever
            // happens to the restore.)
            QDir(root.absolutePath()).removeRecursively();
            report.archiveDir.clear();
            logger()->warn("pg_dump did not finish: the partial archive {} was removed", root.absolutePath());
            return false;
        }

        // 2. Which archive entry holds which table's rows, for pg_restore's "finished item".
        QByteArray toc;
        ToolProcess lister(restore, {QStringLiteral("--list"), folder}, options.target);
        if (!lister.run([&](const QByteArray &chunk) { toc += chunk; }, run.cancellation().flag()).ok())
            return false;
        QHash<QString, QString> dataEntries; // dump id -> schema.table
        int sequenceSets = 0;
        for (const QString &line : QString::fromUtf8(toc).split(u'\n')) {
            if (line.startsWith(u';'))
                continue;
            if (const QRegularExpressionMatch m = tocData.match(line); m.hasMatch())
                dataEntries.insert(m.captured(1), m.captured(2) + u'.' + m.captured(3));
            else if (line.contains(QStringLiteral(" SEQUENCE SET ")))
                ++sequenceSets;
        }

        // 3. Restore, with live counts from the target.
        run.tracker().setDetail(ArchiveCopy::tr("pg_restore is loading the archive"));
        run.markWritten();
        const CopyProgressPoller poller(run, byName);
        const bool restored = run.runTool(
            ArchiveCopy::tr("pg_restore from %1").arg(QDir::toNativeSeparators(folder)), restore,
            {QStringLiteral("--jobs=%1").arg(options.jobs), QStringLiteral("--verbose"), QStringLiteral("--no-owner"),
             QStringLiteral("--no-privileges"), QStringLiteral("--no-publications"),
             QStringLiteral("--no-subscriptions"), QStringLiteral("--no-tablespaces"),
             QStringLiteral("--no-security-labels"), QStringLiteral("--exit-on-error"), folder},
            options.target, [&](const QString &line) {
                if (const QRegularExpressionMatch m = restoring.match(line); m.hasMatch()) {
                    setState(m.captured(1), TableStatus::State::Copying);
                    return true;
                }
                if (const QRegularExpressionMatch m = finished.match(line); m.hasMatch()) {
                    setState(dataEntries.value(m.captured(1)), TableStatus::State::Copied);
                    return true;
                }
                return line.startsWith(QStringLiteral("pg_restore: ")) && !line.contains(QStringLiteral("error"));
            });
        if (!restored)
            return false;
        run.addRestored(sequenceSets, 0);
    }
    for (qsizetype i = 0; i < tables.size(); ++i)
        run.tracker().updateTable(i, [](TableStatus &t) { t.state = TableStatus::State::Copied; });
    if (options.scope.isWholeDatabase()) {
        const int objects = int(run.source()
                                    .exec(QStringLiteral("SELECT count(*) FROM pg_catalog.pg_largeobject_metadata"))
                                    .toInt64(0, 0));
        run.addRestored(0, objects);
    }
    return true;
}

} // namespace

CopyReport ArchiveCopy::run(const CopyOptions &options, CopyProgressTracker &tracker, Cancellation &cancellation)
{
    return CopyRun::perform(options, tracker, cancellation, [](CopyRun &run, CopyReport &report) {
        if (run.prepare(false) && !run.cancelled() && dumpAndRestore(run, report) && !run.cancelled()) {
            run.analyzeTables();
            run.analyzeRest();
            if (!run.cancelled())
                run.verifyCounts();
        }
    });
}

} // namespace pgshift::core
