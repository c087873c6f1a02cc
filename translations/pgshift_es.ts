<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES">
<context>
    <name>pgshift::app::CheckCommand</name>
    <message>
        <source>Checks every prerequisite of a migration and prints the findings with their fixes. Exit status: 0 no blocker, 1 blockers found, 2 the checks could not run.</source>
        <translation>Comprueba todos los requisitos previos de una migración e imprime los hallazgos con sus correcciones. Código de salida: 0 ningún bloqueante, 1 bloqueantes encontrados, 2 las comprobaciones no pudieron ejecutarse.</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>Mostrar esta ayuda.</translation>
    </message>
    <message>
        <source>dump, logical or dms (default: logical).</source>
        <translation>dump, logical o dms (predeterminado: logical).</translation>
    </message>
    <message>
        <source>text, json or markdown.</source>
        <translation>text, json o markdown.</translation>
    </message>
    <message>
        <source>--method must be dump, logical or dms, not &apos;%1&apos;</source>
        <translation>--method debe ser dump, logical o dms, no &apos;%1&apos;</translation>
    </message>
    <message>
        <source>--format must be text, json or markdown, not &apos;%1&apos;</source>
        <translation>--format debe ser text, json o markdown, no &apos;%1&apos;</translation>
    </message>
    <message>
        <source>the checks could not run: %1</source>
        <translation>las comprobaciones no pudieron ejecutarse: %1</translation>
    </message>
</context>
<context>
    <name>pgshift::app::ChecklistOptions</name>
    <message>
        <source>Make these roles read-only in the source database and end their sessions.</source>
        <translation>Poner estos roles en solo lectura en la base de datos de origen y terminar sus sesiones.</translation>
    </message>
    <message>
        <source>Make the whole source database read-only and end every other session.</source>
        <translation>Poner toda la base de datos de origen en solo lectura y terminar todas las demás sesiones.</translation>
    </message>
    <message>
        <source>Run the checklist with writes stopped by you (the application is stopped); pgshift blocks nothing.</source>
        <translation>Ejecutar la lista de comprobación con las escrituras detenidas por usted (la aplicación está detenida); pgshift no bloquea nada.</translation>
    </message>
    <message>
        <source>Sequence margin in increments (default 10000).</source>
        <translation>Margen de las secuencias en incrementos (predeterminado 10000).</translation>
    </message>
    <message>
        <source>Validate with a checksum of every table&apos;s rows as well as exact row counts (reads every row twice).</source>
        <translation>Validar con una suma de comprobación de las filas de cada tabla además de los recuentos exactos de filas (lee cada fila dos veces).</translation>
    </message>
    <message>
        <source>give one of --block-writes, --block-database and --writes-stopped</source>
        <translation>indique una de --block-writes, --block-database y --writes-stopped</translation>
    </message>
    <message>
        <source>give --block-writes or --block-database, not both</source>
        <translation>indique --block-writes o --block-database, no ambas</translation>
    </message>
    <message>
        <source>--block-writes needs at least one role</source>
        <translation>--block-writes necesita al menos un rol</translation>
    </message>
    <message>
        <source>--margin must be a whole number of increments, 0 or more, not &apos;%1&apos;</source>
        <translation>--margin debe ser un número entero de incrementos, 0 o más, no &apos;%1&apos;</translation>
    </message>
    <message>
        <source>--margin and --checksums belong to the checklist: add --writes-stopped, --block-writes or --block-database</source>
        <translation>--margin y --checksums pertenecen a la lista de comprobación: añada --writes-stopped, --block-writes o --block-database</translation>
    </message>
    <message>
        <source>Checklist:</source>
        <translation>Lista de comprobación:</translation>
    </message>
    <message>
        <source>Sessions the write block ends now:</source>
        <translation>Sesiones que el bloqueo de escritura termina ahora:</translation>
    </message>
    <message>
        <source>Copy complete and every checklist step done. Write downtime: %1 s.</source>
        <translation>Copia completa y cada paso de la lista de comprobación hecho. Tiempo sin escrituras: %1 s.</translation>
    </message>
    <message>
        <source>Cutover complete. Write downtime: %1 s.</source>
        <translation>Conmutación completa. Tiempo sin escrituras: %1 s.</translation>
    </message>
    <message>
        <source>Point the application at the target (its password as before):</source>
        <translation>Apunte la aplicación al destino (su contraseña como antes):</translation>
    </message>
    <message>
        <source>The source stays read-only for what was blocked; pgshift cutover --reenable-writes with the same --block-* option and endpoints lifts it.</source>
        <translation>El origen sigue en solo lectura para lo que se bloqueó; pgshift cutover --reenable-writes con la misma opción --block-* y los mismos extremos lo levanta.</translation>
    </message>
    <message>
        <source>pgshift %1 FAILED: %2</source>
        <translation>pgshift %1 FALLÓ: %2</translation>
    </message>
    <message>
        <source>Writes are allowed again on the source.</source>
        <translation>Las escrituras vuelven a estar permitidas en el origen.</translation>
    </message>
    <message>
        <source>Writes are allowed again on the source; replication is still running.</source>
        <translation>Las escrituras vuelven a estar permitidas en el origen; la replicación sigue en marcha.</translation>
    </message>
    <message>
        <source>Re-enabling writes failed: %1</source>
        <translation>No se pudieron volver a habilitar las escrituras: %1</translation>
    </message>
</context>
<context>
    <name>pgshift::app::Command</name>
    <message>
        <source>Test the source and/or target connection</source>
        <translation>Probar la conexión de origen y/o de destino</translation>
    </message>
    <message>
        <source>Check every prerequisite of a migration, with fixes</source>
        <translation>Comprobar cada requisito previo de una migración, con correcciones</translation>
    </message>
    <message>
        <source>Copy the database, or some schemas and tables (dump and restore)</source>
        <translation>Copiar la base de datos, o algunos esquemas y tablas (volcado y restauración)</translation>
    </message>
    <message>
        <source>Logical replication: start it, follow its status, clean it up</source>
        <translation>Replicación lógica: iniciarla, seguir su estado, limpiarla</translation>
    </message>
    <message>
        <source>Move the target&apos;s sequences ahead of the source&apos;s (print, or --apply)</source>
        <translation>Adelantar las secuencias del destino a las del origen (imprimir, o --apply)</translation>
    </message>
    <message>
        <source>Cut over a logical replication: stop writes, catch up, sequences, validate, end it</source>
        <translation>Conmutar una replicación lógica: detener escrituras, ponerse al día, secuencias, validar, terminarla</translation>
    </message>
    <message>
        <source>Two throwaway local servers with a sample shop, to try pgshift on</source>
        <translation>Dos servidores locales desechables con una tienda de ejemplo, para probar pgshift</translation>
    </message>
    <message>
        <source>AWS DMS, schema first: plan (schema, task files) and finish (keys, sequences, counts)</source>
        <translation>AWS DMS, esquema primero: plan (esquema, archivos de tarea) y finish (claves, secuencias, recuentos)</translation>
    </message>
    <message>
        <source>unexpected argument &apos;%1&apos;</source>
        <translation>argumento inesperado &apos;%1&apos;</translation>
    </message>
</context>
<context>
    <name>pgshift::app::CommandLine</name>
    <message>
        <source>unknown command &apos;%1&apos;</source>
        <translation>comando desconocido &apos;%1&apos;</translation>
    </message>
    <message>
        <source>
Commands:
</source>
        <translation>
Comandos:
</translation>
    </message>
    <message>
        <source>
Run &apos;pgshift COMMAND --help&apos; for a command&apos;s options.
</source>
        <translation>
&apos;pgshift COMANDO --help&apos; muestra las opciones de un comando.
</translation>
    </message>
    <message>
        <source>
Exit status: 0 success, 1 the operation failed, 2 bad usage.
</source>
        <translation>
Código de salida: 0 éxito, 1 la operación falló, 2 uso incorrecto.
</translation>
    </message>
    <message>
        <source>demo takes no arguments</source>
        <translation>demo no admite argumentos</translation>
    </message>
    <message>
        <source>unknown language &apos;%1&apos;: pgshift speaks %2</source>
        <translation>idioma desconocido &apos;%1&apos;: pgshift habla %2</translation>
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
        <translation>Uso: pgshift [--verbose] [COMANDO [OPCIONES]]

Mueve una base de datos PostgreSQL a otro servidor PostgreSQL mediante volcado y restauración,
replicación lógica o AWS DMS.
Sin comando, pgshift abre el asistente de migración; &apos;pgshift demo&apos; lo abre
sobre un sandbox: dos servidores locales desechables, borrados al cerrar el asistente.

Opciones:
  -h, --help     Mostrar esta ayuda y salir.
  -v, --version  Mostrar la versión de pgshift y salir.
  --verbose      Escribir también las líneas del registro en la salida de error.
  --lang CODE    Hablar este idioma (de, en, es, fr, ja) en lugar del del sistema.
</translation>
    </message>
    <message>
        <source>Run &apos;pgshift --help&apos; for usage.</source>
        <translation>&apos;pgshift --help&apos; muestra el uso.</translation>
    </message>
</context>
<context>
    <name>pgshift::app::ConnectionOptions</name>
    <message>
        <source>The source database: a URI, key=value string or service=NAME (default: $PGSHIFT_SOURCE).</source>
        <translation>La base de datos de origen: una URI, una cadena key=value o service=NOMBRE (predeterminado: $PGSHIFT_SOURCE).</translation>
    </message>
    <message>
        <source>The target database: a URI, key=value string or service=NAME (default: $PGSHIFT_TARGET).</source>
        <translation>La base de datos de destino: una URI, una cadena key=value o service=NOMBRE (predeterminado: $PGSHIFT_TARGET).</translation>
    </message>
    <message>
        <source>source</source>
        <translation>origen</translation>
    </message>
    <message>
        <source>target</source>
        <translation>destino</translation>
    </message>
    <message>
        <source>--%1 is empty</source>
        <translation>--%1 está vacío</translation>
    </message>
    <message>
        <source>%1 connection: %2</source>
        <translation>conexión de %1: %2</translation>
    </message>
    <message>
        <source>pgshift: warning: the %1 password is on the command line, where other users of this computer can see it (ps). Prefer ~/.pgpass, PGPASSWORD, or leave it out to be asked.</source>
        <translation>pgshift: aviso: la contraseña de %1 está en la línea de comandos, donde otros usuarios de este equipo pueden verla (ps). Mejor ~/.pgpass, PGPASSWORD, u omítala para que se le pregunte.</translation>
    </message>
    <message>
        <source>Password for %1 (%2): </source>
        <translation>Contraseña para %1 (%2): </translation>
    </message>
    <message>
        <source>give --source and --target (or set PGSHIFT_SOURCE and PGSHIFT_TARGET)</source>
        <translation>indique --source y --target (o defina PGSHIFT_SOURCE y PGSHIFT_TARGET)</translation>
    </message>
    <message>
        <source>cannot connect to the %1 (%2): %3
%4</source>
        <translation>no se puede conectar con el %1 (%2): %3
%4</translation>
    </message>
    <message>
        <source>give --source and --target (or set PGSHIFT_SOURCE and PGSHIFT_TARGET); no replication started by pgshift is saved to fall back on</source>
        <translation>indique --source y --target (o defina PGSHIFT_SOURCE y PGSHIFT_TARGET); no hay guardada ninguna replicación iniciada por pgshift a la que recurrir</translation>
    </message>
    <message>
        <source>give --source and --target; the saved replication cannot be read: %1</source>
        <translation>indique --source y --target; no se puede leer la replicación guardada: %1</translation>
    </message>
    <message>
        <source>Following the replication pgshift started %1: %2 -&gt; %3 (saved in %4)</source>
        <translation>Siguiendo la replicación que pgshift inició %1: %2 -&gt; %3 (guardada en %4)</translation>
    </message>
</context>
<context>
    <name>pgshift::app::CopyCommand</name>
    <message>
        <source>Show this help.</source>
        <translation>Mostrar esta ayuda.</translation>
    </message>
    <message>
        <source>Do not ask for confirmation.</source>
        <translation>No pedir confirmación.</translation>
    </message>
    <message>
        <source>--jobs must be a number from 1 to 64, not &apos;%1&apos;</source>
        <translation>--jobs debe ser un número de 1 a 64, no &apos;%1&apos;</translation>
    </message>
    <message>
        <source>not on a terminal: add --yes to copy without confirmation</source>
        <translation>no es un terminal: añada --yes para copiar sin confirmación</translation>
    </message>
    <message>
        <source>The copy did NOT complete:</source>
        <translation>La copia NO se completó:</translation>
    </message>
    <message numerus="yes">
        <source>%n table(s)</source>
        <translation>
            <numerusform>%n tabla</numerusform>
            <numerusform>%n tablas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n sequence(s)</source>
        <translation>
            <numerusform>%n secuencia</numerusform>
            <numerusform>%n secuencias</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n large object(s)</source>
        <translation>
            <numerusform>%n objeto grande</numerusform>
            <numerusform>%n objetos grandes</numerusform>
        </translation>
    </message>
    <message>
        <source>Copy %1 of %2
  to %3?
This creates the schema and the data on the target. [y/N] </source>
        <translation>¿Copiar %1 de %2
  a %3?
Esto crea el esquema y los datos en el destino. [y/N] </translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation>%1/s</translation>
    </message>
    <message>
        <source>ETA %1:%2</source>
        <translation>Faltan %1:%2</translation>
    </message>
    <message>
        <source>%1 of %2 tables done</source>
        <translation>%1 de %2 tablas hechas</translation>
    </message>
    <message>
        <source>The copy was cancelled and did NOT complete.</source>
        <translation>La copia se canceló y NO se completó.</translation>
    </message>
    <message>
        <source>It left these objects on the target:</source>
        <translation>Dejó estos objetos en el destino:</translation>
    </message>
    <message>
        <source>To remove them, run this SQL on the target:</source>
        <translation>Para eliminarlos, ejecute este SQL en el destino:</translation>
    </message>
    <message>
        <source>Copied %1 (%2 rows, %3), %4 and %5 in %6 s; every table&apos;s row count matches on both sides.</source>
        <translation>Copiado %1 (%2 filas, %3), %4 y %5 en %6 s; el recuento de filas de cada tabla coincide en ambos lados.</translation>
    </message>
    <message>
        <source>The archive is in %1.</source>
        <translation>El archivo está en %1.</translation>
    </message>
    <message>
        <source>Parallel workers (default %1: one per core, 2 to 8).</source>
        <translation>Workers en paralelo (predeterminado %1: uno por núcleo, de 2 a 8).</translation>
    </message>
    <message>
        <source>stream (default): rows streamed server to server; pg_dump: pg_dump -Fd -j N into --archive-dir, then pg_restore -j N.</source>
        <translation>stream (predeterminado): las filas pasan de servidor a servidor; pg_dump: pg_dump -Fd -j N en --archive-dir, luego pg_restore -j N.</translation>
    </message>
    <message>
        <source>Folder for the pg_dump engine&apos;s archive, kept afterwards; must be new or empty.</source>
        <translation>Carpeta para el archivo del motor pg_dump, que se conserva después; debe ser nueva o estar vacía.</translation>
    </message>
    <message>
        <source>Copy this schema (repeatable). Quote names with capitals or dots: &apos;&quot;Sales&quot;&apos;.</source>
        <translation>Copiar este esquema (repetible). Ponga entre comillas los nombres con mayúsculas o puntos: &apos;&quot;Sales&quot;&apos;.</translation>
    </message>
    <message>
        <source>Copy this table, as table or schema.table (repeatable); partitions of a partitioned table come with it. Its schema&apos;s types and functions must exist on the target.</source>
        <translation>Copiar esta tabla, como tabla o esquema.tabla (repetible); las particiones de una tabla particionada vienen con ella. Los tipos y funciones de su esquema deben existir en el destino.</translation>
    </message>
    <message>
        <source>--engine must be stream or pg_dump, not &apos;%1&apos;</source>
        <translation>--engine debe ser stream o pg_dump, no &apos;%1&apos;</translation>
    </message>
    <message>
        <source>--engine pg_dump needs --archive-dir DIR for the archive</source>
        <translation>--engine pg_dump necesita --archive-dir DIR para el archivo</translation>
    </message>
    <message>
        <source>--archive-dir goes with --engine pg_dump</source>
        <translation>--archive-dir va con --engine pg_dump</translation>
    </message>
    <message>
        <source>Cancelling...</source>
        <translation>Cancelando...</translation>
    </message>
    <message>
        <source>Copies the source database, or some of its schemas and tables, to the target: schema, data (in parallel, from one consistent snapshot), indexes and constraints, sequences, large objects, then compares every table&apos;s exact row count on both sides. Stop writes to the source first, or let pgshift run the short cutover checklist around the copy: writes stopped (--writes-stopped, --block-writes or --block-database), the copy, sequences moved ahead, row counts (and with --checksums row checksums) compared, the target&apos;s connection string; a failure re-enables writes. Ctrl+C cancels and lists what was created on the target, with the SQL that drops it. Exit status: 0 the copy and its verification succeeded, 1 they did not, 2 bad usage.</source>
        <translation>Copia la base de datos de origen, o algunos de sus esquemas y tablas, al destino: esquema, datos (en paralelo, desde una instantánea coherente), índices y restricciones, secuencias, objetos grandes, y luego compara el recuento exacto de filas de cada tabla en ambos lados. Detenga primero las escrituras en el origen, o deje que pgshift ejecute la breve lista de comprobación de conmutación alrededor de la copia: escrituras detenidas (--writes-stopped, --block-writes o --block-database), la copia, secuencias adelantadas, recuentos de filas (y con --checksums sumas de comprobación de filas) comparados, la cadena de conexión del destino; un fallo vuelve a habilitar las escrituras. Ctrl+C cancela y lista lo que se creó en el destino, con el SQL que lo elimina. Código de salida: 0 la copia y su verificación tuvieron éxito, 1 no, 2 uso incorrecto.</translation>
    </message>
</context>
<context>
    <name>pgshift::app::CutoverCommand</name>
    <message>
        <source>Cut over a running logical replication: pre-checks, stop writes on the source, catch up, move the sequences ahead, compare exact row counts, end replication, and print the target&apos;s connection string. It stops at the first failure and re-enables writes on the source, replication still running. After a success the write block stays (pgshift cutover --reenable-writes lifts it).
Without --block-writes or --block-database you confirm that the application is stopped.
Without --source/--target it follows the replication pgshift saved.
Exit status: 0 every step succeeded, 1 a step failed, 2 bad usage.</source>
        <translation>Conmuta una replicación lógica en marcha: comprobaciones previas, detener las escrituras en el origen, ponerse al día, adelantar las secuencias, comparar los recuentos exactos de filas, terminar la replicación e imprimir la cadena de conexión del destino. Se detiene en el primer fallo y vuelve a habilitar las escrituras en el origen, con la replicación aún en marcha. Tras un éxito el bloqueo de escritura se mantiene (pgshift cutover --reenable-writes lo levanta).
Sin --block-writes ni --block-database usted confirma que la aplicación está detenida.
Sin --source/--target sigue la replicación que pgshift guardó.
Código de salida: 0 cada paso tuvo éxito, 1 un paso falló, 2 uso incorrecto.</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>Mostrar esta ayuda.</translation>
    </message>
    <message>
        <source>Seconds to wait for the catch-up (default 300).</source>
        <translation>Segundos de espera para ponerse al día (predeterminado 300).</translation>
    </message>
    <message>
        <source>Lag in bytes the pre-checks accept (default 1 MiB).</source>
        <translation>Retraso en bytes que aceptan las comprobaciones previas (predeterminado 1 MiB).</translation>
    </message>
    <message>
        <source>Publication name (default pgshift_pub).</source>
        <translation>Nombre de la publication (predeterminado pgshift_pub).</translation>
    </message>
    <message>
        <source>Subscription name (default pgshift_sub).</source>
        <translation>Nombre de la subscription (predeterminado pgshift_sub).</translation>
    </message>
    <message>
        <source>Replication slot name (default: the subscription&apos;s).</source>
        <translation>Nombre del slot de replicación (predeterminado: el de la subscription).</translation>
    </message>
    <message>
        <source>Only lift the write block of an earlier cutover (give the same --block-* option).</source>
        <translation>Solo levantar el bloqueo de escritura de una conmutación anterior (indique la misma opción --block-*).</translation>
    </message>
    <message>
        <source>Do not ask for confirmation.</source>
        <translation>No pedir confirmación.</translation>
    </message>
    <message>
        <source>--timeout must be a number of seconds, 1 or more, not &apos;%1&apos;</source>
        <translation>--timeout debe ser un número de segundos, 1 o más, no &apos;%1&apos;</translation>
    </message>
    <message>
        <source>--max-lag must be a number of bytes, not &apos;%1&apos;</source>
        <translation>--max-lag debe ser un número de bytes, no &apos;%1&apos;</translation>
    </message>
    <message>
        <source>--reenable-writes needs the --block-writes or --block-database option the cutover used</source>
        <translation>--reenable-writes necesita la opción --block-writes o --block-database que usó la conmutación</translation>
    </message>
    <message>
        <source>Writes are allowed again on the source.</source>
        <translation>Las escrituras vuelven a estar permitidas en el origen.</translation>
    </message>
    <message>
        <source>not on a terminal: add --yes to cut over without confirmation</source>
        <translation>no es un terminal: añada --yes para conmutar sin confirmación</translation>
    </message>
    <message>
        <source>Is the application stopped, so that nothing writes to the source any more? Cut over now? [y/N] </source>
        <translation>¿Está detenida la aplicación, de modo que nada escribe ya en el origen? ¿Conmutar ahora? [y/N] </translation>
    </message>
    <message>
        <source>Stop writes on the source and cut over now? [y/N] </source>
        <translation>¿Detener las escrituras en el origen y conmutar ahora? [y/N] </translation>
    </message>
    <message>
        <source>Cancelling the cutover…</source>
        <translation>Cancelando la conmutación…</translation>
    </message>
</context>
<context>
    <name>pgshift::app::DmsCommand</name>
    <message>
        <source>Only this schema (repeatable).</source>
        <translation>Solo este esquema (repetible).</translation>
    </message>
    <message>
        <source>Only this table, as table or schema.table (repeatable).</source>
        <translation>Solo esta tabla, como tabla o esquema.tabla (repetible).</translation>
    </message>
    <message>
        <source>Usage: pgshift dms plan|finish [options]
  plan    create the target&apos;s schema (foreign keys held back) and write the DMS task settings, table mapping, endpoint attributes and aws CLI commands
  finish  after DMS loaded the data: stop writes, catch up, add the foreign keys, move the sequences ahead, compare row counts
pgshift dms plan --help and pgshift dms finish --help list the options.</source>
        <translation>Uso: pgshift dms plan|finish [opciones]
  plan    crear el esquema del destino (claves foráneas retenidas) y escribir la configuración de la tarea DMS, el table mapping, los atributos de los endpoints y los comandos de aws CLI
  finish  después de que DMS cargue los datos: detener escrituras, ponerse al día, añadir las claves foráneas, adelantar las secuencias, comparar recuentos de filas
pgshift dms plan --help y pgshift dms finish --help listan las opciones.</translation>
    </message>
    <message>
        <source>say plan or finish</source>
        <translation>diga plan o finish</translation>
    </message>
    <message>
        <source>unknown subcommand &apos;%1&apos;: say plan or finish</source>
        <translation>subcomando desconocido &apos;%1&apos;: diga plan o finish</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Cancelando…</translation>
    </message>
    <message>
        <source>Prepare an AWS DMS migration, schema first: create the schema on the target with its foreign keys held back (so DMS can load the tables in any order), then write into --out the task settings, the table mapping, the endpoints&apos; extra connection attributes, the aws CLI commands (with placeholders for ARNs and passwords) and the held-back keys. pgshift never handles AWS credentials.
Exit status: 0 done, 1 failed (the target as the error says), 2 bad usage.</source>
        <translation>Preparar una migración con AWS DMS, esquema primero: crear el esquema en el destino con sus claves foráneas retenidas (para que DMS pueda cargar las tablas en cualquier orden), luego escribir en --out la configuración de la tarea, el table mapping, los extra connection attributes de los endpoints, los comandos de aws CLI (con marcadores para ARN y contraseñas) y las claves retenidas. pgshift nunca maneja credenciales de AWS.
