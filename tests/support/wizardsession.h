#pragma once

#include "core/pg/connectiontest.h"
#include "wizard/migrationsession.h"

// For GUI tests that open the wizard at a later page: the session as the Source and Target
// pages leave it, both connections tested. Header-only: the support library has no GUI.
namespace pgshift::testsupport {

// Tests both connections and stores them with their facts; false when either fails.
inline bool connectSession(wizard::MigrationSession &session,
                           const core::ConnectionSettings &source,
                           const core::ConnectionSettings &target)
{
    const auto testedSource = core::testConnection(source);
    const auto testedTarget = core::testConnection(target);
    if (!testedSource.ok() || !testedTarget.ok())
        return false;
    session.setSource(testedSource.settings);
    session.setSourceFacts(*testedSource.facts);
    session.setTarget(testedTarget.settings);
    session.setTargetFacts(*testedTarget.facts);
    return true;
}

} // namespace pgshift::testsupport
