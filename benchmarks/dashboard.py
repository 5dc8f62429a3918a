"""Dashboard redraw time with 1 minute, 1 hour and 6 hours of one-second samples.

    python benchmarks/dashboard.py [--frames N]

Builds a show of each length (online, likes and comments per second, plus goods-push and
lottery markers), shows the real DashboardPanel offscreen at 1280x800 and times each frame as
the live dashboard does it: one new second of data, refresh() (curves, per-minute series,
tiles) and the event-loop pass that lays out and paints the result. Both the whole-show view
(every point in view: the downsampling case) and the default last-30-minutes view are
measured.
Prints one JSON line; the target is 6 h ≤ 2 × 1 min and ≤ 10 ms per frame.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np
from PySide6.QtWidgets import QApplication

from console.events import Comment, Like, Viewers
from console.metrics import ShowMetrics
from console.storage.writer import AuditRecord
from ui.panels.dashboard_panel import DashboardPanel, TimeWindow

LENGTHS = {"1min": 60, "1h": 3600, "6h": 21_600}


def synthetic_show(seconds: int, rng: np.random.Generator) -> ShowMetrics:
    s = np.arange(seconds, dtype=np.float64)
    online = (
        1500 * (1 - np.exp(-s / 600)) * (1 + 0.1 * np.sin(s / 900)) + rng.normal(0, 15, seconds)
    ).clip(1)
    likes_t = np.repeat(s, 3) + rng.random(seconds * 3)
    comments_t = np.repeat(s, 5) + rng.random(seconds * 5)
    return ShowMetrics.from_columns(
        s,
        online.astype(np.int64),
        np.cumsum(np.full(seconds, 3, dtype=np.int64)),
        likes_t,
        rng.integers(1, 10, len(likes_t)),
        comments_t,
    )


def markers(seconds: int) -> list[AuditRecord]:
    every = max(seconds // 20, 1)
    return [
        AuditRecord(
            "goods.push" if n % 3 else "lottery.draw",
            f"g{n}",
            "ok",
            "bench",
            t=float(t),
            detail={"number": n % 9 + 1, "name": "保温杯"},
        )
        for n, t in enumerate(range(every, seconds, every))
    ]


def time_frames(app: QApplication, panel: DashboardPanel, frames: int) -> list[float]:
    metrics = panel.metrics
    samples = []
    for _ in range(frames):
        second = float(metrics.seconds)
        start = time.perf_counter()
        metrics.add(Viewers(second, 1500, 100_000))
        metrics.add(Like(second + 0.5, "u", 3))
        metrics.add(Comment(second + 0.7, f"c{second}", "u", "n", "hi"))
        panel.refresh()
        app.processEvents()  # lays out and paints what refresh() invalidated
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--frames", type=int, default=60)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    rng = np.random.default_rng(7)
    result: dict[str, object] = {"benchmark": "dashboard_redraw", "frames": args.frames}
    for mode, window in (
        ("whole_show", TimeWindow.WHOLE_SHOW),
        ("last_30min", TimeWindow.LAST_30_MIN),
    ):
        for name, seconds in LENGTHS.items():
            panel = DashboardPanel(synthetic_show(seconds, rng), live=False)
            panel.resize(1280, 800)
            panel.show()
            panel.add_audits(markers(seconds))
            panel.set_window(window)
            time_frames(app, panel, 5)  # warm-up
            samples = sorted(time_frames(app, panel, args.frames))
            result[f"{mode}_{name}_p50_ms"] = round(statistics.median(samples), 2)
            result[f"{mode}_{name}_p99_ms"] = round(
                samples[min(len(samples) - 1, int(len(samples) * 0.99))], 2
            )
            panel.close()
            panel.deleteLater()
            app.processEvents()
        ratio = result[f"{mode}_6h_p50_ms"] / result[f"{mode}_1min_p50_ms"]  # type: ignore[operator]
        result[f"{mode}_ratio_6h_to_1min"] = round(ratio, 2)
    result["target"] = "6h <= 2x 1min and <= 10 ms per frame"
    print(json.dumps(result))


if __name__ == "__main__":
    main()
