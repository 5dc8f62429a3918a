"""The core's clock: one thread that runs the console's own timed duties a few times a second
(lottery countdowns and like thresholds, keeping a watched room list fresh), whether or not a
window is open. A duty that raises is logged and keeps its place."""

from __future__ import annotations

import threading
from collections.abc import Callable

from console.listeners import call_each

TICK_S = 0.25


class Ticker:
    def __init__(self, interval: float = TICK_S) -> None:
        self._interval = interval
        self._duties: list[Callable[[], None]] = []
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def add(self, duty: Callable[[], None]) -> None:
        self._duties.append(duty)

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="ticker", daemon=True)
            self._thread.start()

    def stop(self, timeout: float = 2.0) -> None:
        self._stop.set()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout)

    def _run(self) -> None:
        while not self._stop.wait(self._interval):
            call_each(self._duties, what="A timed")
