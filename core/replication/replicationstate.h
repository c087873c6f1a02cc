#pragma once

#include "core/replication/logicalreplication.h"

#include <QDateTime>
#include <QString>

#include <optional>

namespace pgshift::core {

// What pgshift knows of a logical replication it started, saved under the app's data
// directory so that a later run (after a crash, or from the command line) can follow it or
// clean it up: the names, both endpoints without their passwords, the scope, the phase and
// when it started. Never a secret.
struct ReplicationState
{
    ReplicationNames names;
    ConnectionSettings source; // passwords left out
    ConnectionSettings target;
    CopyScope scope;
    bool deferSecondaryIndexes = true;
    QString phase; // "started", "synchronized", "cleaned up" ...
    QDateTime startedAt;

    static ReplicationState from(const ReplicationOptions &options, const QString &phase);
    // The options to follow or clean it up; the passwords come from wherever libpq finds
    // them (or the caller sets them).
    ReplicationOptions options() const;

    // $dir/replication.json; `dir` defaults to $PGSHIFT_STATE_DIR, else the app's data directory.
    static QString path(const QString &dir = {});
    bool save(const QString &dir = {}, QString *error = nullptr) const;
    static std::optional<ReplicationState> load(const QString &dir = {}, QString *error = nullptr);
    static bool clear(const QString &dir = {});
};

} // namespace pgshift::core
