"""fill_translations.py - put Chinese translations into the catalogue for entries that lack one.

Usage: .venv/bin/python scripts/fill_translations.py TRANSLATIONS.json
TRANSLATIONS.json maps "context\\tsource" (or just "source", for every context) to the Chinese
text. Entries marked "unfinished" whose source is listed get the text and lose the mark; the
rest of the catalogue is left as it is. Prints what is still untranslated.
"""

from __future__ import annotations

import json
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

CATALOGUE = Path(__file__).resolve().parents[1] / "resources" / "translations" / "livedesk_zh_CN.ts"


def main(path: str) -> int:
    chinese: dict[str, str] = json.loads(Path(path).read_text(encoding="utf-8"))
    tree = ET.parse(CATALOGUE)
    missing = []
    for context in tree.getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            translation = message.find("translation")
            assert translation is not None
            if translation.get("type") != "unfinished":
                continue
            text = chinese.get(f"{name}\t{source}", chinese.get(source))
            if text is None:
                missing.append(f"{name}\t{source}")
                continue
            translation.attrib.pop("type")
            translation.text = text
    ET.indent(tree, space="    ")
    body = ET.tostring(tree.getroot(), encoding="unicode")
    CATALOGUE.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8"
    )
    for entry in missing:
        print(f"untranslated: {entry}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
