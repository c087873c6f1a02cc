#pragma once

#include "core/replication/replicationstate.h"

#include <QDialog>
#include <QFutureWatcher>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace pgshift::wizard {

// Shown at start when a logical replication pgshift started was never cleaned up (the app
// was closed or killed while it ran): what it is, since when, between which servers, and
// three ways on: follow it again, clean it up (subscription, slot, publication), or leave it
// for later. The saved state holds no password, so the dialog asks for them; left empty,
// libpq looks where it always does (.pgpass, PGPASSWORD, a service file).
class ResumeDialog final : public QDialog
{
    Q_OBJECT
public:
    explicit ResumeDialog(const core::ReplicationState &state, QWidget *parent = nullptr);

    const core::ReplicationState &state() const { return m_state; }
    // The saved endpoints with the passwords typed here.
    core::ConnectionSettings source() const;
    core::ConnectionSettings target() const;
    bool isBusy() const { return m_checking.isRunning() || m_cleaning.isRunning(); }

signals:
    // Both servers answered with source() and target(): the caller takes over.
    void resumeRequested();
    // Cleanup finished without a failure; the saved state is gone.
    void cleanedUp();

private:
    void resumeClicked();
    void cleanupClicked();
    void checkFinished();
    void cleanupFinished();
    void setBusy(bool busy);

    core::ReplicationState m_state;
    QLineEdit *m_sourcePassword = nullptr;
    QLineEdit *m_targetPassword = nullptr;
    QLabel *m_status = nullptr;
    QPlainTextEdit *m_results = nullptr;
    QPushButton *m_resume = nullptr;
    QPushButton *m_cleanup = nullptr;
    QPushButton *m_later = nullptr;
    QFutureWatcher<QString> m_checking; // empty, or why a server did not answer
    QFutureWatcher<QStringList> m_cleaning; // lines; failures start with '!'
};

} // namespace pgshift::wizard
