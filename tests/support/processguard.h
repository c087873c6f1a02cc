#pragma once

#include <QString>

namespace pgshift::testsupport {

// A watchdog for one test server: a detached shell that waits for this process to release it
// or die (crash, abort, kill -9, a ctest timeout) and then stops the server and deletes its
// directory. It is a grandchild reparented away from the test, because ctest kills a timed-out
// test together with its children. Normal teardown cleans up first and then releases it.
class ProcessGuard final
{
public:
    // Starts watching `directory` (holding data/postmaster.pid once the server runs).
    explicit ProcessGuard(const QString &directory);
    ~ProcessGuard();
    ProcessGuard(const ProcessGuard &) = delete;
    ProcessGuard &operator=(const ProcessGuard &) = delete;

    bool isActive() const { return m_releaseFd >= 0; }
    // Lets the watchdog run its cleanup now and waits (up to 30 s) until it has finished.
    void release();

private:
    int m_releaseFd = -1; // closing it (or dying) starts the cleanup
    int m_doneFd = -1;    // reads end-of-file once the watchdog has exited
};

} // namespace pgshift::testsupport
