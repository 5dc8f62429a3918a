"""A large replay file at --speed 0: the real main window (offscreen) plays it as fast as it can.

    python benchmarks/replay_large.py [--megabytes 200]

Writes a JSONL show of the given size (comments, likes, viewer samples, plus one line over the
1 MiB line limit), plays it into the console as fast as possible and measures:
- GUI event-loop lag: lateness of a 5 ms timer on the GUI thread, p50/p99/max (ms);
- RSS at the start, its peak during the replay, and the growth (MB);
- events stored vs. the file's valid events, and how long the replay took.
Prints one JSON line. Targets (2 cores): the GUI never stalls more than 250 ms, RSS stays
bounded (the file is read as it plays; sources wait while the console is behind).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("LIVEDESK_HOME", tempfile.mkdtemp(prefix="livedesk-bench-"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from comment_flood import LAG_INTERVAL_MS, percentile, rss_mb, run_for
from PySide6.QtCore import QElapsedTimer, Qt, QTimer
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import QApplication

from console.platforms.replay import ReplayConnector
from console.session import LiveSession
from console.storage.queries import stored_counts
from ui.gc_guard import GcGuard
from ui.i18n import install_translators
from ui.main_window import MainWindow

TIMEOUT_S = 900.0
WORDS = ("想要链接", "主播好美", "多少钱", "已下单", "上车", "第几号链接", "有优惠吗", "好看")


def write_show(path: Path, megabytes: int) -> int:
    """A show of about ``megabytes`` MB with one over-long line; returns its valid events."""
    rng = random.Random(2026)
    limit = megabytes * 1024 * 1024
    written = valid = 0
    with path.open("w", encoding="utf-8") as out:
        while written < limit:
            t = valid / 2000
            kind = rng.random()
            if kind < 0.85:
                user = rng.randrange(50_000)
                event: dict[str, Any] = {
                    "t": t,
                    "type": "comment",
                    "id": f"c{valid}",
                    "user_id": f"u{user}",
                    "nickname": f"观众{user}",
                    "text": f"{rng.choice(WORDS)} {valid}",
                }
            elif kind < 0.98:
                event = {"t": t, "type": "like", "user_id": f"u{valid % 977}", "count": 3}
            else:
                event = {"t": t, "type": "viewers", "online": 10_000, "total": 50_000 + valid}
            line = json.dumps(event, ensure_ascii=False) + "\n"
            written += out.write(line)
            valid += 1
            if valid == 1000:  # one line far over the limit: skipped, never held whole
                written += out.write('{"t": 0.5, "text": "' + "长" * 3_000_000 + '"}\n')
    return valid


def run(args: argparse.Namespace) -> dict[str, Any]:
    home = Path(os.environ["LIVEDESK_HOME"])
    show = home / "large.jsonl"
    valid = write_show(show, args.megabytes)

    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    install_translators(app)
    gc_guard = GcGuard(app)
    QCursor.setPos(10_000, 10_000)
    connector = ReplayConnector(show, speed=0)
    session = LiveSession(connector, f"sqlite:///{(home / 'large.db').as_posix()}")
    window = MainWindow(session)
    window.first_painted.connect(gc_guard.settle)
    window.resize(1280, 800)
    window.show()
    app.processEvents()

    clock = QElapsedTimer()
    lags: list[float] = []
    last_tick = [0]
    rss_peak = [0.0]

    def tick() -> None:
        now = clock.nsecsElapsed()
        lags.append(max(0.0, (now - last_tick[0]) / 1e6 - LAG_INTERVAL_MS))
        last_tick[0] = now

    def sample_rss() -> None:
        rss_peak[0] = max(rss_peak[0], rss_mb())

    rss_start = rss_mb()
    session.start()
    lag_timer = QTimer()
    lag_timer.setTimerType(Qt.TimerType.PreciseTimer)
    lag_timer.timeout.connect(tick)
    rss_timer = QTimer()
    rss_timer.timeout.connect(sample_rss)
    clock.start()
    last_tick[0] = clock.nsecsElapsed()
    lag_timer.start(LAG_INTERVAL_MS)
    rss_timer.start(200)
    started = time.monotonic()
    while not connector.finished and time.monotonic() - started < TIMEOUT_S:
        run_for(app, 0.5)
    played_s = time.monotonic() - started
    lag_timer.stop()
    rss_timer.stop()
    sample_rss()
    window.close_now()
    app.processEvents()
    saved = session.stop(timeout=120)
    stored = stored_counts(session.engine, session.writer.show_id())
    counters = session.show.counters()
    return {
        "benchmark": "replay_large",
        "file_mb": round(show.stat().st_size / 1e6, 1),
        "valid_events": valid,
        "finished": connector.finished,
        "played_s": round(played_s, 1),
        "events_per_s": round(valid / played_s),
        "stored": sum(stored.values()),
        "stored_equals_valid": sum(stored.values()) == valid and saved,
        "rejected": counters.rejected,
        "lag_p50_ms": round(statistics.median(lags), 2) if lags else None,
        "lag_p99_ms": round(percentile(lags, 0.99), 2),
        "lag_max_ms": round(max(lags), 1) if lags else None,
        "rss_start_mb": round(rss_start, 1),
        "rss_peak_mb": round(rss_peak[0], 1),
        "rss_growth_mb": round(rss_peak[0] - rss_start, 1),
        "load_average": round(os.getloadavg()[0], 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--megabytes", type=int, default=200, help="file size (default 200)")
    print(json.dumps(run(parser.parse_args())), flush=True)


if __name__ == "__main__":
    main()
