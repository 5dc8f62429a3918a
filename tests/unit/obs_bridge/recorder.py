"""Waiting for things that happen on other threads, without sleeping for a fixed time."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any


def wait_until(predicate: Callable[[], bool], timeout: float = 5.0, what: str = "") -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what or predicate}")
        time.sleep(0.01)


class Recorder:
    """Collects callbacks from any thread, each as (tag, *args), with the threads they ran on."""

    def __init__(self) -> None:
        self.calls: list[tuple[Any, ...]] = []
        self.threads: set[str] = set()
        self._lock = threading.Lock()

    def record(self, tag: str) -> Callable[..., None]:
        def callback(*args: Any) -> None:
            with self._lock:
                self.calls.append((tag, *args))
                self.threads.add(threading.current_thread().name)

        return callback

    def tagged(self, tag: str) -> list[tuple[Any, ...]]:
        with self._lock:
            return [call[1:] for call in self.calls if call[0] == tag]

    def tags(self) -> list[str]:
        with self._lock:
            return [call[0] for call in self.calls]

    def wait_for(self, predicate: Callable[[], bool], timeout: float = 5.0) -> None:
        wait_until(predicate, timeout, "recorded callbacks")
