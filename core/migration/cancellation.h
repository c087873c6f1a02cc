#pragma once

#include <atomic>
#include <mutex>
#include <set>

namespace pgshift::core {

class Connection;

// A cancel request shared by the threads of one job: a flag they poll, plus the connections
// they are using, whose running statements are cancelled on the server the moment cancel()
// is called, so that a long COPY or CREATE INDEX stops at once instead of at its end.
class Cancellation final
{
public:
    Cancellation() = default;
    Cancellation(const Cancellation &) = delete;
    Cancellation &operator=(const Cancellation &) = delete;

    void cancel();
    bool isCancelled() const { return m_flag.load(); }
    const std::atomic<bool> *flag() const { return &m_flag; }

    // Registers a connection for as long as it lives.
    class Watch final
    {
    public:
        Watch(Cancellation &cancellation, Connection &connection);
        ~Watch();
        Watch(const Watch &) = delete;
        Watch &operator=(const Watch &) = delete;

    private:
        Cancellation &m_cancellation;
        Connection &m_connection;
    };

private:
    std::atomic<bool> m_flag{false};
    std::mutex m_mutex;
    std::set<Connection *> m_connections;
};

} // namespace pgshift::core