Código de salida: 0 hecho, 1 falló (el destino como dice el error), 2 uso incorrecto.</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>Mostrar esta ayuda.</translation>
    </message>
    <message>
        <source>Folder for the files (created if missing).</source>
        <translation>Carpeta para los archivos (se crea si falta).</translation>
    </message>
    <message>
        <source>DMS task identifier (default pgshift-dms).</source>
        <translation>Identificador de la tarea DMS (predeterminado pgshift-dms).</translation>
    </message>
    <message>
        <source>Slot name DMS is to use on the source (default pgshift_dms).</source>
        <translation>Nombre del slot que DMS usará en el origen (predeterminado pgshift_dms).</translation>
    </message>
    <message>
        <source>A task without ongoing changes (no slot).</source>
        <translation>Una tarea sin cambios continuos (sin slot).</translation>
    </message>
    <message>
        <source>Limited LOB mode: values over KB kilobytes are cut (default: full LOB mode).</source>
        <translation>Modo LOB limitado: los valores de más de KB kilobytes se truncan (predeterminado: modo LOB completo).</translation>
    </message>
    <message>
        <source>Tables DMS loads at a time (default 8).</source>
        <translation>Tablas que DMS carga a la vez (predeterminado 8).</translation>
    </message>
    <message>
        <source>Turn DMS&apos;s row-level validation off.</source>
        <translation>Desactivar la validación por filas de DMS.</translation>
    </message>
    <message>
        <source>--out DIR is required: the folder for the DMS files</source>
        <translation>--out DIR es obligatorio: la carpeta para los archivos de DMS</translation>
    </message>
    <message>
        <source>--limited-lobs must be a number of kilobytes, 1 or more, not &apos;%1&apos;</source>
        <translation>--limited-lobs debe ser un número de kilobytes, 1 o más, no &apos;%1&apos;</translation>
    </message>
    <message>
        <source>--parallel-tables must be a number, not &apos;%1&apos;</source>
        <translation>--parallel-tables debe ser un número, no &apos;%1&apos;</translation>
    </message>
    <message>
        <source>Creating the schema on the target, foreign keys held back…</source>
        <translation>Creando el esquema en el destino, claves foráneas retenidas…</translation>
    </message>
    <message numerus="yes">
        <source>The schema copy created %n object(s) on the target first; drop them before planning again.</source>
        <translation>
            <numerusform>La copia del esquema creó primero %n objeto en el destino; elimínelo antes de volver a planificar.</numerusform>
            <numerusform>La copia del esquema creó primero %n objetos en el destino; elimínelos antes de volver a planificar.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Schema created on the target; %n table(s) in the mapping.</source>
        <translation>
            <numerusform>Esquema creado en el destino; %n tabla en el mapping.</numerusform>
            <numerusform>Esquema creado en el destino; %n tablas en el mapping.</numerusform>
        </translation>
    </message>
    <message>
        <source>No foreign key to hold back.</source>
        <translation>Ninguna clave foránea que retener.</translation>
    </message>
    <message numerus="yes">
        <source>%n foreign key(s) held back until pgshift dms finish:</source>
        <translation>
            <numerusform>%n clave foránea retenida hasta pgshift dms finish:</numerusform>
            <numerusform>%n claves foráneas retenidas hasta pgshift dms finish:</numerusform>
        </translation>
    </message>
    <message>
        <source>Files written:</source>
        <translation>Archivos escritos:</translation>
    </message>
    <message>
        <source>Next: run the aws CLI commands in aws-commands.sh; once the full load is done (and, with ongoing changes, the lag is small), run pgshift dms finish.</source>
        <translation>Siguiente: ejecute los comandos de aws CLI de aws-commands.sh; cuando termine la carga completa (y, con cambios continuos, el retraso sea pequeño), ejecute pgshift dms finish.</translation>
    </message>
    <message>
        <source>Finish an AWS DMS migration after its full load: refresh materialized views, stop writes on the source, wait until DMS confirms the source&apos;s last WAL position on its slot, copy large objects, add the foreign keys held back (all or none, after counting the rows that would break each), move the sequences ahead, compare exact row counts. It stops at the first failure and re-enables writes.
Without --block-writes or --block-database you confirm that the application is stopped.
Exit status: 0 every step succeeded, 1 a step failed, 2 bad usage.</source>
        <translation>Terminar una migración con AWS DMS tras su carga completa: refrescar las vistas materializadas, detener las escrituras en el origen, esperar a que DMS confirme la última posición WAL del origen en su slot, copiar los objetos grandes, añadir las claves foráneas retenidas (todas o ninguna, tras contar las filas que romperían cada una), adelantar las secuencias, comparar los recuentos exactos de filas. Se detiene en el primer fallo y vuelve a habilitar las escrituras.
Sin --block-writes ni --block-database usted confirma que la aplicación está detenida.
Código de salida: 0 cada paso tuvo éxito, 1 un paso falló, 2 uso incorrecto.</translation>
    </message>
    <message>
        <source>DMS&apos;s slot on the source (default pgshift_dms).</source>
        <translation>El slot de DMS en el origen (predeterminado pgshift_dms).</translation>
    </message>
    <message>
        <source>The task had no ongoing changes: no catch-up.</source>
        <translation>La tarea no tenía cambios continuos: no hay que ponerse al día.</translation>
    </message>
    <message>
        <source>Seconds to wait for the catch-up (default 300).</source>
        <translation>Segundos de espera para ponerse al día (predeterminado 300).</translation>
    </message>
    <message>
        <source>Do not ask for confirmation.</source>
        <translation>No pedir confirmación.</translation>
    </message>
    <message>
        <source>--timeout must be a number of seconds, 1 or more, not &apos;%1&apos;</source>
        <translation>--timeout debe ser un número de segundos, 1 o más, no &apos;%1&apos;</translation>
    </message>
    <message>
        <source>not on a terminal: add --yes to finish without confirmation</source>
        <translation>no es un terminal: añada --yes para terminar sin confirmación</translation>
    </message>
    <message>
        <source>Is the application stopped, so that nothing writes to the source any more? Finish now? [y/N] </source>
        <translation>¿Está detenida la aplicación, de modo que nada escribe ya en el origen? ¿Terminar ahora? [y/N] </translation>
    </message>
    <message>
        <source>Stop writes on the source and finish now? [y/N] </source>
        <translation>¿Detener las escrituras en el origen y terminar ahora? [y/N] </translation>
    </message>
    <message>
        <source>Then stop and delete the DMS task and endpoints (section 4 of aws-commands.sh).</source>
        <translation>Después detenga y elimine la tarea DMS y los endpoints (sección 4 de aws-commands.sh).</translation>
    </message>
</context>
<context>
    <name>pgshift::app::Ping</name>
    <message>
        <source>  FAILED      %1</source>
        <translation>  FALLÓ       %1</translation>
    </message>
    <message>
        <source>could not connect</source>
        <translation>no se pudo conectar</translation>
    </message>
    <message>
        <source>  details     %1</source>
        <translation>  detalles    %1</translation>
    </message>
    <message>
        <source>  server      PostgreSQL %1%2</source>
        <translation>  servidor    PostgreSQL %1%2</translation>
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
        <translation>  usuario     %1 (%2)</translation>
    </message>
    <message>
        <source>no special attributes</source>
        <translation>sin atributos especiales</translation>
    </message>
    <message>
        <source>  wal_level   %1</source>
        <translation>  wal_level   %1</translation>
    </message>
    <message>
        <source>  user tables %1 in %2 schema(s)</source>
        <translation>  tablas      %1 en %2 esquema(s)</translation>
    </message>
    <message>
        <source>  round trip  %1 ms (connect %2 ms)</source>
        <translation>  ida y vuelta %1 ms (conexión %2 ms)</translation>
    </message>
    <message>
        <source>Tests the source and/or target connection and prints what the wizard&apos;s Test button shows. Exit status: 0 every connection works, 1 one failed (or the target is the source itself), 2 bad usage.</source>
        <translation>Prueba la conexión de origen y/o de destino e imprime lo que muestra el botón Probar del asistente. Código de salida: 0 cada conexión funciona, 1 una falló (o el destino es el propio origen), 2 uso incorrecto.</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>Mostrar esta ayuda.</translation>
    </message>
    <message>
        <source>unexpected argument &apos;%1&apos;</source>
        <translation>argumento inesperado &apos;%1&apos;</translation>
    </message>
    <message>
        <source>give --source and/or --target (or set PGSHIFT_SOURCE, PGSHIFT_TARGET)</source>
        <translation>indique --source y/o --target (o defina PGSHIFT_SOURCE, PGSHIFT_TARGET)</translation>
    </message>
</context>
<context>
    <name>pgshift::app::ReplicateCommand</name>
    <message>
        <source>Source unreachable: %1</source>
        <translation>Origen inalcanzable: %1</translation>
    </message>
    <message>
        <source>Target unreachable: %1</source>
        <translation>Destino inalcanzable: %1</translation>
    </message>
    <message>
        <source>No subscription on the target.</source>
        <translation>No hay subscription en el destino.</translation>
    </message>
    <message>
        <source>Tables ready: %1 of %2%3</source>
        <translation>Tablas listas: %1 de %2%3</translation>
    </message>
    <message numerus="yes">
        <source> (%n copying now)</source>
        <translation>
            <numerusform> (%n copiándose ahora)</numerusform>
            <numerusform> (%n copiándose ahora)</numerusform>
        </translation>
    </message>
    <message>
        <source>, %1 rows so far</source>
        <translation>, %1 filas hasta ahora</translation>
    </message>
    <message>
        <source>Lag: %1, %2 s; WAL kept by the slot: %3</source>
        <translation>Retraso: %1, %2 s; WAL retenido por el slot: %3</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>desconocido</translation>
    </message>
    <message>
        <source>?</source>
        <translation>?</translation>
    </message>
    <message>
        <source>The apply worker is not running%1.</source>
        <translation>El apply worker no está en marcha%1.</translation>
    </message>
    <message>
        <source> (subscription disabled)</source>
        <translation> (subscription deshabilitada)</translation>
    </message>
    <message>
        <source>Errors so far: %1 apply, %2 initial copy (see the target&apos;s server log).</source>
        <translation>Errores hasta ahora: %1 al aplicar, %2 en la copia inicial (vea el registro del servidor de destino).</translation>
    </message>
    <message numerus="yes">
        <source>%n deferred secondary index(es) still to build.</source>
        <translation>
            <numerusform>Falta construir %n índice secundario diferido.</numerusform>
            <numerusform>Faltan construir %n índices secundarios diferidos.</numerusform>
        </translation>
    </message>
    <message>
        <source>READY for cutover.</source>
        <translation>LISTO para la conmutación.</translation>
    </message>
    <message>
        <source>Not ready for cutover yet.</source>
        <translation>Aún no está listo para la conmutación.</translation>
    </message>
    <message>
        <source>The initial copy reports errors; see the target&apos;s server log.</source>
        <translation>La copia inicial informa de errores; vea el registro del servidor de destino.</translation>
    </message>
    <message>
        <source>Initial copy: %1 of %2 tables ready</source>
        <translation>Copia inicial: %1 de %2 tablas listas</translation>
    </message>
    <message>
        <source>Steps:</source>
        <translation>Pasos:</translation>
    </message>
    <message>
        <source>Note: the subscription keeps the source&apos;s password on the target (in pg_subscription) until cleanup drops it. A dedicated role with only REPLICATION and SELECT on the published tables limits what it can do.</source>
        <translation>Nota: la subscription guarda la contraseña del origen en el destino (en pg_subscription) hasta que la limpieza la elimina. Un rol dedicado con solo REPLICATION y SELECT sobre las tablas publicadas limita lo que puede hacer.</translation>
    </message>
    <message>
        <source>Replication was NOT started:</source>
        <translation>La replicación NO se inició:</translation>
    </message>
    <message numerus="yes">
        <source>Replication started: the target is copying %n table(s).</source>
        <translation>
            <numerusform>Replicación iniciada: el destino está copiando %n tabla.</numerusform>
            <numerusform>Replicación iniciada: el destino está copiando %n tablas.</numerusform>
        </translation>
    </message>
    <message>
        <source>Stopped waiting; replication goes on. Follow it with &apos;pgshift replicate status&apos;.</source>
        <translation>Se dejó de esperar; la replicación continúa. Sígala con &apos;pgshift replicate status&apos;.</translation>
    </message>
    <message>
        <source>Every table finished its initial copy.</source>
        <translation>Cada tabla terminó su copia inicial.</translation>
    </message>
    <message numerus="yes">
        <source>Built %n deferred secondary index(es).</source>
        <translation>
            <numerusform>Construido %n índice secundario diferido.</numerusform>
            <numerusform>Construidos %n índices secundarios diferidos.</numerusform>
        </translation>
    </message>
    <message>
        <source>pgshift objects still there (other runs, or names given differently):</source>
        <translation>Objetos de pgshift que siguen ahí (otras ejecuciones, o nombres dados de otra forma):</translation>
    </message>
    <message>
        <source>, keeping %1 of WAL</source>
        <translation>, reteniendo %1 de WAL</translation>
    </message>
    <message>
        <source>No pgshift slot, publication or subscription is left on either side.</source>
        <translation>No queda ningún slot, publication ni subscription de pgshift en ninguno de los lados.</translation>
    </message>
    <message>
        <source>Logical replication from the source to the target.
  start    copy the schema, publish on the source, subscribe on the target, wait for the initial
           copy, then build the deferred secondary indexes
  status   tables&apos; sync states, lag in bytes and seconds, WAL kept, readiness for cutover
  cleanup  drop the subscription, the slot and the publication; list other pgshift leftovers
Exit status: 0 done, 1 failed (or, for status, a server or the subscription is missing), 2 bad usage.</source>
        <translation>Replicación lógica del origen al destino.
  start    copiar el esquema, publicar en el origen, suscribirse en el destino, esperar la copia
           inicial, luego construir los índices secundarios diferidos
  status   estados de sincronización de las tablas, retraso en bytes y segundos, WAL retenido, si está listo para la conmutación
  cleanup  eliminar la subscription, el slot y la publication; listar otros restos de pgshift
Código de salida: 0 hecho, 1 falló (o, para status, falta un servidor o la subscription), 2 uso incorrecto.</translation>
    </message>
    <message>
        <source>start, status or cleanup</source>
        <translation>start, status o cleanup</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>Mostrar esta ayuda.</translation>
    </message>
    <message>
        <source>Publication name (default pgshift_pub).</source>
        <translation>Nombre de la publication (predeterminado pgshift_pub).</translation>
    </message>
    <message>
        <source>Subscription name (default pgshift_sub).</source>
        <translation>Nombre de la subscription (predeterminado pgshift_sub).</translation>
    </message>
    <message>
        <source>Replication slot name (default: the subscription&apos;s).</source>
        <translation>Nombre del slot de replicación (predeterminado: el de la subscription).</translation>
    </message>
    <message>
        <source>Replicate this schema (repeatable).</source>
        <translation>Replicar este esquema (repetible).</translation>
    </message>
    <message>
        <source>Replicate this table (repeatable).</source>
        <translation>Replicar esta tabla (repetible).</translation>
    </message>
    <message>
        <source>Parallel sessions for the schema and the index builds.</source>
        <translation>Sesiones en paralelo para el esquema y la construcción de índices.</translation>
    </message>
    <message>
        <source>Create every index before the initial copy (slower copy; by default secondary indexes are built after it).</source>
        <translation>Crear cada índice antes de la copia inicial (copia más lenta; de forma predeterminada los índices secundarios se construyen después).</translation>
    </message>
    <message>
        <source>start: return once the subscription exists.</source>
        <translation>start: volver en cuanto exista la subscription.</translation>
    </message>
    <message>
        <source>status: text or json.</source>
        <translation>status: text o json.</translation>
    </message>
    <message>
        <source>status: print again every 2 seconds until Ctrl+C.</source>
        <translation>status: imprimir de nuevo cada 2 segundos hasta Ctrl+C.</translation>
    </message>
    <message>
        <source>Lag in bytes under which cutover is ready (default 1 MiB).</source>
        <translation>Retraso en bytes por debajo del cual la conmutación está lista (predeterminado 1 MiB).</translation>
    </message>
    <message>
        <source>start: do not ask for confirmation.</source>
        <translation>start: no pedir confirmación.</translation>
    </message>
    <message>
        <source>say what to do: start, status or cleanup</source>
        <translation>diga qué hacer: start, status o cleanup</translation>
    </message>
    <message>
        <source>--jobs must be a number from 1 to 64, not &apos;%1&apos;</source>
        <translation>--jobs debe ser un número de 1 a 64, no &apos;%1&apos;</translation>
    </message>
    <message>
        <source>--max-lag must be a number of bytes, not &apos;%1&apos;</source>
        <translation>--max-lag debe ser un número de bytes, no &apos;%1&apos;</translation>
    </message>
    <message>
        <source>--format must be text or json, not &apos;%1&apos;</source>
        <translation>--format debe ser text o json, no &apos;%1&apos;</translation>
    </message>
    <message>
        <source>not on a terminal: add --yes to start replication without confirmation</source>
        <translation>no es un terminal: añada --yes para iniciar la replicación sin confirmación</translation>
    </message>
    <message>
        <source>Start replicating %1 of %2
  to %3? [y/N] </source>
        <translation>¿Iniciar la replicación de %1 de %2
  a %3? [y/N] </translation>
    </message>
    <message>
        <source>Could not save the replication&apos;s state: %1</source>
        <translation>No se pudo guardar el estado de la replicación: %1</translation>
    </message>
    <message>
        <source>Received by the target: %1 behind the source; reported back: %2 behind</source>
        <translation>Recibido por el destino: %1 por detrás del origen; confirmado: %2 por detrás</translation>
    </message>
</context>
<context>
    <name>pgshift::app::SandboxCommand</name>
    <message>
        <source>no sandbox is running (pgshift sandbox start makes one)</source>
        <translation>no hay ningún sandbox en marcha (pgshift sandbox start crea uno)</translation>
    </message>
    <message numerus="yes">
        <source>%n sandboxes exist: name one with --dir</source>
        <translation>
            <numerusform>Existe %n sandbox: nombre uno con --dir</numerusform>
            <numerusform>Existen %n sandboxes: nombre uno con --dir</numerusform>
        </translation>
    </message>
    <message>
        <source>no sandbox in %1</source>
        <translation>no hay sandbox en %1</translation>
    </message>
    <message>
        <source>Throwaway passwords, also in %1 (mode 0600; `. %1` sets PGSHIFT_SOURCE and PGSHIFT_TARGET). The servers listen on 127.0.0.1 only and run until pgshift sandbox stop.</source>
        <translation>Contraseñas desechables, también en %1 (modo 0600; `. %1` define PGSHIFT_SOURCE y PGSHIFT_TARGET). Los servidores escuchan solo en 127.0.0.1 y funcionan hasta pgshift sandbox stop.</translation>
    </message>
    <message>
        <source>No sandbox.</source>
        <translation>No hay sandbox.</translation>
    </message>
    <message>
        <source>started %1 by %2, %3</source>
        <translation>iniciado %1 por %2, %3</translation>
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
        <translation>se conserva hasta pgshift sandbox stop</translation>
    </message>
    <message>
        <source>removed when that pgshift ends</source>
        <translation>se elimina cuando termine ese pgshift</translation>
    </message>
    <message>
        <source>running</source>
        <translation>en marcha</translation>
    </message>
    <message>
        <source>STOPPED</source>
        <translation>DETENIDO</translation>
    </message>
    <message>
        <source>connection strings: %1</source>
        <translation>cadenas de conexión: %1</translation>
    </message>
    <message>
        <source>Stopped and deleted %1.</source>
        <translation>%1 detenido y eliminado.</translation>
    </message>
    <message>
        <source>Writing about %1 operations a second for %2 s…</source>
        <translation>Escribiendo unas %1 operaciones por segundo durante %2 s…</translation>
    </message>
    <message>
        <source>Writing about %1 operations a second; Ctrl+C stops.</source>
        <translation>Escribiendo unas %1 operaciones por segundo; Ctrl+C detiene.</translation>
    </message>
    <message>
        <source>%1 inserts, %2 updates, %3 deletes, %4 refused.</source>
        <translation>%1 inserts, %2 updates, %3 deletes, %4 rechazados.</translation>
    </message>
    <message>
        <source>Last refusal: %1</source>
        <translation>Último rechazo: %1</translation>
    </message>
    <message>
        <source>Two throwaway PostgreSQL servers on this computer (127.0.0.1 only), a source with a sample shop (about 100,000 rows, sequences, identity columns, foreign keys, a partitioned table, a materialized view, a table without a primary key, a large object) and an empty target, for trying pgshift.
  start      start them, print both connection strings (with their throwaway passwords)
  status     list the sandboxes and whether their servers run
  stop       stop the servers and delete everything (--dir DIR or all when there are several)
  workload   write on the source like an application (--rate per second, --seconds)
Exit status: 0 done, 1 failed, 2 bad usage.</source>
        <translation>Dos servidores PostgreSQL desechables en este equipo (solo 127.0.0.1), un origen con una tienda de ejemplo (unas 100.000 filas, secuencias, columnas identity, claves foráneas, una tabla particionada, una vista materializada, una tabla sin clave primaria, un objeto grande) y un destino vacío, para probar pgshift.
  start      iniciarlos, imprimir ambas cadenas de conexión (con sus contraseñas desechables)
  status     listar los sandboxes y si sus servidores están en marcha
  stop       detener los servidores y borrarlo todo (--dir DIR, o all cuando hay varios)
  workload   escribir en el origen como una aplicación (--rate por segundo, --seconds)
Código de salida: 0 hecho, 1 falló, 2 uso incorrecto.</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>Mostrar esta ayuda.</translation>
    </message>
    <message>
        <source>The sandbox&apos;s directory (status lists them), or all for stop.</source>
        <translation>El directorio del sandbox (status los lista), o all para stop.</translation>
    </message>
    <message>
        <source>Workload operations per second (default 5).</source>
        <translation>Operaciones de carga por segundo (predeterminado 5).</translation>
    </message>
    <message>
        <source>Stop the workload after this many seconds (default: Ctrl+C).</source>
        <translation>Detener la carga tras estos segundos (predeterminado: Ctrl+C).</translation>
    </message>
    <message>
        <source>say start, status, stop or workload</source>
        <translation>diga start, status, stop o workload</translation>
    </message>
    <message>
        <source>--rate must be a number from 0.1 to 1000, not &apos;%1&apos;</source>
        <translation>--rate debe ser un número de 0.1 a 1000, no &apos;%1&apos;</translation>
    </message>
    <message>
        <source>--seconds must be a whole number, not &apos;%1&apos;</source>
        <translation>--seconds debe ser un número entero, no &apos;%1&apos;</translation>
    </message>
    <message>
        <source>unknown action &apos;%1&apos;: say start, status, stop or workload</source>
        <translation>acción desconocida &apos;%1&apos;: diga start, status, stop o workload</translation>
    </message>
</context>
<context>
    <name>pgshift::app::SequencesCommand</name>
    <message>
        <source>The setval() statements that move every sequence of the target past its source, read from the source&apos;s pg_sequences (nextval() is never called there). A sequence moves a margin of increments ahead (down for descending ones), never past its MINVALUE/MAXVALUE; never-used ones stay at their start. Prints the script; --apply runs it on the target in one transaction and checks that every target sequence is ahead.
Exit status: 0 done (and, with --apply, every sequence ahead), 1 failed, 2 bad usage.</source>
        <translation>Las sentencias setval() que llevan cada secuencia del destino más allá de su origen, leídas de pg_sequences del origen (allí nunca se llama a nextval()). Una secuencia avanza un margen de incrementos (hacia abajo en las descendentes), nunca más allá de su MINVALUE/MAXVALUE; las nunca usadas se quedan en su inicio. Imprime el script; --apply lo ejecuta en el destino en una transacción y comprueba que cada secuencia del destino va por delante.
Código de salida: 0 hecho (y, con --apply, cada secuencia por delante), 1 falló, 2 uso incorrecto.</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>Mostrar esta ayuda.</translation>
    </message>
    <message>
        <source>Increments ahead of the source (default %1).</source>
        <translation>Incrementos por delante del origen (predeterminado %1).</translation>
    </message>
    <message>
        <source>Instead of --margin: read the sequences twice %1 s apart and allow for SECONDS of cutover at the fastest rate seen, three times over.</source>
        <translation>En lugar de --margin: leer las secuencias dos veces con %1 s de separación y prever SECONDS segundos de conmutación al ritmo más rápido observado, tres veces.</translation>
    </message>
    <message>
        <source>Run the statements on the target, then verify.</source>
        <translation>Ejecutar las sentencias en el destino y luego verificar.</translation>
    </message>
    <message>
        <source>Only this schema&apos;s sequences (repeatable).</source>
        <translation>Solo las secuencias de este esquema (repetible).</translation>
    </message>
    <message>
        <source>Only the sequences this table owns (repeatable).</source>
        <translation>Solo las secuencias que posee esta tabla (repetible).</translation>
    </message>
    <message>
        <source>give --margin or --rate-window, not both</source>
        <translation>indique --margin o --rate-window, no ambas</translation>
    </message>
    <message>
        <source>--margin must be a whole number of increments, 0 or more, not &apos;%1&apos;</source>
        <translation>--margin debe ser un número entero de incrementos, 0 o más, no &apos;%1&apos;</translation>
    </message>
    <message>
        <source>--rate-window must be a number of seconds from 1 to 86400, not &apos;%1&apos;</source>
        <translation>--rate-window debe ser un número de segundos de 1 a 86400, no &apos;%1&apos;</translation>
    </message>
    <message>
        <source>give --source (or set PGSHIFT_SOURCE)</source>
        <translation>indique --source (o defina PGSHIFT_SOURCE)</translation>
    </message>
    <message>
        <source>--apply needs --target (or PGSHIFT_TARGET)</source>
        <translation>--apply necesita --target (o PGSHIFT_TARGET)</translation>
    </message>
    <message>
        <source>Reading the sequences again in %1 s to measure their rate…</source>
        <translation>Leyendo de nuevo las secuencias en %1 s para medir su ritmo…</translation>
    </message>
    <message numerus="yes">
        <source>%n sequence(s) of %1, margin %2 increments</source>
        <translation>
            <numerusform>%n secuencia de %1, margen %2 incrementos</numerusform>
            <numerusform>%n secuencias de %1, margen %2 incrementos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Set %n sequence(s) on the target.</source>
        <translation>
            <numerusform>Fijada %n secuencia en el destino.</numerusform>
            <numerusform>Fijadas %n secuencias en el destino.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n target sequence(s) are not ahead of the source.</source>
        <translation>
            <numerusform>%n secuencia del destino no va por delante del origen.</numerusform>
            <numerusform>%n secuencias del destino no van por delante del origen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Verified: every target sequence is ahead of its source.</source>
        <translation>Verificado: cada secuencia del destino va por delante de su origen.</translation>
    </message>
