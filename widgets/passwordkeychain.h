#pragma once

#include <QObject>
#include <QString>

namespace pgshift::widgets {

// Saved passwords in the operating system's keychain (Secret Service, macOS Keychain,
// Windows Credential Manager) through QtKeychain. Asynchronous: results arrive as signals.
// Built without QtKeychain it is unavailable and the UI hides "Remember password".
class PasswordKeychain final : public QObject
{
    Q_OBJECT
public:
    static bool isAvailable();

    explicit PasswordKeychain(QObject *parent = nullptr);

    void store(const QString &account, const QString &password);
    void fetch(const QString &account);
    void remove(const QString &account);

signals:
    void stored(const QString &account, const QString &error);
    void fetched(const QString &account, const QString &password, const QString &error);
};

} // namespace pgshift::widgets
