"""Python's cyclic garbage collector runs on the GUI thread only.

Left alone, the collector runs on whichever thread happens to allocate — the storage writer, a
connector — and may destroy a Qt object there while the GUI thread touches it: a deadlock or a
crash (pyqtgraph documents the same hazard). The guard turns automatic collection off and
collects on a GUI-thread timer, by generation, as often as the thresholds ask.

Once the window is up, ``settle`` moves everything that exists then (modules, widgets,
pyqtgraph's items: most of the heap, and it lives as long as the app) into the permanent
generation, so full collections scan only what came after: they took 15-70 ms, stalling the
GUI, when they scanned it all.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 100


class GcGuard(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thresholds = gc.get_threshold()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(INTERVAL_MS)
        self._timer.timeout.connect(self.check)
        self._timer.start()

    def settle(self) -> None:
        """Collect once and freeze the survivors (call when startup is done)."""
        gc.collect()
        gc.freeze()

    def check(self) -> None:
        counts = gc.get_count()
        if counts[0] > self._thresholds[0]:
            generation = 0
            if counts[1] > self._thresholds[1]:
                generation = 2 if counts[2] > self._thresholds[2] else 1
            gc.collect(generation)
