#pragma once

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace pgshift::core {

// One database provider's connection conventions: the defaults its servers expect and the
// advice a DBA needs before migrating from or to it.
struct ProviderPreset
{
    QString id;
    QString name;                      // in English
    QMap<QString, QString> localNames; // language code -> name, where it is not a brand
    QMap<QString, QString> defaults; // libpq keyword -> value
    QStringList hostSuffixes;
    QStringList hostContains;
    QString hostPlaceholder;
    QMap<QString, QString> advice;   // language code -> text; "en" always present

    // The advice in the language of `locale` ("de_DE" -> "de"), else English.
    QString adviceFor(const QString &locale) const;
    // The name in the language of `locale`, else the English one.
    QString nameFor(const QString &locale) const;
    bool matchesHost(const QString &host) const;
};

// The provider presets from resources/providers.json (embedded as :/data/providers.json).
class ProviderCatalog final
{
public:
    // The built-in catalog, loaded once.
    static const ProviderCatalog &builtIn();
    // Parses a catalog; nullopt with the reason when the JSON is not a valid catalog.
    static std::optional<ProviderCatalog> fromJson(const QByteArray &json, QString *error = nullptr);

    const QList<ProviderPreset> &presets() const { return m_presets; }
    const ProviderPreset *find(const QString &id) const;
    // The provider a host name belongs to, most specific match first (Aurora before RDS).
    const ProviderPreset *detect(const QString &host) const;

private:
    QList<ProviderPreset> m_presets;
};

} // namespace pgshift::core
