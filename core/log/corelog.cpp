#include "core/log/corelog.h"

#include <spdlog/version.h>

namespace pgshift::core {

std::shared_ptr<spdlog::logger> logger()
{
    if (auto named = spdlog::get(CoreLoggerName))
        return named;
    return spdlog::default_logger();
}

QString spdlogVersion()
{
    return QStringLiteral("%1.%2.%3").arg(SPDLOG_VER_MAJOR).arg(SPDLOG_VER_MINOR).arg(SPDLOG_VER_PATCH);
}

} // namespace pgshift::core
