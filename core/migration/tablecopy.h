#pragma once

#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>
#include <memory>

namespace pgshift::core {

class Connection;
class ConnectionSettings;

// A snapshot exported by a connection that stays open in its transaction, so other sessions
// can read exactly the same data (pg_export_snapshot / SET TRANSACTION SNAPSHOT).
class ExportedSnapshot final
{
public:
    explicit ExportedSnapshot(const ConnectionSettings &source);
    ~ExportedSnapshot();
    ExportedSnapshot(const ExportedSnapshot &) = delete;
    ExportedSnapshot &operator=(const ExportedSnapshot &) = delete;

    QString id() const { return m_id; }
    // Starts a read-only repeatable-read transaction on `connection` that sees this snapshot.
    void adopt(Connection &connection) const;

private:
    std::unique_ptr<Connection> m_holder;
    QString m_id;
};

// How TableCopy moves one table.
struct TableCopyOptions
{
    // The columns to copy, quoted and comma-separated; empty: copyableColumns().
    QString columns;
    // Binary COPY: only for columns of built-in types, whose binary form every server
    // version reads (user types travel with their OIDs, which differ between servers).
    bool binary = false;
    // COPY ... FREEZE: the caller truncated the table in the target's open transaction.
    bool freeze = false;
};

// Copies one table's rows from the source to the target by streaming COPY TO STDOUT into
// COPY FROM STDIN: every column except generated ones (the target computes those), rows and
// bytes counted as they pass. The target table must exist.
class TableCopy final
{
    Q_DECLARE_TR_FUNCTIONS(pgshift::core::TableCopy)
public:
    struct Progress
    {
        qint64 rows = 0;
        qint64 bytes = 0;
    };

    using Options = TableCopyOptions;

    // Throws PgError: Cancelled when `cancel` was set (the target keeps no row of this copy),
    // or the server's error, prefixed with the table's name.
    static Progress copy(Connection &source, Connection &target, const QString &schema,
                         const QString &table, const std::atomic<bool> *cancel = nullptr,
                         const std::function<void(const Progress &)> &progress = {},
                         const Options &options = {});

    // The columns COPY moves: not dropped, not generated, in table order, quoted and
    // comma-separated; empty when there is no such table.
    static QString copyableColumns(Connection &source, const QString &schema, const QString &table);
    // The query behind it, for many tables at once: $1 is an oid[] of tables; it returns each
    // table's oid, its columns (quoted, comma-separated) and whether all of them have
    // built-in types with a binary form.
    static QString columnsQuery(const Connection &source);
};

} // namespace pgshift::core
