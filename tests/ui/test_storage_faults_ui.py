"""What the window says about saving when the database fails, read from the real widgets: the
status line says "retrying in N s" only while the writer retries, never SQL or what viewers
wrote; a database that cannot be opened is said once, plainly, and the window stays; no
dialog claims that anything was saved when it was not; quitting with events waiting shows
how many are being saved until they are."""

from __future__ import annotations

import os
import re
import sqlite3
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QMessageBox, QPushButton
from sqlalchemy import Engine, event, text
from sqlalchemy.exc import DBAPIError

from console.events import Comment
from console.log import log_file_path, setup_logging
from console.platforms.demo import DemoConnector, DemoSettings
from console.storage.database import create_db_engine
from console.storage.queries import stored_counts
from ui.crash import CrashReporter
from ui.errors import describe_error
from ui.main_window import MainWindow
from ui.storage_state import storage_view

NICKNAME = "小红薯爱吃瓜"
SECRET_TEXT = "我的手机号是13800138000"
RETRYING = re.compile(r"^保存失败 · \d+ 秒后重试$|^保存失败 · 正在重试$")


def short_busy_timeout(engine: Engine) -> None:
    """A locked database fails after 50 ms instead of SQLite's 5 s (test speed only)."""

    @event.listens_for(engine, "checkout")
    def _busy(dbapi_connection: Any, _record: Any, _proxy: Any) -> None:
        dbapi_connection.execute("PRAGMA busy_timeout = 50")


def viewers_write(window: MainWindow, count: int) -> None:
    """Comments from a viewer whose nickname and words must never reach an operator message."""
    for n in range(count):
        window.session.show.ingest(
            Comment(900 + n / 1000, f"secret{n}", "u-secret", NICKNAME, f"{SECRET_TEXT} {n}")
        )


def shown_texts(window: MainWindow) -> list[str]:
    status = window.status
    return [
        status.message_label.text(),
        status.storage_label.text(),
        status.storage_label.toolTip(),
    ]


def assert_safe(texts: list[str]) -> None:
    for shown in texts:
        for leak in (NICKNAME, SECRET_TEXT, "INSERT", "SELECT", "[SQL", "parameters", "sqlalche"):
            assert leak not in shown, f"{leak!r} shown: {shown!r}"


@pytest.fixture
def crash_reporter(livedesk_home: Path):
    setup_logging(to_stderr=False)
    hooks = (sys.excepthook, threading.excepthook)
    made: list[CrashReporter] = []

    def install(window: MainWindow) -> CrashReporter:
        session = window.session
        reporter = CrashReporter(
            log_file_path(), session.messages, lambda: storage_view(session).saving
        )
        made.append(reporter)
        return reporter

    yield install
    sys.excepthook, threading.excepthook = hooks


def test_a_locked_database_says_retrying_without_sql_or_viewers_words(
    make_window, qtbot, tmp_path: Path
) -> None:
    window = make_window(DemoConnector(DemoSettings(seed=5, comment_rate=20)))
    session = window.session
    qtbot.waitUntil(session.ready.is_set, timeout=10_000)
    short_busy_timeout(session.engine)
    label = window.status.storage_label
    qtbot.waitUntil(lambda: label.text() == "已保存", timeout=5_000)

    blocker = sqlite3.connect(tmp_path / "ui.db", timeout=0)
    blocker.execute("BEGIN EXCLUSIVE")  # a backup tool holds the database
    try:
        viewers_write(window, 50)
        qtbot.waitUntil(lambda: bool(RETRYING.match(label.text())), timeout=20_000)
        qtbot.waitUntil(lambda: "另一个程序占用着数据库" in label.toolTip(), timeout=5_000)
        assert "条等待保存" in label.toolTip()
        qtbot.waitUntil(
            lambda: "另一个程序占用着数据库" in window.status.message_label.text(), timeout=5_000
        )
        assert_safe(shown_texts(window))
    finally:
        blocker.rollback()
        blocker.close()
    qtbot.waitUntil(lambda: label.text() == "已保存", timeout=20_000)
    assert "数据库恢复正常" in window.status.message_label.text()
    assert session.writer.flush(10)
    show_id = session.writer.current_show_id
    assert show_id is not None
    with session.engine.connect() as conn:
        held = conn.exec_driver_sql(
            "SELECT count(*) FROM comments WHERE nickname = ?", (NICKNAME,)
        ).scalar_one()
    assert held == 50  # every one of them stored once the lock went


def random_bytes_database(tmp_path: Path) -> None:
    (tmp_path / "ui.db").write_bytes(os.urandom(32 * 1024))


