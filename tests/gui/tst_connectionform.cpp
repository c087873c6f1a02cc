// ConnectionForm on its own: pasting, presets, extra keywords, and every kind of bad input
// answered inline.
#include "widgets/connectionform.h"

#include <QAction>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace pgshift;

class TestConnectionForm : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void pasteUriFillsFields();
    void pasteKeyValueKeepsExtras();
    void pasteGarbageSaysWhyAndKeepsFields();
    void pasteErrorNeverShowsPassword();
    void presetFillsDefaultsAndAdvice();
    void hostDetectsProvider();
    void badInput_data();
    void badInput();
    void passwordToggle();
    void settingsRoundTrip();

private:
    QLineEdit *edit(widgets::ConnectionForm &form, const char *name)
    {
        return form.findChild<QLineEdit *>(QString::fromLatin1(name));
    }
    QString problemText(widgets::ConnectionForm &form)
    {
        auto *label = form.findChild<QLabel *>("problemLabel");
        return label->isVisibleTo(&form) ? label->text() : QString();
    }
};

void TestConnectionForm::init()
{
    for (const char *name : {"PGHOST", "PGSERVICE", "PGPORT", "PGUSER", "PGDATABASE"})
        qunsetenv(name);
}

void TestConnectionForm::pasteUriFillsFields()
{
    widgets::ConnectionForm form;
    form.show();
    QSignalSpy changed(&form, &widgets::ConnectionForm::settingsChanged);
    QLineEdit *paste = edit(form, "connectionStringEdit");
    QTest::keyClicks(paste, "postgresql://alice:s%20cret@ep-cool-1.us-east-2.aws.neon.tech:5433/neondb"
                            "?sslmode=require&channel_binding=require");
    QTest::keyClick(paste, Qt::Key_Return);
    QCOMPARE(edit(form, "hostEdit")->text(), QString("ep-cool-1.us-east-2.aws.neon.tech"));
    QCOMPARE(edit(form, "portEdit")->text(), QString("5433"));
    QCOMPARE(edit(form, "dbnameEdit")->text(), QString("neondb"));
    QCOMPARE(edit(form, "userEdit")->text(), QString("alice"));
    QCOMPARE(edit(form, "passwordEdit")->text(), QString("s cret"));
    QCOMPARE(edit(form, "passwordEdit")->echoMode(), QLineEdit::Password);
    QCOMPARE(form.findChild<QComboBox *>("sslmodeCombo")->currentData().toString(), QString("require"));
    QCOMPARE(form.findChild<QComboBox *>("channelBindingCombo")->currentData().toString(), QString("require"));
    QCOMPARE(form.providerId(), QString("neon"));
    QVERIFY(form.findChild<QLabel *>("adviceLabel")->text().contains("-pooler"));
    QVERIFY(paste->text().isEmpty()); // the pasted secret does not linger in the box
    QVERIFY(form.pasteMessage().startsWith("Filled in"));
    QVERIFY(form.problems().isEmpty());
    QVERIFY(changed.count() >= 1);
}

void TestConnectionForm::pasteKeyValueKeepsExtras()
{
    widgets::ConnectionForm form;
    QVERIFY(form.applyConnectionString(
        "host=db.internal dbname=app options='-c statement_timeout=0' target_session_attrs=read-write"));
    QVERIFY(form.pasteMessage().contains("options, target_session_attrs"));
    const auto settings = form.settings();
    QCOMPARE(settings.value("options"), QString("-c statement_timeout=0"));
    QCOMPARE(settings.value("target_session_attrs"), QString("read-write"));
    QCOMPARE(settings.host(), QString("db.internal"));
}

void TestConnectionForm::pasteGarbageSaysWhyAndKeepsFields()
{
    widgets::ConnectionForm form;
    QVERIFY(form.applyConnectionString("host=keep.me dbname=app"));
    for (const QString &garbage : {QString("this is not a connection string"),
                                   QString("postgresql://h/db?nosuch=1"),
                                   QString("postgresql://[::1/db"),
                                   QString("host='unterminated")}) {
        QVERIFY(!form.applyConnectionString(garbage));
        QVERIFY2(form.pasteMessage().startsWith("Not a valid connection string"), qPrintable(form.pasteMessage()));
        QCOMPARE(edit(form, "hostEdit")->text(), QString("keep.me"));
    }
}

