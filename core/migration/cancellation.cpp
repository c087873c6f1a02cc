#include "core/migration/cancellation.h"

#include "core/pg/connection.h"

namespace pgshift::core {

void Cancellation::cancel()
{
    m_flag.store(true);
    std::lock_guard lock(m_mutex);
    for (Connection *connection : m_connections)
        connection->cancel();
}

Cancellation::Watch::Watch(Cancellation &cancellation, Connection &connection)
    : m_cancellation(cancellation)
    , m_connection(connection)
{
    std::lock_guard lock(m_cancellation.m_mutex);
    m_cancellation.m_connections.insert(&m_connection);
    // Cancelled before this connection existed: stop whatever it is about to start.
    if (m_cancellation.m_flag.load())
        m_connection.cancel();
}

Cancellation::Watch::~Watch()
{
    std::lock_guard lock(m_cancellation.m_mutex);
    m_cancellation.m_connections.erase(&m_connection);
}

} // namespace pgshift::core
