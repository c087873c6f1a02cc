#include "tests/support/clirun.h"

#include <QProcess>

namespace pgshift::testsupport {

CliRun CliRun::run(const QString &binary, const QStringList &arguments, const QString &logDir,
                   const QMap<QString, QString> &environment, int timeoutMs)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char *name : {"PGSHIFT_SOURCE", "PGSHIFT_TARGET", "PGPASSWORD", "DISPLAY"})
        env.remove(QString::fromLatin1(name));
    env.insert(QStringLiteral("PGSHIFT_LOG_DIR"), logDir);
    for (auto it = environment.cbegin(); it != environment.cend(); ++it)
        env.insert(it.key(), it.value());
    process.setProcessEnvironment(env);
    process.start(binary, arguments);
    process.closeWriteChannel();
    CliRun result;
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished(5000);
        return result;
    }
    result.exitCode = process.exitCode();
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

} // namespace pgshift::testsupport
