#include "core/checks/allchecks.h"
#include "core/checks/check.h"
#include "core/checks/extensiondiff.h"
#include "core/pg/connection.h"

namespace pgshift::core {

ExtensionDiff ExtensionDiff::compare(const QMap<QString, QString> &source,
                                     const QMap<QString, Available> &target)
{
    ExtensionDiff diff;
    for (auto it = source.cbegin(); it != source.cend(); ++it) {
        const auto found = target.constFind(it.key());
        if (found == target.cend()) {
            diff.unavailable << it.key();
            continue;
        }
        if (found->installedVersion.isEmpty())
            diff.notInstalled << it.key();
        const QString targetVersion = found->installedVersion.isEmpty() ? found->defaultVersion
                                                                        : found->installedVersion;
        if (targetVersion != it.value())
            diff.otherVersion << QStringLiteral("%1 %2 -> %3").arg(it.key(), it.value(), targetVersion);
    }
    return diff;
}

namespace {

// Every extension installed on the source must be available on the target.
class ExtensionsCheck final : public Check
{
    Q_DECLARE_TR_FUNCTIONS(pgshift::core::ExtensionsCheck)
public:
    QString id() const override { return QStringLiteral("extensions"); }
    QString title() const override { return tr("Extensions"); }

    CheckResult run(const CheckContext &context) const override
    {
        QMap<QString, QString> source;
        const Result s = context.source.exec(QStringLiteral(
            "SELECT extname, extversion FROM pg_extension WHERE extname <> 'plpgsql'"));
        for (int i = 0; i < s.rowCount(); ++i)
            source.insert(s.text(i, 0), s.text(i, 1));
        QMap<QString, ExtensionDiff::Available> target;
        const Result t = context.target.exec(QStringLiteral(
            "SELECT name, coalesce(default_version, ''), coalesce(installed_version, '')"
            "  FROM pg_available_extensions"));
        for (int i = 0; i < t.rowCount(); ++i)
            target.insert(t.text(i, 0), {t.text(i, 1), t.text(i, 2)});
        const ExtensionDiff diff = ExtensionDiff::compare(source, target);

        CheckResult r = result();
        if (source.isEmpty()) {
            r.finding = tr("The source uses no extensions besides plpgsql.");
            return r;
        }
        r.finding = tr("The source uses: %1.").arg(source.keys().join(QStringLiteral(", ")));
        if (!diff.unavailable.isEmpty()) {
            r.status = CheckResult::Status::Blocker;
            r.blocks = {Method::Dump, Method::Logical, Method::Dms};
            r.objects = diff.unavailable;
            r.finding += u'\n' + tr("Not available on the target: %1.").arg(diff.unavailable.join(QStringLiteral(", ")));
            r.why = tr("CREATE EXTENSION fails on the target, and so does every table, type or "
                       "function that depends on the extension.");
            r.fix = tr("Choose a target that offers these extensions (PlanetScale lists its "
                       "supported extensions in its documentation), or remove their use from the "
                       "source first.");
            return r;
        }
        if (!diff.notInstalled.isEmpty()) {
            r.status = CheckResult::Status::Info;
            QStringList statements;
            for (const QString &name : diff.notInstalled)
                statements << QStringLiteral("CREATE EXTENSION IF NOT EXISTS %1;").arg(context.target.quoteIdentifier(name));
            r.finding += u'\n' + tr("Available but not yet installed on the target: %1.").arg(diff.notInstalled.join(QStringLiteral(", ")));
            r.why = tr("The schema copy creates them; doing it first shows early whether the "
                       "target user may.");
            r.fix = statements.join(u'\n');
            r.fixSql = r.fix;
            r.fixIsSafe = true;
        }
        if (!diff.otherVersion.isEmpty()) {
            r.status = std::max(r.status, CheckResult::Status::Info);
            r.finding += u'\n' + tr("Other versions on the target: %1.").arg(diff.otherVersion.join(QStringLiteral(", ")));
        }
        return r;
    }
};

} // namespace

std::unique_ptr<Check> makeExtensionsCheck()
{
    return std::make_unique<ExtensionsCheck>();
}

} // namespace pgshift::core
