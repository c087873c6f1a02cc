#pragma once

#include "core/log/logentry.h"

#include <QWidget>

#include <deque>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace pgshift::widgets {

// The in-app log panel: the latest log lines, filtered by minimum level and a search text,
// with copy to clipboard. Holds a bounded number of lines.
class LogView final : public QWidget
{
    Q_OBJECT
public:
    static constexpr int DefaultCapacity = 5000;

    explicit LogView(QWidget *parent = nullptr);

    void setCapacity(int entries);
    int capacity() const { return m_capacity; }
    int entryCount() const { return static_cast<int>(m_entries.size()); }
    int visibleCount() const { return m_visible; }
    // The lines the current filter shows, as copied to the clipboard.
    QString visibleText() const;

public slots:
    void appendEntry(const pgshift::core::LogEntry &entry);
    void clear();
    void copyToClipboard() const;

private:
    void setupControls();
    void setupConnections();
    bool accepts(const core::LogEntry &entry) const;
    void show(const core::LogEntry &entry);
    void dropOldest();
    void refilter();
    void updateCount();

    QComboBox *m_levelFilter = nullptr;
    QLineEdit *m_search = nullptr;
    QPlainTextEdit *m_text = nullptr;
    QPushButton *m_copy = nullptr;
    QPushButton *m_clear = nullptr;
    QLabel *m_count = nullptr;
    std::deque<core::LogEntry> m_entries;
    int m_capacity = DefaultCapacity;
    int m_visible = 0;
};

} // namespace pgshift::widgets
