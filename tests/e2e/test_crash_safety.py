"""kill -9 during a flood: the database opens, holds an exact prefix of what was sent, and the
next start continues the same show."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import create_engine, text

from console.events import Comment
from console.platforms.demo import DemoAudience, DemoSettings

SEED, RATE = 77, 400


def start(db: str, home: Path, duration: str) -> subprocess.Popen[str]:
    env = {**os.environ, "LIVEDESK_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    args = ["--seed", str(SEED), "--comment-rate", str(RATE), "--duration", duration, "--db", db]
    return subprocess.Popen(
        [sys.executable, "-m", "console", *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def stored_comments(db: str) -> list[tuple[float, str, str]]:
    with create_engine(db).connect() as conn:
        rows = conn.execute(text("select t, user_id, text from comments order by t, id"))
        return [(float(t), user, body) for t, user, body in rows]


def test_kill_minus_nine_loses_at_most_the_last_batch(tmp_path: Path, livedesk_home: Path) -> None:
    db = f"sqlite:///{tmp_path / 'crash.db'}"
    flooding = start(db, livedesk_home, "120")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        time.sleep(0.5)
        if (tmp_path / "crash.db").exists() and len(stored_comments(db)) > 1500:
            break
    flooding.send_signal(signal.SIGKILL)
    flooding.wait(timeout=10)

    with create_engine(db).connect() as conn:
        assert conn.execute(text("PRAGMA integrity_check")).scalar_one() == "ok"
        assert (
            conn.execute(text("select count(*) from shows where ended_at is null")).scalar_one()
            == 1
        )
    stored = stored_comments(db)
    assert len(stored) > 1500
    # The demo room is deterministic: what was stored is exactly the first N comments it sent.
    audience = DemoAudience(DemoSettings(seed=SEED, comment_rate=RATE))
    expected: list[tuple[float, str, str]] = []
    for event in audience.events():
        if isinstance(event, Comment):
            expected.append((event.t, event.user_id, event.text))
            if len(expected) == len(stored):
                break
    assert sorted(stored) == sorted(expected)

    # The next start continues the same show after the stored events.
    again = start(db, livedesk_home, "3")
    out, err = again.communicate(timeout=60)
    assert again.returncode == 0, err
    summary = json.loads(out.strip().splitlines()[-1])
    with create_engine(db).connect() as conn:
        assert conn.execute(text("select count(*) from shows")).scalar_one() == 1
        ended, stopped = conn.execute(text("select ended_at, stopped_at from shows")).one()
    # A normal stop leaves the show open for the next start: only the operator ends it.
    assert ended is None and stopped is not None
    after = stored_comments(db)
    assert summary["stored"]["comment"] == len(after) > len(stored)
    # Its counts go on from what the show held before the crash, not from zero.
    assert summary["received"]["comment"] == len(after)
    assert min(t for t, _u, _x in after[len(stored) :]) >= max(t for t, _u, _x in stored)
