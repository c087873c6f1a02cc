#pragma once

#include "core/checks/preflight.h"

#include <QWidget>

class QTextBrowser;
class QTreeWidget;

namespace pgshift::widgets {

// A preflight report: checks grouped by status (blockers first) with icons, and the selected
// check's finding, reason and fix beside them.
class CheckReportView final : public QWidget
{
    Q_OBJECT
public:
    enum class Group { Blockers, Warnings, Notes, Passed };

    explicit CheckReportView(QWidget *parent = nullptr);

    void setReport(const core::PreflightReport &report);
    void clear();
    // The check shown in the details pane, or nullptr.
    const core::CheckResult *currentResult() const;
    bool selectCheck(const QString &id);
    int count(Group group) const;
    QString detailsText() const;

    // Where a result belongs for the report's method: a blocker of another method is a warning.
    static Group groupOf(const core::CheckResult &result, core::Method method);

signals:
    void currentResultChanged();

private:
    void showDetails();

    QTreeWidget *m_tree = nullptr;
    QTextBrowser *m_details = nullptr;
    core::PreflightReport m_report;
};

} // namespace pgshift::widgets