</context>
<context>
    <name>pgshift::core::ArchiveCopy</name>
    <message>
        <source>The pg_dump engine needs a folder for its archive.</source>
        <translation>El motor pg_dump necesita una carpeta para su archivo.</translation>
    </message>
    <message>
        <source>The archive folder %1 is not empty; choose a new or empty one.</source>
        <translation>La carpeta de archivo %1 no está vacía; elija una nueva o vacía.</translation>
    </message>
    <message>
        <source>Cannot create the archive folder %1.</source>
        <translation>No se puede crear la carpeta de archivo %1.</translation>
    </message>
    <message>
        <source>pg_dump is writing the archive</source>
        <translation>pg_dump está escribiendo el archivo</translation>
    </message>
    <message>
        <source>pg_dump into %1</source>
        <translation>pg_dump en %1</translation>
    </message>
    <message>
        <source>pg_dump: %1 of %2 tables written to the archive</source>
        <translation>pg_dump: %1 de %2 tablas escritas en el archivo</translation>
    </message>
    <message>
        <source>pg_restore is loading the archive</source>
        <translation>pg_restore está cargando el archivo</translation>
    </message>
    <message>
        <source>pg_restore from %1</source>
        <translation>pg_restore desde %1</translation>
    </message>
</context>
<context>
    <name>pgshift::core::ClientToolsCheck</name>
    <message>
        <source>pg_dump, pg_restore and psql</source>
        <translation>pg_dump, pg_restore y psql</translation>
    </message>
    <message>
        <source>%1 (not found)</source>
        <translation>%1 (no encontrado)</translation>
    </message>
    <message>
        <source>%1 (newest found: %2 at %3)</source>
        <translation>%1 (el más reciente encontrado: %2 en %3)</translation>
    </message>
    <message>
        <source>Found: %1.</source>
        <translation>Encontrados: %1.</translation>
    </message>
    <message>
        <source>Missing at version %1 or newer: %2.</source>
        <translation>Faltan en la versión %1 o posterior: %2.</translation>
    </message>
    <message>
        <source>pg_dump refuses to dump a server newer than itself, and every method copies the schema with it.</source>
        <translation>pg_dump se niega a volcar un servidor más reciente que él, y todos los métodos copian el esquema con él.</translation>
    </message>
    <message>
        <source>Install the PostgreSQL %1 client programs (Debian and Ubuntu: apt install postgresql-client-%1 from apt.postgresql.org; macOS: brew install postgresql@%1), or point PGSHIFT_PG_CLIENT_BINDIR at their directory.</source>
        <translation>Instale los programas cliente de PostgreSQL %1 (Debian y Ubuntu: apt install postgresql-client-%1 desde apt.postgresql.org; macOS: brew install postgresql@%1), o apunte PGSHIFT_PG_CLIENT_BINDIR a su directorio.</translation>
    </message>
</context>
<context>
    <name>pgshift::core::CompatibilityCheck</name>
    <message>
        <source>Encoding, collation, tablespaces and owners</source>
        <translation>Codificación, collation, tablespaces y propietarios</translation>
    </message>
    <message>
        <source>Source: encoding %1, collation %2, ctype %3. Target: encoding %4, collation %5, ctype %6.</source>
        <translation>Origen: codificación %1, collation %2, ctype %3. Destino: codificación %4, collation %5, ctype %6.</translation>
    </message>
    <message>
        <source>Different encodings: text the target&apos;s encoding cannot represent fails to load. Create the target database with ENCODING &apos;%1&apos;.</source>
        <translation>Codificaciones distintas: el texto que la codificación del destino no puede representar no se carga. Cree la base de datos de destino con ENCODING &apos;%1&apos;.</translation>
    </message>
    <message>
        <source>Different collations sort text differently: indexes are rebuilt on the target, and ORDER BY results may change. Compare them before cutover.</source>
        <translation>Collations distintas ordenan el texto de forma distinta: los índices se reconstruyen en el destino y los resultados de ORDER BY pueden cambiar. Compárelas antes de la conmutación.</translation>
    </message>
    <message>
        <source>Tablespaces in use: %1.</source>
        <translation>Tablespaces en uso: %1.</translation>
    </message>
    <message>
        <source>pgshift creates everything in the target&apos;s default tablespace.</source>
        <translation>pgshift lo crea todo en el tablespace predeterminado del destino.</translation>
    </message>
    <message>
        <source>Owners not on the target: %1.</source>
        <translation>Propietarios que no están en el destino: %1.</translation>
    </message>
    <message>
        <source>Objects will belong to the target user (--no-owner); create these roles on the target first if ownership matters.</source>
        <translation>Los objetos pertenecerán al usuario de destino (--no-owner); cree antes estos roles en el destino si la propiedad importa.</translation>
    </message>
    <message>
        <source>These differences do not stop the copy, but change what arrives.</source>
        <translation>Estas diferencias no detienen la copia, pero cambian lo que llega.</translation>
    </message>
</context>
<context>
    <name>pgshift::core::ConnectionSettings</name>
    <message>
        <source>The connection string is empty.</source>
        <translation>La cadena de conexión está vacía.</translation>
    </message>
    <message>
        <source>out of memory</source>
        <translation>sin memoria</translation>
    </message>
    <message>
        <source>Not a valid connection string: %1</source>
        <translation>Cadena de conexión no válida: %1</translation>
    </message>
    <message>
        <source>No host given: enter the server&apos;s host name or address (for a local Unix socket, its directory, such as /var/run/postgresql).</source>
        <translation>No se indicó host: introduzca el nombre de host o la dirección del servidor (para un socket Unix local, su directorio, como /var/run/postgresql).</translation>
    </message>
    <message>
        <source>The port must be a number from 1 to 65535, not &quot;%1&quot;.</source>
        <translation>El puerto debe ser un número de 1 a 65535, no &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>sslmode &quot;%1&quot; is not one of: %2.</source>
        <translation>sslmode &quot;%1&quot; no es uno de: %2.</translation>
    </message>
    <message>
        <source>channel_binding &quot;%1&quot; is not one of: %2.</source>
        <translation>channel_binding &quot;%1&quot; no es uno de: %2.</translation>
    </message>
    <message>
        <source>The root certificate file %1 does not exist.</source>
        <translation>El archivo de certificado raíz %1 no existe.</translation>
    </message>
    <message>
        <source>connect_timeout must be a whole number of seconds, not &quot;%1&quot;.</source>
        <translation>connect_timeout debe ser un número entero de segundos, no &quot;%1&quot;.</translation>
    </message>
</context>
<context>
    <name>pgshift::core::CopyProgressTracker</name>
    <message>
        <source>Preparing</source>
        <translation>Preparando</translation>
    </message>
    <message>
        <source>Creating the schema</source>
        <translation>Creando el esquema</translation>
    </message>
    <message>
        <source>Copying the data</source>
        <translation>Copiando los datos</translation>
    </message>
    <message>
        <source>Creating constraints, triggers and the rest</source>
        <translation>Creando restricciones, triggers y el resto</translation>
    </message>
    <message>
        <source>Setting sequences</source>
        <translation>Fijando las secuencias</translation>
    </message>
    <message>
        <source>Copying large objects</source>
        <translation>Copiando los objetos grandes</translation>
    </message>
    <message>
        <source>Analyzing the target</source>
        <translation>Analizando el destino</translation>
    </message>
    <message>
        <source>Verifying row counts</source>
        <translation>Verificando los recuentos de filas</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Terminado</translation>
    </message>
</context>
<context>
    <name>pgshift::core::CopyRun</name>
    <message>
        <source>%1 %2 or newer was not found; the prerequisites check names the package to install.</source>
        <translation>No se encontró %1 %2 o posterior; la comprobación de requisitos indica el paquete que instalar.</translation>
    </message>
    <message>
        <source>%1 was not found; the prerequisites check names the package to install.</source>
        <translation>No se encontró %1; la comprobación de requisitos indica el paquete que instalar.</translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1 falló: %2</translation>
    </message>
    <message>
        <source>exit status %1</source>
        <translation>código de salida %1</translation>
    </message>
    <message>
        <source>The source has no schema named %1.</source>
        <translation>El origen no tiene ningún esquema llamado %1.</translation>
    </message>
    <message>
        <source>The source has no table named %1.%2.</source>
        <translation>El origen no tiene ninguna tabla llamada %1.%2.</translation>
    </message>
    <message>
        <source>Nothing to copy: %1 holds no table.</source>
        <translation>Nada que copiar: %1 no contiene ninguna tabla.</translation>
    </message>
    <message>
        <source>schema %1</source>
        <translation>esquema %1</translation>
    </message>
    <message>
        <source>The target already has objects of these names; nothing was copied. Drop them on the target or choose another target database: %1</source>
        <translation>El destino ya tiene objetos con estos nombres; no se copió nada. Elimínelos en el destino o elija otra base de datos de destino: %1</translation>
    </message>
    <message>
        <source>Cannot write a temporary file: %1</source>
        <translation>No se puede escribir un archivo temporal: %1</translation>
    </message>
    <message>
        <source>Dumping the schema (pg_dump --section=pre-data)</source>
        <translation>Volcado del esquema (pg_dump --section=pre-data)</translation>
    </message>
    <message>
        <source>Cannot read pg_dump&apos;s output: %1</source>
        <translation>No se puede leer la salida de pg_dump: %1</translation>
    </message>
    <message>
        <source>Creating the schema on the target (nothing of it was kept)</source>
        <translation>Creación del esquema en el destino (no se conservó nada de él)</translation>
    </message>
    <message>
        <source>Setting the sequences failed: %1</source>
        <translation>Fallo al fijar las secuencias: %1</translation>
    </message>
    <message>
        <source>Copying the large objects failed: %1</source>
        <translation>Fallo al copiar los objetos grandes: %1</translation>
    </message>
    <message>
        <source>ANALYZE failed on the target: %1</source>
        <translation>ANALYZE falló en el destino: %1</translation>
    </message>
    <message>
        <source>A worker could not connect: %1</source>
        <translation>Un worker no pudo conectarse: %1</translation>
    </message>
    <message>
        <source>%1: %2 rows on the source, %3 on the target.</source>
        <translation>%1: %2 filas en el origen, %3 en el destino.</translation>
    </message>
    <message>
        <source>Could not list what the copy created on the target: %1</source>
        <translation>No se pudo listar lo que la copia creó en el destino: %1</translation>
    </message>
    <message>
        <source>Cannot create a temporary folder: %1</source>
        <translation>No se puede crear una carpeta temporal: %1</translation>
    </message>
    <message>
        <source>Dumping indexes, constraints and triggers (pg_dump --section=post-data)</source>
        <translation>Volcado de índices, restricciones y triggers (pg_dump --section=post-data)</translation>
    </message>
    <message>
        <source>pg_restore --list failed: %1</source>
        <translation>pg_restore --list falló: %1</translation>
    </message>
    <message>
        <source>Creating constraints, triggers and the rest on the target (pg_restore)</source>
        <translation>Creación de restricciones, triggers y el resto en el destino (pg_restore)</translation>
    </message>
</context>
<context>
    <name>pgshift::core::CopyScope</name>
    <message>
        <source>&apos;%1&apos; is not a schema name (quote names with dots or capitals: &quot;My.Schema&quot;)</source>
        <translation>&apos;%1&apos; no es un nombre de esquema (ponga entre comillas los nombres con puntos o mayúsculas: &quot;My.Schema&quot;)</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a table name; write table or schema.table, quoting parts with dots or capitals: &quot;My Schema&quot;.&quot;My.Table&quot;</source>
        <translation>&apos;%1&apos; no es un nombre de tabla; escriba tabla o esquema.tabla, con comillas en las partes con puntos o mayúsculas: &quot;My Schema&quot;.&quot;My.Table&quot;</translation>
    </message>
    <message>
        <source>the whole database</source>
        <translation>toda la base de datos</translation>
    </message>
    <message>
        <source>schemas %1</source>
        <translation>esquemas %1</translation>
    </message>
    <message>
        <source>tables %1</source>
        <translation>tablas %1</translation>
    </message>
</context>
<context>
    <name>pgshift::core::Cutover</name>
    <message>
        <source>waiting</source>
        <translation>esperando</translation>
    </message>
    <message>
        <source>running</source>
        <translation>en marcha</translation>
    </message>
    <message>
        <source>done</source>
        <translation>hecho</translation>
    </message>
    <message>
        <source>FAILED</source>
        <translation>FALLÓ</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>omitido</translation>
    </message>
    <message>
        <source>Pre-checks: subscription enabled and streaming, every table ready, lag at most %1 bytes</source>
        <translation>Comprobaciones previas: subscription habilitada y transmitiendo, cada tabla lista, retraso de como mucho %1 bytes</translation>
    </message>
    <message>
        <source>both</source>
        <translation>ambos</translation>
    </message>
    <message>
        <source>source</source>
        <translation>origen</translation>
    </message>
    <message numerus="yes">
        <source>Catch up: wait until the target confirms the source&apos;s WAL position taken after writes stopped (at most %n second(s))</source>
        <translation>
            <numerusform>Ponerse al día: esperar a que el destino confirme la posición WAL del origen tomada tras detener las escrituras (como mucho %n segundo)</numerusform>
            <numerusform>Ponerse al día: esperar a que el destino confirme la posición WAL del origen tomada tras detener las escrituras (como mucho %n segundos)</numerusform>
        </translation>
    </message>
    <message>
        <source>Sequences: every target sequence %1 increments ahead of its source, then verified</source>
        <translation>Secuencias: cada secuencia del destino %1 incrementos por delante de su origen, luego verificada</translation>
    </message>
    <message>
        <source>target</source>
        <translation>destino</translation>
    </message>
    <message>
        <source>Validate: exact row counts of every table equal on both sides</source>
        <translation>Validar: recuentos exactos de filas de cada tabla iguales en ambos lados</translation>
    </message>
    <message>
        <source>End replication: drop the subscription (and with it the slot on the source) and the publication</source>
        <translation>Terminar la replicación: eliminar la subscription (y con ella el slot en el origen) y la publication</translation>
    </message>
    <message>
        <source>Point the application at the target</source>
        <translation>Apuntar la aplicación al destino</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Cancelado.</translation>
    </message>
    <message>
        <source>a server is unreachable: %1</source>
        <translation>un servidor es inalcanzable: %1</translation>
    </message>
    <message>
        <source>no subscription %1 on the target</source>
        <translation>no hay subscription %1 en el destino</translation>
    </message>
    <message>
        <source>the subscription is disabled</source>
        <translation>la subscription está deshabilitada</translation>
    </message>
    <message>
        <source>the subscription&apos;s apply worker is not running</source>
        <translation>el apply worker de la subscription no está en marcha</translation>
    </message>
    <message>
        <source>%1 of %2 tables ready</source>
        <translation>%1 de %2 tablas listas</translation>
    </message>
    <message numerus="yes">
        <source>%n deferred index(es) not built yet</source>
        <translation>
            <numerusform>%n índice diferido aún sin construir</numerusform>
            <numerusform>%n índices diferidos aún sin construir</numerusform>
        </translation>
    </message>
    <message>
        <source>lag %1 bytes, over %2</source>
        <translation>retraso %1 bytes, por encima de %2</translation>
    </message>
    <message>
        <source>Not ready: %1.</source>
        <translation>No está listo: %1.</translation>
    </message>
    <message numerus="yes">
        <source>%n table(s) ready, lag %1 bytes</source>
        <translation>
            <numerusform>%n tabla lista, retraso %1 bytes</numerusform>
            <numerusform>%n tablas listas, retraso %1 bytes</numerusform>
        </translation>
    </message>
    <message>
        <source>confirmed by you</source>
        <translation>confirmado por usted</translation>
    </message>
    <message numerus="yes">
        <source>new transactions are read-only; %n session(s) ended</source>
        <translation>
            <numerusform>las nuevas transacciones son de solo lectura; %n sesión terminada</numerusform>
            <numerusform>las nuevas transacciones son de solo lectura; %n sesiones terminadas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The target did not confirm %1 within %n second(s).</source>
        <translation>
            <numerusform>El destino no confirmó %1 en %n segundo.</numerusform>
            <numerusform>El destino no confirmó %1 en %n segundos.</numerusform>
        </translation>
    </message>
    <message>
        <source>the target confirmed %1 after %2 ms</source>
        <translation>el destino confirmó %1 tras %2 ms</translation>
    </message>
    <message>
        <source>Target sequences not ahead: %1</source>
        <translation>Secuencias del destino no adelantadas: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n sequence(s) set and verified ahead</source>
        <translation>
            <numerusform>%n secuencia fijada y verificada por delante</numerusform>
            <numerusform>%n secuencias fijadas y verificadas por delante</numerusform>
        </translation>
    </message>
    <message>
        <source>%1.%2: %3 on the source, %4 on the target</source>
        <translation>%1.%2: %3 en el origen, %4 en el destino</translation>
    </message>
    <message>
        <source>%1.%2: %3</source>
        <translation>%1.%2: %3</translation>
    </message>
    <message numerus="yes">
        <source>%n table(s) equal, %1 rows</source>
        <translation>
            <numerusform>%n tabla igual, %1 filas</numerusform>
            <numerusform>%n tablas iguales, %1 filas</numerusform>
        </translation>
    </message>
    <message>
        <source>The slot %1 is gone from the source.</source>
        <translation>El slot %1 ya no está en el origen.</translation>
    </message>
    <message>
        <source>The copy failed: %1</source>
        <translation>La copia falló: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n table(s), %1 rows copied</source>
        <translation>
            <numerusform>%n tabla, %1 filas copiadas</numerusform>
            <numerusform>%n tablas, %1 filas copiadas</numerusform>
        </translation>
    </message>
    <message>
        <source>%1.%2: %3 rows on both, but their checksums differ</source>
        <translation>%1.%2: %3 filas en ambos, pero sus sumas de comprobación difieren</translation>
    </message>
    <message>
        <source>Tables differ: %1</source>
        <translation>Hay tablas que difieren: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n table(s) equal in rows and checksums, %1 rows</source>
        <translation>
            <numerusform>%n tabla igual en filas y sumas de comprobación, %1 filas</numerusform>
            <numerusform>%n tablas iguales en filas y sumas de comprobación, %1 filas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Copy: schema, data (%1 engine, %n job(s)), indexes and constraints</source>
        <translation>
            <numerusform>Copia: esquema, datos (motor %1, %n job), índices y restricciones</numerusform>
            <numerusform>Copia: esquema, datos (motor %1, %n jobs), índices y restricciones</numerusform>
        </translation>
    </message>
    <message>
        <source>Validate: exact row counts and a checksum of every table equal on both sides</source>
        <translation>Validar: recuentos exactos de filas y una suma de comprobación de cada tabla iguales en ambos lados</translation>
    </message>
    <message>
        <source>Could not refresh: %1</source>
        <translation>No se pudo refrescar: %1</translation>
    </message>
    <message>
        <source>no materialized view to refresh</source>
        <translation>ninguna vista materializada que refrescar</translation>
    </message>
    <message numerus="yes">
        <source>%n refreshed: %1</source>
        <translation>
            <numerusform>%n refrescada: %1</numerusform>
            <numerusform>%n refrescadas: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>left empty, as on the source: %1</source>
        <translation>dejada vacía, como en el origen: %1</translation>
    </message>
    <message>
        <source>not copied: large objects belong to the whole database, and this migration covers %1</source>
        <translation>no copiados: los objetos grandes pertenecen a toda la base de datos, y esta migración abarca %1</translation>
    </message>
    <message>
        <source>no large objects</source>
        <translation>sin objetos grandes</translation>
    </message>
    <message numerus="yes">
        <source>%n large object(s) copied and verified, %1</source>
        <translation>
            <numerusform>%n objeto grande copiado y verificado, %1</numerusform>
            <numerusform>%n objetos grandes copiados y verificados, %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n already held data on the target and was overwritten with the source&apos;s</source>
        <translation>
            <numerusform>%n ya tenía datos en el destino y se sobrescribió con los del origen</numerusform>
            <numerusform>%n ya tenían datos en el destino y se sobrescribieron con los del origen</numerusform>
        </translation>
    </message>
    <message>
        <source>Materialized views: refresh on the target those that hold data on the source (before writes stop, so not part of the downtime)</source>
        <translation>Vistas materializadas: refrescar en el destino las que tienen datos en el origen (antes de detener las escrituras, así que no forma parte del tiempo sin escrituras)</translation>
    </message>
    <message>
        <source>Large objects: copy every one (data, owner, grants, comment) and verify their sizes</source>
        <translation>Objetos grandes: copiar cada uno (datos, propietario, permisos, comentario) y verificar sus tamaños</translation>
    </message>
    <message>
        <source>Left on the source (replication has stopped, so the cutover goes on): %1. Drop them there when it can be reached:
%2</source>
        <translation>Quedó en el origen (la replicación se detuvo, así que la conmutación sigue): %1. Elimínelo allí cuando se pueda alcanzar:
%2</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) of %1 break %2: %3</source>
        <translation>
            <numerusform>%n fila de %1 rompe %2: %3</numerusform>
            <numerusform>%n filas de %1 rompen %2: %3</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>No foreign key was added; the target&apos;s data breaks %n of them:</source>
        <translation>
            <numerusform>No se añadió ninguna clave foránea; los datos del destino rompen %n de ellas:</numerusform>
            <numerusform>No se añadió ninguna clave foránea; los datos del destino rompen %n de ellas:</numerusform>
        </translation>
    </message>
    <message>
        <source>Adding the foreign keys failed, none was added: %1</source>
        <translation>Falló añadir las claves foráneas, no se añadió ninguna: %1</translation>
    </message>
    <message>
        <source>every foreign key of the source is already on the target</source>
        <translation>cada clave foránea del origen ya está en el destino</translation>
    </message>
    <message numerus="yes">
        <source>%n foreign key(s) checked against the data and added: %1</source>
        <translation>
            <numerusform>%n clave foránea comprobada contra los datos y añadida: %1</numerusform>
            <numerusform>%n claves foráneas comprobadas contra los datos y añadidas: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Catch up: wait until DMS confirms the source&apos;s WAL position taken after writes stopped (at most %n second(s))</source>
        <translation>
            <numerusform>Ponerse al día: esperar a que DMS confirme la posición WAL del origen tomada tras detener las escrituras (como mucho %n segundo)</numerusform>
            <numerusform>Ponerse al día: esperar a que DMS confirme la posición WAL del origen tomada tras detener las escrituras (como mucho %n segundos)</numerusform>
        </translation>
    </message>
    <message>
        <source>Foreign keys held back for the load: count the rows that break each, then add them all (or none)</source>
        <translation>Claves foráneas retenidas para la carga: contar las filas que rompen cada una, luego añadirlas todas (o ninguna)</translation>
    </message>
    <message>
        <source>DMS confirmed %1 after %2 ms</source>
        <translation>DMS confirmó %1 tras %2 ms</translation>
    </message>
</context>
<context>
    <name>pgshift::core::DatabaseIdentity</name>
    <message>
        <source>The target is a physical standby of the source (same system identifier): it is read-only and already a copy. Choose another target server.</source>
        <translation>El destino es un standby físico del origen (mismo identificador de sistema): es de solo lectura y ya una copia. Elija otro servidor de destino.</translation>
    </message>
    <message>
        <source>The target is the source database itself (database &quot;%1&quot; on the same server). Migrating a database onto itself would destroy it. Choose another target.</source>
        <translation>El destino es la propia base de datos de origen (base de datos &quot;%1&quot; en el mismo servidor). Migrar una base de datos sobre sí misma la destruiría. Elija otro destino.</translation>
    </message>
    <message>
        <source>The target database &quot;%1&quot; is on the same server as the source database &quot;%2&quot;. That works, but the copy competes with the source for the same disk and memory.</source>
        <translation>La base de datos de destino &quot;%1&quot; está en el mismo servidor que la de origen &quot;%2&quot;. Funciona, pero la copia compite con el origen por el mismo disco y la misma memoria.</translation>
    </message>
</context>
<context>
    <name>pgshift::core::DatabaseSizeCheck</name>
    <message>
        <source>Database size</source>
        <translation>Tamaño de la base de datos</translation>
    </message>
    <message>
        <source>The source database %1 takes %2.</source>
        <translation>La base de datos de origen %1 ocupa %2.</translation>
    </message>
    <message>
        <source>Besides the data, the target needs room for indexes built after the copy, WAL written during it, and bloat.</source>
        <translation>Además de los datos, el destino necesita espacio para los índices construidos tras la copia, el WAL escrito durante ella y el bloat.</translation>
    </message>
    <message>
        <source>Give the target at least %1 of free space (150% of the source).</source>
        <translation>Dé al destino al menos %1 de espacio libre (150 % del origen).</translation>
    </message>
</context>
<context>
    <name>pgshift::core::DmsPlan</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>No se puede escribir %1: %2</translation>
    </message>
    <message>
        <source>The task identifier &apos;%1&apos; is not one DMS accepts: letters, digits and single hyphens, starting with a letter and not ending with a hyphen.</source>
        <translation>El identificador de tarea &apos;%1&apos; no es válido para DMS: letras, dígitos y guiones sueltos, empezando por una letra y sin terminar en guion.</translation>
    </message>
    <message>
        <source>The slot name &apos;%1&apos; is not a PostgreSQL replication slot name: lower-case letters, digits and underscores, at most 63.</source>
        <translation>El nombre de slot &apos;%1&apos; no es un nombre de slot de replicación de PostgreSQL: letras minúsculas, dígitos y guiones bajos, como mucho 63.</translation>
    </message>
    <message>
        <source>DMS loads 1 to 49 tables at a time, not %1.</source>
        <translation>DMS carga de 1 a 49 tablas a la vez, no %1.</translation>
    </message>
    <message>
        <source>LOB sizes and the commit rate must be 1 or more.</source>
        <translation>Los tamaños de LOB y la tasa de commit deben ser 1 o más.</translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation>No se puede crear la carpeta %1.</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Cancelado.</translation>
    </message>
