#pragma once

#include <QByteArray>
#include <QString>
#include <QStringView>

#include <memory>
#include <optional>

struct pg_result;

namespace pgshift::core {

// A successful statement's result (RAII over PGresult), with typed access to its cells.
// Text-format values as PostgreSQL prints them; rows and columns count from 0.
class Result
{
public:
    Result() = default;
    explicit Result(pg_result *result);

    int rowCount() const;
    int columnCount() const;
    QString columnName(int column) const;
    // -1 when there is no such column.
    int columnIndex(QStringView name) const;

    bool isNull(int row, int column) const;
    QByteArray bytes(int row, int column) const;
    QString text(int row, int column) const;
    QString text(int row, QStringView column) const { return text(row, requireColumn(column)); }
    std::optional<QString> optionalText(int row, int column) const;
    // Throw PgError (Usage) when the cell is NULL or not a number.
    qint64 toInt64(int row, int column) const;
    qint64 toInt64(int row, QStringView column) const { return toInt64(row, requireColumn(column)); }
    double toDouble(int row, int column) const;
    // PostgreSQL booleans print as "t" and "f".
    bool toBool(int row, int column) const;
    bool toBool(int row, QStringView column) const { return toBool(row, requireColumn(column)); }

    // Rows affected by INSERT/UPDATE/DELETE/COPY..., 0 for other statements.
    qint64 affectedRows() const;
    // The command tag, e.g. "INSERT 0 3".
    QString commandStatus() const;

private:
    int requireColumn(QStringView name) const;
    void requireCell(int row, int column) const;

    struct Deleter
    {
        void operator()(pg_result *result) const;
    };
    std::shared_ptr<pg_result> m_result;
};

} // namespace pgshift::core
