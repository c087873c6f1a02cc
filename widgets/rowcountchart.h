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

// Source against target rows for the largest tables of a copy, as horizontal bars. A table's
// bars fill in when it is done: the target's from the rows copied, the source's from the
// planner's estimate until the verification's exact count replaces it.
class RowCountChart final : public QWidget
{
    Q_OBJECT
public:
    explicit RowCountChart(QWidget *parent = nullptr);

    // How many tables get bars: the largest ones.
    static constexpr int MaxTables = 12;

    void setTables(const QList<core::TableStatus> &tables);
    void clear();

    // For tests: the bars' values, per category (table), as shown.
    QStringList categories() const;
    QList<qreal> sourceValues() const;
    QList<qreal> targetValues() const;

private:
    QChart *m_chart = nullptr;
    QChartView *m_view = nullptr;
    QHorizontalBarSeries *m_series = nullptr;
    QBarSet *m_source = nullptr;
    QBarSet *m_target = nullptr;
    QBarCategoryAxis *m_tablesAxis = nullptr;
    QValueAxis *m_rowsAxis = nullptr;
    QStringList m_categories;
};

} // namespace pgshift::widgets
