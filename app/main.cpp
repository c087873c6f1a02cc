#include "app/cli/command.h"
#include "app/cli/commandline.h"
#include "app/startup.h"

#include <QCoreApplication>
#include <QStringList>

#include <cstdio>

using namespace pgshift::app;

int main(int argc, char *argv[])
{
    // Decide what to do before creating any application object: commands must run without a
    // display, and only the wizard needs QApplication.
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    const Invocation invocation = CommandLine::parse(arguments);

    switch (invocation.action) {
    case Invocation::Action::Help:
    case Invocation::Action::UsageError: {
        // Said in the user's language: the translators need an application object, and the
        // texts are made again once they are installed (an unknown --lang leaves English).
        QCoreApplication application(argc, argv);
        setApplicationIdentity(invocation.language);
        const Invocation translated = CommandLine::parse(arguments);
        if (translated.action == Invocation::Action::Help) {
            std::fputs(CommandLine::helpText().toLocal8Bit().constData(), stdout);
            return ExitOk;
        }
        std::fprintf(stderr, "pgshift: %s\n%s\n", translated.error.toLocal8Bit().constData(),
                     CommandLine::usageHint().toLocal8Bit().constData());
        return ExitUsage;
    }
    case Invocation::Action::Version:
        std::fputs(CommandLine::versionText().toLocal8Bit().constData(), stdout);
        return ExitOk;
    case Invocation::Action::Command:
        return runCommand(argc, argv, invocation);
    case Invocation::Action::Wizard:
        break;
    }
    return runWizard(argc, argv, invocation);
}
