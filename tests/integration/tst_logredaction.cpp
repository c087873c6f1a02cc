// No password reaches any log sink (file or log panel), through every path that logs:
// connecting (right and wrong password), failing statements, server notices, parse errors,
// Qt messages, and a deliberate leak caught by the masking safety net.
#include "app/logging/logbridge.h"
#include "app/logging/logging.h"
#include "core/log/corelog.h"
#include "core/log/secretregistry.h"
#include "core/pg/connection.h"
#include "core/pg/pgerror.h"
#include "tests/support/pgserver.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

using namespace pgshift;
using namespace pgshift::testsupport;

class TestLogRedaction : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void noSecretInAnySink_data();
    void noSecretInAnySink();
    void safetyNetMasksAccidentalLeak();

private:
    // Everything every sink received: the log files' text and the panel's messages.
    QString captured(const app::Logging &logging, const QStringList &panel) const;
    void exerciseEveryLoggingPath();

    PgServer m_server;
    QString m_password;
    QString m_wrongPassword = QStringLiteral("Wr0ng-Pa55-e8d1");
    QString m_parseSecret = QStringLiteral("Parse-S3cret-77");
};

void TestLogRedaction::initTestCase()
{
    PGSHIFT_START(m_server);
    m_password = QString::fromUtf8("Log 'pw' \"with\" \\ ünïcødé-41c9");
    core::Connection admin(m_server.settings());
    admin.execShownAs(QStringLiteral("CREATE ROLE logtest LOGIN PASSWORD %1").arg(admin.quoteLiteral(m_password)),
                       QStringLiteral("CREATE ROLE logtest LOGIN PASSWORD '***'"));
    admin.exec(QStringLiteral("CREATE DATABASE logdb OWNER logtest"));
}

QString TestLogRedaction::captured(const app::Logging &logging, const QStringList &panel) const
{
    QString text = panel.join(u'\n');
    const QDir dir = QFileInfo(logging.filePath()).dir();
    for (const QString &name : dir.entryList(QDir::Files)) {
        QFile file(dir.filePath(name));
        if (file.open(QIODevice::ReadOnly))
            text += QString::fromUtf8(file.readAll());
    }
    return text;
}

void TestLogRedaction::exerciseEveryLoggingPath()
{
    core::ConnectionSettings settings = m_server.settings(QStringLiteral("logdb"));
    settings.setUser(QStringLiteral("logtest"));
    settings.setPassword(m_password);
    core::logger()->info("settings: {}", settings.redacted());
    core::logger()->info("settings as key=value: {}", settings.toKeywordValue());

    core::ConnectionSettings wrong = settings;
    wrong.setPassword(m_wrongPassword);
    try {
        core::Connection conn(wrong);
        QFAIL("the wrong password was accepted");
    } catch (const core::PgError &error) {
        core::logger()->error("{} / {}", error.message(), error.explanation());
    }

    core::Connection conn(settings);
    conn.exec(QStringLiteral("DO $$ BEGIN RAISE NOTICE 'notice from the server'; END $$"));
    try {
        conn.exec(QStringLiteral("SELECT no_such_column FROM pg_class WHERE relname = $1"),
                  {m_password});
    } catch (const core::PgError &error) {
        core::logger()->error("{}", error.serverText());
    }

    const QString encoded = QString::fromLatin1(QUrl::toPercentEncoding(m_parseSecret));
    for (const QString &bad : {QStringLiteral("postgresql://u:%1%zz@127.0.0.1/db").arg(encoded),
                               QStringLiteral("host=127.0.0.1 password='%1").arg(m_parseSecret),
                               QStringLiteral("postgresql://u:%1@127.0.0.1/db?bogus=1").arg(encoded)}) {
        QString why;
        QVERIFY(!core::ConnectionSettings::parse(bad, &why));
        core::logger()->warn("could not parse: {}", why);
    }
    qWarning("Qt message about %s", qPrintable(settings.redacted()));
}

void TestLogRedaction::noSecretInAnySink_data()
{
    QTest::addColumn<bool>("safetyNet");
    QTest::newRow("code alone, no masking net") << false;
    QTest::newRow("as shipped, with the net") << true;
}

void TestLogRedaction::noSecretInAnySink()
{
    QFETCH(bool, safetyNet);
    core::SecretRegistry::clear();
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QStringList panel;
    {
        app::Logging::Options options;
        options.directory = dir.path();
        options.maskSecrets = safetyNet;
        app::Logging logging(options);
        connect(logging.bridge(), &app::LogBridge::entryLogged, this,
                [&panel](const core::LogEntry &entry) { panel << entry.message; });
        exerciseEveryLoggingPath();
        logging.flush();
        const QString text = captured(logging, panel);

        // The paths really logged (so the absence checks below mean something).
        QVERIFY(text.contains(QLatin1String("password authentication failed")));
        QVERIFY(text.contains(QLatin1String("notice from the server")));
        QVERIFY(text.contains(QLatin1String("no_such_column")));
        QVERIFY(text.contains(QLatin1String("could not parse")));
        QVERIFY(text.contains(QLatin1String("Qt message about")));
        QVERIFY(text.contains(QLatin1String("logtest:***@")));
        QVERIFY(panel.size() > 5);

        for (const QString &secret : {m_password, m_wrongPassword, m_parseSecret}) {
            QVERIFY2(!text.contains(secret), qPrintable(secret));
            QVERIFY2(!text.contains(QString::fromLatin1(QUrl::toPercentEncoding(secret))),
                     qPrintable(secret));
        }
    }
}

void TestLogRedaction::safetyNetMasksAccidentalLeak()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QStringList panel;
    app::Logging::Options options;
    options.directory = dir.path();
    app::Logging logging(options);
    connect(logging.bridge(), &app::LogBridge::entryLogged, this,
            [&panel](const core::LogEntry &entry) { panel << entry.message; });
    core::SecretRegistry::remember(QStringLiteral("canary-pw-5150"));
    core::logger()->error("oops, a bug logged canary-pw-5150 and marker-visible-1");
    logging.flush();
    const QString text = captured(logging, panel);
    QVERIFY(text.contains(QLatin1String("oops, a bug logged *** and marker-visible-1")));
    QVERIFY(!text.contains(QLatin1String("canary-pw-5150")));
}

QTEST_GUILESS_MAIN(TestLogRedaction)
#include "tst_logredaction.moc"
