#include "core/checks/allchecks.h"
#include "core/checks/check.h"

#include <QLocale>

namespace pgshift::core {
namespace {

// How much room the target needs: 150% of the source, for the copy plus index builds, WAL
// and bloat.
class DatabaseSizeCheck final : public Check
{
    Q_DECLARE_TR_FUNCTIONS(pgshift::core::DatabaseSizeCheck)
public:
    QString id() const override { return QStringLiteral("database_size"); }
    QString title() const override { return tr("Database size"); }

    CheckResult run(const CheckContext &context) const override
    {
        const QLocale locale;
        const qint64 size = context.sourceFacts.databaseSizeBytes;
        CheckResult r = result(CheckResult::Status::Info);
        r.finding = tr("The source database %1 takes %2.")
                        .arg(context.sourceFacts.database, locale.formattedDataSize(size));
        r.why = tr("Besides the data, the target needs room for indexes built after the copy, "
                   "WAL written during it, and bloat.");
        r.fix = tr("Give the target at least %1 of free space (150% of the source).")
                    .arg(locale.formattedDataSize(size + size / 2));
        return r;
    }
};

} // namespace

std::unique_ptr<Check> makeDatabaseSizeCheck()
{
    return std::make_unique<DatabaseSizeCheck>();
}

} // namespace pgshift::core
