#include "tests/support/pgserver.h"

#include <QDir>

namespace pgshift::testsupport {

PgServer::PgServer()
    : PgServer(Options())
{
}

PgServer::PgServer(Role role)
    : PgServer([role] {
        Options options;
        options.role = role;
        return options;
    }())
{
}

PgServer::PgServer(Options options)
    : m_options(std::move(options))
{
}

PgServer::~PgServer()
{
    stop();
}

QString PgServer::testRoot()
{
    const QString root = qEnvironmentVariable("PGSHIFT_TEST_TMPDIR");
    return root.isEmpty() ? QDir::temp().filePath(QStringLiteral("pgshift-tests")) : root;
}

core::ConnectionSettings PgServer::settings(const QString &dbname) const
{
    return m_server ? m_server->settings(dbname) : core::ConnectionSettings();
}

bool PgServer::start()
{
    m_error.clear();
    if (!m_server) {
        core::LocalServer::Options o;
        o.binDir = PgBinaries::binDir(m_options.role, &m_error);
        if (o.binDir.isEmpty())
            return false;
        o.parentDir = testRoot();
        o.walLevel = m_options.walLevel;
        o.durable = false;
        o.extraConfig = m_options.extraConfig;
        o.account = qEnvironmentVariable("PGSHIFT_TEST_PG_USER", QStringLiteral("postgres"));
        // The watchdog exists before anything that could be left behind does.
        o.onDirectoryCreated = [this](const QString &directory) {
            m_guard = std::make_unique<ProcessGuard>(directory);
            return m_guard->isActive();
        };
        m_server = std::make_unique<core::LocalServer>(o);
    }
    if (m_server->start())
        return true;
    m_error = m_server->error();
    return false;
}

bool PgServer::pause()
{
    if (!m_server)
        return true;
    if (m_server->pause())
        return true;
    m_error = m_server->error();
    return false;
}

void PgServer::stop()
{
    if (!m_server)
        return;
    m_server->stop();
    // The watchdog waits for the postmaster to exit, then deletes the directory.
    if (m_guard)
        m_guard->release();
    m_guard.reset();
    m_server.reset();
}

} // namespace pgshift::testsupport
