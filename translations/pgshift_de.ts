<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>pgshift::app::CheckCommand</name>
    <message>
        <source>Checks every prerequisite of a migration and prints the findings with their fixes. Exit status: 0 no blocker, 1 blockers found, 2 the checks could not run.</source>
        <translation>Prüft alle Voraussetzungen einer Migration und gibt die Befunde mit ihren Korrekturen aus. Exit-Status: 0 kein Blocker, 1 Blocker gefunden, 2 die Prüfungen konnten nicht laufen.</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>Diese Hilfe anzeigen.</translation>
    </message>
    <message>
        <source>dump, logical or dms (default: logical).</source>
        <translation>dump, logical oder dms (Standard: logical).</translation>
    </message>
    <message>
        <source>text, json or markdown.</source>
        <translation>text, json oder markdown.</translation>
    </message>
    <message>
        <source>--method must be dump, logical or dms, not &apos;%1&apos;</source>
        <translation>--method muss dump, logical oder dms sein, nicht &apos;%1&apos;</translation>
    </message>
    <message>
        <source>--format must be text, json or markdown, not &apos;%1&apos;</source>
        <translation>--format muss text, json oder markdown sein, nicht &apos;%1&apos;</translation>
    </message>
    <message>
        <source>the checks could not run: %1</source>
        <translation>die Prüfungen konnten nicht laufen: %1</translation>
    </message>
</context>
<context>
    <name>pgshift::app::ChecklistOptions</name>
    <message>
        <source>Make these roles read-only in the source database and end their sessions.</source>
        <translation>Diese Rollen in der Quelldatenbank schreibgeschützt machen und ihre Sitzungen beenden.</translation>
    </message>
    <message>
        <source>Make the whole source database read-only and end every other session.</source>
        <translation>Die ganze Quelldatenbank schreibgeschützt machen und jede andere Sitzung beenden.</translation>
    </message>
    <message>
        <source>Run the checklist with writes stopped by you (the application is stopped); pgshift blocks nothing.</source>
        <translation>Die Checkliste ausführen, während Sie die Schreibzugriffe gestoppt haben (die Anwendung ist gestoppt); pgshift sperrt nichts.</translation>
    </message>
    <message>
        <source>Sequence margin in increments (default 10000).</source>
        <translation>Sequenz-Vorsprung in Inkrementen (Standard 10000).</translation>
    </message>
    <message>
        <source>Validate with a checksum of every table&apos;s rows as well as exact row counts (reads every row twice).</source>
        <translation>Zusätzlich zu den exakten Zeilenzahlen mit einer Prüfsumme über alle Zeilen jeder Tabelle validieren (liest jede Zeile zweimal).</translation>
    </message>
    <message>
        <source>give one of --block-writes, --block-database and --writes-stopped</source>
        <translation>geben Sie eine der Optionen --block-writes, --block-database und --writes-stopped an</translation>
    </message>
    <message>
        <source>give --block-writes or --block-database, not both</source>
        <translation>geben Sie --block-writes oder --block-database an, nicht beide</translation>
    </message>
    <message>
        <source>--block-writes needs at least one role</source>
        <translation>--block-writes braucht mindestens eine Rolle</translation>
    </message>
    <message>
        <source>--margin must be a whole number of increments, 0 or more, not &apos;%1&apos;</source>
        <translation>--margin muss eine ganze Zahl von Inkrementen sein, 0 oder mehr, nicht &apos;%1&apos;</translation>
    </message>
    <message>
        <source>--margin and --checksums belong to the checklist: add --writes-stopped, --block-writes or --block-database</source>
        <translation>--margin und --checksums gehören zur Checkliste: ergänzen Sie --writes-stopped, --block-writes oder --block-database</translation>
    </message>
    <message>
        <source>Checklist:</source>
        <translation>Checkliste:</translation>
    </message>
    <message>
        <source>Sessions the write block ends now:</source>
        <translation>Sitzungen, die die Schreibsperre jetzt beendet:</translation>
    </message>
    <message>
        <source>Copy complete and every checklist step done. Write downtime: %1 s.</source>
        <translation>Kopie abgeschlossen und jeder Schritt der Checkliste erledigt. Schreib-Ausfallzeit: %1 s.</translation>
    </message>
    <message>
        <source>Cutover complete. Write downtime: %1 s.</source>
        <translation>Umstellung abgeschlossen. Schreib-Ausfallzeit: %1 s.</translation>
    </message>
    <message>
        <source>Point the application at the target (its password as before):</source>
        <translation>Richten Sie die Anwendung auf das Ziel aus (Passwort wie bisher):</translation>
    </message>
    <message>
        <source>The source stays read-only for what was blocked; pgshift cutover --reenable-writes with the same --block-* option and endpoints lifts it.</source>
        <translation>Die Quelle bleibt für das Gesperrte schreibgeschützt; pgshift cutover --reenable-writes mit derselben --block-*-Option und denselben Endpunkten hebt das auf.</translation>
    </message>
    <message>
        <source>pgshift %1 FAILED: %2</source>
        <translation>pgshift %1 FEHLGESCHLAGEN: %2</translation>
    </message>
    <message>
        <source>Writes are allowed again on the source.</source>
        <translation>Schreibzugriffe auf die Quelle sind wieder erlaubt.</translation>
    </message>
    <message>
        <source>Writes are allowed again on the source; replication is still running.</source>
        <translation>Schreibzugriffe auf die Quelle sind wieder erlaubt; die Replikation läuft weiter.</translation>
    </message>
    <message>
        <source>Re-enabling writes failed: %1</source>
        <translation>Wiederzulassen der Schreibzugriffe fehlgeschlagen: %1</translation>
    </message>
</context>
<context>
    <name>pgshift::app::Command</name>
    <message>
        <source>Test the source and/or target connection</source>
        <translation>Die Quell- und/oder Zielverbindung testen</translation>
    </message>
    <message>
        <source>Check every prerequisite of a migration, with fixes</source>
        <translation>Jede Voraussetzung einer Migration prüfen, mit Korrekturen</translation>
    </message>
    <message>
        <source>Copy the database, or some schemas and tables (dump and restore)</source>
        <translation>Die Datenbank oder einige Schemas und Tabellen kopieren (Dump und Restore)</translation>
    </message>
    <message>
        <source>Logical replication: start it, follow its status, clean it up</source>
        <translation>Logische Replikation: starten, ihren Status verfolgen, aufräumen</translation>
    </message>
    <message>
        <source>Move the target&apos;s sequences ahead of the source&apos;s (print, or --apply)</source>
        <translation>Die Sequenzen des Ziels vor die der Quelle setzen (ausgeben oder --apply)</translation>
    </message>
    <message>
        <source>Cut over a logical replication: stop writes, catch up, sequences, validate, end it</source>
        <translation>Umstellung einer logischen Replikation: Schreibzugriffe stoppen, aufholen, Sequenzen, validieren, beenden</translation>
    </message>
    <message>
        <source>Two throwaway local servers with a sample shop, to try pgshift on</source>
        <translation>Zwei lokale Wegwerf-Server mit einem Beispiel-Shop, um pgshift auszuprobieren</translation>
    </message>
    <message>
        <source>AWS DMS, schema first: plan (schema, task files) and finish (keys, sequences, counts)</source>
        <translation>AWS DMS, Schema zuerst: plan (Schema, Task-Dateien) und finish (Schlüssel, Sequenzen, Zählungen)</translation>
    </message>
    <message>
        <source>unexpected argument &apos;%1&apos;</source>
        <translation>unerwartetes Argument &apos;%1&apos;</translation>
    </message>
</context>
<context>
    <name>pgshift::app::CommandLine</name>
    <message>
        <source>unknown command &apos;%1&apos;</source>
        <translation>unbekannter Befehl &apos;%1&apos;</translation>
    </message>
    <message>
        <source>
Commands:
</source>
        <translation>
Befehle:
</translation>
    </message>
    <message>
        <source>
Run &apos;pgshift COMMAND --help&apos; for a command&apos;s options.
</source>
        <translation>
&apos;pgshift BEFEHL --help&apos; zeigt die Optionen eines Befehls.
</translation>
    </message>
    <message>
        <source>
Exit status: 0 success, 1 the operation failed, 2 bad usage.
</source>
        <translation>
Exit-Status: 0 Erfolg, 1 der Vorgang ist fehlgeschlagen, 2 falsche Verwendung.
</translation>
    </message>
    <message>
        <source>demo takes no arguments</source>
        <translation>demo nimmt keine Argumente</translation>
    </message>
    <message>
        <source>unknown language &apos;%1&apos;: pgshift speaks %2</source>
        <translation>unbekannte Sprache &apos;%1&apos;: pgshift spricht %2</translation>
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
        <translation>Aufruf: pgshift [--verbose] [BEFEHL [OPTIONEN]]

Verschiebt eine PostgreSQL-Datenbank auf einen anderen PostgreSQL-Server per Dump und Restore,
per logischer Replikation oder mit AWS DMS.
Ohne Befehl öffnet pgshift den Migrationsassistenten; &apos;pgshift demo&apos; öffnet ihn
auf einer Sandbox: zwei lokale Wegwerf-Server, die beim Schließen des Assistenten gelöscht werden.

Optionen:
  -h, --help     Diese Hilfe anzeigen und beenden.
  -v, --version  Die Version von pgshift anzeigen und beenden.
  --verbose      Log-Zeilen auch auf die Standardfehlerausgabe schreiben.
  --lang CODE    Diese Sprache sprechen (de, en, es, fr, ja) statt der des Systems.
</translation>
    </message>
    <message>
        <source>Run &apos;pgshift --help&apos; for usage.</source>
        <translation>&apos;pgshift --help&apos; zeigt die Verwendung.</translation>
    </message>
</context>
<context>
    <name>pgshift::app::ConnectionOptions</name>
    <message>
        <source>The source database: a URI, key=value string or service=NAME (default: $PGSHIFT_SOURCE).</source>
        <translation>Die Quelldatenbank: eine URI, ein key=value-String oder service=NAME (Standard: $PGSHIFT_SOURCE).</translation>
    </message>
    <message>
        <source>The target database: a URI, key=value string or service=NAME (default: $PGSHIFT_TARGET).</source>
        <translation>Die Zieldatenbank: eine URI, ein key=value-String oder service=NAME (Standard: $PGSHIFT_TARGET).</translation>
    </message>
    <message>
        <source>source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>target</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <source>--%1 is empty</source>
        <translation>--%1 ist leer</translation>
    </message>
    <message>
        <source>%1 connection: %2</source>
        <translation>Verbindung (%1): %2</translation>
    </message>
    <message>
        <source>pgshift: warning: the %1 password is on the command line, where other users of this computer can see it (ps). Prefer ~/.pgpass, PGPASSWORD, or leave it out to be asked.</source>
        <translation>pgshift: Warnung: das Passwort (%1) steht auf der Befehlszeile, wo andere Benutzer dieses Computers es sehen können (ps). Besser ~/.pgpass, PGPASSWORD, oder weglassen, um danach gefragt zu werden.</translation>
    </message>
    <message>
        <source>Password for %1 (%2): </source>
        <translation>Passwort für %1 (%2): </translation>
    </message>
    <message>
        <source>give --source and --target (or set PGSHIFT_SOURCE and PGSHIFT_TARGET)</source>
        <translation>geben Sie --source und --target an (oder setzen Sie PGSHIFT_SOURCE und PGSHIFT_TARGET)</translation>
    </message>
    <message>
        <source>cannot connect to the %1 (%2): %3
%4</source>
        <translation>%1: keine Verbindung (%2): %3
%4</translation>
    </message>
    <message>
        <source>give --source and --target (or set PGSHIFT_SOURCE and PGSHIFT_TARGET); no replication started by pgshift is saved to fall back on</source>
        <translation>geben Sie --source und --target an (oder setzen Sie PGSHIFT_SOURCE und PGSHIFT_TARGET); es ist keine von pgshift gestartete Replikation gespeichert, auf die zurückgegriffen werden kann</translation>
    </message>
    <message>
        <source>give --source and --target; the saved replication cannot be read: %1</source>
        <translation>geben Sie --source und --target an; die gespeicherte Replikation kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Following the replication pgshift started %1: %2 -&gt; %3 (saved in %4)</source>
        <translation>Verfolge die Replikation, die pgshift %1 gestartet hat: %2 -&gt; %3 (gespeichert in %4)</translation>
    </message>
</context>
<context>
    <name>pgshift::app::CopyCommand</name>
    <message>
        <source>Show this help.</source>
        <translation>Diese Hilfe anzeigen.</translation>
    </message>
    <message>
        <source>Do not ask for confirmation.</source>
        <translation>Nicht um Bestätigung bitten.</translation>
    </message>
    <message>
        <source>--jobs must be a number from 1 to 64, not &apos;%1&apos;</source>
        <translation>--jobs muss eine Zahl von 1 bis 64 sein, nicht &apos;%1&apos;</translation>
    </message>
    <message>
        <source>not on a terminal: add --yes to copy without confirmation</source>
        <translation>kein Terminal: ergänzen Sie --yes, um ohne Bestätigung zu kopieren</translation>
    </message>
    <message>
        <source>The copy did NOT complete:</source>
        <translation>Die Kopie wurde NICHT abgeschlossen:</translation>
    </message>
    <message numerus="yes">
        <source>%n table(s)</source>
        <translation>
            <numerusform>%n Tabelle</numerusform>
            <numerusform>%n Tabellen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n sequence(s)</source>
        <translation>
            <numerusform>%n Sequenz</numerusform>
            <numerusform>%n Sequenzen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n large object(s)</source>
        <translation>
            <numerusform>%n Large Object</numerusform>
            <numerusform>%n Large Objects</numerusform>
        </translation>
    </message>
    <message>
        <source>Copy %1 of %2
  to %3?
This creates the schema and the data on the target. [y/N] </source>
        <translation>%1 von %2
  nach %3 kopieren?
Das legt das Schema und die Daten auf dem Ziel an. [y/N] </translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation>%1/s</translation>
    </message>
    <message>
        <source>ETA %1:%2</source>
        <translation>Restzeit %1:%2</translation>
    </message>
    <message>
        <source>%1 of %2 tables done</source>
        <translation>%1 von %2 Tabellen fertig</translation>
    </message>
    <message>
        <source>The copy was cancelled and did NOT complete.</source>
        <translation>Die Kopie wurde abgebrochen und NICHT abgeschlossen.</translation>
    </message>
    <message>
        <source>It left these objects on the target:</source>
        <translation>Sie hat diese Objekte auf dem Ziel hinterlassen:</translation>
    </message>
    <message>
        <source>To remove them, run this SQL on the target:</source>
        <translation>Um sie zu entfernen, führen Sie dieses SQL auf dem Ziel aus:</translation>
    </message>
    <message>
        <source>Copied %1 (%2 rows, %3), %4 and %5 in %6 s; every table&apos;s row count matches on both sides.</source>
        <translation>%1 kopiert (%2 Zeilen, %3), %4 und %5 in %6 s; die Zeilenzahl jeder Tabelle stimmt auf beiden Seiten überein.</translation>
    </message>
    <message>
        <source>The archive is in %1.</source>
        <translation>Das Archiv liegt in %1.</translation>
    </message>
    <message>
        <source>Parallel workers (default %1: one per core, 2 to 8).</source>
        <translation>Parallele Worker (Standard %1: einer pro Kern, 2 bis 8).</translation>
    </message>
    <message>
        <source>stream (default): rows streamed server to server; pg_dump: pg_dump -Fd -j N into --archive-dir, then pg_restore -j N.</source>
        <translation>stream (Standard): Zeilen werden von Server zu Server gestreamt; pg_dump: pg_dump -Fd -j N in --archive-dir, dann pg_restore -j N.</translation>
    </message>
    <message>
        <source>Folder for the pg_dump engine&apos;s archive, kept afterwards; must be new or empty.</source>
        <translation>Ordner für das Archiv der pg_dump-Engine, wird danach behalten; muss neu oder leer sein.</translation>
    </message>
    <message>
        <source>Copy this schema (repeatable). Quote names with capitals or dots: &apos;&quot;Sales&quot;&apos;.</source>
        <translation>Dieses Schema kopieren (wiederholbar). Namen mit Großbuchstaben oder Punkten in Anführungszeichen: &apos;&quot;Sales&quot;&apos;.</translation>
    </message>
    <message>
        <source>Copy this table, as table or schema.table (repeatable); partitions of a partitioned table come with it. Its schema&apos;s types and functions must exist on the target.</source>
        <translation>Diese Tabelle kopieren, als tabelle oder schema.tabelle (wiederholbar); die Partitionen einer partitionierten Tabelle kommen mit. Typen und Funktionen ihres Schemas müssen auf dem Ziel existieren.</translation>
    </message>
    <message>
        <source>--engine must be stream or pg_dump, not &apos;%1&apos;</source>
        <translation>--engine muss stream oder pg_dump sein, nicht &apos;%1&apos;</translation>
    </message>
    <message>
        <source>--engine pg_dump needs --archive-dir DIR for the archive</source>
        <translation>--engine pg_dump braucht --archive-dir DIR für das Archiv</translation>
    </message>
    <message>
        <source>--archive-dir goes with --engine pg_dump</source>
        <translation>--archive-dir gehört zu --engine pg_dump</translation>
    </message>
    <message>
        <source>Cancelling...</source>
        <translation>Breche ab...</translation>
    </message>
    <message>
        <source>Copies the source database, or some of its schemas and tables, to the target: schema, data (in parallel, from one consistent snapshot), indexes and constraints, sequences, large objects, then compares every table&apos;s exact row count on both sides. Stop writes to the source first, or let pgshift run the short cutover checklist around the copy: writes stopped (--writes-stopped, --block-writes or --block-database), the copy, sequences moved ahead, row counts (and with --checksums row checksums) compared, the target&apos;s connection string; a failure re-enables writes. Ctrl+C cancels and lists what was created on the target, with the SQL that drops it. Exit status: 0 the copy and its verification succeeded, 1 they did not, 2 bad usage.</source>
        <translation>Kopiert die Quelldatenbank oder einige ihrer Schemas und Tabellen auf das Ziel: Schema, Daten (parallel, aus einem konsistenten Snapshot), Indizes und Constraints, Sequenzen, Large Objects, und vergleicht dann die exakte Zeilenzahl jeder Tabelle auf beiden Seiten. Stoppen Sie zuerst die Schreibzugriffe auf die Quelle, oder lassen Sie pgshift die kurze Umstellungs-Checkliste um die Kopie herum ausführen: Schreibzugriffe gestoppt (--writes-stopped, --block-writes oder --block-database), die Kopie, Sequenzen vorgerückt, Zeilenzahlen (und mit --checksums Zeilen-Prüfsummen) verglichen, der Verbindungsstring des Ziels; ein Fehler lässt Schreibzugriffe wieder zu. Strg+C bricht ab und listet, was auf dem Ziel angelegt wurde, mit dem SQL, das es entfernt. Exit-Status: 0 die Kopie und ihre Prüfung waren erfolgreich, 1 nicht, 2 falsche Verwendung.</translation>
    </message>
</context>
<context>
    <name>pgshift::app::CutoverCommand</name>
    <message>
        <source>Cut over a running logical replication: pre-checks, stop writes on the source, catch up, move the sequences ahead, compare exact row counts, end replication, and print the target&apos;s connection string. It stops at the first failure and re-enables writes on the source, replication still running. After a success the write block stays (pgshift cutover --reenable-writes lifts it).
Without --block-writes or --block-database you confirm that the application is stopped.
Without --source/--target it follows the replication pgshift saved.
Exit status: 0 every step succeeded, 1 a step failed, 2 bad usage.</source>
        <translation>Stellt eine laufende logische Replikation um: Vorprüfungen, Schreibzugriffe auf die Quelle stoppen, aufholen, die Sequenzen vorrücken, exakte Zeilenzahlen vergleichen, die Replikation beenden und den Verbindungsstring des Ziels ausgeben. Es hält beim ersten Fehler an und lässt Schreibzugriffe auf die Quelle wieder zu, die Replikation läuft weiter. Nach einem Erfolg bleibt die Schreibsperre (pgshift cutover --reenable-writes hebt sie auf).
Ohne --block-writes oder --block-database bestätigen Sie, dass die Anwendung gestoppt ist.
Ohne --source/--target folgt es der Replikation, die pgshift gespeichert hat.
Exit-Status: 0 jeder Schritt erfolgreich, 1 ein Schritt fehlgeschlagen, 2 falsche Verwendung.</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>Diese Hilfe anzeigen.</translation>
    </message>
    <message>
        <source>Seconds to wait for the catch-up (default 300).</source>
        <translation>Sekunden, die auf das Aufholen gewartet wird (Standard 300).</translation>
    </message>
    <message>
        <source>Lag in bytes the pre-checks accept (default 1 MiB).</source>
        <translation>Lag in Bytes, den die Vorprüfungen akzeptieren (Standard 1 MiB).</translation>
    </message>
    <message>
        <source>Publication name (default pgshift_pub).</source>
        <translation>Name der Publication (Standard pgshift_pub).</translation>
    </message>
    <message>
        <source>Subscription name (default pgshift_sub).</source>
        <translation>Name der Subscription (Standard pgshift_sub).</translation>
    </message>
    <message>
        <source>Replication slot name (default: the subscription&apos;s).</source>
        <translation>Name des Replikations-Slots (Standard: der der Subscription).</translation>
    </message>
    <message>
        <source>Only lift the write block of an earlier cutover (give the same --block-* option).</source>
        <translation>Nur die Schreibsperre einer früheren Umstellung aufheben (dieselbe --block-*-Option angeben).</translation>
    </message>
    <message>
        <source>Do not ask for confirmation.</source>
        <translation>Nicht um Bestätigung bitten.</translation>
    </message>
    <message>
        <source>--timeout must be a number of seconds, 1 or more, not &apos;%1&apos;</source>
        <translation>--timeout muss eine Anzahl Sekunden sein, 1 oder mehr, nicht &apos;%1&apos;</translation>
    </message>
    <message>
        <source>--max-lag must be a number of bytes, not &apos;%1&apos;</source>
        <translation>--max-lag muss eine Anzahl Bytes sein, nicht &apos;%1&apos;</translation>
    </message>
    <message>
        <source>--reenable-writes needs the --block-writes or --block-database option the cutover used</source>
        <translation>--reenable-writes braucht die Option --block-writes oder --block-database, die die Umstellung benutzt hat</translation>
    </message>
    <message>
        <source>Writes are allowed again on the source.</source>
        <translation>Schreibzugriffe auf die Quelle sind wieder erlaubt.</translation>
    </message>
    <message>
        <source>not on a terminal: add --yes to cut over without confirmation</source>
        <translation>kein Terminal: ergänzen Sie --yes, um ohne Bestätigung umzustellen</translation>
    </message>
    <message>
        <source>Is the application stopped, so that nothing writes to the source any more? Cut over now? [y/N] </source>
        <translation>Ist die Anwendung gestoppt, sodass nichts mehr auf die Quelle schreibt? Jetzt umstellen? [y/N] </translation>
    </message>
    <message>
        <source>Stop writes on the source and cut over now? [y/N] </source>
        <translation>Schreibzugriffe auf die Quelle stoppen und jetzt umstellen? [y/N] </translation>
    </message>
    <message>
        <source>Cancelling the cutover…</source>
        <translation>Breche die Umstellung ab…</translation>
    </message>
</context>
<context>
    <name>pgshift::app::DmsCommand</name>
    <message>
        <source>Only this schema (repeatable).</source>
        <translation>Nur dieses Schema (wiederholbar).</translation>
    </message>
    <message>
        <source>Only this table, as table or schema.table (repeatable).</source>
        <translation>Nur diese Tabelle, als tabelle oder schema.tabelle (wiederholbar).</translation>
    </message>
    <message>
        <source>Usage: pgshift dms plan|finish [options]
  plan    create the target&apos;s schema (foreign keys held back) and write the DMS task settings, table mapping, endpoint attributes and aws CLI commands
  finish  after DMS loaded the data: stop writes, catch up, add the foreign keys, move the sequences ahead, compare row counts
pgshift dms plan --help and pgshift dms finish --help list the options.</source>
        <translation>Aufruf: pgshift dms plan|finish [Optionen]
  plan    das Schema des Ziels anlegen (Fremdschlüssel zurückgehalten) und die DMS-Task-Einstellungen, das Table Mapping, die Endpunkt-Attribute und die aws-CLI-Befehle schreiben
  finish  nachdem DMS die Daten geladen hat: Schreibzugriffe stoppen, aufholen, die Fremdschlüssel hinzufügen, die Sequenzen vorrücken, Zeilenzahlen vergleichen
pgshift dms plan --help und pgshift dms finish --help listen die Optionen.</translation>
    </message>
    <message>
        <source>say plan or finish</source>
        <translation>sagen Sie plan oder finish</translation>
    </message>
    <message>
        <source>unknown subcommand &apos;%1&apos;: say plan or finish</source>
        <translation>unbekannter Unterbefehl &apos;%1&apos;: sagen Sie plan oder finish</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Breche ab…</translation>
    </message>
    <message>
        <source>Prepare an AWS DMS migration, schema first: create the schema on the target with its foreign keys held back (so DMS can load the tables in any order), then write into --out the task settings, the table mapping, the endpoints&apos; extra connection attributes, the aws CLI commands (with placeholders for ARNs and passwords) and the held-back keys. pgshift never handles AWS credentials.
Exit status: 0 done, 1 failed (the target as the error says), 2 bad usage.</source>
        <translation>Eine AWS-DMS-Migration vorbereiten, Schema zuerst: das Schema auf dem Ziel anlegen, die Fremdschlüssel zurückgehalten (damit DMS die Tabellen in beliebiger Reihenfolge laden kann), dann in --out die Task-Einstellungen, das Table Mapping, die Extra Connection Attributes der Endpunkte, die aws-CLI-Befehle (mit Platzhaltern für ARNs und Passwörter) und die zurückgehaltenen Schlüssel schreiben. pgshift fasst niemals AWS-Zugangsdaten an.
