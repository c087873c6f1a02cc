#include "app/logging/logging.h"

#include "app/logging/logbridge.h"
#include "app/logging/redactingsink.h"
#include "core/log/corelog.h"

#include <QDir>
#include <QStandardPaths>

#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/sinks/stdout_sinks.h>

namespace pgshift::app {
namespace {

constexpr std::size_t MaxFileBytes = 5 * 1024 * 1024;
constexpr std::size_t MaxFiles = 5;
const char *const LoggerNames[] = {core::CoreLoggerName, "app", "gui", "qt"};

void qtMessageHandler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    auto qtLogger = spdlog::get("qt");
    if (!qtLogger)
        return;
    spdlog::level::level_enum level = spdlog::level::info;
    switch (type) {
    case QtDebugMsg: level = spdlog::level::debug; break;
    case QtInfoMsg: level = spdlog::level::info; break;
    case QtWarningMsg: level = spdlog::level::warn; break;
    case QtCriticalMsg: level = spdlog::level::err; break;
    case QtFatalMsg: level = spdlog::level::critical; break;
    }
    if (context.category && qstrcmp(context.category, "default") != 0)
        qtLogger->log(level, "[{}] {}", context.category, message);
    else
        qtLogger->log(level, "{}", message);
    if (type == QtFatalMsg)
        qtLogger->flush();
}

} // namespace

Logging::Logging(const Options &options)
    : m_bridge(std::make_unique<LogBridge>())
{
    qRegisterMetaType<core::LogEntry>();
    const QString directory = options.directory.isEmpty() ? defaultDirectory() : options.directory;
    QDir().mkpath(directory);
    m_filePath = QDir(directory).filePath(QStringLiteral("pgshift.log"));

    std::vector<spdlog::sink_ptr> targets;
    auto file = std::make_shared<spdlog::sinks::rotating_file_sink_mt>(
        QDir::toNativeSeparators(m_filePath).toStdString(), MaxFileBytes, MaxFiles);
    file->set_level(options.fileLevel);
    file->set_pattern("%Y-%m-%d %H:%M:%S.%e [%t] %-5l %n: %v");
    targets.push_back(file);
    auto panel = std::make_shared<LogBridgeSink>(m_bridge.get());
    panel->set_level(spdlog::level::debug);
    targets.push_back(panel);
    if (options.consoleLevel != spdlog::level::off) {
        auto console = std::make_shared<spdlog::sinks::stderr_sink_mt>();
        console->set_level(options.consoleLevel);
        console->set_pattern("%n: %l: %v");
        targets.push_back(console);
    }
    auto front = std::make_shared<RedactingSink>(std::move(targets), options.maskSecrets);

    spdlog::drop_all();
    for (const char *name : LoggerNames) {
        auto logger = std::make_shared<spdlog::logger>(name, front);
        logger->set_level(spdlog::level::trace);
        // A crash or kill must not take the last lines with it: they are what explains it.
        logger->flush_on(spdlog::level::info);
        spdlog::register_logger(logger);
    }
    spdlog::set_default_logger(spdlog::get("app"));
    spdlog::flush_every(std::chrono::seconds(1)); // debug lines (every SQL statement)
    qInstallMessageHandler(qtMessageHandler);
}

Logging::~Logging()
{
    qInstallMessageHandler(nullptr);
    flush();
    // Loggers hold the bridge sink; drop them before the bridge goes.
    spdlog::drop_all();
    spdlog::set_default_logger(
        std::make_shared<spdlog::logger>("", std::make_shared<spdlog::sinks::stderr_sink_mt>()));
}

QString Logging::defaultDirectory()
{
    const QString overridden = qEnvironmentVariable("PGSHIFT_LOG_DIR");
    if (!overridden.isEmpty())
        return overridden;
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation))
        .filePath(QStringLiteral("logs"));
}

void Logging::flush()
{
    spdlog::apply_all([](const std::shared_ptr<spdlog::logger> &logger) { logger->flush(); });
}

} // namespace pgshift::app
