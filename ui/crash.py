"""Unexpected errors: logged with their traceback, and shown to the operator with the log's
path instead of the window vanishing. Errors on worker threads are logged and reported in the
status line (a dialog can only be shown from the GUI thread)."""

from __future__ import annotations

import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QMessageBox

from console.i18n import QT_TRANSLATE_NOOP
from console.log import app as log
from console.messages import MessageBus
from ui.text import arg

WHERE_FRAMES = 4  # innermost frames shown under "Show details"


class CrashReporter(QObject):
    """Installed once per application; ``dialog_shown`` is emitted with each dialog (tests)."""

    dialog_shown = Signal(QMessageBox)

    def __init__(
        self,
        log_path: Path,
        messages: MessageBus | None = None,
        saving: Callable[[], bool] | None = None,
    ) -> None:
        """``saving()``: whether everything received is being saved now; the dialog says so
        only then (without it, it promises nothing about saving)."""
        super().__init__()
        self.log_path = log_path
        self.messages = messages
        self.saving = saving
        self._showing = False
        self._previous_hook = sys.excepthook
        sys.excepthook = self._on_exception
        threading.excepthook = self._on_thread_exception

    def _on_exception(
        self, kind: type[BaseException], error: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            self._previous_hook(kind, error, tb)
            return
        log.critical("unexpected error:\n%s", "".join(traceback.format_exception(kind, error, tb)))
        if self._showing:  # one dialog at a time; a burst of errors is all in the log
            return
        self._showing = True
        try:
            box = QMessageBox(
                QMessageBox.Icon.Critical,
                QCoreApplication.translate("CrashReporter", "LiveDesk hit an unexpected error"),
                arg(self._text(), self.log_path),
                QMessageBox.StandardButton.Ok,
            )
            box.setDefaultButton(QMessageBox.StandardButton.Ok)
            box.setDetailedText(where(kind, tb))
            self.dialog_shown.emit(box)
            box.exec()
        finally:
            self._showing = False

    def _text(self) -> str:
        if self.saving is not None and self.saving():
            return QCoreApplication.translate(
                "CrashReporter",
                "Something went wrong inside LiveDesk. The show keeps running and "
                "everything received so far is saved.\n\nDetails are in the log file:\n%1",
            )
        return QCoreApplication.translate(
            "CrashReporter",
            "Something went wrong inside LiveDesk. The show keeps running; the status bar "
            "says whether what arrives is saved.\n\nDetails are in the log file:\n%1",
        )

    def _on_thread_exception(self, args: threading.ExceptHookArgs) -> None:
        log.critical(
            "unexpected error on thread %s:\n%s",
            args.thread.name if args.thread else "?",
            "".join(traceback.format_exception(args.exc_type, args.exc_value, args.exc_traceback)),
        )
        if self.messages is not None:
            self.messages.error(
                QT_TRANSLATE_NOOP(
                    "messages", "A background task failed unexpectedly; details are in {log}."
                ),
                log=str(self.log_path),
            )


def where(kind: type[BaseException], tb: TracebackType | None) -> str:
    """The error's type and the innermost places it went through, for a bug report. Not its
    message: that may quote SQL, nicknames or comments (the log file has it)."""
    frames = traceback.extract_tb(tb)[-WHERE_FRAMES:]
    places = [f"{Path(f.filename).name}:{f.lineno} in {f.name}" for f in frames]
    return "\n".join((kind.__name__, *places))
