#include "wizard/aboutdialog.h"

#include "core/log/corelog.h"
#include "core/pg/connection.h"
#include "pgshift/version.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QIcon>
#include <QLabel>
#include <QPushButton>
#include <QSysInfo>
#include <QVBoxLayout>

namespace pgshift::wizard {

AboutDialog::AboutDialog(QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("aboutDialog"));
    setWindowTitle(tr("About pgshift"));
    auto *icon = new QLabel(this);
    icon->setPixmap(QIcon(QStringLiteral(":/icons/pgshift.svg")).pixmap(64, 64));
    auto *title = new QLabel(QStringLiteral("<b>pgshift %1</b>").arg(QStringLiteral(PGSHIFT_VERSION).toHtmlEscaped()), this);
    auto *summary = new QLabel(tr("Moves a PostgreSQL database to another PostgreSQL server by dump and restore, by logical "
                                  "replication, or with AWS DMS."),
                               this);
    summary->setWordWrap(true);
    auto *versions = new QLabel(versionText(), this);
    versions->setObjectName(QStringLiteral("versionsLabel"));
    versions->setTextFormat(Qt::PlainText);
    versions->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton *copy = buttons->addButton(tr("&Copy versions"), QDialogButtonBox::ActionRole);
    copy->setObjectName(QStringLiteral("copyVersionsButton"));
    connect(copy, &QPushButton::clicked, this, [] { QApplication::clipboard()->setText(versionText()); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(icon, 0, Qt::AlignHCenter);
    layout->addWidget(title, 0, Qt::AlignHCenter);
    layout->addWidget(summary);
    layout->addWidget(versions);
    layout->addWidget(buttons);
    setMinimumWidth(420);
}

QString AboutDialog::versionText()
{
    return QStringList{QStringLiteral("pgshift %1").arg(QStringLiteral(PGSHIFT_VERSION)),
                       tr("Qt %1 (built with %2)").arg(QString::fromLatin1(qVersion()), QStringLiteral(QT_VERSION_STR)),
                       tr("libpq %1").arg(core::Connection::libpqVersion()),
                       tr("spdlog %1").arg(core::spdlogVersion()),
                       QSysInfo::prettyProductName() + QStringLiteral(" (") + QSysInfo::currentCpuArchitecture() + u')'}
        .join(u'\n');
}

} // namespace pgshift::wizard
