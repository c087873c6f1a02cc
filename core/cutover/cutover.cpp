#include "core/cutover/cutover.h"

#include "core/cutover/unreplicateddata.h"
#include "core/dms/dmsplan.h"
#include "core/dms/foreignkeys.h"

#include "core/log/corelog.h"
#include "core/migration/archivecopy.h"
#include "core/migration/cancellation.h"
#include "core/migration/streamcopy.h"
#include "core/pg/connection.h"
#include "core/pg/pgerror.h"
#include "core/pg/sqlquote.h"
#include "core/replication/replicationcleanup.h"
#include "core/replication/replicationstate.h"
#include "core/replication/replicationstatus.h"

#include <QElapsedTimer>
#include <QLocale>
#include <QThread>

#include <memory>

namespace pgshift::core {
namespace {

CutoverStep makeStep(CutoverStep::Id id, const QString &title, const QString &where, const QString &sql)
{
    CutoverStep step;
    step.id = id;
    step.title = title;
    step.where = where;
    step.sql = sql;
    return step;
}

[[noreturn]] void throwCancelled()
{
    throw PgError(PgError::Kind::Cancelled, Cutover::tr("Cancelled."));
}

// One run of the checklist: the steps' bookkeeping and what each step does.
class CutoverRun
{
public:
    CutoverRun(const CutoverOptions &options, Cancellation &cancellation,
               const std::function<void(const CutoverStep &)> &onStep, const Cutover::CopyStep &copy)
        : m_options(options)
        , m_repl(options.replication)
        , m_cancellation(cancellation)
        , m_onStep(onStep)
        , m_copy(copy)
    {
        m_report.steps = Cutover::plan(options);
    }

    CutoverReport run();

private:
    void begin(CutoverStep &step);
    void end(CutoverStep &step, CutoverStep::State state, const QString &detail);
    void runStep(CutoverStep &step);
    void prechecks(CutoverStep &step);
    void blockWrites(CutoverStep &step);
    void catchUp(CutoverStep &step);
    void copy(CutoverStep &step);
    void refreshMaterializedViews(CutoverStep &step);
    void copyLargeObjects(CutoverStep &step);
    void addForeignKeys(CutoverStep &step);
    void sequences(CutoverStep &step);
    void validate(CutoverStep &step);
    void finishReplication(CutoverStep &step);

