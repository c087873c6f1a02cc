// ConnectionSettings: parsing with libpq's rules, formatting back, and never showing passwords.
#include "core/pg/connectionsettings.h"

#include <QTest>

using pgshift::core::ConnectionSettings;
using Fields = QMap<QString, QString>;

class TestConnectionSettings : public QObject
{
    Q_OBJECT

private slots:
    void parse_data();
    void parse();
    void roundTrip_data() { parse_data(); }
    void roundTrip();
    void redactedNeverShowsPassword_data() { parse_data(); }
    void redactedNeverShowsPassword();
    void parseErrorsNeverQuotePasswords_data();
    void parseErrorsNeverQuotePasswords();
    void libpqParamsAddDefaults();
    void libpqParamsKeepExplicitValues();
    void setValueEmptyRemoves();
    void multiHostUriFormatting();
    void problems_data();
    void problems();
};

// Columns: input, expected keyword values (empty map and non-empty error for invalid input).
void TestConnectionSettings::parse_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<Fields>("expected");
    QTest::addColumn<QString>("error");

    const QString none;
    QTest::newRow("uri full") << "postgresql://alice:s3cret@db.example.com:5432/app"
        << Fields{{"host", "db.example.com"}, {"port", "5432"}, {"user", "alice"},
                  {"password", "s3cret"}, {"dbname", "app"}} << none;
    QTest::newRow("postgres scheme") << "postgres://db.example.com/app"
        << Fields{{"host", "db.example.com"}, {"dbname", "app"}} << none;
    QTest::newRow("bare scheme") << "postgresql://" << Fields{} << none;
    QTest::newRow("host only") << "postgresql://localhost"
        << Fields{{"host", "localhost"}} << none;
    QTest::newRow("socket dir host") << "postgresql://%2Fvar%2Frun%2Fpostgresql/app"
        << Fields{{"host", "/var/run/postgresql"}, {"dbname", "app"}} << none;
    QTest::newRow("ipv6 loopback") << "postgresql://[::1]:5433/app"
        << Fields{{"host", "::1"}, {"port", "5433"}, {"dbname", "app"}} << none;
    QTest::newRow("ipv6 with query") << "postgresql://[2001:db8::1]/app?sslmode=require"
        << Fields{{"host", "2001:db8::1"}, {"dbname", "app"}, {"sslmode", "require"}} << none;
    QTest::newRow("multi host ports") << "postgresql://h1:5432,h2:5433/app"
        << Fields{{"host", "h1,h2"}, {"port", "5432,5433"}, {"dbname", "app"}} << none;
    QTest::newRow("multi host one port") << "postgresql://h1,h2:6432/app"
        << Fields{{"host", "h1,h2"}, {"port", ",6432"}, {"dbname", "app"}} << none;
    QTest::newRow("percent encoded user and password")
        << "postgresql://user%40corp:p%40ss%3Aw%2Fo%23rd@host/db"
        << Fields{{"host", "host"}, {"user", "user@corp"}, {"password", "p@ss:w/o#rd"},
                  {"dbname", "db"}} << none;
    QTest::newRow("unicode password and dbname")
        << "postgresql://alice:%E2%9C%93%C3%A9%E5%AF%86@host/caf%C3%A9"
        << Fields{{"host", "host"}, {"user", "alice"}, {"password", QString::fromUtf8("✓é密")},
                  {"dbname", QString::fromUtf8("café")}} << none;
    QTest::newRow("password with space quote backslash")
        << "postgresql://bob:a%20b%27c%22d%5Ce@host/db"
        << Fields{{"host", "host"}, {"user", "bob"}, {"password", "a b'c\"d\\e"},
                  {"dbname", "db"}} << none;
    QTest::newRow("ssl options")
        << "postgresql://host/app?sslmode=verify-full&sslrootcert=%2Fetc%2Fssl%2Froot.crt"
           "&channel_binding=require"
        << Fields{{"host", "host"}, {"dbname", "app"}, {"sslmode", "verify-full"},
                  {"sslrootcert", "/etc/ssl/root.crt"}, {"channel_binding", "require"}} << none;
    QTest::newRow("timeout and app name")
        << "postgresql://host/app?connect_timeout=3&application_name=my%20app"
        << Fields{{"host", "host"}, {"dbname", "app"}, {"connect_timeout", "3"},
                  {"application_name", "my app"}} << none;
    QTest::newRow("options with equals")
        << "postgresql://host/app?target_session_attrs=read-write&options=-c%20search_path%3Dpublic"
        << Fields{{"host", "host"}, {"dbname", "app"}, {"target_session_attrs", "read-write"},
                  {"options", "-c search_path=public"}} << none;
    QTest::newRow("service in uri") << "postgresql:///app?service=prod"
        << Fields{{"dbname", "app"}, {"service", "prod"}} << none;
    QTest::newRow("ssl=true alias") << "postgresql://host/app?ssl=true"
        << Fields{{"host", "host"}, {"dbname", "app"}, {"sslmode", "require"}} << none;
    QTest::newRow("port without host") << "postgresql://:6543/app"
        << Fields{{"port", "6543"}, {"dbname", "app"}} << none;
    QTest::newRow("password in query") << "postgresql://host/db?user=u&password=q%26p"
        << Fields{{"host", "host"}, {"dbname", "db"}, {"user", "u"}, {"password", "q&p"}} << none;
    QTest::newRow("kv full")
        << "host=db.example.com port=5432 dbname=app user=alice password=secret"
        << Fields{{"host", "db.example.com"}, {"port", "5432"}, {"dbname", "app"},
                  {"user", "alice"}, {"password", "secret"}} << none;
    QTest::newRow("kv quoted space") << "host=db dbname='my db' user=alice"
        << Fields{{"host", "db"}, {"dbname", "my db"}, {"user", "alice"}} << none;
    QTest::newRow("kv escaped quotes") << R"(password='it\'s a "quote"' user=bob host=h)"
        << Fields{{"password", "it's a \"quote\""}, {"user", "bob"}, {"host", "h"}} << none;
    QTest::newRow("kv backslash") << R"(password='back\\slash' host=h)"
        << Fields{{"password", "back\\slash"}, {"host", "h"}} << none;
    QTest::newRow("kv spaces around equals") << "host = h  dbname =  app"
        << Fields{{"host", "h"}, {"dbname", "app"}} << none;
    QTest::newRow("kv multi host") << "host=h1,h2 port=5432,5433 dbname=app"
        << Fields{{"host", "h1,h2"}, {"port", "5432,5433"}, {"dbname", "app"}} << none;
    QTest::newRow("kv service") << "service=mydb" << Fields{{"service", "mydb"}} << none;
    QTest::newRow("kv socket dir") << "host=/tmp port=5433"
        << Fields{{"host", "/tmp"}, {"port", "5433"}} << none;
    QTest::newRow("kv unicode") << QString::fromUtf8("dbname=über user=jürgen host=h")
        << Fields{{"dbname", QString::fromUtf8("über")}, {"user", QString::fromUtf8("jürgen")},
                  {"host", "h"}} << none;
    QTest::newRow("kv surrounding whitespace") << "   host=h   dbname=app   "
        << Fields{{"host", "h"}, {"dbname", "app"}} << none;
    QTest::newRow("kv hostaddr") << "hostaddr=127.0.0.1 port=5432 sslmode=disable"
        << Fields{{"hostaddr", "127.0.0.1"}, {"port", "5432"}, {"sslmode", "disable"}} << none;
    QTest::newRow("kv empty value dropped") << "host=h password=''"
        << Fields{{"host", "h"}} << none;

    QTest::newRow("bad: empty") << "" << Fields{} << "empty";
    QTest::newRow("bad: only spaces") << "   " << Fields{} << "empty";
    QTest::newRow("bad: unknown uri param") << "postgresql://host/app?nosuchparam=1"
        << Fields{} << "invalid URI query parameter";
    QTest::newRow("bad: unknown keyword") << "host=h nosuchkeyword=1"
        << Fields{} << "invalid connection option";
    QTest::newRow("bad: missing equals") << "host=h dbname" << Fields{} << "missing \"=\"";
    QTest::newRow("bad: query without value") << "postgresql://host/app?sslmode"
        << Fields{} << "missing key/value separator";
    QTest::newRow("bad: bad percent escape") << "postgresql://host/ap%zzp"
        << Fields{} << "invalid percent-encoded token";
    QTest::newRow("bad: unterminated quote") << "password='unterminated host=h"
        << Fields{} << "unterminated quoted string";
    QTest::newRow("bad: unterminated ipv6") << "postgresql://[::1/db"
        << Fields{} << "IPv6";
    QTest::newRow("bad: other scheme") << "mysql://host/db" << Fields{} << "missing \"=\"";
    QTest::newRow("bad: plain host name") << "db.example.com" << Fields{} << "missing \"=\"";
}

