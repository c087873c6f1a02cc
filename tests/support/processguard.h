#pragma once

#include <QString>

#include <sys/types.h>

namespace pgshift::testsupport {

// A watchdog for one test server: a detached shell that waits for this process to release it
// or die (crash, abort, kill -9, ctest timeout) and then stops the server and deletes its
// directory. Normal teardown cleans up itself first, so the watchdog then finds nothing to do.
class ProcessGuard final
{
public:
    // Starts watching `directory` (holding data/postmaster.pid once the server runs).
    explicit ProcessGuard(const QString &directory);
    ~ProcessGuard();
    ProcessGuard(const ProcessGuard &) = delete;
    ProcessGuard &operator=(const ProcessGuard &) = delete;

    bool isActive() const { return m_pid > 0; }
    // Lets the watchdog run its cleanup now and waits for it to finish.
    void release();

private:
    int m_writeFd = -1;
    pid_t m_pid = -1;
};

} // namespace pgshift::testsupport
