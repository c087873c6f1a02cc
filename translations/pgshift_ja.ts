<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP">
<context>
    <name>pgshift::app::CheckCommand</name>
    <message>
        <source>Checks every prerequisite of a migration and prints the findings with their fixes. Exit status: 0 no blocker, 1 blockers found, 2 the checks could not run.</source>
        <translation>移行の前提条件をすべて確認し、結果を修正方法とともに表示します。終了ステータス: 0 ブロッカーなし、1 ブロッカーあり、2 確認を実行できなかった。</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>このヘルプを表示します。</translation>
    </message>
    <message>
        <source>dump, logical or dms (default: logical).</source>
        <translation>dump、logical または dms (既定: logical)。</translation>
    </message>
    <message>
        <source>text, json or markdown.</source>
        <translation>text、json または markdown。</translation>
    </message>
    <message>
        <source>--method must be dump, logical or dms, not &apos;%1&apos;</source>
        <translation>--method は dump、logical、dms のいずれかです。&apos;%1&apos; は使えません</translation>
    </message>
    <message>
        <source>--format must be text, json or markdown, not &apos;%1&apos;</source>
        <translation>--format は text、json、markdown のいずれかです。&apos;%1&apos; は使えません</translation>
    </message>
    <message>
        <source>the checks could not run: %1</source>
        <translation>確認を実行できませんでした: %1</translation>
    </message>
</context>
<context>
    <name>pgshift::app::ChecklistOptions</name>
    <message>
        <source>Make these roles read-only in the source database and end their sessions.</source>
        <translation>これらのロールをソースデータベースで読み取り専用にし、そのセッションを終了します。</translation>
    </message>
    <message>
        <source>Make the whole source database read-only and end every other session.</source>
        <translation>ソースデータベース全体を読み取り専用にし、ほかのセッションをすべて終了します。</translation>
    </message>
    <message>
        <source>Run the checklist with writes stopped by you (the application is stopped); pgshift blocks nothing.</source>
        <translation>書き込みを自分で止めた状態 (アプリケーション停止済み) でチェックリストを実行します。pgshift は何もブロックしません。</translation>
    </message>
    <message>
        <source>Sequence margin in increments (default 10000).</source>
        <translation>シーケンスのマージン (増分単位、既定 10000)。</translation>
    </message>
    <message>
        <source>Validate with a checksum of every table&apos;s rows as well as exact row counts (reads every row twice).</source>
        <translation>正確な行数に加え、各テーブルの全行のチェックサムでも検証します (各行を 2 回読みます)。</translation>
    </message>
    <message>
        <source>give one of --block-writes, --block-database and --writes-stopped</source>
        <translation>--block-writes、--block-database、--writes-stopped のいずれかを指定してください</translation>
    </message>
    <message>
        <source>give --block-writes or --block-database, not both</source>
        <translation>--block-writes と --block-database はどちらか一方だけ指定してください</translation>
    </message>
    <message>
        <source>--block-writes needs at least one role</source>
        <translation>--block-writes には少なくとも 1 つのロールが必要です</translation>
    </message>
    <message>
        <source>--margin must be a whole number of increments, 0 or more, not &apos;%1&apos;</source>
        <translation>--margin は 0 以上の整数 (増分数) で指定してください。&apos;%1&apos; は使えません</translation>
    </message>
    <message>
        <source>--margin and --checksums belong to the checklist: add --writes-stopped, --block-writes or --block-database</source>
        <translation>--margin と --checksums はチェックリスト用です: --writes-stopped、--block-writes、--block-database のいずれかを追加してください</translation>
    </message>
    <message>
        <source>Checklist:</source>
        <translation>チェックリスト:</translation>
    </message>
    <message>
        <source>Sessions the write block ends now:</source>
        <translation>書き込みブロックが今終了するセッション:</translation>
    </message>
    <message>
        <source>Copy complete and every checklist step done. Write downtime: %1 s.</source>
        <translation>コピーが完了し、チェックリストの全ステップが終わりました。書き込み停止時間: %1 秒。</translation>
    </message>
    <message>
        <source>Cutover complete. Write downtime: %1 s.</source>
        <translation>切り替えが完了しました。書き込み停止時間: %1 秒。</translation>
    </message>
    <message>
        <source>Point the application at the target (its password as before):</source>
        <translation>アプリケーションの接続先をターゲットに変更してください (パスワードは従来どおり):</translation>
    </message>
    <message>
        <source>The source stays read-only for what was blocked; pgshift cutover --reenable-writes with the same --block-* option and endpoints lifts it.</source>
        <translation>ブロックした対象についてソースは読み取り専用のままです。同じ --block-* オプションと接続先で pgshift cutover --reenable-writes を実行すると解除されます。</translation>
    </message>
    <message>
        <source>pgshift %1 FAILED: %2</source>
        <translation>pgshift %1 失敗: %2</translation>
    </message>
    <message>
        <source>Writes are allowed again on the source.</source>
        <translation>ソースへの書き込みが再び可能になりました。</translation>
    </message>
    <message>
        <source>Writes are allowed again on the source; replication is still running.</source>
        <translation>ソースへの書き込みが再び可能になりました。レプリケーションは継続しています。</translation>
    </message>
    <message>
        <source>Re-enabling writes failed: %1</source>
        <translation>書き込みの再有効化に失敗しました: %1</translation>
    </message>
</context>
<context>
    <name>pgshift::app::Command</name>
    <message>
        <source>Test the source and/or target connection</source>
        <translation>ソースとターゲットの一方または両方の接続をテストする</translation>
    </message>
    <message>
        <source>Check every prerequisite of a migration, with fixes</source>
        <translation>移行の前提条件をすべて確認し、修正方法を示す</translation>
    </message>
    <message>
        <source>Copy the database, or some schemas and tables (dump and restore)</source>
        <translation>データベース全体、または一部のスキーマとテーブルをコピーする (ダンプ/リストア)</translation>
    </message>
    <message>
        <source>Logical replication: start it, follow its status, clean it up</source>
        <translation>論理レプリケーション: 開始、状態の追跡、後片付け</translation>
    </message>
    <message>
        <source>Move the target&apos;s sequences ahead of the source&apos;s (print, or --apply)</source>
        <translation>ターゲットのシーケンスをソースより先に進める (表示、または --apply)</translation>
    </message>
    <message>
        <source>Cut over a logical replication: stop writes, catch up, sequences, validate, end it</source>
        <translation>論理レプリケーションを切り替える: 書き込み停止、追いつき、シーケンス、検証、終了</translation>
    </message>
    <message>
        <source>Two throwaway local servers with a sample shop, to try pgshift on</source>
        <translation>サンプルのショップを載せた使い捨てのローカルサーバー 2 台で pgshift を試す</translation>
    </message>
    <message>
        <source>AWS DMS, schema first: plan (schema, task files) and finish (keys, sequences, counts)</source>
        <translation>AWS DMS (スキーマ先行): plan (スキーマ、タスクファイル) と finish (キー、シーケンス、行数)</translation>
    </message>
    <message>
        <source>unexpected argument &apos;%1&apos;</source>
        <translation>予期しない引数 &apos;%1&apos;</translation>
    </message>
</context>
<context>
    <name>pgshift::app::CommandLine</name>
    <message>
        <source>unknown command &apos;%1&apos;</source>
        <translation>不明なコマンド &apos;%1&apos;</translation>
    </message>
    <message>
        <source>
Commands:
</source>
        <translation>
コマンド:
</translation>
    </message>
    <message>
        <source>
Run &apos;pgshift COMMAND --help&apos; for a command&apos;s options.
</source>
        <translation>
各コマンドのオプションは &apos;pgshift COMMAND --help&apos; で表示されます。
</translation>
    </message>
    <message>
        <source>
Exit status: 0 success, 1 the operation failed, 2 bad usage.
</source>
        <translation>
終了ステータス: 0 成功、1 操作が失敗、2 使い方の誤り。
</translation>
    </message>
    <message>
        <source>demo takes no arguments</source>
        <translation>demo は引数を取りません</translation>
    </message>
    <message>
        <source>unknown language &apos;%1&apos;: pgshift speaks %2</source>
        <translation>不明な言語 &apos;%1&apos;: pgshift が話せるのは %2 です</translation>
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
        <translation>使い方: pgshift [--verbose] [COMMAND [OPTIONS]]

PostgreSQL データベースを別の PostgreSQL サーバーへ、ダンプ/リストア、
論理レプリケーション、または AWS DMS で移行します。
コマンドなしでは移行ウィザードを開きます。&apos;pgshift demo&apos; はサンドボックス
(ウィザードを閉じると削除される使い捨てのローカルサーバー 2 台) の上でウィザードを開きます。

オプション:
  -h, --help     このヘルプを表示して終了します。
  -v, --version  pgshift のバージョンを表示して終了します。
  --verbose      ログ行を標準エラーにも出力します。
  --lang CODE    システムの言語の代わりにこの言語 (de, en, es, fr, ja) を使います。
</translation>
    </message>
    <message>
        <source>Run &apos;pgshift --help&apos; for usage.</source>
        <translation>使い方は &apos;pgshift --help&apos; で表示されます。</translation>
    </message>
</context>
<context>
    <name>pgshift::app::ConnectionOptions</name>
    <message>
        <source>The source database: a URI, key=value string or service=NAME (default: $PGSHIFT_SOURCE).</source>
        <translation>ソースデータベース: URI、key=value 形式の文字列、または service=NAME (既定: $PGSHIFT_SOURCE)。</translation>
    </message>
    <message>
        <source>The target database: a URI, key=value string or service=NAME (default: $PGSHIFT_TARGET).</source>
        <translation>ターゲットデータベース: URI、key=value 形式の文字列、または service=NAME (既定: $PGSHIFT_TARGET)。</translation>
    </message>
    <message>
        <source>source</source>
        <translation>ソース</translation>
    </message>
    <message>
        <source>target</source>
        <translation>ターゲット</translation>
    </message>
    <message>
        <source>--%1 is empty</source>
        <translation>--%1 が空です</translation>
    </message>
    <message>
        <source>%1 connection: %2</source>
        <translation>%1 の接続: %2</translation>
    </message>
    <message>
        <source>pgshift: warning: the %1 password is on the command line, where other users of this computer can see it (ps). Prefer ~/.pgpass, PGPASSWORD, or leave it out to be asked.</source>
        <translation>pgshift: 警告: %1 のパスワードがコマンドラインにあり、このコンピューターのほかのユーザーから見えます (ps)。~/.pgpass や PGPASSWORD を使うか、省略して入力を求められるようにしてください。</translation>
    </message>
    <message>
        <source>Password for %1 (%2): </source>
        <translation>%1 (%2) のパスワード: </translation>
    </message>
    <message>
        <source>give --source and --target (or set PGSHIFT_SOURCE and PGSHIFT_TARGET)</source>
        <translation>--source と --target を指定してください (または PGSHIFT_SOURCE と PGSHIFT_TARGET を設定してください)</translation>
    </message>
    <message>
        <source>cannot connect to the %1 (%2): %3
%4</source>
        <translation>%1 (%2) に接続できません: %3
%4</translation>
    </message>
    <message>
        <source>give --source and --target (or set PGSHIFT_SOURCE and PGSHIFT_TARGET); no replication started by pgshift is saved to fall back on</source>
        <translation>--source と --target を指定してください (または PGSHIFT_SOURCE と PGSHIFT_TARGET を設定してください)。代わりに使える、pgshift が開始したレプリケーションの保存記録はありません</translation>
    </message>
    <message>
        <source>give --source and --target; the saved replication cannot be read: %1</source>
        <translation>--source と --target を指定してください。保存されたレプリケーションを読み込めません: %1</translation>
    </message>
    <message>
        <source>Following the replication pgshift started %1: %2 -&gt; %3 (saved in %4)</source>
        <translation>pgshift が %1 に開始したレプリケーションを追跡します: %2 -&gt; %3 (保存先 %4)</translation>
    </message>
</context>
<context>
    <name>pgshift::app::CopyCommand</name>
    <message>
        <source>Show this help.</source>
        <translation>このヘルプを表示します。</translation>
    </message>
    <message>
        <source>Do not ask for confirmation.</source>
        <translation>確認を求めません。</translation>
    </message>
    <message>
        <source>--jobs must be a number from 1 to 64, not &apos;%1&apos;</source>
        <translation>--jobs は 1 から 64 の数で指定してください。&apos;%1&apos; は使えません</translation>
    </message>
    <message>
        <source>not on a terminal: add --yes to copy without confirmation</source>
        <translation>端末ではありません: 確認なしでコピーするには --yes を追加してください</translation>
    </message>
    <message>
        <source>The copy did NOT complete:</source>
        <translation>コピーは完了していません:</translation>
    </message>
    <message numerus="yes">
        <source>%n table(s)</source>
        <translation>
            <numerusform>%n テーブル</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n sequence(s)</source>
        <translation>
            <numerusform>%n シーケンス</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n large object(s)</source>
        <translation>
            <numerusform>%n ラージオブジェクト</numerusform>
        </translation>
    </message>
    <message>
        <source>Copy %1 of %2
  to %3?
This creates the schema and the data on the target. [y/N] </source>
        <translation>%2 の %1 を
  %3 にコピーしますか?
ターゲットにスキーマとデータが作成されます。 [y/N] </translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation>%1/秒</translation>
    </message>
    <message>
        <source>ETA %1:%2</source>
        <translation>残り %1:%2</translation>
    </message>
    <message>
        <source>%1 of %2 tables done</source>
        <translation>%2 テーブル中 %1 完了</translation>
    </message>
    <message>
        <source>The copy was cancelled and did NOT complete.</source>
        <translation>コピーはキャンセルされ、完了していません。</translation>
    </message>
    <message>
        <source>It left these objects on the target:</source>
        <translation>ターゲットに次のオブジェクトが残っています:</translation>
    </message>
    <message>
        <source>To remove them, run this SQL on the target:</source>
        <translation>削除するには、ターゲットで次の SQL を実行してください:</translation>
    </message>
    <message>
        <source>Copied %1 (%2 rows, %3), %4 and %5 in %6 s; every table&apos;s row count matches on both sides.</source>
        <translation>%1 をコピーしました (%2 行、%3)。%4 と %5、所要 %6 秒。全テーブルの行数が両側で一致しています。</translation>
    </message>
    <message>
        <source>The archive is in %1.</source>
        <translation>アーカイブは %1 にあります。</translation>
    </message>
    <message>
        <source>Parallel workers (default %1: one per core, 2 to 8).</source>
        <translation>並列ワーカー数 (既定 %1: コアごとに 1 つ、2〜8)。</translation>
    </message>
    <message>
        <source>stream (default): rows streamed server to server; pg_dump: pg_dump -Fd -j N into --archive-dir, then pg_restore -j N.</source>
        <translation>stream (既定): 行をサーバーからサーバーへ直接流します。pg_dump: pg_dump -Fd -j N で --archive-dir に書き出し、pg_restore -j N で戻します。</translation>
    </message>
    <message>
        <source>Folder for the pg_dump engine&apos;s archive, kept afterwards; must be new or empty.</source>
        <translation>pg_dump エンジンのアーカイブ用フォルダー (終了後も残ります)。新規または空である必要があります。</translation>
    </message>
    <message>
        <source>Copy this schema (repeatable). Quote names with capitals or dots: &apos;&quot;Sales&quot;&apos;.</source>
        <translation>このスキーマをコピーします (複数指定可)。大文字やドットを含む名前は引用符で囲みます: &apos;&quot;Sales&quot;&apos;。</translation>
    </message>
    <message>
        <source>Copy this table, as table or schema.table (repeatable); partitions of a partitioned table come with it. Its schema&apos;s types and functions must exist on the target.</source>
        <translation>このテーブルをコピーします。table または schema.table の形式 (複数指定可)。パーティションテーブルのパーティションも含まれます。スキーマの型と関数はターゲットに存在している必要があります。</translation>
    </message>
    <message>
        <source>--engine must be stream or pg_dump, not &apos;%1&apos;</source>
        <translation>--engine は stream か pg_dump です。&apos;%1&apos; は使えません</translation>
    </message>
    <message>
        <source>--engine pg_dump needs --archive-dir DIR for the archive</source>
        <translation>--engine pg_dump にはアーカイブ用の --archive-dir DIR が必要です</translation>
    </message>
    <message>
        <source>--archive-dir goes with --engine pg_dump</source>
        <translation>--archive-dir は --engine pg_dump と一緒に使います</translation>
    </message>
    <message>
        <source>Cancelling...</source>
        <translation>キャンセルしています...</translation>
    </message>
    <message>
        <source>Copies the source database, or some of its schemas and tables, to the target: schema, data (in parallel, from one consistent snapshot), indexes and constraints, sequences, large objects, then compares every table&apos;s exact row count on both sides. Stop writes to the source first, or let pgshift run the short cutover checklist around the copy: writes stopped (--writes-stopped, --block-writes or --block-database), the copy, sequences moved ahead, row counts (and with --checksums row checksums) compared, the target&apos;s connection string; a failure re-enables writes. Ctrl+C cancels and lists what was created on the target, with the SQL that drops it. Exit status: 0 the copy and its verification succeeded, 1 they did not, 2 bad usage.</source>
        <translation>ソースデータベース、またはその一部のスキーマとテーブルをターゲットにコピーします: スキーマ、データ (1 つの一貫したスナップショットから並列に)、インデックスと制約、シーケンス、ラージオブジェクト。その後、全テーブルの正確な行数を両側で比較します。先にソースへの書き込みを止めるか、コピーの前後に pgshift の短い切り替えチェックリストを実行させてください: 書き込み停止 (--writes-stopped、--block-writes、--block-database)、コピー、シーケンスの前進、行数 (--checksums なら行のチェックサムも) の比較、ターゲットの接続文字列。失敗すると書き込みを再び有効にします。Ctrl+C でキャンセルし、ターゲットに作成されたものを削除用 SQL とともに一覧表示します。終了ステータス: 0 コピーと検証が成功、1 失敗、2 使い方の誤り。</translation>
    </message>
</context>
<context>
    <name>pgshift::app::CutoverCommand</name>
    <message>
        <source>Cut over a running logical replication: pre-checks, stop writes on the source, catch up, move the sequences ahead, compare exact row counts, end replication, and print the target&apos;s connection string. It stops at the first failure and re-enables writes on the source, replication still running. After a success the write block stays (pgshift cutover --reenable-writes lifts it).
Without --block-writes or --block-database you confirm that the application is stopped.
Without --source/--target it follows the replication pgshift saved.
Exit status: 0 every step succeeded, 1 a step failed, 2 bad usage.</source>
        <translation>実行中の論理レプリケーションを切り替えます: 事前確認、ソースへの書き込み停止、追いつき、シーケンスの前進、正確な行数の比較、レプリケーションの終了、ターゲットの接続文字列の表示。最初の失敗で停止し、ソースへの書き込みを再び有効にします (レプリケーションは継続)。成功後も書き込みブロックは残ります (pgshift cutover --reenable-writes で解除)。
--block-writes も --block-database も指定しない場合は、アプリケーションが停止していることを確認します。
--source/--target がなければ pgshift が保存したレプリケーションを使います。
終了ステータス: 0 全ステップ成功、1 失敗したステップあり、2 使い方の誤り。</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>このヘルプを表示します。</translation>
    </message>
    <message>
        <source>Seconds to wait for the catch-up (default 300).</source>
        <translation>追いつきを待つ秒数 (既定 300)。</translation>
    </message>
    <message>
        <source>Lag in bytes the pre-checks accept (default 1 MiB).</source>
        <translation>事前確認で許容する遅延のバイト数 (既定 1 MiB)。</translation>
    </message>
    <message>
        <source>Publication name (default pgshift_pub).</source>
        <translation>publication 名 (既定 pgshift_pub)。</translation>
    </message>
    <message>
        <source>Subscription name (default pgshift_sub).</source>
        <translation>subscription 名 (既定 pgshift_sub)。</translation>
    </message>
    <message>
        <source>Replication slot name (default: the subscription&apos;s).</source>
        <translation>レプリケーション slot 名 (既定: subscription と同じ)。</translation>
    </message>
    <message>
        <source>Only lift the write block of an earlier cutover (give the same --block-* option).</source>
        <translation>以前の切り替えの書き込みブロックを解除するだけです (同じ --block-* オプションを指定)。</translation>
    </message>
    <message>
        <source>Do not ask for confirmation.</source>
        <translation>確認を求めません。</translation>
    </message>
    <message>
        <source>--timeout must be a number of seconds, 1 or more, not &apos;%1&apos;</source>
        <translation>--timeout は 1 以上の秒数で指定してください。&apos;%1&apos; は使えません</translation>
    </message>
    <message>
        <source>--max-lag must be a number of bytes, not &apos;%1&apos;</source>
        <translation>--max-lag はバイト数で指定してください。&apos;%1&apos; は使えません</translation>
    </message>
    <message>
        <source>--reenable-writes needs the --block-writes or --block-database option the cutover used</source>
        <translation>--reenable-writes には、切り替えで使った --block-writes または --block-database オプションが必要です</translation>
    </message>
    <message>
        <source>Writes are allowed again on the source.</source>
        <translation>ソースへの書き込みが再び可能になりました。</translation>
    </message>
    <message>
        <source>not on a terminal: add --yes to cut over without confirmation</source>
        <translation>端末ではありません: 確認なしで切り替えるには --yes を追加してください</translation>
    </message>
    <message>
        <source>Is the application stopped, so that nothing writes to the source any more? Cut over now? [y/N] </source>
        <translation>アプリケーションは停止していて、ソースにはもう何も書き込まれませんか? 今すぐ切り替えますか? [y/N] </translation>
    </message>
    <message>
        <source>Stop writes on the source and cut over now? [y/N] </source>
        <translation>ソースへの書き込みを止めて、今すぐ切り替えますか? [y/N] </translation>
    </message>
    <message>
        <source>Cancelling the cutover…</source>
        <translation>切り替えをキャンセルしています…</translation>
    </message>
</context>
<context>
    <name>pgshift::app::DmsCommand</name>
    <message>
        <source>Only this schema (repeatable).</source>
        <translation>このスキーマのみ (複数指定可)。</translation>
    </message>
    <message>
        <source>Only this table, as table or schema.table (repeatable).</source>
        <translation>このテーブルのみ。table または schema.table の形式 (複数指定可)。</translation>
    </message>
    <message>
        <source>Usage: pgshift dms plan|finish [options]
  plan    create the target&apos;s schema (foreign keys held back) and write the DMS task settings, table mapping, endpoint attributes and aws CLI commands
  finish  after DMS loaded the data: stop writes, catch up, add the foreign keys, move the sequences ahead, compare row counts
pgshift dms plan --help and pgshift dms finish --help list the options.</source>
        <translation>使い方: pgshift dms plan|finish [options]
  plan    ターゲットのスキーマを作成し (外部キーは保留)、DMS のタスク設定、テーブルマッピング、エンドポイント属性、aws CLI コマンドを書き出す
  finish  DMS がデータをロードした後: 書き込み停止、追いつき、外部キーの追加、シーケンスの前進、行数の比較
オプションは pgshift dms plan --help と pgshift dms finish --help で表示されます。</translation>
    </message>
    <message>
        <source>say plan or finish</source>
        <translation>plan か finish を指定してください</translation>
    </message>
    <message>
        <source>unknown subcommand &apos;%1&apos;: say plan or finish</source>
        <translation>不明なサブコマンド &apos;%1&apos;: plan か finish を指定してください</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>キャンセルしています…</translation>
    </message>
    <message>
        <source>Prepare an AWS DMS migration, schema first: create the schema on the target with its foreign keys held back (so DMS can load the tables in any order), then write into --out the task settings, the table mapping, the endpoints&apos; extra connection attributes, the aws CLI commands (with placeholders for ARNs and passwords) and the held-back keys. pgshift never handles AWS credentials.
Exit status: 0 done, 1 failed (the target as the error says), 2 bad usage.</source>
        <translation>AWS DMS による移行をスキーマ先行で準備します: 外部キーを保留したままターゲットにスキーマを作成し (DMS が任意の順序でテーブルをロードできるように)、--out にタスク設定、テーブルマッピング、エンドポイントの追加接続属性、aws CLI コマンド (ARN とパスワードはプレースホルダー)、保留したキーを書き出します。pgshift が AWS の認証情報を扱うことはありません。
