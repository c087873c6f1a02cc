// The wizard in every language it speaks, against real servers: with German chosen, the page
// titles and buttons are German; every page, in German, French, Spanish and Japanese and in a
// light and a dark palette, fits the default window without a clipped text, has no keyboard
// mnemonic twice, lets Tab reach every control, gives every input an accessible name, and keeps
// its text readable (contrast of 4.5:1 or more). With $PGSHIFT_SCREENSHOT_DIR set, every page is
// saved there to look at.
#include "app/startup.h"
#include "core/pg/connection.h"
#include "core/pg/connectiontest.h"
#include "core/replication/replicationstate.h"
#include "tests/support/pgserver.h"
#include "tests/support/wizardsession.h"
#include "widgets/fixdialog.h"
#include "wizard/aboutdialog.h"
#include "wizard/migrationsession.h"
#include "wizard/migrationwizard.h"
#include "wizard/preflightpage.h"
#include "wizard/resumedialog.h"
#include "wizard/sandboxpanel.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAbstractSpinBox>
#include <QAccessible>
#include <QApplication>
#include <QButtonGroup>
#include <QComboBox>
#include <QDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QRegularExpression>
#include <QSettings>
#include <QStandardPaths>
#include <QStyleFactory>
#include <QTest>
#include <QTextEdit>
#include <QTranslator>
#include <QWizard>

#include <cmath>

using namespace pgshift;
using namespace pgshift::testsupport;
using Page = wizard::MigrationWizard::PageId;

namespace {

const QSize DefaultWindow(1080, 760); // as the app opens it

// A dark palette like the dark themes of KDE, GNOME (adwaita-qt) and Windows give Qt.
QPalette darkPalette()
{
    QPalette p;
    const QColor window(0x35, 0x35, 0x35), base(0x2a, 0x2a, 0x2a), text(0xf0, 0xf0, 0xf0);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(0x42, 0x42, 0x42));
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, window);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::ToolTipBase, base);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, QColor(0xa0, 0xa0, 0xa0));
    p.setColor(QPalette::Highlight, QColor(0x2a, 0x82, 0xda));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x6c, 0xb4, 0xff));
    p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x80, 0x80, 0x80));
    p.setColor(QPalette::Disabled, QPalette::Text, QColor(0x80, 0x80, 0x80));
    p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x80, 0x80, 0x80));
    return p;
}

// Removes the catalogs installed so far and installs those of one language.
void useLanguage(const QString &code)
{
    for (QTranslator *translator : qApp->findChildren<QTranslator *>()) {
        QCoreApplication::removeTranslator(translator);
        delete translator;
    }
    app::installTranslators(code);
}

