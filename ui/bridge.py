"""How the core's data reaches the GUI thread: two ways, and only these two.

``ShowBridge``: live events are a flood, so a 50 ms timer drains LiveShow's queue and emits one
signal per batch; audit entries (for the dashboard and the audit log), core messages and the
history of a show continued after a restart travel the same way. ``CoreSignal``: everything
else the core tells (a service changed, a command's outcome, OBS's state, the relay's sources)
comes through the core's listener callbacks, on the core's threads; a CoreSignal is such a
listener and calls its slot on the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal

from console.messages import Message
from console.session import LiveSession

DRAIN_INTERVAL_MS = 50
MAX_EVENTS_PER_TICK = 50_000


class ShowBridge(QObject):
    events_arrived = Signal(list)  # list[Arrival], oldest first
    audits_arrived = Signal(list)  # list[AuditRecord], oldest first
    message_posted = Signal(object, str)  # Message, translated text
    show_continued = Signal(object)  # ShowSoFar: once, before the first event, on a restart

    def __init__(self, session: LiveSession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._so_far_taken = False
        self._show = session.show
        self._messages = session.messages
        self._audits = session.audits
        self._timer = QTimer(self)
        self._timer.setInterval(DRAIN_INTERVAL_MS)
        self._timer.timeout.connect(self.drain)

    def start(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def drain(self) -> None:
        so_far = self._session.so_far  # set before the source starts, so before any event
        if so_far is not None and not self._so_far_taken:
            self._so_far_taken = True
            self.show_continued.emit(so_far)
        batch = self._show.drain(MAX_EVENTS_PER_TICK)
        if batch:
            self.events_arrived.emit(batch)
        if self._audits:
            audits = []
            while self._audits:
                audits.append(self._audits.popleft())
            self.audits_arrived.emit(audits)
        for message in self._messages.drain():
            self.message_posted.emit(message, translate_message(message))


def translate_message(message: Message) -> str:
    return message.render(QCoreApplication.translate(message.context, message.template))


class CoreSignal(QObject):
    """A core listener whose calls arrive on the GUI thread: ``slot(*args)`` runs there.

    ``coalesce``: for "something changed" listeners, calls that come before the GUI thread got
    to the first one are merged into it (a flood of changes costs one redraw). Calls after the
    widget it belongs to is gone are dropped.
    """

    _fired = Signal(object)

    def __init__(
        self, slot: Callable[..., None], parent: QObject, *, coalesce: bool = False
    ) -> None:
        super().__init__(parent)
        self._slot = slot
        self._coalesce = coalesce
        self._pending = False
        self._fired.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    def __call__(self, *args: Any) -> None:
        if self._coalesce:
            if self._pending:
                return
            self._pending = True
        if shiboken6.isValid(self):
            self._fired.emit(args)

    def _deliver(self, args: tuple[Any, ...]) -> None:
        self._pending = False
        self._slot(*args)
