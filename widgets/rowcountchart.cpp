#include "widgets/rowcountchart.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QHorizontalBarSeries>
#include <QValueAxis>
#include <QVBoxLayout>

#include <algorithm>

namespace pgshift::widgets {

using core::TableStatus;

RowCountChart::RowCountChart(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("rowCountChart"));
    m_source = new QBarSet(tr("Source"));
    m_target = new QBarSet(tr("Target"));
    m_source->setColor(QColor(0x6b, 0x8e, 0xc9));
    m_target->setColor(QColor(0x3f, 0xa3, 0x5b));
    m_series = new QHorizontalBarSeries;
    m_series->append(m_source);
    m_series->append(m_target);
    m_chart = new QChart;
    m_chart->addSeries(m_series);
    m_chart->setTitle(tr("Rows per table: source and target"));
    m_chart->legend()->setAlignment(Qt::AlignBottom);
    m_chart->setAnimationOptions(QChart::NoAnimation);
    m_chart->setMargins(QMargins(4, 4, 4, 4));
    m_tablesAxis = new QBarCategoryAxis;
    m_rowsAxis = new QValueAxis;
    m_rowsAxis->setLabelFormat(QStringLiteral("%.0f"));
    m_rowsAxis->setMin(0);
    m_chart->addAxis(m_tablesAxis, Qt::AlignLeft);
    m_chart->addAxis(m_rowsAxis, Qt::AlignBottom);
    m_series->attachAxis(m_tablesAxis);
    m_series->attachAxis(m_rowsAxis);
    m_view = new QChartView(m_chart, this);
    m_view->setRenderHint(QPainter::Antialiasing);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view);
}

void RowCountChart::clear()
{
    setTables({});
}

void RowCountChart::setTables(const QList<TableStatus> &tables)
{
    // The largest tables, in the order the copy lists them (largest first).
    QList<TableStatus> shown = tables;
    std::stable_sort(shown.begin(), shown.end(),
                     [](const TableStatus &a, const TableStatus &b) { return a.heapBytes > b.heapBytes; });
    if (shown.size() > MaxTables)
        shown.resize(MaxTables);
    std::reverse(shown.begin(), shown.end()); // horizontal bars draw bottom-up: largest on top

    QStringList categories;
    QList<qreal> source;
    QList<qreal> target;
    qreal top = 0;
    for (const TableStatus &t : shown) {
        categories << t.qualifiedName();
        const bool done = t.state == TableStatus::State::Copied;
        const qreal s = t.sourceRows >= 0 ? qreal(t.sourceRows) : (done ? qreal(std::max<qint64>(t.estimatedRows, 0)) : 0);
        const qreal d = t.targetRows >= 0 ? qreal(t.targetRows) : (done ? qreal(t.rowsCopied) : 0);
        source << s;
        target << d;
        top = std::max({top, s, d});
    }
    if (categories != m_categories) {
        m_tablesAxis->clear();
        m_tablesAxis->append(categories);
        m_categories = categories;
    }
    m_source->remove(0, m_source->count());
    m_target->remove(0, m_target->count());
    m_source->append(source);
    m_target->append(target);
    m_rowsAxis->setRange(0, top > 0 ? top * 1.05 : 1);
}

QStringList RowCountChart::categories() const
{
    return m_categories;
}

QList<qreal> RowCountChart::sourceValues() const
{
    QList<qreal> values;
    for (int i = 0; i < m_source->count(); ++i)
        values << m_source->at(i);
    return values;
}

QList<qreal> RowCountChart::targetValues() const
{
    QList<qreal> values;
    for (int i = 0; i < m_target->count(); ++i)
        values << m_target->at(i);
    return values;
}

} // namespace pgshift::widgets