@pytest.mark.qt_no_exception_capture
def test_a_database_that_cannot_be_opened_is_said_once_and_the_window_stays(
    make_window, qtbot, tmp_path: Path, crash_reporter
) -> None:
    random_bytes_database(tmp_path)
    window = make_window(DemoConnector(DemoSettings(seed=5, comment_rate=20)))
    crash = crash_reporter(window)
    qtbot.waitUntil(lambda: window.storage_dialog is not None, timeout=10_000)
    box = window.storage_dialog
    assert box is not None and box.isVisible()
    assert box.windowTitle() == "无法记录本场直播"
    assert "数据库文件已损坏，或不是 LiveDesk 的数据库" in box.text()
    assert "OBS 和直播间控制仍可使用" in box.text()
    assert "已保存" not in box.text() and "Traceback" not in box.text()

    label = window.status.storage_label
    qtbot.waitUntil(lambda: label.text() == "未记录", timeout=5_000)
    assert "重试" not in label.text() and "重试" not in label.toolTip()
    go_on = next(b for b in box.findChildren(QPushButton) if b.text() == "继续（不记录）")
    qtbot.mouseClick(go_on, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not box.isVisible(), timeout=5_000)
    assert window.isVisible()
    assert window.comment_panel.view.model().rowCount() == 0  # no source runs, nothing lost

    # An unexpected error now: its dialog must not say that everything is saved.
    shown: list[QMessageBox] = []

    def close_it(dialog: QMessageBox) -> None:
        shown.append(dialog)
        QTimer.singleShot(0, dialog.accept)

    crash.dialog_shown.connect(close_it)

    def broken_slot() -> None:
        raise ZeroDivisionError("boom while not recording")

    QTimer.singleShot(0, broken_slot)
    qtbot.waitUntil(lambda: bool(shown), timeout=5_000)
    assert "都已保存" not in shown[0].text()
    assert "状态栏" in shown[0].text()


@pytest.mark.qt_no_exception_capture
def test_the_crash_dialog_says_saved_only_while_it_is(make_window, qtbot, crash_reporter) -> None:
    window = make_window(DemoConnector(DemoSettings(seed=5, comment_rate=20)))
    qtbot.waitUntil(window.session.ready.is_set, timeout=10_000)
    crash = crash_reporter(window)
    shown: list[QMessageBox] = []

    def close_it(dialog: QMessageBox) -> None:
        shown.append(dialog)
        QTimer.singleShot(0, dialog.accept)

    crash.dialog_shown.connect(close_it)

    def broken_slot() -> None:
        raise ZeroDivisionError(f"{NICKNAME} {SECRET_TEXT}")

    QTimer.singleShot(0, broken_slot)
    qtbot.waitUntil(lambda: bool(shown), timeout=5_000)
    assert "已收到的内容都已保存" in shown[0].text()
    assert "ZeroDivisionError" in shown[0].detailedText()
    assert NICKNAME not in shown[0].detailedText()  # the message is in the log file only
    assert NICKNAME in log_file_path().read_text(encoding="utf-8")


def test_quit_on_the_cannot_record_dialog_closes_with_a_failing_exit(
    make_window, qtbot, tmp_path: Path
) -> None:
    random_bytes_database(tmp_path)
    window = make_window(DemoConnector(DemoSettings(seed=5, comment_rate=20)))
    qtbot.waitUntil(lambda: window.storage_dialog is not None, timeout=10_000)
    box = window.storage_dialog
    assert box is not None
    quit_button = next(b for b in box.findChildren(QPushButton) if b.text() == "退出")
    qtbot.mouseClick(quit_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=10_000)
    assert window.session.stop() is False  # what the process's exit code follows
    assert window.session.summary()["storage_error"]


def test_quitting_with_events_waiting_shows_the_saving_progress_until_all_are_stored(
    make_window, qtbot, tmp_path: Path
) -> None:
    window = make_window(DemoConnector(DemoSettings(seed=5, comment_rate=20)))
    session = window.session
    qtbot.waitUntil(session.ready.is_set, timeout=10_000)
    short_busy_timeout(session.engine)
    blocker = sqlite3.connect(tmp_path / "ui.db", timeout=0)
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        viewers_write(window, 2000)
        qtbot.waitUntil(lambda: session.writer.fault is not None, timeout=20_000)
        window.close_now()  # a timed run's end, SIGTERM, or a confirmed quit
        qtbot.waitUntil(
            lambda: (
                window.stopper is not None
                and window.stopper.dialog is not None
                and window.stopper.dialog.isVisible()
            ),
            timeout=10_000,
        )
        dialog = window.stopper.dialog
        assert dialog is not None
        assert re.match(r"^正在保存 [\d,]+ 条…\n保存失败 · ", dialog.labelText())
        assert window.isVisible()  # the window waits for its events to be saved
    finally:
        blocker.rollback()
        blocker.close()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=20_000)
    assert session.stop() is True
    show_id = session.writer.current_show_id
    assert show_id is not None
    assert stored_counts(session.engine, show_id) == session.summary()["received"]
    assert session.summary()["storage_error"] is None


def test_a_database_error_anywhere_is_described_without_its_sql(tmp_path: Path) -> None:
    """Any panel that shows an error (a search, the past shows, an export) gets the cause in
    the operator's words, not SQLAlchemy's text with the statement and a viewer's nickname."""
    engine = create_db_engine(f"sqlite:///{(tmp_path / 'any.db').as_posix()}")
    with pytest.raises(DBAPIError) as raised, engine.connect() as conn:
        conn.execute(text("SELECT * FROM comments WHERE nickname = :n"), {"n": NICKNAME})
    assert NICKNAME in str(raised.value)  # what used to be shown
    shown = describe_error(raised.value)
    assert shown == "数据库出错，详情见日志文件。"
    assert_safe([shown])
