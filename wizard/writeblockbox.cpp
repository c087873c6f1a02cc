#include "wizard/writeblockbox.h"

#include "core/pg/connection.h"
#include "core/pg/pgerror.h"

#include <QButtonGroup>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QMessageBox>
#include <QRadioButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace pgshift::wizard {

WriteBlockBox::WriteBlockBox(bool offerNone, QWidget *parent)
    : QWidget(parent)
{
    if (offerNone) {
        m_none = new QRadioButton(tr("Leave writes alone: a trial copy (the source goes on changing)"), this);
        m_none->setObjectName(QStringLiteral("noBlockRadio"));
    }
    m_confirmed = new QRadioButton(tr("I stopped the application: nothing writes to the source any more"), this);
    m_confirmed->setObjectName(QStringLiteral("confirmedRadio"));
    m_roles = new QRadioButton(tr("Block these roles (read-only in the source database, their sessions ended):"), this);
    m_roles->setObjectName(QStringLiteral("rolesRadio"));
    m_database = new QRadioButton(tr("Block the whole source database (read-only, every other session ended)"), this);
    m_database->setObjectName(QStringLiteral("databaseRadio"));
    (m_none ? m_none : m_confirmed)->setChecked(true);
    auto *group = new QButtonGroup(this);
    m_roleList = new QLineEdit(this);
    m_roleList->setObjectName(QStringLiteral("rolesEdit"));
    m_roleList->setAccessibleName(tr("Roles to block"));
    m_roleList->setPlaceholderText(tr("app_user, worker"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    for (QRadioButton *b : {m_none, m_confirmed, m_roles, m_database}) {
        if (!b)
            continue;
        group->addButton(b);
        connect(b, &QRadioButton::toggled, this, &WriteBlockBox::changed);
        if (b != m_roles) {
            layout->addWidget(b);
            continue;
        }
        auto *row = new QHBoxLayout;
        row->addWidget(m_roles);
        row->addWidget(m_roleList, 1);
        layout->addLayout(row);
    }
    connect(m_roleList, &QLineEdit::textChanged, this, &WriteBlockBox::changed);
    connect(&m_listing, &QFutureWatcher<Sessions>::finished, this, &WriteBlockBox::sessionsListed);
}

std::optional<core::WriteBlockOptions> WriteBlockBox::options() const
{
    if (m_none && m_none->isChecked())
        return std::nullopt;
    core::WriteBlockOptions o;
    if (m_roles->isChecked()) {
        o.mode = core::WriteBlock::Roles;
        for (const QString &role : m_roleList->text().split(u',', Qt::SkipEmptyParts)) {
            if (!role.trimmed().isEmpty())
                o.roles << role.trimmed();
        }
    } else if (m_database->isChecked()) {
        o.mode = core::WriteBlock::Database;
    }
    return o;
}

QString WriteBlockBox::problem() const
{
    const auto o = options();
    if (o && o->mode == core::WriteBlock::Roles && o->roles.isEmpty())
        return tr("Name the roles whose writes to block.");
    return {};
}

void WriteBlockBox::confirm(const core::ConnectionSettings &source, const QString &title, const QString &action,
                            std::function<void()> proceed)
{
    if (m_listing.isRunning())
        return;
    const auto o = options();
    if (!o) {
        proceed();
        return;
    }
    if (!o->blocks()) {
        if (QMessageBox::question(this, title, tr("Is the application stopped, so that nothing writes to the source any more? %1").arg(action),
                                  QMessageBox::Yes | QMessageBox::No, QMessageBox::No)
            == QMessageBox::Yes)
            proceed();
        return;
    }
    // The sessions the block will end, read off the GUI thread, then the question.
    m_title = title;
    m_action = action;
    m_proceed = std::move(proceed);
    const core::WriteBlockOptions block = *o;
    m_listing.setFuture(QtConcurrent::run([source, block]() -> Sessions {
        try {
            core::Connection c(source);
            return {core::WriteBlocker::sessionsToEnd(c, block), {}};
        } catch (const core::PgError &error) {
            return {{}, error.message()};
        }
    }));
    Q_EMIT listingChanged(true);
}

void WriteBlockBox::sessionsListed()
{
    const Sessions listed = m_listing.result();
    Q_EMIT listingChanged(false);
    if (!listed.error.isEmpty()) {
        QMessageBox::warning(this, m_title, tr("Cannot reach the source: %1").arg(listed.error));
        return;
    }
    const QString question = listed.sessions.isEmpty()
        ? tr("Stop writes on the source? No session needs to be ended. %1").arg(m_action)
        : tr("Stop writes on the source? These sessions will be ended:\n%1\n%2").arg(listed.sessions.join(u'\n'), m_action);
    if (QMessageBox::question(this, m_title, question, QMessageBox::Yes | QMessageBox::No, QMessageBox::No) == QMessageBox::Yes
        && m_proceed)
        m_proceed();
}

} // namespace pgshift::wizard
