#include "core/replication/replicationcleanup.h"

#include "core/log/corelog.h"
#include "core/pg/connection.h"

#include <memory>

namespace pgshift::core {
namespace {

std::unique_ptr<Connection> tryConnect(const ConnectionSettings &settings, QString *error)
{
    try {
        auto connection = std::make_unique<Connection>(settings);
        // The cutover's write block may make new sessions read-only (the database or this
        // role): pgshift's own objects are dropped all the same.
        connection->exec(QStringLiteral("SET default_transaction_read_only = off"));
        return connection;
    } catch (const PgError &e) {
        *error = e.message();
        return nullptr;
    }
}

} // namespace

ReplicationCleanup::Outcome ReplicationCleanup::run(const ConnectionSettings &source, const ConnectionSettings &target,
                                                    const ReplicationNames &names)
{
    Outcome out;
    QString sourceError;
    QString targetError;
    auto s = tryConnect(source, &sourceError);
    auto t = tryConnect(target, &targetError);
    bool slotDetached = false;
    if (t) {
        const QString sub = t->quoteIdentifier(names.subscription);
        try {
            const bool exists = t->exec(QStringLiteral("SELECT 1 FROM pg_catalog.pg_subscription WHERE subname = $1"),
                                        {names.subscription})
                                    .rowCount()
                > 0;
            if (exists) {
                try {
                    t->exec(QStringLiteral("DROP SUBSCRIPTION %1").arg(sub)); // drops the slot on the source too
                    out.done << tr("Dropped subscription %1 on the target, and its slot on the source.").arg(names.subscription);
                } catch (const PgError &first) {
                    // Most likely the target cannot reach the source to drop the slot there.
                    logger()->warn("DROP SUBSCRIPTION failed ({}); detaching the slot first", first.message());
                    t->exec(QStringLiteral("ALTER SUBSCRIPTION %1 DISABLE").arg(sub));
                    t->exec(QStringLiteral("ALTER SUBSCRIPTION %1 SET (slot_name = NONE)").arg(sub));
                    t->exec(QStringLiteral("DROP SUBSCRIPTION %1").arg(sub));
                    slotDetached = true;
                    out.done << tr("Dropped subscription %1 on the target after detaching it from its slot (%2).")
                                    .arg(names.subscription, first.message());
                }
            }
            out.subscriptionGone = true;
        } catch (const PgError &e) {
            out.failures << tr("Could not drop subscription %1 on the target: %2").arg(names.subscription, e.message());
        }
    } else {
        out.failures << tr("Could not reach the target to drop subscription %1: %2").arg(names.subscription, targetError);
    }
    if (s) {
        try {
            // The slot remains when the subscription was detached, was never made, or the
            // target is unreachable; an active slot still has a subscriber and is left alone.
            const Result slot = s->exec(QStringLiteral("SELECT active FROM pg_catalog.pg_replication_slots WHERE slot_name = $1"),
                                        {names.slot});
            if (slot.rowCount() == 1) {
                if (slot.toBool(0, 0)) {
                    out.failures << tr("Slot %1 on the source is still in use (the target may still be subscribed); "
                                       "it was left in place.")
                                        .arg(names.slot);
                } else {
                    s->exec(QStringLiteral("SELECT pg_catalog.pg_drop_replication_slot($1)"), {names.slot});
                    out.done << tr("Dropped replication slot %1 on the source%2.")
                                    .arg(names.slot, slotDetached ? tr(" (detached from the subscription)") : QString());
                }
            }
            if (s->exec(QStringLiteral("SELECT 1 FROM pg_catalog.pg_publication WHERE pubname = $1"), {names.publication})
                    .rowCount()
                > 0) {
                s->exec(QStringLiteral("DROP PUBLICATION %1").arg(s->quoteIdentifier(names.publication)));
                out.done << tr("Dropped publication %1 on the source.").arg(names.publication);
            }
        } catch (const PgError &e) {
            out.failures << tr("Cleanup on the source failed: %1").arg(e.message());
        }
    } else {
        out.failures << tr("Could not reach the source to drop publication %1 and slot %2: %3")
                            .arg(names.publication, names.slot, sourceError);
    }
    for (const QString &line : std::as_const(out.done))
        logger()->info("replication cleanup: {}", line);
    for (const QString &line : std::as_const(out.failures))
        logger()->warn("replication cleanup: {}", line);
    return out;
}

QList<ReplicationObject> ReplicationCleanup::findOrphans(const ConnectionSettings &source, const ConnectionSettings &target,
                                                         QStringList *errors)
{
    QList<ReplicationObject> found;
    QString error;
    if (auto s = tryConnect(source, &error)) {
        const Result slotRows = s->exec(QStringLiteral(
            "SELECT slot_name, active, pg_catalog.pg_wal_lsn_diff(pg_catalog.pg_current_wal_lsn(), restart_lsn)::bigint"
            "  FROM pg_catalog.pg_replication_slots WHERE slot_name LIKE 'pgshift%' ORDER BY 1"));
        for (int i = 0; i < slotRows.rowCount(); ++i)
            found << ReplicationObject{QStringLiteral("slot"), slotRows.text(i, 0), QStringLiteral("source"),
                                       slotRows.isNull(i, 2) ? -1 : slotRows.toInt64(i, 2), slotRows.toBool(i, 1)};
        const Result pubs = s->exec(QStringLiteral("SELECT pubname FROM pg_catalog.pg_publication WHERE pubname LIKE 'pgshift%' ORDER BY 1"));
        for (int i = 0; i < pubs.rowCount(); ++i)
            found << ReplicationObject{QStringLiteral("publication"), pubs.text(i, 0), QStringLiteral("source"), -1, false};
    } else if (errors) {
        *errors << tr("source: %1").arg(error);
    }
    if (auto t = tryConnect(target, &error)) {
        const Result subs = t->exec(QStringLiteral("SELECT subname FROM pg_catalog.pg_subscription WHERE subname LIKE 'pgshift%' ORDER BY 1"));
        for (int i = 0; i < subs.rowCount(); ++i)
            found << ReplicationObject{QStringLiteral("subscription"), subs.text(i, 0), QStringLiteral("target"), -1, false};
    } else if (errors) {
        *errors << tr("target: %1").arg(error);
    }
    return found;
}

} // namespace pgshift::core