Exit-Status: 0 erledigt, 1 fehlgeschlagen (das Ziel so, wie der Fehler sagt), 2 falsche Verwendung.</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>Diese Hilfe anzeigen.</translation>
    </message>
    <message>
        <source>Folder for the files (created if missing).</source>
        <translation>Ordner für die Dateien (wird angelegt, falls er fehlt).</translation>
    </message>
    <message>
        <source>DMS task identifier (default pgshift-dms).</source>
        <translation>DMS-Task-Bezeichner (Standard pgshift-dms).</translation>
    </message>
    <message>
        <source>Slot name DMS is to use on the source (default pgshift_dms).</source>
        <translation>Slot-Name, den DMS auf der Quelle benutzen soll (Standard pgshift_dms).</translation>
    </message>
    <message>
        <source>A task without ongoing changes (no slot).</source>
        <translation>Ein Task ohne laufende Änderungen (kein Slot).</translation>
    </message>
    <message>
        <source>Limited LOB mode: values over KB kilobytes are cut (default: full LOB mode).</source>
        <translation>Limited LOB Mode: Werte über KB Kilobyte werden abgeschnitten (Standard: Full LOB Mode).</translation>
    </message>
    <message>
        <source>Tables DMS loads at a time (default 8).</source>
        <translation>Tabellen, die DMS gleichzeitig lädt (Standard 8).</translation>
    </message>
    <message>
        <source>Turn DMS&apos;s row-level validation off.</source>
        <translation>Die Validierung auf Zeilenebene von DMS ausschalten.</translation>
    </message>
    <message>
        <source>--out DIR is required: the folder for the DMS files</source>
        <translation>--out DIR ist erforderlich: der Ordner für die DMS-Dateien</translation>
    </message>
    <message>
        <source>--limited-lobs must be a number of kilobytes, 1 or more, not &apos;%1&apos;</source>
        <translation>--limited-lobs muss eine Anzahl Kilobyte sein, 1 oder mehr, nicht &apos;%1&apos;</translation>
    </message>
    <message>
        <source>--parallel-tables must be a number, not &apos;%1&apos;</source>
        <translation>--parallel-tables muss eine Zahl sein, nicht &apos;%1&apos;</translation>
    </message>
    <message>
        <source>Creating the schema on the target, foreign keys held back…</source>
        <translation>Lege das Schema auf dem Ziel an, Fremdschlüssel zurückgehalten…</translation>
    </message>
    <message numerus="yes">
        <source>The schema copy created %n object(s) on the target first; drop them before planning again.</source>
        <translation>
            <numerusform>Die Schemakopie hat zuerst %n Objekt auf dem Ziel angelegt; entfernen Sie es, bevor Sie erneut planen.</numerusform>
            <numerusform>Die Schemakopie hat zuerst %n Objekte auf dem Ziel angelegt; entfernen Sie sie, bevor Sie erneut planen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Schema created on the target; %n table(s) in the mapping.</source>
        <translation>
            <numerusform>Schema auf dem Ziel angelegt; %n Tabelle im Mapping.</numerusform>
            <numerusform>Schema auf dem Ziel angelegt; %n Tabellen im Mapping.</numerusform>
        </translation>
    </message>
    <message>
        <source>No foreign key to hold back.</source>
        <translation>Kein Fremdschlüssel zurückzuhalten.</translation>
    </message>
    <message numerus="yes">
        <source>%n foreign key(s) held back until pgshift dms finish:</source>
        <translation>
            <numerusform>%n Fremdschlüssel bis pgshift dms finish zurückgehalten:</numerusform>
            <numerusform>%n Fremdschlüssel bis pgshift dms finish zurückgehalten:</numerusform>
        </translation>
    </message>
    <message>
        <source>Files written:</source>
        <translation>Geschriebene Dateien:</translation>
    </message>
    <message>
        <source>Next: run the aws CLI commands in aws-commands.sh; once the full load is done (and, with ongoing changes, the lag is small), run pgshift dms finish.</source>
        <translation>Weiter: führen Sie die aws-CLI-Befehle in aws-commands.sh aus; wenn der Full Load fertig ist (und, mit laufenden Änderungen, der Lag klein ist), führen Sie pgshift dms finish aus.</translation>
    </message>
    <message>
        <source>Finish an AWS DMS migration after its full load: refresh materialized views, stop writes on the source, wait until DMS confirms the source&apos;s last WAL position on its slot, copy large objects, add the foreign keys held back (all or none, after counting the rows that would break each), move the sequences ahead, compare exact row counts. It stops at the first failure and re-enables writes.
Without --block-writes or --block-database you confirm that the application is stopped.
Exit status: 0 every step succeeded, 1 a step failed, 2 bad usage.</source>
        <translation>Schließt eine AWS-DMS-Migration nach ihrem Full Load ab: materialisierte Sichten aktualisieren, Schreibzugriffe auf die Quelle stoppen, warten, bis DMS die letzte WAL-Position der Quelle auf seinem Slot bestätigt, Large Objects kopieren, die zurückgehaltenen Fremdschlüssel hinzufügen (alle oder keinen, nachdem die Zeilen gezählt wurden, die jeden verletzen würden), die Sequenzen vorrücken, exakte Zeilenzahlen vergleichen. Es hält beim ersten Fehler an und lässt Schreibzugriffe wieder zu.
Ohne --block-writes oder --block-database bestätigen Sie, dass die Anwendung gestoppt ist.
Exit-Status: 0 jeder Schritt erfolgreich, 1 ein Schritt fehlgeschlagen, 2 falsche Verwendung.</translation>
    </message>
    <message>
        <source>DMS&apos;s slot on the source (default pgshift_dms).</source>
        <translation>Der Slot von DMS auf der Quelle (Standard pgshift_dms).</translation>
    </message>
    <message>
        <source>The task had no ongoing changes: no catch-up.</source>
        <translation>Der Task hatte keine laufenden Änderungen: kein Aufholen.</translation>
    </message>
    <message>
        <source>Seconds to wait for the catch-up (default 300).</source>
        <translation>Sekunden, die auf das Aufholen gewartet wird (Standard 300).</translation>
    </message>
    <message>
        <source>Do not ask for confirmation.</source>
        <translation>Nicht um Bestätigung bitten.</translation>
    </message>
    <message>
        <source>--timeout must be a number of seconds, 1 or more, not &apos;%1&apos;</source>
        <translation>--timeout muss eine Anzahl Sekunden sein, 1 oder mehr, nicht &apos;%1&apos;</translation>
    </message>
    <message>
        <source>not on a terminal: add --yes to finish without confirmation</source>
        <translation>kein Terminal: ergänzen Sie --yes, um ohne Bestätigung abzuschließen</translation>
    </message>
    <message>
        <source>Is the application stopped, so that nothing writes to the source any more? Finish now? [y/N] </source>
        <translation>Ist die Anwendung gestoppt, sodass nichts mehr auf die Quelle schreibt? Jetzt abschließen? [y/N] </translation>
    </message>
    <message>
        <source>Stop writes on the source and finish now? [y/N] </source>
        <translation>Schreibzugriffe auf die Quelle stoppen und jetzt abschließen? [y/N] </translation>
    </message>
    <message>
        <source>Then stop and delete the DMS task and endpoints (section 4 of aws-commands.sh).</source>
        <translation>Stoppen und löschen Sie dann den DMS-Task und die Endpunkte (Abschnitt 4 von aws-commands.sh).</translation>
    </message>
</context>
<context>
    <name>pgshift::app::Ping</name>
    <message>
        <source>  FAILED      %1</source>
        <translation>  FEHLGESCHLAGEN %1</translation>
    </message>
    <message>
        <source>could not connect</source>
        <translation>keine Verbindung möglich</translation>
    </message>
    <message>
        <source>  details     %1</source>
        <translation>  Details     %1</translation>
    </message>
    <message>
        <source>  server      PostgreSQL %1%2</source>
        <translation>  Server      PostgreSQL %1%2</translation>
    </message>
    <message>
        <source> (standby)</source>
        <translation> (Standby)</translation>
    </message>
    <message>
        <source>  database    %1 (%2)</source>
        <translation>  Datenbank   %1 (%2)</translation>
    </message>
    <message>
        <source>  user        %1 (%2)</source>
        <translation>  Benutzer    %1 (%2)</translation>
    </message>
    <message>
        <source>no special attributes</source>
        <translation>keine besonderen Attribute</translation>
    </message>
    <message>
        <source>  wal_level   %1</source>
        <translation>  wal_level   %1</translation>
    </message>
    <message>
        <source>  user tables %1 in %2 schema(s)</source>
        <translation>  Tabellen    %1 in %2 Schema(s)</translation>
    </message>
    <message>
        <source>  round trip  %1 ms (connect %2 ms)</source>
        <translation>  Roundtrip   %1 ms (Verbindung %2 ms)</translation>
    </message>
    <message>
        <source>Tests the source and/or target connection and prints what the wizard&apos;s Test button shows. Exit status: 0 every connection works, 1 one failed (or the target is the source itself), 2 bad usage.</source>
        <translation>Testet die Quell- und/oder Zielverbindung und gibt aus, was die Test-Schaltfläche des Assistenten zeigt. Exit-Status: 0 jede Verbindung funktioniert, 1 eine ist fehlgeschlagen (oder das Ziel ist die Quelle selbst), 2 falsche Verwendung.</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>Diese Hilfe anzeigen.</translation>
    </message>
    <message>
        <source>unexpected argument &apos;%1&apos;</source>
        <translation>unerwartetes Argument &apos;%1&apos;</translation>
    </message>
    <message>
        <source>give --source and/or --target (or set PGSHIFT_SOURCE, PGSHIFT_TARGET)</source>
        <translation>geben Sie --source und/oder --target an (oder setzen Sie PGSHIFT_SOURCE, PGSHIFT_TARGET)</translation>
    </message>
</context>
<context>
    <name>pgshift::app::ReplicateCommand</name>
    <message>
        <source>Source unreachable: %1</source>
        <translation>Quelle nicht erreichbar: %1</translation>
    </message>
    <message>
        <source>Target unreachable: %1</source>
        <translation>Ziel nicht erreichbar: %1</translation>
    </message>
    <message>
        <source>No subscription on the target.</source>
        <translation>Keine Subscription auf dem Ziel.</translation>
    </message>
    <message>
        <source>Tables ready: %1 of %2%3</source>
        <translation>Tabellen bereit: %1 von %2%3</translation>
    </message>
    <message numerus="yes">
        <source> (%n copying now)</source>
        <translation>
            <numerusform> (%n wird gerade kopiert)</numerusform>
            <numerusform> (%n werden gerade kopiert)</numerusform>
        </translation>
    </message>
    <message>
        <source>, %1 rows so far</source>
        <translation>, bisher %1 Zeilen</translation>
    </message>
    <message>
        <source>Lag: %1, %2 s; WAL kept by the slot: %3</source>
        <translation>Lag: %1, %2 s; vom Slot gehaltenes WAL: %3</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>?</source>
        <translation>?</translation>
    </message>
    <message>
        <source>The apply worker is not running%1.</source>
        <translation>Der Apply-Worker läuft nicht%1.</translation>
    </message>
    <message>
        <source> (subscription disabled)</source>
        <translation> (Subscription deaktiviert)</translation>
    </message>
    <message>
        <source>Errors so far: %1 apply, %2 initial copy (see the target&apos;s server log).</source>
        <translation>Bisherige Fehler: %1 beim Anwenden, %2 bei der initialen Kopie (siehe das Server-Log des Ziels).</translation>
    </message>
    <message numerus="yes">
        <source>%n deferred secondary index(es) still to build.</source>
        <translation>
            <numerusform>%n verschobener Sekundärindex muss noch gebaut werden.</numerusform>
            <numerusform>%n verschobene Sekundärindizes müssen noch gebaut werden.</numerusform>
        </translation>
    </message>
    <message>
        <source>READY for cutover.</source>
        <translation>BEREIT für die Umstellung.</translation>
    </message>
    <message>
        <source>Not ready for cutover yet.</source>
        <translation>Noch nicht bereit für die Umstellung.</translation>
    </message>
    <message>
        <source>The initial copy reports errors; see the target&apos;s server log.</source>
        <translation>Die initiale Kopie meldet Fehler; siehe das Server-Log des Ziels.</translation>
    </message>
    <message>
        <source>Initial copy: %1 of %2 tables ready</source>
        <translation>Initiale Kopie: %1 von %2 Tabellen bereit</translation>
    </message>
    <message>
        <source>Steps:</source>
        <translation>Schritte:</translation>
    </message>
    <message>
        <source>Note: the subscription keeps the source&apos;s password on the target (in pg_subscription) until cleanup drops it. A dedicated role with only REPLICATION and SELECT on the published tables limits what it can do.</source>
        <translation>Hinweis: die Subscription bewahrt das Passwort der Quelle auf dem Ziel auf (in pg_subscription), bis das Aufräumen sie entfernt. Eine eigene Rolle mit nur REPLICATION und SELECT auf den publizierten Tabellen begrenzt, was damit möglich ist.</translation>
    </message>
    <message>
        <source>Replication was NOT started:</source>
        <translation>Die Replikation wurde NICHT gestartet:</translation>
    </message>
    <message numerus="yes">
        <source>Replication started: the target is copying %n table(s).</source>
        <translation>
            <numerusform>Replikation gestartet: das Ziel kopiert %n Tabelle.</numerusform>
            <numerusform>Replikation gestartet: das Ziel kopiert %n Tabellen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Stopped waiting; replication goes on. Follow it with &apos;pgshift replicate status&apos;.</source>
        <translation>Warten beendet; die Replikation läuft weiter. Verfolgen Sie sie mit &apos;pgshift replicate status&apos;.</translation>
    </message>
    <message>
        <source>Every table finished its initial copy.</source>
        <translation>Jede Tabelle hat ihre initiale Kopie abgeschlossen.</translation>
    </message>
    <message numerus="yes">
        <source>Built %n deferred secondary index(es).</source>
        <translation>
            <numerusform>%n verschobenen Sekundärindex gebaut.</numerusform>
            <numerusform>%n verschobene Sekundärindizes gebaut.</numerusform>
        </translation>
    </message>
    <message>
        <source>pgshift objects still there (other runs, or names given differently):</source>
        <translation>Noch vorhandene pgshift-Objekte (andere Läufe oder anders angegebene Namen):</translation>
    </message>
    <message>
        <source>, keeping %1 of WAL</source>
        <translation>, hält %1 WAL</translation>
    </message>
    <message>
        <source>No pgshift slot, publication or subscription is left on either side.</source>
        <translation>Auf keiner Seite ist ein pgshift-Slot, eine Publication oder eine Subscription übrig.</translation>
    </message>
    <message>
        <source>Logical replication from the source to the target.
  start    copy the schema, publish on the source, subscribe on the target, wait for the initial
           copy, then build the deferred secondary indexes
  status   tables&apos; sync states, lag in bytes and seconds, WAL kept, readiness for cutover
  cleanup  drop the subscription, the slot and the publication; list other pgshift leftovers
Exit status: 0 done, 1 failed (or, for status, a server or the subscription is missing), 2 bad usage.</source>
        <translation>Logische Replikation von der Quelle zum Ziel.
  start    das Schema kopieren, auf der Quelle publizieren, auf dem Ziel abonnieren, auf die initiale
           Kopie warten, dann die verschobenen Sekundärindizes bauen
  status   Sync-Zustände der Tabellen, Lag in Bytes und Sekunden, gehaltenes WAL, Bereitschaft zur Umstellung
  cleanup  die Subscription, den Slot und die Publication entfernen; andere pgshift-Reste auflisten
Exit-Status: 0 erledigt, 1 fehlgeschlagen (oder, bei status, ein Server oder die Subscription fehlt), 2 falsche Verwendung.</translation>
    </message>
    <message>
        <source>start, status or cleanup</source>
        <translation>start, status oder cleanup</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>Diese Hilfe anzeigen.</translation>
    </message>
    <message>
        <source>Publication name (default pgshift_pub).</source>
        <translation>Name der Publication (Standard pgshift_pub).</translation>
    </message>
    <message>
        <source>Subscription name (default pgshift_sub).</source>
        <translation>Name der Subscription (Standard pgshift_sub).</translation>
    </message>
    <message>
        <source>Replication slot name (default: the subscription&apos;s).</source>
        <translation>Name des Replikations-Slots (Standard: der der Subscription).</translation>
    </message>
    <message>
        <source>Replicate this schema (repeatable).</source>
        <translation>Dieses Schema replizieren (wiederholbar).</translation>
    </message>
    <message>
        <source>Replicate this table (repeatable).</source>
        <translation>Diese Tabelle replizieren (wiederholbar).</translation>
    </message>
    <message>
        <source>Parallel sessions for the schema and the index builds.</source>
        <translation>Parallele Sitzungen für das Schema und die Index-Builds.</translation>
    </message>
    <message>
        <source>Create every index before the initial copy (slower copy; by default secondary indexes are built after it).</source>
        <translation>Jeden Index vor der initialen Kopie anlegen (langsamere Kopie; standardmäßig werden Sekundärindizes danach gebaut).</translation>
    </message>
    <message>
        <source>start: return once the subscription exists.</source>
        <translation>start: zurückkehren, sobald die Subscription existiert.</translation>
    </message>
    <message>
        <source>status: text or json.</source>
        <translation>status: text oder json.</translation>
    </message>
    <message>
        <source>status: print again every 2 seconds until Ctrl+C.</source>
        <translation>status: alle 2 Sekunden erneut ausgeben bis Strg+C.</translation>
    </message>
    <message>
        <source>Lag in bytes under which cutover is ready (default 1 MiB).</source>
        <translation>Lag in Bytes, unter dem die Umstellung bereit ist (Standard 1 MiB).</translation>
    </message>
    <message>
        <source>start: do not ask for confirmation.</source>
        <translation>start: nicht um Bestätigung bitten.</translation>
    </message>
    <message>
        <source>say what to do: start, status or cleanup</source>
        <translation>sagen Sie, was zu tun ist: start, status oder cleanup</translation>
    </message>
    <message>
        <source>--jobs must be a number from 1 to 64, not &apos;%1&apos;</source>
        <translation>--jobs muss eine Zahl von 1 bis 64 sein, nicht &apos;%1&apos;</translation>
    </message>
    <message>
        <source>--max-lag must be a number of bytes, not &apos;%1&apos;</source>
        <translation>--max-lag muss eine Anzahl Bytes sein, nicht &apos;%1&apos;</translation>
    </message>
    <message>
        <source>--format must be text or json, not &apos;%1&apos;</source>
        <translation>--format muss text oder json sein, nicht &apos;%1&apos;</translation>
    </message>
    <message>
        <source>not on a terminal: add --yes to start replication without confirmation</source>
        <translation>kein Terminal: ergänzen Sie --yes, um die Replikation ohne Bestätigung zu starten</translation>
    </message>
    <message>
        <source>Start replicating %1 of %2
  to %3? [y/N] </source>
        <translation>Replikation von %1 von %2
  nach %3 starten? [y/N] </translation>
    </message>
    <message>
        <source>Could not save the replication&apos;s state: %1</source>
        <translation>Der Zustand der Replikation konnte nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>Received by the target: %1 behind the source; reported back: %2 behind</source>
        <translation>Vom Ziel empfangen: %1 hinter der Quelle; zurückgemeldet: %2 dahinter</translation>
    </message>
</context>
<context>
    <name>pgshift::app::SandboxCommand</name>
    <message>
        <source>no sandbox is running (pgshift sandbox start makes one)</source>
        <translation>es läuft keine Sandbox (pgshift sandbox start legt eine an)</translation>
    </message>
    <message numerus="yes">
        <source>%n sandboxes exist: name one with --dir</source>
        <translation>
            <numerusform>%n Sandbox existiert: nennen Sie eine mit --dir</numerusform>
            <numerusform>%n Sandboxes existieren: nennen Sie eine mit --dir</numerusform>
        </translation>
    </message>
    <message>
        <source>no sandbox in %1</source>
        <translation>keine Sandbox in %1</translation>
    </message>
    <message>
        <source>Throwaway passwords, also in %1 (mode 0600; `. %1` sets PGSHIFT_SOURCE and PGSHIFT_TARGET). The servers listen on 127.0.0.1 only and run until pgshift sandbox stop.</source>
        <translation>Wegwerf-Passwörter, auch in %1 (Modus 0600; `. %1` setzt PGSHIFT_SOURCE und PGSHIFT_TARGET). Die Server lauschen nur auf 127.0.0.1 und laufen bis pgshift sandbox stop.</translation>
    </message>
    <message>
        <source>No sandbox.</source>
        <translation>Keine Sandbox.</translation>
    </message>
    <message>
        <source>started %1 by %2, %3</source>
        <translation>gestartet %1 von %2, %3</translation>
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
        <translation>bleibt bis pgshift sandbox stop</translation>
    </message>
    <message>
        <source>removed when that pgshift ends</source>
        <translation>wird entfernt, wenn dieses pgshift endet</translation>
    </message>
    <message>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>STOPPED</source>
        <translation>GESTOPPT</translation>
    </message>
    <message>
        <source>connection strings: %1</source>
        <translation>Verbindungsstrings: %1</translation>
    </message>
    <message>
        <source>Stopped and deleted %1.</source>
        <translation>%1 gestoppt und gelöscht.</translation>
    </message>
    <message>
        <source>Writing about %1 operations a second for %2 s…</source>
        <translation>Schreibe etwa %1 Operationen pro Sekunde für %2 s…</translation>
    </message>
    <message>
        <source>Writing about %1 operations a second; Ctrl+C stops.</source>
        <translation>Schreibe etwa %1 Operationen pro Sekunde; Strg+C stoppt.</translation>
    </message>
    <message>
        <source>%1 inserts, %2 updates, %3 deletes, %4 refused.</source>
        <translation>%1 Inserts, %2 Updates, %3 Deletes, %4 abgewiesen.</translation>
    </message>
    <message>
        <source>Last refusal: %1</source>
        <translation>Letzte Abweisung: %1</translation>
    </message>
    <message>
        <source>Two throwaway PostgreSQL servers on this computer (127.0.0.1 only), a source with a sample shop (about 100,000 rows, sequences, identity columns, foreign keys, a partitioned table, a materialized view, a table without a primary key, a large object) and an empty target, for trying pgshift.
  start      start them, print both connection strings (with their throwaway passwords)
  status     list the sandboxes and whether their servers run
  stop       stop the servers and delete everything (--dir DIR or all when there are several)
  workload   write on the source like an application (--rate per second, --seconds)
Exit status: 0 done, 1 failed, 2 bad usage.</source>
        <translation>Zwei Wegwerf-PostgreSQL-Server auf diesem Computer (nur 127.0.0.1), eine Quelle mit einem Beispiel-Shop (etwa 100.000 Zeilen, Sequenzen, Identity-Spalten, Fremdschlüssel, eine partitionierte Tabelle, eine materialisierte Sicht, eine Tabelle ohne Primärschlüssel, ein Large Object) und ein leeres Ziel, um pgshift auszuprobieren.
  start      sie starten, beide Verbindungsstrings ausgeben (mit ihren Wegwerf-Passwörtern)
  status     die Sandboxes auflisten und ob ihre Server laufen
  stop       die Server stoppen und alles löschen (--dir DIR oder all, wenn es mehrere gibt)
  workload   wie eine Anwendung auf die Quelle schreiben (--rate pro Sekunde, --seconds)
Exit-Status: 0 erledigt, 1 fehlgeschlagen, 2 falsche Verwendung.</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>Diese Hilfe anzeigen.</translation>
    </message>
    <message>
        <source>The sandbox&apos;s directory (status lists them), or all for stop.</source>
        <translation>Das Verzeichnis der Sandbox (status listet sie), oder all für stop.</translation>
    </message>
    <message>
        <source>Workload operations per second (default 5).</source>
        <translation>Workload-Operationen pro Sekunde (Standard 5).</translation>
    </message>
    <message>
        <source>Stop the workload after this many seconds (default: Ctrl+C).</source>
        <translation>Den Workload nach so vielen Sekunden stoppen (Standard: Strg+C).</translation>
    </message>
    <message>
        <source>say start, status, stop or workload</source>
        <translation>sagen Sie start, status, stop oder workload</translation>
    </message>
    <message>
        <source>--rate must be a number from 0.1 to 1000, not &apos;%1&apos;</source>
        <translation>--rate muss eine Zahl von 0.1 bis 1000 sein, nicht &apos;%1&apos;</translation>
    </message>
    <message>
        <source>--seconds must be a whole number, not &apos;%1&apos;</source>
        <translation>--seconds muss eine ganze Zahl sein, nicht &apos;%1&apos;</translation>
    </message>
    <message>
        <source>unknown action &apos;%1&apos;: say start, status, stop or workload</source>
        <translation>unbekannte Aktion &apos;%1&apos;: sagen Sie start, status, stop oder workload</translation>
    </message>
</context>
<context>
    <name>pgshift::app::SequencesCommand</name>
    <message>
        <source>The setval() statements that move every sequence of the target past its source, read from the source&apos;s pg_sequences (nextval() is never called there). A sequence moves a margin of increments ahead (down for descending ones), never past its MINVALUE/MAXVALUE; never-used ones stay at their start. Prints the script; --apply runs it on the target in one transaction and checks that every target sequence is ahead.
Exit status: 0 done (and, with --apply, every sequence ahead), 1 failed, 2 bad usage.</source>
        <translation>Die setval()-Anweisungen, die jede Sequenz des Ziels über ihre Quelle hinaus setzen, gelesen aus pg_sequences der Quelle (nextval() wird dort nie aufgerufen). Eine Sequenz rückt um einen Vorsprung von Inkrementen vor (bei absteigenden nach unten), nie über ihr MINVALUE/MAXVALUE hinaus; nie benutzte bleiben bei ihrem Start. Gibt das Skript aus; --apply führt es auf dem Ziel in einer Transaktion aus und prüft, dass jede Zielsequenz vorne liegt.
Exit-Status: 0 erledigt (und, mit --apply, jede Sequenz vorne), 1 fehlgeschlagen, 2 falsche Verwendung.</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>Diese Hilfe anzeigen.</translation>
    </message>
    <message>
        <source>Increments ahead of the source (default %1).</source>
        <translation>Inkremente vor der Quelle (Standard %1).</translation>
    </message>
    <message>
        <source>Instead of --margin: read the sequences twice %1 s apart and allow for SECONDS of cutover at the fastest rate seen, three times over.</source>
        <translation>Statt --margin: die Sequenzen zweimal im Abstand von %1 s lesen und SECONDS Sekunden Umstellung bei der schnellsten gesehenen Rate einplanen, dreifach.</translation>
    </message>
    <message>
        <source>Run the statements on the target, then verify.</source>
        <translation>Die Anweisungen auf dem Ziel ausführen, dann prüfen.</translation>
    </message>
    <message>
        <source>Only this schema&apos;s sequences (repeatable).</source>
        <translation>Nur die Sequenzen dieses Schemas (wiederholbar).</translation>
    </message>
    <message>
        <source>Only the sequences this table owns (repeatable).</source>
        <translation>Nur die Sequenzen, die dieser Tabelle gehören (wiederholbar).</translation>
    </message>
    <message>
        <source>give --margin or --rate-window, not both</source>
        <translation>geben Sie --margin oder --rate-window an, nicht beide</translation>
    </message>
    <message>
        <source>--margin must be a whole number of increments, 0 or more, not &apos;%1&apos;</source>
        <translation>--margin muss eine ganze Zahl von Inkrementen sein, 0 oder mehr, nicht &apos;%1&apos;</translation>
    </message>
    <message>
        <source>--rate-window must be a number of seconds from 1 to 86400, not &apos;%1&apos;</source>
        <translation>--rate-window muss eine Anzahl Sekunden von 1 bis 86400 sein, nicht &apos;%1&apos;</translation>
    </message>
    <message>
        <source>give --source (or set PGSHIFT_SOURCE)</source>
        <translation>geben Sie --source an (oder setzen Sie PGSHIFT_SOURCE)</translation>
    </message>
    <message>
        <source>--apply needs --target (or PGSHIFT_TARGET)</source>
        <translation>--apply braucht --target (oder PGSHIFT_TARGET)</translation>
    </message>
    <message>
        <source>Reading the sequences again in %1 s to measure their rate…</source>
        <translation>Lese die Sequenzen in %1 s erneut, um ihre Rate zu messen…</translation>
    </message>
    <message numerus="yes">
        <source>%n sequence(s) of %1, margin %2 increments</source>
        <translation>
            <numerusform>%n Sequenz von %1, Vorsprung %2 Inkremente</numerusform>
            <numerusform>%n Sequenzen von %1, Vorsprung %2 Inkremente</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Set %n sequence(s) on the target.</source>
        <translation>
            <numerusform>%n Sequenz auf dem Ziel gesetzt.</numerusform>
            <numerusform>%n Sequenzen auf dem Ziel gesetzt.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n target sequence(s) are not ahead of the source.</source>
        <translation>
            <numerusform>%n Zielsequenz liegt nicht vor der Quelle.</numerusform>
            <numerusform>%n Zielsequenzen liegen nicht vor der Quelle.</numerusform>
        </translation>
    </message>
    <message>
        <source>Verified: every target sequence is ahead of its source.</source>
        <translation>Geprüft: jede Zielsequenz liegt vor ihrer Quelle.</translation>
    </message>
