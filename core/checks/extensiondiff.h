#pragma once

#include <QMap>
#include <QString>
#include <QStringList>

namespace pgshift::core {

// How the source's installed extensions compare with what the target offers.
struct ExtensionDiff
{
    struct Available
    {
        QString defaultVersion;
        QString installedVersion; // empty when not installed
    };

    QStringList unavailable;  // installed on the source, not even available on the target
    QStringList notInstalled; // available on the target, not yet installed
    QStringList otherVersion; // "name source-version -> target-version"

    // `source`: name -> installed version; `target`: pg_available_extensions by name.
    static ExtensionDiff compare(const QMap<QString, QString> &source,
                                 const QMap<QString, Available> &target);
};

} // namespace pgshift::core
