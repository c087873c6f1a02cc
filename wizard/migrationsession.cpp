#include "wizard/migrationsession.h"

namespace pgshift::wizard {

MigrationSession::MigrationSession(QObject *parent)
    : QObject(parent)
{
}

void MigrationSession::setSource(const core::ConnectionSettings &settings)
{
    if (settings == m_source)
        return;
    m_source = settings;
    emit sourceChanged();
}

void MigrationSession::setTarget(const core::ConnectionSettings &settings)
{
    if (settings == m_target)
        return;
    m_target = settings;
    emit targetChanged();
}

} // namespace pgshift::wizard
