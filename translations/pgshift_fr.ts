<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>pgshift::app::CheckCommand</name>
    <message>
        <source>Checks every prerequisite of a migration and prints the findings with their fixes. Exit status: 0 no blocker, 1 blockers found, 2 the checks could not run.</source>
        <translation>Vérifie tous les prérequis d&apos;une migration et affiche les constats avec leurs corrections. Code de sortie : 0 aucun bloquant, 1 bloquants trouvés, 2 les vérifications n&apos;ont pas pu s&apos;exécuter.</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>Afficher cette aide.</translation>
    </message>
    <message>
        <source>dump, logical or dms (default: logical).</source>
        <translation>dump, logical ou dms (par défaut : logical).</translation>
    </message>
    <message>
        <source>text, json or markdown.</source>
        <translation>text, json ou markdown.</translation>
    </message>
    <message>
        <source>--method must be dump, logical or dms, not &apos;%1&apos;</source>
        <translation>--method doit valoir dump, logical ou dms, pas &apos;%1&apos;</translation>
    </message>
    <message>
        <source>--format must be text, json or markdown, not &apos;%1&apos;</source>
        <translation>--format doit valoir text, json ou markdown, pas &apos;%1&apos;</translation>
    </message>
    <message>
        <source>the checks could not run: %1</source>
        <translation>les vérifications n&apos;ont pas pu s&apos;exécuter : %1</translation>
    </message>
</context>
<context>
    <name>pgshift::app::ChecklistOptions</name>
    <message>
        <source>Make these roles read-only in the source database and end their sessions.</source>
        <translation>Mettre ces rôles en lecture seule dans la base source et terminer leurs sessions.</translation>
    </message>
    <message>
        <source>Make the whole source database read-only and end every other session.</source>
        <translation>Mettre toute la base source en lecture seule et terminer toutes les autres sessions.</translation>
    </message>
    <message>
        <source>Run the checklist with writes stopped by you (the application is stopped); pgshift blocks nothing.</source>
        <translation>Exécuter la checklist avec les écritures arrêtées par vous (l&apos;application est arrêtée) ; pgshift ne bloque rien.</translation>
    </message>
    <message>
        <source>Sequence margin in increments (default 10000).</source>
        <translation>Marge des séquences en incréments (par défaut 10000).</translation>
    </message>
    <message>
        <source>Validate with a checksum of every table&apos;s rows as well as exact row counts (reads every row twice).</source>
        <translation>Valider par une somme de contrôle des lignes de chaque table en plus des nombres exacts de lignes (lit chaque ligne deux fois).</translation>
    </message>
    <message>
        <source>give one of --block-writes, --block-database and --writes-stopped</source>
        <translation>indiquez une option parmi --block-writes, --block-database et --writes-stopped</translation>
    </message>
    <message>
        <source>give --block-writes or --block-database, not both</source>
        <translation>indiquez --block-writes ou --block-database, pas les deux</translation>
    </message>
    <message>
        <source>--block-writes needs at least one role</source>
        <translation>--block-writes demande au moins un rôle</translation>
    </message>
    <message>
        <source>--margin must be a whole number of increments, 0 or more, not &apos;%1&apos;</source>
        <translation>--margin doit être un nombre entier d&apos;incréments, 0 ou plus, pas &apos;%1&apos;</translation>
    </message>
    <message>
        <source>--margin and --checksums belong to the checklist: add --writes-stopped, --block-writes or --block-database</source>
        <translation>--margin et --checksums appartiennent à la checklist : ajoutez --writes-stopped, --block-writes ou --block-database</translation>
    </message>
    <message>
        <source>Checklist:</source>
        <translation>Checklist :</translation>
    </message>
    <message>
        <source>Sessions the write block ends now:</source>
        <translation>Sessions que le blocage des écritures termine maintenant :</translation>
    </message>
    <message>
        <source>Copy complete and every checklist step done. Write downtime: %1 s.</source>
        <translation>Copie terminée et chaque étape de la checklist faite. Interruption des écritures : %1 s.</translation>
    </message>
    <message>
        <source>Cutover complete. Write downtime: %1 s.</source>
        <translation>Bascule terminée. Interruption des écritures : %1 s.</translation>
    </message>
    <message>
        <source>Point the application at the target (its password as before):</source>
        <translation>Faites pointer l&apos;application vers la cible (son mot de passe comme avant) :</translation>
    </message>
    <message>
        <source>The source stays read-only for what was blocked; pgshift cutover --reenable-writes with the same --block-* option and endpoints lifts it.</source>
        <translation>La source reste en lecture seule pour ce qui a été bloqué ; pgshift cutover --reenable-writes avec la même option --block-* et les mêmes points de connexion lève le blocage.</translation>
    </message>
    <message>
        <source>pgshift %1 FAILED: %2</source>
        <translation>pgshift %1 a ÉCHOUÉ : %2</translation>
    </message>
    <message>
        <source>Writes are allowed again on the source.</source>
        <translation>Les écritures sont de nouveau permises sur la source.</translation>
    </message>
    <message>
        <source>Writes are allowed again on the source; replication is still running.</source>
        <translation>Les écritures sont de nouveau permises sur la source ; la réplication continue.</translation>
    </message>
    <message>
        <source>Re-enabling writes failed: %1</source>
        <translation>La réactivation des écritures a échoué : %1</translation>
    </message>
</context>
<context>
    <name>pgshift::app::Command</name>
    <message>
        <source>Test the source and/or target connection</source>
        <translation>Tester la connexion source et/ou cible</translation>
    </message>
    <message>
        <source>Check every prerequisite of a migration, with fixes</source>
        <translation>Vérifier tous les prérequis d&apos;une migration, avec les corrections</translation>
    </message>
    <message>
        <source>Copy the database, or some schemas and tables (dump and restore)</source>
        <translation>Copier la base, ou certains schémas et tables (dump et restauration)</translation>
    </message>
    <message>
        <source>Logical replication: start it, follow its status, clean it up</source>
        <translation>Réplication logique : la démarrer, suivre son état, la nettoyer</translation>
    </message>
    <message>
        <source>Move the target&apos;s sequences ahead of the source&apos;s (print, or --apply)</source>
        <translation>Placer les séquences de la cible devant celles de la source (afficher, ou --apply)</translation>
    </message>
    <message>
        <source>Cut over a logical replication: stop writes, catch up, sequences, validate, end it</source>
        <translation>Basculer une réplication logique : arrêter les écritures, rattraper, séquences, valider, la terminer</translation>
    </message>
    <message>
        <source>Two throwaway local servers with a sample shop, to try pgshift on</source>
        <translation>Deux serveurs locaux jetables avec une boutique d&apos;exemple, pour essayer pgshift</translation>
    </message>
    <message>
        <source>AWS DMS, schema first: plan (schema, task files) and finish (keys, sequences, counts)</source>
        <translation>AWS DMS, schéma d&apos;abord : plan (schéma, fichiers de tâche) et finish (clés, séquences, comptages)</translation>
    </message>
    <message>
        <source>unexpected argument &apos;%1&apos;</source>
        <translation>argument inattendu &apos;%1&apos;</translation>
    </message>
</context>
<context>
    <name>pgshift::app::CommandLine</name>
    <message>
        <source>unknown command &apos;%1&apos;</source>
        <translation>commande inconnue &apos;%1&apos;</translation>
    </message>
    <message>
        <source>
Commands:
</source>
        <translation>
Commandes :
</translation>
    </message>
    <message>
        <source>
Run &apos;pgshift COMMAND --help&apos; for a command&apos;s options.
</source>
        <translation>
&apos;pgshift COMMANDE --help&apos; donne les options d&apos;une commande.
</translation>
    </message>
    <message>
        <source>
Exit status: 0 success, 1 the operation failed, 2 bad usage.
</source>
        <translation>
Code de sortie : 0 succès, 1 l&apos;opération a échoué, 2 mauvaise utilisation.
</translation>
    </message>
    <message>
        <source>demo takes no arguments</source>
        <translation>demo ne prend pas d&apos;arguments</translation>
    </message>
    <message>
        <source>unknown language &apos;%1&apos;: pgshift speaks %2</source>
        <translation>langue inconnue &apos;%1&apos; : pgshift parle %2</translation>
    </message>
    <message>
        <source>Usage: pgshift [--verbose] [COMMAND [OPTIONS]]

Moves a PostgreSQL database to another PostgreSQL server by dump and restore,
by logical replication, or with AWS DMS.
Without a command, pgshift opens the migration wizard; &apos;pgshift demo&apos; opens it
on a sandbox: two throwaway local servers, deleted when the wizard closes.

Options:
  -h, --help     Show this help and exit.
  -v, --version  Show pgshift&apos;s version and exit.
  --verbose      Also write log lines to standard error.
  --lang CODE    Speak this language (de, en, es, fr, ja) instead of the system&apos;s.
</source>
        <translation>Usage : pgshift [--verbose] [COMMANDE [OPTIONS]]

Déplace une base PostgreSQL vers un autre serveur PostgreSQL par dump et restauration,
par réplication logique, ou avec AWS DMS.
Sans commande, pgshift ouvre l&apos;assistant de migration ; &apos;pgshift demo&apos; l&apos;ouvre
sur un bac à sable : deux serveurs locaux jetables, supprimés à la fermeture de l&apos;assistant.

Options :
  -h, --help     Afficher cette aide et quitter.
  -v, --version  Afficher la version de pgshift et quitter.
  --verbose      Écrire aussi les lignes du journal sur la sortie d&apos;erreur.
  --lang CODE    Parler cette langue (de, en, es, fr, ja) au lieu de celle du système.
</translation>
    </message>
    <message>
        <source>Run &apos;pgshift --help&apos; for usage.</source>
        <translation>&apos;pgshift --help&apos; donne l&apos;usage.</translation>
    </message>
</context>
<context>
    <name>pgshift::app::ConnectionOptions</name>
    <message>
        <source>The source database: a URI, key=value string or service=NAME (default: $PGSHIFT_SOURCE).</source>
        <translation>La base source : une URI, une chaîne key=value ou service=NOM (par défaut : $PGSHIFT_SOURCE).</translation>
    </message>
    <message>
        <source>The target database: a URI, key=value string or service=NAME (default: $PGSHIFT_TARGET).</source>
        <translation>La base cible : une URI, une chaîne key=value ou service=NOM (par défaut : $PGSHIFT_TARGET).</translation>
    </message>
    <message>
        <source>source</source>
        <translation>source</translation>
    </message>
    <message>
        <source>target</source>
        <translation>cible</translation>
    </message>
    <message>
        <source>--%1 is empty</source>
        <translation>--%1 est vide</translation>
    </message>
    <message>
        <source>%1 connection: %2</source>
        <translation>connexion %1 : %2</translation>
    </message>
    <message>
        <source>pgshift: warning: the %1 password is on the command line, where other users of this computer can see it (ps). Prefer ~/.pgpass, PGPASSWORD, or leave it out to be asked.</source>
        <translation>pgshift : attention : le mot de passe de la %1 est sur la ligne de commande, où les autres utilisateurs de cet ordinateur peuvent le voir (ps). Préférez ~/.pgpass, PGPASSWORD, ou omettez-le pour qu&apos;il soit demandé.</translation>
    </message>
    <message>
        <source>Password for %1 (%2): </source>
        <translation>Mot de passe pour %1 (%2) : </translation>
    </message>
    <message>
        <source>give --source and --target (or set PGSHIFT_SOURCE and PGSHIFT_TARGET)</source>
        <translation>indiquez --source et --target (ou définissez PGSHIFT_SOURCE et PGSHIFT_TARGET)</translation>
    </message>
    <message>
        <source>cannot connect to the %1 (%2): %3
%4</source>
        <translation>impossible de se connecter à la %1 (%2) : %3
%4</translation>
    </message>
    <message>
        <source>give --source and --target (or set PGSHIFT_SOURCE and PGSHIFT_TARGET); no replication started by pgshift is saved to fall back on</source>
        <translation>indiquez --source et --target (ou définissez PGSHIFT_SOURCE et PGSHIFT_TARGET) ; aucune réplication démarrée par pgshift n&apos;est enregistrée pour s&apos;y rabattre</translation>
    </message>
    <message>
        <source>give --source and --target; the saved replication cannot be read: %1</source>
        <translation>indiquez --source et --target ; la réplication enregistrée ne peut pas être lue : %1</translation>
    </message>
    <message>
        <source>Following the replication pgshift started %1: %2 -&gt; %3 (saved in %4)</source>
        <translation>Suivi de la réplication démarrée par pgshift %1 : %2 -&gt; %3 (enregistrée dans %4)</translation>
    </message>
</context>
<context>
    <name>pgshift::app::CopyCommand</name>
    <message>
        <source>Show this help.</source>
        <translation>Afficher cette aide.</translation>
    </message>
    <message>
        <source>Do not ask for confirmation.</source>
        <translation>Ne pas demander de confirmation.</translation>
    </message>
    <message>
        <source>--jobs must be a number from 1 to 64, not &apos;%1&apos;</source>
        <translation>--jobs doit être un nombre de 1 à 64, pas &apos;%1&apos;</translation>
    </message>
    <message>
        <source>not on a terminal: add --yes to copy without confirmation</source>
        <translation>pas de terminal : ajoutez --yes pour copier sans confirmation</translation>
    </message>
    <message>
        <source>The copy did NOT complete:</source>
        <translation>La copie ne s&apos;est PAS terminée :</translation>
    </message>
    <message numerus="yes">
        <source>%n table(s)</source>
        <translation>
            <numerusform>%n table</numerusform>
            <numerusform>%n tables</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n sequence(s)</source>
        <translation>
            <numerusform>%n séquence</numerusform>
            <numerusform>%n séquences</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n large object(s)</source>
        <translation>
            <numerusform>%n large object</numerusform>
            <numerusform>%n large objects</numerusform>
        </translation>
    </message>
    <message>
        <source>Copy %1 of %2
  to %3?
This creates the schema and the data on the target. [y/N] </source>
        <translation>Copier %1 de %2
  vers %3 ?
Cela crée le schéma et les données sur la cible. [y/N] </translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation>%1/s</translation>
    </message>
    <message>
        <source>ETA %1:%2</source>
        <translation>Reste %1:%2</translation>
    </message>
    <message>
        <source>%1 of %2 tables done</source>
        <translation>%1 tables sur %2 terminées</translation>
    </message>
    <message>
        <source>The copy was cancelled and did NOT complete.</source>
        <translation>La copie a été annulée et ne s&apos;est PAS terminée.</translation>
    </message>
    <message>
        <source>It left these objects on the target:</source>
        <translation>Elle a laissé ces objets sur la cible :</translation>
    </message>
    <message>
        <source>To remove them, run this SQL on the target:</source>
        <translation>Pour les supprimer, exécutez ce SQL sur la cible :</translation>
    </message>
    <message>
        <source>Copied %1 (%2 rows, %3), %4 and %5 in %6 s; every table&apos;s row count matches on both sides.</source>
        <translation>%1 copié (%2 lignes, %3), %4 et %5 en %6 s ; le nombre de lignes de chaque table est identique des deux côtés.</translation>
    </message>
    <message>
        <source>The archive is in %1.</source>
        <translation>L&apos;archive est dans %1.</translation>
    </message>
    <message>
        <source>Parallel workers (default %1: one per core, 2 to 8).</source>
        <translation>Workers parallèles (par défaut %1 : un par cœur, 2 à 8).</translation>
    </message>
    <message>
        <source>stream (default): rows streamed server to server; pg_dump: pg_dump -Fd -j N into --archive-dir, then pg_restore -j N.</source>
        <translation>stream (par défaut) : les lignes passent de serveur à serveur ; pg_dump : pg_dump -Fd -j N dans --archive-dir, puis pg_restore -j N.</translation>
    </message>
    <message>
        <source>Folder for the pg_dump engine&apos;s archive, kept afterwards; must be new or empty.</source>
        <translation>Dossier de l&apos;archive du moteur pg_dump, conservé ensuite ; doit être nouveau ou vide.</translation>
    </message>
    <message>
        <source>Copy this schema (repeatable). Quote names with capitals or dots: &apos;&quot;Sales&quot;&apos;.</source>
        <translation>Copier ce schéma (répétable). Mettez entre guillemets les noms avec majuscules ou points : &apos;&quot;Sales&quot;&apos;.</translation>
    </message>
    <message>
        <source>Copy this table, as table or schema.table (repeatable); partitions of a partitioned table come with it. Its schema&apos;s types and functions must exist on the target.</source>
        <translation>Copier cette table, sous la forme table ou schéma.table (répétable) ; les partitions d&apos;une table partitionnée viennent avec. Les types et fonctions de son schéma doivent exister sur la cible.</translation>
    </message>
    <message>
        <source>--engine must be stream or pg_dump, not &apos;%1&apos;</source>
        <translation>--engine doit valoir stream ou pg_dump, pas &apos;%1&apos;</translation>
    </message>
    <message>
        <source>--engine pg_dump needs --archive-dir DIR for the archive</source>
        <translation>--engine pg_dump demande --archive-dir DIR pour l&apos;archive</translation>
    </message>
    <message>
        <source>--archive-dir goes with --engine pg_dump</source>
        <translation>--archive-dir va avec --engine pg_dump</translation>
    </message>
    <message>
        <source>Cancelling...</source>
        <translation>Annulation...</translation>
    </message>
    <message>
        <source>Copies the source database, or some of its schemas and tables, to the target: schema, data (in parallel, from one consistent snapshot), indexes and constraints, sequences, large objects, then compares every table&apos;s exact row count on both sides. Stop writes to the source first, or let pgshift run the short cutover checklist around the copy: writes stopped (--writes-stopped, --block-writes or --block-database), the copy, sequences moved ahead, row counts (and with --checksums row checksums) compared, the target&apos;s connection string; a failure re-enables writes. Ctrl+C cancels and lists what was created on the target, with the SQL that drops it. Exit status: 0 the copy and its verification succeeded, 1 they did not, 2 bad usage.</source>
        <translation>Copie la base source, ou certains de ses schémas et tables, vers la cible : schéma, données (en parallèle, depuis un snapshot cohérent), index et contraintes, séquences, large objects, puis compare le nombre exact de lignes de chaque table des deux côtés. Arrêtez d&apos;abord les écritures sur la source, ou laissez pgshift exécuter la courte checklist de bascule autour de la copie : écritures arrêtées (--writes-stopped, --block-writes ou --block-database), la copie, séquences avancées, nombres de lignes (et avec --checksums sommes de contrôle des lignes) comparés, la chaîne de connexion de la cible ; un échec réactive les écritures. Ctrl+C annule et liste ce qui a été créé sur la cible, avec le SQL qui le supprime. Code de sortie : 0 la copie et sa vérification ont réussi, 1 non, 2 mauvaise utilisation.</translation>
    </message>
</context>
<context>
    <name>pgshift::app::CutoverCommand</name>
    <message>
        <source>Cut over a running logical replication: pre-checks, stop writes on the source, catch up, move the sequences ahead, compare exact row counts, end replication, and print the target&apos;s connection string. It stops at the first failure and re-enables writes on the source, replication still running. After a success the write block stays (pgshift cutover --reenable-writes lifts it).
Without --block-writes or --block-database you confirm that the application is stopped.
Without --source/--target it follows the replication pgshift saved.
Exit status: 0 every step succeeded, 1 a step failed, 2 bad usage.</source>
        <translation>Bascule une réplication logique en cours : vérifications préalables, arrêt des écritures sur la source, rattrapage, séquences avancées, comparaison des nombres exacts de lignes, fin de la réplication, puis affichage de la chaîne de connexion de la cible. Il s&apos;arrête au premier échec et réactive les écritures sur la source, la réplication continuant. Après un succès, le blocage des écritures reste (pgshift cutover --reenable-writes le lève).
Sans --block-writes ni --block-database, vous confirmez que l&apos;application est arrêtée.
Sans --source/--target, il suit la réplication enregistrée par pgshift.
Code de sortie : 0 chaque étape a réussi, 1 une étape a échoué, 2 mauvaise utilisation.</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>Afficher cette aide.</translation>
    </message>
    <message>
        <source>Seconds to wait for the catch-up (default 300).</source>
        <translation>Secondes d&apos;attente du rattrapage (par défaut 300).</translation>
    </message>
    <message>
        <source>Lag in bytes the pre-checks accept (default 1 MiB).</source>
        <translation>Retard en octets accepté par les vérifications préalables (par défaut 1 MiB).</translation>
    </message>
    <message>
        <source>Publication name (default pgshift_pub).</source>
        <translation>Nom de la publication (par défaut pgshift_pub).</translation>
    </message>
    <message>
        <source>Subscription name (default pgshift_sub).</source>
        <translation>Nom de la subscription (par défaut pgshift_sub).</translation>
    </message>
    <message>
        <source>Replication slot name (default: the subscription&apos;s).</source>
        <translation>Nom du slot de réplication (par défaut : celui de la subscription).</translation>
    </message>
    <message>
        <source>Only lift the write block of an earlier cutover (give the same --block-* option).</source>
        <translation>Seulement lever le blocage des écritures d&apos;une bascule précédente (donnez la même option --block-*).</translation>
    </message>
    <message>
        <source>Do not ask for confirmation.</source>
        <translation>Ne pas demander de confirmation.</translation>
    </message>
    <message>
        <source>--timeout must be a number of seconds, 1 or more, not &apos;%1&apos;</source>
        <translation>--timeout doit être un nombre de secondes, 1 ou plus, pas &apos;%1&apos;</translation>
    </message>
    <message>
        <source>--max-lag must be a number of bytes, not &apos;%1&apos;</source>
        <translation>--max-lag doit être un nombre d&apos;octets, pas &apos;%1&apos;</translation>
    </message>
    <message>
        <source>--reenable-writes needs the --block-writes or --block-database option the cutover used</source>
        <translation>--reenable-writes demande l&apos;option --block-writes ou --block-database utilisée par la bascule</translation>
    </message>
    <message>
        <source>Writes are allowed again on the source.</source>
        <translation>Les écritures sont de nouveau permises sur la source.</translation>
    </message>
    <message>
        <source>not on a terminal: add --yes to cut over without confirmation</source>
        <translation>pas de terminal : ajoutez --yes pour basculer sans confirmation</translation>
    </message>
    <message>
        <source>Is the application stopped, so that nothing writes to the source any more? Cut over now? [y/N] </source>
        <translation>L&apos;application est-elle arrêtée, de sorte que plus rien n&apos;écrit sur la source ? Basculer maintenant ? [y/N] </translation>
    </message>
    <message>
        <source>Stop writes on the source and cut over now? [y/N] </source>
        <translation>Arrêter les écritures sur la source et basculer maintenant ? [y/N] </translation>
    </message>
    <message>
        <source>Cancelling the cutover…</source>
        <translation>Annulation de la bascule…</translation>
    </message>
</context>
<context>
    <name>pgshift::app::DmsCommand</name>
    <message>
        <source>Only this schema (repeatable).</source>
        <translation>Seulement ce schéma (répétable).</translation>
    </message>
    <message>
        <source>Only this table, as table or schema.table (repeatable).</source>
        <translation>Seulement cette table, sous la forme table ou schéma.table (répétable).</translation>
    </message>
    <message>
        <source>Usage: pgshift dms plan|finish [options]
  plan    create the target&apos;s schema (foreign keys held back) and write the DMS task settings, table mapping, endpoint attributes and aws CLI commands
  finish  after DMS loaded the data: stop writes, catch up, add the foreign keys, move the sequences ahead, compare row counts
pgshift dms plan --help and pgshift dms finish --help list the options.</source>
        <translation>Usage : pgshift dms plan|finish [options]
  plan    créer le schéma de la cible (clés étrangères retenues) et écrire les paramètres de tâche DMS, le table mapping, les attributs des endpoints et les commandes aws CLI
  finish  après le chargement des données par DMS : arrêter les écritures, rattraper, ajouter les clés étrangères, avancer les séquences, comparer les nombres de lignes
pgshift dms plan --help et pgshift dms finish --help listent les options.</translation>
    </message>
    <message>
        <source>say plan or finish</source>
        <translation>dites plan ou finish</translation>
    </message>
    <message>
        <source>unknown subcommand &apos;%1&apos;: say plan or finish</source>
        <translation>sous-commande inconnue &apos;%1&apos; : dites plan ou finish</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Annulation…</translation>
    </message>
    <message>
        <source>Prepare an AWS DMS migration, schema first: create the schema on the target with its foreign keys held back (so DMS can load the tables in any order), then write into --out the task settings, the table mapping, the endpoints&apos; extra connection attributes, the aws CLI commands (with placeholders for ARNs and passwords) and the held-back keys. pgshift never handles AWS credentials.
Exit status: 0 done, 1 failed (the target as the error says), 2 bad usage.</source>
        <translation>Préparer une migration AWS DMS, schéma d&apos;abord : créer le schéma sur la cible avec ses clés étrangères retenues (pour que DMS puisse charger les tables dans n&apos;importe quel ordre), puis écrire dans --out les paramètres de tâche, le table mapping, les extra connection attributes des endpoints, les commandes aws CLI (avec des emplacements pour les ARN et les mots de passe) et les clés retenues. pgshift ne manipule jamais d&apos;identifiants AWS.
