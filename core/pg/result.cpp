#include "core/pg/result.h"

#include "core/pg/pgerror.h"

#include <libpq-fe.h>

namespace pgshift::core {

void Result::Deleter::operator()(pg_result *result) const
{
    PQclear(result);
}

Result::Result(pg_result *result)
    : m_result(result, Deleter())
{
}

int Result::rowCount() const
{
    return m_result ? PQntuples(m_result.get()) : 0;
}

int Result::columnCount() const
{
    return m_result ? PQnfields(m_result.get()) : 0;
}

QString Result::columnName(int column) const
{
    const char *name = m_result ? PQfname(m_result.get(), column) : nullptr;
    return name ? QString::fromUtf8(name) : QString();
}

int Result::columnIndex(QStringView name) const
{
    for (int c = 0; c < columnCount(); ++c) {
        if (QString::fromUtf8(PQfname(m_result.get(), c)) == name)
            return c;
    }
    return -1;
}

int Result::requireColumn(QStringView name) const
{
    const int column = columnIndex(name);
    if (column < 0)
        throw PgError(PgError::Kind::Usage,
                      QStringLiteral("result has no column named \"%1\"").arg(name));
    return column;
}

void Result::requireCell(int row, int column) const
{
    if (row < 0 || row >= rowCount() || column < 0 || column >= columnCount())
        throw PgError(PgError::Kind::Usage,
                      QStringLiteral("cell (%1, %2) is outside the result (%3 rows, %4 columns)")
                          .arg(row)
                          .arg(column)
                          .arg(rowCount())
                          .arg(columnCount()));
}

bool Result::isNull(int row, int column) const
{
    requireCell(row, column);
    return PQgetisnull(m_result.get(), row, column) != 0;
}

QByteArray Result::bytes(int row, int column) const
{
    requireCell(row, column);
    return QByteArray(PQgetvalue(m_result.get(), row, column),
                      PQgetlength(m_result.get(), row, column));
}

QString Result::text(int row, int column) const
{
    requireCell(row, column);
    return QString::fromUtf8(PQgetvalue(m_result.get(), row, column),
                             PQgetlength(m_result.get(), row, column));
}

std::optional<QString> Result::optionalText(int row, int column) const
{
    if (isNull(row, column))
        return std::nullopt;
    return text(row, column);
}

qint64 Result::toInt64(int row, int column) const
{
    bool ok = false;
    const qint64 value = isNull(row, column) ? 0 : bytes(row, column).toLongLong(&ok);
    if (!ok)
        throw PgError(PgError::Kind::Usage,
                      QStringLiteral("column \"%1\" holds %2, not an integer")
                          .arg(columnName(column),
                               isNull(row, column) ? QStringLiteral("NULL") : text(row, column)));
    return value;
}

double Result::toDouble(int row, int column) const
{
    bool ok = false;
    const double value = isNull(row, column) ? 0 : bytes(row, column).toDouble(&ok);
    if (!ok)
        throw PgError(PgError::Kind::Usage,
                      QStringLiteral("column \"%1\" holds %2, not a number")
                          .arg(columnName(column),
                               isNull(row, column) ? QStringLiteral("NULL") : text(row, column)));
    return value;
}

bool Result::toBool(int row, int column) const
{
    return !isNull(row, column) && bytes(row, column) == "t";
}

qint64 Result::affectedRows() const
{
    return m_result ? QByteArray(PQcmdTuples(m_result.get())).toLongLong() : 0;
}

QString Result::commandStatus() const
{
    return m_result ? QString::fromUtf8(PQcmdStatus(m_result.get())) : QString();
}

} // namespace pgshift::core
