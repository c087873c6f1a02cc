#pragma once

#include <QDateTime>
#include <QMetaType>
#include <QString>

namespace pgshift::core {

// One log line as the in-app log panel shows it.
struct LogEntry
{
    // Same order and values as spdlog::level::level_enum, so levels convert by value.
    enum class Level { Trace, Debug, Info, Warning, Error, Critical };

    QDateTime time;
    Level level = Level::Info;
    QString logger;
    QString message;
};

} // namespace pgshift::core

Q_DECLARE_METATYPE(pgshift::core::LogEntry)
