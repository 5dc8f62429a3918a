"""What must survive a restart of the real program (two processes): the settings, and the show.

Settings set by one process (the settings dialog's store, or ``livedesk settings``) are in
effect in the next; SIGTERM (a logout, a shutdown) stops the console cleanly — everything
saved, a summary line, exit 0 — and the next start continues the same show with its counts.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import requests
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
    assert livedesk(livedesk_home, "settings", "set", "role", "assistant").returncode == 0
    again = summary_of(livedesk(livedesk_home, "--duration", "2", *RUN).stdout)
    assert (again["language"], again["role"]) == ("zh_CN", "assistant")
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


def test_starting_a_new_show_ends_this_one_and_the_console_starts_again(
    tmp_path: Path, livedesk_home: Path
) -> None:
    """ "开始新的一场" (here over the control API): the show ends for good, the program stops
    cleanly and starts again by itself, on a new show."""
    port = free_port()
    db = f"sqlite:///{(tmp_path / 'show.db').as_posix()}"
    args = ["--db", db, "--duration", "60", *RUN[2:], "--control-port", str(port)]
    first = subprocess.Popen(
        [sys.executable, "-m", "console", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_env(livedesk_home),
    )
    api = f"http://127.0.0.1:{port}/api"
    show = _wait_for_show(api, first)
    answer = requests.post(f"{api}/commands/show.new", json={"confirm": True}, timeout=30)
    assert answer.status_code == 200 and answer.json()["ok"], answer.text
    out, err = first.communicate(timeout=60)
    assert first.returncode == 0, err
    assert summary_of(out)["show_id"] == show

    engine = create_engine(db)
    # The program started again by itself: a second show, with the first one ended.
    second = _wait_for_show(api, None)
    assert second != show
    with engine.connect() as conn:
        ended = conn.execute(text("select ended_at from shows where id = :i"), {"i": show})
        assert ended.scalar_one() is not None
    requests.post(f"{api}/commands/app.quit", json={}, timeout=30)
    deadline = time.monotonic() + 60
    while True:  # it stops as any other run: cleanly, the new show left open
        with engine.connect() as conn:
            stopped = conn.execute(
                text("select stopped_at from shows where id = :i"), {"i": second}
            ).scalar_one()
        if stopped is not None:
            break
        assert time.monotonic() < deadline, "the new console did not stop"
        time.sleep(0.5)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_for_show(api: str, process: subprocess.Popen[str] | None) -> int:
    """The id of the show the console at ``api`` runs, once it runs one."""
    deadline = time.monotonic() + 60
    while True:
        assert process is None or process.poll() is None, "the console stopped"
        try:
            show: int | None = requests.get(f"{api}/state", timeout=5).json()["show"]["id"]
        except requests.ConnectionError:
            show = None
        if show is not None:
            return show
        assert time.monotonic() < deadline, "the control API never answered"
        time.sleep(0.3)
