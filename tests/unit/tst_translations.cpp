// The translation catalogs stay complete: lupdate is run over the sources into temporary copies
// of translations/*.ts, and every entry must be finished, keep its placeholders (%1, %n, %L1),
// keep a keyboard mnemonic where the source has one, and have the language's number of plural
// forms. The check itself is shown to fail on an unfinished entry, on a string only the
// sources have, and on a lost placeholder.
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

namespace {

const QStringList Languages {QStringLiteral("de"), QStringLiteral("es"), QStringLiteral("fr"),
                             QStringLiteral("ja")};

// One entry of a .ts file, as lupdate left it.
struct Entry
{
    QString context;
    QString source;
    QString type; // "", "unfinished", "vanished", "obsolete"
    bool numerus = false;
    QStringList forms; // the translation, or its plural forms
};

QList<Entry> readCatalog(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read %1").arg(path);
        return {};
    }
    QList<Entry> entries;
    QXmlStreamReader xml(&file);
    QString context;
    Entry entry;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isEndElement() && xml.name() == QLatin1String("translation") && entry.numerus)
            entries << entry;
        if (!xml.isStartElement())
            continue;
        const auto name = xml.name();
        if (name == QLatin1String("name")) {
            context = xml.readElementText();
        } else if (name == QLatin1String("message")) {
            entry = Entry {context,
                           {},
                           {},
                           xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes"),
                           {}};
        } else if (name == QLatin1String("source")) {
            entry.source = xml.readElementText();
        } else if (name == QLatin1String("translation")) {
            entry.type = xml.attributes().value(QLatin1String("type")).toString();
            if (!entry.numerus) {
                entry.forms << xml.readElementText();
                entries << entry;
            }
        } else if (name == QLatin1String("numerusform")) {
            entry.forms << xml.readElementText();
        }
    }
    if (xml.hasError())
        *error = QStringLiteral("%1: %2").arg(path, xml.errorString());
    return entries;
}

QStringList placeholders(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("%L?\\d+|%n"));
    QStringList found;
    for (auto it = pattern.globalMatch(text); it.hasNext();)
        found << it.next().captured();
    found.removeDuplicates();
    found.sort();
    return found;
}

bool hasMnemonic(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("&[^&\\s]"));
    return text.contains(pattern);
}

// What is wrong with a catalog: one line per entry, empty when complete.
QStringList problems(const QString &path, int pluralForms)
{
    QString error;
    const QList<Entry> entries = readCatalog(path, &error);
    if (!error.isEmpty())
        return {error};
    if (entries.isEmpty())
        return {QStringLiteral("%1 holds no entries").arg(path)};
    QStringList found;
    for (const Entry &e : entries) {
        const QString where = QStringLiteral("%1 \"%2\"").arg(e.context, e.source.left(60));
        if (e.type == QLatin1String("vanished") || e.type == QLatin1String("obsolete"))
            continue; // no longer in the sources: lupdate -no-obsolete drops these
        if (e.type == QLatin1String("unfinished")) {
            found << where + QStringLiteral(": unfinished");
            continue;
        }
        if (e.numerus && e.forms.size() != pluralForms) {
            found << where
                    + QStringLiteral(": %1 plural forms, the language has %2")
                          .arg(e.forms.size())
                          .arg(pluralForms);
            continue;
        }
        for (const QString &form : e.forms) {
            if (form.trimmed().isEmpty())
                found << where + QStringLiteral(": empty");
            else if (placeholders(form) != placeholders(e.source))
                found << where
                        + QStringLiteral(": placeholders %1, the source has %2")
                              .arg(placeholders(form).join(u' '),
                                   placeholders(e.source).join(u' '));
            else if (hasMnemonic(e.source) && !hasMnemonic(form))
                found << where + QStringLiteral(": the source's keyboard mnemonic (&) is missing");
        }
    }
    return found;
}

int pluralForms(const QString &language)
{
    return language == QLatin1String("ja") ? 1 : 2;
}

} // namespace

class TestTranslations : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void catalogIsComplete_data();
    void catalogIsComplete();
    void findsUnfinishedEntry();
    void findsStringOnlyInTheSources();
    void findsLostPlaceholder();

private:
    // Copies the committed catalogs into dir and runs lupdate over the sources (plus extra
    // source folders) into the copies, as scripts/update-translations.sh does in place.
    void refresh(const QString &dir, const QStringList &extraSources = {});
    QString catalog(const QString &dir, const QString &language) const
    {
        return dir + QStringLiteral("/pgshift_") + language + QStringLiteral(".ts");
    }

    QTemporaryDir m_refreshed;
};

