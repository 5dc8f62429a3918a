"""A thread that runs listener callbacks one at a time, in the order they were posted.

obs-websocket-py calls its event callbacks on its receive thread: a callback that sends a
request there waits for an answer that only that same thread could read (a deadlock until the
timeout), and a callback that raises kills the thread. The bridge therefore only queues work
on the receive thread and runs listeners here, where they may call OBS and may fail.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable, Iterable
from typing import Any

from obs_bridge.log import log

_STOP = None


class CallbackDispatcher:
    def __init__(self, name: str) -> None:
        self._name = name
        self._lock = threading.Lock()
        self._queue: queue.SimpleQueue[tuple[Callable[..., Any], tuple[Any, ...]] | None] | None
        self._queue = None
        self._thread: threading.Thread | None = None

    def post(self, callback: Callable[..., Any], *args: Any) -> None:
        """Run ``callback(*args)`` on the dispatcher thread; starts the thread when needed."""
        with self._lock:
            if self._queue is None:
                self._queue = queue.SimpleQueue()
                previous = self._thread
                self._thread = threading.Thread(
                    target=self._run, args=(self._queue, previous), name=self._name, daemon=True
                )
                self._thread.start()
            self._queue.put((callback, args))

    def stop(self, timeout: float = 5.0) -> None:
        """Let the thread finish what was posted before, then end it. Safe from a callback
        (it then does not wait for itself) and safe to call when nothing was ever posted."""
        with self._lock:
            work, thread = self._queue, self._thread
            self._queue = None
        if work is None or thread is None:
            return
        work.put(_STOP)
        if thread is not threading.current_thread():
            thread.join(timeout)

    @staticmethod
    def _run(
        work: queue.SimpleQueue[tuple[Callable[..., Any], tuple[Any, ...]] | None],
        previous: threading.Thread | None,
    ) -> None:
        if previous is not None and previous.is_alive():
            previous.join()  # keep the order when a callback stopped and restarted us
        while (item := work.get()) is not _STOP:
            callback, args = item
            try:
                callback(*args)
            except Exception:
                log.exception("An OBS listener raised an exception; it stays registered")


def call_each(
    listeners: Iterable[Callable[..., Any]],
    *args: Any,
    logger: logging.Logger = log,
    what: str = "An OBS",
) -> None:
    """Call every listener with ``args``: each one runs, one that raises is logged and does
    not stop the rest (a broken window must not break what feeds it). ``what`` names the
    listeners in the log."""
    for listener in list(listeners):
        try:
            listener(*args)
        except Exception:
            logger.exception("%s listener raised an exception; it stays registered", what)
