#pragma once

namespace pgshift::app {

// Ctrl+C for long commands: the first one sets a flag the command polls (to cancel cleanly),
// a second one ends the process at once.
void catchInterrupt();
bool interruptRequested();
// Takes the request back (the command saw it) and restores the default handler.
void clearInterrupt();
void releaseInterrupt();

} // namespace pgshift::app
