"""kill -9 of the console while a resending relay source floods it: after the restart the
source resends what was not acknowledged, and the show holds every event exactly once (also
when the source itself starts over)."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import create_engine, text

REPO = Path(__file__).resolve().parents[2]
SENDER = REPO / "examples" / "relay_sender.py"
EVENTS = 150_000  # a flood of several seconds at the relay's 20,000 events/s


def write_show(path: Path, events: int = EVENTS, prefix: str = "") -> dict[str, int]:
    """Comments, likes and viewer samples (which have no id: only ``seq`` keeps them from
    being stored twice); returns what the show holds per type and the likes' sum."""
    counts = {"comment": 0, "like": 0, "viewers": 0, "like_sum": 0}
    with path.open("w", encoding="utf-8") as out:
        for n in range(events):
            t = n / 1000
            if n % 10 == 3:
                event = {"t": t, "type": "like", "user_id": f"u{n % 977}", "count": 1 + n % 5}
                counts["like_sum"] += 1 + n % 5
            elif n % 50 == 7:
                event = {"t": t, "type": "viewers", "online": 1000 + n % 300, "total": 5000 + n}
            else:
                event = {
                    "t": t,
                    "type": "comment",
                    "id": f"{prefix}c{n}",
                    "user_id": f"u{n % 977}",
                    "nickname": f"观众{n % 977}",
                    "text": f"第{n}条 想要链接",
                }
            counts[event["type"]] += 1
            out.write(json.dumps(event, ensure_ascii=False) + "\n")
    return counts


def send(show: Path, port: int, source: str) -> list[str]:
    """The command line of the example sender flooding ``show`` as fast as it may."""
    url = f"ws://127.0.0.1:{port}/ws"
    return [
        sys.executable,
        str(SENDER),
        str(show),
        "--url",
        url,
        "--speed",
        "0",
        "--source",
        source,
    ]


def free_port() -> int:
    with socket.create_server(("127.0.0.1", 0)) as probe:
        return int(probe.getsockname()[1])


def console(db: str, home: Path, port: int) -> subprocess.Popen[str]:
    env = {**os.environ, "LIVEDESK_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    args = ["--connector", "relay", "--relay-port", str(port), "--duration", "240", "--db", db]
    return subprocess.Popen(
        [sys.executable, "-m", "console", *args],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        text=True,
    )


def wait_for_port(port: int, timeout: float = 60) -> None:
    """Until the console's relay accepts connections."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            assert time.monotonic() < deadline, "the relay never started listening"
            time.sleep(0.2)


def stored(db: str) -> dict[str, int]:
    with create_engine(db).connect() as conn:
        return {
            "comment": conn.execute(text("select count(*) from comments")).scalar_one(),
            "distinct": conn.execute(
                text("select count(distinct comment_id) from comments")
            ).scalar_one(),
            "like": conn.execute(text("select count(*) from likes")).scalar_one(),
            "like_sum": conn.execute(
                text("select coalesce(sum(count), 0) from likes")
            ).scalar_one(),
            "viewers": conn.execute(text("select count(*) from viewer_samples")).scalar_one(),
            "shows": conn.execute(text("select count(*) from shows")).scalar_one(),
        }


def comments_stored(db_file: Path, db: str) -> int:
    if not db_file.exists():
        return 0
    try:
        return stored(db)["comment"]
    except Exception:  # the schema is still being made
        return 0


def test_kill_minus_nine_loses_nothing_a_resending_source_sent(
    tmp_path: Path, livedesk_home: Path
) -> None:
    show = tmp_path / "flood.jsonl"
    expected = write_show(show)
    db_file = tmp_path / "relay.db"
    db = f"sqlite:///{db_file}"
    port = free_port()
    first = console(db, livedesk_home, port)
    sender = subprocess.Popen(
        send(show, port, "flood"),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 90
        while comments_stored(db_file, db) < 20_000:
            assert time.monotonic() < deadline, "the flood never reached the database"
            assert sender.poll() is None, sender.communicate()[0]
            time.sleep(0.2)
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
        at_crash = stored(db)
        assert at_crash["comment"] < expected["comment"], "the flood ended before the kill"

        second = console(db, livedesk_home, port)
        try:
            said = sender.communicate(timeout=180)[0]
            assert sender.returncode == 0, said
            assert f"the console stored all {EVENTS} events" in said
            # A source that restarts from its own log sends everything again, numbered the
            # same: the show's stored marks make all of it a duplicate.
            again = subprocess.run(
                send(show, port, "flood"),
                capture_output=True,
                text=True,
                timeout=180,
            )
            assert again.returncode == 0, again.stdout + again.stderr
        finally:
            second.send_signal(signal.SIGTERM)
            second.wait(timeout=60)
    finally:
        for process in (first, sender):
            if process.poll() is None:
                process.kill()
                process.communicate(timeout=10)

    after = stored(db)
    assert after["shows"] == 1  # the restart continued the show
    assert after["comment"] == after["distinct"] == expected["comment"]
    assert after["like"] == expected["like"]  # resent likes were not stored twice
    assert after["like_sum"] == expected["like_sum"]
    assert after["viewers"] == expected["viewers"]


def memory_mb(pid: int, field: str) -> float:
    """``VmRSS`` (now) or ``VmHWM`` (peak) of a process, in MB."""
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(f"{field}:"):
                return int(line.split()[1]) / 1024
    raise AssertionError(f"no {field} for {pid}")


SOURCES, EACH = 4, 60_000


def test_several_sources_flooding_at_once_get_everything_stored_in_bounded_memory(
    tmp_path: Path, livedesk_home: Path
) -> None:
    shows = [tmp_path / f"source{n}.jsonl" for n in range(SOURCES)]
    expected = [write_show(show, EACH, prefix=f"s{n}-") for n, show in enumerate(shows)]
    db_file = tmp_path / "relay.db"
    db = f"sqlite:///{db_file}"
    port = free_port()
    running = console(db, livedesk_home, port)
    senders: list[subprocess.Popen[str]] = []
    try:
        wait_for_port(port)
        time.sleep(1.0)  # the window's first paint
        rss_start = memory_mb(running.pid, "VmRSS")
        # Each source sends at the relay's own limit, together several times what the
        # console can store: the relay must hold them back, not queue without end.
        senders = [
            subprocess.Popen(
                send(show, port, f"source{n}"),
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
            )
            for n, show in enumerate(shows)
        ]
        said = [sender.communicate(timeout=240)[0] for sender in senders]
        peak = memory_mb(running.pid, "VmHWM")
    finally:
        running.send_signal(signal.SIGTERM)
        running.wait(timeout=60)
        for process in senders:
            if process.poll() is None:
                process.kill()
                process.communicate(timeout=10)
    for sender, output in zip(senders, said, strict=True):
        assert sender.returncode == 0, output
        assert f"the console stored all {EACH} events" in output
    after = stored(db)
    assert after["comment"] == after["distinct"] == sum(e["comment"] for e in expected)
    assert after["like"] == sum(e["like"] for e in expected)
    assert after["viewers"] == sum(e["viewers"] for e in expected)
    assert peak - rss_start < 300, f"RSS grew from {rss_start:.0f} MB to a peak of {peak:.0f} MB"
