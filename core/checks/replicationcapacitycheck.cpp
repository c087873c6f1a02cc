#include "core/checks/allchecks.h"
#include "core/checks/check.h"
#include "core/pg/connection.h"

namespace pgshift::core {
namespace {

// A free replication slot and WAL sender on the source; on the target, how many tables the
// initial copy can sync at once.
class ReplicationCapacityCheck final : public Check
{
    Q_DECLARE_TR_FUNCTIONS(pgshift::core::ReplicationCapacityCheck)
public:
    QString id() const override { return QStringLiteral("replication_capacity"); }
    QString title() const override { return tr("Replication slots, WAL senders and workers"); }
    bool appliesTo(Method method) const override { return method != Method::Dump; }

    CheckResult run(const CheckContext &context) const override
    {
        const Result s = context.source.exec(QStringLiteral(
            "SELECT current_setting('max_replication_slots')::int,"
            "       (SELECT count(*) FROM pg_replication_slots),"
            "       current_setting('max_wal_senders')::int,"
            "       (SELECT count(*) FROM pg_stat_replication)"));
        const qint64 freeSlots = s.toInt64(0, 0) - s.toInt64(0, 1);
        const qint64 freeSenders = s.toInt64(0, 2) - s.toInt64(0, 3);
        CheckResult r = result();
        r.finding = tr("Source: %1 of %2 replication slots and %3 of %4 WAL senders free.")
                        .arg(freeSlots).arg(s.toInt64(0, 0)).arg(freeSenders).arg(s.toInt64(0, 2));
        if (freeSlots < 1 || freeSenders < 1) {
            r.status = CheckResult::Status::Blocker;
            r.blocks = {Method::Logical, Method::Dms};
            r.why = tr("The subscription needs one replication slot and one WAL sender on the "
                       "source for as long as it runs.");
            r.fix = tr("Raise max_replication_slots and max_wal_senders on the source (a restart), "
                       "or drop slots nobody uses: SELECT pg_drop_replication_slot(slot_name) FROM "
                       "pg_replication_slots WHERE NOT active AND slot_name = '...';");
        }
        if (context.method == Method::Logical)
            addTargetWorkers(context, r);
        return r;
    }

private:
    static void addTargetWorkers(const CheckContext &context, CheckResult &r)
    {
        const Result t = context.target.exec(QStringLiteral(
            "SELECT current_setting('max_worker_processes')::int,"
            "       current_setting('max_logical_replication_workers')::int,"
            "       current_setting('max_sync_workers_per_subscription')::int"));
        const qint64 sync = t.toInt64(0, 2);
        r.finding += u' ' + tr("Target: max_worker_processes %1, max_logical_replication_workers "
                               "%2, max_sync_workers_per_subscription %3.")
                                .arg(t.toInt64(0, 0)).arg(t.toInt64(0, 1)).arg(sync);
        if (r.status == CheckResult::Status::Pass && sync < 4) {
            r.status = CheckResult::Status::Info;
            r.why = tr("The initial copy syncs at most %1 tables at a time.").arg(sync);
            r.fix = tr("For a faster initial copy raise max_sync_workers_per_subscription (and "
                       "max_logical_replication_workers and max_worker_processes to match) on the "
                       "target for the duration of the migration.");
        }
    }
};

} // namespace

std::unique_ptr<Check> makeReplicationCapacityCheck()
{
    return std::make_unique<ReplicationCapacityCheck>();
}

} // namespace pgshift::core
