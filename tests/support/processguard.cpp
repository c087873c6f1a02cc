#include "tests/support/processguard.h"

#include <QByteArray>

#include <cerrno>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

namespace pgshift::testsupport {
namespace {

// $1 is the server directory. `cat` returns at end of input, which comes when the test
// process closes the pipe or dies. A zombie counts as gone (PID 1 may not reap it).
constexpr const char *GuardScript = R"sh(
cat >/dev/null
alive() {
    kill -0 "$1" 2>/dev/null || return 1
    if [ -r "/proc/$1/status" ] && grep -q '^State:[[:space:]]*Z' "/proc/$1/status"; then
        return 1
    fi
    return 0
}
pidfile="$1/data/postmaster.pid"
if [ -f "$pidfile" ]; then
    pid=$(head -n 1 "$pidfile")
    if [ -n "$pid" ] && alive "$pid"; then
        kill -QUIT "$pid" 2>/dev/null
        i=0
        while alive "$pid" && [ "$i" -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
        alive "$pid" && kill -KILL "$pid" 2>/dev/null
    fi
fi
rm -rf "$1"
)sh";

constexpr int DoneFd = 3; // the watchdog's end of the "done" pipe

} // namespace

ProcessGuard::ProcessGuard(const QString &directory)
{
    int release[2];
    int done[2];
    if (::pipe2(release, O_CLOEXEC) != 0)
        return;
    if (::pipe2(done, O_CLOEXEC) != 0) {
        ::close(release[0]);
        ::close(release[1]);
        return;
    }
    const QByteArray dir = directory.toLocal8Bit();
    // Everything the children need is prepared before fork(): after it, only
    // async-signal-safe calls until exec.
    const char *argv[] = {"/bin/sh", "-c", GuardScript, "pgshift-test-guard", dir.constData(),
                          nullptr};
    const int devNull = ::open("/dev/null", O_RDWR | O_CLOEXEC);
    const long maxFd = ::sysconf(_SC_OPEN_MAX);
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::setsid(); // survives a kill of the test's process group
        if (::fork() != 0)
            ::_exit(0); // the grandchild goes on, reparented: not among the test's children
        ::dup2(release[0], STDIN_FILENO);
        ::dup2(done[1], DoneFd);
        if (devNull >= 0) {
            // Not ctest's pipes: ctest would wait for this process before finishing the test.
            ::dup2(devNull, STDOUT_FILENO);
            ::dup2(devNull, STDERR_FILENO);
        }
        for (long fd = DoneFd + 1; fd < (maxFd > 0 ? maxFd : 1024); ++fd)
            ::close(static_cast<int>(fd));
        ::signal(SIGINT, SIG_IGN);
        ::signal(SIGTERM, SIG_IGN);
        ::execv("/bin/sh", const_cast<char *const *>(argv));
        ::_exit(127);
    }
    if (devNull >= 0)
        ::close(devNull);
    ::close(release[0]);
    ::close(done[1]);
    if (pid < 0) {
        ::close(release[1]);
        ::close(done[0]);
        return;
    }
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    m_releaseFd = release[1];
    m_doneFd = done[0];
}

ProcessGuard::~ProcessGuard()
{
    release();
}

void ProcessGuard::release()
{
    if (m_releaseFd >= 0) {
        ::close(m_releaseFd);
        m_releaseFd = -1;
    }
    if (m_doneFd < 0)
        return;
    // The watchdog holds the write end until it exits; end-of-file means cleanup is done.
    for (int waited = 0; waited < 300; ++waited) {
        pollfd p{m_doneFd, POLLIN, 0};
        if (::poll(&p, 1, 100) > 0) {
            char byte;
            if (::read(m_doneFd, &byte, 1) <= 0)
                break;
        }
    }
    ::close(m_doneFd);
    m_doneFd = -1;
}

} // namespace pgshift::testsupport
