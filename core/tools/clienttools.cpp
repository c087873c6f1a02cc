#include "core/tools/clienttools.h"

#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QStandardPaths>

#include <algorithm>

namespace pgshift::core {

int ClientTools::parseMajor(const QString &versionOutput, QString *version)
{
    static const QRegularExpression pattern(
        QStringLiteral("\\(PostgreSQL\\)\\s+((\\d+)(?:\\.(\\d+))?(?:\\.\\d+)*)"));
    const auto match = pattern.match(versionOutput);
    if (!match.hasMatch())
        return 0;
    if (version)
        *version = match.captured(1);
    const int first = match.captured(2).toInt();
    // Before 10 the major version had two parts (9.6): numbered 906, as servers report it.
    return first >= 10 ? first : first * 100 + match.captured(3).toInt();
}

QList<ClientTools::Tool> ClientTools::find(const QString &name)
{
    QStringList candidates;
    const QString onPath = QStandardPaths::findExecutable(name);
    if (!onPath.isEmpty())
        candidates << onPath;
    QStringList dirs;
    if (const QString extra = qEnvironmentVariable("PGSHIFT_PG_CLIENT_BINDIR"); !extra.isEmpty())
        dirs << extra;
    const QDir debian(QStringLiteral("/usr/lib/postgresql"));
    for (const QString &version : debian.entryList(QDir::Dirs | QDir::NoDotAndDotDot))
        dirs << debian.filePath(version + QStringLiteral("/bin"));
    for (const QString &dir : dirs) {
        const QFileInfo info(QDir(dir).filePath(name));
        if (info.isFile() && info.isExecutable())
            candidates << info.filePath();
    }
    QList<Tool> tools;
    QSet<QString> seen;
    for (const QString &candidate : candidates) {
        const QString real = QFileInfo(candidate).canonicalFilePath();
        if (real.isEmpty() || seen.contains(real))
            continue;
        seen.insert(real);
        QProcess process;
        process.start(real, {QStringLiteral("--version")});
        if (!process.waitForFinished(10000) || process.exitCode() != 0)
            continue;
        Tool tool{name, real, 0, {}};
        tool.major = parseMajor(QString::fromLocal8Bit(process.readAllStandardOutput()), &tool.version);
        if (tool.major > 0)
            tools << tool;
    }
    std::stable_sort(tools.begin(), tools.end(), [](const Tool &a, const Tool &b) { return a.major > b.major; });
    return tools;
}

ClientTools::Tool ClientTools::best(const QString &name, int minimumMajor)
{
    return best(find(name), name, minimumMajor);
}

ClientTools::Tool ClientTools::best(const QList<Tool> &found, const QString &name, int minimumMajor)
{
    for (const Tool &tool : found) {
        if (tool.major >= minimumMajor)
            return tool;
    }
    return Tool{name, {}, 0, {}};
}

} // namespace pgshift::core
