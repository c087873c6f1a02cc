#include "widgets/passwordkeychain.h"

#if PGSHIFT_HAVE_QTKEYCHAIN
#include <qt6keychain/keychain.h>
#endif

namespace pgshift::widgets {
namespace {

#if PGSHIFT_HAVE_QTKEYCHAIN
const QString Service = QStringLiteral("pgshift");
#endif

} // namespace

bool PasswordKeychain::isAvailable()
{
    return PGSHIFT_HAVE_QTKEYCHAIN;
}

PasswordKeychain::PasswordKeychain(QObject *parent)
    : QObject(parent)
{
}

void PasswordKeychain::store(const QString &account, const QString &password)
{
#if PGSHIFT_HAVE_QTKEYCHAIN
    auto *job = new QKeychain::WritePasswordJob(Service, this);
    job->setKey(account);
    job->setTextData(password);
    connect(job, &QKeychain::Job::finished, this, [this, account](QKeychain::Job *done) {
        emit stored(account, done->error() == QKeychain::NoError ? QString() : done->errorString());
    });
    job->start();
#else
    Q_UNUSED(password)
    emit stored(account, tr("pgshift was built without keychain support."));
#endif
}

void PasswordKeychain::fetch(const QString &account)
{
#if PGSHIFT_HAVE_QTKEYCHAIN
    auto *job = new QKeychain::ReadPasswordJob(Service, this);
    job->setKey(account);
    connect(job, &QKeychain::Job::finished, this, [this, account](QKeychain::Job *done) {
        auto *read = static_cast<QKeychain::ReadPasswordJob *>(done);
        if (done->error() == QKeychain::NoError)
            emit fetched(account, read->textData(), QString());
        else
            emit fetched(account, QString(), done->errorString());
    });
    job->start();
#else
    emit fetched(account, QString(), tr("pgshift was built without keychain support."));
#endif
}

void PasswordKeychain::remove(const QString &account)
{
#if PGSHIFT_HAVE_QTKEYCHAIN
    auto *job = new QKeychain::DeletePasswordJob(Service, this);
    job->setKey(account);
    job->start();
#else
    Q_UNUSED(account)
#endif
}

} // namespace pgshift::widgets
