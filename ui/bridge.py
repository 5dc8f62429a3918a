"""ShowBridge: carries live events from the core's queue to the GUI thread, in batches.

A 50 ms timer drains LiveShow's queue and emits one signal per batch; widgets never touch the
connector's threads. Core messages (errors, notices) travel the same way.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from console.events import Event
from console.messages import Message, MessageBus
from console.show import LiveShow

DRAIN_INTERVAL_MS = 50
MAX_EVENTS_PER_TICK = 50_000


class ShowBridge(QObject):
    events_arrived = Signal(list)  # list[Event], oldest first
    message_posted = Signal(object, str)  # Message, translated text

    def __init__(self, show: LiveShow, messages: MessageBus, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._show = show
        self._messages = messages
        self._timer = QTimer(self)
        self._timer.setInterval(DRAIN_INTERVAL_MS)
        self._timer.timeout.connect(self.drain)

    def start(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def drain(self) -> None:
        batch: list[Event] = self._show.drain(MAX_EVENTS_PER_TICK)
        if batch:
            self.events_arrived.emit(batch)
        for message in self._messages.drain():
            self.message_posted.emit(message, translate_message(message))


def translate_message(message: Message) -> str:
    return message.render(QCoreApplication.translate(message.context, message.template))
