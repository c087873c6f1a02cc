#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace pgshift::core {

// The PostgreSQL client programs pgshift runs (pg_dump, pg_restore, psql): where they are and
// which major version each is. pg_dump must be at least the source server's major version.
class ClientTools final
{
public:
    struct Tool
    {
        QString name;  // "pg_dump"
        QString path;
        int major = 0; // from `<tool> --version`
        QString version;
    };

    // Every copy found on PATH, in $PGSHIFT_PG_CLIENT_BINDIR and in /usr/lib/postgresql/*/bin,
    // newest first.
    static QList<Tool> find(const QString &name);
    // The newest copy of `name` whose major version is at least `minimumMajor`; empty path if none.
    static Tool best(const QString &name, int minimumMajor);
    // The same choice among copies already found.
    static Tool best(const QList<Tool> &found, const QString &name, int minimumMajor);
    // Parses "pg_dump (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)" into 15 and "15.18";
    // "9.6.24" into 906, the way ServerFacts numbers pre-10 majors.
    static int parseMajor(const QString &versionOutput, QString *version = nullptr);
};

} // namespace pgshift::core
