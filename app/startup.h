#pragma once

namespace pgshift::app {

struct Invocation;

// Names the application (settings and data locations depend on it) and installs translators.
void setApplicationIdentity();
// Qt's and pgshift's translations for the system locale, English plural forms as the fallback.
void installTranslators();
// Runs the wizard in a QApplication; returns the exit code.
int runWizard(int &argc, char **argv, const Invocation &invocation);
// Runs a command-line command in a QCoreApplication (no display needed).
int runCommand(int &argc, char **argv, const Invocation &invocation);

} // namespace pgshift::app
