#include "widgets/statuscolor.h"

#include <QWidget>

namespace pgshift::widgets {

bool isDarkPalette(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < 128;
}

QColor statusColor(Status status, const QPalette &palette)
{
    const bool dark = isDarkPalette(palette);
    switch (status) {
    case Status::Error:
        return dark ? QColor(0xff, 0x7b, 0x72) : QColor(0xb0, 0x1c, 0x1c);
    case Status::Success:
        return dark ? QColor(0x56, 0xd3, 0x64) : QColor(0x1b, 0x7a, 0x2e);
    case Status::Warning:
        return dark ? QColor(0xe3, 0xb3, 0x41) : QColor(0x8a, 0x5a, 0x00);
    case Status::Running:
        return dark ? QColor(0x79, 0xc0, 0xff) : QColor(0x1f, 0x5f, 0xbf);
    }
    return palette.color(QPalette::WindowText);
}

QString statusStyleSheet(Status status, const QWidget *widget, bool bold)
{
    const QColor color = statusColor(status, widget ? widget->palette() : QPalette());
    return QStringLiteral("color: %1;%2")
        .arg(color.name(), bold ? QStringLiteral(" font-weight: bold;") : QString());
}

} // namespace pgshift::widgets
