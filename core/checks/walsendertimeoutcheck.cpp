#include "core/checks/allchecks.h"
#include "core/checks/check.h"
#include "core/pg/connection.h"

#include <QLocale>

namespace pgshift::core {
namespace {

// wal_sender_timeout on the source: a long initial copy keeps the subscriber too busy to
// answer, and a short timeout ends the walsender and restarts the table's copy from scratch.
class WalSenderTimeoutCheck final : public Check
{
    Q_DECLARE_TR_FUNCTIONS(pgshift::core::WalSenderTimeoutCheck)
public:
    static constexpr qint64 TooShortMs = 30 * 1000;
    static constexpr qint64 ShortForLargeMs = 5 * 60 * 1000;
    static constexpr qint64 LargeBytes = 10LL * 1024 * 1024 * 1024;

    QString id() const override { return QStringLiteral("wal_sender_timeout"); }
    QString title() const override { return tr("wal_sender_timeout on the source"); }
    bool appliesTo(Method method) const override { return method != Method::Dump; }

    CheckResult run(const CheckContext &context) const override
    {
        const Result row = context.source.exec(QStringLiteral(
            "SELECT setting::bigint, current_setting('wal_sender_timeout') FROM pg_settings"
            " WHERE name = 'wal_sender_timeout'"));
        const qint64 ms = row.toInt64(0, 0);
        const qint64 size = context.sourceFacts.databaseSizeBytes;
        CheckResult r = result(CheckResult::Status::Info);
        r.finding = ms == 0 ? tr("wal_sender_timeout is 0 (no timeout).")
                            : tr("wal_sender_timeout is %1.").arg(row.text(0, 1));
        if (ms == 0)
            return r;
        const bool tooShort = ms < TooShortMs || (ms < ShortForLargeMs && size >= LargeBytes);
        r.status = tooShort ? CheckResult::Status::Warning : CheckResult::Status::Info;
        r.why = tr("While a large table is copied the subscriber answers the source rarely; a "
                   "walsender that hears nothing for wal_sender_timeout is ended, and the table's "
                   "copy starts again from the beginning (source database: %1).")
                    .arg(QLocale().formattedDataSize(size));
        r.fixSql = QStringLiteral("ALTER SYSTEM SET wal_sender_timeout = '10min';\nSELECT pg_reload_conf();");
        r.fixSide = CheckResult::Side::Source;
        r.fix = tr("For the initial copy raise it (no restart needed; on managed services change "
                   "the parameter group or server parameter instead):\n%1").arg(r.fixSql);
        return r;
    }
};

} // namespace

std::unique_ptr<Check> makeWalSenderTimeoutCheck()
{
    return std::make_unique<WalSenderTimeoutCheck>();
}

} // namespace pgshift::core
