"""Collect callbacks (OBS events, supervisor states) and wait for the one a test expects."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any


class EventLog:
    def __init__(self) -> None:
        self.entries: list[tuple[Any, ...]] = []
        self._changed = threading.Condition()

    def __call__(self, *entry: Any) -> None:
        with self._changed:
            self.entries.append(entry)
            self._changed.notify_all()

    def wait_for(
        self, matches: Callable[[tuple[Any, ...]], bool], timeout: float = 20.0, count: int = 1
    ) -> tuple[Any, ...]:
        """Wait until ``count`` entries match; returns the last of them."""
        with self._changed:
            found = self._changed.wait_for(lambda: len(self._matching(matches)) >= count, timeout)
            assert found, f"waited {timeout} s in vain; got {self.entries}"
            return self._matching(matches)[count - 1]

    def _matching(self, matches: Callable[[tuple[Any, ...]], bool]) -> list[tuple[Any, ...]]:
        return [entry for entry in self.entries if matches(entry)]


def event_named(name: str, **data: Any) -> Callable[[tuple[Any, ...]], bool]:
    """Matches ``(name, data)`` entries whose data contains ``data``."""

    def matches(entry: tuple[Any, ...]) -> bool:
        event, payload = entry
        return event == name and all(payload.get(k) == v for k, v in data.items())

    return matches


def eventually(predicate: Callable[[], bool], timeout: float = 15.0, what: str = "") -> None:
    """Poll ``predicate`` until it holds; for OBS state that trails its own events."""
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, f"waited {timeout} s in vain for {what or predicate}"
        time.sleep(0.1)
