#include "core/cutover/writeblock.h"

#include "core/log/corelog.h"
#include "core/pg/connection.h"
#include "core/pg/pgerror.h"
#include "core/pg/sqlquote.h"

namespace pgshift::core {
namespace {

// A text[] literal of `items`, each quoted, as a SQL literal.
QString textArrayLiteral(const QStringList &items)
{
    QStringList quoted;
    for (const QString &item : items)
        quoted << u'"' + QString(item).replace(u'\\', QStringLiteral("\\\\")).replace(u'"', QStringLiteral("\\\"")) + u'"';
    return sql::quoteLiteral(u'{' + quoted.join(u',') + u'}') + QStringLiteral("::text[]");
}

// The sessions a block ends: client backends of this database other than this one, of the
// chosen roles when roles are chosen.
QString sessionsCondition(const WriteBlockOptions &options)
{
    QString condition = QStringLiteral("datname = current_database() AND pid <> pg_catalog.pg_backend_pid()"
                                       " AND backend_type = 'client backend'");
    if (options.mode == WriteBlock::Roles)
        condition += QStringLiteral(" AND usename = ANY(%1)").arg(textArrayLiteral(options.roles));
    return condition;
}

QStringList settingStatements(const WriteBlockOptions &options, const QString &database, bool block)
{
    const QString db = sql::quoteIdentifier(database);
    const QString action = block ? QStringLiteral("SET default_transaction_read_only = on")
                                 : QStringLiteral("RESET default_transaction_read_only");
    QStringList statements;
    if (options.mode == WriteBlock::Database) {
        statements << QStringLiteral("ALTER DATABASE %1 %2").arg(db, action);
    } else if (options.mode == WriteBlock::Roles) {
        for (const QString &role : options.roles)
            statements << QStringLiteral("ALTER ROLE %1 IN DATABASE %2 %3").arg(sql::quoteIdentifier(role), db, action);
    }
    return statements;
}

QString terminateSql(const WriteBlockOptions &options)
{
    return QStringLiteral("SELECT count(*) FILTER (WHERE pg_catalog.pg_terminate_backend(pid))"
                          " FROM pg_catalog.pg_stat_activity WHERE %1")
        .arg(sessionsCondition(options));
}

QString currentDatabase(Connection &source)
{
    return source.exec(QStringLiteral("SELECT current_database()")).text(0, 0);
}

} // namespace

QString WriteBlocker::title(const WriteBlockOptions &options)
{
    switch (options.mode) {
    case WriteBlock::Confirmed:
        return tr("Writes stopped on the source: confirmed by you (the application is stopped)");
    case WriteBlock::Roles:
        return tr("Stop writes on the source: roles %1 read-only in this database, their sessions ended")
            .arg(options.roles.join(QStringLiteral(", ")));
    case WriteBlock::Database:
        return tr("Stop writes on the source: the database read-only for new transactions, every other session ended");
    }
    return {};
}

QString WriteBlocker::previewSql(const WriteBlockOptions &options, const QString &database)
{
    if (!options.blocks())
        return {};
    QStringList lines = settingStatements(options, database, true);
    lines << terminateSql(options);
    return lines.join(QStringLiteral(";\n")) + u';';
}

QStringList WriteBlocker::sessionsToEnd(Connection &source, const WriteBlockOptions &options)
{
    if (!options.blocks())
        return {};
    const Result r = source.exec(
        QStringLiteral("SELECT pid, usename, application_name, coalesce(host(client_addr), 'local'), state"
                       "  FROM pg_catalog.pg_stat_activity WHERE %1 ORDER BY pid")
            .arg(sessionsCondition(options)));
    QStringList lines;
    for (int i = 0; i < r.rowCount(); ++i)
        lines << tr("pid %1, user %2, application '%3', from %4 (%5)")
                     .arg(r.text(i, 0), r.text(i, 1), r.text(i, 2), r.text(i, 3), r.text(i, 4));
    return lines;
}

int WriteBlocker::block(Connection &source, const WriteBlockOptions &options)
{
    if (!options.blocks())
        return 0;
    for (const QString &statement : settingStatements(options, currentDatabase(source), true))
        source.exec(statement);
    const int ended = int(source.exec(terminateSql(options)).toInt64(0, 0));
    logger()->info("write block on the source: {} session(s) ended", ended);
    return ended;
}

QStringList WriteBlocker::lift(const ConnectionSettings &source, const WriteBlockOptions &options)
{
    if (!options.blocks())
        return {};
    QStringList problems;
    try {
        Connection c(source);
        // This session starts read-only too when its role or the database is blocked.
        c.exec(QStringLiteral("SET default_transaction_read_only = off"));
        for (const QString &statement : settingStatements(options, currentDatabase(c), false)) {
            try {
                c.exec(statement);
            } catch (const PgError &e) {
                problems << tr("%1: %2").arg(statement, e.message());
            }
        }
    } catch (const PgError &e) {
        problems << tr("Cannot reach the source to re-enable writes: %1").arg(e.message());
    }
    if (problems.isEmpty())
        logger()->info("write block lifted: writes allowed again on the source");
    return problems;
}

} // namespace pgshift::core
