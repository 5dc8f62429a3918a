"""LiveSession: one running show, with its connector, LiveShow and storage writer wired together."""

from __future__ import annotations

import time
from typing import Any

from console.i18n import QT_TRANSLATE_NOOP
from console.log import app as log
from console.messages import MessageBus
from console.platforms.base import Connector
from console.show import LiveShow
from console.storage.database import create_db_engine, display_url
from console.storage.queries import stored_counts
from console.storage.writer import ShowInfo, StorageWriter


class LiveSession:
    """Starts and stops the pieces of a show in the right order. No Qt, no blocking I/O in start."""

    def __init__(
        self,
        connector: Connector,
        db_url: str,
        *,
        title: str = "",
        messages: MessageBus | None = None,
    ) -> None:
        self.connector = connector
        self.messages = messages or MessageBus()
        self.engine = create_db_engine(db_url)
        self.writer = StorageWriter(
            self.engine,
            ShowInfo(connector.name, connector.describe(), title),
            on_error=self._storage_failed,
        )
        self.show = LiveShow(self.writer)
        self.started_at: float | None = None
        self.stopped = False

    def start(self) -> None:
        self.started_at = time.monotonic()
        self.writer.start()
        self.connector.start(self.show)
        log.info("session started: %s", self.connector.describe())

    def stop(self, timeout: float = 15.0) -> bool:
        """Stop the source, then commit everything received; True when all of it is stored."""
        if self.stopped:
            return True
        self.stopped = True
        self.connector.stop()
        saved = self.writer.close(timeout)
        if not saved:
            log.error("session stopped before everything was stored: %s", self.writer.last_error)
        log.info("session stopped")
        return saved

    def summary(self) -> dict[str, Any]:
        """What was received, stored and rejected (reads the database: call after ``stop``)."""
        counters = self.show.counters()
        show_id = self.writer.show_id(timeout=1.0)
        return {
            "connector": self.connector.name,
            "show_id": show_id,
            "received": {kind: counters.received.get(kind, 0) for kind in _KINDS},
            "stored": stored_counts(self.engine, show_id),
            "duplicates": counters.duplicates,
            "rejected": {"total": counters.rejected_total, "by_reason": counters.rejected},
            "source_finished": self.connector.finished,
            "source_error": self.connector.error,
            "storage_error": self.writer.last_error,
            "db": display_url(self.engine),
        }

    def _storage_failed(self, message: str) -> None:
        self.messages.error(
            QT_TRANSLATE_NOOP("messages", "Saving to the database failed, retrying: {detail}"),
            detail=message,
        )


_KINDS = ("comment", "like", "viewers", "room")
