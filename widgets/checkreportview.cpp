#include "widgets/checkreportview.h"

#include <QHeaderView>
#include <QSplitter>
#include <QStyle>
#include <QTextBrowser>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace pgshift::widgets {
namespace {

using Group = CheckReportView::Group;
constexpr int ResultIndexRole = Qt::UserRole + 1;

QString groupTitle(Group group, int count)
{
    switch (group) {
    case Group::Blockers: return CheckReportView::tr("Blockers (%1)").arg(count);
    case Group::Warnings: return CheckReportView::tr("Warnings (%1)").arg(count);
    case Group::Notes: return CheckReportView::tr("Notes (%1)").arg(count);
    case Group::Passed: return CheckReportView::tr("Passed (%1)").arg(count);
    }
    return {};
}

QStyle::StandardPixmap groupIcon(Group group)
{
    switch (group) {
    case Group::Blockers: return QStyle::SP_MessageBoxCritical;
    case Group::Warnings: return QStyle::SP_MessageBoxWarning;
    case Group::Notes: return QStyle::SP_MessageBoxInformation;
    case Group::Passed: return QStyle::SP_DialogApplyButton;
    }
    return QStyle::SP_MessageBoxInformation;
}

QString paragraph(const QString &label, const QString &text)
{
    if (text.isEmpty())
        return {};
    return QStringLiteral("<p><b>%1</b><br>%2</p>")
        .arg(label.toHtmlEscaped(), text.toHtmlEscaped().replace(u'\n', QStringLiteral("<br>")));
}

} // namespace

CheckReportView::CheckReportView(QWidget *parent)
    : QWidget(parent)
{
    m_tree = new QTreeWidget(this);
    m_tree->setObjectName(QStringLiteral("checkTree"));
    m_tree->setHeaderHidden(true);
    m_tree->setAccessibleName(tr("Checks"));
    m_tree->setRootIsDecorated(true);
    m_details = new QTextBrowser(this);
    m_details->setObjectName(QStringLiteral("checkDetails"));
    m_details->setAccessibleName(tr("Finding, reason and fix"));
    m_details->setOpenLinks(false);
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_tree);
    splitter->addWidget(m_details);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);
    connect(m_tree, &QTreeWidget::currentItemChanged, this, &CheckReportView::showDetails);
}

CheckReportView::Group CheckReportView::groupOf(const core::CheckResult &result, core::Method method)
{
    switch (result.status) {
    case core::CheckResult::Status::Blocker:
        return result.blocksMethod(method) ? Group::Blockers : Group::Warnings;
    case core::CheckResult::Status::Warning: return Group::Warnings;
    case core::CheckResult::Status::Info: return Group::Notes;
    case core::CheckResult::Status::Pass: return Group::Passed;
    }
    return Group::Notes;
}

void CheckReportView::setReport(const core::PreflightReport &report)
{
    m_report = report;
    m_tree->clear();
    QTreeWidgetItem *firstProblem = nullptr;
    for (Group group : {Group::Blockers, Group::Warnings, Group::Notes, Group::Passed}) {
        auto *top = new QTreeWidgetItem(m_tree);
        top->setIcon(0, style()->standardIcon(groupIcon(group)));
        int n = 0;
        for (int i = 0; i < report.results.size(); ++i) {
            if (groupOf(report.results.at(i), report.method) != group)
                continue;
            auto *item = new QTreeWidgetItem(top, {report.results.at(i).title});
            item->setIcon(0, style()->standardIcon(groupIcon(group)));
            item->setData(0, ResultIndexRole, i);
            if (!firstProblem && group != Group::Passed)
                firstProblem = item;
            ++n;
        }
        top->setText(0, groupTitle(group, n));
        top->setData(0, ResultIndexRole, -1);
        top->setExpanded(group != Group::Passed);
        top->setHidden(n == 0);
    }
    m_tree->setCurrentItem(firstProblem ? firstProblem : m_tree->topLevelItem(0));
    showDetails();
}

void CheckReportView::clear()
{
    m_report = core::PreflightReport();
    m_tree->clear();
    m_details->clear();
    emit currentResultChanged();
}

const core::CheckResult *CheckReportView::currentResult() const
{
    const QTreeWidgetItem *item = m_tree->currentItem();
    const int index = item ? item->data(0, ResultIndexRole).toInt() : -1;
    return index >= 0 && index < m_report.results.size() ? &m_report.results.at(index) : nullptr;
}

bool CheckReportView::selectCheck(const QString &id)
{
    for (int g = 0; g < m_tree->topLevelItemCount(); ++g) {
        QTreeWidgetItem *top = m_tree->topLevelItem(g);
        for (int c = 0; c < top->childCount(); ++c) {
            const int index = top->child(c)->data(0, ResultIndexRole).toInt();
            if (m_report.results.at(index).id == id) {
                m_tree->setCurrentItem(top->child(c));
                return true;
            }
        }
    }
    return false;
}

int CheckReportView::count(Group group) const
{
    return int(std::count_if(m_report.results.cbegin(), m_report.results.cend(),
                             [this, group](const core::CheckResult &r) { return groupOf(r, m_report.method) == group; }));
}

QString CheckReportView::detailsText() const
{
    return m_details->toPlainText();
}

void CheckReportView::showDetails()
{
    const core::CheckResult *r = currentResult();
    if (!r) {
        m_details->clear();
    } else {
        QString html = QStringLiteral("<h3>%1</h3>").arg(r->title.toHtmlEscaped());
        html += paragraph(tr("Finding"), r->finding);
        html += paragraph(tr("Why it matters"), r->why);
        if (!r->fixSql.isEmpty())
            html += QStringLiteral("<p><b>%1</b></p><pre>%2</pre>")
                        .arg(tr("Fix (SQL, on the %1)")
                                 .arg(r->fixSide == core::CheckResult::Side::Source ? tr("source") : tr("target"))
                                 .toHtmlEscaped(),
                             r->fixSql.toHtmlEscaped());
        else
            html += paragraph(tr("Fix"), r->fix);
        m_details->setHtml(html);
    }
    emit currentResultChanged();
}

} // namespace pgshift::widgets