</context>
<context>
    <name>pgshift::core::ExtensionsCheck</name>
    <message>
        <source>Extensions</source>
        <translation>Extensiones</translation>
    </message>
    <message>
        <source>The source uses no extensions besides plpgsql.</source>
        <translation>El origen no usa extensiones aparte de plpgsql.</translation>
    </message>
    <message>
        <source>The source uses: %1.</source>
        <translation>El origen usa: %1.</translation>
    </message>
    <message>
        <source>Not available on the target: %1.</source>
        <translation>No disponibles en el destino: %1.</translation>
    </message>
    <message>
        <source>CREATE EXTENSION fails on the target, and so does every table, type or function that depends on the extension.</source>
        <translation>CREATE EXTENSION falla en el destino, y también cada tabla, tipo o función que depende de la extensión.</translation>
    </message>
    <message>
        <source>Choose a target that offers these extensions (PlanetScale lists its supported extensions in its documentation), or remove their use from the source first.</source>
        <translation>Elija un destino que ofrezca estas extensiones (PlanetScale lista en su documentación las extensiones que admite), o elimine antes su uso del origen.</translation>
    </message>
    <message>
        <source>Available but not yet installed on the target: %1.</source>
        <translation>Disponibles pero aún no instaladas en el destino: %1.</translation>
    </message>
    <message>
        <source>The schema copy creates them; doing it first shows early whether the target user may.</source>
        <translation>La copia del esquema las crea; hacerlo antes muestra pronto si el usuario de destino puede.</translation>
    </message>
    <message>
        <source>Other versions on the target: %1.</source>
        <translation>Otras versiones en el destino: %1.</translation>
    </message>
</context>
<context>
    <name>pgshift::core::ForeignKeys</name>
    <message>
        <source>Cancelled.</source>
        <translation>Cancelado.</translation>
    </message>
</context>
<context>
    <name>pgshift::core::LocalServer</name>
    <message>
        <source>PGSHIFT_PG_BINDIR=%1 has no initdb, pg_ctl and postgres</source>
        <translation>PGSHIFT_PG_BINDIR=%1 no tiene initdb, pg_ctl y postgres</translation>
    </message>
    <message>
        <source>No PostgreSQL server programs (initdb, pg_ctl, postgres) found: install the PostgreSQL server (Debian: postgresql-15) or set PGSHIFT_PG_BINDIR.</source>
        <translation>No se encontraron programas de servidor PostgreSQL (initdb, pg_ctl, postgres): instale el servidor PostgreSQL (Debian: postgresql-15) o defina PGSHIFT_PG_BINDIR.</translation>
    </message>
    <message>
        <source>pgshift runs as root, and PostgreSQL refuses to: create the account &apos;%1&apos; (Debian&apos;s postgresql package does) or run pgshift as a normal user.</source>
        <translation>pgshift se ejecuta como root, y PostgreSQL se niega: cree la cuenta &apos;%1&apos; (el paquete postgresql de Debian lo hace) o ejecute pgshift como usuario normal.</translation>
    </message>
    <message>
        <source>Cannot create %1.</source>
        <translation>No se puede crear %1.</translation>
    </message>
    <message>
        <source>Cannot create a directory in %1: %2</source>
        <translation>No se puede crear un directorio en %1: %2</translation>
    </message>
    <message>
        <source>Could not prepare %1.</source>
        <translation>No se pudo preparar %1.</translation>
    </message>
    <message>
        <source>Cannot hand %1 to the server&apos;s account.</source>
        <translation>No se puede entregar %1 a la cuenta del servidor.</translation>
    </message>
    <message>
        <source>%1 did not finish in %2 s.</source>
        <translation>%1 no terminó en %2 s.</translation>
    </message>
    <message>
        <source>%1 %2 failed (exit %3):
%4</source>
        <translation>%1 %2 falló (salida %3):
%4</translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation>No se puede escribir %1.</translation>
    </message>
    <message>
        <source>Cannot append to %1.</source>
        <translation>No se puede añadir a %1.</translation>
    </message>
    <message>
        <source>No free port on 127.0.0.1.</source>
        <translation>No hay puerto libre en 127.0.0.1.</translation>
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
        <translation>slot de replicación</translation>
    </message>
    <message>
        <source>The %1 name &apos;%2&apos; is not valid: use 1 to 63 lower-case letters, digits and underscores, not starting with a digit.</source>
        <translation>El nombre de %1 &apos;%2&apos; no es válido: use de 1 a 63 letras minúsculas, dígitos y guiones bajos, sin empezar por un dígito.</translation>
    </message>
    <message>
        <source>Nothing to publish: %1 holds no table.</source>
        <translation>Nada que publicar: %1 no contiene ninguna tabla.</translation>
    </message>
    <message>
        <source>Copy the schema: pg_dump&apos;s pre-data, then post-data with pg_restore -j %1%2</source>
        <translation>Copiar el esquema: el pre-data de pg_dump, luego el post-data con pg_restore -j %1%2</translation>
    </message>
    <message numerus="yes">
        <source>, without %n secondary index(es) built after the initial copy</source>
        <translation>
            <numerusform>, sin %n índice secundario construido tras la copia inicial</numerusform>
            <numerusform>, sin %n índices secundarios construidos tras la copia inicial</numerusform>
        </translation>
    </message>
    <message>
        <source>target</source>
        <translation>destino</translation>
    </message>
    <message>
        <source>Publish the tables on the source</source>
        <translation>Publicar las tablas en el origen</translation>
    </message>
    <message>
        <source>source</source>
        <translation>origen</translation>
    </message>
    <message>
        <source>Subscribe on the target: copy every table, then stream changes</source>
        <translation>Suscribirse en el destino: copiar cada tabla, luego transmitir los cambios</translation>
    </message>
    <message>
        <source>Creating the subscription on the target failed: %1</source>
        <translation>Falló la creación de la subscription en el destino: %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message numerus="yes">
        <source>Advice: the target copies %1 of the %n table(s) at a time (max_sync_workers_per_subscription = %2, max_logical_replication_workers = %3). Allowing %4 at once shortens the initial copy of many tables; run this on the target before starting (a restart is needed when max_logical_replication_workers changes):</source>
        <translation>
            <numerusform>Consejo: el destino copia %1 de la %n tabla a la vez (max_sync_workers_per_subscription = %2, max_logical_replication_workers = %3). Permitir %4 a la vez acorta la copia inicial de muchas tablas; ejecute esto en el destino antes de iniciar (hace falta reiniciar si cambia max_logical_replication_workers):</numerusform>
            <numerusform>Consejo: el destino copia %1 de las %n tablas a la vez (max_sync_workers_per_subscription = %2, max_logical_replication_workers = %3). Permitir %4 a la vez acorta la copia inicial de muchas tablas; ejecute esto en el destino antes de iniciar (hace falta reiniciar si cambia max_logical_replication_workers):</numerusform>
        </translation>
    </message>
    <message>
        <source>The saved replication state in %1 is incomplete.</source>
        <translation>El estado de replicación guardado en %1 está incompleto.</translation>
    </message>
    <message>
        <source>%1 is not valid JSON (%2 at offset %3)</source>
        <translation>%1 no es JSON válido (%2 en la posición %3)</translation>
    </message>
</context>
<context>
    <name>pgshift::core::Method</name>
    <message>
        <source>Dump and restore</source>
        <translation>Volcado y restauración</translation>
    </message>
    <message>
        <source>Logical replication</source>
        <translation>Replicación lógica</translation>
    </message>
    <message>
        <source>AWS DMS assisted</source>
        <translation>Asistido por AWS DMS</translation>
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
        <translation>Gráficos</translation>
    </message>
    <message>
        <source>FAILED: %1</source>
        <translation>FALLÓ: %1</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>cancelado</translation>
    </message>
    <message>
        <source>not run: no copy or cutover in this session</source>
        <translation>no ejecutado: ninguna copia ni conmutación en esta sesión</translation>
    </message>
    <message>
        <source>succeeded: every checklist step done</source>
        <translation>con éxito: cada paso de la lista de comprobación hecho</translation>
    </message>
    <message>
        <source>succeeded: copied and verified</source>
        <translation>con éxito: copiado y verificado</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Método</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Origen</translation>
    </message>
    <message>
        <source> (PostgreSQL %1)</source>
        <translation> (PostgreSQL %1)</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Destino</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>Checklist started</source>
        <translation>Lista de comprobación iniciada</translation>
    </message>
    <message>
        <source>Checklist finished</source>
        <translation>Lista de comprobación terminada</translation>
    </message>
    <message>
        <source>Write downtime</source>
        <translation>Tiempo sin escrituras</translation>
    </message>
    <message>
        <source>Rollback</source>
        <translation>Vuelta atrás</translation>
    </message>
    <message>
        <source>writes re-enabled on the source</source>
        <translation>escrituras habilitadas de nuevo en el origen</translation>
    </message>
    <message>
        <source>Copy time</source>
        <translation>Tiempo de copia</translation>
    </message>
    <message>
        <source>pgshift migration report</source>
        <translation>Informe de migración de pgshift</translation>
    </message>
    <message>
        <source>Generated %1 by pgshift %2.</source>
        <translation>Generado %1 por pgshift %2.</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Qué</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valor</translation>
    </message>
    <message>
        <source>Preflight</source>
        <translation>Requisitos previos</translation>
    </message>
    <message>
        <source>No preflight ran in this session.</source>
        <translation>No se ejecutó ninguna comprobación de requisitos en esta sesión.</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Comprobación</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>Hallazgo</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copia</translation>
    </message>
    <message numerus="yes">
        <source>Engine %1: %n table(s), %2 rows, %3, %4 sequence(s), %5 large object(s), %6 index(es) built, in %7.</source>
        <translation>
            <numerusform>Motor %1: %n tabla, %2 filas, %3, %4 secuencia(s), %5 objeto(s) grande(s), %6 índice(s) construido(s), en %7.</numerusform>
            <numerusform>Motor %1: %n tablas, %2 filas, %3, %4 secuencia(s), %5 objeto(s) grande(s), %6 índice(s) construido(s), en %7.</numerusform>
        </translation>
    </message>
    <message>
        <source>Checklist (dump and restore)</source>
        <translation>Lista de comprobación (volcado y restauración)</translation>
    </message>
    <message>
        <source>Cutover checklist</source>
        <translation>Lista de comprobación de la conmutación</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Paso</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>The application&apos;s new connection string (password as before): %1</source>
        <translation>La nueva cadena de conexión de la aplicación (contraseña como antes): %1</translation>
    </message>
    <message>
        <source>equal</source>
        <translation>iguales</translation>
    </message>
    <message>
        <source>checksums differ</source>
        <translation>sumas de comprobación distintas</translation>
    </message>
    <message>
        <source>DIFFERENT</source>
        <translation>DISTINTOS</translation>
    </message>
    <message>
        <source>equal, checksums too</source>
        <translation>iguales, también las sumas de comprobación</translation>
    </message>
    <message>
        <source>Row counts</source>
        <translation>Recuentos de filas</translation>
    </message>
    <message numerus="yes">
        <source>Exact counts of all %n table(s) are equal on both servers.</source>
        <translation>
            <numerusform>Los recuentos exactos de la %n tabla son iguales en ambos servidores.</numerusform>
            <numerusform>Los recuentos exactos de las %n tablas son iguales en ambos servidores.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n table(s) differ.</source>
        <translation>
            <numerusform>%1 de %n tabla difieren.</numerusform>
            <numerusform>%1 de %n tablas difieren.</numerusform>
        </translation>
    </message>
    <message>
        <source>Table</source>
        <translation>Tabla</translation>
    </message>
    <message>
        <source>Source rows</source>
        <translation>Filas en origen</translation>
    </message>
    <message>
        <source>Target rows</source>
        <translation>Filas en destino</translation>
    </message>
    <message>
        <source>Sequences</source>
        <translation>Secuencias</translation>
    </message>
    <message>
        <source>never used</source>
        <translation>nunca usada</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>omitido</translation>
    </message>
    <message>
        <source>Sequence</source>
        <translation>Secuencia</translation>
    </message>
    <message>
        <source>Owned by</source>
        <translation>Propiedad de</translation>
    </message>
    <message>
        <source>Source value</source>
        <translation>Valor en origen</translation>
    </message>
    <message>
        <source>Set on target</source>
        <translation>Fijado en destino</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>No se puede escribir %1: %2</translation>
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
        <translation>Transacciones preparadas y de larga duración</translation>
    </message>
    <message numerus="yes">
        <source>No prepared transactions, none running longer than %n minute(s).</source>
        <translation>
            <numerusform>Ninguna transacción preparada, ninguna dura más de %n minuto.</numerusform>
            <numerusform>Ninguna transacción preparada, ninguna dura más de %n minutos.</numerusform>
        </translation>
    </message>
    <message>
        <source>Prepared transaction %1 by %2 since %3.</source>
        <translation>Transacción preparada %1 por %2 desde %3.</translation>
    </message>
    <message>
        <source>Session %1 (%2) has been in a transaction for %3 s.</source>
        <translation>La sesión %1 (%2) lleva %3 s en una transacción.</translation>
    </message>
    <message>
        <source>Creating the replication slot waits for every transaction that started before it; a forgotten prepared transaction makes it wait for ever and also holds back vacuum.</source>
        <translation>Crear el slot de replicación espera a cada transacción iniciada antes que él; una transacción preparada olvidada lo hace esperar para siempre y además frena el vacuum.</translation>
    </message>
    <message>
        <source>Finish them before starting replication:
%1</source>
        <translation>Termínelas antes de iniciar la replicación:
%1</translation>
    </message>
</context>
<context>
    <name>pgshift::core::PgError</name>
    <message>
        <source>The server rejected the password for this user.</source>
        <translation>El servidor rechazó la contraseña de este usuario.</translation>
    </message>
    <message>
        <source>The server does not allow this login: check pg_hba.conf (or the provider&apos;s network rules) and that the role may log in.</source>
        <translation>El servidor no permite este inicio de sesión: compruebe pg_hba.conf (o las reglas de red del proveedor) y que el rol puede iniciar sesión.</translation>
    </message>
    <message>
        <source>That database does not exist on this server.</source>
        <translation>Esa base de datos no existe en este servidor.</translation>
    </message>
    <message>
        <source>The server has no free connection slots left.</source>
        <translation>El servidor no tiene huecos de conexión libres.</translation>
    </message>
    <message>
        <source>The user lacks a privilege this step needs.</source>
        <translation>Al usuario le falta un privilegio que necesita este paso.</translation>
    </message>
    <message>
        <source>The statement was cancelled.</source>
        <translation>La sentencia se canceló.</translation>
    </message>
    <message>
        <source>The session or database is read-only.</source>
        <translation>La sesión o la base de datos es de solo lectura.</translation>
    </message>
    <message>
        <source>Deadlock: another session held locks this statement needed.</source>
        <translation>Deadlock: otra sesión tenía bloqueos que esta sentencia necesitaba.</translation>
    </message>
    <message>
        <source>The server is shutting down, restarting or not yet accepting connections.</source>
        <translation>El servidor se está apagando, reiniciando o aún no acepta conexiones.</translation>
    </message>
    <message>
        <source>The connection to the server failed or was lost.</source>
        <translation>La conexión con el servidor falló o se perdió.</translation>
    </message>
    <message>
        <source>The server&apos;s pg_hba.conf has no rule that lets this user connect from here to this database.</source>
        <translation>El pg_hba.conf del servidor no tiene ninguna regla que permita a este usuario conectarse desde aquí a esta base de datos.</translation>
    </message>
    <message>
        <source>Nothing is listening at that address and port: the server is down, or the host or port is wrong.</source>
        <translation>Nada escucha en esa dirección y puerto: el servidor está caído, o el host o el puerto son incorrectos.</translation>
    </message>
    <message>
        <source>The server did not answer in time: a firewall may be dropping the traffic, or the host is not a PostgreSQL server.</source>
        <translation>El servidor no respondió a tiempo: puede que un cortafuegos descarte el tráfico, o el host no es un servidor PostgreSQL.</translation>
    </message>
    <message>
        <source>The host name could not be resolved: check its spelling and your DNS.</source>
        <translation>No se pudo resolver el nombre de host: compruebe cómo está escrito y su DNS.</translation>
    </message>
    <message>
        <source>The server requires SSL: set sslmode to require or stricter.</source>
        <translation>El servidor exige SSL: ponga sslmode en require o más estricto.</translation>
    </message>
    <message>
        <source>The server has no free connection slots left for ordinary users.</source>
        <translation>El servidor no tiene huecos de conexión libres para usuarios normales.</translation>
    </message>
    <message>
        <source>The server sent no result (out of memory or the connection was lost).</source>
        <translation>El servidor no envió ningún resultado (sin memoria o se perdió la conexión).</translation>
    </message>
    <message>
        <source>Out of memory while connecting.</source>
        <translation>Sin memoria al conectar.</translation>
    </message>
    <message>
        <source>DETAIL: %1</source>
        <translation>DETALLE: %1</translation>
    </message>
    <message>
        <source>HINT: %1</source>
        <translation>SUGERENCIA: %1</translation>
    </message>
    <message>
        <source>CONTEXT: %1</source>
        <translation>CONTEXTO: %1</translation>
    </message>
    <message>
        <source>SQLSTATE: %1</source>
        <translation>SQLSTATE: %1</translation>
    </message>
    <message>
        <source>The server wants a password and none was given: not directly, not in PGPASSWORD, not in the password file (~/.pgpass).</source>
        <translation>El servidor pide una contraseña y no se dio ninguna: ni directamente, ni en PGPASSWORD, ni en el archivo de contraseñas (~/.pgpass).</translation>
    </message>
    <message>
        <source>The server accepts this login only over SSL: set sslmode to require or stricter.</source>
        <translation>El servidor acepta este inicio de sesión solo por SSL: ponga sslmode en require o más estricto.</translation>
    </message>
    <message>
        <source>That user (role) does not exist on this server.</source>
        <translation>Ese usuario (rol) no existe en este servidor.</translation>
    </message>
    <message>
        <source>These settings require SSL but the server does not offer it: lower sslmode or enable SSL on the server.</source>
        <translation>Esta configuración exige SSL pero el servidor no lo ofrece: baje sslmode o habilite SSL en el servidor.</translation>
    </message>
    <message>
        <source>The server&apos;s certificate could not be verified: check sslrootcert, or use sslmode=require to encrypt without verifying.</source>
        <translation>No se pudo verificar el certificado del servidor: compruebe sslrootcert, o use sslmode=require para cifrar sin verificar.</translation>
    </message>
    <message>
        <source>channel_binding=require needs SCRAM authentication over SSL, and the server did not use it.</source>
        <translation>channel_binding=require necesita autenticación SCRAM sobre SSL, y el servidor no la usó.</translation>
    </message>
    <message>
        <source>The server&apos;s pg_hba.conf explicitly rejects this user connecting from here to this database.</source>
        <translation>El pg_hba.conf del servidor rechaza explícitamente que este usuario se conecte desde aquí a esta base de datos.</translation>
    </message>
</context>
<context>
    <name>pgshift::core::PooledEndpointCheck</name>
    <message>
        <source>Direct connection, not a pooler</source>
        <translation>Conexión directa, no un pooler</translation>
    </message>
    <message>
        <source>The source connection does not look like a connection pooler.</source>
        <translation>La conexión de origen no parece un pooler de conexiones.</translation>
    </message>
    <message>
        <source>The source connection looks pooled: %1.</source>
        <translation>La conexión de origen parece pasar por un pooler: %1.</translation>
    </message>
    <message>
        <source>Replication connections and the exported snapshot of a parallel copy need one real server session throughout; poolers do not offer replication at all.</source>
        <translation>Las conexiones de replicación y la instantánea exportada de una copia en paralelo necesitan una sesión real del servidor todo el tiempo; los poolers no ofrecen replicación en absoluto.</translation>
    </message>
    <message>
        <source>Use the provider&apos;s direct endpoint: on Neon the host name without &quot;-pooler&quot;, on Supabase db.&lt;project&gt;.supabase.co on port 5432.</source>
        <translation>Use el endpoint directo del proveedor: en Neon el nombre de host sin &quot;-pooler&quot;, en Supabase db.&lt;project&gt;.supabase.co en el puerto 5432.</translation>
    </message>
</context>
<context>
    <name>pgshift::core::Preflight</name>
    <message>
        <source>This check could not run: %1</source>
        <translation>Esta comprobación no pudo ejecutarse: %1</translation>
    </message>
    <message>
        <source>Its catalog query took longer than the statement timeout.</source>
        <translation>Su consulta al catálogo tardó más que el statement timeout.</translation>
    </message>
    <message>
        <source>Without it, this prerequisite is unverified.</source>
        <translation>Sin ella, este requisito queda sin verificar.</translation>
    </message>
    <message>
        <source>Check the user&apos;s privileges on the catalogs and re-run.</source>
        <translation>Compruebe los privilegios del usuario sobre los catálogos y vuelva a ejecutar.</translation>
    </message>
    <message>
        <source>The preflight was cancelled.</source>
        <translation>La comprobación de requisitos se canceló.</translation>
    </message>
</context>
<context>
    <name>pgshift::core::ReplicaIdentityCheck</name>
    <message>
        <source>Tables without a primary key or replica identity</source>
        <translation>Tablas sin clave primaria ni replica identity</translation>
    </message>
    <message>
        <source>Every table has a primary key or a replica identity.</source>
        <translation>Cada tabla tiene una clave primaria o una replica identity.</translation>
    </message>
    <message numerus="yes">
        <source>%n table(s) without a primary key or replica identity: %1</source>
        <translation>
            <numerusform>%n tabla sin clave primaria ni replica identity: %1</numerusform>
            <numerusform>%n tablas sin clave primaria ni replica identity: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Logical replication finds the row to update or delete by its replica identity. Once such a table is published, UPDATE and DELETE on it fail on the source.</source>
        <translation>La replicación lógica encuentra la fila que actualizar o borrar por su replica identity. En cuanto se publica una tabla así, UPDATE y DELETE sobre ella fallan en el origen.</translation>
    </message>
    <message>
        <source>Best: add a primary key. Else use a unique index on NOT NULL columns (REPLICA IDENTITY USING INDEX), proposed below where one exists. REPLICA IDENTITY FULL works for any table but logs the whole old row for every change and makes the target search for it, which is slow on large tables.
%1</source>
        <translation>Lo mejor: añadir una clave primaria. Si no, usar un índice único sobre columnas NOT NULL (REPLICA IDENTITY USING INDEX), propuesto abajo donde existe uno. REPLICA IDENTITY FULL funciona con cualquier tabla, pero registra toda la fila antigua en cada cambio y obliga al destino a buscarla, lo que es lento en tablas grandes.
%1</translation>
    </message>
</context>
<context>
    <name>pgshift::core::ReplicationCapacityCheck</name>
    <message>
        <source>Replication slots, WAL senders and workers</source>
        <translation>Slots de replicación, WAL senders y workers</translation>
    </message>
    <message>
        <source>Source: %1 of %2 replication slots and %3 of %4 WAL senders free.</source>
        <translation>Origen: %1 de %2 slots de replicación y %3 de %4 WAL senders libres.</translation>
    </message>
    <message>
        <source>The subscription needs one replication slot and one WAL sender on the source for as long as it runs.</source>
        <translation>La subscription necesita un slot de replicación y un WAL sender en el origen mientras esté en marcha.</translation>
    </message>
    <message>
        <source>Raise max_replication_slots and max_wal_senders on the source (a restart), or drop slots nobody uses: SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE NOT active AND slot_name = &apos;...&apos;;</source>
        <translation>Aumente max_replication_slots y max_wal_senders en el origen (un reinicio), o elimine slots que nadie usa: SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE NOT active AND slot_name = &apos;...&apos;;</translation>
    </message>
    <message>
        <source>Target: max_worker_processes %1, max_logical_replication_workers %2, max_sync_workers_per_subscription %3.</source>
        <translation>Destino: max_worker_processes %1, max_logical_replication_workers %2, max_sync_workers_per_subscription %3.</translation>
    </message>
    <message>
        <source>The initial copy syncs at most %1 tables at a time.</source>
        <translation>La copia inicial sincroniza como mucho %1 tablas a la vez.</translation>
    </message>
    <message>
        <source>For a faster initial copy raise max_sync_workers_per_subscription (and max_logical_replication_workers and max_worker_processes to match) on the target for the duration of the migration.</source>
        <translation>Para una copia inicial más rápida, aumente max_sync_workers_per_subscription (y en proporción max_logical_replication_workers y max_worker_processes) en el destino durante la migración.</translation>
    </message>
</context>
<context>
    <name>pgshift::core::ReplicationCleanup</name>
    <message>
        <source>Dropped subscription %1 on the target, and its slot on the source.</source>
        <translation>Eliminada la subscription %1 en el destino, y su slot en el origen.</translation>
    </message>
    <message>
        <source>Dropped subscription %1 on the target after detaching it from its slot (%2).</source>
        <translation>Eliminada la subscription %1 en el destino tras separarla de su slot (%2).</translation>
    </message>
    <message>
        <source>Could not drop subscription %1 on the target: %2</source>
        <translation>No se pudo eliminar la subscription %1 en el destino: %2</translation>
    </message>
    <message>
        <source>Could not reach the target to drop subscription %1: %2</source>
        <translation>No se pudo alcanzar el destino para eliminar la subscription %1: %2</translation>
    </message>
    <message>
        <source>Slot %1 on the source is still in use (the target may still be subscribed); it was left in place.</source>
        <translation>El slot %1 en el origen sigue en uso (puede que el destino siga suscrito); se dejó como estaba.</translation>
    </message>
    <message>
        <source>Dropped replication slot %1 on the source%2.</source>
        <translation>Eliminado el slot de replicación %1 en el origen%2.</translation>
    </message>
    <message>
        <source> (detached from the subscription)</source>
        <translation> (separado de la subscription)</translation>
    </message>
    <message>
        <source>Dropped publication %1 on the source.</source>
        <translation>Eliminada la publication %1 en el origen.</translation>
    </message>
    <message>
        <source>Cleanup on the source failed: %1</source>
        <translation>Falló la limpieza en el origen: %1</translation>
    </message>
    <message>
        <source>Could not reach the source to drop publication %1 and slot %2: %3</source>
        <translation>No se pudo alcanzar el origen para eliminar la publication %1 y el slot %2: %3</translation>
    </message>
    <message>
        <source>source: %1</source>
        <translation>origen: %1</translation>
    </message>
    <message>
        <source>target: %1</source>
        <translation>destino: %1</translation>
    </message>