</context>
<context>
    <name>pgshift::core::ArchiveCopy</name>
    <message>
        <source>The pg_dump engine needs a folder for its archive.</source>
        <translation>Die pg_dump-Engine braucht einen Ordner für ihr Archiv.</translation>
    </message>
    <message>
        <source>The archive folder %1 is not empty; choose a new or empty one.</source>
        <translation>Der Archivordner %1 ist nicht leer; wählen Sie einen neuen oder leeren.</translation>
    </message>
    <message>
        <source>Cannot create the archive folder %1.</source>
        <translation>Der Archivordner %1 kann nicht angelegt werden.</translation>
    </message>
    <message>
        <source>pg_dump is writing the archive</source>
        <translation>pg_dump schreibt das Archiv</translation>
    </message>
    <message>
        <source>pg_dump into %1</source>
        <translation>pg_dump nach %1</translation>
    </message>
    <message>
        <source>pg_dump: %1 of %2 tables written to the archive</source>
        <translation>pg_dump: %1 von %2 Tabellen ins Archiv geschrieben</translation>
    </message>
    <message>
        <source>pg_restore is loading the archive</source>
        <translation>pg_restore lädt das Archiv</translation>
    </message>
    <message>
        <source>pg_restore from %1</source>
        <translation>pg_restore aus %1</translation>
    </message>
</context>
<context>
    <name>pgshift::core::ClientToolsCheck</name>
    <message>
        <source>pg_dump, pg_restore and psql</source>
        <translation>pg_dump, pg_restore und psql</translation>
    </message>
    <message>
        <source>%1 (not found)</source>
        <translation>%1 (nicht gefunden)</translation>
    </message>
    <message>
        <source>%1 (newest found: %2 at %3)</source>
        <translation>%1 (neueste gefundene: %2 in %3)</translation>
    </message>
    <message>
        <source>Found: %1.</source>
        <translation>Gefunden: %1.</translation>
    </message>
    <message>
        <source>Missing at version %1 or newer: %2.</source>
        <translation>Fehlt in Version %1 oder neuer: %2.</translation>
    </message>
    <message>
        <source>pg_dump refuses to dump a server newer than itself, and every method copies the schema with it.</source>
        <translation>pg_dump weigert sich, einen Server zu sichern, der neuer ist als es selbst, und jede Methode kopiert das Schema damit.</translation>
    </message>
    <message>
        <source>Install the PostgreSQL %1 client programs (Debian and Ubuntu: apt install postgresql-client-%1 from apt.postgresql.org; macOS: brew install postgresql@%1), or point PGSHIFT_PG_CLIENT_BINDIR at their directory.</source>
        <translation>Installieren Sie die Client-Programme von PostgreSQL %1 (Debian und Ubuntu: apt install postgresql-client-%1 von apt.postgresql.org; macOS: brew install postgresql@%1) oder richten Sie PGSHIFT_PG_CLIENT_BINDIR auf ihr Verzeichnis.</translation>
    </message>
</context>
<context>
    <name>pgshift::core::CompatibilityCheck</name>
    <message>
        <source>Encoding, collation, tablespaces and owners</source>
        <translation>Encoding, Collation, Tablespaces und Eigentümer</translation>
    </message>
    <message>
        <source>Source: encoding %1, collation %2, ctype %3. Target: encoding %4, collation %5, ctype %6.</source>
        <translation>Quelle: Encoding %1, Collation %2, Ctype %3. Ziel: Encoding %4, Collation %5, Ctype %6.</translation>
    </message>
    <message>
        <source>Different encodings: text the target&apos;s encoding cannot represent fails to load. Create the target database with ENCODING &apos;%1&apos;.</source>
        <translation>Verschiedene Encodings: Text, den das Encoding des Ziels nicht darstellen kann, lässt sich nicht laden. Legen Sie die Zieldatenbank mit ENCODING &apos;%1&apos; an.</translation>
    </message>
    <message>
        <source>Different collations sort text differently: indexes are rebuilt on the target, and ORDER BY results may change. Compare them before cutover.</source>
        <translation>Verschiedene Collations sortieren Text unterschiedlich: Indizes werden auf dem Ziel neu gebaut, und Ergebnisse von ORDER BY können sich ändern. Vergleichen Sie sie vor der Umstellung.</translation>
    </message>
    <message>
        <source>Tablespaces in use: %1.</source>
        <translation>Benutzte Tablespaces: %1.</translation>
    </message>
    <message>
        <source>pgshift creates everything in the target&apos;s default tablespace.</source>
        <translation>pgshift legt alles im Standard-Tablespace des Ziels an.</translation>
    </message>
    <message>
        <source>Owners not on the target: %1.</source>
        <translation>Eigentümer, die es auf dem Ziel nicht gibt: %1.</translation>
    </message>
    <message>
        <source>Objects will belong to the target user (--no-owner); create these roles on the target first if ownership matters.</source>
        <translation>Objekte gehören dem Zielbenutzer (--no-owner); legen Sie diese Rollen zuerst auf dem Ziel an, wenn der Besitz wichtig ist.</translation>
    </message>
    <message>
        <source>These differences do not stop the copy, but change what arrives.</source>
        <translation>Diese Unterschiede halten die Kopie nicht auf, ändern aber, was ankommt.</translation>
    </message>
</context>
<context>
    <name>pgshift::core::ConnectionSettings</name>
    <message>
        <source>The connection string is empty.</source>
        <translation>Der Verbindungsstring ist leer.</translation>
    </message>
    <message>
        <source>out of memory</source>
        <translation>kein Speicher mehr</translation>
    </message>
    <message>
        <source>Not a valid connection string: %1</source>
        <translation>Kein gültiger Verbindungsstring: %1</translation>
    </message>
    <message>
        <source>No host given: enter the server&apos;s host name or address (for a local Unix socket, its directory, such as /var/run/postgresql).</source>
        <translation>Kein Host angegeben: geben Sie den Hostnamen oder die Adresse des Servers ein (für einen lokalen Unix-Socket sein Verzeichnis, etwa /var/run/postgresql).</translation>
    </message>
    <message>
        <source>The port must be a number from 1 to 65535, not &quot;%1&quot;.</source>
        <translation>Der Port muss eine Zahl von 1 bis 65535 sein, nicht &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>sslmode &quot;%1&quot; is not one of: %2.</source>
        <translation>sslmode &quot;%1&quot; ist keiner von: %2.</translation>
    </message>
    <message>
        <source>channel_binding &quot;%1&quot; is not one of: %2.</source>
        <translation>channel_binding &quot;%1&quot; ist keiner von: %2.</translation>
    </message>
    <message>
        <source>The root certificate file %1 does not exist.</source>
        <translation>Die Root-Zertifikatsdatei %1 existiert nicht.</translation>
    </message>
    <message>
        <source>connect_timeout must be a whole number of seconds, not &quot;%1&quot;.</source>
        <translation>connect_timeout muss eine ganze Zahl von Sekunden sein, nicht &quot;%1&quot;.</translation>
    </message>
</context>
<context>
    <name>pgshift::core::CopyProgressTracker</name>
    <message>
        <source>Preparing</source>
        <translation>Vorbereiten</translation>
    </message>
    <message>
        <source>Creating the schema</source>
        <translation>Schema anlegen</translation>
    </message>
    <message>
        <source>Copying the data</source>
        <translation>Daten kopieren</translation>
    </message>
    <message>
        <source>Creating constraints, triggers and the rest</source>
        <translation>Constraints, Trigger und den Rest anlegen</translation>
    </message>
    <message>
        <source>Setting sequences</source>
        <translation>Sequenzen setzen</translation>
    </message>
    <message>
        <source>Copying large objects</source>
        <translation>Large Objects kopieren</translation>
    </message>
    <message>
        <source>Analyzing the target</source>
        <translation>Ziel analysieren</translation>
    </message>
    <message>
        <source>Verifying row counts</source>
        <translation>Zeilenzahlen prüfen</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Fertig</translation>
    </message>
</context>
<context>
    <name>pgshift::core::CopyRun</name>
    <message>
        <source>%1 %2 or newer was not found; the prerequisites check names the package to install.</source>
        <translation>%1 %2 oder neuer wurde nicht gefunden; die Voraussetzungsprüfung nennt das zu installierende Paket.</translation>
    </message>
    <message>
        <source>%1 was not found; the prerequisites check names the package to install.</source>
        <translation>%1 wurde nicht gefunden; die Voraussetzungsprüfung nennt das zu installierende Paket.</translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>exit status %1</source>
        <translation>Exit-Status %1</translation>
    </message>
    <message>
        <source>The source has no schema named %1.</source>
        <translation>Die Quelle hat kein Schema namens %1.</translation>
    </message>
    <message>
        <source>The source has no table named %1.%2.</source>
        <translation>Die Quelle hat keine Tabelle namens %1.%2.</translation>
    </message>
    <message>
        <source>Nothing to copy: %1 holds no table.</source>
        <translation>Nichts zu kopieren: %1 enthält keine Tabelle.</translation>
    </message>
    <message>
        <source>schema %1</source>
        <translation>Schema %1</translation>
    </message>
    <message>
        <source>The target already has objects of these names; nothing was copied. Drop them on the target or choose another target database: %1</source>
        <translation>Das Ziel hat bereits Objekte dieser Namen; nichts wurde kopiert. Entfernen Sie sie auf dem Ziel oder wählen Sie eine andere Zieldatenbank: %1</translation>
    </message>
    <message>
        <source>Cannot write a temporary file: %1</source>
        <translation>Eine temporäre Datei kann nicht geschrieben werden: %1</translation>
    </message>
    <message>
        <source>Dumping the schema (pg_dump --section=pre-data)</source>
        <translation>Schema sichern (pg_dump --section=pre-data)</translation>
    </message>
    <message>
        <source>Cannot read pg_dump&apos;s output: %1</source>
        <translation>Die Ausgabe von pg_dump kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Creating the schema on the target (nothing of it was kept)</source>
        <translation>Schema auf dem Ziel anlegen (nichts davon wurde behalten)</translation>
    </message>
    <message>
        <source>Setting the sequences failed: %1</source>
        <translation>Setzen der Sequenzen fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Copying the large objects failed: %1</source>
        <translation>Kopieren der Large Objects fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>ANALYZE failed on the target: %1</source>
        <translation>ANALYZE auf dem Ziel fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>A worker could not connect: %1</source>
        <translation>Ein Worker konnte keine Verbindung aufbauen: %1</translation>
    </message>
    <message>
        <source>%1: %2 rows on the source, %3 on the target.</source>
        <translation>%1: %2 Zeilen auf der Quelle, %3 auf dem Ziel.</translation>
    </message>
    <message>
        <source>Could not list what the copy created on the target: %1</source>
        <translation>Was die Kopie auf dem Ziel angelegt hat, konnte nicht aufgelistet werden: %1</translation>
    </message>
    <message>
        <source>Cannot create a temporary folder: %1</source>
        <translation>Ein temporärer Ordner kann nicht angelegt werden: %1</translation>
    </message>
    <message>
        <source>Dumping indexes, constraints and triggers (pg_dump --section=post-data)</source>
        <translation>Indizes, Constraints und Trigger sichern (pg_dump --section=post-data)</translation>
    </message>
    <message>
        <source>pg_restore --list failed: %1</source>
        <translation>pg_restore --list fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Creating constraints, triggers and the rest on the target (pg_restore)</source>
        <translation>Constraints, Trigger und den Rest auf dem Ziel anlegen (pg_restore)</translation>
    </message>
</context>
<context>
    <name>pgshift::core::CopyScope</name>
    <message>
        <source>&apos;%1&apos; is not a schema name (quote names with dots or capitals: &quot;My.Schema&quot;)</source>
        <translation>&apos;%1&apos; ist kein Schemaname (Namen mit Punkten oder Großbuchstaben in Anführungszeichen: &quot;My.Schema&quot;)</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a table name; write table or schema.table, quoting parts with dots or capitals: &quot;My Schema&quot;.&quot;My.Table&quot;</source>
        <translation>&apos;%1&apos; ist kein Tabellenname; schreiben Sie tabelle oder schema.tabelle, Teile mit Punkten oder Großbuchstaben in Anführungszeichen: &quot;My Schema&quot;.&quot;My.Table&quot;</translation>
    </message>
    <message>
        <source>the whole database</source>
        <translation>die ganze Datenbank</translation>
    </message>
    <message>
        <source>schemas %1</source>
        <translation>Schemas %1</translation>
    </message>
    <message>
        <source>tables %1</source>
        <translation>Tabellen %1</translation>
    </message>
</context>
<context>
    <name>pgshift::core::Cutover</name>
    <message>
        <source>waiting</source>
        <translation>wartet</translation>
    </message>
    <message>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>done</source>
        <translation>erledigt</translation>
    </message>
    <message>
        <source>FAILED</source>
        <translation>FEHLGESCHLAGEN</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>übersprungen</translation>
    </message>
    <message>
        <source>Pre-checks: subscription enabled and streaming, every table ready, lag at most %1 bytes</source>
        <translation>Vorprüfungen: Subscription aktiviert und streamend, jede Tabelle bereit, Lag höchstens %1 Bytes</translation>
    </message>
    <message>
        <source>both</source>
        <translation>beide</translation>
    </message>
    <message>
        <source>source</source>
        <translation>Quelle</translation>
    </message>
    <message numerus="yes">
        <source>Catch up: wait until the target confirms the source&apos;s WAL position taken after writes stopped (at most %n second(s))</source>
        <translation>
            <numerusform>Aufholen: warten, bis das Ziel die WAL-Position der Quelle bestätigt, die nach dem Stoppen der Schreibzugriffe genommen wurde (höchstens %n Sekunde)</numerusform>
            <numerusform>Aufholen: warten, bis das Ziel die WAL-Position der Quelle bestätigt, die nach dem Stoppen der Schreibzugriffe genommen wurde (höchstens %n Sekunden)</numerusform>
        </translation>
    </message>
    <message>
        <source>Sequences: every target sequence %1 increments ahead of its source, then verified</source>
        <translation>Sequenzen: jede Zielsequenz %1 Inkremente vor ihrer Quelle, dann geprüft</translation>
    </message>
    <message>
        <source>target</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <source>Validate: exact row counts of every table equal on both sides</source>
        <translation>Validieren: exakte Zeilenzahlen jeder Tabelle auf beiden Seiten gleich</translation>
    </message>
    <message>
        <source>End replication: drop the subscription (and with it the slot on the source) and the publication</source>
        <translation>Replikation beenden: die Subscription (und mit ihr den Slot auf der Quelle) und die Publication entfernen</translation>
    </message>
    <message>
        <source>Point the application at the target</source>
        <translation>Die Anwendung auf das Ziel ausrichten</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <source>a server is unreachable: %1</source>
        <translation>ein Server ist nicht erreichbar: %1</translation>
    </message>
    <message>
        <source>no subscription %1 on the target</source>
        <translation>keine Subscription %1 auf dem Ziel</translation>
    </message>
    <message>
        <source>the subscription is disabled</source>
        <translation>die Subscription ist deaktiviert</translation>
    </message>
    <message>
        <source>the subscription&apos;s apply worker is not running</source>
        <translation>der Apply-Worker der Subscription läuft nicht</translation>
    </message>
    <message>
        <source>%1 of %2 tables ready</source>
        <translation>%1 von %2 Tabellen bereit</translation>
    </message>
    <message numerus="yes">
        <source>%n deferred index(es) not built yet</source>
        <translation>
            <numerusform>%n verschobener Index noch nicht gebaut</numerusform>
            <numerusform>%n verschobene Indizes noch nicht gebaut</numerusform>
        </translation>
    </message>
    <message>
        <source>lag %1 bytes, over %2</source>
        <translation>Lag %1 Bytes, über %2</translation>
    </message>
    <message>
        <source>Not ready: %1.</source>
        <translation>Nicht bereit: %1.</translation>
    </message>
    <message numerus="yes">
        <source>%n table(s) ready, lag %1 bytes</source>
        <translation>
            <numerusform>%n Tabelle bereit, Lag %1 Bytes</numerusform>
            <numerusform>%n Tabellen bereit, Lag %1 Bytes</numerusform>
        </translation>
    </message>
    <message>
        <source>confirmed by you</source>
        <translation>von Ihnen bestätigt</translation>
    </message>
    <message numerus="yes">
        <source>new transactions are read-only; %n session(s) ended</source>
        <translation>
            <numerusform>neue Transaktionen sind schreibgeschützt; %n Sitzung beendet</numerusform>
            <numerusform>neue Transaktionen sind schreibgeschützt; %n Sitzungen beendet</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The target did not confirm %1 within %n second(s).</source>
        <translation>
            <numerusform>Das Ziel hat %1 nicht innerhalb von %n Sekunde bestätigt.</numerusform>
            <numerusform>Das Ziel hat %1 nicht innerhalb von %n Sekunden bestätigt.</numerusform>
        </translation>
    </message>
    <message>
        <source>the target confirmed %1 after %2 ms</source>
        <translation>das Ziel hat %1 nach %2 ms bestätigt</translation>
    </message>
    <message>
        <source>Target sequences not ahead: %1</source>
        <translation>Zielsequenzen nicht vorne: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n sequence(s) set and verified ahead</source>
        <translation>
            <numerusform>%n Sequenz gesetzt und als vorne geprüft</numerusform>
            <numerusform>%n Sequenzen gesetzt und als vorne geprüft</numerusform>
        </translation>
    </message>
    <message>
        <source>%1.%2: %3 on the source, %4 on the target</source>
        <translation>%1.%2: %3 auf der Quelle, %4 auf dem Ziel</translation>
    </message>
    <message>
        <source>%1.%2: %3</source>
        <translation>%1.%2: %3</translation>
    </message>
    <message numerus="yes">
        <source>%n table(s) equal, %1 rows</source>
        <translation>
            <numerusform>%n Tabelle gleich, %1 Zeilen</numerusform>
            <numerusform>%n Tabellen gleich, %1 Zeilen</numerusform>
        </translation>
    </message>
    <message>
        <source>The slot %1 is gone from the source.</source>
        <translation>Der Slot %1 ist von der Quelle verschwunden.</translation>
    </message>
    <message>
        <source>The copy failed: %1</source>
        <translation>Die Kopie ist fehlgeschlagen: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n table(s), %1 rows copied</source>
        <translation>
            <numerusform>%n Tabelle, %1 Zeilen kopiert</numerusform>
            <numerusform>%n Tabellen, %1 Zeilen kopiert</numerusform>
        </translation>
    </message>
    <message>
        <source>%1.%2: %3 rows on both, but their checksums differ</source>
        <translation>%1.%2: %3 Zeilen auf beiden, aber ihre Prüfsummen unterscheiden sich</translation>
    </message>
    <message>
        <source>Tables differ: %1</source>
        <translation>Tabellen unterscheiden sich: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n table(s) equal in rows and checksums, %1 rows</source>
        <translation>
            <numerusform>%n Tabelle gleich in Zeilen und Prüfsummen, %1 Zeilen</numerusform>
            <numerusform>%n Tabellen gleich in Zeilen und Prüfsummen, %1 Zeilen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Copy: schema, data (%1 engine, %n job(s)), indexes and constraints</source>
        <translation>
            <numerusform>Kopie: Schema, Daten (Engine %1, %n Job), Indizes und Constraints</numerusform>
            <numerusform>Kopie: Schema, Daten (Engine %1, %n Jobs), Indizes und Constraints</numerusform>
        </translation>
    </message>
    <message>
        <source>Validate: exact row counts and a checksum of every table equal on both sides</source>
        <translation>Validieren: exakte Zeilenzahlen und eine Prüfsumme jeder Tabelle auf beiden Seiten gleich</translation>
    </message>
    <message>
        <source>Could not refresh: %1</source>
        <translation>Aktualisierung nicht möglich: %1</translation>
    </message>
    <message>
        <source>no materialized view to refresh</source>
        <translation>keine materialisierte Sicht zu aktualisieren</translation>
    </message>
    <message numerus="yes">
        <source>%n refreshed: %1</source>
        <translation>
            <numerusform>%n aktualisiert: %1</numerusform>
            <numerusform>%n aktualisiert: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>left empty, as on the source: %1</source>
        <translation>leer gelassen, wie auf der Quelle: %1</translation>
    </message>
    <message>
        <source>not copied: large objects belong to the whole database, and this migration covers %1</source>
        <translation>nicht kopiert: Large Objects gehören zur ganzen Datenbank, und diese Migration umfasst %1</translation>
    </message>
    <message>
        <source>no large objects</source>
        <translation>keine Large Objects</translation>
    </message>
    <message numerus="yes">
        <source>%n large object(s) copied and verified, %1</source>
        <translation>
            <numerusform>%n Large Object kopiert und geprüft, %1</numerusform>
            <numerusform>%n Large Objects kopiert und geprüft, %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n already held data on the target and was overwritten with the source&apos;s</source>
        <translation>
            <numerusform>%n enthielt auf dem Ziel bereits Daten und wurde mit denen der Quelle überschrieben</numerusform>
            <numerusform>%n enthielten auf dem Ziel bereits Daten und wurden mit denen der Quelle überschrieben</numerusform>
        </translation>
    </message>
    <message>
        <source>Materialized views: refresh on the target those that hold data on the source (before writes stop, so not part of the downtime)</source>
        <translation>Materialisierte Sichten: auf dem Ziel diejenigen aktualisieren, die auf der Quelle Daten enthalten (bevor die Schreibzugriffe stoppen, also nicht Teil der Ausfallzeit)</translation>
    </message>
    <message>
        <source>Large objects: copy every one (data, owner, grants, comment) and verify their sizes</source>
        <translation>Large Objects: jedes kopieren (Daten, Eigentümer, Rechte, Kommentar) und ihre Größen prüfen</translation>
    </message>
    <message>
        <source>Left on the source (replication has stopped, so the cutover goes on): %1. Drop them there when it can be reached:
%2</source>
        <translation>Auf der Quelle übrig (die Replikation ist beendet, die Umstellung geht also weiter): %1. Entfernen Sie es dort, sobald sie erreichbar ist:
%2</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) of %1 break %2: %3</source>
        <translation>
            <numerusform>%n Zeile von %1 verletzt %2: %3</numerusform>
            <numerusform>%n Zeilen von %1 verletzen %2: %3</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>No foreign key was added; the target&apos;s data breaks %n of them:</source>
        <translation>
            <numerusform>Kein Fremdschlüssel wurde hinzugefügt; die Daten des Ziels verletzen %n davon:</numerusform>
            <numerusform>Kein Fremdschlüssel wurde hinzugefügt; die Daten des Ziels verletzen %n davon:</numerusform>
        </translation>
    </message>
    <message>
        <source>Adding the foreign keys failed, none was added: %1</source>
        <translation>Hinzufügen der Fremdschlüssel fehlgeschlagen, keiner wurde hinzugefügt: %1</translation>
    </message>
    <message>
        <source>every foreign key of the source is already on the target</source>
        <translation>jeder Fremdschlüssel der Quelle ist bereits auf dem Ziel</translation>
    </message>
    <message numerus="yes">
        <source>%n foreign key(s) checked against the data and added: %1</source>
        <translation>
            <numerusform>%n Fremdschlüssel gegen die Daten geprüft und hinzugefügt: %1</numerusform>
            <numerusform>%n Fremdschlüssel gegen die Daten geprüft und hinzugefügt: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Catch up: wait until DMS confirms the source&apos;s WAL position taken after writes stopped (at most %n second(s))</source>
        <translation>
            <numerusform>Aufholen: warten, bis DMS die WAL-Position der Quelle bestätigt, die nach dem Stoppen der Schreibzugriffe genommen wurde (höchstens %n Sekunde)</numerusform>
            <numerusform>Aufholen: warten, bis DMS die WAL-Position der Quelle bestätigt, die nach dem Stoppen der Schreibzugriffe genommen wurde (höchstens %n Sekunden)</numerusform>
        </translation>
    </message>
    <message>
        <source>Foreign keys held back for the load: count the rows that break each, then add them all (or none)</source>
        <translation>Für das Laden zurückgehaltene Fremdschlüssel: die Zeilen zählen, die jeden verletzen, dann alle hinzufügen (oder keinen)</translation>
    </message>
    <message>
        <source>DMS confirmed %1 after %2 ms</source>
        <translation>DMS hat %1 nach %2 ms bestätigt</translation>
    </message>
</context>
<context>
    <name>pgshift::core::DatabaseIdentity</name>
    <message>
        <source>The target is a physical standby of the source (same system identifier): it is read-only and already a copy. Choose another target server.</source>
        <translation>Das Ziel ist ein physischer Standby der Quelle (gleicher System Identifier): es ist schreibgeschützt und bereits eine Kopie. Wählen Sie einen anderen Zielserver.</translation>
    </message>
    <message>
        <source>The target is the source database itself (database &quot;%1&quot; on the same server). Migrating a database onto itself would destroy it. Choose another target.</source>
        <translation>Das Ziel ist die Quelldatenbank selbst (Datenbank &quot;%1&quot; auf demselben Server). Eine Datenbank auf sich selbst zu migrieren würde sie zerstören. Wählen Sie ein anderes Ziel.</translation>
    </message>
    <message>
        <source>The target database &quot;%1&quot; is on the same server as the source database &quot;%2&quot;. That works, but the copy competes with the source for the same disk and memory.</source>
        <translation>Die Zieldatenbank &quot;%1&quot; liegt auf demselben Server wie die Quelldatenbank &quot;%2&quot;. Das funktioniert, aber die Kopie konkurriert mit der Quelle um dieselbe Platte und denselben Speicher.</translation>
    </message>
</context>
<context>
    <name>pgshift::core::DatabaseSizeCheck</name>
    <message>
        <source>Database size</source>
        <translation>Datenbankgröße</translation>
    </message>
    <message>
        <source>The source database %1 takes %2.</source>
        <translation>Die Quelldatenbank %1 belegt %2.</translation>
    </message>
    <message>
        <source>Besides the data, the target needs room for indexes built after the copy, WAL written during it, and bloat.</source>
        <translation>Neben den Daten braucht das Ziel Platz für die nach der Kopie gebauten Indizes, das währenddessen geschriebene WAL und Bloat.</translation>
    </message>
    <message>
        <source>Give the target at least %1 of free space (150% of the source).</source>
        <translation>Geben Sie dem Ziel mindestens %1 freien Platz (150% der Quelle).</translation>
    </message>
</context>
<context>
    <name>pgshift::core::DmsPlan</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>The task identifier &apos;%1&apos; is not one DMS accepts: letters, digits and single hyphens, starting with a letter and not ending with a hyphen.</source>
        <translation>Der Task-Bezeichner &apos;%1&apos; wird von DMS nicht akzeptiert: Buchstaben, Ziffern und einzelne Bindestriche, beginnend mit einem Buchstaben und nicht endend mit einem Bindestrich.</translation>
    </message>
    <message>
        <source>The slot name &apos;%1&apos; is not a PostgreSQL replication slot name: lower-case letters, digits and underscores, at most 63.</source>
        <translation>Der Slot-Name &apos;%1&apos; ist kein Name für einen PostgreSQL-Replikations-Slot: Kleinbuchstaben, Ziffern und Unterstriche, höchstens 63.</translation>
    </message>
    <message>
        <source>DMS loads 1 to 49 tables at a time, not %1.</source>
        <translation>DMS lädt 1 bis 49 Tabellen gleichzeitig, nicht %1.</translation>
    </message>
    <message>
        <source>LOB sizes and the commit rate must be 1 or more.</source>
        <translation>LOB-Größen und die Commit-Rate müssen 1 oder mehr sein.</translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation>Der Ordner %1 kann nicht angelegt werden.</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