void TestConnectionForm::pasteErrorNeverShowsPassword()
{
    widgets::ConnectionForm form;
    QVERIFY(!form.applyConnectionString("postgresql://u:Very%zzSecret@h/db"));
    QVERIFY(!form.pasteMessage().contains("Secret"));
    QVERIFY(!form.applyConnectionString("host=h password='Very Secret"));
    QVERIFY(!form.pasteMessage().contains("Secret"));
}

void TestConnectionForm::presetFillsDefaultsAndAdvice()
{
    widgets::ConnectionForm form;
    edit(form, "userEdit")->setText("mine");
    form.setProvider("supabase");
    QCOMPARE(form.providerId(), QString("supabase"));
    QCOMPARE(edit(form, "dbnameEdit")->text(), QString("postgres"));
    QCOMPARE(edit(form, "userEdit")->text(), QString("mine")); // never overwrites what was typed
    QCOMPARE(form.findChild<QComboBox *>("sslmodeCombo")->currentData().toString(), QString("require"));
    QVERIFY(form.findChild<QLabel *>("adviceLabel")->text().contains("6543"));
    QCOMPARE(edit(form, "hostEdit")->placeholderText(), QString("db.abcdefghijklmnop.supabase.co"));

    form.setProvider("planetscale");
    QVERIFY(form.findChild<QLabel *>("adviceLabel")->text().contains("pg_create_subscription"));
}

void TestConnectionForm::hostDetectsProvider()
{
    widgets::ConnectionForm form;
    form.show();
    QLineEdit *host = edit(form, "hostEdit");
    host->setFocus();
    QTest::keyClicks(host, "app.cluster-abc.eu-west-1.rds.amazonaws.com");
    QTest::keyClick(host, Qt::Key_Return); // ends editing, as leaving the field does
    QCOMPARE(form.providerId(), QString("aurora"));
}

void TestConnectionForm::badInput_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("message");
    QTest::newRow("empty host") << "hostEdit" << "" << "No host given";
    QTest::newRow("blank host") << "hostEdit" << "   " << "No host given";
    QTest::newRow("port 0") << "portEdit" << "0" << "from 1 to 65535, not \"0\"";
    QTest::newRow("port 70000") << "portEdit" << "70000" << "not \"70000\"";
    QTest::newRow("port abc") << "portEdit" << "abc" << "not \"abc\"";
    QTest::newRow("missing root cert") << "sslrootcertEdit" << "/nonexistent/ca.pem" << "/nonexistent/ca.pem does not exist";
    QTest::newRow("unknown sslmode") << "paste" << "host=h sslmode=bogus" << "sslmode \"bogus\" is not one of";
    QTest::newRow("unknown channel binding") << "paste" << "host=h channel_binding=sometimes" << "channel_binding \"sometimes\"";
}

void TestConnectionForm::badInput()
{
    QFETCH(QString, field);
    QFETCH(QString, value);
    QFETCH(QString, message);
    widgets::ConnectionForm form;
    form.show();
    QVERIFY(form.applyConnectionString("host=db.example.com port=5432 dbname=app"));
    QVERIFY(form.problems().isEmpty());
    QVERIFY(problemText(form).isEmpty());
    if (field == "paste")
        QVERIFY(form.applyConnectionString(value));
    else
        edit(form, field.toLatin1().constData())->setText(value);
    QVERIFY2(problemText(form).contains(message), qPrintable(problemText(form)));
    QCOMPARE(form.problems().size(), 1);
}

void TestConnectionForm::passwordToggle()
{
    widgets::ConnectionForm form;
    QLineEdit *password = edit(form, "passwordEdit");
    auto *toggle = password->findChild<QAction *>("showPasswordAction");
    QVERIFY(toggle);
    QCOMPARE(password->echoMode(), QLineEdit::Password);
    toggle->trigger();
    QCOMPARE(password->echoMode(), QLineEdit::Normal);
    toggle->trigger();
    QCOMPARE(password->echoMode(), QLineEdit::Password);
}

void TestConnectionForm::settingsRoundTrip()
{
    widgets::ConnectionForm form;
    const auto original = core::ConnectionSettings::parse(
        "host=a,b port=5432,5433 dbname=x user=y password=z sslmode=verify-ca "
        "sslrootcert=system channel_binding=disable service=svc application_name=me");
    QVERIFY(original);
    form.setSettings(*original);
    QVERIFY(form.settings() == *original);
}

QTEST_MAIN(TestConnectionForm)
#include "tst_connectionform.moc"
