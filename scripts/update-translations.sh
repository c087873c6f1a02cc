#!/usr/bin/env bash
# Refreshes translations/*.ts from the sources (after a build in build/), and the English
# plural catalog, whose forms follow from the "(s)" convention: "%n table(s)" -> "%n table"
# and "%n tables" (also "(es)"; a text without a marker reads the same both ways). Run it after changing user-visible text; commit the .ts files.
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

[ -d "$PGSHIFT_ROOT/build" ] || die "build first (scripts/test.sh or scripts/demo.sh)"
cmake --build "$PGSHIFT_ROOT/build" --target update_translations
cd "$PGSHIFT_ROOT"
/usr/lib/qt6/bin/lupdate -pluralonly -no-obsolete -locations none -I . -I build/core \
    core widgets wizard app -target-language en -ts translations/pgshift_en.ts
python3 - translations/pgshift_en.ts <<'PY'
import re, sys
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
def fill(match):
    source = match.group(1)
    # "table(s)" -> table/tables, "index(es)" -> index/indexes; no marker: the same both ways.
    one, many = source, source
    for marker, plural in (("(s)", "s"), ("(es)", "es")):
        one, many = one.replace(marker, ""), many.replace(marker, plural)
    return (f"<source>{source}</source>\n        <translation>\n"
            f"            <numerusform>{one}</numerusform>\n"
            f"            <numerusform>{many}</numerusform>\n        </translation>")
text = re.sub(r'<source>([^<]*)</source>\s*<translation type="unfinished">[^<]*(?:<numerusform>[^<]*</numerusform>\s*)*</translation>',
              fill, text, flags=re.S)
open(path, "w", encoding="utf-8").write(text)
PY
log "Translations refreshed; English plurals filled"
