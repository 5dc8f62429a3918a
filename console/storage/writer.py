"""The single writer thread: every database write of a live show goes through it, batched.

Callers on any thread hand over events and audit entries with ``add``/``audit``, which only
append to a queue. The thread first migrates the database (so the GUI thread never waits on
it) and opens the show, then commits what arrived in one transaction every ``batch_window``
seconds (or sooner when ``max_batch`` items wait), so a crash loses at most one window.
A failed commit is retried with the same batch; nothing is dropped while the thread lives.
What fails is classified (console.storage.faults): ``fault`` and ``last_error`` say it without
SQL or data, ``retry_in`` when the next try comes; ``close`` gives up once its timeout is over.

Back-pressure: the writer knows how fast it commits (``capacity``) and how much waits
(``unsaved``); ``busy`` tells the sources to hold back while more than a moment's worth of
writes waits, so the queue, memory and what a crash can lose all stay bounded whatever the
sources do. Every item handed over gets a ticket (``ticket``): it is stored once ``committed``
reaches it, which is how the relay acknowledges only what is stored.
"""

from __future__ import annotations

import functools
import itertools
import json
import logging
import sqlite3
import threading
import time
from collections import Counter, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Connection, Engine, Table, func, insert, select, update
from sqlalchemy.dialects import mysql, postgresql, sqlite
from sqlalchemy.sql.dml import Insert

from console.events import Comment, Event, Like, RoomStatus, Viewers
from console.log import storage as log
from console.origin import Origin
from console.storage.database import migrate, sqlite_file
from console.storage.faults import StorageFault, classify
from console.storage.models import (
    AuditEntry,
    CommentRecord,
    LikeRecord,
    RoomStatusRecord,
    Show,
    SourceMark,
    ViewerSample,
    utc_now,
)
from console.storage.ops import DbOp
from console.textmatch import normalize

_TABLES: dict[type, Table] = {
    Comment: CommentRecord.__table__,  # type: ignore[dict-item]
    Like: LikeRecord.__table__,  # type: ignore[dict-item]
    Viewers: ViewerSample.__table__,  # type: ignore[dict-item]
    RoomStatus: RoomStatusRecord.__table__,  # type: ignore[dict-item]
}


@dataclass(frozen=True, slots=True)
class ShowInfo:
    """What the writer records when it opens a show.

    ``resumable``: a show of this connector left open by a crash is continued, not replaced
    (live rooms; a replay always starts a new show).
    """

    connector: str
    source: str = ""
    title: str = ""
    resumable: bool = False


@dataclass(frozen=True, slots=True)
class ResumedShow:
    """A show found open at start and continued: where it stopped, what it holds, and whether
    the console stopped cleanly last time (False: a crash interrupted it)."""

    show_id: int
    started_at: datetime
    last_t: float
    comment_ids: tuple[str, ...]  # the newest SEEN_IDS_KEPT, oldest first
    received: dict[str, int]  # events stored so far, per type (console.events type names)
    clean: bool
    marks: dict[str, int] = field(default_factory=dict)  # last stored seq per source


@dataclass(frozen=True, slots=True)
class AuditRecord:
    """One operator action for the audit log (written through the writer like everything else)."""

    action: str
    target: str
    result: str
    operator: str
    t: float | None = None
    detail: dict[str, Any] = field(default_factory=dict)
    at: datetime = field(default_factory=utc_now)
    entry: str = ""  # console.commands.Entry: menu, shortcut, button, control_api, …
    subject: str = ""  # what it was done to, for people (a nickname rather than a user id)


_SHOWS = cast(Table, Show.__table__)
_MARKS = cast(Table, SourceMark.__table__)

# Back-pressure (see ``StorageWriter.busy``): sources hold back while more than this many
# seconds of writes wait, and in any case above MAX_BACKLOG items (memory); never below
# MIN_BUSY_ITEMS (one batch of a busy second is normal).
BUSY_SECONDS = 0.15
MAX_UNSAVED_AGE = 0.15  # seconds: sources hold back while anything older is not committed
MIN_BUSY_ITEMS = 2_000
MAX_BACKLOG_ITEMS = 50_000
# Comment ids LiveShow remembers to drop repeats (~100 bytes each): the newest this many, so
# memory stays bounded however long the show. An older id sent again is still stored once
# (the database refuses a second row) but counts as received.
SEEN_IDS_KEPT = 300_000
# A batch that failed is retried after 0.5 s, 1 s, 1.5 s, ... at most every 5 s.
RETRY_STEP_SECONDS = 0.5
RETRY_MAX_SECONDS = 5.0


