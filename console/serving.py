"""Running a local asyncio server (the relay, the control API) beside the GUI: an event loop on
its own daemon thread, and the socket it serves on bound before it starts, so a port that is
taken is reported at once, in the caller's thread.

Starting a loop thread raises the process's open-file limit (console.open_files). When files
run out all the same, asyncio's ``accept`` fails, and retries, many times a second, each time
through the loop's exception handler, which would log a traceback per attempt: the loop's
handler logs that once per interval with a count instead (console.throttled_log).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import errno
import socket
import threading
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

from console.log import app as log
from console.open_files import raise_open_file_limit
from console.throttled_log import ThrottledLog

T = TypeVar("T")

# What asyncio's accept reports through the exception handler when it runs out of resources
# (it then pauses accepting for a second and tries again).
ACCEPT_RESOURCE_ERRORS = frozenset({errno.EMFILE, errno.ENFILE, errno.ENOBUFS, errno.ENOMEM})


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on ``host:port`` (port 0: any free one); raises OSError."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    return socket.create_server((host, port), family=family)


class LoopThread:
    def __init__(self, name: str) -> None:
        self._name = name
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None

    @property
    def running(self) -> bool:
        return self._loop is not None

    def start(self) -> None:
        raise_open_file_limit()
        loop = asyncio.new_event_loop()
        loop.set_exception_handler(_ExceptionHandler(loop, self._name))
        thread = threading.Thread(target=self._run, args=(loop,), name=self._name, daemon=True)
        thread.start()
        self._loop, self._thread = loop, thread

    def run(self, coroutine: Coroutine[Any, Any, T], timeout: float) -> T:
        """Run ``coroutine`` on the loop and wait for its result (at most ``timeout`` s)."""
        return self.submit(coroutine).result(timeout)

    def submit(self, coroutine: Coroutine[Any, Any, T]) -> concurrent.futures.Future[T]:
        if self._loop is None:
            coroutine.close()
            raise RuntimeError(f"{self._name} is not running")
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop)

    def call_soon(self, callback: Callable[..., object], *args: object) -> None:
        """Run ``callback(*args)`` on the loop (from any thread); nothing once it stopped."""
        loop = self._loop
        if loop is not None and not loop.is_closed():
            with contextlib.suppress(RuntimeError):  # closed meanwhile
                loop.call_soon_threadsafe(callback, *args)

    def stop(self, timeout: float) -> None:
        loop, thread = self._loop, self._thread
        self._loop = self._thread = None
        if loop is None or thread is None:
            return
        loop.call_soon_threadsafe(loop.stop)
        thread.join(timeout)
        if not thread.is_alive():
            loop.close()

    @staticmethod
    def _run(loop: asyncio.AbstractEventLoop) -> None:
        asyncio.set_event_loop(loop)
        loop.run_forever()


class _ExceptionHandler:
    """The loop's exception handler: failed accepts once per interval, the rest as asyncio
    would log them."""

    def __init__(self, loop: asyncio.AbstractEventLoop, name: str) -> None:
        self._name = name
        self._accept_failures = ThrottledLog(loop, log)

    def __call__(self, loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        exc = context.get("exception")
        if "socket" in context and isinstance(exc, OSError) and exc.errno in ACCEPT_RESOURCE_ERRORS:
            self._accept_failures.note(
                f"{self._name} cannot accept connections: {exc.strerror or exc}"
            )
            return
        loop.default_exception_handler(context)
