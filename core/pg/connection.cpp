#include "core/pg/connection.h"

#include "core/log/corelog.h"
#include "core/log/secretregistry.h"
#include "core/pg/pgerror.h"

#include <QDateTime>

#include <libpq-fe.h>

#include <cstring>
#include <optional>
#include <vector>

namespace pgshift::core {
namespace {

void logNotice(void *arg, const PGresult *result)
{
    const auto *endpoint = static_cast<const QString *>(arg);
    const QString text = QString::fromUtf8(PQresultErrorMessage(result)).trimmed();
    logger()->info("server notice from {}: {}", *endpoint, SecretRegistry::scrub(text));
}

QByteArray paramText(const QVariant &value)
{
    switch (value.typeId()) {
    case QMetaType::Bool:
        return value.toBool() ? "true" : "false";
    case QMetaType::QByteArray:
        return value.toByteArray();
    case QMetaType::QDateTime:
        return value.toDateTime().toString(Qt::ISODateWithMs).toUtf8();
    default:
        return value.toString().toUtf8();
    }
}

} // namespace

Connection::Connection(const ConnectionSettings &settings)
    : m_settings(settings)
    , m_endpoint(settings.redacted())
{
    SecretRegistry::remember(settings.password());
    const auto params = settings.libpqParams();
    std::vector<const char *> keywords;
    std::vector<const char *> values;
    for (const auto &[keyword, value] : params) {
        keywords.push_back(keyword.constData());
        values.push_back(value.constData());
    }
    keywords.push_back(nullptr);
    values.push_back(nullptr);

    logger()->info("connecting to {}", m_endpoint);
    // expand_dbname = 0: a database name is only ever a name, never a second conninfo.
    m_conn = PQconnectdbParams(keywords.data(), values.data(), 0);
    if (!m_conn || PQstatus(m_conn) != CONNECTION_OK) {
        PgError error = PgError::fromConnection(m_conn, settings.password());
        PQfinish(m_conn);
        m_conn = nullptr;
        logger()->warn("connection to {} failed: {}", m_endpoint, error.message());
        throw error;
    }
    PQsetNoticeReceiver(m_conn, &logNotice, &m_endpoint);
    m_cancel = PQgetCancel(m_conn);
    logger()->info("connected to {} (PostgreSQL {})", m_endpoint, serverVersion());
}

Connection::~Connection()
{
    {
        std::lock_guard lock(m_cancelMutex);
        PQfreeCancel(m_cancel);
        m_cancel = nullptr;
    }
    PQfinish(m_conn);
}

Result Connection::exec(const QString &sql, const QVariantList &params)
{
    return execLogged(sql, params, sql);
}

Result Connection::execShownAs(const QString &sql, const QString &shownAs)
{
    return execLogged(sql, {}, shownAs);
}

Result Connection::execLogged(const QString &sql, const QVariantList &params, const QString &shownAs)
{
    std::vector<QByteArray> storage;
    std::vector<const char *> values;
    storage.reserve(static_cast<size_t>(params.size()));
    for (const QVariant &param : params) {
        if (!param.isValid() || param.isNull()) {
            values.push_back(nullptr);
        } else {
            storage.push_back(paramText(param));
            values.push_back(storage.back().constData());
        }
    }
    logger()->debug("SQL on {}: {}{}", m_endpoint, shownAs,
                    params.isEmpty() ? std::string()
                                     : fmt::format(" ({} parameters)", params.size()));

    PGresult *raw = PQexecParams(m_conn, sql.toUtf8().constData(), static_cast<int>(values.size()),
                                 nullptr, values.data(), nullptr, nullptr, 0);
    Result result(raw);
    const ExecStatusType status = raw ? PQresultStatus(raw) : PGRES_FATAL_ERROR;
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY)
        return result;
    PgError error = raw ? PgError::fromResult(raw, m_settings.password())
                        : PgError::fromConnection(m_conn, m_settings.password());
    if (PQstatus(m_conn) == CONNECTION_BAD)
        error = PgError(PgError::Kind::Connection, error.message());
    logger()->warn("SQL failed on {}: {}", m_endpoint, error.serverText());
    throw error;
}

qint64 Connection::copyOut(const QString &sql,
                           const std::function<bool(const char *data, int size)> &sink)
{
    logger()->debug("SQL on {}: {}", m_endpoint, sql);
    PGresult *started = PQexec(m_conn, sql.toUtf8().constData());
    const Result start(started);
    // PQexec reports the COPY_OUT state as its result; anything else is an error.
    if (!started || PQresultStatus(started) != PGRES_COPY_OUT)
        throw started ? PgError::fromResult(started, m_settings.password())
                      : PgError::fromConnection(m_conn, m_settings.password());
    bool stopped = false;
    for (;;) {
        char *buffer = nullptr;
        const int size = PQgetCopyData(m_conn, &buffer, 0);
        if (size > 0) {
            const bool more = stopped || sink(buffer, size);
            PQfreemem(buffer);
            if (!more && !stopped) {
                stopped = true;
                cancel(); // the server stops sending; the rest is drained below
            }
            continue;
        }
        if (buffer)
            PQfreemem(buffer);
        break; // -1: done (or cancelled); -2: error; both are reported by PQgetResult
    }
    qint64 rows = 0;
    std::optional<PgError> failure;
    while (PGresult *raw = PQgetResult(m_conn)) {
        Result result(raw);
        if (PQresultStatus(raw) == PGRES_COMMAND_OK)
            rows = result.affectedRows();
        else if (!failure && PQresultStatus(raw) != PGRES_COPY_OUT)
            failure = PgError::fromResult(raw, m_settings.password());
    }
    if (stopped)
        throw PgError(PgError::Kind::Cancelled, QStringLiteral("COPY was cancelled"));
    if (failure)
        throw *failure;
    if (PQstatus(m_conn) == CONNECTION_BAD)
        throw PgError::fromConnection(m_conn, m_settings.password());
    return rows;
}

