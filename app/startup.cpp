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
#include <QIcon>
#include <QLibraryInfo>
#include <QLocale>
#include <QTimer>
#include <QTranslator>

#include <spdlog/spdlog.h>

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

} // namespace

void installTranslators()
{
    const QLocale locale;
    // Qt's own strings (wizard buttons, standard dialogs), then pgshift's. English is the
    // fallback: its catalog only supplies plural forms ("1 line", "3 lines").
    installCatalog(locale, QStringLiteral("qtbase"), QLibraryInfo::path(QLibraryInfo::TranslationsPath));
    installCatalog(locale, QStringLiteral("pgshift"), QStringLiteral(":/i18n"),
                   QStringLiteral("pgshift_en"));
}

void setApplicationIdentity()
{
    QCoreApplication::setApplicationName(QStringLiteral("pgshift"));
    QCoreApplication::setOrganizationName(QStringLiteral("pgshift"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PGSHIFT_VERSION));
    installTranslators();
}

int runWizard(int &argc, char **argv, const Invocation &invocation)
{
    QApplication application(argc, argv);
    setApplicationIdentity();
    QApplication::setApplicationDisplayName(QStringLiteral("pgshift"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/pgshift.svg")));
    Logging logging(loggingOptions(invocation));
    spdlog::get("app")->info("pgshift {} starting the wizard (Qt {})", PGSHIFT_VERSION, qVersion());
    core::TemporaryPassfile::sweepStale();
    core::Sandbox::removeStale(); // those of a pgshift that crashed

    wizard::MigrationSession session;
    wizard::MigrationWizard wizard(&session);
    QObject::connect(logging.bridge(), &LogBridge::entryLogged, wizard.logView(),
                     &widgets::LogView::appendEntry, Qt::QueuedConnection);
    wizard.show();
    QTimer::singleShot(0, &wizard, invocation.demo ? &wizard::MigrationWizard::startSandbox : &wizard::MigrationWizard::offerResume);
    const int code = QApplication::exec();
    spdlog::get("app")->info("wizard closed");
    return code;
}

int runCommand(int &argc, char **argv, const Invocation &invocation)
{
    QCoreApplication application(argc, argv);
    setApplicationIdentity();
    Logging logging(loggingOptions(invocation));
    spdlog::get("app")->info("pgshift {} running '{}'", PGSHIFT_VERSION, invocation.command->name);
    core::TemporaryPassfile::sweepStale();
    return invocation.command->run(invocation.commandArguments);
}

} // namespace pgshift::app
