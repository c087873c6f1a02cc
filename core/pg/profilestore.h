#pragma once

#include "core/pg/connectionsettings.h"

#include <QString>
#include <QStringList>

#include <optional>

class QSettings;

namespace pgshift::core {

// Named connection profiles kept in the application's settings (QSettings). A password is
// never written: saved passwords belong in the OS keychain, nowhere else.
class ProfileStore final
{
public:
    // Uses the application's default QSettings.
    ProfileStore();
    // Uses the given settings (tests point it at a temporary file).
    explicit ProfileStore(QSettings *settings);
    ~ProfileStore();
    ProfileStore(const ProfileStore &) = delete;
    ProfileStore &operator=(const ProfileStore &) = delete;

    QStringList names() const;
    // Saves every keyword of `settings` except the password, replacing a profile of that name.
    void save(const QString &name, const ConnectionSettings &settings);
    std::optional<ConnectionSettings> load(const QString &name) const;
    void remove(const QString &name);

private:
    QSettings *m_settings;
    bool m_owned;
};

} // namespace pgshift::core
