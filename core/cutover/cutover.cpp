#include "core/cutover/cutover.h"

#include "core/cutover/sequencesync.h"
#include "core/log/corelog.h"
#include "core/migration/cancellation.h"
#include "core/migration/rowcounts.h"
#include "core/pg/connection.h"
#include "core/pg/pgerror.h"
#include "core/pg/sqlquote.h"
#include "core/replication/replicationcleanup.h"
#include "core/replication/replicationstate.h"
#include "core/replication/replicationstatus.h"

#include <QElapsedTimer>
#include <QThread>

#include <memory>

namespace pgshift::core {
namespace {

// A text[] literal of `items`, each quoted, as a SQL literal.
QString textArrayLiteral(const QStringList &items)
{
    QStringList quoted;
    for (const QString &item : items)
        quoted << u'"' + QString(item).replace(u'\\', QStringLiteral("\\\\")).replace(u'"', QStringLiteral("\\\"")) + u'"';
    return sql::quoteLiteral(u'{' + quoted.join(u',') + u'}') + QStringLiteral("::text[]");
}

// The sessions a block ends: client backends of this database other than this one, of the
// chosen roles when roles are chosen. Replication senders are never among them.
QString sessionsCondition(const CutoverOptions &options)
{
    QString condition = QStringLiteral("datname = current_database() AND pid <> pg_catalog.pg_backend_pid()"
                                       " AND backend_type = 'client backend'");
    if (options.writeBlock == WriteBlock::Roles)
        condition += QStringLiteral(" AND usename = ANY(%1)").arg(textArrayLiteral(options.roles));
    return condition;
}

// The statements that make the chosen roles or the database read-only (`block`), or lift it;
// the same text is previewed and run.
QStringList blockStatements(const CutoverOptions &options, const QString &database, bool block)
{
    const QString db = sql::quoteIdentifier(database);
    const QString action = block ? QStringLiteral("SET default_transaction_read_only = on")
                                 : QStringLiteral("RESET default_transaction_read_only");
    QStringList statements;
    if (options.writeBlock == WriteBlock::Database) {
        statements << QStringLiteral("ALTER DATABASE %1 %2").arg(db, action);
    } else if (options.writeBlock == WriteBlock::Roles) {
        for (const QString &role : options.roles)
            statements << QStringLiteral("ALTER ROLE %1 IN DATABASE %2 %3").arg(sql::quoteIdentifier(role), db, action);
    }
    return statements;
}

QString terminateSql(const CutoverOptions &options)
{
    return QStringLiteral("SELECT pg_catalog.pg_terminate_backend(pid) FROM pg_catalog.pg_stat_activity WHERE %1")
        .arg(sessionsCondition(options));
}

QString currentDatabase(Connection &source)
{
    return source.exec(QStringLiteral("SELECT current_database()")).text(0, 0);
}

CutoverStep makeStep(CutoverStep::Id id, const QString &title, const QString &where, const QString &sql)
{
    CutoverStep step;
    step.id = id;
    step.title = title;
    step.where = where;
    step.sql = sql;
    return step;
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
    QList<CutoverStep> steps;
    steps << makeStep(CutoverStep::Id::Prechecks,
                         tr("Pre-checks: subscription enabled and streaming, every table ready, lag at most %1 bytes")
                             .arg(options.maxLagBytes),
                         tr("both"), QString());
    QString blockTitle;
    QString blockSqlText;
    switch (options.writeBlock) {
    case WriteBlock::Confirmed:
        blockTitle = tr("Writes stopped on the source: confirmed by you (the application is stopped)");
        break;
    case WriteBlock::Roles:
        blockTitle = tr("Stop writes on the source: roles %1 read-only in this database, their sessions ended")
                         .arg(options.roles.join(QStringLiteral(", ")));
        break;
    case WriteBlock::Database:
        blockTitle = tr("Stop writes on the source: the database read-only for new transactions, every other session ended");
        break;
    }
    if (options.writeBlock != WriteBlock::Confirmed) {
        QStringList lines = blockStatements(options, options.replication.copy.source.dbname(), true);
        lines << terminateSql(options);
        blockSqlText = lines.join(QStringLiteral(";\n")) + u';';
    }
    steps << makeStep(CutoverStep::Id::BlockWrites, blockTitle, tr("source"), blockSqlText);
    steps << makeStep(CutoverStep::Id::CatchUp,
                         tr("Catch up: wait until the target confirms the source's WAL position taken after writes stopped "
                            "(at most %n second(s))", nullptr, options.catchUpTimeoutSeconds),
                         tr("both"),
                         QStringLiteral("SELECT pg_catalog.pg_current_wal_lsn();  -- source\n"
                                        "SELECT confirmed_flush_lsn FROM pg_catalog.pg_replication_slots WHERE slot_name = '%1';"
                                        "  -- source, until it reaches that position")
                             .arg(names.slot));
    steps << makeStep(CutoverStep::Id::Sequences,
                         tr("Sequences: every target sequence %1 increments ahead of its source, then verified")
                             .arg(options.sequenceMargin),
                         tr("target"), QStringLiteral("SELECT pg_catalog.setval(...);  -- one per sequence, in one transaction"));
    steps << makeStep(CutoverStep::Id::Validate, tr("Validate: exact row counts of every table equal on both sides"),
                         tr("both"), QStringLiteral("SELECT count(*) FROM <table>;  -- each table, both servers, in parallel"));
    steps << makeStep(CutoverStep::Id::FinishReplication,
                         tr("End replication: drop the subscription (and with it the slot on the source) and the publication"),
                         tr("both"),
                         QStringLiteral("DROP SUBSCRIPTION \"%1\";  -- target\nDROP PUBLICATION \"%2\";  -- source")
                             .arg(names.subscription, names.publication));
    steps << makeStep(CutoverStep::Id::SwitchApplication,
                         tr("Point the application at the target"), tr("target"), QString());
    return steps;
}

QStringList Cutover::sessionsToEnd(Connection &source, const CutoverOptions &options)
{
    if (options.writeBlock == WriteBlock::Confirmed)
        return {};
    const Result r = source.exec(
        QStringLiteral("SELECT pid, usename, application_name, coalesce(host(client_addr), 'local'), state"
                       "  FROM pg_catalog.pg_stat_activity WHERE %1 ORDER BY pid")
            .arg(sessionsCondition(options)));
    QStringList lines;
    for (int i = 0; i < r.rowCount(); ++i)
        lines << tr("pid %1, user %2, application '%3', from %4 (%5)")
                     .arg(r.text(i, 0), r.text(i, 1), r.text(i, 2), r.text(i, 3), r.text(i, 4));
    return lines;
}

QStringList Cutover::reenableWrites(const CutoverOptions &options)
{
    if (options.writeBlock == WriteBlock::Confirmed)
        return {};
    QStringList problems;
    try {
        Connection source(options.replication.copy.source);
        for (const QString &statement : blockStatements(options, currentDatabase(source), false)) {
            try {
                source.exec(statement);
            } catch (const PgError &e) {
                problems << tr("%1: %2").arg(statement, e.message());
            }
        }
    } catch (const PgError &e) {
        problems << tr("Cannot reach the source to re-enable writes: %1").arg(e.message());
    }
    if (problems.isEmpty())
        logger()->info("cutover: writes re-enabled on the source");
    return problems;
}

CutoverReport Cutover::run(const CutoverOptions &options, Cancellation &cancellation,
                           const std::function<void(const CutoverStep &)> &onStep)
{
    CutoverReport report;
    report.steps = plan(options);
    const ReplicationOptions &repl = options.replication;
    bool blocked = false;
    QElapsedTimer downtime;
    QElapsedTimer stepClock;
    const auto begin = [&](CutoverStep &step) {
        step.state = CutoverStep::State::Running;
        stepClock.start();
        if (onStep)
            onStep(step);
    };
    const auto end = [&](CutoverStep &step, CutoverStep::State state, const QString &detail) {
        step.state = state;
        step.detail = detail;
        step.elapsedMs = stepClock.elapsed();
        logger()->info("cutover: {} {} in {} ms: {}", step.title.toStdString(), CutoverStep::stateName(state).toStdString(),
                       step.elapsedMs, detail.toStdString());
        if (onStep)
            onStep(step);
        if (state == CutoverStep::State::Failed && report.failure.isEmpty())
            report.failure = detail;
    };

    std::unique_ptr<Connection> source;
    std::unique_ptr<Connection> target;
    std::unique_ptr<Cancellation::Watch> watchSource;
    std::unique_ptr<Cancellation::Watch> watchTarget;
    QList<CopyScope::Table> tables;
    qsizetype index = 0;
    try {
        source = std::make_unique<Connection>(repl.copy.source);
        target = std::make_unique<Connection>(repl.copy.target);
        watchSource = std::make_unique<Cancellation::Watch>(cancellation, *source);
        watchTarget = std::make_unique<Cancellation::Watch>(cancellation, *target);
        for (; index < report.steps.size(); ++index) {
            CutoverStep &step = report.steps[index];
            if (cancellation.isCancelled())
                throw PgError(PgError::Kind::Cancelled, tr("Cancelled."));
            begin(step);
            switch (step.id) {
            case CutoverStep::Id::Prechecks: {
                ReplicationProbe probe(repl);
                const ReplicationStatus st = probe.sample(ReplicationProbe::CountMissingIndexes);
                QStringList missing;
                if (!st.sourceReachable || !st.targetReachable)
                    missing << tr("a server is unreachable: %1").arg(st.sourceReachable ? st.targetError : st.sourceError);
                else if (!st.subscriptionExists)
                    missing << tr("no subscription %1 on the target").arg(repl.names.subscription);
                if (st.subscriptionExists && !st.subscriptionEnabled)
                    missing << tr("the subscription is disabled");
                if (st.subscriptionExists && !st.applyWorkerRunning)
                    missing << tr("the subscription's apply worker is not running");
                if (st.subscriptionExists && !st.allTablesReady())
                    missing << tr("%1 of %2 tables ready").arg(st.readyTables).arg(st.tables.size());
                if (st.missingIndexes > 0)
                    missing << tr("%n deferred index(es) not built yet", nullptr, st.missingIndexes);
                if (st.lagBytes < 0 || st.lagBytes > options.maxLagBytes)
                    missing << tr("lag %1 bytes, over %2").arg(st.lagBytes).arg(options.maxLagBytes);
                if (!missing.isEmpty()) {
                    end(step, CutoverStep::State::Failed, tr("Not ready: %1.").arg(missing.join(QStringLiteral("; "))));
                    break;
                }
                for (const TableSync &t : st.tables)
                    tables << CopyScope::Table{t.schema, t.table};
                end(step, CutoverStep::State::Done, tr("%n table(s) ready, lag %1 bytes", nullptr, int(tables.size())).arg(st.lagBytes));
                break;
            }
            case CutoverStep::Id::BlockWrites: {
                if (options.writeBlock == WriteBlock::Confirmed) {
                    downtime.start();
                    end(step, CutoverStep::State::Done, tr("confirmed by you"));
                    break;
                }
                const QStringList sessions = sessionsToEnd(*source, options);
                blocked = true; // from the first statement on, a failure re-enables writes
                for (const QString &statement : blockStatements(options, currentDatabase(*source), true))
                    source->exec(statement);
                const Result ended = source->exec(QStringLiteral("SELECT count(*) FILTER (WHERE pg_catalog.pg_terminate_backend(pid))"
                                                                 "  FROM pg_catalog.pg_stat_activity WHERE %1")
                                                      .arg(sessionsCondition(options)));
                downtime.start();
                end(step, CutoverStep::State::Done,
                    tr("new transactions are read-only; %n session(s) ended", nullptr, int(ended.toInt64(0, 0)))
                        + (sessions.isEmpty() ? QString() : u'\n' + sessions.join(u'\n')));
                break;
            }
            case CutoverStep::Id::CatchUp: {
                const QString lsn = source->exec(QStringLiteral("SELECT pg_catalog.pg_current_wal_lsn()::text")).text(0, 0);
                QElapsedTimer waited;
                waited.start();
                bool caughtUp = false;
                while (!caughtUp) {
                    caughtUp = source->exec(QStringLiteral("SELECT confirmed_flush_lsn >= $1::pg_lsn FROM pg_catalog.pg_replication_slots"
                                                           " WHERE slot_name = $2"),
                                            {lsn, repl.names.slot})
                                   .toBool(0, 0);
                    if (caughtUp)
                        break;
                    if (cancellation.isCancelled())
                        throw PgError(PgError::Kind::Cancelled, tr("Cancelled."));
                    if (waited.hasExpired(qint64(options.catchUpTimeoutSeconds) * 1000))
                        break;
                    QThread::msleep(100);
                }
                if (!caughtUp) {
                    end(step, CutoverStep::State::Failed,
                        tr("The target did not confirm %1 within %n second(s).", nullptr, options.catchUpTimeoutSeconds).arg(lsn));
                    break;
                }
                end(step, CutoverStep::State::Done, tr("the target confirmed %1 after %2 ms").arg(lsn).arg(waited.elapsed()));
                break;
            }
            case CutoverStep::Id::Sequences: {
                QList<SequencePlan> plans = SequenceSync::plan(SequenceSync::read(*source, repl.copy.scope), options.sequenceMargin);
                const int set = SequenceSync::apply(*target, plans);
                const QStringList behind = SequenceSync::behind(*source, *target, repl.copy.scope);
                QStringList notes;
                for (const SequencePlan &p : std::as_const(plans)) {
                    if (p.clamped || p.skipped())
                        notes << p.sequence.qualifiedName() + QStringLiteral(": ") + p.note;
                }
                if (!behind.isEmpty()) {
                    end(step, CutoverStep::State::Failed, tr("Target sequences not ahead: %1").arg(behind.join(QStringLiteral("; "))));
                    break;
                }
                end(step, CutoverStep::State::Done,
                    tr("%n sequence(s) set and verified ahead", nullptr, set) + (notes.isEmpty() ? QString() : u'\n' + notes.join(u'\n')));
                break;
            }
            case CutoverStep::Id::Validate: {
                const RowCounts::Outcome counts = RowCounts::exact(repl.copy.source, repl.copy.target, tables,
                                                                   std::max(1, repl.copy.jobs), cancellation);
                if (counts.cancelled)
                    throw PgError(PgError::Kind::Cancelled, tr("Cancelled."));
                QStringList differ;
                qint64 rows = 0;
                for (const TableRowCount &t : counts.tables) {
                    rows += std::max<qint64>(t.target, 0);
                    if (!t.matches())
                        differ << (t.error.isEmpty() ? tr("%1.%2: %3 on the source, %4 on the target").arg(t.schema, t.table).arg(t.source).arg(t.target)
                                                     : tr("%1.%2: %3").arg(t.schema, t.table, t.error));
                }
                if (!differ.isEmpty()) {
                    end(step, CutoverStep::State::Failed, tr("Row counts differ: %1").arg(differ.join(QStringLiteral("; "))));
                    break;
                }
                report.downtimeMs = downtime.isValid() ? downtime.elapsed() : -1;
                end(step, CutoverStep::State::Done, tr("%n table(s) equal, %1 rows", nullptr, int(counts.tables.size())).arg(rows));
                break;
            }
            case CutoverStep::Id::FinishReplication: {
                const ReplicationCleanup::Outcome cleaned = ReplicationCleanup::run(repl.copy.source, repl.copy.target, repl.names);
                if (!cleaned.ok()) {
                    end(step, CutoverStep::State::Failed, cleaned.failures.join(QStringLiteral("; ")));
                    break;
                }
                if (const auto saved = ReplicationState::load(); saved && saved->names.subscription == repl.names.subscription)
                    ReplicationState::clear();
                end(step, CutoverStep::State::Done, cleaned.done.join(u' '));
                break;
            }
            case CutoverStep::Id::SwitchApplication:
                report.targetConnection = repl.copy.target.toUri(ConnectionSettings::Password::Omit);
                end(step, CutoverStep::State::Done, report.targetConnection);
                break;
            }
            if (step.state == CutoverStep::State::Failed)
                break;
        }
    } catch (const PgError &e) {
        if (index < report.steps.size()) {
            CutoverStep &step = report.steps[index];
            if (step.state != CutoverStep::State::Running)
                begin(step);
            end(step, CutoverStep::State::Failed, e.kind() == PgError::Kind::Cancelled ? tr("Cancelled.") : e.message());
        } else if (report.failure.isEmpty()) {
            report.failure = e.message();
        }
    }
    for (qsizetype i = 0; i < report.steps.size(); ++i) {
        if (report.steps[i].state == CutoverStep::State::Pending)
            report.steps[i].state = CutoverStep::State::Skipped;
    }
    report.succeeded = report.failure.isEmpty();
    watchSource.reset();
    watchTarget.reset();
    if (!report.succeeded && blocked) {
        // Back to where it was: writes allowed on the source, replication still running.
        report.rollbackProblems = reenableWrites(options);
        report.rolledBack = report.rollbackProblems.isEmpty();
    }
    logger()->info("cutover {}: downtime {} ms{}", report.succeeded ? "succeeded" : "FAILED", report.downtimeMs,
                   report.rolledBack ? ", writes re-enabled on the source" : "");
    return report;
}

} // namespace pgshift::core