void TestTranslations::refresh(const QString &dir, const QStringList &extraSources)
{
    const QString root = QStringLiteral(PGSHIFT_SOURCE_DIR);
    QStringList arguments {QStringLiteral("-silent"),    QStringLiteral("-no-obsolete"),
                           QStringLiteral("-locations"), QStringLiteral("none"),
                           QStringLiteral("-I"),         root,
                           QStringLiteral("-I"),         QStringLiteral(PGSHIFT_CORE_BUILD_DIR)};
    for (const char *folder : {"core", "widgets", "wizard", "app"})
        arguments << root + u'/' + QLatin1String(folder);
    arguments << extraSources << QStringLiteral("-ts");
    for (const QString &language : Languages) {
        const QString copy = catalog(dir, language);
        QFile::remove(copy);
        QVERIFY(QFile::copy(catalog(root + QStringLiteral("/translations"), language), copy));
        QVERIFY(QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner));
        arguments << copy;
    }
    QProcess lupdate;
    lupdate.setProcessChannelMode(QProcess::MergedChannels);
    lupdate.start(QStringLiteral(PGSHIFT_LUPDATE), arguments);
    QVERIFY2(lupdate.waitForFinished(120000), qPrintable(lupdate.errorString()));
    QVERIFY2(lupdate.exitStatus() == QProcess::NormalExit && lupdate.exitCode() == 0,
             lupdate.readAll().constData());
}

void TestTranslations::initTestCase()
{
    QVERIFY(m_refreshed.isValid());
    refresh(m_refreshed.path());
}

void TestTranslations::catalogIsComplete_data()
{
    QTest::addColumn<QString>("language");
    for (const QString &language : Languages)
        QTest::newRow(qPrintable(language)) << language;
}

void TestTranslations::catalogIsComplete()
{
    QFETCH(QString, language);
    const QStringList found
        = problems(catalog(m_refreshed.path(), language), pluralForms(language));
    QVERIFY2(found.isEmpty(),
             qPrintable(QStringLiteral("%1 entries of pgshift_%2.ts need work (run "
                                       "scripts/update-translations.sh, then translate):\n")
                            .arg(found.size())
                            .arg(language)
                        + found.mid(0, 20).join(u'\n')));
}

void TestTranslations::findsUnfinishedEntry()
{
    // The German catalog with one translation marked unfinished, as lupdate marks a changed source.
    QFile file(catalog(m_refreshed.path(), QStringLiteral("de")));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QString text = QString::fromUtf8(file.readAll());
    file.close();
    const qsizetype at = text.indexOf(QLatin1String("<translation>"));
    QVERIFY(at > 0);
    text.replace(at, qsizetype(sizeof("<translation>") - 1),
                 QStringLiteral("<translation type=\"unfinished\">"));
    QTemporaryDir dir;
    const QString edited = dir.filePath(QStringLiteral("pgshift_de.ts"));
    QFile out(edited);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(text.toUtf8());
    out.close();
    const QStringList found = problems(edited, 2);
    QCOMPARE(found.size(), 1);
    QVERIFY2(found.first().endsWith(QLatin1String(": unfinished")), qPrintable(found.first()));
}

void TestTranslations::findsStringOnlyInTheSources()
{
    // A source file with a text no catalog has yet: lupdate adds it unfinished to every catalog.
    QTemporaryDir dir;
    QDir(dir.path()).mkdir(QStringLiteral("probe"));
    QFile probe(dir.filePath(QStringLiteral("probe/probe.cpp")));
    QVERIFY(probe.open(QIODevice::WriteOnly));
    probe.write("#include <QCoreApplication>\n"
                "QString probe() { return QCoreApplication::translate(\"pgshift::Probe\", "
                "\"A text no catalog has yet\"); }\n");
    probe.close();
    refresh(dir.path(), {dir.filePath(QStringLiteral("probe"))});
    for (const QString &language : Languages) {
        const QStringList found = problems(catalog(dir.path(), language), pluralForms(language));
        QCOMPARE(found.size(), 1);
        QVERIFY2(found.first().startsWith(
                     QLatin1String("pgshift::Probe \"A text no catalog has yet\": unfinished")),
                 qPrintable(found.first()));
    }
}

void TestTranslations::findsLostPlaceholder()
{
    QFile file(catalog(m_refreshed.path(), QStringLiteral("fr")));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QString text = QString::fromUtf8(file.readAll());
    file.close();
    // "unknown command '%1'" translated without its placeholder.
    const QString before
        = QStringLiteral("<translation>commande inconnue &apos;%1&apos;</translation>");
    QVERIFY2(text.contains(before), "the French catalog no longer has this entry; pick another");
    text.replace(before, QStringLiteral("<translation>commande inconnue</translation>"));
    QTemporaryDir dir;
    QFile out(dir.filePath(QStringLiteral("pgshift_fr.ts")));
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(text.toUtf8());
    out.close();
    const QStringList found = problems(out.fileName(), 2);
    QCOMPARE(found.size(), 1);
    QVERIFY2(found.first().contains(QLatin1String("placeholders , the source has %1")),
             qPrintable(found.first()));
}

QTEST_GUILESS_MAIN(TestTranslations)
#include "tst_translations.moc"
