"""The connector interface: every live-room source is a Connector with declared capabilities.

A connector runs its own thread(s) and delivers events to an EventSink (the LiveShow).
The UI enables an action only when the connector declares the capability for it.
"""

from __future__ import annotations

import threading
import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable
from typing import ClassVar, Protocol

from console.actions import Action, Capability, required_capability
from console.errors import Unsupported
from console.events import Event, RejectReason
from console.goods import GoodsItem
from console.i18n import QT_TRANSLATE_NOOP
from console.log import platform as log
from console.origin import Origin


class EventSink(Protocol):
    def ingest(self, event: Event, origin: Origin | None = None) -> bool: ...

    def reject(self, reason: RejectReason, detail: str) -> None: ...

    @property
    def busy(self) -> bool:
        """True while the console is behind: sources hold back until it is False again."""
        ...

    def ticket(self) -> int:
        """Events ingested before this call are stored once a commit reports this ticket."""
        ...

    def add_commit_listener(self, callback: Callable[[int], None]) -> None:
        """``callback(committed)`` after every commit (on the storage thread)."""
        ...


class Connector(ABC):
    """A source of live-room events, possibly also a target for operator commands."""

    name: ClassVar[str]
    capabilities: ClassVar[frozenset[Capability]] = frozenset()
    # A show of this connector that a crash left open is continued at the next start.
    resumable: ClassVar[bool] = True
    # Event times count from the connector's start (so a continued show must shift them);
    # False when the source keeps its own show clock across a console restart (the relay).
    restarts_clock: ClassVar[bool] = True

    def __init__(self) -> None:
        self.error: str | None = None

    def supports(self, capability: Capability) -> bool:
        return capability in self.capabilities

    def perform(self, action: Action) -> None:
        """Carry out an operator action on the platform (call from a worker thread, never the
        GUI thread). Raises Unsupported when the connector lacks the capability, and an
        exception saying why when the platform refuses: an OperatorError, or a platform error
        carrying its own operator text in ``message``/``message_en`` (WeChatApiError)."""
        capability = required_capability(action)
        if capability not in self.capabilities:
            raise Unsupported(
                QT_TRANSLATE_NOOP("errors", "This platform cannot do that ({capability})."),
                capability=capability.value,
            )
        self._perform(action)

    def _perform(self, action: Action) -> None:
        """Connectors with capabilities override this; ``perform`` has checked the capability."""
        raise NotImplementedError

    def room_goods(self) -> list[GoodsItem]:
        """The goods in the room, in their order (blocking: call from a worker thread)."""
        raise Unsupported(QT_TRANSLATE_NOOP("errors", "This platform has no goods list."))

    def approved_goods(self) -> list[GoodsItem]:
        """Goods approved for live rooms, to import (blocking: call from a worker thread)."""
        raise Unsupported(QT_TRANSLATE_NOOP("errors", "This platform has no goods library."))

    def lottery_opened(self, kind: str, keyword: str) -> None:  # noqa: B027 - optional hook
        """The console opened a lottery (``kind`` "comment" or "like"). Platforms have no
        lottery API; the demo room's audience uses this to join in."""

    def lottery_closed(self) -> None:  # noqa: B027 - optional hook
        """The console closed the open lottery."""

    @abstractmethod
    def describe(self) -> str:
        """A one-line English description of the source, stored with the show."""

    @abstractmethod
    def start(self, sink: EventSink) -> None:
        """Begin delivering events to ``sink`` (returns at once; work happens on threads)."""

    @abstractmethod
    def stop(self, timeout: float = 5.0) -> None:
        """Stop delivering events and release resources."""

    @property
    def finished(self) -> bool:
        """True when the source has nothing more to deliver (a replay that reached its end)."""
        return False


BUSY_CHECK_EVERY = 200  # events between two looks at the console's back-pressure
BUSY_POLL_SECONDS = 0.01
YIELD_EVERY = 2000


class PacedConnector(Connector):
    """A connector that plays a time-ordered stream of events against the show clock.

    ``speed`` 1 is real time, 2 twice as fast, 0 as fast as possible. Events are released in
    small slices (every ``tick`` seconds) so floods of thousands per second stay cheap.
    """

    tick = 0.01

    def __init__(self, speed: float = 1.0) -> None:
        super().__init__()
        if speed < 0:
            raise ValueError("speed must be >= 0")
        self.speed = speed
        self._stop = threading.Event()
        self._done = threading.Event()
        self._thread: threading.Thread | None = None

    @abstractmethod
    def events(self, sink: EventSink) -> Iterable[Event]:
        """The stream to play, in non-decreasing ``t``; may report bad input to ``sink``."""

    def admit(self, event: Event) -> bool:
        """Whether an event due now is delivered (a platform may withhold some); default yes."""
        return True

    def start(self, sink: EventSink) -> None:
        self._thread = threading.Thread(
            target=self._play, args=(sink,), name=f"connector-{self.name}", daemon=True
        )
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)

    @property
    def finished(self) -> bool:
        return self._done.is_set()

    def _play(self, sink: EventSink) -> None:
        started = time.monotonic()
        try:
            for n, event in enumerate(self.events(sink), 1):
                if n % BUSY_CHECK_EVERY == 1:
                    started += self._hold_while_busy(sink)
                if self.speed > 0:
                    self._wait_for(started + event.t / self.speed)
                elif n % YIELD_EVERY == 0:
                    time.sleep(0)  # as fast as possible, but let the other threads breathe
                if self._stop.is_set():
                    return
                if self.admit(event):
                    sink.ingest(event)
        except Exception as exc:  # a broken source must not take the console down
            self.error = str(exc)
            log.exception("connector %s stopped: %s", self.name, exc)
            return
        self._done.set()
        log.info("connector %s reached the end of its source", self.name)

    def _hold_while_busy(self, sink: EventSink) -> float:
        """Wait while the console is behind; returns the seconds waited. The pacing clock
        moves on by as much: the source slows down rather than bursting afterwards, so what
        the console holds uncommitted never spans more show time than the writer allows
        (a burst of events due meanwhile would, and a crash then would lose all of it)."""
        if not sink.busy:
            return 0.0
        held = time.monotonic()
        while sink.busy and not self._stop.wait(BUSY_POLL_SECONDS):
            pass
        return time.monotonic() - held

    def _wait_for(self, due: float) -> None:
        # Events due within one tick go out together: one wake-up per slice, not per event.
        delay = due - time.monotonic()
        if delay > self.tick:
            self._stop.wait(delay)