    const CutoverOptions &m_options;
    const ReplicationOptions &m_repl;
    Cancellation &m_cancellation;
    const std::function<void(const CutoverStep &)> &m_onStep;
    const Cutover::CopyStep &m_copy;
    CutoverReport m_report;
    std::unique_ptr<Connection> m_source;
    std::unique_ptr<Connection> m_target;
    QList<CopyScope::Table> m_tables; // what the validation counts
    bool m_blocked = false;
    QElapsedTimer m_downtime;
    QElapsedTimer m_stepClock;
};

void CutoverRun::begin(CutoverStep &step)
{
    step.state = CutoverStep::State::Running;
    m_stepClock.start();
    if (m_onStep)
        m_onStep(step);
}

void CutoverRun::end(CutoverStep &step, CutoverStep::State state, const QString &detail)
{
    step.state = state;
    step.detail = detail;
    step.elapsedMs = m_stepClock.elapsed();
    logger()->info("cutover: {} {} in {} ms: {}", step.title.toStdString(), CutoverStep::stateName(state).toStdString(),
                   step.elapsedMs, detail.toStdString());
    if (m_onStep)
        m_onStep(step);
    if (state == CutoverStep::State::Failed && m_report.failure.isEmpty())
        m_report.failure = detail;
}

CutoverReport CutoverRun::run()
{
    m_report.startedAt = QDateTime::currentDateTimeUtc();
    qsizetype index = 0;
    try {
        m_source = std::make_unique<Connection>(m_repl.copy.source);
        m_target = std::make_unique<Connection>(m_repl.copy.target);
        const Cancellation::Watch watchSource(m_cancellation, *m_source);
        const Cancellation::Watch watchTarget(m_cancellation, *m_target);
        for (; index < m_report.steps.size(); ++index) {
            CutoverStep &step = m_report.steps[index];
            if (m_cancellation.isCancelled())
                throwCancelled();
            begin(step);
            runStep(step);
            if (step.state == CutoverStep::State::Failed)
                break;
        }
    } catch (const PgError &e) {
        if (index < m_report.steps.size()) {
            CutoverStep &step = m_report.steps[index];
            if (step.state != CutoverStep::State::Running)
                begin(step);
            end(step, CutoverStep::State::Failed, e.kind() == PgError::Kind::Cancelled ? Cutover::tr("Cancelled.") : e.message());
        } else if (m_report.failure.isEmpty()) {
            m_report.failure = e.message();
        }
    }
    for (CutoverStep &step : m_report.steps) {
        if (step.state == CutoverStep::State::Pending)
            step.state = CutoverStep::State::Skipped;
    }
    m_report.succeeded = m_report.failure.isEmpty();
    if (!m_report.succeeded && m_blocked) {
        // Back to where it was: writes allowed on the source (replication still running).
        m_report.rollbackProblems = WriteBlocker::lift(m_repl.copy.source, m_options.writeBlock);
        m_report.rolledBack = m_report.rollbackProblems.isEmpty();
    }
    m_report.finishedAt = QDateTime::currentDateTimeUtc();
    logger()->info("cutover {}: downtime {} ms{}", m_report.succeeded ? "succeeded" : "FAILED", m_report.downtimeMs,
                   m_report.rolledBack ? ", writes re-enabled on the source" : "");
    return m_report;
}

void CutoverRun::runStep(CutoverStep &step)
{
    switch (step.id) {
    case CutoverStep::Id::Prechecks: prechecks(step); return;
    case CutoverStep::Id::BlockWrites: blockWrites(step); return;
    case CutoverStep::Id::CatchUp: catchUp(step); return;
    case CutoverStep::Id::Copy: copy(step); return;
    case CutoverStep::Id::MaterializedViews: refreshMaterializedViews(step); return;
    case CutoverStep::Id::LargeObjects: copyLargeObjects(step); return;
    case CutoverStep::Id::ForeignKeys: addForeignKeys(step); return;
    case CutoverStep::Id::Sequences: sequences(step); return;
    case CutoverStep::Id::Validate: validate(step); return;
    case CutoverStep::Id::FinishReplication: finishReplication(step); return;
    case CutoverStep::Id::SwitchApplication:
        m_report.targetConnection = m_repl.copy.target.toUri(ConnectionSettings::Password::Omit);
        end(step, CutoverStep::State::Done, m_report.targetConnection);
        return;
    }
}

void CutoverRun::prechecks(CutoverStep &step)
{
    ReplicationProbe probe(m_repl);
    const ReplicationStatus st = probe.sample(ReplicationProbe::CountMissingIndexes);
    QStringList missing;
    if (!st.sourceReachable || !st.targetReachable)
        missing << Cutover::tr("a server is unreachable: %1").arg(st.sourceReachable ? st.targetError : st.sourceError);
    else if (!st.subscriptionExists)
        missing << Cutover::tr("no subscription %1 on the target").arg(m_repl.names.subscription);
    if (st.subscriptionExists && !st.subscriptionEnabled)
        missing << Cutover::tr("the subscription is disabled");
    if (st.subscriptionExists && !st.applyWorkerRunning)
        missing << Cutover::tr("the subscription's apply worker is not running");
    if (st.subscriptionExists && !st.allTablesReady())
        missing << Cutover::tr("%1 of %2 tables ready").arg(st.readyTables).arg(st.tables.size());
    if (st.missingIndexes > 0)
        missing << Cutover::tr("%n deferred index(es) not built yet", nullptr, st.missingIndexes);
    if (st.lagBytes < 0 || st.lagBytes > m_options.maxLagBytes)
        missing << Cutover::tr("lag %1 bytes, over %2").arg(st.lagBytes).arg(m_options.maxLagBytes);
    if (!missing.isEmpty()) {
        end(step, CutoverStep::State::Failed, Cutover::tr("Not ready: %1.").arg(missing.join(QStringLiteral("; "))));
        return;
    }
    for (const TableSync &t : st.tables)
        m_tables << CopyScope::Table{t.schema, t.table};
    end(step, CutoverStep::State::Done,
        Cutover::tr("%n table(s) ready, lag %1 bytes", nullptr, int(m_tables.size())).arg(st.lagBytes));
}

void CutoverRun::blockWrites(CutoverStep &step)
{
    if (!m_options.writeBlock.blocks()) {
        m_downtime.start();
        end(step, CutoverStep::State::Done, Cutover::tr("confirmed by you"));
        return;
    }
    const QStringList sessions = WriteBlocker::sessionsToEnd(*m_source, m_options.writeBlock);
    m_blocked = true; // from the first statement on, a failure re-enables writes
    const int ended = WriteBlocker::block(*m_source, m_options.writeBlock);
    m_downtime.start();
    end(step, CutoverStep::State::Done,
        Cutover::tr("new transactions are read-only; %n session(s) ended", nullptr, ended)
            + (sessions.isEmpty() ? QString() : u'\n' + sessions.join(u'\n')));
}

void CutoverRun::catchUp(CutoverStep &step)
{
    // Where the source inserts WAL now, not where it has written it: with asynchronous
    // commits (synchronous_commit = off) a committed change can still sit in the WAL
    // buffers, past pg_current_wal_lsn(); waiting for the write position missed such rows.
    const QString lsn = m_source->exec(QStringLiteral("SELECT pg_catalog.pg_current_wal_insert_lsn()::text")).text(0, 0);
    QElapsedTimer waited;
    waited.start();
    for (;;) {
        const Result r = m_source->exec(QStringLiteral("SELECT confirmed_flush_lsn >= $1::pg_lsn FROM pg_catalog.pg_replication_slots"
                                                       " WHERE slot_name = $2"),
                                        {lsn, m_repl.names.slot});
        if (r.rowCount() == 0) {
            end(step, CutoverStep::State::Failed, Cutover::tr("The slot %1 is gone from the source.").arg(m_repl.names.slot));
            return;
        }
        if (r.toBool(0, 0))
            break;
        if (m_cancellation.isCancelled())
            throwCancelled();
        if (waited.hasExpired(qint64(m_options.catchUpTimeoutSeconds) * 1000)) {
            end(step, CutoverStep::State::Failed,
                Cutover::tr("The target did not confirm %1 within %n second(s).", nullptr, m_options.catchUpTimeoutSeconds).arg(lsn));
            return;
        }
        QThread::msleep(100);
    }
    end(step, CutoverStep::State::Done,
        (m_options.method == Method::Dms ? Cutover::tr("DMS confirmed %1 after %2 ms") : Cutover::tr("the target confirmed %1 after %2 ms"))
            .arg(lsn)
            .arg(waited.elapsed()));
}

void CutoverRun::copy(CutoverStep &step)
{
    const CopyReport report = m_copy ? m_copy(m_repl.copy, m_cancellation) : [this] {
        CopyProgressTracker tracker;
        return m_repl.copy.engine == CopyEngine::PgDump ? ArchiveCopy::run(m_repl.copy, tracker, m_cancellation)
                                                         : StreamCopy::run(m_repl.copy, tracker, m_cancellation);
    }();
    m_report.copy = report;
    if (report.cancelled)
        throwCancelled();
    if (!report.succeeded()) {
        end(step, CutoverStep::State::Failed, Cutover::tr("The copy failed: %1").arg(report.failures.join(QStringLiteral("; "))));
        return;
    }
    for (const TableStatus &t : report.tables)
        m_tables << CopyScope::Table{t.schema, t.table};
    end(step, CutoverStep::State::Done,
        Cutover::tr("%n table(s), %1 rows copied", nullptr, int(report.tables.size())).arg(QLocale().toString(report.rowsCopied())));
}

void CutoverRun::refreshMaterializedViews(CutoverStep &step)
{
    const UnreplicatedData::MaterializedViews views =
        UnreplicatedData::refreshMaterializedViews(*m_source, *m_target, m_repl.copy.scope, m_cancellation);
    m_report.materializedViews = views.refreshed;
    if (!views.failures.isEmpty()) {
        end(step, CutoverStep::State::Failed,
            Cutover::tr("Could not refresh: %1").arg(views.failures.join(QStringLiteral("; "))));
        return;
    }
    QString detail = views.refreshed.isEmpty()
        ? Cutover::tr("no materialized view to refresh")
        : Cutover::tr("%n refreshed: %1", nullptr, int(views.refreshed.size())).arg(views.refreshed.join(QStringLiteral(", ")));
    if (!views.leftEmpty.isEmpty())
        detail += u'\n' + Cutover::tr("left empty, as on the source: %1").arg(views.leftEmpty.join(QStringLiteral(", ")));
    end(step, CutoverStep::State::Done, detail);
}

void CutoverRun::copyLargeObjects(CutoverStep &step)
{
    if (!m_repl.copy.scope.isWholeDatabase()) {
        end(step, CutoverStep::State::Done,
            Cutover::tr("not copied: large objects belong to the whole database, and this migration covers %1")
                .arg(m_repl.copy.scope.describe()));
        return;
    }
    const UnreplicatedData::LargeObjects copied = UnreplicatedData::copyLargeObjects(*m_source, *m_target, m_cancellation);
    m_report.largeObjects = copied.count;
    QString detail = copied.count == 0 ? Cutover::tr("no large objects")
                                       : Cutover::tr("%n large object(s) copied and verified, %1", nullptr, copied.count)
                                             .arg(QLocale().formattedDataSize(copied.bytes));
    if (copied.overwritten > 0)
        detail += u'\n' + Cutover::tr("%n already held data on the target and was overwritten with the source's", nullptr,
                                       copied.overwritten);
    for (const QString &note : copied.notes)
        detail += u'\n' + note;
    end(step, CutoverStep::State::Done, detail);
}

void CutoverRun::addForeignKeys(CutoverStep &step)
{
    const QList<ForeignKey> held = ForeignKeys::missing(*m_source, *m_target, m_repl.copy.scope);
    const ForeignKeys::Outcome added = ForeignKeys::addAll(*m_target, held, m_cancellation);
    if (!added.violated.isEmpty()) {
        QStringList lines;
        for (const ForeignKeys::Violation &v : added.violated)
            lines << Cutover::tr("%n row(s) of %1 break %2: %3", nullptr, int(std::min<qint64>(v.rows, INT_MAX)))
                         .arg(v.key.qualifiedTable(), v.key.name, v.key.addSql());
        end(step, CutoverStep::State::Failed,
            Cutover::tr("No foreign key was added; the target's data breaks %n of them:", nullptr, int(added.violated.size()))
                + u'\n' + lines.join(u'\n'));
        return;
    }
    if (!added.error.isEmpty()) {
        end(step, CutoverStep::State::Failed, Cutover::tr("Adding the foreign keys failed, none was added: %1").arg(added.error));
        return;
    }
    QStringList names;
    for (const ForeignKey &k : added.added)
        names << k.qualifiedTable() + u'.' + sql::quoteIdentifier(k.name);
    end(step, CutoverStep::State::Done,
        held.isEmpty() ? Cutover::tr("every foreign key of the source is already on the target")
                       : Cutover::tr("%n foreign key(s) checked against the data and added: %1", nullptr, int(added.added.size()))
                             .arg(names.join(QStringLiteral(", "))));
}

void CutoverRun::sequences(CutoverStep &step)
{
    m_report.sequences = SequenceSync::plan(SequenceSync::read(*m_source, m_repl.copy.scope), m_options.sequenceMargin);
    const int set = SequenceSync::apply(*m_target, m_report.sequences);
    const QStringList behind = SequenceSync::behind(*m_source, *m_target, m_repl.copy.scope);
    QStringList notes;
    for (const SequencePlan &p : std::as_const(m_report.sequences)) {
        if (p.clamped || p.skipped())
            notes << p.sequence.qualifiedName() + QStringLiteral(": ") + p.note;
    }
    if (!behind.isEmpty()) {
        end(step, CutoverStep::State::Failed, Cutover::tr("Target sequences not ahead: %1").arg(behind.join(QStringLiteral("; "))));
        return;
    }
    end(step, CutoverStep::State::Done,
        Cutover::tr("%n sequence(s) set and verified ahead", nullptr, set) + (notes.isEmpty() ? QString() : u'\n' + notes.join(u'\n')));
}

void CutoverRun::validate(CutoverStep &step)
{
    if (m_options.method == Method::Dms && m_tables.isEmpty()) {
        for (const DmsTable &t : DmsPlan::tables(*m_source, m_repl.copy.scope))
            m_tables << CopyScope::Table{t.schema, t.name};
    }
    const RowCounts::Outcome counts = RowCounts::exact(m_repl.copy.source, m_repl.copy.target, m_tables,
                                                       std::max(1, m_repl.copy.jobs), m_cancellation, m_options.checksums);
    if (counts.cancelled)
        throwCancelled();
    m_report.rowCounts = counts.tables;
    QStringList differ;
    qint64 rows = 0;
    for (const TableRowCount &t : counts.tables) {
        rows += std::max<qint64>(t.target, 0);
        if (!t.error.isEmpty())
            differ << Cutover::tr("%1.%2: %3").arg(t.schema, t.table, t.error);
        else if (t.checksumDiffers())
            differ << Cutover::tr("%1.%2: %3 rows on both, but their checksums differ").arg(t.schema, t.table).arg(t.source);
        else if (!t.matches())
            differ << Cutover::tr("%1.%2: %3 on the source, %4 on the target").arg(t.schema, t.table).arg(t.source).arg(t.target);
    }
    if (!differ.isEmpty()) {
        end(step, CutoverStep::State::Failed, Cutover::tr("Tables differ: %1").arg(differ.join(QStringLiteral("; "))));
        return;
    }
    m_report.downtimeMs = m_downtime.isValid() ? m_downtime.elapsed() : -1;
    end(step, CutoverStep::State::Done,
        (m_options.checksums ? Cutover::tr("%n table(s) equal in rows and checksums, %1 rows", nullptr, int(counts.tables.size()))
                             : Cutover::tr("%n table(s) equal, %1 rows", nullptr, int(counts.tables.size())))
            .arg(QLocale().toString(rows)));
}

void CutoverRun::finishReplication(CutoverStep &step)
{
    const ReplicationCleanup::Outcome cleaned = ReplicationCleanup::run(m_repl.copy.source, m_repl.copy.target, m_repl.names);
    if (!cleaned.ok() && !cleaned.subscriptionGone) {
        end(step, CutoverStep::State::Failed, cleaned.failures.join(QStringLiteral("; ")));
        return;
    }
    if (const auto saved = ReplicationState::load(); saved && saved->names.subscription == m_repl.names.subscription)
        ReplicationState::clear();
    QString detail = cleaned.done.join(u' ');
    if (!cleaned.ok()) {
        // The target no longer subscribes and holds everything validated: turning back now
        // would leave two diverging copies, so the cutover goes on and names what is left.
        detail += u'\n' + Cutover::tr("Left on the source (replication has stopped, so the cutover goes on): %1. Drop them there "
                                       "when it can be reached:\n%2")
                              .arg(cleaned.failures.join(QStringLiteral("; ")),
                                   QStringLiteral("DROP PUBLICATION IF EXISTS %1;\n"
                                                  "SELECT pg_catalog.pg_drop_replication_slot(slot_name) FROM pg_catalog.pg_replication_slots "
                                                  "WHERE slot_name = %2;")
                                       .arg(sql::quoteIdentifier(m_repl.names.publication), sql::quoteLiteral(m_repl.names.slot)));
    }
    end(step, CutoverStep::State::Done, detail);
}

} // namespace

QString CutoverStep::stateName(State state)
{
    switch (state) {
    case State::Pending: return Cutover::tr("waiting");
    case State::Running: return Cutover::tr("running");
    case State::Done: return Cutover::tr("done");
    case State::Failed: return Cutover::tr("FAILED");
    case State::Skipped: return Cutover::tr("skipped");
    }
    return {};
}

QList<CutoverStep> Cutover::plan(const CutoverOptions &options)
{
    const ReplicationNames &names = options.replication.names;
    const bool dump = options.method == Method::Dump;
    const bool dms = options.method == Method::Dms;
    QList<CutoverStep> steps;
    if (options.method == Method::Logical) {
        steps << makeStep(CutoverStep::Id::Prechecks,
                          tr("Pre-checks: subscription enabled and streaming, every table ready, lag at most %1 bytes")
                              .arg(options.maxLagBytes),
                          tr("both"), QString());
    }
    if (!dump) {
        steps << makeStep(CutoverStep::Id::MaterializedViews,
                          tr("Materialized views: refresh on the target those that hold data on the source (before writes "
                             "stop, so not part of the downtime)"),
                          tr("target"), QStringLiteral("REFRESH MATERIALIZED VIEW <view>;  -- each, one it reads first"));
    }
    steps << makeStep(CutoverStep::Id::BlockWrites, WriteBlocker::title(options.writeBlock), tr("source"),
                      WriteBlocker::previewSql(options.writeBlock, options.replication.copy.source.dbname()));
    if (dump) {
        steps << makeStep(CutoverStep::Id::Copy,
                          tr("Copy: schema, data (%1 engine, %n job(s)), indexes and constraints", nullptr, options.replication.copy.jobs)
                              .arg(copyEngineName(options.replication.copy.engine)),
                          tr("both"), QString());
    } else {
        if (!dms || options.dmsChangeCapture) {
            steps << makeStep(CutoverStep::Id::CatchUp,
                          (dms ? tr("Catch up: wait until DMS confirms the source's WAL position taken after writes stopped "
                                    "(at most %n second(s))", nullptr, options.catchUpTimeoutSeconds)
                               : tr("Catch up: wait until the target confirms the source's WAL position taken after writes "
                                    "stopped (at most %n second(s))", nullptr, options.catchUpTimeoutSeconds)),
                          tr("both"),
                          QStringLiteral("SELECT pg_catalog.pg_current_wal_insert_lsn();  -- source\n"
                                         "SELECT confirmed_flush_lsn FROM pg_catalog.pg_replication_slots WHERE slot_name = '%1';"
                                         "  -- source, until it reaches that position")
                              .arg(names.slot));
        }
        steps << makeStep(CutoverStep::Id::LargeObjects,
                          tr("Large objects: copy every one (data, owner, grants, comment) and verify their sizes"),
                          tr("both"),
                          QStringLiteral("SELECT pg_catalog.lo_get(<oid>, <offset>, 1048576);  -- source, 1 MiB at a time\n"
                                         "SELECT pg_catalog.lo_create(<oid>); SELECT pg_catalog.lo_put(<oid>, <offset>, <data>);"
                                         "  -- target, in one transaction"));
    }
    if (dms) {
        steps << makeStep(CutoverStep::Id::ForeignKeys,
                          tr("Foreign keys held back for the load: count the rows that break each, then add them all (or none)"),
                          tr("target"),
                          QStringLiteral("SELECT count(*) FROM <table> AS c WHERE <key set> AND NOT EXISTS (SELECT 1 FROM "
                                         "<referenced table> AS p WHERE <key matches>);  -- each\n"
                                         "ALTER TABLE <table> ADD CONSTRAINT <name> FOREIGN KEY ...;  -- each, in one transaction"));
    }
    steps << makeStep(CutoverStep::Id::Sequences,
                      tr("Sequences: every target sequence %1 increments ahead of its source, then verified")
                          .arg(options.sequenceMargin),
                      tr("target"), QStringLiteral("SELECT pg_catalog.setval(...);  -- one per sequence, in one transaction"));
    steps << makeStep(CutoverStep::Id::Validate,
                      options.checksums ? tr("Validate: exact row counts and a checksum of every table equal on both sides")
                                        : tr("Validate: exact row counts of every table equal on both sides"),
                      tr("both"),
                      options.checksums ? QStringLiteral("SELECT count(*), sum(('x' || substr(md5(r::text), 1, 16))::bit(64)::bigint::numeric)"
                                                         " FROM <table> AS r;  -- each table, both servers, in parallel")
                                        : QStringLiteral("SELECT count(*) FROM <table>;  -- each table, both servers, in parallel"));
    if (options.method == Method::Logical) {
        steps << makeStep(CutoverStep::Id::FinishReplication,
                          tr("End replication: drop the subscription (and with it the slot on the source) and the publication"),
                          tr("both"),
                          QStringLiteral("DROP SUBSCRIPTION \"%1\";  -- target\nDROP PUBLICATION \"%2\";  -- source")
                              .arg(names.subscription, names.publication));
    }
    steps << makeStep(CutoverStep::Id::SwitchApplication, tr("Point the application at the target"), tr("target"), QString());
    for (qsizetype i = 0; i < steps.size(); ++i)
        steps[i].number = int(i) + 1;
    return steps;
}

QStringList Cutover::reenableWrites(const CutoverOptions &options)
{
    return WriteBlocker::lift(options.replication.copy.source, options.writeBlock);
}

CutoverReport Cutover::run(const CutoverOptions &options, Cancellation &cancellation,
                           const std::function<void(const CutoverStep &)> &onStep, const CopyStep &copy)
{
    return CutoverRun(options, cancellation, onStep, copy).run();
}

} // namespace pgshift::core
