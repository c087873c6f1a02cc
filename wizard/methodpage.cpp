#include "wizard/methodpage.h"

#include "wizard/migrationsession.h"

#include <QButtonGroup>
#include <QLabel>
#include <QLocale>
#include <QRadioButton>
#include <QVBoxLayout>

namespace pgshift::wizard {
namespace {

constexpr qint64 LargeDatabaseBytes = 50LL * 1024 * 1024 * 1024;

} // namespace

MethodPage::MethodPage(MigrationSession *session, QWidget *parent)
    : QWizardPage(parent)
    , m_session(session)
{
    setObjectName(QStringLiteral("methodPage"));
    setTitle(tr("Migration method"));
    setSubTitle(tr("How to move the data. The next page checks the prerequisites of the method "
                   "you choose."));
    m_choices = new QButtonGroup(this);
    auto *layout = new QVBoxLayout(this);
    m_recommendation = new QLabel(this);
    m_recommendation->setObjectName(QStringLiteral("recommendationLabel"));
    m_recommendation->setWordWrap(true);
    m_recommendation->setTextFormat(Qt::PlainText);
    layout->addWidget(m_recommendation);
    layout->addSpacing(12);
    addChoice(int(core::Method::Dump), tr("&Dump and restore"),
              tr("Writes must stop for the whole copy. Simple and robust; everything is copied, "
                 "large objects and sequences included. Best when a maintenance window of the "
                 "copy's length is acceptable."));
    addChoice(int(core::Method::Logical), tr("Logical re&plication"),
              tr("The source stays online; writes stop only for seconds at cutover. Needs "
                 "wal_level = logical, replication rights and a key on every table. Sequences, "
                 "large objects and materialized views are handled at cutover; schema changes "
                 "(DDL) are not replicated, so make none until it is done."));
    addChoice(int(core::Method::Dms), tr("AWS DM&S assisted"),
              tr("AWS Database Migration Service moves the rows; pgshift prepares the schema and "
                 "the task files and afterwards adds constraints, sequences and validation. For "
                 "teams already running DMS."));
    layout->addStretch(1);
    connect(m_choices, &QButtonGroup::idClicked, this,
            [this](int id) { m_session->setMethod(core::Method(id)); });
}

void MethodPage::addChoice(int method, const QString &name, const QString &tradeOffs)
{
    auto *button = new QRadioButton(name, this);
    button->setObjectName(QStringLiteral("method_%1").arg(core::methodName(core::Method(method))));
    auto *details = new QLabel(tradeOffs, this);
    details->setWordWrap(true);
    details->setTextFormat(Qt::PlainText);
    details->setContentsMargins(24, 0, 0, 8);
    m_choices->addButton(button, method);
    layout()->addWidget(button);
    layout()->addWidget(details);
}

void MethodPage::initializePage()
{
    m_choices->button(int(m_session->method()))->setChecked(true);
    m_recommendation->setText(recommendation());
}

QString MethodPage::recommendation() const
{
    const auto &source = m_session->sourceFacts();
    if (!source)
        return {};
    const QString size = QLocale().formattedDataSize(source->databaseSizeBytes);
    if (source->walLevel != QLatin1String("logical"))
        return tr("The source database takes %1 and has wal_level = %2: dump and restore works "
                  "as it is; logical replication first needs wal_level = logical (a restart).")
            .arg(size, source->walLevel);
    if (source->databaseSizeBytes >= LargeDatabaseBytes)
        return tr("The source database takes %1: copying it takes a while, so logical "
                  "replication keeps the downtime to seconds.").arg(size);
    return tr("The source database takes %1. Dump and restore is simplest if the copy's "
              "duration is an acceptable downtime; otherwise use logical replication.").arg(size);
}

} // namespace pgshift::wizard