</context>
<context>
    <name>pgshift::core::ReplicationObjectsCheck</name>
    <message>
        <source>Existing slots, publications and subscriptions</source>
        <translation>Slots, publications y subscriptions existentes</translation>
    </message>
    <message>
        <source>Slot %1 (%2, %3) keeps %4 of WAL on the source.</source>
        <translation>El slot %1 (%2, %3) retiene %4 de WAL en el origen.</translation>
    </message>
    <message>
        <source>active</source>
        <translation>activo</translation>
    </message>
    <message>
        <source>inactive</source>
        <translation>inactivo</translation>
    </message>
    <message>
        <source>Publication %1 from an earlier pgshift run exists on the source.</source>
        <translation>La publication %1 de una ejecución anterior de pgshift existe en el origen.</translation>
    </message>
    <message>
        <source>Subscription %1 from an earlier pgshift run exists on the target.</source>
        <translation>La subscription %1 de una ejecución anterior de pgshift existe en el destino.</translation>
    </message>
    <message>
        <source>max_slot_wal_keep_size is -1: a stalled slot may keep WAL until the source&apos;s disk is full.</source>
        <translation>max_slot_wal_keep_size es -1: un slot atascado puede retener WAL hasta llenar el disco del origen.</translation>
    </message>
    <message>
        <source>No leftover or WAL-hoarding replication objects.</source>
        <translation>Ningún objeto de replicación sobrante ni acumulando WAL.</translation>
    </message>
    <message>
        <source>A slot that nobody reads keeps every WAL segment since its position, and objects left by an earlier run collide with the names pgshift uses.</source>
        <translation>Un slot que nadie lee retiene cada segmento WAL desde su posición, y los objetos que dejó una ejecución anterior chocan con los nombres que usa pgshift.</translation>
    </message>
    <message>
        <source>Watch the slot&apos;s lag during the migration (pgshift charts it), or cap it: ALTER SYSTEM SET max_slot_wal_keep_size = &apos;50GB&apos;; SELECT pg_reload_conf();</source>
        <translation>Vigile el retraso del slot durante la migración (pgshift lo representa), o póngale un límite: ALTER SYSTEM SET max_slot_wal_keep_size = &apos;50GB&apos;; SELECT pg_reload_conf();</translation>
    </message>
</context>
<context>
    <name>pgshift::core::ReplicationProbe</name>
    <message>
        <source>initializing</source>
        <translation>inicializando</translation>
    </message>
    <message>
        <source>copying data</source>
        <translation>copiando datos</translation>
    </message>
    <message>
        <source>copy finished</source>
        <translation>copia terminada</translation>
    </message>
    <message>
        <source>synchronized</source>
        <translation>sincronizado</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>listo</translation>
    </message>
    <message>
        <source>unknown (%1)</source>
        <translation>desconocido (%1)</translation>
    </message>
    <message>
        <source>disconnected; trying again at %1</source>
        <translation>desconectado; nuevo intento a las %1</translation>
    </message>
</context>
<context>
    <name>pgshift::core::ReportFormat</name>
    <message>
        <source>Why: %1</source>
        <translation>Por qué: %1</translation>
    </message>
    <message>
        <source>Fix: %1</source>
        <translation>Corrección: %1</translation>
    </message>
    <message>
        <source>**Why:** %1

</source>
        <translation>**Por qué:** %1

</translation>
    </message>
    <message>
        <source>**Fix:**

```sql
%1
```

</source>
        <translation>**Corrección:**

```sql
%1
```

</translation>
    </message>
    <message>
        <source>**Fix:** %1

</source>
        <translation>**Corrección:** %1

</translation>
    </message>
    <message>
        <source>pgshift preflight (%1)</source>
        <translation>Requisitos previos de pgshift (%1)</translation>
    </message>
    <message>
        <source>Why:</source>
        <translation>Por qué:</translation>
    </message>
    <message>
        <source>Fix:</source>
        <translation>Corrección:</translation>
    </message>
    <message>
        <source>%1, %2, %3, %4 passed</source>
        <translation>%1, %2, %3, %4 superadas</translation>
    </message>
    <message numerus="yes">
        <source>%n blocker(s)</source>
        <translation>
            <numerusform>%n bloqueante</numerusform>
            <numerusform>%n bloqueantes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s)</source>
        <translation>
            <numerusform>%n advertencia</numerusform>
            <numerusform>%n advertencias</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n note(s)</source>
        <translation>
            <numerusform>%n nota</numerusform>
            <numerusform>%n notas</numerusform>
        </translation>
    </message>
    <message>
        <source>
%1, for %2 (%3 ms).
</source>
        <translation>
%1, para %2 (%3 ms).
</translation>
    </message>
    <message>
        <source># pgshift preflight (%1)

%2.

</source>
        <translation># Requisitos previos de pgshift (%1)

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
        <translation>origen</translation>
    </message>
    <message>
        <source>target</source>
        <translation>destino</translation>
    </message>
</context>
<context>
    <name>pgshift::core::RowSecurityCheck</name>
    <message>
        <source>Row-level security</source>
        <translation>Seguridad a nivel de fila</translation>
    </message>
    <message>
        <source>No table has row-level security enabled.</source>
        <translation>Ninguna tabla tiene habilitada la seguridad a nivel de fila.</translation>
    </message>
    <message numerus="yes">
        <source>%n table(s) use row-level security; %1 bypasses it, so every row is copied: %2</source>
        <translation>
            <numerusform>%n tabla usa seguridad a nivel de fila; %1 la omite, así que se copia cada fila: %2</numerusform>
            <numerusform>%n tablas usan seguridad a nivel de fila; %1 la omite, así que se copia cada fila: %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n table(s) use row-level security and %1 does not bypass it: %2</source>
        <translation>
            <numerusform>%n tabla usa seguridad a nivel de fila y %1 no la omite: %2</numerusform>
            <numerusform>%n tablas usan seguridad a nivel de fila y %1 no la omite: %2</numerusform>
        </translation>
    </message>
    <message>
        <source>The copy reads only the rows the policies show this user: pg_dump stops with an error, and logical replication copies the visible rows without complaint, often none.</source>
        <translation>La copia lee solo las filas que las políticas muestran a este usuario: pg_dump se detiene con un error, y la replicación lógica copia las filas visibles sin quejarse, a menudo ninguna.</translation>
    </message>
    <message>
        <source>As a superuser on the source: %1 (on managed services, migrate with the administrator role, which has it).</source>
        <translation>Como superusuario en el origen: %1 (en servicios gestionados, migre con el rol de administrador, que lo tiene).</translation>
    </message>
</context>
<context>
    <name>pgshift::core::SameDatabaseCheck</name>
    <message>
        <source>Target: not the source, no name conflicts</source>
        <translation>Destino: no es el origen, sin conflictos de nombres</translation>
    </message>
    <message>
        <source>Copying a database onto itself destroys it.</source>
        <translation>Copiar una base de datos sobre sí misma la destruye.</translation>
    </message>
    <message>
        <source>Connect the target to another server or database.</source>
        <translation>Conecte el destino a otro servidor o a otra base de datos.</translation>
    </message>
    <message>
        <source>The target is another database.</source>
        <translation>El destino es otra base de datos.</translation>
    </message>
    <message numerus="yes">
        <source>%n object(s) exist on both sides under the same name: %1</source>
        <translation>
            <numerusform>%n objeto existe en ambos lados con el mismo nombre: %1</numerusform>
            <numerusform>%n objetos existen en ambos lados con el mismo nombre: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Creating them on the target fails; pgshift never drops the target&apos;s objects for you.</source>
        <translation>Crearlos en el destino falla; pgshift nunca elimina por usted los objetos del destino.</translation>
    </message>
    <message>
        <source>Migrate into an empty database, or drop these objects on the target after making sure nothing there is needed.</source>
        <translation>Migre a una base de datos vacía, o elimine estos objetos en el destino tras asegurarse de que nada de allí se necesita.</translation>
    </message>
</context>
<context>
    <name>pgshift::core::Sandbox</name>
    <message>
        <source>Cannot create %1.</source>
        <translation>No se puede crear %1.</translation>
    </message>
    <message>
        <source>Cannot create a directory in %1.</source>
        <translation>No se puede crear un directorio en %1.</translation>
    </message>
    <message>
        <source>Cannot write in %1.</source>
        <translation>No se puede escribir en %1.</translation>
    </message>
    <message>
        <source>Starting the source server…</source>
        <translation>Iniciando el servidor de origen…</translation>
    </message>
    <message>
        <source>The source server did not start: %1</source>
        <translation>El servidor de origen no se inició: %1</translation>
    </message>
    <message>
        <source>Starting the target server…</source>
        <translation>Iniciando el servidor de destino…</translation>
    </message>
    <message>
        <source>The target server did not start: %1</source>
        <translation>El servidor de destino no se inició: %1</translation>
    </message>
    <message>
        <source>Creating the sample shop on the source…</source>
        <translation>Creando la tienda de ejemplo en el origen…</translation>
    </message>
    <message>
        <source>The sample data could not be created: %1</source>
        <translation>No se pudieron crear los datos de ejemplo: %1</translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation>No se puede escribir %1.</translation>
    </message>
    <message>
        <source>Sandbox ready in %1.</source>
        <translation>Sandbox listo en %1.</translation>
    </message>
    <message>
        <source>%1 is not a pgshift sandbox.</source>
        <translation>%1 no es un sandbox de pgshift.</translation>
    </message>
    <message>
        <source>Could not delete all of %1.</source>
        <translation>No se pudo borrar todo %1.</translation>
    </message>
</context>
<context>
    <name>pgshift::core::SequenceSync</name>
    <message>
        <source>not readable by this role (grant it SELECT on the sequence): left as it is</source>
        <translation>este rol no puede leerla (concédale SELECT sobre la secuencia): se deja como está</translation>
    </message>
    <message>
        <source>never used: stays at its start value, %1</source>
        <translation>nunca usada: se queda en su valor inicial, %1</translation>
    </message>
    <message>
        <source>a margin of %1 would pass MAXVALUE %2: set to %2</source>
        <translation>un margen de %1 superaría MAXVALUE %2: fijada en %2</translation>
    </message>
    <message>
        <source>a margin of %1 would pass MINVALUE %2: set to %2</source>
        <translation>un margen de %1 bajaría de MINVALUE %2: fijada en %2</translation>
    </message>
    <message>
        <source>; it cycles, so its next value starts over at %1</source>
        <translation>; es cíclica, así que su siguiente valor vuelve a empezar en %1</translation>
    </message>
    <message>
        <source>; its next nextval() fails until its limit is widened</source>
        <translation>; su siguiente nextval() falla hasta que se amplíe su límite</translation>
    </message>
    <message>
        <source>The target has no sequence %1.</source>
        <translation>El destino no tiene la secuencia %1.</translation>
    </message>
    <message>
        <source>the target is already at %1, past %2: left as it is</source>
        <translation>el destino ya está en %1, más allá de %2: se deja como está</translation>
    </message>
    <message>
        <source>never used on the source, already used on the target (at %1): left as it is</source>
        <translation>nunca usada en el origen, ya usada en el destino (en %1): se deja como está</translation>
    </message>
    <message>
        <source>%1: missing on the target</source>
        <translation>%1: falta en el destino</translation>
    </message>
    <message>
        <source>%1: at %2 on the source, never used on the target</source>
        <translation>%1: en %2 en el origen, nunca usada en el destino</translation>
    </message>
    <message>
        <source>%1: %2 on the target is not ahead of %3 on the source</source>
        <translation>%1: %2 en el destino no va por delante de %3 en el origen</translation>
    </message>
</context>
<context>
    <name>pgshift::core::SourcePrivilegesCheck</name>
    <message>
        <source>Privileges of the source user</source>
        <translation>Privilegios del usuario de origen</translation>
    </message>
    <message>
        <source>%1 has no replication right (REPLICATION, superuser or rds_replication).</source>
        <translation>%1 no tiene derecho de replicación (REPLICATION, superusuario o rds_replication).</translation>
    </message>
    <message>
        <source>%1 can read every table and sequence%2.</source>
        <translation>%1 puede leer cada tabla y secuencia%2.</translation>
    </message>
    <message>
        <source> and replicate</source>
        <translation> y replicar</translation>
    </message>
    <message>
        <source>pg_dump and the initial copy read every table and sequence as this user; a missing privilege stops the copy halfway.</source>
        <translation>pg_dump y la copia inicial leen cada tabla y secuencia como este usuario; un privilegio que falte detiene la copia a medias.</translation>
    </message>
    <message>
        <source>Run as a superuser or the objects&apos; owner on the source:
%1</source>
        <translation>Ejecute como superusuario o propietario de los objetos en el origen:
%1</translation>
    </message>
    <message>
        <source>Schema %1: the user cannot read %2 and %3.</source>
        <translation>Esquema %1: el usuario no puede leer %2 ni %3.</translation>
    </message>
    <message numerus="yes">
        <source>%n table(s)</source>
        <translation>
            <numerusform>%n tabla</numerusform>
            <numerusform>%n tablas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n sequence(s)</source>
        <translation>
            <numerusform>%n secuencia</numerusform>
            <numerusform>%n secuencias</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pgshift::core::StreamCopy</name>
    <message>
        <source>%1 was not copied: no copy worker was left to do it.</source>
        <translation>%1 no se copió: no quedaba ningún worker de copia para hacerlo.</translation>
    </message>
    <message>
        <source>A copy worker could not connect: %1</source>
        <translation>Un worker de copia no pudo conectarse: %1</translation>
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
        <translation>%1: no existe esa tabla, o no hay columna que copiar</translation>
    </message>
    <message>
        <source>Copying %1 was cancelled.</source>
        <translation>La copia de %1 se canceló.</translation>
    </message>
    <message>
        <source>%1: %2 rows read but %3 written</source>
        <translation>%1: %2 filas leídas pero %3 escritas</translation>
    </message>
</context>
<context>
    <name>pgshift::core::TargetInventory</name>
    <message>
        <source>schema</source>
        <translation>esquema</translation>
    </message>
    <message>
        <source>extension</source>
        <translation>extensión</translation>
    </message>
    <message>
        <source>table</source>
        <translation>tabla</translation>
    </message>
    <message>
        <source>view</source>
        <translation>vista</translation>
    </message>
    <message>
        <source>materialized view</source>
        <translation>vista materializada</translation>
    </message>
    <message>
        <source>sequence</source>
        <translation>secuencia</translation>
    </message>
    <message>
        <source>foreign table</source>
        <translation>tabla foránea</translation>
    </message>
    <message>
        <source>type</source>
        <translation>tipo</translation>
    </message>
    <message>
        <source>function</source>
        <translation>función</translation>
    </message>
    <message>
        <source>procedure</source>
        <translation>procedimiento</translation>
    </message>
    <message>
        <source>aggregate</source>
        <translation>agregado</translation>
    </message>
    <message>
        <source>large object</source>
        <translation>objeto grande</translation>
    </message>
</context>
<context>
    <name>pgshift::core::TargetPrivilegesCheck</name>
    <message>
        <source>Privileges of the target user</source>
        <translation>Privilegios del usuario de destino</translation>
    </message>
    <message>
        <source>%1 may not create schemas in database %2.</source>
        <translation>%1 no puede crear esquemas en la base de datos %2.</translation>
    </message>
    <message>
        <source>%1 may not create tables in schema public, where the source has tables.</source>
        <translation>%1 no puede crear tablas en el esquema public, donde el origen tiene tablas.</translation>
    </message>
    <message>
        <source>%1 may not create subscriptions.</source>
        <translation>%1 no puede crear subscriptions.</translation>
    </message>
    <message>
        <source>Before PostgreSQL 16 only a superuser may create subscriptions; %1 is not one.</source>
        <translation>Antes de PostgreSQL 16 solo un superusuario puede crear subscriptions; %1 no lo es.</translation>
    </message>
    <message>
        <source>%1 can create the schema%2.</source>
        <translation>%1 puede crear el esquema%2.</translation>
    </message>
    <message>
        <source> and the subscription</source>
        <translation> y la subscription</translation>
    </message>
    <message>
        <source>The schema and the data are created on the target as this user.</source>
        <translation>El esquema y los datos se crean en el destino como este usuario.</translation>
    </message>
    <message>
        <source>Connect to the target as a superuser.</source>
        <translation>Conéctese al destino como superusuario.</translation>
    </message>
    <message>
        <source>Run as an administrator on the target (PlanetScale: give the role pg_create_subscription on its Roles page):
%1</source>
        <translation>Ejecute como administrador en el destino (PlanetScale: dé al rol pg_create_subscription en su página Roles):
%1</translation>
    </message>
</context>
<context>
    <name>pgshift::core::UnreplicatedData</name>
    <message>
        <source>Cancelled.</source>
        <translation>Cancelado.</translation>
    </message>
    <message>
        <source>Owned by the target&apos;s user instead of %1: that role does not exist on the target or the target&apos;s user cannot assign it.</source>
        <translation>Propiedad del usuario del destino en lugar de %1: ese rol no existe en el destino o el usuario del destino no puede asignarlo.</translation>
    </message>
    <message>
        <source>Grants to %1 left out: no such role on the target.</source>
        <translation>Permisos a %1 omitidos: no existe ese rol en el destino.</translation>
    </message>
    <message>
        <source>not refreshed, it reads %1, which failed</source>
        <translation>no refrescada, lee %1, que falló</translation>
    </message>
    <message>
        <source>not refreshed, its inputs could not be ordered</source>
        <translation>no refrescada, no se pudieron ordenar sus entradas</translation>
    </message>
</context>
<context>
    <name>pgshift::core::UnreplicatedObjectsCheck</name>
    <message>
        <source>Large objects, unlogged, foreign and partitioned tables</source>
        <translation>Objetos grandes, tablas unlogged, foráneas y particionadas</translation>
    </message>
    <message>
        <source>Large objects: %1; unlogged tables: %2; foreign tables: %3; materialized views: %4; partitioned tables: %5.</source>
        <translation>Objetos grandes: %1; tablas unlogged: %2; tablas foráneas: %3; vistas materializadas: %4; tablas particionadas: %5.</translation>
    </message>
    <message>
        <source>Large objects are not replicated: copy them with pg_dump --large-objects after writes stop, or move the data to bytea columns.</source>
        <translation>Los objetos grandes no se replican: cópielos con pg_dump --large-objects tras detener las escrituras, o pase los datos a columnas bytea.</translation>
    </message>
    <message>
        <source>Unlogged tables write no WAL, so they arrive empty: copy them by hand or make them logged (ALTER TABLE ... SET LOGGED).</source>
        <translation>Las tablas unlogged no escriben WAL, así que llegan vacías: cópielas a mano o hágalas logged (ALTER TABLE ... SET LOGGED).</translation>
    </message>
    <message>
        <source>Foreign tables are created, their data stays on the remote server: the target needs the same foreign servers and user mappings.</source>
        <translation>Las tablas foráneas se crean, sus datos se quedan en el servidor remoto: el destino necesita los mismos foreign servers y user mappings.</translation>
    </message>
    <message>
        <source>Materialized views are created empty: REFRESH MATERIALIZED VIEW them on the target before cutover.</source>
        <translation>Las vistas materializadas se crean vacías: haga REFRESH MATERIALIZED VIEW de ellas en el destino antes de la conmutación.</translation>
    </message>
    <message>
        <source>Partitioned tables: pgshift publishes them with publish_via_partition_root = true, so changes arrive through the parent.</source>
        <translation>Tablas particionadas: pgshift las publica con publish_via_partition_root = true, así que los cambios llegan a través de la tabla padre.</translation>
    </message>
    <message>
        <source>Each of these needs a step of its own, or its data is missing on the target.</source>
        <translation>Cada uno de estos necesita un paso propio, o sus datos faltarán en el destino.</translation>
    </message>
    <message>
        <source>Large objects are not replicated: pgshift&apos;s cutover copies them after writes stop, so their size adds to the downtime (or move the data to bytea columns).</source>
        <translation>Los objetos grandes no se replican: la conmutación de pgshift los copia tras detener las escrituras, así que su tamaño se suma al tiempo sin escrituras (o pase los datos a columnas bytea).</translation>
    </message>
    <message>
        <source>Materialized views are created empty: pgshift&apos;s cutover refreshes them on the target before writes stop.</source>
        <translation>Las vistas materializadas se crean vacías: la conmutación de pgshift las refresca en el destino antes de detener las escrituras.</translation>
    </message>
</context>
<context>
    <name>pgshift::core::VersionCheck</name>
    <message>
        <source>PostgreSQL versions</source>
        <translation>Versiones de PostgreSQL</translation>
    </message>
    <message>
        <source>The source runs PostgreSQL %1, the target PostgreSQL %2.</source>
        <translation>El origen ejecuta PostgreSQL %1, el destino PostgreSQL %2.</translation>
    </message>
    <message>
        <source>A schema dumped from a newer server uses syntax and catalog features an older server does not have; PostgreSQL supports moving only to the same or a newer major version.</source>
        <translation>Un esquema volcado de un servidor más reciente usa sintaxis y funciones del catálogo que un servidor más antiguo no tiene; PostgreSQL solo admite pasar a la misma versión mayor o a una más reciente.</translation>
    </message>
    <message>
        <source>Choose a target running PostgreSQL %1 or newer (PlanetScale Postgres runs 17 and 18).</source>
        <translation>Elija un destino con PostgreSQL %1 o posterior (PlanetScale Postgres ejecuta 17 y 18).</translation>
    </message>
    <message>
        <source>Publications and subscriptions exist from PostgreSQL 10 on.</source>
        <translation>Las publications y subscriptions existen desde PostgreSQL 10.</translation>
    </message>
    <message>
        <source>Use dump and restore, or upgrade the source to PostgreSQL 10 or newer first.</source>
        <translation>Use volcado y restauración, o actualice antes el origen a PostgreSQL 10 o posterior.</translation>
    </message>
    <message>
        <source>Moving to a newer major version is supported; test the application against PostgreSQL %1 before the cutover.</source>
        <translation>Pasar a una versión mayor más reciente está soportado; pruebe la aplicación con PostgreSQL %1 antes de la conmutación.</translation>
    </message>
</context>
<context>
    <name>pgshift::core::WalLevelCheck</name>
    <message>
        <source>wal_level on the source</source>
        <translation>wal_level en el origen</translation>
    </message>
    <message>
        <source>wal_level is %1 on the source.</source>
        <translation>wal_level es %1 en el origen.</translation>
    </message>
    <message>
        <source>Logical decoding reads row changes from the WAL, which holds them only with wal_level = logical. Changing it needs a server restart.</source>
        <translation>La decodificación lógica lee los cambios de filas del WAL, que solo los contiene con wal_level = logical. Cambiarlo requiere reiniciar el servidor.</translation>
    </message>
    <message>
        <source>In the RDS console, set rds.logical_replication = 1 in the instance&apos;s parameter group (a custom group: the default one cannot be changed), then reboot the instance.</source>
        <translation>En la consola de RDS, ponga rds.logical_replication = 1 en el grupo de parámetros de la instancia (uno personalizado: el predeterminado no se puede cambiar), luego reinicie la instancia.</translation>
    </message>
    <message>
        <source>In the RDS console, set rds.logical_replication = 1 in the DB cluster parameter group attached to the cluster, then reboot the writer instance.</source>
        <translation>En la consola de RDS, ponga rds.logical_replication = 1 en el grupo de parámetros de clúster de base de datos asociado al clúster, luego reinicie la instancia de escritura.</translation>
    </message>
    <message>
        <source>In the Neon console open Settings, Logical Replication, and enable it. This restarts the project&apos;s computes and cannot be turned off again.</source>
        <translation>En la consola de Neon abra Settings, Logical Replication, y actívela. Esto reinicia los computes del proyecto y no se puede volver a desactivar.</translation>
    </message>
    <message>
        <source>Set the database flag cloudsql.logical_decoding = on on the instance (this restarts it).</source>
        <translation>Ponga el flag de base de datos cloudsql.logical_decoding = on en la instancia (esto la reinicia).</translation>
    </message>
    <message>
        <source>In the Azure portal set the server parameter wal_level = logical, save, and restart the server.</source>
        <translation>En el portal de Azure ponga el parámetro de servidor wal_level = logical, guarde y reinicie el servidor.</translation>
    </message>
    <message>
        <source>Run ALTER SYSTEM SET wal_level = logical; as a superuser (or set it in postgresql.conf), then restart PostgreSQL, for example with systemctl restart postgresql.</source>
        <translation>Ejecute ALTER SYSTEM SET wal_level = logical; como superusuario (o póngalo en postgresql.conf), luego reinicie PostgreSQL, por ejemplo con systemctl restart postgresql.</translation>
    </message>
