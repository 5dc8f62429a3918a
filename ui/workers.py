"""Running blocking work (platform calls, database reads) off the GUI thread.

``run_in_worker(fn, on_result, on_error, context=widget)`` runs ``fn`` on a thread pool and
delivers the result or the exception back on the GUI thread, while ``widget`` still exists.
Results travel through one long-lived QObject created on the GUI thread, so no Qt object is
ever created or destroyed on a worker.

``fn`` itself must not use Qt objects either (no QImage.fromData, QImage.save, QFile, ...):
PySide keeps Python's GIL while Qt runs, so a worker inside such a call holds the GIL and
waits for a lock of Qt's that the GUI thread, destroying a QObject, holds while it waits for
the GIL. That deadlock froze the window (found decoding goods covers): read and write bytes
here, decode and encode on the GUI thread.
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from console.log import ui as log

_Callbacks = tuple[Callable[[Any], None] | None, Callable[[Exception], None] | None, QObject | None]


class _Dispatcher(QObject):
    done = Signal(int, object, object)  # ticket, result, exception

    def __init__(self) -> None:
        super().__init__()
        self._waiting: dict[int, _Callbacks] = {}
        self._tickets = itertools.count(1)
        self._lock = threading.Lock()
        self.done.connect(self._finish)

    def register(self, callbacks: _Callbacks) -> int:
        with self._lock:
            ticket = next(self._tickets)
            self._waiting[ticket] = callbacks
        return ticket

    def _finish(self, ticket: int, result: Any, error: Exception | None) -> None:
        with self._lock:
            on_result, on_error, context = self._waiting.pop(ticket)
        if not shiboken6.isValid(context):
            log.debug("worker result dropped: its window or widget is gone")
            return
        if error is not None:
            if on_error is not None:
                on_error(error)
            else:
                log.error("background task failed: %s", error)
        elif on_result is not None:
            on_result(result)


_dispatcher: _Dispatcher | None = None


def _get_dispatcher() -> _Dispatcher:
    """Created on first use, which is on the GUI thread (workers are started from there)."""
    global _dispatcher
    if _dispatcher is None:
        _dispatcher = _Dispatcher()
    return _dispatcher


class _Task(QRunnable):
    def __init__(self, fn: Callable[[], Any], ticket: int, dispatcher: _Dispatcher) -> None:
        super().__init__()
        self._fn = fn
        self._ticket = ticket
        self._dispatcher = dispatcher

    def run(self) -> None:
        try:
            result = self._fn()
        except Exception as exc:
            log.debug("worker task failed: %r", exc)
            self._dispatcher.done.emit(self._ticket, None, exc)
            return
        self._dispatcher.done.emit(self._ticket, result, None)


def run_in_worker(
    fn: Callable[[], Any],
    on_result: Callable[[Any], None] | None = None,
    on_error: Callable[[Exception], None] | None = None,
    *,
    context: QObject,
    pool: QThreadPool | None = None,
) -> None:
    """Run ``fn`` on a worker thread (of ``pool``, default Qt's global pool); the callbacks
    run on the GUI thread afterwards, unless ``context`` (the widget or object they belong to)
    has been destroyed by then: a result arriving after its window closed is dropped."""
    dispatcher = _get_dispatcher()
    ticket = dispatcher.register((on_result, on_error, context))
    (pool or QThreadPool.globalInstance()).start(_Task(fn, ticket, dispatcher))


WORKER_THREADS = 8


def configure_workers() -> None:
    """Enough worker threads that a slow platform call (a WeChat timeout is 10 s) never holds
    up a quick database read: the work is I/O, not CPU."""
    QThreadPool.globalInstance().setMaxThreadCount(WORKER_THREADS)


def serial_pool(parent: QObject) -> QThreadPool:
    """A pool with one thread: tasks run one after another, in the order they were started."""
    pool = QThreadPool(parent)
    pool.setMaxThreadCount(1)
    return pool


def wait_for_workers(timeout_ms: int = 10_000) -> bool:
    """Block until every queued task of the global pool ran (at shutdown, and in tests)."""
    return QThreadPool.globalInstance().waitForDone(timeout_ms)
