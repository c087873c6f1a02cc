#include "core/checks/allchecks.h"
#include "core/checks/check.h"
#include "core/pg/catalogfilters.h"
#include "core/pg/connection.h"

namespace pgshift::core {
namespace {

// Objects whose data logical replication does not carry: large objects, unlogged and foreign
// tables, materialized views; and partitioned tables, which need publish_via_partition_root.
class UnreplicatedObjectsCheck final : public Check
{
    Q_DECLARE_TR_FUNCTIONS(pgshift::core::UnreplicatedObjectsCheck)
public:
    QString id() const override { return QStringLiteral("unreplicated_objects"); }
    QString title() const override { return tr("Large objects, unlogged, foreign and partitioned tables"); }

    CheckResult run(const CheckContext &context) const override
    {
        const Result c = context.source.exec(QStringLiteral(
            "SELECT (SELECT count(*) FROM pg_largeobject_metadata),"
            "       count(*) FILTER (WHERE c.relkind = 'r' AND c.relpersistence = 'u'),"
            "       count(*) FILTER (WHERE c.relkind = 'f'),"
            "       count(*) FILTER (WHERE c.relkind = 'm'),"
            "       count(*) FILTER (WHERE c.relkind = 'p')"
            "  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE %1")
                                                 .arg(QString::fromLatin1(sql::UserRelation)));
        const qint64 largeObjects = c.toInt64(0, 0), unlogged = c.toInt64(0, 1),
                     foreign = c.toInt64(0, 2), matviews = c.toInt64(0, 3), partitioned = c.toInt64(0, 4);
        CheckResult r = result();
        r.finding = tr("Large objects: %1; unlogged tables: %2; foreign tables: %3; materialized "
                       "views: %4; partitioned tables: %5.")
                        .arg(largeObjects).arg(unlogged).arg(foreign).arg(matviews).arg(partitioned);
        if (largeObjects + unlogged + foreign + matviews + partitioned == 0)
            return r;
        QStringList notes;
        const bool replicating = context.method != Method::Dump;
        const bool cutoverMovesThem = context.method == Method::Logical;
        if (replicating && largeObjects > 0)
            notes << (cutoverMovesThem ? tr("Large objects are not replicated: pgshift's cutover copies them after writes "
                                            "stop, so their size adds to the downtime (or move the data to bytea columns).")
                                       : tr("Large objects are not replicated: copy them with pg_dump --large-objects "
                                            "after writes stop, or move the data to bytea columns."));
        if (replicating && unlogged > 0)
            notes << tr("Unlogged tables write no WAL, so they arrive empty: copy them by hand or "
                        "make them logged (ALTER TABLE ... SET LOGGED).");
        if (foreign > 0)
            notes << tr("Foreign tables are created, their data stays on the remote server: the "
                        "target needs the same foreign servers and user mappings.");
        if (replicating && matviews > 0)
            notes << (cutoverMovesThem ? tr("Materialized views are created empty: pgshift's cutover refreshes them on the "
                                            "target before writes stop.")
                                       : tr("Materialized views are created empty: REFRESH MATERIALIZED VIEW them on "
                                            "the target before cutover."));
        if (replicating && partitioned > 0)
            notes << tr("Partitioned tables: pgshift publishes them with publish_via_partition_root "
                        "= true, so changes arrive through the parent.");
        // Left to the DBA: unlogged tables always, large objects when no pgshift step copies them.
        r.status = replicating && (unlogged > 0 || (largeObjects > 0 && !cutoverMovesThem)) ? CheckResult::Status::Warning
                                                                                              : CheckResult::Status::Info;
        r.why = tr("Each of these needs a step of its own, or its data is missing on the target.");
        r.fix = notes.join(u'\n');
        return r;
    }
};

} // namespace

std::unique_ptr<Check> makeUnreplicatedObjectsCheck()
{
    return std::make_unique<UnreplicatedObjectsCheck>();
}

} // namespace pgshift::core
