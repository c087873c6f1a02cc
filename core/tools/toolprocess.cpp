#include "core/tools/toolprocess.h"

#include "core/log/corelog.h"
#include "core/tools/temporarypassfile.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QProcess>

#ifdef Q_OS_UNIX
#include <csignal>
#include <sys/types.h>
#endif

namespace pgshift::core {
namespace {

// Asks the child to stop the way Ctrl+C does: psql, pg_dump and pg_restore then cancel the
// statements their sessions are running, so no server keeps working for a dead client.
void interrupt(QProcess &process)
{
#ifdef Q_OS_UNIX
    if (process.processId() > 0)
        ::kill(pid_t(process.processId()), SIGINT);
#else
    process.terminate();
#endif
}

} // namespace

ToolProcess::ToolProcess(const QString &program, const QStringList &arguments,
                         const ConnectionSettings &connection)
    : m_program(program)
    , m_arguments(arguments)
    , m_connection(connection)
{
}

QString ToolProcess::connectionArgument(const ConnectionSettings &connection)
{
    return QStringLiteral("--dbname=") + connection.toKeywordValue(ConnectionSettings::Password::Omit);
}

void ToolProcess::setErrorLineHandler(std::function<bool(const QString &line)> handler)
{
    m_errorLineHandler = std::move(handler);
}

ToolProcess::Outcome ToolProcess::run(const std::function<void(const QByteArray &)> &onOutput,
                                      const std::atomic<bool> *cancel, int timeoutMs) const
{
    Outcome outcome;
    const TemporaryPassfile passfile(m_connection);
    if (!m_connection.password().isEmpty() && !passfile.hasFile()) {
        outcome.errorOutput = QStringLiteral("cannot write a temporary password file: %1").arg(passfile.error());
        return outcome;
    }
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    if (passfile.hasFile()) {
        // PGPASSWORD would win over the passfile; without a passfile it is one of libpq's
        // usual lookups and stays.
        env.remove(QStringLiteral("PGPASSWORD"));
        env.insert(QStringLiteral("PGPASSFILE"), passfile.path());
    }
    // Never prompt: there is nobody at the child's terminal. A missing password fails.
    const QStringList arguments = m_arguments
        + QStringList{QStringLiteral("--no-password"), connectionArgument(m_connection)};
    logger()->info("running {} {}", QFileInfo(m_program).fileName(), arguments.join(u' '));

    QProcess process;
    process.setProcessEnvironment(env);
    process.start(m_program, arguments, QIODevice::ReadOnly);
    if (!process.waitForStarted(10000)) {
        outcome.errorOutput = process.errorString();
        return outcome;
    }
    outcome.started = true;
    QElapsedTimer timer;
    timer.start();
    QByteArray errorBuffer;
    QStringList kept;
    const auto takeErrorLines = [&](bool all) {
        errorBuffer += process.readAllStandardError();
        for (qsizetype end = errorBuffer.indexOf('\n'); end >= 0 || (all && !errorBuffer.isEmpty());
             end = errorBuffer.indexOf('\n')) {
            const qsizetype cut = end >= 0 ? end : errorBuffer.size();
            const QString line = QString::fromLocal8Bit(errorBuffer.left(cut)).trimmed();
            errorBuffer.remove(0, cut + 1);
            if (!line.isEmpty() && !(m_errorLineHandler && m_errorLineHandler(line)))
                kept << line;
        }
    };
    const auto drain = [&] {
        const QByteArray chunk = process.readAllStandardOutput();
        if (!chunk.isEmpty() && onOutput)
            onOutput(chunk);
        takeErrorLines(false);
    };
    while (process.state() != QProcess::NotRunning) {
        process.waitForReadyRead(100);
        drain();
        if (cancel && cancel->load())
            outcome.cancelled = true;
        else if (timeoutMs > 0 && timer.elapsed() > timeoutMs)
            outcome.timedOut = true;
        else
            continue;
        interrupt(process);
        if (!process.waitForFinished(1500)) {
            process.kill();
            process.waitForFinished(5000);
        }
        break;
    }
    drain();
    takeErrorLines(true);
    outcome.errorOutput = kept.join(u'\n');
    outcome.crashed = process.exitStatus() == QProcess::CrashExit && !outcome.cancelled && !outcome.timedOut;
    outcome.exitCode = process.exitCode();
    if (!outcome.ok())
        logger()->warn("{} ended: exit {}{}{} {}", QFileInfo(m_program).fileName(), outcome.exitCode,
                       outcome.cancelled ? " (cancelled)" : "", outcome.timedOut ? " (timed out)" : "",
                       outcome.errorOutput);
    return outcome;
}

} // namespace pgshift::core
