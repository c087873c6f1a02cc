#include "core/checks/preflight.h"

#include "core/checks/allchecks.h"
#include "core/checks/check.h"
#include "core/log/corelog.h"
#include "core/pg/connection.h"
#include "core/pg/pgerror.h"

#include <QElapsedTimer>

#include <algorithm>
#include <mutex>
#include <optional>
#include <thread>

namespace pgshift::core {
namespace {

// Read-only sessions with a statement timeout: a check can neither change the user's
// databases nor hang on a lock.
void prepareSession(Connection &connection, int timeoutSeconds)
{
    connection.exec(QStringLiteral("SET statement_timeout = '%1s'").arg(timeoutSeconds));
    connection.exec(QStringLiteral("SET default_transaction_read_only = on"));
}

CheckResult runOne(const Check &check, const CheckContext &context)
{
    QElapsedTimer timer;
    timer.start();
    try {
        CheckResult result = check.run(context);
        logger()->info("check {}: {} ({} ms)", check.id(), statusName(result.status), timer.elapsed());
        return result;
    } catch (const PgError &error) {
        logger()->warn("check {} could not run: {}", check.id(), error.message());
        CheckResult result;
        result.id = check.id();
        result.title = check.title();
        result.status = CheckResult::Status::Warning;
        result.finding = Preflight::tr("This check could not run: %1").arg(error.message());
        result.why = error.sqlState() == QLatin1String("57014")
            ? Preflight::tr("Its catalog query took longer than the statement timeout.")
            : Preflight::tr("Without it, this prerequisite is unverified.");
        result.fix = Preflight::tr("Check the user's privileges on the catalogs and re-run.");
        return result;
    }
}

} // namespace

const std::vector<std::unique_ptr<Check>> &Preflight::allChecks()
{
    static const std::vector<std::unique_ptr<Check>> checks = [] {
        std::vector<std::unique_ptr<Check>> list;
        list.push_back(makeSameDatabaseCheck());
        list.push_back(makeVersionCheck());
        list.push_back(makeWalLevelCheck());
        list.push_back(makeReplicationCapacityCheck());
        list.push_back(makeSourcePrivilegesCheck());
        list.push_back(makeTargetPrivilegesCheck());
        list.push_back(makeReplicaIdentityCheck());
        list.push_back(makeRowSecurityCheck());
        list.push_back(makeExtensionsCheck());
        list.push_back(makeUnreplicatedObjectsCheck());
        list.push_back(makeReplicationObjectsCheck());
        list.push_back(makeOpenTransactionsCheck());
        list.push_back(makeWalSenderTimeoutCheck());
        list.push_back(makePooledEndpointCheck());
        list.push_back(makeCompatibilityCheck());
        list.push_back(makeClientToolsCheck());
        list.push_back(makeDatabaseSizeCheck());
        return list;
    }();
    return checks;
}

int PreflightReport::count(CheckResult::Status status) const
{
    return int(std::count_if(results.cbegin(), results.cend(),
                             [status](const CheckResult &r) { return r.status == status; }));
}

int PreflightReport::blockers() const
{
    return int(std::count_if(results.cbegin(), results.cend(),
                             [this](const CheckResult &r) { return r.blocksMethod(method); }));
}

PreflightReport Preflight::run(const ConnectionSettings &source, const ConnectionSettings &target,
                               const Options &options, const std::atomic<bool> *cancel)
{
    QElapsedTimer timer;
    timer.start();
    ServerFacts sourceFacts;
    ServerFacts targetFacts;
    {
        Connection s(source);
        sourceFacts = readServerFacts(s);
        Connection t(target);
        targetFacts = readServerFacts(t);
    }

    std::vector<const Check *> todo;
    for (const auto &check : allChecks()) {
        if (check->appliesTo(options.method))
            todo.push_back(check.get());
    }
    std::vector<std::optional<CheckResult>> results(todo.size());
    std::atomic<size_t> next{0};
    std::mutex errorMutex;
    std::optional<PgError> workerError;

    const auto worker = [&] {
        try {
            Connection s(source);
            Connection t(target);
            prepareSession(s, options.statementTimeoutSeconds);
            prepareSession(t, options.statementTimeoutSeconds);
            const CheckContext context{options.method, s,      t,     sourceFacts,
                                       targetFacts,    source, target};
            for (size_t i = next++; i < todo.size(); i = next++) {
                if (cancel && cancel->load())
                    return;
                results[i] = runOne(*todo[i], context);
            }
        } catch (const PgError &error) {
            std::lock_guard lock(errorMutex);
            if (!workerError)
                workerError = error;
        }
    };
    const int workers = std::clamp(options.workers, 1, std::max(1, int(todo.size())));
    std::vector<std::thread> threads;
    for (int i = 0; i < workers; ++i)
        threads.emplace_back(worker);
    for (std::thread &thread : threads)
        thread.join();

    PreflightReport report;
    report.method = options.method;
    for (auto &result : results) {
        if (!result) {
            if (workerError)
                throw *workerError; // not even a worker's connection came up
            throw PgError(PgError::Kind::Cancelled, tr("The preflight was cancelled."));
        }
        report.results.append(std::move(*result));
    }
    report.elapsedMs = timer.elapsed();
    return report;
}

QString statusName(CheckResult::Status status)
{
    switch (status) {
    case CheckResult::Status::Pass: return QStringLiteral("pass");
    case CheckResult::Status::Info: return QStringLiteral("info");
    case CheckResult::Status::Warning: return QStringLiteral("warning");
    case CheckResult::Status::Blocker: return QStringLiteral("blocker");
    }
    return {};
}

} // namespace pgshift::core
