"""Comment flood: the real main window (offscreen) under N comments per second for S seconds.

    python benchmarks/comment_flood.py --rate 5000 --duration 60 [--connector demo|replay]

Measures, while the demo room (or a replay of a generated show at --rate) floods the console:
- GUI event-loop lag: lateness of a 5 ms timer on the GUI thread, p50/p99 (ms);
- comments offered (received from the source), stored (counted in the database after the
  run) and shown (rows that reached the comment feed);
- moderation latency: every second a visible comment is deleted through the same call a row
  button makes; the time until the feed's next paint shows it (ms, p50/p99);
- peak RSS and RSS growth from the start of the flood to its end (MB).
Prints one JSON line. Targets (2 cores): 5,000/s for 60 s with p99 lag <= 16 ms and
stored == offered; 300,000 comments with RSS growth <= 150 MB; moderation within 100 ms.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("LIVEDESK_HOME", tempfile.mkdtemp(prefix="livedesk-bench-"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QElapsedTimer, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import QApplication

from console.commands import CommandId
from console.platforms.demo import DemoConnector, DemoSettings, export_show
from console.platforms.replay import ReplayConnector
from console.session import LiveSession
from console.storage.queries import stored_counts
from ui.gc_guard import GcGuard
from ui.i18n import install_translators
from ui.main_window import MainWindow

LAG_INTERVAL_MS = 5


def rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * q))]


class PaintWatch(QObject):
    """Notes when the comment view's viewport was last painted."""

    def __init__(self, clock: QElapsedTimer) -> None:
        super().__init__()
        self.clock = clock
        self.last_paint_ns = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.last_paint_ns = self.clock.nsecsElapsed()
        return False


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rate", type=float, default=5000, help="comments per second")
    parser.add_argument("--duration", type=float, default=60, help="seconds of flood")
    parser.add_argument("--connector", choices=("demo", "replay"), default="demo")
    args = parser.parse_args()

    app = QApplication.instance() or QApplication([])
    install_translators(app)
    gc_guard = GcGuard(app)
    QCursor.setPos(10_000, 10_000)  # a pointer resting on the feed would pause it

    home = Path(os.environ["LIVEDESK_HOME"])
    if args.connector == "demo":
        connector = DemoConnector(DemoSettings(seed=2026, comment_rate=args.rate))
    else:
        show = home / "flood.jsonl"
        export_show(DemoSettings(seed=2026, comment_rate=args.rate), int(args.duration) + 5, show)
        connector = ReplayConnector(show, speed=1.0)
    session = LiveSession(connector, f"sqlite:///{(home / 'flood.db').as_posix()}")
    window = MainWindow(session)
    window.first_painted.connect(gc_guard.settle)  # as the app does
    window.resize(1280, 800)
    window.show()
    app.processEvents()

    clock = QElapsedTimer()
    clock.start()
    lags: list[float] = []
    moderation_ms: list[float] = []
    shown = 0
    pending: list[tuple[int, str]] = []  # (trigger time ns, comment id)
    watch = PaintWatch(clock)
    window.comment_panel.view.viewport().installEventFilter(watch)

    def count_rows(_parent: object, first: int, last: int) -> None:
        nonlocal shown
        shown += last - first + 1

    window.comment_model.rowsInserted.connect(count_rows)

    last_tick = [clock.nsecsElapsed()]

    def tick() -> None:
        now = clock.nsecsElapsed()
        lags.append(max(0.0, (now - last_tick[0]) / 1e6 - LAG_INTERVAL_MS))
        last_tick[0] = now
        if pending and watch.last_paint_ns > pending[0][0]:
            started, _comment_id = pending.pop(0)
            moderation_ms.append((watch.last_paint_ns - started) / 1e6)

    def moderate() -> None:
        model = window.comment_model
        if model.rowCount() == 0 or pending:
            return
        comment = model.comment_at(model.rowCount() - 1)
        pending.append((clock.nsecsElapsed(), comment.id))
        # What the row's delete button runs.
        window.runner.run(CommandId.COMMENT_DELETE, {"comment_id": comment.id})

    session.start()
    rss_start = rss_mb()
    lag_timer = QTimer()
    lag_timer.setTimerType(Qt.TimerType.PreciseTimer)
    lag_timer.timeout.connect(tick)
    lag_timer.start(LAG_INTERVAL_MS)
    moderation_timer = QTimer()
    moderation_timer.timeout.connect(moderate)
    moderation_timer.start(1000)
    started = time.monotonic()
    while time.monotonic() - started < args.duration:
        app.processEvents()
        time.sleep(0.001)
    lag_timer.stop()
    moderation_timer.stop()
    rss_end = rss_mb()
    flood_seconds = time.monotonic() - started

    window.close()
    app.processEvents()
    saved = session.stop(timeout=120)
    counters = session.show.counters()
    offered = counters.received.get("comment", 0)
    stored = stored_counts(session.engine, session.writer.show_id())["comment"]
    result = {
        "benchmark": "comment_flood",
        "connector": args.connector,
        "requested_rate": args.rate,
        "duration_s": round(flood_seconds, 1),
        "offered": offered,
        "offered_rate": round(offered / flood_seconds, 1),
        "stored": stored,
        "stored_equals_offered": stored == offered and saved,
        "shown": shown,
        "lag_p50_ms": round(statistics.median(lags), 2) if lags else None,
        "lag_p99_ms": round(percentile(lags, 0.99), 2),
        "lag_max_ms": round(max(lags), 2) if lags else None,
        "moderation_samples": len(moderation_ms),
        "moderation_p50_ms": round(statistics.median(moderation_ms), 1) if moderation_ms else None,
        "moderation_p99_ms": round(percentile(moderation_ms, 0.99), 1),
        "rss_start_mb": round(rss_start, 1),
        "rss_end_mb": round(rss_end, 1),
        "rss_growth_mb": round(rss_end - rss_start, 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
