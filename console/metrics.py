"""Per-second time series of a show: online viewers, likes and comments.

One bucket per second of show time (the dashboard's step, as in the WeChat Channels
live dashboard data model). Arrays grow by doubling, so a six-hour show (21,600 seconds)
costs a few hundred kilobytes and adding an event is O(1).
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
from numpy.typing import NDArray

from console.events import Comment, Event, Like, Viewers

_INITIAL_SECONDS = 1024


class ShowMetrics:
    def __init__(self) -> None:
        self._n = 0  # seconds covered: buckets 0 .. n-1
        self._online = np.zeros(_INITIAL_SECONDS, dtype=np.int64)
        self._total = np.zeros(_INITIAL_SECONDS, dtype=np.int64)
        self._likes = np.zeros(_INITIAL_SECONDS, dtype=np.int64)
        self._comments = np.zeros(_INITIAL_SECONDS, dtype=np.int64)
        self.version = 0  # bumps on every change, so views redraw only when needed

    @property
    def seconds(self) -> int:
        return self._n

    def add(self, event: Event) -> None:
        second = int(event.t)
        self._cover(second)
        if isinstance(event, Comment):
            self._comments[second] += 1
        elif isinstance(event, Like):
            self._likes[second] += event.count
        elif isinstance(event, Viewers):
            # A viewer count holds until the next sample (``_cover`` carries it forward).
            self._online[second] = event.online
            self._total[second] = event.total
        self.version += 1

    def add_many(self, events: Iterable[Event]) -> None:
        for event in events:
            self.add(event)

    def _cover(self, second: int) -> None:
        if second < self._n:
            return
        if second >= len(self._online):
            size = len(self._online)
            while size <= second:
                size *= 2
            for name in ("_online", "_total", "_likes", "_comments"):
                old = getattr(self, name)
                grown = np.zeros(size, dtype=old.dtype)
                grown[: self._n] = old[: self._n]
                setattr(self, name, grown)
        if self._n:
            self._online[self._n : second + 1] = self._online[self._n - 1]
            self._total[self._n : second + 1] = self._total[self._n - 1]
        self._n = second + 1

    # -- views (copies are cheap at these sizes and safe to hand to a plot) -----------------
    def time_axis(self) -> NDArray[np.float64]:
        return np.arange(self._n, dtype=np.float64)

    def online(self) -> NDArray[np.int64]:
        return self._online[: self._n].copy()

    def total_viewers(self) -> NDArray[np.int64]:
        return self._total[: self._n].copy()

    def likes_per_second(self) -> NDArray[np.int64]:
        return self._likes[: self._n].copy()

    def likes_cumulative(self) -> NDArray[np.int64]:
        return np.cumsum(self._likes[: self._n])

    def comments_per_second(self) -> NDArray[np.int64]:
        return self._comments[: self._n].copy()

    def current_online(self) -> int:
        return int(self._online[self._n - 1]) if self._n else 0

    def total_likes(self) -> int:
        return int(self._likes[: self._n].sum())
