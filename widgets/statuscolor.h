#pragma once

#include <QColor>
#include <QPalette>
#include <QString>

class QWidget;

namespace pgshift::widgets {

// What a coloured text says: failed, succeeded, needs a look, under way.
enum class Status { Error, Success, Warning, Running };

// A text colour for the status that reads on the palette's window: the usual dark red, green,
// amber and blue on a light palette, lighter tones on a dark one (contrast of 4.5:1 or more
// against Qt's and the desktops' common window colours).
QColor statusColor(Status status, const QPalette &palette);

// A style sheet colouring a label's text for the status on its own palette; bold if asked.
QString statusStyleSheet(Status status, const QWidget *widget, bool bold = false);

// True when the palette's window is dark (a dark desktop theme).
bool isDarkPalette(const QPalette &palette);

} // namespace pgshift::widgets