Code de sortie : 0 fait, 1 échec (la cible dans l&apos;état que dit l&apos;erreur), 2 mauvaise utilisation.</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>Afficher cette aide.</translation>
    </message>
    <message>
        <source>Folder for the files (created if missing).</source>
        <translation>Dossier des fichiers (créé s&apos;il manque).</translation>
    </message>
    <message>
        <source>DMS task identifier (default pgshift-dms).</source>
        <translation>Identifiant de la tâche DMS (par défaut pgshift-dms).</translation>
    </message>
    <message>
        <source>Slot name DMS is to use on the source (default pgshift_dms).</source>
        <translation>Nom du slot que DMS doit utiliser sur la source (par défaut pgshift_dms).</translation>
    </message>
    <message>
        <source>A task without ongoing changes (no slot).</source>
        <translation>Une tâche sans modifications continues (pas de slot).</translation>
    </message>
    <message>
        <source>Limited LOB mode: values over KB kilobytes are cut (default: full LOB mode).</source>
        <translation>Mode LOB limité : les valeurs au-delà de KB kilo-octets sont tronquées (par défaut : mode LOB complet).</translation>
    </message>
    <message>
        <source>Tables DMS loads at a time (default 8).</source>
        <translation>Tables chargées à la fois par DMS (par défaut 8).</translation>
    </message>
    <message>
        <source>Turn DMS&apos;s row-level validation off.</source>
        <translation>Désactiver la validation ligne par ligne de DMS.</translation>
    </message>
    <message>
        <source>--out DIR is required: the folder for the DMS files</source>
        <translation>--out DIR est obligatoire : le dossier des fichiers DMS</translation>
    </message>
    <message>
        <source>--limited-lobs must be a number of kilobytes, 1 or more, not &apos;%1&apos;</source>
        <translation>--limited-lobs doit être un nombre de kilo-octets, 1 ou plus, pas &apos;%1&apos;</translation>
    </message>
    <message>
        <source>--parallel-tables must be a number, not &apos;%1&apos;</source>
        <translation>--parallel-tables doit être un nombre, pas &apos;%1&apos;</translation>
    </message>
    <message>
        <source>Creating the schema on the target, foreign keys held back…</source>
        <translation>Création du schéma sur la cible, clés étrangères retenues…</translation>
    </message>
    <message numerus="yes">
        <source>The schema copy created %n object(s) on the target first; drop them before planning again.</source>
        <translation>
            <numerusform>La copie du schéma a d&apos;abord créé %n objet sur la cible ; supprimez-le avant de planifier à nouveau.</numerusform>
            <numerusform>La copie du schéma a d&apos;abord créé %n objets sur la cible ; supprimez-les avant de planifier à nouveau.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Schema created on the target; %n table(s) in the mapping.</source>
        <translation>
            <numerusform>Schéma créé sur la cible ; %n table dans le mapping.</numerusform>
            <numerusform>Schéma créé sur la cible ; %n tables dans le mapping.</numerusform>
        </translation>
    </message>
    <message>
        <source>No foreign key to hold back.</source>
        <translation>Aucune clé étrangère à retenir.</translation>
    </message>
    <message numerus="yes">
        <source>%n foreign key(s) held back until pgshift dms finish:</source>
        <translation>
            <numerusform>%n clé étrangère retenue jusqu&apos;à pgshift dms finish :</numerusform>
            <numerusform>%n clés étrangères retenues jusqu&apos;à pgshift dms finish :</numerusform>
        </translation>
    </message>
    <message>
        <source>Files written:</source>
        <translation>Fichiers écrits :</translation>
    </message>
    <message>
        <source>Next: run the aws CLI commands in aws-commands.sh; once the full load is done (and, with ongoing changes, the lag is small), run pgshift dms finish.</source>
        <translation>Ensuite : exécutez les commandes aws CLI de aws-commands.sh ; une fois le full load terminé (et, avec les modifications continues, le retard faible), exécutez pgshift dms finish.</translation>
    </message>
    <message>
        <source>Finish an AWS DMS migration after its full load: refresh materialized views, stop writes on the source, wait until DMS confirms the source&apos;s last WAL position on its slot, copy large objects, add the foreign keys held back (all or none, after counting the rows that would break each), move the sequences ahead, compare exact row counts. It stops at the first failure and re-enables writes.
Without --block-writes or --block-database you confirm that the application is stopped.
Exit status: 0 every step succeeded, 1 a step failed, 2 bad usage.</source>
        <translation>Terminer une migration AWS DMS après son full load : rafraîchir les vues matérialisées, arrêter les écritures sur la source, attendre que DMS confirme la dernière position WAL de la source sur son slot, copier les large objects, ajouter les clés étrangères retenues (toutes ou aucune, après avoir compté les lignes qui casseraient chacune), avancer les séquences, comparer les nombres exacts de lignes. Il s&apos;arrête au premier échec et réactive les écritures.
Sans --block-writes ni --block-database, vous confirmez que l&apos;application est arrêtée.
Code de sortie : 0 chaque étape a réussi, 1 une étape a échoué, 2 mauvaise utilisation.</translation>
    </message>
    <message>
        <source>DMS&apos;s slot on the source (default pgshift_dms).</source>
        <translation>Le slot de DMS sur la source (par défaut pgshift_dms).</translation>
    </message>
    <message>
        <source>The task had no ongoing changes: no catch-up.</source>
        <translation>La tâche n&apos;avait pas de modifications continues : pas de rattrapage.</translation>
    </message>
    <message>
        <source>Seconds to wait for the catch-up (default 300).</source>
        <translation>Secondes d&apos;attente du rattrapage (par défaut 300).</translation>
    </message>
    <message>
        <source>Do not ask for confirmation.</source>
        <translation>Ne pas demander de confirmation.</translation>
    </message>
    <message>
        <source>--timeout must be a number of seconds, 1 or more, not &apos;%1&apos;</source>
        <translation>--timeout doit être un nombre de secondes, 1 ou plus, pas &apos;%1&apos;</translation>
    </message>
    <message>
        <source>not on a terminal: add --yes to finish without confirmation</source>
        <translation>pas de terminal : ajoutez --yes pour terminer sans confirmation</translation>
    </message>
    <message>
        <source>Is the application stopped, so that nothing writes to the source any more? Finish now? [y/N] </source>
        <translation>L&apos;application est-elle arrêtée, de sorte que plus rien n&apos;écrit sur la source ? Terminer maintenant ? [y/N] </translation>
    </message>
    <message>
        <source>Stop writes on the source and finish now? [y/N] </source>
        <translation>Arrêter les écritures sur la source et terminer maintenant ? [y/N] </translation>
    </message>
    <message>
        <source>Then stop and delete the DMS task and endpoints (section 4 of aws-commands.sh).</source>
        <translation>Ensuite, arrêtez et supprimez la tâche DMS et les endpoints (section 4 de aws-commands.sh).</translation>
    </message>
</context>
<context>
    <name>pgshift::app::Ping</name>
    <message>
        <source>  FAILED      %1</source>
        <translation>  ÉCHEC       %1</translation>
    </message>
    <message>
        <source>could not connect</source>
        <translation>connexion impossible</translation>
    </message>
    <message>
        <source>  details     %1</source>
        <translation>  détails     %1</translation>
    </message>
    <message>
        <source>  server      PostgreSQL %1%2</source>
        <translation>  serveur     PostgreSQL %1%2</translation>
    </message>
    <message>
        <source> (standby)</source>
        <translation> (standby)</translation>
    </message>
    <message>
        <source>  database    %1 (%2)</source>
        <translation>  base        %1 (%2)</translation>
    </message>
    <message>
        <source>  user        %1 (%2)</source>
        <translation>  utilisateur %1 (%2)</translation>
    </message>
    <message>
        <source>no special attributes</source>
        <translation>aucun attribut particulier</translation>
    </message>
    <message>
        <source>  wal_level   %1</source>
        <translation>  wal_level   %1</translation>
    </message>
    <message>
        <source>  user tables %1 in %2 schema(s)</source>
        <translation>  tables      %1 dans %2 schéma(s)</translation>
    </message>
    <message>
        <source>  round trip  %1 ms (connect %2 ms)</source>
        <translation>  aller-retour %1 ms (connexion %2 ms)</translation>
    </message>
    <message>
        <source>Tests the source and/or target connection and prints what the wizard&apos;s Test button shows. Exit status: 0 every connection works, 1 one failed (or the target is the source itself), 2 bad usage.</source>
        <translation>Teste la connexion source et/ou cible et affiche ce que montre le bouton Tester de l&apos;assistant. Code de sortie : 0 chaque connexion fonctionne, 1 l&apos;une a échoué (ou la cible est la source elle-même), 2 mauvaise utilisation.</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>Afficher cette aide.</translation>
    </message>
    <message>
        <source>unexpected argument &apos;%1&apos;</source>
        <translation>argument inattendu &apos;%1&apos;</translation>
    </message>
    <message>
        <source>give --source and/or --target (or set PGSHIFT_SOURCE, PGSHIFT_TARGET)</source>
        <translation>indiquez --source et/ou --target (ou définissez PGSHIFT_SOURCE, PGSHIFT_TARGET)</translation>
    </message>
</context>
<context>
    <name>pgshift::app::ReplicateCommand</name>
    <message>
        <source>Source unreachable: %1</source>
        <translation>Source injoignable : %1</translation>
    </message>
    <message>
        <source>Target unreachable: %1</source>
        <translation>Cible injoignable : %1</translation>
    </message>
    <message>
        <source>No subscription on the target.</source>
        <translation>Pas de subscription sur la cible.</translation>
    </message>
    <message>
        <source>Tables ready: %1 of %2%3</source>
        <translation>Tables prêtes : %1 sur %2%3</translation>
    </message>
    <message numerus="yes">
        <source> (%n copying now)</source>
        <translation>
            <numerusform> (%n en cours de copie)</numerusform>
            <numerusform> (%n en cours de copie)</numerusform>
        </translation>
    </message>
    <message>
        <source>, %1 rows so far</source>
        <translation>, %1 lignes jusqu&apos;ici</translation>
    </message>
    <message>
        <source>Lag: %1, %2 s; WAL kept by the slot: %3</source>
        <translation>Retard : %1, %2 s ; WAL conservé par le slot : %3</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>inconnu</translation>
    </message>
    <message>
        <source>?</source>
        <translation>?</translation>
    </message>
    <message>
        <source>The apply worker is not running%1.</source>
        <translation>Le worker d&apos;application ne tourne pas%1.</translation>
    </message>
    <message>
        <source> (subscription disabled)</source>
        <translation> (subscription désactivée)</translation>
    </message>
    <message>
        <source>Errors so far: %1 apply, %2 initial copy (see the target&apos;s server log).</source>
        <translation>Erreurs jusqu&apos;ici : %1 à l&apos;application, %2 à la copie initiale (voir le journal du serveur cible).</translation>
    </message>
    <message numerus="yes">
        <source>%n deferred secondary index(es) still to build.</source>
        <translation>
            <numerusform>%n index secondaire différé reste à construire.</numerusform>
            <numerusform>%n index secondaires différés restent à construire.</numerusform>
        </translation>
    </message>
    <message>
        <source>READY for cutover.</source>
        <translation>PRÊT pour la bascule.</translation>
    </message>
    <message>
        <source>Not ready for cutover yet.</source>
        <translation>Pas encore prêt pour la bascule.</translation>
    </message>
    <message>
        <source>The initial copy reports errors; see the target&apos;s server log.</source>
        <translation>La copie initiale signale des erreurs ; voir le journal du serveur cible.</translation>
    </message>
    <message>
        <source>Initial copy: %1 of %2 tables ready</source>
        <translation>Copie initiale : %1 tables sur %2 prêtes</translation>
    </message>
    <message>
        <source>Steps:</source>
        <translation>Étapes :</translation>
    </message>
    <message>
        <source>Note: the subscription keeps the source&apos;s password on the target (in pg_subscription) until cleanup drops it. A dedicated role with only REPLICATION and SELECT on the published tables limits what it can do.</source>
        <translation>Remarque : la subscription garde le mot de passe de la source sur la cible (dans pg_subscription) jusqu&apos;à ce que le nettoyage la supprime. Un rôle dédié avec seulement REPLICATION et SELECT sur les tables publiées limite ce qu&apos;il permet.</translation>
    </message>
    <message>
        <source>Replication was NOT started:</source>
        <translation>La réplication n&apos;a PAS été démarrée :</translation>
    </message>
    <message numerus="yes">
        <source>Replication started: the target is copying %n table(s).</source>
        <translation>
            <numerusform>Réplication démarrée : la cible copie %n table.</numerusform>
            <numerusform>Réplication démarrée : la cible copie %n tables.</numerusform>
        </translation>
    </message>
    <message>
        <source>Stopped waiting; replication goes on. Follow it with &apos;pgshift replicate status&apos;.</source>
        <translation>Attente arrêtée ; la réplication continue. Suivez-la avec &apos;pgshift replicate status&apos;.</translation>
    </message>
    <message>
        <source>Every table finished its initial copy.</source>
        <translation>Chaque table a terminé sa copie initiale.</translation>
    </message>
    <message numerus="yes">
        <source>Built %n deferred secondary index(es).</source>
        <translation>
            <numerusform>%n index secondaire différé construit.</numerusform>
            <numerusform>%n index secondaires différés construits.</numerusform>
        </translation>
    </message>
    <message>
        <source>pgshift objects still there (other runs, or names given differently):</source>
        <translation>Objets pgshift encore présents (autres exécutions, ou noms donnés autrement) :</translation>
    </message>
    <message>
        <source>, keeping %1 of WAL</source>
        <translation>, conservant %1 de WAL</translation>
    </message>
    <message>
        <source>No pgshift slot, publication or subscription is left on either side.</source>
        <translation>Il ne reste aucun slot, publication ou subscription pgshift d&apos;aucun côté.</translation>
    </message>
    <message>
        <source>Logical replication from the source to the target.
  start    copy the schema, publish on the source, subscribe on the target, wait for the initial
           copy, then build the deferred secondary indexes
  status   tables&apos; sync states, lag in bytes and seconds, WAL kept, readiness for cutover
  cleanup  drop the subscription, the slot and the publication; list other pgshift leftovers
Exit status: 0 done, 1 failed (or, for status, a server or the subscription is missing), 2 bad usage.</source>
        <translation>Réplication logique de la source vers la cible.
  start    copier le schéma, publier sur la source, s&apos;abonner sur la cible, attendre la copie
           initiale, puis construire les index secondaires différés
  status   états de synchronisation des tables, retard en octets et en secondes, WAL conservé, prêt pour la bascule
  cleanup  supprimer la subscription, le slot et la publication ; lister les autres restes de pgshift
Code de sortie : 0 fait, 1 échec (ou, pour status, un serveur ou la subscription manque), 2 mauvaise utilisation.</translation>
    </message>
    <message>
        <source>start, status or cleanup</source>
        <translation>start, status ou cleanup</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>Afficher cette aide.</translation>
    </message>
    <message>
        <source>Publication name (default pgshift_pub).</source>
        <translation>Nom de la publication (par défaut pgshift_pub).</translation>
    </message>
    <message>
        <source>Subscription name (default pgshift_sub).</source>
        <translation>Nom de la subscription (par défaut pgshift_sub).</translation>
    </message>
    <message>
        <source>Replication slot name (default: the subscription&apos;s).</source>
        <translation>Nom du slot de réplication (par défaut : celui de la subscription).</translation>
    </message>
    <message>
        <source>Replicate this schema (repeatable).</source>
        <translation>Répliquer ce schéma (répétable).</translation>
    </message>
    <message>
        <source>Replicate this table (repeatable).</source>
        <translation>Répliquer cette table (répétable).</translation>
    </message>
    <message>
        <source>Parallel sessions for the schema and the index builds.</source>
        <translation>Sessions parallèles pour le schéma et la construction des index.</translation>
    </message>
    <message>
        <source>Create every index before the initial copy (slower copy; by default secondary indexes are built after it).</source>
        <translation>Créer chaque index avant la copie initiale (copie plus lente ; par défaut les index secondaires sont construits après).</translation>
    </message>
    <message>
        <source>start: return once the subscription exists.</source>
        <translation>start : revenir dès que la subscription existe.</translation>
    </message>
    <message>
        <source>status: text or json.</source>
        <translation>status : text ou json.</translation>
    </message>
    <message>
        <source>status: print again every 2 seconds until Ctrl+C.</source>
        <translation>status : réafficher toutes les 2 secondes jusqu&apos;à Ctrl+C.</translation>
    </message>
    <message>
        <source>Lag in bytes under which cutover is ready (default 1 MiB).</source>
        <translation>Retard en octets sous lequel la bascule est prête (par défaut 1 MiB).</translation>
    </message>
    <message>
        <source>start: do not ask for confirmation.</source>
        <translation>start : ne pas demander de confirmation.</translation>
    </message>
    <message>
        <source>say what to do: start, status or cleanup</source>
        <translation>dites quoi faire : start, status ou cleanup</translation>
    </message>
    <message>
        <source>--jobs must be a number from 1 to 64, not &apos;%1&apos;</source>
        <translation>--jobs doit être un nombre de 1 à 64, pas &apos;%1&apos;</translation>
    </message>
    <message>
        <source>--max-lag must be a number of bytes, not &apos;%1&apos;</source>
        <translation>--max-lag doit être un nombre d&apos;octets, pas &apos;%1&apos;</translation>
    </message>
    <message>
        <source>--format must be text or json, not &apos;%1&apos;</source>
        <translation>--format doit valoir text ou json, pas &apos;%1&apos;</translation>
    </message>
    <message>
        <source>not on a terminal: add --yes to start replication without confirmation</source>
        <translation>pas de terminal : ajoutez --yes pour démarrer la réplication sans confirmation</translation>
    </message>
    <message>
        <source>Start replicating %1 of %2
  to %3? [y/N] </source>
        <translation>Démarrer la réplication de %1 de %2
  vers %3 ? [y/N] </translation>
    </message>
    <message>
        <source>Could not save the replication&apos;s state: %1</source>
        <translation>L&apos;état de la réplication n&apos;a pas pu être enregistré : %1</translation>
    </message>
    <message>
        <source>Received by the target: %1 behind the source; reported back: %2 behind</source>
        <translation>Reçu par la cible : %1 derrière la source ; confirmé en retour : %2 derrière</translation>
    </message>
</context>
<context>
    <name>pgshift::app::SandboxCommand</name>
    <message>
        <source>no sandbox is running (pgshift sandbox start makes one)</source>
        <translation>aucun bac à sable ne tourne (pgshift sandbox start en crée un)</translation>
    </message>
    <message numerus="yes">
        <source>%n sandboxes exist: name one with --dir</source>
        <translation>
            <numerusform>%n bac à sable existe : nommez-en un avec --dir</numerusform>
            <numerusform>%n bacs à sable existent : nommez-en un avec --dir</numerusform>
        </translation>
    </message>
    <message>
        <source>no sandbox in %1</source>
        <translation>pas de bac à sable dans %1</translation>
    </message>
    <message>
        <source>Throwaway passwords, also in %1 (mode 0600; `. %1` sets PGSHIFT_SOURCE and PGSHIFT_TARGET). The servers listen on 127.0.0.1 only and run until pgshift sandbox stop.</source>
        <translation>Mots de passe jetables, aussi dans %1 (mode 0600 ; `. %1` définit PGSHIFT_SOURCE et PGSHIFT_TARGET). Les serveurs n&apos;écoutent que sur 127.0.0.1 et tournent jusqu&apos;à pgshift sandbox stop.</translation>
    </message>
    <message>
        <source>No sandbox.</source>
        <translation>Pas de bac à sable.</translation>
    </message>
    <message>
        <source>started %1 by %2, %3</source>
        <translation>démarré %1 par %2, %3</translation>
    </message>
    <message>
        <source>pgshift sandbox start</source>
        <translation>pgshift sandbox start</translation>
    </message>
    <message>
        <source>pgshift %1</source>
        <translation>pgshift %1</translation>
    </message>
    <message>
        <source>kept until pgshift sandbox stop</source>
        <translation>conservé jusqu&apos;à pgshift sandbox stop</translation>
    </message>
    <message>
        <source>removed when that pgshift ends</source>
        <translation>supprimé quand ce pgshift se termine</translation>
    </message>
    <message>
        <source>running</source>
        <translation>en marche</translation>
    </message>
    <message>
        <source>STOPPED</source>
        <translation>ARRÊTÉ</translation>
    </message>
    <message>
        <source>connection strings: %1</source>
        <translation>chaînes de connexion : %1</translation>
    </message>
    <message>
        <source>Stopped and deleted %1.</source>
        <translation>%1 arrêté et supprimé.</translation>
    </message>
    <message>
        <source>Writing about %1 operations a second for %2 s…</source>
        <translation>Écriture d&apos;environ %1 opérations par seconde pendant %2 s…</translation>
    </message>
    <message>
        <source>Writing about %1 operations a second; Ctrl+C stops.</source>
        <translation>Écriture d&apos;environ %1 opérations par seconde ; Ctrl+C arrête.</translation>
    </message>
    <message>
        <source>%1 inserts, %2 updates, %3 deletes, %4 refused.</source>
        <translation>%1 inserts, %2 updates, %3 deletes, %4 refusés.</translation>
    </message>
    <message>
        <source>Last refusal: %1</source>
        <translation>Dernier refus : %1</translation>
    </message>
    <message>
        <source>Two throwaway PostgreSQL servers on this computer (127.0.0.1 only), a source with a sample shop (about 100,000 rows, sequences, identity columns, foreign keys, a partitioned table, a materialized view, a table without a primary key, a large object) and an empty target, for trying pgshift.
  start      start them, print both connection strings (with their throwaway passwords)
  status     list the sandboxes and whether their servers run
  stop       stop the servers and delete everything (--dir DIR or all when there are several)
  workload   write on the source like an application (--rate per second, --seconds)
Exit status: 0 done, 1 failed, 2 bad usage.</source>
        <translation>Deux serveurs PostgreSQL jetables sur cet ordinateur (127.0.0.1 seulement), une source avec une boutique d&apos;exemple (environ 100 000 lignes, séquences, colonnes identity, clés étrangères, une table partitionnée, une vue matérialisée, une table sans clé primaire, un large object) et une cible vide, pour essayer pgshift.
  start      les démarrer, afficher les deux chaînes de connexion (avec leurs mots de passe jetables)
  status     lister les bacs à sable et indiquer si leurs serveurs tournent
  stop       arrêter les serveurs et tout supprimer (--dir DIR, ou all s&apos;il y en a plusieurs)
  workload   écrire sur la source comme une application (--rate par seconde, --seconds)
Code de sortie : 0 fait, 1 échec, 2 mauvaise utilisation.</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>Afficher cette aide.</translation>
    </message>
    <message>
        <source>The sandbox&apos;s directory (status lists them), or all for stop.</source>
        <translation>Le répertoire du bac à sable (status les liste), ou all pour stop.</translation>
    </message>
    <message>
        <source>Workload operations per second (default 5).</source>
        <translation>Opérations de charge par seconde (par défaut 5).</translation>
    </message>
    <message>
        <source>Stop the workload after this many seconds (default: Ctrl+C).</source>
        <translation>Arrêter la charge après ce nombre de secondes (par défaut : Ctrl+C).</translation>
    </message>
    <message>
        <source>say start, status, stop or workload</source>
        <translation>dites start, status, stop ou workload</translation>
    </message>
    <message>
        <source>--rate must be a number from 0.1 to 1000, not &apos;%1&apos;</source>
        <translation>--rate doit être un nombre de 0.1 à 1000, pas &apos;%1&apos;</translation>
    </message>
    <message>
        <source>--seconds must be a whole number, not &apos;%1&apos;</source>
        <translation>--seconds doit être un nombre entier, pas &apos;%1&apos;</translation>
    </message>
    <message>
        <source>unknown action &apos;%1&apos;: say start, status, stop or workload</source>
        <translation>action inconnue &apos;%1&apos; : dites start, status, stop ou workload</translation>
    </message>
</context>
<context>
    <name>pgshift::app::SequencesCommand</name>
    <message>
        <source>The setval() statements that move every sequence of the target past its source, read from the source&apos;s pg_sequences (nextval() is never called there). A sequence moves a margin of increments ahead (down for descending ones), never past its MINVALUE/MAXVALUE; never-used ones stay at their start. Prints the script; --apply runs it on the target in one transaction and checks that every target sequence is ahead.
Exit status: 0 done (and, with --apply, every sequence ahead), 1 failed, 2 bad usage.</source>
        <translation>Les instructions setval() qui placent chaque séquence de la cible au-delà de sa source, lues dans pg_sequences de la source (nextval() n&apos;y est jamais appelé). Une séquence avance d&apos;une marge d&apos;incréments (vers le bas pour les décroissantes), jamais au-delà de son MINVALUE/MAXVALUE ; celles jamais utilisées restent à leur début. Affiche le script ; --apply l&apos;exécute sur la cible en une transaction et vérifie que chaque séquence cible est devant.
Code de sortie : 0 fait (et, avec --apply, chaque séquence devant), 1 échec, 2 mauvaise utilisation.</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>Afficher cette aide.</translation>
    </message>
    <message>
        <source>Increments ahead of the source (default %1).</source>
        <translation>Incréments d&apos;avance sur la source (par défaut %1).</translation>
    </message>
    <message>
        <source>Instead of --margin: read the sequences twice %1 s apart and allow for SECONDS of cutover at the fastest rate seen, three times over.</source>
        <translation>Au lieu de --margin : lire les séquences deux fois à %1 s d&apos;intervalle et prévoir SECONDS secondes de bascule au rythme le plus rapide observé, trois fois.</translation>
    </message>
    <message>
        <source>Run the statements on the target, then verify.</source>
        <translation>Exécuter les instructions sur la cible, puis vérifier.</translation>
    </message>
    <message>
        <source>Only this schema&apos;s sequences (repeatable).</source>
        <translation>Seulement les séquences de ce schéma (répétable).</translation>
    </message>
    <message>
        <source>Only the sequences this table owns (repeatable).</source>
        <translation>Seulement les séquences appartenant à cette table (répétable).</translation>
    </message>
    <message>
        <source>give --margin or --rate-window, not both</source>
        <translation>indiquez --margin ou --rate-window, pas les deux</translation>
    </message>
    <message>
        <source>--margin must be a whole number of increments, 0 or more, not &apos;%1&apos;</source>
        <translation>--margin doit être un nombre entier d&apos;incréments, 0 ou plus, pas &apos;%1&apos;</translation>
    </message>
    <message>
        <source>--rate-window must be a number of seconds from 1 to 86400, not &apos;%1&apos;</source>
        <translation>--rate-window doit être un nombre de secondes de 1 à 86400, pas &apos;%1&apos;</translation>
    </message>
    <message>
        <source>give --source (or set PGSHIFT_SOURCE)</source>
        <translation>indiquez --source (ou définissez PGSHIFT_SOURCE)</translation>
    </message>
    <message>
        <source>--apply needs --target (or PGSHIFT_TARGET)</source>
        <translation>--apply demande --target (ou PGSHIFT_TARGET)</translation>
    </message>
    <message>
        <source>Reading the sequences again in %1 s to measure their rate…</source>
        <translation>Nouvelle lecture des séquences dans %1 s pour mesurer leur rythme…</translation>
    </message>
    <message numerus="yes">
        <source>%n sequence(s) of %1, margin %2 increments</source>
        <translation>
            <numerusform>%n séquence de %1, marge %2 incréments</numerusform>
            <numerusform>%n séquences de %1, marge %2 incréments</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Set %n sequence(s) on the target.</source>
        <translation>
            <numerusform>%n séquence fixée sur la cible.</numerusform>
            <numerusform>%n séquences fixées sur la cible.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n target sequence(s) are not ahead of the source.</source>
        <translation>
            <numerusform>%n séquence cible n&apos;est pas devant la source.</numerusform>
            <numerusform>%n séquences cibles ne sont pas devant la source.</numerusform>
        </translation>
    </message>
    <message>
        <source>Verified: every target sequence is ahead of its source.</source>
        <translation>Vérifié : chaque séquence cible est devant sa source.</translation>
    </message>
