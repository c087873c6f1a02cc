#pragma once

#include <QString>
#include <QStringView>

#include <spdlog/fmt/fmt.h>
#include <spdlog/spdlog.h>

#include <memory>
#include <string_view>

// Lets spdlog/fmt format QString arguments as UTF-8.
template<>
struct fmt::formatter<QString> : fmt::formatter<std::string_view>
{
    template<typename FormatContext>
    auto format(const QString &text, FormatContext &ctx) const -> decltype(ctx.out())
    {
        const QByteArray utf8 = text.toUtf8();
        return fmt::formatter<std::string_view>::format(
            std::string_view(utf8.constData(), static_cast<size_t>(utf8.size())), ctx);
    }
};

namespace pgshift::core {

// Name of the logger core writes to; the application attaches its sinks to it.
inline constexpr const char *CoreLoggerName = "core";

// The core logger: the one the application configured, or spdlog's default before that.
std::shared_ptr<spdlog::logger> logger();

// The spdlog version pgshift was built with ("1.10.0"), for the About dialog.
QString spdlogVersion();

} // namespace pgshift::core
