#include "tests/support/loopback.h"

#include "core/sandbox/localserver.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace pgshift::testsupport {
namespace {

// Binds a TCP socket to 127.0.0.1 on an ephemeral port; returns the fd and sets `port`.
int bindLoopback(int *port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return -1;
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    socklen_t len = sizeof addr;
    if (::bind(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0
        || ::getsockname(fd, reinterpret_cast<sockaddr *>(&addr), &len) != 0) {
        ::close(fd);
        return -1;
    }
    *port = ntohs(addr.sin_port);
    return fd;
}

} // namespace

int freeLoopbackPort()
{
    return core::LocalServer::freeLoopbackPort();
}

SilentListener::SilentListener()
{
    m_fd = bindLoopback(&m_port);
    if (m_fd >= 0 && ::listen(m_fd, 16) != 0) {
        ::close(m_fd);
        m_fd = -1;
    }
}

SilentListener::~SilentListener()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

} // namespace pgshift::testsupport
