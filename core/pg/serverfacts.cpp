#include "core/pg/serverfacts.h"

#include "core/pg/catalogfilters.h"
#include "core/pg/connection.h"
#include "core/pg/pgerror.h"

namespace pgshift::core {
namespace {

// One row about the server, the database and the current role. Role memberships are looked
// up through pg_roles so that a missing role (rds_replication outside RDS,
// pg_create_subscription before 16) reads as false instead of failing.
constexpr const char *FactsQuery = R"sql(
SELECT current_setting('server_version') AS server_version,
       current_setting('server_version_num')::int AS version_num,
       current_database() AS dbname,
       d.oid AS db_oid,
       pg_database_size(d.oid) AS db_size,
       current_user AS user_name,
       r.rolsuper, r.rolreplication, r.rolbypassrls,
       coalesce((SELECT pg_has_role(current_user, g.oid, 'MEMBER')
                   FROM pg_roles g WHERE g.rolname = 'rds_replication'), false) AS rds_replication,
       coalesce((SELECT pg_has_role(current_user, g.oid, 'MEMBER')
                   FROM pg_roles g WHERE g.rolname = 'pg_create_subscription'), false) AS create_sub,
       current_setting('wal_level') AS wal_level,
       pg_is_in_recovery() AS in_recovery,
       coalesce(host(inet_server_addr()), '') AS server_addr,
       coalesce(inet_server_port(), 0) AS server_port,
       pg_postmaster_start_time()::text AS started
  FROM pg_roles r, pg_database d
 WHERE r.rolname = current_user AND d.datname = current_database()
)sql";

QString userTablesQuery()
{
    return QStringLiteral("SELECT n.nspname, count(*) FROM pg_class c "
                          "JOIN pg_namespace n ON n.oid = c.relnamespace "
                          "WHERE c.relkind IN ('r', 'p') AND %1 "
                          "GROUP BY n.nspname ORDER BY n.nspname")
        .arg(QString::fromLatin1(sql::UserRelation));
}

} // namespace

int ServerFacts::serverMajorVersion() const
{
    return serverVersionNumber >= 100000 ? serverVersionNumber / 10000 : serverVersionNumber / 100;
}

int ServerFacts::userTableCount() const
{
    int total = 0;
    for (const SchemaTables &s : userTables)
        total += s.tables;
    return total;
}

ServerFacts readServerFacts(Connection &connection)
{
    ServerFacts facts;
    const Result row = connection.exec(QString::fromLatin1(FactsQuery));
    if (row.rowCount() != 1)
        throw PgError(PgError::Kind::Query,
                      QStringLiteral("the current role is not visible in pg_roles"));
    facts.serverVersion = row.text(0, u"server_version");
    facts.serverVersionNumber = int(row.toInt64(0, u"version_num"));
    facts.database = row.text(0, u"dbname");
    facts.databaseOid = quint32(row.toInt64(0, u"db_oid"));
    facts.databaseSizeBytes = row.toInt64(0, u"db_size");
    facts.user = row.text(0, u"user_name");
    facts.superuser = row.toBool(0, u"rolsuper");
    facts.replication = row.toBool(0, u"rolreplication");
    facts.bypassRls = row.toBool(0, u"rolbypassrls");
    facts.rdsReplication = row.toBool(0, u"rds_replication");
    facts.createSubscription = row.toBool(0, u"create_sub");
    facts.walLevel = row.text(0, u"wal_level");
    facts.inRecovery = row.toBool(0, u"in_recovery");
    facts.serverAddress = row.text(0, u"server_addr");
    facts.serverPort = int(row.toInt64(0, u"server_port"));
    facts.postmasterStartTime = row.text(0, u"started");

    // Restricted to superusers unless granted; not having it is normal on managed services.
    try {
        facts.systemIdentifier = connection
                                     .exec(QStringLiteral("SELECT system_identifier::text "
                                                          "FROM pg_control_system()"))
                                     .text(0, 0);
    } catch (const PgError &error) {
        if (error.kind() == PgError::Kind::Connection)
            throw;
    }

    const Result tables = connection.exec(userTablesQuery());
    for (int i = 0; i < tables.rowCount(); ++i)
        facts.userTables.append({tables.text(i, 0), int(tables.toInt64(i, 1))});
    return facts;
}

DatabaseIdentity::Verdict DatabaseIdentity::compare(const ServerFacts &source,
                                                    const ServerFacts &target)
{
    bool sameServer = false;
    if (!source.systemIdentifier.isEmpty() && !target.systemIdentifier.isEmpty()) {
        sameServer = source.systemIdentifier == target.systemIdentifier;
    } else {
        const bool sameStart = !source.postmasterStartTime.isEmpty()
            && source.postmasterStartTime == target.postmasterStartTime
            && source.serverPort == target.serverPort;
        const bool sameAddress = !source.serverAddress.isEmpty()
            && source.serverAddress == target.serverAddress && source.serverPort == target.serverPort;
        sameServer = sameStart || sameAddress;
    }
    if (!sameServer)
        return Verdict::Different;
    const bool sameDatabase = source.databaseOid == target.databaseOid
        || source.database == target.database;
    return sameDatabase ? Verdict::SameDatabase : Verdict::SameServer;
}

QString DatabaseIdentity::describe(Verdict verdict, const ServerFacts &source,
                                   const ServerFacts &target)
{
    switch (verdict) {
    case Verdict::SameDatabase:
        if (source.inRecovery || target.inRecovery)
            return tr("The target is a physical standby of the source (same system identifier): "
                      "it is read-only and already a copy. Choose another target server.");
        return tr("The target is the source database itself (database \"%1\" on the same server). "
                  "Migrating a database onto itself would destroy it. Choose another target.")
            .arg(target.database);
    case Verdict::SameServer:
        return tr("The target database \"%1\" is on the same server as the source database "
                  "\"%2\". That works, but the copy competes with the source for the same disk "
                  "and memory.")
            .arg(target.database, source.database);
    case Verdict::Different:
        break;
    }
    return {};
}

} // namespace pgshift::core
