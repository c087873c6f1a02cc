#pragma once

#include <QString>

namespace pgshift::app {

struct Invocation;

// Names the application (settings and data locations depend on it) and installs translators
// for `language` (see installTranslators).
void setApplicationIdentity(const QString &language = {});
// Qt's and pgshift's translations, English plural forms as the fallback, for `language`
// ("de", ...); empty: the language chosen in the wizard's menu, else the system's. The
// locale also becomes the default for numbers and dates.
void installTranslators(const QString &language = {});
// Runs the wizard in a QApplication; returns the exit code.
int runWizard(int &argc, char **argv, const Invocation &invocation);
// Runs a command-line command in a QCoreApplication (no display needed).
int runCommand(int &argc, char **argv, const Invocation &invocation);

} // namespace pgshift::app
