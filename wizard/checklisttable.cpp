#include "wizard/checklisttable.h"
#include "widgets/statuscolor.h"

#include <QFontDatabase>
#include <QHeaderView>
#include <QLocale>

namespace pgshift::wizard {
namespace {

enum Column { StepColumn, StatusColumn, TimeColumn, SqlColumn, ColumnCount };

QColor stateColor(core::CutoverStep::State state, const QPalette &palette)
{
    using widgets::Status;
    switch (state) {
    case core::CutoverStep::State::Done: return widgets::statusColor(Status::Success, palette);
    case core::CutoverStep::State::Failed: return widgets::statusColor(Status::Error, palette);
    case core::CutoverStep::State::Running: return widgets::statusColor(Status::Running, palette);
    default: return {};
    }
}

} // namespace

ChecklistTable::ChecklistTable(QWidget *parent)
    : QTableWidget(0, ColumnCount, parent)
{
    setObjectName(QStringLiteral("checklistTable"));
    setAccessibleName(tr("Checklist"));
    setHorizontalHeaderLabels({tr("Step"), tr("Status"), tr("Time"), tr("SQL")});
    verticalHeader()->hide();
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setWordWrap(true);
    horizontalHeader()->setSectionResizeMode(StepColumn, QHeaderView::Stretch);
    horizontalHeader()->setSectionResizeMode(SqlColumn, QHeaderView::Stretch);
    horizontalHeader()->setSectionResizeMode(StatusColumn, QHeaderView::ResizeToContents);
    horizontalHeader()->setSectionResizeMode(TimeColumn, QHeaderView::ResizeToContents);
}

void ChecklistTable::resizeEvent(QResizeEvent *event)
{
    QTableWidget::resizeEvent(event);
    resizeRowsToContents();
}

void ChecklistTable::setPlan(const QList<core::CutoverStep> &steps)
{
    setRowCount(int(steps.size()));
    for (const core::CutoverStep &step : steps)
        showStep(step);
    resizeRowsToContents();
}

void ChecklistTable::showStep(const core::CutoverStep &step)
{
    const int row = step.number - 1;
    if (row < 0 || row >= rowCount())
        return;
    const bool ended = step.state == core::CutoverStep::State::Done || step.state == core::CutoverStep::State::Failed;
    const QString time = ended ? QLocale().toString(step.elapsedMs / 1000.0, 'f', 1) + tr(" s") : QString();
    const QString title = step.detail.isEmpty() ? QStringLiteral("%1. %2").arg(step.number).arg(step.title)
                                                : QStringLiteral("%1. %2\n%3").arg(step.number).arg(step.title, step.detail);
    const QString texts[ColumnCount] = {title, core::CutoverStep::stateName(step.state), time, step.sql};
    for (int column = 0; column < ColumnCount; ++column) {
        QTableWidgetItem *cell = item(row, column);
        if (!cell) {
            cell = new QTableWidgetItem;
            cell->setTextAlignment(Qt::AlignTop | Qt::AlignLeft);
            if (column == SqlColumn)
                cell->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
            setItem(row, column, cell);
        }
        cell->setText(texts[column]);
        cell->setToolTip(texts[column]);
    }
    item(row, StatusColumn)->setForeground(stateColor(step.state, palette()));
    resizeRowToContents(row);
}

} // namespace pgshift::wizard
