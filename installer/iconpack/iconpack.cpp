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

template<typename T> void appendLittle(QByteArray &out, T value)
{
    char bytes[sizeof(T)];
    qToLittleEndian(value, bytes);
    out.append(bytes, sizeof(T));
}

template<typename T> void appendBig(QByteArray &out, T value)
{
    char bytes[sizeof(T)];
    qToBigEndian(value, bytes);
    out.append(bytes, sizeof(T));
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
    appendLittle<quint16>(out, 0); // reserved
    appendLittle<quint16>(out, 1); // an icon, not a cursor
    appendLittle<quint16>(out, quint16(images.size()));
    QList<QByteArray> data;
    quint32 offset = quint32(6 + 16 * images.size());
    for (const QImage &image : images) {
        data << png(image);
        const int size = image.width();
        out.append(char(size >= 256 ? 0 : size)); // 0 means 256
        out.append(char(size >= 256 ? 0 : size));
        out.append(char(0)); // no palette
        out.append(char(0)); // reserved
        appendLittle<quint16>(out, 1); // colour planes
        appendLittle<quint16>(out, 32); // bits per pixel
        appendLittle<quint32>(out, quint32(data.last().size()));
        appendLittle<quint32>(out, offset);
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
            appendBig<quint32>(body, quint32(8 + data.size()));
            body += data;
        }
    }
    QByteArray out("icns");
    appendBig<quint32>(out, quint32(8 + body.size()));
    return out + body;
}

} // namespace pgshift::iconpack
