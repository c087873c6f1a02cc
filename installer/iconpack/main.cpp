// pgshift_iconpack SVG OUT.ico OUT.icns: the installers' icons, rendered from the SVG.
#include "installer/iconpack/iconpack.h"

#include <QFile>
#include <QGuiApplication>

#include <cstdio>

using namespace pgshift::iconpack;

namespace {

bool write(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size()) {
        std::fprintf(stderr, "pgshift_iconpack: cannot write %s\n", qPrintable(path));
        return false;
    }
    return true;
}

} // namespace

int main(int argc, char *argv[])
{
    qputenv("QT_QPA_PLATFORM", "offscreen"); // a build step: no display
    QGuiApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    if (args.size() != 4) {
        std::fprintf(stderr, "usage: pgshift_iconpack ICON.svg OUT.ico OUT.icns\n");
        return 2;
    }
    auto renderAll = [&](const QList<int> &sizes, QList<QImage> *images) {
        for (int size : sizes) {
            const QImage image = render(args[1], size);
            if (image.isNull()) {
                std::fprintf(stderr,
                             "pgshift_iconpack: cannot render %s (is Qt's SVG plugin installed?)\n",
                             qPrintable(args[1]));
                return false;
            }
            *images << image;
        }
        return true;
    };
    QList<QImage> ico, icns;
    if (!renderAll(icoSizes(), &ico) || !renderAll(icnsSizes(), &icns))
        return 1;
    return write(args[2], icoFile(ico)) && write(args[3], icnsFile(icns)) ? 0 : 1;
}