終了ステータス: 0 完了、1 失敗 (ターゲットの状態はエラーのとおり)、2 使い方の誤り。</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>このヘルプを表示します。</translation>
    </message>
    <message>
        <source>Folder for the files (created if missing).</source>
        <translation>ファイルを置くフォルダー (なければ作成)。</translation>
    </message>
    <message>
        <source>DMS task identifier (default pgshift-dms).</source>
        <translation>DMS タスク識別子 (既定 pgshift-dms)。</translation>
    </message>
    <message>
        <source>Slot name DMS is to use on the source (default pgshift_dms).</source>
        <translation>DMS がソースで使う slot 名 (既定 pgshift_dms)。</translation>
    </message>
    <message>
        <source>A task without ongoing changes (no slot).</source>
        <translation>継続的な変更を含まないタスク (slot なし)。</translation>
    </message>
    <message>
        <source>Limited LOB mode: values over KB kilobytes are cut (default: full LOB mode).</source>
        <translation>制限付き LOB モード: KB キロバイトを超える値は切り詰められます (既定: 完全 LOB モード)。</translation>
    </message>
    <message>
        <source>Tables DMS loads at a time (default 8).</source>
        <translation>DMS が同時にロードするテーブル数 (既定 8)。</translation>
    </message>
    <message>
        <source>Turn DMS&apos;s row-level validation off.</source>
        <translation>DMS の行レベル検証をオフにします。</translation>
    </message>
    <message>
        <source>--out DIR is required: the folder for the DMS files</source>
        <translation>--out DIR は必須です: DMS ファイル用のフォルダー</translation>
    </message>
    <message>
        <source>--limited-lobs must be a number of kilobytes, 1 or more, not &apos;%1&apos;</source>
        <translation>--limited-lobs は 1 以上のキロバイト数で指定してください。&apos;%1&apos; は使えません</translation>
    </message>
    <message>
        <source>--parallel-tables must be a number, not &apos;%1&apos;</source>
        <translation>--parallel-tables は数で指定してください。&apos;%1&apos; は使えません</translation>
    </message>
    <message>
        <source>Creating the schema on the target, foreign keys held back…</source>
        <translation>外部キーを保留してターゲットにスキーマを作成しています…</translation>
    </message>
    <message numerus="yes">
        <source>The schema copy created %n object(s) on the target first; drop them before planning again.</source>
        <translation>
            <numerusform>スキーマのコピーが先にターゲットに %n 個のオブジェクトを作成しました。再度計画する前に削除してください。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Schema created on the target; %n table(s) in the mapping.</source>
        <translation>
            <numerusform>ターゲットにスキーマを作成しました。マッピングには %n テーブルあります。</numerusform>
        </translation>
    </message>
    <message>
        <source>No foreign key to hold back.</source>
        <translation>保留する外部キーはありません。</translation>
    </message>
    <message numerus="yes">
        <source>%n foreign key(s) held back until pgshift dms finish:</source>
        <translation>
            <numerusform>pgshift dms finish まで保留する外部キー %n 個:</numerusform>
        </translation>
    </message>
    <message>
        <source>Files written:</source>
        <translation>書き出したファイル:</translation>
    </message>
    <message>
        <source>Next: run the aws CLI commands in aws-commands.sh; once the full load is done (and, with ongoing changes, the lag is small), run pgshift dms finish.</source>
        <translation>次の手順: aws-commands.sh の aws CLI コマンドを実行し、フルロードが終わったら (継続的な変更がある場合は遅延が小さくなったら) pgshift dms finish を実行してください。</translation>
    </message>
    <message>
        <source>Finish an AWS DMS migration after its full load: refresh materialized views, stop writes on the source, wait until DMS confirms the source&apos;s last WAL position on its slot, copy large objects, add the foreign keys held back (all or none, after counting the rows that would break each), move the sequences ahead, compare exact row counts. It stops at the first failure and re-enables writes.
Without --block-writes or --block-database you confirm that the application is stopped.
Exit status: 0 every step succeeded, 1 a step failed, 2 bad usage.</source>
        <translation>フルロード後に AWS DMS による移行を仕上げます: マテリアライズドビューのリフレッシュ、ソースへの書き込み停止、ソースの最後の WAL 位置を DMS がその slot で確認するまでの待機、ラージオブジェクトのコピー、保留した外部キーの追加 (それぞれに違反する行を数えたうえで、全部追加するか何も追加しない)、シーケンスの前進、正確な行数の比較。最初の失敗で停止し、書き込みを再び有効にします。
--block-writes も --block-database も指定しない場合は、アプリケーションが停止していることを確認します。
終了ステータス: 0 全ステップ成功、1 失敗したステップあり、2 使い方の誤り。</translation>
    </message>
    <message>
        <source>DMS&apos;s slot on the source (default pgshift_dms).</source>
        <translation>ソース上の DMS の slot (既定 pgshift_dms)。</translation>
    </message>
    <message>
        <source>The task had no ongoing changes: no catch-up.</source>
        <translation>タスクに継続的な変更はありませんでした: 追いつきは不要です。</translation>
    </message>
    <message>
        <source>Seconds to wait for the catch-up (default 300).</source>
        <translation>追いつきを待つ秒数 (既定 300)。</translation>
    </message>
    <message>
        <source>Do not ask for confirmation.</source>
        <translation>確認を求めません。</translation>
    </message>
    <message>
        <source>--timeout must be a number of seconds, 1 or more, not &apos;%1&apos;</source>
        <translation>--timeout は 1 以上の秒数で指定してください。&apos;%1&apos; は使えません</translation>
    </message>
    <message>
        <source>not on a terminal: add --yes to finish without confirmation</source>
        <translation>端末ではありません: 確認なしで仕上げるには --yes を追加してください</translation>
    </message>
    <message>
        <source>Is the application stopped, so that nothing writes to the source any more? Finish now? [y/N] </source>
        <translation>アプリケーションは停止していて、ソースにはもう何も書き込まれませんか? 今すぐ仕上げますか? [y/N] </translation>
    </message>
    <message>
        <source>Stop writes on the source and finish now? [y/N] </source>
        <translation>ソースへの書き込みを止めて、今すぐ仕上げますか? [y/N] </translation>
    </message>
    <message>
        <source>Then stop and delete the DMS task and endpoints (section 4 of aws-commands.sh).</source>
        <translation>その後、DMS タスクとエンドポイントを停止して削除してください (aws-commands.sh のセクション 4)。</translation>
    </message>
</context>
<context>
    <name>pgshift::app::Ping</name>
    <message>
        <source>  FAILED      %1</source>
        <translation>  失敗        %1</translation>
    </message>
    <message>
        <source>could not connect</source>
        <translation>接続できませんでした</translation>
    </message>
    <message>
        <source>  details     %1</source>
        <translation>  詳細        %1</translation>
    </message>
    <message>
        <source>  server      PostgreSQL %1%2</source>
        <translation>  サーバー    PostgreSQL %1%2</translation>
    </message>
    <message>
        <source> (standby)</source>
        <translation> (スタンバイ)</translation>
    </message>
    <message>
        <source>  database    %1 (%2)</source>
        <translation>  データベース %1 (%2)</translation>
    </message>
    <message>
        <source>  user        %1 (%2)</source>
        <translation>  ユーザー    %1 (%2)</translation>
    </message>
    <message>
        <source>no special attributes</source>
        <translation>特別な属性なし</translation>
    </message>
    <message>
        <source>  wal_level   %1</source>
        <translation>  wal_level   %1</translation>
    </message>
    <message>
        <source>  user tables %1 in %2 schema(s)</source>
        <translation>  ユーザーテーブル %1 (%2 スキーマ)</translation>
    </message>
    <message>
        <source>  round trip  %1 ms (connect %2 ms)</source>
        <translation>  往復時間    %1 ms (接続 %2 ms)</translation>
    </message>
    <message>
        <source>Tests the source and/or target connection and prints what the wizard&apos;s Test button shows. Exit status: 0 every connection works, 1 one failed (or the target is the source itself), 2 bad usage.</source>
        <translation>ソースとターゲットの一方または両方の接続をテストし、ウィザードの「テスト」ボタンと同じ内容を表示します。終了ステータス: 0 すべての接続が成功、1 いずれかが失敗 (またはターゲットがソース自身)、2 使い方の誤り。</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>このヘルプを表示します。</translation>
    </message>
    <message>
        <source>unexpected argument &apos;%1&apos;</source>
        <translation>予期しない引数 &apos;%1&apos;</translation>
    </message>
    <message>
        <source>give --source and/or --target (or set PGSHIFT_SOURCE, PGSHIFT_TARGET)</source>
        <translation>--source と --target の一方または両方を指定してください (または PGSHIFT_SOURCE、PGSHIFT_TARGET を設定してください)</translation>
    </message>
</context>
<context>
    <name>pgshift::app::ReplicateCommand</name>
    <message>
        <source>Source unreachable: %1</source>
        <translation>ソースに到達できません: %1</translation>
    </message>
    <message>
        <source>Target unreachable: %1</source>
        <translation>ターゲットに到達できません: %1</translation>
    </message>
    <message>
        <source>No subscription on the target.</source>
        <translation>ターゲットに subscription がありません。</translation>
    </message>
    <message>
        <source>Tables ready: %1 of %2%3</source>
        <translation>準備完了のテーブル: %2 中 %1%3</translation>
    </message>
    <message numerus="yes">
        <source> (%n copying now)</source>
        <translation>
            <numerusform> (%n 個をコピー中)</numerusform>
        </translation>
    </message>
    <message>
        <source>, %1 rows so far</source>
        <translation>、これまでに %1 行</translation>
    </message>
    <message>
        <source>Lag: %1, %2 s; WAL kept by the slot: %3</source>
        <translation>遅延: %1、%2 秒。slot が保持している WAL: %3</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>不明</translation>
    </message>
    <message>
        <source>?</source>
        <translation>?</translation>
    </message>
    <message>
        <source>The apply worker is not running%1.</source>
        <translation>apply ワーカーが動いていません%1。</translation>
    </message>
    <message>
        <source> (subscription disabled)</source>
        <translation> (subscription 無効)</translation>
    </message>
    <message>
        <source>Errors so far: %1 apply, %2 initial copy (see the target&apos;s server log).</source>
        <translation>これまでのエラー: 適用 %1 件、初期コピー %2 件 (ターゲットのサーバーログを参照)。</translation>
    </message>
    <message numerus="yes">
        <source>%n deferred secondary index(es) still to build.</source>
        <translation>
            <numerusform>遅延作成のセカンダリインデックスがあと %n 個あります。</numerusform>
        </translation>
    </message>
    <message>
        <source>READY for cutover.</source>
        <translation>切り替えの準備ができています。</translation>
    </message>
    <message>
        <source>Not ready for cutover yet.</source>
        <translation>まだ切り替えの準備ができていません。</translation>
    </message>
    <message>
        <source>The initial copy reports errors; see the target&apos;s server log.</source>
        <translation>初期コピーでエラーが報告されています。ターゲットのサーバーログを確認してください。</translation>
    </message>
    <message>
        <source>Initial copy: %1 of %2 tables ready</source>
        <translation>初期コピー: %2 テーブル中 %1 が準備完了</translation>
    </message>
    <message>
        <source>Steps:</source>
        <translation>手順:</translation>
    </message>
    <message>
        <source>Note: the subscription keeps the source&apos;s password on the target (in pg_subscription) until cleanup drops it. A dedicated role with only REPLICATION and SELECT on the published tables limits what it can do.</source>
        <translation>注意: subscription はクリーンアップで削除されるまで、ソースのパスワードをターゲット (pg_subscription) に保持します。REPLICATION と公開テーブルへの SELECT だけを持つ専用ロールを使えば、できることを制限できます。</translation>
    </message>
    <message>
        <source>Replication was NOT started:</source>
        <translation>レプリケーションは開始されていません:</translation>
    </message>
    <message numerus="yes">
        <source>Replication started: the target is copying %n table(s).</source>
        <translation>
            <numerusform>レプリケーションを開始しました: ターゲットが %n テーブルをコピーしています。</numerusform>
        </translation>
    </message>
    <message>
        <source>Stopped waiting; replication goes on. Follow it with &apos;pgshift replicate status&apos;.</source>
        <translation>待機をやめました。レプリケーションは続いています。&apos;pgshift replicate status&apos; で追跡できます。</translation>
    </message>
    <message>
        <source>Every table finished its initial copy.</source>
        <translation>全テーブルの初期コピーが完了しました。</translation>
    </message>
    <message numerus="yes">
        <source>Built %n deferred secondary index(es).</source>
        <translation>
            <numerusform>遅延作成のセカンダリインデックスを %n 個作成しました。</numerusform>
        </translation>
    </message>
    <message>
        <source>pgshift objects still there (other runs, or names given differently):</source>
        <translation>残っている pgshift のオブジェクト (別の実行、または別の名前で指定されたもの):</translation>
    </message>
    <message>
        <source>, keeping %1 of WAL</source>
        <translation>、WAL %1 を保持</translation>
    </message>
    <message>
        <source>No pgshift slot, publication or subscription is left on either side.</source>
        <translation>どちら側にも pgshift の slot、publication、subscription は残っていません。</translation>
    </message>
    <message>
        <source>Logical replication from the source to the target.
  start    copy the schema, publish on the source, subscribe on the target, wait for the initial
           copy, then build the deferred secondary indexes
  status   tables&apos; sync states, lag in bytes and seconds, WAL kept, readiness for cutover
  cleanup  drop the subscription, the slot and the publication; list other pgshift leftovers
Exit status: 0 done, 1 failed (or, for status, a server or the subscription is missing), 2 bad usage.</source>
        <translation>ソースからターゲットへの論理レプリケーション。
  start    スキーマをコピーし、ソースで publication を作成、ターゲットで subscription を作成して
           初期コピーを待ち、遅延作成のセカンダリインデックスを作成する
  status   テーブルの同期状態、遅延 (バイトと秒)、保持されている WAL、切り替えの準備状況
  cleanup  subscription、slot、publication を削除し、ほかの pgshift の残り物を一覧表示する
終了ステータス: 0 完了、1 失敗 (status ではサーバーまたは subscription がない場合)、2 使い方の誤り。</translation>
    </message>
    <message>
        <source>start, status or cleanup</source>
        <translation>start、status、cleanup</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>このヘルプを表示します。</translation>
    </message>
    <message>
        <source>Publication name (default pgshift_pub).</source>
        <translation>publication 名 (既定 pgshift_pub)。</translation>
    </message>
    <message>
        <source>Subscription name (default pgshift_sub).</source>
        <translation>subscription 名 (既定 pgshift_sub)。</translation>
    </message>
    <message>
        <source>Replication slot name (default: the subscription&apos;s).</source>
        <translation>レプリケーション slot 名 (既定: subscription と同じ)。</translation>
    </message>
    <message>
        <source>Replicate this schema (repeatable).</source>
        <translation>このスキーマをレプリケートします (複数指定可)。</translation>
    </message>
    <message>
        <source>Replicate this table (repeatable).</source>
        <translation>このテーブルをレプリケートします (複数指定可)。</translation>
    </message>
    <message>
        <source>Parallel sessions for the schema and the index builds.</source>
        <translation>スキーマとインデックス作成に使う並列セッション数。</translation>
    </message>
    <message>
        <source>Create every index before the initial copy (slower copy; by default secondary indexes are built after it).</source>
        <translation>初期コピーの前にすべてのインデックスを作成します (コピーは遅くなります。既定ではセカンダリインデックスはコピーの後に作成)。</translation>
    </message>
    <message>
        <source>start: return once the subscription exists.</source>
        <translation>start: subscription ができた時点で戻ります。</translation>
    </message>
    <message>
        <source>status: text or json.</source>
        <translation>status: text または json。</translation>
    </message>
    <message>
        <source>status: print again every 2 seconds until Ctrl+C.</source>
        <translation>status: Ctrl+C まで 2 秒ごとに再表示します。</translation>
    </message>
    <message>
        <source>Lag in bytes under which cutover is ready (default 1 MiB).</source>
        <translation>切り替えの準備完了とみなす遅延のバイト数 (既定 1 MiB)。</translation>
    </message>
    <message>
        <source>start: do not ask for confirmation.</source>
        <translation>start: 確認を求めません。</translation>
    </message>
    <message>
        <source>say what to do: start, status or cleanup</source>
        <translation>何をするか指定してください: start、status、cleanup</translation>
    </message>
    <message>
        <source>--jobs must be a number from 1 to 64, not &apos;%1&apos;</source>
        <translation>--jobs は 1 から 64 の数で指定してください。&apos;%1&apos; は使えません</translation>
    </message>
    <message>
        <source>--max-lag must be a number of bytes, not &apos;%1&apos;</source>
        <translation>--max-lag はバイト数で指定してください。&apos;%1&apos; は使えません</translation>
    </message>
    <message>
        <source>--format must be text or json, not &apos;%1&apos;</source>
        <translation>--format は text か json です。&apos;%1&apos; は使えません</translation>
    </message>
    <message>
        <source>not on a terminal: add --yes to start replication without confirmation</source>
        <translation>端末ではありません: 確認なしでレプリケーションを開始するには --yes を追加してください</translation>
    </message>
    <message>
        <source>Start replicating %1 of %2
  to %3? [y/N] </source>
        <translation>%2 の %1 を
  %3 へレプリケーションを開始しますか? [y/N] </translation>
    </message>
    <message>
        <source>Could not save the replication&apos;s state: %1</source>
        <translation>レプリケーションの状態を保存できませんでした: %1</translation>
    </message>
    <message>
        <source>Received by the target: %1 behind the source; reported back: %2 behind</source>
        <translation>ターゲットが受信済み: ソースから %1 遅れ。報告済み: %2 遅れ</translation>
    </message>
</context>
<context>
    <name>pgshift::app::SandboxCommand</name>
    <message>
        <source>no sandbox is running (pgshift sandbox start makes one)</source>
        <translation>実行中のサンドボックスはありません (pgshift sandbox start で作成します)</translation>
    </message>
    <message numerus="yes">
        <source>%n sandboxes exist: name one with --dir</source>
        <translation>
            <numerusform>サンドボックスが %n 個あります: --dir で 1 つ指定してください</numerusform>
        </translation>
    </message>
    <message>
        <source>no sandbox in %1</source>
        <translation>%1 にサンドボックスはありません</translation>
    </message>
    <message>
        <source>Throwaway passwords, also in %1 (mode 0600; `. %1` sets PGSHIFT_SOURCE and PGSHIFT_TARGET). The servers listen on 127.0.0.1 only and run until pgshift sandbox stop.</source>
        <translation>使い捨てのパスワードは %1 にもあります (モード 0600。`. %1` で PGSHIFT_SOURCE と PGSHIFT_TARGET が設定されます)。サーバーは 127.0.0.1 でのみ待ち受け、pgshift sandbox stop まで動き続けます。</translation>
    </message>
    <message>
        <source>No sandbox.</source>
        <translation>サンドボックスはありません。</translation>
    </message>
    <message>
        <source>started %1 by %2, %3</source>
        <translation>%1 に %2 が開始、%3</translation>
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
        <translation>pgshift sandbox stop まで残る</translation>
    </message>
    <message>
        <source>removed when that pgshift ends</source>
        <translation>その pgshift の終了時に削除</translation>
    </message>
    <message>
        <source>running</source>
        <translation>実行中</translation>
    </message>
    <message>
        <source>STOPPED</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>connection strings: %1</source>
        <translation>接続文字列: %1</translation>
    </message>
    <message>
        <source>Stopped and deleted %1.</source>
        <translation>%1 を停止して削除しました。</translation>
    </message>
    <message>
        <source>Writing about %1 operations a second for %2 s…</source>
        <translation>毎秒約 %1 操作を %2 秒間書き込んでいます…</translation>
    </message>
    <message>
        <source>Writing about %1 operations a second; Ctrl+C stops.</source>
        <translation>毎秒約 %1 操作を書き込んでいます。Ctrl+C で停止します。</translation>
    </message>
    <message>
        <source>%1 inserts, %2 updates, %3 deletes, %4 refused.</source>
        <translation>insert %1 件、update %2 件、delete %3 件、拒否 %4 件。</translation>
    </message>
    <message>
        <source>Last refusal: %1</source>
        <translation>最後の拒否: %1</translation>
    </message>
    <message>
        <source>Two throwaway PostgreSQL servers on this computer (127.0.0.1 only), a source with a sample shop (about 100,000 rows, sequences, identity columns, foreign keys, a partitioned table, a materialized view, a table without a primary key, a large object) and an empty target, for trying pgshift.
  start      start them, print both connection strings (with their throwaway passwords)
  status     list the sandboxes and whether their servers run
  stop       stop the servers and delete everything (--dir DIR or all when there are several)
  workload   write on the source like an application (--rate per second, --seconds)
Exit status: 0 done, 1 failed, 2 bad usage.</source>
        <translation>このコンピューター上 (127.0.0.1 のみ) の使い捨て PostgreSQL サーバー 2 台。サンプルのショップ (約 100,000 行、シーケンス、identity 列、外部キー、パーティションテーブル、マテリアライズドビュー、主キーのないテーブル、ラージオブジェクト) を持つソースと、空のターゲットで pgshift を試せます。
  start      サーバーを起動し、両方の接続文字列 (使い捨てのパスワード付き) を表示する
  status     サンドボックスとそのサーバーが動いているかを一覧表示する
  stop       サーバーを停止してすべて削除する (--dir DIR、複数ある場合は all)
  workload   アプリケーションのようにソースへ書き込む (--rate 毎秒、--seconds)
終了ステータス: 0 完了、1 失敗、2 使い方の誤り。</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>このヘルプを表示します。</translation>
    </message>
    <message>
        <source>The sandbox&apos;s directory (status lists them), or all for stop.</source>
        <translation>サンドボックスのディレクトリ (status で一覧表示)。stop では all も可。</translation>
    </message>
    <message>
        <source>Workload operations per second (default 5).</source>
        <translation>ワークロードの毎秒操作数 (既定 5)。</translation>
    </message>
    <message>
        <source>Stop the workload after this many seconds (default: Ctrl+C).</source>
        <translation>この秒数が経ったらワークロードを停止します (既定: Ctrl+C)。</translation>
    </message>
    <message>
        <source>say start, status, stop or workload</source>
        <translation>start、status、stop、workload のいずれかを指定してください</translation>
    </message>
    <message>
        <source>--rate must be a number from 0.1 to 1000, not &apos;%1&apos;</source>
        <translation>--rate は 0.1 から 1000 の数で指定してください。&apos;%1&apos; は使えません</translation>
    </message>
    <message>
        <source>--seconds must be a whole number, not &apos;%1&apos;</source>
        <translation>--seconds は整数で指定してください。&apos;%1&apos; は使えません</translation>
    </message>
    <message>
        <source>unknown action &apos;%1&apos;: say start, status, stop or workload</source>
        <translation>不明な操作 &apos;%1&apos;: start、status、stop、workload のいずれかを指定してください</translation>
    </message>
</context>
<context>
    <name>pgshift::app::SequencesCommand</name>
    <message>
        <source>The setval() statements that move every sequence of the target past its source, read from the source&apos;s pg_sequences (nextval() is never called there). A sequence moves a margin of increments ahead (down for descending ones), never past its MINVALUE/MAXVALUE; never-used ones stay at their start. Prints the script; --apply runs it on the target in one transaction and checks that every target sequence is ahead.
Exit status: 0 done (and, with --apply, every sequence ahead), 1 failed, 2 bad usage.</source>
        <translation>ターゲットの各シーケンスをソースより先に進める setval() 文。ソースの pg_sequences から読み取ります (ソースで nextval() を呼ぶことはありません)。シーケンスは増分単位のマージンだけ先に進みます (降順のものは下へ)。MINVALUE/MAXVALUE を超えることはなく、未使用のものは開始値のままです。スクリプトを表示します。--apply を付けるとターゲットで 1 トランザクションとして実行し、すべてのターゲットシーケンスが先行していることを確認します。
終了ステータス: 0 完了 (--apply では全シーケンスが先行)、1 失敗、2 使い方の誤り。</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>このヘルプを表示します。</translation>
    </message>
    <message>
        <source>Increments ahead of the source (default %1).</source>
        <translation>ソースより先に進める増分数 (既定 %1)。</translation>
    </message>
    <message>
        <source>Instead of --margin: read the sequences twice %1 s apart and allow for SECONDS of cutover at the fastest rate seen, three times over.</source>
        <translation>--margin の代わりに: シーケンスを %1 秒間隔で 2 回読み、観測された最速のペースで SECONDS 秒の切り替えに 3 倍の余裕を見込みます。</translation>
    </message>
    <message>
        <source>Run the statements on the target, then verify.</source>
        <translation>ターゲットで文を実行し、その後確認します。</translation>
    </message>
    <message>
        <source>Only this schema&apos;s sequences (repeatable).</source>
        <translation>このスキーマのシーケンスのみ (複数指定可)。</translation>
    </message>
    <message>
        <source>Only the sequences this table owns (repeatable).</source>
        <translation>このテーブルが所有するシーケンスのみ (複数指定可)。</translation>
    </message>
    <message>
        <source>give --margin or --rate-window, not both</source>
        <translation>--margin と --rate-window はどちらか一方だけ指定してください</translation>
    </message>
    <message>
        <source>--margin must be a whole number of increments, 0 or more, not &apos;%1&apos;</source>
        <translation>--margin は 0 以上の整数 (増分数) で指定してください。&apos;%1&apos; は使えません</translation>
    </message>
    <message>
        <source>--rate-window must be a number of seconds from 1 to 86400, not &apos;%1&apos;</source>
        <translation>--rate-window は 1 から 86400 の秒数で指定してください。&apos;%1&apos; は使えません</translation>
    </message>
    <message>
        <source>give --source (or set PGSHIFT_SOURCE)</source>
        <translation>--source を指定してください (または PGSHIFT_SOURCE を設定してください)</translation>
    </message>
    <message>
        <source>--apply needs --target (or PGSHIFT_TARGET)</source>
        <translation>--apply には --target (または PGSHIFT_TARGET) が必要です</translation>
    </message>
    <message>
        <source>Reading the sequences again in %1 s to measure their rate…</source>
        <translation>ペースを測るため、%1 秒後にシーケンスを再度読み取ります…</translation>
    </message>
    <message numerus="yes">
        <source>%n sequence(s) of %1, margin %2 increments</source>
        <translation>
            <numerusform>%1 のシーケンス %n 個、マージン %2 増分</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Set %n sequence(s) on the target.</source>
        <translation>
            <numerusform>ターゲットでシーケンスを %n 個設定しました。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n target sequence(s) are not ahead of the source.</source>
        <translation>
            <numerusform>ターゲットのシーケンス %n 個がソースより先行していません。</numerusform>
        </translation>
    </message>
    <message>
        <source>Verified: every target sequence is ahead of its source.</source>
        <translation>確認済み: ターゲットの全シーケンスがソースより先行しています。</translation>
    </message>
