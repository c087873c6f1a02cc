#include "widgets/profilebar.h"

#include "core/pg/profilestore.h"
#include "widgets/connectionform.h"
#include "widgets/passwordkeychain.h"
#include "widgets/buddylabel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QPushButton>

namespace pgshift::widgets {

ProfileBar::ProfileBar(ConnectionForm *form, QWidget *parent)
    : QWidget(parent)
    , m_form(form)
    , m_store(std::make_unique<core::ProfileStore>())
    , m_keychain(new PasswordKeychain(this))
{
    setupControls();
    reloadNames();
    connect(m_keychain, &PasswordKeychain::fetched, this,
            [this](const QString &account, const QString &password, const QString &error) {
                if (account != keychainAccount(m_profiles->currentText()))
                    return; // the user moved on to another profile meanwhile
                if (!error.isEmpty() || password.isEmpty())
                    return; // nothing remembered for it: libpq's own lookups still apply
                core::ConnectionSettings settings = m_form->settings();
                settings.setPassword(password);
                m_form->setSettings(settings);
                m_status->setText(tr("Password taken from the system keychain."));
            });
    connect(m_keychain, &PasswordKeychain::stored, this,
            [this](const QString &, const QString &error) {
                m_status->setText(error.isEmpty()
                                      ? tr("Password saved in the system keychain.")
                                      : tr("The keychain did not take the password: %1").arg(error));
            });
}

ProfileBar::~ProfileBar() = default;

void ProfileBar::setupControls()
{
    m_profiles = new QComboBox(this);
    m_profiles->setObjectName(QStringLiteral("profileCombo"));
    m_profiles->setAccessibleName(tr("Saved connection"));
    m_profiles->setMinimumContentsLength(16);
    m_save = new QPushButton(tr("&Save as…"), this);
    m_save->setObjectName(QStringLiteral("saveProfileButton"));
    m_delete = new QPushButton(tr("Delete"), this);
    m_delete->setObjectName(QStringLiteral("deleteProfileButton"));
    m_remember = new QCheckBox(tr("Remember &password in the system keychain"), this);
    m_remember->setObjectName(QStringLiteral("rememberPassword"));
    m_remember->setVisible(PasswordKeychain::isAvailable());
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("profileStatus"));

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(buddyLabel(tr("S&aved:"), m_profiles, this));
    layout->addWidget(m_profiles, 1);
    layout->addWidget(m_save);
    layout->addWidget(m_delete);
    layout->addWidget(m_remember);
    layout->addWidget(m_status);

    connect(m_profiles, &QComboBox::activated, this,
            [this](int index) { loadProfile(m_profiles->itemText(index)); });
    connect(m_save, &QPushButton::clicked, this, &ProfileBar::askAndSave);
    connect(m_delete, &QPushButton::clicked, this,
            [this] { deleteProfile(m_profiles->currentText()); });
}

QString ProfileBar::keychainAccount(const QString &profile)
{
    return QStringLiteral("profile/") + profile;
}

void ProfileBar::reloadNames(const QString &select)
{
    m_profiles->clear();
    m_profiles->addItems(m_store->names());
    m_profiles->setCurrentIndex(select.isEmpty() ? -1 : m_profiles->findText(select));
    m_profiles->setEnabled(m_profiles->count() > 0);
    m_delete->setEnabled(m_profiles->currentIndex() >= 0);
}

QStringList ProfileBar::profileNames() const
{
    return m_store->names();
}

QString ProfileBar::status() const
{
    return m_status->text();
}

void ProfileBar::askAndSave()
{
    const core::ConnectionSettings current = m_form->settings();
    const QString suggestion = m_profiles->currentIndex() >= 0
        ? m_profiles->currentText()
        : QStringLiteral("%1@%2/%3").arg(current.user(), current.host(), current.dbname());
    bool ok = false;
    const QString name = QInputDialog::getText(this, tr("Save connection"), tr("Name:"),
                                               QLineEdit::Normal, suggestion, &ok)
                             .trimmed();
    if (ok && !name.isEmpty())
        saveProfile(name);
}

void ProfileBar::saveProfile(const QString &name)
{
    const core::ConnectionSettings current = m_form->settings();
    m_store->save(name, current);
    reloadNames(name);
    m_status->setText(tr("Saved \"%1\" (without the password).").arg(name));
    if (m_remember->isChecked() && !current.password().isEmpty())
        m_keychain->store(keychainAccount(name), current.password());
}

void ProfileBar::loadProfile(const QString &name)
{
    const auto settings = m_store->load(name);
    if (!settings)
        return;
    m_form->setSettings(*settings);
    m_profiles->setCurrentIndex(m_profiles->findText(name));
    m_delete->setEnabled(true);
    m_status->setText(tr("Loaded \"%1\".").arg(name));
    if (PasswordKeychain::isAvailable())
        m_keychain->fetch(keychainAccount(name));
}

void ProfileBar::deleteProfile(const QString &name)
{
    if (name.isEmpty())
        return;
    m_store->remove(name);
    m_keychain->remove(keychainAccount(name));
    reloadNames();
    m_status->setText(tr("Deleted \"%1\".").arg(name));
}

} // namespace pgshift::widgets
