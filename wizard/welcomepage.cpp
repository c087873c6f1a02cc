#include "wizard/welcomepage.h"

#include "wizard/migrationwizard.h"

#include <QFrame>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace pgshift::wizard {
namespace {

QLabel *wrappingLabel(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    label->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    return label;
}

QLabel *headerLabel(const QString &text, QWidget *parent)
{
    auto *label = wrappingLabel(text, parent);
    QFont font = label->font();
    font.setBold(true);
    label->setFont(font);
    return label;
}

} // namespace

WelcomePage::WelcomePage(QWidget *parent)
    : QWizardPage(parent)
{
    setObjectName(QStringLiteral("welcomePage"));
    setTitle(tr("Welcome to pgshift"));
    setSubTitle(tr("Move a PostgreSQL database to another PostgreSQL server, one checked step "
                   "at a time."));
    auto *layout = new QVBoxLayout(this);
    layout->setSpacing(12);
    setupIntro();
    setupMethods();
    auto *sandbox = new QPushButton(tr("Try it on a &sandbox"), this);
    sandbox->setObjectName(QStringLiteral("sandboxButton"));
    sandbox->setToolTip(tr("Starts two throwaway PostgreSQL servers on this computer, a source with a sample shop and an "
                           "empty target, and fills in both connections. They are deleted when pgshift closes."));
    connect(sandbox, &QPushButton::clicked, this, [this, sandbox] {
        if (auto *w = qobject_cast<MigrationWizard *>(wizard())) {
            sandbox->setEnabled(false);
            w->startSandbox();
        }
    });
    auto *row = new QHBoxLayout;
    row->addWidget(wrappingLabel(tr("No servers at hand? Try the whole flow on two local throwaway servers:"), this), 1);
    row->addWidget(sandbox);
    layout->addLayout(row);
    layout->addStretch(1);
}

void WelcomePage::setupIntro()
{
    auto *intro = wrappingLabel(
        tr("pgshift copies a database from Amazon Aurora or RDS, Neon, Supabase, Google Cloud SQL "
           "or your own server to PlanetScale Postgres or any PostgreSQL 10 or newer server."),
        this);
    intro->setObjectName(QStringLiteral("introLabel"));
    auto *steps = wrappingLabel(
        tr("1. Connect to the source and the target and test both connections.\n"
           "2. Check every prerequisite; each finding comes with its fix.\n"
           "3. Copy the data with the method that fits your downtime budget, watching progress "
           "live.\n"
           "4. Cut over: stop writes, catch up, move sequences ahead, validate, switch.\n"
           "Every SQL statement is shown before it runs and written to the log."),
        this);
    steps->setObjectName(QStringLiteral("stepsLabel"));
    layout()->addWidget(intro);
    layout()->addWidget(steps);
}

void WelcomePage::setupMethods()
{
    auto *frame = new QFrame(this);
    frame->setObjectName(QStringLiteral("methodsTable"));
    frame->setFrameShape(QFrame::StyledPanel);
    auto *grid = new QGridLayout(frame);
    grid->setHorizontalSpacing(16);
    grid->setVerticalSpacing(8);
    grid->addWidget(headerLabel(tr("Method"), frame), 0, 0);
    grid->addWidget(headerLabel(tr("Write downtime"), frame), 0, 1);
    grid->addWidget(headerLabel(tr("Best for"), frame), 0, 2);
    grid->addWidget(headerLabel(tr("How it works"), frame), 0, 3);
    addMethodRow(grid, 1, tr("Dump and restore"), tr("The whole copy"),
                 tr("Databases that can take a maintenance window"),
                 tr("Schema and data copied in parallel from one consistent snapshot, then "
                    "indexes and constraints, then a row-count check."));
    addMethodRow(grid, 2, tr("Logical replication"), tr("Seconds, at cutover"),
                 tr("Production databases that must stay online"),
                 tr("The target subscribes to the source and stays in sync until you cut over. "
                    "Needs wal_level = logical on the source."));
    addMethodRow(grid, 3, tr("AWS DMS assisted"), tr("Seconds to minutes"),
                 tr("Teams already running AWS Database Migration Service"),
                 tr("pgshift prepares the schema and the DMS task files, then does what DMS "
                    "leaves undone: foreign keys, sequences, validation."));
    grid->setColumnStretch(3, 1);
    layout()->addWidget(headerLabel(tr("Three ways to migrate"), this));
    layout()->addWidget(frame);
}

void WelcomePage::addMethodRow(QGridLayout *grid, int row, const QString &name,
                               const QString &downtime, const QString &bestFor, const QString &how)
{
    QWidget *parent = grid->parentWidget();
    auto *nameLabel = headerLabel(name, parent);
    nameLabel->setObjectName(QStringLiteral("method%1").arg(row));
    grid->addWidget(nameLabel, row, 0);
    grid->addWidget(wrappingLabel(downtime, parent), row, 1);
    grid->addWidget(wrappingLabel(bestFor, parent), row, 2);
    grid->addWidget(wrappingLabel(how, parent), row, 3);
}

} // namespace pgshift::wizard
