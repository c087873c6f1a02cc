#include "app/logging/logbridge.h"

#include <chrono>

namespace pgshift::app {

void LogBridgeSink::sink_it_(const spdlog::details::log_msg &msg)
{
    core::LogEntry entry;
    entry.time = QDateTime::fromMSecsSinceEpoch(
        std::chrono::duration_cast<std::chrono::milliseconds>(msg.time.time_since_epoch()).count());
    entry.level = static_cast<core::LogEntry::Level>(
        std::min<int>(msg.level, static_cast<int>(core::LogEntry::Level::Critical)));
    entry.logger = QString::fromUtf8(msg.logger_name.data(),
                                     static_cast<qsizetype>(msg.logger_name.size()));
    entry.message = QString::fromUtf8(msg.payload.data(), static_cast<qsizetype>(msg.payload.size()));
    emit m_bridge->entryLogged(entry);
}

} // namespace pgshift::app
