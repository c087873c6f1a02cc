#include "core/pg/connectionsettings.h"

#include <QFileInfo>
#include <QRegularExpression>
#include <QUrl>

#include <libpq-fe.h>

#include <memory>

using namespace Qt::StringLiterals;

namespace pgshift::core {
namespace {

// Keywords that a URI carries outside its query string, and the order key=value output uses.
const QStringList &leadingKeywords()
{
    static const QStringList list{QStringLiteral("host"), QStringLiteral("hostaddr"),
                                  QStringLiteral("port"), QStringLiteral("dbname"),
                                  QStringLiteral("user"), QStringLiteral("password")};
    return list;
}

QString encode(const QString &text, const QByteArray &keep = {})
{
    return QString::fromLatin1(QUrl::toPercentEncoding(text, keep));
}

QString uriHost(const QString &host)
{
    // An IPv6 address goes in brackets; a socket directory ("/run/postgresql") is encoded.
    if (host.contains(u':'))
        return u'[' + encode(host, ":") + u']';
    return encode(host);
}

QString quoteValue(const QString &value)
{
    static const QRegularExpression needsQuotes(QStringLiteral("[\\s'\\\\]"));
    if (!value.isEmpty() && !value.contains(needsQuotes))
        return value;
    QString quoted = value;
    quoted.replace(u'\\', QStringLiteral("\\\\")).replace(u'\'', QStringLiteral("\\'"));
    return u'\'' + quoted + u'\'';
}

// libpq's parse errors quote the token they choke on, which may be (part of) the password.
bool mayHoldPassword(const QString &text)
{
    return text.contains(u'@') || text.contains(QLatin1String("password"), Qt::CaseInsensitive);
}

QString elideQuotedTokens(QString message)
{
    static const QRegularExpression quoted(QStringLiteral("\"[^\"]*\""));
    return message.replace(quoted, QStringLiteral("\"…\""));
}

} // namespace

const QStringList &ConnectionSettings::sslModes()
{
    static const QStringList modes{QStringLiteral("disable"), QStringLiteral("allow"),
                                   QStringLiteral("prefer"),  QStringLiteral("require"),
                                   QStringLiteral("verify-ca"), QStringLiteral("verify-full")};
    return modes;
}

const QStringList &ConnectionSettings::channelBindingModes()
{
    static const QStringList modes{QStringLiteral("disable"), QStringLiteral("prefer"),
                                   QStringLiteral("require")};
    return modes;
}

QList<ConnectionSettings::Problem> ConnectionSettings::problems() const
{
    QList<Problem> found;
    // libpq fills an empty host from PGHOST or the service file; otherwise it would silently
    // try the local Unix socket, which is rarely what someone migrating a database meant.
    if (host().trimmed().isEmpty() && !contains(QStringLiteral("hostaddr")) && service().isEmpty()
        && qEnvironmentVariableIsEmpty("PGHOST") && qEnvironmentVariableIsEmpty("PGSERVICE"))
        found.append({QStringLiteral("host"),
                      tr("No host given: enter the server's host name or address (for a local "
                         "Unix socket, its directory, such as /var/run/postgresql).")});
    for (const QString &part : port().split(u',', Qt::SkipEmptyParts)) {
        bool ok = false;
        const int number = part.trimmed().toInt(&ok);
        if (!ok || number < 1 || number > 65535) {
            found.append({QStringLiteral("port"),
                          tr("The port must be a number from 1 to 65535, not \"%1\".").arg(part)});
            break;
        }
    }
    if (!sslmode().isEmpty() && !sslModes().contains(sslmode()))
        found.append({QStringLiteral("sslmode"),
                      tr("sslmode \"%1\" is not one of: %2.").arg(sslmode(), sslModes().join(u", "_s))});
    if (!channelBinding().isEmpty() && !channelBindingModes().contains(channelBinding()))
        found.append({QStringLiteral("channel_binding"),
                      tr("channel_binding \"%1\" is not one of: %2.")
                          .arg(channelBinding(), channelBindingModes().join(u", "_s))});
    // libpq also accepts the word "system" for the operating system's trusted roots.
    if (!sslrootcert().isEmpty() && sslrootcert() != QLatin1String("system")
        && !QFileInfo(sslrootcert()).isFile())
        found.append({QStringLiteral("sslrootcert"),
                      tr("The root certificate file %1 does not exist.").arg(sslrootcert())});
    const QString timeout = value(QStringLiteral("connect_timeout"));
    bool timeoutOk = true;
    if (!timeout.isEmpty() && (timeout.toInt(&timeoutOk) < 0 || !timeoutOk))
        found.append({QStringLiteral("connect_timeout"),
                      tr("connect_timeout must be a whole number of seconds, not \"%1\".").arg(timeout)});
    return found;
}

std::optional<ConnectionSettings> ConnectionSettings::parse(const QString &text, QString *error)
{
    const auto fail = [error](const QString &why) {
        if (error)
            *error = why;
        return std::nullopt;
    };
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return fail(tr("The connection string is empty."));

    char *rawError = nullptr;
    std::unique_ptr<PQconninfoOption, decltype(&PQconninfoFree)> options(
        PQconninfoParse(trimmed.toUtf8().constData(), &rawError), &PQconninfoFree);
    if (!options) {
        QString why = rawError ? QString::fromUtf8(rawError).trimmed() : tr("out of memory");
        PQfreemem(rawError);
        if (mayHoldPassword(trimmed))
            why = elideQuotedTokens(why);
        return fail(tr("Not a valid connection string: %1").arg(why));
    }

    ConnectionSettings settings;
    for (const PQconninfoOption *o = options.get(); o->keyword; ++o) {
        if (o->val && *o->val)
            settings.m_values.insert(QString::fromUtf8(o->keyword), QString::fromUtf8(o->val));
    }
    return settings;
}

void ConnectionSettings::setValue(const QString &keyword, const QString &value)
{
    if (value.isEmpty())
        m_values.remove(keyword);
    else
        m_values.insert(keyword, value);
}

QStringList ConnectionSettings::hosts() const
{
    return host().isEmpty() ? QStringList() : host().split(u',');
}

int ConnectionSettings::connectTimeout() const
{
    bool ok = false;
    const int seconds = value(QStringLiteral("connect_timeout")).toInt(&ok);
    return ok ? seconds : DefaultConnectTimeout;
}

QString ConnectionSettings::toUri(Password passwordMode) const
{
    QString uri = QStringLiteral("postgresql://");
    QMap<QString, QString> query = m_values;
    for (const QString &keyword : leadingKeywords())
        query.remove(keyword);
    if (contains(QStringLiteral("hostaddr")))
        query.insert(QStringLiteral("hostaddr"), value(QStringLiteral("hostaddr")));

    const QString secret = passwordMode == Password::Mask ? QStringLiteral("***")
                                                          : encode(password());
    const bool withPassword = !password().isEmpty() && passwordMode != Password::Omit;
    if (!user().isEmpty()) {
        uri += encode(user());
        if (withPassword)
            uri += u':' + secret;
        uri += u'@';
    } else if (withPassword) {
        query.insert(QStringLiteral("password"), password());
    }

    // Ports go next to their hosts when libpq can pair them; otherwise into the query string.
    const QStringList hostList = hosts();
    const QStringList ports = port().isEmpty() ? QStringList() : port().split(u',');
    const bool inlinePorts = !hostList.isEmpty()
        && (ports.size() == 1 || ports.size() == hostList.size());
    QStringList authority;
    for (qsizetype i = 0; i < hostList.size(); ++i) {
        QString part = uriHost(hostList.at(i));
        if (inlinePorts) {
            const QString &p = ports.size() == 1 ? ports.first() : ports.at(i);
            if (!p.isEmpty())
                part += u':' + p;
        }
        authority << part;
    }
    if (!inlinePorts && !ports.isEmpty())
        query.insert(QStringLiteral("port"), port());
    uri += authority.join(u',');

    if (!dbname().isEmpty())
        uri += u'/' + encode(dbname());
    QStringList params;
    for (auto it = query.cbegin(); it != query.cend(); ++it) {
        const bool mask = it.key() == QLatin1String("password") && passwordMode == Password::Mask;
        params << encode(it.key()) + u'=' + (mask ? secret : encode(it.value()));
    }
    if (!params.isEmpty())
        uri += u'?' + params.join(u'&');
    return uri;
}

QString ConnectionSettings::toKeywordValue(Password passwordMode) const
{
    QStringList order;
    for (const QString &keyword : leadingKeywords()) {
        if (contains(keyword))
            order << keyword;
    }
    for (const QString &keyword : m_values.keys()) {
        if (!leadingKeywords().contains(keyword))
            order << keyword;
    }
    QStringList parts;
    for (const QString &keyword : order) {
        if (keyword == QLatin1String("password")) {
            if (passwordMode == Password::Omit)
                continue;
            if (passwordMode == Password::Mask) {
                parts << QStringLiteral("password=***");
                continue;
            }
        }
        parts << keyword + u'=' + quoteValue(value(keyword));
    }
    return parts.join(u' ');
}

std::vector<std::pair<QByteArray, QByteArray>> ConnectionSettings::libpqParams() const
{
    std::vector<std::pair<QByteArray, QByteArray>> params;
    for (auto it = m_values.cbegin(); it != m_values.cend(); ++it) {
        if (it.key() != u"client_encoding")
            params.emplace_back(it.key().toUtf8(), it.value().toUtf8());
    }
    // pgshift's own sessions speak UTF-8 whatever the database encoding: text goes through
    // QString, and COPY streams pass between two servers that must agree on the encoding.
    params.emplace_back("client_encoding", "UTF8");
    if (!contains(QStringLiteral("application_name")))
        params.emplace_back("application_name", "pgshift");
    if (!contains(QStringLiteral("connect_timeout")))
        params.emplace_back("connect_timeout", QByteArray::number(DefaultConnectTimeout));
    return params;
}

} // namespace pgshift::core
