#include "tests/bench/benchsupport.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>

#include <cstdio>

using namespace pgshift::core;
using namespace pgshift::testsupport;

namespace pgshift::bench {

QStringList durableConfig()
{
    return {QStringLiteral("fsync = on"), QStringLiteral("full_page_writes = on"), QStringLiteral("synchronous_commit = on"),
            QStringLiteral("shared_buffers = 512MB"), QStringLiteral("max_wal_size = 8GB"),
            QStringLiteral("checkpoint_timeout = 30min"), QStringLiteral("max_connections = 100")};
}

PgServer::Options durableServer(PgServer::Role role, const QStringList &extra)
{
    PgServer::Options options;
    options.role = role;
    options.extraConfig = durableConfig() + extra;
    return options;
}

bool startBoth(PgServer &source, PgServer &target)
{
    if (source.start() && target.start())
        return true;
    say(QStringLiteral("cannot start the servers: %1 %2").arg(source.error(), target.error()));
    return false;
}

void say(const QString &line)
{
    std::printf("%s\n", qPrintable(line));
    std::fflush(stdout);
}

QString uri(const PgServer &server, const QString &db)
{
    return QStringLiteral("postgresql://postgres@127.0.0.1:%1/%2").arg(server.port()).arg(db);
}

QProcessEnvironment toolEnvironment(const QString &passfile, const PgServer &source, const PgServer &target)
{
    QFile f(passfile);
    if (f.open(QIODevice::WriteOnly)) {
        f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        f.write(QStringLiteral("*:%1:*:postgres:%2\n*:%3:*:postgres:%4\n")
                    .arg(source.port()).arg(source.password()).arg(target.port()).arg(target.password()).toUtf8());
    }
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("PGPASSWORD"));
    env.insert(QStringLiteral("PGPASSFILE"), passfile);
    return env;
}

bool shell(const QString &command, const QProcessEnvironment &env, QString *output)
{
    QProcess p;
    p.setProcessEnvironment(env);
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), command});
    p.closeWriteChannel(); // a tool reading stdin by mistake gets EOF instead of waiting forever
    p.waitForFinished(-1);
    const QString out = QString::fromLocal8Bit(p.readAll());
    if (output)
        *output = out;
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        say(QStringLiteral("  command failed (%1): %2\n%3").arg(p.exitCode()).arg(command, out.right(3000)));
        return false;
    }
    return true;
}

QString counts(Connection &c)
{
    const auto tables = c.exec(QStringLiteral(
        "SELECT format('%I.%I', n.nspname, c.relname) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
        " WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1"));
    QStringList parts;
    for (int i = 0; i < tables.rowCount(); ++i)
        parts << tables.text(i, 0) + u'=' + c.exec(QStringLiteral("SELECT count(*) FROM %1").arg(tables.text(i, 0))).text(0, 0);
    return parts.join(u' ');
}

int indexCount(Connection &c)
{
    return int(c.exec(QStringLiteral("SELECT count(*) FROM pg_indexes WHERE schemaname = 'public'")).toInt64(0, 0)
               + c.exec(QStringLiteral("SELECT count(*) FROM pg_constraint WHERE contype = 'f'")).toInt64(0, 0));
}

Dataset createDataset(const PgServer &source, const QString &db, int scale, const QProcessEnvironment &env)
{
    QElapsedTimer clock;
    clock.start();
    say(QStringLiteral("Generating the dataset (pgbench scale %1, TOAST table, indexed table)...").arg(scale));
    {
        Connection admin(source.settings());
        admin.exec(QStringLiteral("CREATE DATABASE %1").arg(db));
    }
    const QString pgbench = QDir(source.binDir()).filePath(QStringLiteral("pgbench"));
    if (!shell(QStringLiteral("'%1' -i -q -s %2 --foreign-keys '%3'").arg(pgbench).arg(scale).arg(uri(source, db)), env))
        return {};
    Connection src(source.settings(db));
    src.exec(QStringLiteral("CREATE TABLE public.documents (id int PRIMARY KEY, title text, body text)"));
    src.exec(QStringLiteral("INSERT INTO public.documents SELECT g, 'document ' || g,"
                            " (SELECT string_agg(md5(g::text || ':' || i), '') FROM generate_series(1, 200) i)"
                            " FROM generate_series(1, 30000) g"));
    src.exec(QStringLiteral("CREATE TABLE public.activity (id bigint PRIMARY KEY, account int NOT NULL"
                            " REFERENCES public.pgbench_accounts (aid), kind int, at timestamptz, amount numeric(12, 2),"
                            " note text)"));
    src.exec(QStringLiteral("INSERT INTO public.activity SELECT g, 1 + ((g::bigint * 7919) % (%1 * 100000))::int, g % 17,"
                            " timestamptz '2024-01-01' + g * interval '7 seconds', (g % 100000) / 100.0,"
                            " 'note ' || md5(g::text) FROM generate_series(1, 2000000) g").arg(scale));
    src.exec(QStringLiteral("CREATE INDEX activity_account ON public.activity (account)"));
    src.exec(QStringLiteral("CREATE INDEX activity_kind_at ON public.activity (kind, at)"));
    src.exec(QStringLiteral("CREATE INDEX activity_at ON public.activity (at)"));
    src.exec(QStringLiteral("CREATE INDEX activity_note ON public.activity (note)"));
    src.exec(QStringLiteral("VACUUM ANALYZE"));
    Dataset d;
    d.bytes = src.exec(QStringLiteral("SELECT pg_database_size(current_database())")).toInt64(0, 0);
    d.counts = counts(src);
    d.indexes = indexCount(src);
    src.exec(QStringLiteral("CHECKPOINT"));
    say(QStringLiteral("Dataset: %1 MiB in %2 s; %3 indexes and foreign keys")
            .arg(d.bytes >> 20).arg(clock.elapsed() / 1000).arg(d.indexes));
    return d;
}

int envInt(const char *name, int fallback)
{
    return qEnvironmentVariableIsSet(name) ? qEnvironmentVariableIntValue(name) : fallback;
}

} // namespace pgshift::bench
