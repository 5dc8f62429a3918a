"""Per-second time series of a show: online viewers, likes and comments.

One bucket per second of show time (the dashboard's step, as in the WeChat Channels
live dashboard data model). Arrays grow by doubling, so a six-hour show (21,600 seconds)
costs a few hundred kilobytes and adding an event is O(1).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from console.events import Comment, Event, Like, Viewers

_INITIAL_SECONDS = 1024
# A change against fewer events (or viewers on average) than this says nothing: 2 likes
# before and 900 after is "+44900%".
MIN_CHANGE_BASE = 10


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
        """``add`` each event, in order; comments and likes are summed per second first (a
        flood's batch touches a second or two), viewer counts are taken as they come."""
        comments: dict[int, int] = {}
        likes: dict[int, int] = {}
        for event in events:
            kind = type(event)
            if kind is Comment:
                second = int(event.t)
                comments[second] = comments.get(second, 0) + 1
            elif kind is Like:
                second = int(event.t)
                likes[second] = likes.get(second, 0) + event.count  # type: ignore[union-attr]
            else:  # a sample carries the series forward from the seconds covered before it
                self._add_counts(comments, likes)
                comments, likes = {}, {}
                self.add(event)
        self._add_counts(comments, likes)

    def _add_counts(self, comments: dict[int, int], likes: dict[int, int]) -> None:
        if not comments and not likes:
            return
        self._cover(max(max(comments, default=0), max(likes, default=0)))
        for second, count in comments.items():
            self._comments[second] += count
        for second, count in likes.items():
            self._likes[second] += count
        self.version += 1

    def take_over(self, earlier: ShowMetrics) -> None:
        """Continue the series of ``earlier`` (a show's stored part, console.continuation),
        whose seconds come before any this one holds."""
        ours = self._n
        self._cover(max(earlier._n, ours) - 1)
        for name in ("_online", "_total", "_likes", "_comments"):
            mine, theirs = getattr(self, name), getattr(earlier, name)
            mine[: earlier._n] += theirs[: earlier._n]
        self.version += 1

    @classmethod
    def from_columns(
        cls,
        viewer_t: NDArray[np.float64],
        online: NDArray[np.int64],
        total: NDArray[np.int64],
        like_t: NDArray[np.float64],
        like_count: NDArray[np.int64],
        comment_t: NDArray[np.float64],
    ) -> ShowMetrics:
        """Build the series of a stored show at once (vectorized; a six-hour show with
        300,000 comments loads in milliseconds)."""
        metrics = cls()
        ends = [int(a.max()) for a in (viewer_t, like_t, comment_t) if len(a)]
        if not ends:
            return metrics
        metrics._cover(max(ends))
        n = metrics._n
        metrics._likes[:n] = np.bincount(like_t.astype(np.int64), weights=like_count, minlength=n)[
            :n
        ]
        metrics._comments[:n] = np.bincount(comment_t.astype(np.int64), minlength=n)[:n]
        if len(viewer_t):
            order = np.argsort(viewer_t, kind="stable")
            seconds = viewer_t[order].astype(np.int64)
            # Each sample holds until the next one: index of the last sample at or before s.
            last = np.searchsorted(seconds, np.arange(n), side="right") - 1
            known = last >= 0
            metrics._online[:n][known] = online[order][last[known]]
            metrics._total[:n][known] = total[order][last[known]]
        metrics.version += 1
        return metrics

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

    def likes_per_minute(self) -> NDArray[np.int64]:
        """Likes in the 60 seconds up to each second (a rolling per-minute rate)."""
        return _trailing_minute(self._likes[: self._n])

    def comments_per_minute(self) -> NDArray[np.int64]:
        """Comments in the 60 seconds up to each second."""
        return _trailing_minute(self._comments[: self._n])

    def current_online(self) -> int:
        return int(self._online[self._n - 1]) if self._n else 0

    def peak_online(self) -> tuple[int, int]:
        """The highest online count and the second it was reached."""
        if not self._n:
            return 0, 0
        second = int(np.argmax(self._online[: self._n]))
        return int(self._online[second]), second

    def total_likes(self) -> int:
        return int(self._likes[: self._n].sum())

    def total_comments(self) -> int:
        return int(self._comments[: self._n].sum())

    def window(self, start: float, end: float) -> WindowStats:
        """Sums and averages over the seconds [start, end), clipped to the show."""
        lo, hi = max(0, int(start)), min(self._n, int(end))
        if hi <= lo:
            return WindowStats(0, 0, 0.0, 0)
        return WindowStats(
            comments=int(self._comments[lo:hi].sum()),
            likes=int(self._likes[lo:hi].sum()),
            average_online=float(self._online[lo:hi].mean()),
            seconds=hi - lo,
        )


@dataclass(frozen=True, slots=True)
class WindowStats:
    comments: int
    likes: int
    average_online: float
    seconds: int  # how much of the asked window the show covers


def _trailing_minute(per_second: NDArray[np.int64]) -> NDArray[np.int64]:
    total = np.cumsum(per_second)
    out = total.copy()
    out[60:] -= total[:-60]
    return out


def change_ratio(recent: float, previous: float) -> float | None:
    """Relative change of ``recent`` over ``previous`` (0.25 = +25 %); None when ``previous``
    is too small a base (under MIN_CHANGE_BASE) to compare with."""
    return None if previous < MIN_CHANGE_BASE else recent / previous - 1.0
