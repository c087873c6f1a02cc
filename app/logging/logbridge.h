#pragma once

#include "core/log/logentry.h"

#include <QObject>

#include <spdlog/sinks/base_sink.h>

#include <mutex>

namespace pgshift::app {

// A long-lived object that re-emits log lines as a Qt signal, so the in-app log panel can
// show them. Log lines arrive from any thread; connect with a queued connection.
class LogBridge final : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

signals:
    void entryLogged(const pgshift::core::LogEntry &entry);
};

// The spdlog sink that feeds a LogBridge. The bridge must outlive every logger using this sink.
class LogBridgeSink final : public spdlog::sinks::base_sink<std::mutex>
{
public:
    explicit LogBridgeSink(LogBridge *bridge)
        : m_bridge(bridge)
    {
    }

protected:
    void sink_it_(const spdlog::details::log_msg &msg) override;
    void flush_() override { }

private:
    LogBridge *m_bridge;
};

} // namespace pgshift::app
