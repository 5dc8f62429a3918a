#!/usr/bin/env bash
# update_translations.sh - refresh the translation sources from the code (pyside6-lupdate).
# UI strings are English in the code; resources/translations/livedesk_zh_CN.ts holds the
# Chinese. After running this, translate every entry marked "unfinished" (Qt Linguist:
# .venv/bin/pyside6-linguist), then `make bootstrap` compiles the .qm files.
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t sources < <(git ls-files -co --exclude-standard 'console/*.py' 'obs_bridge/*.py' 'ui/*.py' |
    while read -r f; do [ -f "$f" ] && echo "$f"; done)
.venv/bin/pyside6-lupdate -no-obsolete -locations relative -source-language en -target-language zh_CN "${sources[@]}" \
    -ts resources/translations/livedesk_zh_CN.ts