</context>
<context>
    <name>pgshift::core::WalSenderTimeoutCheck</name>
    <message>
        <source>wal_sender_timeout on the source</source>
        <translation>wal_sender_timeout en el origen</translation>
    </message>
    <message>
        <source>wal_sender_timeout is 0 (no timeout).</source>
        <translation>wal_sender_timeout es 0 (sin límite).</translation>
    </message>
    <message>
        <source>wal_sender_timeout is %1.</source>
        <translation>wal_sender_timeout es %1.</translation>
    </message>
    <message>
        <source>While a large table is copied the subscriber answers the source rarely; a walsender that hears nothing for wal_sender_timeout is ended, and the table&apos;s copy starts again from the beginning (source database: %1).</source>
        <translation>Mientras se copia una tabla grande el suscriptor responde al origen pocas veces; un walsender que no oye nada durante wal_sender_timeout se termina, y la copia de la tabla vuelve a empezar desde el principio (base de datos de origen: %1).</translation>
    </message>
    <message>
        <source>For the initial copy raise it (no restart needed; on managed services change the parameter group or server parameter instead):
%1</source>
        <translation>Para la copia inicial auméntelo (sin reiniciar; en servicios gestionados cambie en su lugar el grupo de parámetros o el parámetro de servidor):
%1</translation>
    </message>
</context>
<context>
    <name>pgshift::core::WriteBlocker</name>
    <message>
        <source>Writes stopped on the source: confirmed by you (the application is stopped)</source>
        <translation>Escrituras detenidas en el origen: confirmado por usted (la aplicación está detenida)</translation>
    </message>
    <message>
        <source>Stop writes on the source: roles %1 read-only in this database, their sessions ended</source>
        <translation>Detener las escrituras en el origen: roles %1 en solo lectura en esta base de datos, sus sesiones terminadas</translation>
    </message>
    <message>
        <source>Stop writes on the source: the database read-only for new transactions, every other session ended</source>
        <translation>Detener las escrituras en el origen: la base de datos en solo lectura para las nuevas transacciones, todas las demás sesiones terminadas</translation>
    </message>
    <message>
        <source>pid %1, user %2, application &apos;%3&apos;, from %4 (%5)</source>
        <translation>pid %1, usuario %2, aplicación &apos;%3&apos;, desde %4 (%5)</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Cannot reach the source to re-enable writes: %1</source>
        <translation>No se puede alcanzar el origen para volver a habilitar las escrituras: %1</translation>
    </message>
</context>
<context>
    <name>pgshift::widgets::ChartExport</name>
    <message>
        <source>Export failed</source>
        <translation>Falló la exportación</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>Imagen PNG (*.png)</translation>
    </message>
    <message>
        <source>Could not write %1.</source>
        <translation>No se pudo escribir %1.</translation>
    </message>
</context>
<context>
    <name>pgshift::widgets::CheckReportView</name>
    <message>
        <source>Blockers (%1)</source>
        <translation>Bloqueantes (%1)</translation>
    </message>
    <message>
        <source>Warnings (%1)</source>
        <translation>Advertencias (%1)</translation>
    </message>
    <message>
        <source>Notes (%1)</source>
        <translation>Notas (%1)</translation>
    </message>
    <message>
        <source>Passed (%1)</source>
        <translation>Superadas (%1)</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>Comprobaciones</translation>
    </message>
    <message>
        <source>Finding, reason and fix</source>
        <translation>Hallazgo, motivo y corrección</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>Hallazgo</translation>
    </message>
    <message>
        <source>Why it matters</source>
        <translation>Por qué importa</translation>
    </message>
    <message>
        <source>Fix (SQL, on the %1)</source>
        <translation>Corrección (SQL, en el %1)</translation>
    </message>
    <message>
        <source>source</source>
        <translation>origen</translation>
    </message>
    <message>
        <source>target</source>
        <translation>destino</translation>
    </message>
    <message>
        <source>Fix</source>
        <translation>Corrección</translation>
    </message>
</context>
<context>
    <name>pgshift::widgets::ConnectionForm</name>
    <message>
        <source>Provider</source>
        <translation>Proveedor</translation>
    </message>
    <message>
        <source>P&amp;rovider:</source>
        <translation>P&amp;roveedor:</translation>
    </message>
    <message>
        <source>Connection string</source>
        <translation>Cadena de conexión</translation>
    </message>
    <message>
        <source>Paste postgresql://user:password@host:5432/db or host=... dbname=...</source>
        <translation>Pegue postgresql://user:password@host:5432/db o host=... dbname=...</translation>
    </message>
    <message>
        <source>&amp;Fill in</source>
        <translation>R&amp;ellenar</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Host</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Puerto</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>Base de datos</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Usuario</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Contraseña</translation>
    </message>
    <message>
        <source>empty: ~/.pgpass or PGPASSWORD</source>
        <translation>vacía: ~/.pgpass o PGPASSWORD</translation>
    </message>
    <message>
        <source>Show the password</source>
        <translation>Mostrar la contraseña</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Servicio</translation>
    </message>
    <message>
        <source>optional: a name from pg_service.conf</source>
        <translation>opcional: un nombre de pg_service.conf</translation>
    </message>
    <message>
        <source>P&amp;ort:</source>
        <translation>P&amp;uerto:</translation>
    </message>
    <message>
        <source>&amp;Host:</source>
        <translation>&amp;Host:</translation>
    </message>
    <message>
        <source>&amp;Database:</source>
        <translation>&amp;Base de datos:</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>U&amp;suario:</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>Contrase&amp;ña:</translation>
    </message>
    <message>
        <source>Ser&amp;vice:</source>
        <translation>Ser&amp;vicio:</translation>
    </message>
    <message>
        <source>SSL mode</source>
        <translation>Modo SSL</translation>
    </message>
    <message>
        <source>(default: prefer)</source>
        <translation>(predeterminado: prefer)</translation>
    </message>
    <message>
        <source>SSL root certificate</source>
        <translation>Certificado raíz SSL</translation>
    </message>
    <message>
        <source>optional: CA certificate file for verify-ca / verify-full</source>
        <translation>opcional: archivo de certificado de la CA para verify-ca / verify-full</translation>
    </message>
    <message>
        <source>Channel binding</source>
        <translation>Channel binding</translation>
    </message>
    <message>
        <source>Root &amp;certificate:</source>
        <translation>&amp;Certificado raíz:</translation>
    </message>
    <message>
        <source>Filled in from the connection string.</source>
        <translation>Rellenado a partir de la cadena de conexión.</translation>
    </message>
    <message>
        <source>Kept without a field of their own: %1.</source>
        <translation>Conservados sin campo propio: %1.</translation>
    </message>
    <message>
        <source>PGHOST: %1</source>
        <translation>PGHOST: %1</translation>
    </message>
    <message>
        <source>Root certificate</source>
        <translation>Certificado raíz</translation>
    </message>
    <message>
        <source>Certificates (*.crt *.pem *.cer);;All files (*)</source>
        <translation>Certificados (*.crt *.pem *.cer);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Connection str&amp;ing:</source>
        <translation>Cadena de cone&amp;xión:</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Examinar…</translation>
    </message>
    <message>
        <source>Channel bindin&amp;g:</source>
        <translation>Channel b&amp;inding:</translation>
    </message>
    <message>
        <source>SSL mod&amp;e:</source>
        <translation>Modo SS&amp;L:</translation>
    </message>
</context>
<context>
    <name>pgshift::widgets::ConnectionTestView</name>
    <message>
        <source>superuser</source>
        <translation>superusuario</translation>
    </message>
    <message>
        <source>replication</source>
        <translation>replicación</translation>
    </message>
    <message>
        <source>member of rds_replication</source>
        <translation>miembro de rds_replication</translation>
    </message>
    <message>
        <source>member of pg_create_subscription</source>
        <translation>miembro de pg_create_subscription</translation>
    </message>
    <message>
        <source>bypasses row-level security</source>
        <translation>omite la seguridad a nivel de fila</translation>
    </message>
    <message>
        <source>no special attributes</source>
        <translation>sin atributos especiales</translation>
    </message>
    <message>
        <source>Server:</source>
        <translation>Servidor:</translation>
    </message>
    <message>
        <source>Database:</source>
        <translation>Base de datos:</translation>
    </message>
    <message>
        <source>User:</source>
        <translation>Usuario:</translation>
    </message>
    <message>
        <source>wal_level:</source>
        <translation>wal_level:</translation>
    </message>
    <message>
        <source>Round trip:</source>
        <translation>Ida y vuelta:</translation>
    </message>
    <message>
        <source>Server message</source>
        <translation>Mensaje del servidor</translation>
    </message>
    <message>
        <source>Testing the connection…</source>
        <translation>Probando la conexión…</translation>
    </message>
    <message>
        <source>The connection failed.</source>
        <translation>La conexión falló.</translation>
    </message>
    <message>
        <source>Connected.</source>
        <translation>Conectado.</translation>
    </message>
    <message>
        <source>PostgreSQL %1%2</source>
        <translation>PostgreSQL %1%2</translation>
    </message>
    <message>
        <source> (standby, read-only)</source>
        <translation> (standby, solo lectura)</translation>
    </message>
    <message numerus="yes">
        <source>%1, %2, %n user table(s)</source>
        <translation>
            <numerusform>%1, %2, %n tabla de usuario</numerusform>
            <numerusform>%1, %2, %n tablas de usuario</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 ms (connecting took %2 ms)</source>
        <translation>%1 ms (la conexión tardó %2 ms)</translation>
    </message>
</context>
<context>
    <name>pgshift::widgets::CopyTableModel</name>
    <message>
        <source>Waiting</source>
        <translation>En espera</translation>
    </message>
    <message>
        <source>Copying</source>
        <translation>Copiando</translation>
    </message>
    <message>
        <source>Building indexes</source>
        <translation>Construyendo índices</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Copiada</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Falló</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Cancelada</translation>
    </message>
    <message>
        <source>match</source>
        <translation>coincide</translation>
    </message>
    <message>
        <source>MISMATCH</source>
        <translation>NO COINCIDE</translation>
    </message>
    <message>
        <source>About %1 rows expected</source>
        <translation>Se esperan unas %1 filas</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>Tabla</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Rows copied</source>
        <translation>Filas copiadas</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Datos</translation>
    </message>
    <message>
        <source>Source rows</source>
        <translation>Filas en origen</translation>
    </message>
    <message>
        <source>Target rows</source>
        <translation>Filas en destino</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Comprobación</translation>
    </message>
</context>
<context>
    <name>pgshift::widgets::FixDialog</name>
    <message>
        <source>Run fix</source>
        <translation>Ejecutar corrección</translation>
    </message>
    <message>
        <source>Statements to run</source>
        <translation>Sentencias que ejecutar</translation>
    </message>
    <message>
        <source>SQL that will run</source>
        <translation>SQL que se ejecutará</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>&amp;Ejecutar</translation>
    </message>
    <message>
        <source>Exactly this will run:</source>
        <translation>Se ejecutará exactamente esto:</translation>
    </message>
</context>
<context>
    <name>pgshift::widgets::LagChart</name>
    <message>
        <source>Lag (KiB)</source>
        <translation>Retraso (KiB)</translation>
    </message>
    <message>
        <source>Lag (seconds)</source>
        <translation>Retraso (segundos)</translation>
    </message>
    <message>
        <source>Replication lag</source>
        <translation>Retraso de replicación</translation>
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
        <translation>Nivel mínimo</translation>
    </message>
    <message>
        <source>Debug and above</source>
        <translation>Debug y superiores</translation>
    </message>
    <message>
        <source>Info and above</source>
        <translation>Info y superiores</translation>
    </message>
    <message>
        <source>Warnings and errors</source>
        <translation>Advertencias y errores</translation>
    </message>
    <message>
        <source>Errors only</source>
        <translation>Solo errores</translation>
    </message>
    <message>
        <source>Search the log</source>
        <translation>Buscar en el registro</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Copiar</translation>
    </message>
    <message>
        <source>Copy the lines shown to the clipboard</source>
        <translation>Copiar las líneas mostradas al portapapeles</translation>
    </message>
    <message>
        <source>C&amp;lear</source>
        <translation>&amp;Vaciar</translation>
    </message>
    <message numerus="yes">
        <source>%n line(s)</source>
        <translation>
            <numerusform>%n línea</numerusform>
            <numerusform>%n líneas</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pgshift::widgets::PasswordKeychain</name>
    <message>
        <source>pgshift was built without keychain support.</source>
        <translation>pgshift se compiló sin soporte de llavero.</translation>
    </message>
</context>
<context>
    <name>pgshift::widgets::ProfileBar</name>
    <message>
        <source>Password taken from the system keychain.</source>
        <translation>Contraseña tomada del llavero del sistema.</translation>
    </message>
    <message>
        <source>Password saved in the system keychain.</source>
        <translation>Contraseña guardada en el llavero del sistema.</translation>
    </message>
    <message>
        <source>The keychain did not take the password: %1</source>
        <translation>El llavero no aceptó la contraseña: %1</translation>
    </message>
    <message>
        <source>Saved connection</source>
        <translation>Conexión guardada</translation>
    </message>
    <message>
        <source>&amp;Save as…</source>
        <translation>Guardar c&amp;omo…</translation>
    </message>
    <message>
        <source>Remember &amp;password in the system keychain</source>
        <translation>Recordar la con&amp;traseña en el llavero del sistema</translation>
    </message>
    <message>
        <source>Save connection</source>
        <translation>Guardar la conexión</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Nombre:</translation>
    </message>
    <message>
        <source>Saved &quot;%1&quot; (without the password).</source>
        <translation>Guardada &quot;%1&quot; (sin la contraseña).</translation>
    </message>
    <message>
        <source>Loaded &quot;%1&quot;.</source>
        <translation>Cargada &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>Deleted &quot;%1&quot;.</source>
        <translation>Eliminada &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Eliminar</translation>
    </message>
    <message>
        <source>S&amp;aved:</source>
        <translation>Guar&amp;dadas:</translation>
    </message>
</context>
<context>
    <name>pgshift::widgets::RowCountChart</name>
    <message>
        <source>Source</source>
        <translation>Origen</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Destino</translation>
    </message>
    <message>
        <source>Rows per table: source and target</source>
        <translation>Filas por tabla: origen y destino</translation>
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
        <translation>Filas por tabla, primero la mayor diferencia</translation>
    </message>
</context>
<context>
    <name>pgshift::wizard::AboutDialog</name>
    <message>
        <source>About pgshift</source>
        <translation>Acerca de pgshift</translation>
    </message>
    <message>
        <source>Moves a PostgreSQL database to another PostgreSQL server by dump and restore, by logical replication, or with AWS DMS.</source>
        <translation>Mueve una base de datos PostgreSQL a otro servidor PostgreSQL mediante volcado y restauración, replicación lógica o AWS DMS.</translation>
    </message>
    <message>
        <source>&amp;Copy versions</source>
        <translation>&amp;Copiar versiones</translation>
    </message>
    <message>
        <source>Qt %1 (built with %2)</source>
        <translation>Qt %1 (compilado con %2)</translation>
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
        <translation>Cadena de conexión del destino</translation>
    </message>
    <message>
        <source>C&amp;opy</source>
        <translation>C&amp;opiar</translation>
    </message>
    <message>
        <source>Re-enable &amp;writes on the source</source>
        <translation>Volver a habilitar las &amp;escrituras en el origen</translation>
    </message>
    <message>
        <source>Lifts pgshift&apos;s write block: for whoever still needs to write to the old primary</source>
        <translation>Levanta el bloqueo de escritura de pgshift: para quien aún necesite escribir en el antiguo primario</translation>
    </message>
    <message>
        <source>Target for the application:</source>
        <translation>Destino para la aplicación:</translation>
    </message>
    <message>
        <source>Write downtime: %1 s</source>
        <translation>Tiempo sin escrituras: %1 s</translation>
    </message>
    <message>
        <source>Copy complete and every checklist step done. Point the application at the target (its password as before).</source>
        <translation>Copia completa y cada paso de la lista de comprobación hecho. Apunte la aplicación al destino (su contraseña como antes).</translation>
    </message>
    <message>
        <source>Cutover complete. Point the application at the target (its password as before).</source>
        <translation>Conmutación completa. Apunte la aplicación al destino (su contraseña como antes).</translation>
    </message>
    <message>
        <source>The source stays read-only for what was blocked, so nothing lands on the old primary.</source>
        <translation>El origen sigue en solo lectura para lo que se bloqueó, para que nada llegue al antiguo primario.</translation>
    </message>
    <message>
        <source>Stopped: %1</source>
        <translation>Detenido: %1</translation>
    </message>
    <message>
        <source>Writes are allowed again on the source.</source>
        <translation>Las escrituras vuelven a estar permitidas en el origen.</translation>
    </message>
    <message>
        <source>Writes are allowed again on the source; replication is still running. Fix the cause and run the cutover again.</source>
        <translation>Las escrituras vuelven a estar permitidas en el origen; la replicación sigue en marcha. Corrija la causa y ejecute la conmutación de nuevo.</translation>
    </message>
    <message>
        <source>Re-enabling writes failed: %1</source>
        <translation>No se pudieron volver a habilitar las escrituras: %1</translation>
    </message>
    <message>
        <source>Re-enable writes</source>
        <translation>Volver a habilitar las escrituras</translation>
    </message>
    <message>
        <source>Then stop and delete the DMS task and its endpoints (section 4 of aws-commands.sh).</source>
        <translation>Después detenga y elimine la tarea DMS y sus endpoints (sección 4 de aws-commands.sh).</translation>
    </message>
</context>
<context>
    <name>pgshift::wizard::ChecklistTable</name>
    <message>
        <source>Checklist</source>
        <translation>Lista de comprobación</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Paso</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Hora</translation>
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
        <translation>Base de datos de origen</translation>
    </message>
    <message>
        <source>Target database</source>
        <translation>Base de datos de destino</translation>
    </message>
    <message>
        <source>The database to migrate from. pgshift only reads from it until cutover.</source>
        <translation>La base de datos desde la que se migra. pgshift solo lee de ella hasta la conmutación.</translation>
    </message>
    <message>
        <source>The database to migrate to, for example on PlanetScale Postgres. It should be empty.</source>
        <translation>La base de datos a la que se migra, por ejemplo en PlanetScale Postgres. Debería estar vacía.</translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation>&amp;Probar conexión</translation>
    </message>
    <message numerus="yes">
        <source>and %n more schema(s)</source>
        <translation>
            <numerusform>y %n esquema más</numerusform>
            <numerusform>y %n esquemas más</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The target database already holds %n user table(s), in: %1. pgshift never drops existing objects; tables with the same names as the source&apos;s will make the copy fail.</source>
        <translation>
            <numerusform>La base de datos de destino ya contiene %n tabla de usuario, en: %1. pgshift nunca elimina objetos existentes; las tablas con los mismos nombres que las del origen harán fallar la copia.</numerusform>
            <numerusform>La base de datos de destino ya contiene %n tablas de usuario, en: %1. pgshift nunca elimina objetos existentes; las tablas con los mismos nombres que las del origen harán fallar la copia.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pgshift::wizard::CutoverPage</name>
    <message>
        <source>Cutover</source>
        <translation>Conmutación</translation>
    </message>
    <message>
        <source>Stop writes on the source, let the target catch up, move the sequences ahead, prove every row is there, end replication, switch. The first failing step stops it and re-enables writes.</source>
        <translation>Detener las escrituras en el origen, dejar que el destino se ponga al día, adelantar las secuencias, demostrar que cada fila está, terminar la replicación, cambiar. El primer paso que falla lo detiene y vuelve a habilitar las escrituras.</translation>
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
        <translation>&amp;Ejecutar la conmutación</translation>
    </message>
    <message>
        <source>Ca&amp;ncel</source>
        <translation>Ca&amp;ncelar</translation>
    </message>
    <message>
        <source>Catch-up timeout:</source>
        <translation>Tiempo límite para ponerse al día:</translation>
    </message>
    <message>
        <source>Sequence margin:</source>
        <translation>Margen de las secuencias:</translation>
    </message>
    <message>
        <source>Lag at most:</source>
        <translation>Retraso como mucho:</translation>
    </message>
    <message>
        <source>No logical replication runs in this session: start or resume one first.</source>
        <translation>No hay ninguna replicación lógica en esta sesión: inicie o reanude una primero.</translation>
    </message>
    <message>
        <source>Run cutover</source>
        <translation>Ejecutar la conmutación</translation>
    </message>
    <message>
        <source>Cancelling: writes are re-enabled on the source…</source>
        <translation>Cancelando: se vuelven a habilitar las escrituras en el origen…</translation>
    </message>
    <message>
        <source>Reading the source&apos;s sessions…</source>
        <translation>Leyendo las sesiones del origen…</translation>
    </message>
    <message>
        <source>Checksums</source>
        <translation>Sumas de comprobación</translation>
    </message>
    <message>
        <source>Validate with a checksum of every table&apos;s rows as well as exact row counts: catches changed values, reads every row on both servers</source>
        <translation>Validar con una suma de comprobación de las filas de cada tabla además de los recuentos exactos de filas: detecta valores cambiados, lee cada fila en ambos servidores</translation>
    </message>
    <message>
        <source>Cut over now?</source>
        <translation>¿Conmutar ahora?</translation>
    </message>
    <message>
        <source>The DMS page has not prepared the target in this session.</source>
        <translation>La página de DMS no ha preparado el destino en esta sesión.</translation>
    </message>
    <message>
        <source>Stop writes on the source, wait until DMS confirms the last change, add the foreign keys held back for the load, move the sequences ahead, prove every row is there, switch. The first failing step stops it and re-enables writes.</source>
        <translation>Detener las escrituras en el origen, esperar a que DMS confirme el último cambio, añadir las claves foráneas retenidas para la carga, adelantar las secuencias, demostrar que cada fila está, cambiar. El primer paso que falla lo detiene y vuelve a habilitar las escrituras.</translation>
    </message>
</context>
<context>
    <name>pgshift::wizard::DmsPage</name>
    <message>
        <source>AWS DMS, schema first</source>
        <translation>AWS DMS, esquema primero</translation>
    </message>
    <message>
        <source>pgshift creates the schema on the target with its foreign keys held back and writes what DMS needs. You run the task in AWS with your own credentials; pgshift watches both databases and finishes what DMS leaves undone.</source>
        <translation>pgshift crea el esquema en el destino con sus claves foráneas retenidas y escribe lo que DMS necesita. Usted ejecuta la tarea en AWS con sus propias credenciales; pgshift vigila ambas bases de datos y termina lo que DMS deja sin hacer.</translation>
    </message>
    <message>
        <source>Replicate ongoing changes after the full load (CDC, through the slot)</source>
        <translation>Replicar los cambios continuos tras la carga completa (CDC, a través del slot)</translation>
    </message>
    <message>
        <source>Full: every value whole, in pieces</source>
        <translation>Completo: cada valor entero, por partes</translation>
    </message>
    <message>
        <source>Limited: values over the size are cut</source>
        <translation>Limitado: los valores de más de ese tamaño se truncan</translation>
    </message>
    <message>
        <source> KB</source>
        <translation> KB</translation>
    </message>
    <message>
        <source>Row-level validation by DMS</source>
        <translation>Validación por filas de DMS</translation>
    </message>
    <message>
        <source>&amp;Prepare: create the schema, write the files</source>
        <translation>&amp;Preparar: crear el esquema, escribir los archivos</translation>
    </message>
    <message>
        <source>Nothing done yet: Prepare writes to the target (its schema) and to the folder.</source>
        <translation>Aún no se ha hecho nada: Preparar escribe en el destino (su esquema) y en la carpeta.</translation>
    </message>
    <message>
        <source>&amp;Task identifier:</source>
        <translation>Identificador de &amp;tarea:</translation>
    </message>
    <message>
        <source>&amp;Slot on the source:</source>
        <translation>&amp;Slot en el origen:</translation>
    </message>
    <message>
        <source>Tables loaded &amp;at a time:</source>
        <translation>Tablas cargadas a la &amp;vez:</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Tarea</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>Filas</translation>
    </message>
    <message>
        <source>Slot lag</source>
        <translation>Retraso del slot</translation>
    </message>
    <message>
        <source>Folder for the DMS files</source>
        <translation>Carpeta para los archivos de DMS</translation>
    </message>
    <message>
        <source>The piece size DMS moves large values in</source>
        <translation>El tamaño de las partes en que DMS mueve los valores grandes</translation>
    </message>
    <message>
        <source>Values over this size are cut</source>
        <translation>Los valores de más de este tamaño se truncan</translation>
    </message>
    <message>
        <source>Creating the schema on the target, foreign keys held back…</source>
        <translation>Creando el esquema en el destino, claves foráneas retenidas…</translation>
    </message>
    <message>
        <source>Not prepared: %1</source>
        <translation>No preparado: %1</translation>
    </message>
    <message numerus="yes">
        <source>The schema copy created %n object(s) on the target before it stopped; drop them before trying again.</source>
        <translation>
            <numerusform>La copia del esquema creó %n objeto en el destino antes de detenerse; elimínelo antes de volver a intentarlo.</numerusform>
            <numerusform>La copia del esquema creó %n objetos en el destino antes de detenerse; elimínelos antes de volver a intentarlo.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Schema created on the target; %n table(s) in the mapping. </source>
        <translation>
            <numerusform>Esquema creado en el destino; %n tabla en el mapping. </numerusform>
            <numerusform>Esquema creado en el destino; %n tablas en el mapping. </numerusform>
        </translation>
    </message>
    <message>
        <source>No foreign key to hold back.</source>
        <translation>Ninguna clave foránea que retener.</translation>
    </message>
    <message>
        <source>Held back until the cutover: %1.</source>
        <translation>Retenidas hasta la conmutación: %1.</translation>
    </message>
    <message>
        <source>Files in %1. Run the commands of aws-commands.sh; once the full load is done, go on.</source>
        <translation>Archivos en %1. Ejecute los comandos de aws-commands.sh; cuando termine la carga completa, continúe.</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Copiar</translation>
    </message>
    <message>
        <source>Could not read the servers: %1</source>
        <translation>No se pudieron leer los servidores: %1</translation>
    </message>
    <message>
        <source>live rows from statistics</source>
        <translation>filas vivas según las estadísticas</translation>
    </message>
    <message>
        <source>Full load only: no slot to watch.</source>
        <translation>Solo carga completa: no hay slot que vigilar.</translation>
    </message>
    <message>
        <source>No slot %1 on the source yet: DMS creates it when the task starts.</source>
        <translation>Aún no hay slot %1 en el origen: DMS lo crea cuando se inicia la tarea.</translation>
    </message>
    <message>
        <source>Slot %1 on the source, %2: DMS has not confirmed %3 bytes of WAL.</source>
        <translation>Slot %1 en el origen, %2: DMS no ha confirmado %3 bytes de WAL.</translation>
    </message>
    <message>
        <source>in use</source>
        <translation>en uso</translation>
    </message>
    <message>
        <source>idle (no DMS task reading it)</source>
        <translation>inactivo (ninguna tarea DMS lo lee)</translation>
    </message>
    <message>
        <source>Large values (LOB mode):</source>
        <translation>Valores grandes (modo LOB):</translation>
    </message>
    <message>
        <source>Folder for the files:</source>
        <translation>Carpeta para los archivos:</translation>
    </message>
    <message>
        <source>all; or schemas, comma-separated: sales, &quot;Archive 2024&quot;</source>
        <translation>todo; o esquemas, separados por comas: sales, &quot;Archive 2024&quot;</translation>
    </message>
    <message>
        <source>all; or tables: orders, sales.&quot;Order Items&quot; (partitions come with their table)</source>
        <translation>todo; o tablas: orders, sales.&quot;Order Items&quot; (las particiones vienen con su tabla)</translation>
    </message>
    <message>
        <source>Schemas and tables:</source>
        <translation>Esquemas y tablas:</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Examinar…</translation>
    </message>
