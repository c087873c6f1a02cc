#include "widgets/logview.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTextCursor>
#include <QTextDocument>
#include <QVBoxLayout>

namespace pgshift::widgets {
namespace {

using Level = core::LogEntry::Level;

QString levelName(Level level)
{
    switch (level) {
    case Level::Trace: return QStringLiteral("trace");
    case Level::Debug: return QStringLiteral("debug");
    case Level::Info: return QStringLiteral("info");
    case Level::Warning: return QStringLiteral("warning");
    case Level::Error: return QStringLiteral("error");
    case Level::Critical: return QStringLiteral("critical");
    }
    return {};
}

QString formatEntry(const core::LogEntry &entry)
{
    return QStringLiteral("%1 %2 %3: %4")
        .arg(entry.time.toString(QStringLiteral("HH:mm:ss.zzz")), levelName(entry.level), entry.logger,
             entry.message);
}

} // namespace

LogView::LogView(QWidget *parent)
    : QWidget(parent)
{
    setupControls();
    setupConnections();
    updateCount();
}

void LogView::setupControls()
{
    m_levelFilter = new QComboBox(this);
    m_levelFilter->setObjectName(QStringLiteral("levelFilter"));
    m_levelFilter->setAccessibleName(tr("Minimum level"));
    m_levelFilter->addItem(tr("Debug and above"), int(Level::Debug));
    m_levelFilter->addItem(tr("Info and above"), int(Level::Info));
    m_levelFilter->addItem(tr("Warnings and errors"), int(Level::Warning));
    m_levelFilter->addItem(tr("Errors only"), int(Level::Error));
    m_levelFilter->setCurrentIndex(1);

    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("searchField"));
    m_search->setPlaceholderText(tr("Search the log"));
    m_search->setAccessibleName(tr("Search the log"));
    m_search->setClearButtonEnabled(true);

    m_copy = new QPushButton(tr("&Copy"), this);
    m_copy->setObjectName(QStringLiteral("copyButton"));
    m_copy->setToolTip(tr("Copy the lines shown to the clipboard"));
    m_clear = new QPushButton(tr("C&lear"), this);
    m_clear->setObjectName(QStringLiteral("clearButton"));
    m_count = new QLabel(this);
    m_count->setObjectName(QStringLiteral("countLabel"));

    m_text = new QPlainTextEdit(this);
    m_text->setObjectName(QStringLiteral("logText"));
    m_text->setReadOnly(true);
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_levelFilter);
    bar->addWidget(m_search, 1);
    bar->addWidget(m_count);
    bar->addWidget(m_copy);
    bar->addWidget(m_clear);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(m_text, 1);
}

void LogView::setupConnections()
{
    connect(m_levelFilter, &QComboBox::currentIndexChanged, this, &LogView::refilter);
    connect(m_search, &QLineEdit::textChanged, this, &LogView::refilter);
    connect(m_copy, &QPushButton::clicked, this, &LogView::copyToClipboard);
    connect(m_clear, &QPushButton::clicked, this, &LogView::clear);
}

void LogView::setCapacity(int entries)
{
    m_capacity = qMax(1, entries);
    while (static_cast<int>(m_entries.size()) > m_capacity)
        m_entries.pop_front();
    refilter();
}

bool LogView::accepts(const core::LogEntry &entry) const
{
    if (int(entry.level) < m_levelFilter->currentData().toInt())
        return false;
    const QString needle = m_search->text();
    return needle.isEmpty() || entry.message.contains(needle, Qt::CaseInsensitive)
        || entry.logger.contains(needle, Qt::CaseInsensitive);
}

void LogView::show(const core::LogEntry &entry)
{
    m_text->appendPlainText(formatEntry(entry));
    ++m_visible;
}

void LogView::dropOldest()
{
    const core::LogEntry oldest = std::move(m_entries.front());
    m_entries.pop_front();
    if (!accepts(oldest))
        return;
    // The oldest shown entry is at the top; a message may span several lines (blocks).
    const int lines = int(formatEntry(oldest).count(u'\n')) + 1;
    QTextCursor cursor(m_text->document());
    if (!cursor.movePosition(QTextCursor::NextBlock, QTextCursor::KeepAnchor, lines))
        cursor.movePosition(QTextCursor::End, QTextCursor::KeepAnchor);
    cursor.removeSelectedText();
    --m_visible;
}

void LogView::appendEntry(const core::LogEntry &entry)
{
    m_entries.push_back(entry);
    if (static_cast<int>(m_entries.size()) > m_capacity)
        dropOldest();
    if (accepts(entry))
        show(entry);
    updateCount();
}

void LogView::refilter()
{
    m_text->clear();
    m_visible = 0;
    for (const core::LogEntry &entry : m_entries) {
        if (accepts(entry))
            show(entry);
    }
    updateCount();
}

void LogView::clear()
{
    m_entries.clear();
    m_text->clear();
    m_visible = 0;
    updateCount();
}

QString LogView::visibleText() const
{
    return m_text->toPlainText();
}

void LogView::copyToClipboard() const
{
    QApplication::clipboard()->setText(visibleText());
}

void LogView::updateCount()
{
    m_count->setText(tr("%n line(s)", nullptr, m_visible));
    m_copy->setEnabled(m_visible > 0);
}

} // namespace pgshift::widgets
