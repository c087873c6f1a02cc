#pragma once

#include <QByteArray>
#include <QMap>
#include <QString>
#include <QStringList>

namespace pgshift::testsupport {

// The pgshift binary run once, without a terminal and without inherited PGSHIFT_SOURCE,
// PGSHIFT_TARGET or PGPASSWORD: its exit code and what it printed.
struct CliRun
{
    int exitCode = -1; // -1: it did not finish within the time limit
    QByteArray out;
    QByteArray err;

    static CliRun run(const QString &binary, const QStringList &arguments, const QString &logDir,
                      const QMap<QString, QString> &environment = {}, int timeoutMs = 120000);
};

} // namespace pgshift::testsupport
