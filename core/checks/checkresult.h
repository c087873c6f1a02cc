#pragma once

#include "core/migration/method.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace pgshift::core {

// What one preflight check found: the finding with numbers and names, why it matters, and
// the exact fix.
struct CheckResult
{
    enum class Status { Pass, Info, Warning, Blocker };
    enum class Side { Source, Target };

    QString id;
    QString title;
    Status status = Status::Pass;
    QString finding;
    QString why;
    QString fix;             // what to do: SQL, provider steps, or both
    QString fixSql;          // SQL that pgshift may run for the user, on fixSide
    Side fixSide = Side::Target;
    bool fixIsSafe = false;  // may be run from the wizard after confirmation
    QList<Method> blocks;    // the methods a Blocker stops
    QStringList objects;     // the objects it is about, qualified and quoted

    bool blocksMethod(Method method) const
    {
        return status == Status::Blocker && blocks.contains(method);
    }
};

QString statusName(CheckResult::Status status);

} // namespace pgshift::core
