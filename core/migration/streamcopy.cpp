#include "core/migration/streamcopy.h"

#include "core/log/corelog.h"
#include "core/migration/copyrun.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>

#include <condition_variable>
#include <deque>
#include <optional>
#include <thread>

namespace pgshift::core {
namespace {

// Work for the data phase. Copies go largest first; the index builds and the finishing step
// a copy unlocks go ahead of the remaining copies, so a table is done as early as possible
// and the CPU that one worker's long copy leaves idle builds other tables' indexes.
struct Task
{
    enum class Kind { Copy, Index, Finish };
    Kind kind = Kind::Copy;
    qsizetype table = 0;
    qsizetype index = 0;
};

class Scheduler final
{
public:
    Scheduler(qsizetype tables, const std::atomic<bool> *cancel)
        : m_tables(tables)
        , m_cancel(cancel)
        , m_indexesLeft(size_t(tables), 0)
    {
    }

    std::optional<Task> take()
    {
        std::unique_lock lock(m_mutex);
        for (;;) {
            if (m_cancel->load())
                return std::nullopt;
            if (!m_urgent.empty()) {
                const Task task = m_urgent.front();
                m_urgent.pop_front();
                ++m_running;
                return task;
            }
            if (m_nextCopy < m_tables) {
                ++m_running;
                return Task{Task::Kind::Copy, m_nextCopy++, 0};
            }
            if (m_running == 0)
                return std::nullopt;
            m_wake.wait_for(lock, std::chrono::milliseconds(200));
        }
    }

    // A task ended; `follow` is what it unlocked.
    void done(const QList<Task> &follow)
    {
        std::lock_guard lock(m_mutex);
        --m_running;
        for (const Task &task : follow)
            m_urgent.push_back(task);
        m_wake.notify_all();
    }

    void setIndexCount(qsizetype table, int count) { m_indexesLeft[size_t(table)] = count; }
    // True when this was the table's last index.
    bool indexBuilt(qsizetype table)
    {
        std::lock_guard lock(m_mutex);
        return --m_indexesLeft[size_t(table)] == 0;
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<Task> m_urgent;
    const qsizetype m_tables;
    const std::atomic<bool> *m_cancel;
    qsizetype m_nextCopy = 0;
    int m_running = 0;
    std::vector<int> m_indexesLeft;
};

class StreamEngine final
{
public:
    StreamEngine(CopyRun &run)
        : m_run(run)
    {
    }

    void copyData();
    bool applyPostData();
    int indexesBuilt() const { return m_indexesBuilt.load(); }

private:
    QList<Task> execute(const Task &task, Connection &source, Connection &target);
    void worker();

