"""A recording event sink for connector tests."""

from __future__ import annotations

from collections import Counter

from console.events import Event, RejectReason


class RecordingSink:
    def __init__(self) -> None:
        self.events: list[Event] = []
        self.rejected: Counter[str] = Counter()
        self.details: list[str] = []

    def ingest(self, event: Event) -> bool:
        self.events.append(event)
        return True

    def reject(self, reason: RejectReason, detail: str) -> None:
        self.rejected[reason.value] += 1
        self.details.append(detail)
