#pragma once

#include "core/pg/connectionsettings.h"

#include <QMap>
#include <QWidget>

class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;

namespace pgshift::core {
struct ProviderPreset;
}

namespace pgshift::widgets {

// The connection fields a DBA expects (host, port, database, user, password, SSL, service),
// a provider preset with its advice, and a box to paste a URI or key=value string into.
// Keywords the form has no field for (options, target_session_attrs, ...) are kept as they
// were pasted. Problems show inline; the form never blocks on the network.
class ConnectionForm final : public QWidget
{
    Q_OBJECT
public:
    explicit ConnectionForm(QWidget *parent = nullptr);

    core::ConnectionSettings settings() const;
    void setSettings(const core::ConnectionSettings &settings);
    // Fills the fields from a URI or key=value string. On failure leaves the fields as they
    // were and says why inline; returns false.
    bool applyConnectionString(const QString &text);

    // Puts the keyboard focus in the paste box, where most people start.
    void focusConnectionString();

    QString providerId() const;
    void setProvider(const QString &id);
    // What is wrong with the current fields (also shown inline).
    QList<core::ConnectionSettings::Problem> problems() const;
    // The message under the paste box: what was filled in, or what was not understood.
    QString pasteMessage() const;

signals:
    void settingsChanged();

private:
    void setupProviderRow(QFormLayout *form);
    void setupPasteRow(QFormLayout *form);
    void setupFields(QFormLayout *form);
    void setupSslFields(QFormLayout *form);
    void setupConnections();
    void applyPreset(const core::ProviderPreset &preset);
    void detectProvider();
    void updatePlaceholders();
    void updateProblems();
    void fieldEdited();
    void browseRootCert();

    QComboBox *m_provider = nullptr;
    QLabel *m_advice = nullptr;
    QLineEdit *m_connectionString = nullptr;
    QPushButton *m_applyString = nullptr;
    QLabel *m_pasteMessage = nullptr;
    QLineEdit *m_host = nullptr;
    QLineEdit *m_port = nullptr;
    QLineEdit *m_dbname = nullptr;
    QLineEdit *m_user = nullptr;
    QLineEdit *m_password = nullptr;
    QComboBox *m_sslmode = nullptr;
    QLineEdit *m_sslrootcert = nullptr;
    QPushButton *m_browse = nullptr;
    QComboBox *m_channelBinding = nullptr;
    QLineEdit *m_service = nullptr;
    QLabel *m_problems = nullptr;
    QMap<QString, QString> m_extra; // pasted keywords without a field of their own
    bool m_filling = false;         // setSettings() in progress: no per-field signals
};

} // namespace pgshift::widgets
