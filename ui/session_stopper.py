"""Stopping the session when the window closes, without blocking the GUI thread.

Stopping commits everything received, which takes a moment normally and longer after a flood
or while the database fails. ``SessionStopper`` runs ``LiveSession.stop`` on a thread of its
own; after ``PROGRESS_AFTER_S`` it shows a small window-modal progress ("Saving N items…",
from the writer's count of unsaved items, and the retry state while the database fails),
and says ``finished(saved)`` when the session has stopped.
"""

from __future__ import annotations

import threading
import time

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from console.log import ui as log
from console.session import LiveSession
from ui.storage_state import retry_text
from ui.text import arg

PROGRESS_AFTER_S = 1.0
POLL_MS = 100
REPORT_EVERY_S = 1.0


class SessionStopper(QObject):
    finished = Signal(bool)  # everything received is stored
    progress = Signal(int)  # items still to save, every REPORT_EVERY_S while saving

    def __init__(self, session: LiveSession, parent: QWidget) -> None:
        super().__init__(parent)
        self._session = session
        self._window = parent
        self._done = threading.Event()
        self._saved = False
        self._started = 0.0
        self._reported = 0.0
        self._most = 0  # the most items seen waiting: the progress bar's length
        self.dialog: QProgressDialog | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._poll)

    def start(self) -> None:
        self._started = self._reported = time.monotonic()
        threading.Thread(target=self._stop, name="session-stop", daemon=True).start()
        self._timer.start()

    def _stop(self) -> None:
        try:
            self._saved = self._session.stop()
        finally:
            self._done.set()

    def _poll(self) -> None:
        if self._done.is_set():
            self._timer.stop()
            if self.dialog is not None:
                self.dialog.close()
            self.finished.emit(self._saved)
            return
        now = time.monotonic()
        if now - self._started < PROGRESS_AFTER_S:
            return
        left = self._session.writer.unsaved
        if now - self._reported >= REPORT_EVERY_S:
            self._reported = now
            log.info("saving before exit: %d items left", left)
            self.progress.emit(left)
        self._show_progress(left)

    def _show_progress(self, left: int) -> None:
        dialog = self.dialog
        if dialog is None:
            dialog = QProgressDialog(self._window)
            dialog.setObjectName("savingProgress")
            dialog.setWindowTitle(self.tr("Quitting LiveDesk"))
            dialog.setWindowModality(Qt.WindowModality.WindowModal)
            dialog.setCancelButton(None)
            dialog.setAutoClose(False)
            dialog.setAutoReset(False)
            dialog.setMinimumDuration(0)
            self.dialog = dialog
        self._most = max(self._most, left)
        dialog.setRange(0, max(self._most, 1))
        dialog.setValue(self._most - left)
        text = arg(self.tr("Saving %1 items…"), f"{left:,}")
        writer = self._session.writer
        if writer.fault is not None and writer.alive:
            text = f"{text}\n{retry_text(self._session)}"
        dialog.setLabelText(text)
        if not dialog.isVisible():  # Esc hides a progress dialog; saving goes on
            dialog.show()
