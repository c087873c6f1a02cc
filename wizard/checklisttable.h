#pragma once

#include "core/cutover/cutover.h"

#include <QTableWidget>

namespace pgshift::wizard {

// A cutover checklist, one step per row: the step (with its result once known), its status
// in colour, its time and the SQL it runs.
class ChecklistTable final : public QTableWidget
{
    Q_OBJECT
public:
    explicit ChecklistTable(QWidget *parent = nullptr);

    // Replaces the rows with `steps` as planned.
    void setPlan(const QList<core::CutoverStep> &steps);
    // Updates the step's row (found by its number).
    void showStep(const core::CutoverStep &step);

protected:
    // Rows keep fitting their wrapped text when the columns change width.
    void resizeEvent(QResizeEvent *event) override;
};

} // namespace pgshift::wizard