</context>
<context>
    <name>pgshift::core::ExtensionsCheck</name>
    <message>
        <source>Extensions</source>
        <translation>Erweiterungen</translation>
    </message>
    <message>
        <source>The source uses no extensions besides plpgsql.</source>
        <translation>Die Quelle benutzt außer plpgsql keine Erweiterungen.</translation>
    </message>
    <message>
        <source>The source uses: %1.</source>
        <translation>Die Quelle benutzt: %1.</translation>
    </message>
    <message>
        <source>Not available on the target: %1.</source>
        <translation>Auf dem Ziel nicht verfügbar: %1.</translation>
    </message>
    <message>
        <source>CREATE EXTENSION fails on the target, and so does every table, type or function that depends on the extension.</source>
        <translation>CREATE EXTENSION schlägt auf dem Ziel fehl, und ebenso jede Tabelle, jeder Typ und jede Funktion, die von der Erweiterung abhängt.</translation>
    </message>
    <message>
        <source>Choose a target that offers these extensions (PlanetScale lists its supported extensions in its documentation), or remove their use from the source first.</source>
        <translation>Wählen Sie ein Ziel, das diese Erweiterungen anbietet (PlanetScale listet seine unterstützten Erweiterungen in seiner Dokumentation), oder entfernen Sie zuerst ihre Verwendung aus der Quelle.</translation>
    </message>
    <message>
        <source>Available but not yet installed on the target: %1.</source>
        <translation>Verfügbar, aber auf dem Ziel noch nicht installiert: %1.</translation>
    </message>
    <message>
        <source>The schema copy creates them; doing it first shows early whether the target user may.</source>
        <translation>Die Schemakopie legt sie an; es vorher zu tun zeigt früh, ob der Zielbenutzer das darf.</translation>
    </message>
    <message>
        <source>Other versions on the target: %1.</source>
        <translation>Andere Versionen auf dem Ziel: %1.</translation>
    </message>
</context>
<context>
    <name>pgshift::core::ForeignKeys</name>
    <message>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
</context>
<context>
    <name>pgshift::core::LocalServer</name>
    <message>
        <source>PGSHIFT_PG_BINDIR=%1 has no initdb, pg_ctl and postgres</source>
        <translation>PGSHIFT_PG_BINDIR=%1 enthält kein initdb, pg_ctl und postgres</translation>
    </message>
    <message>
        <source>No PostgreSQL server programs (initdb, pg_ctl, postgres) found: install the PostgreSQL server (Debian: postgresql-15) or set PGSHIFT_PG_BINDIR.</source>
        <translation>Keine PostgreSQL-Serverprogramme (initdb, pg_ctl, postgres) gefunden: installieren Sie den PostgreSQL-Server (Debian: postgresql-15) oder setzen Sie PGSHIFT_PG_BINDIR.</translation>
    </message>
    <message>
        <source>pgshift runs as root, and PostgreSQL refuses to: create the account &apos;%1&apos; (Debian&apos;s postgresql package does) or run pgshift as a normal user.</source>
        <translation>pgshift läuft als root, und PostgreSQL weigert sich: legen Sie das Konto &apos;%1&apos; an (das Debian-Paket postgresql tut das) oder starten Sie pgshift als normaler Benutzer.</translation>
    </message>
    <message>
        <source>Cannot create %1.</source>
        <translation>%1 kann nicht angelegt werden.</translation>
    </message>
    <message>
        <source>Cannot create a directory in %1: %2</source>
        <translation>In %1 kann kein Verzeichnis angelegt werden: %2</translation>
    </message>
    <message>
        <source>Could not prepare %1.</source>
        <translation>%1 konnte nicht vorbereitet werden.</translation>
    </message>
    <message>
        <source>Cannot hand %1 to the server&apos;s account.</source>
        <translation>%1 kann nicht an das Konto des Servers übergeben werden.</translation>
    </message>
    <message>
        <source>%1 did not finish in %2 s.</source>
        <translation>%1 ist nicht in %2 s fertig geworden.</translation>
    </message>
    <message>
        <source>%1 %2 failed (exit %3):
%4</source>
        <translation>%1 %2 fehlgeschlagen (Exit %3):
%4</translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation>%1 kann nicht geschrieben werden.</translation>
    </message>
    <message>
        <source>Cannot append to %1.</source>
        <translation>An %1 kann nicht angehängt werden.</translation>
    </message>
    <message>
        <source>No free port on 127.0.0.1.</source>
        <translation>Kein freier Port auf 127.0.0.1.</translation>
    </message>
</context>
<context>
    <name>pgshift::core::LogicalReplication</name>
    <message>
        <source>publication</source>
        <translation>Publication</translation>
    </message>
    <message>
        <source>subscription</source>
        <translation>Subscription</translation>
    </message>
    <message>
        <source>replication slot</source>
        <translation>Replikations-Slot</translation>
    </message>
    <message>
        <source>The %1 name &apos;%2&apos; is not valid: use 1 to 63 lower-case letters, digits and underscores, not starting with a digit.</source>
        <translation>Der Name &apos;%2&apos; für %1 ist ungültig: verwenden Sie 1 bis 63 Kleinbuchstaben, Ziffern und Unterstriche, nicht mit einer Ziffer beginnend.</translation>
    </message>
    <message>
        <source>Nothing to publish: %1 holds no table.</source>
        <translation>Nichts zu publizieren: %1 enthält keine Tabelle.</translation>
    </message>
    <message>
        <source>Copy the schema: pg_dump&apos;s pre-data, then post-data with pg_restore -j %1%2</source>
        <translation>Das Schema kopieren: Pre-Data von pg_dump, dann Post-Data mit pg_restore -j %1%2</translation>
    </message>
    <message numerus="yes">
        <source>, without %n secondary index(es) built after the initial copy</source>
        <translation>
            <numerusform>, ohne %n Sekundärindex, der nach der initialen Kopie gebaut wird</numerusform>
            <numerusform>, ohne %n Sekundärindizes, die nach der initialen Kopie gebaut werden</numerusform>
        </translation>
    </message>
    <message>
        <source>target</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <source>Publish the tables on the source</source>
        <translation>Die Tabellen auf der Quelle publizieren</translation>
    </message>
    <message>
        <source>source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>Subscribe on the target: copy every table, then stream changes</source>
        <translation>Auf dem Ziel abonnieren: jede Tabelle kopieren, dann Änderungen streamen</translation>
    </message>
    <message>
        <source>Creating the subscription on the target failed: %1</source>
        <translation>Anlegen der Subscription auf dem Ziel fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message numerus="yes">
        <source>Advice: the target copies %1 of the %n table(s) at a time (max_sync_workers_per_subscription = %2, max_logical_replication_workers = %3). Allowing %4 at once shortens the initial copy of many tables; run this on the target before starting (a restart is needed when max_logical_replication_workers changes):</source>
        <translation>
            <numerusform>Rat: das Ziel kopiert %1 der %n Tabelle gleichzeitig (max_sync_workers_per_subscription = %2, max_logical_replication_workers = %3). %4 gleichzeitig zu erlauben verkürzt die initiale Kopie vieler Tabellen; führen Sie dies vor dem Start auf dem Ziel aus (ein Neustart ist nötig, wenn sich max_logical_replication_workers ändert):</numerusform>
            <numerusform>Rat: das Ziel kopiert %1 der %n Tabellen gleichzeitig (max_sync_workers_per_subscription = %2, max_logical_replication_workers = %3). %4 gleichzeitig zu erlauben verkürzt die initiale Kopie vieler Tabellen; führen Sie dies vor dem Start auf dem Ziel aus (ein Neustart ist nötig, wenn sich max_logical_replication_workers ändert):</numerusform>
        </translation>
    </message>
    <message>
        <source>The saved replication state in %1 is incomplete.</source>
        <translation>Der gespeicherte Replikationszustand in %1 ist unvollständig.</translation>
    </message>
    <message>
        <source>%1 is not valid JSON (%2 at offset %3)</source>
        <translation>%1 ist kein gültiges JSON (%2 bei Offset %3)</translation>
    </message>
</context>
<context>
    <name>pgshift::core::Method</name>
    <message>
        <source>Dump and restore</source>
        <translation>Dump und Restore</translation>
    </message>
    <message>
        <source>Logical replication</source>
        <translation>Logische Replikation</translation>
    </message>
    <message>
        <source>AWS DMS assisted</source>
        <translation>AWS DMS-gestützt</translation>
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
        <translation>Diagramme</translation>
    </message>
    <message>
        <source>FAILED: %1</source>
        <translation>FEHLGESCHLAGEN: %1</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>not run: no copy or cutover in this session</source>
        <translation>nicht gelaufen: keine Kopie oder Umstellung in dieser Sitzung</translation>
    </message>
    <message>
        <source>succeeded: every checklist step done</source>
        <translation>erfolgreich: jeder Schritt der Checkliste erledigt</translation>
    </message>
    <message>
        <source>succeeded: copied and verified</source>
        <translation>erfolgreich: kopiert und geprüft</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Methode</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source> (PostgreSQL %1)</source>
        <translation> (PostgreSQL %1)</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Checklist started</source>
        <translation>Checkliste begonnen</translation>
    </message>
    <message>
        <source>Checklist finished</source>
        <translation>Checkliste beendet</translation>
    </message>
    <message>
        <source>Write downtime</source>
        <translation>Schreib-Ausfallzeit</translation>
    </message>
    <message>
        <source>Rollback</source>
        <translation>Rückabwicklung</translation>
    </message>
    <message>
        <source>writes re-enabled on the source</source>
        <translation>Schreibzugriffe auf der Quelle wieder zugelassen</translation>
    </message>
    <message>
        <source>Copy time</source>
        <translation>Kopierdauer</translation>
    </message>
    <message>
        <source>pgshift migration report</source>
        <translation>pgshift-Migrationsbericht</translation>
    </message>
    <message>
        <source>Generated %1 by pgshift %2.</source>
        <translation>Erstellt %1 von pgshift %2.</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Was</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Preflight</source>
        <translation>Voraussetzungen</translation>
    </message>
    <message>
        <source>No preflight ran in this session.</source>
        <translation>In dieser Sitzung lief keine Voraussetzungsprüfung.</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Prüfung</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>Befund</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopie</translation>
    </message>
    <message numerus="yes">
        <source>Engine %1: %n table(s), %2 rows, %3, %4 sequence(s), %5 large object(s), %6 index(es) built, in %7.</source>
        <translation>
            <numerusform>Engine %1: %n Tabelle, %2 Zeilen, %3, %4 Sequenz(en), %5 Large Object(s), %6 Index(e) gebaut, in %7.</numerusform>
            <numerusform>Engine %1: %n Tabellen, %2 Zeilen, %3, %4 Sequenz(en), %5 Large Object(s), %6 Index(e) gebaut, in %7.</numerusform>
        </translation>
    </message>
    <message>
        <source>Checklist (dump and restore)</source>
        <translation>Checkliste (Dump und Restore)</translation>
    </message>
    <message>
        <source>Cutover checklist</source>
        <translation>Umstellungs-Checkliste</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>The application&apos;s new connection string (password as before): %1</source>
        <translation>Der neue Verbindungsstring der Anwendung (Passwort wie bisher): %1</translation>
    </message>
    <message>
        <source>equal</source>
        <translation>gleich</translation>
    </message>
    <message>
        <source>checksums differ</source>
        <translation>Prüfsummen verschieden</translation>
    </message>
    <message>
        <source>DIFFERENT</source>
        <translation>VERSCHIEDEN</translation>
    </message>
    <message>
        <source>equal, checksums too</source>
        <translation>gleich, auch die Prüfsummen</translation>
    </message>
    <message>
        <source>Row counts</source>
        <translation>Zeilenzahlen</translation>
    </message>
    <message numerus="yes">
        <source>Exact counts of all %n table(s) are equal on both servers.</source>
        <translation>
            <numerusform>Die exakten Zählungen aller %n Tabelle sind auf beiden Servern gleich.</numerusform>
            <numerusform>Die exakten Zählungen aller %n Tabellen sind auf beiden Servern gleich.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n table(s) differ.</source>
        <translation>
            <numerusform>%1 von %n Tabelle unterscheiden sich.</numerusform>
            <numerusform>%1 von %n Tabellen unterscheiden sich.</numerusform>
        </translation>
    </message>
    <message>
        <source>Table</source>
        <translation>Tabelle</translation>
    </message>
    <message>
        <source>Source rows</source>
        <translation>Zeilen Quelle</translation>
    </message>
    <message>
        <source>Target rows</source>
        <translation>Zeilen Ziel</translation>
    </message>
    <message>
        <source>Sequences</source>
        <translation>Sequenzen</translation>
    </message>
    <message>
        <source>never used</source>
        <translation>nie benutzt</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>übersprungen</translation>
    </message>
    <message>
        <source>Sequence</source>
        <translation>Sequenz</translation>
    </message>
    <message>
        <source>Owned by</source>
        <translation>Gehört zu</translation>
    </message>
    <message>
        <source>Source value</source>
        <translation>Wert Quelle</translation>
    </message>
    <message>
        <source>Set on target</source>
        <translation>Auf dem Ziel gesetzt</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Hinweis</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>%1, in %2.</source>
        <translation>%1, in %2.</translation>
    </message>
</context>
<context>
    <name>pgshift::core::OpenTransactionsCheck</name>
    <message>
        <source>Prepared and long-running transactions</source>
        <translation>Vorbereitete und lang laufende Transaktionen</translation>
    </message>
    <message numerus="yes">
        <source>No prepared transactions, none running longer than %n minute(s).</source>
        <translation>
            <numerusform>Keine vorbereiteten Transaktionen, keine läuft länger als %n Minute.</numerusform>
            <numerusform>Keine vorbereiteten Transaktionen, keine läuft länger als %n Minuten.</numerusform>
        </translation>
    </message>
    <message>
        <source>Prepared transaction %1 by %2 since %3.</source>
        <translation>Vorbereitete Transaktion %1 von %2 seit %3.</translation>
    </message>
    <message>
        <source>Session %1 (%2) has been in a transaction for %3 s.</source>
        <translation>Sitzung %1 (%2) ist seit %3 s in einer Transaktion.</translation>
    </message>
    <message>
        <source>Creating the replication slot waits for every transaction that started before it; a forgotten prepared transaction makes it wait for ever and also holds back vacuum.</source>
        <translation>Das Anlegen des Replikations-Slots wartet auf jede Transaktion, die davor begonnen hat; eine vergessene vorbereitete Transaktion lässt es ewig warten und hält auch Vacuum auf.</translation>
    </message>
    <message>
        <source>Finish them before starting replication:
%1</source>
        <translation>Beenden Sie sie, bevor die Replikation startet:
%1</translation>
    </message>
</context>
<context>
    <name>pgshift::core::PgError</name>
    <message>
        <source>The server rejected the password for this user.</source>
        <translation>Der Server hat das Passwort für diesen Benutzer abgelehnt.</translation>
    </message>
    <message>
        <source>The server does not allow this login: check pg_hba.conf (or the provider&apos;s network rules) and that the role may log in.</source>
        <translation>Der Server erlaubt diese Anmeldung nicht: prüfen Sie pg_hba.conf (oder die Netzwerkregeln des Anbieters) und ob die Rolle sich anmelden darf.</translation>
    </message>
    <message>
        <source>That database does not exist on this server.</source>
        <translation>Diese Datenbank existiert auf diesem Server nicht.</translation>
    </message>
    <message>
        <source>The server has no free connection slots left.</source>
        <translation>Der Server hat keine freien Verbindungsplätze mehr.</translation>
    </message>
    <message>
        <source>The user lacks a privilege this step needs.</source>
        <translation>Dem Benutzer fehlt ein Recht, das dieser Schritt braucht.</translation>
    </message>
    <message>
        <source>The statement was cancelled.</source>
        <translation>Die Anweisung wurde abgebrochen.</translation>
    </message>
    <message>
        <source>The session or database is read-only.</source>
        <translation>Die Sitzung oder die Datenbank ist schreibgeschützt.</translation>
    </message>
    <message>
        <source>Deadlock: another session held locks this statement needed.</source>
        <translation>Deadlock: eine andere Sitzung hielt Sperren, die diese Anweisung brauchte.</translation>
    </message>
    <message>
        <source>The server is shutting down, restarting or not yet accepting connections.</source>
        <translation>Der Server fährt herunter, startet neu oder nimmt noch keine Verbindungen an.</translation>
    </message>
    <message>
        <source>The connection to the server failed or was lost.</source>
        <translation>Die Verbindung zum Server ist fehlgeschlagen oder abgebrochen.</translation>
    </message>
    <message>
        <source>The server&apos;s pg_hba.conf has no rule that lets this user connect from here to this database.</source>
        <translation>pg_hba.conf des Servers hat keine Regel, die diesem Benutzer erlaubt, sich von hier mit dieser Datenbank zu verbinden.</translation>
    </message>
    <message>
        <source>Nothing is listening at that address and port: the server is down, or the host or port is wrong.</source>
        <translation>An dieser Adresse und diesem Port lauscht nichts: der Server ist aus, oder Host oder Port sind falsch.</translation>
    </message>
    <message>
        <source>The server did not answer in time: a firewall may be dropping the traffic, or the host is not a PostgreSQL server.</source>
        <translation>Der Server hat nicht rechtzeitig geantwortet: eine Firewall verwirft vielleicht den Verkehr, oder der Host ist kein PostgreSQL-Server.</translation>
    </message>
    <message>
        <source>The host name could not be resolved: check its spelling and your DNS.</source>
        <translation>Der Hostname konnte nicht aufgelöst werden: prüfen Sie seine Schreibweise und Ihr DNS.</translation>
    </message>
    <message>
        <source>The server requires SSL: set sslmode to require or stricter.</source>
        <translation>Der Server verlangt SSL: setzen Sie sslmode auf require oder strenger.</translation>
    </message>
    <message>
        <source>The server has no free connection slots left for ordinary users.</source>
        <translation>Der Server hat keine freien Verbindungsplätze mehr für normale Benutzer.</translation>
    </message>
    <message>
        <source>The server sent no result (out of memory or the connection was lost).</source>
        <translation>Der Server hat kein Ergebnis geschickt (kein Speicher mehr oder die Verbindung ist abgebrochen).</translation>
    </message>
    <message>
        <source>Out of memory while connecting.</source>
        <translation>Kein Speicher mehr beim Verbinden.</translation>
    </message>
    <message>
        <source>DETAIL: %1</source>
        <translation>DETAIL: %1</translation>
    </message>
    <message>
        <source>HINT: %1</source>
        <translation>HINWEIS: %1</translation>
    </message>
    <message>
        <source>CONTEXT: %1</source>
        <translation>KONTEXT: %1</translation>
    </message>
    <message>
        <source>SQLSTATE: %1</source>
        <translation>SQLSTATE: %1</translation>
    </message>
    <message>
        <source>The server wants a password and none was given: not directly, not in PGPASSWORD, not in the password file (~/.pgpass).</source>
        <translation>Der Server verlangt ein Passwort, und keines wurde angegeben: nicht direkt, nicht in PGPASSWORD, nicht in der Passwortdatei (~/.pgpass).</translation>
    </message>
    <message>
        <source>The server accepts this login only over SSL: set sslmode to require or stricter.</source>
        <translation>Der Server akzeptiert diese Anmeldung nur über SSL: setzen Sie sslmode auf require oder strenger.</translation>
    </message>
    <message>
        <source>That user (role) does not exist on this server.</source>
        <translation>Dieser Benutzer (diese Rolle) existiert auf diesem Server nicht.</translation>
    </message>
    <message>
        <source>These settings require SSL but the server does not offer it: lower sslmode or enable SSL on the server.</source>
        <translation>Diese Einstellungen verlangen SSL, aber der Server bietet es nicht an: senken Sie sslmode oder aktivieren Sie SSL auf dem Server.</translation>
    </message>
    <message>
        <source>The server&apos;s certificate could not be verified: check sslrootcert, or use sslmode=require to encrypt without verifying.</source>
        <translation>Das Zertifikat des Servers konnte nicht geprüft werden: prüfen Sie sslrootcert, oder verwenden Sie sslmode=require, um ohne Prüfung zu verschlüsseln.</translation>
    </message>
    <message>
        <source>channel_binding=require needs SCRAM authentication over SSL, and the server did not use it.</source>
        <translation>channel_binding=require braucht SCRAM-Authentifizierung über SSL, und der Server hat sie nicht verwendet.</translation>
    </message>
    <message>
        <source>The server&apos;s pg_hba.conf explicitly rejects this user connecting from here to this database.</source>
        <translation>pg_hba.conf des Servers weist diesen Benutzer ausdrücklich ab, wenn er sich von hier mit dieser Datenbank verbindet.</translation>
    </message>
</context>
<context>
    <name>pgshift::core::PooledEndpointCheck</name>
    <message>
        <source>Direct connection, not a pooler</source>
        <translation>Direkte Verbindung, kein Pooler</translation>
    </message>
    <message>
        <source>The source connection does not look like a connection pooler.</source>
        <translation>Die Quellverbindung sieht nicht nach einem Connection-Pooler aus.</translation>
    </message>
    <message>
        <source>The source connection looks pooled: %1.</source>
        <translation>Die Quellverbindung sieht nach einem Pooler aus: %1.</translation>
    </message>
    <message>
        <source>Replication connections and the exported snapshot of a parallel copy need one real server session throughout; poolers do not offer replication at all.</source>
        <translation>Replikationsverbindungen und der exportierte Snapshot einer parallelen Kopie brauchen durchgehend eine echte Serversitzung; Pooler bieten überhaupt keine Replikation an.</translation>
    </message>
    <message>
        <source>Use the provider&apos;s direct endpoint: on Neon the host name without &quot;-pooler&quot;, on Supabase db.&lt;project&gt;.supabase.co on port 5432.</source>
        <translation>Verwenden Sie den direkten Endpunkt des Anbieters: bei Neon den Hostnamen ohne &quot;-pooler&quot;, bei Supabase db.&lt;project&gt;.supabase.co auf Port 5432.</translation>
    </message>
</context>
<context>
    <name>pgshift::core::Preflight</name>
    <message>
        <source>This check could not run: %1</source>
        <translation>Diese Prüfung konnte nicht laufen: %1</translation>
    </message>
    <message>
        <source>Its catalog query took longer than the statement timeout.</source>
        <translation>Ihre Katalogabfrage hat länger als das Statement-Timeout gedauert.</translation>
    </message>
    <message>
        <source>Without it, this prerequisite is unverified.</source>
        <translation>Ohne sie ist diese Voraussetzung ungeprüft.</translation>
    </message>
    <message>
        <source>Check the user&apos;s privileges on the catalogs and re-run.</source>
        <translation>Prüfen Sie die Rechte des Benutzers auf den Katalogen und wiederholen Sie.</translation>
    </message>
    <message>
        <source>The preflight was cancelled.</source>
        <translation>Die Voraussetzungsprüfung wurde abgebrochen.</translation>
    </message>
</context>
<context>
    <name>pgshift::core::ReplicaIdentityCheck</name>
    <message>
        <source>Tables without a primary key or replica identity</source>
        <translation>Tabellen ohne Primärschlüssel oder Replica Identity</translation>
    </message>
    <message>
        <source>Every table has a primary key or a replica identity.</source>
        <translation>Jede Tabelle hat einen Primärschlüssel oder eine Replica Identity.</translation>
    </message>
    <message numerus="yes">
        <source>%n table(s) without a primary key or replica identity: %1</source>
        <translation>
            <numerusform>%n Tabelle ohne Primärschlüssel oder Replica Identity: %1</numerusform>
            <numerusform>%n Tabellen ohne Primärschlüssel oder Replica Identity: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Logical replication finds the row to update or delete by its replica identity. Once such a table is published, UPDATE and DELETE on it fail on the source.</source>
        <translation>Logische Replikation findet die zu ändernde oder zu löschende Zeile über ihre Replica Identity. Sobald eine solche Tabelle publiziert ist, schlagen UPDATE und DELETE auf ihr in der Quelle fehl.</translation>
    </message>
    <message>
        <source>Best: add a primary key. Else use a unique index on NOT NULL columns (REPLICA IDENTITY USING INDEX), proposed below where one exists. REPLICA IDENTITY FULL works for any table but logs the whole old row for every change and makes the target search for it, which is slow on large tables.
%1</source>
        <translation>Am besten: einen Primärschlüssel hinzufügen. Sonst einen eindeutigen Index auf NOT-NULL-Spalten verwenden (REPLICA IDENTITY USING INDEX), unten vorgeschlagen, wo es einen gibt. REPLICA IDENTITY FULL funktioniert für jede Tabelle, protokolliert aber bei jeder Änderung die ganze alte Zeile und lässt das Ziel danach suchen, was bei großen Tabellen langsam ist.
%1</translation>
    </message>
</context>
<context>
    <name>pgshift::core::ReplicationCapacityCheck</name>
    <message>
        <source>Replication slots, WAL senders and workers</source>
        <translation>Replikations-Slots, WAL-Sender und Worker</translation>
    </message>
    <message>
        <source>Source: %1 of %2 replication slots and %3 of %4 WAL senders free.</source>
        <translation>Quelle: %1 von %2 Replikations-Slots und %3 von %4 WAL-Sendern frei.</translation>
    </message>
    <message>
        <source>The subscription needs one replication slot and one WAL sender on the source for as long as it runs.</source>
        <translation>Die Subscription braucht auf der Quelle einen Replikations-Slot und einen WAL-Sender, solange sie läuft.</translation>
    </message>
    <message>
        <source>Raise max_replication_slots and max_wal_senders on the source (a restart), or drop slots nobody uses: SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE NOT active AND slot_name = &apos;...&apos;;</source>
        <translation>Erhöhen Sie max_replication_slots und max_wal_senders auf der Quelle (ein Neustart) oder entfernen Sie Slots, die niemand benutzt: SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE NOT active AND slot_name = &apos;...&apos;;</translation>
    </message>
    <message>
        <source>Target: max_worker_processes %1, max_logical_replication_workers %2, max_sync_workers_per_subscription %3.</source>
        <translation>Ziel: max_worker_processes %1, max_logical_replication_workers %2, max_sync_workers_per_subscription %3.</translation>
    </message>
    <message>
        <source>The initial copy syncs at most %1 tables at a time.</source>
        <translation>Die initiale Kopie synchronisiert höchstens %1 Tabellen gleichzeitig.</translation>
    </message>
    <message>
        <source>For a faster initial copy raise max_sync_workers_per_subscription (and max_logical_replication_workers and max_worker_processes to match) on the target for the duration of the migration.</source>
        <translation>Für eine schnellere initiale Kopie erhöhen Sie max_sync_workers_per_subscription (und passend max_logical_replication_workers und max_worker_processes) auf dem Ziel für die Dauer der Migration.</translation>
    </message>
