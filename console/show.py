"""LiveShow: the single door through which live-room events enter the console.

Connectors call ``ingest``/``reject`` from their own threads. LiveShow drops duplicate
comment ids, gives each comment its verdict (hidden, question, highlight — see
console.moderation), counts what it received, hands every event to the storage writer and
queues it for the UI, which drains the queue in batches on its own timer (DESIGN.md).

Sources ask ``busy`` before they deliver more: it is true while the writer is behind, or
while a window that drains the UI queue has fallen behind it. Paced sources (demo, replay)
then wait; the relay stops reading and tells its sources. Nothing accepted is ever dropped
for storage; only the UI queue of a console without a window is bounded (no one reads it).
"""

from __future__ import annotations

import threading
from collections import Counter, deque
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace

from console.events import Comment, Event, RejectReason, Viewers
from console.log import platform as log
from console.origin import Origin
from console.storage.writer import SEEN_IDS_KEPT, StorageWriter
from console.verdicts import PLAIN, Verdict

# A window draining the UI queue that falls this far behind makes the show busy.
UI_BUSY_ITEMS = 20_000
# Arrivals kept for a UI that never drains (a headless run), newest last.
UNREAD_UI_ITEMS = 50_000


@dataclass(frozen=True, slots=True)
class ShowCounters:
    """A consistent copy of the counters, safe to read on any thread."""

    received: dict[str, int]
    duplicates: int
    rejected: dict[str, int]

    @property
    def received_total(self) -> int:
        return sum(self.received.values())

    @property
    def rejected_total(self) -> int:
        return sum(self.rejected.values())


@dataclass(frozen=True, slots=True)
class Arrival:
    """An event as the UI receives it; comments carry the console's verdict.

    A dataclass, not a tuple: PySide6 would turn a tuple returned from a model into a list.
    """

    event: Event
    verdict: Verdict = PLAIN


class LiveShow:
    def __init__(
        self,
        writer: StorageWriter | None = None,
        *,
        classify: Callable[[Comment], Verdict] | None = None,
    ) -> None:
        self._writer = writer
        self.classify = classify
        self._lock = threading.Lock()
        self._received: Counter[str] = Counter()
        self._rejected: Counter[str] = Counter()
        self._duplicates = 0
        self._seen_comment_ids: set[str] = set()
        self._seen_order: deque[str] = deque()  # the same ids, oldest first
        self._ui_queue: deque[Arrival] = deque(maxlen=UNREAD_UI_ITEMS)
        self._ui_draining = False  # a window drains the queue: it counts in ``busy``
        self._marks: dict[str, int] = {}  # the last seq accepted per source
        self._listeners: list[Callable[[Event], None]] = []
        self.latest_t = 0.0
        self.viewers: Viewers | None = None  # the latest count
        self._t_offset = 0.0

    def resume(
        self,
        seen_comment_ids: Iterable[str],
        t_offset: float,
        received: Mapping[str, int] | None = None,
        marks: Mapping[str, int] | None = None,
    ) -> None:
        """Continue a show left open: comments already stored stay duplicates, a source whose
        clock restarted at zero (``t_offset`` > 0) continues after them, the counts go on
        from what the show ``received`` before (events per type), and events a source
        numbered up to its stored mark (``marks``: last seq per source) are duplicates."""
        with self._lock:
            for comment_id in seen_comment_ids:
                self._remember(comment_id)
            self._marks.update(marks or {})
            self._t_offset = t_offset
            self.latest_t = max(self.latest_t, t_offset)
            self._received.update(received or {})

    def _remember(self, comment_id: str) -> None:
        """Keep ``comment_id`` among the seen ones, forgetting the oldest beyond SEEN_IDS_KEPT
        (memory stays bounded however long the show). Called under the lock."""
        if comment_id in self._seen_comment_ids:
            return
        self._seen_comment_ids.add(comment_id)
        self._seen_order.append(comment_id)
        if len(self._seen_order) > SEEN_IDS_KEPT:
            self._seen_comment_ids.discard(self._seen_order.popleft())

    def add_listener(self, callback: Callable[[Event], None]) -> None:
        """``callback(event)`` runs on the connector's thread for every accepted event."""
        self._listeners.append(callback)

    def clock(self) -> float:
        """Show time now: the newest ``t`` any source has delivered."""
        return self.latest_t

    @property
    def busy(self) -> bool:
        """Whether sources should hold back now (see the module docstring)."""
        if self._writer is not None and self._writer.busy:
            return True
        return self._ui_draining and len(self._ui_queue) > UI_BUSY_ITEMS

    def ticket(self) -> int:
        """Everything accepted before this call is stored once the writer's ``committed``
        reaches the returned ticket (0 without a writer)."""
        return self._writer.ticket() if self._writer is not None else 0

    def add_commit_listener(self, callback: Callable[[int], None]) -> None:
        """``callback(committed)`` runs on the writer thread after every commit: tickets up
        to ``committed`` are stored (never called without a writer: nothing is stored)."""
        if self._writer is not None:
            self._writer.add_commit_listener(callback)

    def ingest(self, event: Event, origin: Origin | None = None) -> bool:
        """Accept one valid event; False when it is a duplicate (ignored): a comment id the
        show has, or an ``origin`` seq at or below its source's last."""
        if self._t_offset:
            event = replace(event, t=event.t + self._t_offset)
        with self._lock:
            if origin is not None:
                if origin.seq <= self._marks.get(origin.source, -1):
                    self._duplicates += 1
                    return False
                self._marks[origin.source] = origin.seq
            if isinstance(event, Comment):
                if event.id in self._seen_comment_ids:
                    self._duplicates += 1
                    return False
                self._remember(event.id)
            self._received[event.type] += 1
            if event.t > self.latest_t:
                self.latest_t = event.t
            if isinstance(event, Viewers):
                self.viewers = event
        verdict = PLAIN
        if isinstance(event, Comment) and self.classify is not None:
            verdict = self.classify(event)
        if self._writer is not None:
            self._writer.add(event, verdict.stored_state, origin)
        self._ui_queue.append(Arrival(event, verdict))
        for callback in self._listeners:
            try:
                callback(event)
            except Exception:
                log.exception("event listener failed")
        return True

    def reject(self, reason: RejectReason, detail: str) -> None:
        """Count an input the source could not turn into an event."""
        with self._lock:
            self._rejected[reason.value] += 1
        log.debug("rejected input (%s): %s", reason.value, detail)

    def drain(self, limit: int = 1_000_000) -> list[Arrival]:
        """Take up to ``limit`` queued arrivals for the UI, oldest first."""
        self._ui_draining = True
        out: list[Arrival] = []
        queue = self._ui_queue
        while queue and len(out) < limit:
            out.append(queue.popleft())
        return out

    def counters(self) -> ShowCounters:
        with self._lock:
            return ShowCounters(dict(self._received), self._duplicates, dict(self._rejected))
