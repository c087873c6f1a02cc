#include "wizard/resumedialog.h"

#include "core/pg/connection.h"
#include "core/pg/pgerror.h"
#include "core/replication/replicationcleanup.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace pgshift::wizard {

ResumeDialog::ResumeDialog(const core::ReplicationState &state, QWidget *parent)
    : QDialog(parent)
    , m_state(state)
{
    setObjectName(QStringLiteral("resumeDialog"));
    setWindowTitle(tr("Unfinished replication"));
    const QLocale locale;
    auto *intro = new QLabel(
        tr("pgshift started a logical replication on %1 that was not cleaned up. It may still be running: "
           "its slot keeps WAL on the source until it is dropped.")
            .arg(locale.toString(state.startedAt.toLocalTime(), QLocale::LongFormat)),
        this);
    intro->setWordWrap(true);
    auto *details = new QFormLayout;
    details->addRow(tr("Source:"), new QLabel(state.source.redacted(), this));
    details->addRow(tr("Target:"), new QLabel(state.target.redacted(), this));
    details->addRow(tr("Objects:"), new QLabel(tr("publication %1, subscription %2, slot %3")
                                                   .arg(state.names.publication, state.names.subscription, state.names.slot),
                                               this));
    details->addRow(tr("Scope:"), new QLabel(state.scope.describe(), this));
    const auto passwordEdit = [this](const QString &name, const QString &accessible) {
        auto *edit = new QLineEdit(this);
        edit->setObjectName(name);
        edit->setAccessibleName(accessible);
        edit->setEchoMode(QLineEdit::Password);
        edit->setPlaceholderText(tr("empty: .pgpass, PGPASSWORD or service file"));
        return edit;
    };
    m_sourcePassword = passwordEdit(QStringLiteral("sourcePasswordEdit"), tr("Source password"));
    m_targetPassword = passwordEdit(QStringLiteral("targetPasswordEdit"), tr("Target password"));
    details->addRow(tr("Source password:"), m_sourcePassword);
    details->addRow(tr("Target password:"), m_targetPassword);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("resumeStatusLabel"));
    m_status->setWordWrap(true);
    m_results = new QPlainTextEdit(this);
    m_results->setObjectName(QStringLiteral("resumeResults"));
    m_results->setReadOnly(true);
    m_results->hide();

    auto *buttons = new QDialogButtonBox(this);
    m_resume = buttons->addButton(tr("&Resume monitoring"), QDialogButtonBox::AcceptRole);
    m_resume->setObjectName(QStringLiteral("resumeButton"));
    m_resume->setToolTip(tr("Follow the replication again: table states, lag, readiness for cutover"));
    m_cleanup = buttons->addButton(tr("&Clean up: drop subscription, slot and publication"), QDialogButtonBox::DestructiveRole);
    m_cleanup->setObjectName(QStringLiteral("cleanupButton"));
    m_cleanup->setToolTip(tr("Changes stop flowing; the data already copied stays on the target"));
    m_later = buttons->addButton(tr("&Not now"), QDialogButtonBox::RejectRole);
    m_later->setObjectName(QStringLiteral("laterButton"));
    m_later->setToolTip(tr("Leave everything as it is; pgshift asks again at its next start"));
    connect(m_resume, &QPushButton::clicked, this, &ResumeDialog::resumeClicked);
    connect(m_cleanup, &QPushButton::clicked, this, &ResumeDialog::cleanupClicked);
    connect(m_later, &QPushButton::clicked, this, &QDialog::reject);
    connect(&m_checking, &QFutureWatcher<QString>::finished, this, &ResumeDialog::checkFinished);
    connect(&m_cleaning, &QFutureWatcher<QStringList>::finished, this, &ResumeDialog::cleanupFinished);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(details);
    layout->addWidget(m_status);
    layout->addWidget(m_results, 1);
    layout->addWidget(buttons);
    resize(640, sizeHint().height());
}

core::ConnectionSettings ResumeDialog::source() const
{
    core::ConnectionSettings s = m_state.source;
    if (!m_sourcePassword->text().isEmpty())
        s.setPassword(m_sourcePassword->text());
    return s;
}

core::ConnectionSettings ResumeDialog::target() const
{
    core::ConnectionSettings s = m_state.target;
    if (!m_targetPassword->text().isEmpty())
        s.setPassword(m_targetPassword->text());
    return s;
}

void ResumeDialog::setBusy(bool busy)
{
    for (QWidget *w : std::initializer_list<QWidget *>{m_resume, m_cleanup, m_sourcePassword, m_targetPassword})
        w->setEnabled(!busy);
}

void ResumeDialog::resumeClicked()
{
    if (isBusy())
        return;
    m_status->setText(tr("Connecting to both servers…"));
    setBusy(true);
    const core::ConnectionSettings s = source();
    const core::ConnectionSettings t = target();
    m_checking.setFuture(QtConcurrent::run([s, t]() -> QString {
        QStringList problems;
        for (const auto &[what, settings] : {std::pair{tr("Source"), s}, std::pair{tr("Target"), t}}) {
            try {
                core::Connection c(settings);
            } catch (const core::PgError &error) {
                problems << tr("%1: %2").arg(what, error.message());
            }
        }
        return problems.join(u'\n');
    }));
}

void ResumeDialog::checkFinished()
{
    setBusy(false);
    const QString problem = m_checking.result();
    if (!problem.isEmpty()) {
        m_status->setText(tr("Cannot resume yet:\n%1").arg(problem));
        return;
    }
    m_status->clear();
    Q_EMIT resumeRequested();
    accept();
}

void ResumeDialog::cleanupClicked()
{
    if (isBusy())
        return;
    m_status->setText(tr("Dropping the subscription, the slot and the publication…"));
    setBusy(true);
    const core::ConnectionSettings s = source();
    const core::ConnectionSettings t = target();
    const core::ReplicationNames names = m_state.names;
    m_cleaning.setFuture(QtConcurrent::run([s, t, names] {
        const auto outcome = core::ReplicationCleanup::run(s, t, names);
        QStringList lines = outcome.done;
        for (const QString &failure : outcome.failures)
            lines << u'!' + failure;
        QStringList errors;
        const auto left = core::ReplicationCleanup::findOrphans(s, t, &errors);
        for (const core::ReplicationObject &o : left)
            lines << tr("Still there (another run of pgshift?): %1 %2 on the %3").arg(o.kind, o.name, o.where);
        return lines;
    }));
}

void ResumeDialog::cleanupFinished()
{
    setBusy(false);
    QStringList shown;
    bool failed = false;
    for (const QString &line : m_cleaning.result()) {
        failed |= line.startsWith(u'!');
        shown << (line.startsWith(u'!') ? line.mid(1) : line);
    }
    m_results->setPlainText(shown.join(u'\n'));
    m_results->show();
    if (failed) {
        m_status->setText(tr("Cleanup is incomplete; see below. Fix the cause (a password, a server that is down) "
                             "and try again."));
        return;
    }
    core::ReplicationState::clear();
    m_status->setText(tr("Cleaned up. Nothing of this replication is left on either server."));
    m_resume->hide();
    m_cleanup->hide();
    m_later->setText(tr("&Close"));
    Q_EMIT cleanedUp();
}

} // namespace pgshift::wizard
