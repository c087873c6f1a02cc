// The pgshift executable's command line: help, version, and exit code 2 for bad usage.
// Runs the real binary without a display, as scripts and CI do.
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

class TestCli : public QObject
{
    Q_OBJECT

private slots:
    void run_data();
    void run();
    void followsTheSystemLanguage();

private:
    QTemporaryDir m_config; // an empty settings folder: no saved language
};

void TestCli::run_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("stdoutPattern");
    QTest::addColumn<QString>("stderrPattern");

    QTest::newRow("--version") << QStringList{"--version"} << 0
                               << "^pgshift \\d+\\.\\d+\\.\\d+\\n$" << "^$";
    QTest::newRow("-v") << QStringList{"-v"} << 0 << "^pgshift \\d+\\.\\d+\\.\\d+\\n$" << "^$";
    QTest::newRow("--help") << QStringList{"--help"} << 0
                            << "Usage: pgshift.*Without a command, pgshift opens the migration "
                               "wizard.*Exit status"
                            << "^$";
    QTest::newRow("help command") << QStringList{"help"} << 0 << "Usage: pgshift" << "^$";
    QTest::newRow("unknown option") << QStringList{"--no-such-flag"} << 2 << "^$"
                                    << "no-such-flag.*pgshift --help";
    QTest::newRow("unknown short option") << QStringList{"-Z"} << 2 << "^$" << "Z";
    QTest::newRow("unknown command") << QStringList{"frobnicate"} << 2 << "^$"
                                     << "unknown command 'frobnicate'";
    QTest::newRow("value for flag") << QStringList{"--version=3"} << 2 << "^$" << "version";
    QTest::newRow("--lang unknown") << QStringList{"--lang", "xx", "--version"} << 2 << "^$"
                                    << "unknown language 'xx': pgshift speaks de, en, es, fr, ja";
    QTest::newRow("--lang without a code") << QStringList{"--lang"} << 2 << "^$" << "lang";
    QTest::newRow("--lang de") << QStringList{"--lang", "de", "--version"} << 0 << "^pgshift \\d+\\.\\d+\\.\\d+\\n$" << "^$";
    // The chosen language reaches the top-level help, usage errors and the commands' messages.
    QTest::newRow("--lang de --help") << QStringList{"--lang", "de", "--help"} << 0
                                      << "^Aufruf: pgshift.*Befehle:.*Die Quell- und/oder Zielverbindung testen" << "^$";
    QTest::newRow("--lang ja, unknown command") << QStringList{"--lang", "ja", "frobnicate"} << 2 << "^$"
                                                << QString::fromUtf8("不明なコマンド 'frobnicate'\n使い方は 'pgshift --help'");
    QTest::newRow("--lang es, bad --jobs") << QStringList{"--lang", "es", "copy", "--jobs", "0"} << 2 << "^$"
                                           << "--jobs debe ser un número de 1 a 64, no '0'";
    QTest::newRow("--lang fr, command help") << QStringList{"--lang", "fr", "sequences", "--help"} << 0
                                             << "^Utilisation : pgshift sequences \\[options\\]\n.*Exécuter les instructions sur la cible," << "^$";
}

void TestCli::run()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QString, stdoutPattern);
    QFETCH(QString, stderrPattern);

    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    // No display of any kind: the command line must not need one.
    env.remove(QStringLiteral("DISPLAY"));
    env.remove(QStringLiteral("WAYLAND_DISPLAY"));
    env.remove(QStringLiteral("QT_QPA_PLATFORM"));
    // English unless a row says --lang: no language from the caller's locale or saved settings.
    env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C.UTF-8"));
    env.insert(QStringLiteral("LANG"), QStringLiteral("C.UTF-8"));
    env.remove(QStringLiteral("LANGUAGE"));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_config.path());
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(PGSHIFT_BINARY), arguments);
    QVERIFY(process.waitForFinished(30000));
    const QString out = QString::fromLocal8Bit(process.readAllStandardOutput());
    const QString err = QString::fromLocal8Bit(process.readAllStandardError());
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QVERIFY2(process.exitCode() == exitCode, qPrintable(out + err));
    const auto opts = QRegularExpression::DotMatchesEverythingOption;
    QVERIFY2(QRegularExpression(stdoutPattern, opts).match(out).hasMatch(), qPrintable(out));
    QVERIFY2(QRegularExpression(stderrPattern, opts).match(err).hasMatch(), qPrintable(err));
}

void TestCli::followsTheSystemLanguage()
{
    // No --lang and nothing saved: the language of the user's locale.
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("LANGUAGE"));
    env.insert(QStringLiteral("LC_ALL"), QStringLiteral("fr_FR.UTF-8"));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_config.path());
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(PGSHIFT_BINARY), {QStringLiteral("frobnicate")});
    QVERIFY(process.waitForFinished(30000));
    const QString err = QString::fromUtf8(process.readAllStandardError());
    QCOMPARE(process.exitCode(), 2);
    QVERIFY2(err.contains(QStringLiteral("commande inconnue 'frobnicate'")), qPrintable(err));
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
