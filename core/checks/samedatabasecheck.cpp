#include "core/checks/allchecks.h"
#include "core/checks/check.h"
#include "core/checks/nameconflicts.h"
#include "core/pg/catalogfilters.h"
#include "core/pg/connection.h"

#include <QSet>

namespace pgshift::core {

QStringList conflictingNames(Connection &source, Connection &target)
{
    const QString query = QStringLiteral(
        "SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
        " WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S') AND %1")
                              .arg(QString::fromLatin1(sql::UserRelation));
    QSet<QString> sourceNames;
    const Result s = source.exec(query);
    for (int i = 0; i < s.rowCount(); ++i)
        sourceNames.insert(source.quoteQualified(s.text(i, 0), s.text(i, 1)));
    QStringList both;
    const Result t = target.exec(query);
    for (int i = 0; i < t.rowCount(); ++i) {
        const QString name = target.quoteQualified(t.text(i, 0), t.text(i, 1));
        if (sourceNames.contains(name))
            both << name;
    }
    both.sort();
    return both;
}

namespace {

// The target is not the source itself, and holds no table the copy would collide with.
class SameDatabaseCheck final : public Check
{
    Q_DECLARE_TR_FUNCTIONS(pgshift::core::SameDatabaseCheck)
public:
    QString id() const override { return QStringLiteral("target_identity"); }
    QString title() const override { return tr("Target: not the source, no name conflicts"); }

    CheckResult run(const CheckContext &context) const override
    {
        CheckResult r = result();
        const auto verdict = DatabaseIdentity::compare(context.sourceFacts, context.targetFacts);
        if (verdict == DatabaseIdentity::Verdict::SameDatabase) {
            r.status = CheckResult::Status::Blocker;
            r.blocks = {Method::Dump, Method::Logical, Method::Dms};
            r.finding = DatabaseIdentity::describe(verdict, context.sourceFacts, context.targetFacts);
            r.why = tr("Copying a database onto itself destroys it.");
            r.fix = tr("Connect the target to another server or database.");
            return r;
        }
        r.objects = conflictingNames(context.source, context.target);
        r.finding = verdict == DatabaseIdentity::Verdict::SameServer
            ? DatabaseIdentity::describe(verdict, context.sourceFacts, context.targetFacts)
            : tr("The target is another database.");
        if (verdict == DatabaseIdentity::Verdict::SameServer)
            r.status = CheckResult::Status::Info;
        if (!r.objects.isEmpty()) {
            r.status = CheckResult::Status::Blocker;
            r.blocks = {Method::Dump, Method::Logical, Method::Dms};
            r.finding += u'\n' + tr("%n object(s) exist on both sides under the same name: %1", nullptr,
                                    int(r.objects.size())).arg(r.objects.join(QStringLiteral(", ")));
            r.why = tr("Creating them on the target fails; pgshift never drops the target's "
                       "objects for you.");
            r.fix = tr("Migrate into an empty database, or drop these objects on the target after "
                       "making sure nothing there is needed.");
        }
        return r;
    }
};

} // namespace

std::unique_ptr<Check> makeSameDatabaseCheck()
{
    return std::make_unique<SameDatabaseCheck>();
}

} // namespace pgshift::core
