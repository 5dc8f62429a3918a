"""`livedesk review` on a replayed show: report.html, PNG charts and CSV with the right numbers."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

from PySide6.QtGui import QImage

from console.paths import resource_path


def livedesk(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "LIVEDESK_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-m", "console", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=False,
    )


def test_review_of_a_replayed_show(tmp_path: Path, livedesk_home: Path) -> None:
    sample = resource_path("sample_show.jsonl")
    events = [json.loads(line) for line in sample.read_text(encoding="utf-8").splitlines()]
    db = f"sqlite:///{tmp_path / 'show.db'}"
    replay = livedesk(
        "--replay", str(sample), "--speed", "0", "--duration", "3", "--db", db, home=livedesk_home
    )
    assert replay.returncode == 0, replay.stderr

    out = tmp_path / "review"
    result = livedesk("review", "--db", db, "--out", str(out), home=livedesk_home)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr

    charts = sorted(out.glob("*.png"))
    assert len(charts) == 3
    for chart in charts:
        image = QImage(str(chart))
        assert image.width() >= 1000 and image.height() >= 300
    with (out / "summary.csv").open(encoding="utf-8-sig") as handle:
        summary = dict(csv.reader(handle))
    counts = Counter(e["type"] for e in events)
    samples = [e for e in events if e["type"] == "viewers"]
    assert summary["comments"] == str(counts["comment"])
    assert summary["likes"] == str(sum(e["count"] for e in events if e["type"] == "like"))
    assert summary["peak_online"] == str(max(s["online"] for s in samples))
    assert summary["length_s"] == str(int(max(e["t"] for e in events)) + 1)
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "复盘" in html and f"{counts['comment']:,}" in html  # Chinese headings, real numbers
    assert all(f'src="{chart.name}"' in html for chart in charts)


def test_review_of_an_empty_database_says_so(tmp_path: Path, livedesk_home: Path) -> None:
    result = livedesk(
        "review",
        "--db",
        f"sqlite:///{tmp_path / 'empty.db'}",
        "--out",
        str(tmp_path / "r"),
        home=livedesk_home,
    )
    assert result.returncode == 1
    assert "no show" in result.stderr and "Traceback" not in result.stderr


def test_review_of_a_file_that_is_no_database_says_so_in_one_line(
    tmp_path: Path, livedesk_home: Path
) -> None:
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(os.urandom(8192))
    result = livedesk(
        "review", "--db", f"sqlite:///{garbage}", "--out", str(tmp_path / "r"), home=livedesk_home
    )
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "livedesk review: cannot read the database: not a database "
        "(sqlite3.DatabaseError SQLITE_NOTADB)"
    ]
