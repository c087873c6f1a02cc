#include "core/pg/profilestore.h"

#include <QSettings>

namespace pgshift::core {
namespace {

const QString Group = QStringLiteral("connectionProfiles");

// Profile names are free text; QSettings keys are not, so each profile is one array entry.
int indexOf(QSettings &settings, const QString &name)
{
    const int count = settings.beginReadArray(Group);
    int found = -1;
    for (int i = 0; i < count && found < 0; ++i) {
        settings.setArrayIndex(i);
        if (settings.value(QStringLiteral("name")).toString() == name)
            found = i;
    }
    settings.endArray();
    return found;
}

struct Entry
{
    QString name;
    QString conninfo;
};

QList<Entry> readAll(QSettings &settings)
{
    QList<Entry> entries;
    const int count = settings.beginReadArray(Group);
    for (int i = 0; i < count; ++i) {
        settings.setArrayIndex(i);
        entries.append({settings.value(QStringLiteral("name")).toString(),
                        settings.value(QStringLiteral("conninfo")).toString()});
    }
    settings.endArray();
    return entries;
}

void writeAll(QSettings &settings, const QList<Entry> &entries)
{
    settings.remove(Group);
    settings.beginWriteArray(Group, int(entries.size()));
    for (int i = 0; i < entries.size(); ++i) {
        settings.setArrayIndex(i);
        settings.setValue(QStringLiteral("name"), entries.at(i).name);
        settings.setValue(QStringLiteral("conninfo"), entries.at(i).conninfo);
    }
    settings.endArray();
    settings.sync();
}

} // namespace

ProfileStore::ProfileStore()
    : m_settings(new QSettings())
    , m_owned(true)
{
}

ProfileStore::ProfileStore(QSettings *settings)
    : m_settings(settings)
    , m_owned(false)
{
}

ProfileStore::~ProfileStore()
{
    if (m_owned)
        delete m_settings;
}

QStringList ProfileStore::names() const
{
    QStringList out;
    for (const Entry &entry : readAll(*m_settings))
        out << entry.name;
    out.sort(Qt::CaseInsensitive);
    return out;
}

void ProfileStore::save(const QString &name, const ConnectionSettings &settings)
{
    QList<Entry> entries = readAll(*m_settings);
    const Entry entry{name, settings.toKeywordValue(ConnectionSettings::Password::Omit)};
    const int index = indexOf(*m_settings, name);
    if (index >= 0)
        entries[index] = entry;
    else
        entries.append(entry);
    writeAll(*m_settings, entries);
}

std::optional<ConnectionSettings> ProfileStore::load(const QString &name) const
{
    for (const Entry &entry : readAll(*m_settings)) {
        if (entry.name != name)
            continue;
        if (entry.conninfo.isEmpty())
            return ConnectionSettings();
        auto settings = ConnectionSettings::parse(entry.conninfo);
        if (settings)
            settings->setPassword(QString()); // even if someone edited one into the file
        return settings;
    }
    return std::nullopt;
}

void ProfileStore::remove(const QString &name)
{
    QList<Entry> entries = readAll(*m_settings);
    entries.removeIf([&name](const Entry &e) { return e.name == name; });
    writeAll(*m_settings, entries);
}

} // namespace pgshift::core