double luminance(const QColor &c)
{
    auto channel = [](double v) {
        return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
}

double contrast(const QColor &a, const QColor &b)
{
    const double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

QString describe(const QWidget *w, const QString &text = {})
{
    QString name = w->objectName().isEmpty() ? QString::fromLatin1(w->metaObject()->className())
                                             : w->objectName();
    if (!text.isEmpty())
        name += QStringLiteral(" \"%1\"").arg(text.left(50));
    return name;
}

QList<QWidget *> visibleWidgets(QWidget *window)
{
    QList<QWidget *> shown;
    for (QWidget *w : window->findChildren<QWidget *>())
        if (w->isVisible() && w->window() == window)
            shown << w;
    return shown;
}

// Texts that do not fit their widget: a label narrower than its text (or, wrapped, shorter),
// a button narrower than its label.
QStringList clippedTexts(QWidget *window)
{
    QStringList found;
    for (QWidget *w : visibleWidgets(window)) {
        if (auto *label = qobject_cast<QLabel *>(w)) {
            if (label->text().isEmpty() || !label->pixmap().isNull())
                continue;
            const bool tooSmall = label->wordWrap()
                ? label->height() < label->heightForWidth(label->width())
                : label->width() < label->sizeHint().width()
                    || label->height() < label->sizeHint().height();
            if (tooSmall)
                found << QStringLiteral("%1: %2x%3, needs %4x%5")
                             .arg(describe(label, label->text()))
                             .arg(label->width())
                             .arg(label->height())
                             .arg(label->wordWrap() ? label->width() : label->sizeHint().width())
                             .arg(label->wordWrap() ? label->heightForWidth(label->width())
                                                    : label->sizeHint().height());
        } else if (auto *button = qobject_cast<QAbstractButton *>(w)) {
            if (!button->text().isEmpty() && button->width() < button->sizeHint().width())
                found << QStringLiteral("%1: %2 wide, needs %3")
                             .arg(describe(button, button->text()))
                             .arg(button->width())
                             .arg(button->sizeHint().width());
        }
    }
    return found;
}

// Alt+letter shortcuts given twice among what is on screen (only one of them can be reached).
// The wizard's Back and Next count even where hidden: the same page shows them when reached
// from the one before.
QStringList duplicateMnemonics(QWidget *window)
{
    static const QRegularExpression mnemonic(QStringLiteral("&([^&\\s])"));
    QMultiHash<QString, QString> owners;
    QList<QAbstractButton *> always;
    if (auto *wizard = qobject_cast<QWizard *>(window))
        always << wizard->button(QWizard::BackButton) << wizard->button(QWizard::NextButton);
    QList<QWidget *> widgets = visibleWidgets(window);
    for (QAbstractButton *b : always)
        if (!widgets.contains(b))
            widgets << b;
    for (QWidget *w : widgets) {
        QString text;
        if (auto *button = qobject_cast<QAbstractButton *>(w);
            button && (button->isEnabled() || always.contains(button)))
            text = button->text();
        else if (auto *label = qobject_cast<QLabel *>(w); label && label->buddy())
            text = label->text();
        const auto match = mnemonic.match(QString(text).replace(QLatin1String("&&"), QString()));
        if (match.hasMatch())
            owners.insert(match.captured(1).toLower(), text);
    }
    QStringList found;
    for (const QString &key : owners.uniqueKeys())
        if (owners.count(key) > 1)
            found << QStringLiteral("&%1: %2").arg(
                key, QStringList(owners.values(key)).join(QLatin1String(" | ")));
    return found;
}

// Inputs a screen reader cannot name (no accessible name, no buddy label).
QStringList unnamedInputs(QWidget *window)
{
    QStringList found;
    for (QWidget *w : visibleWidgets(window)) {
        const bool input = qobject_cast<QLineEdit *>(w) || qobject_cast<QAbstractSpinBox *>(w)
            || qobject_cast<QComboBox *>(w) || qobject_cast<QPlainTextEdit *>(w);
        if (!input || !w->isEnabled() || qobject_cast<QLineEdit *>(w->parentWidget()))
            continue;
        if (qobject_cast<QAbstractSpinBox *>(w->parentWidget())
            || qobject_cast<QComboBox *>(w->parentWidget()))
            continue; // the editor inside a spin or combo box: the box is named
        QAccessibleInterface *iface = QAccessible::queryAccessibleInterface(w);
        if (!iface || iface->text(QAccessible::Name).trimmed().isEmpty())
            found << describe(w);
    }
    return found;
}

// Controls the keyboard cannot reach: refusing Tab focus, or missing from the window's focus
// chain (so Tab never lands on them).
QStringList unreachableByTab(QWidget *window)
{
    QSet<QWidget *> chain;
    for (QWidget *w = window->nextInFocusChain(); w && w != window; w = w->nextInFocusChain())
        chain.insert(w);
    QStringList found;
    for (QWidget *w : visibleWidgets(window)) {
        const bool control = qobject_cast<QAbstractButton *>(w) || qobject_cast<QLineEdit *>(w)
            || qobject_cast<QAbstractSpinBox *>(w) || qobject_cast<QComboBox *>(w)
            || qobject_cast<QPlainTextEdit *>(w) || qobject_cast<QTextEdit *>(w)
            || (qobject_cast<QAbstractItemView *>(w) && !qobject_cast<QHeaderView *>(w));
        if (!control || !w->isEnabled())
            continue;
        if (qobject_cast<QAbstractSpinBox *>(w->parentWidget())
            || qobject_cast<QComboBox *>(w->parentWidget())
            || qobject_cast<QLineEdit *>(w->parentWidget()))
            continue; // the editor inside a spin or combo box, a line edit's own icon button
        if (auto *radio = qobject_cast<QRadioButton *>(w)) {
            // Tab enters a group of choices at one of them (the one that last had the focus)
            // and the arrow keys move within it: the group must be reachable, not each choice.
            QList<QAbstractButton *> members;
            if (radio->group() && radio->group()->exclusive())
                members = radio->group()->buttons();
            else if (radio->autoExclusive())
                for (QRadioButton *sibling : radio->parentWidget()->findChildren<QRadioButton *>(
                         Qt::FindDirectChildrenOnly))
                    members << sibling;
            const bool groupReached
                = std::any_of(members.begin(), members.end(), [&](QAbstractButton *b) {
                      return (b->focusPolicy() & Qt::TabFocus) && chain.contains(b);
                  });
            if (groupReached)
                continue;
        }
        if (!(w->focusPolicy() & Qt::TabFocus) || !chain.contains(w)) {
            const auto *button = qobject_cast<QAbstractButton *>(w);
            found << describe(w, button ? button->text() : QString());
        }
    }
    return found;
}

// Label texts whose colour is too close to the window behind them.
QStringList faintTexts(QWidget *window)
{
    static const QRegularExpression styled(QStringLiteral("color:\\s*(#[0-9a-fA-F]{6})"));
    QStringList found;
    for (QWidget *w : visibleWidgets(window)) {
        auto *label = qobject_cast<QLabel *>(w);
        if (!label || label->text().isEmpty() || !label->isEnabled())
            continue;
        const auto match = styled.match(label->styleSheet());
        const QColor text = match.hasMatch() ? QColor(match.captured(1))
                                             : label->palette().color(QPalette::WindowText);
        const QColor background = label->palette().color(QPalette::Window);
        const double ratio = contrast(text, background);
        if (ratio < 4.5)
            found << QStringLiteral("%1: %2 on %3, contrast %4")
                         .arg(describe(label, label->text()), text.name(), background.name())
                         .arg(ratio, 0, 'f', 1);
    }
    return found;
}

// Every check on one window, each problem as "<name>: <check>: <what>"; the contrast check only
// where asked.
QStringList windowProblems(QWidget *window, const QString &name, bool contrast)
{
    QList<std::pair<QString, QStringList>> checks {
        {QStringLiteral("clipped"), clippedTexts(window)},
        {QStringLiteral("mnemonic twice"), duplicateMnemonics(window)},
        {QStringLiteral("no accessible name"), unnamedInputs(window)},
        {QStringLiteral("not reachable with Tab"), unreachableByTab(window)},
    };
    if (contrast)
        checks.append({QStringLiteral("hard to read"), faintTexts(window)});
    QStringList problems;
    for (const auto &[what, found] : checks)
        for (const QString &line : found)
            problems << QStringLiteral("%1: %2: %3").arg(name, what, line);
    return problems;
}

// Logs each problem in full (QVERIFY2's message is cut short); true when there is none.
bool noProblems(const QStringList &problems)
{
    for (const QString &problem : problems)
        qWarning().noquote() << problem;
    return problems.isEmpty();
}

} // namespace

class TestLocalization : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void germanTitlesAndButtons();
    void everyPageInEveryLanguage_data();
    void everyPageInEveryLanguage();
    void sandboxPanelInEveryLanguage_data();
    void sandboxPanelInEveryLanguage();
    void dialogsInEveryLanguage_data();
    void dialogsInEveryLanguage();

private:
    void openAt(int pageId);
    void settle();
    QStringList checkPage(const QString &name);

    PgServer m_source {PgServer::Role::Source};
    PgServer m_target {PgServer::Role::Target};
    std::unique_ptr<wizard::MigrationSession> m_session;
    std::unique_ptr<wizard::MigrationWizard> m_wizard;
    QPalette m_lightPalette;
};

