#pragma once

#include "core/migration/rowcounts.h"
#include "core/replication/replicationstatus.h"

#include <QFutureWatcher>
#include <QWidget>

#include <functional>

class QLabel;
class QPushButton;

namespace pgshift::widgets {
class RowCountChart;
}

namespace pgshift::wizard {

// The replication page's "Rows" tab: each table's source and target rows, the largest
// difference first. Live estimates from every status the monitor reads; "Count exactly"
// counts every table on both servers (off the GUI thread) and shows those counts until "Live
// estimates" is pressed. CSV and PNG export.
class ReplicationRowsPanel final : public QWidget
{
    Q_OBJECT
public:
    // `endpoints` says where to count (the page's running replication).
    ReplicationRowsPanel(std::function<core::ReplicationOptions()> endpoints, QWidget *parent = nullptr);

    widgets::RowCountChart *chart() const { return m_chart; }
    bool isCounting() const { return m_counting.isRunning(); }
    // Whether counting may start now (the page is not busy with something else).
    void setCountingAllowed(bool allowed);

    void showStatus(const core::ReplicationStatus &status);
    void clear();

signals:
    void countingChanged();

public slots:
    void countExactly();

private:
    void countsFinished();
    void showLiveEstimates();
    void updateButtons();

    std::function<core::ReplicationOptions()> m_endpoints;
    widgets::RowCountChart *m_chart = nullptr;
    QPushButton *m_countExactly = nullptr;
    QPushButton *m_liveEstimates = nullptr;
    QLabel *m_note = nullptr;
    QFutureWatcher<core::RowCounts::Outcome> m_counting;
    QList<core::CopyScope::Table> m_tables; // from the last status
    core::ReplicationStatus m_last;
    bool m_showingExact = false;
    bool m_allowed = true;
};

} // namespace pgshift::wizard