</context>
<context>
    <name>pgshift::core::ArchiveCopy</name>
    <message>
        <source>The pg_dump engine needs a folder for its archive.</source>
        <translation>Le moteur pg_dump a besoin d&apos;un dossier pour son archive.</translation>
    </message>
    <message>
        <source>The archive folder %1 is not empty; choose a new or empty one.</source>
        <translation>Le dossier d&apos;archive %1 n&apos;est pas vide ; choisissez-en un nouveau ou vide.</translation>
    </message>
    <message>
        <source>Cannot create the archive folder %1.</source>
        <translation>Impossible de créer le dossier d&apos;archive %1.</translation>
    </message>
    <message>
        <source>pg_dump is writing the archive</source>
        <translation>pg_dump écrit l&apos;archive</translation>
    </message>
    <message>
        <source>pg_dump into %1</source>
        <translation>pg_dump vers %1</translation>
    </message>
    <message>
        <source>pg_dump: %1 of %2 tables written to the archive</source>
        <translation>pg_dump : %1 tables sur %2 écrites dans l&apos;archive</translation>
    </message>
    <message>
        <source>pg_restore is loading the archive</source>
        <translation>pg_restore charge l&apos;archive</translation>
    </message>
    <message>
        <source>pg_restore from %1</source>
        <translation>pg_restore depuis %1</translation>
    </message>
</context>
<context>
    <name>pgshift::core::ClientToolsCheck</name>
    <message>
        <source>pg_dump, pg_restore and psql</source>
        <translation>pg_dump, pg_restore et psql</translation>
    </message>
    <message>
        <source>%1 (not found)</source>
        <translation>%1 (introuvable)</translation>
    </message>
    <message>
        <source>%1 (newest found: %2 at %3)</source>
        <translation>%1 (plus récent trouvé : %2 dans %3)</translation>
    </message>
    <message>
        <source>Found: %1.</source>
        <translation>Trouvés : %1.</translation>
    </message>
    <message>
        <source>Missing at version %1 or newer: %2.</source>
        <translation>Manquants en version %1 ou plus récente : %2.</translation>
    </message>
    <message>
        <source>pg_dump refuses to dump a server newer than itself, and every method copies the schema with it.</source>
        <translation>pg_dump refuse de sauvegarder un serveur plus récent que lui, et chaque méthode copie le schéma avec lui.</translation>
    </message>
    <message>
        <source>Install the PostgreSQL %1 client programs (Debian and Ubuntu: apt install postgresql-client-%1 from apt.postgresql.org; macOS: brew install postgresql@%1), or point PGSHIFT_PG_CLIENT_BINDIR at their directory.</source>
        <translation>Installez les programmes client de PostgreSQL %1 (Debian et Ubuntu : apt install postgresql-client-%1 depuis apt.postgresql.org ; macOS : brew install postgresql@%1), ou faites pointer PGSHIFT_PG_CLIENT_BINDIR vers leur répertoire.</translation>
    </message>
</context>
<context>
    <name>pgshift::core::CompatibilityCheck</name>
    <message>
        <source>Encoding, collation, tablespaces and owners</source>
        <translation>Encodage, collation, tablespaces et propriétaires</translation>
    </message>
    <message>
        <source>Source: encoding %1, collation %2, ctype %3. Target: encoding %4, collation %5, ctype %6.</source>
        <translation>Source : encodage %1, collation %2, ctype %3. Cible : encodage %4, collation %5, ctype %6.</translation>
    </message>
    <message>
        <source>Different encodings: text the target&apos;s encoding cannot represent fails to load. Create the target database with ENCODING &apos;%1&apos;.</source>
        <translation>Encodages différents : un texte que l&apos;encodage de la cible ne peut pas représenter ne se charge pas. Créez la base cible avec ENCODING &apos;%1&apos;.</translation>
    </message>
    <message>
        <source>Different collations sort text differently: indexes are rebuilt on the target, and ORDER BY results may change. Compare them before cutover.</source>
        <translation>Des collations différentes trient le texte différemment : les index sont reconstruits sur la cible, et les résultats d&apos;ORDER BY peuvent changer. Comparez-les avant la bascule.</translation>
    </message>
    <message>
        <source>Tablespaces in use: %1.</source>
        <translation>Tablespaces utilisés : %1.</translation>
    </message>
    <message>
        <source>pgshift creates everything in the target&apos;s default tablespace.</source>
        <translation>pgshift crée tout dans le tablespace par défaut de la cible.</translation>
    </message>
    <message>
        <source>Owners not on the target: %1.</source>
        <translation>Propriétaires absents de la cible : %1.</translation>
    </message>
    <message>
        <source>Objects will belong to the target user (--no-owner); create these roles on the target first if ownership matters.</source>
        <translation>Les objets appartiendront à l&apos;utilisateur cible (--no-owner) ; créez d&apos;abord ces rôles sur la cible si la propriété compte.</translation>
    </message>
    <message>
        <source>These differences do not stop the copy, but change what arrives.</source>
        <translation>Ces différences n&apos;arrêtent pas la copie, mais changent ce qui arrive.</translation>
    </message>
</context>
<context>
    <name>pgshift::core::ConnectionSettings</name>
    <message>
        <source>The connection string is empty.</source>
        <translation>La chaîne de connexion est vide.</translation>
    </message>
    <message>
        <source>out of memory</source>
        <translation>mémoire épuisée</translation>
    </message>
    <message>
        <source>Not a valid connection string: %1</source>
        <translation>Chaîne de connexion non valide : %1</translation>
    </message>
    <message>
        <source>No host given: enter the server&apos;s host name or address (for a local Unix socket, its directory, such as /var/run/postgresql).</source>
        <translation>Aucun hôte indiqué : saisissez le nom d&apos;hôte ou l&apos;adresse du serveur (pour un socket Unix local, son répertoire, par exemple /var/run/postgresql).</translation>
    </message>
    <message>
        <source>The port must be a number from 1 to 65535, not &quot;%1&quot;.</source>
        <translation>Le port doit être un nombre de 1 à 65535, pas &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>sslmode &quot;%1&quot; is not one of: %2.</source>
        <translation>sslmode &quot;%1&quot; n&apos;est pas l&apos;une des valeurs : %2.</translation>
    </message>
    <message>
        <source>channel_binding &quot;%1&quot; is not one of: %2.</source>
        <translation>channel_binding &quot;%1&quot; n&apos;est pas l&apos;une des valeurs : %2.</translation>
    </message>
    <message>
        <source>The root certificate file %1 does not exist.</source>
        <translation>Le fichier de certificat racine %1 n&apos;existe pas.</translation>
    </message>
    <message>
        <source>connect_timeout must be a whole number of seconds, not &quot;%1&quot;.</source>
        <translation>connect_timeout doit être un nombre entier de secondes, pas &quot;%1&quot;.</translation>
    </message>
</context>
<context>
    <name>pgshift::core::CopyProgressTracker</name>
    <message>
        <source>Preparing</source>
        <translation>Préparation</translation>
    </message>
    <message>
        <source>Creating the schema</source>
        <translation>Création du schéma</translation>
    </message>
    <message>
        <source>Copying the data</source>
        <translation>Copie des données</translation>
    </message>
    <message>
        <source>Creating constraints, triggers and the rest</source>
        <translation>Création des contraintes, triggers et du reste</translation>
    </message>
    <message>
        <source>Setting sequences</source>
        <translation>Réglage des séquences</translation>
    </message>
    <message>
        <source>Copying large objects</source>
        <translation>Copie des large objects</translation>
    </message>
    <message>
        <source>Analyzing the target</source>
        <translation>Analyse de la cible</translation>
    </message>
    <message>
        <source>Verifying row counts</source>
        <translation>Vérification des nombres de lignes</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Terminé</translation>
    </message>
</context>
<context>
    <name>pgshift::core::CopyRun</name>
    <message>
        <source>%1 %2 or newer was not found; the prerequisites check names the package to install.</source>
        <translation>%1 %2 ou plus récent est introuvable ; la vérification des prérequis nomme le paquet à installer.</translation>
    </message>
    <message>
        <source>%1 was not found; the prerequisites check names the package to install.</source>
        <translation>%1 est introuvable ; la vérification des prérequis nomme le paquet à installer.</translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1 a échoué : %2</translation>
    </message>
    <message>
        <source>exit status %1</source>
        <translation>code de sortie %1</translation>
    </message>
    <message>
        <source>The source has no schema named %1.</source>
        <translation>La source n&apos;a pas de schéma nommé %1.</translation>
    </message>
    <message>
        <source>The source has no table named %1.%2.</source>
        <translation>La source n&apos;a pas de table nommée %1.%2.</translation>
    </message>
    <message>
        <source>Nothing to copy: %1 holds no table.</source>
        <translation>Rien à copier : %1 ne contient aucune table.</translation>
    </message>
    <message>
        <source>schema %1</source>
        <translation>schéma %1</translation>
    </message>
    <message>
        <source>The target already has objects of these names; nothing was copied. Drop them on the target or choose another target database: %1</source>
        <translation>La cible a déjà des objets de ces noms ; rien n&apos;a été copié. Supprimez-les sur la cible ou choisissez une autre base cible : %1</translation>
    </message>
    <message>
        <source>Cannot write a temporary file: %1</source>
        <translation>Impossible d&apos;écrire un fichier temporaire : %1</translation>
    </message>
    <message>
        <source>Dumping the schema (pg_dump --section=pre-data)</source>
        <translation>Dump du schéma (pg_dump --section=pre-data)</translation>
    </message>
    <message>
        <source>Cannot read pg_dump&apos;s output: %1</source>
        <translation>Impossible de lire la sortie de pg_dump : %1</translation>
    </message>
    <message>
        <source>Creating the schema on the target (nothing of it was kept)</source>
        <translation>Création du schéma sur la cible (rien n&apos;en a été conservé)</translation>
    </message>
    <message>
        <source>Setting the sequences failed: %1</source>
        <translation>Le réglage des séquences a échoué : %1</translation>
    </message>
    <message>
        <source>Copying the large objects failed: %1</source>
        <translation>La copie des large objects a échoué : %1</translation>
    </message>
    <message>
        <source>ANALYZE failed on the target: %1</source>
        <translation>ANALYZE a échoué sur la cible : %1</translation>
    </message>
    <message>
        <source>A worker could not connect: %1</source>
        <translation>Un worker n&apos;a pas pu se connecter : %1</translation>
    </message>
    <message>
        <source>%1: %2 rows on the source, %3 on the target.</source>
        <translation>%1 : %2 lignes sur la source, %3 sur la cible.</translation>
    </message>
    <message>
        <source>Could not list what the copy created on the target: %1</source>
        <translation>Impossible de lister ce que la copie a créé sur la cible : %1</translation>
    </message>
    <message>
        <source>Cannot create a temporary folder: %1</source>
        <translation>Impossible de créer un dossier temporaire : %1</translation>
    </message>
    <message>
        <source>Dumping indexes, constraints and triggers (pg_dump --section=post-data)</source>
        <translation>Dump des index, contraintes et triggers (pg_dump --section=post-data)</translation>
    </message>
    <message>
        <source>pg_restore --list failed: %1</source>
        <translation>pg_restore --list a échoué : %1</translation>
    </message>
    <message>
        <source>Creating constraints, triggers and the rest on the target (pg_restore)</source>
        <translation>Création des contraintes, triggers et du reste sur la cible (pg_restore)</translation>
    </message>
</context>
<context>
    <name>pgshift::core::CopyScope</name>
    <message>
        <source>&apos;%1&apos; is not a schema name (quote names with dots or capitals: &quot;My.Schema&quot;)</source>
        <translation>&apos;%1&apos; n&apos;est pas un nom de schéma (mettez entre guillemets les noms avec points ou majuscules : &quot;My.Schema&quot;)</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a table name; write table or schema.table, quoting parts with dots or capitals: &quot;My Schema&quot;.&quot;My.Table&quot;</source>
        <translation>&apos;%1&apos; n&apos;est pas un nom de table ; écrivez table ou schéma.table, en mettant entre guillemets les parties avec points ou majuscules : &quot;My Schema&quot;.&quot;My.Table&quot;</translation>
    </message>
    <message>
        <source>the whole database</source>
        <translation>toute la base</translation>
    </message>
    <message>
        <source>schemas %1</source>
        <translation>schémas %1</translation>
    </message>
    <message>
        <source>tables %1</source>
        <translation>tables %1</translation>
    </message>
</context>
<context>
    <name>pgshift::core::Cutover</name>
    <message>
        <source>waiting</source>
        <translation>en attente</translation>
    </message>
    <message>
        <source>running</source>
        <translation>en marche</translation>
    </message>
    <message>
        <source>done</source>
        <translation>fait</translation>
    </message>
    <message>
        <source>FAILED</source>
        <translation>ÉCHEC</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>ignoré</translation>
    </message>
    <message>
        <source>Pre-checks: subscription enabled and streaming, every table ready, lag at most %1 bytes</source>
        <translation>Vérifications préalables : subscription active et en streaming, chaque table prête, retard d&apos;au plus %1 octets</translation>
    </message>
    <message>
        <source>both</source>
        <translation>les deux</translation>
    </message>
    <message>
        <source>source</source>
        <translation>source</translation>
    </message>
    <message numerus="yes">
        <source>Catch up: wait until the target confirms the source&apos;s WAL position taken after writes stopped (at most %n second(s))</source>
        <translation>
            <numerusform>Rattrapage : attendre que la cible confirme la position WAL de la source prise après l&apos;arrêt des écritures (au plus %n seconde)</numerusform>
            <numerusform>Rattrapage : attendre que la cible confirme la position WAL de la source prise après l&apos;arrêt des écritures (au plus %n secondes)</numerusform>
        </translation>
    </message>
    <message>
        <source>Sequences: every target sequence %1 increments ahead of its source, then verified</source>
        <translation>Séquences : chaque séquence cible %1 incréments devant sa source, puis vérifiée</translation>
    </message>
    <message>
        <source>target</source>
        <translation>cible</translation>
    </message>
    <message>
        <source>Validate: exact row counts of every table equal on both sides</source>
        <translation>Valider : nombres exacts de lignes de chaque table égaux des deux côtés</translation>
    </message>
    <message>
        <source>End replication: drop the subscription (and with it the slot on the source) and the publication</source>
        <translation>Terminer la réplication : supprimer la subscription (et avec elle le slot sur la source) et la publication</translation>
    </message>
    <message>
        <source>Point the application at the target</source>
        <translation>Faire pointer l&apos;application vers la cible</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Annulé.</translation>
    </message>
    <message>
        <source>a server is unreachable: %1</source>
        <translation>un serveur est injoignable : %1</translation>
    </message>
    <message>
        <source>no subscription %1 on the target</source>
        <translation>pas de subscription %1 sur la cible</translation>
    </message>
    <message>
        <source>the subscription is disabled</source>
        <translation>la subscription est désactivée</translation>
    </message>
    <message>
        <source>the subscription&apos;s apply worker is not running</source>
        <translation>le worker d&apos;application de la subscription ne tourne pas</translation>
    </message>
    <message>
        <source>%1 of %2 tables ready</source>
        <translation>%1 tables sur %2 prêtes</translation>
    </message>
    <message numerus="yes">
        <source>%n deferred index(es) not built yet</source>
        <translation>
            <numerusform>%n index différé pas encore construit</numerusform>
            <numerusform>%n index différés pas encore construits</numerusform>
        </translation>
    </message>
    <message>
        <source>lag %1 bytes, over %2</source>
        <translation>retard %1 octets, au-delà de %2</translation>
    </message>
    <message>
        <source>Not ready: %1.</source>
        <translation>Pas prêt : %1.</translation>
    </message>
    <message numerus="yes">
        <source>%n table(s) ready, lag %1 bytes</source>
        <translation>
            <numerusform>%n table prête, retard %1 octets</numerusform>
            <numerusform>%n tables prêtes, retard %1 octets</numerusform>
        </translation>
    </message>
    <message>
        <source>confirmed by you</source>
        <translation>confirmé par vous</translation>
    </message>
    <message numerus="yes">
        <source>new transactions are read-only; %n session(s) ended</source>
        <translation>
            <numerusform>les nouvelles transactions sont en lecture seule ; %n session terminée</numerusform>
            <numerusform>les nouvelles transactions sont en lecture seule ; %n sessions terminées</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The target did not confirm %1 within %n second(s).</source>
        <translation>
            <numerusform>La cible n&apos;a pas confirmé %1 en %n seconde.</numerusform>
            <numerusform>La cible n&apos;a pas confirmé %1 en %n secondes.</numerusform>
        </translation>
    </message>
    <message>
        <source>the target confirmed %1 after %2 ms</source>
        <translation>la cible a confirmé %1 après %2 ms</translation>
    </message>
    <message>
        <source>Target sequences not ahead: %1</source>
        <translation>Séquences cibles pas devant : %1</translation>
    </message>
    <message numerus="yes">
        <source>%n sequence(s) set and verified ahead</source>
        <translation>
            <numerusform>%n séquence fixée et vérifiée devant</numerusform>
            <numerusform>%n séquences fixées et vérifiées devant</numerusform>
        </translation>
    </message>
    <message>
        <source>%1.%2: %3 on the source, %4 on the target</source>
        <translation>%1.%2 : %3 sur la source, %4 sur la cible</translation>
    </message>
    <message>
        <source>%1.%2: %3</source>
        <translation>%1.%2 : %3</translation>
    </message>
    <message numerus="yes">
        <source>%n table(s) equal, %1 rows</source>
        <translation>
            <numerusform>%n table égale, %1 lignes</numerusform>
            <numerusform>%n tables égales, %1 lignes</numerusform>
        </translation>
    </message>
    <message>
        <source>The slot %1 is gone from the source.</source>
        <translation>Le slot %1 a disparu de la source.</translation>
    </message>
    <message>
        <source>The copy failed: %1</source>
        <translation>La copie a échoué : %1</translation>
    </message>
    <message numerus="yes">
        <source>%n table(s), %1 rows copied</source>
        <translation>
            <numerusform>%n table, %1 lignes copiées</numerusform>
            <numerusform>%n tables, %1 lignes copiées</numerusform>
        </translation>
    </message>
    <message>
        <source>%1.%2: %3 rows on both, but their checksums differ</source>
        <translation>%1.%2 : %3 lignes des deux côtés, mais leurs sommes de contrôle diffèrent</translation>
    </message>
    <message>
        <source>Tables differ: %1</source>
        <translation>Des tables diffèrent : %1</translation>
    </message>
    <message numerus="yes">
        <source>%n table(s) equal in rows and checksums, %1 rows</source>
        <translation>
            <numerusform>%n table égale en lignes et en sommes de contrôle, %1 lignes</numerusform>
            <numerusform>%n tables égales en lignes et en sommes de contrôle, %1 lignes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Copy: schema, data (%1 engine, %n job(s)), indexes and constraints</source>
        <translation>
            <numerusform>Copie : schéma, données (moteur %1, %n job), index et contraintes</numerusform>
            <numerusform>Copie : schéma, données (moteur %1, %n jobs), index et contraintes</numerusform>
        </translation>
    </message>
    <message>
        <source>Validate: exact row counts and a checksum of every table equal on both sides</source>
        <translation>Valider : nombres exacts de lignes et somme de contrôle de chaque table égaux des deux côtés</translation>
    </message>
    <message>
        <source>Could not refresh: %1</source>
        <translation>Rafraîchissement impossible : %1</translation>
    </message>
    <message>
        <source>no materialized view to refresh</source>
        <translation>aucune vue matérialisée à rafraîchir</translation>
    </message>
    <message numerus="yes">
        <source>%n refreshed: %1</source>
        <translation>
            <numerusform>%n rafraîchie : %1</numerusform>
            <numerusform>%n rafraîchies : %1</numerusform>
        </translation>
    </message>
    <message>
        <source>left empty, as on the source: %1</source>
        <translation>laissée vide, comme sur la source : %1</translation>
    </message>
    <message>
        <source>not copied: large objects belong to the whole database, and this migration covers %1</source>
        <translation>non copiés : les large objects appartiennent à toute la base, et cette migration couvre %1</translation>
    </message>
    <message>
        <source>no large objects</source>
        <translation>aucun large object</translation>
    </message>
    <message numerus="yes">
        <source>%n large object(s) copied and verified, %1</source>
        <translation>
            <numerusform>%n large object copié et vérifié, %1</numerusform>
            <numerusform>%n large objects copiés et vérifiés, %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n already held data on the target and was overwritten with the source&apos;s</source>
        <translation>
            <numerusform>%n contenait déjà des données sur la cible et a été écrasé par celles de la source</numerusform>
            <numerusform>%n contenaient déjà des données sur la cible et ont été écrasés par celles de la source</numerusform>
        </translation>
    </message>
    <message>
        <source>Materialized views: refresh on the target those that hold data on the source (before writes stop, so not part of the downtime)</source>
        <translation>Vues matérialisées : rafraîchir sur la cible celles qui contiennent des données sur la source (avant l&apos;arrêt des écritures, donc hors de l&apos;interruption)</translation>
    </message>
    <message>
        <source>Large objects: copy every one (data, owner, grants, comment) and verify their sizes</source>
        <translation>Large objects : copier chacun (données, propriétaire, droits, commentaire) et vérifier leurs tailles</translation>
    </message>
    <message>
        <source>Left on the source (replication has stopped, so the cutover goes on): %1. Drop them there when it can be reached:
%2</source>
        <translation>Laissé sur la source (la réplication s&apos;est arrêtée, la bascule continue donc) : %1. Supprimez-le là-bas quand elle sera joignable :
%2</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) of %1 break %2: %3</source>
        <translation>
            <numerusform>%n ligne de %1 casse %2 : %3</numerusform>
            <numerusform>%n lignes de %1 cassent %2 : %3</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>No foreign key was added; the target&apos;s data breaks %n of them:</source>
        <translation>
            <numerusform>Aucune clé étrangère n&apos;a été ajoutée ; les données de la cible en cassent %n :</numerusform>
            <numerusform>Aucune clé étrangère n&apos;a été ajoutée ; les données de la cible en cassent %n :</numerusform>
        </translation>
    </message>
    <message>
        <source>Adding the foreign keys failed, none was added: %1</source>
        <translation>L&apos;ajout des clés étrangères a échoué, aucune n&apos;a été ajoutée : %1</translation>
    </message>
    <message>
        <source>every foreign key of the source is already on the target</source>
        <translation>chaque clé étrangère de la source est déjà sur la cible</translation>
    </message>
    <message numerus="yes">
        <source>%n foreign key(s) checked against the data and added: %1</source>
        <translation>
            <numerusform>%n clé étrangère vérifiée sur les données et ajoutée : %1</numerusform>
            <numerusform>%n clés étrangères vérifiées sur les données et ajoutées : %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Catch up: wait until DMS confirms the source&apos;s WAL position taken after writes stopped (at most %n second(s))</source>
        <translation>
            <numerusform>Rattrapage : attendre que DMS confirme la position WAL de la source prise après l&apos;arrêt des écritures (au plus %n seconde)</numerusform>
            <numerusform>Rattrapage : attendre que DMS confirme la position WAL de la source prise après l&apos;arrêt des écritures (au plus %n secondes)</numerusform>
        </translation>
    </message>
    <message>
        <source>Foreign keys held back for the load: count the rows that break each, then add them all (or none)</source>
        <translation>Clés étrangères retenues pendant le chargement : compter les lignes qui cassent chacune, puis les ajouter toutes (ou aucune)</translation>
    </message>
    <message>
        <source>DMS confirmed %1 after %2 ms</source>
        <translation>DMS a confirmé %1 après %2 ms</translation>
    </message>
</context>
<context>
    <name>pgshift::core::DatabaseIdentity</name>
    <message>
        <source>The target is a physical standby of the source (same system identifier): it is read-only and already a copy. Choose another target server.</source>
        <translation>La cible est un standby physique de la source (même identifiant système) : elle est en lecture seule et déjà une copie. Choisissez un autre serveur cible.</translation>
    </message>
    <message>
        <source>The target is the source database itself (database &quot;%1&quot; on the same server). Migrating a database onto itself would destroy it. Choose another target.</source>
        <translation>La cible est la base source elle-même (base &quot;%1&quot; sur le même serveur). Migrer une base sur elle-même la détruirait. Choisissez une autre cible.</translation>
    </message>
    <message>
        <source>The target database &quot;%1&quot; is on the same server as the source database &quot;%2&quot;. That works, but the copy competes with the source for the same disk and memory.</source>
        <translation>La base cible &quot;%1&quot; est sur le même serveur que la base source &quot;%2&quot;. Cela fonctionne, mais la copie dispute le même disque et la même mémoire à la source.</translation>
    </message>
</context>
<context>
    <name>pgshift::core::DatabaseSizeCheck</name>
    <message>
        <source>Database size</source>
        <translation>Taille de la base</translation>
    </message>
    <message>
        <source>The source database %1 takes %2.</source>
        <translation>La base source %1 occupe %2.</translation>
    </message>
    <message>
        <source>Besides the data, the target needs room for indexes built after the copy, WAL written during it, and bloat.</source>
        <translation>Outre les données, la cible a besoin de place pour les index construits après la copie, le WAL écrit pendant celle-ci, et le bloat.</translation>
    </message>
    <message>
        <source>Give the target at least %1 of free space (150% of the source).</source>
        <translation>Donnez à la cible au moins %1 d&apos;espace libre (150 % de la source).</translation>
    </message>
</context>
<context>
    <name>pgshift::core::DmsPlan</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Impossible d&apos;écrire %1 : %2</translation>
    </message>
    <message>
        <source>The task identifier &apos;%1&apos; is not one DMS accepts: letters, digits and single hyphens, starting with a letter and not ending with a hyphen.</source>
        <translation>L&apos;identifiant de tâche &apos;%1&apos; n&apos;est pas accepté par DMS : lettres, chiffres et tirets simples, commençant par une lettre et ne finissant pas par un tiret.</translation>
    </message>
    <message>
        <source>The slot name &apos;%1&apos; is not a PostgreSQL replication slot name: lower-case letters, digits and underscores, at most 63.</source>
        <translation>Le nom de slot &apos;%1&apos; n&apos;est pas un nom de slot de réplication PostgreSQL : lettres minuscules, chiffres et soulignés, 63 au plus.</translation>
    </message>
    <message>
        <source>DMS loads 1 to 49 tables at a time, not %1.</source>
        <translation>DMS charge 1 à 49 tables à la fois, pas %1.</translation>
    </message>
    <message>
        <source>LOB sizes and the commit rate must be 1 or more.</source>
        <translation>Les tailles de LOB et le rythme de commit doivent valoir 1 ou plus.</translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation>Impossible de créer le dossier %1.</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Annulé.</translation>
    </message>