void TestConnectionSettings::parse()
{
    QFETCH(QString, input);
    QFETCH(Fields, expected);
    QFETCH(QString, error);

    QString why;
    const auto settings = ConnectionSettings::parse(input, &why);
    if (!error.isEmpty()) {
        QVERIFY2(!settings, qPrintable(settings ? settings->toKeywordValue() : QString()));
        QVERIFY2(why.contains(error, Qt::CaseInsensitive), qPrintable(why));
        return;
    }
    QVERIFY2(settings, qPrintable(why));
    QCOMPARE(settings->keywords(), expected.keys());
    for (auto it = expected.cbegin(); it != expected.cend(); ++it)
        QCOMPARE(settings->value(it.key()), it.value());
}

void TestConnectionSettings::roundTrip()
{
    QFETCH(QString, input);
    QFETCH(QString, error);
    if (!error.isEmpty())
        return; // nothing to format
    const auto original = ConnectionSettings::parse(input);
    QVERIFY(original);

    const QString uri = original->toUri(ConnectionSettings::Password::Include);
    const auto fromUri = ConnectionSettings::parse(uri);
    QVERIFY2(fromUri, qPrintable(uri));
    QCOMPARE(fromUri->toKeywordValue(ConnectionSettings::Password::Include),
             original->toKeywordValue(ConnectionSettings::Password::Include));
    QVERIFY(*fromUri == *original);

    const QString kv = original->toKeywordValue(ConnectionSettings::Password::Include);
    const auto fromKv = ConnectionSettings::parse(kv.isEmpty() ? QStringLiteral("postgresql://") : kv);
    QVERIFY2(fromKv, qPrintable(kv));
    QVERIFY2(*fromKv == *original, qPrintable(kv));
}