</context>
<context>
    <name>pgshift::core::ArchiveCopy</name>
    <message>
        <source>The pg_dump engine needs a folder for its archive.</source>
        <translation>pg_dump エンジンにはアーカイブ用のフォルダーが必要です。</translation>
    </message>
    <message>
        <source>The archive folder %1 is not empty; choose a new or empty one.</source>
        <translation>アーカイブフォルダー %1 は空ではありません。新規または空のフォルダーを選んでください。</translation>
    </message>
    <message>
        <source>Cannot create the archive folder %1.</source>
        <translation>アーカイブフォルダー %1 を作成できません。</translation>
    </message>
    <message>
        <source>pg_dump is writing the archive</source>
        <translation>pg_dump がアーカイブを書き込んでいます</translation>
    </message>
    <message>
        <source>pg_dump into %1</source>
        <translation>pg_dump で %1 へ</translation>
    </message>
    <message>
        <source>pg_dump: %1 of %2 tables written to the archive</source>
        <translation>pg_dump: %2 テーブル中 %1 をアーカイブに書き込みました</translation>
    </message>
    <message>
        <source>pg_restore is loading the archive</source>
        <translation>pg_restore がアーカイブをロードしています</translation>
    </message>
    <message>
        <source>pg_restore from %1</source>
        <translation>pg_restore で %1 から</translation>
    </message>
</context>
<context>
    <name>pgshift::core::ClientToolsCheck</name>
    <message>
        <source>pg_dump, pg_restore and psql</source>
        <translation>pg_dump、pg_restore、psql</translation>
    </message>
    <message>
        <source>%1 (not found)</source>
        <translation>%1 (見つかりません)</translation>
    </message>
    <message>
        <source>%1 (newest found: %2 at %3)</source>
        <translation>%1 (見つかった最新: %3 の %2)</translation>
    </message>
    <message>
        <source>Found: %1.</source>
        <translation>見つかりました: %1。</translation>
    </message>
    <message>
        <source>Missing at version %1 or newer: %2.</source>
        <translation>バージョン %1 以降が見つかりません: %2。</translation>
    </message>
    <message>
        <source>pg_dump refuses to dump a server newer than itself, and every method copies the schema with it.</source>
        <translation>pg_dump は自分より新しいサーバーのダンプを拒否します。どの方式でもスキーマは pg_dump でコピーします。</translation>
    </message>
    <message>
        <source>Install the PostgreSQL %1 client programs (Debian and Ubuntu: apt install postgresql-client-%1 from apt.postgresql.org; macOS: brew install postgresql@%1), or point PGSHIFT_PG_CLIENT_BINDIR at their directory.</source>
        <translation>PostgreSQL %1 のクライアントプログラムをインストールしてください (Debian と Ubuntu: apt.postgresql.org から apt install postgresql-client-%1、macOS: brew install postgresql@%1)。または PGSHIFT_PG_CLIENT_BINDIR にそのディレクトリを指定してください。</translation>
    </message>
</context>
<context>
    <name>pgshift::core::CompatibilityCheck</name>
    <message>
        <source>Encoding, collation, tablespaces and owners</source>
        <translation>エンコーディング、照合順序、テーブルスペース、所有者</translation>
    </message>
    <message>
        <source>Source: encoding %1, collation %2, ctype %3. Target: encoding %4, collation %5, ctype %6.</source>
        <translation>ソース: エンコーディング %1、照合順序 %2、ctype %3。ターゲット: エンコーディング %4、照合順序 %5、ctype %6。</translation>
    </message>
    <message>
        <source>Different encodings: text the target&apos;s encoding cannot represent fails to load. Create the target database with ENCODING &apos;%1&apos;.</source>
        <translation>エンコーディングが異なります: ターゲットのエンコーディングで表せない文字はロードに失敗します。ターゲットデータベースを ENCODING &apos;%1&apos; で作成してください。</translation>
    </message>
    <message>
        <source>Different collations sort text differently: indexes are rebuilt on the target, and ORDER BY results may change. Compare them before cutover.</source>
        <translation>照合順序が異なると文字列の並び順が変わります: ターゲットではインデックスが再構築され、ORDER BY の結果が変わる場合があります。切り替え前に比較してください。</translation>
    </message>
    <message>
        <source>Tablespaces in use: %1.</source>
        <translation>使用中のテーブルスペース: %1。</translation>
    </message>
    <message>
        <source>pgshift creates everything in the target&apos;s default tablespace.</source>
        <translation>pgshift はすべてをターゲットの既定のテーブルスペースに作成します。</translation>
    </message>
    <message>
        <source>Owners not on the target: %1.</source>
        <translation>ターゲットに存在しない所有者: %1。</translation>
    </message>
    <message>
        <source>Objects will belong to the target user (--no-owner); create these roles on the target first if ownership matters.</source>
        <translation>オブジェクトはターゲットのユーザーの所有になります (--no-owner)。所有者が重要なら、先にこれらのロールをターゲットに作成してください。</translation>
    </message>
    <message>
        <source>These differences do not stop the copy, but change what arrives.</source>
        <translation>これらの違いでコピーは止まりませんが、届く内容は変わります。</translation>
    </message>
</context>
<context>
    <name>pgshift::core::ConnectionSettings</name>
    <message>
        <source>The connection string is empty.</source>
        <translation>接続文字列が空です。</translation>
    </message>
    <message>
        <source>out of memory</source>
        <translation>メモリ不足</translation>
    </message>
    <message>
        <source>Not a valid connection string: %1</source>
        <translation>有効な接続文字列ではありません: %1</translation>
    </message>
    <message>
        <source>No host given: enter the server&apos;s host name or address (for a local Unix socket, its directory, such as /var/run/postgresql).</source>
        <translation>ホストが指定されていません: サーバーのホスト名またはアドレスを入力してください (ローカルの Unix ソケットならそのディレクトリ、例: /var/run/postgresql)。</translation>
    </message>
    <message>
        <source>The port must be a number from 1 to 65535, not &quot;%1&quot;.</source>
        <translation>ポートは 1 から 65535 の数で指定してください。&quot;%1&quot; は使えません。</translation>
    </message>
    <message>
        <source>sslmode &quot;%1&quot; is not one of: %2.</source>
        <translation>sslmode &quot;%1&quot; は次のいずれでもありません: %2。</translation>
    </message>
    <message>
        <source>channel_binding &quot;%1&quot; is not one of: %2.</source>
        <translation>channel_binding &quot;%1&quot; は次のいずれでもありません: %2。</translation>
    </message>
    <message>
        <source>The root certificate file %1 does not exist.</source>
        <translation>ルート証明書ファイル %1 が存在しません。</translation>
    </message>
    <message>
        <source>connect_timeout must be a whole number of seconds, not &quot;%1&quot;.</source>
        <translation>connect_timeout は整数の秒数で指定してください。&quot;%1&quot; は使えません。</translation>
    </message>
</context>
<context>
    <name>pgshift::core::CopyProgressTracker</name>
    <message>
        <source>Preparing</source>
        <translation>準備中</translation>
    </message>
    <message>
        <source>Creating the schema</source>
        <translation>スキーマを作成中</translation>
    </message>
    <message>
        <source>Copying the data</source>
        <translation>データをコピー中</translation>
    </message>
    <message>
        <source>Creating constraints, triggers and the rest</source>
        <translation>制約、トリガーなどを作成中</translation>
    </message>
    <message>
        <source>Setting sequences</source>
        <translation>シーケンスを設定中</translation>
    </message>
    <message>
        <source>Copying large objects</source>
        <translation>ラージオブジェクトをコピー中</translation>
    </message>
    <message>
        <source>Analyzing the target</source>
        <translation>ターゲットを ANALYZE 中</translation>
    </message>
    <message>
        <source>Verifying row counts</source>
        <translation>行数を確認中</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>完了</translation>
    </message>
</context>
<context>
    <name>pgshift::core::CopyRun</name>
    <message>
        <source>%1 %2 or newer was not found; the prerequisites check names the package to install.</source>
        <translation>%1 %2 以降が見つかりません。前提条件の確認でインストールすべきパッケージがわかります。</translation>
    </message>
    <message>
        <source>%1 was not found; the prerequisites check names the package to install.</source>
        <translation>%1 が見つかりません。前提条件の確認でインストールすべきパッケージがわかります。</translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1 が失敗しました: %2</translation>
    </message>
    <message>
        <source>exit status %1</source>
        <translation>終了ステータス %1</translation>
    </message>
    <message>
        <source>The source has no schema named %1.</source>
        <translation>ソースに %1 という名前のスキーマはありません。</translation>
    </message>
    <message>
        <source>The source has no table named %1.%2.</source>
        <translation>ソースに %1.%2 という名前のテーブルはありません。</translation>
    </message>
    <message>
        <source>Nothing to copy: %1 holds no table.</source>
        <translation>コピーするものがありません: %1 にテーブルがありません。</translation>
    </message>
    <message>
        <source>schema %1</source>
        <translation>スキーマ %1</translation>
    </message>
    <message>
        <source>The target already has objects of these names; nothing was copied. Drop them on the target or choose another target database: %1</source>
        <translation>ターゲットにはすでにこれらの名前のオブジェクトがあります。何もコピーしていません。ターゲットで削除するか、別のターゲットデータベースを選んでください: %1</translation>
    </message>
    <message>
        <source>Cannot write a temporary file: %1</source>
        <translation>一時ファイルを書き込めません: %1</translation>
    </message>
    <message>
        <source>Dumping the schema (pg_dump --section=pre-data)</source>
        <translation>スキーマのダンプ (pg_dump --section=pre-data)</translation>
    </message>
    <message>
        <source>Cannot read pg_dump&apos;s output: %1</source>
        <translation>pg_dump の出力を読み取れません: %1</translation>
    </message>
    <message>
        <source>Creating the schema on the target (nothing of it was kept)</source>
        <translation>ターゲットへのスキーマ作成 (何も残っていません)</translation>
    </message>
    <message>
        <source>Setting the sequences failed: %1</source>
        <translation>シーケンスの設定に失敗しました: %1</translation>
    </message>
    <message>
        <source>Copying the large objects failed: %1</source>
        <translation>ラージオブジェクトのコピーに失敗しました: %1</translation>
    </message>
    <message>
        <source>ANALYZE failed on the target: %1</source>
        <translation>ターゲットで ANALYZE が失敗しました: %1</translation>
    </message>
    <message>
        <source>A worker could not connect: %1</source>
        <translation>ワーカーが接続できませんでした: %1</translation>
    </message>
    <message>
        <source>%1: %2 rows on the source, %3 on the target.</source>
        <translation>%1: ソース %2 行、ターゲット %3 行。</translation>
    </message>
    <message>
        <source>Could not list what the copy created on the target: %1</source>
        <translation>コピーがターゲットに作成したものを一覧表示できませんでした: %1</translation>
    </message>
    <message>
        <source>Cannot create a temporary folder: %1</source>
        <translation>一時フォルダーを作成できません: %1</translation>
    </message>
    <message>
        <source>Dumping indexes, constraints and triggers (pg_dump --section=post-data)</source>
        <translation>インデックス、制約、トリガーのダンプ (pg_dump --section=post-data)</translation>
    </message>
    <message>
        <source>pg_restore --list failed: %1</source>
        <translation>pg_restore --list が失敗しました: %1</translation>
    </message>
    <message>
        <source>Creating constraints, triggers and the rest on the target (pg_restore)</source>
        <translation>ターゲットへの制約、トリガーなどの作成 (pg_restore)</translation>
    </message>
</context>
<context>
    <name>pgshift::core::CopyScope</name>
    <message>
        <source>&apos;%1&apos; is not a schema name (quote names with dots or capitals: &quot;My.Schema&quot;)</source>
        <translation>&apos;%1&apos; はスキーマ名ではありません (ドットや大文字を含む名前は引用符で囲みます: &quot;My.Schema&quot;)</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a table name; write table or schema.table, quoting parts with dots or capitals: &quot;My Schema&quot;.&quot;My.Table&quot;</source>
        <translation>&apos;%1&apos; はテーブル名ではありません。table または schema.table の形式で、ドットや大文字を含む部分は引用符で囲んでください: &quot;My Schema&quot;.&quot;My.Table&quot;</translation>
    </message>
    <message>
        <source>the whole database</source>
        <translation>データベース全体</translation>
    </message>
    <message>
        <source>schemas %1</source>
        <translation>スキーマ %1</translation>
    </message>
    <message>
        <source>tables %1</source>
        <translation>テーブル %1</translation>
    </message>
</context>
<context>
    <name>pgshift::core::Cutover</name>
    <message>
        <source>waiting</source>
        <translation>待機中</translation>
    </message>
    <message>
        <source>running</source>
        <translation>実行中</translation>
    </message>
    <message>
        <source>done</source>
        <translation>完了</translation>
    </message>
    <message>
        <source>FAILED</source>
        <translation>失敗</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>スキップ</translation>
    </message>
    <message>
        <source>Pre-checks: subscription enabled and streaming, every table ready, lag at most %1 bytes</source>
        <translation>事前確認: subscription が有効でストリーミング中、全テーブルが準備完了、遅延が %1 バイト以下</translation>
    </message>
    <message>
        <source>both</source>
        <translation>両方</translation>
    </message>
    <message>
        <source>source</source>
        <translation>ソース</translation>
    </message>
    <message numerus="yes">
        <source>Catch up: wait until the target confirms the source&apos;s WAL position taken after writes stopped (at most %n second(s))</source>
        <translation>
            <numerusform>追いつき: 書き込み停止後に取得したソースの WAL 位置をターゲットが確認するまで待機 (最大 %n 秒)</numerusform>
        </translation>
    </message>
    <message>
        <source>Sequences: every target sequence %1 increments ahead of its source, then verified</source>
        <translation>シーケンス: ターゲットの各シーケンスをソースより %1 増分先に進め、確認</translation>
    </message>
    <message>
        <source>target</source>
        <translation>ターゲット</translation>
    </message>
    <message>
        <source>Validate: exact row counts of every table equal on both sides</source>
        <translation>検証: 全テーブルの正確な行数が両側で一致</translation>
    </message>
    <message>
        <source>End replication: drop the subscription (and with it the slot on the source) and the publication</source>
        <translation>レプリケーションの終了: subscription (とソース上の slot) と publication を削除</translation>
    </message>
    <message>
        <source>Point the application at the target</source>
        <translation>アプリケーションの接続先をターゲットに変更</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>キャンセルしました。</translation>
    </message>
    <message>
        <source>a server is unreachable: %1</source>
        <translation>サーバーに到達できません: %1</translation>
    </message>
    <message>
        <source>no subscription %1 on the target</source>
        <translation>ターゲットに subscription %1 がありません</translation>
    </message>
    <message>
        <source>the subscription is disabled</source>
        <translation>subscription が無効になっています</translation>
    </message>
    <message>
        <source>the subscription&apos;s apply worker is not running</source>
        <translation>subscription の apply ワーカーが動いていません</translation>
    </message>
    <message>
        <source>%1 of %2 tables ready</source>
        <translation>%2 テーブル中 %1 が準備完了</translation>
    </message>
    <message numerus="yes">
        <source>%n deferred index(es) not built yet</source>
        <translation>
            <numerusform>遅延作成のインデックス %n 個が未作成</numerusform>
        </translation>
    </message>
    <message>
        <source>lag %1 bytes, over %2</source>
        <translation>遅延 %1 バイト、%2 超過</translation>
    </message>
    <message>
        <source>Not ready: %1.</source>
        <translation>準備未完了: %1。</translation>
    </message>
    <message numerus="yes">
        <source>%n table(s) ready, lag %1 bytes</source>
        <translation>
            <numerusform>%n テーブルが準備完了、遅延 %1 バイト</numerusform>
        </translation>
    </message>
    <message>
        <source>confirmed by you</source>
        <translation>ユーザーが確認済み</translation>
    </message>
    <message numerus="yes">
        <source>new transactions are read-only; %n session(s) ended</source>
        <translation>
            <numerusform>新しいトランザクションは読み取り専用。セッション %n 個を終了</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The target did not confirm %1 within %n second(s).</source>
        <translation>
            <numerusform>ターゲットは %n 秒以内に %1 を確認しませんでした。</numerusform>
        </translation>
    </message>
    <message>
        <source>the target confirmed %1 after %2 ms</source>
        <translation>ターゲットが %2 ms 後に %1 を確認</translation>
    </message>
    <message>
        <source>Target sequences not ahead: %1</source>
        <translation>先行していないターゲットのシーケンス: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n sequence(s) set and verified ahead</source>
        <translation>
            <numerusform>シーケンス %n 個を設定し、先行を確認</numerusform>
        </translation>
    </message>
    <message>
        <source>%1.%2: %3 on the source, %4 on the target</source>
        <translation>%1.%2: ソース %3、ターゲット %4</translation>
    </message>
    <message>
        <source>%1.%2: %3</source>
        <translation>%1.%2: %3</translation>
    </message>
    <message numerus="yes">
        <source>%n table(s) equal, %1 rows</source>
        <translation>
            <numerusform>%n テーブルが一致、%1 行</numerusform>
        </translation>
    </message>
    <message>
        <source>The slot %1 is gone from the source.</source>
        <translation>slot %1 はソースからなくなっています。</translation>
    </message>
    <message>
        <source>The copy failed: %1</source>
        <translation>コピーに失敗しました: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n table(s), %1 rows copied</source>
        <translation>
            <numerusform>%n テーブル、%1 行をコピー</numerusform>
        </translation>
    </message>
    <message>
        <source>%1.%2: %3 rows on both, but their checksums differ</source>
        <translation>%1.%2: 両側とも %3 行ですが、チェックサムが異なります</translation>
    </message>
    <message>
        <source>Tables differ: %1</source>
        <translation>一致しないテーブル: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n table(s) equal in rows and checksums, %1 rows</source>
        <translation>
            <numerusform>%n テーブルが行数とチェックサムで一致、%1 行</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Copy: schema, data (%1 engine, %n job(s)), indexes and constraints</source>
        <translation>
            <numerusform>コピー: スキーマ、データ (%1 エンジン、ジョブ %n 個)、インデックスと制約</numerusform>
        </translation>
    </message>
    <message>
        <source>Validate: exact row counts and a checksum of every table equal on both sides</source>
        <translation>検証: 全テーブルの正確な行数とチェックサムが両側で一致</translation>
    </message>
    <message>
        <source>Could not refresh: %1</source>
        <translation>リフレッシュできませんでした: %1</translation>
    </message>
    <message>
        <source>no materialized view to refresh</source>
        <translation>リフレッシュするマテリアライズドビューはありません</translation>
    </message>
    <message numerus="yes">
        <source>%n refreshed: %1</source>
        <translation>
            <numerusform>%n 個をリフレッシュ: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>left empty, as on the source: %1</source>
        <translation>ソースと同じく空のまま: %1</translation>
    </message>
    <message>
        <source>not copied: large objects belong to the whole database, and this migration covers %1</source>
        <translation>コピーしていません: ラージオブジェクトはデータベース全体に属し、この移行の対象は %1 です</translation>
    </message>
    <message>
        <source>no large objects</source>
        <translation>ラージオブジェクトなし</translation>
    </message>
    <message numerus="yes">
        <source>%n large object(s) copied and verified, %1</source>
        <translation>
            <numerusform>ラージオブジェクト %n 個をコピーして確認、%1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n already held data on the target and was overwritten with the source&apos;s</source>
        <translation>
            <numerusform>%n 個はターゲットにすでにデータがあり、ソースのデータで上書きしました</numerusform>
        </translation>
    </message>
    <message>
        <source>Materialized views: refresh on the target those that hold data on the source (before writes stop, so not part of the downtime)</source>
        <translation>マテリアライズドビュー: ソースでデータを持つものをターゲットでリフレッシュ (書き込み停止前なので停止時間には含まれません)</translation>
    </message>
    <message>
        <source>Large objects: copy every one (data, owner, grants, comment) and verify their sizes</source>
        <translation>ラージオブジェクト: すべて (データ、所有者、権限、コメント) をコピーし、サイズを確認</translation>
    </message>
    <message>
        <source>Left on the source (replication has stopped, so the cutover goes on): %1. Drop them there when it can be reached:
%2</source>
        <translation>ソースに残っています (レプリケーションは停止したので切り替えは続行します): %1。ソースに到達できるようになったら、そこで削除してください:
%2</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) of %1 break %2: %3</source>
        <translation>
            <numerusform>%1 の %n 行が %2 に違反: %3</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>No foreign key was added; the target&apos;s data breaks %n of them:</source>
        <translation>
            <numerusform>外部キーは追加していません。ターゲットのデータが %n 個に違反しています:</numerusform>
        </translation>
    </message>
    <message>
        <source>Adding the foreign keys failed, none was added: %1</source>
        <translation>外部キーの追加に失敗したため、1 つも追加していません: %1</translation>
    </message>
    <message>
        <source>every foreign key of the source is already on the target</source>
        <translation>ソースの外部キーはすべてターゲットにあります</translation>
    </message>
    <message numerus="yes">
        <source>%n foreign key(s) checked against the data and added: %1</source>
        <translation>
            <numerusform>外部キー %n 個をデータと照合して追加: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Catch up: wait until DMS confirms the source&apos;s WAL position taken after writes stopped (at most %n second(s))</source>
        <translation>
            <numerusform>追いつき: 書き込み停止後に取得したソースの WAL 位置を DMS が確認するまで待機 (最大 %n 秒)</numerusform>
        </translation>
    </message>
    <message>
        <source>Foreign keys held back for the load: count the rows that break each, then add them all (or none)</source>
        <translation>ロード中に保留した外部キー: それぞれに違反する行を数え、全部追加 (または何も追加しない)</translation>
    </message>
    <message>
        <source>DMS confirmed %1 after %2 ms</source>
        <translation>DMS が %2 ms 後に %1 を確認</translation>
    </message>
</context>
<context>
    <name>pgshift::core::DatabaseIdentity</name>
    <message>
        <source>The target is a physical standby of the source (same system identifier): it is read-only and already a copy. Choose another target server.</source>
        <translation>ターゲットはソースの物理スタンバイです (同じシステム識別子): 読み取り専用で、すでにコピーです。別のターゲットサーバーを選んでください。</translation>
    </message>
    <message>
        <source>The target is the source database itself (database &quot;%1&quot; on the same server). Migrating a database onto itself would destroy it. Choose another target.</source>
        <translation>ターゲットはソースデータベースそのものです (同じサーバー上のデータベース &quot;%1&quot;)。データベースを自分自身に移行すると破壊されます。別のターゲットを選んでください。</translation>
    </message>
    <message>
        <source>The target database &quot;%1&quot; is on the same server as the source database &quot;%2&quot;. That works, but the copy competes with the source for the same disk and memory.</source>
        <translation>ターゲットデータベース &quot;%1&quot; はソースデータベース &quot;%2&quot; と同じサーバーにあります。動作はしますが、コピーが同じディスクとメモリをソースと取り合います。</translation>
    </message>
</context>
<context>
    <name>pgshift::core::DatabaseSizeCheck</name>
    <message>
        <source>Database size</source>
        <translation>データベースのサイズ</translation>
    </message>
    <message>
        <source>The source database %1 takes %2.</source>
        <translation>ソースデータベース %1 のサイズは %2 です。</translation>
    </message>
    <message>
        <source>Besides the data, the target needs room for indexes built after the copy, WAL written during it, and bloat.</source>
        <translation>ターゲットにはデータのほか、コピー後に作成するインデックス、コピー中に書かれる WAL、膨張 (bloat) のための空きが必要です。</translation>
    </message>
    <message>
        <source>Give the target at least %1 of free space (150% of the source).</source>
        <translation>ターゲットには少なくとも %1 の空き容量を用意してください (ソースの 150%)。</translation>
    </message>
</context>
<context>
    <name>pgshift::core::DmsPlan</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 を書き込めません: %2</translation>
    </message>
    <message>
        <source>The task identifier &apos;%1&apos; is not one DMS accepts: letters, digits and single hyphens, starting with a letter and not ending with a hyphen.</source>
        <translation>タスク識別子 &apos;%1&apos; は DMS で使えません: 英字、数字、単独のハイフンのみで、英字で始まり、ハイフンで終わらないこと。</translation>
    </message>
    <message>
        <source>The slot name &apos;%1&apos; is not a PostgreSQL replication slot name: lower-case letters, digits and underscores, at most 63.</source>
        <translation>slot 名 &apos;%1&apos; は PostgreSQL のレプリケーション slot 名として使えません: 小文字の英字、数字、アンダースコアで 63 文字以内。</translation>
    </message>
    <message>
        <source>DMS loads 1 to 49 tables at a time, not %1.</source>
        <translation>DMS が同時にロードできるテーブルは 1〜49 個です。%1 は使えません。</translation>
    </message>
    <message>
        <source>LOB sizes and the commit rate must be 1 or more.</source>
        <translation>LOB サイズとコミット頻度は 1 以上である必要があります。</translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation>フォルダー %1 を作成できません。</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>キャンセルしました。</translation>
    </message>
