"""The real program, run as a user would without a person: flags in, JSON summary out."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

from PySide6.QtGui import QImage
from sqlalchemy import create_engine, text

from console.paths import resource_path

BAD_LINES = [
    "not json at all",
    '{"t": 1, "type": "gift", "user_id": "u1"}',
    '{"t": 1, "type": "like", "user_id": "u1"}',
    '{"t": "soon", "type": "room", "status": "live"}',
]


def run_livedesk(*args: str, home: Path, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "LIVEDESK_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-m", "console", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
        check=False,
    )


def test_replay_run_stores_every_valid_event_and_reports_bad_lines(
    tmp_path: Path, livedesk_home: Path
) -> None:
    show = tmp_path / "show.jsonl"
    lines = resource_path("sample_show.jsonl").read_text(encoding="utf-8").splitlines()
    expected = Counter(json.loads(line)["type"] for line in lines)  # the sample is all valid
    lines[10:10] = BAD_LINES[:2]
    lines[500:500] = BAD_LINES[2:]
    lines.insert(20, lines[5])  # a duplicate comment id from a reconnecting source
    show.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert json.loads(lines[5])["type"] == "comment"  # the duplicate is stored once
    db = tmp_path / "run.db"
    shot = tmp_path / "out.png"

    result = run_livedesk(
        "--connector",
        "replay",
        "--replay",
        str(show),
        "--speed",
        "0",
        "--duration",
        "4",
        "--db",
        f"sqlite:///{db}",
        "--screenshot",
        str(shot),
        home=livedesk_home,
    )

    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    summary = json.loads(result.stdout.strip().splitlines()[-1])
    assert summary["stored"] == dict(expected)
    assert summary["received"] == dict(expected)
    assert summary["duplicates"] == 1
    assert summary["rejected"]["total"] == 4
    assert summary["rejected"]["by_reason"] == {
        "invalid_json": 1,
        "unknown_type": 1,
        "missing_field": 1,
        "wrong_type": 1,
    }
    assert summary["db"] == f"sqlite:///{db}"
    assert summary["source_finished"] is True
    with create_engine(f"sqlite:///{db}").connect() as conn:
        stored = conn.execute(text("select count(*) from comments")).scalar_one()
        ended = conn.execute(text("select ended_at from shows")).scalar_one()
    assert stored == expected["comment"] and ended is not None
    image = QImage(str(shot))
    assert image.width() >= 800 and image.height() >= 500


def test_demo_run_with_seed_reports_counts(tmp_path: Path, livedesk_home: Path) -> None:
    result = run_livedesk(
        "--seed", "11", "--comment-rate", "50", "--duration", "2", home=livedesk_home
    )
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout.strip().splitlines()[-1])
    assert summary["connector"] == "demo"
    assert summary["received"]["comment"] > 20
    assert summary["stored"] == summary["received"]
    assert (livedesk_home / "data" / "livedesk.db").exists()  # the default database
    assert (livedesk_home / "logs" / "livedesk.log").read_text(encoding="utf-8")


def test_bad_flags_are_clear_errors_not_tracebacks(tmp_path: Path, livedesk_home: Path) -> None:
    missing = run_livedesk(
        "--replay", str(tmp_path / "missing.jsonl"), "--duration", "1", home=livedesk_home
    )
    assert missing.returncode == 2
    assert "not found" in missing.stderr and "Traceback" not in missing.stderr
    bad_db = run_livedesk("--db", "nosuchdb://x", "--duration", "1", home=livedesk_home)
    assert bad_db.returncode == 2
    assert "cannot use database" in bad_db.stderr and "Traceback" not in bad_db.stderr
    bad_speed = run_livedesk("--speed", "-1", home=livedesk_home)
    assert bad_speed.returncode == 2 and "must be >= 0" in bad_speed.stderr