</context>
<context>
    <name>pgshift::wizard::DumpRestorePage</name>
    <message>
        <source>Dump and restore</source>
        <translation>Volcado y restauración</translation>
    </message>
    <message>
        <source>What and how</source>
        <translation>Qué y cómo</translation>
    </message>
    <message>
        <source>Stream: rows go straight from server to server (fastest)</source>
        <translation>Stream: las filas van directamente de servidor a servidor (lo más rápido)</translation>
    </message>
    <message>
        <source>pg_dump archive: keeps a pg_dump -Fd folder for audit or a later restore</source>
        <translation>Archivo de pg_dump: conserva una carpeta pg_dump -Fd para auditoría o una restauración posterior</translation>
    </message>
    <message>
        <source>A new or empty folder</source>
        <translation>Una carpeta nueva o vacía</translation>
    </message>
    <message>
        <source>Tables copied and indexes built at once. Each worker holds a session on both servers.</source>
        <translation>Tablas copiadas e índices construidos a la vez. Cada worker mantiene una sesión en ambos servidores.</translation>
    </message>
    <message>
        <source>The &amp;whole database</source>
        <translation>Toda la &amp;base de datos</translation>
    </message>
    <message>
        <source>&amp;Only:</source>
        <translation>&amp;Solo:</translation>
    </message>
    <message>
        <source>schemas, comma-separated: sales, &quot;Archive 2024&quot;</source>
        <translation>esquemas, separados por comas: sales, &quot;Archive 2024&quot;</translation>
    </message>
    <message>
        <source>tables: public.orders, &quot;Sales&quot;.&quot;Customers&quot;</source>
        <translation>tablas: public.orders, &quot;Sales&quot;.&quot;Customers&quot;</translation>
    </message>
    <message>
        <source>&amp;Start copy</source>
        <translation>&amp;Iniciar la copia</translation>
    </message>
    <message>
        <source>&amp;Engine:</source>
        <translation>M&amp;otor:</translation>
    </message>
    <message>
        <source>&amp;Archive folder:</source>
        <translation>Carpeta de arc&amp;hivo:</translation>
    </message>
    <message>
        <source>Copy:</source>
        <translation>Copia:</translation>
    </message>
    <message>
        <source>&amp;Parallel workers:</source>
        <translation>&amp;Workers en paralelo:</translation>
    </message>
    <message>
        <source>Not started.</source>
        <translation>No iniciada.</translation>
    </message>
    <message>
        <source>&amp;Cancel copy</source>
        <translation>Canc&amp;elar la copia</translation>
    </message>
    <message>
        <source>&amp;Review and drop…</source>
        <translation>&amp;Revisar y eliminar…</translation>
    </message>
    <message>
        <source>Shows the exact SQL first</source>
        <translation>Muestra primero el SQL exacto</translation>
    </message>
    <message>
        <source>Folder for the archive</source>
        <translation>Carpeta para el archivo</translation>
    </message>
    <message>
        <source>Choose a folder for the archive.</source>
        <translation>Elija una carpeta para el archivo.</translation>
    </message>
    <message>
        <source>The archive folder must be new or empty.</source>
        <translation>La carpeta de archivo debe ser nueva o estar vacía.</translation>
    </message>
    <message>
        <source>Name at least one schema or table.</source>
        <translation>Indique al menos un esquema o una tabla.</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Cancelando…</translation>
    </message>
    <message>
        <source>%1 of %2 tables done</source>
        <translation>%1 de %2 tablas hechas</translation>
    </message>
    <message>
        <source>%1 copied</source>
        <translation>%1 copiado</translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation>%1/s</translation>
    </message>
    <message>
        <source>about %1 left</source>
        <translation>quedan unos %1</translation>
    </message>
    <message>
        <source>estimating time left</source>
        <translation>estimando el tiempo restante</translation>
    </message>
    <message>
        <source>%1 elapsed</source>
        <translation>%1 transcurrido</translation>
    </message>
    <message>
        <source>Copied %1 (%2 rows, %3), %4 and %5 in %6. Every table&apos;s row count matches on both sides.</source>
        <translation>Copiado %1 (%2 filas, %3), %4 y %5 en %6. El recuento de filas de cada tabla coincide en ambos lados.</translation>
    </message>
    <message numerus="yes">
        <source>%n table(s)</source>
        <translation>
            <numerusform>%n tabla</numerusform>
            <numerusform>%n tablas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n sequence(s)</source>
        <translation>
            <numerusform>%n secuencia</numerusform>
            <numerusform>%n secuencias</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n large object(s)</source>
        <translation>
            <numerusform>%n objeto grande</numerusform>
            <numerusform>%n objetos grandes</numerusform>
        </translation>
    </message>
    <message>
        <source>The archive is in %1.</source>
        <translation>El archivo está en %1.</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Terminado</translation>
    </message>
    <message>
        <source>Cancelled: the copy did NOT complete.</source>
        <translation>Cancelada: la copia NO se completó.</translation>
    </message>
    <message>
        <source>The copy did NOT complete:</source>
        <translation>La copia NO se completó:</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Cancelada</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Falló</translation>
    </message>
    <message>
        <source>Drop what the copy left on the target</source>
        <translation>Eliminar lo que la copia dejó en el destino</translation>
    </message>
    <message>
        <source>This SQL runs on %1 in one transaction: all of it or nothing.</source>
        <translation>Este SQL se ejecuta en %1 en una transacción: todo o nada.</translation>
    </message>
    <message>
        <source>&amp;Drop on target</source>
        <translation>&amp;Eliminar en el destino</translation>
    </message>
    <message>
        <source>&amp;Copy SQL</source>
        <translation>&amp;Copiar SQL</translation>
    </message>
    <message>
        <source>Dropping…</source>
        <translation>Eliminando…</translation>
    </message>
    <message>
        <source>What the copy left on the target was dropped.</source>
        <translation>Se eliminó lo que la copia dejó en el destino.</translation>
    </message>
    <message>
        <source>Cleaned up</source>
        <translation>Limpiado</translation>
    </message>
    <message>
        <source>Drop failed</source>
        <translation>Falló la eliminación</translation>
    </message>
    <message>
        <source>Nothing was dropped: %1</source>
        <translation>No se eliminó nada: %1</translation>
    </message>
    <message>
        <source>Cleanup failed</source>
        <translation>Falló la limpieza</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message numerus="yes">
        <source>It left %n object(s) on the target: %1.</source>
        <translation>
            <numerusform>Dejó %n objeto en el destino: %1.</numerusform>
            <numerusform>Dejó %n objetos en el destino: %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Copies the schema and the data from one consistent snapshot of the source, then checks every table&apos;s row count on both sides. Stop writes to the source first, or let pgshift stop them and run the short cutover checklist around the copy.</source>
        <translation>Copia el esquema y los datos desde una instantánea coherente del origen, y luego comprueba el recuento de filas de cada tabla en ambos lados. Detenga primero las escrituras en el origen, o deje que pgshift las detenga y ejecute la breve lista de comprobación de conmutación alrededor de la copia.</translation>
    </message>
    <message>
        <source>After the copy, every target sequence is set this many increments ahead of the source</source>
        <translation>Tras la copia, cada secuencia del destino se fija esta cantidad de incrementos por delante del origen</translation>
    </message>
    <message>
        <source>Validate with checksums too (reads every row on both servers)</source>
        <translation>Validar también con sumas de comprobación (lee cada fila en ambos servidores)</translation>
    </message>
    <message>
        <source>Writes on the source:</source>
        <translation>Escrituras en el origen:</translation>
    </message>
    <message>
        <source>&amp;Tables</source>
        <translation>&amp;Tablas</translation>
    </message>
    <message>
        <source>Check&amp;list</source>
        <translation>&amp;Lista de comprobación</translation>
    </message>
    <message>
        <source>Start copy</source>
        <translation>Iniciar la copia</translation>
    </message>
    <message>
        <source>Copy now?</source>
        <translation>¿Copiar ahora?</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Examinar…</translation>
    </message>
    <message>
        <source>Se&amp;quence margin:</source>
        <translation>Margen de las se&amp;cuencias:</translation>
    </message>
</context>
<context>
    <name>pgshift::wizard::MethodPage</name>
    <message>
        <source>Migration method</source>
        <translation>Método de migración</translation>
    </message>
    <message>
        <source>How to move the data. The next page checks the prerequisites of the method you choose.</source>
        <translation>Cómo mover los datos. La página siguiente comprueba los requisitos previos del método que elija.</translation>
    </message>
    <message>
        <source>&amp;Dump and restore</source>
        <translation>&amp;Volcado y restauración</translation>
    </message>
    <message>
        <source>Writes must stop for the whole copy. Simple and robust; everything is copied, large objects and sequences included. Best when a maintenance window of the copy&apos;s length is acceptable.</source>
        <translation>Las escrituras deben detenerse durante toda la copia. Sencillo y robusto; se copia todo, incluidos objetos grandes y secuencias. Lo mejor cuando es aceptable una ventana de mantenimiento de la duración de la copia.</translation>
    </message>
    <message>
        <source>AWS Database Migration Service moves the rows; pgshift prepares the schema and the task files and afterwards adds constraints, sequences and validation. For teams already running DMS.</source>
        <translation>AWS Database Migration Service mueve las filas; pgshift prepara el esquema y los archivos de la tarea y después añade restricciones, secuencias y validación. Para equipos que ya usan DMS.</translation>
    </message>
    <message>
        <source>The source database takes %1 and has wal_level = %2: dump and restore works as it is; logical replication first needs wal_level = logical (a restart).</source>
        <translation>La base de datos de origen ocupa %1 y tiene wal_level = %2: el volcado y restauración funciona tal cual; la replicación lógica necesita antes wal_level = logical (un reinicio).</translation>
    </message>
    <message>
        <source>The source database takes %1: copying it takes a while, so logical replication keeps the downtime to seconds.</source>
        <translation>La base de datos de origen ocupa %1: copiarla lleva un rato, así que la replicación lógica reduce el tiempo sin escrituras a segundos.</translation>
    </message>
    <message>
        <source>The source database takes %1. Dump and restore is simplest if the copy&apos;s duration is an acceptable downtime; otherwise use logical replication.</source>
        <translation>La base de datos de origen ocupa %1. El volcado y restauración es lo más sencillo si la duración de la copia es un tiempo de inactividad aceptable; si no, use la replicación lógica.</translation>
    </message>
    <message>
        <source>The source stays online; writes stop only for seconds at cutover. Needs wal_level = logical, replication rights and a key on every table. Sequences, large objects and materialized views are handled at cutover; schema changes (DDL) are not replicated, so make none until it is done.</source>
        <translation>El origen sigue en línea; las escrituras se detienen solo unos segundos en la conmutación. Necesita wal_level = logical, derechos de replicación y una clave en cada tabla. Las secuencias, los objetos grandes y las vistas materializadas se tratan en la conmutación; los cambios de esquema (DDL) no se replican, así que no haga ninguno hasta terminar.</translation>
    </message>
    <message>
        <source>Logical re&amp;plication</source>
        <translation>Re&amp;plicación lógica</translation>
    </message>
    <message>
        <source>AWS DM&amp;S assisted</source>
        <translation>Asistido por AWS DM&amp;S</translation>
    </message>
</context>
<context>
    <name>pgshift::wizard::MigrationWizard</name>
    <message>
        <source>pgshift: PostgreSQL migration</source>
        <translation>pgshift: migración de PostgreSQL</translation>
    </message>
    <message>
        <source>pgshift log</source>
        <translation>Registro de pgshift</translation>
    </message>
    <message>
        <source>&amp;Log</source>
        <translation>Re&amp;gistro</translation>
    </message>
    <message>
        <source>Show what pgshift did and every SQL statement it ran</source>
        <translation>Mostrar lo que hizo pgshift y cada sentencia SQL que ejecutó</translation>
    </message>
    <message>
        <source>Copy in progress</source>
        <translation>Copia en curso</translation>
    </message>
    <message>
        <source>A copy is running. Cancel it and close pgshift? The target keeps what was created so far; the list and the SQL that drops it are in the log.</source>
        <translation>Hay una copia en marcha. ¿Cancelarla y cerrar pgshift? El destino conserva lo creado hasta ahora; la lista y el SQL que lo elimina están en el registro.</translation>
    </message>
    <message>
        <source>Replication running</source>
        <translation>Replicación en marcha</translation>
    </message>
    <message>
        <source>The target keeps following the source after pgshift closes, and the source keeps WAL for it. Close pgshift? At its next start it offers to resume monitoring or to clean up.</source>
        <translation>El destino sigue al origen después de cerrar pgshift, y el origen retiene WAL para él. ¿Cerrar pgshift? En su próximo inicio ofrece reanudar la supervisión o limpiar.</translation>
    </message>
    <message>
        <source>Cutover in progress</source>
        <translation>Conmutación en curso</translation>
    </message>
    <message>
        <source>A cutover is running. Cancel it (writes are re-enabled on the source, replication keeps running) and close pgshift?</source>
        <translation>Hay una conmutación en marcha. ¿Cancelarla (se vuelven a habilitar las escrituras en el origen, la replicación sigue) y cerrar pgshift?</translation>
    </message>
    <message>
        <source>Replication lag over time</source>
        <translation>Retraso de replicación en el tiempo</translation>
    </message>
    <message>
        <source>Sandbox</source>
        <translation>Sandbox</translation>
    </message>
    <message>
        <source>The sandbox did not start: %1</source>
        <translation>El sandbox no se inició: %1</translation>
    </message>
    <message>
        <source>&amp;More</source>
        <translation>&amp;Más</translation>
    </message>
    <message>
        <source>&amp;About pgshift…</source>
        <translation>&amp;Acerca de pgshift…</translation>
    </message>
    <message>
        <source>Open &amp;log folder</source>
        <translation>Abrir la carpeta del &amp;registro</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Idioma</translation>
    </message>
    <message>
        <source>System (%1)</source>
        <translation>Sistema (%1)</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>pgshift will speak %1 from its next start. (pgshift --lang CODE chooses for one run.)</source>
        <translation>pgshift hablará %1 desde su próximo inicio. (pgshift --lang CODE elige para una ejecución.)</translation>
    </message>
    <message>
        <source>the system&apos;s language</source>
        <translation>el idioma del sistema</translation>
    </message>
</context>
<context>
    <name>pgshift::wizard::PreflightPage</name>
    <message>
        <source>Prerequisites</source>
        <translation>Requisitos previos</translation>
    </message>
    <message>
        <source>Everything the chosen method needs, checked on both servers. Nothing is changed unless you run a fix.</source>
        <translation>Todo lo que necesita el método elegido, comprobado en ambos servidores. No se cambia nada a menos que ejecute una corrección.</translation>
    </message>
    <message>
        <source>&amp;Re-run checks</source>
        <translation>&amp;Repetir las comprobaciones</translation>
    </message>
    <message>
        <source>&amp;Copy fix SQL</source>
        <translation>&amp;Copiar el SQL de corrección</translation>
    </message>
    <message>
        <source>R&amp;un fix…</source>
        <translation>Ejec&amp;utar corrección…</translation>
    </message>
    <message>
        <source>Only for fixes that are safe to run from here; you see the SQL first.</source>
        <translation>Solo para correcciones seguras de ejecutar desde aquí; primero verá el SQL.</translation>
    </message>
    <message>
        <source>&amp;Export report…</source>
        <translation>E&amp;xportar informe…</translation>
    </message>
    <message>
        <source>I have read the &amp;warnings</source>
        <translation>He leído las &amp;advertencias</translation>
    </message>
    <message>
        <source>Checking the %1 prerequisites on both servers…</source>
        <translation>Comprobando los requisitos previos de %1 en ambos servidores…</translation>
    </message>
    <message>
        <source>The checks could not run: %1</source>
        <translation>Las comprobaciones no pudieron ejecutarse: %1</translation>
    </message>
    <message>
        <source>Fix the blockers, then re-run the checks.</source>
        <translation>Corrija los bloqueantes y repita las comprobaciones.</translation>
    </message>
    <message>
        <source>Running the fix…</source>
        <translation>Ejecutando la corrección…</translation>
    </message>
    <message>
        <source>The fix failed and was rolled back: %1</source>
        <translation>La corrección falló y se revirtió: %1</translation>
    </message>
    <message>
        <source>There is no report yet.</source>
        <translation>Aún no hay informe.</translation>
    </message>
    <message>
        <source>Export the preflight report</source>
        <translation>Exportar el informe de requisitos previos</translation>
    </message>
    <message>
        <source>Markdown (*.md);;HTML (*.html);;JSON (*.json)</source>
        <translation>Markdown (*.md);;HTML (*.html);;JSON (*.json)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Falló la exportación</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>No se pudo escribir %1: %2</translation>
    </message>
    <message>
        <source>Run these statements on the source, in one transaction? Untick any you do not want.</source>
        <translation>¿Ejecutar estas sentencias en el origen, en una transacción? Desmarque las que no quiera.</translation>
    </message>
    <message>
        <source>Run these statements on the target, in one transaction? Untick any you do not want.</source>
        <translation>¿Ejecutar estas sentencias en el destino, en una transacción? Desmarque las que no quiera.</translation>
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
        <translation>Replicación lógica</translation>
    </message>
    <message>
        <source>The target copies every table while the source stays online, then follows its changes until you cut over. Nothing runs before you press Start; here is exactly what will.</source>
        <translation>El destino copia cada tabla mientras el origen sigue en línea, y luego sigue sus cambios hasta que usted conmute. Nada se ejecuta antes de pulsar Iniciar; aquí está exactamente lo que se ejecutará.</translation>
    </message>
    <message>
        <source>The subscription keeps the source&apos;s password on the target (in pg_subscription) until cleanup drops it; a dedicated role with only REPLICATION and SELECT limits what it can do.</source>
        <translation>La subscription guarda la contraseña del origen en el destino (en pg_subscription) hasta que la limpieza la elimina; un rol dedicado con solo REPLICATION y SELECT limita lo que puede hacer.</translation>
    </message>
    <message>
        <source>Build secondary indexes after the initial copy (faster copy)</source>
        <translation>Construir los índices secundarios tras la copia inicial (copia más rápida)</translation>
    </message>
    <message>
        <source> KiB</source>
        <translation> KiB</translation>
    </message>
    <message>
        <source>Cutover is offered once the lag is at most this</source>
        <translation>La conmutación se ofrece cuando el retraso es como mucho este</translation>
    </message>
    <message>
        <source>&amp;Start replication</source>
        <translation>&amp;Iniciar la replicación</translation>
    </message>
    <message>
        <source>Drops the subscription, its slot and the publication; the copied data stays</source>
        <translation>Elimina la subscription, su slot y la publication; los datos copiados se quedan</translation>
    </message>
    <message>
        <source>Not started.</source>
        <translation>No iniciada.</translation>
    </message>
    <message>
        <source>%v of %m tables ready</source>
        <translation>%v de %m tablas listas</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>Tabla</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>&amp;Pause chart</source>
        <translation>&amp;Pausar el gráfico</translation>
    </message>
    <message>
        <source>Workers:</source>
        <translation>Workers:</translation>
    </message>
    <message>
        <source>Ready when lag ≤</source>
        <translation>Lista cuando el retraso ≤</translation>
    </message>
    <message>
        <source>Export lag samples</source>
        <translation>Exportar las muestras de retraso</translation>
    </message>
    <message>
        <source>Export the lag chart</source>
        <translation>Exportar el gráfico de retraso</translation>
    </message>
    <message>
        <source>Reading both servers…</source>
        <translation>Leyendo ambos servidores…</translation>
    </message>
    <message>
        <source>Cannot prepare the steps: %1</source>
        <translation>No se pueden preparar los pasos: %1</translation>
    </message>
    <message>
        <source>Copying the schema and subscribing…</source>
        <translation>Copiando el esquema y suscribiendo…</translation>
    </message>
    <message>
        <source>Replication was not started.</source>
        <translation>La replicación no se inició.</translation>
    </message>
    <message>
        <source>Source disconnected: %1</source>
        <translation>Origen desconectado: %1</translation>
    </message>
    <message>
        <source>Target disconnected: %1</source>
        <translation>Destino desconectado: %1</translation>
    </message>
    <message>
        <source>Lag %1, %2 s</source>
        <translation>Retraso %1, %2 s</translation>
    </message>
    <message>
        <source>WAL kept on the source: %1</source>
        <translation>WAL retenido en el origen: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n table(s) copying now</source>
        <translation>
            <numerusform>%n tabla copiándose ahora</numerusform>
            <numerusform>%n tablas copiándose ahora</numerusform>
        </translation>
    </message>
    <message>
        <source>Errors: %1 apply, %2 initial copy (see the target&apos;s log)</source>
        <translation>Errores: %1 al aplicar, %2 en la copia inicial (vea el registro del destino)</translation>
    </message>
    <message numerus="yes">
        <source>%n secondary index(es) to build</source>
        <translation>
            <numerusform>%n índice secundario por construir</numerusform>
            <numerusform>%n índices secundarios por construir</numerusform>
        </translation>
    </message>
    <message>
        <source>READY for cutover</source>
        <translation>LISTO para la conmutación</translation>
    </message>
    <message>
        <source>Disconnected since %1</source>
        <translation>Desconectado desde %1</translation>
    </message>
    <message>
        <source>Initial copy</source>
        <translation>Copia inicial</translation>
    </message>
    <message>
        <source>Building indexes</source>
        <translation>Construyendo índices</translation>
    </message>
    <message>
        <source>Catching up</source>
        <translation>Poniéndose al día</translation>
    </message>
    <message>
        <source>Index builds failed</source>
        <translation>Fallo al construir índices</translation>
    </message>
    <message>
        <source>Clean up replication</source>
        <translation>Limpiar la replicación</translation>
    </message>
    <message>
        <source>Drop subscription %1 on the target (and its slot %2 on the source) and publication %3 on the source? The data copied so far stays on the target; changes stop flowing.</source>
        <translation>¿Eliminar la subscription %1 en el destino (y su slot %2 en el origen) y la publication %3 en el origen? Los datos copiados hasta ahora se quedan en el destino; los cambios dejan de llegar.</translation>
    </message>
    <message>
        <source>Cleaning up…</source>
        <translation>Limpiando…</translation>
    </message>
    <message>
        <source>Cleaned up</source>
        <translation>Limpiado</translation>
    </message>
    <message>
        <source>Cleanup incomplete</source>
        <translation>Limpieza incompleta</translation>
    </message>
    <message>
        <source>Publication name</source>
        <translation>Nombre de la publication</translation>
    </message>
    <message>
        <source>Subscription name</source>
        <translation>Nombre de la subscription</translation>
    </message>
    <message>
        <source>Replication slot name</source>
        <translation>Nombre del slot de replicación</translation>
    </message>
    <message>
        <source>Source rows</source>
        <translation>Filas en origen</translation>
    </message>
    <message>
        <source>Target rows</source>
        <translation>Filas en destino</translation>
    </message>
    <message>
        <source>Estimate from the source&apos;s statistics</source>
        <translation>Estimación según las estadísticas del origen</translation>
    </message>
    <message>
        <source>Rows copied so far during the initial copy, then the estimate from the target&apos;s statistics</source>
        <translation>Filas copiadas hasta ahora durante la copia inicial, luego la estimación según las estadísticas del destino</translation>
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
        <translation>Retraso</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>Filas</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Cancelando…</translation>
    </message>
    <message>
        <source>Setup cancelled.</source>
        <translation>Preparación cancelada.</translation>
    </message>
    <message>
        <source>Nothing was published or subscribed.</source>
        <translation>No se publicó ni se suscribió nada.</translation>
    </message>
    <message numerus="yes">
        <source>The setup created %n object(s) on the target before it stopped. Drop them before starting again (the schema copy needs an empty target), with:</source>
        <translation>
            <numerusform>La preparación creó %n objeto en el destino antes de detenerse. Elimínelo antes de volver a empezar (la copia del esquema necesita un destino vacío), con:</numerusform>
            <numerusform>La preparación creó %n objetos en el destino antes de detenerse. Elimínelos antes de volver a empezar (la copia del esquema necesita un destino vacío), con:</numerusform>
        </translation>
    </message>
    <message>
        <source>The replication&apos;s state could not be saved (%1): after a restart, clean up with pgshift replicate cleanup.</source>
        <translation>No se pudo guardar el estado de la replicación (%1): tras un reinicio, limpie con pgshift replicate cleanup.</translation>
    </message>
    <message>
        <source>Resumed: replication %1 → %2 started %3 (publication %4, subscription %5, slot %6).</source>
        <translation>Reanudada: replicación %1 → %2 iniciada %3 (publication %4, subscription %5, slot %6).</translation>
    </message>
    <message>
        <source>Reading the replication&apos;s state…</source>
        <translation>Leyendo el estado de la replicación…</translation>
    </message>
    <message>
        <source>&amp;Cancel setup</source>
        <translation>Cancelar la p&amp;reparación</translation>
    </message>
    <message>
        <source>The steps Start replication runs</source>
        <translation>Los pasos que ejecuta Iniciar la replicación</translation>
    </message>
    <message>
        <source>Cle&amp;an up…</source>
        <translation>&amp;Limpiar…</translation>
    </message>
    <message>
        <source>Export &amp;CSV…</source>
        <translation>Exportar &amp;CSV…</translation>
    </message>
    <message>
        <source>E&amp;xport PNG…</source>
        <translation>E&amp;xportar PNG…</translation>
    </message>
