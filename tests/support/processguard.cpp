#include "tests/support/processguard.h"

#include <cerrno>
#include <fcntl.h>
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

} // namespace

ProcessGuard::ProcessGuard(const QString &directory)
{
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0)
        return;
    const QByteArray dir = directory.toLocal8Bit();
    // Everything the child needs is prepared before fork(): after it, only async-signal-safe
    // calls until exec.
    const char *argv[] = {"/bin/sh", "-c", GuardScript, "pgshift-test-guard", dir.constData(),
                          nullptr};
    const int devNull = ::open("/dev/null", O_RDWR | O_CLOEXEC);
    const long maxFd = ::sysconf(_SC_OPEN_MAX);
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::dup2(fds[0], STDIN_FILENO);
        if (devNull >= 0) {
            // Not ctest's pipes: ctest would wait for this process before finishing the test.
            ::dup2(devNull, STDOUT_FILENO);
            ::dup2(devNull, STDERR_FILENO);
        }
        for (long fd = 3; fd < (maxFd > 0 ? maxFd : 1024); ++fd)
            ::close(static_cast<int>(fd));
        ::setsid(); // survives a kill of the test's process group
        ::signal(SIGINT, SIG_IGN);
        ::signal(SIGTERM, SIG_IGN);
        ::execv("/bin/sh", const_cast<char *const *>(argv));
        ::_exit(127);
    }
    if (devNull >= 0)
        ::close(devNull);
    ::close(fds[0]);
    if (pid < 0) {
        ::close(fds[1]);
        return;
    }
    m_pid = pid;
    m_writeFd = fds[1];
}

ProcessGuard::~ProcessGuard()
{
    release();
}

void ProcessGuard::release()
{
    if (m_writeFd >= 0) {
        ::close(m_writeFd);
        m_writeFd = -1;
    }
    if (m_pid > 0) {
        int status = 0;
        while (::waitpid(m_pid, &status, 0) < 0 && errno == EINTR) {
        }
        m_pid = -1;
    }
}

} // namespace pgshift::testsupport