</context>
<context>
    <name>pgshift::core::ExtensionsCheck</name>
    <message>
        <source>Extensions</source>
        <translation>Extensions</translation>
    </message>
    <message>
        <source>The source uses no extensions besides plpgsql.</source>
        <translation>La source n&apos;utilise aucune extension en dehors de plpgsql.</translation>
    </message>
    <message>
        <source>The source uses: %1.</source>
        <translation>La source utilise : %1.</translation>
    </message>
    <message>
        <source>Not available on the target: %1.</source>
        <translation>Non disponibles sur la cible : %1.</translation>
    </message>
    <message>
        <source>CREATE EXTENSION fails on the target, and so does every table, type or function that depends on the extension.</source>
        <translation>CREATE EXTENSION échoue sur la cible, de même que chaque table, type ou fonction qui dépend de l&apos;extension.</translation>
    </message>
    <message>
        <source>Choose a target that offers these extensions (PlanetScale lists its supported extensions in its documentation), or remove their use from the source first.</source>
        <translation>Choisissez une cible qui propose ces extensions (PlanetScale liste ses extensions prises en charge dans sa documentation), ou retirez d&apos;abord leur usage de la source.</translation>
    </message>
    <message>
        <source>Available but not yet installed on the target: %1.</source>
        <translation>Disponibles mais pas encore installées sur la cible : %1.</translation>
    </message>
    <message>
        <source>The schema copy creates them; doing it first shows early whether the target user may.</source>
        <translation>La copie du schéma les crée ; le faire d&apos;abord montre tôt si l&apos;utilisateur cible en a le droit.</translation>
    </message>
    <message>
        <source>Other versions on the target: %1.</source>
        <translation>Autres versions sur la cible : %1.</translation>
    </message>
</context>
<context>
    <name>pgshift::core::ForeignKeys</name>
    <message>
        <source>Cancelled.</source>
        <translation>Annulé.</translation>
    </message>
</context>
<context>
    <name>pgshift::core::LocalServer</name>
    <message>
        <source>PGSHIFT_PG_BINDIR=%1 has no initdb, pg_ctl and postgres</source>
        <translation>PGSHIFT_PG_BINDIR=%1 ne contient pas initdb, pg_ctl et postgres</translation>
    </message>
    <message>
        <source>No PostgreSQL server programs (initdb, pg_ctl, postgres) found: install the PostgreSQL server (Debian: postgresql-15) or set PGSHIFT_PG_BINDIR.</source>
        <translation>Aucun programme serveur PostgreSQL (initdb, pg_ctl, postgres) trouvé : installez le serveur PostgreSQL (Debian : postgresql-15) ou définissez PGSHIFT_PG_BINDIR.</translation>
    </message>
    <message>
        <source>pgshift runs as root, and PostgreSQL refuses to: create the account &apos;%1&apos; (Debian&apos;s postgresql package does) or run pgshift as a normal user.</source>
        <translation>pgshift tourne en root, ce que PostgreSQL refuse : créez le compte &apos;%1&apos; (le paquet postgresql de Debian le fait) ou lancez pgshift en utilisateur normal.</translation>
    </message>
    <message>
        <source>Cannot create %1.</source>
        <translation>Impossible de créer %1.</translation>
    </message>
    <message>
        <source>Cannot create a directory in %1: %2</source>
        <translation>Impossible de créer un répertoire dans %1 : %2</translation>
    </message>
    <message>
        <source>Could not prepare %1.</source>
        <translation>Impossible de préparer %1.</translation>
    </message>
    <message>
        <source>Cannot hand %1 to the server&apos;s account.</source>
        <translation>Impossible de confier %1 au compte du serveur.</translation>
    </message>
    <message>
        <source>%1 did not finish in %2 s.</source>
        <translation>%1 n&apos;a pas fini en %2 s.</translation>
    </message>
    <message>
        <source>%1 %2 failed (exit %3):
%4</source>
        <translation>%1 %2 a échoué (code %3) :
%4</translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation>Impossible d&apos;écrire %1.</translation>
    </message>
    <message>
        <source>Cannot append to %1.</source>
        <translation>Impossible d&apos;ajouter à %1.</translation>
    </message>
    <message>
        <source>No free port on 127.0.0.1.</source>
        <translation>Aucun port libre sur 127.0.0.1.</translation>
    </message>
</context>
<context>
    <name>pgshift::core::LogicalReplication</name>
    <message>
        <source>publication</source>
        <translation>publication</translation>
    </message>
    <message>
        <source>subscription</source>
        <translation>subscription</translation>
    </message>
    <message>
        <source>replication slot</source>
        <translation>slot de réplication</translation>
    </message>
    <message>
        <source>The %1 name &apos;%2&apos; is not valid: use 1 to 63 lower-case letters, digits and underscores, not starting with a digit.</source>
        <translation>Le nom de %1 &apos;%2&apos; n&apos;est pas valide : utilisez 1 à 63 lettres minuscules, chiffres et soulignés, sans commencer par un chiffre.</translation>
    </message>
    <message>
        <source>Nothing to publish: %1 holds no table.</source>
        <translation>Rien à publier : %1 ne contient aucune table.</translation>
    </message>
    <message>
        <source>Copy the schema: pg_dump&apos;s pre-data, then post-data with pg_restore -j %1%2</source>
        <translation>Copier le schéma : le pre-data de pg_dump, puis le post-data avec pg_restore -j %1%2</translation>
    </message>
    <message numerus="yes">
        <source>, without %n secondary index(es) built after the initial copy</source>
        <translation>
            <numerusform>, sans %n index secondaire construit après la copie initiale</numerusform>
            <numerusform>, sans %n index secondaires construits après la copie initiale</numerusform>
        </translation>
    </message>
    <message>
        <source>target</source>
        <translation>cible</translation>
    </message>
    <message>
        <source>Publish the tables on the source</source>
        <translation>Publier les tables sur la source</translation>
    </message>
    <message>
        <source>source</source>
        <translation>source</translation>
    </message>
    <message>
        <source>Subscribe on the target: copy every table, then stream changes</source>
        <translation>S&apos;abonner sur la cible : copier chaque table, puis transmettre les modifications</translation>
    </message>
    <message>
        <source>Creating the subscription on the target failed: %1</source>
        <translation>La création de la subscription sur la cible a échoué : %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
    <message numerus="yes">
        <source>Advice: the target copies %1 of the %n table(s) at a time (max_sync_workers_per_subscription = %2, max_logical_replication_workers = %3). Allowing %4 at once shortens the initial copy of many tables; run this on the target before starting (a restart is needed when max_logical_replication_workers changes):</source>
        <translation>
            <numerusform>Conseil : la cible copie %1 des %n table à la fois (max_sync_workers_per_subscription = %2, max_logical_replication_workers = %3). En permettre %4 à la fois raccourcit la copie initiale de nombreuses tables ; exécutez ceci sur la cible avant de démarrer (un redémarrage est nécessaire si max_logical_replication_workers change) :</numerusform>
            <numerusform>Conseil : la cible copie %1 des %n tables à la fois (max_sync_workers_per_subscription = %2, max_logical_replication_workers = %3). En permettre %4 à la fois raccourcit la copie initiale de nombreuses tables ; exécutez ceci sur la cible avant de démarrer (un redémarrage est nécessaire si max_logical_replication_workers change) :</numerusform>
        </translation>
    </message>
    <message>
        <source>The saved replication state in %1 is incomplete.</source>
        <translation>L&apos;état de réplication enregistré dans %1 est incomplet.</translation>
    </message>
    <message>
        <source>%1 is not valid JSON (%2 at offset %3)</source>
        <translation>%1 n&apos;est pas du JSON valide (%2 à la position %3)</translation>
    </message>
</context>
<context>
    <name>pgshift::core::Method</name>
    <message>
        <source>Dump and restore</source>
        <translation>Dump et restauration</translation>
    </message>
    <message>
        <source>Logical replication</source>
        <translation>Réplication logique</translation>
    </message>
    <message>
        <source>AWS DMS assisted</source>
        <translation>Assisté par AWS DMS</translation>
    </message>
</context>
<context>
    <name>pgshift::core::MigrationReport</name>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Charts</source>
        <translation>Graphiques</translation>
    </message>
    <message>
        <source>FAILED: %1</source>
        <translation>ÉCHEC : %1</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>annulé</translation>
    </message>
    <message>
        <source>not run: no copy or cutover in this session</source>
        <translation>non exécuté : aucune copie ni bascule dans cette session</translation>
    </message>
    <message>
        <source>succeeded: every checklist step done</source>
        <translation>réussi : chaque étape de la checklist faite</translation>
    </message>
    <message>
        <source>succeeded: copied and verified</source>
        <translation>réussi : copié et vérifié</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Méthode</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <source> (PostgreSQL %1)</source>
        <translation> (PostgreSQL %1)</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Cible</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <source>Checklist started</source>
        <translation>Début de la checklist</translation>
    </message>
    <message>
        <source>Checklist finished</source>
        <translation>Fin de la checklist</translation>
    </message>
    <message>
        <source>Write downtime</source>
        <translation>Interruption des écritures</translation>
    </message>
    <message>
        <source>Rollback</source>
        <translation>Retour arrière</translation>
    </message>
    <message>
        <source>writes re-enabled on the source</source>
        <translation>écritures réactivées sur la source</translation>
    </message>
    <message>
        <source>Copy time</source>
        <translation>Durée de la copie</translation>
    </message>
    <message>
        <source>pgshift migration report</source>
        <translation>Rapport de migration pgshift</translation>
    </message>
    <message>
        <source>Generated %1 by pgshift %2.</source>
        <translation>Généré %1 par pgshift %2.</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Quoi</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <source>Preflight</source>
        <translation>Prérequis</translation>
    </message>
    <message>
        <source>No preflight ran in this session.</source>
        <translation>Aucune vérification des prérequis n&apos;a tourné dans cette session.</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Vérification</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>Constat</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copie</translation>
    </message>
    <message numerus="yes">
        <source>Engine %1: %n table(s), %2 rows, %3, %4 sequence(s), %5 large object(s), %6 index(es) built, in %7.</source>
        <translation>
            <numerusform>Moteur %1 : %n table, %2 lignes, %3, %4 séquence(s), %5 large object(s), %6 index construit(s), en %7.</numerusform>
            <numerusform>Moteur %1 : %n tables, %2 lignes, %3, %4 séquence(s), %5 large object(s), %6 index construit(s), en %7.</numerusform>
        </translation>
    </message>
    <message>
        <source>Checklist (dump and restore)</source>
        <translation>Checklist (dump et restauration)</translation>
    </message>
    <message>
        <source>Cutover checklist</source>
        <translation>Checklist de bascule</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Étape</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Heure</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <source>The application&apos;s new connection string (password as before): %1</source>
        <translation>La nouvelle chaîne de connexion de l&apos;application (mot de passe comme avant) : %1</translation>
    </message>
    <message>
        <source>equal</source>
        <translation>égal</translation>
    </message>
    <message>
        <source>checksums differ</source>
        <translation>sommes de contrôle différentes</translation>
    </message>
    <message>
        <source>DIFFERENT</source>
        <translation>DIFFÉRENT</translation>
    </message>
    <message>
        <source>equal, checksums too</source>
        <translation>égal, sommes de contrôle aussi</translation>
    </message>
    <message>
        <source>Row counts</source>
        <translation>Nombres de lignes</translation>
    </message>
    <message numerus="yes">
        <source>Exact counts of all %n table(s) are equal on both servers.</source>
        <translation>
            <numerusform>Les comptages exacts de la %n table sont égaux sur les deux serveurs.</numerusform>
            <numerusform>Les comptages exacts des %n tables sont égaux sur les deux serveurs.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n table(s) differ.</source>
        <translation>
            <numerusform>%1 table sur %n diffère.</numerusform>
            <numerusform>%1 tables sur %n diffèrent.</numerusform>
        </translation>
    </message>
    <message>
        <source>Table</source>
        <translation>Table</translation>
    </message>
    <message>
        <source>Source rows</source>
        <translation>Lignes source</translation>
    </message>
    <message>
        <source>Target rows</source>
        <translation>Lignes cible</translation>
    </message>
    <message>
        <source>Sequences</source>
        <translation>Séquences</translation>
    </message>
    <message>
        <source>never used</source>
        <translation>jamais utilisée</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>ignoré</translation>
    </message>
    <message>
        <source>Sequence</source>
        <translation>Séquence</translation>
    </message>
    <message>
        <source>Owned by</source>
        <translation>Appartient à</translation>
    </message>
    <message>
        <source>Source value</source>
        <translation>Valeur source</translation>
    </message>
    <message>
        <source>Set on target</source>
        <translation>Fixée sur la cible</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Remarque</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Impossible d&apos;écrire %1 : %2</translation>
    </message>
    <message>
        <source>%1, in %2.</source>
        <translation>%1, en %2.</translation>
    </message>
</context>
<context>
    <name>pgshift::core::OpenTransactionsCheck</name>
    <message>
        <source>Prepared and long-running transactions</source>
        <translation>Transactions préparées et longues</translation>
    </message>
    <message numerus="yes">
        <source>No prepared transactions, none running longer than %n minute(s).</source>
        <translation>
            <numerusform>Aucune transaction préparée, aucune ne dure plus de %n minute.</numerusform>
            <numerusform>Aucune transaction préparée, aucune ne dure plus de %n minutes.</numerusform>
        </translation>
    </message>
    <message>
        <source>Prepared transaction %1 by %2 since %3.</source>
        <translation>Transaction préparée %1 par %2 depuis %3.</translation>
    </message>
    <message>
        <source>Session %1 (%2) has been in a transaction for %3 s.</source>
        <translation>La session %1 (%2) est dans une transaction depuis %3 s.</translation>
    </message>
    <message>
        <source>Creating the replication slot waits for every transaction that started before it; a forgotten prepared transaction makes it wait for ever and also holds back vacuum.</source>
        <translation>La création du slot de réplication attend chaque transaction commencée avant elle ; une transaction préparée oubliée la fait attendre indéfiniment et retient aussi le vacuum.</translation>
    </message>
    <message>
        <source>Finish them before starting replication:
%1</source>
        <translation>Terminez-les avant de démarrer la réplication :
%1</translation>
    </message>
</context>
<context>
    <name>pgshift::core::PgError</name>
    <message>
        <source>The server rejected the password for this user.</source>
        <translation>Le serveur a refusé le mot de passe de cet utilisateur.</translation>
    </message>
    <message>
        <source>The server does not allow this login: check pg_hba.conf (or the provider&apos;s network rules) and that the role may log in.</source>
        <translation>Le serveur n&apos;autorise pas cette connexion : vérifiez pg_hba.conf (ou les règles réseau du fournisseur) et que le rôle peut se connecter.</translation>
    </message>
    <message>
        <source>That database does not exist on this server.</source>
        <translation>Cette base n&apos;existe pas sur ce serveur.</translation>
    </message>
    <message>
        <source>The server has no free connection slots left.</source>
        <translation>Le serveur n&apos;a plus d&apos;emplacement de connexion libre.</translation>
    </message>
    <message>
        <source>The user lacks a privilege this step needs.</source>
        <translation>Il manque à l&apos;utilisateur un droit dont cette étape a besoin.</translation>
    </message>
    <message>
        <source>The statement was cancelled.</source>
        <translation>L&apos;instruction a été annulée.</translation>
    </message>
    <message>
        <source>The session or database is read-only.</source>
        <translation>La session ou la base est en lecture seule.</translation>
    </message>
    <message>
        <source>Deadlock: another session held locks this statement needed.</source>
        <translation>Deadlock : une autre session tenait des verrous dont cette instruction avait besoin.</translation>
    </message>
    <message>
        <source>The server is shutting down, restarting or not yet accepting connections.</source>
        <translation>Le serveur s&apos;arrête, redémarre ou n&apos;accepte pas encore de connexions.</translation>
    </message>
    <message>
        <source>The connection to the server failed or was lost.</source>
        <translation>La connexion au serveur a échoué ou a été perdue.</translation>
    </message>
    <message>
        <source>The server&apos;s pg_hba.conf has no rule that lets this user connect from here to this database.</source>
        <translation>Le pg_hba.conf du serveur n&apos;a aucune règle permettant à cet utilisateur de se connecter d&apos;ici à cette base.</translation>
    </message>
    <message>
        <source>Nothing is listening at that address and port: the server is down, or the host or port is wrong.</source>
        <translation>Rien n&apos;écoute à cette adresse et ce port : le serveur est arrêté, ou l&apos;hôte ou le port est faux.</translation>
    </message>
    <message>
        <source>The server did not answer in time: a firewall may be dropping the traffic, or the host is not a PostgreSQL server.</source>
        <translation>Le serveur n&apos;a pas répondu à temps : un pare-feu écarte peut-être le trafic, ou l&apos;hôte n&apos;est pas un serveur PostgreSQL.</translation>
    </message>
    <message>
        <source>The host name could not be resolved: check its spelling and your DNS.</source>
        <translation>Le nom d&apos;hôte n&apos;a pas pu être résolu : vérifiez son orthographe et votre DNS.</translation>
    </message>
    <message>
        <source>The server requires SSL: set sslmode to require or stricter.</source>
        <translation>Le serveur exige SSL : réglez sslmode sur require ou plus strict.</translation>
    </message>
    <message>
        <source>The server has no free connection slots left for ordinary users.</source>
        <translation>Le serveur n&apos;a plus d&apos;emplacement de connexion libre pour les utilisateurs ordinaires.</translation>
    </message>
    <message>
        <source>The server sent no result (out of memory or the connection was lost).</source>
        <translation>Le serveur n&apos;a envoyé aucun résultat (mémoire épuisée ou connexion perdue).</translation>
    </message>
    <message>
        <source>Out of memory while connecting.</source>
        <translation>Mémoire épuisée pendant la connexion.</translation>
    </message>
    <message>
        <source>DETAIL: %1</source>
        <translation>DÉTAIL : %1</translation>
    </message>
    <message>
        <source>HINT: %1</source>
        <translation>ASTUCE : %1</translation>
    </message>
    <message>
        <source>CONTEXT: %1</source>
        <translation>CONTEXTE : %1</translation>
    </message>
    <message>
        <source>SQLSTATE: %1</source>
        <translation>SQLSTATE : %1</translation>
    </message>
    <message>
        <source>The server wants a password and none was given: not directly, not in PGPASSWORD, not in the password file (~/.pgpass).</source>
        <translation>Le serveur veut un mot de passe et aucun n&apos;a été donné : ni directement, ni dans PGPASSWORD, ni dans le fichier de mots de passe (~/.pgpass).</translation>
    </message>
    <message>
        <source>The server accepts this login only over SSL: set sslmode to require or stricter.</source>
        <translation>Le serveur n&apos;accepte cette connexion qu&apos;en SSL : réglez sslmode sur require ou plus strict.</translation>
    </message>
    <message>
        <source>That user (role) does not exist on this server.</source>
        <translation>Cet utilisateur (rôle) n&apos;existe pas sur ce serveur.</translation>
    </message>
    <message>
        <source>These settings require SSL but the server does not offer it: lower sslmode or enable SSL on the server.</source>
        <translation>Ces réglages exigent SSL mais le serveur ne le propose pas : abaissez sslmode ou activez SSL sur le serveur.</translation>
    </message>
    <message>
        <source>The server&apos;s certificate could not be verified: check sslrootcert, or use sslmode=require to encrypt without verifying.</source>
        <translation>Le certificat du serveur n&apos;a pas pu être vérifié : vérifiez sslrootcert, ou utilisez sslmode=require pour chiffrer sans vérifier.</translation>
    </message>
    <message>
        <source>channel_binding=require needs SCRAM authentication over SSL, and the server did not use it.</source>
        <translation>channel_binding=require demande une authentification SCRAM sur SSL, et le serveur ne l&apos;a pas utilisée.</translation>
    </message>
    <message>
        <source>The server&apos;s pg_hba.conf explicitly rejects this user connecting from here to this database.</source>
        <translation>Le pg_hba.conf du serveur refuse explicitement que cet utilisateur se connecte d&apos;ici à cette base.</translation>
    </message>
</context>
<context>
    <name>pgshift::core::PooledEndpointCheck</name>
    <message>
        <source>Direct connection, not a pooler</source>
        <translation>Connexion directe, pas un pooler</translation>
    </message>
    <message>
        <source>The source connection does not look like a connection pooler.</source>
        <translation>La connexion source ne ressemble pas à un pooler de connexions.</translation>
    </message>
    <message>
        <source>The source connection looks pooled: %1.</source>
        <translation>La connexion source semble passer par un pooler : %1.</translation>
    </message>
    <message>
        <source>Replication connections and the exported snapshot of a parallel copy need one real server session throughout; poolers do not offer replication at all.</source>
        <translation>Les connexions de réplication et le snapshot exporté d&apos;une copie parallèle ont besoin d&apos;une vraie session serveur de bout en bout ; les poolers ne proposent pas du tout la réplication.</translation>
    </message>
    <message>
        <source>Use the provider&apos;s direct endpoint: on Neon the host name without &quot;-pooler&quot;, on Supabase db.&lt;project&gt;.supabase.co on port 5432.</source>
        <translation>Utilisez le point de connexion direct du fournisseur : sur Neon le nom d&apos;hôte sans &quot;-pooler&quot;, sur Supabase db.&lt;project&gt;.supabase.co sur le port 5432.</translation>
    </message>
</context>
<context>
    <name>pgshift::core::Preflight</name>
    <message>
        <source>This check could not run: %1</source>
        <translation>Cette vérification n&apos;a pas pu s&apos;exécuter : %1</translation>
    </message>
    <message>
        <source>Its catalog query took longer than the statement timeout.</source>
        <translation>Sa requête sur le catalogue a dépassé le statement timeout.</translation>
    </message>
    <message>
        <source>Without it, this prerequisite is unverified.</source>
        <translation>Sans elle, ce prérequis n&apos;est pas vérifié.</translation>
    </message>
    <message>
        <source>Check the user&apos;s privileges on the catalogs and re-run.</source>
        <translation>Vérifiez les droits de l&apos;utilisateur sur les catalogues et relancez.</translation>
    </message>
    <message>
        <source>The preflight was cancelled.</source>
        <translation>La vérification des prérequis a été annulée.</translation>
    </message>
</context>
<context>
    <name>pgshift::core::ReplicaIdentityCheck</name>
    <message>
        <source>Tables without a primary key or replica identity</source>
        <translation>Tables sans clé primaire ni replica identity</translation>
    </message>
    <message>
        <source>Every table has a primary key or a replica identity.</source>
        <translation>Chaque table a une clé primaire ou une replica identity.</translation>
    </message>
    <message numerus="yes">
        <source>%n table(s) without a primary key or replica identity: %1</source>
        <translation>
            <numerusform>%n table sans clé primaire ni replica identity : %1</numerusform>
            <numerusform>%n tables sans clé primaire ni replica identity : %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Logical replication finds the row to update or delete by its replica identity. Once such a table is published, UPDATE and DELETE on it fail on the source.</source>
        <translation>La réplication logique trouve la ligne à modifier ou supprimer par sa replica identity. Une fois une telle table publiée, UPDATE et DELETE sur elle échouent sur la source.</translation>
    </message>
    <message>
        <source>Best: add a primary key. Else use a unique index on NOT NULL columns (REPLICA IDENTITY USING INDEX), proposed below where one exists. REPLICA IDENTITY FULL works for any table but logs the whole old row for every change and makes the target search for it, which is slow on large tables.
%1</source>
        <translation>Le mieux : ajouter une clé primaire. Sinon, utiliser un index unique sur des colonnes NOT NULL (REPLICA IDENTITY USING INDEX), proposé ci-dessous quand il en existe un. REPLICA IDENTITY FULL fonctionne pour toute table mais journalise toute l&apos;ancienne ligne à chaque modification et oblige la cible à la chercher, ce qui est lent sur les grandes tables.
%1</translation>
    </message>
</context>
<context>
    <name>pgshift::core::ReplicationCapacityCheck</name>
    <message>
        <source>Replication slots, WAL senders and workers</source>
        <translation>Slots de réplication, WAL senders et workers</translation>
    </message>
    <message>
        <source>Source: %1 of %2 replication slots and %3 of %4 WAL senders free.</source>
        <translation>Source : %1 slots de réplication libres sur %2 et %3 WAL senders libres sur %4.</translation>
    </message>
    <message>
        <source>The subscription needs one replication slot and one WAL sender on the source for as long as it runs.</source>
        <translation>La subscription a besoin d&apos;un slot de réplication et d&apos;un WAL sender sur la source tant qu&apos;elle tourne.</translation>
    </message>
    <message>
        <source>Raise max_replication_slots and max_wal_senders on the source (a restart), or drop slots nobody uses: SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE NOT active AND slot_name = &apos;...&apos;;</source>
        <translation>Augmentez max_replication_slots et max_wal_senders sur la source (un redémarrage), ou supprimez les slots que personne n&apos;utilise : SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE NOT active AND slot_name = &apos;...&apos;;</translation>
    </message>
    <message>
        <source>Target: max_worker_processes %1, max_logical_replication_workers %2, max_sync_workers_per_subscription %3.</source>
        <translation>Cible : max_worker_processes %1, max_logical_replication_workers %2, max_sync_workers_per_subscription %3.</translation>
    </message>
    <message>
        <source>The initial copy syncs at most %1 tables at a time.</source>
        <translation>La copie initiale synchronise au plus %1 tables à la fois.</translation>
    </message>
    <message>
        <source>For a faster initial copy raise max_sync_workers_per_subscription (and max_logical_replication_workers and max_worker_processes to match) on the target for the duration of the migration.</source>
        <translation>Pour une copie initiale plus rapide, augmentez max_sync_workers_per_subscription (et en proportion max_logical_replication_workers et max_worker_processes) sur la cible pendant la migration.</translation>
    </message>
</context>
<context>
    <name>pgshift::core::ReplicationCleanup</name>
    <message>
        <source>Dropped subscription %1 on the target, and its slot on the source.</source>
        <translation>Subscription %1 supprimée sur la cible, ainsi que son slot sur la source.</translation>
    </message>
    <message>
        <source>Dropped subscription %1 on the target after detaching it from its slot (%2).</source>
        <translation>Subscription %1 supprimée sur la cible après l&apos;avoir détachée de son slot (%2).</translation>
    </message>
    <message>
        <source>Could not drop subscription %1 on the target: %2</source>
        <translation>Impossible de supprimer la subscription %1 sur la cible : %2</translation>
    </message>
    <message>
        <source>Could not reach the target to drop subscription %1: %2</source>
        <translation>Cible injoignable pour supprimer la subscription %1 : %2</translation>
    </message>
    <message>
        <source>Slot %1 on the source is still in use (the target may still be subscribed); it was left in place.</source>
        <translation>Le slot %1 sur la source est encore utilisé (la cible est peut-être encore abonnée) ; il a été laissé en place.</translation>
    </message>
    <message>
        <source>Dropped replication slot %1 on the source%2.</source>
        <translation>Slot de réplication %1 supprimé sur la source%2.</translation>
    </message>
    <message>
        <source> (detached from the subscription)</source>
        <translation> (détaché de la subscription)</translation>
    </message>
    <message>
        <source>Dropped publication %1 on the source.</source>
        <translation>Publication %1 supprimée sur la source.</translation>
    </message>
    <message>
        <source>Cleanup on the source failed: %1</source>
        <translation>Le nettoyage sur la source a échoué : %1</translation>
    </message>
    <message>
        <source>Could not reach the source to drop publication %1 and slot %2: %3</source>
        <translation>Source injoignable pour supprimer la publication %1 et le slot %2 : %3</translation>
    </message>
    <message>
        <source>source: %1</source>
        <translation>source : %1</translation>
    </message>
    <message>
        <source>target: %1</source>
        <translation>cible : %1</translation>
    </message>
