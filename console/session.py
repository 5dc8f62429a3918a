"""LiveSession: one running show, with its connector, LiveShow and storage writer wired together."""

from __future__ import annotations

import getpass
import threading
import time
from collections import deque
from typing import Any

from sqlalchemy import Engine

from console.errors import OperatorError
from console.i18n import QT_TRANSLATE_NOOP
from console.log import app as log
from console.messages import MessageBus
from console.moderation import ModerationService
from console.platforms.base import Connector
from console.show import LiveShow
from console.storage.database import create_db_engine, display_url
from console.storage.queries import stored_counts
from console.storage.writer import AuditRecord, ShowInfo, StorageWriter
from console.timefmt import show_clock


class LiveSession:
    """Starts and stops the pieces of a show in the right order. No Qt, no blocking I/O in start."""

    def __init__(
        self,
        connector: Connector,
        db_url: str,
        *,
        title: str = "",
        operator: str | None = None,
        messages: MessageBus | None = None,
    ) -> None:
        self.connector = connector
        self.operator = operator or default_operator()
        self.messages = messages or MessageBus()
        self.engine = create_db_engine(db_url)
        self.writer = StorageWriter(
            self.engine,
            ShowInfo(connector.name, connector.describe(), title, resumable=connector.resumable),
            on_error=self._storage_failed,
        )
        self.show = LiveShow(self.writer)
        self.moderation = ModerationService(
            connector, self.writer, operator=self.operator, clock=self.show.clock
        )
        self.show.classify = self.moderation.classify
        # Every audit entry, for the UI to drain (dashboard markers); bounded like the feed.
        self.audits: deque[AuditRecord] = deque(maxlen=10_000)
        self.writer.add_audit_listener(self.audits.append)
        self.started_at: float | None = None
        self.stopped = False
        self._lifecycle = threading.Lock()

    def start(self) -> None:
        """Open the database on the writer thread; the source starts once it is ready (so the
        blocklist and keyword rules apply from the first comment)."""
        self.started_at = time.monotonic()
        self.writer.start(on_ready=self._storage_ready)
        log.info("session starting: %s", self.connector.describe())

    def _storage_ready(self, engine: Engine | None) -> None:
        if engine is not None:
            self.moderation.load(engine)
            resumed = self.writer.resumed
            if resumed is not None:
                offset = resumed.last_t if self.connector.restarts_clock else 0.0
                self.show.resume(resumed.comment_ids, offset)
                self.messages.warning(
                    QT_TRANSLATE_NOOP(
                        "messages",
                        "Show #{show} did not end properly last time (a crash?): it continues "
                        "from {clock}, nothing stored is lost.",
                    ),
                    show=resumed.show_id,
                    clock=show_clock(resumed.last_t),
                )
        else:
            self.messages.error(
                QT_TRANSLATE_NOOP(
                    "messages", "The database cannot be opened; live events are not saved."
                )
            )
        with self._lifecycle:
            if self.stopped:
                return
            try:
                self.connector.start(self.show)
            except OperatorError as exc:  # e.g. the relay port is taken
                self.connector.error = exc.log_text
                log.error("connector %s did not start: %s", self.connector.name, exc.log_text)
                self.messages.report(exc)

    def stop(self, timeout: float = 15.0) -> bool:
        """Stop the source, then commit everything received; True when all of it is stored."""
        with self._lifecycle:
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


def default_operator() -> str:
    """The name written into audit entries when none is configured: the OS login name."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "operator"
