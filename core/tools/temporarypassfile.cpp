#include "core/tools/temporarypassfile.h"

#include "core/log/corelog.h"

#include <QCoreApplication>
#include <QDir>
#include <QStandardPaths>
#include <QTemporaryFile>

#include <csignal>
#include <cerrno>
#include <unistd.h>

namespace pgshift::core {
namespace {

const QString Prefix = QStringLiteral("pgshift-passfile-");

QString escaped(QString field)
{
    return field.replace(u'\\', QStringLiteral("\\\\")).replace(u':', QStringLiteral("\\:"));
}

bool processRuns(qint64 pid)
{
    return pid > 0 && (::kill(pid_t(pid), 0) == 0 || errno == EPERM);
}

} // namespace

QString TemporaryPassfile::directory()
{
    // XDG_RUNTIME_DIR is private to the user and lives in memory; else the temp directory.
    const QString runtime = QStandardPaths::writableLocation(QStandardPaths::RuntimeLocation);
    return runtime.isEmpty() ? QDir::tempPath() : runtime;
}

QString TemporaryPassfile::line(const QString &password)
{
    // This file holds one password for one child: wildcards match whatever host, port,
    // database and user the child's connection string names.
    return QStringLiteral("*:*:*:*:%1\n").arg(escaped(password));
}

TemporaryPassfile::TemporaryPassfile(const ConnectionSettings &settings)
{
    if (settings.password().isEmpty())
        return;
    auto file = std::make_unique<QTemporaryFile>(
        QDir(directory()).filePath(QStringLiteral("%1%2-XXXXXX").arg(Prefix).arg(QCoreApplication::applicationPid())));
    // QTemporaryFile creates the file 0600 before anything is written to it.
    if (!file->open()) {
        m_error = file->errorString();
        return;
    }
    const QByteArray content = line(settings.password()).toUtf8();
    if (file->write(content) != content.size() || !file->flush()) {
        m_error = file->errorString();
        return;
    }
    file->close();
    m_file = std::move(file);
}

TemporaryPassfile::~TemporaryPassfile() = default; // QTemporaryFile removes the file

QString TemporaryPassfile::path() const
{
    return m_file ? m_file->fileName() : QString();
}

int TemporaryPassfile::sweepStale()
{
    int removed = 0;
    const QDir dir(directory());
    for (const QString &name : dir.entryList({Prefix + u'*'}, QDir::Files)) {
        const qint64 pid = name.mid(Prefix.size()).section(u'-', 0, 0).toLongLong();
        if (!processRuns(pid) && QFile::remove(dir.filePath(name)))
            ++removed;
    }
    if (removed > 0)
        logger()->info("removed {} passfile(s) left by pgshift processes that ended", removed);
    return removed;
}

} // namespace pgshift::core
