#include "widgets/connectionform.h"

#include "core/pg/providercatalog.h"
#include "widgets/statuscolor.h"
#include "widgets/buddylabel.h"

#include <QAction>
#include <QComboBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QStyle>

namespace pgshift::widgets {
namespace {

using core::ConnectionSettings;

// Keywords with a field of their own; everything else pasted is kept in m_extra.
const QStringList &fieldKeywords()
{
    static const QStringList list{
        QStringLiteral("host"),    QStringLiteral("port"),        QStringLiteral("dbname"),
        QStringLiteral("user"),    QStringLiteral("password"),    QStringLiteral("sslmode"),
        QStringLiteral("sslrootcert"), QStringLiteral("channel_binding"), QStringLiteral("service")};
    return list;
}

QLineEdit *lineEdit(const QString &objectName, const QString &accessibleName, QWidget *parent)
{
    auto *edit = new QLineEdit(parent);
    edit->setObjectName(objectName);
    edit->setAccessibleName(accessibleName);
    return edit;
}

QLabel *messageLabel(const QString &objectName, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

// A form row whose field is a layout: QFormLayout only gives widget fields a mnemonic buddy.
void addLayoutRow(QFormLayout *form, const QString &text, QLayout *field, QWidget *buddy)
{
    form->addRow(buddyLabel(text, buddy, form->parentWidget()), field);
}

// An empty combo entry means "not set: libpq's default or the PG* variable".
void setComboValue(QComboBox *combo, const QString &value)
{
    int index = combo->findData(value);
    if (index < 0) {
        // A value the form does not offer (a typo in a pasted string) stays visible, so the
        // inline check can name it.
        combo->addItem(value, value);
        index = combo->count() - 1;
    }
    combo->setCurrentIndex(index);
}

} // namespace

ConnectionForm::ConnectionForm(QWidget *parent)
    : QWidget(parent)
{
    auto *form = new QFormLayout(this);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    setupProviderRow(form);
    setupPasteRow(form);
    setupFields(form);
    setupSslFields(form);
    m_problems = messageLabel(QStringLiteral("problemLabel"), this);
    m_problems->setStyleSheet(statusStyleSheet(Status::Error, m_problems));
    form->addRow(m_problems);
    setupConnections();
    if (const auto &presets = core::ProviderCatalog::builtIn().presets(); !presets.isEmpty())
        applyPreset(presets.first());
    updatePlaceholders();
    updateProblems();
}

void ConnectionForm::setupProviderRow(QFormLayout *form)
{
    m_provider = new QComboBox(this);
    m_provider->setObjectName(QStringLiteral("providerCombo"));
    m_provider->setAccessibleName(tr("Provider"));
    for (const core::ProviderPreset &preset : core::ProviderCatalog::builtIn().presets())
        m_provider->addItem(preset.nameFor(QLocale().name()), preset.id);
    m_advice = messageLabel(QStringLiteral("adviceLabel"), this);
    m_advice->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Minimum);
    form->addRow(tr("P&rovider:"), m_provider);
    form->addRow(m_advice);
}

void ConnectionForm::setupPasteRow(QFormLayout *form)
{
    m_connectionString = lineEdit(QStringLiteral("connectionStringEdit"), tr("Connection string"), this);
    m_connectionString->setPlaceholderText(
        tr("Paste postgresql://user:password@host:5432/db or host=... dbname=..."));
    m_connectionString->setEchoMode(QLineEdit::Password); // it may hold a password
    m_applyString = new QPushButton(tr("&Fill in"), this);
    m_applyString->setObjectName(QStringLiteral("applyStringButton"));
    m_applyString->setEnabled(false);
    auto *row = new QHBoxLayout;
    row->addWidget(m_connectionString, 1);
    row->addWidget(m_applyString);
    m_pasteMessage = messageLabel(QStringLiteral("pasteMessage"), this);
    m_pasteMessage->hide();
    addLayoutRow(form, tr("Connection str&ing:"), row, m_connectionString);
    form->addRow(m_pasteMessage);
}

void ConnectionForm::setupFields(QFormLayout *form)
{
    m_host = lineEdit(QStringLiteral("hostEdit"), tr("Host"), this);
    m_port = lineEdit(QStringLiteral("portEdit"), tr("Port"), this);
    m_port->setMaximumWidth(120);
    m_dbname = lineEdit(QStringLiteral("dbnameEdit"), tr("Database"), this);
    m_user = lineEdit(QStringLiteral("userEdit"), tr("User"), this);
    m_password = lineEdit(QStringLiteral("passwordEdit"), tr("Password"), this);
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setPlaceholderText(tr("empty: ~/.pgpass or PGPASSWORD"));
    QAction *show = m_password->addAction(style()->standardIcon(QStyle::SP_FileDialogContentsView),
                                          QLineEdit::TrailingPosition);
    show->setObjectName(QStringLiteral("showPasswordAction"));
    show->setCheckable(true);
    show->setToolTip(tr("Show the password"));
    connect(show, &QAction::toggled, this, [this](bool visible) {
        m_password->setEchoMode(visible ? QLineEdit::Normal : QLineEdit::Password);
    });
    m_service = lineEdit(QStringLiteral("serviceEdit"), tr("Service"), this);
    m_service->setPlaceholderText(tr("optional: a name from pg_service.conf"));

    auto *hostRow = new QHBoxLayout;
    hostRow->addWidget(m_host, 1);
    hostRow->addWidget(new QLabel(tr("P&ort:"), this));
    hostRow->addWidget(m_port);
    static_cast<QLabel *>(hostRow->itemAt(1)->widget())->setBuddy(m_port);
    addLayoutRow(form, tr("&Host:"), hostRow, m_host);
    form->addRow(tr("&Database:"), m_dbname);
    form->addRow(tr("&User:"), m_user);
    form->addRow(tr("Pass&word:"), m_password);
    form->addRow(tr("Ser&vice:"), m_service);
}

void ConnectionForm::setupSslFields(QFormLayout *form)
{
    m_sslmode = new QComboBox(this);
    m_sslmode->setObjectName(QStringLiteral("sslmodeCombo"));
    m_sslmode->setAccessibleName(tr("SSL mode"));
    m_sslmode->addItem(tr("(default: prefer)"), QString());
    for (const QString &mode : ConnectionSettings::sslModes())
        m_sslmode->addItem(mode, mode);
    m_sslrootcert = lineEdit(QStringLiteral("sslrootcertEdit"), tr("SSL root certificate"), this);
    m_sslrootcert->setPlaceholderText(tr("optional: CA certificate file for verify-ca / verify-full"));
    m_browse = new QPushButton(tr("Browse…"), this);
    m_browse->setObjectName(QStringLiteral("browseRootCertButton"));
    m_channelBinding = new QComboBox(this);
    m_channelBinding->setObjectName(QStringLiteral("channelBindingCombo"));
    m_channelBinding->setAccessibleName(tr("Channel binding"));
    m_channelBinding->addItem(tr("(default: prefer)"), QString());
    for (const QString &mode : ConnectionSettings::channelBindingModes())
        m_channelBinding->addItem(mode, mode);

    auto *sslRow = new QHBoxLayout;
    sslRow->addWidget(m_sslmode);
    auto *bindingLabel = new QLabel(tr("Channel bindin&g:"), this);
    bindingLabel->setBuddy(m_channelBinding);
    sslRow->addWidget(bindingLabel);
    sslRow->addWidget(m_channelBinding);
    sslRow->addStretch(1);
    auto *certRow = new QHBoxLayout;
    certRow->addWidget(m_sslrootcert, 1);
    certRow->addWidget(m_browse);
    addLayoutRow(form, tr("SSL mod&e:"), sslRow, m_sslmode);
    addLayoutRow(form, tr("Root &certificate:"), certRow, m_sslrootcert);
}

void ConnectionForm::setupConnections()
{
    for (QLineEdit *edit : {m_host, m_port, m_dbname, m_user, m_password, m_sslrootcert, m_service})
        connect(edit, &QLineEdit::textChanged, this, &ConnectionForm::fieldEdited);
    for (QComboBox *combo : {m_sslmode, m_channelBinding})
        connect(combo, &QComboBox::currentIndexChanged, this, &ConnectionForm::fieldEdited);
    connect(m_host, &QLineEdit::editingFinished, this, &ConnectionForm::detectProvider);
    connect(m_provider, &QComboBox::activated, this, [this](int index) {
        if (const auto *preset = core::ProviderCatalog::builtIn().find(m_provider->itemData(index).toString()))
            applyPreset(*preset);
    });
    connect(m_connectionString, &QLineEdit::textChanged, this,
            [this](const QString &text) { m_applyString->setEnabled(!text.trimmed().isEmpty()); });
    connect(m_connectionString, &QLineEdit::returnPressed, m_applyString, &QPushButton::click);
    connect(m_applyString, &QPushButton::clicked, this,
            [this] { applyConnectionString(m_connectionString->text()); });
    connect(m_browse, &QPushButton::clicked, this, &ConnectionForm::browseRootCert);
}

core::ConnectionSettings ConnectionForm::settings() const
{
    ConnectionSettings s;
    for (auto it = m_extra.cbegin(); it != m_extra.cend(); ++it)
        s.setValue(it.key(), it.value());
    s.setHost(m_host->text().trimmed());
    s.setPort(m_port->text().trimmed());
    s.setDbname(m_dbname->text());
    s.setUser(m_user->text());
    s.setPassword(m_password->text());
    s.setSslmode(m_sslmode->currentData().toString());
    s.setSslrootcert(m_sslrootcert->text().trimmed());
    s.setChannelBinding(m_channelBinding->currentData().toString());
    s.setService(m_service->text().trimmed());
    return s;
}

void ConnectionForm::setSettings(const core::ConnectionSettings &settings)
{
    m_filling = true;
    m_host->setText(settings.host());
    m_port->setText(settings.port());
    m_dbname->setText(settings.dbname());
    m_user->setText(settings.user());
    m_password->setText(settings.password());
    setComboValue(m_sslmode, settings.sslmode());
    m_sslrootcert->setText(settings.sslrootcert());
    setComboValue(m_channelBinding, settings.channelBinding());
    m_service->setText(settings.service());
    m_extra.clear();
    for (const QString &keyword : settings.keywords()) {
        if (!fieldKeywords().contains(keyword))
            m_extra.insert(keyword, settings.value(keyword));
    }
    m_filling = false;
    detectProvider();
    fieldEdited();
}

bool ConnectionForm::applyConnectionString(const QString &text)
{
    QString why;
    const auto parsed = ConnectionSettings::parse(text, &why);
    m_pasteMessage->show();
    if (!parsed) {
        m_pasteMessage->setStyleSheet(statusStyleSheet(Status::Error, m_pasteMessage));
        m_pasteMessage->setText(why);
        return false;
    }
    setSettings(*parsed);
    m_connectionString->clear();
    QString message = tr("Filled in from the connection string.");
    if (!m_extra.isEmpty())
        message += u' ' + tr("Kept without a field of their own: %1.").arg(m_extra.keys().join(QStringLiteral(", ")));
    m_pasteMessage->setStyleSheet(QString());
    m_pasteMessage->setText(message);
    return true;
}

void ConnectionForm::focusConnectionString()
{
    m_connectionString->setFocus(Qt::OtherFocusReason);
}

QString ConnectionForm::pasteMessage() const
{
    return m_pasteMessage->isVisibleTo(this) ? m_pasteMessage->text() : QString();
}

QString ConnectionForm::providerId() const
{
    return m_provider->currentData().toString();
}

void ConnectionForm::setProvider(const QString &id)
{
    if (const auto *preset = core::ProviderCatalog::builtIn().find(id))
        applyPreset(*preset);
}

void ConnectionForm::applyPreset(const core::ProviderPreset &preset)
{
    m_provider->setCurrentIndex(m_provider->findData(preset.id));
    m_advice->setText(preset.adviceFor(QLocale().name()));
    // Defaults fill empty fields only: a preset never overwrites what the user typed.
    const auto fill = [&preset](QLineEdit *edit, const char *keyword) {
        const QString value = preset.defaults.value(QString::fromLatin1(keyword));
        if (edit->text().isEmpty() && !value.isEmpty())
            edit->setText(value);
    };
    fill(m_port, "port");
    fill(m_dbname, "dbname");
    fill(m_user, "user");
    if (const QString mode = preset.defaults.value(QStringLiteral("sslmode")); !mode.isEmpty())
        setComboValue(m_sslmode, mode);
    setComboValue(m_channelBinding, preset.defaults.value(QStringLiteral("channel_binding")));
    updatePlaceholders();
}

void ConnectionForm::detectProvider()
{
    const auto *preset = core::ProviderCatalog::builtIn().detect(m_host->text());
    if (preset && preset->id != providerId()) {
        m_provider->setCurrentIndex(m_provider->findData(preset->id));
        m_advice->setText(preset->adviceFor(QLocale().name()));
        updatePlaceholders();
    }
}

void ConnectionForm::updatePlaceholders()
{
    // Show what libpq will use for an empty field: the PG* variable, else its default.
    const auto *preset = core::ProviderCatalog::builtIn().find(providerId());
    const QString pgHost = qEnvironmentVariable("PGHOST");
    m_host->setPlaceholderText(!pgHost.isEmpty() ? tr("PGHOST: %1").arg(pgHost)
                                                 : preset ? preset->hostPlaceholder : QString());
    const QString pgPort = qEnvironmentVariable("PGPORT");
    m_port->setPlaceholderText(pgPort.isEmpty() ? QStringLiteral("5432") : pgPort);
    const QString pgUser = qEnvironmentVariable("PGUSER", qEnvironmentVariable("USER"));
    m_user->setPlaceholderText(pgUser);
    m_dbname->setPlaceholderText(qEnvironmentVariable("PGDATABASE", pgUser));
}

QList<core::ConnectionSettings::Problem> ConnectionForm::problems() const
{
    return settings().problems();
}

void ConnectionForm::updateProblems()
{
    QStringList lines;
    for (const ConnectionSettings::Problem &problem : problems())
        lines << problem.message;
    m_problems->setText(lines.join(u'\n'));
    m_problems->setVisible(!lines.isEmpty());
}

void ConnectionForm::fieldEdited()
{
    if (m_filling)
        return;
    updateProblems();
    emit settingsChanged();
}

void ConnectionForm::browseRootCert()
{
    const QString file = QFileDialog::getOpenFileName(
        this, tr("Root certificate"), m_sslrootcert->text(),
        tr("Certificates (*.crt *.pem *.cer);;All files (*)"));
    if (!file.isEmpty())
        m_sslrootcert->setText(file);
}

} // namespace pgshift::widgets
