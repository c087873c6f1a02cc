#include "core/log/secretregistry.h"

#include <QUrl>

#include <algorithm>
#include <mutex>
#include <set>
#include <shared_mutex>

namespace pgshift::core {
namespace {

struct Registry
{
    std::shared_mutex mutex;
    // Longest first, so a secret that contains another is masked whole.
    std::set<std::string, decltype([](const std::string &a, const std::string &b) {
                 return a.size() != b.size() ? a.size() > b.size() : a < b;
             })>
        secrets;
};

Registry &registry()
{
    static Registry instance;
    return instance;
}

constexpr std::string_view Mask = "***";

} // namespace

void SecretRegistry::remember(const QString &secret)
{
    if (secret.isEmpty())
        return;
    Registry &r = registry();
    std::unique_lock lock(r.mutex);
    r.secrets.insert(secret.toStdString());
    const QByteArray encoded = QUrl::toPercentEncoding(secret);
    if (encoded != secret.toUtf8())
        r.secrets.insert(encoded.toStdString());
}

std::string SecretRegistry::scrub(std::string_view text)
{
    std::string out(text);
    Registry &r = registry();
    std::shared_lock lock(r.mutex);
    for (const std::string &secret : r.secrets) {
        for (size_t pos = out.find(secret); pos != std::string::npos;
             pos = out.find(secret, pos + Mask.size()))
            out.replace(pos, secret.size(), Mask);
    }
    return out;
}

QString SecretRegistry::scrub(const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    return QString::fromStdString(
        scrub(std::string_view(utf8.constData(), static_cast<size_t>(utf8.size()))));
}

void SecretRegistry::clear()
{
    Registry &r = registry();
    std::unique_lock lock(r.mutex);
    r.secrets.clear();
}

} // namespace pgshift::core
