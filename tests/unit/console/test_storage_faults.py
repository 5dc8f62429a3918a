"""Database faults as the operator meets them: a database that cannot be opened (random bytes,
a read-only folder, a schema from a newer LiveDesk) stops nothing but the recording and is
said in a few plain words; a full disk or a locked database keeps every event and stores it
once the fault is gone. No message carries SQL, bound parameters or viewers' words."""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, event, text

from console.commands.ids import CommandId
from console.commands.spec import Entry
from console.events import Comment
from console.platforms.base import EventSink
from console.session import LiveSession
from console.storage.database import create_db_engine, migrate
from console.storage.faults import FaultKind, StorageFault
from console.storage.queries import stored_counts
from console.storage.writer import ShowInfo, StorageWriter
from helpers.connectors import ScriptedConnector

NICKNAME = "小红薯爱吃瓜"
SECRET_TEXT = "我的手机号是13800138000"


def comment(n: int) -> Comment:
    return Comment(1.0 + n / 1000, f"c{n}", f"u{n}", NICKNAME, f"{SECRET_TEXT} #{n} " + "好" * 80)


def wait_for(condition: Callable[[], bool], timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition not met in time"
        time.sleep(0.02)


def assert_safe(text: str | None) -> None:
    """No SQL, no bound parameters, no viewer's data, no link to SQLAlchemy's pages."""
    assert text is not None
    for leak in (NICKNAME, SECRET_TEXT, "INSERT", "SELECT", "UPDATE", "[SQL", "parameters", "http"):
        assert leak not in text, f"{leak!r} in {text!r}"


class StartRecordingConnector(ScriptedConnector):
    """Plays some comments, and notes whether the console ever started it."""

    def __init__(self) -> None:
        super().__init__([comment(n) for n in range(20)])
        self.started = False

    def start(self, sink: EventSink) -> None:
        self.started = True
        super().start(sink)


def session_on(url: str) -> tuple[LiveSession, list[StorageFault]]:
    session = LiveSession(StartRecordingConnector(), url)
    told: list[StorageFault] = []
    session.add_storage_unusable_listener(told.append)
    session.start()
    return session, told


# -- a database that cannot be opened ----------------------------------------------------------


def test_a_file_of_random_bytes_is_not_a_database_and_nothing_starts(tmp_path: Path) -> None:
    db = tmp_path / "random.db"
    db.write_bytes(os.urandom(64 * 1024))
    before = db.read_bytes()
    session, told = session_on(f"sqlite:///{db.as_posix()}")
    wait_for(lambda: bool(told))

    assert told[0].kind is FaultKind.NOT_A_DATABASE
    lottery = session.commands.submit(
        CommandId.LOTTERY_CREATE, {"keyword": "抽奖", "prize": "口红"}, Entry.BUTTON
    ).result(timeout=10)
    assert not lottery.ok and "cannot be used" in lottery.message  # not "still loading"
    assert session.stop() is False  # the exit code says it
    summary = session.summary()
    assert summary["storage_error"].startswith("cannot open the database")
    assert "not a database (sqlite3.DatabaseError SQLITE_NOTADB)" in summary["storage_error"]
    assert summary["show_id"] is None and summary["stored"]["comment"] == 0
    assert not session.connector.started  # nothing taken in that could not be stored
    assert not session.writer.alive and session.writer.retry_in() is None  # no "retrying"
    assert db.read_bytes() == before


@pytest.mark.skipif(
    os.geteuid() == 0,
    reason="root ignores file permissions; tests/e2e/test_storage_faults_run.py runs the "
    "program on a read-only folder with CAP_DAC_OVERRIDE dropped instead",
)
def test_a_read_only_folder_is_said_to_be_read_only(tmp_path: Path) -> None:
    folder = tmp_path / "locked-away"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        session, told = session_on(f"sqlite:///{(folder / 'livedesk.db').as_posix()}")
        wait_for(lambda: bool(told))
        assert told[0].kind is FaultKind.READ_ONLY
        assert session.stop() is False
        assert "read-only" in session.summary()["storage_error"]
        assert not session.connector.started
    finally:
        folder.chmod(0o755)


def test_a_schema_from_a_newer_version_is_refused_and_left_untouched(tmp_path: Path) -> None:
    db = tmp_path / "newer.db"
    url = f"sqlite:///{db.as_posix()}"
    made = create_db_engine(url)
    migrate(made)
    with made.begin() as conn:  # what a newer LiveDesk would have left
        conn.execute(text("UPDATE alembic_version SET version_num = '0099_from_the_future'"))
        conn.execute(text("CREATE TABLE future_things (id INTEGER PRIMARY KEY, what TEXT)"))
        conn.execute(text("INSERT INTO future_things (what) VALUES ('kept')"))
    made.dispose()
    before = db.read_bytes()

    session, told = session_on(url)
    wait_for(lambda: bool(told))
    assert told[0].kind is FaultKind.NEWER_SCHEMA
    assert session.stop() is False
    assert "newer schema" in session.summary()["storage_error"]
    session.engine.dispose()

    assert db.read_bytes() == before  # not a byte written
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [
            ("0099_from_the_future",)
        ]
        assert conn.execute("SELECT count(*) FROM shows").fetchone() == (0,)


# -- faults during the show ---------------------------------------------------------------------


class PageLimit:
    """A disk that fills up: every connection the engine hands out is held to ``pages``
    (SQLite's max_page_count; None lifts the limit). Set up by the test on the engine, the
    production code knows nothing of it."""

    def __init__(self, engine: Engine) -> None:
        self.pages: int | None = None
        event.listen(engine, "checkout", self._apply)

    def _apply(self, dbapi_connection: Any, _record: Any, _proxy: Any) -> None:
        pages = self.pages if self.pages is not None else 1_073_741_823
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")


def short_busy_timeout(engine: Engine) -> None:
    """A locked database fails after 50 ms instead of SQLite's 5 s wait (test speed only)."""

    @event.listens_for(engine, "checkout")
    def _busy(dbapi_connection: Any, _record: Any, _proxy: Any) -> None:
        dbapi_connection.execute("PRAGMA busy_timeout = 50")


@pytest.fixture
def writer_parts(db_url: str) -> Iterator[tuple[Engine, list[StorageFault | None]]]:
    engine = create_db_engine(db_url)
    yield engine, []
    engine.dispose()


def test_a_full_disk_keeps_every_event_and_stores_it_once_there_is_space(writer_parts) -> None:
    engine, faults = writer_parts
    limit = PageLimit(engine)
    writer = StorageWriter(engine, ShowInfo("demo"), on_fault=faults.append)
    writer.start()
    show_id = writer.show_id()
    with engine.connect() as conn:
        limit.pages = conn.execute(text("PRAGMA page_count")).scalar_one()

    for n in range(3000):
        writer.add(comment(n))
    wait_for(lambda: writer.retry_in() is not None)  # it failed and waits to try again
    assert writer.fault is not None and writer.fault.kind is FaultKind.DISK_FULL
    assert writer.unsaved == 3000  # nothing dropped
    assert_safe(writer.last_error)
    assert "disk full (sqlite3.OperationalError SQLITE_FULL)" in (writer.last_error or "")

    limit.pages = None  # space again
    assert writer.flush(timeout=30)
    assert writer.fault is None and writer.last_error is None and writer.retry_in() is None
    assert writer.close()
    assert stored_counts(engine, show_id)["comment"] == 3000
    assert [f.kind if f else None for f in faults] == [FaultKind.DISK_FULL, None]


def test_a_locked_database_is_retried_and_everything_stored_once_it_is_free(
    writer_parts, db_url: str
) -> None:
    engine, faults = writer_parts
    short_busy_timeout(engine)
    writer = StorageWriter(engine, ShowInfo("demo"), on_fault=faults.append)
    writer.start()
    show_id = writer.show_id()
    blocker = sqlite3.connect(db_url.removeprefix("sqlite:///"), timeout=0)
    blocker.execute("BEGIN EXCLUSIVE")  # another program holds the database
    try:
        for n in range(500):
            writer.add(comment(n))
        wait_for(lambda: writer.retry_in() is not None)
        assert writer.fault is not None and writer.fault.kind is FaultKind.LOCKED
        assert_safe(writer.last_error)
    finally:
        blocker.rollback()
        blocker.close()
    assert writer.flush(timeout=30)
    assert writer.close()
    assert stored_counts(engine, show_id)["comment"] == 500
    assert [f.kind if f else None for f in faults] == [FaultKind.LOCKED, None]


def test_an_exit_that_cannot_store_everything_says_so(tmp_path: Path) -> None:
    db = tmp_path / "held.db"
    session = LiveSession(StartRecordingConnector(), f"sqlite:///{db.as_posix()}")
    short_busy_timeout(session.engine)
    session.start()
    wait_for(session.ready.is_set)
    wait_for(lambda: session.writer.unsaved == 0 and session.summary()["stored"]["comment"] == 20)
    blocker = sqlite3.connect(db, timeout=0)
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        for n in range(100, 150):
            session.writer.add(comment(n))
        wait_for(lambda: session.writer.fault is not None)
        assert session.stop(timeout=1.0) is False
    finally:
        blocker.rollback()
        blocker.close()
    error = session.summary()["storage_error"]
    assert error.startswith("50 items not stored: ")
    assert "database locked (sqlite3.OperationalError SQLITE_BUSY)" in error
    assert_safe(error)
    wait_for(lambda: not session.writer.alive)  # it gave up: nothing says "retrying" now
    assert session.writer.retry_in() is None
