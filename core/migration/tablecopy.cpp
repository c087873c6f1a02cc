#include "core/migration/tablecopy.h"

#include "core/log/corelog.h"
#include "core/pg/connection.h"
#include "core/pg/pgerror.h"

#include <optional>

namespace pgshift::core {
namespace {

constexpr qint64 ProgressEveryBytes = 1 << 20;

PgError withTable(const PgError &error, const QString &table)
{
    PgError::Fields fields;
    fields.severity = error.severity();
    fields.sqlState = error.sqlState();
    fields.message = TableCopy::tr("%1: %2").arg(table, error.message());
    fields.detail = error.detail();
    fields.hint = error.hint();
    fields.context = error.context();
    return PgError(error.kind(), fields);
}

} // namespace

ExportedSnapshot::ExportedSnapshot(const ConnectionSettings &source)
    : m_holder(std::make_unique<Connection>(source))
{
    // The holder sits idle in its transaction for the whole copy: no server default may end it.
    m_holder->exec(QStringLiteral("SET idle_in_transaction_session_timeout = 0"));
    m_holder->exec(QStringLiteral("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"));
    m_id = m_holder->exec(QStringLiteral("SELECT pg_export_snapshot()")).text(0, 0);
}

ExportedSnapshot::~ExportedSnapshot() = default; // closing the holder ends the snapshot

void ExportedSnapshot::adopt(Connection &connection) const
{
    connection.exec(QStringLiteral("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"));
    // SET TRANSACTION SNAPSHOT takes no parameters: the id goes in as a quoted literal.
    connection.exec(QStringLiteral("SET TRANSACTION SNAPSHOT %1").arg(connection.quoteLiteral(m_id)));
}

QString TableCopy::columnsQuery(const Connection &source)
{
    // attgenerated exists from PostgreSQL 12 on; before that no column is generated.
    const bool hasGenerated = source.serverVersionNumber() >= 120000;
    return QStringLiteral("SELECT a.attrelid, string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum),"
                          "       bool_and(a.atttypid < 16384 AND t.typsend::oid <> 0 AND t.typreceive::oid <> 0)"
                          "  FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_type t ON t.oid = a.atttypid"
                          " WHERE a.attrelid = ANY($1::oid[]) AND a.attnum > 0 AND NOT a.attisdropped %1"
                          " GROUP BY a.attrelid")
        .arg(hasGenerated ? QStringLiteral("AND a.attgenerated = ''") : QString());
}

QString TableCopy::copyableColumns(Connection &source, const QString &schema, const QString &table)
{
    const Result oid = source.exec(QStringLiteral("SELECT c.oid FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n"
                                                  " ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relname = $2"),
                                   {schema, table});
    if (oid.rowCount() == 0)
        return {};
    const Result columns = source.exec(columnsQuery(source), {u'{' + oid.text(0, 0) + u'}'});
    return columns.rowCount() == 0 ? QString() : columns.text(0, 1);
}

TableCopy::Progress TableCopy::copy(Connection &source, Connection &target, const QString &schema,
                                    const QString &table, const std::atomic<bool> *cancel,
                                    const std::function<void(const Progress &)> &progress,
                                    const Options &options)
{
    const QString name = source.quoteQualified(schema, table);
    QString columnList = options.columns;
    if (columnList.isEmpty())
        columnList = copyableColumns(source, schema, table);
    if (columnList.isEmpty())
        throw PgError(PgError::Kind::Query, tr("%1: no such table, or no column to copy").arg(name));
    QStringList inOptions;
    if (options.binary)
        inOptions << QStringLiteral("FORMAT binary");
    if (options.freeze)
        inOptions << QStringLiteral("FREEZE");
    const QString with = inOptions.isEmpty() ? QString() : QStringLiteral(" WITH (%1)").arg(inOptions.join(QStringLiteral(", ")));
    target.beginCopyIn(QStringLiteral("COPY %1 (%2) FROM STDIN%3").arg(name, columnList, with));

    Progress done;
    qint64 reportedBytes = 0;
    std::optional<PgError> targetError;
    bool cancelled = false;
    try {
        const qint64 sent = source.copyOut(
            QStringLiteral("COPY %1 (%2) TO STDOUT%3")
                .arg(name, columnList, options.binary ? QStringLiteral(" WITH (FORMAT binary)") : QString()),
                       [&](const char *data, int size) {
                           if (cancel && cancel->load()) {
                               cancelled = true;
                               return false;
                           }
                           try {
                               target.putCopyData(data, size);
                           } catch (const PgError &error) {
                               targetError = error;
                               return false;
                           }
                           ++done.rows; // a chunk per row (binary adds one for the trailer)
                           done.bytes += size;
                           if (progress && done.bytes - reportedBytes >= ProgressEveryBytes) {
                               reportedBytes = done.bytes;
                               progress(done);
                           }
                           return true;
                       });
        done.rows = sent;
    } catch (const PgError &error) {
        // Stopping the source early surfaces as a cancelled COPY: report the real reason,
        // which for a target failure sits in the target's pending results.
        const auto targetOwn = target.abortCopyIn(QStringLiteral("pgshift stopped copying %1").arg(name));
        if (cancelled || (cancel && cancel->load()))
            throw PgError(PgError::Kind::Cancelled, tr("Copying %1 was cancelled.").arg(name));
        if (targetError)
            throw withTable(targetOwn ? *targetOwn : *targetError, name);
        throw withTable(error, name);
    }
    try {
        if (cancel && cancel->load()) {
            target.abortCopyIn(QStringLiteral("pgshift stopped copying %1").arg(name));
            throw PgError(PgError::Kind::Cancelled, tr("Copying %1 was cancelled.").arg(name));
        }
        const qint64 written = target.endCopyIn();
        if (written != done.rows)
            throw PgError(PgError::Kind::Query, tr("%1: %2 rows read but %3 written")
                                                     .arg(name).arg(done.rows).arg(written));
    } catch (const PgError &error) {
        if (error.kind() == PgError::Kind::Cancelled || (cancel && cancel->load()))
            throw PgError(PgError::Kind::Cancelled, tr("Copying %1 was cancelled.").arg(name));
        throw withTable(error, name);
    }
    if (progress)
        progress(done);
    logger()->info("copied {}: {} rows, {} bytes", name, done.rows, done.bytes);
    return done;
}

} // namespace pgshift::core
