#pragma once

#include <QCoreApplication>
#include <QList>
#include <QString>

#include <optional>

namespace pgshift::core {

class Connection;

// What a connection test learns about a server, the database and the user, all read from
// the catalogs in a few cheap queries.
struct ServerFacts
{
    struct SchemaTables
    {
        QString schema;
        int tables = 0;
    };

    QString serverVersion;  // e.g. "15.18 (Debian 15.18-0+deb12u1)"
    int serverVersionNumber = 0;
    QString database;
    quint32 databaseOid = 0;
    qint64 databaseSizeBytes = 0;
    QString user;
    bool superuser = false;
    bool replication = false;          // rolreplication
    bool rdsReplication = false;       // member of rds_replication (Amazon RDS and Aurora)
    bool createSubscription = false;   // member of pg_create_subscription (PostgreSQL 16+)
    bool bypassRls = false;
    QString walLevel;
    bool inRecovery = false;           // a standby
    QString serverAddress;             // inet_server_addr(); empty over a Unix socket
    int serverPort = 0;
    QString postmasterStartTime;
    QString systemIdentifier;          // empty when the user may not read pg_control_system()
    QList<SchemaTables> userTables;    // user tables per schema, extension-owned ones excluded

    int serverMajorVersion() const;
    int userTableCount() const;
    // Replication rights in any of the forms PostgreSQL and RDS grant them.
    bool canReplicate() const { return superuser || replication || rdsReplication; }
};

// Reads the facts over an open connection. Throws PgError.
ServerFacts readServerFacts(Connection &connection);

// Whether a source and a target are the same database (migrating onto itself would destroy
// it) or the same server. Compares system identifiers when both are readable (a physical
// standby shares its primary's), else the postmaster start time and port, else the address.
class DatabaseIdentity final
{
    Q_DECLARE_TR_FUNCTIONS(pgshift::core::DatabaseIdentity)
public:
    enum class Verdict { Different, SameServer, SameDatabase };

    static Verdict compare(const ServerFacts &source, const ServerFacts &target);
    // A sentence saying why, for the target page.
    static QString describe(Verdict verdict, const ServerFacts &source, const ServerFacts &target);
};

} // namespace pgshift::core
