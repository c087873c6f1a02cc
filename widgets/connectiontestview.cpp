#include "widgets/connectiontestview.h"

#include "core/pg/connectiontest.h"
#include "widgets/statuscolor.h"

#include <QFormLayout>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QToolButton>
#include <QVBoxLayout>

namespace pgshift::widgets {
namespace {

enum FactRow { ServerRow, DatabaseRow, UserRow, WalLevelRow, TimingRow, FactRowCount };

QString roleAttributes(const core::ServerFacts &facts)
{
    QStringList attributes;
    if (facts.superuser)
        attributes << ConnectionTestView::tr("superuser");
    if (facts.replication)
        attributes << ConnectionTestView::tr("replication");
    if (facts.rdsReplication)
        attributes << ConnectionTestView::tr("member of rds_replication");
    if (facts.createSubscription)
        attributes << ConnectionTestView::tr("member of pg_create_subscription");
    if (facts.bypassRls)
        attributes << ConnectionTestView::tr("bypasses row-level security");
    return attributes.isEmpty() ? ConnectionTestView::tr("no special attributes")
                                : attributes.join(QStringLiteral(", "));
}

} // namespace

ConnectionTestView::ConnectionTestView(QWidget *parent)
    : QWidget(parent)
{
    m_headline = new QLabel(this);
    m_headline->setObjectName(QStringLiteral("testHeadline"));
    m_headline->setWordWrap(true);
    m_headline->setTextFormat(Qt::PlainText);
    m_headline->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont bold = m_headline->font();
    bold.setBold(true);
    m_headline->setFont(bold);

    m_factsBox = new QWidget(this);
    m_facts = new QFormLayout(m_factsBox);
    m_facts->setContentsMargins(0, 0, 0, 0);
    const QString labels[FactRowCount] = {tr("Server:"), tr("Database:"), tr("User:"),
                                          tr("wal_level:"), tr("Round trip:")};
    for (const QString &label : labels) {
        auto *value = new QLabel(m_factsBox);
        value->setTextFormat(Qt::PlainText);
        value->setWordWrap(true);
        value->setTextInteractionFlags(Qt::TextSelectableByMouse);
        m_facts->addRow(label, value);
    }

    m_detailsToggle = new QToolButton(this);
    m_detailsToggle->setObjectName(QStringLiteral("detailsToggle"));
    m_detailsToggle->setText(tr("Server message"));
    m_detailsToggle->setCheckable(true);
    m_detailsToggle->setArrowType(Qt::RightArrow);
    m_detailsToggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_details = new QPlainTextEdit(this);
    m_details->setObjectName(QStringLiteral("detailsText"));
    m_details->setReadOnly(true);
    m_details->setMaximumHeight(90);
    connect(m_detailsToggle, &QToolButton::toggled, this, [this](bool open) {
        m_details->setVisible(open);
        m_detailsToggle->setArrowType(open ? Qt::DownArrow : Qt::RightArrow);
    });

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_headline);
    layout->addWidget(m_factsBox);
    layout->addWidget(m_detailsToggle, 0, Qt::AlignLeft);
    layout->addWidget(m_details);
    clear();
}

void ConnectionTestView::setFact(int row, const QString &text)
{
    static_cast<QLabel *>(m_facts->itemAt(row, QFormLayout::FieldRole)->widget())->setText(text);
}

void ConnectionTestView::clear()
{
    m_headline->clear();
    m_headline->setStyleSheet(QString());
    m_factsBox->hide();
    m_detailsToggle->hide();
    m_detailsToggle->setChecked(false);
    m_details->hide();
    m_details->clear();
}

void ConnectionTestView::showTesting()
{
    clear();
    m_headline->setText(tr("Testing the connection…"));
}

void ConnectionTestView::showResult(const core::ConnectionTestResult &result)
{
    clear();
    if (!result.ok()) {
        const core::PgError &error = *result.error;
        const QString plain = error.explanation();
        m_headline->setStyleSheet(statusStyleSheet(Status::Error, m_headline));
        m_headline->setText(plain.isEmpty() ? tr("The connection failed.") : plain);
        m_details->setPlainText(error.serverText());
        m_detailsToggle->show();
        return;
    }
    const core::ServerFacts &facts = *result.facts;
    const QLocale locale;
    m_headline->setStyleSheet(statusStyleSheet(Status::Success, m_headline));
    m_headline->setText(tr("Connected."));
    setFact(ServerRow, tr("PostgreSQL %1%2")
                           .arg(facts.serverVersion,
                                facts.inRecovery ? tr(" (standby, read-only)") : QString()));
    setFact(DatabaseRow, tr("%1, %2, %n user table(s)", nullptr, facts.userTableCount())
                             .arg(facts.database, locale.formattedDataSize(facts.databaseSizeBytes)));
    setFact(UserRow, QStringLiteral("%1 (%2)").arg(facts.user, roleAttributes(facts)));
    setFact(WalLevelRow, facts.walLevel);
    setFact(TimingRow, tr("%1 ms (connecting took %2 ms)")
                           .arg(locale.toString(result.roundTripMs, 'f', 2))
                           .arg(result.connectMs));
    m_factsBox->show();
}

QString ConnectionTestView::headline() const
{
    return m_headline->text();
}

QString ConnectionTestView::details() const
{
    return m_details->toPlainText();
}

} // namespace pgshift::widgets
