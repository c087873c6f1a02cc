#pragma once

#include "core/pg/connectionsettings.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QString>

#include <atomic>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>

namespace pgshift::core {

class Connection;

// Two throwaway local servers to try pgshift on: a source (wal_level=logical) holding a small
// shop with sample data, and an empty target, each with its own generated password, on
// 127.0.0.1 only, in a directory of their own under root(). A sandbox started for the wizard
// belongs to its process: when that process is gone, the next pgshift removes it. One started
// with `pgshift sandbox start` stays until `pgshift sandbox stop`.
class Sandbox final
{
    Q_DECLARE_TR_FUNCTIONS(pgshift::core::Sandbox)
public:
    struct Info
    {
        QString directory;
        ConnectionSettings source; // the shop database, with the password
        ConnectionSettings target;
        bool persistent = false;   // started from the command line: outlives its process
        qint64 ownerPid = 0;
        QDateTime created;         // UTC
        bool sourceRunning = false;
        bool targetRunning = false;

        // The file with both connection strings (mode 0600), for a shell to source:
        // export PGSHIFT_SOURCE='...' and export PGSHIFT_TARGET='...'.
        QString connectionsFile() const;
    };

    // $PGSHIFT_SANDBOX_DIR, else <tmp>/pgshift-sandbox-<uid>.
    static QString root();

    // Starts both servers and fills the source; `progress` hears each step in words.
    static std::optional<Info> start(bool persistent, QString *error, const std::function<void(const QString &)> &progress = {});
    // The sandboxes on disk, newest first.
    static QList<Info> list();
    // Stops both servers and deletes the sandbox's directory; false with the reason.
    static bool stop(const QString &directory, QString *error);
    // Removes sandboxes whose owning process is gone (not the persistent ones); how many.
    static int removeStale();

    // The shop: customers, products, orders and order lines, payments partitioned by year,
    // an audit log without a primary key, a materialized view, a sequence of its own, identity
    // columns, foreign keys, a large object; about 100,000 rows.
    static void createSampleData(Connection &c);
    static constexpr const char *Database = "shop";
};

// Writes like an application on the sandbox's source: new orders with lines and a payment,
// status updates, removed order lines, audit entries, at `perSecond` operations a second, on
// a thread of its own. Refused writes (a cutover's write block) are counted and retried.
class SandboxWorkload final
{
public:
    struct Counts
    {
        qint64 inserted = 0;
        qint64 updated = 0;
        qint64 deleted = 0;
        qint64 refused = 0;
        QString lastError;
    };

    explicit SandboxWorkload(const ConnectionSettings &source);
    ~SandboxWorkload(); // stops it
    SandboxWorkload(const SandboxWorkload &) = delete;
    SandboxWorkload &operator=(const SandboxWorkload &) = delete;

    void start(double perSecond);
    void setRate(double perSecond);
    double rate() const { return m_rate; }
    void stop();
    bool isRunning() const { return m_thread.joinable(); }
    Counts counts() const;

private:
    void run();

    const ConnectionSettings m_source;
    std::atomic<double> m_rate{5};
    std::atomic<bool> m_stop{false};
    std::thread m_thread;
    mutable std::mutex m_mutex;
    Counts m_counts;
};

} // namespace pgshift::core
