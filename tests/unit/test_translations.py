"""Every user-visible string in the code has a Chinese translation in the catalogue."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CATALOGUE = REPO / "resources" / "translations" / "livedesk_zh_CN.ts"


def test_zh_cn_catalogue_is_complete_and_current(tmp_path: Path) -> None:
    fresh = tmp_path / CATALOGUE.name
    shutil.copy(CATALOGUE, fresh)
    sources = sorted(
        str(p)
        for package in ("console", "obs_bridge", "ui")
        for p in (REPO / package).rglob("*.py")
    )
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    subprocess.run(
        [str(lupdate), "-no-obsolete", "-silent", *sources, "-ts", str(fresh)],
        check=True,
        capture_output=True,
    )
    untranslated = []
    total = 0
    for context in ET.parse(fresh).getroot().iter("context"):
        for message in context.iter("message"):
            total += 1
            translation = message.find("translation")
            texts = [translation.text] + [f.text for f in translation.iter("numerusform")]
            if translation.get("type") in ("unfinished", "vanished", "obsolete") or not any(texts):
                untranslated.append(f"{context.findtext('name')}: {message.findtext('source')}")
    assert total > 10
    assert untranslated == [], "run scripts/update_translations.sh and translate these"
