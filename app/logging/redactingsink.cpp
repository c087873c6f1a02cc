#include "app/logging/redactingsink.h"

#include "core/log/secretregistry.h"

#include <spdlog/details/log_msg.h>
#include <spdlog/formatter.h>

namespace pgshift::app {

RedactingSink::RedactingSink(std::vector<spdlog::sink_ptr> targets, bool mask)
    : m_targets(std::move(targets))
    , m_mask(mask)
{
}

void RedactingSink::log(const spdlog::details::log_msg &msg)
{
    const std::string_view payload(msg.payload.data(), msg.payload.size());
    const std::string clean = m_mask ? core::SecretRegistry::scrub(payload) : std::string(payload);
    spdlog::details::log_msg copy(msg);
    copy.payload = spdlog::string_view_t(clean.data(), clean.size());
    for (const auto &target : m_targets) {
        if (target->should_log(copy.level))
            target->log(copy);
    }
}

void RedactingSink::flush()
{
    for (const auto &target : m_targets)
        target->flush();
}

void RedactingSink::set_pattern(const std::string &pattern)
{
    for (const auto &target : m_targets)
        target->set_pattern(pattern);
}

void RedactingSink::set_formatter(std::unique_ptr<spdlog::formatter> formatter)
{
    for (const auto &target : m_targets)
        target->set_formatter(formatter->clone());
}

} // namespace pgshift::app
