#include "core/pg/providercatalog.h"

#include "core/log/corelog.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace pgshift::core {
namespace {

QStringList strings(const QJsonValue &value)
{
    QStringList out;
    for (const QJsonValue &item : value.toArray())
        out << item.toString();
    return out;
}

QMap<QString, QString> stringMap(const QJsonValue &value)
{
    QMap<QString, QString> out;
    const QJsonObject object = value.toObject();
    for (auto it = object.begin(); it != object.end(); ++it)
        out.insert(it.key(), it.value().toString());
    return out;
}

// "de_DE" -> "de": the key of the per-language texts.
QString languageOf(const QString &locale)
{
    return locale.section(u'_', 0, 0);
}

} // namespace

QString ProviderPreset::adviceFor(const QString &locale) const
{
    return advice.value(languageOf(locale), advice.value(QStringLiteral("en")));
}

QString ProviderPreset::nameFor(const QString &locale) const
{
    return localNames.value(languageOf(locale), name);
}

bool ProviderPreset::matchesHost(const QString &host) const
{
    const QString h = host.trimmed().toLower();
    if (h.isEmpty())
        return false;
    for (const QString &needle : hostContains) {
        if (h.contains(needle))
            return true;
    }
    for (const QString &suffix : hostSuffixes) {
        if (h.endsWith(suffix))
            return true;
    }
    return false;
}

std::optional<ProviderCatalog> ProviderCatalog::fromJson(const QByteArray &json, QString *error)
{
    const auto fail = [error](const QString &why) {
        if (error)
            *error = why;
        return std::nullopt;
    };
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (document.isNull())
        return fail(parseError.errorString());
    ProviderCatalog catalog;
    for (const QJsonValue &value : document.object().value(QStringLiteral("providers")).toArray()) {
        const QJsonObject o = value.toObject();
        ProviderPreset preset;
        preset.id = o.value(QStringLiteral("id")).toString();
        preset.name = o.value(QStringLiteral("name")).toString();
        preset.localNames = stringMap(o.value(QStringLiteral("localNames")));
        preset.defaults = stringMap(o.value(QStringLiteral("defaults")));
        preset.hostSuffixes = strings(o.value(QStringLiteral("hostSuffixes")));
        preset.hostContains = strings(o.value(QStringLiteral("hostContains")));
        preset.hostPlaceholder = o.value(QStringLiteral("hostPlaceholder")).toString();
        preset.advice = stringMap(o.value(QStringLiteral("advice")));
        if (preset.id.isEmpty() || preset.name.isEmpty() || !preset.advice.contains(QStringLiteral("en")))
            return fail(QStringLiteral("provider %1 needs an id, a name and English advice")
                            .arg(catalog.m_presets.size() + 1));
        catalog.m_presets.append(preset);
    }
    if (catalog.m_presets.isEmpty())
        return fail(QStringLiteral("no providers"));
    return catalog;
}

const ProviderCatalog &ProviderCatalog::builtIn()
{
    static const ProviderCatalog catalog = [] {
        QFile file(QStringLiteral(":/data/providers.json"));
        QString error;
        std::optional<ProviderCatalog> loaded;
        if (file.open(QIODevice::ReadOnly))
            loaded = fromJson(file.readAll(), &error);
        else
            error = file.errorString();
        if (!loaded) {
            logger()->error("built-in provider catalog unusable: {}", error);
            return ProviderCatalog();
        }
        return *loaded;
    }();
    return catalog;
}

const ProviderPreset *ProviderCatalog::find(const QString &id) const
{
    for (const ProviderPreset &preset : m_presets) {
        if (preset.id == id)
            return &preset;
    }
    return nullptr;
}

const ProviderPreset *ProviderCatalog::detect(const QString &host) const
{
    // hostContains patterns are the more specific ones (an Aurora cluster endpoint is also an
    // RDS host name), so they win.
    for (const ProviderPreset &preset : m_presets) {
        if (!preset.hostContains.isEmpty() && preset.matchesHost(host))
            return &preset;
    }
    for (const ProviderPreset &preset : m_presets) {
        if (preset.matchesHost(host))
            return &preset;
    }
    return nullptr;
}

} // namespace pgshift::core
