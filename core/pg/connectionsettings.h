#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>
#include <utility>
#include <vector>

namespace pgshift::core {

// Where and how to connect: every libpq keyword kept verbatim, typed accessors for the ones
// pgshift uses, and formatting back to a URI or a key=value string. Parsing is libpq's own
// (PQconninfoParse), so pgshift understands exactly what psql understands.
class ConnectionSettings
{
    Q_DECLARE_TR_FUNCTIONS(pgshift::core::ConnectionSettings)
public:
    static constexpr int DefaultConnectTimeout = 10;

    // How a formatted string shows the password.
    enum class Password { Omit, Mask, Include };

    // Something in the settings that cannot work, tied to the keyword it is about.
    struct Problem
    {
        QString keyword;
        QString message;
    };

    // The sslmode and channel_binding values libpq accepts.
    static const QStringList &sslModes();
    static const QStringList &channelBindingModes();

    ConnectionSettings() = default;

    // Parses a postgresql:// or postgres:// URI or a key=value string. On failure returns
    // nullopt and says why in `error`, never quoting the password.
    static std::optional<ConnectionSettings> parse(const QString &text, QString *error = nullptr);

    // Raw access to any libpq keyword; setting an empty value removes the keyword.
    QString value(const QString &keyword) const { return m_values.value(keyword); }
    void setValue(const QString &keyword, const QString &value);
    bool contains(const QString &keyword) const { return m_values.contains(keyword); }
    QStringList keywords() const { return m_values.keys(); }

    // Comma-separated lists when several hosts are given ("h1,h2" and "5432,5433").
    QString host() const { return value(QStringLiteral("host")); }
    QStringList hosts() const;
    QString port() const { return value(QStringLiteral("port")); }
    QString dbname() const { return value(QStringLiteral("dbname")); }
    QString user() const { return value(QStringLiteral("user")); }
    QString password() const { return value(QStringLiteral("password")); }
    QString sslmode() const { return value(QStringLiteral("sslmode")); }
    QString sslrootcert() const { return value(QStringLiteral("sslrootcert")); }
    QString channelBinding() const { return value(QStringLiteral("channel_binding")); }
    QString service() const { return value(QStringLiteral("service")); }
    // The explicit timeout, or DefaultConnectTimeout when none is set or it is not a number.
    int connectTimeout() const;

    void setHost(const QString &host) { setValue(QStringLiteral("host"), host); }
    void setPort(const QString &port) { setValue(QStringLiteral("port"), port); }
    void setPort(int port) { setPort(QString::number(port)); }
    void setDbname(const QString &dbname) { setValue(QStringLiteral("dbname"), dbname); }
    void setUser(const QString &user) { setValue(QStringLiteral("user"), user); }
    void setPassword(const QString &password) { setValue(QStringLiteral("password"), password); }
    void setSslmode(const QString &mode) { setValue(QStringLiteral("sslmode"), mode); }
    void setSslrootcert(const QString &path) { setValue(QStringLiteral("sslrootcert"), path); }
    void setChannelBinding(const QString &mode) { setValue(QStringLiteral("channel_binding"), mode); }
    void setService(const QString &name) { setValue(QStringLiteral("service"), name); }
    void setConnectTimeout(int seconds) { setValue(QStringLiteral("connect_timeout"), QString::number(seconds)); }

    // What would make a connection attempt pointless (bad port, unknown sslmode, a missing
    // certificate file, no host and no service), in the order of the form's fields.
    QList<Problem> problems() const;

    // postgresql://user:password@host:port/dbname?key=value, percent-encoded as libpq expects.
    QString toUri(Password password = Password::Omit) const;
    // host=... port=... with values quoted where libpq needs it.
    QString toKeywordValue(Password password = Password::Omit) const;
    // The form to show people and logs: a URI with the password, if any, as ***.
    QString redacted() const { return toUri(Password::Mask); }

    // Keyword/value pairs for PQconnectdbParams, with pgshift's defaults
    // (application_name=pgshift, connect_timeout=10) where the settings leave them open, and
    // always client_encoding=UTF8.
    std::vector<std::pair<QByteArray, QByteArray>> libpqParams() const;

    friend bool operator==(const ConnectionSettings &, const ConnectionSettings &) = default;

private:
    QMap<QString, QString> m_values;
};

} // namespace pgshift::core
