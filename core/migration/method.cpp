#include "core/migration/method.h"

#include <QCoreApplication>

namespace pgshift::core {

QString methodName(Method method)
{
    switch (method) {
    case Method::Dump: return QStringLiteral("dump");
    case Method::Logical: return QStringLiteral("logical");
    case Method::Dms: return QStringLiteral("dms");
    }
    return {};
}

QString methodTitle(Method method)
{
    switch (method) {
    case Method::Dump: return QCoreApplication::translate("pgshift::core::Method", "Dump and restore");
    case Method::Logical: return QCoreApplication::translate("pgshift::core::Method", "Logical replication");
    case Method::Dms: return QCoreApplication::translate("pgshift::core::Method", "AWS DMS assisted");
    }
    return {};
}

std::optional<Method> methodFromName(const QString &name)
{
    for (Method m : {Method::Dump, Method::Logical, Method::Dms}) {
        if (name.compare(methodName(m), Qt::CaseInsensitive) == 0)
            return m;
    }
    return std::nullopt;
}

} // namespace pgshift::core