</context>
<context>
    <name>pgshift::core::ReplicationObjectsCheck</name>
    <message>
        <source>Existing slots, publications and subscriptions</source>
        <translation>Slots, publications et subscriptions existants</translation>
    </message>
    <message>
        <source>Slot %1 (%2, %3) keeps %4 of WAL on the source.</source>
        <translation>Le slot %1 (%2, %3) retient %4 de WAL sur la source.</translation>
    </message>
    <message>
        <source>active</source>
        <translation>actif</translation>
    </message>
    <message>
        <source>inactive</source>
        <translation>inactif</translation>
    </message>
    <message>
        <source>Publication %1 from an earlier pgshift run exists on the source.</source>
        <translation>La publication %1 d&apos;une exécution précédente de pgshift existe sur la source.</translation>
    </message>
    <message>
        <source>Subscription %1 from an earlier pgshift run exists on the target.</source>
        <translation>La subscription %1 d&apos;une exécution précédente de pgshift existe sur la cible.</translation>
    </message>
    <message>
        <source>max_slot_wal_keep_size is -1: a stalled slot may keep WAL until the source&apos;s disk is full.</source>
        <translation>max_slot_wal_keep_size vaut -1 : un slot bloqué peut retenir du WAL jusqu&apos;à remplir le disque de la source.</translation>
    </message>
    <message>
        <source>No leftover or WAL-hoarding replication objects.</source>
        <translation>Aucun objet de réplication restant ou accumulant du WAL.</translation>
    </message>
    <message>
        <source>A slot that nobody reads keeps every WAL segment since its position, and objects left by an earlier run collide with the names pgshift uses.</source>
        <translation>Un slot que personne ne lit retient chaque segment WAL depuis sa position, et les objets laissés par une exécution précédente entrent en collision avec les noms qu&apos;utilise pgshift.</translation>
    </message>
    <message>
        <source>Watch the slot&apos;s lag during the migration (pgshift charts it), or cap it: ALTER SYSTEM SET max_slot_wal_keep_size = &apos;50GB&apos;; SELECT pg_reload_conf();</source>
        <translation>Surveillez le retard du slot pendant la migration (pgshift le trace), ou plafonnez-le : ALTER SYSTEM SET max_slot_wal_keep_size = &apos;50GB&apos;; SELECT pg_reload_conf();</translation>
    </message>
</context>
<context>
    <name>pgshift::core::ReplicationProbe</name>
    <message>
        <source>initializing</source>
        <translation>initialisation</translation>
    </message>
    <message>
        <source>copying data</source>
        <translation>copie des données</translation>
    </message>
    <message>
        <source>copy finished</source>
        <translation>copie terminée</translation>
    </message>
    <message>
        <source>synchronized</source>
        <translation>synchronisé</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>prêt</translation>
    </message>
    <message>
        <source>unknown (%1)</source>
        <translation>inconnu (%1)</translation>
    </message>
    <message>
        <source>disconnected; trying again at %1</source>
        <translation>déconnecté ; nouvel essai à %1</translation>
    </message>
</context>
<context>
    <name>pgshift::core::ReportFormat</name>
    <message>
        <source>Why: %1</source>
        <translation>Pourquoi : %1</translation>
    </message>
    <message>
        <source>Fix: %1</source>
        <translation>Correction : %1</translation>
    </message>
    <message>
        <source>**Why:** %1

</source>
        <translation>**Pourquoi :** %1

</translation>
    </message>
    <message>
        <source>**Fix:**

```sql
%1
```

</source>
        <translation>**Correction :**

```sql
%1
```

</translation>
    </message>
    <message>
        <source>**Fix:** %1

</source>
        <translation>**Correction :** %1

</translation>
    </message>
    <message>
        <source>pgshift preflight (%1)</source>
        <translation>Prérequis pgshift (%1)</translation>
    </message>
    <message>
        <source>Why:</source>
        <translation>Pourquoi :</translation>
    </message>
    <message>
        <source>Fix:</source>
        <translation>Correction :</translation>
    </message>
    <message>
        <source>%1, %2, %3, %4 passed</source>
        <translation>%1, %2, %3, %4 réussies</translation>
    </message>
    <message numerus="yes">
        <source>%n blocker(s)</source>
        <translation>
            <numerusform>%n bloquant</numerusform>
            <numerusform>%n bloquants</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s)</source>
        <translation>
            <numerusform>%n avertissement</numerusform>
            <numerusform>%n avertissements</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n note(s)</source>
        <translation>
            <numerusform>%n remarque</numerusform>
            <numerusform>%n remarques</numerusform>
        </translation>
    </message>
    <message>
        <source>
%1, for %2 (%3 ms).
</source>
        <translation>
%1, pour %2 (%3 ms).
</translation>
    </message>
    <message>
        <source># pgshift preflight (%1)

%2.

</source>
        <translation># Prérequis pgshift (%1)

%2.

</translation>
    </message>
</context>
<context>
    <name>pgshift::core::RowCounts</name>
    <message>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
    <message>
        <source>source</source>
        <translation>source</translation>
    </message>
    <message>
        <source>target</source>
        <translation>cible</translation>
    </message>
</context>
<context>
    <name>pgshift::core::RowSecurityCheck</name>
    <message>
        <source>Row-level security</source>
        <translation>Sécurité au niveau des lignes</translation>
    </message>
    <message>
        <source>No table has row-level security enabled.</source>
        <translation>Aucune table n&apos;a la sécurité au niveau des lignes activée.</translation>
    </message>
    <message numerus="yes">
        <source>%n table(s) use row-level security; %1 bypasses it, so every row is copied: %2</source>
        <translation>
            <numerusform>%n table utilise la sécurité au niveau des lignes ; %1 la contourne, donc chaque ligne est copiée : %2</numerusform>
            <numerusform>%n tables utilisent la sécurité au niveau des lignes ; %1 la contourne, donc chaque ligne est copiée : %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n table(s) use row-level security and %1 does not bypass it: %2</source>
        <translation>
            <numerusform>%n table utilise la sécurité au niveau des lignes et %1 ne la contourne pas : %2</numerusform>
            <numerusform>%n tables utilisent la sécurité au niveau des lignes et %1 ne la contourne pas : %2</numerusform>
        </translation>
    </message>
    <message>
        <source>The copy reads only the rows the policies show this user: pg_dump stops with an error, and logical replication copies the visible rows without complaint, often none.</source>
        <translation>La copie ne lit que les lignes que les politiques montrent à cet utilisateur : pg_dump s&apos;arrête sur une erreur, et la réplication logique copie les lignes visibles sans se plaindre, souvent aucune.</translation>
    </message>
    <message>
        <source>As a superuser on the source: %1 (on managed services, migrate with the administrator role, which has it).</source>
        <translation>En superutilisateur sur la source : %1 (sur les services gérés, migrez avec le rôle administrateur, qui l&apos;a).</translation>
    </message>
</context>
<context>
    <name>pgshift::core::SameDatabaseCheck</name>
    <message>
        <source>Target: not the source, no name conflicts</source>
        <translation>Cible : pas la source, pas de conflit de noms</translation>
    </message>
    <message>
        <source>Copying a database onto itself destroys it.</source>
        <translation>Copier une base sur elle-même la détruit.</translation>
    </message>
    <message>
        <source>Connect the target to another server or database.</source>
        <translation>Connectez la cible à un autre serveur ou une autre base.</translation>
    </message>
    <message>
        <source>The target is another database.</source>
        <translation>La cible est une autre base.</translation>
    </message>
    <message numerus="yes">
        <source>%n object(s) exist on both sides under the same name: %1</source>
        <translation>
            <numerusform>%n objet existe des deux côtés sous le même nom : %1</numerusform>
            <numerusform>%n objets existent des deux côtés sous le même nom : %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Creating them on the target fails; pgshift never drops the target&apos;s objects for you.</source>
        <translation>Les créer sur la cible échoue ; pgshift ne supprime jamais les objets de la cible à votre place.</translation>
    </message>
    <message>
        <source>Migrate into an empty database, or drop these objects on the target after making sure nothing there is needed.</source>
        <translation>Migrez dans une base vide, ou supprimez ces objets sur la cible après vous être assuré que rien n&apos;y est nécessaire.</translation>
    </message>
</context>
<context>
    <name>pgshift::core::Sandbox</name>
    <message>
        <source>Cannot create %1.</source>
        <translation>Impossible de créer %1.</translation>
    </message>
    <message>
        <source>Cannot create a directory in %1.</source>
        <translation>Impossible de créer un répertoire dans %1.</translation>
    </message>
    <message>
        <source>Cannot write in %1.</source>
        <translation>Impossible d&apos;écrire dans %1.</translation>
    </message>
    <message>
        <source>Starting the source server…</source>
        <translation>Démarrage du serveur source…</translation>
    </message>
    <message>
        <source>The source server did not start: %1</source>
        <translation>Le serveur source n&apos;a pas démarré : %1</translation>
    </message>
    <message>
        <source>Starting the target server…</source>
        <translation>Démarrage du serveur cible…</translation>
    </message>
    <message>
        <source>The target server did not start: %1</source>
        <translation>Le serveur cible n&apos;a pas démarré : %1</translation>
    </message>
    <message>
        <source>Creating the sample shop on the source…</source>
        <translation>Création de la boutique d&apos;exemple sur la source…</translation>
    </message>
    <message>
        <source>The sample data could not be created: %1</source>
        <translation>Les données d&apos;exemple n&apos;ont pas pu être créées : %1</translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation>Impossible d&apos;écrire %1.</translation>
    </message>
    <message>
        <source>Sandbox ready in %1.</source>
        <translation>Bac à sable prêt dans %1.</translation>
    </message>
    <message>
        <source>%1 is not a pgshift sandbox.</source>
        <translation>%1 n&apos;est pas un bac à sable pgshift.</translation>
    </message>
    <message>
        <source>Could not delete all of %1.</source>
        <translation>Impossible de supprimer entièrement %1.</translation>
    </message>
</context>
<context>
    <name>pgshift::core::SequenceSync</name>
    <message>
        <source>not readable by this role (grant it SELECT on the sequence): left as it is</source>
        <translation>illisible pour ce rôle (accordez-lui SELECT sur la séquence) : laissée telle quelle</translation>
    </message>
    <message>
        <source>never used: stays at its start value, %1</source>
        <translation>jamais utilisée : reste à sa valeur de départ, %1</translation>
    </message>
    <message>
        <source>a margin of %1 would pass MAXVALUE %2: set to %2</source>
        <translation>une marge de %1 dépasserait MAXVALUE %2 : fixée à %2</translation>
    </message>
    <message>
        <source>a margin of %1 would pass MINVALUE %2: set to %2</source>
        <translation>une marge de %1 dépasserait MINVALUE %2 : fixée à %2</translation>
    </message>
    <message>
        <source>; it cycles, so its next value starts over at %1</source>
        <translation>; elle est cyclique, sa prochaine valeur repart donc de %1</translation>
    </message>
    <message>
        <source>; its next nextval() fails until its limit is widened</source>
        <translation>; son prochain nextval() échoue tant que sa limite n&apos;est pas élargie</translation>
    </message>
    <message>
        <source>The target has no sequence %1.</source>
        <translation>La cible n&apos;a pas de séquence %1.</translation>
    </message>
    <message>
        <source>the target is already at %1, past %2: left as it is</source>
        <translation>la cible est déjà à %1, au-delà de %2 : laissée telle quelle</translation>
    </message>
    <message>
        <source>never used on the source, already used on the target (at %1): left as it is</source>
        <translation>jamais utilisée sur la source, déjà utilisée sur la cible (à %1) : laissée telle quelle</translation>
    </message>
    <message>
        <source>%1: missing on the target</source>
        <translation>%1 : absente de la cible</translation>
    </message>
    <message>
        <source>%1: at %2 on the source, never used on the target</source>
        <translation>%1 : à %2 sur la source, jamais utilisée sur la cible</translation>
    </message>
    <message>
        <source>%1: %2 on the target is not ahead of %3 on the source</source>
        <translation>%1 : %2 sur la cible n&apos;est pas devant %3 sur la source</translation>
    </message>
</context>
<context>
    <name>pgshift::core::SourcePrivilegesCheck</name>
    <message>
        <source>Privileges of the source user</source>
        <translation>Droits de l&apos;utilisateur source</translation>
    </message>
    <message>
        <source>%1 has no replication right (REPLICATION, superuser or rds_replication).</source>
        <translation>%1 n&apos;a pas de droit de réplication (REPLICATION, superutilisateur ou rds_replication).</translation>
    </message>
    <message>
        <source>%1 can read every table and sequence%2.</source>
        <translation>%1 peut lire chaque table et séquence%2.</translation>
    </message>
    <message>
        <source> and replicate</source>
        <translation> et répliquer</translation>
    </message>
    <message>
        <source>pg_dump and the initial copy read every table and sequence as this user; a missing privilege stops the copy halfway.</source>
        <translation>pg_dump et la copie initiale lisent chaque table et séquence en tant que cet utilisateur ; un droit manquant arrête la copie à mi-chemin.</translation>
    </message>
    <message>
        <source>Run as a superuser or the objects&apos; owner on the source:
%1</source>
        <translation>Exécutez en superutilisateur ou en propriétaire des objets sur la source :
%1</translation>
    </message>
    <message>
        <source>Schema %1: the user cannot read %2 and %3.</source>
        <translation>Schéma %1 : l&apos;utilisateur ne peut pas lire %2 et %3.</translation>
    </message>
    <message numerus="yes">
        <source>%n table(s)</source>
        <translation>
            <numerusform>%n table</numerusform>
            <numerusform>%n tables</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n sequence(s)</source>
        <translation>
            <numerusform>%n séquence</numerusform>
            <numerusform>%n séquences</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pgshift::core::StreamCopy</name>
    <message>
        <source>%1 was not copied: no copy worker was left to do it.</source>
        <translation>%1 n&apos;a pas été copiée : il ne restait aucun worker de copie pour le faire.</translation>
    </message>
    <message>
        <source>A copy worker could not connect: %1</source>
        <translation>Un worker de copie n&apos;a pas pu se connecter : %1</translation>
    </message>
</context>
<context>
    <name>pgshift::core::TableCopy</name>
    <message>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
    <message>
        <source>%1: no such table, or no column to copy</source>
        <translation>%1 : table inexistante, ou aucune colonne à copier</translation>
    </message>
    <message>
        <source>Copying %1 was cancelled.</source>
        <translation>La copie de %1 a été annulée.</translation>
    </message>
    <message>
        <source>%1: %2 rows read but %3 written</source>
        <translation>%1 : %2 lignes lues mais %3 écrites</translation>
    </message>
</context>
<context>
    <name>pgshift::core::TargetInventory</name>
    <message>
        <source>schema</source>
        <translation>schéma</translation>
    </message>
    <message>
        <source>extension</source>
        <translation>extension</translation>
    </message>
    <message>
        <source>table</source>
        <translation>table</translation>
    </message>
    <message>
        <source>view</source>
        <translation>vue</translation>
    </message>
    <message>
        <source>materialized view</source>
        <translation>vue matérialisée</translation>
    </message>
    <message>
        <source>sequence</source>
        <translation>séquence</translation>
    </message>
    <message>
        <source>foreign table</source>
        <translation>table distante</translation>
    </message>
    <message>
        <source>type</source>
        <translation>type</translation>
    </message>
    <message>
        <source>function</source>
        <translation>fonction</translation>
    </message>
    <message>
        <source>procedure</source>
        <translation>procédure</translation>
    </message>
    <message>
        <source>aggregate</source>
        <translation>agrégat</translation>
    </message>
    <message>
        <source>large object</source>
        <translation>large object</translation>
    </message>
</context>
<context>
    <name>pgshift::core::TargetPrivilegesCheck</name>
    <message>
        <source>Privileges of the target user</source>
        <translation>Droits de l&apos;utilisateur cible</translation>
    </message>
    <message>
        <source>%1 may not create schemas in database %2.</source>
        <translation>%1 ne peut pas créer de schémas dans la base %2.</translation>
    </message>
    <message>
        <source>%1 may not create tables in schema public, where the source has tables.</source>
        <translation>%1 ne peut pas créer de tables dans le schéma public, où la source a des tables.</translation>
    </message>
    <message>
        <source>%1 may not create subscriptions.</source>
        <translation>%1 ne peut pas créer de subscriptions.</translation>
    </message>
    <message>
        <source>Before PostgreSQL 16 only a superuser may create subscriptions; %1 is not one.</source>
        <translation>Avant PostgreSQL 16, seul un superutilisateur peut créer des subscriptions ; %1 n&apos;en est pas un.</translation>
    </message>
    <message>
        <source>%1 can create the schema%2.</source>
        <translation>%1 peut créer le schéma%2.</translation>
    </message>
    <message>
        <source> and the subscription</source>
        <translation> et la subscription</translation>
    </message>
    <message>
        <source>The schema and the data are created on the target as this user.</source>
        <translation>Le schéma et les données sont créés sur la cible en tant que cet utilisateur.</translation>
    </message>
    <message>
        <source>Connect to the target as a superuser.</source>
        <translation>Connectez-vous à la cible en superutilisateur.</translation>
    </message>
    <message>
        <source>Run as an administrator on the target (PlanetScale: give the role pg_create_subscription on its Roles page):
%1</source>
        <translation>Exécutez en administrateur sur la cible (PlanetScale : donnez au rôle pg_create_subscription sur sa page Roles) :
%1</translation>
    </message>
</context>
<context>
    <name>pgshift::core::UnreplicatedData</name>
    <message>
        <source>Cancelled.</source>
        <translation>Annulé.</translation>
    </message>
    <message>
        <source>Owned by the target&apos;s user instead of %1: that role does not exist on the target or the target&apos;s user cannot assign it.</source>
        <translation>Appartient à l&apos;utilisateur de la cible au lieu de %1 : ce rôle n&apos;existe pas sur la cible ou l&apos;utilisateur de la cible ne peut pas l&apos;attribuer.</translation>
    </message>
    <message>
        <source>Grants to %1 left out: no such role on the target.</source>
        <translation>Droits accordés à %1 omis : ce rôle n&apos;existe pas sur la cible.</translation>
    </message>
    <message>
        <source>not refreshed, it reads %1, which failed</source>
        <translation>non rafraîchie, elle lit %1, qui a échoué</translation>
    </message>
    <message>
        <source>not refreshed, its inputs could not be ordered</source>
        <translation>non rafraîchie, ses entrées n&apos;ont pas pu être ordonnées</translation>
    </message>
</context>
<context>
    <name>pgshift::core::UnreplicatedObjectsCheck</name>
    <message>
        <source>Large objects, unlogged, foreign and partitioned tables</source>
        <translation>Large objects, tables unlogged, distantes et partitionnées</translation>
    </message>
    <message>
        <source>Large objects: %1; unlogged tables: %2; foreign tables: %3; materialized views: %4; partitioned tables: %5.</source>
        <translation>Large objects : %1 ; tables unlogged : %2 ; tables distantes : %3 ; vues matérialisées : %4 ; tables partitionnées : %5.</translation>
    </message>
    <message>
        <source>Large objects are not replicated: copy them with pg_dump --large-objects after writes stop, or move the data to bytea columns.</source>
        <translation>Les large objects ne sont pas répliqués : copiez-les avec pg_dump --large-objects après l&apos;arrêt des écritures, ou déplacez les données dans des colonnes bytea.</translation>
    </message>
    <message>
        <source>Unlogged tables write no WAL, so they arrive empty: copy them by hand or make them logged (ALTER TABLE ... SET LOGGED).</source>
        <translation>Les tables unlogged n&apos;écrivent pas de WAL, elles arrivent donc vides : copiez-les à la main ou rendez-les logged (ALTER TABLE ... SET LOGGED).</translation>
    </message>
    <message>
        <source>Foreign tables are created, their data stays on the remote server: the target needs the same foreign servers and user mappings.</source>
        <translation>Les tables distantes sont créées, leurs données restent sur le serveur distant : la cible a besoin des mêmes foreign servers et user mappings.</translation>
    </message>
    <message>
        <source>Materialized views are created empty: REFRESH MATERIALIZED VIEW them on the target before cutover.</source>
        <translation>Les vues matérialisées sont créées vides : faites-leur un REFRESH MATERIALIZED VIEW sur la cible avant la bascule.</translation>
    </message>
    <message>
        <source>Partitioned tables: pgshift publishes them with publish_via_partition_root = true, so changes arrive through the parent.</source>
        <translation>Tables partitionnées : pgshift les publie avec publish_via_partition_root = true, les modifications arrivent donc par la table parente.</translation>
    </message>
    <message>
        <source>Each of these needs a step of its own, or its data is missing on the target.</source>
        <translation>Chacun de ces éléments demande une étape propre, sinon ses données manquent sur la cible.</translation>
    </message>
    <message>
        <source>Large objects are not replicated: pgshift&apos;s cutover copies them after writes stop, so their size adds to the downtime (or move the data to bytea columns).</source>
        <translation>Les large objects ne sont pas répliqués : la bascule de pgshift les copie après l&apos;arrêt des écritures, leur taille s&apos;ajoute donc à l&apos;interruption (ou déplacez les données dans des colonnes bytea).</translation>
    </message>
    <message>
        <source>Materialized views are created empty: pgshift&apos;s cutover refreshes them on the target before writes stop.</source>
        <translation>Les vues matérialisées sont créées vides : la bascule de pgshift les rafraîchit sur la cible avant l&apos;arrêt des écritures.</translation>
    </message>
</context>
<context>
    <name>pgshift::core::VersionCheck</name>
    <message>
        <source>PostgreSQL versions</source>
        <translation>Versions de PostgreSQL</translation>
    </message>
    <message>
        <source>The source runs PostgreSQL %1, the target PostgreSQL %2.</source>
        <translation>La source tourne sous PostgreSQL %1, la cible sous PostgreSQL %2.</translation>
    </message>
    <message>
        <source>A schema dumped from a newer server uses syntax and catalog features an older server does not have; PostgreSQL supports moving only to the same or a newer major version.</source>
        <translation>Un schéma sauvegardé depuis un serveur plus récent utilise une syntaxe et des fonctions du catalogue qu&apos;un serveur plus ancien n&apos;a pas ; PostgreSQL ne prend en charge que le passage à la même version majeure ou à une plus récente.</translation>
    </message>
    <message>
        <source>Choose a target running PostgreSQL %1 or newer (PlanetScale Postgres runs 17 and 18).</source>
        <translation>Choisissez une cible sous PostgreSQL %1 ou plus récent (PlanetScale Postgres tourne en 17 et 18).</translation>
    </message>
    <message>
        <source>Publications and subscriptions exist from PostgreSQL 10 on.</source>
        <translation>Les publications et subscriptions existent depuis PostgreSQL 10.</translation>
    </message>
    <message>
        <source>Use dump and restore, or upgrade the source to PostgreSQL 10 or newer first.</source>
        <translation>Utilisez dump et restauration, ou mettez d&apos;abord la source à niveau vers PostgreSQL 10 ou plus récent.</translation>
    </message>
    <message>
        <source>Moving to a newer major version is supported; test the application against PostgreSQL %1 before the cutover.</source>
        <translation>Le passage à une version majeure plus récente est pris en charge ; testez l&apos;application avec PostgreSQL %1 avant la bascule.</translation>
    </message>
</context>
<context>
    <name>pgshift::core::WalLevelCheck</name>
    <message>
        <source>wal_level on the source</source>
        <translation>wal_level sur la source</translation>
    </message>
    <message>
        <source>wal_level is %1 on the source.</source>
        <translation>wal_level vaut %1 sur la source.</translation>
    </message>
    <message>
        <source>Logical decoding reads row changes from the WAL, which holds them only with wal_level = logical. Changing it needs a server restart.</source>
        <translation>Le décodage logique lit les modifications de lignes dans le WAL, qui ne les contient qu&apos;avec wal_level = logical. Le changer demande un redémarrage du serveur.</translation>
    </message>
    <message>
        <source>In the RDS console, set rds.logical_replication = 1 in the instance&apos;s parameter group (a custom group: the default one cannot be changed), then reboot the instance.</source>
        <translation>Dans la console RDS, réglez rds.logical_replication = 1 dans le groupe de paramètres de l&apos;instance (un groupe personnalisé : celui par défaut ne peut pas être modifié), puis redémarrez l&apos;instance.</translation>
    </message>
    <message>
        <source>In the RDS console, set rds.logical_replication = 1 in the DB cluster parameter group attached to the cluster, then reboot the writer instance.</source>
        <translation>Dans la console RDS, réglez rds.logical_replication = 1 dans le groupe de paramètres de cluster de base de données attaché au cluster, puis redémarrez l&apos;instance d&apos;écriture.</translation>
    </message>
    <message>
        <source>In the Neon console open Settings, Logical Replication, and enable it. This restarts the project&apos;s computes and cannot be turned off again.</source>
        <translation>Dans la console Neon, ouvrez Settings, Logical Replication, et activez-la. Cela redémarre les computes du projet et ne peut plus être désactivé.</translation>
    </message>
    <message>
        <source>Set the database flag cloudsql.logical_decoding = on on the instance (this restarts it).</source>
        <translation>Réglez l&apos;indicateur de base de données cloudsql.logical_decoding = on sur l&apos;instance (cela la redémarre).</translation>
    </message>
    <message>
        <source>In the Azure portal set the server parameter wal_level = logical, save, and restart the server.</source>
        <translation>Dans le portail Azure, réglez le paramètre de serveur wal_level = logical, enregistrez et redémarrez le serveur.</translation>
    </message>
    <message>
        <source>Run ALTER SYSTEM SET wal_level = logical; as a superuser (or set it in postgresql.conf), then restart PostgreSQL, for example with systemctl restart postgresql.</source>
        <translation>Exécutez ALTER SYSTEM SET wal_level = logical; en superutilisateur (ou réglez-le dans postgresql.conf), puis redémarrez PostgreSQL, par exemple avec systemctl restart postgresql.</translation>
    </message>
