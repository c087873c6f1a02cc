#include "wizard/connectionpage.h"

#include "widgets/connectionform.h"
#include "widgets/connectiontestview.h"
#include "widgets/profilebar.h"
#include "wizard/migrationsession.h"
#include "widgets/statuscolor.h"

#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace pgshift::wizard {
namespace {

constexpr int MaxSchemasListed = 8;

} // namespace

ConnectionPage::ConnectionPage(Role role, MigrationSession *session, QWidget *parent)
    : QWizardPage(parent)
    , m_role(role)
    , m_session(session)
{
    const bool source = role == Role::Source;
    setObjectName(source ? QStringLiteral("sourcePage") : QStringLiteral("targetPage"));
    setTitle(source ? tr("Source database") : tr("Target database"));
    setSubTitle(source ? tr("The database to migrate from. pgshift only reads from it until "
                            "cutover.")
                       : tr("The database to migrate to, for example on PlanetScale Postgres. "
                            "It should be empty."));
    setupLayout();
    // Before listening for edits: the preset is not the user's, and must not overwrite settings
    // already in the session (a sandbox, a resumed migration).
    if (!source)
        m_form->setProvider(QStringLiteral("planetscale"));
    connect(m_form, &widgets::ConnectionForm::settingsChanged, this, &ConnectionPage::settingsEdited);
    connect(m_test, &QPushButton::clicked, this, &ConnectionPage::startTest);
    updateTestButton();
}

void ConnectionPage::setupLayout()
{
    m_form = new widgets::ConnectionForm(this);
    m_form->setObjectName(QStringLiteral("connectionForm"));
    m_profiles = new widgets::ProfileBar(m_form, this);
    m_test = new QPushButton(tr("&Test connection"), this);
    m_test->setObjectName(QStringLiteral("testButton"));
    m_result = new widgets::ConnectionTestView(this);
    m_verdict = new QLabel(this);
    m_verdict->setObjectName(QStringLiteral("verdictLabel"));
    m_verdict->setWordWrap(true);
    m_verdict->setTextFormat(Qt::PlainText);
    m_verdict->hide();

    auto *line = new QFrame(this);
    line->setFrameShape(QFrame::HLine);
    line->setFrameShadow(QFrame::Sunken);
    auto *testRow = new QHBoxLayout;
    testRow->addWidget(m_test, 0, Qt::AlignTop);
    testRow->addWidget(m_result, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_profiles);
    layout->addWidget(m_form);
    layout->addWidget(line);
    layout->addLayout(testRow);
    layout->addWidget(m_verdict);
    layout->addStretch(1);
}

void ConnectionPage::initializePage()
{
    // Settings placed in the session from elsewhere (a sandbox, a resumed migration) fill the
    // form; the target's verdict is re-judged against a source that may have changed.
    const core::ConnectionSettings &stored =
        m_role == Role::Source ? m_session->source() : m_session->target();
    if (!stored.keywords().isEmpty() && stored != m_form->settings())
        m_form->setSettings(stored);
    // Queued: QWizard focuses the page's first widget right after this function returns.
    if (m_form->settings().host().isEmpty())
        QMetaObject::invokeMethod(m_form, &widgets::ConnectionForm::focusConnectionString,
                                  Qt::QueuedConnection);
    if (m_role == Role::Target && m_passed && m_session->targetFacts()) {
        m_passed = judgeTarget(*m_session->targetFacts());
        emit completeChanged();
    }
}

bool ConnectionPage::isComplete() const
{
    return m_passed && !isTesting();
}

void ConnectionPage::updateTestButton()
{
    m_test->setEnabled(!isTesting() && m_form->problems().isEmpty());
}

void ConnectionPage::settingsEdited()
{
    ++m_generation;
    m_passed = false;
    m_result->clear();
    m_verdict->hide();
    if (m_role == Role::Source)
        m_session->setSource(m_form->settings());
    else
        m_session->setTarget(m_form->settings());
    updateTestButton();
    emit completeChanged();
}

void ConnectionPage::startTest()
{
    if (isTesting() || !m_form->problems().isEmpty())
        return;
    const core::ConnectionSettings settings = m_form->settings();
    const int generation = ++m_generation;
    m_passed = false;
    m_verdict->hide();
    m_result->showTesting();
    disconnect(&m_watcher, &QFutureWatcher<core::ConnectionTestResult>::finished, this, nullptr);
    connect(&m_watcher, &QFutureWatcher<core::ConnectionTestResult>::finished, this,
            [this, generation] { testFinished(generation); });
    m_watcher.setFuture(QtConcurrent::run([settings] { return core::testConnection(settings); }));
    updateTestButton();
    emit completeChanged();
}

void ConnectionPage::testFinished(int generation)
{
    updateTestButton();
    if (generation != m_generation) {
        emit completeChanged();
        return; // the settings changed while testing: this result is about old settings
    }
    const core::ConnectionTestResult result = m_watcher.result();
    m_result->showResult(result);
    m_passed = result.ok();
    if (result.ok()) {
        if (m_role == Role::Source) {
            m_session->setSource(result.settings);
            m_session->setSourceFacts(*result.facts);
        } else {
            m_session->setTarget(result.settings);
            m_session->setTargetFacts(*result.facts);
            m_passed = judgeTarget(*result.facts);
        }
    }
    emit completeChanged();
}

bool ConnectionPage::judgeTarget(const core::ServerFacts &target)
{
    QStringList notes;
    bool acceptable = true;
    if (const auto &source = m_session->sourceFacts()) {
        const auto verdict = core::DatabaseIdentity::compare(*source, target);
        if (verdict != core::DatabaseIdentity::Verdict::Different)
            notes << core::DatabaseIdentity::describe(verdict, *source, target);
        acceptable = verdict != core::DatabaseIdentity::Verdict::SameDatabase;
    }
    if (acceptable && target.userTableCount() > 0) {
        QStringList schemas;
        for (const auto &s : target.userTables.mid(0, MaxSchemasListed))
            schemas << QStringLiteral("%1 (%2)").arg(s.schema).arg(s.tables);
        if (target.userTables.size() > MaxSchemasListed)
            schemas << tr("and %n more schema(s)", nullptr,
                          int(target.userTables.size()) - MaxSchemasListed);
        notes << tr("The target database already holds %n user table(s), in: %1. pgshift never "
                    "drops existing objects; tables with the same names as the source's will make "
                    "the copy fail.",
                    nullptr, target.userTableCount())
                     .arg(schemas.join(QStringLiteral(", ")));
    }
    m_verdict->setStyleSheet(acceptable ? widgets::statusStyleSheet(widgets::Status::Warning, m_verdict)
                                        : widgets::statusStyleSheet(widgets::Status::Error, m_verdict, true));
    m_verdict->setText(notes.join(u'\n'));
    m_verdict->setVisible(!notes.isEmpty());
    return acceptable;
}

QString ConnectionPage::verdict() const
{
    return m_verdict->isVisibleTo(this) ? m_verdict->text() : QString();
}

} // namespace pgshift::wizard
