#pragma once

#include <QString>

namespace pgshift::core::sql {

// Quoting without a connection, for SQL that is shown before it runs (and run as shown):
// an identifier in double quotes with its quotes doubled, exact whatever it holds.
inline QString quoteIdentifier(const QString &name)
{
    return u'"' + QString(name).replace(u'"', QStringLiteral("\"\"")) + u'"';
}

// A string literal that reads the same whatever standard_conforming_strings says: quotes
// doubled, and E'' with backslashes doubled when it holds one.
// "schema"."name", for when no connection is at hand.
inline QString quoteQualified(const QString &schema, const QString &name)
{
    return quoteIdentifier(schema) + u'.' + quoteIdentifier(name);
}

inline QString quoteLiteral(const QString &text)
{
    QString quoted = QString(text).replace(u'\'', QStringLiteral("''"));
    if (!text.contains(u'\\'))
        return u'\'' + quoted + u'\'';
    return QStringLiteral("E'") + quoted.replace(u'\\', QStringLiteral("\\\\")) + u'\'';
}

} // namespace pgshift::core::sql
