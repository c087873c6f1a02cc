#include "installer/iconpack/iconpack.h"

#include <QBuffer>
#include <QIcon>
#include <QPainter>
#include <QtEndian>

namespace pgshift::iconpack {

namespace {

QByteArray png(const QImage &image)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.convertToFormat(QImage::Format_ARGB32).save(&buffer, "PNG");
    return bytes;
}

void appendLittle16(QByteArray &out, quint16 value)
{
    char bytes[2];
    qToLittleEndian(value, bytes);
    out.append(bytes, 2);
}

void appendLittle32(QByteArray &out, quint32 value)
{
    char bytes[4];
    qToLittleEndian(value, bytes);
    out.append(bytes, 4);
}

void appendBig32(QByteArray &out, quint32 value)
{
    char bytes[4];
    qToBigEndian(value, bytes);
    out.append(bytes, 4);
}

// The .icns element types that hold a PNG of a given pixel size; the Retina types (@2x) reuse
// the image of twice the point size.
QList<QByteArray> icnsTypes(int pixels)
{
    switch (pixels) {
    case 16:
        return {"icp4"};
    case 32:
        return {"icp5", "ic11"};
    case 64:
        return {"icp6", "ic12"};
    case 128:
        return {"ic07"};
    case 256:
        return {"ic08", "ic13"};
    case 512:
        return {"ic09", "ic14"};
    case 1024:
        return {"ic10"};
    default:
        return {};
    }
}

} // namespace

QImage render(const QString &svgPath, int size)
{
    const QIcon icon(svgPath);
    if (icon.isNull())
        return {};
    QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    icon.paint(&painter, image.rect());
    painter.end();
    return image;
}

QList<int> icoSizes()
{
    return {16, 20, 24, 32, 40, 48, 64, 128, 256};
}

QList<int> icnsSizes()
{
    return {16, 32, 64, 128, 256, 512, 1024};
}

QByteArray icoFile(const QList<QImage> &images)
{
    // ICONDIR, then one ICONDIRENTRY per image, then the PNG data each entry points at.
    QByteArray out;
    appendLittle16(out, 0); // reserved
    appendLittle16(out, 1); // an icon, not a cursor
    appendLittle16(out, quint16(images.size()));
    QList<QByteArray> data;
    quint32 offset = quint32(6 + 16 * images.size());
    for (const QImage &image : images) {
        data << png(image);
        const int size = image.width();
        out.append(char(size >= 256 ? 0 : size)); // 0 means 256
        out.append(char(size >= 256 ? 0 : size));
        out.append(char(0)); // no palette
        out.append(char(0)); // reserved
        appendLittle16(out, 1); // colour planes
        appendLittle16(out, 32); // bits per pixel
        appendLittle32(out, quint32(data.last().size()));
        appendLittle32(out, offset);
        offset += quint32(data.last().size());
    }
    for (const QByteArray &bytes : data)
        out += bytes;
    return out;
}

QByteArray icnsFile(const QList<QImage> &images)
{
    QByteArray body;
    for (const QImage &image : images) {
        const QByteArray data = png(image);
        for (const QByteArray &type : icnsTypes(image.width())) {
            body += type;
            appendBig32(body, quint32(8 + data.size()));
            body += data;
        }
    }
    QByteArray out("icns");
    appendBig32(out, quint32(8 + body.size()));
    return out + body;
}

} // namespace pgshift::iconpack
