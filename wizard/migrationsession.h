#pragma once

#include "core/pg/connectionsettings.h"

#include <QObject>

namespace pgshift::wizard {

// The state the wizard's pages share: what to migrate from and to. Pages read and write it
// here, never each other's widgets; it will also own the running core jobs.
class MigrationSession final : public QObject
{
    Q_OBJECT
public:
    explicit MigrationSession(QObject *parent = nullptr);

    const core::ConnectionSettings &source() const { return m_source; }
    const core::ConnectionSettings &target() const { return m_target; }
    void setSource(const core::ConnectionSettings &settings);
    void setTarget(const core::ConnectionSettings &settings);

signals:
    void sourceChanged();
    void targetChanged();

private:
    core::ConnectionSettings m_source;
    core::ConnectionSettings m_target;
};

} // namespace pgshift::wizard
