"""An unexpected error shows a dialog with the log's path instead of the window vanishing."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox

from console.log import log_file_path, setup_logging
from console.messages import MessageBus
from ui.crash import CrashReporter


@pytest.fixture
def reporter(livedesk_home: Path):
    setup_logging(to_stderr=False)
    hooks = (sys.excepthook, threading.excepthook)
    messages = MessageBus()
    reporter = CrashReporter(log_file_path(), messages)
    yield reporter, messages
    sys.excepthook, threading.excepthook = hooks


@pytest.mark.qt_no_exception_capture
def test_an_error_in_a_slot_shows_the_log_path(reporter, qtbot) -> None:
    crash, _messages = reporter
    shown: list[QMessageBox] = []

    def close_it(box: QMessageBox) -> None:
        shown.append(box)
        QTimer.singleShot(0, box.accept)

    crash.dialog_shown.connect(close_it)

    def broken_slot() -> None:
        raise ZeroDivisionError("boom in a slot")

    QTimer.singleShot(0, broken_slot)
    qtbot.waitUntil(lambda: bool(shown))
    assert str(log_file_path()) in shown[0].text()
    ok = shown[0].button(QMessageBox.StandardButton.Ok)
    assert ok.text() == "确定" and shown[0].defaultButton() is ok  # Qt's own OK, in Chinese
    assert "ZeroDivisionError" in shown[0].detailedText()
    log_text = log_file_path().read_text(encoding="utf-8")
    assert "boom in a slot" in log_text and "Traceback" in log_text


def test_an_error_on_a_worker_thread_is_logged_and_reported(reporter) -> None:
    _crash, messages = reporter

    def worker() -> None:
        raise RuntimeError("boom on a thread")

    thread = threading.Thread(target=worker, name="test-worker")
    thread.start()
    thread.join()
    assert "boom on a thread" in log_file_path().read_text(encoding="utf-8")
    [message] = messages.drain()
    assert str(log_file_path()) in message.render()
