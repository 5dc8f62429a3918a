"""SIGTERM and SIGINT (logout, shutdown, Ctrl+C in a terminal) close the window like the
operator would, so the console stops cleanly: everything received is saved and the show stays
open for the next start. Python runs signal handlers only between its own instructions, never
while Qt's event loop waits, so the signal wakes the loop through a socket it watches."""

from __future__ import annotations

import contextlib
import signal
import socket
from collections.abc import Callable

from PySide6.QtCore import QObject, QSocketNotifier

from console.log import app as log

SIGNALS = (signal.SIGTERM, signal.SIGINT)


class StopSignals(QObject):
    """While it lives, SIGTERM and SIGINT call ``stop`` on the GUI thread; ``received`` says
    whether one came."""

    def __init__(self, stop: Callable[[], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.received: int | None = None
        self._stopping = False
        self._stop = stop
        self._reader, writer = socket.socketpair()
        self._reader.setblocking(False)
        writer.setblocking(False)
        self._writer = writer
        signal.set_wakeup_fd(writer.fileno())
        for number in SIGNALS:
            signal.signal(number, self._note)
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._on_wakeup)

    def _note(self, number: int, _frame: object) -> None:
        self.received = number

    def _on_wakeup(self) -> None:
        with contextlib.suppress(BlockingIOError):
            self._reader.recv(64)
        if self.received is not None and not self._stopping:
            self._stopping = True  # a second signal while stopping changes nothing
            log.info("%s received: stopping", signal.Signals(self.received).name)
            self._stop()

    def release(self) -> None:
        """The window is gone: signals from now on are only noted (the console is stopping
        anyway), nothing wakes Qt's loop for them."""
        self._notifier.setEnabled(False)
        signal.set_wakeup_fd(-1)
