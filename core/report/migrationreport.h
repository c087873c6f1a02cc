#pragma once

#include "core/checks/preflight.h"
#include "core/cutover/cutover.h"
#include "core/migration/copyprogress.h"
#include "core/migration/method.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace pgshift::core {

// A chart for the report, already rendered.
struct ReportImage
{
    QString name;    // file name stem: "lag", "rows"
    QString caption;
    QByteArray png;
};

// What a migration did, for the record: gathered by the wizard (or a command) at the end.
struct MigrationRecord
{
    QDateTime generatedAt;   // UTC
    QString source;          // connection strings without passwords
    QString target;
    QString sourceServer;    // server versions, when known
    QString targetServer;
    Method method = Method::Logical;
    std::optional<PreflightReport> preflight;
    std::optional<CopyReport> copy;       // dump & restore
    std::optional<CutoverReport> cutover; // the checklist (either method)
    QList<ReportImage> images;
};

// The migration report: overview (method, endpoints, times, outcome, write downtime), the
// preflight's findings, the copy, the checklist with each step's time, row counts per table,
// the sequences set, and the charts. One document rendered as self-contained HTML (images
// inline) or Markdown (images as PNG files beside it). Every text from the databases is
// escaped for its format.
class MigrationReport final
{
    Q_DECLARE_TR_FUNCTIONS(pgshift::core::MigrationReport)
public:
    explicit MigrationReport(const MigrationRecord &record);

    QString toHtml() const;
    // Images are referenced as "<imagePrefix><name>.png".
    QString toMarkdown(const QString &imagePrefix) const;

    // Writes the report to `path`: HTML when it ends in .html or .htm, else Markdown with the
    // images beside it ("<stem>-<name>.png"). On failure says why in `error`.
    bool write(const QString &path, QString *error) const;

private:
    struct Block
    {
        enum class Kind { Heading, Paragraph, Table, Code, Image };
        Kind kind = Kind::Paragraph;
        QString text;              // heading, paragraph, code, or the image's caption
        QStringList header;        // table
        QList<QStringList> rows;   // table
        int image = -1;            // index into the record's images
    };
    void add(Block::Kind kind, const QString &text, int image = -1);
    void heading(const QString &text);
    void paragraph(const QString &text);
    void table(const QStringList &header, const QList<QStringList> &rows);
    void code(const QString &text);

    void addOverview();
    void addPreflight();
    void addCopy();
    void addChecklist();
    void addRowCounts();
    void addSequences();

    MigrationRecord m_record;
    QList<Block> m_blocks;
};

} // namespace pgshift::core
