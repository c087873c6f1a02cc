#pragma once

#include <QWidget>

class QFormLayout;
class QLabel;
class QPlainTextEdit;
class QToolButton;

namespace pgshift::core {
struct ConnectionTestResult;
}

namespace pgshift::widgets {

// Shows the outcome of a connection test: the server, database, user and timings on success;
// on failure the reason in plain words, with the server's own message one click away.
class ConnectionTestView final : public QWidget
{
    Q_OBJECT
public:
    explicit ConnectionTestView(QWidget *parent = nullptr);

    void showTesting();
    void showResult(const core::ConnectionTestResult &result);
    void clear();

    // The headline currently shown ("Connected", the plain-words failure, ...).
    QString headline() const;
    QString details() const;

private:
    void setFact(int row, const QString &text);

    QLabel *m_headline = nullptr;
    QWidget *m_factsBox = nullptr;
    QFormLayout *m_facts = nullptr;
    QToolButton *m_detailsToggle = nullptr;
    QPlainTextEdit *m_details = nullptr;
};

} // namespace pgshift::widgets
