"""The room controls of the WeChat live API: the room list, replay, assistants, the push URL,
the share code and the live reminder to subscribers.

Actions follow console.moderation's pattern: validated at once, their API call left in a
``Plan`` for the job kernel. What a read brings back that the operator then uses (the push URL,
the share code) is kept here. The room list is read on demand and, while somebody watches it
(``watch``), every ``ROOM_POLL_S`` seconds by the core's ticker: getliveinfo costs quota.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from console.errors import OperatorError
from console.i18n import QT_TRANSLATE_NOOP
from console.jobs import Plan, said
from console.listeners import call_each
from console.log import platform as log
from console.messages import Message
from console.platforms.wechat import MIN_POLL_INTERVAL, Room, ShareCode, WeChatLiveClient

ROOM_POLL_S = max(60.0, MIN_POLL_INTERVAL)  # statuses change slowly


@dataclass(frozen=True, slots=True)
class RoomList:
    """The room list as last read: the rooms, when, and why the last read failed."""

    rooms: tuple[Room, ...] = ()
    updated: datetime | None = None
    error: Exception | None = None
    loading: bool = False
    current: Room | None = None  # this console's room, when the list has it


class RoomService:
    """The room controls of one WeChat room; thread-safe."""

    def __init__(
        self,
        client: WeChatLiveClient,
        room_id: int,
        *,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.client = client
        self.room_id = room_id
        self._monotonic = monotonic
        self._lock = threading.Lock()
        self._listeners: list[Callable[[], None]] = []
        self.push_url: str | None = None
        self.share_code: ShareCode | None = None
        self.reminder_message_ids: list[str] = []
        self.list = RoomList()
        self._watchers = 0
        self._read_at: float | None = None

    def add_listener(self, callback: Callable[[], None]) -> None:
        """``callback()`` runs (on any thread) after the room list or a fetched value changed."""
        self._listeners.append(callback)

    def _changed(self) -> None:
        call_each(self._listeners, what="A room")

    # -- the room list -------------------------------------------------------------------------
    def watch(self, watching: bool) -> None:
        """Somebody looks at the room list (or stopped looking): it is then kept fresh."""
        with self._lock:
            self._watchers = max(0, self._watchers + (1 if watching else -1))

    def poll_due(self) -> bool:
        """Whether the list should be read again now (somebody watches, the last read is old);
        True claims the read: the next call says False until it is old again."""
        with self._lock:
            if not self._watchers or self.list.loading:
                return False
            now = self._monotonic()
            if self._read_at is not None and now - self._read_at < ROOM_POLL_S:
                return False
            self._read_at = now
            return True

    def read_rooms(self) -> RoomList:
        """Read every room of the mini program (blocking: call from a worker thread)."""
        with self._lock:
            if self.list.loading:
                return self.list
            self.list = replace(self.list, loading=True)
            self._read_at = self._monotonic()
        self._changed()
        try:
            rooms = tuple(self.client.list_rooms())
        except Exception as exc:
            log.warning("room list not read: %s", getattr(exc, "log_text", exc))
            with self._lock:
                self.list = replace(self.list, error=exc, loading=False)
        else:
            current = next((r for r in rooms if r.room_id == self.room_id), None)
            with self._lock:
                self.list = RoomList(rooms, datetime.now(), None, False, current)
        self._changed()
        return self.list

    # -- actions ---------------------------------------------------------------------------------
    def set_replay(self, enabled: bool) -> Plan:
        done = (
            said(QT_TRANSLATE_NOOP("outcomes", "Replay turned on"))
            if enabled
            else said(QT_TRANSLATE_NOOP("outcomes", "Replay turned off"))
        )
        return self._plan(
            done, {"enabled": enabled}, lambda: self.client.set_replay(self.room_id, enabled)
        )

    def add_assistant(self, username: str, nickname: str) -> Plan:
        username, nickname = username.strip(), nickname.strip()
        if not username or not nickname:
            raise OperatorError(
                QT_TRANSLATE_NOOP("errors", "An assistant needs a WeChat ID and a nickname.")
            )
        done = said(
            QT_TRANSLATE_NOOP("outcomes", "{nickname} is now an assistant of the room"),
            nickname=nickname,
        )
        return self._plan(
            done,
            {"username": username, "nickname": nickname},
            lambda: self.client.add_assistant(self.room_id, username, nickname),
            subject=nickname,
        )

    def fetch_push_url(self) -> Plan:
        """The push URL carries the stream key: it is kept here, never logged or audited."""
        done = said(QT_TRANSLATE_NOOP("outcomes", "Push URL received"))
        return self._plan(done, {}, self.read_push_url)

    def read_push_url(self) -> str:
        """Read the push URL now (blocking) and keep it."""
        url = self.client.get_push_url(self.room_id)
        self.push_url = url
        self._changed()
        return url

    def fetch_share_code(self) -> Plan:
        def fetch() -> None:
            self.share_code = self.client.get_share_code(self.room_id)
            self._changed()

        done = said(QT_TRANSLATE_NOOP("outcomes", "Share code received"))
        return self._plan(done, {}, fetch)

    def send_reminder(self, openids: Sequence[str]) -> Plan:
        unique = list(dict.fromkeys(o.strip() for o in openids if o.strip()))
        if not unique:
            raise OperatorError(QT_TRANSLATE_NOOP("errors", "Add the subscribers' openids first."))

        def send() -> None:
            self.reminder_message_ids = self.client.push_live_reminder(self.room_id, unique)

        done = said(
            QT_TRANSLATE_NOOP("outcomes", "Live reminder sent to {count} subscriber(s)"),
            count=len(unique),
        )
        return self._plan(done, {"subscribers": len(unique)}, send)

    def _plan(
        self,
        done: Message,
        detail: dict[str, object],
        call: Callable[[], object],
        *,
        subject: str = "",
    ) -> Plan:
        name = self.list.current.name if self.list.current is not None else ""
        return Plan(str(self.room_id), subject or name, done, detail, remote=call)
