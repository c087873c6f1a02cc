#include "core/checks/reportformat.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace pgshift::core {
namespace {

QString indent(const QString &text, const QString &prefix)
{
    QStringList lines = text.split(u'\n');
    for (QString &line : lines)
        line.prepend(prefix);
    return lines.join(u'\n');
}

QJsonArray strings(const QStringList &list)
{
    QJsonArray array;
    for (const QString &s : list)
        array.append(s);
    return array;
}

} // namespace

QString ReportFormat::toText(const PreflightReport &report)
{
    QString out;
    for (const CheckResult &r : report.results) {
        out += QStringLiteral("[%1] %2\n").arg(statusName(r.status).toUpper(), -7).arg(r.title);
        out += indent(r.finding, QStringLiteral("          ")) + u'\n';
        if (r.status != CheckResult::Status::Pass) {
            if (!r.why.isEmpty())
                out += indent(tr("Why: %1").arg(r.why), QStringLiteral("          ")) + u'\n';
            if (!r.fix.isEmpty())
                out += indent(tr("Fix: %1").arg(r.fix), QStringLiteral("          ")) + u'\n';
        }
    }
    out += tr("\n%1 blocker(s), %2 warning(s), %3 note(s), %4 passed, for %5 (%6 ms).\n")
               .arg(report.blockers())
               .arg(report.count(CheckResult::Status::Warning))
               .arg(report.count(CheckResult::Status::Info))
               .arg(report.count(CheckResult::Status::Pass))
               .arg(methodName(report.method))
               .arg(report.elapsedMs);
    return out;
}

QByteArray ReportFormat::toJson(const PreflightReport &report)
{
    QJsonArray checks;
    for (const CheckResult &r : report.results) {
        QJsonArray blocks;
        for (Method m : r.blocks)
            blocks.append(methodName(m));
        checks.append(QJsonObject{
            {QStringLiteral("id"), r.id},
            {QStringLiteral("status"), statusName(r.status)},
            {QStringLiteral("title"), r.title},
            {QStringLiteral("finding"), r.finding},
            {QStringLiteral("why"), r.why},
            {QStringLiteral("fix"), r.fix},
            {QStringLiteral("fix_sql"), r.fixSql},
            {QStringLiteral("blocks"), r.status == CheckResult::Status::Blocker ? blocks : QJsonArray()},
            {QStringLiteral("objects"), strings(r.objects)},
        });
    }
    const QJsonObject root{
        {QStringLiteral("method"), methodName(report.method)},
        {QStringLiteral("blockers"), report.blockers()},
        {QStringLiteral("warnings"), report.count(CheckResult::Status::Warning)},
        {QStringLiteral("elapsed_ms"), report.elapsedMs},
        {QStringLiteral("checks"), checks},
    };
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

QString ReportFormat::toMarkdown(const PreflightReport &report)
{
    QString out = tr("# pgshift preflight (%1)\n\n%2 blocker(s), %3 warning(s), %4 note(s), %5 passed.\n\n")
                      .arg(methodName(report.method))
                      .arg(report.blockers())
                      .arg(report.count(CheckResult::Status::Warning))
                      .arg(report.count(CheckResult::Status::Info))
                      .arg(report.count(CheckResult::Status::Pass));
    for (const CheckResult &r : report.results) {
        out += QStringLiteral("## %1: %2\n\n%3\n\n").arg(statusName(r.status), r.title, r.finding);
        if (r.status == CheckResult::Status::Pass)
            continue;
        if (!r.why.isEmpty())
            out += tr("**Why:** %1\n\n").arg(r.why);
        if (!r.fixSql.isEmpty())
            out += tr("**Fix:**\n\n```sql\n%1\n```\n\n").arg(r.fixSql);
        else if (!r.fix.isEmpty())
            out += tr("**Fix:** %1\n\n").arg(r.fix);
    }
    return out;
}

} // namespace pgshift::core
