// Connection profiles: saved, listed, loaded, deleted, and never with a password.
#include "core/pg/profilestore.h"

#include <QFile>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace pgshift::core;

class TestProfileStore : public QObject
{
    Q_OBJECT

private slots:
    void saveLoadDelete();
    void passwordNeverWritten();
    void namesWithAnyCharacters();
    void unknownProfile();
};

namespace {

ConnectionSettings sample(const QString &password)
{
    auto s = ConnectionSettings::parse("host=db.example.com port=6432 dbname='my app' user=alice "
                                       "sslmode=verify-full options='-c x=1'");
    s->setPassword(password);
    return *s;
}

} // namespace

void TestProfileStore::saveLoadDelete()
{
    QTemporaryDir dir;
    QSettings settings(dir.filePath("p.ini"), QSettings::IniFormat);
    ProfileStore store(&settings);
    QVERIFY(store.names().isEmpty());
    store.save("prod", sample("pw1"));
    store.save("Staging", sample("pw2"));
    QCOMPARE(store.names(), (QStringList{"prod", "Staging"}));
    auto loaded = store.load("prod");
    QVERIFY(loaded);
    ConnectionSettings expected = sample(QString());
    QVERIFY(*loaded == expected);
    QVERIFY(loaded->password().isEmpty());

    ConnectionSettings changed = sample("pw3");
    changed.setPort(7000);
    store.save("prod", changed);
    QCOMPARE(store.names().size(), 2);
    QCOMPARE(store.load("prod")->port(), QString("7000"));

    store.remove("prod");
    QCOMPARE(store.names(), QStringList{"Staging"});
    QVERIFY(!store.load("prod"));
}

void TestProfileStore::passwordNeverWritten()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("p.ini");
    const QString secret = QString::fromUtf8("Pr0file-S3cret ünï");
    {
        QSettings settings(path, QSettings::IniFormat);
        ProfileStore store(&settings);
        store.save("one", sample(secret));
        store.save("two", sample(secret));
    }
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray text = file.readAll();
    QVERIFY(text.contains("db.example.com")); // the file really holds the profiles
    QVERIFY(!text.contains("Pr0file-S3cret"));
    QVERIFY(!text.contains("password"));

    // A password edited into the file by hand is not handed out either.
    QSettings settings(path, QSettings::IniFormat);
    settings.beginWriteArray("connectionProfiles");
    settings.setArrayIndex(0);
    settings.setValue("conninfo", "host=h password=handwritten");
    settings.endArray();
    ProfileStore store(&settings);
    QVERIFY(store.load("one")->password().isEmpty());
}

void TestProfileStore::namesWithAnyCharacters()
{
    QTemporaryDir dir;
    QSettings settings(dir.filePath("p.ini"), QSettings::IniFormat);
    ProfileStore store(&settings);
    const QString name = QString::fromUtf8("prod/eu [primary] = ünïcødé \"quoted\"");
    store.save(name, sample(QString()));
    QCOMPARE(store.names(), QStringList{name});
    QVERIFY(store.load(name));
}

void TestProfileStore::unknownProfile()
{
    QTemporaryDir dir;
    QSettings settings(dir.filePath("p.ini"), QSettings::IniFormat);
    ProfileStore store(&settings);
    QVERIFY(!store.load("nope"));
    store.remove("nope"); // harmless
    QVERIFY(store.names().isEmpty());
}

QTEST_GUILESS_MAIN(TestProfileStore)
#include "tst_profilestore.moc"
