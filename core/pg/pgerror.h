#pragma once

#include <QCoreApplication>
#include <QString>

#include <stdexcept>

struct pg_conn;
struct pg_result;

namespace pgshift::core {

// The one error type of the libpq layer: the server's report (SQLSTATE, message, detail,
// hint) plus a plain-words explanation for people who do not read SQLSTATEs.
class PgError : public std::runtime_error
{
    Q_DECLARE_TR_FUNCTIONS(pgshift::core::PgError)
public:
    enum class Kind {
        Connection, // could not connect, or the connection broke
        Query,      // the server rejected a statement
        Cancelled,  // pgshift cancelled the statement
        Usage,      // pgshift was asked for something impossible (bad settings, closed handle)
    };

    struct Fields
    {
        QString severity;
        QString sqlState;
        QString message;
        QString detail;
        QString hint;
        QString context;
    };

    PgError(Kind kind, Fields fields);
    PgError(Kind kind, const QString &message);

    // From a failed result; `secret` (the password in use) is masked in every field.
    static PgError fromResult(const pg_result *result, const QString &secret = {});
    // From a connection whose last operation failed (PQerrorMessage).
    static PgError fromConnection(const pg_conn *conn, const QString &secret = {});

    Kind kind() const { return m_kind; }
    const QString &severity() const { return m_fields.severity; }
    const QString &sqlState() const { return m_fields.sqlState; }
    const QString &message() const { return m_fields.message; }
    const QString &detail() const { return m_fields.detail; }
    const QString &hint() const { return m_fields.hint; }
    const QString &context() const { return m_fields.context; }

    // True when the server asked for a password and none was given: a caller that can ask
    // the user (a terminal prompt, a password box) should ask and try again.
    bool needsPassword() const { return m_needsPassword; }

    // What went wrong in plain words, or an empty string when there is nothing to add.
    QString explanation() const;
    // Everything the server said: message, detail, hint, context and SQLSTATE, one per line.
    QString serverText() const;

private:
    Kind m_kind;
    Fields m_fields;
    bool m_needsPassword = false;
};

} // namespace pgshift::core
