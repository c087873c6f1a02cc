#pragma once

#include <QString>

class QWidget;

namespace pgshift::widgets {

// Writes `text` as UTF-8 to `path`, replacing it; on failure says why in `error`.
bool writeTextFile(const QString &path, const QString &text, QString *error);

// Asks where to save (suggesting `fileName`) and calls `save(path, &error)`; a failure is
// shown in a message box. For the charts' "Export CSV/PNG" buttons.
template <typename Save>
void exportWithDialog(QWidget *parent, const QString &title, const QString &fileName, const QString &filter, Save save);

void showExportError(QWidget *parent, const QString &error);
QString askExportPath(QWidget *parent, const QString &title, const QString &fileName, const QString &filter);

template <typename Save>
void exportWithDialog(QWidget *parent, const QString &title, const QString &fileName, const QString &filter, Save save)
{
    const QString path = askExportPath(parent, title, fileName, filter);
    QString error;
    if (!path.isEmpty() && !save(path, &error))
        showExportError(parent, error);
}

} // namespace pgshift::widgets