</context>
<context>
    <name>pgshift::core::ReplicationCleanup</name>
    <message>
        <source>Dropped subscription %1 on the target, and its slot on the source.</source>
        <translation>Subscription %1 auf dem Ziel entfernt, und ihren Slot auf der Quelle.</translation>
    </message>
    <message>
        <source>Dropped subscription %1 on the target after detaching it from its slot (%2).</source>
        <translation>Subscription %1 auf dem Ziel entfernt, nachdem sie von ihrem Slot gelöst wurde (%2).</translation>
    </message>
    <message>
        <source>Could not drop subscription %1 on the target: %2</source>
        <translation>Subscription %1 auf dem Ziel konnte nicht entfernt werden: %2</translation>
    </message>
    <message>
        <source>Could not reach the target to drop subscription %1: %2</source>
        <translation>Das Ziel war nicht erreichbar, um Subscription %1 zu entfernen: %2</translation>
    </message>
    <message>
        <source>Slot %1 on the source is still in use (the target may still be subscribed); it was left in place.</source>
        <translation>Slot %1 auf der Quelle ist noch in Benutzung (das Ziel hat vielleicht noch abonniert); er wurde belassen.</translation>
    </message>
    <message>
        <source>Dropped replication slot %1 on the source%2.</source>
        <translation>Replikations-Slot %1 auf der Quelle entfernt%2.</translation>
    </message>
    <message>
        <source> (detached from the subscription)</source>
        <translation> (von der Subscription gelöst)</translation>
    </message>
    <message>
        <source>Dropped publication %1 on the source.</source>
        <translation>Publication %1 auf der Quelle entfernt.</translation>
    </message>
    <message>
        <source>Cleanup on the source failed: %1</source>
        <translation>Aufräumen auf der Quelle fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Could not reach the source to drop publication %1 and slot %2: %3</source>
        <translation>Die Quelle war nicht erreichbar, um Publication %1 und Slot %2 zu entfernen: %3</translation>
    </message>
    <message>
        <source>source: %1</source>
        <translation>Quelle: %1</translation>
    </message>
    <message>
        <source>target: %1</source>
        <translation>Ziel: %1</translation>
    </message>
</context>
<context>
    <name>pgshift::core::ReplicationObjectsCheck</name>
    <message>
        <source>Existing slots, publications and subscriptions</source>
        <translation>Vorhandene Slots, Publications und Subscriptions</translation>
    </message>
    <message>
        <source>Slot %1 (%2, %3) keeps %4 of WAL on the source.</source>
        <translation>Slot %1 (%2, %3) hält %4 WAL auf der Quelle.</translation>
    </message>
    <message>
        <source>active</source>
        <translation>aktiv</translation>
    </message>
    <message>
        <source>inactive</source>
        <translation>inaktiv</translation>
    </message>
    <message>
        <source>Publication %1 from an earlier pgshift run exists on the source.</source>
        <translation>Publication %1 aus einem früheren pgshift-Lauf existiert auf der Quelle.</translation>
    </message>
    <message>
        <source>Subscription %1 from an earlier pgshift run exists on the target.</source>
        <translation>Subscription %1 aus einem früheren pgshift-Lauf existiert auf dem Ziel.</translation>
    </message>
    <message>
        <source>max_slot_wal_keep_size is -1: a stalled slot may keep WAL until the source&apos;s disk is full.</source>
        <translation>max_slot_wal_keep_size ist -1: ein hängender Slot kann WAL halten, bis die Platte der Quelle voll ist.</translation>
    </message>
    <message>
        <source>No leftover or WAL-hoarding replication objects.</source>
        <translation>Keine übrig gebliebenen oder WAL hortenden Replikationsobjekte.</translation>
    </message>
    <message>
        <source>A slot that nobody reads keeps every WAL segment since its position, and objects left by an earlier run collide with the names pgshift uses.</source>
        <translation>Ein Slot, den niemand liest, hält jedes WAL-Segment seit seiner Position, und von einem früheren Lauf übrig gebliebene Objekte kollidieren mit den Namen, die pgshift benutzt.</translation>
    </message>
    <message>
        <source>Watch the slot&apos;s lag during the migration (pgshift charts it), or cap it: ALTER SYSTEM SET max_slot_wal_keep_size = &apos;50GB&apos;; SELECT pg_reload_conf();</source>
        <translation>Beobachten Sie den Lag des Slots während der Migration (pgshift zeichnet ihn auf) oder begrenzen Sie ihn: ALTER SYSTEM SET max_slot_wal_keep_size = &apos;50GB&apos;; SELECT pg_reload_conf();</translation>
    </message>
</context>
<context>
    <name>pgshift::core::ReplicationProbe</name>
    <message>
        <source>initializing</source>
        <translation>initialisiert</translation>
    </message>
    <message>
        <source>copying data</source>
        <translation>kopiert Daten</translation>
    </message>
    <message>
        <source>copy finished</source>
        <translation>Kopie beendet</translation>
    </message>
    <message>
        <source>synchronized</source>
        <translation>synchronisiert</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>bereit</translation>
    </message>
    <message>
        <source>unknown (%1)</source>
        <translation>unbekannt (%1)</translation>
    </message>
    <message>
        <source>disconnected; trying again at %1</source>
        <translation>getrennt; neuer Versuch um %1</translation>
    </message>
</context>
<context>
    <name>pgshift::core::ReportFormat</name>
    <message>
        <source>Why: %1</source>
        <translation>Warum: %1</translation>
    </message>
    <message>
        <source>Fix: %1</source>
        <translation>Korrektur: %1</translation>
    </message>
    <message>
        <source>**Why:** %1

</source>
        <translation>**Warum:** %1

</translation>
    </message>
    <message>
        <source>**Fix:**

```sql
%1
```

</source>
        <translation>**Korrektur:**

```sql
%1
```

</translation>
    </message>
    <message>
        <source>**Fix:** %1

</source>
        <translation>**Korrektur:** %1

</translation>
    </message>
    <message>
        <source>pgshift preflight (%1)</source>
        <translation>pgshift-Voraussetzungsprüfung (%1)</translation>
    </message>
    <message>
        <source>Why:</source>
        <translation>Warum:</translation>
    </message>
    <message>
        <source>Fix:</source>
        <translation>Korrektur:</translation>
    </message>
    <message>
        <source>%1, %2, %3, %4 passed</source>
        <translation>%1, %2, %3, %4 bestanden</translation>
    </message>
    <message numerus="yes">
        <source>%n blocker(s)</source>
        <translation>
            <numerusform>%n Blocker</numerusform>
            <numerusform>%n Blocker</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s)</source>
        <translation>
            <numerusform>%n Warnung</numerusform>
            <numerusform>%n Warnungen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n note(s)</source>
        <translation>
            <numerusform>%n Hinweis</numerusform>
            <numerusform>%n Hinweise</numerusform>
        </translation>
    </message>
    <message>
        <source>
%1, for %2 (%3 ms).
</source>
        <translation>
%1, für %2 (%3 ms).
</translation>
    </message>
    <message>
        <source># pgshift preflight (%1)

%2.

</source>
        <translation># pgshift-Voraussetzungsprüfung (%1)

%2.

</translation>
    </message>
</context>
<context>
    <name>pgshift::core::RowCounts</name>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>target</source>
        <translation>Ziel</translation>
    </message>
</context>
<context>
    <name>pgshift::core::RowSecurityCheck</name>
    <message>
        <source>Row-level security</source>
        <translation>Row-Level Security</translation>
    </message>
    <message>
        <source>No table has row-level security enabled.</source>
        <translation>Keine Tabelle hat Row-Level Security aktiviert.</translation>
    </message>
    <message numerus="yes">
        <source>%n table(s) use row-level security; %1 bypasses it, so every row is copied: %2</source>
        <translation>
            <numerusform>%n Tabelle benutzt Row-Level Security; %1 umgeht sie, also wird jede Zeile kopiert: %2</numerusform>
            <numerusform>%n Tabellen benutzen Row-Level Security; %1 umgeht sie, also wird jede Zeile kopiert: %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n table(s) use row-level security and %1 does not bypass it: %2</source>
        <translation>
            <numerusform>%n Tabelle benutzt Row-Level Security, und %1 umgeht sie nicht: %2</numerusform>
            <numerusform>%n Tabellen benutzen Row-Level Security, und %1 umgeht sie nicht: %2</numerusform>
        </translation>
    </message>
    <message>
        <source>The copy reads only the rows the policies show this user: pg_dump stops with an error, and logical replication copies the visible rows without complaint, often none.</source>
        <translation>Die Kopie liest nur die Zeilen, die die Policies diesem Benutzer zeigen: pg_dump bricht mit einem Fehler ab, und logische Replikation kopiert klaglos die sichtbaren Zeilen, oft keine.</translation>
    </message>
    <message>
        <source>As a superuser on the source: %1 (on managed services, migrate with the administrator role, which has it).</source>
        <translation>Als Superuser auf der Quelle: %1 (bei verwalteten Diensten migrieren Sie mit der Administratorrolle, die es hat).</translation>
    </message>
</context>
<context>
    <name>pgshift::core::SameDatabaseCheck</name>
    <message>
        <source>Target: not the source, no name conflicts</source>
        <translation>Ziel: nicht die Quelle, keine Namenskonflikte</translation>
    </message>
    <message>
        <source>Copying a database onto itself destroys it.</source>
        <translation>Eine Datenbank auf sich selbst zu kopieren zerstört sie.</translation>
    </message>
    <message>
        <source>Connect the target to another server or database.</source>
        <translation>Verbinden Sie das Ziel mit einem anderen Server oder einer anderen Datenbank.</translation>
    </message>
    <message>
        <source>The target is another database.</source>
        <translation>Das Ziel ist eine andere Datenbank.</translation>
    </message>
    <message numerus="yes">
        <source>%n object(s) exist on both sides under the same name: %1</source>
        <translation>
            <numerusform>%n Objekt existiert auf beiden Seiten unter demselben Namen: %1</numerusform>
            <numerusform>%n Objekte existieren auf beiden Seiten unter demselben Namen: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Creating them on the target fails; pgshift never drops the target&apos;s objects for you.</source>
        <translation>Sie auf dem Ziel anzulegen schlägt fehl; pgshift entfernt niemals Objekte des Ziels für Sie.</translation>
    </message>
    <message>
        <source>Migrate into an empty database, or drop these objects on the target after making sure nothing there is needed.</source>
        <translation>Migrieren Sie in eine leere Datenbank, oder entfernen Sie diese Objekte auf dem Ziel, nachdem Sie sichergestellt haben, dass dort nichts davon gebraucht wird.</translation>
    </message>
</context>
<context>
    <name>pgshift::core::Sandbox</name>
    <message>
        <source>Cannot create %1.</source>
        <translation>%1 kann nicht angelegt werden.</translation>
    </message>
    <message>
        <source>Cannot create a directory in %1.</source>
        <translation>In %1 kann kein Verzeichnis angelegt werden.</translation>
    </message>
    <message>
        <source>Cannot write in %1.</source>
        <translation>In %1 kann nicht geschrieben werden.</translation>
    </message>
    <message>
        <source>Starting the source server…</source>
        <translation>Starte den Quellserver…</translation>
    </message>
    <message>
        <source>The source server did not start: %1</source>
        <translation>Der Quellserver ist nicht gestartet: %1</translation>
    </message>
    <message>
        <source>Starting the target server…</source>
        <translation>Starte den Zielserver…</translation>
    </message>
    <message>
        <source>The target server did not start: %1</source>
        <translation>Der Zielserver ist nicht gestartet: %1</translation>
    </message>
    <message>
        <source>Creating the sample shop on the source…</source>
        <translation>Lege den Beispiel-Shop auf der Quelle an…</translation>
    </message>
    <message>
        <source>The sample data could not be created: %1</source>
        <translation>Die Beispieldaten konnten nicht angelegt werden: %1</translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation>%1 kann nicht geschrieben werden.</translation>
    </message>
    <message>
        <source>Sandbox ready in %1.</source>
        <translation>Sandbox bereit in %1.</translation>
    </message>
    <message>
        <source>%1 is not a pgshift sandbox.</source>
        <translation>%1 ist keine pgshift-Sandbox.</translation>
    </message>
    <message>
        <source>Could not delete all of %1.</source>
        <translation>%1 konnte nicht vollständig gelöscht werden.</translation>
    </message>
</context>
<context>
    <name>pgshift::core::SequenceSync</name>
    <message>
        <source>not readable by this role (grant it SELECT on the sequence): left as it is</source>
        <translation>für diese Rolle nicht lesbar (geben Sie ihr SELECT auf die Sequenz): unverändert gelassen</translation>
    </message>
    <message>
        <source>never used: stays at its start value, %1</source>
        <translation>nie benutzt: bleibt bei ihrem Startwert, %1</translation>
    </message>
    <message>
        <source>a margin of %1 would pass MAXVALUE %2: set to %2</source>
        <translation>ein Vorsprung von %1 würde MAXVALUE %2 überschreiten: auf %2 gesetzt</translation>
    </message>
    <message>
        <source>a margin of %1 would pass MINVALUE %2: set to %2</source>
        <translation>ein Vorsprung von %1 würde MINVALUE %2 unterschreiten: auf %2 gesetzt</translation>
    </message>
    <message>
        <source>; it cycles, so its next value starts over at %1</source>
        <translation>; sie ist zyklisch, ihr nächster Wert beginnt also wieder bei %1</translation>
    </message>
    <message>
        <source>; its next nextval() fails until its limit is widened</source>
        <translation>; ihr nächstes nextval() schlägt fehl, bis ihre Grenze erweitert wird</translation>
    </message>
    <message>
        <source>The target has no sequence %1.</source>
        <translation>Das Ziel hat keine Sequenz %1.</translation>
    </message>
    <message>
        <source>the target is already at %1, past %2: left as it is</source>
        <translation>das Ziel steht bereits bei %1, über %2 hinaus: unverändert gelassen</translation>
    </message>
    <message>
        <source>never used on the source, already used on the target (at %1): left as it is</source>
        <translation>auf der Quelle nie benutzt, auf dem Ziel bereits benutzt (bei %1): unverändert gelassen</translation>
    </message>
    <message>
        <source>%1: missing on the target</source>
        <translation>%1: fehlt auf dem Ziel</translation>
    </message>
    <message>
        <source>%1: at %2 on the source, never used on the target</source>
        <translation>%1: bei %2 auf der Quelle, auf dem Ziel nie benutzt</translation>
    </message>
    <message>
        <source>%1: %2 on the target is not ahead of %3 on the source</source>
        <translation>%1: %2 auf dem Ziel liegt nicht vor %3 auf der Quelle</translation>
    </message>
</context>
<context>
    <name>pgshift::core::SourcePrivilegesCheck</name>
    <message>
        <source>Privileges of the source user</source>
        <translation>Rechte des Quellbenutzers</translation>
    </message>
    <message>
        <source>%1 has no replication right (REPLICATION, superuser or rds_replication).</source>
        <translation>%1 hat kein Replikationsrecht (REPLICATION, Superuser oder rds_replication).</translation>
    </message>
    <message>
        <source>%1 can read every table and sequence%2.</source>
        <translation>%1 kann jede Tabelle und Sequenz lesen%2.</translation>
    </message>
    <message>
        <source> and replicate</source>
        <translation> und replizieren</translation>
    </message>
    <message>
        <source>pg_dump and the initial copy read every table and sequence as this user; a missing privilege stops the copy halfway.</source>
        <translation>pg_dump und die initiale Kopie lesen jede Tabelle und Sequenz als dieser Benutzer; ein fehlendes Recht hält die Kopie auf halbem Weg an.</translation>
    </message>
    <message>
        <source>Run as a superuser or the objects&apos; owner on the source:
%1</source>
        <translation>Als Superuser oder Eigentümer der Objekte auf der Quelle ausführen:
%1</translation>
    </message>
    <message>
        <source>Schema %1: the user cannot read %2 and %3.</source>
        <translation>Schema %1: der Benutzer kann %2 und %3 nicht lesen.</translation>
    </message>
    <message numerus="yes">
        <source>%n table(s)</source>
        <translation>
            <numerusform>%n Tabelle</numerusform>
            <numerusform>%n Tabellen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n sequence(s)</source>
        <translation>
            <numerusform>%n Sequenz</numerusform>
            <numerusform>%n Sequenzen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pgshift::core::StreamCopy</name>
    <message>
        <source>%1 was not copied: no copy worker was left to do it.</source>
        <translation>%1 wurde nicht kopiert: es war kein Kopier-Worker mehr dafür übrig.</translation>
    </message>
    <message>
        <source>A copy worker could not connect: %1</source>
        <translation>Ein Kopier-Worker konnte keine Verbindung aufbauen: %1</translation>
    </message>
</context>
<context>
    <name>pgshift::core::TableCopy</name>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1: no such table, or no column to copy</source>
        <translation>%1: keine solche Tabelle, oder keine Spalte zu kopieren</translation>
    </message>
    <message>
        <source>Copying %1 was cancelled.</source>
        <translation>Das Kopieren von %1 wurde abgebrochen.</translation>
    </message>
    <message>
        <source>%1: %2 rows read but %3 written</source>
        <translation>%1: %2 Zeilen gelesen, aber %3 geschrieben</translation>
    </message>
</context>
<context>
    <name>pgshift::core::TargetInventory</name>
    <message>
        <source>schema</source>
        <translation>Schema</translation>
    </message>
    <message>
        <source>extension</source>
        <translation>Erweiterung</translation>
    </message>
    <message>
        <source>table</source>
        <translation>Tabelle</translation>
    </message>
    <message>
        <source>view</source>
        <translation>Sicht</translation>
    </message>
    <message>
        <source>materialized view</source>
        <translation>materialisierte Sicht</translation>
    </message>
    <message>
        <source>sequence</source>
        <translation>Sequenz</translation>
    </message>
    <message>
        <source>foreign table</source>
        <translation>Fremdtabelle</translation>
    </message>
    <message>
        <source>type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>function</source>
        <translation>Funktion</translation>
    </message>
    <message>
        <source>procedure</source>
        <translation>Prozedur</translation>
    </message>
    <message>
        <source>aggregate</source>
        <translation>Aggregat</translation>
    </message>
    <message>
        <source>large object</source>
        <translation>Large Object</translation>
    </message>
</context>
<context>
    <name>pgshift::core::TargetPrivilegesCheck</name>
    <message>
        <source>Privileges of the target user</source>
        <translation>Rechte des Zielbenutzers</translation>
    </message>
    <message>
        <source>%1 may not create schemas in database %2.</source>
        <translation>%1 darf in der Datenbank %2 keine Schemas anlegen.</translation>
    </message>
    <message>
        <source>%1 may not create tables in schema public, where the source has tables.</source>
        <translation>%1 darf im Schema public keine Tabellen anlegen, wo die Quelle Tabellen hat.</translation>
    </message>
    <message>
        <source>%1 may not create subscriptions.</source>
        <translation>%1 darf keine Subscriptions anlegen.</translation>
    </message>
    <message>
        <source>Before PostgreSQL 16 only a superuser may create subscriptions; %1 is not one.</source>
        <translation>Vor PostgreSQL 16 darf nur ein Superuser Subscriptions anlegen; %1 ist keiner.</translation>
    </message>
    <message>
        <source>%1 can create the schema%2.</source>
        <translation>%1 kann das Schema anlegen%2.</translation>
    </message>
    <message>
        <source> and the subscription</source>
        <translation> und die Subscription</translation>
    </message>
    <message>
        <source>The schema and the data are created on the target as this user.</source>
        <translation>Das Schema und die Daten werden auf dem Ziel als dieser Benutzer angelegt.</translation>
    </message>
    <message>
        <source>Connect to the target as a superuser.</source>
        <translation>Verbinden Sie sich mit dem Ziel als Superuser.</translation>
    </message>
    <message>
        <source>Run as an administrator on the target (PlanetScale: give the role pg_create_subscription on its Roles page):
%1</source>
        <translation>Als Administrator auf dem Ziel ausführen (PlanetScale: geben Sie der Rolle pg_create_subscription auf ihrer Seite Roles):
%1</translation>
    </message>
</context>
<context>
    <name>pgshift::core::UnreplicatedData</name>
    <message>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <source>Owned by the target&apos;s user instead of %1: that role does not exist on the target or the target&apos;s user cannot assign it.</source>
        <translation>Gehört dem Benutzer des Ziels statt %1: diese Rolle existiert auf dem Ziel nicht, oder der Benutzer des Ziels kann sie nicht zuweisen.</translation>
    </message>
    <message>
        <source>Grants to %1 left out: no such role on the target.</source>
        <translation>Rechte für %1 weggelassen: keine solche Rolle auf dem Ziel.</translation>
    </message>
    <message>
        <source>not refreshed, it reads %1, which failed</source>
        <translation>nicht aktualisiert, sie liest %1, was fehlgeschlagen ist</translation>
    </message>
    <message>
        <source>not refreshed, its inputs could not be ordered</source>
        <translation>nicht aktualisiert, ihre Eingaben konnten nicht geordnet werden</translation>
    </message>
</context>
<context>
    <name>pgshift::core::UnreplicatedObjectsCheck</name>
    <message>
        <source>Large objects, unlogged, foreign and partitioned tables</source>
        <translation>Large Objects, Unlogged-, Fremd- und partitionierte Tabellen</translation>
    </message>
    <message>
        <source>Large objects: %1; unlogged tables: %2; foreign tables: %3; materialized views: %4; partitioned tables: %5.</source>
        <translation>Large Objects: %1; Unlogged-Tabellen: %2; Fremdtabellen: %3; materialisierte Sichten: %4; partitionierte Tabellen: %5.</translation>
    </message>
    <message>
        <source>Large objects are not replicated: copy them with pg_dump --large-objects after writes stop, or move the data to bytea columns.</source>
        <translation>Large Objects werden nicht repliziert: kopieren Sie sie mit pg_dump --large-objects, nachdem die Schreibzugriffe gestoppt sind, oder verschieben Sie die Daten in bytea-Spalten.</translation>
    </message>
    <message>
        <source>Unlogged tables write no WAL, so they arrive empty: copy them by hand or make them logged (ALTER TABLE ... SET LOGGED).</source>
        <translation>Unlogged-Tabellen schreiben kein WAL, kommen also leer an: kopieren Sie sie von Hand oder machen Sie sie logged (ALTER TABLE ... SET LOGGED).</translation>
    </message>
    <message>
        <source>Foreign tables are created, their data stays on the remote server: the target needs the same foreign servers and user mappings.</source>
        <translation>Fremdtabellen werden angelegt, ihre Daten bleiben auf dem entfernten Server: das Ziel braucht dieselben Foreign Servers und User Mappings.</translation>
    </message>
    <message>
        <source>Materialized views are created empty: REFRESH MATERIALIZED VIEW them on the target before cutover.</source>
        <translation>Materialisierte Sichten werden leer angelegt: führen Sie auf dem Ziel vor der Umstellung REFRESH MATERIALIZED VIEW für sie aus.</translation>
    </message>
    <message>
        <source>Partitioned tables: pgshift publishes them with publish_via_partition_root = true, so changes arrive through the parent.</source>
        <translation>Partitionierte Tabellen: pgshift publiziert sie mit publish_via_partition_root = true, Änderungen kommen also über die Elterntabelle.</translation>
    </message>
    <message>
        <source>Each of these needs a step of its own, or its data is missing on the target.</source>
        <translation>Jedes davon braucht einen eigenen Schritt, sonst fehlen seine Daten auf dem Ziel.</translation>
    </message>
    <message>
        <source>Large objects are not replicated: pgshift&apos;s cutover copies them after writes stop, so their size adds to the downtime (or move the data to bytea columns).</source>
        <translation>Large Objects werden nicht repliziert: die Umstellung von pgshift kopiert sie, nachdem die Schreibzugriffe gestoppt sind, ihre Größe verlängert also die Ausfallzeit (oder verschieben Sie die Daten in bytea-Spalten).</translation>
    </message>
    <message>
        <source>Materialized views are created empty: pgshift&apos;s cutover refreshes them on the target before writes stop.</source>
        <translation>Materialisierte Sichten werden leer angelegt: die Umstellung von pgshift aktualisiert sie auf dem Ziel, bevor die Schreibzugriffe stoppen.</translation>
    </message>
</context>
<context>
    <name>pgshift::core::VersionCheck</name>
    <message>
        <source>PostgreSQL versions</source>
        <translation>PostgreSQL-Versionen</translation>
    </message>
    <message>
        <source>The source runs PostgreSQL %1, the target PostgreSQL %2.</source>
        <translation>Die Quelle läuft mit PostgreSQL %1, das Ziel mit PostgreSQL %2.</translation>
    </message>
    <message>
        <source>A schema dumped from a newer server uses syntax and catalog features an older server does not have; PostgreSQL supports moving only to the same or a newer major version.</source>
        <translation>Ein von einem neueren Server gesichertes Schema benutzt Syntax und Katalogfunktionen, die ein älterer Server nicht hat; PostgreSQL unterstützt nur den Umzug auf dieselbe oder eine neuere Hauptversion.</translation>
    </message>
    <message>
        <source>Choose a target running PostgreSQL %1 or newer (PlanetScale Postgres runs 17 and 18).</source>
        <translation>Wählen Sie ein Ziel mit PostgreSQL %1 oder neuer (PlanetScale Postgres läuft mit 17 und 18).</translation>
    </message>
    <message>
        <source>Publications and subscriptions exist from PostgreSQL 10 on.</source>
        <translation>Publications und Subscriptions gibt es ab PostgreSQL 10.</translation>
    </message>
    <message>
        <source>Use dump and restore, or upgrade the source to PostgreSQL 10 or newer first.</source>
        <translation>Verwenden Sie Dump und Restore, oder aktualisieren Sie die Quelle zuerst auf PostgreSQL 10 oder neuer.</translation>
    </message>
    <message>
        <source>Moving to a newer major version is supported; test the application against PostgreSQL %1 before the cutover.</source>
        <translation>Der Umzug auf eine neuere Hauptversion wird unterstützt; testen Sie die Anwendung vor der Umstellung mit PostgreSQL %1.</translation>
    </message>
</context>
<context>
    <name>pgshift::core::WalLevelCheck</name>
    <message>
        <source>wal_level on the source</source>
        <translation>wal_level auf der Quelle</translation>
    </message>
    <message>
        <source>wal_level is %1 on the source.</source>
        <translation>wal_level ist %1 auf der Quelle.</translation>
    </message>
    <message>
        <source>Logical decoding reads row changes from the WAL, which holds them only with wal_level = logical. Changing it needs a server restart.</source>
        <translation>Logisches Decoding liest Zeilenänderungen aus dem WAL, das sie nur mit wal_level = logical enthält. Die Änderung braucht einen Neustart des Servers.</translation>
    </message>
    <message>
        <source>In the RDS console, set rds.logical_replication = 1 in the instance&apos;s parameter group (a custom group: the default one cannot be changed), then reboot the instance.</source>
        <translation>Setzen Sie in der RDS-Konsole rds.logical_replication = 1 in der Parametergruppe der Instanz (eine eigene Gruppe: die Standardgruppe kann nicht geändert werden), dann starten Sie die Instanz neu.</translation>
    </message>
    <message>
        <source>In the RDS console, set rds.logical_replication = 1 in the DB cluster parameter group attached to the cluster, then reboot the writer instance.</source>
        <translation>Setzen Sie in der RDS-Konsole rds.logical_replication = 1 in der DB-Cluster-Parametergruppe des Clusters, dann starten Sie die Writer-Instanz neu.</translation>
    </message>
    <message>
        <source>In the Neon console open Settings, Logical Replication, and enable it. This restarts the project&apos;s computes and cannot be turned off again.</source>
        <translation>Öffnen Sie in der Neon-Konsole Settings, Logical Replication, und aktivieren Sie es. Das startet die Computes des Projekts neu und lässt sich nicht wieder ausschalten.</translation>
    </message>
    <message>
        <source>Set the database flag cloudsql.logical_decoding = on on the instance (this restarts it).</source>
        <translation>Setzen Sie das Datenbank-Flag cloudsql.logical_decoding = on auf der Instanz (das startet sie neu).</translation>
    </message>
    <message>
        <source>In the Azure portal set the server parameter wal_level = logical, save, and restart the server.</source>
        <translation>Setzen Sie im Azure-Portal den Serverparameter wal_level = logical, speichern Sie, und starten Sie den Server neu.</translation>
    </message>
    <message>
        <source>Run ALTER SYSTEM SET wal_level = logical; as a superuser (or set it in postgresql.conf), then restart PostgreSQL, for example with systemctl restart postgresql.</source>
        <translation>Führen Sie ALTER SYSTEM SET wal_level = logical; als Superuser aus (oder setzen Sie es in postgresql.conf), dann starten Sie PostgreSQL neu, zum Beispiel mit systemctl restart postgresql.</translation>
    </message>
