#pragma once

#include "core/pg/connectionsettings.h"
#include "core/pg/pgerror.h"
#include "core/pg/result.h"

#include <QString>
#include <QVariantList>

#include <functional>
#include <mutex>
#include <optional>

struct pg_conn;
struct pg_cancel;

namespace pgshift::core {

// One open libpq connection (RAII over PGconn). Constructing it connects; a failure throws
// PgError. Use it from one thread at a time; cancel() alone may be called from any thread.
class Connection final
{
public:
    explicit Connection(const ConnectionSettings &settings);
    ~Connection();
    Q_DISABLE_COPY_MOVE(Connection)

    // Runs one statement with text-format parameters ($1, $2, ...). A null QVariant is SQL
    // NULL. Throws PgError when the server reports an error or the connection breaks.
    Result exec(const QString &sql, const QVariantList &params = {});
    // The same for a statement that carries a secret (CREATE SUBSCRIPTION ... CONNECTION with
    // a password): the log shows `shownAs` instead.
    Result execShownAs(const QString &sql, const QString &shownAs);

    // COPY ... TO STDOUT: hands every chunk (one row in text format) to `sink`, which returns
    // false to stop (the COPY is then cancelled and PgError Cancelled thrown). Returns the
    // number of rows the server reports.
    qint64 copyOut(const QString &sql, const std::function<bool(const char *data, int size)> &sink);
    // COPY ... FROM STDIN: begin, send chunks, then end (returns rows) or abort with a reason.
    void beginCopyIn(const QString &sql);
    void putCopyData(const char *data, int size);
    qint64 endCopyIn();
    // Ends a COPY FROM STDIN without committing it. Returns the server's own error when the
    // COPY had already failed for a reason of its own (a constraint, a bad value).
    std::optional<PgError> abortCopyIn(const QString &reason);

    // Asks the server to cancel the statement running on this connection. Thread-safe;
    // returns false when the request could not be delivered.
    bool cancel() noexcept;

    bool isAlive() const;
    // e.g. 150018 for 15.18, 180004 for 18.4.
    int serverVersionNumber() const;
    int serverMajorVersion() const;
    // Ends an open transaction on the way out of a failure; a broken connection has nothing
    // left to end, so errors are swallowed.
    void rollbackQuietly() noexcept;
    // The libpq this process runs with ("17.2"), for the About dialog.
    static QString libpqVersion();
    // As the server reports it, e.g. "15.18 (Debian 15.18-0+deb12u1)".
    QString serverVersion() const;
    QString parameterStatus(const char *name) const;

    // Quoting through libpq (encoding-aware). Throws PgError for invalid text.
    QString quoteIdentifier(const QString &identifier) const;
    QString quoteLiteral(const QString &literal) const;
    // "schema"."name"
    QString quoteQualified(const QString &schema, const QString &name) const;

    const ConnectionSettings &settings() const { return m_settings; }
    // What this connection really used (PQconninfo): the service file, PG* variables and the
    // passfile resolved into plain keywords. Keywords naming files on this computer (passfile,
    // service, sslcert, sslkey, sslrootcert, sslcrl) are left out: another machine, such as a
    // server that connects back with these settings, would not have those files.
    ConnectionSettings effectiveSettings() const;
    // For the few libpq calls Connection does not wrap (COPY streaming, async queries).
    pg_conn *handle() const { return m_conn; }

private:
    Result execLogged(const QString &sql, const QVariantList &params, const QString &shownAs);

    ConnectionSettings m_settings;
    QString m_endpoint; // the redacted form, for log lines
    pg_conn *m_conn = nullptr;
    std::mutex m_cancelMutex;
    pg_cancel *m_cancel = nullptr;
};

} // namespace pgshift::core