# The columns of an event's row, in the order ``_values`` gives them.
_COLUMNS: dict[type, tuple[str, ...]] = {
    Comment: (
        "show_id",
        "comment_id",
        "t",
        "user_id",
        "nickname",
        "text",
        "moderation",
        "search_text",
    ),
    Like: ("show_id", "t", "user_id", "count"),
    Viewers: ("show_id", "t", "online", "total"),
    RoomStatus: ("show_id", "t", "status"),
}


def _values(event: Event, moderation: str, show_id: int) -> tuple[Any, ...]:
    if isinstance(event, Comment):
        search_text = normalize(f"{event.nickname} {event.text}")
        return (
            show_id,
            event.id,
            event.t,
            event.user_id,
            event.nickname,
            event.text,
            moderation,
            search_text,
        )
    if isinstance(event, Like):
        return (show_id, event.t, event.user_id, event.count)
    if isinstance(event, Viewers):
        return (show_id, event.t, event.online, event.total)
    assert isinstance(event, RoomStatus)
    return (show_id, event.t, event.status)


# Rows per SQLite INSERT statement: one statement of many rows keeps the GIL while SQLite
# works, where executemany gives it up and takes it back for every row (with the source
# and the GUI busy, that is the difference between ~30,000 and ~95,000 rows a second).
# SQLite before 3.32 allows 999 bound values in a statement, later ones 32,766.
_SQLITE_MAX_VALUES = 32_766 if sqlite3.sqlite_version_info >= (3, 32) else 999
SQLITE_ROWS_PER_INSERT = 500


@functools.cache
def _sqlite_insert(kind: type, rows: int) -> str:
    """The plain SQL inserting ``rows`` events for SQLite's DBAPI (a repeated comment id
    skipped). Thousands of rows a second go through here: handing values straight to the
    driver saves SQLAlchemy's per-row parameter work, once the writer's largest Python cost."""
    columns = _COLUMNS[kind]
    verb = "INSERT OR IGNORE" if kind is Comment else "INSERT"
    one = "(" + ", ".join("?" * len(columns)) + ")"
    values = ", ".join([one] * rows)
    return f"{verb} INTO {_TABLES[kind].name} ({', '.join(columns)}) VALUES {values}"


