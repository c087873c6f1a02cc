#pragma once

#include "core/migration/copyprogress.h"

#include <QWidget>

QT_BEGIN_NAMESPACE
class QBarCategoryAxis;
class QBarSet;
class QChart;
class QChartView;
class QHorizontalBarSeries;
class QValueAxis;
QT_END_NAMESPACE

namespace pgshift::widgets {

// Source against target rows per table, as horizontal bars, for at most MaxTables tables:
// the largest ones (a copy) or those whose two counts differ most (a replication). Every
// row, not just the ones shown, exports as CSV; the chart as PNG.
class RowCountChart final : public QWidget
{
    Q_OBJECT
public:
    struct Row
    {
        QString table;      // as shown: schema.table
        qint64 source = -1; // -1: unknown
        qint64 target = -1;
        qint64 size = 0;    // orders LargestFirst

        qint64 difference() const;
    };
    enum class Order { LargestFirst, BiggestDifferenceFirst };

    explicit RowCountChart(QWidget *parent = nullptr);

    static constexpr int MaxTables = 12;

    // `kind` says what the numbers are ("estimates", "exact counts at 10:42") in the title.
    void setRows(const QList<Row> &rows, Order order, const QString &kind = {});
    // A copy's tables: a table's bars fill in when it is done, the target's from the rows
    // copied, the source's from the planner's estimate until the exact count replaces it.
    void setTables(const QList<core::TableStatus> &tables);
    void clear();

    const QList<Row> &rows() const { return m_rows; }
    QString toCsv() const;
    bool exportCsv(const QString &path, QString *error = nullptr) const;
    bool exportPng(const QString &path) const;
    QByteArray toPng() const; // the chart as shown, for reports

    // For tests: the tables shown and their bars' values, top bar first.
    QStringList categories() const;
    QList<qreal> sourceValues() const;
    QList<qreal> targetValues() const;

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void fitRowsAxis(); // range and ticks for m_top and the chart's width
    QChart *m_chart = nullptr;
    QChartView *m_view = nullptr;
    QHorizontalBarSeries *m_series = nullptr;
    QBarSet *m_source = nullptr;
    QBarSet *m_target = nullptr;
    QBarCategoryAxis *m_tablesAxis = nullptr;
    QValueAxis *m_rowsAxis = nullptr;
    QStringList m_categories; // table names, bottom bar first
    QStringList m_labels;     // as the axis shows them, with the numbers
    QList<Row> m_rows;
    qreal m_top = 0; // the largest value shown
};

} // namespace pgshift::widgets
