#include "app/startup.h"

#include "app/cli/command.h"
#include "app/cli/commandline.h"
#include "app/logging/logbridge.h"
#include "app/logging/logging.h"
#include "core/sandbox/sandbox.h"
#include "core/tools/temporarypassfile.h"
#include "pgshift/version.h"
#include "widgets/logview.h"
#include "wizard/migrationsession.h"
#include "wizard/migrationwizard.h"

#include <QApplication>
#include <QFileInfo>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QIcon>
#include <QLibraryInfo>
#include <QLocale>
#include <QScreen>
#include <QSettings>
#include <QTimer>
#include <QTranslator>

#include <spdlog/spdlog.h>

#ifdef Q_OS_UNIX
#include <QSocketNotifier>

#include <csignal>
#include <sys/socket.h>
#include <unistd.h>
#endif

namespace pgshift::app {
namespace {

Logging::Options loggingOptions(const Invocation &invocation)
{
    Logging::Options options;
    options.consoleLevel = invocation.verbose ? spdlog::level::debug : spdlog::level::off;
    return options;
}

// Loads `name`'s catalog for the locale, or `fallback`'s; the translator belongs to the app.
bool installCatalog(const QLocale &locale, const QString &name, const QString &directory,
                    const QString &fallback = {})
{
    auto *translator = new QTranslator(QCoreApplication::instance());
    if (translator->load(locale, name, QStringLiteral("_"), directory)
        || (!fallback.isEmpty() && translator->load(fallback, directory))) {
        QCoreApplication::installTranslator(translator);
        return true;
    }
    delete translator;
    return false;
}

#ifdef Q_OS_UNIX
int g_signalPipe[2] = {-1, -1};

extern "C" void forwardSignal(int signal)
{
    const char byte = char(signal);
    [[maybe_unused]] const ssize_t written = ::write(g_signalPipe[1], &byte, 1); // async-signal-safe
}

// Ctrl+C in the terminal, a kill or a closed session end the event loop the ordinary way, so
// the wizard's destructors run: a sandbox of this process is stopped and deleted, a copy
// cancelled. A second signal while that runs ends the process as the default would.
void quitOnSignals(QApplication &application)
{
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalPipe) != 0)
        return;
    auto *notifier = new QSocketNotifier(qintptr(g_signalPipe[0]), QSocketNotifier::Read, &application);
    QObject::connect(notifier, &QSocketNotifier::activated, &application, [notifier] {
        char signal = 0;
        if (::read(g_signalPipe[0], &signal, 1) != 1)
            return;
        notifier->setEnabled(false);
        for (const int s : {SIGINT, SIGTERM, SIGHUP})
            std::signal(s, SIG_DFL);
        spdlog::get("app")->info("signal {}: closing", int(signal));
        QApplication::quit();
    });
    struct sigaction action = {};
    action.sa_handler = forwardSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    for (const int s : {SIGINT, SIGTERM, SIGHUP})
        ::sigaction(s, &action, nullptr);
}
#endif

} // namespace

// Japanese drawn in a Latin-only default font takes its glyphs from a fallback font with taller
// lines, which Qt's size hints do not see, so wrapped labels come out clipped. With Japanese
// chosen on a desktop whose font lacks it, the wizard uses a Japanese font instead (what a
// Japanese desktop configures anyway); any other language gets the desktop's font back.
static void useFontFor(const QLocale &locale)
{
    if (!qobject_cast<QGuiApplication *>(QCoreApplication::instance()))
        return; // a command: no fonts
    static const QFont desktop = QGuiApplication::font();
    QFont font = desktop;
    if (locale.language() == QLocale::Japanese
        && !QFontDatabase::writingSystems(desktop.family()).contains(QFontDatabase::Japanese)) {
        const QStringList families = QFontDatabase::families(QFontDatabase::Japanese);
        QString pick;
        for (const char *preferred : {"Noto Sans CJK JP", "Source Han Sans JP", "IPAexGothic", "IPAGothic", "VL Gothic",
                                      "Yu Gothic UI", "Meiryo UI", "Hiragino Sans"}) {
            if (families.contains(QLatin1String(preferred))) {
                pick = QLatin1String(preferred);
                break;
            }
        }
        for (const QString &family : families) {
            if (pick.isEmpty() && (family.contains(QLatin1String("Sans")) || family.contains(QLatin1String("Gothic"))))
                pick = family;
        }
        if (pick.isEmpty() && !families.isEmpty())
            pick = families.constFirst();
        if (!pick.isEmpty())
            font.setFamily(pick);
    }
    if (font != QGuiApplication::font())
        QGuiApplication::setFont(font);
}

void installTranslators(const QString &language)
{
    QString code = language;
    if (code.isEmpty())
        code = QSettings().value(QLatin1String(wizard::MigrationWizard::LanguageSetting)).toString();
    const QLocale locale = code.isEmpty() ? QLocale::system() : QLocale(code);
    QLocale::setDefault(locale);
    useFontFor(locale);
    // Qt's own strings (wizard buttons, standard dialogs), then pgshift's. English is the
    // fallback: its catalog only supplies plural forms ("1 line", "3 lines").
    installCatalog(locale, QStringLiteral("qtbase"), QLibraryInfo::path(QLibraryInfo::TranslationsPath));
    installCatalog(locale, QStringLiteral("pgshift"), QStringLiteral(":/i18n"),
                   QStringLiteral("pgshift_en"));
}

void setApplicationIdentity(const QString &language)
{
    QCoreApplication::setApplicationName(QStringLiteral("pgshift"));
    QCoreApplication::setOrganizationName(QStringLiteral("pgshift"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PGSHIFT_VERSION));
    installTranslators(language);
}

int runWizard(int &argc, char **argv, const Invocation &invocation)
{
    QApplication application(argc, argv);
    setApplicationIdentity(invocation.language);
    QApplication::setApplicationDisplayName(QStringLiteral("pgshift"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/pgshift.svg")));
    Logging logging(loggingOptions(invocation));
    spdlog::get("app")->info("pgshift {} starting the wizard (Qt {})", PGSHIFT_VERSION, qVersion());
    core::TemporaryPassfile::sweepStale();
    core::Sandbox::removeStale(); // those of a pgshift that crashed

    wizard::MigrationSession session;
    wizard::MigrationWizard wizard(&session);
    wizard.setLogDirectory(QFileInfo(logging.filePath()).absolutePath());
    QObject::connect(logging.bridge(), &LogBridge::entryLogged, wizard.logView(),
                     &widgets::LogView::appendEntry, Qt::QueuedConnection);
    // Room for the sandbox banner beside the forms, within the screen.
    if (const QScreen *screen = QGuiApplication::primaryScreen())
        wizard.resize(QSize(1080, 760).boundedTo(screen->availableSize()).expandedTo(wizard.minimumSize()));
    wizard.show();
#ifdef Q_OS_UNIX
    quitOnSignals(application);
#endif
    QTimer::singleShot(0, &wizard, invocation.demo ? &wizard::MigrationWizard::startSandbox : &wizard::MigrationWizard::offerResume);
    const int code = QApplication::exec();
    spdlog::get("app")->info("wizard closed");
    return code;
}

int runCommand(int &argc, char **argv, const Invocation &invocation)
{
    QCoreApplication application(argc, argv);
    setApplicationIdentity(invocation.language);
    Logging logging(loggingOptions(invocation));
    spdlog::get("app")->info("pgshift {} running '{}'", PGSHIFT_VERSION, invocation.command->name);
    core::TemporaryPassfile::sweepStale();
    return invocation.command->run(invocation.commandArguments);
}

} // namespace pgshift::app
