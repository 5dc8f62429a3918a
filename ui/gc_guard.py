"""Python's cyclic garbage collector runs on the GUI thread only.

Left alone, the collector runs on whichever thread happens to allocate — the storage writer, a
connector — and may destroy a Qt object there while the GUI thread touches it: a deadlock or a
crash (pyqtgraph documents the same hazard). The guard turns automatic collection off and
collects on a GUI-thread timer, by generation, as often as the thresholds ask.

Once the window is up, ``settle`` moves everything that exists then (modules, widgets,
pyqtgraph's items: most of the heap, and it lives as long as the app) into the permanent
generation, so full collections scan only what came after: they took 15-70 ms, stalling the
GUI, when they scanned it all.

A collection stalls the GUI thread for as long as it takes, which grows with the objects it
scans. In a flood of 20,000 comments a second (each alive in the feed and the people index
for a while) a middle-generation collection after ten young ones, CPython's default, took up
to 12 ms of CPU and a young one up to 7 ms. The guard looks every 25 ms and collects the
middle generation after every ``MIDDLE_AFTER`` young collections, so each scans a fraction
of that (up to 5 and 3 ms; every object is scanned there once on its way to the oldest
generation, however often it runs), and a full collection comes about as rarely as before:
after ``FULL_AFTER`` middle ones.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 25
MIDDLE_AFTER = 2  # young collections before the middle generation is collected with them
FULL_AFTER = 50  # middle collections before a full one (10 x 10 young ones, as CPython does)


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
            if counts[1] >= MIDDLE_AFTER:
                generation = 2 if counts[2] >= FULL_AFTER else 1
            gc.collect(generation)
