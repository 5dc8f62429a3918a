"""What must survive a restart of the real program (two processes): the settings, and the show.

Settings set by one process (the settings dialog's store, or ``livedesk settings``) are in
effect in the next; SIGTERM (a logout, a shutdown) stops the console cleanly — everything
saved, a summary line, exit 0 — and the next start continues the same show with its counts.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text

from ui.preferences import Preferences, load_preferences, save_preferences


def livedesk(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "console", *args],
        capture_output=True,
        text=True,
        timeout=90,
        env=_env(home),
        check=False,
    )


def _env(home: Path) -> dict[str, str]:
    return {**os.environ, "LIVEDESK_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}


def summary_of(output: str) -> dict[str, Any]:
    result: dict[str, Any] = json.loads(output.strip().splitlines()[-1])
    return result


RUN = ("--control-port", "0", "--obs", "127.0.0.1:9", "--seed", "5", "--comment-rate", "20")


def test_settings_set_in_one_process_are_in_effect_in_the_next(livedesk_home: Path) -> None:
    save_preferences(Preferences(language="en", operator="场控小王", theme="dark"))
    run = livedesk(livedesk_home, "--duration", "3", *RUN)
    assert run.returncode == 0, run.stderr
    summary = summary_of(run.stdout)
    assert (summary["language"], summary["operator"]) == ("en", "场控小王")

    changed = livedesk(livedesk_home, "settings", "set", "language", "zh_CN")
    assert changed.returncode == 0, changed.stderr
    assert livedesk(livedesk_home, "settings", "get", "language").stdout.strip() == "zh_CN"
    assert load_preferences().language == "zh_CN"  # the dialog reads the same store
    listed = livedesk(livedesk_home, "settings", "list").stdout
    assert "operator = 场控小王" in listed and "theme = dark" in listed
    assert "shortcut.goods.push.1 = 1" in listed

    refused = livedesk(livedesk_home, "settings", "set", "obs.password", "hunter2")
    assert refused.returncode == 2 and "keyring" in refused.stderr
    bad = livedesk(livedesk_home, "settings", "set", "language", "fr")
    assert bad.returncode == 2 and "zh_CN" in bad.stderr
    files = [p for p in livedesk_home.rglob("*") if p.is_file()]
    assert not any(b"hunter2" in p.read_bytes() for p in files)


def test_sigterm_stops_cleanly_and_the_next_start_continues_the_show(
    tmp_path: Path, livedesk_home: Path
) -> None:
    db = f"sqlite:///{(tmp_path / 'show.db').as_posix()}"
    first = subprocess.Popen(
        [sys.executable, "-m", "console", "--db", db, *RUN],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_env(livedesk_home),
    )
    engine = create_engine(db)
    deadline = time.monotonic() + 60
    while True:
        time.sleep(0.5)
        try:
            with engine.connect() as conn:
                stored = conn.execute(text("select count(*) from comments")).scalar_one()
        except Exception:  # the database is not created yet
            stored = 0
        if stored >= 20:
            break
        assert first.poll() is None and time.monotonic() < deadline, "no comments arrived"
    first.send_signal(signal.SIGTERM)
    out, err = first.communicate(timeout=60)
    assert first.returncode == 0, err
    before = summary_of(out)
    assert before["stored"] == before["received"]  # everything received was saved
    with engine.connect() as conn:
        ended, stopped = conn.execute(text("select ended_at, stopped_at from shows")).one()
    assert ended is None and stopped is not None  # left open, stopped cleanly

    again = livedesk(livedesk_home, "--db", db, "--duration", "3", *RUN)
    assert again.returncode == 0, again.stderr
    after = summary_of(again.stdout)
    assert after["show_id"] == before["show_id"]
    comments = after["received"]["comment"]  # counted on from where the show was
    assert comments == after["stored"]["comment"] > before["stored"]["comment"]
