"""A recording event sink for connector tests."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from console.events import Event, RejectReason
from console.origin import Origin


class RecordingSink:
    def __init__(self) -> None:
        self.events: list[Event] = []
        self.rejected: Counter[str] = Counter()
        self.details: list[str] = []
        self.origins: list[Origin | None] = []
        self.busy = False  # a test sets it to see a source hold back
        self._commit_listeners: list[Callable[[int], None]] = []

    def ingest(self, event: Event, origin: Origin | None = None) -> bool:
        """Records the event and reports it stored at once (there is no database here)."""
        self.events.append(event)
        self.origins.append(origin)
        for callback in self._commit_listeners:
            callback(len(self.events))
        return True

    def ticket(self) -> int:
        return len(self.events)

    def add_commit_listener(self, callback: Callable[[int], None]) -> None:
        self._commit_listeners.append(callback)

    def reject(self, reason: RejectReason, detail: str) -> None:
        self.rejected[reason.value] += 1
        self.details.append(detail)
