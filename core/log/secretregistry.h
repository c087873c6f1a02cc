#pragma once

#include <QString>

#include <string>
#include <string_view>

namespace pgshift::core {

// Remembers every password pgshift has used in this process, so the log sinks can mask one
// that slipped into a message by accident. A safety net only: code never logs a secret.
class SecretRegistry final
{
public:
    // Remembers a secret (and its percent-encoded form, as it appears inside URIs).
    static void remember(const QString &secret);
    // Returns text with every remembered secret replaced by "***".
    static std::string scrub(std::string_view text);
    static QString scrub(const QString &text);
    static void clear();
};

} // namespace pgshift::core
