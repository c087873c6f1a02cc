#include "wizard/replicationrowspanel.h"

#include "core/migration/cancellation.h"
#include "widgets/chartexport.h"
#include "widgets/rowcountchart.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace pgshift::wizard {

ReplicationRowsPanel::ReplicationRowsPanel(std::function<core::ReplicationOptions()> endpoints, QWidget *parent)
    : QWidget(parent)
    , m_endpoints(std::move(endpoints))
{
    m_chart = new widgets::RowCountChart(this);
    m_countExactly = new QPushButton(tr("Count &exactly"), this);
    m_countExactly->setObjectName(QStringLiteral("countExactlyButton"));
    m_countExactly->setToolTip(tr("count(*) of every table on both servers, in parallel; reads every row"));
    m_liveEstimates = new QPushButton(tr("Live &estimates"), this);
    m_liveEstimates->setObjectName(QStringLiteral("liveEstimatesButton"));
    m_liveEstimates->hide();
    m_note = new QLabel(tr("Estimates from the statistics, refreshed every 5 seconds."), this);
    m_note->setObjectName(QStringLiteral("rowsNoteLabel"));
    m_note->setWordWrap(true);
    auto *exportCsv = new QPushButton(tr("Export CS&V…"), this);
    auto *exportPng = new QPushButton(tr("Export PN&G…"), this);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_chart, 1);
    layout->addWidget(m_note);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_liveEstimates);
    buttons->addWidget(m_countExactly);
    buttons->addWidget(exportCsv);
    buttons->addWidget(exportPng);
    layout->addLayout(buttons);

    connect(exportCsv, &QPushButton::clicked, this,
            [this] { widgets::exportCsvWithDialog(this, tr("Export row counts"), QStringLiteral("rows.csv"), m_chart); });
    connect(exportPng, &QPushButton::clicked, this,
            [this] { widgets::exportPngWithDialog(this, tr("Export the row chart"), QStringLiteral("rows.png"), m_chart); });
    connect(m_countExactly, &QPushButton::clicked, this, &ReplicationRowsPanel::countExactly);
    connect(m_liveEstimates, &QPushButton::clicked, this, &ReplicationRowsPanel::showLiveEstimates);
    connect(&m_counting, &QFutureWatcher<core::RowCounts::Outcome>::finished, this, &ReplicationRowsPanel::countsFinished);
    updateButtons();
}

void ReplicationRowsPanel::setCountingAllowed(bool allowed)
{
    m_allowed = allowed;
    updateButtons();
}

void ReplicationRowsPanel::clear()
{
    m_chart->clear();
    m_tables.clear();
    m_last = {};
    updateButtons();
}

void ReplicationRowsPanel::showStatus(const core::ReplicationStatus &st)
{
    m_last = st;
    m_tables.clear();
    for (const core::TableSync &t : st.tables)
        m_tables << core::CopyScope::Table{t.schema, t.table};
    if (!m_showingExact) {
        QList<widgets::RowCountChart::Row> rows;
        for (const core::TableSync &t : st.tables)
            rows << widgets::RowCountChart::Row{t.schema + u'.' + t.table, t.sourceRows, t.targetRows, 0};
        m_chart->setRows(rows, widgets::RowCountChart::Order::BiggestDifferenceFirst, tr("estimates"));
    }
    updateButtons();
}

void ReplicationRowsPanel::showLiveEstimates()
{
    m_showingExact = false;
    m_liveEstimates->hide();
    m_note->setText(tr("Estimates from the statistics, refreshed every 5 seconds."));
    showStatus(m_last);
}

void ReplicationRowsPanel::countExactly()
{
    if (isCounting() || !m_allowed || m_tables.isEmpty())
        return;
    const core::ReplicationOptions o = m_endpoints();
    const QList<core::CopyScope::Table> tables = m_tables;
    m_note->setText(tr("Counting the rows of %n table(s) on both servers…", nullptr, int(tables.size())));
    m_counting.setFuture(QtConcurrent::run([o, tables] {
        core::Cancellation none;
        return core::RowCounts::exact(o.copy.source, o.copy.target, tables, o.copy.jobs, none);
    }));
    updateButtons();
    Q_EMIT countingChanged();
}

void ReplicationRowsPanel::countsFinished()
{
    const core::RowCounts::Outcome outcome = m_counting.result();
    QList<widgets::RowCountChart::Row> rows;
    int equal = 0;
    QStringList errors;
    for (const core::TableRowCount &t : outcome.tables) {
        rows << widgets::RowCountChart::Row{t.schema + u'.' + t.table, t.source, t.target, 0};
        equal += t.matches() ? 1 : 0;
        if (!t.error.isEmpty())
            errors << t.schema + u'.' + t.table + QStringLiteral(": ") + t.error;
    }
    const QString at = outcome.finishedAt.toLocalTime().toString(QStringLiteral("HH:mm:ss"));
    m_showingExact = true;
    m_chart->setRows(rows, widgets::RowCountChart::Order::BiggestDifferenceFirst, tr("exact counts at %1").arg(at));
    QString note = tr("Exact counts at %1, in %2 s: %3 of %n table(s) equal on both sides. Changes still flowing "
                      "can make a table differ for a moment.",
                      nullptr, int(outcome.tables.size()))
                       .arg(at)
                       .arg(QLocale().toString(outcome.startedAt.msecsTo(outcome.finishedAt) / 1000.0, 'f', 1))
                       .arg(equal);
    if (!errors.isEmpty())
        note += u'\n' + errors.join(u'\n');
    m_note->setText(note);
    m_liveEstimates->show();
    updateButtons();
    Q_EMIT countingChanged();
}

void ReplicationRowsPanel::updateButtons()
{
    m_countExactly->setEnabled(m_allowed && !isCounting() && !m_tables.isEmpty());
}

} // namespace pgshift::wizard
