#pragma once

#include <QDialog>
#include <QStringList>

class QListWidget;
class QPlainTextEdit;
class QPushButton;

namespace pgshift::widgets {

// Confirms a fix before pgshift runs it: every statement with a checkbox (run it or not), and
// the exact SQL that will be sent for the chosen ones, as one transaction.
class FixDialog final : public QDialog
{
    Q_OBJECT
public:
    FixDialog(const QString &question, const QStringList &statements, QWidget *parent = nullptr);

    QStringList selectedStatements() const;
    QString preview() const;

private:
    void updatePreview();

    QListWidget *m_list = nullptr;
    QPlainTextEdit *m_preview = nullptr;
    QPushButton *m_run = nullptr;
};

} // namespace pgshift::widgets
