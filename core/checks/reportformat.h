#pragma once

#include "core/checks/preflight.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

namespace pgshift::core {

// A preflight report as text for a terminal, JSON for scripts, or Markdown for tickets.
class ReportFormat final
{
    Q_DECLARE_TR_FUNCTIONS(pgshift::core::ReportFormat)
public:
    // "1 blocker, 0 warnings, 5 notes, 12 passed", in the locale's plural forms.
    static QString counts(const PreflightReport &report);
    static QString toText(const PreflightReport &report);
    // {"method", "blockers", "warnings", "checks": [{id, status, title, finding, why, fix,
    //  fix_sql, blocks, objects}]}
    static QByteArray toJson(const PreflightReport &report);
    static QString toMarkdown(const PreflightReport &report);
    // A self-contained HTML page; every text from the databases is escaped.
    static QString toHtml(const PreflightReport &report);
};

} // namespace pgshift::core
