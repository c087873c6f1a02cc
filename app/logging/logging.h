#pragma once

#include <QString>

#include <spdlog/common.h>

#include <memory>

namespace pgshift::app {

class LogBridge;

// Sets up pgshift's logging once, for the lifetime of this object: a rotating file in the
// app's data directory, the log panel bridge, optionally stderr, every line passed through
// secret masking, and Qt's own messages routed into the same place.
class Logging final
{
public:
    struct Options
    {
        QString directory;                                 // empty: defaultDirectory()
        spdlog::level::level_enum fileLevel = spdlog::level::debug;
        spdlog::level::level_enum consoleLevel = spdlog::level::off; // off: no stderr sink
        bool maskSecrets = true; // the SecretRegistry safety net; tests turn it off to prove
                                 // that the code itself never logs a secret
    };

    explicit Logging(const Options &options);
    ~Logging();
    Q_DISABLE_COPY_MOVE(Logging)

    // <app data>/logs, or $PGSHIFT_LOG_DIR when set.
    static QString defaultDirectory();

    QString filePath() const { return m_filePath; }
    LogBridge *bridge() const { return m_bridge.get(); }
    void flush();

private:
    QString m_filePath;
    std::unique_ptr<LogBridge> m_bridge;
};

} // namespace pgshift::app
