#pragma once

#include <QCoreApplication>
#include <QString>
#include <QStringList>

namespace pgshift::core {

class Connection;
class ConnectionSettings;

// How writes stop on the source before the last changes are caught up or copied.
enum class WriteBlock {
    Confirmed, // the user stopped the application; pgshift blocks nothing
    Roles,     // ALTER ROLE ... SET default_transaction_read_only for chosen roles, their sessions ended
    Database,  // ALTER DATABASE ... SET default_transaction_read_only, every other session ended
};

struct WriteBlockOptions
{
    WriteBlock mode = WriteBlock::Confirmed;
    QStringList roles; // for WriteBlock::Roles

    bool blocks() const { return mode != WriteBlock::Confirmed; }
};

// pgshift's write block on the source: the read-only setting for chosen roles or the whole
// database (new transactions only, so the sessions that would still write are ended), and
// its removal. The SQL shown in previews is the SQL that runs. Replication senders and the
// caller's own session are never ended.
class WriteBlocker final
{
    Q_DECLARE_TR_FUNCTIONS(pgshift::core::WriteBlocker)
public:
    // The checklist step's title for this choice.
    static QString title(const WriteBlockOptions &options);
    // The statements block() runs, for a preview; empty for Confirmed.
    static QString previewSql(const WriteBlockOptions &options, const QString &database);

    // The sessions block() would end: "pid, user, application, from" lines.
    static QStringList sessionsToEnd(Connection &source, const WriteBlockOptions &options);

    // Makes the chosen roles or the database read-only and ends their sessions; returns how
    // many were ended. Throws PgError; the caller lifts the block after a failure.
    static int block(Connection &source, const WriteBlockOptions &options);

    // Lifts the block (the previous settings come back). Failures in words, empty when
    // writes are allowed again.
    static QStringList lift(const ConnectionSettings &source, const WriteBlockOptions &options);
};

} // namespace pgshift::core