</context>
<context>
    <name>pgshift::core::WalSenderTimeoutCheck</name>
    <message>
        <source>wal_sender_timeout on the source</source>
        <translation>wal_sender_timeout auf der Quelle</translation>
    </message>
    <message>
        <source>wal_sender_timeout is 0 (no timeout).</source>
        <translation>wal_sender_timeout ist 0 (kein Timeout).</translation>
    </message>
    <message>
        <source>wal_sender_timeout is %1.</source>
        <translation>wal_sender_timeout ist %1.</translation>
    </message>
    <message>
        <source>While a large table is copied the subscriber answers the source rarely; a walsender that hears nothing for wal_sender_timeout is ended, and the table&apos;s copy starts again from the beginning (source database: %1).</source>
        <translation>Während eine große Tabelle kopiert wird, antwortet der Subscriber der Quelle selten; ein Walsender, der für wal_sender_timeout nichts hört, wird beendet, und die Kopie der Tabelle beginnt von vorn (Quelldatenbank: %1).</translation>
    </message>
    <message>
        <source>For the initial copy raise it (no restart needed; on managed services change the parameter group or server parameter instead):
%1</source>
        <translation>Für die initiale Kopie erhöhen (kein Neustart nötig; bei verwalteten Diensten stattdessen die Parametergruppe oder den Serverparameter ändern):
%1</translation>
    </message>
</context>
<context>
    <name>pgshift::core::WriteBlocker</name>
    <message>
        <source>Writes stopped on the source: confirmed by you (the application is stopped)</source>
        <translation>Schreibzugriffe auf die Quelle gestoppt: von Ihnen bestätigt (die Anwendung ist gestoppt)</translation>
    </message>
    <message>
        <source>Stop writes on the source: roles %1 read-only in this database, their sessions ended</source>
        <translation>Schreibzugriffe auf die Quelle stoppen: Rollen %1 in dieser Datenbank schreibgeschützt, ihre Sitzungen beendet</translation>
    </message>
    <message>
        <source>Stop writes on the source: the database read-only for new transactions, every other session ended</source>
        <translation>Schreibzugriffe auf die Quelle stoppen: die Datenbank für neue Transaktionen schreibgeschützt, jede andere Sitzung beendet</translation>
    </message>
    <message>
        <source>pid %1, user %2, application &apos;%3&apos;, from %4 (%5)</source>
        <translation>PID %1, Benutzer %2, Anwendung &apos;%3&apos;, von %4 (%5)</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Cannot reach the source to re-enable writes: %1</source>
        <translation>Die Quelle ist nicht erreichbar, um Schreibzugriffe wieder zuzulassen: %1</translation>
    </message>
</context>
<context>
    <name>pgshift::widgets::ChartExport</name>
    <message>
        <source>Export failed</source>
        <translation>Export fehlgeschlagen</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG-Bild (*.png)</translation>
    </message>
    <message>
        <source>Could not write %1.</source>
        <translation>%1 konnte nicht geschrieben werden.</translation>
    </message>
</context>
<context>
    <name>pgshift::widgets::CheckReportView</name>
    <message>
        <source>Blockers (%1)</source>
        <translation>Blocker (%1)</translation>
    </message>
    <message>
        <source>Warnings (%1)</source>
        <translation>Warnungen (%1)</translation>
    </message>
    <message>
        <source>Notes (%1)</source>
        <translation>Hinweise (%1)</translation>
    </message>
    <message>
        <source>Passed (%1)</source>
        <translation>Bestanden (%1)</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>Prüfungen</translation>
    </message>
    <message>
        <source>Finding, reason and fix</source>
        <translation>Befund, Grund und Korrektur</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>Befund</translation>
    </message>
    <message>
        <source>Why it matters</source>
        <translation>Warum es wichtig ist</translation>
    </message>
    <message>
        <source>Fix (SQL, on the %1)</source>
        <translation>Korrektur (SQL, auf %1)</translation>
    </message>
    <message>
        <source>source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>target</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <source>Fix</source>
        <translation>Korrektur</translation>
    </message>
</context>
<context>
    <name>pgshift::widgets::ConnectionForm</name>
    <message>
        <source>Provider</source>
        <translation>Anbieter</translation>
    </message>
    <message>
        <source>P&amp;rovider:</source>
        <translation>An&amp;bieter:</translation>
    </message>
    <message>
        <source>Connection string</source>
        <translation>Verbindungsstring</translation>
    </message>
    <message>
        <source>Paste postgresql://user:password@host:5432/db or host=... dbname=...</source>
        <translation>Fügen Sie postgresql://user:password@host:5432/db oder host=... dbname=... ein</translation>
    </message>
    <message>
        <source>&amp;Fill in</source>
        <translation>Aus&amp;füllen</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Host</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>Datenbank</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>empty: ~/.pgpass or PGPASSWORD</source>
        <translation>leer: ~/.pgpass oder PGPASSWORD</translation>
    </message>
    <message>
        <source>Show the password</source>
        <translation>Passwort anzeigen</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Dienst</translation>
    </message>
    <message>
        <source>optional: a name from pg_service.conf</source>
        <translation>optional: ein Name aus pg_service.conf</translation>
    </message>
    <message>
        <source>P&amp;ort:</source>
        <translation>P&amp;ort:</translation>
    </message>
    <message>
        <source>&amp;Host:</source>
        <translation>&amp;Host:</translation>
    </message>
    <message>
        <source>&amp;Database:</source>
        <translation>&amp;Datenbank:</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>B&amp;enutzer:</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>Passwo&amp;rt:</translation>
    </message>
    <message>
        <source>Ser&amp;vice:</source>
        <translation>D&amp;ienst:</translation>
    </message>
    <message>
        <source>SSL mode</source>
        <translation>SSL-Modus</translation>
    </message>
    <message>
        <source>(default: prefer)</source>
        <translation>(Standard: prefer)</translation>
    </message>
    <message>
        <source>SSL root certificate</source>
        <translation>SSL-Root-Zertifikat</translation>
    </message>
    <message>
        <source>optional: CA certificate file for verify-ca / verify-full</source>
        <translation>optional: CA-Zertifikatsdatei für verify-ca / verify-full</translation>
    </message>
    <message>
        <source>Channel binding</source>
        <translation>Channel Binding</translation>
    </message>
    <message>
        <source>Root &amp;certificate:</source>
        <translation>Root-Zertifi&amp;kat:</translation>
    </message>
    <message>
        <source>Filled in from the connection string.</source>
        <translation>Aus dem Verbindungsstring ausgefüllt.</translation>
    </message>
    <message>
        <source>Kept without a field of their own: %1.</source>
        <translation>Ohne eigenes Feld behalten: %1.</translation>
    </message>
    <message>
        <source>PGHOST: %1</source>
        <translation>PGHOST: %1</translation>
    </message>
    <message>
        <source>Root certificate</source>
        <translation>Root-Zertifikat</translation>
    </message>
    <message>
        <source>Certificates (*.crt *.pem *.cer);;All files (*)</source>
        <translation>Zertifikate (*.crt *.pem *.cer);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Connection str&amp;ing:</source>
        <translation>&amp;Verbindungsstring:</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>Channel bindin&amp;g:</source>
        <translation>Channel Bindin&amp;g:</translation>
    </message>
    <message>
        <source>SSL mod&amp;e:</source>
        <translation>SSL-Mod&amp;us:</translation>
    </message>
</context>
<context>
    <name>pgshift::widgets::ConnectionTestView</name>
    <message>
        <source>superuser</source>
        <translation>Superuser</translation>
    </message>
    <message>
        <source>replication</source>
        <translation>Replikation</translation>
    </message>
    <message>
        <source>member of rds_replication</source>
        <translation>Mitglied von rds_replication</translation>
    </message>
    <message>
        <source>member of pg_create_subscription</source>
        <translation>Mitglied von pg_create_subscription</translation>
    </message>
    <message>
        <source>bypasses row-level security</source>
        <translation>umgeht Row-Level Security</translation>
    </message>
    <message>
        <source>no special attributes</source>
        <translation>keine besonderen Attribute</translation>
    </message>
    <message>
        <source>Server:</source>
        <translation>Server:</translation>
    </message>
    <message>
        <source>Database:</source>
        <translation>Datenbank:</translation>
    </message>
    <message>
        <source>User:</source>
        <translation>Benutzer:</translation>
    </message>
    <message>
        <source>wal_level:</source>
        <translation>wal_level:</translation>
    </message>
    <message>
        <source>Round trip:</source>
        <translation>Roundtrip:</translation>
    </message>
    <message>
        <source>Server message</source>
        <translation>Servermeldung</translation>
    </message>
    <message>
        <source>Testing the connection…</source>
        <translation>Teste die Verbindung…</translation>
    </message>
    <message>
        <source>The connection failed.</source>
        <translation>Die Verbindung ist fehlgeschlagen.</translation>
    </message>
    <message>
        <source>Connected.</source>
        <translation>Verbunden.</translation>
    </message>
    <message>
        <source>PostgreSQL %1%2</source>
        <translation>PostgreSQL %1%2</translation>
    </message>
    <message>
        <source> (standby, read-only)</source>
        <translation> (Standby, schreibgeschützt)</translation>
    </message>
    <message numerus="yes">
        <source>%1, %2, %n user table(s)</source>
        <translation>
            <numerusform>%1, %2, %n Benutzertabelle</numerusform>
            <numerusform>%1, %2, %n Benutzertabellen</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 ms (connecting took %2 ms)</source>
        <translation>%1 ms (Verbindungsaufbau dauerte %2 ms)</translation>
    </message>
</context>
<context>
    <name>pgshift::widgets::CopyTableModel</name>
    <message>
        <source>Waiting</source>
        <translation>Wartet</translation>
    </message>
    <message>
        <source>Copying</source>
        <translation>Kopiert</translation>
    </message>
    <message>
        <source>Building indexes</source>
        <translation>Baut Indizes</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Kopiert</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>match</source>
        <translation>gleich</translation>
    </message>
    <message>
        <source>MISMATCH</source>
        <translation>ABWEICHUNG</translation>
    </message>
    <message>
        <source>About %1 rows expected</source>
        <translation>Etwa %1 Zeilen erwartet</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>Tabelle</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Rows copied</source>
        <translation>Kopierte Zeilen</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Daten</translation>
    </message>
    <message>
        <source>Source rows</source>
        <translation>Zeilen Quelle</translation>
    </message>
    <message>
        <source>Target rows</source>
        <translation>Zeilen Ziel</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Prüfung</translation>
    </message>
</context>
<context>
    <name>pgshift::widgets::FixDialog</name>
    <message>
        <source>Run fix</source>
        <translation>Korrektur ausführen</translation>
    </message>
    <message>
        <source>Statements to run</source>
        <translation>Auszuführende Anweisungen</translation>
    </message>
    <message>
        <source>SQL that will run</source>
        <translation>SQL, das ausgeführt wird</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>&amp;Ausführen</translation>
    </message>
    <message>
        <source>Exactly this will run:</source>
        <translation>Genau dies wird ausgeführt:</translation>
    </message>
</context>
<context>
    <name>pgshift::widgets::LagChart</name>
    <message>
        <source>Lag (KiB)</source>
        <translation>Lag (KiB)</translation>
    </message>
    <message>
        <source>Lag (seconds)</source>
        <translation>Lag (Sekunden)</translation>
    </message>
    <message>
        <source>Replication lag</source>
        <translation>Replikations-Lag</translation>
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
        <translation>Mindeststufe</translation>
    </message>
    <message>
        <source>Debug and above</source>
        <translation>Debug und höher</translation>
    </message>
    <message>
        <source>Info and above</source>
        <translation>Info und höher</translation>
    </message>
    <message>
        <source>Warnings and errors</source>
        <translation>Warnungen und Fehler</translation>
    </message>
    <message>
        <source>Errors only</source>
        <translation>Nur Fehler</translation>
    </message>
    <message>
        <source>Search the log</source>
        <translation>Im Log suchen</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Kopieren</translation>
    </message>
    <message>
        <source>Copy the lines shown to the clipboard</source>
        <translation>Die angezeigten Zeilen in die Zwischenablage kopieren</translation>
    </message>
    <message>
        <source>C&amp;lear</source>
        <translation>&amp;Leeren</translation>
    </message>
    <message numerus="yes">
        <source>%n line(s)</source>
        <translation>
            <numerusform>%n Zeile</numerusform>
            <numerusform>%n Zeilen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pgshift::widgets::PasswordKeychain</name>
    <message>
        <source>pgshift was built without keychain support.</source>
        <translation>pgshift wurde ohne Schlüsselbund-Unterstützung gebaut.</translation>
    </message>
</context>
<context>
    <name>pgshift::widgets::ProfileBar</name>
    <message>
        <source>Password taken from the system keychain.</source>
        <translation>Passwort aus dem System-Schlüsselbund genommen.</translation>
    </message>
    <message>
        <source>Password saved in the system keychain.</source>
        <translation>Passwort im System-Schlüsselbund gespeichert.</translation>
    </message>
    <message>
        <source>The keychain did not take the password: %1</source>
        <translation>Der Schlüsselbund hat das Passwort nicht angenommen: %1</translation>
    </message>
    <message>
        <source>Saved connection</source>
        <translation>Gespeicherte Verbindung</translation>
    </message>
    <message>
        <source>&amp;Save as…</source>
        <translation>&amp;Speichern unter…</translation>
    </message>
    <message>
        <source>Remember &amp;password in the system keychain</source>
        <translation>&amp;Passwort im System-Schlüsselbund merken</translation>
    </message>
    <message>
        <source>Save connection</source>
        <translation>Verbindung speichern</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>Saved &quot;%1&quot; (without the password).</source>
        <translation>&quot;%1&quot; gespeichert (ohne das Passwort).</translation>
    </message>
    <message>
        <source>Loaded &quot;%1&quot;.</source>
        <translation>&quot;%1&quot; geladen.</translation>
    </message>
    <message>
        <source>Deleted &quot;%1&quot;.</source>
        <translation>&quot;%1&quot; gelöscht.</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>S&amp;aved:</source>
        <translation>Gespei&amp;chert:</translation>
    </message>
</context>
<context>
    <name>pgshift::widgets::RowCountChart</name>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <source>Rows per table: source and target</source>
        <translation>Zeilen pro Tabelle: Quelle und Ziel</translation>
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
        <translation>Zeilen pro Tabelle, größte Differenz zuerst</translation>
    </message>
</context>
<context>
    <name>pgshift::wizard::AboutDialog</name>
    <message>
        <source>About pgshift</source>
        <translation>Über pgshift</translation>
    </message>
    <message>
        <source>Moves a PostgreSQL database to another PostgreSQL server by dump and restore, by logical replication, or with AWS DMS.</source>
        <translation>Verschiebt eine PostgreSQL-Datenbank auf einen anderen PostgreSQL-Server per Dump und Restore, per logischer Replikation oder mit AWS DMS.</translation>
    </message>
    <message>
        <source>&amp;Copy versions</source>
        <translation>Versionen &amp;kopieren</translation>
    </message>
    <message>
        <source>Qt %1 (built with %2)</source>
        <translation>Qt %1 (gebaut mit %2)</translation>
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
        <translation>Verbindungsstring des Ziels</translation>
    </message>
    <message>
        <source>C&amp;opy</source>
        <translation>K&amp;opieren</translation>
    </message>
    <message>
        <source>Re-enable &amp;writes on the source</source>
        <translation>&amp;Schreibzugriffe auf der Quelle wieder zulassen</translation>
    </message>
    <message>
        <source>Lifts pgshift&apos;s write block: for whoever still needs to write to the old primary</source>
        <translation>Hebt die Schreibsperre von pgshift auf: für alle, die noch auf den alten Primary schreiben müssen</translation>
    </message>
    <message>
        <source>Target for the application:</source>
        <translation>Ziel für die Anwendung:</translation>
    </message>
    <message>
        <source>Write downtime: %1 s</source>
        <translation>Schreib-Ausfallzeit: %1 s</translation>
    </message>
    <message>
        <source>Copy complete and every checklist step done. Point the application at the target (its password as before).</source>
        <translation>Kopie abgeschlossen und jeder Schritt der Checkliste erledigt. Richten Sie die Anwendung auf das Ziel aus (Passwort wie bisher).</translation>
    </message>
    <message>
        <source>Cutover complete. Point the application at the target (its password as before).</source>
        <translation>Umstellung abgeschlossen. Richten Sie die Anwendung auf das Ziel aus (Passwort wie bisher).</translation>
    </message>
    <message>
        <source>The source stays read-only for what was blocked, so nothing lands on the old primary.</source>
        <translation>Die Quelle bleibt für das Gesperrte schreibgeschützt, damit nichts auf dem alten Primary landet.</translation>
    </message>
    <message>
        <source>Stopped: %1</source>
        <translation>Angehalten: %1</translation>
    </message>
    <message>
        <source>Writes are allowed again on the source.</source>
        <translation>Schreibzugriffe auf die Quelle sind wieder erlaubt.</translation>
    </message>
    <message>
        <source>Writes are allowed again on the source; replication is still running. Fix the cause and run the cutover again.</source>
        <translation>Schreibzugriffe auf die Quelle sind wieder erlaubt; die Replikation läuft weiter. Beheben Sie die Ursache und führen Sie die Umstellung erneut aus.</translation>
    </message>
    <message>
        <source>Re-enabling writes failed: %1</source>
        <translation>Wiederzulassen der Schreibzugriffe fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Re-enable writes</source>
        <translation>Schreibzugriffe wieder zulassen</translation>
    </message>
    <message>
        <source>Then stop and delete the DMS task and its endpoints (section 4 of aws-commands.sh).</source>
        <translation>Stoppen und löschen Sie dann den DMS-Task und seine Endpunkte (Abschnitt 4 von aws-commands.sh).</translation>
    </message>
</context>
<context>
    <name>pgshift::wizard::ChecklistTable</name>
    <message>
        <source>Checklist</source>
        <translation>Checkliste</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
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
        <translation>Quelldatenbank</translation>
    </message>
    <message>
        <source>Target database</source>
        <translation>Zieldatenbank</translation>
    </message>
    <message>
        <source>The database to migrate from. pgshift only reads from it until cutover.</source>
        <translation>Die Datenbank, von der migriert wird. pgshift liest bis zur Umstellung nur aus ihr.</translation>
    </message>
    <message>
        <source>The database to migrate to, for example on PlanetScale Postgres. It should be empty.</source>
        <translation>Die Datenbank, auf die migriert wird, zum Beispiel auf PlanetScale Postgres. Sie sollte leer sein.</translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation>Verbindung &amp;testen</translation>
    </message>
    <message numerus="yes">
        <source>and %n more schema(s)</source>
        <translation>
            <numerusform>und %n weiteres Schema</numerusform>
            <numerusform>und %n weitere Schemas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The target database already holds %n user table(s), in: %1. pgshift never drops existing objects; tables with the same names as the source&apos;s will make the copy fail.</source>
        <translation>
            <numerusform>Die Zieldatenbank enthält bereits %n Benutzertabelle, in: %1. pgshift entfernt niemals vorhandene Objekte; Tabellen mit denselben Namen wie die der Quelle lassen die Kopie scheitern.</numerusform>
            <numerusform>Die Zieldatenbank enthält bereits %n Benutzertabellen, in: %1. pgshift entfernt niemals vorhandene Objekte; Tabellen mit denselben Namen wie die der Quelle lassen die Kopie scheitern.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pgshift::wizard::CutoverPage</name>
    <message>
        <source>Cutover</source>
        <translation>Umstellung</translation>
    </message>
    <message>
        <source>Stop writes on the source, let the target catch up, move the sequences ahead, prove every row is there, end replication, switch. The first failing step stops it and re-enables writes.</source>
        <translation>Schreibzugriffe auf die Quelle stoppen, das Ziel aufholen lassen, die Sequenzen vorrücken, beweisen, dass jede Zeile da ist, die Replikation beenden, umschalten. Der erste fehlschlagende Schritt hält an und lässt Schreibzugriffe wieder zu.</translation>
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
        <translation>Umstellung &amp;ausführen</translation>
    </message>
    <message>
        <source>Ca&amp;ncel</source>
        <translation>Abbre&amp;chen</translation>
    </message>
    <message>
        <source>Catch-up timeout:</source>
        <translation>Timeout für das Aufholen:</translation>
    </message>
    <message>
        <source>Sequence margin:</source>
        <translation>Sequenz-Vorsprung:</translation>
    </message>
    <message>
        <source>Lag at most:</source>
        <translation>Lag höchstens:</translation>
    </message>
    <message>
        <source>No logical replication runs in this session: start or resume one first.</source>
        <translation>In dieser Sitzung läuft keine logische Replikation: starten oder setzen Sie zuerst eine fort.</translation>
    </message>
    <message>
        <source>Run cutover</source>
        <translation>Umstellung ausführen</translation>
    </message>
    <message>
        <source>Cancelling: writes are re-enabled on the source…</source>
        <translation>Breche ab: Schreibzugriffe auf die Quelle werden wieder zugelassen…</translation>
    </message>
    <message>
        <source>Reading the source&apos;s sessions…</source>
        <translation>Lese die Sitzungen der Quelle…</translation>
    </message>
    <message>
        <source>Checksums</source>
        <translation>Prüfsummen</translation>
    </message>
    <message>
        <source>Validate with a checksum of every table&apos;s rows as well as exact row counts: catches changed values, reads every row on both servers</source>
        <translation>Zusätzlich zu den exakten Zeilenzahlen mit einer Prüfsumme über alle Zeilen jeder Tabelle validieren: erkennt geänderte Werte, liest jede Zeile auf beiden Servern</translation>
    </message>
    <message>
        <source>Cut over now?</source>
        <translation>Jetzt umstellen?</translation>
    </message>
    <message>
        <source>The DMS page has not prepared the target in this session.</source>
        <translation>Die DMS-Seite hat das Ziel in dieser Sitzung nicht vorbereitet.</translation>
    </message>
    <message>
        <source>Stop writes on the source, wait until DMS confirms the last change, add the foreign keys held back for the load, move the sequences ahead, prove every row is there, switch. The first failing step stops it and re-enables writes.</source>
        <translation>Schreibzugriffe auf die Quelle stoppen, warten, bis DMS die letzte Änderung bestätigt, die für das Laden zurückgehaltenen Fremdschlüssel hinzufügen, die Sequenzen vorrücken, beweisen, dass jede Zeile da ist, umschalten. Der erste fehlschlagende Schritt hält an und lässt Schreibzugriffe wieder zu.</translation>
    </message>
</context>
<context>
    <name>pgshift::wizard::DmsPage</name>
    <message>
        <source>AWS DMS, schema first</source>
        <translation>AWS DMS, Schema zuerst</translation>
    </message>
    <message>
        <source>pgshift creates the schema on the target with its foreign keys held back and writes what DMS needs. You run the task in AWS with your own credentials; pgshift watches both databases and finishes what DMS leaves undone.</source>
        <translation>pgshift legt das Schema auf dem Ziel an, die Fremdschlüssel zurückgehalten, und schreibt, was DMS braucht. Sie führen den Task in AWS mit Ihren eigenen Zugangsdaten aus; pgshift beobachtet beide Datenbanken und erledigt, was DMS offen lässt.</translation>
    </message>
    <message>
        <source>Replicate ongoing changes after the full load (CDC, through the slot)</source>
        <translation>Laufende Änderungen nach dem Full Load replizieren (CDC, über den Slot)</translation>
    </message>
    <message>
        <source>Full: every value whole, in pieces</source>
        <translation>Full: jeder Wert ganz, in Stücken</translation>
    </message>
    <message>
        <source>Limited: values over the size are cut</source>
        <translation>Limited: Werte über der Größe werden abgeschnitten</translation>
    </message>
    <message>
        <source> KB</source>
        <translation> KB</translation>
    </message>
    <message>
        <source>Row-level validation by DMS</source>
        <translation>Validierung auf Zeilenebene durch DMS</translation>
    </message>
    <message>
        <source>&amp;Prepare: create the schema, write the files</source>
        <translation>&amp;Vorbereiten: Schema anlegen, Dateien schreiben</translation>
    </message>
    <message>
        <source>Nothing done yet: Prepare writes to the target (its schema) and to the folder.</source>
        <translation>Noch nichts getan: Vorbereiten schreibt auf das Ziel (sein Schema) und in den Ordner.</translation>
    </message>
    <message>
        <source>&amp;Task identifier:</source>
        <translation>&amp;Task-Bezeichner:</translation>
    </message>
    <message>
        <source>&amp;Slot on the source:</source>
        <translation>&amp;Slot auf der Quelle:</translation>
    </message>
    <message>
        <source>Tables loaded &amp;at a time:</source>
        <translation>Gleichzeitig gel&amp;adene Tabellen:</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Task</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>Zeilen</translation>
    </message>
    <message>
        <source>Slot lag</source>
        <translation>Slot-Lag</translation>
    </message>
    <message>
        <source>Folder for the DMS files</source>
        <translation>Ordner für die DMS-Dateien</translation>
    </message>
    <message>
        <source>The piece size DMS moves large values in</source>
        <translation>Die Stückgröße, in der DMS große Werte bewegt</translation>
    </message>
    <message>
        <source>Values over this size are cut</source>
        <translation>Werte über dieser Größe werden abgeschnitten</translation>
    </message>
    <message>
        <source>Creating the schema on the target, foreign keys held back…</source>
        <translation>Lege das Schema auf dem Ziel an, Fremdschlüssel zurückgehalten…</translation>
    </message>
    <message>
        <source>Not prepared: %1</source>
        <translation>Nicht vorbereitet: %1</translation>
    </message>
    <message numerus="yes">
        <source>The schema copy created %n object(s) on the target before it stopped; drop them before trying again.</source>
        <translation>
            <numerusform>Die Schemakopie hat %n Objekt auf dem Ziel angelegt, bevor sie anhielt; entfernen Sie es, bevor Sie es erneut versuchen.</numerusform>
            <numerusform>Die Schemakopie hat %n Objekte auf dem Ziel angelegt, bevor sie anhielt; entfernen Sie sie, bevor Sie es erneut versuchen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Schema created on the target; %n table(s) in the mapping. </source>
        <translation>
            <numerusform>Schema auf dem Ziel angelegt; %n Tabelle im Mapping. </numerusform>
            <numerusform>Schema auf dem Ziel angelegt; %n Tabellen im Mapping. </numerusform>
        </translation>
    </message>
    <message>
        <source>No foreign key to hold back.</source>
        <translation>Kein Fremdschlüssel zurückzuhalten.</translation>
    </message>
    <message>
        <source>Held back until the cutover: %1.</source>
        <translation>Bis zur Umstellung zurückgehalten: %1.</translation>
    </message>
    <message>
        <source>Files in %1. Run the commands of aws-commands.sh; once the full load is done, go on.</source>
        <translation>Dateien in %1. Führen Sie die Befehle aus aws-commands.sh aus; wenn der Full Load fertig ist, machen Sie weiter.</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Kopieren</translation>
    </message>
    <message>
        <source>Could not read the servers: %1</source>
        <translation>Die Server konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>live rows from statistics</source>
        <translation>Live-Zeilen aus der Statistik</translation>
    </message>
    <message>
        <source>Full load only: no slot to watch.</source>
        <translation>Nur Full Load: kein Slot zu beobachten.</translation>
    </message>
    <message>
        <source>No slot %1 on the source yet: DMS creates it when the task starts.</source>
        <translation>Noch kein Slot %1 auf der Quelle: DMS legt ihn an, wenn der Task startet.</translation>
    </message>
    <message>
        <source>Slot %1 on the source, %2: DMS has not confirmed %3 bytes of WAL.</source>
        <translation>Slot %1 auf der Quelle, %2: DMS hat %3 Bytes WAL noch nicht bestätigt.</translation>
    </message>
    <message>
        <source>in use</source>
        <translation>in Benutzung</translation>
    </message>
    <message>
        <source>idle (no DMS task reading it)</source>
        <translation>untätig (kein DMS-Task liest ihn)</translation>
    </message>
    <message>
        <source>Large values (LOB mode):</source>
        <translation>Große Werte (LOB-Modus):</translation>
    </message>
    <message>
        <source>Folder for the files:</source>
        <translation>Ordner für die Dateien:</translation>
    </message>
    <message>
        <source>all; or schemas, comma-separated: sales, &quot;Archive 2024&quot;</source>
        <translation>alle; oder Schemas, durch Kommas getrennt: sales, &quot;Archive 2024&quot;</translation>
    </message>
    <message>
        <source>all; or tables: orders, sales.&quot;Order Items&quot; (partitions come with their table)</source>
        <translation>alle; oder Tabellen: orders, sales.&quot;Order Items&quot; (Partitionen kommen mit ihrer Tabelle)</translation>
    </message>
    <message>
        <source>Schemas and tables:</source>
        <translation>Schemas und Tabellen:</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