</context>
<context>
    <name>pgshift::core::WalSenderTimeoutCheck</name>
    <message>
        <source>wal_sender_timeout on the source</source>
        <translation>wal_sender_timeout sur la source</translation>
    </message>
    <message>
        <source>wal_sender_timeout is 0 (no timeout).</source>
        <translation>wal_sender_timeout vaut 0 (pas de délai).</translation>
    </message>
    <message>
        <source>wal_sender_timeout is %1.</source>
        <translation>wal_sender_timeout vaut %1.</translation>
    </message>
    <message>
        <source>While a large table is copied the subscriber answers the source rarely; a walsender that hears nothing for wal_sender_timeout is ended, and the table&apos;s copy starts again from the beginning (source database: %1).</source>
        <translation>Pendant la copie d&apos;une grande table, l&apos;abonné répond rarement à la source ; un walsender qui n&apos;entend rien pendant wal_sender_timeout est terminé, et la copie de la table recommence depuis le début (base source : %1).</translation>
    </message>
    <message>
        <source>For the initial copy raise it (no restart needed; on managed services change the parameter group or server parameter instead):
%1</source>
        <translation>Pour la copie initiale, augmentez-le (pas de redémarrage nécessaire ; sur les services gérés, modifiez plutôt le groupe de paramètres ou le paramètre de serveur) :
%1</translation>
    </message>
</context>
<context>
    <name>pgshift::core::WriteBlocker</name>
    <message>
        <source>Writes stopped on the source: confirmed by you (the application is stopped)</source>
        <translation>Écritures arrêtées sur la source : confirmé par vous (l&apos;application est arrêtée)</translation>
    </message>
    <message>
        <source>Stop writes on the source: roles %1 read-only in this database, their sessions ended</source>
        <translation>Arrêter les écritures sur la source : rôles %1 en lecture seule dans cette base, leurs sessions terminées</translation>
    </message>
    <message>
        <source>Stop writes on the source: the database read-only for new transactions, every other session ended</source>
        <translation>Arrêter les écritures sur la source : la base en lecture seule pour les nouvelles transactions, toutes les autres sessions terminées</translation>
    </message>
    <message>
        <source>pid %1, user %2, application &apos;%3&apos;, from %4 (%5)</source>
        <translation>pid %1, utilisateur %2, application &apos;%3&apos;, depuis %4 (%5)</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
    <message>
        <source>Cannot reach the source to re-enable writes: %1</source>
        <translation>Source injoignable pour réactiver les écritures : %1</translation>
    </message>
</context>
<context>
    <name>pgshift::widgets::ChartExport</name>
    <message>
        <source>Export failed</source>
        <translation>L&apos;export a échoué</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>Image PNG (*.png)</translation>
    </message>
    <message>
        <source>Could not write %1.</source>
        <translation>Impossible d&apos;écrire %1.</translation>
    </message>
</context>
<context>
    <name>pgshift::widgets::CheckReportView</name>
    <message>
        <source>Blockers (%1)</source>
        <translation>Bloquants (%1)</translation>
    </message>
    <message>
        <source>Warnings (%1)</source>
        <translation>Avertissements (%1)</translation>
    </message>
    <message>
        <source>Notes (%1)</source>
        <translation>Remarques (%1)</translation>
    </message>
    <message>
        <source>Passed (%1)</source>
        <translation>Réussies (%1)</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>Vérifications</translation>
    </message>
    <message>
        <source>Finding, reason and fix</source>
        <translation>Constat, raison et correction</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>Constat</translation>
    </message>
    <message>
        <source>Why it matters</source>
        <translation>Pourquoi c&apos;est important</translation>
    </message>
    <message>
        <source>Fix (SQL, on the %1)</source>
        <translation>Correction (SQL, sur la %1)</translation>
    </message>
    <message>
        <source>source</source>
        <translation>source</translation>
    </message>
    <message>
        <source>target</source>
        <translation>cible</translation>
    </message>
    <message>
        <source>Fix</source>
        <translation>Correction</translation>
    </message>
</context>
<context>
    <name>pgshift::widgets::ConnectionForm</name>
    <message>
        <source>Provider</source>
        <translation>Fournisseur</translation>
    </message>
    <message>
        <source>P&amp;rovider:</source>
        <translation>&amp;Fournisseur :</translation>
    </message>
    <message>
        <source>Connection string</source>
        <translation>Chaîne de connexion</translation>
    </message>
    <message>
        <source>Paste postgresql://user:password@host:5432/db or host=... dbname=...</source>
        <translation>Collez postgresql://user:password@host:5432/db ou host=... dbname=...</translation>
    </message>
    <message>
        <source>&amp;Fill in</source>
        <translation>&amp;Remplir</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Hôte</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>Base de données</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Utilisateur</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Mot de passe</translation>
    </message>
    <message>
        <source>empty: ~/.pgpass or PGPASSWORD</source>
        <translation>vide : ~/.pgpass ou PGPASSWORD</translation>
    </message>
    <message>
        <source>Show the password</source>
        <translation>Afficher le mot de passe</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>optional: a name from pg_service.conf</source>
        <translation>facultatif : un nom de pg_service.conf</translation>
    </message>
    <message>
        <source>P&amp;ort:</source>
        <translation>P&amp;ort :</translation>
    </message>
    <message>
        <source>&amp;Host:</source>
        <translation>&amp;Hôte :</translation>
    </message>
    <message>
        <source>&amp;Database:</source>
        <translation>&amp;Base de données :</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>&amp;Utilisateur :</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>&amp;Mot de passe :</translation>
    </message>
    <message>
        <source>Ser&amp;vice:</source>
        <translation>Ser&amp;vice :</translation>
    </message>
    <message>
        <source>SSL mode</source>
        <translation>Mode SSL</translation>
    </message>
    <message>
        <source>(default: prefer)</source>
        <translation>(par défaut : prefer)</translation>
    </message>
    <message>
        <source>SSL root certificate</source>
        <translation>Certificat racine SSL</translation>
    </message>
    <message>
        <source>optional: CA certificate file for verify-ca / verify-full</source>
        <translation>facultatif : fichier de certificat d&apos;AC pour verify-ca / verify-full</translation>
    </message>
    <message>
        <source>Channel binding</source>
        <translation>Channel binding</translation>
    </message>
    <message>
        <source>Root &amp;certificate:</source>
        <translation>Certificat raci&amp;ne :</translation>
    </message>
    <message>
        <source>Filled in from the connection string.</source>
        <translation>Rempli à partir de la chaîne de connexion.</translation>
    </message>
    <message>
        <source>Kept without a field of their own: %1.</source>
        <translation>Conservés sans champ propre : %1.</translation>
    </message>
    <message>
        <source>PGHOST: %1</source>
        <translation>PGHOST : %1</translation>
    </message>
    <message>
        <source>Root certificate</source>
        <translation>Certificat racine</translation>
    </message>
    <message>
        <source>Certificates (*.crt *.pem *.cer);;All files (*)</source>
        <translation>Certificats (*.crt *.pem *.cer);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Connection str&amp;ing:</source>
        <translation>&amp;Chaîne de connexion :</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Parcourir…</translation>
    </message>
    <message>
        <source>Channel bindin&amp;g:</source>
        <translation>Channel bindin&amp;g :</translation>
    </message>
    <message>
        <source>SSL mod&amp;e:</source>
        <translation>Mo&amp;de SSL :</translation>
    </message>
</context>
<context>
    <name>pgshift::widgets::ConnectionTestView</name>
    <message>
        <source>superuser</source>
        <translation>superutilisateur</translation>
    </message>
    <message>
        <source>replication</source>
        <translation>réplication</translation>
    </message>
    <message>
        <source>member of rds_replication</source>
        <translation>membre de rds_replication</translation>
    </message>
    <message>
        <source>member of pg_create_subscription</source>
        <translation>membre de pg_create_subscription</translation>
    </message>
    <message>
        <source>bypasses row-level security</source>
        <translation>contourne la sécurité au niveau des lignes</translation>
    </message>
    <message>
        <source>no special attributes</source>
        <translation>aucun attribut particulier</translation>
    </message>
    <message>
        <source>Server:</source>
        <translation>Serveur :</translation>
    </message>
    <message>
        <source>Database:</source>
        <translation>Base :</translation>
    </message>
    <message>
        <source>User:</source>
        <translation>Utilisateur :</translation>
    </message>
    <message>
        <source>wal_level:</source>
        <translation>wal_level :</translation>
    </message>
    <message>
        <source>Round trip:</source>
        <translation>Aller-retour :</translation>
    </message>
    <message>
        <source>Server message</source>
        <translation>Message du serveur</translation>
    </message>
    <message>
        <source>Testing the connection…</source>
        <translation>Test de la connexion…</translation>
    </message>
    <message>
        <source>The connection failed.</source>
        <translation>La connexion a échoué.</translation>
    </message>
    <message>
        <source>Connected.</source>
        <translation>Connecté.</translation>
    </message>
    <message>
        <source>PostgreSQL %1%2</source>
        <translation>PostgreSQL %1%2</translation>
    </message>
    <message>
        <source> (standby, read-only)</source>
        <translation> (standby, lecture seule)</translation>
    </message>
    <message numerus="yes">
        <source>%1, %2, %n user table(s)</source>
        <translation>
            <numerusform>%1, %2, %n table utilisateur</numerusform>
            <numerusform>%1, %2, %n tables utilisateur</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 ms (connecting took %2 ms)</source>
        <translation>%1 ms (la connexion a pris %2 ms)</translation>
    </message>
</context>
<context>
    <name>pgshift::widgets::CopyTableModel</name>
    <message>
        <source>Waiting</source>
        <translation>En attente</translation>
    </message>
    <message>
        <source>Copying</source>
        <translation>Copie</translation>
    </message>
    <message>
        <source>Building indexes</source>
        <translation>Construction des index</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Copiée</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Échec</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Annulée</translation>
    </message>
    <message>
        <source>match</source>
        <translation>égal</translation>
    </message>
    <message>
        <source>MISMATCH</source>
        <translation>ÉCART</translation>
    </message>
    <message>
        <source>About %1 rows expected</source>
        <translation>Environ %1 lignes attendues</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>Table</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Rows copied</source>
        <translation>Lignes copiées</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Données</translation>
    </message>
    <message>
        <source>Source rows</source>
        <translation>Lignes source</translation>
    </message>
    <message>
        <source>Target rows</source>
        <translation>Lignes cible</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Vérification</translation>
    </message>
</context>
<context>
    <name>pgshift::widgets::FixDialog</name>
    <message>
        <source>Run fix</source>
        <translation>Exécuter la correction</translation>
    </message>
    <message>
        <source>Statements to run</source>
        <translation>Instructions à exécuter</translation>
    </message>
    <message>
        <source>SQL that will run</source>
        <translation>SQL qui sera exécuté</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>&amp;Exécuter</translation>
    </message>
    <message>
        <source>Exactly this will run:</source>
        <translation>Exactement ceci sera exécuté :</translation>
    </message>
</context>
<context>
    <name>pgshift::widgets::LagChart</name>
    <message>
        <source>Lag (KiB)</source>
        <translation>Retard (KiB)</translation>
    </message>
    <message>
        <source>Lag (seconds)</source>
        <translation>Retard (secondes)</translation>
    </message>
    <message>
        <source>Replication lag</source>
        <translation>Retard de réplication</translation>
    </message>
    <message>
        <source>KiB</source>
        <translation>KiB</translation>
    </message>
    <message>
        <source>s</source>
        <translation>s</translation>
    </message>
</context>
<context>
    <name>pgshift::widgets::LogView</name>
    <message>
        <source>Minimum level</source>
        <translation>Niveau minimal</translation>
    </message>
    <message>
        <source>Debug and above</source>
        <translation>Debug et au-dessus</translation>
    </message>
    <message>
        <source>Info and above</source>
        <translation>Info et au-dessus</translation>
    </message>
    <message>
        <source>Warnings and errors</source>
        <translation>Avertissements et erreurs</translation>
    </message>
    <message>
        <source>Errors only</source>
        <translation>Erreurs seulement</translation>
    </message>
    <message>
        <source>Search the log</source>
        <translation>Rechercher dans le journal</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Copier</translation>
    </message>
    <message>
        <source>Copy the lines shown to the clipboard</source>
        <translation>Copier les lignes affichées dans le presse-papiers</translation>
    </message>
    <message>
        <source>C&amp;lear</source>
        <translation>&amp;Effacer</translation>
    </message>
    <message numerus="yes">
        <source>%n line(s)</source>
        <translation>
            <numerusform>%n ligne</numerusform>
            <numerusform>%n lignes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pgshift::widgets::PasswordKeychain</name>
    <message>
        <source>pgshift was built without keychain support.</source>
        <translation>pgshift a été construit sans prise en charge du trousseau.</translation>
    </message>
</context>
<context>
    <name>pgshift::widgets::ProfileBar</name>
    <message>
        <source>Password taken from the system keychain.</source>
        <translation>Mot de passe pris dans le trousseau du système.</translation>
    </message>
    <message>
        <source>Password saved in the system keychain.</source>
        <translation>Mot de passe enregistré dans le trousseau du système.</translation>
    </message>
    <message>
        <source>The keychain did not take the password: %1</source>
        <translation>Le trousseau n&apos;a pas accepté le mot de passe : %1</translation>
    </message>
    <message>
        <source>Saved connection</source>
        <translation>Connexion enregistrée</translation>
    </message>
    <message>
        <source>&amp;Save as…</source>
        <translation>Enreg&amp;istrer sous…</translation>
    </message>
    <message>
        <source>Remember &amp;password in the system keychain</source>
        <translation>Retenir le mot de p&amp;asse dans le trousseau du système</translation>
    </message>
    <message>
        <source>Save connection</source>
        <translation>Enregistrer la connexion</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Nom :</translation>
    </message>
    <message>
        <source>Saved &quot;%1&quot; (without the password).</source>
        <translation>&quot;%1&quot; enregistrée (sans le mot de passe).</translation>
    </message>
    <message>
        <source>Loaded &quot;%1&quot;.</source>
        <translation>&quot;%1&quot; chargée.</translation>
    </message>
    <message>
        <source>Deleted &quot;%1&quot;.</source>
        <translation>&quot;%1&quot; supprimée.</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <source>S&amp;aved:</source>
        <translation>&amp;Enregistrées :</translation>
    </message>
</context>
<context>
    <name>pgshift::widgets::RowCountChart</name>
    <message>
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Cible</translation>
    </message>
    <message>
        <source>Rows per table: source and target</source>
        <translation>Lignes par table : source et cible</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1 (%2 / %3)</source>
        <translation>%1 (%2 / %3)</translation>
    </message>
    <message>
        <source>Rows per table, largest difference first</source>
        <translation>Lignes par table, plus grand écart d&apos;abord</translation>
    </message>
</context>
<context>
    <name>pgshift::wizard::AboutDialog</name>
    <message>
        <source>About pgshift</source>
        <translation>À propos de pgshift</translation>
    </message>
    <message>
        <source>Moves a PostgreSQL database to another PostgreSQL server by dump and restore, by logical replication, or with AWS DMS.</source>
        <translation>Déplace une base PostgreSQL vers un autre serveur PostgreSQL par dump et restauration, par réplication logique, ou avec AWS DMS.</translation>
    </message>
    <message>
        <source>&amp;Copy versions</source>
        <translation>&amp;Copier les versions</translation>
    </message>
    <message>
        <source>Qt %1 (built with %2)</source>
        <translation>Qt %1 (compilé avec %2)</translation>
    </message>
    <message>
        <source>libpq %1</source>
        <translation>libpq %1</translation>
    </message>
    <message>
        <source>spdlog %1</source>
        <translation>spdlog %1</translation>
    </message>
</context>
<context>
    <name>pgshift::wizard::ChecklistPanel</name>
    <message>
        <source>Target connection string</source>
        <translation>Chaîne de connexion de la cible</translation>
    </message>
    <message>
        <source>C&amp;opy</source>
        <translation>C&amp;opier</translation>
    </message>
    <message>
        <source>Re-enable &amp;writes on the source</source>
        <translation>Réactiver les &amp;écritures sur la source</translation>
    </message>
    <message>
        <source>Lifts pgshift&apos;s write block: for whoever still needs to write to the old primary</source>
        <translation>Lève le blocage des écritures de pgshift : pour qui doit encore écrire sur l&apos;ancien primaire</translation>
    </message>
    <message>
        <source>Target for the application:</source>
        <translation>Cible pour l&apos;application :</translation>
    </message>
    <message>
        <source>Write downtime: %1 s</source>
        <translation>Interruption des écritures : %1 s</translation>
    </message>
    <message>
        <source>Copy complete and every checklist step done. Point the application at the target (its password as before).</source>
        <translation>Copie terminée et chaque étape de la checklist faite. Faites pointer l&apos;application vers la cible (son mot de passe comme avant).</translation>
    </message>
    <message>
        <source>Cutover complete. Point the application at the target (its password as before).</source>
        <translation>Bascule terminée. Faites pointer l&apos;application vers la cible (son mot de passe comme avant).</translation>
    </message>
    <message>
        <source>The source stays read-only for what was blocked, so nothing lands on the old primary.</source>
        <translation>La source reste en lecture seule pour ce qui a été bloqué, afin que rien n&apos;arrive sur l&apos;ancien primaire.</translation>
    </message>
    <message>
        <source>Stopped: %1</source>
        <translation>Arrêté : %1</translation>
    </message>
    <message>
        <source>Writes are allowed again on the source.</source>
        <translation>Les écritures sont de nouveau permises sur la source.</translation>
    </message>
    <message>
        <source>Writes are allowed again on the source; replication is still running. Fix the cause and run the cutover again.</source>
        <translation>Les écritures sont de nouveau permises sur la source ; la réplication continue. Corrigez la cause et relancez la bascule.</translation>
    </message>
    <message>
        <source>Re-enabling writes failed: %1</source>
        <translation>La réactivation des écritures a échoué : %1</translation>
    </message>
    <message>
        <source>Re-enable writes</source>
        <translation>Réactiver les écritures</translation>
    </message>
    <message>
        <source>Then stop and delete the DMS task and its endpoints (section 4 of aws-commands.sh).</source>
        <translation>Ensuite, arrêtez et supprimez la tâche DMS et ses endpoints (section 4 de aws-commands.sh).</translation>
    </message>
</context>
<context>
    <name>pgshift::wizard::ChecklistTable</name>
    <message>
        <source>Checklist</source>
        <translation>Checklist</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Étape</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Heure</translation>
    </message>
    <message>
        <source>SQL</source>
        <translation>SQL</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
</context>
<context>
    <name>pgshift::wizard::ConnectionPage</name>
    <message>
        <source>Source database</source>
        <translation>Base source</translation>
    </message>
    <message>
        <source>Target database</source>
        <translation>Base cible</translation>
    </message>
    <message>
        <source>The database to migrate from. pgshift only reads from it until cutover.</source>
        <translation>La base d&apos;où l&apos;on migre. pgshift ne fait qu&apos;y lire jusqu&apos;à la bascule.</translation>
    </message>
    <message>
        <source>The database to migrate to, for example on PlanetScale Postgres. It should be empty.</source>
        <translation>La base vers laquelle on migre, par exemple sur PlanetScale Postgres. Elle devrait être vide.</translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation>&amp;Tester la connexion</translation>
    </message>
    <message numerus="yes">
        <source>and %n more schema(s)</source>
        <translation>
            <numerusform>et %n autre schéma</numerusform>
            <numerusform>et %n autres schémas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The target database already holds %n user table(s), in: %1. pgshift never drops existing objects; tables with the same names as the source&apos;s will make the copy fail.</source>
        <translation>
            <numerusform>La base cible contient déjà %n table utilisateur, dans : %1. pgshift ne supprime jamais d&apos;objets existants ; des tables portant les mêmes noms que celles de la source feront échouer la copie.</numerusform>
            <numerusform>La base cible contient déjà %n tables utilisateur, dans : %1. pgshift ne supprime jamais d&apos;objets existants ; des tables portant les mêmes noms que celles de la source feront échouer la copie.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pgshift::wizard::CutoverPage</name>
    <message>
        <source>Cutover</source>
        <translation>Bascule</translation>
    </message>
    <message>
        <source>Stop writes on the source, let the target catch up, move the sequences ahead, prove every row is there, end replication, switch. The first failing step stops it and re-enables writes.</source>
        <translation>Arrêter les écritures sur la source, laisser la cible rattraper, avancer les séquences, prouver que chaque ligne est là, terminer la réplication, basculer. La première étape en échec arrête tout et réactive les écritures.</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source> KiB</source>
        <translation> KiB</translation>
    </message>
    <message>
        <source>&amp;Run cutover</source>
        <translation>Lancer la &amp;bascule</translation>
    </message>
    <message>
        <source>Ca&amp;ncel</source>
        <translation>A&amp;nnuler</translation>
    </message>
    <message>
        <source>Catch-up timeout:</source>
        <translation>Délai de rattrapage :</translation>
    </message>
    <message>
        <source>Sequence margin:</source>
        <translation>Marge des séquences :</translation>
    </message>
    <message>
        <source>Lag at most:</source>
        <translation>Retard au plus :</translation>
    </message>
    <message>
        <source>No logical replication runs in this session: start or resume one first.</source>
        <translation>Aucune réplication logique ne tourne dans cette session : démarrez-en ou reprenez-en une d&apos;abord.</translation>
    </message>
    <message>
        <source>Run cutover</source>
        <translation>Lancer la bascule</translation>
    </message>
    <message>
        <source>Cancelling: writes are re-enabled on the source…</source>
        <translation>Annulation : les écritures sont réactivées sur la source…</translation>
    </message>
    <message>
        <source>Reading the source&apos;s sessions…</source>
        <translation>Lecture des sessions de la source…</translation>
    </message>
    <message>
        <source>Checksums</source>
        <translation>Sommes de contrôle</translation>
    </message>
    <message>
        <source>Validate with a checksum of every table&apos;s rows as well as exact row counts: catches changed values, reads every row on both servers</source>
        <translation>Valider par une somme de contrôle des lignes de chaque table en plus des nombres exacts de lignes : détecte les valeurs modifiées, lit chaque ligne sur les deux serveurs</translation>
    </message>
    <message>
        <source>Cut over now?</source>
        <translation>Basculer maintenant ?</translation>
    </message>
    <message>
        <source>The DMS page has not prepared the target in this session.</source>
        <translation>La page DMS n&apos;a pas préparé la cible dans cette session.</translation>
    </message>
    <message>
        <source>Stop writes on the source, wait until DMS confirms the last change, add the foreign keys held back for the load, move the sequences ahead, prove every row is there, switch. The first failing step stops it and re-enables writes.</source>
        <translation>Arrêter les écritures sur la source, attendre que DMS confirme la dernière modification, ajouter les clés étrangères retenues pendant le chargement, avancer les séquences, prouver que chaque ligne est là, basculer. La première étape en échec arrête tout et réactive les écritures.</translation>
    </message>
</context>
<context>
    <name>pgshift::wizard::DmsPage</name>
    <message>
        <source>AWS DMS, schema first</source>
        <translation>AWS DMS, schéma d&apos;abord</translation>
    </message>
    <message>
        <source>pgshift creates the schema on the target with its foreign keys held back and writes what DMS needs. You run the task in AWS with your own credentials; pgshift watches both databases and finishes what DMS leaves undone.</source>
        <translation>pgshift crée le schéma sur la cible avec ses clés étrangères retenues et écrit ce dont DMS a besoin. Vous lancez la tâche dans AWS avec vos propres identifiants ; pgshift surveille les deux bases et termine ce que DMS laisse de côté.</translation>
    </message>
    <message>
        <source>Replicate ongoing changes after the full load (CDC, through the slot)</source>
        <translation>Répliquer les modifications continues après le full load (CDC, par le slot)</translation>
    </message>
    <message>
        <source>Full: every value whole, in pieces</source>
        <translation>Complet : chaque valeur entière, par morceaux</translation>
    </message>
    <message>
        <source>Limited: values over the size are cut</source>
        <translation>Limité : les valeurs au-delà de la taille sont tronquées</translation>
    </message>
    <message>
        <source> KB</source>
        <translation> Ko</translation>
    </message>
    <message>
        <source>Row-level validation by DMS</source>
        <translation>Validation ligne par ligne par DMS</translation>
    </message>
    <message>
        <source>&amp;Prepare: create the schema, write the files</source>
        <translation>Prépa&amp;rer : créer le schéma, écrire les fichiers</translation>
    </message>
    <message>
        <source>Nothing done yet: Prepare writes to the target (its schema) and to the folder.</source>
        <translation>Rien n&apos;est encore fait : Préparer écrit sur la cible (son schéma) et dans le dossier.</translation>
    </message>
    <message>
        <source>&amp;Task identifier:</source>
        <translation>Identifiant de &amp;tâche :</translation>
    </message>
    <message>
        <source>&amp;Slot on the source:</source>
        <translation>Sl&amp;ot sur la source :</translation>
    </message>
    <message>
        <source>Tables loaded &amp;at a time:</source>
        <translation>T&amp;ables chargées à la fois :</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Tâche</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>Lignes</translation>
    </message>
    <message>
        <source>Slot lag</source>
        <translation>Retard du slot</translation>
    </message>
    <message>
        <source>Folder for the DMS files</source>
        <translation>Dossier des fichiers DMS</translation>
    </message>
    <message>
        <source>The piece size DMS moves large values in</source>
        <translation>La taille des morceaux dans lesquels DMS déplace les grandes valeurs</translation>
    </message>
    <message>
        <source>Values over this size are cut</source>
        <translation>Les valeurs au-delà de cette taille sont tronquées</translation>
    </message>
    <message>
        <source>Creating the schema on the target, foreign keys held back…</source>
        <translation>Création du schéma sur la cible, clés étrangères retenues…</translation>
    </message>
    <message>
        <source>Not prepared: %1</source>
        <translation>Non préparé : %1</translation>
    </message>
    <message numerus="yes">
        <source>The schema copy created %n object(s) on the target before it stopped; drop them before trying again.</source>
        <translation>
            <numerusform>La copie du schéma a créé %n objet sur la cible avant de s&apos;arrêter ; supprimez-le avant de réessayer.</numerusform>
            <numerusform>La copie du schéma a créé %n objets sur la cible avant de s&apos;arrêter ; supprimez-les avant de réessayer.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Schema created on the target; %n table(s) in the mapping. </source>
        <translation>
            <numerusform>Schéma créé sur la cible ; %n table dans le mapping. </numerusform>
            <numerusform>Schéma créé sur la cible ; %n tables dans le mapping. </numerusform>
        </translation>
    </message>
    <message>
        <source>No foreign key to hold back.</source>
        <translation>Aucune clé étrangère à retenir.</translation>
    </message>
    <message>
        <source>Held back until the cutover: %1.</source>
        <translation>Retenues jusqu&apos;à la bascule : %1.</translation>
    </message>
    <message>
        <source>Files in %1. Run the commands of aws-commands.sh; once the full load is done, go on.</source>
        <translation>Fichiers dans %1. Exécutez les commandes de aws-commands.sh ; une fois le full load terminé, continuez.</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Copier</translation>
    </message>
    <message>
        <source>Could not read the servers: %1</source>
        <translation>Impossible de lire les serveurs : %1</translation>
    </message>
    <message>
        <source>live rows from statistics</source>
        <translation>lignes vivantes d&apos;après les statistiques</translation>
    </message>
    <message>
        <source>Full load only: no slot to watch.</source>
        <translation>Full load seul : pas de slot à surveiller.</translation>
    </message>
    <message>
        <source>No slot %1 on the source yet: DMS creates it when the task starts.</source>
        <translation>Pas encore de slot %1 sur la source : DMS le crée au démarrage de la tâche.</translation>
    </message>
    <message>
        <source>Slot %1 on the source, %2: DMS has not confirmed %3 bytes of WAL.</source>
        <translation>Slot %1 sur la source, %2 : DMS n&apos;a pas confirmé %3 octets de WAL.</translation>
    </message>
    <message>
        <source>in use</source>
        <translation>utilisé</translation>
    </message>
    <message>
        <source>idle (no DMS task reading it)</source>
        <translation>inactif (aucune tâche DMS ne le lit)</translation>
    </message>
    <message>
        <source>Large values (LOB mode):</source>
        <translation>Grandes valeurs (mode LOB) :</translation>
    </message>
    <message>
        <source>Folder for the files:</source>
        <translation>Dossier des fichiers :</translation>
    </message>
    <message>
        <source>all; or schemas, comma-separated: sales, &quot;Archive 2024&quot;</source>
        <translation>tout ; ou des schémas séparés par des virgules : sales, &quot;Archive 2024&quot;</translation>
    </message>
    <message>
        <source>all; or tables: orders, sales.&quot;Order Items&quot; (partitions come with their table)</source>
        <translation>tout ; ou des tables : orders, sales.&quot;Order Items&quot; (les partitions viennent avec leur table)</translation>
    </message>
    <message>
        <source>Schemas and tables:</source>
        <translation>Schémas et tables :</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Parcourir…</translation>
    </message>
