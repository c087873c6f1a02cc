#pragma once

#include "core/cutover/sequencesync.h"

#include <QFutureWatcher>
#include <QWizardPage>

class QLabel;
class QPushButton;
class QRadioButton;
class QSpinBox;
class QTableWidget;

namespace pgshift::wizard {

class MigrationSession;

// Sequences before the cutover: every in-scope sequence with its owner, the source's and the
// target's value and the value pgshift proposes (a margin of increments ahead, fixed or from
// the rate measured over 5 seconds), with clamped and skipped ones explained. Copy SQL, Save
// .sql, Apply to the target now (one transaction, then verified). The margin chosen here is
// the one the cutover uses.
class SequencesPage final : public QWizardPage
{
    Q_OBJECT
public:
    explicit SequencesPage(MigrationSession *session, QWidget *parent = nullptr);

    void initializePage() override;
    bool isComplete() const override;
    int nextId() const override;

    qint64 margin() const;
    const QList<core::SequencePlan> &plans() const { return m_plans; }
    QString script() const { return core::SequenceSync::script(m_plans); }

public slots:
    void refresh();
    void apply();

private:
    struct Reading
    {
        QList<core::SequenceInfo> source;
        QHash<QString, std::optional<qint64>> target; // "schema.name" -> last_value
        qint64 rateMargin = -1;                       // when measured
        QString error;
    };
    struct Applied
    {
        int set = 0;
        QList<core::SequencePlan> plans;
        QStringList behind;
        QString error;
    };

    void setupLayout();
    void readingFinished();
    void applyFinished();
    void showPlans();
    void updateButtons();

    MigrationSession *m_session;
    QRadioButton *m_fixed = nullptr;
    QRadioButton *m_rate = nullptr;
    QSpinBox *m_margin = nullptr;
    QSpinBox *m_window = nullptr;
    QTableWidget *m_table = nullptr;
    QLabel *m_status = nullptr;
    QPushButton *m_refresh = nullptr;
    QPushButton *m_copy = nullptr;
    QPushButton *m_save = nullptr;
    QPushButton *m_apply = nullptr;
    QFutureWatcher<Reading> m_reading;
    QFutureWatcher<Applied> m_applying;
    Reading m_last;
    QList<core::SequencePlan> m_plans;
    QString m_appliedNote; // the last Apply's outcome, shown until the next change
};

} // namespace pgshift::wizard
