#include "core/checks/allchecks.h"
#include "core/checks/check.h"
#include "core/pg/connection.h"

namespace pgshift::core {
namespace {

// Prepared and long-running transactions on the source: creating the replication slot waits
// until every transaction older than it has finished.
class OpenTransactionsCheck final : public Check
{
    Q_DECLARE_TR_FUNCTIONS(pgshift::core::OpenTransactionsCheck)
public:
    static constexpr int LongSeconds = 300;

    QString id() const override { return QStringLiteral("open_transactions"); }
    QString title() const override { return tr("Prepared and long-running transactions"); }
    bool appliesTo(Method method) const override { return method != Method::Dump; }

    CheckResult run(const CheckContext &context) const override
    {
        const Result prepared = context.source.exec(QStringLiteral(
            "SELECT gid, owner, prepared::text FROM pg_prepared_xacts ORDER BY prepared"));
        // Other users' sessions show xact_start only to superusers and pg_read_all_stats.
        const Result running = context.source.exec(QStringLiteral(
            "SELECT pid, usename, extract(epoch FROM now() - xact_start)::bigint"
            "  FROM pg_stat_activity"
            " WHERE xact_start < now() - make_interval(secs => $1) AND pid <> pg_backend_pid()"
            " ORDER BY xact_start"), {LongSeconds});
        CheckResult r = result();
        if (prepared.rowCount() == 0 && running.rowCount() == 0) {
            r.finding = tr("No prepared transactions, none running longer than %n minute(s).",
                           nullptr, LongSeconds / 60);
            return r;
        }
        QStringList lines;
        QStringList fixes;
        for (int i = 0; i < prepared.rowCount(); ++i) {
            lines << tr("Prepared transaction %1 by %2 since %3.")
                         .arg(prepared.text(i, 0), prepared.text(i, 1), prepared.text(i, 2));
            fixes << QStringLiteral("COMMIT PREPARED %1;  -- or ROLLBACK PREPARED")
                         .arg(context.source.quoteLiteral(prepared.text(i, 0)));
        }
        for (int i = 0; i < running.rowCount(); ++i) {
            lines << tr("Session %1 (%2) has been in a transaction for %3 s.")
                         .arg(running.text(i, 0), running.text(i, 1), running.text(i, 2));
            fixes << QStringLiteral("SELECT pg_terminate_backend(%1);  -- after asking its owner")
                         .arg(running.text(i, 0));
        }
        r.status = CheckResult::Status::Warning;
        r.finding = lines.join(u'\n');
        r.why = tr("Creating the replication slot waits for every transaction that started before "
                   "it; a forgotten prepared transaction makes it wait for ever and also holds "
                   "back vacuum.");
        r.fix = tr("Finish them before starting replication:\n%1").arg(fixes.join(u'\n'));
        return r;
    }
};

} // namespace

std::unique_ptr<Check> makeOpenTransactionsCheck()
{
    return std::make_unique<OpenTransactionsCheck>();
}

} // namespace pgshift::core
