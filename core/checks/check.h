#pragma once

#include "core/checks/checkresult.h"
#include "core/migration/method.h"
#include "core/pg/connectionsettings.h"
#include "core/pg/serverfacts.h"

#include <QCoreApplication>

namespace pgshift::core {

class Connection;

// Everything a check may look at. The connections are the worker's own, read-only, with a
// statement timeout; the facts were read once before the checks started.
struct CheckContext
{
    Method method;
    Connection &source;
    Connection &target;
    const ServerFacts &sourceFacts;
    const ServerFacts &targetFacts;
    const ConnectionSettings &sourceSettings;
    const ConnectionSettings &targetSettings;
};

// One prerequisite check. Checks are stateless and run concurrently on worker threads, each
// with its own connections; they read the catalogs with set-based queries, never one query
// per table.
class Check
{
public:
    virtual ~Check() = default;
    virtual QString id() const = 0;
    virtual QString title() const = 0;
    // Whether it matters for the chosen method; checks that do not apply are not run.
    virtual bool appliesTo(Method method) const
    {
        Q_UNUSED(method)
        return true;
    }
    // Throws PgError when a query fails; the runner turns that into a finding.
    virtual CheckResult run(const CheckContext &context) const = 0;

protected:
    CheckResult result(CheckResult::Status status = CheckResult::Status::Pass) const
    {
        CheckResult r;
        r.id = id();
        r.title = title();
        r.status = status;
        return r;
    }
};

} // namespace pgshift::core
