"""What UI tests do over and over: answer the question an irreversible command asks."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from ui.main_window import MainWindow


def answer(window: MainWindow, qtbot: Any, key: Qt.Key = Qt.Key.Key_Return) -> QMessageBox:
    """Wait for the "cannot be undone" question and press ``key`` in it (Enter confirms, Esc
    cancels), as the operator would; returns the question that was asked."""
    qtbot.waitUntil(lambda: window.runner.confirmation is not None, timeout=5_000)
    box = window.runner.confirmation
    assert box is not None and box.isVisible()
    qtbot.keyClick(box, key)
    qtbot.waitUntil(lambda: window.runner.confirmation is None, timeout=5_000)
    # A window manager gives the window its focus back; the offscreen platform does not.
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5_000)
    return box
