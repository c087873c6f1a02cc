#pragma once

#include "core/pg/connectionsettings.h"

#include <QString>

#include <memory>

class QTemporaryFile;

namespace pgshift::core {

// The one way a password reaches a child program (pg_dump, pg_restore, psql): a passfile
// readable only by this user (0600), in the user's runtime directory where there is one,
// removed when this object goes. Files left by a crashed pgshift are swept at the next start.
class TemporaryPassfile final
{
public:
    // Writes `settings`' password, if any; without one no file is made and libpq's own
    // lookups (PGPASSWORD, ~/.pgpass) apply as usual.
    explicit TemporaryPassfile(const ConnectionSettings &settings);
    ~TemporaryPassfile();
    TemporaryPassfile(const TemporaryPassfile &) = delete;
    TemporaryPassfile &operator=(const TemporaryPassfile &) = delete;

    bool hasFile() const { return m_file != nullptr; }
    QString path() const;
    QString error() const { return m_error; }

    // "hostname:port:database:username:password" with ':' and '\' escaped, as libpq reads it.
    static QString line(const QString &password);
    // Removes passfiles of pgshift processes that no longer run; returns how many.
    static int sweepStale();
    static QString directory();

private:
    std::unique_ptr<QTemporaryFile> m_file;
    QString m_error;
};

} // namespace pgshift::core
