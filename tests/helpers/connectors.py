"""A scripted platform for tests: plays given events, records the actions it is asked to do."""

from __future__ import annotations

from collections.abc import Iterable

from console.actions import Action, Capability
from console.errors import OperatorError
from console.events import Event
from console.platforms.base import EventSink, PacedConnector

ALL_MODERATION = frozenset(
    {Capability.LIVE_EVENTS, Capability.DELETE_COMMENT, Capability.MUTE_USER, Capability.BAN_ALL}
)


class ScriptedConnector(PacedConnector):
    name = "demo"

    def __init__(
        self,
        events: Iterable[Event] = (),
        *,
        capabilities: frozenset[Capability] = ALL_MODERATION,
        speed: float = 0,
    ) -> None:
        super().__init__(speed=speed)
        self._events = list(events)
        self.capabilities = capabilities  # type: ignore[misc]
        self.performed: list[Action] = []
        self.refuse_next: str | None = None

    def describe(self) -> str:
        return f"scripted platform with {len(self._events)} events"

    def events(self, sink: EventSink) -> Iterable[Event]:
        return iter(self._events)

    def _perform(self, action: Action) -> None:
        if self.refuse_next is not None:
            reason, self.refuse_next = self.refuse_next, None
            raise OperatorError("The platform refused: {reason}", reason=reason)
        self.performed.append(action)
