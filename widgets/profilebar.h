#pragma once

#include <QWidget>

#include <memory>

class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;

namespace pgshift::core {
class ProfileStore;
}

namespace pgshift::widgets {

class ConnectionForm;
class PasswordKeychain;

// Saved connection profiles for a ConnectionForm: load, save as, delete. Profiles never
// hold a password; with "Remember password" (only when built with QtKeychain) the password
// goes to the OS keychain and comes back from it when the profile is loaded.
class ProfileBar final : public QWidget
{
    Q_OBJECT
public:
    explicit ProfileBar(ConnectionForm *form, QWidget *parent = nullptr);
    ~ProfileBar() override;

    QStringList profileNames() const;
    void saveProfile(const QString &name);
    void loadProfile(const QString &name);
    void deleteProfile(const QString &name);
    QString status() const;

private:
    void setupControls();
    void reloadNames(const QString &select = {});
    void askAndSave();
    static QString keychainAccount(const QString &profile);

    ConnectionForm *m_form;
    std::unique_ptr<core::ProfileStore> m_store;
    PasswordKeychain *m_keychain;
    QComboBox *m_profiles = nullptr;
    QPushButton *m_save = nullptr;
    QPushButton *m_delete = nullptr;
    QCheckBox *m_remember = nullptr;
    QLabel *m_status = nullptr;
};

} // namespace pgshift::widgets
