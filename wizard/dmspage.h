#pragma once

#include "core/dms/dmsplan.h"

#include <QFutureWatcher>
#include <QTimer>
#include <QWizardPage>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTabWidget;

namespace pgshift::widgets {
class LagChart;
class RowCountChart;
} // namespace pgshift::widgets

namespace pgshift::wizard {

class MigrationSession;

// The AWS DMS method, schema first: the task's settings; Prepare creates the target's schema
// with the foreign keys held back and writes the DMS files into a folder, each shown here
// with a Copy button; while DMS loads, rows per table on both servers and the lag of DMS's
// slot, read from the databases every few seconds. Next: sequences, then the cutover's DMS
// form (which adds the held-back keys).
class DmsPage final : public QWizardPage
{
    Q_OBJECT
public:
    explicit DmsPage(MigrationSession *session, QWidget *parent = nullptr);
    ~DmsPage() override;

    void initializePage() override;
    void cleanupPage() override;
    bool isComplete() const override;
    int nextId() const override;

    core::DmsSettings settings() const;
    // The schemas and tables typed in (both empty: the whole database); nullopt and `error`
    // when a name is malformed.
    std::optional<core::CopyScope> scope(QString *error = nullptr) const;
    bool isPreparing() const { return m_preparing.isRunning(); }
    QTabWidget *files() const { return m_files; }
    widgets::RowCountChart *rowsChart() const { return m_rows; }
    widgets::LagChart *lagChart() const { return m_lag; }

public slots:
    void prepare();
    void sample(); // one monitoring read, off the GUI thread

private:
    struct Sample
    {
        QList<core::DmsTable> tables;
        QHash<QString, qint64> sourceRows, targetRows; // "schema.table" -> live rows (statistics)
        bool slotExists = false;
        bool slotActive = false;
        qint64 lagBytes = -1;
        QString error;
    };

    void setupLayout();
    void prepared();
    void sampled();
    void showFile(const QString &title, const QString &text);
    void updateButtons();

    MigrationSession *m_session;
    QLineEdit *m_taskId = nullptr;
    QLineEdit *m_slot = nullptr;
    QCheckBox *m_changes = nullptr;
    QComboBox *m_lobMode = nullptr;
    QSpinBox *m_lobKb = nullptr;
    QSpinBox *m_parallel = nullptr;
    QCheckBox *m_validation = nullptr;
    QLineEdit *m_schemas = nullptr;
    QLineEdit *m_tables = nullptr;
    QLineEdit *m_folder = nullptr;
    QPushButton *m_browse = nullptr;
    QPushButton *m_prepare = nullptr;
    QLabel *m_status = nullptr;
    QTabWidget *m_files = nullptr;
    widgets::RowCountChart *m_rows = nullptr;
    widgets::LagChart *m_lag = nullptr;
    QLabel *m_slotLabel = nullptr;
    QFutureWatcher<core::DmsPlan::Outcome> m_preparing;
    QFutureWatcher<Sample> m_sampling;
    std::shared_ptr<core::Cancellation> m_cancellation;
    QTimer m_timer;
    bool m_prepared = false;
};

} // namespace pgshift::wizard