</context>
<context>
    <name>pgshift::wizard::DumpRestorePage</name>
    <message>
        <source>Dump and restore</source>
        <translation>Dump et restauration</translation>
    </message>
    <message>
        <source>What and how</source>
        <translation>Quoi et comment</translation>
    </message>
    <message>
        <source>Stream: rows go straight from server to server (fastest)</source>
        <translation>Stream : les lignes vont directement de serveur à serveur (le plus rapide)</translation>
    </message>
    <message>
        <source>pg_dump archive: keeps a pg_dump -Fd folder for audit or a later restore</source>
        <translation>Archive pg_dump : conserve un dossier pg_dump -Fd pour un audit ou une restauration ultérieure</translation>
    </message>
    <message>
        <source>A new or empty folder</source>
        <translation>Un dossier nouveau ou vide</translation>
    </message>
    <message>
        <source>Tables copied and indexes built at once. Each worker holds a session on both servers.</source>
        <translation>Tables copiées et index construits en même temps. Chaque worker tient une session sur les deux serveurs.</translation>
    </message>
    <message>
        <source>The &amp;whole database</source>
        <translation>Toute la &amp;base</translation>
    </message>
    <message>
        <source>&amp;Only:</source>
        <translation>Se&amp;ulement :</translation>
    </message>
    <message>
        <source>schemas, comma-separated: sales, &quot;Archive 2024&quot;</source>
        <translation>schémas, séparés par des virgules : sales, &quot;Archive 2024&quot;</translation>
    </message>
    <message>
        <source>tables: public.orders, &quot;Sales&quot;.&quot;Customers&quot;</source>
        <translation>tables : public.orders, &quot;Sales&quot;.&quot;Customers&quot;</translation>
    </message>
    <message>
        <source>&amp;Start copy</source>
        <translation>&amp;Démarrer la copie</translation>
    </message>
    <message>
        <source>&amp;Engine:</source>
        <translation>Mot&amp;eur :</translation>
    </message>
    <message>
        <source>&amp;Archive folder:</source>
        <translation>Dossier d&apos;&amp;archive :</translation>
    </message>
    <message>
        <source>Copy:</source>
        <translation>Copie :</translation>
    </message>
    <message>
        <source>&amp;Parallel workers:</source>
        <translation>&amp;Workers parallèles :</translation>
    </message>
    <message>
        <source>Not started.</source>
        <translation>Pas démarrée.</translation>
    </message>
    <message>
        <source>&amp;Cancel copy</source>
        <translation>Annuler la &amp;copie</translation>
    </message>
    <message>
        <source>&amp;Review and drop…</source>
        <translation>E&amp;xaminer et supprimer…</translation>
    </message>
    <message>
        <source>Shows the exact SQL first</source>
        <translation>Montre d&apos;abord le SQL exact</translation>
    </message>
    <message>
        <source>Folder for the archive</source>
        <translation>Dossier de l&apos;archive</translation>
    </message>
    <message>
        <source>Choose a folder for the archive.</source>
        <translation>Choisissez un dossier pour l&apos;archive.</translation>
    </message>
    <message>
        <source>The archive folder must be new or empty.</source>
        <translation>Le dossier d&apos;archive doit être nouveau ou vide.</translation>
    </message>
    <message>
        <source>Name at least one schema or table.</source>
        <translation>Nommez au moins un schéma ou une table.</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Annulation…</translation>
    </message>
    <message>
        <source>%1 of %2 tables done</source>
        <translation>%1 tables sur %2 terminées</translation>
    </message>
    <message>
        <source>%1 copied</source>
        <translation>%1 copié</translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation>%1/s</translation>
    </message>
    <message>
        <source>about %1 left</source>
        <translation>reste environ %1</translation>
    </message>
    <message>
        <source>estimating time left</source>
        <translation>estimation du temps restant</translation>
    </message>
    <message>
        <source>%1 elapsed</source>
        <translation>%1 écoulé</translation>
    </message>
    <message>
        <source>Copied %1 (%2 rows, %3), %4 and %5 in %6. Every table&apos;s row count matches on both sides.</source>
        <translation>%1 copié (%2 lignes, %3), %4 et %5 en %6. Le nombre de lignes de chaque table est identique des deux côtés.</translation>
    </message>
    <message numerus="yes">
        <source>%n table(s)</source>
        <translation>
            <numerusform>%n table</numerusform>
            <numerusform>%n tables</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n sequence(s)</source>
        <translation>
            <numerusform>%n séquence</numerusform>
            <numerusform>%n séquences</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n large object(s)</source>
        <translation>
            <numerusform>%n large object</numerusform>
            <numerusform>%n large objects</numerusform>
        </translation>
    </message>
    <message>
        <source>The archive is in %1.</source>
        <translation>L&apos;archive est dans %1.</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Terminé</translation>
    </message>
    <message>
        <source>Cancelled: the copy did NOT complete.</source>
        <translation>Annulée : la copie ne s&apos;est PAS terminée.</translation>
    </message>
    <message>
        <source>The copy did NOT complete:</source>
        <translation>La copie ne s&apos;est PAS terminée :</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Annulée</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Échec</translation>
    </message>
    <message>
        <source>Drop what the copy left on the target</source>
        <translation>Supprimer ce que la copie a laissé sur la cible</translation>
    </message>
    <message>
        <source>This SQL runs on %1 in one transaction: all of it or nothing.</source>
        <translation>Ce SQL s&apos;exécute sur %1 en une transaction : tout ou rien.</translation>
    </message>
    <message>
        <source>&amp;Drop on target</source>
        <translation>&amp;Supprimer sur la cible</translation>
    </message>
    <message>
        <source>&amp;Copy SQL</source>
        <translation>&amp;Copier le SQL</translation>
    </message>
    <message>
        <source>Dropping…</source>
        <translation>Suppression…</translation>
    </message>
    <message>
        <source>What the copy left on the target was dropped.</source>
        <translation>Ce que la copie avait laissé sur la cible a été supprimé.</translation>
    </message>
    <message>
        <source>Cleaned up</source>
        <translation>Nettoyé</translation>
    </message>
    <message>
        <source>Drop failed</source>
        <translation>La suppression a échoué</translation>
    </message>
    <message>
        <source>Nothing was dropped: %1</source>
        <translation>Rien n&apos;a été supprimé : %1</translation>
    </message>
    <message>
        <source>Cleanup failed</source>
        <translation>Le nettoyage a échoué</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message numerus="yes">
        <source>It left %n object(s) on the target: %1.</source>
        <translation>
            <numerusform>Elle a laissé %n objet sur la cible : %1.</numerusform>
            <numerusform>Elle a laissé %n objets sur la cible : %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Copies the schema and the data from one consistent snapshot of the source, then checks every table&apos;s row count on both sides. Stop writes to the source first, or let pgshift stop them and run the short cutover checklist around the copy.</source>
        <translation>Copie le schéma et les données depuis un snapshot cohérent de la source, puis vérifie le nombre de lignes de chaque table des deux côtés. Arrêtez d&apos;abord les écritures sur la source, ou laissez pgshift les arrêter et exécuter la courte checklist de bascule autour de la copie.</translation>
    </message>
    <message>
        <source>After the copy, every target sequence is set this many increments ahead of the source</source>
        <translation>Après la copie, chaque séquence cible est placée ce nombre d&apos;incréments devant la source</translation>
    </message>
    <message>
        <source>Validate with checksums too (reads every row on both servers)</source>
        <translation>Valider aussi par sommes de contrôle (lit chaque ligne sur les deux serveurs)</translation>
    </message>
    <message>
        <source>Writes on the source:</source>
        <translation>Écritures sur la source :</translation>
    </message>
    <message>
        <source>&amp;Tables</source>
        <translation>&amp;Tables</translation>
    </message>
    <message>
        <source>Check&amp;list</source>
        <translation>Chec&amp;klist</translation>
    </message>
    <message>
        <source>Start copy</source>
        <translation>Démarrer la copie</translation>
    </message>
    <message>
        <source>Copy now?</source>
        <translation>Copier maintenant ?</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Parcourir…</translation>
    </message>
    <message>
        <source>Se&amp;quence margin:</source>
        <translation>Marge des sé&amp;quences :</translation>
    </message>
</context>
<context>
    <name>pgshift::wizard::MethodPage</name>
    <message>
        <source>Migration method</source>
        <translation>Méthode de migration</translation>
    </message>
    <message>
        <source>How to move the data. The next page checks the prerequisites of the method you choose.</source>
        <translation>Comment déplacer les données. La page suivante vérifie les prérequis de la méthode choisie.</translation>
    </message>
    <message>
        <source>&amp;Dump and restore</source>
        <translation>&amp;Dump et restauration</translation>
    </message>
    <message>
        <source>Writes must stop for the whole copy. Simple and robust; everything is copied, large objects and sequences included. Best when a maintenance window of the copy&apos;s length is acceptable.</source>
        <translation>Les écritures doivent s&apos;arrêter pendant toute la copie. Simple et robuste ; tout est copié, large objects et séquences compris. Idéal quand une fenêtre de maintenance de la durée de la copie est acceptable.</translation>
    </message>
    <message>
        <source>AWS Database Migration Service moves the rows; pgshift prepares the schema and the task files and afterwards adds constraints, sequences and validation. For teams already running DMS.</source>
        <translation>AWS Database Migration Service déplace les lignes ; pgshift prépare le schéma et les fichiers de tâche, puis ajoute contraintes, séquences et validation. Pour les équipes qui utilisent déjà DMS.</translation>
    </message>
    <message>
        <source>The source database takes %1 and has wal_level = %2: dump and restore works as it is; logical replication first needs wal_level = logical (a restart).</source>
        <translation>La base source occupe %1 et a wal_level = %2 : dump et restauration fonctionne tel quel ; la réplication logique demande d&apos;abord wal_level = logical (un redémarrage).</translation>
    </message>
    <message>
        <source>The source database takes %1: copying it takes a while, so logical replication keeps the downtime to seconds.</source>
        <translation>La base source occupe %1 : la copier prend un moment, la réplication logique limite donc l&apos;interruption à quelques secondes.</translation>
    </message>
    <message>
        <source>The source database takes %1. Dump and restore is simplest if the copy&apos;s duration is an acceptable downtime; otherwise use logical replication.</source>
        <translation>La base source occupe %1. Dump et restauration est le plus simple si la durée de la copie est une interruption acceptable ; sinon, utilisez la réplication logique.</translation>
    </message>
    <message>
        <source>The source stays online; writes stop only for seconds at cutover. Needs wal_level = logical, replication rights and a key on every table. Sequences, large objects and materialized views are handled at cutover; schema changes (DDL) are not replicated, so make none until it is done.</source>
        <translation>La source reste en ligne ; les écritures ne s&apos;arrêtent que quelques secondes à la bascule. Demande wal_level = logical, les droits de réplication et une clé sur chaque table. Séquences, large objects et vues matérialisées sont traités à la bascule ; les changements de schéma (DDL) ne sont pas répliqués, n&apos;en faites donc aucun avant la fin.</translation>
    </message>
    <message>
        <source>Logical re&amp;plication</source>
        <translation>Réplication lo&amp;gique</translation>
    </message>
    <message>
        <source>AWS DM&amp;S assisted</source>
        <translation>Assisté par AWS D&amp;MS</translation>
    </message>
</context>
<context>
    <name>pgshift::wizard::MigrationWizard</name>
    <message>
        <source>pgshift: PostgreSQL migration</source>
        <translation>pgshift : migration PostgreSQL</translation>
    </message>
    <message>
        <source>pgshift log</source>
        <translation>Journal pgshift</translation>
    </message>
    <message>
        <source>&amp;Log</source>
        <translation>&amp;Journal</translation>
    </message>
    <message>
        <source>Show what pgshift did and every SQL statement it ran</source>
        <translation>Montrer ce que pgshift a fait et chaque instruction SQL exécutée</translation>
    </message>
    <message>
        <source>Copy in progress</source>
        <translation>Copie en cours</translation>
    </message>
    <message>
        <source>A copy is running. Cancel it and close pgshift? The target keeps what was created so far; the list and the SQL that drops it are in the log.</source>
        <translation>Une copie tourne. L&apos;annuler et fermer pgshift ? La cible garde ce qui a été créé jusqu&apos;ici ; la liste et le SQL qui le supprime sont dans le journal.</translation>
    </message>
    <message>
        <source>Replication running</source>
        <translation>Réplication en cours</translation>
    </message>
    <message>
        <source>The target keeps following the source after pgshift closes, and the source keeps WAL for it. Close pgshift? At its next start it offers to resume monitoring or to clean up.</source>
        <translation>La cible continue de suivre la source après la fermeture de pgshift, et la source conserve du WAL pour elle. Fermer pgshift ? À son prochain démarrage, il propose de reprendre la surveillance ou de nettoyer.</translation>
    </message>
    <message>
        <source>Cutover in progress</source>
        <translation>Bascule en cours</translation>
    </message>
    <message>
        <source>A cutover is running. Cancel it (writes are re-enabled on the source, replication keeps running) and close pgshift?</source>
        <translation>Une bascule tourne. L&apos;annuler (les écritures sont réactivées sur la source, la réplication continue) et fermer pgshift ?</translation>
    </message>
    <message>
        <source>Replication lag over time</source>
        <translation>Retard de réplication dans le temps</translation>
    </message>
    <message>
        <source>Sandbox</source>
        <translation>Bac à sable</translation>
    </message>
    <message>
        <source>The sandbox did not start: %1</source>
        <translation>Le bac à sable n&apos;a pas démarré : %1</translation>
    </message>
    <message>
        <source>&amp;More</source>
        <translation>P&amp;lus</translation>
    </message>
    <message>
        <source>&amp;About pgshift…</source>
        <translation>À &amp;propos de pgshift…</translation>
    </message>
    <message>
        <source>Open &amp;log folder</source>
        <translation>Ouvrir le dossier du &amp;journal</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Langue</translation>
    </message>
    <message>
        <source>System (%1)</source>
        <translation>Système (%1)</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <source>pgshift will speak %1 from its next start. (pgshift --lang CODE chooses for one run.)</source>
        <translation>pgshift parlera %1 à partir de son prochain démarrage. (pgshift --lang CODE choisit pour une exécution.)</translation>
    </message>
    <message>
        <source>the system&apos;s language</source>
        <translation>la langue du système</translation>
    </message>
</context>
<context>
    <name>pgshift::wizard::PreflightPage</name>
    <message>
        <source>Prerequisites</source>
        <translation>Prérequis</translation>
    </message>
    <message>
        <source>Everything the chosen method needs, checked on both servers. Nothing is changed unless you run a fix.</source>
        <translation>Tout ce dont la méthode choisie a besoin, vérifié sur les deux serveurs. Rien n&apos;est modifié à moins que vous n&apos;exécutiez une correction.</translation>
    </message>
    <message>
        <source>&amp;Re-run checks</source>
        <translation>&amp;Relancer les vérifications</translation>
    </message>
    <message>
        <source>&amp;Copy fix SQL</source>
        <translation>&amp;Copier le SQL de correction</translation>
    </message>
    <message>
        <source>R&amp;un fix…</source>
        <translation>Exécuter la c&amp;orrection…</translation>
    </message>
    <message>
        <source>Only for fixes that are safe to run from here; you see the SQL first.</source>
        <translation>Seulement pour les corrections sûres à exécuter d&apos;ici ; vous voyez d&apos;abord le SQL.</translation>
    </message>
    <message>
        <source>&amp;Export report…</source>
        <translation>E&amp;xporter le rapport…</translation>
    </message>
    <message>
        <source>I have read the &amp;warnings</source>
        <translation>J&apos;ai lu les &amp;avertissements</translation>
    </message>
    <message>
        <source>Checking the %1 prerequisites on both servers…</source>
        <translation>Vérification des prérequis (%1) sur les deux serveurs…</translation>
    </message>
    <message>
        <source>The checks could not run: %1</source>
        <translation>Les vérifications n&apos;ont pas pu s&apos;exécuter : %1</translation>
    </message>
    <message>
        <source>Fix the blockers, then re-run the checks.</source>
        <translation>Corrigez les bloquants, puis relancez les vérifications.</translation>
    </message>
    <message>
        <source>Running the fix…</source>
        <translation>Exécution de la correction…</translation>
    </message>
    <message>
        <source>The fix failed and was rolled back: %1</source>
        <translation>La correction a échoué et a été annulée : %1</translation>
    </message>
    <message>
        <source>There is no report yet.</source>
        <translation>Il n&apos;y a pas encore de rapport.</translation>
    </message>
    <message>
        <source>Export the preflight report</source>
        <translation>Exporter le rapport des prérequis</translation>
    </message>
    <message>
        <source>Markdown (*.md);;HTML (*.html);;JSON (*.json)</source>
        <translation>Markdown (*.md);;HTML (*.html);;JSON (*.json)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>L&apos;export a échoué</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>Impossible d&apos;écrire %1 : %2</translation>
    </message>
    <message>
        <source>Run these statements on the source, in one transaction? Untick any you do not want.</source>
        <translation>Exécuter ces instructions sur la source, en une transaction ? Décochez celles que vous ne voulez pas.</translation>
    </message>
    <message>
        <source>Run these statements on the target, in one transaction? Untick any you do not want.</source>
        <translation>Exécuter ces instructions sur la cible, en une transaction ? Décochez celles que vous ne voulez pas.</translation>
    </message>
    <message>
        <source>%1 (%2 ms).</source>
        <translation>%1 (%2 ms).</translation>
    </message>
</context>
<context>
    <name>pgshift::wizard::ReplicationPage</name>
    <message>
        <source>Logical replication</source>
        <translation>Réplication logique</translation>
    </message>
    <message>
        <source>The target copies every table while the source stays online, then follows its changes until you cut over. Nothing runs before you press Start; here is exactly what will.</source>
        <translation>La cible copie chaque table pendant que la source reste en ligne, puis suit ses modifications jusqu&apos;à la bascule. Rien ne tourne avant que vous n&apos;appuyiez sur Démarrer ; voici exactement ce qui tournera.</translation>
    </message>
    <message>
        <source>The subscription keeps the source&apos;s password on the target (in pg_subscription) until cleanup drops it; a dedicated role with only REPLICATION and SELECT limits what it can do.</source>
        <translation>La subscription garde le mot de passe de la source sur la cible (dans pg_subscription) jusqu&apos;à ce que le nettoyage la supprime ; un rôle dédié avec seulement REPLICATION et SELECT limite ce qu&apos;il permet.</translation>
    </message>
    <message>
        <source>Build secondary indexes after the initial copy (faster copy)</source>
        <translation>Construire les index secondaires après la copie initiale (copie plus rapide)</translation>
    </message>
    <message>
        <source> KiB</source>
        <translation> KiB</translation>
    </message>
    <message>
        <source>Cutover is offered once the lag is at most this</source>
        <translation>La bascule est proposée dès que le retard est au plus de ceci</translation>
    </message>
    <message>
        <source>&amp;Start replication</source>
        <translation>&amp;Démarrer la réplication</translation>
    </message>
    <message>
        <source>Drops the subscription, its slot and the publication; the copied data stays</source>
        <translation>Supprime la subscription, son slot et la publication ; les données copiées restent</translation>
    </message>
    <message>
        <source>Not started.</source>
        <translation>Pas démarrée.</translation>
    </message>
    <message>
        <source>%v of %m tables ready</source>
        <translation>%v tables sur %m prêtes</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>Table</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>&amp;Pause chart</source>
        <translation>Suspendre le &amp;graphique</translation>
    </message>
    <message>
        <source>Workers:</source>
        <translation>Workers :</translation>
    </message>
    <message>
        <source>Ready when lag ≤</source>
        <translation>Prêt quand retard ≤</translation>
    </message>
    <message>
        <source>Export lag samples</source>
        <translation>Exporter les mesures de retard</translation>
    </message>
    <message>
        <source>Export the lag chart</source>
        <translation>Exporter le graphique de retard</translation>
    </message>
    <message>
        <source>Reading both servers…</source>
        <translation>Lecture des deux serveurs…</translation>
    </message>
    <message>
        <source>Cannot prepare the steps: %1</source>
        <translation>Impossible de préparer les étapes : %1</translation>
    </message>
    <message>
        <source>Copying the schema and subscribing…</source>
        <translation>Copie du schéma et abonnement…</translation>
    </message>
    <message>
        <source>Replication was not started.</source>
        <translation>La réplication n&apos;a pas été démarrée.</translation>
    </message>
    <message>
        <source>Source disconnected: %1</source>
        <translation>Source déconnectée : %1</translation>
    </message>
    <message>
        <source>Target disconnected: %1</source>
        <translation>Cible déconnectée : %1</translation>
    </message>
    <message>
        <source>Lag %1, %2 s</source>
        <translation>Retard %1, %2 s</translation>
    </message>
    <message>
        <source>WAL kept on the source: %1</source>
        <translation>WAL conservé sur la source : %1</translation>
    </message>
    <message numerus="yes">
        <source>%n table(s) copying now</source>
        <translation>
            <numerusform>%n table en cours de copie</numerusform>
            <numerusform>%n tables en cours de copie</numerusform>
        </translation>
    </message>
    <message>
        <source>Errors: %1 apply, %2 initial copy (see the target&apos;s log)</source>
        <translation>Erreurs : %1 à l&apos;application, %2 à la copie initiale (voir le journal de la cible)</translation>
    </message>
    <message numerus="yes">
        <source>%n secondary index(es) to build</source>
        <translation>
            <numerusform>%n index secondaire à construire</numerusform>
            <numerusform>%n index secondaires à construire</numerusform>
        </translation>
    </message>
    <message>
        <source>READY for cutover</source>
        <translation>PRÊT pour la bascule</translation>
    </message>
    <message>
        <source>Disconnected since %1</source>
        <translation>Déconnecté depuis %1</translation>
    </message>
    <message>
        <source>Initial copy</source>
        <translation>Copie initiale</translation>
    </message>
    <message>
        <source>Building indexes</source>
        <translation>Construction des index</translation>
    </message>
    <message>
        <source>Catching up</source>
        <translation>Rattrapage</translation>
    </message>
    <message>
        <source>Index builds failed</source>
        <translation>La construction des index a échoué</translation>
    </message>
    <message>
        <source>Clean up replication</source>
        <translation>Nettoyer la réplication</translation>
    </message>
    <message>
        <source>Drop subscription %1 on the target (and its slot %2 on the source) and publication %3 on the source? The data copied so far stays on the target; changes stop flowing.</source>
        <translation>Supprimer la subscription %1 sur la cible (et son slot %2 sur la source) et la publication %3 sur la source ? Les données copiées jusqu&apos;ici restent sur la cible ; les modifications cessent d&apos;arriver.</translation>
    </message>
    <message>
        <source>Cleaning up…</source>
        <translation>Nettoyage…</translation>
    </message>
    <message>
        <source>Cleaned up</source>
        <translation>Nettoyé</translation>
    </message>
    <message>
        <source>Cleanup incomplete</source>
        <translation>Nettoyage incomplet</translation>
    </message>
    <message>
        <source>Publication name</source>
        <translation>Nom de la publication</translation>
    </message>
    <message>
        <source>Subscription name</source>
        <translation>Nom de la subscription</translation>
    </message>
    <message>
        <source>Replication slot name</source>
        <translation>Nom du slot de réplication</translation>
    </message>
    <message>
        <source>Source rows</source>
        <translation>Lignes source</translation>
    </message>
    <message>
        <source>Target rows</source>
        <translation>Lignes cible</translation>
    </message>
    <message>
        <source>Estimate from the source&apos;s statistics</source>
        <translation>Estimation d&apos;après les statistiques de la source</translation>
    </message>
    <message>
        <source>Rows copied so far during the initial copy, then the estimate from the target&apos;s statistics</source>
        <translation>Lignes copiées jusqu&apos;ici pendant la copie initiale, puis l&apos;estimation d&apos;après les statistiques de la cible</translation>
    </message>
    <message>
        <source>Publication:</source>
        <translation>Publication :</translation>
    </message>
    <message>
        <source>Subscription:</source>
        <translation>Subscription :</translation>
    </message>
    <message>
        <source>Slot:</source>
        <translation>Slot :</translation>
    </message>
    <message>
        <source>Lag</source>
        <translation>Retard</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>Lignes</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Annulation…</translation>
    </message>
    <message>
        <source>Setup cancelled.</source>
        <translation>Mise en place annulée.</translation>
    </message>
    <message>
        <source>Nothing was published or subscribed.</source>
        <translation>Rien n&apos;a été publié ni abonné.</translation>
    </message>
    <message numerus="yes">
        <source>The setup created %n object(s) on the target before it stopped. Drop them before starting again (the schema copy needs an empty target), with:</source>
        <translation>
            <numerusform>La mise en place a créé %n objet sur la cible avant de s&apos;arrêter. Supprimez-le avant de recommencer (la copie du schéma demande une cible vide), avec :</numerusform>
            <numerusform>La mise en place a créé %n objets sur la cible avant de s&apos;arrêter. Supprimez-les avant de recommencer (la copie du schéma demande une cible vide), avec :</numerusform>
        </translation>
    </message>
    <message>
        <source>The replication&apos;s state could not be saved (%1): after a restart, clean up with pgshift replicate cleanup.</source>
        <translation>L&apos;état de la réplication n&apos;a pas pu être enregistré (%1) : après un redémarrage, nettoyez avec pgshift replicate cleanup.</translation>
    </message>
    <message>
        <source>Resumed: replication %1 → %2 started %3 (publication %4, subscription %5, slot %6).</source>
        <translation>Reprise : réplication %1 → %2 démarrée %3 (publication %4, subscription %5, slot %6).</translation>
    </message>
    <message>
        <source>Reading the replication&apos;s state…</source>
        <translation>Lecture de l&apos;état de la réplication…</translation>
    </message>
    <message>
        <source>&amp;Cancel setup</source>
        <translation>&amp;Annuler la mise en place</translation>
    </message>
    <message>
        <source>The steps Start replication runs</source>
        <translation>Les étapes que lance Démarrer la réplication</translation>
    </message>
    <message>
        <source>Cle&amp;an up…</source>
        <translation>&amp;Nettoyer…</translation>
    </message>
    <message>
        <source>Export &amp;CSV…</source>
        <translation>Exporter en &amp;CSV…</translation>
    </message>
    <message>
        <source>E&amp;xport PNG…</source>
        <translation>E&amp;xporter en PNG…</translation>
    </message>
