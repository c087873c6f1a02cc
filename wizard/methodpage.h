#pragma once

#include <QWizardPage>

class QButtonGroup;
class QLabel;

namespace pgshift::wizard {

class MigrationSession;

// Choose how to migrate: dump and restore, logical replication, or AWS DMS assisted, with the
// trade-offs side by side and a recommendation from what the connection tests found.
class MethodPage final : public QWizardPage
{
    Q_OBJECT
public:
    explicit MethodPage(MigrationSession *session, QWidget *parent = nullptr);

    void initializePage() override;
    QString recommendation() const;

private:
    void addChoice(int method, const QString &name, const QString &tradeOffs);

    MigrationSession *m_session;
    QButtonGroup *m_choices = nullptr;
    QLabel *m_recommendation = nullptr;
};

} // namespace pgshift::wizard
