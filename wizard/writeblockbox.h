#pragma once

#include "core/cutover/writeblock.h"
#include "core/pg/connectionsettings.h"

#include <QFutureWatcher>
#include <QWidget>

#include <functional>
#include <optional>

class QLineEdit;
class QRadioButton;

namespace pgshift::wizard {

// How writes stop on the source before a cutover or a final copy: confirmed by the user,
// chosen roles made read-only, or the whole database; optionally "leave writes alone" (a
// trial copy). confirm() lists the sessions the block will end, off the GUI thread, and asks
// before anything happens.
class WriteBlockBox final : public QWidget
{
    Q_OBJECT
public:
    // With `offerNone`, the first choice leaves writes alone and is the default.
    explicit WriteBlockBox(bool offerNone, QWidget *parent = nullptr);

    // Empty when writes are left alone.
    std::optional<core::WriteBlockOptions> options() const;
    // Why the choice cannot run (no role named), or empty.
    QString problem() const;
    bool isListing() const { return m_listing.isRunning(); }

    // Asks whether to go on: for a block, after listing the sessions it ends on `source`.
    // `proceed` runs (on the GUI thread) only on Yes.
    void confirm(const core::ConnectionSettings &source, const QString &title, const QString &action,
                 std::function<void()> proceed);

signals:
    void changed();
    void listingChanged(bool listing);

private:
    struct Sessions
    {
        QStringList sessions; // what the write block will end
        QString error;
    };
    void sessionsListed();

    QRadioButton *m_none = nullptr;
    QRadioButton *m_confirmed = nullptr;
    QRadioButton *m_roles = nullptr;
    QRadioButton *m_database = nullptr;
    QLineEdit *m_roleList = nullptr;
    QFutureWatcher<Sessions> m_listing;
    QString m_title;
    QString m_action;
    std::function<void()> m_proceed;
};

} // namespace pgshift::wizard