</context>
<context>
    <name>pgshift::core::ExtensionsCheck</name>
    <message>
        <source>Extensions</source>
        <translation>拡張機能</translation>
    </message>
    <message>
        <source>The source uses no extensions besides plpgsql.</source>
        <translation>ソースは plpgsql 以外の拡張機能を使っていません。</translation>
    </message>
    <message>
        <source>The source uses: %1.</source>
        <translation>ソースが使っている拡張機能: %1。</translation>
    </message>
    <message>
        <source>Not available on the target: %1.</source>
        <translation>ターゲットで利用できないもの: %1。</translation>
    </message>
    <message>
        <source>CREATE EXTENSION fails on the target, and so does every table, type or function that depends on the extension.</source>
        <translation>ターゲットで CREATE EXTENSION が失敗し、その拡張機能に依存するテーブル、型、関数もすべて失敗します。</translation>
    </message>
    <message>
        <source>Choose a target that offers these extensions (PlanetScale lists its supported extensions in its documentation), or remove their use from the source first.</source>
        <translation>これらの拡張機能を提供するターゲットを選ぶか (PlanetScale はサポートする拡張機能をドキュメントに記載しています)、先にソースでの使用をやめてください。</translation>
    </message>
    <message>
        <source>Available but not yet installed on the target: %1.</source>
        <translation>利用可能だがターゲットに未インストールのもの: %1。</translation>
    </message>
    <message>
        <source>The schema copy creates them; doing it first shows early whether the target user may.</source>
        <translation>スキーマのコピーで作成されます。先に作成しておくと、ターゲットのユーザーに権限があるかを早く確認できます。</translation>
    </message>
    <message>
        <source>Other versions on the target: %1.</source>
        <translation>ターゲットでバージョンが異なるもの: %1。</translation>
    </message>
</context>
<context>
    <name>pgshift::core::ForeignKeys</name>
    <message>
        <source>Cancelled.</source>
        <translation>キャンセルしました。</translation>
    </message>
</context>
<context>
    <name>pgshift::core::LocalServer</name>
    <message>
        <source>PGSHIFT_PG_BINDIR=%1 has no initdb, pg_ctl and postgres</source>
        <translation>PGSHIFT_PG_BINDIR=%1 に initdb、pg_ctl、postgres がありません</translation>
    </message>
    <message>
        <source>No PostgreSQL server programs (initdb, pg_ctl, postgres) found: install the PostgreSQL server (Debian: postgresql-15) or set PGSHIFT_PG_BINDIR.</source>
        <translation>PostgreSQL のサーバープログラム (initdb、pg_ctl、postgres) が見つかりません: PostgreSQL サーバーをインストールするか (Debian: postgresql-15)、PGSHIFT_PG_BINDIR を設定してください。</translation>
    </message>
    <message>
        <source>pgshift runs as root, and PostgreSQL refuses to: create the account &apos;%1&apos; (Debian&apos;s postgresql package does) or run pgshift as a normal user.</source>
        <translation>pgshift が root で動いていますが、PostgreSQL は root での実行を拒否します: アカウント &apos;%1&apos; を作成するか (Debian の postgresql パッケージが作成します)、一般ユーザーで pgshift を実行してください。</translation>
    </message>
    <message>
        <source>Cannot create %1.</source>
        <translation>%1 を作成できません。</translation>
    </message>
    <message>
        <source>Cannot create a directory in %1: %2</source>
        <translation>%1 にディレクトリを作成できません: %2</translation>
    </message>
    <message>
        <source>Could not prepare %1.</source>
        <translation>%1 を準備できませんでした。</translation>
    </message>
    <message>
        <source>Cannot hand %1 to the server&apos;s account.</source>
        <translation>%1 をサーバーのアカウントに引き渡せません。</translation>
    </message>
    <message>
        <source>%1 did not finish in %2 s.</source>
        <translation>%1 が %2 秒以内に終了しませんでした。</translation>
    </message>
    <message>
        <source>%1 %2 failed (exit %3):
%4</source>
        <translation>%1 %2 が失敗しました (終了コード %3):
%4</translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation>%1 を書き込めません。</translation>
    </message>
    <message>
        <source>Cannot append to %1.</source>
        <translation>%1 に追記できません。</translation>
    </message>
    <message>
        <source>No free port on 127.0.0.1.</source>
        <translation>127.0.0.1 に空きポートがありません。</translation>
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
        <translation>レプリケーション slot</translation>
    </message>
    <message>
        <source>The %1 name &apos;%2&apos; is not valid: use 1 to 63 lower-case letters, digits and underscores, not starting with a digit.</source>
        <translation>%1 の名前 &apos;%2&apos; は無効です: 数字で始まらない、1〜63 文字の小文字の英字、数字、アンダースコアを使ってください。</translation>
    </message>
    <message>
        <source>Nothing to publish: %1 holds no table.</source>
        <translation>publication に含めるものがありません: %1 にテーブルがありません。</translation>
    </message>
    <message>
        <source>Copy the schema: pg_dump&apos;s pre-data, then post-data with pg_restore -j %1%2</source>
        <translation>スキーマのコピー: pg_dump の pre-data、次に pg_restore -j %1 で post-data%2</translation>
    </message>
    <message numerus="yes">
        <source>, without %n secondary index(es) built after the initial copy</source>
        <translation>
            <numerusform>、初期コピー後に作成するセカンダリインデックス %n 個を除く</numerusform>
        </translation>
    </message>
    <message>
        <source>target</source>
        <translation>ターゲット</translation>
    </message>
    <message>
        <source>Publish the tables on the source</source>
        <translation>ソースでテーブルを publication に追加</translation>
    </message>
    <message>
        <source>source</source>
        <translation>ソース</translation>
    </message>
    <message>
        <source>Subscribe on the target: copy every table, then stream changes</source>
        <translation>ターゲットで subscription を作成: 全テーブルをコピーし、その後変更をストリーミング</translation>
    </message>
    <message>
        <source>Creating the subscription on the target failed: %1</source>
        <translation>ターゲットでの subscription の作成に失敗しました: %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message numerus="yes">
        <source>Advice: the target copies %1 of the %n table(s) at a time (max_sync_workers_per_subscription = %2, max_logical_replication_workers = %3). Allowing %4 at once shortens the initial copy of many tables; run this on the target before starting (a restart is needed when max_logical_replication_workers changes):</source>
        <translation>
            <numerusform>助言: ターゲットは %n テーブルのうち同時に %1 個をコピーします (max_sync_workers_per_subscription = %2、max_logical_replication_workers = %3)。同時に %4 個を許可すると、多数のテーブルの初期コピーが短くなります。開始前にターゲットで次を実行してください (max_logical_replication_workers を変更した場合は再起動が必要です):</numerusform>
        </translation>
    </message>
    <message>
        <source>The saved replication state in %1 is incomplete.</source>
        <translation>%1 に保存されたレプリケーションの状態が不完全です。</translation>
    </message>
    <message>
        <source>%1 is not valid JSON (%2 at offset %3)</source>
        <translation>%1 は有効な JSON ではありません (オフセット %3 で %2)</translation>
    </message>
</context>
<context>
    <name>pgshift::core::Method</name>
    <message>
        <source>Dump and restore</source>
        <translation>ダンプ/リストア</translation>
    </message>
    <message>
        <source>Logical replication</source>
        <translation>論理レプリケーション</translation>
    </message>
    <message>
        <source>AWS DMS assisted</source>
        <translation>AWS DMS 併用</translation>
    </message>
</context>
<context>
    <name>pgshift::core::MigrationReport</name>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>Charts</source>
        <translation>グラフ</translation>
    </message>
    <message>
        <source>FAILED: %1</source>
        <translation>失敗: %1</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>not run: no copy or cutover in this session</source>
        <translation>未実行: このセッションではコピーも切り替えもしていません</translation>
    </message>
    <message>
        <source>succeeded: every checklist step done</source>
        <translation>成功: チェックリストの全ステップ完了</translation>
    </message>
    <message>
        <source>succeeded: copied and verified</source>
        <translation>成功: コピーして確認済み</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>ソース</translation>
    </message>
    <message>
        <source> (PostgreSQL %1)</source>
        <translation> (PostgreSQL %1)</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>ターゲット</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>結果</translation>
    </message>
    <message>
        <source>Checklist started</source>
        <translation>チェックリスト開始</translation>
    </message>
    <message>
        <source>Checklist finished</source>
        <translation>チェックリスト終了</translation>
    </message>
    <message>
        <source>Write downtime</source>
        <translation>書き込み停止時間</translation>
    </message>
    <message>
        <source>Rollback</source>
        <translation>ロールバック</translation>
    </message>
    <message>
        <source>writes re-enabled on the source</source>
        <translation>ソースへの書き込みを再有効化</translation>
    </message>
    <message>
        <source>Copy time</source>
        <translation>コピー時間</translation>
    </message>
    <message>
        <source>pgshift migration report</source>
        <translation>pgshift 移行レポート</translation>
    </message>
    <message>
        <source>Generated %1 by pgshift %2.</source>
        <translation>%1 に pgshift %2 が生成。</translation>
    </message>
    <message>
        <source>What</source>
        <translation>項目</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>値</translation>
    </message>
    <message>
        <source>Preflight</source>
        <translation>前提条件</translation>
    </message>
    <message>
        <source>No preflight ran in this session.</source>
        <translation>このセッションでは前提条件の確認を実行していません。</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>確認項目</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>結果</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>コピー</translation>
    </message>
    <message numerus="yes">
        <source>Engine %1: %n table(s), %2 rows, %3, %4 sequence(s), %5 large object(s), %6 index(es) built, in %7.</source>
        <translation>
            <numerusform>エンジン %1: %n テーブル、%2 行、%3、シーケンス %4 個、ラージオブジェクト %5 個、インデックス %6 個作成、所要 %7。</numerusform>
        </translation>
    </message>
    <message>
        <source>Checklist (dump and restore)</source>
        <translation>チェックリスト (ダンプ/リストア)</translation>
    </message>
    <message>
        <source>Cutover checklist</source>
        <translation>切り替えチェックリスト</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>ステップ</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>時刻</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>結果</translation>
    </message>
    <message>
        <source>The application&apos;s new connection string (password as before): %1</source>
        <translation>アプリケーションの新しい接続文字列 (パスワードは従来どおり): %1</translation>
    </message>
    <message>
        <source>equal</source>
        <translation>一致</translation>
    </message>
    <message>
        <source>checksums differ</source>
        <translation>チェックサム不一致</translation>
    </message>
    <message>
        <source>DIFFERENT</source>
        <translation>不一致</translation>
    </message>
    <message>
        <source>equal, checksums too</source>
        <translation>一致 (チェックサムも一致)</translation>
    </message>
    <message>
        <source>Row counts</source>
        <translation>行数</translation>
    </message>
    <message numerus="yes">
        <source>Exact counts of all %n table(s) are equal on both servers.</source>
        <translation>
            <numerusform>全 %n テーブルの正確な行数が両サーバーで一致しています。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n table(s) differ.</source>
        <translation>
            <numerusform>%n テーブル中 %1 が一致しません。</numerusform>
        </translation>
    </message>
    <message>
        <source>Table</source>
        <translation>テーブル</translation>
    </message>
    <message>
        <source>Source rows</source>
        <translation>ソースの行数</translation>
    </message>
    <message>
        <source>Target rows</source>
        <translation>ターゲットの行数</translation>
    </message>
    <message>
        <source>Sequences</source>
        <translation>シーケンス</translation>
    </message>
    <message>
        <source>never used</source>
        <translation>未使用</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>スキップ</translation>
    </message>
    <message>
        <source>Sequence</source>
        <translation>シーケンス</translation>
    </message>
    <message>
        <source>Owned by</source>
        <translation>所有者</translation>
    </message>
    <message>
        <source>Source value</source>
        <translation>ソースの値</translation>
    </message>
    <message>
        <source>Set on target</source>
        <translation>ターゲットに設定</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>注記</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 を書き込めません: %2</translation>
    </message>
    <message>
        <source>%1, in %2.</source>
        <translation>%1、%2。</translation>
    </message>
</context>
<context>
    <name>pgshift::core::OpenTransactionsCheck</name>
    <message>
        <source>Prepared and long-running transactions</source>
        <translation>プリペアドトランザクションと長時間実行中のトランザクション</translation>
    </message>
    <message numerus="yes">
        <source>No prepared transactions, none running longer than %n minute(s).</source>
        <translation>
            <numerusform>プリペアドトランザクションはなく、%n 分を超えて実行中のトランザクションもありません。</numerusform>
        </translation>
    </message>
    <message>
        <source>Prepared transaction %1 by %2 since %3.</source>
        <translation>プリペアドトランザクション %1 (%2、%3 から)。</translation>
    </message>
    <message>
        <source>Session %1 (%2) has been in a transaction for %3 s.</source>
        <translation>セッション %1 (%2) は %3 秒間トランザクション中です。</translation>
    </message>
    <message>
        <source>Creating the replication slot waits for every transaction that started before it; a forgotten prepared transaction makes it wait for ever and also holds back vacuum.</source>
        <translation>レプリケーション slot の作成は、それ以前に始まったトランザクションすべての終了を待ちます。忘れられたプリペアドトランザクションがあると永遠に待ち続け、vacuum も妨げます。</translation>
    </message>
    <message>
        <source>Finish them before starting replication:
%1</source>
        <translation>レプリケーションを開始する前にこれらを終了してください:
%1</translation>
    </message>
</context>
<context>
    <name>pgshift::core::PgError</name>
    <message>
        <source>The server rejected the password for this user.</source>
        <translation>サーバーがこのユーザーのパスワードを拒否しました。</translation>
    </message>
    <message>
        <source>The server does not allow this login: check pg_hba.conf (or the provider&apos;s network rules) and that the role may log in.</source>
        <translation>サーバーがこのログインを許可していません: pg_hba.conf (またはプロバイダーのネットワークルール) と、ロールにログイン権限があるかを確認してください。</translation>
    </message>
    <message>
        <source>That database does not exist on this server.</source>
        <translation>このサーバーにそのデータベースは存在しません。</translation>
    </message>
    <message>
        <source>The server has no free connection slots left.</source>
        <translation>サーバーに空きの接続枠がありません。</translation>
    </message>
    <message>
        <source>The user lacks a privilege this step needs.</source>
        <translation>このステップに必要な権限がユーザーにありません。</translation>
    </message>
    <message>
        <source>The statement was cancelled.</source>
        <translation>文がキャンセルされました。</translation>
    </message>
    <message>
        <source>The session or database is read-only.</source>
        <translation>セッションまたはデータベースが読み取り専用です。</translation>
    </message>
    <message>
        <source>Deadlock: another session held locks this statement needed.</source>
        <translation>デッドロック: この文が必要とするロックを別のセッションが保持していました。</translation>
    </message>
    <message>
        <source>The server is shutting down, restarting or not yet accepting connections.</source>
        <translation>サーバーはシャットダウン中、再起動中、またはまだ接続を受け付けていません。</translation>
    </message>
    <message>
        <source>The connection to the server failed or was lost.</source>
        <translation>サーバーへの接続に失敗したか、切断されました。</translation>
    </message>
    <message>
        <source>The server&apos;s pg_hba.conf has no rule that lets this user connect from here to this database.</source>
        <translation>サーバーの pg_hba.conf に、このユーザーがここからこのデータベースへ接続することを許可するルールがありません。</translation>
    </message>
    <message>
        <source>Nothing is listening at that address and port: the server is down, or the host or port is wrong.</source>
        <translation>そのアドレスとポートで待ち受けているものがありません: サーバーが停止しているか、ホストまたはポートが間違っています。</translation>
    </message>
    <message>
        <source>The server did not answer in time: a firewall may be dropping the traffic, or the host is not a PostgreSQL server.</source>
        <translation>サーバーが時間内に応答しませんでした: ファイアウォールが通信を破棄しているか、ホストが PostgreSQL サーバーではありません。</translation>
    </message>
    <message>
        <source>The host name could not be resolved: check its spelling and your DNS.</source>
        <translation>ホスト名を解決できませんでした: 綴りと DNS を確認してください。</translation>
    </message>
    <message>
        <source>The server requires SSL: set sslmode to require or stricter.</source>
        <translation>サーバーは SSL を必須としています: sslmode を require 以上に設定してください。</translation>
    </message>
    <message>
        <source>The server has no free connection slots left for ordinary users.</source>
        <translation>サーバーに一般ユーザー用の空きの接続枠がありません。</translation>
    </message>
    <message>
        <source>The server sent no result (out of memory or the connection was lost).</source>
        <translation>サーバーから結果が返りませんでした (メモリ不足、または接続が切断されました)。</translation>
    </message>
    <message>
        <source>Out of memory while connecting.</source>
        <translation>接続中にメモリが不足しました。</translation>
    </message>
    <message>
        <source>DETAIL: %1</source>
        <translation>詳細: %1</translation>
    </message>
    <message>
        <source>HINT: %1</source>
        <translation>ヒント: %1</translation>
    </message>
    <message>
        <source>CONTEXT: %1</source>
        <translation>コンテキスト: %1</translation>
    </message>
    <message>
        <source>SQLSTATE: %1</source>
        <translation>SQLSTATE: %1</translation>
    </message>
    <message>
        <source>The server wants a password and none was given: not directly, not in PGPASSWORD, not in the password file (~/.pgpass).</source>
        <translation>サーバーはパスワードを要求していますが、指定されていません: 直接にも、PGPASSWORD にも、パスワードファイル (~/.pgpass) にもありません。</translation>
    </message>
    <message>
        <source>The server accepts this login only over SSL: set sslmode to require or stricter.</source>
        <translation>サーバーはこのログインを SSL 経由でのみ受け付けます: sslmode を require 以上に設定してください。</translation>
    </message>
    <message>
        <source>That user (role) does not exist on this server.</source>
        <translation>このサーバーにそのユーザー (ロール) は存在しません。</translation>
    </message>
    <message>
        <source>These settings require SSL but the server does not offer it: lower sslmode or enable SSL on the server.</source>
        <translation>この設定は SSL を必須としていますが、サーバーが SSL を提供していません: sslmode を下げるか、サーバーで SSL を有効にしてください。</translation>
    </message>
    <message>
        <source>The server&apos;s certificate could not be verified: check sslrootcert, or use sslmode=require to encrypt without verifying.</source>
        <translation>サーバーの証明書を検証できませんでした: sslrootcert を確認するか、検証なしで暗号化するなら sslmode=require を使ってください。</translation>
    </message>
    <message>
        <source>channel_binding=require needs SCRAM authentication over SSL, and the server did not use it.</source>
        <translation>channel_binding=require には SSL 上の SCRAM 認証が必要ですが、サーバーは使いませんでした。</translation>
    </message>
    <message>
        <source>The server&apos;s pg_hba.conf explicitly rejects this user connecting from here to this database.</source>
        <translation>サーバーの pg_hba.conf が、このユーザーがここからこのデータベースへ接続することを明示的に拒否しています。</translation>
    </message>
</context>
<context>
    <name>pgshift::core::PooledEndpointCheck</name>
    <message>
        <source>Direct connection, not a pooler</source>
        <translation>プーラーではない直接接続</translation>
    </message>
    <message>
        <source>The source connection does not look like a connection pooler.</source>
        <translation>ソースの接続はコネクションプーラーではないようです。</translation>
    </message>
    <message>
        <source>The source connection looks pooled: %1.</source>
        <translation>ソースの接続はプーラー経由のようです: %1。</translation>
    </message>
    <message>
        <source>Replication connections and the exported snapshot of a parallel copy need one real server session throughout; poolers do not offer replication at all.</source>
        <translation>レプリケーション接続や並列コピーのエクスポートされたスナップショットには、最初から最後まで実際のサーバーセッション 1 つが必要です。プーラーはレプリケーションをまったく提供しません。</translation>
    </message>
    <message>
        <source>Use the provider&apos;s direct endpoint: on Neon the host name without &quot;-pooler&quot;, on Supabase db.&lt;project&gt;.supabase.co on port 5432.</source>
        <translation>プロバイダーの直接接続エンドポイントを使ってください: Neon では &quot;-pooler&quot; のないホスト名、Supabase ではポート 5432 の db.&lt;project&gt;.supabase.co です。</translation>
    </message>
</context>
<context>
    <name>pgshift::core::Preflight</name>
    <message>
        <source>This check could not run: %1</source>
        <translation>この確認を実行できませんでした: %1</translation>
    </message>
    <message>
        <source>Its catalog query took longer than the statement timeout.</source>
        <translation>カタログへの問い合わせが statement timeout を超えました。</translation>
    </message>
    <message>
        <source>Without it, this prerequisite is unverified.</source>
        <translation>これがないと、この前提条件は未確認です。</translation>
    </message>
    <message>
        <source>Check the user&apos;s privileges on the catalogs and re-run.</source>
        <translation>カタログに対するユーザーの権限を確認して、再実行してください。</translation>
    </message>
    <message>
        <source>The preflight was cancelled.</source>
        <translation>前提条件の確認はキャンセルされました。</translation>
    </message>
</context>
<context>
    <name>pgshift::core::ReplicaIdentityCheck</name>
    <message>
        <source>Tables without a primary key or replica identity</source>
        <translation>主キーも replica identity もないテーブル</translation>
    </message>
    <message>
        <source>Every table has a primary key or a replica identity.</source>
        <translation>すべてのテーブルに主キーまたは replica identity があります。</translation>
    </message>
    <message numerus="yes">
        <source>%n table(s) without a primary key or replica identity: %1</source>
        <translation>
            <numerusform>主キーも replica identity もないテーブル %n 個: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Logical replication finds the row to update or delete by its replica identity. Once such a table is published, UPDATE and DELETE on it fail on the source.</source>
        <translation>論理レプリケーションは、更新・削除する行を replica identity で特定します。このようなテーブルを publication に含めると、ソースでの UPDATE と DELETE が失敗します。</translation>
    </message>
    <message>
        <source>Best: add a primary key. Else use a unique index on NOT NULL columns (REPLICA IDENTITY USING INDEX), proposed below where one exists. REPLICA IDENTITY FULL works for any table but logs the whole old row for every change and makes the target search for it, which is slow on large tables.
%1</source>
        <translation>最善: 主キーを追加します。それ以外: NOT NULL 列の一意インデックスを使います (REPLICA IDENTITY USING INDEX。該当するものがあれば下に提案しています)。REPLICA IDENTITY FULL はどのテーブルでも使えますが、変更のたびに古い行全体をログに書き、ターゲットにその行を探させるため、大きなテーブルでは遅くなります。
%1</translation>
    </message>
</context>
<context>
    <name>pgshift::core::ReplicationCapacityCheck</name>
    <message>
        <source>Replication slots, WAL senders and workers</source>
        <translation>レプリケーション slot、WAL sender、ワーカー</translation>
    </message>
    <message>
        <source>Source: %1 of %2 replication slots and %3 of %4 WAL senders free.</source>
        <translation>ソース: レプリケーション slot %2 個中 %1 個、WAL sender %4 個中 %3 個が空いています。</translation>
    </message>
    <message>
        <source>The subscription needs one replication slot and one WAL sender on the source for as long as it runs.</source>
        <translation>subscription は実行中ずっと、ソースのレプリケーション slot 1 つと WAL sender 1 つを使います。</translation>
    </message>
    <message>
        <source>Raise max_replication_slots and max_wal_senders on the source (a restart), or drop slots nobody uses: SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE NOT active AND slot_name = &apos;...&apos;;</source>
        <translation>ソースの max_replication_slots と max_wal_senders を増やすか (再起動が必要)、誰も使っていない slot を削除してください: SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE NOT active AND slot_name = &apos;...&apos;;</translation>
    </message>
    <message>
        <source>Target: max_worker_processes %1, max_logical_replication_workers %2, max_sync_workers_per_subscription %3.</source>
        <translation>ターゲット: max_worker_processes %1、max_logical_replication_workers %2、max_sync_workers_per_subscription %3。</translation>
    </message>
    <message>
        <source>The initial copy syncs at most %1 tables at a time.</source>
        <translation>初期コピーで同時に同期するテーブルは最大 %1 個です。</translation>
    </message>
    <message>
        <source>For a faster initial copy raise max_sync_workers_per_subscription (and max_logical_replication_workers and max_worker_processes to match) on the target for the duration of the migration.</source>
        <translation>初期コピーを速くするには、移行の間ターゲットの max_sync_workers_per_subscription を増やしてください (max_logical_replication_workers と max_worker_processes もそれに合わせて)。</translation>
    </message>
</context>
<context>
    <name>pgshift::core::ReplicationCleanup</name>
    <message>
        <source>Dropped subscription %1 on the target, and its slot on the source.</source>
        <translation>ターゲットの subscription %1 と、ソース上のその slot を削除しました。</translation>
    </message>
    <message>
        <source>Dropped subscription %1 on the target after detaching it from its slot (%2).</source>
        <translation>ターゲットの subscription %1 を slot から切り離してから削除しました (%2)。</translation>
    </message>
    <message>
        <source>Could not drop subscription %1 on the target: %2</source>
        <translation>ターゲットの subscription %1 を削除できませんでした: %2</translation>
    </message>
    <message>
        <source>Could not reach the target to drop subscription %1: %2</source>
        <translation>subscription %1 を削除するためにターゲットへ到達できませんでした: %2</translation>
    </message>
    <message>
        <source>Slot %1 on the source is still in use (the target may still be subscribed); it was left in place.</source>
        <translation>ソースの slot %1 はまだ使用中です (ターゲットがまだ subscribe している可能性があります)。そのまま残しました。</translation>
    </message>
    <message>
        <source>Dropped replication slot %1 on the source%2.</source>
        <translation>ソースのレプリケーション slot %1 を削除しました%2。</translation>
    </message>
    <message>
        <source> (detached from the subscription)</source>
        <translation> (subscription から切り離し済み)</translation>
    </message>
    <message>
        <source>Dropped publication %1 on the source.</source>
        <translation>ソースの publication %1 を削除しました。</translation>
    </message>
    <message>
        <source>Cleanup on the source failed: %1</source>
        <translation>ソースでのクリーンアップに失敗しました: %1</translation>
    </message>
    <message>
        <source>Could not reach the source to drop publication %1 and slot %2: %3</source>
        <translation>publication %1 と slot %2 を削除するためにソースへ到達できませんでした: %3</translation>
    </message>
    <message>
        <source>source: %1</source>
        <translation>ソース: %1</translation>
    </message>
    <message>
        <source>target: %1</source>
        <translation>ターゲット: %1</translation>
    </message>