void TestLocalization::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("pgshift-test"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_localization"));
    QSettings().clear();
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    m_lightPalette = QApplication::palette();
    PGSHIFT_START(m_source);
    PGSHIFT_START(m_target);
    core::Connection src(m_source.settings());
    src.exec("CREATE SCHEMA shop");
    src.exec("CREATE TABLE shop.orders (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, total "
             "numeric)");
    src.exec("CREATE TABLE shop.audit (at timestamptz, what text)"); // no key: a preflight finding
    src.exec("INSERT INTO shop.orders (total) SELECT g FROM generate_series(1, 500) g");
    m_session = std::make_unique<wizard::MigrationSession>();
    QVERIFY(connectSession(*m_session, m_source.settings(), m_target.settings()));
}

void TestLocalization::cleanupTestCase()
{
    m_wizard.reset();
    m_session.reset();
    useLanguage(QStringLiteral("en"));
}

void TestLocalization::openAt(int pageId)
{
    m_wizard.reset();
    m_wizard = std::make_unique<wizard::MigrationWizard>(m_session.get());
    m_wizard->setStartId(pageId);
    m_wizard->resize(DefaultWindow.expandedTo(m_wizard->minimumSize()));
    m_wizard->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_wizard.get()));
    QCOMPARE(m_wizard->currentId(), pageId);
}

