#pragma once

namespace pgshift::testsupport {

// A loopback TCP port nothing listens on at the moment of the call.
int freeLoopbackPort();

// A TCP listener on 127.0.0.1 that completes the handshake (the kernel does it for the
// backlog) and then never reads or answers: the "silent server" a firewall-eaten or hung host
// looks like to a client.
class SilentListener final
{
public:
    SilentListener();
    ~SilentListener();
    SilentListener(const SilentListener &) = delete;
    SilentListener &operator=(const SilentListener &) = delete;

    bool isListening() const { return m_fd >= 0; }
    int port() const { return m_port; }

private:
    int m_fd = -1;
    int m_port = 0;
};

} // namespace pgshift::testsupport