</context>
<context>
    <name>pgshift::core::ReplicationObjectsCheck</name>
    <message>
        <source>Existing slots, publications and subscriptions</source>
        <translation>既存の slot、publication、subscription</translation>
    </message>
    <message>
        <source>Slot %1 (%2, %3) keeps %4 of WAL on the source.</source>
        <translation>slot %1 (%2、%3) がソースで WAL %4 を保持しています。</translation>
    </message>
    <message>
        <source>active</source>
        <translation>アクティブ</translation>
    </message>
    <message>
        <source>inactive</source>
        <translation>非アクティブ</translation>
    </message>
    <message>
        <source>Publication %1 from an earlier pgshift run exists on the source.</source>
        <translation>以前の pgshift の実行による publication %1 がソースにあります。</translation>
    </message>
    <message>
        <source>Subscription %1 from an earlier pgshift run exists on the target.</source>
        <translation>以前の pgshift の実行による subscription %1 がターゲットにあります。</translation>
    </message>
    <message>
        <source>max_slot_wal_keep_size is -1: a stalled slot may keep WAL until the source&apos;s disk is full.</source>
        <translation>max_slot_wal_keep_size が -1 です: 停滞した slot がソースのディスクが一杯になるまで WAL を保持する可能性があります。</translation>
    </message>
    <message>
        <source>No leftover or WAL-hoarding replication objects.</source>
        <translation>残っているレプリケーションオブジェクトや WAL をため込むものはありません。</translation>
    </message>
    <message>
        <source>A slot that nobody reads keeps every WAL segment since its position, and objects left by an earlier run collide with the names pgshift uses.</source>
        <translation>誰も読まない slot はその位置以降の WAL セグメントをすべて保持します。また、以前の実行で残ったオブジェクトは pgshift が使う名前と衝突します。</translation>
    </message>
    <message>
        <source>Watch the slot&apos;s lag during the migration (pgshift charts it), or cap it: ALTER SYSTEM SET max_slot_wal_keep_size = &apos;50GB&apos;; SELECT pg_reload_conf();</source>
        <translation>移行中は slot の遅延を監視するか (pgshift がグラフ表示します)、上限を設けてください: ALTER SYSTEM SET max_slot_wal_keep_size = &apos;50GB&apos;; SELECT pg_reload_conf();</translation>
    </message>
</context>
<context>
    <name>pgshift::core::ReplicationProbe</name>
    <message>
        <source>initializing</source>
        <translation>初期化中</translation>
    </message>
    <message>
        <source>copying data</source>
        <translation>データをコピー中</translation>
    </message>
    <message>
        <source>copy finished</source>
        <translation>コピー完了</translation>
    </message>
    <message>
        <source>synchronized</source>
        <translation>同期済み</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>準備完了</translation>
    </message>
    <message>
        <source>unknown (%1)</source>
        <translation>不明 (%1)</translation>
    </message>
    <message>
        <source>disconnected; trying again at %1</source>
        <translation>切断。%1 に再試行</translation>
    </message>
</context>
<context>
    <name>pgshift::core::ReportFormat</name>
    <message>
        <source>Why: %1</source>
        <translation>理由: %1</translation>
    </message>
    <message>
        <source>Fix: %1</source>
        <translation>修正: %1</translation>
    </message>
    <message>
        <source>**Why:** %1

</source>
        <translation>**理由:** %1

</translation>
    </message>
    <message>
        <source>**Fix:**

```sql
%1
```

</source>
        <translation>**修正:**

```sql
%1
```

</translation>
    </message>
    <message>
        <source>**Fix:** %1

</source>
        <translation>**修正:** %1

</translation>
    </message>
    <message>
        <source>pgshift preflight (%1)</source>
        <translation>pgshift 前提条件の確認 (%1)</translation>
    </message>
    <message>
        <source>Why:</source>
        <translation>理由:</translation>
    </message>
    <message>
        <source>Fix:</source>
        <translation>修正:</translation>
    </message>
    <message>
        <source>%1, %2, %3, %4 passed</source>
        <translation>%1、%2、%3、%4 件合格</translation>
    </message>
    <message numerus="yes">
        <source>%n blocker(s)</source>
        <translation>
            <numerusform>ブロッカー %n 件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s)</source>
        <translation>
            <numerusform>警告 %n 件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n note(s)</source>
        <translation>
            <numerusform>注記 %n 件</numerusform>
        </translation>
    </message>
    <message>
        <source>
%1, for %2 (%3 ms).
</source>
        <translation>
%1、%2 を対象 (%3 ms)。
</translation>
    </message>
    <message>
        <source># pgshift preflight (%1)

%2.

</source>
        <translation># pgshift 前提条件の確認 (%1)

%2。

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
        <translation>ソース</translation>
    </message>
    <message>
        <source>target</source>
        <translation>ターゲット</translation>
    </message>
</context>
<context>
    <name>pgshift::core::RowSecurityCheck</name>
    <message>
        <source>Row-level security</source>
        <translation>行レベルセキュリティ</translation>
    </message>
    <message>
        <source>No table has row-level security enabled.</source>
        <translation>行レベルセキュリティが有効なテーブルはありません。</translation>
    </message>
    <message numerus="yes">
        <source>%n table(s) use row-level security; %1 bypasses it, so every row is copied: %2</source>
        <translation>
            <numerusform>%n テーブルが行レベルセキュリティを使っています。%1 はこれをバイパスするので全行がコピーされます: %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n table(s) use row-level security and %1 does not bypass it: %2</source>
        <translation>
            <numerusform>%n テーブルが行レベルセキュリティを使っていて、%1 はこれをバイパスしません: %2</numerusform>
        </translation>
    </message>
    <message>
        <source>The copy reads only the rows the policies show this user: pg_dump stops with an error, and logical replication copies the visible rows without complaint, often none.</source>
        <translation>コピーはポリシーがこのユーザーに見せる行しか読みません: pg_dump はエラーで止まり、論理レプリケーションは見える行だけを黙ってコピーします (多くの場合 0 行)。</translation>
    </message>
    <message>
        <source>As a superuser on the source: %1 (on managed services, migrate with the administrator role, which has it).</source>
        <translation>ソースでスーパーユーザーとして: %1 (マネージドサービスでは、この権限を持つ管理者ロールで移行してください)。</translation>
    </message>
</context>
<context>
    <name>pgshift::core::SameDatabaseCheck</name>
    <message>
        <source>Target: not the source, no name conflicts</source>
        <translation>ターゲット: ソースではなく、名前の衝突がない</translation>
    </message>
    <message>
        <source>Copying a database onto itself destroys it.</source>
        <translation>データベースを自分自身にコピーすると破壊されます。</translation>
    </message>
    <message>
        <source>Connect the target to another server or database.</source>
        <translation>ターゲットには別のサーバーまたはデータベースを指定してください。</translation>
    </message>
    <message>
        <source>The target is another database.</source>
        <translation>ターゲットは別のデータベースです。</translation>
    </message>
    <message numerus="yes">
        <source>%n object(s) exist on both sides under the same name: %1</source>
        <translation>
            <numerusform>両側に同じ名前のオブジェクトが %n 個あります: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Creating them on the target fails; pgshift never drops the target&apos;s objects for you.</source>
        <translation>ターゲットでの作成は失敗します。pgshift がターゲットのオブジェクトを勝手に削除することはありません。</translation>
    </message>
    <message>
        <source>Migrate into an empty database, or drop these objects on the target after making sure nothing there is needed.</source>
        <translation>空のデータベースに移行するか、不要であることを確かめてからターゲットのこれらのオブジェクトを削除してください。</translation>
    </message>
</context>
<context>
    <name>pgshift::core::Sandbox</name>
    <message>
        <source>Cannot create %1.</source>
        <translation>%1 を作成できません。</translation>
    </message>
    <message>
        <source>Cannot create a directory in %1.</source>
        <translation>%1 にディレクトリを作成できません。</translation>
    </message>
    <message>
        <source>Cannot write in %1.</source>
        <translation>%1 に書き込めません。</translation>
    </message>
    <message>
        <source>Starting the source server…</source>
        <translation>ソースサーバーを起動しています…</translation>
    </message>
    <message>
        <source>The source server did not start: %1</source>
        <translation>ソースサーバーが起動しませんでした: %1</translation>
    </message>
    <message>
        <source>Starting the target server…</source>
        <translation>ターゲットサーバーを起動しています…</translation>
    </message>
    <message>
        <source>The target server did not start: %1</source>
        <translation>ターゲットサーバーが起動しませんでした: %1</translation>
    </message>
    <message>
        <source>Creating the sample shop on the source…</source>
        <translation>ソースにサンプルのショップを作成しています…</translation>
    </message>
    <message>
        <source>The sample data could not be created: %1</source>
        <translation>サンプルデータを作成できませんでした: %1</translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation>%1 を書き込めません。</translation>
    </message>
    <message>
        <source>Sandbox ready in %1.</source>
        <translation>サンドボックスの準備ができました: %1。</translation>
    </message>
    <message>
        <source>%1 is not a pgshift sandbox.</source>
        <translation>%1 は pgshift のサンドボックスではありません。</translation>
    </message>
    <message>
        <source>Could not delete all of %1.</source>
        <translation>%1 をすべては削除できませんでした。</translation>
    </message>
</context>
<context>
    <name>pgshift::core::SequenceSync</name>
    <message>
        <source>not readable by this role (grant it SELECT on the sequence): left as it is</source>
        <translation>このロールでは読めません (シーケンスへの SELECT 権限を付与してください): そのまま</translation>
    </message>
    <message>
        <source>never used: stays at its start value, %1</source>
        <translation>未使用: 開始値 %1 のまま</translation>
    </message>
    <message>
        <source>a margin of %1 would pass MAXVALUE %2: set to %2</source>
        <translation>マージン %1 では MAXVALUE %2 を超えるため %2 に設定</translation>
    </message>
    <message>
        <source>a margin of %1 would pass MINVALUE %2: set to %2</source>
        <translation>マージン %1 では MINVALUE %2 を下回るため %2 に設定</translation>
    </message>
    <message>
        <source>; it cycles, so its next value starts over at %1</source>
        <translation>。循環するので、次の値は %1 から始まり直します</translation>
    </message>
    <message>
        <source>; its next nextval() fails until its limit is widened</source>
        <translation>。上限を広げるまで次の nextval() は失敗します</translation>
    </message>
    <message>
        <source>The target has no sequence %1.</source>
        <translation>ターゲットにシーケンス %1 がありません。</translation>
    </message>
    <message>
        <source>the target is already at %1, past %2: left as it is</source>
        <translation>ターゲットはすでに %2 を超える %1 です: そのまま</translation>
    </message>
    <message>
        <source>never used on the source, already used on the target (at %1): left as it is</source>
        <translation>ソースでは未使用、ターゲットでは使用済み (%1): そのまま</translation>
    </message>
    <message>
        <source>%1: missing on the target</source>
        <translation>%1: ターゲットにありません</translation>
    </message>
    <message>
        <source>%1: at %2 on the source, never used on the target</source>
        <translation>%1: ソースは %2、ターゲットでは未使用</translation>
    </message>
    <message>
        <source>%1: %2 on the target is not ahead of %3 on the source</source>
        <translation>%1: ターゲットの %2 はソースの %3 より先行していません</translation>
    </message>
</context>
<context>
    <name>pgshift::core::SourcePrivilegesCheck</name>
    <message>
        <source>Privileges of the source user</source>
        <translation>ソースユーザーの権限</translation>
    </message>
    <message>
        <source>%1 has no replication right (REPLICATION, superuser or rds_replication).</source>
        <translation>%1 にレプリケーション権限 (REPLICATION、スーパーユーザー、rds_replication) がありません。</translation>
    </message>
    <message>
        <source>%1 can read every table and sequence%2.</source>
        <translation>%1 はすべてのテーブルとシーケンスを読めます%2。</translation>
    </message>
    <message>
        <source> and replicate</source>
        <translation>し、レプリケーションもできます</translation>
    </message>
    <message>
        <source>pg_dump and the initial copy read every table and sequence as this user; a missing privilege stops the copy halfway.</source>
        <translation>pg_dump と初期コピーは、このユーザーとしてすべてのテーブルとシーケンスを読みます。権限が欠けているとコピーが途中で止まります。</translation>
    </message>
    <message>
        <source>Run as a superuser or the objects&apos; owner on the source:
%1</source>
        <translation>ソースでスーパーユーザーまたはオブジェクトの所有者として実行してください:
%1</translation>
    </message>
    <message>
        <source>Schema %1: the user cannot read %2 and %3.</source>
        <translation>スキーマ %1: ユーザーは %2 と %3 を読めません。</translation>
    </message>
    <message numerus="yes">
        <source>%n table(s)</source>
        <translation>
            <numerusform>%n テーブル</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n sequence(s)</source>
        <translation>
            <numerusform>%n シーケンス</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pgshift::core::StreamCopy</name>
    <message>
        <source>%1 was not copied: no copy worker was left to do it.</source>
        <translation>%1 はコピーされていません: 担当できるコピーワーカーが残っていませんでした。</translation>
    </message>
    <message>
        <source>A copy worker could not connect: %1</source>
        <translation>コピーワーカーが接続できませんでした: %1</translation>
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
        <translation>%1: そのテーブルがないか、コピーする列がありません</translation>
    </message>
    <message>
        <source>Copying %1 was cancelled.</source>
        <translation>%1 のコピーはキャンセルされました。</translation>
    </message>
    <message>
        <source>%1: %2 rows read but %3 written</source>
        <translation>%1: %2 行を読みましたが、書き込んだのは %3 行です</translation>
    </message>
</context>
<context>
    <name>pgshift::core::TargetInventory</name>
    <message>
        <source>schema</source>
        <translation>スキーマ</translation>
    </message>
    <message>
        <source>extension</source>
        <translation>拡張機能</translation>
    </message>
    <message>
        <source>table</source>
        <translation>テーブル</translation>
    </message>
    <message>
        <source>view</source>
        <translation>ビュー</translation>
    </message>
    <message>
        <source>materialized view</source>
        <translation>マテリアライズドビュー</translation>
    </message>
    <message>
        <source>sequence</source>
        <translation>シーケンス</translation>
    </message>
    <message>
        <source>foreign table</source>
        <translation>外部テーブル</translation>
    </message>
    <message>
        <source>type</source>
        <translation>型</translation>
    </message>
    <message>
        <source>function</source>
        <translation>関数</translation>
    </message>
    <message>
        <source>procedure</source>
        <translation>プロシージャ</translation>
    </message>
    <message>
        <source>aggregate</source>
        <translation>集約</translation>
    </message>
    <message>
        <source>large object</source>
        <translation>ラージオブジェクト</translation>
    </message>
</context>
<context>
    <name>pgshift::core::TargetPrivilegesCheck</name>
    <message>
        <source>Privileges of the target user</source>
        <translation>ターゲットユーザーの権限</translation>
    </message>
    <message>
        <source>%1 may not create schemas in database %2.</source>
        <translation>%1 はデータベース %2 にスキーマを作成できません。</translation>
    </message>
    <message>
        <source>%1 may not create tables in schema public, where the source has tables.</source>
        <translation>%1 は、ソースにテーブルがある public スキーマにテーブルを作成できません。</translation>
    </message>
    <message>
        <source>%1 may not create subscriptions.</source>
        <translation>%1 は subscription を作成できません。</translation>
    </message>
    <message>
        <source>Before PostgreSQL 16 only a superuser may create subscriptions; %1 is not one.</source>
        <translation>PostgreSQL 16 より前では subscription を作成できるのはスーパーユーザーだけですが、%1 はスーパーユーザーではありません。</translation>
    </message>
    <message>
        <source>%1 can create the schema%2.</source>
        <translation>%1 はスキーマを作成できます%2。</translation>
    </message>
    <message>
        <source> and the subscription</source>
        <translation>。subscription も作成できます</translation>
    </message>
    <message>
        <source>The schema and the data are created on the target as this user.</source>
        <translation>スキーマとデータはこのユーザーとしてターゲットに作成されます。</translation>
    </message>
    <message>
        <source>Connect to the target as a superuser.</source>
        <translation>スーパーユーザーとしてターゲットに接続してください。</translation>
    </message>
    <message>
        <source>Run as an administrator on the target (PlanetScale: give the role pg_create_subscription on its Roles page):
%1</source>
        <translation>ターゲットで管理者として実行してください (PlanetScale: Roles ページでロールに pg_create_subscription を付与):
%1</translation>
    </message>
</context>
<context>
    <name>pgshift::core::UnreplicatedData</name>
    <message>
        <source>Cancelled.</source>
        <translation>キャンセルしました。</translation>
    </message>
    <message>
        <source>Owned by the target&apos;s user instead of %1: that role does not exist on the target or the target&apos;s user cannot assign it.</source>
        <translation>%1 ではなくターゲットのユーザーの所有になりました: そのロールがターゲットに存在しないか、ターゲットのユーザーが割り当てられません。</translation>
    </message>
    <message>
        <source>Grants to %1 left out: no such role on the target.</source>
        <translation>%1 への権限付与を省略しました: ターゲットにそのロールがありません。</translation>
    </message>
    <message>
        <source>not refreshed, it reads %1, which failed</source>
        <translation>リフレッシュしていません。読み込み元の %1 が失敗しました</translation>
    </message>
    <message>
        <source>not refreshed, its inputs could not be ordered</source>
        <translation>リフレッシュしていません。入力の順序を決められませんでした</translation>
    </message>
</context>
<context>
    <name>pgshift::core::UnreplicatedObjectsCheck</name>
    <message>
        <source>Large objects, unlogged, foreign and partitioned tables</source>
        <translation>ラージオブジェクト、unlogged テーブル、外部テーブル、パーティションテーブル</translation>
    </message>
    <message>
        <source>Large objects: %1; unlogged tables: %2; foreign tables: %3; materialized views: %4; partitioned tables: %5.</source>
        <translation>ラージオブジェクト: %1、unlogged テーブル: %2、外部テーブル: %3、マテリアライズドビュー: %4、パーティションテーブル: %5。</translation>
    </message>
    <message>
        <source>Large objects are not replicated: copy them with pg_dump --large-objects after writes stop, or move the data to bytea columns.</source>
        <translation>ラージオブジェクトはレプリケーションされません: 書き込み停止後に pg_dump --large-objects でコピーするか、データを bytea 列に移してください。</translation>
    </message>
    <message>
        <source>Unlogged tables write no WAL, so they arrive empty: copy them by hand or make them logged (ALTER TABLE ... SET LOGGED).</source>
        <translation>unlogged テーブルは WAL を書かないため、空のまま届きます: 手作業でコピーするか、logged にしてください (ALTER TABLE ... SET LOGGED)。</translation>
    </message>
    <message>
        <source>Foreign tables are created, their data stays on the remote server: the target needs the same foreign servers and user mappings.</source>
        <translation>外部テーブルは作成されますが、データはリモートサーバーに残ります: ターゲットにも同じ外部サーバーとユーザーマッピングが必要です。</translation>
    </message>
    <message>
        <source>Materialized views are created empty: REFRESH MATERIALIZED VIEW them on the target before cutover.</source>
        <translation>マテリアライズドビューは空で作成されます: 切り替え前にターゲットで REFRESH MATERIALIZED VIEW を実行してください。</translation>
    </message>
    <message>
        <source>Partitioned tables: pgshift publishes them with publish_via_partition_root = true, so changes arrive through the parent.</source>
        <translation>パーティションテーブル: pgshift は publish_via_partition_root = true で publication に含めるので、変更は親テーブル経由で届きます。</translation>
    </message>
    <message>
        <source>Each of these needs a step of its own, or its data is missing on the target.</source>
        <translation>これらはそれぞれ専用の手順が必要です。そうしないとターゲットでデータが欠けます。</translation>
    </message>
    <message>
        <source>Large objects are not replicated: pgshift&apos;s cutover copies them after writes stop, so their size adds to the downtime (or move the data to bytea columns).</source>
        <translation>ラージオブジェクトはレプリケーションされません: pgshift の切り替えが書き込み停止後にコピーするので、そのサイズ分だけ停止時間が延びます (またはデータを bytea 列に移してください)。</translation>
    </message>
    <message>
        <source>Materialized views are created empty: pgshift&apos;s cutover refreshes them on the target before writes stop.</source>
        <translation>マテリアライズドビューは空で作成されます: pgshift の切り替えが書き込み停止前にターゲットでリフレッシュします。</translation>
    </message>
</context>
<context>
    <name>pgshift::core::VersionCheck</name>
    <message>
        <source>PostgreSQL versions</source>
        <translation>PostgreSQL のバージョン</translation>
    </message>
    <message>
        <source>The source runs PostgreSQL %1, the target PostgreSQL %2.</source>
        <translation>ソースは PostgreSQL %1、ターゲットは PostgreSQL %2 です。</translation>
    </message>
    <message>
        <source>A schema dumped from a newer server uses syntax and catalog features an older server does not have; PostgreSQL supports moving only to the same or a newer major version.</source>
        <translation>新しいサーバーからダンプしたスキーマは、古いサーバーにない構文やカタログ機能を使います。PostgreSQL は同じメジャーバージョンか、より新しいメジャーバージョンへの移行だけをサポートしています。</translation>
    </message>
    <message>
        <source>Choose a target running PostgreSQL %1 or newer (PlanetScale Postgres runs 17 and 18).</source>
        <translation>PostgreSQL %1 以降のターゲットを選んでください (PlanetScale Postgres は 17 と 18 です)。</translation>
    </message>
    <message>
        <source>Publications and subscriptions exist from PostgreSQL 10 on.</source>
        <translation>publication と subscription は PostgreSQL 10 以降にあります。</translation>
    </message>
    <message>
        <source>Use dump and restore, or upgrade the source to PostgreSQL 10 or newer first.</source>
        <translation>ダンプ/リストアを使うか、先にソースを PostgreSQL 10 以降にアップグレードしてください。</translation>
    </message>
    <message>
        <source>Moving to a newer major version is supported; test the application against PostgreSQL %1 before the cutover.</source>
        <translation>より新しいメジャーバージョンへの移行はサポートされています。切り替え前にアプリケーションを PostgreSQL %1 でテストしてください。</translation>
    </message>
</context>
<context>
    <name>pgshift::core::WalLevelCheck</name>
    <message>
        <source>wal_level on the source</source>
        <translation>ソースの wal_level</translation>
    </message>
    <message>
        <source>wal_level is %1 on the source.</source>
        <translation>ソースの wal_level は %1 です。</translation>
    </message>
    <message>
        <source>Logical decoding reads row changes from the WAL, which holds them only with wal_level = logical. Changing it needs a server restart.</source>
        <translation>論理デコーディングは行の変更を WAL から読みますが、WAL に行の変更が含まれるのは wal_level = logical のときだけです。変更にはサーバーの再起動が必要です。</translation>
    </message>
    <message>
        <source>In the RDS console, set rds.logical_replication = 1 in the instance&apos;s parameter group (a custom group: the default one cannot be changed), then reboot the instance.</source>
        <translation>RDS コンソールで、インスタンスのパラメータグループ (カスタムのもの。デフォルトのグループは変更できません) に rds.logical_replication = 1 を設定し、インスタンスを再起動してください。</translation>
    </message>
    <message>
        <source>In the RDS console, set rds.logical_replication = 1 in the DB cluster parameter group attached to the cluster, then reboot the writer instance.</source>
        <translation>RDS コンソールで、クラスターに関連付けられた DB クラスターパラメータグループに rds.logical_replication = 1 を設定し、ライターインスタンスを再起動してください。</translation>
    </message>
    <message>
        <source>In the Neon console open Settings, Logical Replication, and enable it. This restarts the project&apos;s computes and cannot be turned off again.</source>
        <translation>Neon コンソールで Settings の Logical Replication を開き、有効にしてください。プロジェクトのコンピュートが再起動され、再び無効にすることはできません。</translation>
    </message>
    <message>
        <source>Set the database flag cloudsql.logical_decoding = on on the instance (this restarts it).</source>
        <translation>インスタンスにデータベースフラグ cloudsql.logical_decoding = on を設定してください (インスタンスが再起動されます)。</translation>
    </message>
    <message>
        <source>In the Azure portal set the server parameter wal_level = logical, save, and restart the server.</source>
        <translation>Azure portal でサーバーパラメーター wal_level = logical を設定して保存し、サーバーを再起動してください。</translation>
    </message>
    <message>
        <source>Run ALTER SYSTEM SET wal_level = logical; as a superuser (or set it in postgresql.conf), then restart PostgreSQL, for example with systemctl restart postgresql.</source>
        <translation>スーパーユーザーとして ALTER SYSTEM SET wal_level = logical; を実行し (または postgresql.conf に設定し)、PostgreSQL を再起動してください。例: systemctl restart postgresql。</translation>
    </message>
