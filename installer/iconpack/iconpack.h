#pragma once

#include <QByteArray>
#include <QImage>
#include <QList>
#include <QString>

// Windows and macOS icon files made from pgshift's SVG icon, so the installers carry the same
// artwork as the Linux package: every size is rendered from the vector drawing, none scaled
// from another bitmap.
namespace pgshift::iconpack {

// The drawing at size x size pixels (transparent background); a null image if it cannot be read.
QImage render(const QString &svgPath, int size);

// A Windows .ico with PNG-compressed images of the given square sizes (1 to 256).
QByteArray icoFile(const QList<QImage> &images);

// A macOS .icns with the PNG entries its sizes map to (16 to 1024, Retina sizes included).
QByteArray icnsFile(const QList<QImage> &images);

// Sizes the installers use.
QList<int> icoSizes();
QList<int> icnsSizes();

} // namespace pgshift::iconpack
