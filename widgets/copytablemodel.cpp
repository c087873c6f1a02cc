#include "widgets/copytablemodel.h"
#include "widgets/statuscolor.h"

#include <QBrush>
#include <QGuiApplication>
#include <QColor>
#include <QLocale>

namespace pgshift::widgets {

using core::TableStatus;

CopyTableModel::CopyTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

QString CopyTableModel::stateName(TableStatus::State state)
{
    switch (state) {
    case TableStatus::State::Waiting: return tr("Waiting");
    case TableStatus::State::Copying: return tr("Copying");
    case TableStatus::State::Indexing: return tr("Building indexes");
    case TableStatus::State::Copied: return tr("Copied");
    case TableStatus::State::Failed: return tr("Failed");
    case TableStatus::State::Cancelled: return tr("Cancelled");
    }
    return {};
}

void CopyTableModel::setTables(const QList<TableStatus> &tables)
{
    const bool sameTables = tables.size() == m_tables.size()
        && std::equal(tables.cbegin(), tables.cend(), m_tables.cbegin(), [](const TableStatus &a, const TableStatus &b) {
               return a.schema == b.schema && a.table == b.table;
           });
    if (!sameTables) {
        beginResetModel();
        m_tables = tables;
        endResetModel();
        return;
    }
    for (qsizetype i = 0; i < tables.size(); ++i) {
        const TableStatus &before = m_tables[i];
        const TableStatus &after = tables[i];
        const bool changed = before.state != after.state || before.rowsCopied != after.rowsCopied
            || before.bytesCopied != after.bytesCopied || before.sourceRows != after.sourceRows
            || before.targetRows != after.targetRows || before.error != after.error;
        m_tables[i] = after;
        if (changed)
            Q_EMIT dataChanged(index(int(i), StatusColumn), index(int(i), CheckColumn));
    }
}

int CopyTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_tables.size());
}

int CopyTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CopyTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_tables.size())
        return {};
    const TableStatus &t = m_tables[index.row()];
    const QLocale locale;
    const auto count = [&](qint64 n) { return n < 0 ? QString() : locale.toString(n); };
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case TableColumn: return t.qualifiedName();
        case StatusColumn: return stateName(t.state);
        case RowsColumn: return count(t.rowsCopied);
        case BytesColumn: return t.bytesCopied > 0 ? locale.formattedDataSize(t.bytesCopied) : QString();
        case SourceRowsColumn: return count(t.sourceRows);
        case TargetRowsColumn: return count(t.targetRows);
        case CheckColumn:
            if (t.sourceRows < 0 || t.targetRows < 0)
                return QString(); // not verified yet
            return t.verified() ? tr("match") : tr("MISMATCH");
        }
    } else if (role == Qt::ToolTipRole) {
        if (!t.error.isEmpty())
            return t.error;
        if (index.column() == RowsColumn && t.estimatedRows > 0)
            return tr("About %1 rows expected").arg(locale.toString(t.estimatedRows));
    } else if (role == Qt::TextAlignmentRole) {
        if (index.column() >= RowsColumn && index.column() <= TargetRowsColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
    } else if (role == Qt::ForegroundRole) {
        if ((index.column() == StatusColumn && t.state == TableStatus::State::Failed)
            || (index.column() == CheckColumn && t.targetRows >= 0 && !t.verified()))
            return QBrush(statusColor(Status::Error, QGuiApplication::palette()));
        if (index.column() == CheckColumn && t.verified())
            return QBrush(statusColor(Status::Success, QGuiApplication::palette()));
    }
    return {};
}

QVariant CopyTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TableColumn: return tr("Table");
    case StatusColumn: return tr("Status");
    case RowsColumn: return tr("Rows copied");
    case BytesColumn: return tr("Data");
    case SourceRowsColumn: return tr("Source rows");
    case TargetRowsColumn: return tr("Target rows");
    case CheckColumn: return tr("Check");
    }
    return {};
}

} // namespace pgshift::widgets
