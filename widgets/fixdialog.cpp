#include "widgets/fixdialog.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace pgshift::widgets {

FixDialog::FixDialog(const QString &question, const QStringList &statements, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("fixDialog"));
    setWindowTitle(tr("Run fix"));
    resize(760, 460);
    auto *label = new QLabel(question, this);
    label->setWordWrap(true);
    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("fixStatements"));
    m_list->setAccessibleName(tr("Statements to run"));
    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    for (const QString &statement : statements) {
        auto *item = new QListWidgetItem(statement, m_list);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Checked);
        item->setFont(fixed);
    }
    m_preview = new QPlainTextEdit(this);
    m_preview->setObjectName(QStringLiteral("fixPreview"));
    m_preview->setReadOnly(true);
    m_preview->setFont(fixed);
    m_preview->setAccessibleName(tr("SQL that will run"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_run = buttons->addButton(tr("&Run"), QDialogButtonBox::AcceptRole);
    m_run->setObjectName(QStringLiteral("runButton"));
    buttons->button(QDialogButtonBox::Cancel)->setDefault(true);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(label);
    layout->addWidget(m_list, 1);
    layout->addWidget(new QLabel(tr("Exactly this will run:"), this));
    layout->addWidget(m_preview, 1);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_list, &QListWidget::itemChanged, this, &FixDialog::updatePreview);
    updatePreview();
}

QStringList FixDialog::selectedStatements() const
{
    QStringList chosen;
    for (int i = 0; i < m_list->count(); ++i) {
        if (m_list->item(i)->checkState() == Qt::Checked)
            chosen << m_list->item(i)->text();
    }
    return chosen;
}

QString FixDialog::preview() const
{
    return m_preview->toPlainText();
}

void FixDialog::updatePreview()
{
    const QStringList chosen = selectedStatements();
    m_run->setEnabled(!chosen.isEmpty());
    m_preview->setPlainText(chosen.isEmpty()
                                ? QString()
                                : QStringLiteral("BEGIN;\n%1\nCOMMIT;").arg(chosen.join(u'\n')));
}

} // namespace pgshift::widgets