void TestLocalization::settle()
{
    // Pages that read the servers when shown: let them finish (the preflight runs its checks).
    if (auto *preflight = qobject_cast<wizard::PreflightPage *>(m_wizard->currentPage()))
        QTRY_VERIFY_WITH_TIMEOUT(!preflight->isBusy(), 60000);
    QTest::qWait(400);
}

void TestLocalization::germanTitlesAndButtons()
{
    useLanguage(QStringLiteral("de"));
    m_session->setMethod(core::Method::Logical);
    openAt(Page::WelcomePageId);
    const QList<std::pair<int, QString>> titles {
        {Page::WelcomePageId, QStringLiteral("Willkommen bei pgshift")},
        {Page::SourcePageId, QStringLiteral("Quelldatenbank")},
        {Page::TargetPageId, QStringLiteral("Zieldatenbank")},
        {Page::MethodPageId, QStringLiteral("Migrationsmethode")},
        {Page::PreflightPageId, QStringLiteral("Voraussetzungen")},
        {Page::DumpRestorePageId, QStringLiteral("Dump und Restore")},
        {Page::DmsPageId, QStringLiteral("AWS DMS, Schema zuerst")},
        {Page::ReplicationPageId, QStringLiteral("Logische Replikation")},
        {Page::SequencesPageId, QStringLiteral("Sequenzen")},
        {Page::CutoverPageId, QStringLiteral("Umstellung")},
        {Page::SummaryPageId, QStringLiteral("Zusammenfassung")},
    };
    QCOMPARE(m_wizard->pageIds().size(), titles.size());
    for (const auto &[id, title] : titles)
        QCOMPARE(m_wizard->page(id)->title(), title);
    QCOMPARE(m_wizard->currentPage()->subTitle(),
             QStringLiteral(
                 "Eine PostgreSQL-Datenbank auf einen anderen PostgreSQL-Server verschieben, ein "
                 "geprüfter Schritt nach dem anderen."));
    // Qt's own wizard buttons (qtbase's German catalog) and pgshift's.
    QCOMPARE(m_wizard->button(QWizard::NextButton)->text(), QStringLiteral("&Weiter >"));
    QCOMPARE(m_wizard->button(QWizard::CancelButton)->text(), QStringLiteral("Abbrechen"));
    QCOMPARE(m_wizard->button(QWizard::CustomButton1)->text(), QStringLiteral("&Log"));
    QCOMPARE(m_wizard->button(QWizard::CustomButton2)->text(), QStringLiteral("&Mehr"));
    QCOMPARE(m_wizard->windowTitle(), QStringLiteral("pgshift: PostgreSQL-Migration"));
    // One page further, Back appears in German too.
    m_wizard->next();
    QCOMPARE(m_wizard->currentId(), int(Page::SourcePageId));
    QCOMPARE(m_wizard->button(QWizard::BackButton)->text(), QStringLiteral("< &Zurück"));
    auto *test
        = m_wizard->currentPage()->findChild<QAbstractButton *>(QStringLiteral("testButton"));
    QVERIFY(test);
    QCOMPARE(test->text(), QStringLiteral("Verbindung &testen"));
}

