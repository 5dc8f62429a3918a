"""A message bus from the core to whoever shows messages (the UI's status line and dialogs).

Core code on any thread posts an English template marked with ``QT_TRANSLATE_NOOP("messages",
...)`` plus its fields; the UI drains the queue on its own timer, translates the template and
fills in the fields. Messages posted before the UI exists are kept (up to ``keep``).
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from enum import StrEnum

from console.errors import OperatorError

CONTEXT = "messages"


class Level(StrEnum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"


@dataclass(frozen=True, slots=True)
class Message:
    level: Level
    template: str
    fields: dict[str, object] = field(default_factory=dict)
    context: str = CONTEXT  # the translation context of ``template``

    def render(self, template: str | None = None) -> str:
        """The text with its fields filled in (``template`` may be a translation of it)."""
        return (template or self.template).format(**self.fields)


class MessageBus:
    def __init__(self, keep: int = 200) -> None:
        self._queue: deque[Message] = deque(maxlen=keep)

    def post(self, level: Level, template: str, **fields: object) -> None:
        self._queue.append(Message(level, template, fields))

    def info(self, template: str, **fields: object) -> None:
        self.post(Level.INFO, template, **fields)

    def warning(self, template: str, **fields: object) -> None:
        self.post(Level.WARNING, template, **fields)

    def error(self, template: str, **fields: object) -> None:
        self.post(Level.ERROR, template, **fields)

    def report(self, error: OperatorError) -> None:
        """Show an operator error (its template is translated in the ``errors`` context)."""
        self._queue.append(Message(Level.ERROR, error.template, error.fields, error.context))

    def drain(self) -> list[Message]:
        out: list[Message] = []
        while self._queue:
            out.append(self._queue.popleft())
        return out
