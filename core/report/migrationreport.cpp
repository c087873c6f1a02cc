#include "core/report/migrationreport.h"

#include "core/checks/reportformat.h"

#include "pgshift/version.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLocale>
#include <QSaveFile>

namespace pgshift::core {
namespace {

QString seconds(qint64 ms)
{
    return ms < 0 ? QStringLiteral("–") : QLocale().toString(ms / 1000.0, 'f', 1) + MigrationReport::tr(" s");
}

QString number(qint64 n)
{
    return n < 0 ? QStringLiteral("–") : QLocale().toString(n);
}

QString when(const QDateTime &t)
{
    return t.isValid() ? t.toUTC().toString(Qt::ISODate) : QStringLiteral("–");
}

// Markdown text with the characters that start markup (or an autolink) escaped.
QString markdownText(const QString &text)
{
    QString out;
    for (const QChar c : text) {
        if (QStringLiteral("\\*_`[]<>#|@").contains(c))
            out += u'\\';
        out += c;
    }
    return out;
}

// A Markdown table cell: one line, escaped.
QString markdownCell(const QString &text)
{
    return markdownText(QString(text).replace(u'\n', u' '));
}

QString htmlText(const QString &text)
{
    return text.toHtmlEscaped().replace(u'\n', QStringLiteral("<br>"));
}

} // namespace

MigrationReport::MigrationReport(const MigrationRecord &record)
    : m_record(record)
{
    addOverview();
    addPreflight();
    addCopy();
    addChecklist();
    addRowCounts();
    addSequences();
    if (!m_record.images.isEmpty()) {
        heading(tr("Charts"));
        for (int i = 0; i < m_record.images.size(); ++i)
            add(Block::Kind::Image, m_record.images[i].caption, i);
    }
}

void MigrationReport::add(Block::Kind kind, const QString &text, int image)
{
    Block b;
    b.kind = kind;
    b.text = text;
    b.image = image;
    m_blocks << b;
}

void MigrationReport::heading(const QString &text)
{
    add(Block::Kind::Heading, text);
}

void MigrationReport::paragraph(const QString &text)
{
    add(Block::Kind::Paragraph, text);
}

void MigrationReport::code(const QString &text)
{
    add(Block::Kind::Code, text);
}

void MigrationReport::table(const QStringList &header, const QList<QStringList> &rows)
{
    add(Block::Kind::Table, {});
    m_blocks.last().header = header;
    m_blocks.last().rows = rows;
}

void MigrationReport::addOverview()
{
    const CopyReport *copy = m_record.copy ? &*m_record.copy : nullptr;
    const CutoverReport *cutover = m_record.cutover ? &*m_record.cutover : nullptr;
    bool succeeded = true;
    QString outcome;
    if (cutover && !cutover->succeeded) {
        succeeded = false;
        outcome = tr("FAILED: %1").arg(cutover->failure);
    } else if (copy && !copy->succeeded()) {
        succeeded = false;
        outcome = copy->cancelled ? tr("cancelled") : tr("FAILED: %1").arg(copy->failures.join(QStringLiteral("; ")));
    } else if (!cutover && !copy) {
        succeeded = false;
        outcome = tr("not run: no copy or cutover in this session");
    }
    if (succeeded)
        outcome = cutover ? tr("succeeded: every checklist step done") : tr("succeeded: copied and verified");
    QList<QStringList> rows;
    rows << QStringList{tr("Method"), methodTitle(m_record.method)};
    rows << QStringList{tr("Source"), m_record.source + (m_record.sourceServer.isEmpty() ? QString() : tr(" (PostgreSQL %1)").arg(m_record.sourceServer))};
    rows << QStringList{tr("Target"), m_record.target + (m_record.targetServer.isEmpty() ? QString() : tr(" (PostgreSQL %1)").arg(m_record.targetServer))};
    rows << QStringList{tr("Outcome"), outcome};
    if (cutover) {
        rows << QStringList{tr("Checklist started"), when(cutover->startedAt)};
        rows << QStringList{tr("Checklist finished"), when(cutover->finishedAt)};
        rows << QStringList{tr("Write downtime"), seconds(cutover->downtimeMs)};
        if (cutover->rolledBack)
            rows << QStringList{tr("Rollback"), tr("writes re-enabled on the source")};
    }
    if (copy)
        rows << QStringList{tr("Copy time"), seconds(copy->elapsedMs)};
    heading(tr("pgshift migration report"));
    paragraph(tr("Generated %1 by pgshift %2.").arg(when(m_record.generatedAt), QStringLiteral(PGSHIFT_VERSION)));
    table({tr("What"), tr("Value")}, rows);
}

void MigrationReport::addPreflight()
{
    heading(tr("Preflight"));
    if (!m_record.preflight) {
        paragraph(tr("No preflight ran in this session."));
        return;
    }
    const PreflightReport &p = *m_record.preflight;
    paragraph(tr("%1, in %2.").arg(ReportFormat::counts(p), seconds(p.elapsedMs)));
    QList<QStringList> rows;
    for (const CheckResult &r : p.results)
        rows << QStringList{statusName(r.status), r.title, r.finding};
    table({tr("Status"), tr("Check"), tr("Finding")}, rows);
}

void MigrationReport::addCopy()
{
    if (!m_record.copy)
        return;
    const CopyReport &c = *m_record.copy;
    heading(tr("Copy"));
    paragraph(tr("Engine %1: %n table(s), %2 rows, %3, %4 sequence(s), %5 large object(s), %6 index(es) built, in %7.", nullptr,
                 int(c.tables.size()))
                  .arg(copyEngineName(c.engine), number(c.rowsCopied()), QLocale().formattedDataSize(c.bytesCopied()))
                  .arg(c.sequencesSet)
                  .arg(c.largeObjects)
                  .arg(c.indexesBuilt)
                  .arg(seconds(c.elapsedMs)));
    if (!c.failures.isEmpty())
        code(c.failures.join(u'\n'));
}

void MigrationReport::addChecklist()
{
    if (!m_record.cutover)
        return;
    heading(m_record.method == Method::Dump ? tr("Checklist (dump and restore)") : tr("Cutover checklist"));
    QList<QStringList> rows;
    for (const CutoverStep &s : m_record.cutover->steps) {
        const bool ran = s.state == CutoverStep::State::Done || s.state == CutoverStep::State::Failed;
        rows << QStringList{QString::number(s.number), s.title, CutoverStep::stateName(s.state), ran ? seconds(s.elapsedMs) : QString(),
                            s.detail};
    }
    table({tr("#"), tr("Step"), tr("Status"), tr("Time"), tr("Result")}, rows);
    if (!m_record.cutover->targetConnection.isEmpty())
        paragraph(tr("The application's new connection string (password as before): %1").arg(m_record.cutover->targetConnection));
}

void MigrationReport::addRowCounts()
{
    QList<QStringList> rows;
    int differ = 0;
    if (m_record.cutover && !m_record.cutover->rowCounts.isEmpty()) {
        for (const TableRowCount &t : m_record.cutover->rowCounts) {
            const bool same = t.matches();
            differ += same ? 0 : 1;
            QString verdict = same ? tr("equal") : (t.checksumDiffers() ? tr("checksums differ") : tr("DIFFERENT"));
            if (!t.error.isEmpty())
                verdict = t.error;
            else if (same && !t.sourceChecksum.isEmpty())
                verdict = tr("equal, checksums too");
            rows << QStringList{t.schema + u'.' + t.table, number(t.source), number(t.target), verdict};
        }
    } else if (m_record.copy) {
        for (const TableStatus &t : m_record.copy->tables) {
            const bool same = t.sourceRows >= 0 && t.sourceRows == t.targetRows;
            differ += same ? 0 : 1;
            rows << QStringList{t.qualifiedName(), number(t.sourceRows), number(t.targetRows),
                                t.error.isEmpty() ? (same ? tr("equal") : tr("DIFFERENT")) : t.error};
        }
    }
    if (rows.isEmpty())
        return;
    heading(tr("Row counts"));
    paragraph(differ == 0 ? tr("Exact counts of all %n table(s) are equal on both servers.", nullptr, int(rows.size()))
                          : tr("%1 of %n table(s) differ.", nullptr, int(rows.size())).arg(differ));
    table({tr("Table"), tr("Source rows"), tr("Target rows"), tr("Result")}, rows);
}

void MigrationReport::addSequences()
{
    if (!m_record.cutover || m_record.cutover->sequences.isEmpty())
        return;
    heading(tr("Sequences"));
    QList<QStringList> rows;
    for (const SequencePlan &p : m_record.cutover->sequences) {
        const QString last = p.sequence.lastValue ? number(*p.sequence.lastValue) : tr("never used");
        rows << QStringList{p.sequence.qualifiedName(), p.sequence.ownedBy, last, p.skipped() ? tr("skipped") : number(p.value),
                            p.note};
    }
    table({tr("Sequence"), tr("Owned by"), tr("Source value"), tr("Set on target"), tr("Note")}, rows);
}

QString MigrationReport::toHtml() const
{
    QString html = QStringLiteral("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>%1</title><style>"
                                  "body{font-family:sans-serif;max-width:70em;margin:2em auto;color:#222}"
                                  "table{border-collapse:collapse;margin:.5em 0 1.5em}"
                                  "td,th{border:1px solid #ccc;padding:.25em .5em;vertical-align:top;text-align:left}"
                                  "th{background:#f0f0f0}pre{background:#f4f4f4;padding:.5em;overflow:auto}"
                                  "img{max-width:100%;border:1px solid #ddd}</style></head><body>\n")
                       .arg(tr("pgshift migration report").toHtmlEscaped());
    bool first = true;
    for (const Block &b : m_blocks) {
        switch (b.kind) {
        case Block::Kind::Heading:
            html += QStringLiteral("<h%1>%2</h%1>\n").arg(first ? 1 : 2).arg(htmlText(b.text));
            first = false;
            break;
        case Block::Kind::Paragraph:
            html += QStringLiteral("<p>%1</p>\n").arg(htmlText(b.text));
            break;
        case Block::Kind::Code:
            html += QStringLiteral("<pre>%1</pre>\n").arg(b.text.toHtmlEscaped());
            break;
        case Block::Kind::Table: {
            html += QStringLiteral("<table><tr>");
            for (const QString &h : b.header)
                html += QStringLiteral("<th>%1</th>").arg(htmlText(h));
            html += QStringLiteral("</tr>\n");
            for (const QStringList &row : b.rows) {
                html += QStringLiteral("<tr>");
                for (const QString &cell : row)
                    html += QStringLiteral("<td>%1</td>").arg(htmlText(cell));
                html += QStringLiteral("</tr>\n");
            }
            html += QStringLiteral("</table>\n");
            break;
        }
        case Block::Kind::Image: {
            const ReportImage &image = m_record.images[b.image];
            html += QStringLiteral("<figure><img alt=\"%1\" src=\"data:image/png;base64,%2\"><figcaption>%1</figcaption></figure>\n")
                        .arg(image.caption.toHtmlEscaped(), QString::fromLatin1(image.png.toBase64()));
            break;
        }
        }
    }
    return html + QStringLiteral("</body></html>\n");
}

QString MigrationReport::toMarkdown(const QString &imagePrefix) const
{
    QString md;
    bool first = true;
    for (const Block &b : m_blocks) {
        switch (b.kind) {
        case Block::Kind::Heading:
            md += (first ? QStringLiteral("# ") : QStringLiteral("## ")) + markdownText(b.text) + QStringLiteral("\n\n");
            first = false;
            break;
        case Block::Kind::Paragraph:
            md += markdownText(b.text) + QStringLiteral("\n\n");
            break;
        case Block::Kind::Code: {
            // A fence longer than any run of backticks inside.
            QString fence = QStringLiteral("```");
            while (b.text.contains(fence))
                fence += u'`';
            md += fence + u'\n' + b.text + u'\n' + fence + QStringLiteral("\n\n");
            break;
        }
        case Block::Kind::Table: {
            QStringList header;
            for (const QString &h : b.header)
                header << markdownCell(h);
            md += QStringLiteral("| ") + header.join(QStringLiteral(" | ")) + QStringLiteral(" |\n|");
            md += QStringLiteral(" --- |").repeated(b.header.size()) + u'\n';
            for (const QStringList &row : b.rows) {
                QStringList cells;
                for (const QString &cell : row)
                    cells << markdownCell(cell);
                md += QStringLiteral("| ") + cells.join(QStringLiteral(" | ")) + QStringLiteral(" |\n");
            }
            md += u'\n';
            break;
        }
        case Block::Kind::Image: {
            const ReportImage &image = m_record.images[b.image];
            md += QStringLiteral("![%1](%2%3.png)\n\n").arg(markdownText(image.caption), imagePrefix, image.name);
            break;
        }
        }
    }
    return md;
}

bool MigrationReport::write(const QString &path, QString *error) const
{
    const QFileInfo info(path);
    const bool html = info.suffix().compare(QStringLiteral("html"), Qt::CaseInsensitive) == 0
        || info.suffix().compare(QStringLiteral("htm"), Qt::CaseInsensitive) == 0;
    const auto save = [error](const QString &file, const QByteArray &bytes) {
        QSaveFile out(file);
        if (out.open(QIODevice::WriteOnly) && out.write(bytes) == bytes.size() && out.commit())
            return true;
        if (error)
            *error = tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(file), out.errorString());
        return false;
    };
    if (html)
        return save(path, toHtml().toUtf8());
    const QString prefix = info.completeBaseName() + u'-';
    for (const ReportImage &image : m_record.images) {
        if (!save(info.dir().filePath(prefix + image.name + QStringLiteral(".png")), image.png))
            return false;
    }
    return save(path, toMarkdown(prefix).toUtf8());
}

} // namespace pgshift::core