void TestLocalization::everyPageInEveryLanguage_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<bool>("dark");
    for (const char *language : {"en", "de", "fr", "es", "ja"}) {
        for (bool dark : {false, true})
            QTest::addRow("%s-%s", language, dark ? "dark" : "light")
                << QString::fromLatin1(language) << dark;
    }
}

void TestLocalization::everyPageInEveryLanguage()
{
    QFETCH(QString, language);
    QFETCH(bool, dark);
    useLanguage(language);
    QApplication::setPalette(dark ? darkPalette() : m_lightPalette);
    const QList<std::pair<int, core::Method>> pages {
        {Page::WelcomePageId, core::Method::Logical},
        {Page::SourcePageId, core::Method::Logical},
        {Page::TargetPageId, core::Method::Logical},
        {Page::MethodPageId, core::Method::Logical},
        {Page::PreflightPageId, core::Method::Logical},
        {Page::DumpRestorePageId, core::Method::Dump},
        {Page::DmsPageId, core::Method::Dms},
        {Page::ReplicationPageId, core::Method::Logical},
        {Page::SequencesPageId, core::Method::Logical},
        {Page::CutoverPageId, core::Method::Logical},
        {Page::SummaryPageId, core::Method::Logical},
    };
    QStringList problems;
    for (const auto &[id, method] : pages) {
        m_session->setMethod(method);
        openAt(id);
        settle();
        problems << checkPage(QStringLiteral("%1-%2-%3")
                                  .arg(language,
                                       dark ? QStringLiteral("dark") : QStringLiteral("light"),
                                       m_wizard->currentPage()->objectName()));
    }
    QApplication::setPalette(m_lightPalette);
    QVERIFY2(noProblems(problems),
             qPrintable(QStringLiteral("%1 problems, listed above").arg(problems.size())));
}

void TestLocalization::sandboxPanelInEveryLanguage_data()
{
    QTest::addColumn<QString>("language");
    for (const char *language : {"en", "de", "fr", "es", "ja"})
        QTest::newRow(language) << QString::fromLatin1(language);
}

void TestLocalization::sandboxPanelInEveryLanguage()
{
    // The banner beside the pages in `pgshift demo` is narrow: its hint for every page and its
    // write controls (both button texts) must fit it. No sandbox is started for this.
    QFETCH(QString, language);
    useLanguage(language);
    // In a window as in the wizard, where the panel keeps to its maximum width.
    QWidget window;
    auto *row = new QHBoxLayout(&window);
    auto *panelWidget = new wizard::SandboxPanel(m_session.get(), &window);
    wizard::SandboxPanel &panel = *panelWidget;
    row->addWidget(panelWidget);
    row->addWidget(new QWidget(&window), 1);
    window.resize(DefaultWindow);
    window.show();
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *writes = panel.findChild<QPushButton *>(QStringLiteral("sandboxWritesButton"));
    QVERIFY(writes);
    QStringList problems;
    const QString stop
        = QCoreApplication::translate("pgshift::wizard::SandboxPanel", "Stop &writes");
    for (const QString &text : {writes->text(), stop}) {
        writes->setText(text);
        for (int id : {Page::WelcomePageId, Page::SourcePageId, Page::TargetPageId,
                       Page::MethodPageId, Page::PreflightPageId, Page::DumpRestorePageId,
                       Page::DmsPageId, Page::ReplicationPageId, Page::SequencesPageId,
                       Page::CutoverPageId, Page::SummaryPageId}) {
            panel.showHintFor(id);
            QTest::qWait(20);
            for (const QString &line : clippedTexts(&window))
                problems << QStringLiteral("%1 sandbox panel, page %2: %3")
                                .arg(language)
                                .arg(id)
                                .arg(line);
        }
    }
    if (const QString dir = qEnvironmentVariable("PGSHIFT_SCREENSHOT_DIR"); !dir.isEmpty())
        panel.grab().save(dir + QStringLiteral("/%1-sandboxPanel.png").arg(language));
    problems.removeDuplicates();
    QVERIFY2(noProblems(problems),
             qPrintable(QStringLiteral("%1 problems, listed above").arg(problems.size())));
}

