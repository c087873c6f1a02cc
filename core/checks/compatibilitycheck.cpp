#include "core/checks/allchecks.h"
#include "core/checks/check.h"
#include "core/pg/catalogfilters.h"
#include "core/pg/connection.h"

#include <QSet>

namespace pgshift::core {
namespace {

// Encoding and collation of the two databases, tablespaces and owning roles the target lacks.
class CompatibilityCheck final : public Check
{
    Q_DECLARE_TR_FUNCTIONS(pgshift::core::CompatibilityCheck)
public:
    QString id() const override { return QStringLiteral("compatibility"); }
    QString title() const override { return tr("Encoding, collation, tablespaces and owners"); }

    CheckResult run(const CheckContext &context) const override
    {
        const QString dbQuery = QStringLiteral(
            "SELECT pg_encoding_to_char(encoding), datcollate, datctype FROM pg_database"
            " WHERE datname = current_database()");
        const Result s = context.source.exec(dbQuery);
        const Result t = context.target.exec(dbQuery);
        const QString relationFilter = QString::fromLatin1(sql::UserRelation);
        const Result spaces = context.source.exec(QStringLiteral(
            "SELECT DISTINCT t.spcname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            "  JOIN pg_tablespace t ON t.oid = c.reltablespace WHERE %1 ORDER BY 1").arg(relationFilter));
        const Result owners = context.source.exec(QStringLiteral(
            "SELECT DISTINCT pg_get_userbyid(c.relowner) FROM pg_class c"
            "  JOIN pg_namespace n ON n.oid = c.relnamespace WHERE %1 ORDER BY 1").arg(relationFilter));
        const Result targetRoles = context.target.exec(QStringLiteral("SELECT rolname FROM pg_roles"));
        QSet<QString> known;
        for (int i = 0; i < targetRoles.rowCount(); ++i)
            known.insert(targetRoles.text(i, 0));
        QStringList missingOwners;
        for (int i = 0; i < owners.rowCount(); ++i) {
            if (!known.contains(owners.text(i, 0)))
                missingOwners << owners.text(i, 0);
        }

        CheckResult r = result();
        QStringList lines{tr("Source: encoding %1, collation %2, ctype %3. Target: encoding %4, "
                             "collation %5, ctype %6.")
                              .arg(s.text(0, 0), s.text(0, 1), s.text(0, 2), t.text(0, 0),
                                   t.text(0, 1), t.text(0, 2))};
        QStringList fixes;
        if (s.text(0, 0) != t.text(0, 0)) {
            r.status = CheckResult::Status::Warning;
            fixes << tr("Different encodings: text the target's encoding cannot represent fails "
                        "to load. Create the target database with ENCODING '%1'.").arg(s.text(0, 0));
        } else if (s.text(0, 1) != t.text(0, 1) || s.text(0, 2) != t.text(0, 2)) {
            r.status = CheckResult::Status::Warning;
            fixes << tr("Different collations sort text differently: indexes are rebuilt on the "
                        "target, and ORDER BY results may change. Compare them before cutover.");
        }
        if (spaces.rowCount() > 0) {
            QStringList names;
            for (int i = 0; i < spaces.rowCount(); ++i)
                names << spaces.text(i, 0);
            lines << tr("Tablespaces in use: %1.").arg(names.join(QStringLiteral(", ")));
            fixes << tr("pgshift creates everything in the target's default tablespace.");
            r.status = std::max(r.status, CheckResult::Status::Info);
        }
        if (!missingOwners.isEmpty()) {
            lines << tr("Owners not on the target: %1.").arg(missingOwners.join(QStringLiteral(", ")));
            fixes << tr("Objects will belong to the target user (--no-owner); create these roles "
                        "on the target first if ownership matters.");
            r.status = std::max(r.status, CheckResult::Status::Info);
        }
        r.finding = lines.join(u'\n');
        if (r.status != CheckResult::Status::Pass) {
            r.why = tr("These differences do not stop the copy, but change what arrives.");
            r.fix = fixes.join(u'\n');
        }
        return r;
    }
};

} // namespace

std::unique_ptr<Check> makeCompatibilityCheck()
{
    return std::make_unique<CompatibilityCheck>();
}

} // namespace pgshift::core
