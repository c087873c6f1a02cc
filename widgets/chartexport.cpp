#include "widgets/chartexport.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QFile>
#include <QFileDialog>
#include <QMessageBox>
#include <QPixmap>
#include <QWidget>

namespace pgshift::widgets {

QByteArray widgetPng(QWidget *widget)
{
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    widget->grab().save(&buffer, "PNG");
    return png;
}

bool writeTextFile(const QString &path, const QString &text, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(text.toUtf8()) < 0) {
        if (error)
            *error = file.errorString();
        return false;
    }
    return true;
}

QString askExportPath(QWidget *parent, const QString &title, const QString &fileName, const QString &filter)
{
    return QFileDialog::getSaveFileName(parent, title, fileName, filter);
}

void showExportError(QWidget *parent, const QString &error)
{
    QMessageBox::warning(parent, QCoreApplication::translate("pgshift::widgets::ChartExport", "Export failed"), error);
}

QString csvFilter()
{
    return QCoreApplication::translate("pgshift::widgets::ChartExport", "CSV (*.csv)");
}

QString pngFilter()
{
    return QCoreApplication::translate("pgshift::widgets::ChartExport", "PNG image (*.png)");
}

QString couldNotWrite(const QString &path)
{
    return QCoreApplication::translate("pgshift::widgets::ChartExport", "Could not write %1.").arg(path);
}

} // namespace pgshift::widgets
