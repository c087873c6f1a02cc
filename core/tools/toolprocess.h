#pragma once

#include "core/pg/connectionsettings.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>

namespace pgshift::core {

// Runs one PostgreSQL client program (pg_dump, pg_restore, psql) against one database: the
// connection string goes on the command line without the password, the password only through
// a TemporaryPassfile (or libpq's own PGPASSWORD and ~/.pgpass when the settings have none),
// --no-password so it never waits at a prompt, and the child is killed on cancel or timeout.
// Blocking: run it on a worker thread.
class ToolProcess final
{
public:
    struct Outcome
    {
        int exitCode = -1;
        QString errorOutput;  // stderr, for messages
        bool started = false;
        bool cancelled = false;
        bool timedOut = false;
        bool crashed = false;

        bool ok() const { return started && !cancelled && !timedOut && !crashed && exitCode == 0; }
    };

    ToolProcess(const QString &program, const QStringList &arguments,
                const ConnectionSettings &connection);

    // The argument that carries the connection: "--dbname=<key=value without password>".
    static QString connectionArgument(const ConnectionSettings &connection);

    // Sees each stderr line as it arrives (verbose progress from pg_dump -v, pg_restore -v).
    // It returns true for a line it consumed; the other lines make up Outcome::errorOutput.
    void setErrorLineHandler(std::function<bool(const QString &line)> handler);

    // `onOutput` receives stdout as it arrives (nothing is kept otherwise). `cancel` is
    // polled every 100 ms; on cancel or timeout the child is interrupted as by Ctrl+C
    // (the tools then cancel their sessions' statements and stop their parallel workers),
    // and killed when it is still there 1.5 s later.
    // `timeoutMs` <= 0 means none.
    Outcome run(const std::function<void(const QByteArray &)> &onOutput,
                const std::atomic<bool> *cancel = nullptr, int timeoutMs = 0) const;

private:
    QString m_program;
    QStringList m_arguments;
    ConnectionSettings m_connection;
    std::function<bool(const QString &)> m_errorLineHandler;
};

} // namespace pgshift::core