def _insert_events(conn: Connection, kind: type, rows: list[tuple[Any, ...]]) -> None:
    dialect = conn.dialect.name
    if dialect == "sqlite":
        step = min(SQLITE_ROWS_PER_INSERT, _SQLITE_MAX_VALUES // len(_COLUMNS[kind]))
        for start in range(0, len(rows), step):
            chunk = rows[start : start + step]
            values = tuple(itertools.chain.from_iterable(chunk))
            conn.exec_driver_sql(_sqlite_insert(kind, len(chunk)), values)
        return
    table = _TABLES[kind]
    stmt = insert_ignoring_duplicates(table, dialect) if kind is Comment else insert(table)
    columns = _COLUMNS[kind]
    conn.execute(stmt, [dict(zip(columns, row, strict=True)) for row in rows])


def _resume_state(conn: Connection, show_id: int, started_at: datetime, clean: bool) -> ResumedShow:
    last_t = 0.0
    received: dict[str, int] = {}
    for kind, table in _TABLES.items():
        found = conn.execute(
            select(func.max(table.c.t), func.count()).where(table.c.show_id == show_id)
        ).one()
        last_t = max(last_t, found[0] or 0.0)
        received[kind.type] = int(found[1])  # type: ignore[attr-defined]
    comments = _TABLES[Comment]
    ids = conn.execute(  # the newest, oldest first: LiveShow remembers that many
        select(comments.c.comment_id)
        .where(comments.c.show_id == show_id)
        .order_by(comments.c.id.desc())
        .limit(SEEN_IDS_KEPT)
    )
    marks = conn.execute(
        select(_MARKS.c.source, _MARKS.c.last_seq).where(_MARKS.c.show_id == show_id)
    )
    return ResumedShow(
        show_id,
        started_at,
        last_t,
        tuple(reversed([row[0] for row in ids])),
        received,
        clean,
        {source: int(seq) for source, seq in marks},
    )


def insert_ignoring_duplicates(table: Table, dialect_name: str) -> Insert:
    """An INSERT that skips rows violating a unique constraint, on every backend we support."""
    if dialect_name == "sqlite":
        return sqlite.insert(table).on_conflict_do_nothing()
    if dialect_name == "postgresql":
        return postgresql.insert(table).on_conflict_do_nothing()
    if dialect_name in ("mysql", "mariadb"):
        return mysql.insert(table).prefix_with("IGNORE")
    return insert(table)


def _upsert_marks(conn: Connection, show_id: int, marks: dict[str, int]) -> None:
    """Set each source's last stored seq (batches commit in order, so the newest wins)."""
    rows = [{"show_id": show_id, "source": s, "last_seq": seq} for s, seq in marks.items()]
    dialect = conn.dialect.name
    if dialect in ("sqlite", "postgresql"):
        module = sqlite if dialect == "sqlite" else postgresql
        stmt = module.insert(_MARKS)
        conn.execute(
            stmt.on_conflict_do_update(
                index_elements=["show_id", "source"], set_={"last_seq": stmt.excluded.last_seq}
            ),
            rows,
        )
        return
    if dialect in ("mysql", "mariadb"):
        stmt_my = mysql.insert(_MARKS)
        conn.execute(stmt_my.on_duplicate_key_update(last_seq=stmt_my.inserted.last_seq), rows)
        return
    for row in rows:
        updated = conn.execute(
            update(_MARKS)
            .where(_MARKS.c.show_id == show_id, _MARKS.c.source == row["source"])
            .values(last_seq=row["last_seq"])
        )
        if not updated.rowcount:
            conn.execute(insert(_MARKS).values(row))


class StorageWriter:
    """Owns the show row and all writes for it; see the module docstring."""

    def __init__(
        self,
        engine: Engine,
        info: ShowInfo,
        *,
        batch_window: float = 0.05,
        max_batch: int = 5000,
        on_fault: Callable[[StorageFault | None], None] | None = None,
    ) -> None:
        self._engine = engine
        self._info = info
        self._batch_window = batch_window
        self._max_batch = max_batch
        self._on_fault = on_fault
        # Items handed over and not yet taken into a batch. The writer takes them all at
        # once; one lock guards the queue and the counts, so ticket order is queue order.
        self._waiting: deque[Any] = deque()
        lock = threading.Lock()
        self._arrived = threading.Condition(lock)  # the queue was empty and is not
        self._stop_asked = threading.Event()
        # When the oldest item waiting, and the oldest of the batch being committed, were
        # handed over (monotonic); None when there is none.
        self._waiting_since: float | None = None
        self._inflight_since: float | None = None
        self._thread = threading.Thread(target=self._run, name="storage-writer", daemon=True)
        self._show_ready = threading.Event()
        self._show_id: int | None = None
        self._on_ready: Callable[[Engine | None], None] | None = None
        self._audit_listeners: list[Callable[[AuditRecord], None]] = []
        self._pending = 0
        self._pending_lock = threading.Condition(lock)  # something was committed
        self._handed = 0  # items handed over since start: the last ticket
        self.committed = 0  # items committed since start: tickets up to this are stored
        self.capacity = 20_000.0  # items a second the writer commits (measured as it goes)
        self._commit_listeners: list[Callable[[int], None]] = []
        # Rows handed to the database per kind (duplicates the database skipped included).
        self.written: Counter[str] = Counter()
        self.resumed: ResumedShow | None = None
        self._end_at_close = True
        self.batches = 0
        self.last_error: str | None = None  # what failed, safe to show (no SQL, no data)
        self.fault: StorageFault | None = None  # set while the database fails
        self._database_file = sqlite_file(engine)  # for telling a read-only folder
        self._retry_at: float | None = None  # when a failed batch is tried again
        self._give_up_at: float | None = None  # set by close: stop retrying then

    # -- called from any thread ------------------------------------------------------------
    def start(self, on_ready: Callable[[Engine | None], None] | None = None) -> None:
        """Start the thread. ``on_ready`` runs on it once the database is migrated and the show
        is open (with the engine), or once that failed (with None)."""
        self._on_ready = on_ready
        self._thread.start()

    def add(self, event: Event, moderation: str = "", origin: Origin | None = None) -> None:
        """Store an event; ``moderation`` is a comment's CommentState (console.verdicts);
        ``origin``: the source and seq it came with, kept as that source's mark."""
        self._enqueue((event, moderation, origin))

    def audit(self, record: AuditRecord) -> None:
        self._enqueue(record)
        for callback in self._audit_listeners:
            callback(record)

    def add_audit_listener(self, callback: Callable[[AuditRecord], None]) -> None:
        """``callback(record)`` runs on the auditing thread for every audit entry handed over
        (the dashboard draws its markers from them)."""
        self._audit_listeners.append(callback)

    def execute(self, op: DbOp) -> None:
        """Apply a small change (console.storage.ops) in the next batch, after its inserts."""
        self._enqueue(op)

    def show_id(self, timeout: float | None = 10.0) -> int:
        """The id of this show's row (waits for the writer thread to create it)."""
        if not self._show_ready.wait(timeout) or self._show_id is None:
            raise TimeoutError(self.last_error or "the show was not created in time")
        return self._show_id

    def add_commit_listener(self, callback: Callable[[int], None]) -> None:
        """``callback(committed)`` runs on the writer thread after every commit, with the
        ``committed`` count (the relay acknowledges what is stored from it)."""
        self._commit_listeners.append(callback)

    def ticket(self) -> int:
        """The ticket of the last item handed over: everything handed over before this call
        is stored once ``committed`` reaches it."""
        return self._handed

    @property
    def busy(self) -> bool:
        """Whether sources should hold back: the oldest item not committed was handed over
        more than MAX_UNSAVED_AGE ago (what a crash would lose), or more than BUSY_SECONDS of
        writes wait, or more than MAX_BACKLOG_ITEMS, or the database fails while a batch's
        worth waits."""
        if self.unsaved_age() > MAX_UNSAVED_AGE:
            return True
        pending = self._pending
        if pending < MIN_BUSY_ITEMS:
            return False
        if pending >= MAX_BACKLOG_ITEMS or self.last_error is not None:
            return True
        return pending > self.capacity * BUSY_SECONDS

    def unsaved_age(self) -> float:
        """Seconds since the oldest item not yet committed was handed over (0 if none)."""
        since = self._inflight_since or self._waiting_since
        return time.monotonic() - since if since is not None else 0.0

    @property
    def unsaved(self) -> int:
        """Items handed over that are not committed yet: a moment's worth normally (a normal
        stop saves them), more while the database fails (``last_error``)."""
        return self._pending

    @property
    def current_show_id(self) -> int | None:
        """The show's id if the database is open already (never waits)."""
        return self._show_id

    def flush(self, timeout: float = 10.0) -> bool:
        """Wait until everything handed over so far is committed; False on timeout."""
        deadline = time.monotonic() + timeout
        with self._pending_lock:
            while self._pending:
                remaining = deadline - time.monotonic()
                if remaining <= 0 or not self._thread.is_alive():
                    return False
                self._pending_lock.wait(remaining)
        return True

    def close(self, timeout: float = 10.0, *, end_show: bool = True) -> bool:
        """Commit what is queued and stop the thread; the show is marked ended, or, with
        ``end_show`` False, stays open for the next start to continue. True when everything
        handed over is stored; while the database fails, the writer retries until ``timeout``
        and then gives up (``unsaved`` counts what is lost, ``last_error`` says why)."""
        if self._thread.is_alive():
            self._end_at_close = end_show
            self._give_up_at = time.monotonic() + timeout
            self._stop_asked.set()
            with self._arrived:
                self._arrived.notify()
            self._thread.join(timeout)
        return not self._thread.is_alive() and self._pending == 0 and self.fault is None

    def retry_in(self) -> float | None:
        """Seconds until a batch that failed is tried again; None while writes work, while
        an attempt runs and once the thread has ended (nothing is retried then)."""
        at = self._retry_at
        if at is None or not self._thread.is_alive():
            return None
        return max(0.0, at - time.monotonic())

    @property
    def alive(self) -> bool:
        return self._thread.is_alive()

    def _enqueue(self, item: Any) -> None:
        with self._arrived:
            self._pending += 1
            self._handed += 1
            self._waiting.append(item)
            if len(self._waiting) == 1:
                self._waiting_since = time.monotonic()
                self._arrived.notify()

    # -- the writer thread -----------------------------------------------------------------
    def _run(self) -> None:
        try:
            migrate(self._engine)
            self._show_id = self._open_show()
        except Exception as exc:
            self._fail(exc, "cannot open the database or create the show")
            self._show_ready.set()
            self._notify_ready(None)
            return
        self._show_ready.set()
        self._notify_ready(self._engine)
        stopping = False
        stored = True
        while not stopping:
            batch, stopping = self._collect()
            if batch:
                stored = self._commit_until_done(batch) and stored
        if stored:
            self._close_show(end=self._end_at_close)
        else:  # the next start sees an interrupted show, which it is
            log.error("show %s not closed: %d items were not stored", self._show_id, self._pending)

    def _notify_ready(self, engine: Engine | None) -> None:
        if self._on_ready is None:
            return
        try:
            self._on_ready(engine)
        except Exception:
            log.exception("start-up hook failed")

    def _collect(self) -> tuple[list[Any], bool]:
        """The next batch and whether to stop after it: what arrived during one batch window
        after the first item (at most ``max_batch``), or everything once a stop is asked."""
        stop = self._stop_asked
        waiting = self._waiting
        with self._arrived:
            if not waiting and not stop.is_set():
                self._arrived.wait(0.5)
            if not waiting and not stop.is_set():
                return [], False
            full = len(waiting) >= self._max_batch
        if not full:
            stop.wait(self._batch_window)  # let a batch gather (a stop ends the wait)
        with self._arrived:
            stopping = stop.is_set()
            if self._inflight_since is None:  # (a batch given up on keeps its time)
                self._inflight_since = self._waiting_since
            if stopping or len(waiting) <= self._max_batch:
                batch = list(waiting)
                waiting.clear()
                self._waiting_since = None
            else:  # the rest keeps its (older) time: the age errs on the safe side
                batch = [waiting.popleft() for _ in range(self._max_batch)]
        return batch, stopping

    def _commit_until_done(self, batch: list[Any]) -> bool:
        """Commit ``batch``, retrying with the same batch while the database fails (disk
        full, locked, server away). False when given up: only after ``close``'s timeout,
        nothing is dropped while the console runs."""
        attempts = 0
        while True:
            try:
                self._commit(batch)
            except Exception as exc:
                attempts += 1
                self._fail(exc, f"a batch of {len(batch)} not written (attempt {attempts})")
                delay = min(RETRY_MAX_SECONDS, RETRY_STEP_SECONDS * attempts)
                give_up_at = self._give_up_at
                if give_up_at is not None:
                    delay = min(delay, give_up_at - time.monotonic())
                    if delay <= 0:
                        log.error("gave up on a batch of %d at exit", len(batch))
                        return False
                self._wait_to_retry(delay)
                continue
            self._recovered()
            self.batches += 1
            self._committed_batch(len(batch))
            return True

    def _wait_to_retry(self, delay: float) -> None:
        self._retry_at = time.monotonic() + delay
        try:
            time.sleep(delay)
        finally:
            self._retry_at = None

    def _committed_batch(self, size: int) -> None:
        with self._pending_lock:
            self._inflight_since = None
            self._pending -= size
            self.committed += size
            committed = self.committed
            self._pending_lock.notify_all()
        for callback in self._commit_listeners:
            try:
                callback(committed)
            except Exception:
                log.exception("commit listener failed")

    def _commit(self, batch: list[Any]) -> None:
        show_id = self._show_id
        assert show_id is not None
        started = time.perf_counter()
        rows: dict[type, list[tuple[Any, ...]]] = {}
        audits: list[dict[str, Any]] = []
        ops: list[DbOp] = []
        marks: dict[str, int] = {}
        for item in batch:
            if isinstance(item, tuple):
                event, moderation, origin = item
                rows.setdefault(type(event), []).append(_values(event, moderation, show_id))
                if origin is not None:
                    marks[origin.source] = origin.seq
            elif isinstance(item, AuditRecord):
                audits.append(self._audit_row(item, show_id))
            else:
                ops.append(item)
        with self._engine.begin() as conn:
            for kind, values in rows.items():
                _insert_events(conn, kind, values)
            if audits:
                conn.execute(insert(AuditEntry), audits)
            if marks:
                _upsert_marks(conn, show_id, marks)
            for op in ops:
                op.apply(conn, show_id)
        self._measure(len(batch), time.perf_counter() - started)
        for kind, params in rows.items():
            self.written[kind.type] += len(params)  # type: ignore[attr-defined]
        self.written["audit"] += len(audits)
        self.written["op"] += len(ops)

    def _measure(self, size: int, seconds: float) -> None:
        """Follow the commit speed (items a second), smoothed over a few batches; small
        batches say little about it."""
        if size >= 200 and seconds > 0:
            self.capacity = 0.7 * self.capacity + 0.3 * (size / seconds)

    @staticmethod
    def _audit_row(record: AuditRecord, show_id: int) -> dict[str, Any]:
        return {
            "show_id": show_id,
            "at": record.at,
            "t": record.t,
            "operator": record.operator,
            "action": record.action,
            "target": record.target[:200],
            "result": record.result,
            "detail": json.dumps(record.detail, ensure_ascii=False, default=str),
            "entry": record.entry,
            "subject": record.subject[:200],
        }

    def _open_show(self) -> int:
        """Continue this connector's show if a crash left it open; else close any open show
        and start a new one."""
        shows = _SHOWS
        with self._engine.begin() as conn:
            open_show = conn.execute(
                select(shows.c.id, shows.c.connector, shows.c.started_at, shows.c.stopped_at)
                .where(shows.c.ended_at.is_(None))
                .order_by(shows.c.id.desc())
            ).first()
            if open_show is not None and self._info.resumable:
                show_id, connector, started_at, stopped_at = open_show
                if connector == self._info.connector:
                    clean = stopped_at is not None
                    self.resumed = _resume_state(conn, show_id, started_at, clean)
                    conn.execute(update(shows).where(shows.c.id == show_id).values(stopped_at=None))
                    log.log(
                        logging.INFO if clean else logging.WARNING,
                        "show %s continues after t=%.1f (%s)",
                        show_id,
                        self.resumed.last_t,
                        "it was left open" if clean else "interrupted: a crash?",
                    )
                    return int(show_id)
            conn.execute(update(shows).where(shows.c.ended_at.is_(None)).values(ended_at=utc_now()))
            result = conn.execute(
                insert(shows).values(
                    connector=self._info.connector,
                    source=self._info.source[:500],
                    title=self._info.title[:200],
                    started_at=utc_now(),
                )
            )
        primary_key = result.inserted_primary_key
        assert primary_key is not None
        show_id = primary_key[0]
        log.info("show %s opened (%s)", show_id, self._info.connector)
        return int(show_id)

    def _close_show(self, *, end: bool) -> None:
        """End the show, or leave it open and note that the console stopped cleanly."""
        column = "ended_at" if end else "stopped_at"
        try:
            with self._engine.begin() as conn:
                conn.execute(
                    update(Show).where(Show.id == self._show_id).values({column: utc_now()})
                )
            log.info("show %s %s", self._show_id, "ended" if end else "left open")
        except Exception as exc:
            self._fail(exc, f"cannot close show {self._show_id}")

    def _fail(self, error: BaseException, context: str) -> None:
        """Note a failure. ``last_error``, stderr and ``on_fault`` get its classification (no
        SQL, no viewers' data); the log file gets the exception itself once per fault."""
        fault = classify(error, self._database_file)
        self.last_error = f"{context}: {fault.summary}"
        if fault == self.fault:
            log.warning(self.last_error)
            return
        self.fault = fault
        log.error(self.last_error)
        log.info("the database's error in full (log file only):", exc_info=error)
        if self._on_fault is not None:
            self._on_fault(fault)

    def _recovered(self) -> None:
        """A commit worked: any fault is over."""
        self.last_error = None
        if self.fault is None:
            return
        self.fault = None
        log.warning("the database takes writes again (%d items waiting)", self._pending)
        if self._on_fault is not None:
            self._on_fault(None)
