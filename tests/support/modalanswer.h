#pragma once

// For GUI tests (header only: they link Qt Widgets, the support library does not).
#include <QAbstractButton>
#include <QApplication>
#include <QMessageBox>
#include <QTimer>

namespace pgshift::testsupport {

// Answers the next message box that opens, even one opened later from an asynchronous flow
// (a QTimer::singleShot(0) only reaches boxes opened at once): polls for the active modal
// QMessageBox, notes its text and presses `button`.
class ModalAnswer
{
public:
    explicit ModalAnswer(QMessageBox::StandardButton button = QMessageBox::Yes)
    {
        QObject::connect(&m_poll, &QTimer::timeout, &m_poll, [this, button] {
            if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())) {
                m_poll.stop();
                m_text = box->text();
                box->button(button)->click();
            }
        });
        m_poll.start(20);
    }

    // The box's text once answered, empty before.
    const QString &text() const { return m_text; }

private:
    QTimer m_poll;
    QString m_text;
};

} // namespace pgshift::testsupport
