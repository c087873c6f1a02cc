#pragma once

#include <memory>

namespace pgshift::core {

class Check;

// One factory per check class (each in its own file), listed in report order in preflight.cpp.
std::unique_ptr<Check> makeSameDatabaseCheck();
std::unique_ptr<Check> makeVersionCheck();
std::unique_ptr<Check> makeWalLevelCheck();
std::unique_ptr<Check> makeReplicationCapacityCheck();
std::unique_ptr<Check> makeSourcePrivilegesCheck();
std::unique_ptr<Check> makeTargetPrivilegesCheck();
std::unique_ptr<Check> makeReplicaIdentityCheck();
std::unique_ptr<Check> makeRowSecurityCheck();
std::unique_ptr<Check> makeExtensionsCheck();
std::unique_ptr<Check> makeUnreplicatedObjectsCheck();
std::unique_ptr<Check> makeReplicationObjectsCheck();
std::unique_ptr<Check> makeOpenTransactionsCheck();
std::unique_ptr<Check> makePooledEndpointCheck();
std::unique_ptr<Check> makeCompatibilityCheck();
std::unique_ptr<Check> makeDatabaseSizeCheck();
std::unique_ptr<Check> makeClientToolsCheck();
std::unique_ptr<Check> makeWalSenderTimeoutCheck();

} // namespace pgshift::core
