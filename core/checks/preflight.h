#pragma once

#include "core/checks/checkresult.h"
#include "core/migration/method.h"
#include "core/pg/connectionsettings.h"

#include <QCoreApplication>
#include <QList>

#include <atomic>
#include <memory>
#include <vector>

namespace pgshift::core {

class Check;

// The outcome of a preflight run, in the checks' fixed order.
struct PreflightReport
{
    Method method = Method::Logical;
    QList<CheckResult> results;
    qint64 elapsedMs = 0;

    int count(CheckResult::Status status) const;
    // Blockers for the report's method.
    int blockers() const;
};

// Runs the checks that apply to a method against a source and a target: concurrently, on a
// few worker threads with their own read-only connections, each statement under a timeout.
class Preflight final
{
    Q_DECLARE_TR_FUNCTIONS(pgshift::core::Preflight)
public:
    struct Options
    {
        Method method = Method::Logical;
        int workers = 4;
        int statementTimeoutSeconds = 30;
    };

    // Every check pgshift has, in report order.
    static const std::vector<std::unique_ptr<Check>> &allChecks();

    // Connects, reads the facts, runs the checks. Throws PgError when either side cannot be
    // reached at all; a single check's failure becomes a finding in the report.
    static PreflightReport run(const ConnectionSettings &source, const ConnectionSettings &target,
                               const Options &options, const std::atomic<bool> *cancel = nullptr);
};

} // namespace pgshift::core