void TestConnectionSettings::redactedNeverShowsPassword()
{
    QFETCH(QString, input);
    QFETCH(QString, error);
    if (!error.isEmpty())
        return;
    const auto settings = ConnectionSettings::parse(input);
    QVERIFY(settings);
    const QString password = settings->password();
    for (const QString &shown :
         {settings->redacted(), settings->toUri(), settings->toKeywordValue(),
          settings->toKeywordValue(ConnectionSettings::Password::Mask)}) {
        if (!password.isEmpty()) {
            QVERIFY2(!shown.contains(password), qPrintable(shown));
            QVERIFY2(!shown.contains(QString::fromLatin1(QUrl::toPercentEncoding(password))),
                     qPrintable(shown));
        }
    }
    if (!password.isEmpty())
        QVERIFY(settings->redacted().contains(QLatin1String("***")));
}

void TestConnectionSettings::parseErrorsNeverQuotePasswords_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("secret");
    QTest::newRow("bad escape in password") << "postgresql://u:Hunter%zz2@h/db" << "Hunter";
    QTest::newRow("unterminated quoted password") << "host=h password='Tr0ub4dor" << "Tr0ub4dor";
    QTest::newRow("space splits password") << "host=h password=open sesame" << "sesame";
    QTest::newRow("bad query after password") << "postgresql://u:Swordfish@h/db?bogus=1"
                                              << "Swordfish";
}

void TestConnectionSettings::parseErrorsNeverQuotePasswords()
{
    QFETCH(QString, input);
    QFETCH(QString, secret);
    QString why;
    QVERIFY(!ConnectionSettings::parse(input, &why));
    QVERIFY(!why.isEmpty());
    QVERIFY2(!why.contains(secret), qPrintable(why));
}

void TestConnectionSettings::libpqParamsAddDefaults()
{
    ConnectionSettings settings;
    settings.setHost(QStringLiteral("h"));
    const auto params = settings.libpqParams();
    QMap<QByteArray, QByteArray> map;
    for (const auto &[k, v] : params)
        map.insert(k, v);
    QCOMPARE(map.value("host"), QByteArray("h"));
    QCOMPARE(map.value("application_name"), QByteArray("pgshift"));
    QCOMPARE(map.value("connect_timeout"), QByteArray("10"));
    QCOMPARE(settings.connectTimeout(), 10);
}

