#include "widgets/rowcountchart.h"
#include "widgets/statuscolor.h"

#include "widgets/chartexport.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QFontMetrics>
#include <QHorizontalBarSeries>
#include <QLocale>
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
    m_series = new QHorizontalBarSeries;
    m_series->append(m_source);
    m_series->append(m_target);
    m_chart = new QChart;
    if (isDarkPalette(palette()))
        m_chart->setTheme(QChart::ChartThemeDark); // a white chart glares on a dark desktop
    m_chart->addSeries(m_series);
    m_source->setColor(QColor(0x6b, 0x8e, 0xc9)); // after the theme, which sets its own colours
    m_target->setColor(QColor(0x3f, 0xa3, 0x5b));
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

void RowCountChart::fitRowsAxis()
{
    // As many ticks as the widest number leaves room for: a narrow chart shows fewer, never
    // numbers run together.
    const qreal top = m_top > 0 ? m_top * 1.12 : 10; // room for the value labels
    const int label = QFontMetrics(m_rowsAxis->labelsFont()).horizontalAdvance(QString::number(qint64(top) * 10)) + 16;
    const int width = std::max(1, this->width() - 170); // less the table names
    m_rowsAxis->setTickCount(std::clamp(width / label + 1, 2, 6));
    m_rowsAxis->setRange(0, top);
    m_rowsAxis->applyNiceNumbers();
}

void RowCountChart::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    fitRowsAxis();
}

qint64 RowCountChart::Row::difference() const
{
    if (source < 0 && target < 0)
        return 0;
    return std::abs(std::max<qint64>(source, 0) - std::max<qint64>(target, 0));
}

void RowCountChart::clear()
{
    setRows({}, Order::LargestFirst);
}

void RowCountChart::setTables(const QList<TableStatus> &tables)
{
    QList<Row> rows;
    for (const TableStatus &t : tables) {
        const bool done = t.state == TableStatus::State::Copied;
        Row row;
        row.table = t.qualifiedName();
        row.source = t.sourceRows >= 0 ? t.sourceRows : (done ? std::max<qint64>(t.estimatedRows, 0) : -1);
        row.target = t.targetRows >= 0 ? t.targetRows : (done ? t.rowsCopied : -1);
        row.size = t.heapBytes;
        rows << row;
    }
    setRows(rows, Order::LargestFirst);
}

void RowCountChart::setRows(const QList<Row> &rows, Order order, const QString &kind)
{
    m_rows = rows;
    QList<Row> shown = rows;
    if (order == Order::LargestFirst) {
        std::stable_sort(shown.begin(), shown.end(), [](const Row &a, const Row &b) { return a.size > b.size; });
    } else {
        // Biggest gap first; equal gaps (all caught up) by size, then by name.
        std::stable_sort(shown.begin(), shown.end(), [](const Row &a, const Row &b) {
            if (a.difference() != b.difference())
                return a.difference() > b.difference();
            const qint64 sa = std::max(a.source, a.target);
            const qint64 sb = std::max(b.source, b.target);
            return sa != sb ? sa > sb : a.table < b.table;
        });
    }
    if (shown.size() > MaxTables)
        shown.resize(MaxTables);
    std::reverse(shown.begin(), shown.end()); // horizontal bars draw bottom-up: the first on top

    QStringList names;
    QStringList categories;
    QList<qreal> source;
    QList<qreal> target;
    qreal top = 0;
    const QLocale locale;
    const auto number = [&locale](qint64 n) { return n >= 0 ? locale.toString(n) : QStringLiteral("?"); };
    for (const Row &r : shown) {
        names << r.table;
        // The numbers in the label: a gap of ten rows on a million-row table is invisible as length.
        categories << (r.source == r.target ? tr("%1 (%2)").arg(r.table, number(r.source))
                                            : tr("%1 (%2 / %3)").arg(r.table, number(r.source), number(r.target)));
        source << qreal(std::max<qint64>(r.source, 0));
        target << qreal(std::max<qint64>(r.target, 0));
        top = std::max({top, source.last(), target.last()});
    }
    if (categories != m_labels) {
        m_tablesAxis->clear();
        m_tablesAxis->append(categories);
        m_labels = categories;
    }
    m_categories = names;
    m_source->remove(0, m_source->count());
    m_target->remove(0, m_target->count());
    m_source->append(source);
    m_target->append(target);
    m_top = top;
    fitRowsAxis();
    const QString title = order == Order::LargestFirst ? tr("Rows per table: source and target")
                                                       : tr("Rows per table, largest difference first");
    m_chart->setTitle(kind.isEmpty() ? title : tr("%1 (%2)").arg(title, kind));
}

QString RowCountChart::toCsv() const
{
    QStringList lines{QStringLiteral("table,source_rows,target_rows,difference")};
    const auto field = [](const QString &text) {
        return text.contains(u',') || text.contains(u'"') || text.contains(u'\n')
            ? u'"' + QString(text).replace(u'"', QStringLiteral("\"\"")) + u'"'
            : text;
    };
    for (const Row &r : m_rows)
        lines << QStringLiteral("%1,%2,%3,%4")
                     .arg(field(r.table), r.source >= 0 ? QString::number(r.source) : QString(),
                          r.target >= 0 ? QString::number(r.target) : QString(),
                          r.source >= 0 && r.target >= 0 ? QString::number(r.source - r.target) : QString());
    return lines.join(u'\n') + u'\n';
}

bool RowCountChart::exportCsv(const QString &path, QString *error) const
{
    return writeTextFile(path, toCsv(), error);
}

bool RowCountChart::exportPng(const QString &path) const
{
    return m_view->grab().save(path, "PNG");
}

QByteArray RowCountChart::toPng() const
{
    return widgetPng(m_view);
}

QStringList RowCountChart::categories() const
{
    QStringList top = m_categories;
    std::reverse(top.begin(), top.end());
    return top;
}

QList<qreal> RowCountChart::sourceValues() const
{
    QList<qreal> values;
    for (int i = m_source->count() - 1; i >= 0; --i)
        values << m_source->at(i);
    return values;
}

QList<qreal> RowCountChart::targetValues() const
{
    QList<qreal> values;
    for (int i = m_target->count() - 1; i >= 0; --i)
        values << m_target->at(i);
    return values;
}

} // namespace pgshift::widgets