</context>
<context>
    <name>pgshift::core::WalSenderTimeoutCheck</name>
    <message>
        <source>wal_sender_timeout on the source</source>
        <translation>ソースの wal_sender_timeout</translation>
    </message>
    <message>
        <source>wal_sender_timeout is 0 (no timeout).</source>
        <translation>wal_sender_timeout は 0 (タイムアウトなし) です。</translation>
    </message>
    <message>
        <source>wal_sender_timeout is %1.</source>
        <translation>wal_sender_timeout は %1 です。</translation>
    </message>
    <message>
        <source>While a large table is copied the subscriber answers the source rarely; a walsender that hears nothing for wal_sender_timeout is ended, and the table&apos;s copy starts again from the beginning (source database: %1).</source>
        <translation>大きなテーブルのコピー中、subscriber はソースにめったに応答しません。wal_sender_timeout の間何も受け取らない walsender は終了させられ、テーブルのコピーは最初からやり直しになります (ソースデータベース: %1)。</translation>
    </message>
    <message>
        <source>For the initial copy raise it (no restart needed; on managed services change the parameter group or server parameter instead):
%1</source>
        <translation>初期コピーのために値を増やしてください (再起動不要。マネージドサービスではパラメータグループまたはサーバーパラメーターを変更してください):
%1</translation>
    </message>
</context>
<context>
    <name>pgshift::core::WriteBlocker</name>
    <message>
        <source>Writes stopped on the source: confirmed by you (the application is stopped)</source>
        <translation>ソースへの書き込み停止: ユーザーが確認済み (アプリケーション停止済み)</translation>
    </message>
    <message>
        <source>Stop writes on the source: roles %1 read-only in this database, their sessions ended</source>
        <translation>ソースへの書き込み停止: このデータベースでロール %1 を読み取り専用にし、そのセッションを終了</translation>
    </message>
    <message>
        <source>Stop writes on the source: the database read-only for new transactions, every other session ended</source>
        <translation>ソースへの書き込み停止: 新しいトランザクションに対してデータベースを読み取り専用にし、ほかのセッションをすべて終了</translation>
    </message>
    <message>
        <source>pid %1, user %2, application &apos;%3&apos;, from %4 (%5)</source>
        <translation>pid %1、ユーザー %2、アプリケーション &apos;%3&apos;、接続元 %4 (%5)</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Cannot reach the source to re-enable writes: %1</source>
        <translation>書き込みを再有効化するためにソースへ到達できません: %1</translation>
    </message>
</context>
<context>
    <name>pgshift::widgets::ChartExport</name>
    <message>
        <source>Export failed</source>
        <translation>エクスポートに失敗しました</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 画像 (*.png)</translation>
    </message>
    <message>
        <source>Could not write %1.</source>
        <translation>%1 を書き込めませんでした。</translation>
    </message>
</context>
<context>
    <name>pgshift::widgets::CheckReportView</name>
    <message>
        <source>Blockers (%1)</source>
        <translation>ブロッカー (%1)</translation>
    </message>
    <message>
        <source>Warnings (%1)</source>
        <translation>警告 (%1)</translation>
    </message>
    <message>
        <source>Notes (%1)</source>
        <translation>注記 (%1)</translation>
    </message>
    <message>
        <source>Passed (%1)</source>
        <translation>合格 (%1)</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>確認項目</translation>
    </message>
    <message>
        <source>Finding, reason and fix</source>
        <translation>結果、理由、修正</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>結果</translation>
    </message>
    <message>
        <source>Why it matters</source>
        <translation>重要な理由</translation>
    </message>
    <message>
        <source>Fix (SQL, on the %1)</source>
        <translation>修正 (SQL、%1 で実行)</translation>
    </message>
    <message>
        <source>source</source>
        <translation>ソース</translation>
    </message>
    <message>
        <source>target</source>
        <translation>ターゲット</translation>
    </message>
    <message>
        <source>Fix</source>
        <translation>修正</translation>
    </message>
</context>
<context>
    <name>pgshift::widgets::ConnectionForm</name>
    <message>
        <source>Provider</source>
        <translation>プロバイダー</translation>
    </message>
    <message>
        <source>P&amp;rovider:</source>
        <translation>プロバイダー(&amp;R):</translation>
    </message>
    <message>
        <source>Connection string</source>
        <translation>接続文字列</translation>
    </message>
    <message>
        <source>Paste postgresql://user:password@host:5432/db or host=... dbname=...</source>
        <translation>postgresql://user:password@host:5432/db または host=... dbname=... を貼り付けてください</translation>
    </message>
    <message>
        <source>&amp;Fill in</source>
        <translation>入力(&amp;F)</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>ホスト</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>ポート</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>データベース</translation>
    </message>
    <message>
        <source>User</source>
        <translation>ユーザー</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>パスワード</translation>
    </message>
    <message>
        <source>empty: ~/.pgpass or PGPASSWORD</source>
        <translation>空: ~/.pgpass または PGPASSWORD</translation>
    </message>
    <message>
        <source>Show the password</source>
        <translation>パスワードを表示</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>サービス</translation>
    </message>
    <message>
        <source>optional: a name from pg_service.conf</source>
        <translation>任意: pg_service.conf の名前</translation>
    </message>
    <message>
        <source>P&amp;ort:</source>
        <translation>ポート(&amp;O):</translation>
    </message>
    <message>
        <source>&amp;Host:</source>
        <translation>ホスト(&amp;H):</translation>
    </message>
    <message>
        <source>&amp;Database:</source>
        <translation>データベース(&amp;D):</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>ユーザー(&amp;U):</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>パスワード(&amp;W):</translation>
    </message>
    <message>
        <source>Ser&amp;vice:</source>
        <translation>サービス(&amp;V):</translation>
    </message>
    <message>
        <source>SSL mode</source>
        <translation>SSL モード</translation>
    </message>
    <message>
        <source>(default: prefer)</source>
        <translation>(既定: prefer)</translation>
    </message>
    <message>
        <source>SSL root certificate</source>
        <translation>SSL ルート証明書</translation>
    </message>
    <message>
        <source>optional: CA certificate file for verify-ca / verify-full</source>
        <translation>任意: verify-ca / verify-full 用の CA 証明書ファイル</translation>
    </message>
    <message>
        <source>Channel binding</source>
        <translation>チャネルバインディング</translation>
    </message>
    <message>
        <source>Root &amp;certificate:</source>
        <translation>ルート証明書(&amp;C):</translation>
    </message>
    <message>
        <source>Filled in from the connection string.</source>
        <translation>接続文字列から入力しました。</translation>
    </message>
    <message>
        <source>Kept without a field of their own: %1.</source>
        <translation>専用の欄がないため、そのまま保持しています: %1。</translation>
    </message>
    <message>
        <source>PGHOST: %1</source>
        <translation>PGHOST: %1</translation>
    </message>
    <message>
        <source>Root certificate</source>
        <translation>ルート証明書</translation>
    </message>
    <message>
        <source>Certificates (*.crt *.pem *.cer);;All files (*)</source>
        <translation>証明書 (*.crt *.pem *.cer);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Connection str&amp;ing:</source>
        <translation>接続文字列(&amp;I):</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>参照…</translation>
    </message>
    <message>
        <source>Channel bindin&amp;g:</source>
        <translation>チャネルバインディング(&amp;G):</translation>
    </message>
    <message>
        <source>SSL mod&amp;e:</source>
        <translation>SSL モード(&amp;E):</translation>
    </message>
</context>
<context>
    <name>pgshift::widgets::ConnectionTestView</name>
    <message>
        <source>superuser</source>
        <translation>スーパーユーザー</translation>
    </message>
    <message>
        <source>replication</source>
        <translation>レプリケーション</translation>
    </message>
    <message>
        <source>member of rds_replication</source>
        <translation>rds_replication のメンバー</translation>
    </message>
    <message>
        <source>member of pg_create_subscription</source>
        <translation>pg_create_subscription のメンバー</translation>
    </message>
    <message>
        <source>bypasses row-level security</source>
        <translation>行レベルセキュリティをバイパス</translation>
    </message>
    <message>
        <source>no special attributes</source>
        <translation>特別な属性なし</translation>
    </message>
    <message>
        <source>Server:</source>
        <translation>サーバー:</translation>
    </message>
    <message>
        <source>Database:</source>
        <translation>データベース:</translation>
    </message>
    <message>
        <source>User:</source>
        <translation>ユーザー:</translation>
    </message>
    <message>
        <source>wal_level:</source>
        <translation>wal_level:</translation>
    </message>
    <message>
        <source>Round trip:</source>
        <translation>往復時間:</translation>
    </message>
    <message>
        <source>Server message</source>
        <translation>サーバーのメッセージ</translation>
    </message>
    <message>
        <source>Testing the connection…</source>
        <translation>接続をテストしています…</translation>
    </message>
    <message>
        <source>The connection failed.</source>
        <translation>接続に失敗しました。</translation>
    </message>
    <message>
        <source>Connected.</source>
        <translation>接続しました。</translation>
    </message>
    <message>
        <source>PostgreSQL %1%2</source>
        <translation>PostgreSQL %1%2</translation>
    </message>
    <message>
        <source> (standby, read-only)</source>
        <translation> (スタンバイ、読み取り専用)</translation>
    </message>
    <message numerus="yes">
        <source>%1, %2, %n user table(s)</source>
        <translation>
            <numerusform>%1、%2、ユーザーテーブル %n 個</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 ms (connecting took %2 ms)</source>
        <translation>%1 ms (接続に %2 ms)</translation>
    </message>
</context>
<context>
    <name>pgshift::widgets::CopyTableModel</name>
    <message>
        <source>Waiting</source>
        <translation>待機中</translation>
    </message>
    <message>
        <source>Copying</source>
        <translation>コピー中</translation>
    </message>
    <message>
        <source>Building indexes</source>
        <translation>インデックス作成中</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>コピー済み</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失敗</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>match</source>
        <translation>一致</translation>
    </message>
    <message>
        <source>MISMATCH</source>
        <translation>不一致</translation>
    </message>
    <message>
        <source>About %1 rows expected</source>
        <translation>約 %1 行の見込み</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>テーブル</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Rows copied</source>
        <translation>コピーした行数</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>データ</translation>
    </message>
    <message>
        <source>Source rows</source>
        <translation>ソースの行数</translation>
    </message>
    <message>
        <source>Target rows</source>
        <translation>ターゲットの行数</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>確認項目</translation>
    </message>
</context>
<context>
    <name>pgshift::widgets::FixDialog</name>
    <message>
        <source>Run fix</source>
        <translation>修正を実行</translation>
    </message>
    <message>
        <source>Statements to run</source>
        <translation>実行する文</translation>
    </message>
    <message>
        <source>SQL that will run</source>
        <translation>実行される SQL</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>実行(&amp;R)</translation>
    </message>
    <message>
        <source>Exactly this will run:</source>
        <translation>次の内容がそのまま実行されます:</translation>
    </message>
</context>
<context>
    <name>pgshift::widgets::LagChart</name>
    <message>
        <source>Lag (KiB)</source>
        <translation>遅延 (KiB)</translation>
    </message>
    <message>
        <source>Lag (seconds)</source>
        <translation>遅延 (秒)</translation>
    </message>
    <message>
        <source>Replication lag</source>
        <translation>レプリケーションの遅延</translation>
    </message>
    <message>
        <source>KiB</source>
        <translation>KiB</translation>
    </message>
    <message>
        <source>s</source>
        <translation>秒</translation>
    </message>
</context>
<context>
    <name>pgshift::widgets::LogView</name>
    <message>
        <source>Minimum level</source>
        <translation>最低レベル</translation>
    </message>
    <message>
        <source>Debug and above</source>
        <translation>Debug 以上</translation>
    </message>
    <message>
        <source>Info and above</source>
        <translation>Info 以上</translation>
    </message>
    <message>
        <source>Warnings and errors</source>
        <translation>警告とエラー</translation>
    </message>
    <message>
        <source>Errors only</source>
        <translation>エラーのみ</translation>
    </message>
    <message>
        <source>Search the log</source>
        <translation>ログを検索</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>コピー(&amp;C)</translation>
    </message>
    <message>
        <source>Copy the lines shown to the clipboard</source>
        <translation>表示中の行をクリップボードにコピー</translation>
    </message>
    <message>
        <source>C&amp;lear</source>
        <translation>クリア(&amp;L)</translation>
    </message>
    <message numerus="yes">
        <source>%n line(s)</source>
        <translation>
            <numerusform>%n 行</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pgshift::widgets::PasswordKeychain</name>
    <message>
        <source>pgshift was built without keychain support.</source>
        <translation>この pgshift はキーチェーンのサポートなしでビルドされています。</translation>
    </message>
</context>
<context>
    <name>pgshift::widgets::ProfileBar</name>
    <message>
        <source>Password taken from the system keychain.</source>
        <translation>システムのキーチェーンからパスワードを取得しました。</translation>
    </message>
    <message>
        <source>Password saved in the system keychain.</source>
        <translation>システムのキーチェーンにパスワードを保存しました。</translation>
    </message>
    <message>
        <source>The keychain did not take the password: %1</source>
        <translation>キーチェーンがパスワードを受け付けませんでした: %1</translation>
    </message>
    <message>
        <source>Saved connection</source>
        <translation>保存した接続</translation>
    </message>
    <message>
        <source>&amp;Save as…</source>
        <translation>名前を付けて保存(&amp;S)…</translation>
    </message>
    <message>
        <source>Remember &amp;password in the system keychain</source>
        <translation>システムのキーチェーンにパスワードを記憶(&amp;P)</translation>
    </message>
    <message>
        <source>Save connection</source>
        <translation>接続を保存</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名前:</translation>
    </message>
    <message>
        <source>Saved &quot;%1&quot; (without the password).</source>
        <translation>&quot;%1&quot; を保存しました (パスワードは含みません)。</translation>
    </message>
    <message>
        <source>Loaded &quot;%1&quot;.</source>
        <translation>&quot;%1&quot; を読み込みました。</translation>
    </message>
    <message>
        <source>Deleted &quot;%1&quot;.</source>
        <translation>&quot;%1&quot; を削除しました。</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>S&amp;aved:</source>
        <translation>保存済み(&amp;A):</translation>
    </message>
</context>
<context>
    <name>pgshift::widgets::RowCountChart</name>
    <message>
        <source>Source</source>
        <translation>ソース</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>ターゲット</translation>
    </message>
    <message>
        <source>Rows per table: source and target</source>
        <translation>テーブルごとの行数: ソースとターゲット</translation>
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
        <translation>テーブルごとの行数 (差の大きい順)</translation>
    </message>
</context>
<context>
    <name>pgshift::wizard::AboutDialog</name>
    <message>
        <source>About pgshift</source>
        <translation>pgshift について</translation>
    </message>
    <message>
        <source>Moves a PostgreSQL database to another PostgreSQL server by dump and restore, by logical replication, or with AWS DMS.</source>
        <translation>PostgreSQL データベースを別の PostgreSQL サーバーへ、ダンプ/リストア、論理レプリケーション、または AWS DMS で移行します。</translation>
    </message>
    <message>
        <source>&amp;Copy versions</source>
        <translation>バージョンをコピー(&amp;C)</translation>
    </message>
    <message>
        <source>Qt %1 (built with %2)</source>
        <translation>Qt %1 (ビルド時 %2)</translation>
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
        <translation>ターゲットの接続文字列</translation>
    </message>
    <message>
        <source>C&amp;opy</source>
        <translation>コピー(&amp;O)</translation>
    </message>
    <message>
        <source>Re-enable &amp;writes on the source</source>
        <translation>ソースへの書き込みを再有効化(&amp;W)</translation>
    </message>
    <message>
        <source>Lifts pgshift&apos;s write block: for whoever still needs to write to the old primary</source>
        <translation>pgshift の書き込みブロックを解除します: 旧プライマリにまだ書き込む必要がある場合のため</translation>
    </message>
    <message>
        <source>Target for the application:</source>
        <translation>アプリケーションの接続先:</translation>
    </message>
    <message>
        <source>Write downtime: %1 s</source>
        <translation>書き込み停止時間: %1 秒</translation>
    </message>
    <message>
        <source>Copy complete and every checklist step done. Point the application at the target (its password as before).</source>
        <translation>コピーが完了し、チェックリストの全ステップが終わりました。アプリケーションの接続先をターゲットに変更してください (パスワードは従来どおり)。</translation>
    </message>
    <message>
        <source>Cutover complete. Point the application at the target (its password as before).</source>
        <translation>切り替えが完了しました。アプリケーションの接続先をターゲットに変更してください (パスワードは従来どおり)。</translation>
    </message>
    <message>
        <source>The source stays read-only for what was blocked, so nothing lands on the old primary.</source>
        <translation>旧プライマリに何も書き込まれないよう、ブロックした対象についてソースは読み取り専用のままです。</translation>
    </message>
    <message>
        <source>Stopped: %1</source>
        <translation>停止: %1</translation>
    </message>
    <message>
        <source>Writes are allowed again on the source.</source>
        <translation>ソースへの書き込みが再び可能になりました。</translation>
    </message>
    <message>
        <source>Writes are allowed again on the source; replication is still running. Fix the cause and run the cutover again.</source>
        <translation>ソースへの書き込みが再び可能になりました。レプリケーションは継続しています。原因を解消してから、もう一度切り替えを実行してください。</translation>
    </message>
    <message>
        <source>Re-enabling writes failed: %1</source>
        <translation>書き込みの再有効化に失敗しました: %1</translation>
    </message>
    <message>
        <source>Re-enable writes</source>
        <translation>書き込みを再有効化</translation>
    </message>
    <message>
        <source>Then stop and delete the DMS task and its endpoints (section 4 of aws-commands.sh).</source>
        <translation>その後、DMS タスクとそのエンドポイントを停止して削除してください (aws-commands.sh のセクション 4)。</translation>
    </message>
</context>
<context>
    <name>pgshift::wizard::ChecklistTable</name>
    <message>
        <source>Checklist</source>
        <translation>チェックリスト</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>ステップ</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>時刻</translation>
    </message>
    <message>
        <source>SQL</source>
        <translation>SQL</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
</context>
<context>
    <name>pgshift::wizard::ConnectionPage</name>
    <message>
        <source>Source database</source>
        <translation>ソースデータベース</translation>
    </message>
    <message>
        <source>Target database</source>
        <translation>ターゲットデータベース</translation>
    </message>
    <message>
        <source>The database to migrate from. pgshift only reads from it until cutover.</source>
        <translation>移行元のデータベースです。pgshift は切り替えまで読み取りしか行いません。</translation>
    </message>
    <message>
        <source>The database to migrate to, for example on PlanetScale Postgres. It should be empty.</source>
        <translation>移行先のデータベースです (例: PlanetScale Postgres)。空であるべきです。</translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation>接続をテスト(&amp;T)</translation>
    </message>
    <message numerus="yes">
        <source>and %n more schema(s)</source>
        <translation>
            <numerusform>ほか %n スキーマ</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The target database already holds %n user table(s), in: %1. pgshift never drops existing objects; tables with the same names as the source&apos;s will make the copy fail.</source>
        <translation>
            <numerusform>ターゲットデータベースにはすでにユーザーテーブルが %n 個あります (%1)。pgshift が既存のオブジェクトを削除することはありません。ソースと同じ名前のテーブルがあるとコピーは失敗します。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pgshift::wizard::CutoverPage</name>
    <message>
        <source>Cutover</source>
        <translation>切り替え</translation>
    </message>
    <message>
        <source>Stop writes on the source, let the target catch up, move the sequences ahead, prove every row is there, end replication, switch. The first failing step stops it and re-enables writes.</source>
        <translation>ソースへの書き込みを止め、ターゲットを追いつかせ、シーケンスを先に進め、全行がそろっていることを確かめ、レプリケーションを終了して切り替えます。ステップが 1 つでも失敗するとそこで停止し、書き込みを再び有効にします。</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source> KiB</source>
        <translation> KiB</translation>
    </message>
    <message>
        <source>&amp;Run cutover</source>
        <translation>切り替えを実行(&amp;R)</translation>
    </message>
    <message>
        <source>Ca&amp;ncel</source>
        <translation>キャンセル(&amp;N)</translation>
    </message>
    <message>
        <source>Catch-up timeout:</source>
        <translation>追いつきのタイムアウト:</translation>
    </message>
    <message>
        <source>Sequence margin:</source>
        <translation>シーケンスのマージン:</translation>
    </message>
    <message>
        <source>Lag at most:</source>
        <translation>遅延の上限:</translation>
    </message>
    <message>
        <source>No logical replication runs in this session: start or resume one first.</source>
        <translation>このセッションでは論理レプリケーションが動いていません: 先に開始または再開してください。</translation>
    </message>
    <message>
        <source>Run cutover</source>
        <translation>切り替えを実行</translation>
    </message>
    <message>
        <source>Cancelling: writes are re-enabled on the source…</source>
        <translation>キャンセル中: ソースへの書き込みを再び有効にしています…</translation>
    </message>
    <message>
        <source>Reading the source&apos;s sessions…</source>
        <translation>ソースのセッションを読み取っています…</translation>
    </message>
    <message>
        <source>Checksums</source>
        <translation>チェックサム</translation>
    </message>
    <message>
        <source>Validate with a checksum of every table&apos;s rows as well as exact row counts: catches changed values, reads every row on both servers</source>
        <translation>正確な行数に加え、各テーブルの全行のチェックサムでも検証します: 変更された値も検出しますが、両サーバーで全行を読みます</translation>
    </message>
    <message>
        <source>Cut over now?</source>
        <translation>今すぐ切り替えますか?</translation>
    </message>
    <message>
        <source>The DMS page has not prepared the target in this session.</source>
        <translation>このセッションでは DMS ページがターゲットを準備していません。</translation>
    </message>
    <message>
        <source>Stop writes on the source, wait until DMS confirms the last change, add the foreign keys held back for the load, move the sequences ahead, prove every row is there, switch. The first failing step stops it and re-enables writes.</source>
        <translation>ソースへの書き込みを止め、DMS が最後の変更を確認するのを待ち、ロード中に保留した外部キーを追加し、シーケンスを先に進め、全行がそろっていることを確かめて切り替えます。ステップが 1 つでも失敗するとそこで停止し、書き込みを再び有効にします。</translation>
    </message>
</context>
<context>
    <name>pgshift::wizard::DmsPage</name>
    <message>
        <source>AWS DMS, schema first</source>
        <translation>AWS DMS (スキーマ先行)</translation>
    </message>
    <message>
        <source>pgshift creates the schema on the target with its foreign keys held back and writes what DMS needs. You run the task in AWS with your own credentials; pgshift watches both databases and finishes what DMS leaves undone.</source>
        <translation>pgshift は外部キーを保留したままターゲットにスキーマを作成し、DMS に必要なファイルを書き出します。タスクはご自身の認証情報で AWS 上で実行してください。pgshift は両方のデータベースを監視し、DMS がやり残したことを仕上げます。</translation>
    </message>
    <message>
        <source>Replicate ongoing changes after the full load (CDC, through the slot)</source>
        <translation>フルロード後も継続的な変更をレプリケート (CDC、slot 経由)</translation>
    </message>
    <message>
        <source>Full: every value whole, in pieces</source>
        <translation>完全: すべての値を分割して丸ごと</translation>
    </message>
    <message>
        <source>Limited: values over the size are cut</source>
        <translation>制限付き: サイズを超える値は切り詰め</translation>
    </message>
    <message>
        <source> KB</source>
        <translation> KB</translation>
    </message>
    <message>
        <source>Row-level validation by DMS</source>
        <translation>DMS による行レベル検証</translation>
    </message>
    <message>
        <source>&amp;Prepare: create the schema, write the files</source>
        <translation>準備(&amp;P): スキーマを作成し、ファイルを書き出す</translation>
    </message>
    <message>
        <source>Nothing done yet: Prepare writes to the target (its schema) and to the folder.</source>
        <translation>まだ何もしていません: 「準備」はターゲット (スキーマ) とフォルダーに書き込みます。</translation>
    </message>
    <message>
        <source>&amp;Task identifier:</source>
        <translation>タスク識別子(&amp;T):</translation>
    </message>
    <message>
        <source>&amp;Slot on the source:</source>
        <translation>ソースの slot(&amp;S):</translation>
    </message>
    <message>
        <source>Tables loaded &amp;at a time:</source>
        <translation>同時にロードするテーブル数(&amp;A):</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>タスク</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>行数</translation>
    </message>
    <message>
        <source>Slot lag</source>
        <translation>slot の遅延</translation>
    </message>
    <message>
        <source>Folder for the DMS files</source>
        <translation>DMS ファイル用のフォルダー</translation>
    </message>
    <message>
        <source>The piece size DMS moves large values in</source>
        <translation>DMS が大きな値を転送するときの分割サイズ</translation>
    </message>
    <message>
        <source>Values over this size are cut</source>
        <translation>このサイズを超える値は切り詰められます</translation>
    </message>
    <message>
        <source>Creating the schema on the target, foreign keys held back…</source>
        <translation>外部キーを保留してターゲットにスキーマを作成しています…</translation>
    </message>
    <message>
        <source>Not prepared: %1</source>
        <translation>未準備: %1</translation>
    </message>
    <message numerus="yes">
        <source>The schema copy created %n object(s) on the target before it stopped; drop them before trying again.</source>
        <translation>
            <numerusform>スキーマのコピーが停止する前にターゲットに %n 個のオブジェクトを作成しました。やり直す前に削除してください。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Schema created on the target; %n table(s) in the mapping. </source>
        <translation>
            <numerusform>ターゲットにスキーマを作成しました。マッピングには %n テーブルあります。 </numerusform>
        </translation>
    </message>
    <message>
        <source>No foreign key to hold back.</source>
        <translation>保留する外部キーはありません。</translation>
    </message>
    <message>
        <source>Held back until the cutover: %1.</source>
        <translation>切り替えまで保留: %1。</translation>
    </message>
    <message>
        <source>Files in %1. Run the commands of aws-commands.sh; once the full load is done, go on.</source>
        <translation>ファイルは %1 にあります。aws-commands.sh のコマンドを実行し、フルロードが終わったら先へ進んでください。</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>コピー(&amp;C)</translation>
    </message>
    <message>
        <source>Could not read the servers: %1</source>
        <translation>サーバーを読み取れませんでした: %1</translation>
    </message>
    <message>
        <source>live rows from statistics</source>
        <translation>統計情報による有効行数</translation>
    </message>
    <message>
        <source>Full load only: no slot to watch.</source>
        <translation>フルロードのみ: 監視する slot はありません。</translation>
    </message>
    <message>
        <source>No slot %1 on the source yet: DMS creates it when the task starts.</source>
        <translation>ソースにはまだ slot %1 がありません: DMS がタスクの開始時に作成します。</translation>
    </message>
    <message>
        <source>Slot %1 on the source, %2: DMS has not confirmed %3 bytes of WAL.</source>
        <translation>ソースの slot %1、%2: DMS は WAL の %3 バイトをまだ確認していません。</translation>
    </message>
    <message>
        <source>in use</source>
        <translation>使用中</translation>
    </message>
    <message>
        <source>idle (no DMS task reading it)</source>
        <translation>待機中 (読み取っている DMS タスクなし)</translation>
    </message>
    <message>
        <source>Large values (LOB mode):</source>
        <translation>大きな値 (LOB モード):</translation>
    </message>
    <message>
        <source>Folder for the files:</source>
        <translation>ファイル用のフォルダー:</translation>
    </message>
    <message>
        <source>all; or schemas, comma-separated: sales, &quot;Archive 2024&quot;</source>
        <translation>すべて、またはカンマ区切りのスキーマ: sales, &quot;Archive 2024&quot;</translation>
    </message>
    <message>
        <source>all; or tables: orders, sales.&quot;Order Items&quot; (partitions come with their table)</source>
        <translation>すべて、またはテーブル: orders, sales.&quot;Order Items&quot; (パーティションは親テーブルに含まれます)</translation>
    </message>
    <message>
        <source>Schemas and tables:</source>
        <translation>スキーマとテーブル:</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>参照…</translation>
    </message>
