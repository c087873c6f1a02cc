#pragma once

#include "core/replication/logicalreplication.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

namespace pgshift::core {

// A pgshift replication object found on a server: "slot", "publication" or "subscription".
struct ReplicationObject
{
    QString kind;
    QString name;
    QString where;      // "source" or "target"
    qint64 retainedBytes = -1; // slots: the WAL they keep
    bool active = false;       // slots: a walsender uses it
};

// Ending a logical replication: the subscription on the target (which drops its slot on the
// source), the publication on the source; and finding what earlier runs left behind.
class ReplicationCleanup final
{
    Q_DECLARE_TR_FUNCTIONS(pgshift::core::ReplicationCleanup)
public:
    struct Outcome
    {
        QStringList done;     // what was dropped, in words
        QStringList failures; // what could not be, and why
        bool subscriptionGone = false; // the target no longer subscribes: replication has stopped
        bool ok() const { return failures.isEmpty(); }
    };

    // Drops the three objects of `names`. When the target cannot reach the source, the
    // subscription is disabled and detached from its slot (slot_name = NONE) before it is
    // dropped, and the slot is then dropped on the source directly. Objects already gone are
    // not an error.
    static Outcome run(const ConnectionSettings &source, const ConnectionSettings &target, const ReplicationNames &names);

    // pgshift's slots, publications and subscriptions (names starting with "pgshift") on
    // either side; a side that cannot be reached is left out and named in `errors`.
    static QList<ReplicationObject> findOrphans(const ConnectionSettings &source, const ConnectionSettings &target,
                                                QStringList *errors = nullptr);
};

} // namespace pgshift::core