void Connection::beginCopyIn(const QString &sql)
{
    logger()->debug("SQL on {}: {}", m_endpoint, sql);
    PGresult *raw = PQexec(m_conn, sql.toUtf8().constData());
    Result result(raw);
    if (!raw || PQresultStatus(raw) != PGRES_COPY_IN)
        throw raw ? PgError::fromResult(raw, m_settings.password())
                  : PgError::fromConnection(m_conn, m_settings.password());
}

void Connection::putCopyData(const char *data, int size)
{
    if (PQputCopyData(m_conn, data, size) != 1)
        throw PgError::fromConnection(m_conn, m_settings.password());
}

qint64 Connection::endCopyIn()
{
    if (PQputCopyEnd(m_conn, nullptr) != 1)
        throw PgError::fromConnection(m_conn, m_settings.password());
    qint64 rows = 0;
    std::optional<PgError> failure;
    while (PGresult *raw = PQgetResult(m_conn)) {
        Result result(raw);
        if (PQresultStatus(raw) == PGRES_COMMAND_OK)
            rows = result.affectedRows();
        else if (!failure)
            failure = PgError::fromResult(raw, m_settings.password());
    }
    if (failure)
        throw *failure;
    return rows;
}

std::optional<PgError> Connection::abortCopyIn(const QString &reason)
{
    PQputCopyEnd(m_conn, reason.toUtf8().constData());
    std::optional<PgError> own;
    while (PGresult *raw = PQgetResult(m_conn)) {
        Result result(raw);
        if (PQresultStatus(raw) != PGRES_FATAL_ERROR || own)
            continue;
        PgError error = PgError::fromResult(raw, m_settings.password());
        if (!error.message().contains(reason)) // not the abort we just asked for
            own = error;
    }
    return own;
}

bool Connection::cancel() noexcept
{
    std::lock_guard lock(m_cancelMutex);
    if (!m_cancel)
        return false;
    char errbuf[256] = {};
    const bool sent = PQcancel(m_cancel, errbuf, sizeof errbuf) == 1;
    if (!sent)
        logger()->warn("could not send a cancel request to {}: {}", m_endpoint, errbuf);
    return sent;
}

bool Connection::isAlive() const
{
    return m_conn && PQstatus(m_conn) == CONNECTION_OK;
}

int Connection::serverVersionNumber() const
{
    return PQserverVersion(m_conn);
}

int Connection::serverMajorVersion() const
{
    const int number = serverVersionNumber();
    return number >= 100000 ? number / 10000 : number / 100;
}

QString Connection::serverVersion() const
{
    return parameterStatus("server_version");
}

QString Connection::parameterStatus(const char *name) const
{
    const char *value = PQparameterStatus(m_conn, name);
    return value ? QString::fromUtf8(value) : QString();
}

ConnectionSettings Connection::effectiveSettings() const
{
    static const QStringList kept{QStringLiteral("host"),           QStringLiteral("hostaddr"),
                                  QStringLiteral("port"),           QStringLiteral("dbname"),
                                  QStringLiteral("user"),           QStringLiteral("password"),
                                  QStringLiteral("sslmode"),        QStringLiteral("channel_binding"),
                                  QStringLiteral("connect_timeout"), QStringLiteral("target_session_attrs"),
                                  QStringLiteral("gssencmode"),     QStringLiteral("sslnegotiation")};
    ConnectionSettings effective;
    PQconninfoOption *options = PQconninfo(m_conn);
    for (PQconninfoOption *o = options; o && o->keyword; ++o) {
        const QString keyword = QString::fromUtf8(o->keyword);
        // Values equal to libpq's built-in defaults add nothing.
        const bool isDefault = o->compiled && o->val && std::strcmp(o->compiled, o->val) == 0;
        if (o->val && *o->val && !isDefault && kept.contains(keyword))
            effective.setValue(keyword, QString::fromUtf8(o->val));
    }
    PQconninfoFree(options);
    // PQconninfo has the password only when the caller gave one; the passfile's stays there.
    if (effective.password().isEmpty() && PQpass(m_conn) && *PQpass(m_conn))
        effective.setPassword(QString::fromUtf8(PQpass(m_conn)));
    return effective;
}

QString Connection::quoteIdentifier(const QString &identifier) const
{
    const QByteArray utf8 = identifier.toUtf8();
    char *quoted = PQescapeIdentifier(m_conn, utf8.constData(), static_cast<size_t>(utf8.size()));
    if (!quoted)
        throw PgError::fromConnection(m_conn);
    QString out = QString::fromUtf8(quoted);
    PQfreemem(quoted);
    return out;
}

QString Connection::quoteLiteral(const QString &literal) const
{
    const QByteArray utf8 = literal.toUtf8();
    char *quoted = PQescapeLiteral(m_conn, utf8.constData(), static_cast<size_t>(utf8.size()));
    if (!quoted)
        throw PgError::fromConnection(m_conn);
    QString out = QString::fromUtf8(quoted);
    PQfreemem(quoted);
    return out;
}

QString Connection::quoteQualified(const QString &schema, const QString &name) const
{
    return quoteIdentifier(schema) + u'.' + quoteIdentifier(name);
}

void Connection::rollbackQuietly() noexcept
{
    try {
        exec(QStringLiteral("ROLLBACK"));
    } catch (...) {
    }
}

QString Connection::libpqVersion()
{
    const int v = PQlibVersion(); // 170002 for 17.2 (10 and later)
    return QStringLiteral("%1.%2").arg(v / 10000).arg(v % 10000);
}

} // namespace pgshift::core