</context>
<context>
    <name>pgshift::wizard::DumpRestorePage</name>
    <message>
        <source>Dump and restore</source>
        <translation>ダンプ/リストア</translation>
    </message>
    <message>
        <source>What and how</source>
        <translation>対象と方法</translation>
    </message>
    <message>
        <source>Stream: rows go straight from server to server (fastest)</source>
        <translation>ストリーム: 行をサーバーからサーバーへ直接送ります (最速)</translation>
    </message>
    <message>
        <source>pg_dump archive: keeps a pg_dump -Fd folder for audit or a later restore</source>
        <translation>pg_dump アーカイブ: 監査や後日のリストアのために pg_dump -Fd フォルダーを残します</translation>
    </message>
    <message>
        <source>A new or empty folder</source>
        <translation>新規または空のフォルダー</translation>
    </message>
    <message>
        <source>Tables copied and indexes built at once. Each worker holds a session on both servers.</source>
        <translation>同時にコピーするテーブルと作成するインデックスの数。各ワーカーは両方のサーバーにセッションを 1 つずつ持ちます。</translation>
    </message>
    <message>
        <source>The &amp;whole database</source>
        <translation>データベース全体(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Only:</source>
        <translation>次のみ(&amp;O):</translation>
    </message>
    <message>
        <source>schemas, comma-separated: sales, &quot;Archive 2024&quot;</source>
        <translation>カンマ区切りのスキーマ: sales, &quot;Archive 2024&quot;</translation>
    </message>
    <message>
        <source>tables: public.orders, &quot;Sales&quot;.&quot;Customers&quot;</source>
        <translation>テーブル: public.orders, &quot;Sales&quot;.&quot;Customers&quot;</translation>
    </message>
    <message>
        <source>&amp;Start copy</source>
        <translation>コピーを開始(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Engine:</source>
        <translation>エンジン(&amp;E):</translation>
    </message>
    <message>
        <source>&amp;Archive folder:</source>
        <translation>アーカイブフォルダー(&amp;A):</translation>
    </message>
    <message>
        <source>Copy:</source>
        <translation>コピー:</translation>
    </message>
    <message>
        <source>&amp;Parallel workers:</source>
        <translation>並列ワーカー数(&amp;P):</translation>
    </message>
    <message>
        <source>Not started.</source>
        <translation>未開始。</translation>
    </message>
    <message>
        <source>&amp;Cancel copy</source>
        <translation>コピーをキャンセル(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Review and drop…</source>
        <translation>確認して削除(&amp;R)…</translation>
    </message>
    <message>
        <source>Shows the exact SQL first</source>
        <translation>先に正確な SQL を表示します</translation>
    </message>
    <message>
        <source>Folder for the archive</source>
        <translation>アーカイブ用のフォルダー</translation>
    </message>
    <message>
        <source>Choose a folder for the archive.</source>
        <translation>アーカイブ用のフォルダーを選んでください。</translation>
    </message>
    <message>
        <source>The archive folder must be new or empty.</source>
        <translation>アーカイブフォルダーは新規または空である必要があります。</translation>
    </message>
    <message>
        <source>Name at least one schema or table.</source>
        <translation>スキーマかテーブルを少なくとも 1 つ指定してください。</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>キャンセルしています…</translation>
    </message>
    <message>
        <source>%1 of %2 tables done</source>
        <translation>%2 テーブル中 %1 完了</translation>
    </message>
    <message>
        <source>%1 copied</source>
        <translation>%1 コピー済み</translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation>%1/秒</translation>
    </message>
    <message>
        <source>about %1 left</source>
        <translation>残り約 %1</translation>
    </message>
    <message>
        <source>estimating time left</source>
        <translation>残り時間を推定中</translation>
    </message>
    <message>
        <source>%1 elapsed</source>
        <translation>経過 %1</translation>
    </message>
    <message>
        <source>Copied %1 (%2 rows, %3), %4 and %5 in %6. Every table&apos;s row count matches on both sides.</source>
        <translation>%1 をコピーしました (%2 行、%3)。%4 と %5、所要 %6。全テーブルの行数が両側で一致しています。</translation>
    </message>
    <message numerus="yes">
        <source>%n table(s)</source>
        <translation>
            <numerusform>%n テーブル</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n sequence(s)</source>
        <translation>
            <numerusform>%n シーケンス</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n large object(s)</source>
        <translation>
            <numerusform>%n ラージオブジェクト</numerusform>
        </translation>
    </message>
    <message>
        <source>The archive is in %1.</source>
        <translation>アーカイブは %1 にあります。</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>完了</translation>
    </message>
    <message>
        <source>Cancelled: the copy did NOT complete.</source>
        <translation>キャンセルしました: コピーは完了していません。</translation>
    </message>
    <message>
        <source>The copy did NOT complete:</source>
        <translation>コピーは完了していません:</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失敗</translation>
    </message>
    <message>
        <source>Drop what the copy left on the target</source>
        <translation>コピーがターゲットに残したものを削除</translation>
    </message>
    <message>
        <source>This SQL runs on %1 in one transaction: all of it or nothing.</source>
        <translation>この SQL は %1 で 1 トランザクションとして実行されます: すべて成功するか、何も変わらないかのどちらかです。</translation>
    </message>
    <message>
        <source>&amp;Drop on target</source>
        <translation>ターゲットで削除(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Copy SQL</source>
        <translation>SQL をコピー(&amp;C)</translation>
    </message>
    <message>
        <source>Dropping…</source>
        <translation>削除しています…</translation>
    </message>
    <message>
        <source>What the copy left on the target was dropped.</source>
        <translation>コピーがターゲットに残したものを削除しました。</translation>
    </message>
    <message>
        <source>Cleaned up</source>
        <translation>クリーンアップ完了</translation>
    </message>
    <message>
        <source>Drop failed</source>
        <translation>削除に失敗しました</translation>
    </message>
    <message>
        <source>Nothing was dropped: %1</source>
        <translation>何も削除されていません: %1</translation>
    </message>
    <message>
        <source>Cleanup failed</source>
        <translation>クリーンアップに失敗しました</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message numerus="yes">
        <source>It left %n object(s) on the target: %1.</source>
        <translation>
            <numerusform>ターゲットに %n 個のオブジェクトが残っています: %1。</numerusform>
        </translation>
    </message>
    <message>
        <source>Copies the schema and the data from one consistent snapshot of the source, then checks every table&apos;s row count on both sides. Stop writes to the source first, or let pgshift stop them and run the short cutover checklist around the copy.</source>
        <translation>ソースの 1 つの一貫したスナップショットからスキーマとデータをコピーし、全テーブルの行数を両側で確認します。先にソースへの書き込みを止めるか、pgshift に書き込みを止めさせ、コピーの前後に短い切り替えチェックリストを実行させてください。</translation>
    </message>
    <message>
        <source>After the copy, every target sequence is set this many increments ahead of the source</source>
        <translation>コピー後、ターゲットの各シーケンスをソースよりこの増分数だけ先に設定します</translation>
    </message>
    <message>
        <source>Validate with checksums too (reads every row on both servers)</source>
        <translation>チェックサムでも検証する (両サーバーで全行を読みます)</translation>
    </message>
    <message>
        <source>Writes on the source:</source>
        <translation>ソースへの書き込み:</translation>
    </message>
    <message>
        <source>&amp;Tables</source>
        <translation>テーブル(&amp;T)</translation>
    </message>
    <message>
        <source>Check&amp;list</source>
        <translation>チェックリスト(&amp;K)</translation>
    </message>
    <message>
        <source>Start copy</source>
        <translation>コピーを開始</translation>
    </message>
    <message>
        <source>Copy now?</source>
        <translation>今すぐコピーしますか?</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>参照…</translation>
    </message>
    <message>
        <source>Se&amp;quence margin:</source>
        <translation>シーケンスのマージン(&amp;Q):</translation>
    </message>
</context>
<context>
    <name>pgshift::wizard::MethodPage</name>
    <message>
        <source>Migration method</source>
        <translation>移行方式</translation>
    </message>
    <message>
        <source>How to move the data. The next page checks the prerequisites of the method you choose.</source>
        <translation>データの移し方を選びます。次のページで、選んだ方式の前提条件を確認します。</translation>
    </message>
    <message>
        <source>&amp;Dump and restore</source>
        <translation>ダンプ/リストア(&amp;D)</translation>
    </message>
    <message>
        <source>Writes must stop for the whole copy. Simple and robust; everything is copied, large objects and sequences included. Best when a maintenance window of the copy&apos;s length is acceptable.</source>
        <translation>コピーの間ずっと書き込みを止める必要があります。シンプルで堅実です。ラージオブジェクトやシーケンスも含めてすべてコピーします。コピー時間分のメンテナンスウィンドウを取れる場合に最適です。</translation>
    </message>
    <message>
        <source>AWS Database Migration Service moves the rows; pgshift prepares the schema and the task files and afterwards adds constraints, sequences and validation. For teams already running DMS.</source>
        <translation>AWS Database Migration Service が行を移し、pgshift がスキーマとタスクファイルを用意し、その後に制約、シーケンス、検証を追加します。すでに DMS を使っているチーム向けです。</translation>
    </message>
    <message>
        <source>The source database takes %1 and has wal_level = %2: dump and restore works as it is; logical replication first needs wal_level = logical (a restart).</source>
        <translation>ソースデータベースのサイズは %1 で、wal_level = %2 です: ダンプ/リストアはそのまま使えます。論理レプリケーションには先に wal_level = logical (再起動が必要) が必要です。</translation>
    </message>
    <message>
        <source>The source database takes %1: copying it takes a while, so logical replication keeps the downtime to seconds.</source>
        <translation>ソースデータベースのサイズは %1 です: コピーに時間がかかるため、論理レプリケーションなら停止時間を数秒に抑えられます。</translation>
    </message>
    <message>
        <source>The source database takes %1. Dump and restore is simplest if the copy&apos;s duration is an acceptable downtime; otherwise use logical replication.</source>
        <translation>ソースデータベースのサイズは %1 です。コピー時間を停止時間として許容できるならダンプ/リストアが最も簡単です。そうでなければ論理レプリケーションを使ってください。</translation>
    </message>
    <message>
        <source>The source stays online; writes stop only for seconds at cutover. Needs wal_level = logical, replication rights and a key on every table. Sequences, large objects and materialized views are handled at cutover; schema changes (DDL) are not replicated, so make none until it is done.</source>
        <translation>ソースはオンラインのままです。書き込みが止まるのは切り替え時の数秒だけです。wal_level = logical、レプリケーション権限、全テーブルのキーが必要です。シーケンス、ラージオブジェクト、マテリアライズドビューは切り替え時に処理します。スキーマ変更 (DDL) はレプリケーションされないので、完了までは行わないでください。</translation>
    </message>
    <message>
        <source>Logical re&amp;plication</source>
        <translation>論理レプリケーション(&amp;P)</translation>
    </message>
    <message>
        <source>AWS DM&amp;S assisted</source>
        <translation>AWS DMS 併用(&amp;S)</translation>
    </message>
</context>
<context>
    <name>pgshift::wizard::MigrationWizard</name>
    <message>
        <source>pgshift: PostgreSQL migration</source>
        <translation>pgshift: PostgreSQL 移行</translation>
    </message>
    <message>
        <source>pgshift log</source>
        <translation>pgshift ログ</translation>
    </message>
    <message>
        <source>&amp;Log</source>
        <translation>ログ(&amp;L)</translation>
    </message>
    <message>
        <source>Show what pgshift did and every SQL statement it ran</source>
        <translation>pgshift が行ったことと、実行したすべての SQL 文を表示します</translation>
    </message>
    <message>
        <source>Copy in progress</source>
        <translation>コピー中</translation>
    </message>
    <message>
        <source>A copy is running. Cancel it and close pgshift? The target keeps what was created so far; the list and the SQL that drops it are in the log.</source>
        <translation>コピーを実行中です。キャンセルして pgshift を閉じますか? ターゲットにはこれまでに作成されたものが残ります。その一覧と削除用 SQL はログにあります。</translation>
    </message>
    <message>
        <source>Replication running</source>
        <translation>レプリケーション実行中</translation>
    </message>
    <message>
        <source>The target keeps following the source after pgshift closes, and the source keeps WAL for it. Close pgshift? At its next start it offers to resume monitoring or to clean up.</source>
        <translation>pgshift を閉じてもターゲットはソースを追い続け、ソースはそのために WAL を保持し続けます。pgshift を閉じますか? 次回起動時に、監視の再開またはクリーンアップを提案します。</translation>
    </message>
    <message>
        <source>Cutover in progress</source>
        <translation>切り替え中</translation>
    </message>
    <message>
        <source>A cutover is running. Cancel it (writes are re-enabled on the source, replication keeps running) and close pgshift?</source>
        <translation>切り替えを実行中です。キャンセルして (ソースへの書き込みは再び有効になり、レプリケーションは継続します) pgshift を閉じますか?</translation>
    </message>
    <message>
        <source>Replication lag over time</source>
        <translation>レプリケーション遅延の推移</translation>
    </message>
    <message>
        <source>Sandbox</source>
        <translation>サンドボックス</translation>
    </message>
    <message>
        <source>The sandbox did not start: %1</source>
        <translation>サンドボックスが起動しませんでした: %1</translation>
    </message>
    <message>
        <source>&amp;More</source>
        <translation>その他(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;About pgshift…</source>
        <translation>pgshift について(&amp;A)…</translation>
    </message>
    <message>
        <source>Open &amp;log folder</source>
        <translation>ログフォルダーを開く(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>言語(&amp;L)</translation>
    </message>
    <message>
        <source>System (%1)</source>
        <translation>システム (%1)</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>言語</translation>
    </message>
    <message>
        <source>pgshift will speak %1 from its next start. (pgshift --lang CODE chooses for one run.)</source>
        <translation>次回の起動から pgshift は %1 で表示されます。(pgshift --lang CODE で 1 回だけ選ぶこともできます。)</translation>
    </message>
    <message>
        <source>the system&apos;s language</source>
        <translation>システムの言語</translation>
    </message>
</context>
<context>
    <name>pgshift::wizard::PreflightPage</name>
    <message>
        <source>Prerequisites</source>
        <translation>前提条件</translation>
    </message>
    <message>
        <source>Everything the chosen method needs, checked on both servers. Nothing is changed unless you run a fix.</source>
        <translation>選んだ方式に必要なものを両方のサーバーで確認します。修正を実行しない限り何も変更しません。</translation>
    </message>
    <message>
        <source>&amp;Re-run checks</source>
        <translation>再確認(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Copy fix SQL</source>
        <translation>修正 SQL をコピー(&amp;C)</translation>
    </message>
    <message>
        <source>R&amp;un fix…</source>
        <translation>修正を実行(&amp;U)…</translation>
    </message>
    <message>
        <source>Only for fixes that are safe to run from here; you see the SQL first.</source>
        <translation>ここから安全に実行できる修正だけが対象です。先に SQL を表示します。</translation>
    </message>
    <message>
        <source>&amp;Export report…</source>
        <translation>レポートをエクスポート(&amp;E)…</translation>
    </message>
    <message>
        <source>I have read the &amp;warnings</source>
        <translation>警告を読みました(&amp;W)</translation>
    </message>
    <message>
        <source>Checking the %1 prerequisites on both servers…</source>
        <translation>両方のサーバーで %1 の前提条件を確認しています…</translation>
    </message>
    <message>
        <source>The checks could not run: %1</source>
        <translation>確認を実行できませんでした: %1</translation>
    </message>
    <message>
        <source>Fix the blockers, then re-run the checks.</source>
        <translation>ブロッカーを解消してから、再確認してください。</translation>
    </message>
    <message>
        <source>Running the fix…</source>
        <translation>修正を実行しています…</translation>
    </message>
    <message>
        <source>The fix failed and was rolled back: %1</source>
        <translation>修正に失敗し、ロールバックしました: %1</translation>
    </message>
    <message>
        <source>There is no report yet.</source>
        <translation>まだレポートがありません。</translation>
    </message>
    <message>
        <source>Export the preflight report</source>
        <translation>前提条件レポートをエクスポート</translation>
    </message>
    <message>
        <source>Markdown (*.md);;HTML (*.html);;JSON (*.json)</source>
        <translation>Markdown (*.md);;HTML (*.html);;JSON (*.json)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>エクスポートに失敗しました</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>%1 を書き込めませんでした: %2</translation>
    </message>
    <message>
        <source>Run these statements on the source, in one transaction? Untick any you do not want.</source>
        <translation>これらの文をソースで 1 トランザクションとして実行しますか? 不要なものはチェックを外してください。</translation>
    </message>
    <message>
        <source>Run these statements on the target, in one transaction? Untick any you do not want.</source>
        <translation>これらの文をターゲットで 1 トランザクションとして実行しますか? 不要なものはチェックを外してください。</translation>
    </message>
    <message>
        <source>%1 (%2 ms).</source>
        <translation>%1 (%2 ms)。</translation>
    </message>
</context>
<context>
    <name>pgshift::wizard::ReplicationPage</name>
    <message>
        <source>Logical replication</source>
        <translation>論理レプリケーション</translation>
    </message>
    <message>
        <source>The target copies every table while the source stays online, then follows its changes until you cut over. Nothing runs before you press Start; here is exactly what will.</source>
        <translation>ソースをオンラインのまま、ターゲットが全テーブルをコピーし、切り替えまでソースの変更を追い続けます。「開始」を押すまで何も実行しません。実行される内容をここにそのまま示します。</translation>
    </message>
    <message>
        <source>The subscription keeps the source&apos;s password on the target (in pg_subscription) until cleanup drops it; a dedicated role with only REPLICATION and SELECT limits what it can do.</source>
        <translation>subscription はクリーンアップで削除されるまで、ソースのパスワードをターゲット (pg_subscription) に保持します。REPLICATION と SELECT だけを持つ専用ロールを使えば、できることを制限できます。</translation>
    </message>
    <message>
        <source>Build secondary indexes after the initial copy (faster copy)</source>
        <translation>セカンダリインデックスを初期コピーの後に作成する (コピーが速くなります)</translation>
    </message>
    <message>
        <source> KiB</source>
        <translation> KiB</translation>
    </message>
    <message>
        <source>Cutover is offered once the lag is at most this</source>
        <translation>遅延がこの値以下になると切り替えを提案します</translation>
    </message>
    <message>
        <source>&amp;Start replication</source>
        <translation>レプリケーションを開始(&amp;S)</translation>
    </message>
    <message>
        <source>Drops the subscription, its slot and the publication; the copied data stays</source>
        <translation>subscription、その slot、publication を削除します。コピー済みのデータは残ります</translation>
    </message>
    <message>
        <source>Not started.</source>
        <translation>未開始。</translation>
    </message>
    <message>
        <source>%v of %m tables ready</source>
        <translation>%m テーブル中 %v が準備完了</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>テーブル</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>&amp;Pause chart</source>
        <translation>グラフを一時停止(&amp;P)</translation>
    </message>
    <message>
        <source>Workers:</source>
        <translation>ワーカー:</translation>
    </message>
    <message>
        <source>Ready when lag ≤</source>
        <translation>準備完了とする遅延 ≤</translation>
    </message>
    <message>
        <source>Export lag samples</source>
        <translation>遅延の測定値をエクスポート</translation>
    </message>
    <message>
        <source>Export the lag chart</source>
        <translation>遅延グラフをエクスポート</translation>
    </message>
    <message>
        <source>Reading both servers…</source>
        <translation>両方のサーバーを読み取っています…</translation>
    </message>
    <message>
        <source>Cannot prepare the steps: %1</source>
        <translation>手順を準備できません: %1</translation>
    </message>
    <message>
        <source>Copying the schema and subscribing…</source>
        <translation>スキーマをコピーし、subscription を作成しています…</translation>
    </message>
    <message>
        <source>Replication was not started.</source>
        <translation>レプリケーションは開始されていません。</translation>
    </message>
    <message>
        <source>Source disconnected: %1</source>
        <translation>ソースとの接続が切れました: %1</translation>
    </message>
    <message>
        <source>Target disconnected: %1</source>
        <translation>ターゲットとの接続が切れました: %1</translation>
    </message>
    <message>
        <source>Lag %1, %2 s</source>
        <translation>遅延 %1、%2 秒</translation>
    </message>
    <message>
        <source>WAL kept on the source: %1</source>
        <translation>ソースで保持している WAL: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n table(s) copying now</source>
        <translation>
            <numerusform>%n テーブルをコピー中</numerusform>
        </translation>
    </message>
    <message>
        <source>Errors: %1 apply, %2 initial copy (see the target&apos;s log)</source>
        <translation>エラー: 適用 %1 件、初期コピー %2 件 (ターゲットのログを参照)</translation>
    </message>
    <message numerus="yes">
        <source>%n secondary index(es) to build</source>
        <translation>
            <numerusform>作成待ちのセカンダリインデックス %n 個</numerusform>
        </translation>
    </message>
    <message>
        <source>READY for cutover</source>
        <translation>切り替えの準備完了</translation>
    </message>
    <message>
        <source>Disconnected since %1</source>
        <translation>%1 から切断中</translation>
    </message>
    <message>
        <source>Initial copy</source>
        <translation>初期コピー</translation>
    </message>
    <message>
        <source>Building indexes</source>
        <translation>インデックス作成中</translation>
    </message>
    <message>
        <source>Catching up</source>
        <translation>追いつき中</translation>
    </message>
    <message>
        <source>Index builds failed</source>
        <translation>インデックス作成に失敗</translation>
    </message>
    <message>
        <source>Clean up replication</source>
        <translation>レプリケーションのクリーンアップ</translation>
    </message>
    <message>
        <source>Drop subscription %1 on the target (and its slot %2 on the source) and publication %3 on the source? The data copied so far stays on the target; changes stop flowing.</source>
        <translation>ターゲットの subscription %1 (とソース上のその slot %2) と、ソースの publication %3 を削除しますか? これまでにコピーしたデータはターゲットに残ります。変更の反映は止まります。</translation>
    </message>
    <message>
        <source>Cleaning up…</source>
        <translation>クリーンアップしています…</translation>
    </message>
    <message>
        <source>Cleaned up</source>
        <translation>クリーンアップ完了</translation>
    </message>
    <message>
        <source>Cleanup incomplete</source>
        <translation>クリーンアップは不完全です</translation>
    </message>
    <message>
        <source>Publication name</source>
        <translation>publication 名</translation>
    </message>
    <message>
        <source>Subscription name</source>
        <translation>subscription 名</translation>
    </message>
    <message>
        <source>Replication slot name</source>
        <translation>レプリケーション slot 名</translation>
    </message>
    <message>
        <source>Source rows</source>
        <translation>ソースの行数</translation>
    </message>
    <message>
        <source>Target rows</source>
        <translation>ターゲットの行数</translation>
    </message>
    <message>
        <source>Estimate from the source&apos;s statistics</source>
        <translation>ソースの統計情報による推定値</translation>
    </message>
    <message>
        <source>Rows copied so far during the initial copy, then the estimate from the target&apos;s statistics</source>
        <translation>初期コピー中はこれまでにコピーした行数、その後はターゲットの統計情報による推定値</translation>
    </message>
    <message>
        <source>Publication:</source>
        <translation>publication:</translation>
    </message>
    <message>
        <source>Subscription:</source>
        <translation>subscription:</translation>
    </message>
    <message>
        <source>Slot:</source>
        <translation>slot:</translation>
    </message>
    <message>
        <source>Lag</source>
        <translation>遅延</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>行数</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>キャンセルしています…</translation>
    </message>
    <message>
        <source>Setup cancelled.</source>
        <translation>セットアップをキャンセルしました。</translation>
    </message>
    <message>
        <source>Nothing was published or subscribed.</source>
        <translation>publication も subscription も作成していません。</translation>
    </message>
    <message numerus="yes">
        <source>The setup created %n object(s) on the target before it stopped. Drop them before starting again (the schema copy needs an empty target), with:</source>
        <translation>
            <numerusform>セットアップは停止する前にターゲットに %n 個のオブジェクトを作成しました。やり直す前に次の SQL で削除してください (スキーマのコピーには空のターゲットが必要です):</numerusform>
        </translation>
    </message>
    <message>
        <source>The replication&apos;s state could not be saved (%1): after a restart, clean up with pgshift replicate cleanup.</source>
        <translation>レプリケーションの状態を保存できませんでした (%1): 再起動後に pgshift replicate cleanup でクリーンアップしてください。</translation>
    </message>
    <message>
        <source>Resumed: replication %1 → %2 started %3 (publication %4, subscription %5, slot %6).</source>
        <translation>再開しました: レプリケーション %1 → %2、開始 %3 (publication %4、subscription %5、slot %6)。</translation>
    </message>
    <message>
        <source>Reading the replication&apos;s state…</source>
        <translation>レプリケーションの状態を読み取っています…</translation>
    </message>
    <message>
        <source>&amp;Cancel setup</source>
        <translation>セットアップをキャンセル(&amp;C)</translation>
    </message>
    <message>
        <source>The steps Start replication runs</source>
        <translation>「レプリケーションを開始」で実行される手順</translation>
    </message>
    <message>
        <source>Cle&amp;an up…</source>
        <translation>クリーンアップ(&amp;A)…</translation>
    </message>
    <message>
        <source>Export &amp;CSV…</source>
        <translation>CSV をエクスポート(&amp;C)…</translation>
    </message>
    <message>
        <source>E&amp;xport PNG…</source>
        <translation>PNG をエクスポート(&amp;X)…</translation>
    </message>
</context>
<context>
    <name>pgshift::wizard::ReplicationRowsPanel</name>
    <message>
        <source>Count &amp;exactly</source>
        <translation>正確に数える(&amp;E)</translation>
    </message>
    <message>
        <source>count(*) of every table on both servers, in parallel; reads every row</source>
        <translation>両方のサーバーで全テーブルの count(*) を並列に実行します。全行を読みます</translation>
    </message>
    <message>
        <source>Live &amp;estimates</source>
        <translation>ライブ推定値(&amp;S)</translation>
    </message>
    <message>
        <source>Estimates from the statistics, refreshed every 5 seconds.</source>
        <translation>統計情報による推定値。5 秒ごとに更新します。</translation>
    </message>
    <message>
        <source>Export CS&amp;V…</source>
        <translation>CSV をエクスポート(&amp;V)…</translation>
    </message>
    <message>
        <source>Export PN&amp;G…</source>
        <translation>PNG をエクスポート(&amp;G)…</translation>
    </message>
    <message>
        <source>Export row counts</source>
        <translation>行数をエクスポート</translation>
    </message>
    <message>
        <source>Export the row chart</source>
        <translation>行数グラフをエクスポート</translation>
    </message>
    <message>
        <source>estimates</source>
        <translation>推定値</translation>
    </message>
    <message numerus="yes">
        <source>Counting the rows of %n table(s) on both servers…</source>
        <translation>
            <numerusform>両方のサーバーで %n テーブルの行を数えています…</numerusform>
        </translation>
    </message>
    <message>
        <source>exact counts at %1</source>
        <translation>%1 時点の正確な行数</translation>
    </message>
    <message numerus="yes">
        <source>Exact counts at %1, in %2 s: %3 of %n table(s) equal on both sides. Changes still flowing can make a table differ for a moment.</source>
        <translation>
            <numerusform>%1 時点の正確な行数 (所要 %2 秒): %n テーブル中 %3 が両側で一致。反映中の変更があると、一時的に一致しないテーブルが出ることがあります。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pgshift::wizard::ResumeDialog</name>
    <message>
        <source>Unfinished replication</source>
        <translation>未完了のレプリケーション</translation>
    </message>
    <message>
        <source>pgshift started a logical replication on %1 that was not cleaned up. It may still be running: its slot keeps WAL on the source until it is dropped.</source>
        <translation>pgshift が %1 に開始した論理レプリケーションがクリーンアップされていません。まだ動いている可能性があります: その slot は削除されるまでソースで WAL を保持します。</translation>
    </message>
    <message>
        <source>Source:</source>
        <translation>ソース:</translation>
    </message>
    <message>
        <source>Target:</source>
        <translation>ターゲット:</translation>
    </message>
    <message>
        <source>Objects:</source>
        <translation>オブジェクト:</translation>
    </message>
    <message>
        <source>publication %1, subscription %2, slot %3</source>
        <translation>publication %1、subscription %2、slot %3</translation>
    </message>
    <message>
        <source>Scope:</source>
        <translation>範囲:</translation>
    </message>
    <message>
        <source>empty: .pgpass, PGPASSWORD or service file</source>
        <translation>空: .pgpass、PGPASSWORD、またはサービスファイル</translation>
    </message>
    <message>
        <source>Source password</source>
        <translation>ソースのパスワード</translation>
    </message>
    <message>
        <source>Target password</source>
        <translation>ターゲットのパスワード</translation>
    </message>
    <message>
        <source>Source password:</source>
        <translation>ソースのパスワード:</translation>
    </message>
    <message>
        <source>Target password:</source>
        <translation>ターゲットのパスワード:</translation>
    </message>
    <message>
        <source>&amp;Resume monitoring</source>
        <translation>監視を再開(&amp;R)</translation>
    </message>
    <message>
        <source>Follow the replication again: table states, lag, readiness for cutover</source>
        <translation>レプリケーションの追跡を再開します: テーブルの状態、遅延、切り替えの準備状況</translation>
    </message>
    <message>
        <source>&amp;Clean up: drop subscription, slot and publication</source>
        <translation>クリーンアップ(&amp;C): subscription、slot、publication を削除</translation>
    </message>
    <message>
        <source>Changes stop flowing; the data already copied stays on the target</source>
        <translation>変更の反映は止まります。コピー済みのデータはターゲットに残ります</translation>
    </message>
    <message>
        <source>&amp;Not now</source>
        <translation>今はしない(&amp;N)</translation>
    </message>
    <message>
        <source>Leave everything as it is; pgshift asks again at its next start</source>
        <translation>すべてそのままにします。pgshift は次回の起動時にもう一度尋ねます</translation>
    </message>
    <message>
        <source>Connecting to both servers…</source>
        <translation>両方のサーバーに接続しています…</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>ソース</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>ターゲット</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Cannot resume yet:
%1</source>
        <translation>まだ再開できません:
%1</translation>
    </message>
    <message>
        <source>Dropping the subscription, the slot and the publication…</source>
        <translation>subscription、slot、publication を削除しています…</translation>
    </message>
    <message>
        <source>Still there (another run of pgshift?): %1 %2 on the %3</source>
        <translation>まだ残っています (別の pgshift の実行?): %3 の %1 %2</translation>
    </message>
    <message>
        <source>Cleanup is incomplete; see below. Fix the cause (a password, a server that is down) and try again.</source>
        <translation>クリーンアップは不完全です。下を参照してください。原因 (パスワード、停止中のサーバー) を解消して、もう一度試してください。</translation>
    </message>
    <message>
        <source>Cleaned up. Nothing of this replication is left on either server.</source>
        <translation>クリーンアップしました。このレプリケーションのものはどちらのサーバーにも残っていません。</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>閉じる(&amp;C)</translation>
    </message>
</context>
<context>
    <name>pgshift::wizard::SandboxPanel</name>
    <message>
        <source>Sandbox</source>
        <translation>サンドボックス</translation>
    </message>
    <message>
        <source>Start &amp;writes</source>
        <translation>書き込みを開始(&amp;W)</translation>
    </message>
    <message>
        <source>Writes on the source like an application: new orders, updates, deletes</source>
        <translation>アプリケーションのようにソースへ書き込みます: 新規注文、更新、削除</translation>
    </message>
    <message>
        <source>Writes per second</source>
        <translation>毎秒の書き込み数</translation>
    </message>
    <message>
        <source> /s</source>
        <translation> /秒</translation>
    </message>
    <message>
        <source>Starting two local servers and creating a sample shop… (a few seconds)</source>
        <translation>ローカルサーバー 2 台を起動し、サンプルのショップを作成しています… (数秒)</translation>
    </message>
    <message>
        <source>The sandbox did not start: %1</source>
        <translation>サンドボックスが起動しませんでした: %1</translation>
    </message>
    <message>
        <source>Two throwaway servers on this computer, deleted when pgshift closes. Source: port %1, target: port %2.</source>
        <translation>このコンピューター上の使い捨てサーバー 2 台です。pgshift を閉じると削除されます。ソース: ポート %1、ターゲット: ポート %2。</translation>
    </message>
    <message>
        <source>Stop &amp;writes</source>
        <translation>書き込みを停止(&amp;W)</translation>
    </message>
    <message>
        <source>Written: %1 inserts, %2 updates, %3 deletes.</source>
        <translation>書き込み済み: insert %1 件、update %2 件、delete %3 件。</translation>
    </message>
    <message>
        <source>%1 refused (last: %2).</source>
        <translation>拒否 %1 件 (最後: %2)。</translation>
    </message>
    <message>
        <source>The wizard walks you through a real migration between the two servers.</source>
        <translation>ウィザードが 2 台のサーバー間の実際の移行を案内します。</translation>
    </message>
    <message>
        <source>The source is filled in: a shop with 117,500 rows. Press Test connection, then Next.</source>
        <translation>ソースは入力済みです: 117,500 行のショップです。「接続をテスト」を押してから「次へ」を押してください。</translation>
    </message>
    <message>
        <source>The target is an empty server. Test it too, then Next.</source>
        <translation>ターゲットは空のサーバーです。こちらもテストしてから「次へ」を押してください。</translation>
    </message>
    <message>
        <source>Both methods work here. Logical replication shows the lag chart and the full cutover.</source>
        <translation>ここではどちらの方式も使えます。論理レプリケーションでは遅延グラフと完全な切り替えを見られます。</translation>
    </message>
    <message>
        <source>audit_log has no primary key on purpose: see what the preflight says about it and how to fix it.</source>
        <translation>audit_log にはわざと主キーがありません: 前提条件の確認が何を指摘し、どう修正するかを見てください。</translation>
    </message>
    <message>
        <source>Start writes, then choose &quot;Block the whole source database&quot; to see the short cutover checklist.</source>
        <translation>書き込みを開始してから「ソースデータベース全体をブロック」を選ぶと、短い切り替えチェックリストを見られます。</translation>
    </message>
    <message>
        <source>Start writes to see the lag chart move and the rows grow on both sides.</source>
        <translation>書き込みを開始すると、遅延グラフが動き、両側で行が増えていく様子を見られます。</translation>
    </message>
    <message>
        <source>The writes use the sequences; the margin keeps the target&apos;s ahead of them.</source>
        <translation>書き込みはシーケンスを使います。マージンによってターゲットのシーケンスが先行した状態に保たれます。</translation>
    </message>
    <message>
        <source>Block the whole source database: the writes are stopped, counted as refused, and the cutover catches up.</source>
        <translation>ソースデータベース全体をブロックしてください: 書き込みは止まって拒否として数えられ、切り替えが追いつきを行います。</translation>
    </message>
    <message>
        <source>Save the report. Closing pgshift stops and deletes both servers.</source>
        <translation>レポートを保存してください。pgshift を閉じると両方のサーバーが停止して削除されます。</translation>
    </message>
    <message>
        <source>AWS DMS cannot reach servers on this computer: Prepare shows the schema and the files pgshift writes for it. Dump &amp; restore and logical replication run end to end here.</source>
        <translation>AWS DMS はこのコンピューター上のサーバーに到達できません: 「準備」で、pgshift が DMS 用に書き出すスキーマとファイルを確認できます。ダンプ/リストアと論理レプリケーションはここで最後まで実行できます。</translation>
    </message>
</context>
<context>
    <name>pgshift::wizard::SequencesPage</name>
    <message>
        <source>Sequences</source>
        <translation>シーケンス</translation>
    </message>
    <message>
        <source>Replication does not copy sequence values. At cutover each target sequence moves a margin ahead of its source, so the first insert on the target cannot collide with a copied row.</source>
        <translation>レプリケーションはシーケンスの値をコピーしません。切り替え時にターゲットの各シーケンスをソースよりマージン分だけ先に進め、ターゲットでの最初の INSERT がコピー済みの行と衝突しないようにします。</translation>
    </message>
    <message>
        <source>Margin of</source>
        <translation>マージン</translation>
    </message>
    <message numerus="yes">
        <source>From the rate measured over %n second(s), for a cutover window of</source>
        <translation>
            <numerusform>%n 秒間に測定したペースから、切り替え時間</numerusform>
        </translation>
    </message>
    <message>
        <source> increments</source>
        <translation> 増分</translation>
    </message>
    <message>
        <source> s (x3)</source>
        <translation> 秒 (x3)</translation>
    </message>
    <message>
        <source>Schema</source>
        <translation>スキーマ</translation>
    </message>
    <message>
        <source>Sequence</source>
        <translation>シーケンス</translation>
    </message>
    <message>
        <source>Owned by</source>
        <translation>所有者</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>ソース</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>ターゲット</translation>
    </message>
    <message>
        <source>Proposed</source>
        <translation>提案値</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>注記</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>更新(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Copy SQL</source>
        <translation>SQL をコピー(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Save .sql…</source>
        <translation>.sql を保存(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Apply to target now</source>
        <translation>今すぐターゲットに適用(&amp;A)</translation>
    </message>
    <message>
        <source>Usually left to the cutover, which applies them after writes stopped</source>
        <translation>通常は、書き込み停止後に適用する切り替えに任せます</translation>
    </message>
    <message>
        <source>Save the sequence script</source>
        <translation>シーケンススクリプトを保存</translation>
    </message>
    <message>
        <source>SQL (*.sql)</source>
        <translation>SQL (*.sql)</translation>
    </message>
    <message numerus="yes">
        <source>Reading the sequences twice, %n second(s) apart…</source>
        <translation>
            <numerusform>%n 秒間隔でシーケンスを 2 回読み取っています…</numerusform>
        </translation>
    </message>
    <message>
        <source>Reading the sequences…</source>
        <translation>シーケンスを読み取っています…</translation>
    </message>
    <message>
        <source>Cannot read the sequences: %1</source>
        <translation>シーケンスを読み取れません: %1</translation>
    </message>
    <message>
        <source>never used</source>
        <translation>未使用</translation>
    </message>
    <message>
        <source>%1 (identity)</source>
        <translation>%1 (identity)</translation>
    </message>
    <message>
        <source>not readable</source>
        <translation>読み取り不可</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>なし</translation>
    </message>
    <message>
        <source> (next value)</source>
        <translation> (次の値)</translation>
    </message>
    <message numerus="yes">
        <source>%n sequence(s), margin %1 increments</source>
        <translation>
            <numerusform>シーケンス %n 個、マージン %1 増分</numerusform>
        </translation>
    </message>
    <message>
        <source> (from the rate measured)</source>
        <translation> (測定したペースから)</translation>
    </message>
    <message numerus="yes">
        <source>%n sequence(s) would pass their limit: clamped, see the note.</source>
        <translation>
            <numerusform>シーケンス %n 個が上限を超えるため、上限値に抑えました。注記を参照してください。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n sequence(s) missing on the target: the schema copy did not bring them.</source>
        <translation>
            <numerusform>ターゲットにシーケンスが %n 個ありません: スキーマのコピーで作成されませんでした。</numerusform>
        </translation>
    </message>
    <message>
        <source>Apply sequences</source>
        <translation>シーケンスを適用</translation>
    </message>
    <message numerus="yes">
        <source>Set %n sequence(s) on the target now? Writes still going to the source move its sequences on; the cutover sets them again after writes stopped.</source>
        <translation>
            <numerusform>今すぐターゲットでシーケンスを %n 個設定しますか? ソースへの書き込みが続いている間はソースのシーケンスも進みます。切り替えは書き込み停止後にもう一度設定します。</numerusform>
        </translation>
    </message>
    <message>
        <source>Applying…</source>
        <translation>適用しています…</translation>
    </message>
    <message>
        <source>Applying failed: %1</source>
        <translation>適用に失敗しました: %1</translation>
    </message>
    <message numerus="yes">
        <source>Set %n sequence(s) on the target.</source>
        <translation>
            <numerusform>ターゲットでシーケンスを %n 個設定しました。</numerusform>
        </translation>
    </message>
    <message>
        <source>Verified: every target sequence is ahead of its source.</source>
        <translation>確認済み: ターゲットの全シーケンスがソースより先行しています。</translation>
    </message>
    <message>
        <source>Not ahead: %1</source>
        <translation>先行していません: %1</translation>
    </message>
    <message>
        <source>Margin, in increments</source>
        <translation>マージン (増分)</translation>
    </message>
    <message>
        <source>Cutover window, in seconds</source>
        <translation>切り替え時間 (秒)</translation>
    </message>
</context>
<context>
    <name>pgshift::wizard::SummaryPage</name>
    <message>
        <source>Summary</source>
        <translation>概要</translation>
    </message>
    <message>
        <source>What the migration did, step by step, and a report to keep: HTML with the charts inside, or Markdown for a ticket or a wiki.</source>
        <translation>移行で行われたことをステップごとに示し、保存用のレポートを作ります: グラフを含む HTML、またはチケットや wiki 向けの Markdown。</translation>
    </message>
    <message>
        <source>Migration report</source>
        <translation>移行レポート</translation>
    </message>
    <message>
        <source>Save report as &amp;HTML…</source>
        <translation>HTML でレポートを保存(&amp;H)…</translation>
    </message>
    <message>
        <source>Rows per table, source and target</source>
        <translation>テーブルごとの行数 (ソースとターゲット)</translation>
    </message>
    <message>
        <source>exact counts</source>
        <translation>正確な行数</translation>
    </message>
    <message>
        <source>Migration complete; write downtime %1 s.</source>
        <translation>移行が完了しました。書き込み停止時間 %1 秒。</translation>
    </message>
    <message>
        <source>Copy complete and verified.</source>
        <translation>コピーが完了し、確認しました。</translation>
    </message>
    <message>
        <source>The migration did not complete; the report says where it stopped.</source>
        <translation>移行は完了していません。どこで止まったかはレポートに記載されています。</translation>
    </message>
    <message>
        <source>Save the migration report</source>
        <translation>移行レポートを保存</translation>
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
        <translation>Markdown でレポートを保存(&amp;K)…</translation>
    </message>
</context>
<context>
    <name>pgshift::wizard::WelcomePage</name>
    <message>
        <source>Welcome to pgshift</source>
        <translation>pgshift へようこそ</translation>
    </message>
    <message>
        <source>Move a PostgreSQL database to another PostgreSQL server, one checked step at a time.</source>
        <translation>PostgreSQL データベースを別の PostgreSQL サーバーへ、1 ステップずつ確認しながら移行します。</translation>
    </message>
    <message>
        <source>pgshift copies a database from Amazon Aurora or RDS, Neon, Supabase, Google Cloud SQL or your own server to PlanetScale Postgres or any PostgreSQL 10 or newer server.</source>
        <translation>pgshift は Amazon Aurora や RDS、Neon、Supabase、Google Cloud SQL、または自前のサーバーから、PlanetScale Postgres や PostgreSQL 10 以降の任意のサーバーへデータベースをコピーします。</translation>
    </message>
    <message>
        <source>1. Connect to the source and the target and test both connections.
2. Check every prerequisite; each finding comes with its fix.
3. Copy the data with the method that fits your downtime budget, watching progress live.
4. Cut over: stop writes, catch up, move sequences ahead, validate, switch.
Every SQL statement is shown before it runs and written to the log.</source>
        <translation>1. ソースとターゲットに接続し、両方の接続をテストします。
2. 前提条件をすべて確認します。各結果には修正方法が付きます。
3. 許容できる停止時間に合った方式でデータをコピーし、進捗をリアルタイムで確認します。
4. 切り替えます: 書き込み停止、追いつき、シーケンスの前進、検証、切り替え。
すべての SQL 文は実行前に表示され、ログに記録されます。</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>Write downtime</source>
        <translation>書き込み停止時間</translation>
    </message>
    <message>
        <source>Best for</source>
        <translation>向いている用途</translation>
    </message>
    <message>
        <source>How it works</source>
        <translation>仕組み</translation>
    </message>
    <message>
        <source>Dump and restore</source>
        <translation>ダンプ/リストア</translation>
    </message>
    <message>
        <source>The whole copy</source>
        <translation>コピー全体の間</translation>
    </message>
    <message>
        <source>Databases that can take a maintenance window</source>
        <translation>メンテナンスウィンドウを取れるデータベース</translation>
    </message>
    <message>
        <source>Schema and data copied in parallel from one consistent snapshot, then indexes and constraints, then a row-count check.</source>
        <translation>1 つの一貫したスナップショットからスキーマとデータを並列にコピーし、次にインデックスと制約、最後に行数を確認します。</translation>
    </message>
    <message>
        <source>Logical replication</source>
        <translation>論理レプリケーション</translation>
    </message>
    <message>
        <source>Seconds, at cutover</source>
        <translation>切り替え時の数秒</translation>
    </message>
    <message>
        <source>Production databases that must stay online</source>
        <translation>オンラインのままにする必要がある本番データベース</translation>
    </message>
    <message>
        <source>The target subscribes to the source and stays in sync until you cut over. Needs wal_level = logical on the source.</source>
        <translation>ターゲットがソースを subscribe し、切り替えまで同期し続けます。ソースで wal_level = logical が必要です。</translation>
    </message>
    <message>
        <source>AWS DMS assisted</source>
        <translation>AWS DMS 併用</translation>
    </message>
    <message>
        <source>Seconds to minutes</source>
        <translation>数秒〜数分</translation>
    </message>
    <message>
        <source>Teams already running AWS Database Migration Service</source>
        <translation>すでに AWS Database Migration Service を使っているチーム</translation>
    </message>
    <message>
        <source>Three ways to migrate</source>
        <translation>3 つの移行方式</translation>
    </message>
    <message>
        <source>Try it on a &amp;sandbox</source>
        <translation>サンドボックスで試す(&amp;S)</translation>
    </message>
    <message>
        <source>Starts two throwaway PostgreSQL servers on this computer, a source with a sample shop and an empty target, and fills in both connections. They are deleted when pgshift closes.</source>
        <translation>このコンピューター上に使い捨ての PostgreSQL サーバー 2 台 (サンプルのショップを持つソースと空のターゲット) を起動し、両方の接続を入力します。pgshift を閉じると削除されます。</translation>
    </message>
    <message>
        <source>No servers at hand? Try the whole flow on two local throwaway servers:</source>
        <translation>手元にサーバーがない場合は、使い捨てのローカルサーバー 2 台で一連の流れを試せます:</translation>
    </message>
    <message>
        <source>pgshift prepares the schema and the DMS task files, then does what DMS leaves undone: foreign keys, sequences, validation.</source>
        <translation>pgshift がスキーマと DMS のタスクファイルを用意し、DMS がやり残すこと (外部キー、シーケンス、検証) を行います。</translation>
    </message>
</context>
<context>
    <name>pgshift::wizard::WriteBlockBox</name>
    <message>
        <source>Leave writes alone: a trial copy (the source goes on changing)</source>
        <translation>書き込みはそのまま: 試しのコピー (ソースは変化し続けます)</translation>
    </message>
    <message>
        <source>I stopped the application: nothing writes to the source any more</source>
        <translation>アプリケーションを停止済み: ソースにはもう何も書き込まれません</translation>
    </message>
    <message>
        <source>Block these roles (read-only in the source database, their sessions ended):</source>
        <translation>これらのロールをブロック (ソースデータベースで読み取り専用にし、そのセッションを終了):</translation>
    </message>
    <message>
        <source>Block the whole source database (read-only, every other session ended)</source>
        <translation>ソースデータベース全体をブロック (読み取り専用にし、ほかのセッションをすべて終了)</translation>
    </message>
    <message>
        <source>Roles to block</source>
        <translation>ブロックするロール</translation>
    </message>
    <message>
        <source>app_user, worker</source>
        <translation>app_user, worker</translation>
    </message>
    <message>
        <source>Name the roles whose writes to block.</source>
        <translation>書き込みをブロックするロールを指定してください。</translation>
    </message>
    <message>
        <source>Is the application stopped, so that nothing writes to the source any more? %1</source>
        <translation>アプリケーションは停止していて、ソースにはもう何も書き込まれませんか? %1</translation>
    </message>
    <message>
        <source>Cannot reach the source: %1</source>
        <translation>ソースに到達できません: %1</translation>
    </message>
    <message>
        <source>Stop writes on the source? No session needs to be ended. %1</source>
        <translation>ソースへの書き込みを止めますか? 終了が必要なセッションはありません。%1</translation>
    </message>
    <message>
        <source>Stop writes on the source? These sessions will be ended:
%1
%2</source>
        <translation>ソースへの書き込みを止めますか? 次のセッションが終了されます:
%1
%2</translation>
    </message>
</context>
</TS>
