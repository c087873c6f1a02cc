#pragma once

// What the benchmarks share: durable server settings, the >= 1 GB dataset, shell commands
// run with a passfile, and the checks that a copy is complete.
#include "core/pg/connection.h"
#include "tests/support/pgserver.h"

#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace pgshift::bench {

// Durable, as a real server: the test harness's fsync=off would hide the cost of WAL.
QStringList durableConfig();

void say(const QString &line);

// Options for a durable benchmark server of `role`, with `extra` postgresql.conf lines.
testsupport::PgServer::Options durableServer(testsupport::PgServer::Role role, const QStringList &extra = {});
// Starts both; says why and returns false when one does not start.
bool startBoth(testsupport::PgServer &source, testsupport::PgServer &target);

// A libpq URI without the password: the tools read it from the passfile.
QString uri(const testsupport::PgServer &server, const QString &db);

// The environment for tools: PGPASSFILE pointing at `passfile`, written for both servers.
QProcessEnvironment toolEnvironment(const QString &passfile, const testsupport::PgServer &source,
                                    const testsupport::PgServer &target);

// Runs `command` with /bin/sh; prints the output's tail when it fails.
bool shell(const QString &command, const QProcessEnvironment &env, QString *output = nullptr);

// Row counts of every user table, as one comparable text.
QString counts(core::Connection &c);
// Indexes in schema public plus foreign keys.
int indexCount(core::Connection &c);

struct Dataset
{
    qint64 bytes = 0;
    QString counts;
    int indexes = 0;
};

// Creates database `db` on `source` and fills it: pgbench tables (scale `scale`) with their
// foreign keys, a TOAST-heavy table (documents), and a 2M-row table with four secondary
// indexes and a foreign key (activity). Vacuumed, analyzed, checkpointed.
Dataset createDataset(const testsupport::PgServer &source, const QString &db, int scale, const QProcessEnvironment &env);

int envInt(const char *name, int fallback);

} // namespace pgshift::bench
