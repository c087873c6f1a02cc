#pragma once

#include <QDialog>

class QLabel;

namespace pgshift::wizard {

// About pgshift: its version, and the versions of what it runs on (Qt, libpq, spdlog), with
// a button that copies them for a bug report.
class AboutDialog final : public QDialog
{
    Q_OBJECT
public:
    explicit AboutDialog(QWidget *parent = nullptr);

    // The version lines as copied: "pgshift 0.1.0", "Qt 6.4.2 (built with 6.4.2)", ...
    static QString versionText();
};

} // namespace pgshift::wizard
