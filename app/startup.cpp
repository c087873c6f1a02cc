#include "app/startup.h"

#include "app/cli/command.h"
#include "app/cli/commandline.h"
#include "app/logging/logbridge.h"
#include "app/logging/logging.h"
#include "pgshift/version.h"
#include "widgets/logview.h"
#include "wizard/migrationsession.h"
#include "wizard/migrationwizard.h"

#include <QApplication>
#include <QIcon>
#include <QLibraryInfo>
#include <QLocale>
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

// Qt's own strings (wizard buttons, standard dialogs) and pgshift's, in the system's language.
void installTranslators()
{
    const QLocale locale;
    const std::pair<QString, QString> catalogs[] = {
        {QStringLiteral("qtbase"), QLibraryInfo::path(QLibraryInfo::TranslationsPath)},
        {QStringLiteral("pgshift"), QStringLiteral(":/i18n")},
    };
    for (const auto &[name, directory] : catalogs) {
        auto *translator = new QTranslator(QCoreApplication::instance());
        if (translator->load(locale, name, QStringLiteral("_"), directory))
            QCoreApplication::installTranslator(translator);
        else
            delete translator;
    }
}

} // namespace

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

    wizard::MigrationSession session;
    wizard::MigrationWizard wizard(&session);
    QObject::connect(logging.bridge(), &LogBridge::entryLogged, wizard.logView(),
                     &widgets::LogView::appendEntry, Qt::QueuedConnection);
    wizard.show();
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
    return invocation.command->run(invocation.commandArguments);
}

} // namespace pgshift::app