</context>
<context>
    <name>pgshift::wizard::DumpRestorePage</name>
    <message>
        <source>Dump and restore</source>
        <translation>Dump und Restore</translation>
    </message>
    <message>
        <source>What and how</source>
        <translation>Was und wie</translation>
    </message>
    <message>
        <source>Stream: rows go straight from server to server (fastest)</source>
        <translation>Stream: Zeilen gehen direkt von Server zu Server (am schnellsten)</translation>
    </message>
    <message>
        <source>pg_dump archive: keeps a pg_dump -Fd folder for audit or a later restore</source>
        <translation>pg_dump-Archiv: behält einen pg_dump -Fd-Ordner für Prüfung oder ein späteres Restore</translation>
    </message>
    <message>
        <source>A new or empty folder</source>
        <translation>Ein neuer oder leerer Ordner</translation>
    </message>
    <message>
        <source>Tables copied and indexes built at once. Each worker holds a session on both servers.</source>
        <translation>Gleichzeitig kopierte Tabellen und gebaute Indizes. Jeder Worker hält eine Sitzung auf beiden Servern.</translation>
    </message>
    <message>
        <source>The &amp;whole database</source>
        <translation>Die &amp;ganze Datenbank</translation>
    </message>
    <message>
        <source>&amp;Only:</source>
        <translation>&amp;Nur:</translation>
    </message>
    <message>
        <source>schemas, comma-separated: sales, &quot;Archive 2024&quot;</source>
        <translation>Schemas, durch Kommas getrennt: sales, &quot;Archive 2024&quot;</translation>
    </message>
    <message>
        <source>tables: public.orders, &quot;Sales&quot;.&quot;Customers&quot;</source>
        <translation>Tabellen: public.orders, &quot;Sales&quot;.&quot;Customers&quot;</translation>
    </message>
    <message>
        <source>&amp;Start copy</source>
        <translation>Kopie &amp;starten</translation>
    </message>
    <message>
        <source>&amp;Engine:</source>
        <translation>&amp;Engine:</translation>
    </message>
    <message>
        <source>&amp;Archive folder:</source>
        <translation>&amp;Archivordner:</translation>
    </message>
    <message>
        <source>Copy:</source>
        <translation>Kopie:</translation>
    </message>
    <message>
        <source>&amp;Parallel workers:</source>
        <translation>&amp;Parallele Worker:</translation>
    </message>
    <message>
        <source>Not started.</source>
        <translation>Nicht gestartet.</translation>
    </message>
    <message>
        <source>&amp;Cancel copy</source>
        <translation>Kopie a&amp;bbrechen</translation>
    </message>
    <message>
        <source>&amp;Review and drop…</source>
        <translation>Prüfen und ent&amp;fernen…</translation>
    </message>
    <message>
        <source>Shows the exact SQL first</source>
        <translation>Zeigt zuerst das genaue SQL</translation>
    </message>
    <message>
        <source>Folder for the archive</source>
        <translation>Ordner für das Archiv</translation>
    </message>
    <message>
        <source>Choose a folder for the archive.</source>
        <translation>Wählen Sie einen Ordner für das Archiv.</translation>
    </message>
    <message>
        <source>The archive folder must be new or empty.</source>
        <translation>Der Archivordner muss neu oder leer sein.</translation>
    </message>
    <message>
        <source>Name at least one schema or table.</source>
        <translation>Nennen Sie mindestens ein Schema oder eine Tabelle.</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Breche ab…</translation>
    </message>
    <message>
        <source>%1 of %2 tables done</source>
        <translation>%1 von %2 Tabellen fertig</translation>
    </message>
    <message>
        <source>%1 copied</source>
        <translation>%1 kopiert</translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation>%1/s</translation>
    </message>
    <message>
        <source>about %1 left</source>
        <translation>noch etwa %1</translation>
    </message>
    <message>
        <source>estimating time left</source>
        <translation>schätze die Restzeit</translation>
    </message>
    <message>
        <source>%1 elapsed</source>
        <translation>%1 vergangen</translation>
    </message>
    <message>
        <source>Copied %1 (%2 rows, %3), %4 and %5 in %6. Every table&apos;s row count matches on both sides.</source>
        <translation>%1 kopiert (%2 Zeilen, %3), %4 und %5 in %6. Die Zeilenzahl jeder Tabelle stimmt auf beiden Seiten überein.</translation>
    </message>
    <message numerus="yes">
        <source>%n table(s)</source>
        <translation>
            <numerusform>%n Tabelle</numerusform>
            <numerusform>%n Tabellen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n sequence(s)</source>
        <translation>
            <numerusform>%n Sequenz</numerusform>
            <numerusform>%n Sequenzen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n large object(s)</source>
        <translation>
            <numerusform>%n Large Object</numerusform>
            <numerusform>%n Large Objects</numerusform>
        </translation>
    </message>
    <message>
        <source>The archive is in %1.</source>
        <translation>Das Archiv liegt in %1.</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <source>Cancelled: the copy did NOT complete.</source>
        <translation>Abgebrochen: die Kopie wurde NICHT abgeschlossen.</translation>
    </message>
    <message>
        <source>The copy did NOT complete:</source>
        <translation>Die Kopie wurde NICHT abgeschlossen:</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Drop what the copy left on the target</source>
        <translation>Entfernen, was die Kopie auf dem Ziel hinterlassen hat</translation>
    </message>
    <message>
        <source>This SQL runs on %1 in one transaction: all of it or nothing.</source>
        <translation>Dieses SQL läuft auf %1 in einer Transaktion: alles oder nichts.</translation>
    </message>
    <message>
        <source>&amp;Drop on target</source>
        <translation>Auf dem Ziel &amp;entfernen</translation>
    </message>
    <message>
        <source>&amp;Copy SQL</source>
        <translation>SQL &amp;kopieren</translation>
    </message>
    <message>
        <source>Dropping…</source>
        <translation>Entferne…</translation>
    </message>
    <message>
        <source>What the copy left on the target was dropped.</source>
        <translation>Was die Kopie auf dem Ziel hinterlassen hat, wurde entfernt.</translation>
    </message>
    <message>
        <source>Cleaned up</source>
        <translation>Aufgeräumt</translation>
    </message>
    <message>
        <source>Drop failed</source>
        <translation>Entfernen fehlgeschlagen</translation>
    </message>
    <message>
        <source>Nothing was dropped: %1</source>
        <translation>Nichts wurde entfernt: %1</translation>
    </message>
    <message>
        <source>Cleanup failed</source>
        <translation>Aufräumen fehlgeschlagen</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message numerus="yes">
        <source>It left %n object(s) on the target: %1.</source>
        <translation>
            <numerusform>Sie hat %n Objekt auf dem Ziel hinterlassen: %1.</numerusform>
            <numerusform>Sie hat %n Objekte auf dem Ziel hinterlassen: %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Copies the schema and the data from one consistent snapshot of the source, then checks every table&apos;s row count on both sides. Stop writes to the source first, or let pgshift stop them and run the short cutover checklist around the copy.</source>
        <translation>Kopiert das Schema und die Daten aus einem konsistenten Snapshot der Quelle und prüft dann die Zeilenzahl jeder Tabelle auf beiden Seiten. Stoppen Sie zuerst die Schreibzugriffe auf die Quelle, oder lassen Sie pgshift sie stoppen und die kurze Umstellungs-Checkliste um die Kopie herum ausführen.</translation>
    </message>
    <message>
        <source>After the copy, every target sequence is set this many increments ahead of the source</source>
        <translation>Nach der Kopie wird jede Zielsequenz so viele Inkremente vor die Quelle gesetzt</translation>
    </message>
    <message>
        <source>Validate with checksums too (reads every row on both servers)</source>
        <translation>Auch mit Prüfsummen validieren (liest jede Zeile auf beiden Servern)</translation>
    </message>
    <message>
        <source>Writes on the source:</source>
        <translation>Schreibzugriffe auf die Quelle:</translation>
    </message>
    <message>
        <source>&amp;Tables</source>
        <translation>&amp;Tabellen</translation>
    </message>
    <message>
        <source>Check&amp;list</source>
        <translation>&amp;Checkliste</translation>
    </message>
    <message>
        <source>Start copy</source>
        <translation>Kopie starten</translation>
    </message>
    <message>
        <source>Copy now?</source>
        <translation>Jetzt kopieren?</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>Se&amp;quence margin:</source>
        <translation>Sequenz-&amp;Vorsprung:</translation>
    </message>
</context>
<context>
    <name>pgshift::wizard::MethodPage</name>
    <message>
        <source>Migration method</source>
        <translation>Migrationsmethode</translation>
    </message>
    <message>
        <source>How to move the data. The next page checks the prerequisites of the method you choose.</source>
        <translation>Wie die Daten bewegt werden. Die nächste Seite prüft die Voraussetzungen der gewählten Methode.</translation>
    </message>
    <message>
        <source>&amp;Dump and restore</source>
        <translation>&amp;Dump und Restore</translation>
    </message>
    <message>
        <source>Writes must stop for the whole copy. Simple and robust; everything is copied, large objects and sequences included. Best when a maintenance window of the copy&apos;s length is acceptable.</source>
        <translation>Schreibzugriffe müssen für die ganze Kopie stoppen. Einfach und robust; alles wird kopiert, Large Objects und Sequenzen eingeschlossen. Am besten, wenn ein Wartungsfenster von der Länge der Kopie annehmbar ist.</translation>
    </message>
    <message>
        <source>AWS Database Migration Service moves the rows; pgshift prepares the schema and the task files and afterwards adds constraints, sequences and validation. For teams already running DMS.</source>
        <translation>AWS Database Migration Service bewegt die Zeilen; pgshift bereitet das Schema und die Task-Dateien vor und fügt danach Constraints, Sequenzen und Validierung hinzu. Für Teams, die DMS bereits einsetzen.</translation>
    </message>
    <message>
        <source>The source database takes %1 and has wal_level = %2: dump and restore works as it is; logical replication first needs wal_level = logical (a restart).</source>
        <translation>Die Quelldatenbank belegt %1 und hat wal_level = %2: Dump und Restore funktioniert so, wie sie ist; logische Replikation braucht zuerst wal_level = logical (ein Neustart).</translation>
    </message>
    <message>
        <source>The source database takes %1: copying it takes a while, so logical replication keeps the downtime to seconds.</source>
        <translation>Die Quelldatenbank belegt %1: sie zu kopieren dauert eine Weile, logische Replikation hält die Ausfallzeit also bei Sekunden.</translation>
    </message>
    <message>
        <source>The source database takes %1. Dump and restore is simplest if the copy&apos;s duration is an acceptable downtime; otherwise use logical replication.</source>
        <translation>Die Quelldatenbank belegt %1. Dump und Restore ist am einfachsten, wenn die Dauer der Kopie als Ausfallzeit annehmbar ist; sonst verwenden Sie logische Replikation.</translation>
    </message>
    <message>
        <source>The source stays online; writes stop only for seconds at cutover. Needs wal_level = logical, replication rights and a key on every table. Sequences, large objects and materialized views are handled at cutover; schema changes (DDL) are not replicated, so make none until it is done.</source>
        <translation>Die Quelle bleibt online; Schreibzugriffe stoppen bei der Umstellung nur für Sekunden. Braucht wal_level = logical, Replikationsrechte und einen Schlüssel auf jeder Tabelle. Sequenzen, Large Objects und materialisierte Sichten werden bei der Umstellung behandelt; Schemaänderungen (DDL) werden nicht repliziert, machen Sie also keine, bis sie fertig ist.</translation>
    </message>
    <message>
        <source>Logical re&amp;plication</source>
        <translation>Logische Re&amp;plikation</translation>
    </message>
    <message>
        <source>AWS DM&amp;S assisted</source>
        <translation>AWS DM&amp;S-gestützt</translation>
    </message>
</context>
<context>
    <name>pgshift::wizard::MigrationWizard</name>
    <message>
        <source>pgshift: PostgreSQL migration</source>
        <translation>pgshift: PostgreSQL-Migration</translation>
    </message>
    <message>
        <source>pgshift log</source>
        <translation>pgshift-Log</translation>
    </message>
    <message>
        <source>&amp;Log</source>
        <translation>&amp;Log</translation>
    </message>
    <message>
        <source>Show what pgshift did and every SQL statement it ran</source>
        <translation>Zeigt, was pgshift getan hat, und jede SQL-Anweisung, die es ausgeführt hat</translation>
    </message>
    <message>
        <source>Copy in progress</source>
        <translation>Kopie läuft</translation>
    </message>
    <message>
        <source>A copy is running. Cancel it and close pgshift? The target keeps what was created so far; the list and the SQL that drops it are in the log.</source>
        <translation>Eine Kopie läuft. Abbrechen und pgshift schließen? Das Ziel behält, was bisher angelegt wurde; die Liste und das SQL, das es entfernt, stehen im Log.</translation>
    </message>
    <message>
        <source>Replication running</source>
        <translation>Replikation läuft</translation>
    </message>
    <message>
        <source>The target keeps following the source after pgshift closes, and the source keeps WAL for it. Close pgshift? At its next start it offers to resume monitoring or to clean up.</source>
        <translation>Das Ziel folgt der Quelle weiter, nachdem pgshift geschlossen ist, und die Quelle hält WAL dafür. pgshift schließen? Beim nächsten Start bietet es an, die Überwachung fortzusetzen oder aufzuräumen.</translation>
    </message>
    <message>
        <source>Cutover in progress</source>
        <translation>Umstellung läuft</translation>
    </message>
    <message>
        <source>A cutover is running. Cancel it (writes are re-enabled on the source, replication keeps running) and close pgshift?</source>
        <translation>Eine Umstellung läuft. Abbrechen (Schreibzugriffe auf die Quelle werden wieder zugelassen, die Replikation läuft weiter) und pgshift schließen?</translation>
    </message>
    <message>
        <source>Replication lag over time</source>
        <translation>Replikations-Lag im Zeitverlauf</translation>
    </message>
    <message>
        <source>Sandbox</source>
        <translation>Sandbox</translation>
    </message>
    <message>
        <source>The sandbox did not start: %1</source>
        <translation>Die Sandbox ist nicht gestartet: %1</translation>
    </message>
    <message>
        <source>&amp;More</source>
        <translation>&amp;Mehr</translation>
    </message>
    <message>
        <source>&amp;About pgshift…</source>
        <translation>Über &amp;pgshift…</translation>
    </message>
    <message>
        <source>Open &amp;log folder</source>
        <translation>&amp;Log-Ordner öffnen</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <source>System (%1)</source>
        <translation>System (%1)</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>pgshift will speak %1 from its next start. (pgshift --lang CODE chooses for one run.)</source>
        <translation>pgshift spricht ab dem nächsten Start %1. (pgshift --lang CODE wählt für einen Lauf.)</translation>
    </message>
    <message>
        <source>the system&apos;s language</source>
        <translation>die Sprache des Systems</translation>
    </message>
</context>
<context>
    <name>pgshift::wizard::PreflightPage</name>
    <message>
        <source>Prerequisites</source>
        <translation>Voraussetzungen</translation>
    </message>
    <message>
        <source>Everything the chosen method needs, checked on both servers. Nothing is changed unless you run a fix.</source>
        <translation>Alles, was die gewählte Methode braucht, auf beiden Servern geprüft. Nichts wird geändert, außer Sie führen eine Korrektur aus.</translation>
    </message>
    <message>
        <source>&amp;Re-run checks</source>
        <translation>Prüfungen wieder&amp;holen</translation>
    </message>
    <message>
        <source>&amp;Copy fix SQL</source>
        <translation>Korrektur-SQL &amp;kopieren</translation>
    </message>
    <message>
        <source>R&amp;un fix…</source>
        <translation>Korrektur a&amp;usführen…</translation>
    </message>
    <message>
        <source>Only for fixes that are safe to run from here; you see the SQL first.</source>
        <translation>Nur für Korrekturen, die sicher von hier ausgeführt werden können; Sie sehen zuerst das SQL.</translation>
    </message>
    <message>
        <source>&amp;Export report…</source>
        <translation>Bericht &amp;exportieren…</translation>
    </message>
    <message>
        <source>I have read the &amp;warnings</source>
        <translation>Ich habe die Warnungen &amp;gelesen</translation>
    </message>
    <message>
        <source>Checking the %1 prerequisites on both servers…</source>
        <translation>Prüfe die Voraussetzungen für %1 auf beiden Servern…</translation>
    </message>
    <message>
        <source>The checks could not run: %1</source>
        <translation>Die Prüfungen konnten nicht laufen: %1</translation>
    </message>
    <message>
        <source>Fix the blockers, then re-run the checks.</source>
        <translation>Beheben Sie die Blocker, dann wiederholen Sie die Prüfungen.</translation>
    </message>
    <message>
        <source>Running the fix…</source>
        <translation>Führe die Korrektur aus…</translation>
    </message>
    <message>
        <source>The fix failed and was rolled back: %1</source>
        <translation>Die Korrektur ist fehlgeschlagen und wurde zurückgerollt: %1</translation>
    </message>
    <message>
        <source>There is no report yet.</source>
        <translation>Es gibt noch keinen Bericht.</translation>
    </message>
    <message>
        <source>Export the preflight report</source>
        <translation>Den Voraussetzungsbericht exportieren</translation>
    </message>
    <message>
        <source>Markdown (*.md);;HTML (*.html);;JSON (*.json)</source>
        <translation>Markdown (*.md);;HTML (*.html);;JSON (*.json)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Export fehlgeschlagen</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>%1 konnte nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Run these statements on the source, in one transaction? Untick any you do not want.</source>
        <translation>Diese Anweisungen auf der Quelle in einer Transaktion ausführen? Entfernen Sie den Haken bei allen, die Sie nicht wollen.</translation>
    </message>
    <message>
        <source>Run these statements on the target, in one transaction? Untick any you do not want.</source>
        <translation>Diese Anweisungen auf dem Ziel in einer Transaktion ausführen? Entfernen Sie den Haken bei allen, die Sie nicht wollen.</translation>
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
        <translation>Logische Replikation</translation>
    </message>
    <message>
        <source>The target copies every table while the source stays online, then follows its changes until you cut over. Nothing runs before you press Start; here is exactly what will.</source>
        <translation>Das Ziel kopiert jede Tabelle, während die Quelle online bleibt, und folgt dann ihren Änderungen, bis Sie umstellen. Nichts läuft, bevor Sie Start drücken; hier steht genau, was laufen wird.</translation>
    </message>
    <message>
        <source>The subscription keeps the source&apos;s password on the target (in pg_subscription) until cleanup drops it; a dedicated role with only REPLICATION and SELECT limits what it can do.</source>
        <translation>Die Subscription bewahrt das Passwort der Quelle auf dem Ziel auf (in pg_subscription), bis das Aufräumen sie entfernt; eine eigene Rolle mit nur REPLICATION und SELECT begrenzt, was damit möglich ist.</translation>
    </message>
    <message>
        <source>Build secondary indexes after the initial copy (faster copy)</source>
        <translation>Sekundärindizes nach der initialen Kopie bauen (schnellere Kopie)</translation>
    </message>
    <message>
        <source> KiB</source>
        <translation> KiB</translation>
    </message>
    <message>
        <source>Cutover is offered once the lag is at most this</source>
        <translation>Die Umstellung wird angeboten, sobald der Lag höchstens so groß ist</translation>
    </message>
    <message>
        <source>&amp;Start replication</source>
        <translation>Replikation &amp;starten</translation>
    </message>
    <message>
        <source>Drops the subscription, its slot and the publication; the copied data stays</source>
        <translation>Entfernt die Subscription, ihren Slot und die Publication; die kopierten Daten bleiben</translation>
    </message>
    <message>
        <source>Not started.</source>
        <translation>Nicht gestartet.</translation>
    </message>
    <message>
        <source>%v of %m tables ready</source>
        <translation>%v von %m Tabellen bereit</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>Tabelle</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>&amp;Pause chart</source>
        <translation>Diagramm &amp;anhalten</translation>
    </message>
    <message>
        <source>Workers:</source>
        <translation>Worker:</translation>
    </message>
    <message>
        <source>Ready when lag ≤</source>
        <translation>Bereit bei Lag ≤</translation>
    </message>
    <message>
        <source>Export lag samples</source>
        <translation>Lag-Messwerte exportieren</translation>
    </message>
    <message>
        <source>Export the lag chart</source>
        <translation>Das Lag-Diagramm exportieren</translation>
    </message>
    <message>
        <source>Reading both servers…</source>
        <translation>Lese beide Server…</translation>
    </message>
    <message>
        <source>Cannot prepare the steps: %1</source>
        <translation>Die Schritte können nicht vorbereitet werden: %1</translation>
    </message>
    <message>
        <source>Copying the schema and subscribing…</source>
        <translation>Kopiere das Schema und abonniere…</translation>
    </message>
    <message>
        <source>Replication was not started.</source>
        <translation>Die Replikation wurde nicht gestartet.</translation>
    </message>
    <message>
        <source>Source disconnected: %1</source>
        <translation>Quelle getrennt: %1</translation>
    </message>
    <message>
        <source>Target disconnected: %1</source>
        <translation>Ziel getrennt: %1</translation>
    </message>
    <message>
        <source>Lag %1, %2 s</source>
        <translation>Lag %1, %2 s</translation>
    </message>
    <message>
        <source>WAL kept on the source: %1</source>
        <translation>Auf der Quelle gehaltenes WAL: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n table(s) copying now</source>
        <translation>
            <numerusform>%n Tabelle wird gerade kopiert</numerusform>
            <numerusform>%n Tabellen werden gerade kopiert</numerusform>
        </translation>
    </message>
    <message>
        <source>Errors: %1 apply, %2 initial copy (see the target&apos;s log)</source>
        <translation>Fehler: %1 beim Anwenden, %2 bei der initialen Kopie (siehe das Log des Ziels)</translation>
    </message>
    <message numerus="yes">
        <source>%n secondary index(es) to build</source>
        <translation>
            <numerusform>%n Sekundärindex zu bauen</numerusform>
            <numerusform>%n Sekundärindizes zu bauen</numerusform>
        </translation>
    </message>
    <message>
        <source>READY for cutover</source>
        <translation>BEREIT für die Umstellung</translation>
    </message>
    <message>
        <source>Disconnected since %1</source>
        <translation>Getrennt seit %1</translation>
    </message>
    <message>
        <source>Initial copy</source>
        <translation>Initiale Kopie</translation>
    </message>
    <message>
        <source>Building indexes</source>
        <translation>Baut Indizes</translation>
    </message>
    <message>
        <source>Catching up</source>
        <translation>Holt auf</translation>
    </message>
    <message>
        <source>Index builds failed</source>
        <translation>Index-Builds fehlgeschlagen</translation>
    </message>
    <message>
        <source>Clean up replication</source>
        <translation>Replikation aufräumen</translation>
    </message>
    <message>
        <source>Drop subscription %1 on the target (and its slot %2 on the source) and publication %3 on the source? The data copied so far stays on the target; changes stop flowing.</source>
        <translation>Subscription %1 auf dem Ziel (und ihren Slot %2 auf der Quelle) und Publication %3 auf der Quelle entfernen? Die bisher kopierten Daten bleiben auf dem Ziel; Änderungen fließen nicht mehr.</translation>
    </message>
    <message>
        <source>Cleaning up…</source>
        <translation>Räume auf…</translation>
    </message>
    <message>
        <source>Cleaned up</source>
        <translation>Aufgeräumt</translation>
    </message>
    <message>
        <source>Cleanup incomplete</source>
        <translation>Aufräumen unvollständig</translation>
    </message>
    <message>
        <source>Publication name</source>
        <translation>Name der Publication</translation>
    </message>
    <message>
        <source>Subscription name</source>
        <translation>Name der Subscription</translation>
    </message>
    <message>
        <source>Replication slot name</source>
        <translation>Name des Replikations-Slots</translation>
    </message>
    <message>
        <source>Source rows</source>
        <translation>Zeilen Quelle</translation>
    </message>
    <message>
        <source>Target rows</source>
        <translation>Zeilen Ziel</translation>
    </message>
    <message>
        <source>Estimate from the source&apos;s statistics</source>
        <translation>Schätzung aus der Statistik der Quelle</translation>
    </message>
    <message>
        <source>Rows copied so far during the initial copy, then the estimate from the target&apos;s statistics</source>
        <translation>Während der initialen Kopie bisher kopierte Zeilen, danach die Schätzung aus der Statistik des Ziels</translation>
    </message>
    <message>
        <source>Publication:</source>
        <translation>Publication:</translation>
    </message>
    <message>
        <source>Subscription:</source>
        <translation>Subscription:</translation>
    </message>
    <message>
        <source>Slot:</source>
        <translation>Slot:</translation>
    </message>
    <message>
        <source>Lag</source>
        <translation>Lag</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>Zeilen</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Breche ab…</translation>
    </message>
    <message>
        <source>Setup cancelled.</source>
        <translation>Einrichtung abgebrochen.</translation>
    </message>
    <message>
        <source>Nothing was published or subscribed.</source>
        <translation>Nichts wurde publiziert oder abonniert.</translation>
    </message>
    <message numerus="yes">
        <source>The setup created %n object(s) on the target before it stopped. Drop them before starting again (the schema copy needs an empty target), with:</source>
        <translation>
            <numerusform>Die Einrichtung hat %n Objekt auf dem Ziel angelegt, bevor sie anhielt. Entfernen Sie es, bevor Sie erneut starten (die Schemakopie braucht ein leeres Ziel), mit:</numerusform>
            <numerusform>Die Einrichtung hat %n Objekte auf dem Ziel angelegt, bevor sie anhielt. Entfernen Sie sie, bevor Sie erneut starten (die Schemakopie braucht ein leeres Ziel), mit:</numerusform>
        </translation>
    </message>
    <message>
        <source>The replication&apos;s state could not be saved (%1): after a restart, clean up with pgshift replicate cleanup.</source>
        <translation>Der Zustand der Replikation konnte nicht gespeichert werden (%1): räumen Sie nach einem Neustart mit pgshift replicate cleanup auf.</translation>
    </message>
    <message>
        <source>Resumed: replication %1 → %2 started %3 (publication %4, subscription %5, slot %6).</source>
        <translation>Fortgesetzt: Replikation %1 → %2, gestartet %3 (Publication %4, Subscription %5, Slot %6).</translation>
    </message>
    <message>
        <source>Reading the replication&apos;s state…</source>
        <translation>Lese den Zustand der Replikation…</translation>
    </message>
    <message>
        <source>&amp;Cancel setup</source>
        <translation>Einrichtung &amp;abbrechen</translation>
    </message>
    <message>
        <source>The steps Start replication runs</source>
        <translation>Die Schritte, die Replikation starten ausführt</translation>
    </message>
    <message>
        <source>Cle&amp;an up…</source>
        <translation>Au&amp;fräumen…</translation>
    </message>
    <message>
        <source>Export &amp;CSV…</source>
        <translation>&amp;CSV exportieren…</translation>
    </message>
    <message>
        <source>E&amp;xport PNG…</source>
        <translation>PNG e&amp;xportieren…</translation>
    </message>
