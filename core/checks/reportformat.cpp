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

QString ReportFormat::counts(const PreflightReport &report)
{
    return tr("%1, %2, %3, %4 passed")
        .arg(tr("%n blocker(s)", nullptr, report.blockers()),
             tr("%n warning(s)", nullptr, report.count(CheckResult::Status::Warning)),
             tr("%n note(s)", nullptr, report.count(CheckResult::Status::Info)))
        .arg(report.count(CheckResult::Status::Pass));
}

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
    out += tr("\n%1, for %2 (%3 ms).\n").arg(counts(report), methodName(report.method)).arg(report.elapsedMs);
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
    QString out = tr("# pgshift preflight (%1)\n\n%2.\n\n").arg(methodName(report.method), counts(report));
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

QString ReportFormat::toHtml(const PreflightReport &report)
{
    const auto escape = [](const QString &text) {
        return text.toHtmlEscaped().replace(u'\n', QStringLiteral("<br>"));
    };
    QString html = QStringLiteral(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>%1</title><style>"
        "body{font-family:sans-serif;max-width:60em;margin:2em auto}"
        ".blocker{color:#b00020}.warning{color:#8a5a00}.info{color:#1d4f91}.pass{color:#1b7f3b}"
        "pre{background:#f4f4f4;padding:.5em;overflow:auto}</style></head><body><h1>%1</h1><p>%2</p>")
                       .arg(tr("pgshift preflight (%1)").arg(methodName(report.method)).toHtmlEscaped(),
                            (counts(report) + u'.').toHtmlEscaped());
    for (const CheckResult &r : report.results) {
        html += QStringLiteral("<h2 class=\"%1\">%2: %3</h2><p>%4</p>")
                    .arg(statusName(r.status), statusName(r.status), escape(r.title), escape(r.finding));
        if (r.status == CheckResult::Status::Pass)
            continue;
        if (!r.why.isEmpty())
            html += QStringLiteral("<p><b>%1</b> %2</p>").arg(tr("Why:").toHtmlEscaped(), escape(r.why));
        if (!r.fixSql.isEmpty())
            html += QStringLiteral("<pre>%1</pre>").arg(r.fixSql.toHtmlEscaped());
        else if (!r.fix.isEmpty())
            html += QStringLiteral("<p><b>%1</b> %2</p>").arg(tr("Fix:").toHtmlEscaped(), escape(r.fix));
    }
    return html + QStringLiteral("</body></html>\n");
}

} // namespace pgshift::core
