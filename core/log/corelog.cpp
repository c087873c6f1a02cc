#include "core/log/corelog.h"

namespace pgshift::core {

std::shared_ptr<spdlog::logger> logger()
{
    if (auto named = spdlog::get(CoreLoggerName))
        return named;
    return spdlog::default_logger();
}

} // namespace pgshift::core