void TestLocalization::dialogsInEveryLanguage_data()
{
    sandboxPanelInEveryLanguage_data();
}

void TestLocalization::dialogsInEveryLanguage()
{
    // The dialogs the wizard opens: About, the fix confirmation, and the offer to resume a
    // replication left running. Same checks as the pages, at the size they open with.
    QFETCH(QString, language);
    useLanguage(language);
    core::ReplicationState state;
    state.source = m_source.settings();
    state.target = m_target.settings();
    state.phase = QStringLiteral("started");
    state.startedAt = QDateTime::currentDateTimeUtc();
    std::vector<std::unique_ptr<QDialog>> dialogs;
    dialogs.push_back(std::make_unique<wizard::AboutDialog>());
    dialogs.push_back(std::make_unique<widgets::FixDialog>(
        QCoreApplication::translate(
            "pgshift::wizard::PreflightPage",
            "Run these statements on the source, in one transaction? Untick any you do not want."),
        QStringList {QStringLiteral("ALTER TABLE \"shop\".\"audit\" REPLICA IDENTITY FULL;")}));
    dialogs.push_back(std::make_unique<wizard::ResumeDialog>(state));
    QStringList problems;
    for (const auto &dialog : dialogs) {
        dialog->show();
        QVERIFY(QTest::qWaitForWindowExposed(dialog.get()));
        const QString name = QStringLiteral("%1-%2").arg(
            language, QString::fromLatin1(dialog->metaObject()->className()).section(u':', -1));
        if (const QString dir = qEnvironmentVariable("PGSHIFT_SCREENSHOT_DIR"); !dir.isEmpty())
            dialog->grab().save(dir + u'/' + name + QStringLiteral(".png"));
        problems << windowProblems(dialog.get(), name, false);
        dialog->hide();
    }
    QVERIFY2(noProblems(problems),
             qPrintable(QStringLiteral("%1 problems, listed above").arg(problems.size())));
}

QStringList TestLocalization::checkPage(const QString &name)
{
    QWidget *window = m_wizard.get();
    QStringList problems;
    const QPixmap shot = window->grab();
    // On a HiDPI screen (gui.localization.hidpi: QT_SCALE_FACTOR=2) the window is drawn at the
    // screen's density, not scaled up from a low-resolution picture.
    const double scale = qEnvironmentVariableIsSet("QT_SCALE_FACTOR")
        ? qEnvironmentVariable("QT_SCALE_FACTOR").toDouble()
        : 1.0;
    if (!qFuzzyCompare(shot.devicePixelRatio(), scale)
        || shot.width() != qRound(window->width() * scale))
        problems << QStringLiteral("%1: drawn at %2x, %3 pixels wide, the screen is %4x")
                        .arg(name)
                        .arg(shot.devicePixelRatio())
                        .arg(shot.width())
                        .arg(scale);
    if (const QString dir = qEnvironmentVariable("PGSHIFT_SCREENSHOT_DIR"); !dir.isEmpty())
        shot.save(dir + u'/' + name + (scale != 1.0 ? QStringLiteral("@%1x").arg(scale) : QString())
                  + QStringLiteral(".png"));
    // The layout fits the window the app opens: nothing is squeezed, no window grows off screen.
    const QSize needed = window->minimumSizeHint();
    if (needed.width() > DefaultWindow.width() || needed.height() > DefaultWindow.height())
        problems
            << QStringLiteral("%1: needs %2x%3").arg(name).arg(needed.width()).arg(needed.height());
    return problems + windowProblems(window, name, true);
}

QTEST_MAIN(TestLocalization)
#include "tst_localization.moc"
