#pragma once

#include <spdlog/sinks/sink.h>

#include <memory>
#include <vector>

namespace pgshift::app {

// Sits in front of the real sinks and masks every secret core has remembered
// (SecretRegistry) before a line reaches a file or the log panel.
class RedactingSink final : public spdlog::sinks::sink
{
public:
    explicit RedactingSink(std::vector<spdlog::sink_ptr> targets, bool mask = true);

    void log(const spdlog::details::log_msg &msg) override;
    void flush() override;
    void set_pattern(const std::string &pattern) override;
    void set_formatter(std::unique_ptr<spdlog::formatter> formatter) override;

private:
    std::vector<spdlog::sink_ptr> m_targets;
    bool m_mask;
};

} // namespace pgshift::app
