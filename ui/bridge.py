"""ShowBridge: carries live events from the core's queue to the GUI thread, in batches.

A 50 ms timer drains LiveShow's queue and emits one signal per batch; widgets never touch the
connector's threads. Audit entries (for dashboard markers) and core messages (errors, notices)
travel the same way.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from console.messages import Message
from console.session import LiveSession

DRAIN_INTERVAL_MS = 50
MAX_EVENTS_PER_TICK = 50_000


class ShowBridge(QObject):
    events_arrived = Signal(list)  # list[Arrival], oldest first
    audits_arrived = Signal(list)  # list[AuditRecord], oldest first
    message_posted = Signal(object, str)  # Message, translated text

    def __init__(self, session: LiveSession, parent: QObject | None = None) -> None:
        super().__init__(parent)
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
