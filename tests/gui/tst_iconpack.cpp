// The Windows and macOS icons: rendered from the SVG (not blank, transparent around the
// drawing), written as a valid .ico (PNG entries from 16 to 256 pixels) and .icns (PNG entries
// from 16 to 1024, Retina types included), and the build's own files decode the same way.
#include "installer/iconpack/iconpack.h"

#include <QFile>
#include <QTest>
#include <QtEndian>

using namespace pgshift::iconpack;

namespace {

const QString Svg = QStringLiteral(PGSHIFT_SOURCE_DIR "/resources/icons/pgshift.svg");

// Images and their declared sizes read back from an .ico.
QList<std::pair<int, QImage>> readIco(const QByteArray &file)
{
    QList<std::pair<int, QImage>> entries;
    if (file.size() < 6 || qFromLittleEndian<quint16>(file.constData()) != 0
        || qFromLittleEndian<quint16>(file.constData() + 2) != 1)
        return entries;
    const int count = qFromLittleEndian<quint16>(file.constData() + 4);
    for (int i = 0; i < count; ++i) {
        const char *entry = file.constData() + 6 + 16 * i;
        const int declared = quint8(entry[0]) == 0 ? 256 : quint8(entry[0]);
        const quint32 size = qFromLittleEndian<quint32>(entry + 8);
        const quint32 offset = qFromLittleEndian<quint32>(entry + 12);
        if (qint64(offset) + size > file.size())
            return {};
        entries.append({declared, QImage::fromData(file.mid(offset, size), "PNG")});
    }
    return entries;
}

// Element types and their images read back from an .icns.
QList<std::pair<QByteArray, QImage>> readIcns(const QByteArray &file)
{
    QList<std::pair<QByteArray, QImage>> entries;
    if (!file.startsWith("icns")
        || qFromBigEndian<quint32>(file.constData() + 4) != quint32(file.size()))
        return entries;
    for (qsizetype at = 8; at + 8 <= file.size();) {
        const quint32 length = qFromBigEndian<quint32>(file.constData() + at + 4);
        if (length < 8 || at + length > file.size())
            return {};
        entries.append({file.mid(at, 4), QImage::fromData(file.mid(at + 8, length - 8), "PNG")});
        at += length;
    }
    return entries;
}

void checkIco(const QByteArray &file)
{
    const auto entries = readIco(file);
    QCOMPARE(entries.size(), icoSizes().size());
    for (int i = 0; i < entries.size(); ++i) {
        QCOMPARE(entries[i].first, icoSizes()[i]);
        QCOMPARE(entries[i].second.size(), QSize(icoSizes()[i], icoSizes()[i]));
    }
}

void checkIcns(const QByteArray &file)
{
    const auto entries = readIcns(file);
    const QHash<QByteArray, int> expected {
        {"icp4", 16},  {"icp5", 32},  {"ic11", 32},  {"icp6", 64},  {"ic12", 64},  {"ic07", 128},
        {"ic08", 256}, {"ic13", 256}, {"ic09", 512}, {"ic14", 512}, {"ic10", 1024}};
    QCOMPARE(entries.size(), expected.size());
    for (const auto &[type, image] : entries) {
        QVERIFY2(expected.contains(type), type.constData());
        QCOMPARE(image.size(), QSize(expected[type], expected[type]));
    }
}

} // namespace

class TestIconPack : public QObject
{
    Q_OBJECT

private slots:
    void rendersTheDrawing();
    void writesIco();
    void writesIcns();
    void buildMadeBoth();
};

void TestIconPack::rendersTheDrawing()
{
    const QImage image = render(Svg, 256);
    QCOMPARE(image.size(), QSize(256, 256));
    QCOMPARE(qAlpha(image.pixel(0, 0)), 0); // the corner is outside the cylinders
    int opaque = 0;
    for (int y = 0; y < 256; y += 4)
        for (int x = 0; x < 256; x += 4)
            opaque += qAlpha(image.pixel(x, y)) == 255;
    QVERIFY2(opaque > 1000,
             qPrintable(QString::number(opaque))); // the drawing covers much of the square
    QVERIFY(render(QStringLiteral("/nonexistent.svg"), 32).isNull());
}

void TestIconPack::writesIco()
{
    QList<QImage> images;
    for (int size : icoSizes())
        images << render(Svg, size);
    checkIco(icoFile(images));
}

void TestIconPack::writesIcns()
{
    QList<QImage> images;
    for (int size : icnsSizes())
        images << render(Svg, size);
    checkIcns(icnsFile(images));
}

void TestIconPack::buildMadeBoth()
{
    for (const char *name : {"pgshift.ico", "pgshift.icns"}) {
        QFile file(QStringLiteral(PGSHIFT_ICONS_DIR "/") + QLatin1String(name));
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
        const QByteArray bytes = file.readAll();
        if (file.fileName().endsWith(QLatin1String(".ico")))
            checkIco(bytes);
        else
            checkIcns(bytes);
    }
}

QTEST_MAIN(TestIconPack)
#include "tst_iconpack.moc"