    CopyRun &m_run;
    std::unique_ptr<Scheduler> m_scheduler;
    std::atomic<int> m_indexesBuilt{0};
};

void StreamEngine::copyData()
{
    m_run.tracker().setPhase(CopyPhase::Data);
    const QList<PlannedTable> &plan = m_run.plan();
    m_scheduler = std::make_unique<Scheduler>(plan.size(), m_run.cancellation().flag());
    for (qsizetype i = 0; i < plan.size(); ++i)
        m_scheduler->setIndexCount(i, int(plan[i].indexes.size()));
    const qsizetype jobs = std::clamp<qsizetype>(m_run.options().jobs, 1, std::max<qsizetype>(1, plan.size()));
    std::vector<std::thread> threads;
    for (qsizetype i = 0; i < jobs; ++i)
        threads.emplace_back([this] { worker(); });
    for (std::thread &thread : threads)
        thread.join();
    if (m_run.cancelled())
        return;
    // A table no worker got to (every worker lost its connection) is a failure too.
    const QList<TableStatus> tables = m_run.tracker().tables();
    for (const TableStatus &t : tables) {
        if (t.state != TableStatus::State::Copied && t.state != TableStatus::State::Failed)
            m_run.fail(StreamCopy::tr("%1 was not copied: no copy worker was left to do it.").arg(t.qualifiedName()));
    }
}

void StreamEngine::worker()
{
    std::unique_ptr<Connection> source;
    std::unique_ptr<Connection> target;
    std::unique_ptr<Cancellation::Watch> sourceWatch;
    std::unique_ptr<Cancellation::Watch> targetWatch;
    try {
        source = m_run.openSource();
        sourceWatch = std::make_unique<Cancellation::Watch>(m_run.cancellation(), *source);
        target = m_run.openTarget();
        targetWatch = std::make_unique<Cancellation::Watch>(m_run.cancellation(), *target);
    } catch (const PgError &error) {
        if (!m_run.cancelled())
            m_run.fail(StreamCopy::tr("A copy worker could not connect: %1").arg(error.message()));
        return;
    }
    while (const std::optional<Task> task = m_scheduler->take()) {
        QList<Task> follow;
        bool lostConnection = false;
        try {
            follow = execute(*task, *source, *target);
        } catch (const PgError &error) {
            const qsizetype i = task->table;
            const bool cancelled = m_run.cancelled() || error.kind() == PgError::Kind::Cancelled;
            m_run.tracker().updateTable(i, [&](TableStatus &t) {
                t.state = cancelled ? TableStatus::State::Cancelled : TableStatus::State::Failed;
                if (!cancelled)
                    t.error = error.message();
            });
            if (!cancelled)
                m_run.fail(error.message());
            lostConnection = !source->isAlive() || !target->isAlive();
            if (!lostConnection && target->isAlive()) {
                try {
                    target->exec(QStringLiteral("ROLLBACK"));
                } catch (const PgError &) {
                    lostConnection = true;
                }
            }
        }
        m_scheduler->done(follow);
        if (lostConnection)
            return;
    }
}

QList<Task> StreamEngine::execute(const Task &task, Connection &source, Connection &target)
{
    const PlannedTable &planned = m_run.plan()[task.table];
    CopyProgressTracker &tracker = m_run.tracker();
    const auto status = [&] { return tracker.table(task.table); };
    switch (task.kind) {
    case Task::Kind::Copy: {
        const TableStatus t = status();
        tracker.updateTable(task.table, [](TableStatus &s) { s.state = TableStatus::State::Copying; });
        // TRUNCATE in the loading transaction lets COPY FREEZE write the rows frozen: no
        // later VACUUM has to rewrite every page of a freshly copied table.
        target.exec(QStringLiteral("BEGIN"));
        target.exec(QStringLiteral("TRUNCATE ONLY %1").arg(planned.quotedName));
        TableCopy::Options options;
        options.columns = planned.columns;
        options.binary = planned.binary;
        options.freeze = true;
        const TableCopy::Progress copied = TableCopy::copy(
            source, target, t.schema, t.table, m_run.cancellation().flag(),
            [&](const TableCopy::Progress &p) {
                tracker.updateTable(task.table, [&](TableStatus &s) {
                    s.rowsCopied = p.rows;
                    s.bytesCopied = p.bytes;
                });
            },
            options);
        target.exec(QStringLiteral("COMMIT"));
        tracker.updateTable(task.table, [&](TableStatus &s) {
            s.rowsCopied = copied.rows;
            s.bytesCopied = copied.bytes;
            // The source's own count of the rows it sent from the snapshot: exact, so the
            // verification need not scan the table on the source a second time.
            s.sourceRows = copied.rows;
            s.state = planned.indexes.isEmpty() ? s.state : TableStatus::State::Indexing;
        });
        QList<Task> follow;
        for (qsizetype j = 0; j < planned.indexes.size(); ++j)
            follow << Task{Task::Kind::Index, task.table, j};
        if (follow.isEmpty())
            follow << Task{Task::Kind::Finish, task.table, 0};
        return follow;
    }
    case Task::Kind::Index: {
        if (status().state == TableStatus::State::Failed)
            return {};
        target.exec(planned.indexes[task.index].createSql);
        ++m_indexesBuilt;
        if (m_scheduler->indexBuilt(task.table))
            return {Task{Task::Kind::Finish, task.table, 0}};
        return {};
    }
    case Task::Kind::Finish: {
        if (status().state == TableStatus::State::Failed)
            return {};
        for (const EarlyIndex &index : planned.indexes) {
            for (const QString &statement : index.afterSql)
                target.exec(statement);
        }
        target.exec(QStringLiteral("ANALYZE %1").arg(planned.quotedName));
        tracker.updateTable(task.table, [](TableStatus &s) { s.state = TableStatus::State::Copied; });
        return {};
    }
    }
    return {};
}

bool StreamEngine::applyPostData()
{
    QSet<quint32> built;
    for (const PlannedTable &p : m_run.plan()) {
        for (const EarlyIndex &index : p.indexes) {
            built.insert(index.indexOid);
            if (index.constraintOid)
                built.insert(index.constraintOid);
        }
    }
    return m_run.restorePostData(built);
}

} // namespace

CopyReport StreamCopy::run(const CopyOptions &options, CopyProgressTracker &tracker, Cancellation &cancellation)
{
    return CopyRun::perform(options, tracker, cancellation, [](CopyRun &run, CopyReport &report) {
        StreamEngine engine(run);
        if (run.prepare(true) && !run.cancelled() && run.applyPreData() && !run.cancelled()) {
            engine.copyData();
            if (!run.cancelled() && !run.failed() && engine.applyPostData() && !run.cancelled()) {
                run.setSequences();
                run.copyLargeObjects();
                run.analyzeRest();
                if (!run.cancelled())
                    run.verifyCounts();
            }
        }
        report.indexesBuilt = engine.indexesBuilt();
    });
}

} // namespace pgshift::core