void TestConnectionSettings::libpqParamsKeepExplicitValues()
{
    auto settings = ConnectionSettings::parse(
        QStringLiteral("host=h application_name=reporting connect_timeout=3"));
    QVERIFY(settings);
    int appNames = 0;
    for (const auto &[k, v] : settings->libpqParams()) {
        if (k == "application_name") {
            ++appNames;
            QCOMPARE(v, QByteArray("reporting"));
        }
        if (k == "connect_timeout")
            QCOMPARE(v, QByteArray("3"));
    }
    QCOMPARE(appNames, 1);
    QCOMPARE(settings->connectTimeout(), 3);
}

void TestConnectionSettings::setValueEmptyRemoves()
{
    ConnectionSettings settings;
    settings.setUser(QStringLiteral("alice"));
    QVERIFY(settings.contains(QStringLiteral("user")));
    settings.setUser(QString());
    QVERIFY(!settings.contains(QStringLiteral("user")));
    QCOMPARE(settings.toUri(), QStringLiteral("postgresql://"));
}

void TestConnectionSettings::multiHostUriFormatting()
{
    ConnectionSettings settings;
    settings.setHost(QStringLiteral("a.example,b.example"));
    settings.setPort(6432);
    settings.setDbname(QStringLiteral("app db"));
    QCOMPARE(settings.toUri(), QStringLiteral("postgresql://a.example:6432,b.example:6432/app%20db"));
    settings.setPort(QStringLiteral("1,2,3")); // more ports than hosts: libpq decides, not us
    QCOMPARE(settings.toUri(), QStringLiteral("postgresql://a.example,b.example/app%20db?port=1%2C2%2C3"));
}

void TestConnectionSettings::problems_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("keyword"); // empty: no problem expected
    QTest::addColumn<QString>("message");

    QTest::newRow("fine") << "host=h port=5432 sslmode=require" << "" << "";
    QTest::newRow("fine: service only") << "service=prod" << "" << "";
    QTest::newRow("fine: hostaddr only") << "hostaddr=127.0.0.1" << "" << "";
    QTest::newRow("fine: multi port") << "host=a,b port=5432,5433" << "" << "";
    QTest::newRow("fine: system root cert") << "host=h sslrootcert=system" << "" << "";
    QTest::newRow("empty host") << "dbname=app" << "host" << "No host given";
    QTest::newRow("port 0") << "host=h port=0" << "port" << "from 1 to 65535, not \"0\"";
    QTest::newRow("port 70000") << "host=h port=70000" << "port" << "not \"70000\"";
    QTest::newRow("port abc") << "host=h port=abc" << "port" << "not \"abc\"";
    QTest::newRow("port negative") << "host=h port=-1" << "port" << "not \"-1\"";
    QTest::newRow("one bad port of two") << "host=a,b port=5432,99999" << "port" << "99999";
    QTest::newRow("unknown sslmode") << "host=h sslmode=bogus" << "sslmode" << "\"bogus\" is not one of";
    QTest::newRow("unknown channel binding") << "host=h channel_binding=maybe" << "channel_binding" << "\"maybe\"";
    QTest::newRow("missing root cert") << "host=h sslrootcert=/nonexistent/root.crt" << "sslrootcert"
                                       << "/nonexistent/root.crt does not exist";
    QTest::newRow("bad timeout") << "host=h connect_timeout=soon" << "connect_timeout" << "\"soon\"";
}

void TestConnectionSettings::problems()
{
    QFETCH(QString, input);
    QFETCH(QString, keyword);
    QFETCH(QString, message);
    qunsetenv("PGHOST");
    qunsetenv("PGSERVICE");
    const auto settings = ConnectionSettings::parse(input);
    QVERIFY(settings);
    const auto found = settings->problems();
    if (keyword.isEmpty()) {
        QVERIFY2(found.isEmpty(), qPrintable(found.isEmpty() ? QString() : found.first().message));
        return;
    }
    QCOMPARE(found.size(), 1);
    QCOMPARE(found.first().keyword, keyword);
    QVERIFY2(found.first().message.contains(message), qPrintable(found.first().message));
}

QTEST_GUILESS_MAIN(TestConnectionSettings)
#include "tst_connectionsettings.moc"
