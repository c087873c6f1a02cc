#pragma once

#include <QWizardPage>

class QGridLayout;

namespace pgshift::wizard {

// The first page: what pgshift does and the three migration methods at a glance.
class WelcomePage final : public QWizardPage
{
    Q_OBJECT
public:
    explicit WelcomePage(QWidget *parent = nullptr);

private:
    void setupIntro();
    void setupMethods();
    void addMethodRow(QGridLayout *grid, int row, const QString &name, const QString &downtime,
                      const QString &bestFor, const QString &how);
};

} // namespace pgshift::wizard
