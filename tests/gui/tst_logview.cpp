// LogView: level filter, search, copy, bounded memory.
#include "widgets/logview.h"

#include <QClipboard>
#include <QComboBox>
#include <QGuiApplication>
#include <QLineEdit>
#include <QPushButton>
#include <QTest>

using namespace pgshift;
using Level = core::LogEntry::Level;

namespace {

core::LogEntry entry(Level level, const QString &message, const QString &logger = QStringLiteral("core"))
{
    return core::LogEntry{QDateTime::currentDateTime(), level, logger, message};
}

} // namespace

class TestLogView : public QObject
{
    Q_OBJECT

private slots:
    void defaultFilterHidesDebug();
    void levelFilter();
    void searchFilter();
    void copyPutsVisibleLinesOnClipboard();
    void capacityBoundsMemory();
    void dropsMultiLineEntriesWhole();
};

void TestLogView::defaultFilterHidesDebug()
{
    widgets::LogView view;
    view.appendEntry(entry(Level::Debug, QStringLiteral("SQL on host: SELECT 1")));
    view.appendEntry(entry(Level::Info, QStringLiteral("connected")));
    QCOMPARE(view.entryCount(), 2);
    QCOMPARE(view.visibleCount(), 1);
    QVERIFY(view.visibleText().contains(QLatin1String("connected")));
    QVERIFY(!view.visibleText().contains(QLatin1String("SELECT 1")));
}

void TestLogView::levelFilter()
{
    widgets::LogView view;
    view.appendEntry(entry(Level::Debug, QStringLiteral("d")));
    view.appendEntry(entry(Level::Info, QStringLiteral("i")));
    view.appendEntry(entry(Level::Warning, QStringLiteral("w")));
    view.appendEntry(entry(Level::Error, QStringLiteral("e")));
    auto *filter = view.findChild<QComboBox *>(QStringLiteral("levelFilter"));
    QVERIFY(filter);
    filter->setCurrentIndex(0);
    QCOMPARE(view.visibleCount(), 4);
    filter->setCurrentIndex(2);
    QCOMPARE(view.visibleCount(), 2);
    filter->setCurrentIndex(3);
    QCOMPARE(view.visibleCount(), 1);
    QVERIFY(view.visibleText().endsWith(QLatin1String("error core: e")));
}

void TestLogView::searchFilter()
{
    widgets::LogView view;
    view.appendEntry(entry(Level::Info, QStringLiteral("connected to source")));
    view.appendEntry(entry(Level::Info, QStringLiteral("connected to target")));
    view.appendEntry(entry(Level::Warning, QStringLiteral("slow query"), QStringLiteral("gui")));
    auto *search = view.findChild<QLineEdit *>(QStringLiteral("searchField"));
    QVERIFY(search);
    QTest::keyClicks(search, QStringLiteral("TARGET"));
    QCOMPARE(view.visibleCount(), 1);
    QVERIFY(view.visibleText().contains(QLatin1String("connected to target")));
    search->setText(QStringLiteral("gui"));
    QCOMPARE(view.visibleCount(), 1); // matches the logger name too
    search->clear();
    QCOMPARE(view.visibleCount(), 3);
    // A new entry that does not match the search stays hidden.
    search->setText(QStringLiteral("source"));
    view.appendEntry(entry(Level::Error, QStringLiteral("unrelated")));
    QCOMPARE(view.visibleCount(), 1);
}

void TestLogView::copyPutsVisibleLinesOnClipboard()
{
    widgets::LogView view;
    auto *copy = view.findChild<QPushButton *>(QStringLiteral("copyButton"));
    QVERIFY(copy);
    QVERIFY(!copy->isEnabled());
    view.appendEntry(entry(Level::Info, QStringLiteral("first line")));
    view.appendEntry(entry(Level::Error, QStringLiteral("second line")));
    QVERIFY(copy->isEnabled());
    QGuiApplication::clipboard()->clear();
    QTest::mouseClick(copy, Qt::LeftButton);
    const QString copied = QGuiApplication::clipboard()->text();
    QCOMPARE(copied, view.visibleText());
    QVERIFY(copied.contains(QLatin1String("info core: first line")));
    QVERIFY(copied.contains(QLatin1String("error core: second line")));
}

void TestLogView::capacityBoundsMemory()
{
    widgets::LogView view;
    view.setCapacity(3);
    for (int i = 0; i < 10; ++i)
        view.appendEntry(entry(Level::Info, QStringLiteral("line %1").arg(i)));
    QCOMPARE(view.entryCount(), 3);
    QCOMPARE(view.visibleCount(), 3);
    const QString text = view.visibleText();
    QVERIFY(!text.contains(QLatin1String("line 6")));
    QVERIFY(text.contains(QLatin1String("line 7")));
    QVERIFY(text.contains(QLatin1String("line 9")));
    QCOMPARE(text.count(u'\n'), 2);
}

void TestLogView::dropsMultiLineEntriesWhole()
{
    widgets::LogView view;
    view.setCapacity(2);
    view.appendEntry(entry(Level::Error, QStringLiteral("ERROR: boom\nDETAIL: a\nHINT: b")));
    view.appendEntry(entry(Level::Info, QStringLiteral("after")));
    view.appendEntry(entry(Level::Info, QStringLiteral("latest")));
    const QString text = view.visibleText();
    QVERIFY(!text.contains(QLatin1String("boom")));
    QVERIFY(!text.contains(QLatin1String("DETAIL")));
    QVERIFY(!text.contains(QLatin1String("HINT")));
    QCOMPARE(view.visibleCount(), 2);
    QCOMPARE(text.count(u'\n'), 1);
}

QTEST_MAIN(TestLogView)
#include "tst_logview.moc"
