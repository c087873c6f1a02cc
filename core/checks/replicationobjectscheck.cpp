#include "core/checks/allchecks.h"
#include "core/checks/check.h"
#include "core/pg/connection.h"

#include <QLocale>

namespace pgshift::core {
namespace {

// Replication leftovers: pgshift's own publications, slots and subscriptions from an earlier
// run, inactive slots that keep WAL on the source, and no cap on what a slot may keep.
class ReplicationObjectsCheck final : public Check
{
    Q_DECLARE_TR_FUNCTIONS(pgshift::core::ReplicationObjectsCheck)
public:
    static constexpr qint64 RetainedWarningBytes = 1024LL * 1024 * 1024;

    QString id() const override { return QStringLiteral("replication_objects"); }
    QString title() const override { return tr("Existing slots, publications and subscriptions"); }
    bool appliesTo(Method method) const override { return method != Method::Dump; }

    CheckResult run(const CheckContext &context) const override
    {
        CheckResult r = result();
        QStringList lines;
        QStringList fixes;
        const QLocale locale;
        const Result slotRows = context.source.exec(QStringLiteral(
            "SELECT slot_name, slot_type, active,"
            "       CASE WHEN pg_is_in_recovery() OR restart_lsn IS NULL THEN 0"
            "            ELSE pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn)::bigint END"
            "  FROM pg_replication_slots ORDER BY slot_name"));
        for (int i = 0; i < slotRows.rowCount(); ++i) {
            const QString name = slotRows.text(i, 0);
            const qint64 retained = slotRows.toInt64(i, 3);
            const bool ours = name.startsWith(QLatin1String("pgshift"));
            if (ours || (!slotRows.toBool(i, 2) && retained >= RetainedWarningBytes)) {
                lines << tr("Slot %1 (%2, %3) keeps %4 of WAL on the source.")
                             .arg(name, slotRows.text(i, 1),
                                  slotRows.toBool(i, 2) ? tr("active") : tr("inactive"),
                                  locale.formattedDataSize(retained));
                fixes << QStringLiteral("SELECT pg_drop_replication_slot(%1);  -- on the source, if unused")
                             .arg(context.source.quoteLiteral(name));
                r.objects << name;
            }
        }
        const Result pubs = context.source.exec(QStringLiteral(
            "SELECT pubname FROM pg_publication WHERE pubname LIKE 'pgshift%' ORDER BY 1"));
        for (int i = 0; i < pubs.rowCount(); ++i) {
            lines << tr("Publication %1 from an earlier pgshift run exists on the source.").arg(pubs.text(i, 0));
            fixes << QStringLiteral("DROP PUBLICATION %1;  -- on the source").arg(context.source.quoteIdentifier(pubs.text(i, 0)));
        }
        const Result subs = context.target.exec(QStringLiteral(
            "SELECT subname FROM pg_subscription WHERE subname LIKE 'pgshift%' ORDER BY 1"));
        for (int i = 0; i < subs.rowCount(); ++i) {
            lines << tr("Subscription %1 from an earlier pgshift run exists on the target.").arg(subs.text(i, 0));
            fixes << QStringLiteral("DROP SUBSCRIPTION %1;  -- on the target").arg(context.target.quoteIdentifier(subs.text(i, 0)));
        }
        if (context.sourceFacts.serverMajorVersion() >= 13) {
            const QString keep = context.source.exec(QStringLiteral("SHOW max_slot_wal_keep_size")).text(0, 0);
            if (keep == QLatin1String("-1"))
                lines << tr("max_slot_wal_keep_size is -1: a stalled slot may keep WAL until the "
                            "source's disk is full.");
        }
        if (lines.isEmpty()) {
            r.finding = tr("No leftover or WAL-hoarding replication objects.");
            return r;
        }
        const bool onlyTheCap = fixes.isEmpty();
        r.status = onlyTheCap ? CheckResult::Status::Info : CheckResult::Status::Warning;
        r.finding = lines.join(u'\n');
        r.why = tr("A slot that nobody reads keeps every WAL segment since its position, and "
                   "objects left by an earlier run collide with the names pgshift uses.");
        r.fix = onlyTheCap ? tr("Watch the slot's lag during the migration (pgshift charts it), or "
                                "cap it: ALTER SYSTEM SET max_slot_wal_keep_size = '50GB'; SELECT pg_reload_conf();")
                           : fixes.join(u'\n');
        return r;
    }
};

} // namespace

std::unique_ptr<Check> makeReplicationObjectsCheck()
{
    return std::make_unique<ReplicationObjectsCheck>();
}

} // namespace pgshift::core
