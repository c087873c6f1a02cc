#pragma once

#include "core/migration/copyprogress.h"

#include <QAbstractTableModel>

namespace pgshift::widgets {

// The tables of a dump & restore run, one row each: status, rows and bytes copied, and the
// verification's exact counts on both sides with a pass/fail mark.
class CopyTableModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { TableColumn, StatusColumn, RowsColumn, BytesColumn, SourceRowsColumn, TargetRowsColumn, CheckColumn, ColumnCount };

    explicit CopyTableModel(QObject *parent = nullptr);

    // Same tables as before: the changed cells are updated in place; otherwise a reset.
    void setTables(const QList<core::TableStatus> &tables);
    const QList<core::TableStatus> &tables() const { return m_tables; }
    static QString stateName(core::TableStatus::State state);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<core::TableStatus> m_tables;
};

} // namespace pgshift::widgets