</context>
<context>
    <name>pgshift::wizard::ReplicationRowsPanel</name>
    <message>
        <source>Count &amp;exactly</source>
        <translation>&amp;Exakt zählen</translation>
    </message>
    <message>
        <source>count(*) of every table on both servers, in parallel; reads every row</source>
        <translation>count(*) jeder Tabelle auf beiden Servern, parallel; liest jede Zeile</translation>
    </message>
    <message>
        <source>Live &amp;estimates</source>
        <translation>Live-&amp;Schätzungen</translation>
    </message>
    <message>
        <source>Estimates from the statistics, refreshed every 5 seconds.</source>
        <translation>Schätzungen aus der Statistik, alle 5 Sekunden aktualisiert.</translation>
    </message>
    <message>
        <source>Export CS&amp;V…</source>
        <translation>CS&amp;V exportieren…</translation>
    </message>
    <message>
        <source>Export PN&amp;G…</source>
        <translation>PN&amp;G exportieren…</translation>
    </message>
    <message>
        <source>Export row counts</source>
        <translation>Zeilenzahlen exportieren</translation>
    </message>
    <message>
        <source>Export the row chart</source>
        <translation>Das Zeilendiagramm exportieren</translation>
    </message>
    <message>
        <source>estimates</source>
        <translation>Schätzungen</translation>
    </message>
    <message numerus="yes">
        <source>Counting the rows of %n table(s) on both servers…</source>
        <translation>
            <numerusform>Zähle die Zeilen von %n Tabelle auf beiden Servern…</numerusform>
            <numerusform>Zähle die Zeilen von %n Tabellen auf beiden Servern…</numerusform>
        </translation>
    </message>
    <message>
        <source>exact counts at %1</source>
        <translation>exakte Zählungen um %1</translation>
    </message>
    <message numerus="yes">
        <source>Exact counts at %1, in %2 s: %3 of %n table(s) equal on both sides. Changes still flowing can make a table differ for a moment.</source>
        <translation>
            <numerusform>Exakte Zählungen um %1, in %2 s: %3 von %n Tabelle auf beiden Seiten gleich. Noch fließende Änderungen können eine Tabelle kurz abweichen lassen.</numerusform>
            <numerusform>Exakte Zählungen um %1, in %2 s: %3 von %n Tabellen auf beiden Seiten gleich. Noch fließende Änderungen können eine Tabelle kurz abweichen lassen.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pgshift::wizard::ResumeDialog</name>
    <message>
        <source>Unfinished replication</source>
        <translation>Unfertige Replikation</translation>
    </message>
    <message>
        <source>pgshift started a logical replication on %1 that was not cleaned up. It may still be running: its slot keeps WAL on the source until it is dropped.</source>
        <translation>pgshift hat %1 eine logische Replikation gestartet, die nicht aufgeräumt wurde. Sie läuft vielleicht noch: ihr Slot hält WAL auf der Quelle, bis er entfernt wird.</translation>
    </message>
    <message>
        <source>Source:</source>
        <translation>Quelle:</translation>
    </message>
    <message>
        <source>Target:</source>
        <translation>Ziel:</translation>
    </message>
    <message>
        <source>Objects:</source>
        <translation>Objekte:</translation>
    </message>
    <message>
        <source>publication %1, subscription %2, slot %3</source>
        <translation>Publication %1, Subscription %2, Slot %3</translation>
    </message>
    <message>
        <source>Scope:</source>
        <translation>Umfang:</translation>
    </message>
    <message>
        <source>empty: .pgpass, PGPASSWORD or service file</source>
        <translation>leer: .pgpass, PGPASSWORD oder Dienstdatei</translation>
    </message>
    <message>
        <source>Source password</source>
        <translation>Passwort der Quelle</translation>
    </message>
    <message>
        <source>Target password</source>
        <translation>Passwort des Ziels</translation>
    </message>
    <message>
        <source>Source password:</source>
        <translation>Passwort der Quelle:</translation>
    </message>
    <message>
        <source>Target password:</source>
        <translation>Passwort des Ziels:</translation>
    </message>
    <message>
        <source>&amp;Resume monitoring</source>
        <translation>Überwachung &amp;fortsetzen</translation>
    </message>
    <message>
        <source>Follow the replication again: table states, lag, readiness for cutover</source>
        <translation>Der Replikation wieder folgen: Tabellenzustände, Lag, Bereitschaft zur Umstellung</translation>
    </message>
    <message>
        <source>&amp;Clean up: drop subscription, slot and publication</source>
        <translation>&amp;Aufräumen: Subscription, Slot und Publication entfernen</translation>
    </message>
    <message>
        <source>Changes stop flowing; the data already copied stays on the target</source>
        <translation>Änderungen fließen nicht mehr; die bereits kopierten Daten bleiben auf dem Ziel</translation>
    </message>
    <message>
        <source>&amp;Not now</source>
        <translation>&amp;Nicht jetzt</translation>
    </message>
    <message>
        <source>Leave everything as it is; pgshift asks again at its next start</source>
        <translation>Alles so lassen, wie es ist; pgshift fragt beim nächsten Start wieder</translation>
    </message>
    <message>
        <source>Connecting to both servers…</source>
        <translation>Verbinde mit beiden Servern…</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Cannot resume yet:
%1</source>
        <translation>Fortsetzen noch nicht möglich:
%1</translation>
    </message>
    <message>
        <source>Dropping the subscription, the slot and the publication…</source>
        <translation>Entferne die Subscription, den Slot und die Publication…</translation>
    </message>
    <message>
        <source>Still there (another run of pgshift?): %1 %2 on the %3</source>
        <translation>Noch vorhanden (ein anderer Lauf von pgshift?): %1 %2 auf %3</translation>
    </message>
    <message>
        <source>Cleanup is incomplete; see below. Fix the cause (a password, a server that is down) and try again.</source>
        <translation>Das Aufräumen ist unvollständig; siehe unten. Beheben Sie die Ursache (ein Passwort, ein Server, der aus ist) und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>Cleaned up. Nothing of this replication is left on either server.</source>
        <translation>Aufgeräumt. Von dieser Replikation ist auf keinem Server etwas übrig.</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Schließen</translation>
    </message>
</context>
<context>
    <name>pgshift::wizard::SandboxPanel</name>
    <message>
        <source>Sandbox</source>
        <translation>Sandbox</translation>
    </message>
    <message>
        <source>Start &amp;writes</source>
        <translation>Schreib&amp;zugriffe starten</translation>
    </message>
    <message>
        <source>Writes on the source like an application: new orders, updates, deletes</source>
        <translation>Schreibt wie eine Anwendung auf die Quelle: neue Bestellungen, Updates, Deletes</translation>
    </message>
    <message>
        <source>Writes per second</source>
        <translation>Schreibzugriffe pro Sekunde</translation>
    </message>
    <message>
        <source> /s</source>
        <translation> /s</translation>
    </message>
    <message>
        <source>Starting two local servers and creating a sample shop… (a few seconds)</source>
        <translation>Starte zwei lokale Server und lege einen Beispiel-Shop an… (ein paar Sekunden)</translation>
    </message>
    <message>
        <source>The sandbox did not start: %1</source>
        <translation>Die Sandbox ist nicht gestartet: %1</translation>
    </message>
    <message>
        <source>Two throwaway servers on this computer, deleted when pgshift closes. Source: port %1, target: port %2.</source>
        <translation>Zwei Wegwerf-Server auf diesem Computer, gelöscht, wenn pgshift schließt. Quelle: Port %1, Ziel: Port %2.</translation>
    </message>
    <message>
        <source>Stop &amp;writes</source>
        <translation>Schreib&amp;zugriffe stoppen</translation>
    </message>
    <message>
        <source>Written: %1 inserts, %2 updates, %3 deletes.</source>
        <translation>Geschrieben: %1 Inserts, %2 Updates, %3 Deletes.</translation>
    </message>
    <message>
        <source>%1 refused (last: %2).</source>
        <translation>%1 abgewiesen (zuletzt: %2).</translation>
    </message>
    <message>
        <source>The wizard walks you through a real migration between the two servers.</source>
        <translation>Der Assistent führt Sie durch eine echte Migration zwischen den beiden Servern.</translation>
    </message>
    <message>
        <source>The source is filled in: a shop with 117,500 rows. Press Test connection, then Next.</source>
        <translation>Die Quelle ist ausgefüllt: ein Shop mit 117.500 Zeilen. Drücken Sie Verbindung testen, dann Weiter.</translation>
    </message>
    <message>
        <source>The target is an empty server. Test it too, then Next.</source>
        <translation>Das Ziel ist ein leerer Server. Testen Sie auch ihn, dann Weiter.</translation>
    </message>
    <message>
        <source>Both methods work here. Logical replication shows the lag chart and the full cutover.</source>
        <translation>Beide Methoden funktionieren hier. Logische Replikation zeigt das Lag-Diagramm und die volle Umstellung.</translation>
    </message>
    <message>
        <source>audit_log has no primary key on purpose: see what the preflight says about it and how to fix it.</source>
        <translation>audit_log hat absichtlich keinen Primärschlüssel: sehen Sie, was die Voraussetzungsprüfung dazu sagt und wie es sich beheben lässt.</translation>
    </message>
    <message>
        <source>Start writes, then choose &quot;Block the whole source database&quot; to see the short cutover checklist.</source>
        <translation>Starten Sie Schreibzugriffe, dann wählen Sie &quot;Die ganze Quelldatenbank sperren&quot;, um die kurze Umstellungs-Checkliste zu sehen.</translation>
    </message>
    <message>
        <source>Start writes to see the lag chart move and the rows grow on both sides.</source>
        <translation>Starten Sie Schreibzugriffe, um das Lag-Diagramm sich bewegen und die Zeilen auf beiden Seiten wachsen zu sehen.</translation>
    </message>
    <message>
        <source>The writes use the sequences; the margin keeps the target&apos;s ahead of them.</source>
        <translation>Die Schreibzugriffe benutzen die Sequenzen; der Vorsprung hält die des Ziels vor ihnen.</translation>
    </message>
    <message>
        <source>Block the whole source database: the writes are stopped, counted as refused, and the cutover catches up.</source>
        <translation>Sperren Sie die ganze Quelldatenbank: die Schreibzugriffe werden gestoppt, als abgewiesen gezählt, und die Umstellung holt auf.</translation>
    </message>
    <message>
        <source>Save the report. Closing pgshift stops and deletes both servers.</source>
        <translation>Speichern Sie den Bericht. Das Schließen von pgshift stoppt und löscht beide Server.</translation>
    </message>
    <message>
        <source>AWS DMS cannot reach servers on this computer: Prepare shows the schema and the files pgshift writes for it. Dump &amp; restore and logical replication run end to end here.</source>
        <translation>AWS DMS erreicht keine Server auf diesem Computer: Vorbereiten zeigt das Schema und die Dateien, die pgshift dafür schreibt. Dump &amp; Restore und logische Replikation laufen hier vollständig.</translation>
    </message>
</context>
<context>
    <name>pgshift::wizard::SequencesPage</name>
    <message>
        <source>Sequences</source>
        <translation>Sequenzen</translation>
    </message>
    <message>
        <source>Replication does not copy sequence values. At cutover each target sequence moves a margin ahead of its source, so the first insert on the target cannot collide with a copied row.</source>
        <translation>Replikation kopiert keine Sequenzwerte. Bei der Umstellung rückt jede Zielsequenz um einen Vorsprung vor ihre Quelle, damit das erste Insert auf dem Ziel nicht mit einer kopierten Zeile kollidiert.</translation>
    </message>
    <message>
        <source>Margin of</source>
        <translation>Vorsprung von</translation>
    </message>
    <message numerus="yes">
        <source>From the rate measured over %n second(s), for a cutover window of</source>
        <translation>
            <numerusform>Aus der über %n Sekunde gemessenen Rate, für ein Umstellungsfenster von</numerusform>
            <numerusform>Aus der über %n Sekunden gemessenen Rate, für ein Umstellungsfenster von</numerusform>
        </translation>
    </message>
    <message>
        <source> increments</source>
        <translation> Inkrementen</translation>
    </message>
    <message>
        <source> s (x3)</source>
        <translation> s (x3)</translation>
    </message>
    <message>
        <source>Schema</source>
        <translation>Schema</translation>
    </message>
    <message>
        <source>Sequence</source>
        <translation>Sequenz</translation>
    </message>
    <message>
        <source>Owned by</source>
        <translation>Gehört zu</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <source>Proposed</source>
        <translation>Vorgeschlagen</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Hinweis</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>Aktualisie&amp;ren</translation>
    </message>
    <message>
        <source>&amp;Copy SQL</source>
        <translation>SQL &amp;kopieren</translation>
    </message>
    <message>
        <source>&amp;Save .sql…</source>
        <translation>.sql &amp;speichern…</translation>
    </message>
    <message>
        <source>&amp;Apply to target now</source>
        <translation>Jetzt auf das Ziel &amp;anwenden</translation>
    </message>
    <message>
        <source>Usually left to the cutover, which applies them after writes stopped</source>
        <translation>Meist der Umstellung überlassen, die sie anwendet, nachdem die Schreibzugriffe gestoppt sind</translation>
    </message>
    <message>
        <source>Save the sequence script</source>
        <translation>Das Sequenz-Skript speichern</translation>
    </message>
    <message>
        <source>SQL (*.sql)</source>
        <translation>SQL (*.sql)</translation>
    </message>
    <message numerus="yes">
        <source>Reading the sequences twice, %n second(s) apart…</source>
        <translation>
            <numerusform>Lese die Sequenzen zweimal, im Abstand von %n Sekunde…</numerusform>
            <numerusform>Lese die Sequenzen zweimal, im Abstand von %n Sekunden…</numerusform>
        </translation>
    </message>
    <message>
        <source>Reading the sequences…</source>
        <translation>Lese die Sequenzen…</translation>
    </message>
    <message>
        <source>Cannot read the sequences: %1</source>
        <translation>Die Sequenzen können nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>never used</source>
        <translation>nie benutzt</translation>
    </message>
    <message>
        <source>%1 (identity)</source>
        <translation>%1 (Identity)</translation>
    </message>
    <message>
        <source>not readable</source>
        <translation>nicht lesbar</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>fehlt</translation>
    </message>
    <message>
        <source> (next value)</source>
        <translation> (nächster Wert)</translation>
    </message>
    <message numerus="yes">
        <source>%n sequence(s), margin %1 increments</source>
        <translation>
            <numerusform>%n Sequenz, Vorsprung %1 Inkremente</numerusform>
            <numerusform>%n Sequenzen, Vorsprung %1 Inkremente</numerusform>
        </translation>
    </message>
    <message>
        <source> (from the rate measured)</source>
        <translation> (aus der gemessenen Rate)</translation>
    </message>
    <message numerus="yes">
        <source>%n sequence(s) would pass their limit: clamped, see the note.</source>
        <translation>
            <numerusform>%n Sequenz würde ihre Grenze überschreiten: begrenzt, siehe den Hinweis.</numerusform>
            <numerusform>%n Sequenzen würden ihre Grenze überschreiten: begrenzt, siehe den Hinweis.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n sequence(s) missing on the target: the schema copy did not bring them.</source>
        <translation>
            <numerusform>%n Sequenz fehlt auf dem Ziel: die Schemakopie hat sie nicht mitgebracht.</numerusform>
            <numerusform>%n Sequenzen fehlen auf dem Ziel: die Schemakopie hat sie nicht mitgebracht.</numerusform>
        </translation>
    </message>
    <message>
        <source>Apply sequences</source>
        <translation>Sequenzen anwenden</translation>
    </message>
    <message numerus="yes">
        <source>Set %n sequence(s) on the target now? Writes still going to the source move its sequences on; the cutover sets them again after writes stopped.</source>
        <translation>
            <numerusform>%n Sequenz jetzt auf dem Ziel setzen? Schreibzugriffe, die noch auf die Quelle gehen, rücken ihre Sequenzen weiter; die Umstellung setzt sie erneut, nachdem die Schreibzugriffe gestoppt sind.</numerusform>
            <numerusform>%n Sequenzen jetzt auf dem Ziel setzen? Schreibzugriffe, die noch auf die Quelle gehen, rücken ihre Sequenzen weiter; die Umstellung setzt sie erneut, nachdem die Schreibzugriffe gestoppt sind.</numerusform>
        </translation>
    </message>
    <message>
        <source>Applying…</source>
        <translation>Wende an…</translation>
    </message>
    <message>
        <source>Applying failed: %1</source>
        <translation>Anwenden fehlgeschlagen: %1</translation>
    </message>
    <message numerus="yes">
        <source>Set %n sequence(s) on the target.</source>
        <translation>
            <numerusform>%n Sequenz auf dem Ziel gesetzt.</numerusform>
            <numerusform>%n Sequenzen auf dem Ziel gesetzt.</numerusform>
        </translation>
    </message>
    <message>
        <source>Verified: every target sequence is ahead of its source.</source>
        <translation>Geprüft: jede Zielsequenz liegt vor ihrer Quelle.</translation>
    </message>
    <message>
        <source>Not ahead: %1</source>
        <translation>Nicht vorne: %1</translation>
    </message>
    <message>
        <source>Margin, in increments</source>
        <translation>Vorsprung, in Inkrementen</translation>
    </message>
    <message>
        <source>Cutover window, in seconds</source>
        <translation>Umstellungsfenster, in Sekunden</translation>
    </message>
</context>
<context>
    <name>pgshift::wizard::SummaryPage</name>
    <message>
        <source>Summary</source>
        <translation>Zusammenfassung</translation>
    </message>
    <message>
        <source>What the migration did, step by step, and a report to keep: HTML with the charts inside, or Markdown for a ticket or a wiki.</source>
        <translation>Was die Migration getan hat, Schritt für Schritt, und ein Bericht zum Aufbewahren: HTML mit den Diagrammen darin, oder Markdown für ein Ticket oder ein Wiki.</translation>
    </message>
    <message>
        <source>Migration report</source>
        <translation>Migrationsbericht</translation>
    </message>
    <message>
        <source>Save report as &amp;HTML…</source>
        <translation>Bericht als &amp;HTML speichern…</translation>
    </message>
    <message>
        <source>Rows per table, source and target</source>
        <translation>Zeilen pro Tabelle, Quelle und Ziel</translation>
    </message>
    <message>
        <source>exact counts</source>
        <translation>exakte Zählungen</translation>
    </message>
    <message>
        <source>Migration complete; write downtime %1 s.</source>
        <translation>Migration abgeschlossen; Schreib-Ausfallzeit %1 s.</translation>
    </message>
    <message>
        <source>Copy complete and verified.</source>
        <translation>Kopie abgeschlossen und geprüft.</translation>
    </message>
    <message>
        <source>The migration did not complete; the report says where it stopped.</source>
        <translation>Die Migration wurde nicht abgeschlossen; der Bericht sagt, wo sie angehalten hat.</translation>
    </message>
    <message>
        <source>Save the migration report</source>
        <translation>Den Migrationsbericht speichern</translation>
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
        <translation>Bericht als Mar&amp;kdown speichern…</translation>
    </message>
</context>
<context>
    <name>pgshift::wizard::WelcomePage</name>
    <message>
        <source>Welcome to pgshift</source>
        <translation>Willkommen bei pgshift</translation>
    </message>
    <message>
        <source>Move a PostgreSQL database to another PostgreSQL server, one checked step at a time.</source>
        <translation>Eine PostgreSQL-Datenbank auf einen anderen PostgreSQL-Server verschieben, ein geprüfter Schritt nach dem anderen.</translation>
    </message>
    <message>
        <source>pgshift copies a database from Amazon Aurora or RDS, Neon, Supabase, Google Cloud SQL or your own server to PlanetScale Postgres or any PostgreSQL 10 or newer server.</source>
        <translation>pgshift kopiert eine Datenbank von Amazon Aurora oder RDS, Neon, Supabase, Google Cloud SQL oder Ihrem eigenen Server nach PlanetScale Postgres oder auf jeden Server mit PostgreSQL 10 oder neuer.</translation>
    </message>
    <message>
        <source>1. Connect to the source and the target and test both connections.
2. Check every prerequisite; each finding comes with its fix.
3. Copy the data with the method that fits your downtime budget, watching progress live.
4. Cut over: stop writes, catch up, move sequences ahead, validate, switch.
Every SQL statement is shown before it runs and written to the log.</source>
        <translation>1. Mit Quelle und Ziel verbinden und beide Verbindungen testen.
2. Jede Voraussetzung prüfen; jeder Befund kommt mit seiner Korrektur.
3. Die Daten mit der Methode kopieren, die zu Ihrem Ausfallzeit-Budget passt, den Fortschritt live verfolgen.
4. Umstellen: Schreibzugriffe stoppen, aufholen, Sequenzen vorrücken, validieren, umschalten.
Jede SQL-Anweisung wird gezeigt, bevor sie läuft, und ins Log geschrieben.</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Methode</translation>
    </message>
    <message>
        <source>Write downtime</source>
        <translation>Schreib-Ausfallzeit</translation>
    </message>
    <message>
        <source>Best for</source>
        <translation>Am besten für</translation>
    </message>
    <message>
        <source>How it works</source>
        <translation>Wie es funktioniert</translation>
    </message>
    <message>
        <source>Dump and restore</source>
        <translation>Dump und Restore</translation>
    </message>
    <message>
        <source>The whole copy</source>
        <translation>Während der ganzen Kopie</translation>
    </message>
    <message>
        <source>Databases that can take a maintenance window</source>
        <translation>Datenbanken, die ein Wartungsfenster vertragen</translation>
    </message>
    <message>
        <source>Schema and data copied in parallel from one consistent snapshot, then indexes and constraints, then a row-count check.</source>
        <translation>Schema und Daten parallel aus einem konsistenten Snapshot kopiert, dann Indizes und Constraints, dann eine Prüfung der Zeilenzahlen.</translation>
    </message>
    <message>
        <source>Logical replication</source>
        <translation>Logische Replikation</translation>
    </message>
    <message>
        <source>Seconds, at cutover</source>
        <translation>Sekunden, bei der Umstellung</translation>
    </message>
    <message>
        <source>Production databases that must stay online</source>
        <translation>Produktionsdatenbanken, die online bleiben müssen</translation>
    </message>
    <message>
        <source>The target subscribes to the source and stays in sync until you cut over. Needs wal_level = logical on the source.</source>
        <translation>Das Ziel abonniert die Quelle und bleibt synchron, bis Sie umstellen. Braucht wal_level = logical auf der Quelle.</translation>
    </message>
    <message>
        <source>AWS DMS assisted</source>
        <translation>AWS DMS-gestützt</translation>
    </message>
    <message>
        <source>Seconds to minutes</source>
        <translation>Sekunden bis Minuten</translation>
    </message>
    <message>
        <source>Teams already running AWS Database Migration Service</source>
        <translation>Teams, die AWS Database Migration Service bereits einsetzen</translation>
    </message>
    <message>
        <source>Three ways to migrate</source>
        <translation>Drei Wege zu migrieren</translation>
    </message>
    <message>
        <source>Try it on a &amp;sandbox</source>
        <translation>In einer &amp;Sandbox ausprobieren</translation>
    </message>
    <message>
        <source>Starts two throwaway PostgreSQL servers on this computer, a source with a sample shop and an empty target, and fills in both connections. They are deleted when pgshift closes.</source>
        <translation>Startet zwei Wegwerf-PostgreSQL-Server auf diesem Computer, eine Quelle mit einem Beispiel-Shop und ein leeres Ziel, und füllt beide Verbindungen aus. Sie werden gelöscht, wenn pgshift schließt.</translation>
    </message>
    <message>
        <source>No servers at hand? Try the whole flow on two local throwaway servers:</source>
        <translation>Keine Server zur Hand? Probieren Sie den ganzen Ablauf auf zwei lokalen Wegwerf-Servern aus:</translation>
    </message>
    <message>
        <source>pgshift prepares the schema and the DMS task files, then does what DMS leaves undone: foreign keys, sequences, validation.</source>
        <translation>pgshift bereitet das Schema und die DMS-Task-Dateien vor und erledigt dann, was DMS offen lässt: Fremdschlüssel, Sequenzen, Validierung.</translation>
    </message>
</context>
<context>
    <name>pgshift::wizard::WriteBlockBox</name>
    <message>
        <source>Leave writes alone: a trial copy (the source goes on changing)</source>
        <translation>Schreibzugriffe nicht antasten: eine Probekopie (die Quelle ändert sich weiter)</translation>
    </message>
    <message>
        <source>I stopped the application: nothing writes to the source any more</source>
        <translation>Ich habe die Anwendung gestoppt: nichts schreibt mehr auf die Quelle</translation>
    </message>
    <message>
        <source>Block these roles (read-only in the source database, their sessions ended):</source>
        <translation>Diese Rollen sperren (schreibgeschützt in der Quelldatenbank, ihre Sitzungen beendet):</translation>
    </message>
    <message>
        <source>Block the whole source database (read-only, every other session ended)</source>
        <translation>Die ganze Quelldatenbank sperren (schreibgeschützt, jede andere Sitzung beendet)</translation>
    </message>
    <message>
        <source>Roles to block</source>
        <translation>Zu sperrende Rollen</translation>
    </message>
    <message>
        <source>app_user, worker</source>
        <translation>app_user, worker</translation>
    </message>
    <message>
        <source>Name the roles whose writes to block.</source>
        <translation>Nennen Sie die Rollen, deren Schreibzugriffe gesperrt werden sollen.</translation>
    </message>
    <message>
        <source>Is the application stopped, so that nothing writes to the source any more? %1</source>
        <translation>Ist die Anwendung gestoppt, sodass nichts mehr auf die Quelle schreibt? %1</translation>
    </message>
    <message>
        <source>Cannot reach the source: %1</source>
        <translation>Die Quelle ist nicht erreichbar: %1</translation>
    </message>
    <message>
        <source>Stop writes on the source? No session needs to be ended. %1</source>
        <translation>Schreibzugriffe auf die Quelle stoppen? Keine Sitzung muss beendet werden. %1</translation>
    </message>
    <message>
        <source>Stop writes on the source? These sessions will be ended:
%1
%2</source>
        <translation>Schreibzugriffe auf die Quelle stoppen? Diese Sitzungen werden beendet:
%1
%2</translation>
    </message>
</context>
</TS>