</context>
<context>
    <name>pgshift::wizard::ReplicationRowsPanel</name>
    <message>
        <source>Count &amp;exactly</source>
        <translation>Contar &amp;exactamente</translation>
    </message>
    <message>
        <source>count(*) of every table on both servers, in parallel; reads every row</source>
        <translation>count(*) de cada tabla en ambos servidores, en paralelo; lee cada fila</translation>
    </message>
    <message>
        <source>Live &amp;estimates</source>
        <translation>Estimaciones en &amp;vivo</translation>
    </message>
    <message>
        <source>Estimates from the statistics, refreshed every 5 seconds.</source>
        <translation>Estimaciones según las estadísticas, actualizadas cada 5 segundos.</translation>
    </message>
    <message>
        <source>Export CS&amp;V…</source>
        <translation>Exportar CS&amp;V…</translation>
    </message>
    <message>
        <source>Export PN&amp;G…</source>
        <translation>Exportar PN&amp;G…</translation>
    </message>
    <message>
        <source>Export row counts</source>
        <translation>Exportar los recuentos de filas</translation>
    </message>
    <message>
        <source>Export the row chart</source>
        <translation>Exportar el gráfico de filas</translation>
    </message>
    <message>
        <source>estimates</source>
        <translation>estimaciones</translation>
    </message>
    <message numerus="yes">
        <source>Counting the rows of %n table(s) on both servers…</source>
        <translation>
            <numerusform>Contando las filas de %n tabla en ambos servidores…</numerusform>
            <numerusform>Contando las filas de %n tablas en ambos servidores…</numerusform>
        </translation>
    </message>
    <message>
        <source>exact counts at %1</source>
        <translation>recuentos exactos a las %1</translation>
    </message>
    <message numerus="yes">
        <source>Exact counts at %1, in %2 s: %3 of %n table(s) equal on both sides. Changes still flowing can make a table differ for a moment.</source>
        <translation>
            <numerusform>Recuentos exactos a las %1, en %2 s: %3 de %n tabla iguales en ambos lados. Los cambios que aún llegan pueden hacer que una tabla difiera un momento.</numerusform>
            <numerusform>Recuentos exactos a las %1, en %2 s: %3 de %n tablas iguales en ambos lados. Los cambios que aún llegan pueden hacer que una tabla difiera un momento.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pgshift::wizard::ResumeDialog</name>
    <message>
        <source>Unfinished replication</source>
        <translation>Replicación sin terminar</translation>
    </message>
    <message>
        <source>pgshift started a logical replication on %1 that was not cleaned up. It may still be running: its slot keeps WAL on the source until it is dropped.</source>
        <translation>pgshift inició %1 una replicación lógica que no se limpió. Puede que siga en marcha: su slot retiene WAL en el origen hasta que se elimine.</translation>
    </message>
    <message>
        <source>Source:</source>
        <translation>Origen:</translation>
    </message>
    <message>
        <source>Target:</source>
        <translation>Destino:</translation>
    </message>
    <message>
        <source>Objects:</source>
        <translation>Objetos:</translation>
    </message>
    <message>
        <source>publication %1, subscription %2, slot %3</source>
        <translation>publication %1, subscription %2, slot %3</translation>
    </message>
    <message>
        <source>Scope:</source>
        <translation>Alcance:</translation>
    </message>
    <message>
        <source>empty: .pgpass, PGPASSWORD or service file</source>
        <translation>vacía: .pgpass, PGPASSWORD o archivo de servicio</translation>
    </message>
    <message>
        <source>Source password</source>
        <translation>Contraseña del origen</translation>
    </message>
    <message>
        <source>Target password</source>
        <translation>Contraseña del destino</translation>
    </message>
    <message>
        <source>Source password:</source>
        <translation>Contraseña del origen:</translation>
    </message>
    <message>
        <source>Target password:</source>
        <translation>Contraseña del destino:</translation>
    </message>
    <message>
        <source>&amp;Resume monitoring</source>
        <translation>&amp;Reanudar la supervisión</translation>
    </message>
    <message>
        <source>Follow the replication again: table states, lag, readiness for cutover</source>
        <translation>Seguir de nuevo la replicación: estados de las tablas, retraso, si está lista para la conmutación</translation>
    </message>
    <message>
        <source>&amp;Clean up: drop subscription, slot and publication</source>
        <translation>&amp;Limpiar: eliminar subscription, slot y publication</translation>
    </message>
    <message>
        <source>Changes stop flowing; the data already copied stays on the target</source>
        <translation>Los cambios dejan de llegar; los datos ya copiados se quedan en el destino</translation>
    </message>
    <message>
        <source>&amp;Not now</source>
        <translation>&amp;Ahora no</translation>
    </message>
    <message>
        <source>Leave everything as it is; pgshift asks again at its next start</source>
        <translation>Dejarlo todo como está; pgshift vuelve a preguntar en su próximo inicio</translation>
    </message>
    <message>
        <source>Connecting to both servers…</source>
        <translation>Conectando con ambos servidores…</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Origen</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Destino</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Cannot resume yet:
%1</source>
        <translation>Aún no se puede reanudar:
%1</translation>
    </message>
    <message>
        <source>Dropping the subscription, the slot and the publication…</source>
        <translation>Eliminando la subscription, el slot y la publication…</translation>
    </message>
    <message>
        <source>Still there (another run of pgshift?): %1 %2 on the %3</source>
        <translation>Sigue ahí (¿otra ejecución de pgshift?): %1 %2 en el %3</translation>
    </message>
    <message>
        <source>Cleanup is incomplete; see below. Fix the cause (a password, a server that is down) and try again.</source>
        <translation>La limpieza está incompleta; vea abajo. Corrija la causa (una contraseña, un servidor caído) e inténtelo de nuevo.</translation>
    </message>
    <message>
        <source>Cleaned up. Nothing of this replication is left on either server.</source>
        <translation>Limpiado. No queda nada de esta replicación en ningún servidor.</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Cerrar</translation>
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
        <translation>Iniciar &amp;escrituras</translation>
    </message>
    <message>
        <source>Writes on the source like an application: new orders, updates, deletes</source>
        <translation>Escribe en el origen como una aplicación: pedidos nuevos, updates, deletes</translation>
    </message>
    <message>
        <source>Writes per second</source>
        <translation>Escrituras por segundo</translation>
    </message>
    <message>
        <source> /s</source>
        <translation> /s</translation>
    </message>
    <message>
        <source>Starting two local servers and creating a sample shop… (a few seconds)</source>
        <translation>Iniciando dos servidores locales y creando una tienda de ejemplo… (unos segundos)</translation>
    </message>
    <message>
        <source>The sandbox did not start: %1</source>
        <translation>El sandbox no se inició: %1</translation>
    </message>
    <message>
        <source>Two throwaway servers on this computer, deleted when pgshift closes. Source: port %1, target: port %2.</source>
        <translation>Dos servidores desechables en este equipo, borrados al cerrar pgshift. Origen: puerto %1, destino: puerto %2.</translation>
    </message>
    <message>
        <source>Stop &amp;writes</source>
        <translation>Detener &amp;escrituras</translation>
    </message>
    <message>
        <source>Written: %1 inserts, %2 updates, %3 deletes.</source>
        <translation>Escrito: %1 inserts, %2 updates, %3 deletes.</translation>
    </message>
    <message>
        <source>%1 refused (last: %2).</source>
        <translation>%1 rechazados (último: %2).</translation>
    </message>
    <message>
        <source>The wizard walks you through a real migration between the two servers.</source>
        <translation>El asistente le guía por una migración real entre los dos servidores.</translation>
    </message>
    <message>
        <source>The source is filled in: a shop with 117,500 rows. Press Test connection, then Next.</source>
        <translation>El origen está rellenado: una tienda con 117.500 filas. Pulse Probar conexión y luego Siguiente.</translation>
    </message>
    <message>
        <source>The target is an empty server. Test it too, then Next.</source>
        <translation>El destino es un servidor vacío. Pruébelo también y luego Siguiente.</translation>
    </message>
    <message>
        <source>Both methods work here. Logical replication shows the lag chart and the full cutover.</source>
        <translation>Aquí funcionan ambos métodos. La replicación lógica muestra el gráfico de retraso y la conmutación completa.</translation>
    </message>
    <message>
        <source>audit_log has no primary key on purpose: see what the preflight says about it and how to fix it.</source>
        <translation>audit_log no tiene clave primaria a propósito: vea qué dicen de ello los requisitos previos y cómo corregirlo.</translation>
    </message>
    <message>
        <source>Start writes, then choose &quot;Block the whole source database&quot; to see the short cutover checklist.</source>
        <translation>Inicie las escrituras y luego elija &quot;Bloquear toda la base de datos de origen&quot; para ver la breve lista de comprobación de conmutación.</translation>
    </message>
    <message>
        <source>Start writes to see the lag chart move and the rows grow on both sides.</source>
        <translation>Inicie las escrituras para ver moverse el gráfico de retraso y crecer las filas en ambos lados.</translation>
    </message>
    <message>
        <source>The writes use the sequences; the margin keeps the target&apos;s ahead of them.</source>
        <translation>Las escrituras usan las secuencias; el margen mantiene las del destino por delante de ellas.</translation>
    </message>
    <message>
        <source>Block the whole source database: the writes are stopped, counted as refused, and the cutover catches up.</source>
        <translation>Bloquee toda la base de datos de origen: las escrituras se detienen, se cuentan como rechazadas, y la conmutación se pone al día.</translation>
    </message>
    <message>
        <source>Save the report. Closing pgshift stops and deletes both servers.</source>
        <translation>Guarde el informe. Cerrar pgshift detiene y borra ambos servidores.</translation>
    </message>
    <message>
        <source>AWS DMS cannot reach servers on this computer: Prepare shows the schema and the files pgshift writes for it. Dump &amp; restore and logical replication run end to end here.</source>
        <translation>AWS DMS no puede alcanzar servidores de este equipo: Preparar muestra el esquema y los archivos que pgshift escribe para él. El volcado y restauración y la replicación lógica se ejecutan aquí de principio a fin.</translation>
    </message>
</context>
<context>
    <name>pgshift::wizard::SequencesPage</name>
    <message>
        <source>Sequences</source>
        <translation>Secuencias</translation>
    </message>
    <message>
        <source>Replication does not copy sequence values. At cutover each target sequence moves a margin ahead of its source, so the first insert on the target cannot collide with a copied row.</source>
        <translation>La replicación no copia los valores de las secuencias. En la conmutación cada secuencia del destino avanza un margen por delante de su origen, para que la primera inserción en el destino no choque con una fila copiada.</translation>
    </message>
    <message>
        <source>Margin of</source>
        <translation>Margen de</translation>
    </message>
    <message numerus="yes">
        <source>From the rate measured over %n second(s), for a cutover window of</source>
        <translation>
            <numerusform>Según el ritmo medido durante %n segundo, para una ventana de conmutación de</numerusform>
            <numerusform>Según el ritmo medido durante %n segundos, para una ventana de conmutación de</numerusform>
        </translation>
    </message>
    <message>
        <source> increments</source>
        <translation> incrementos</translation>
    </message>
    <message>
        <source> s (x3)</source>
        <translation> s (x3)</translation>
    </message>
    <message>
        <source>Schema</source>
        <translation>Esquema</translation>
    </message>
    <message>
        <source>Sequence</source>
        <translation>Secuencia</translation>
    </message>
    <message>
        <source>Owned by</source>
        <translation>Propiedad de</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Origen</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Destino</translation>
    </message>
    <message>
        <source>Proposed</source>
        <translation>Propuesto</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>Ac&amp;tualizar</translation>
    </message>
    <message>
        <source>&amp;Copy SQL</source>
        <translation>&amp;Copiar SQL</translation>
    </message>
    <message>
        <source>&amp;Save .sql…</source>
        <translation>Guardar .s&amp;ql…</translation>
    </message>
    <message>
        <source>&amp;Apply to target now</source>
        <translation>A&amp;plicar al destino ahora</translation>
    </message>
    <message>
        <source>Usually left to the cutover, which applies them after writes stopped</source>
        <translation>Normalmente se deja a la conmutación, que las aplica tras detener las escrituras</translation>
    </message>
    <message>
        <source>Save the sequence script</source>
        <translation>Guardar el script de secuencias</translation>
    </message>
    <message>
        <source>SQL (*.sql)</source>
        <translation>SQL (*.sql)</translation>
    </message>
    <message numerus="yes">
        <source>Reading the sequences twice, %n second(s) apart…</source>
        <translation>
            <numerusform>Leyendo las secuencias dos veces, con %n segundo de separación…</numerusform>
            <numerusform>Leyendo las secuencias dos veces, con %n segundos de separación…</numerusform>
        </translation>
    </message>
    <message>
        <source>Reading the sequences…</source>
        <translation>Leyendo las secuencias…</translation>
    </message>
    <message>
        <source>Cannot read the sequences: %1</source>
        <translation>No se pueden leer las secuencias: %1</translation>
    </message>
    <message>
        <source>never used</source>
        <translation>nunca usada</translation>
    </message>
    <message>
        <source>%1 (identity)</source>
        <translation>%1 (identity)</translation>
    </message>
    <message>
        <source>not readable</source>
        <translation>ilegible</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>falta</translation>
    </message>
    <message>
        <source> (next value)</source>
        <translation> (siguiente valor)</translation>
    </message>
    <message numerus="yes">
        <source>%n sequence(s), margin %1 increments</source>
        <translation>
            <numerusform>%n secuencia, margen %1 incrementos</numerusform>
            <numerusform>%n secuencias, margen %1 incrementos</numerusform>
        </translation>
    </message>
    <message>
        <source> (from the rate measured)</source>
        <translation> (según el ritmo medido)</translation>
    </message>
    <message numerus="yes">
        <source>%n sequence(s) would pass their limit: clamped, see the note.</source>
        <translation>
            <numerusform>%n secuencia superaría su límite: ajustada, vea la nota.</numerusform>
            <numerusform>%n secuencias superarían su límite: ajustadas, vea la nota.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n sequence(s) missing on the target: the schema copy did not bring them.</source>
        <translation>
            <numerusform>Falta %n secuencia en el destino: la copia del esquema no la trajo.</numerusform>
            <numerusform>Faltan %n secuencias en el destino: la copia del esquema no las trajo.</numerusform>
        </translation>
    </message>
    <message>
        <source>Apply sequences</source>
        <translation>Aplicar secuencias</translation>
    </message>
    <message numerus="yes">
        <source>Set %n sequence(s) on the target now? Writes still going to the source move its sequences on; the cutover sets them again after writes stopped.</source>
        <translation>
            <numerusform>¿Fijar ahora %n secuencia en el destino? Las escrituras que aún van al origen adelantan sus secuencias; la conmutación las fija de nuevo tras detener las escrituras.</numerusform>
            <numerusform>¿Fijar ahora %n secuencias en el destino? Las escrituras que aún van al origen adelantan sus secuencias; la conmutación las fija de nuevo tras detener las escrituras.</numerusform>
        </translation>
    </message>
    <message>
        <source>Applying…</source>
        <translation>Aplicando…</translation>
    </message>
    <message>
        <source>Applying failed: %1</source>
        <translation>Falló la aplicación: %1</translation>
    </message>
    <message numerus="yes">
        <source>Set %n sequence(s) on the target.</source>
        <translation>
            <numerusform>Fijada %n secuencia en el destino.</numerusform>
            <numerusform>Fijadas %n secuencias en el destino.</numerusform>
        </translation>
    </message>
    <message>
        <source>Verified: every target sequence is ahead of its source.</source>
        <translation>Verificado: cada secuencia del destino va por delante de su origen.</translation>
    </message>
    <message>
        <source>Not ahead: %1</source>
        <translation>No van por delante: %1</translation>
    </message>
    <message>
        <source>Margin, in increments</source>
        <translation>Margen, en incrementos</translation>
    </message>
    <message>
        <source>Cutover window, in seconds</source>
        <translation>Ventana de conmutación, en segundos</translation>
    </message>
</context>
<context>
    <name>pgshift::wizard::SummaryPage</name>
    <message>
        <source>Summary</source>
        <translation>Resumen</translation>
    </message>
    <message>
        <source>What the migration did, step by step, and a report to keep: HTML with the charts inside, or Markdown for a ticket or a wiki.</source>
        <translation>Lo que hizo la migración, paso a paso, y un informe para guardar: HTML con los gráficos dentro, o Markdown para un ticket o una wiki.</translation>
    </message>
    <message>
        <source>Migration report</source>
        <translation>Informe de migración</translation>
    </message>
    <message>
        <source>Save report as &amp;HTML…</source>
        <translation>Guardar el informe como &amp;HTML…</translation>
    </message>
    <message>
        <source>Rows per table, source and target</source>
        <translation>Filas por tabla, origen y destino</translation>
    </message>
    <message>
        <source>exact counts</source>
        <translation>recuentos exactos</translation>
    </message>
    <message>
        <source>Migration complete; write downtime %1 s.</source>
        <translation>Migración completa; tiempo sin escrituras %1 s.</translation>
    </message>
    <message>
        <source>Copy complete and verified.</source>
        <translation>Copia completa y verificada.</translation>
    </message>
    <message>
        <source>The migration did not complete; the report says where it stopped.</source>
        <translation>La migración no se completó; el informe dice dónde se detuvo.</translation>
    </message>
    <message>
        <source>Save the migration report</source>
        <translation>Guardar el informe de migración</translation>
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
        <translation>Guardar el informe como Mar&amp;kdown…</translation>
    </message>
</context>
<context>
    <name>pgshift::wizard::WelcomePage</name>
    <message>
        <source>Welcome to pgshift</source>
        <translation>Bienvenido a pgshift</translation>
    </message>
    <message>
        <source>Move a PostgreSQL database to another PostgreSQL server, one checked step at a time.</source>
        <translation>Mueva una base de datos PostgreSQL a otro servidor PostgreSQL, un paso comprobado cada vez.</translation>
    </message>
    <message>
        <source>pgshift copies a database from Amazon Aurora or RDS, Neon, Supabase, Google Cloud SQL or your own server to PlanetScale Postgres or any PostgreSQL 10 or newer server.</source>
        <translation>pgshift copia una base de datos desde Amazon Aurora o RDS, Neon, Supabase, Google Cloud SQL o su propio servidor a PlanetScale Postgres o a cualquier servidor PostgreSQL 10 o posterior.</translation>
    </message>
    <message>
        <source>1. Connect to the source and the target and test both connections.
2. Check every prerequisite; each finding comes with its fix.
3. Copy the data with the method that fits your downtime budget, watching progress live.
4. Cut over: stop writes, catch up, move sequences ahead, validate, switch.
Every SQL statement is shown before it runs and written to the log.</source>
        <translation>1. Conéctese al origen y al destino y pruebe ambas conexiones.
2. Compruebe cada requisito previo; cada hallazgo viene con su corrección.
3. Copie los datos con el método que se ajuste a su margen de inactividad, siguiendo el progreso en vivo.
4. Conmute: detener escrituras, ponerse al día, adelantar secuencias, validar, cambiar.
Cada sentencia SQL se muestra antes de ejecutarse y se escribe en el registro.</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Método</translation>
    </message>
    <message>
        <source>Write downtime</source>
        <translation>Tiempo sin escrituras</translation>
    </message>
    <message>
        <source>Best for</source>
        <translation>Ideal para</translation>
    </message>
    <message>
        <source>How it works</source>
        <translation>Cómo funciona</translation>
    </message>
    <message>
        <source>Dump and restore</source>
        <translation>Volcado y restauración</translation>
    </message>
    <message>
        <source>The whole copy</source>
        <translation>Durante toda la copia</translation>
    </message>
    <message>
        <source>Databases that can take a maintenance window</source>
        <translation>Bases de datos que admiten una ventana de mantenimiento</translation>
    </message>
    <message>
        <source>Schema and data copied in parallel from one consistent snapshot, then indexes and constraints, then a row-count check.</source>
        <translation>Esquema y datos copiados en paralelo desde una instantánea coherente, luego índices y restricciones, luego una comprobación de recuentos de filas.</translation>
    </message>
    <message>
        <source>Logical replication</source>
        <translation>Replicación lógica</translation>
    </message>
    <message>
        <source>Seconds, at cutover</source>
        <translation>Segundos, en la conmutación</translation>
    </message>
    <message>
        <source>Production databases that must stay online</source>
        <translation>Bases de datos de producción que deben seguir en línea</translation>
    </message>
    <message>
        <source>The target subscribes to the source and stays in sync until you cut over. Needs wal_level = logical on the source.</source>
        <translation>El destino se suscribe al origen y se mantiene sincronizado hasta que usted conmute. Necesita wal_level = logical en el origen.</translation>
    </message>
    <message>
        <source>AWS DMS assisted</source>
        <translation>Asistido por AWS DMS</translation>
    </message>
    <message>
        <source>Seconds to minutes</source>
        <translation>De segundos a minutos</translation>
    </message>
    <message>
        <source>Teams already running AWS Database Migration Service</source>
        <translation>Equipos que ya usan AWS Database Migration Service</translation>
    </message>
    <message>
        <source>Three ways to migrate</source>
        <translation>Tres formas de migrar</translation>
    </message>
    <message>
        <source>Try it on a &amp;sandbox</source>
        <translation>Probarlo en un &amp;sandbox</translation>
    </message>
    <message>
        <source>Starts two throwaway PostgreSQL servers on this computer, a source with a sample shop and an empty target, and fills in both connections. They are deleted when pgshift closes.</source>
        <translation>Inicia dos servidores PostgreSQL desechables en este equipo, un origen con una tienda de ejemplo y un destino vacío, y rellena ambas conexiones. Se borran al cerrar pgshift.</translation>
    </message>
    <message>
        <source>No servers at hand? Try the whole flow on two local throwaway servers:</source>
        <translation>¿No tiene servidores a mano? Pruebe todo el flujo en dos servidores locales desechables:</translation>
    </message>
    <message>
        <source>pgshift prepares the schema and the DMS task files, then does what DMS leaves undone: foreign keys, sequences, validation.</source>
        <translation>pgshift prepara el esquema y los archivos de la tarea DMS, y luego hace lo que DMS deja sin hacer: claves foráneas, secuencias, validación.</translation>
    </message>
</context>
<context>
    <name>pgshift::wizard::WriteBlockBox</name>
    <message>
        <source>Leave writes alone: a trial copy (the source goes on changing)</source>
        <translation>No tocar las escrituras: una copia de prueba (el origen sigue cambiando)</translation>
    </message>
    <message>
        <source>I stopped the application: nothing writes to the source any more</source>
        <translation>He detenido la aplicación: nada escribe ya en el origen</translation>
    </message>
    <message>
        <source>Block these roles (read-only in the source database, their sessions ended):</source>
        <translation>Bloquear estos roles (solo lectura en la base de datos de origen, sus sesiones terminadas):</translation>
    </message>
    <message>
        <source>Block the whole source database (read-only, every other session ended)</source>
        <translation>Bloquear toda la base de datos de origen (solo lectura, todas las demás sesiones terminadas)</translation>
    </message>
    <message>
        <source>Roles to block</source>
        <translation>Roles que bloquear</translation>
    </message>
    <message>
        <source>app_user, worker</source>
        <translation>app_user, worker</translation>
    </message>
    <message>
        <source>Name the roles whose writes to block.</source>
        <translation>Indique los roles cuyas escrituras hay que bloquear.</translation>
    </message>
    <message>
        <source>Is the application stopped, so that nothing writes to the source any more? %1</source>
        <translation>¿Está detenida la aplicación, de modo que nada escribe ya en el origen? %1</translation>
    </message>
    <message>
        <source>Cannot reach the source: %1</source>
        <translation>No se puede alcanzar el origen: %1</translation>
    </message>
    <message>
        <source>Stop writes on the source? No session needs to be ended. %1</source>
        <translation>¿Detener las escrituras en el origen? No hay que terminar ninguna sesión. %1</translation>
    </message>
    <message>
        <source>Stop writes on the source? These sessions will be ended:
%1
%2</source>
        <translation>¿Detener las escrituras en el origen? Se terminarán estas sesiones:
%1
%2</translation>
    </message>
</context>
</TS>
