#pragma once

#include <QString>

#include <functional>

namespace pgshift::core {
class Cancellation;
}

namespace pgshift::app {

// What long commands need from the terminal.
// Ctrl+C: the first one sets a flag the command polls (to cancel cleanly),
// a second one ends the process at once.
void catchInterrupt();
bool interruptRequested();
// Takes the request back (the command saw it) and restores the default handler.
void clearInterrupt();
void releaseInterrupt();

// Runs `work` on a thread with Ctrl+C caught: the first Ctrl+C prints `cancelling` on stderr
// and cancels `cancellation`, which `work` is to watch. Returns when `work` has returned.
void runInterruptible(core::Cancellation &cancellation, const QString &cancelling, const std::function<void()> &work);

// Prints `question` (ending in "[y/N] ") on stderr and reads a line from stdin: true for y/yes.
bool askYesNo(const QString &question);

} // namespace pgshift::app
