#pragma once

#include <QByteArray>
#include <QString>

class QWidget;

namespace pgshift::widgets {

// The widget as it looks now, as PNG bytes (for reports).
QByteArray widgetPng(QWidget *widget);

// Writes `text` as UTF-8 to `path`, replacing it; on failure says why in `error`.
bool writeTextFile(const QString &path, const QString &text, QString *error);

QString askExportPath(QWidget *parent, const QString &title, const QString &fileName, const QString &filter);
void showExportError(QWidget *parent, const QString &error);
QString csvFilter();
QString pngFilter();
QString couldNotWrite(const QString &path);

// Asks where to save (suggesting `fileName`) and calls `save(path, &error)`; a failure is
// shown in a message box. For the "Export" and "Save" buttons.
template <typename Save>
void exportWithDialog(QWidget *parent, const QString &title, const QString &fileName, const QString &filter, Save save)
{
    const QString path = askExportPath(parent, title, fileName, filter);
    QString error;
    if (!path.isEmpty() && !save(path, &error))
        showExportError(parent, error);
}

// The two exports every chart offers (a chart has exportCsv(path, &error) and exportPng(path)).
template <typename Chart>
void exportCsvWithDialog(QWidget *parent, const QString &title, const QString &fileName, const Chart *chart)
{
    exportWithDialog(parent, title, fileName, csvFilter(),
                     [chart](const QString &path, QString *error) { return chart->exportCsv(path, error); });
}

template <typename Chart>
void exportPngWithDialog(QWidget *parent, const QString &title, const QString &fileName, const Chart *chart)
{
    exportWithDialog(parent, title, fileName, pngFilter(), [chart](const QString &path, QString *error) {
        if (chart->exportPng(path))
            return true;
        *error = couldNotWrite(path);
        return false;
    });
}

} // namespace pgshift::widgets