</context>
<context>
    <name>pgshift::wizard::ReplicationRowsPanel</name>
    <message>
        <source>Count &amp;exactly</source>
        <translation>Compter &amp;exactement</translation>
    </message>
    <message>
        <source>count(*) of every table on both servers, in parallel; reads every row</source>
        <translation>count(*) de chaque table sur les deux serveurs, en parallèle ; lit chaque ligne</translation>
    </message>
    <message>
        <source>Live &amp;estimates</source>
        <translation>Estimations en d&amp;irect</translation>
    </message>
    <message>
        <source>Estimates from the statistics, refreshed every 5 seconds.</source>
        <translation>Estimations d&apos;après les statistiques, rafraîchies toutes les 5 secondes.</translation>
    </message>
    <message>
        <source>Export CS&amp;V…</source>
        <translation>Exporter en CS&amp;V…</translation>
    </message>
    <message>
        <source>Export PN&amp;G…</source>
        <translation>Exporter en PN&amp;G…</translation>
    </message>
    <message>
        <source>Export row counts</source>
        <translation>Exporter les nombres de lignes</translation>
    </message>
    <message>
        <source>Export the row chart</source>
        <translation>Exporter le graphique des lignes</translation>
    </message>
    <message>
        <source>estimates</source>
        <translation>estimations</translation>
    </message>
    <message numerus="yes">
        <source>Counting the rows of %n table(s) on both servers…</source>
        <translation>
            <numerusform>Comptage des lignes de %n table sur les deux serveurs…</numerusform>
            <numerusform>Comptage des lignes de %n tables sur les deux serveurs…</numerusform>
        </translation>
    </message>
    <message>
        <source>exact counts at %1</source>
        <translation>comptages exacts à %1</translation>
    </message>
    <message numerus="yes">
        <source>Exact counts at %1, in %2 s: %3 of %n table(s) equal on both sides. Changes still flowing can make a table differ for a moment.</source>
        <translation>
            <numerusform>Comptages exacts à %1, en %2 s : %3 sur %n table égales des deux côtés. Des modifications encore en transit peuvent faire différer une table un instant.</numerusform>
            <numerusform>Comptages exacts à %1, en %2 s : %3 sur %n tables égales des deux côtés. Des modifications encore en transit peuvent faire différer une table un instant.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pgshift::wizard::ResumeDialog</name>
    <message>
        <source>Unfinished replication</source>
        <translation>Réplication inachevée</translation>
    </message>
    <message>
        <source>pgshift started a logical replication on %1 that was not cleaned up. It may still be running: its slot keeps WAL on the source until it is dropped.</source>
        <translation>pgshift a démarré %1 une réplication logique qui n&apos;a pas été nettoyée. Elle tourne peut-être encore : son slot retient du WAL sur la source jusqu&apos;à sa suppression.</translation>
    </message>
    <message>
        <source>Source:</source>
        <translation>Source :</translation>
    </message>
    <message>
        <source>Target:</source>
        <translation>Cible :</translation>
    </message>
    <message>
        <source>Objects:</source>
        <translation>Objets :</translation>
    </message>
    <message>
        <source>publication %1, subscription %2, slot %3</source>
        <translation>publication %1, subscription %2, slot %3</translation>
    </message>
    <message>
        <source>Scope:</source>
        <translation>Périmètre :</translation>
    </message>
    <message>
        <source>empty: .pgpass, PGPASSWORD or service file</source>
        <translation>vide : .pgpass, PGPASSWORD ou fichier de service</translation>
    </message>
    <message>
        <source>Source password</source>
        <translation>Mot de passe de la source</translation>
    </message>
    <message>
        <source>Target password</source>
        <translation>Mot de passe de la cible</translation>
    </message>
    <message>
        <source>Source password:</source>
        <translation>Mot de passe de la source :</translation>
    </message>
    <message>
        <source>Target password:</source>
        <translation>Mot de passe de la cible :</translation>
    </message>
    <message>
        <source>&amp;Resume monitoring</source>
        <translation>&amp;Reprendre la surveillance</translation>
    </message>
    <message>
        <source>Follow the replication again: table states, lag, readiness for cutover</source>
        <translation>Suivre à nouveau la réplication : états des tables, retard, prêt pour la bascule</translation>
    </message>
    <message>
        <source>&amp;Clean up: drop subscription, slot and publication</source>
        <translation>&amp;Nettoyer : supprimer subscription, slot et publication</translation>
    </message>
    <message>
        <source>Changes stop flowing; the data already copied stays on the target</source>
        <translation>Les modifications cessent d&apos;arriver ; les données déjà copiées restent sur la cible</translation>
    </message>
    <message>
        <source>&amp;Not now</source>
        <translation>&amp;Pas maintenant</translation>
    </message>
    <message>
        <source>Leave everything as it is; pgshift asks again at its next start</source>
        <translation>Tout laisser en l&apos;état ; pgshift redemande à son prochain démarrage</translation>
    </message>
    <message>
        <source>Connecting to both servers…</source>
        <translation>Connexion aux deux serveurs…</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Cible</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
    <message>
        <source>Cannot resume yet:
%1</source>
        <translation>Reprise impossible pour l&apos;instant :
%1</translation>
    </message>
    <message>
        <source>Dropping the subscription, the slot and the publication…</source>
        <translation>Suppression de la subscription, du slot et de la publication…</translation>
    </message>
    <message>
        <source>Still there (another run of pgshift?): %1 %2 on the %3</source>
        <translation>Encore présent (une autre exécution de pgshift ?) : %1 %2 sur la %3</translation>
    </message>
    <message>
        <source>Cleanup is incomplete; see below. Fix the cause (a password, a server that is down) and try again.</source>
        <translation>Le nettoyage est incomplet ; voir ci-dessous. Corrigez la cause (un mot de passe, un serveur arrêté) et réessayez.</translation>
    </message>
    <message>
        <source>Cleaned up. Nothing of this replication is left on either server.</source>
        <translation>Nettoyé. Il ne reste rien de cette réplication sur aucun des serveurs.</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Fermer</translation>
    </message>
</context>
<context>
    <name>pgshift::wizard::SandboxPanel</name>
    <message>
        <source>Sandbox</source>
        <translation>Bac à sable</translation>
    </message>
    <message>
        <source>Start &amp;writes</source>
        <translation>Lancer les &amp;écritures</translation>
    </message>
    <message>
        <source>Writes on the source like an application: new orders, updates, deletes</source>
        <translation>Écrit sur la source comme une application : nouvelles commandes, updates, deletes</translation>
    </message>
    <message>
        <source>Writes per second</source>
        <translation>Écritures par seconde</translation>
    </message>
    <message>
        <source> /s</source>
        <translation> /s</translation>
    </message>
    <message>
        <source>Starting two local servers and creating a sample shop… (a few seconds)</source>
        <translation>Démarrage de deux serveurs locaux et création d&apos;une boutique d&apos;exemple… (quelques secondes)</translation>
    </message>
    <message>
        <source>The sandbox did not start: %1</source>
        <translation>Le bac à sable n&apos;a pas démarré : %1</translation>
    </message>
    <message>
        <source>Two throwaway servers on this computer, deleted when pgshift closes. Source: port %1, target: port %2.</source>
        <translation>Deux serveurs jetables sur cet ordinateur, supprimés à la fermeture de pgshift. Source : port %1, cible : port %2.</translation>
    </message>
    <message>
        <source>Stop &amp;writes</source>
        <translation>Arrêter les &amp;écritures</translation>
    </message>
    <message>
        <source>Written: %1 inserts, %2 updates, %3 deletes.</source>
        <translation>Écrit : %1 inserts, %2 updates, %3 deletes.</translation>
    </message>
    <message>
        <source>%1 refused (last: %2).</source>
        <translation>%1 refusés (dernier : %2).</translation>
    </message>
    <message>
        <source>The wizard walks you through a real migration between the two servers.</source>
        <translation>L&apos;assistant vous guide à travers une vraie migration entre les deux serveurs.</translation>
    </message>
    <message>
        <source>The source is filled in: a shop with 117,500 rows. Press Test connection, then Next.</source>
        <translation>La source est remplie : une boutique de 117 500 lignes. Appuyez sur Tester la connexion, puis Suivant.</translation>
    </message>
    <message>
        <source>The target is an empty server. Test it too, then Next.</source>
        <translation>La cible est un serveur vide. Testez-le aussi, puis Suivant.</translation>
    </message>
    <message>
        <source>Both methods work here. Logical replication shows the lag chart and the full cutover.</source>
        <translation>Les deux méthodes fonctionnent ici. La réplication logique montre le graphique de retard et la bascule complète.</translation>
    </message>
    <message>
        <source>audit_log has no primary key on purpose: see what the preflight says about it and how to fix it.</source>
        <translation>audit_log n&apos;a volontairement pas de clé primaire : voyez ce qu&apos;en disent les prérequis et comment le corriger.</translation>
    </message>
    <message>
        <source>Start writes, then choose &quot;Block the whole source database&quot; to see the short cutover checklist.</source>
        <translation>Lancez les écritures, puis choisissez « Bloquer toute la base source » pour voir la courte checklist de bascule.</translation>
    </message>
    <message>
        <source>Start writes to see the lag chart move and the rows grow on both sides.</source>
        <translation>Lancez les écritures pour voir le graphique de retard bouger et les lignes croître des deux côtés.</translation>
    </message>
    <message>
        <source>The writes use the sequences; the margin keeps the target&apos;s ahead of them.</source>
        <translation>Les écritures utilisent les séquences ; la marge garde celles de la cible devant elles.</translation>
    </message>
    <message>
        <source>Block the whole source database: the writes are stopped, counted as refused, and the cutover catches up.</source>
        <translation>Bloquez toute la base source : les écritures sont arrêtées, comptées comme refusées, et la bascule rattrape.</translation>
    </message>
    <message>
        <source>Save the report. Closing pgshift stops and deletes both servers.</source>
        <translation>Enregistrez le rapport. Fermer pgshift arrête et supprime les deux serveurs.</translation>
    </message>
    <message>
        <source>AWS DMS cannot reach servers on this computer: Prepare shows the schema and the files pgshift writes for it. Dump &amp; restore and logical replication run end to end here.</source>
        <translation>AWS DMS ne peut pas joindre les serveurs de cet ordinateur : Préparer montre le schéma et les fichiers que pgshift écrit pour lui. Dump et restauration et réplication logique tournent ici de bout en bout.</translation>
    </message>
</context>
<context>
    <name>pgshift::wizard::SequencesPage</name>
    <message>
        <source>Sequences</source>
        <translation>Séquences</translation>
    </message>
    <message>
        <source>Replication does not copy sequence values. At cutover each target sequence moves a margin ahead of its source, so the first insert on the target cannot collide with a copied row.</source>
        <translation>La réplication ne copie pas les valeurs des séquences. À la bascule, chaque séquence cible avance d&apos;une marge devant sa source, pour que la première insertion sur la cible ne puisse pas entrer en collision avec une ligne copiée.</translation>
    </message>
    <message>
        <source>Margin of</source>
        <translation>Marge de</translation>
    </message>
    <message numerus="yes">
        <source>From the rate measured over %n second(s), for a cutover window of</source>
        <translation>
            <numerusform>D&apos;après le rythme mesuré sur %n seconde, pour une fenêtre de bascule de</numerusform>
            <numerusform>D&apos;après le rythme mesuré sur %n secondes, pour une fenêtre de bascule de</numerusform>
        </translation>
    </message>
    <message>
        <source> increments</source>
        <translation> incréments</translation>
    </message>
    <message>
        <source> s (x3)</source>
        <translation> s (x3)</translation>
    </message>
    <message>
        <source>Schema</source>
        <translation>Schéma</translation>
    </message>
    <message>
        <source>Sequence</source>
        <translation>Séquence</translation>
    </message>
    <message>
        <source>Owned by</source>
        <translation>Appartient à</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Cible</translation>
    </message>
    <message>
        <source>Proposed</source>
        <translation>Proposé</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Remarque</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>Act&amp;ualiser</translation>
    </message>
    <message>
        <source>&amp;Copy SQL</source>
        <translation>&amp;Copier le SQL</translation>
    </message>
    <message>
        <source>&amp;Save .sql…</source>
        <translation>&amp;Enregistrer le .sql…</translation>
    </message>
    <message>
        <source>&amp;Apply to target now</source>
        <translation>&amp;Appliquer à la cible maintenant</translation>
    </message>
    <message>
        <source>Usually left to the cutover, which applies them after writes stopped</source>
        <translation>Généralement laissé à la bascule, qui les applique après l&apos;arrêt des écritures</translation>
    </message>
    <message>
        <source>Save the sequence script</source>
        <translation>Enregistrer le script des séquences</translation>
    </message>
    <message>
        <source>SQL (*.sql)</source>
        <translation>SQL (*.sql)</translation>
    </message>
    <message numerus="yes">
        <source>Reading the sequences twice, %n second(s) apart…</source>
        <translation>
            <numerusform>Lecture des séquences deux fois, à %n seconde d&apos;intervalle…</numerusform>
            <numerusform>Lecture des séquences deux fois, à %n secondes d&apos;intervalle…</numerusform>
        </translation>
    </message>
    <message>
        <source>Reading the sequences…</source>
        <translation>Lecture des séquences…</translation>
    </message>
    <message>
        <source>Cannot read the sequences: %1</source>
        <translation>Impossible de lire les séquences : %1</translation>
    </message>
    <message>
        <source>never used</source>
        <translation>jamais utilisée</translation>
    </message>
    <message>
        <source>%1 (identity)</source>
        <translation>%1 (identity)</translation>
    </message>
    <message>
        <source>not readable</source>
        <translation>illisible</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>absente</translation>
    </message>
    <message>
        <source> (next value)</source>
        <translation> (prochaine valeur)</translation>
    </message>
    <message numerus="yes">
        <source>%n sequence(s), margin %1 increments</source>
        <translation>
            <numerusform>%n séquence, marge %1 incréments</numerusform>
            <numerusform>%n séquences, marge %1 incréments</numerusform>
        </translation>
    </message>
    <message>
        <source> (from the rate measured)</source>
        <translation> (d&apos;après le rythme mesuré)</translation>
    </message>
    <message numerus="yes">
        <source>%n sequence(s) would pass their limit: clamped, see the note.</source>
        <translation>
            <numerusform>%n séquence dépasserait sa limite : plafonnée, voir la remarque.</numerusform>
            <numerusform>%n séquences dépasseraient leur limite : plafonnées, voir la remarque.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n sequence(s) missing on the target: the schema copy did not bring them.</source>
        <translation>
            <numerusform>%n séquence absente de la cible : la copie du schéma ne l&apos;a pas amenée.</numerusform>
            <numerusform>%n séquences absentes de la cible : la copie du schéma ne les a pas amenées.</numerusform>
        </translation>
    </message>
    <message>
        <source>Apply sequences</source>
        <translation>Appliquer les séquences</translation>
    </message>
    <message numerus="yes">
        <source>Set %n sequence(s) on the target now? Writes still going to the source move its sequences on; the cutover sets them again after writes stopped.</source>
        <translation>
            <numerusform>Fixer %n séquence sur la cible maintenant ? Les écritures qui vont encore à la source font avancer ses séquences ; la bascule les fixe à nouveau après l&apos;arrêt des écritures.</numerusform>
            <numerusform>Fixer %n séquences sur la cible maintenant ? Les écritures qui vont encore à la source font avancer ses séquences ; la bascule les fixe à nouveau après l&apos;arrêt des écritures.</numerusform>
        </translation>
    </message>
    <message>
        <source>Applying…</source>
        <translation>Application…</translation>
    </message>
    <message>
        <source>Applying failed: %1</source>
        <translation>L&apos;application a échoué : %1</translation>
    </message>
    <message numerus="yes">
        <source>Set %n sequence(s) on the target.</source>
        <translation>
            <numerusform>%n séquence fixée sur la cible.</numerusform>
            <numerusform>%n séquences fixées sur la cible.</numerusform>
        </translation>
    </message>
    <message>
        <source>Verified: every target sequence is ahead of its source.</source>
        <translation>Vérifié : chaque séquence cible est devant sa source.</translation>
    </message>
    <message>
        <source>Not ahead: %1</source>
        <translation>Pas devant : %1</translation>
    </message>
    <message>
        <source>Margin, in increments</source>
        <translation>Marge, en incréments</translation>
    </message>
    <message>
        <source>Cutover window, in seconds</source>
        <translation>Fenêtre de bascule, en secondes</translation>
    </message>
</context>
<context>
    <name>pgshift::wizard::SummaryPage</name>
    <message>
        <source>Summary</source>
        <translation>Résumé</translation>
    </message>
    <message>
        <source>What the migration did, step by step, and a report to keep: HTML with the charts inside, or Markdown for a ticket or a wiki.</source>
        <translation>Ce que la migration a fait, étape par étape, et un rapport à conserver : HTML avec les graphiques intégrés, ou Markdown pour un ticket ou un wiki.</translation>
    </message>
    <message>
        <source>Migration report</source>
        <translation>Rapport de migration</translation>
    </message>
    <message>
        <source>Save report as &amp;HTML…</source>
        <translation>Enregistrer le rapport en &amp;HTML…</translation>
    </message>
    <message>
        <source>Rows per table, source and target</source>
        <translation>Lignes par table, source et cible</translation>
    </message>
    <message>
        <source>exact counts</source>
        <translation>comptages exacts</translation>
    </message>
    <message>
        <source>Migration complete; write downtime %1 s.</source>
        <translation>Migration terminée ; interruption des écritures %1 s.</translation>
    </message>
    <message>
        <source>Copy complete and verified.</source>
        <translation>Copie terminée et vérifiée.</translation>
    </message>
    <message>
        <source>The migration did not complete; the report says where it stopped.</source>
        <translation>La migration ne s&apos;est pas terminée ; le rapport indique où elle s&apos;est arrêtée.</translation>
    </message>
    <message>
        <source>Save the migration report</source>
        <translation>Enregistrer le rapport de migration</translation>
    </message>
    <message>
        <source>HTML (*.html)</source>
        <translation>HTML (*.html)</translation>
    </message>
    <message>
        <source>Markdown (*.md)</source>
        <translation>Markdown (*.md)</translation>
    </message>
    <message>
        <source>Save report as Mar&amp;kdown…</source>
        <translation>Enregistrer le rapport en Mar&amp;kdown…</translation>
    </message>
</context>
<context>
    <name>pgshift::wizard::WelcomePage</name>
    <message>
        <source>Welcome to pgshift</source>
        <translation>Bienvenue dans pgshift</translation>
    </message>
    <message>
        <source>Move a PostgreSQL database to another PostgreSQL server, one checked step at a time.</source>
        <translation>Déplacer une base PostgreSQL vers un autre serveur PostgreSQL, une étape vérifiée après l&apos;autre.</translation>
    </message>
    <message>
        <source>pgshift copies a database from Amazon Aurora or RDS, Neon, Supabase, Google Cloud SQL or your own server to PlanetScale Postgres or any PostgreSQL 10 or newer server.</source>
        <translation>pgshift copie une base depuis Amazon Aurora ou RDS, Neon, Supabase, Google Cloud SQL ou votre propre serveur vers PlanetScale Postgres ou tout serveur PostgreSQL 10 ou plus récent.</translation>
    </message>
    <message>
        <source>1. Connect to the source and the target and test both connections.
2. Check every prerequisite; each finding comes with its fix.
3. Copy the data with the method that fits your downtime budget, watching progress live.
4. Cut over: stop writes, catch up, move sequences ahead, validate, switch.
Every SQL statement is shown before it runs and written to the log.</source>
        <translation>1. Connectez-vous à la source et à la cible et testez les deux connexions.
2. Vérifiez chaque prérequis ; chaque constat vient avec sa correction.
3. Copiez les données avec la méthode adaptée à votre budget d&apos;interruption, en suivant la progression en direct.
4. Basculez : arrêt des écritures, rattrapage, séquences avancées, validation, changement.
Chaque instruction SQL est montrée avant de s&apos;exécuter et écrite dans le journal.</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Méthode</translation>
    </message>
    <message>
        <source>Write downtime</source>
        <translation>Interruption des écritures</translation>
    </message>
    <message>
        <source>Best for</source>
        <translation>Idéal pour</translation>
    </message>
    <message>
        <source>How it works</source>
        <translation>Fonctionnement</translation>
    </message>
    <message>
        <source>Dump and restore</source>
        <translation>Dump et restauration</translation>
    </message>
    <message>
        <source>The whole copy</source>
        <translation>Pendant toute la copie</translation>
    </message>
    <message>
        <source>Databases that can take a maintenance window</source>
        <translation>Les bases qui supportent une fenêtre de maintenance</translation>
    </message>
    <message>
        <source>Schema and data copied in parallel from one consistent snapshot, then indexes and constraints, then a row-count check.</source>
        <translation>Schéma et données copiés en parallèle depuis un snapshot cohérent, puis index et contraintes, puis une vérification des nombres de lignes.</translation>
    </message>
    <message>
        <source>Logical replication</source>
        <translation>Réplication logique</translation>
    </message>
    <message>
        <source>Seconds, at cutover</source>
        <translation>Quelques secondes, à la bascule</translation>
    </message>
    <message>
        <source>Production databases that must stay online</source>
        <translation>Les bases de production qui doivent rester en ligne</translation>
    </message>
    <message>
        <source>The target subscribes to the source and stays in sync until you cut over. Needs wal_level = logical on the source.</source>
        <translation>La cible s&apos;abonne à la source et reste synchronisée jusqu&apos;à la bascule. Demande wal_level = logical sur la source.</translation>
    </message>
    <message>
        <source>AWS DMS assisted</source>
        <translation>Assisté par AWS DMS</translation>
    </message>
    <message>
        <source>Seconds to minutes</source>
        <translation>Secondes à minutes</translation>
    </message>
    <message>
        <source>Teams already running AWS Database Migration Service</source>
        <translation>Les équipes qui utilisent déjà AWS Database Migration Service</translation>
    </message>
    <message>
        <source>Three ways to migrate</source>
        <translation>Trois façons de migrer</translation>
    </message>
    <message>
        <source>Try it on a &amp;sandbox</source>
        <translation>Essayer dans un &amp;bac à sable</translation>
    </message>
    <message>
        <source>Starts two throwaway PostgreSQL servers on this computer, a source with a sample shop and an empty target, and fills in both connections. They are deleted when pgshift closes.</source>
        <translation>Démarre deux serveurs PostgreSQL jetables sur cet ordinateur, une source avec une boutique d&apos;exemple et une cible vide, et remplit les deux connexions. Ils sont supprimés à la fermeture de pgshift.</translation>
    </message>
    <message>
        <source>No servers at hand? Try the whole flow on two local throwaway servers:</source>
        <translation>Pas de serveur sous la main ? Essayez tout le parcours sur deux serveurs locaux jetables :</translation>
    </message>
    <message>
        <source>pgshift prepares the schema and the DMS task files, then does what DMS leaves undone: foreign keys, sequences, validation.</source>
        <translation>pgshift prépare le schéma et les fichiers de tâche DMS, puis fait ce que DMS laisse de côté : clés étrangères, séquences, validation.</translation>
    </message>
</context>
<context>
    <name>pgshift::wizard::WriteBlockBox</name>
    <message>
        <source>Leave writes alone: a trial copy (the source goes on changing)</source>
        <translation>Ne pas toucher aux écritures : une copie d&apos;essai (la source continue de changer)</translation>
    </message>
    <message>
        <source>I stopped the application: nothing writes to the source any more</source>
        <translation>J&apos;ai arrêté l&apos;application : plus rien n&apos;écrit sur la source</translation>
    </message>
    <message>
        <source>Block these roles (read-only in the source database, their sessions ended):</source>
        <translation>Bloquer ces rôles (lecture seule dans la base source, leurs sessions terminées) :</translation>
    </message>
    <message>
        <source>Block the whole source database (read-only, every other session ended)</source>
        <translation>Bloquer toute la base source (lecture seule, toutes les autres sessions terminées)</translation>
    </message>
    <message>
        <source>Roles to block</source>
        <translation>Rôles à bloquer</translation>
    </message>
    <message>
        <source>app_user, worker</source>
        <translation>app_user, worker</translation>
    </message>
    <message>
        <source>Name the roles whose writes to block.</source>
        <translation>Nommez les rôles dont les écritures sont à bloquer.</translation>
    </message>
    <message>
        <source>Is the application stopped, so that nothing writes to the source any more? %1</source>
        <translation>L&apos;application est-elle arrêtée, de sorte que plus rien n&apos;écrit sur la source ? %1</translation>
    </message>
    <message>
        <source>Cannot reach the source: %1</source>
        <translation>Source injoignable : %1</translation>
    </message>
    <message>
        <source>Stop writes on the source? No session needs to be ended. %1</source>
        <translation>Arrêter les écritures sur la source ? Aucune session n&apos;a besoin d&apos;être terminée. %1</translation>
    </message>
    <message>
        <source>Stop writes on the source? These sessions will be ended:
%1
%2</source>
        <translation>Arrêter les écritures sur la source ? Ces sessions seront terminées :
%1
%2</translation>
    </message>
</context>
</TS>
