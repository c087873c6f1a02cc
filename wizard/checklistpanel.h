#pragma once

#include "core/cutover/cutover.h"

#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QTimer>
#include <QWidget>

#include <optional>

class QLabel;
class QLineEdit;
class QPushButton;

namespace pgshift::wizard {

class ChecklistTable;

// A cutover checklist as it runs and after: the steps, a downtime timer from the write block
// to the validated target, the outcome in words, the target's connection string with a copy
// button, and "Re-enable writes on the source" once a blocked cutover succeeded. Used by the
// Cutover page (logical replication) and the Dump and restore page (the short form).
class ChecklistPanel final : public QWidget
{
    Q_OBJECT
public:
    explicit ChecklistPanel(QWidget *parent = nullptr);
    ~ChecklistPanel() override; // waits for a re-enable still running

    // Shows the checklist as planned, before a run (clears the outcome).
    void setPlan(const QList<core::CutoverStep> &steps);
    // A run with these options starts.
    void begin(const core::CutoverOptions &options);
    void showStep(const core::CutoverStep &step);
    void finish(const core::CutoverReport &report);
    // A line under the outcome (progress of something around the checklist); empty clears.
    void setNote(const QString &text);

    const std::optional<core::CutoverReport> &report() const { return m_report; }

public slots:
    void reenableWrites();

private:
    void reenabled();
    void updateButtons();

    ChecklistTable *m_table = nullptr;
    QLabel *m_downtime = nullptr;
    QLabel *m_result = nullptr;
    QLineEdit *m_targetUri = nullptr;
    QPushButton *m_copyUri = nullptr;
    QPushButton *m_reenable = nullptr;
    QElapsedTimer m_downtimeClock;
    QTimer m_downtimeTicker;
    std::optional<core::CutoverOptions> m_ran;
    std::optional<core::CutoverReport> m_report;
    QFutureWatcher<QStringList> m_reenabling; // problems, empty when writes are allowed again
    bool m_reenabled = false;
};

} // namespace pgshift::wizard
