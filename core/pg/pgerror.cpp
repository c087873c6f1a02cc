#include "core/pg/pgerror.h"

#include <libpq-fe.h>

#include <array>
#include <utility>

namespace pgshift::core {
namespace {

QString field(const PGresult *result, int code)
{
    const char *value = PQresultErrorField(result, code);
    return value ? QString::fromUtf8(value).trimmed() : QString();
}

QString masked(QString text, const QString &secret)
{
    if (!secret.isEmpty())
        text.replace(secret, QStringLiteral("***"));
    return text;
}

struct Explanation
{
    const char *key; // SQLSTATE, or an SQLSTATE class ("08"), or a message fragment
    const char *text;
};

// Most specific first. Message fragments cover connection failures, for which libpq keeps no
// SQLSTATE; they match libpq's and the server's English texts.
constexpr std::array SqlStateExplanations = {
    Explanation{"28P01", QT_TRANSLATE_NOOP("pgshift::core::PgError",
                                           "The server rejected the password for this user.")},
    Explanation{"28000", QT_TRANSLATE_NOOP("pgshift::core::PgError",
                                           "The server does not allow this login: check pg_hba.conf "
                                           "(or the provider's network rules) and that the role may "
                                           "log in.")},
    Explanation{"3D000", QT_TRANSLATE_NOOP("pgshift::core::PgError",
                                           "That database does not exist on this server.")},
    Explanation{"53300", QT_TRANSLATE_NOOP("pgshift::core::PgError",
                                           "The server has no free connection slots left.")},
    Explanation{"42501", QT_TRANSLATE_NOOP("pgshift::core::PgError",
                                           "The user lacks a privilege this step needs.")},
    Explanation{"57014", QT_TRANSLATE_NOOP("pgshift::core::PgError", "The statement was cancelled.")},
    Explanation{"25006", QT_TRANSLATE_NOOP("pgshift::core::PgError",
                                           "The session or database is read-only.")},
    Explanation{"40P01", QT_TRANSLATE_NOOP("pgshift::core::PgError",
                                           "Deadlock: another session held locks this statement "
                                           "needed.")},
    Explanation{"57P", QT_TRANSLATE_NOOP("pgshift::core::PgError",
                                         "The server is shutting down, restarting or not yet "
                                         "accepting connections.")},
    Explanation{"08", QT_TRANSLATE_NOOP("pgshift::core::PgError",
                                        "The connection to the server failed or was lost.")},
};

constexpr std::array MessageExplanations = {
    Explanation{"password authentication failed",
                QT_TRANSLATE_NOOP("pgshift::core::PgError",
                                  "The server rejected the password for this user.")},
    Explanation{"no password supplied",
                QT_TRANSLATE_NOOP("pgshift::core::PgError",
                                  "The server wants a password and none was given: not "
                                  "directly, not in PGPASSWORD, not in the password file "
                                  "(~/.pgpass).")},
    Explanation{"no encryption",
                QT_TRANSLATE_NOOP("pgshift::core::PgError",
                                  "The server accepts this login only over SSL: set sslmode to "
                                  "require or stricter.")},
    Explanation{"pg_hba.conf rejects",
                QT_TRANSLATE_NOOP("pgshift::core::PgError",
                                  "The server's pg_hba.conf explicitly rejects this user "
                                  "connecting from here to this database.")},
    Explanation{"no pg_hba.conf entry",
                QT_TRANSLATE_NOOP("pgshift::core::PgError",
                                  "The server's pg_hba.conf has no rule that lets this user "
                                  "connect from here to this database.")},
    Explanation{"role \"", QT_TRANSLATE_NOOP("pgshift::core::PgError",
                                             "That user (role) does not exist on this server.")},
    Explanation{"database \"", QT_TRANSLATE_NOOP("pgshift::core::PgError",
                                                 "That database does not exist on this server.")},
    Explanation{"Connection refused",
                QT_TRANSLATE_NOOP("pgshift::core::PgError",
                                  "Nothing is listening at that address and port: the server is "
                                  "down, or the host or port is wrong.")},
    Explanation{"timeout expired",
                QT_TRANSLATE_NOOP("pgshift::core::PgError",
                                  "The server did not answer in time: a firewall may be dropping "
                                  "the traffic, or the host is not a PostgreSQL server.")},
    Explanation{"could not translate host name",
                QT_TRANSLATE_NOOP("pgshift::core::PgError",
                                  "The host name could not be resolved: check its spelling and "
                                  "your DNS.")},
    Explanation{"server does not support SSL",
                QT_TRANSLATE_NOOP("pgshift::core::PgError",
                                  "These settings require SSL but the server does not offer it: "
                                  "lower sslmode or enable SSL on the server.")},
    Explanation{"certificate verify failed",
                QT_TRANSLATE_NOOP("pgshift::core::PgError",
                                  "The server's certificate could not be verified: check "
                                  "sslrootcert, or use sslmode=require to encrypt without "
                                  "verifying.")},
    Explanation{"channel binding",
                QT_TRANSLATE_NOOP("pgshift::core::PgError",
                                  "channel_binding=require needs SCRAM authentication over SSL, "
                                  "and the server did not use it.")},
    Explanation{"SSL off", QT_TRANSLATE_NOOP("pgshift::core::PgError",
                                             "The server requires SSL: set sslmode to require or "
                                             "stricter.")},
    Explanation{"too many clients",
                QT_TRANSLATE_NOOP("pgshift::core::PgError",
                                  "The server has no free connection slots left.")},
    Explanation{"remaining connection slots are reserved",
                QT_TRANSLATE_NOOP("pgshift::core::PgError",
                                  "The server has no free connection slots left for ordinary "
                                  "users.")},
};

} // namespace

PgError::PgError(Kind kind, Fields fields)
    : std::runtime_error(fields.message.toStdString())
    , m_kind(kind)
    , m_fields(std::move(fields))
{
}

PgError::PgError(Kind kind, const QString &message)
    : PgError(kind, [&message] {
        Fields fields;
        fields.message = message;
        return fields;
    }())
{
}

PgError PgError::fromResult(const pg_result *result, const QString &secret)
{
    if (!result)
        return PgError(Kind::Connection, tr("The server sent no result (out of memory or the "
                                            "connection was lost)."));
    Fields f;
    f.severity = field(result, PG_DIAG_SEVERITY_NONLOCALIZED);
    f.sqlState = field(result, PG_DIAG_SQLSTATE);
    f.message = masked(field(result, PG_DIAG_MESSAGE_PRIMARY), secret);
    f.detail = masked(field(result, PG_DIAG_MESSAGE_DETAIL), secret);
    f.hint = masked(field(result, PG_DIAG_MESSAGE_HINT), secret);
    f.context = masked(field(result, PG_DIAG_CONTEXT), secret);
    if (f.message.isEmpty())
        f.message = masked(QString::fromUtf8(PQresultErrorMessage(result)).trimmed(), secret);
    Kind kind = Kind::Query;
    if (f.sqlState == QLatin1String("57014"))
        kind = Kind::Cancelled;
    else if (f.sqlState.startsWith(QLatin1String("08")) || f.sqlState.isEmpty())
        kind = Kind::Connection;
    return PgError(kind, std::move(f));
}

PgError PgError::fromConnection(const pg_conn *conn, const QString &secret)
{
    QString text = conn ? QString::fromUtf8(PQerrorMessage(conn)).trimmed()
                        : tr("Out of memory while connecting.");
    PgError error(Kind::Connection, masked(text, secret));
    error.m_needsPassword = conn && PQconnectionNeedsPassword(conn);
    return error;
}

QString PgError::explanation() const
{
    if (m_kind == Kind::Cancelled)
        return tr("The statement was cancelled.");
    if (!m_fields.sqlState.isEmpty()) {
        for (const Explanation &e : SqlStateExplanations) {
            if (m_fields.sqlState.startsWith(QLatin1String(e.key)))
                return tr(e.text);
        }
    }
    for (const Explanation &e : MessageExplanations) {
        if (m_fields.message.contains(QLatin1String(e.key), Qt::CaseInsensitive))
            return tr(e.text);
    }
    return {};
}

QString PgError::serverText() const
{
    QStringList lines{m_fields.message};
    if (!m_fields.detail.isEmpty())
        lines << tr("DETAIL: %1").arg(m_fields.detail);
    if (!m_fields.hint.isEmpty())
        lines << tr("HINT: %1").arg(m_fields.hint);
    if (!m_fields.context.isEmpty())
        lines << tr("CONTEXT: %1").arg(m_fields.context);
    if (!m_fields.sqlState.isEmpty())
        lines << tr("SQLSTATE: %1").arg(m_fields.sqlState);
    return lines.join(u'\n');
}

} // namespace pgshift::core
