"""QActions built from the command registry, and the runner that carries out operator jobs.

``create_actions`` makes one QAction per console.commands entry (translated title, shortcut);
menus, toolbars, row buttons and keyboard shortcuts all trigger the same action.
``ActionRunner`` runs a job (platform call + audit) on a worker thread and reports the outcome
in the operator's language: done, done here only (viewers still see it), or why it failed.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from console.commands import COMMANDS, CommandId, numbered
from console.messages import Level
from console.moderation import Job, Outcome, Scope
from ui.errors import describe_error
from ui.text import arg
from ui.workers import run_in_worker, serial_pool


def command_title(command: CommandId) -> str:
    title = QCoreApplication.translate("commands", COMMANDS[command].title)
    number = numbered(command)
    return title.replace("%n", str(number)) if number is not None else title


def create_actions(
    parent: QWidget, shortcuts: dict[CommandId, str] | None = None
) -> dict[CommandId, QAction]:
    """One QAction per command; ``shortcuts`` overrides the default key of any command."""
    actions: dict[CommandId, QAction] = {}
    for command, spec in COMMANDS.items():
        action = QAction(command_title(command), parent)
        action.setObjectName(f"action:{command.value}")
        key = (shortcuts or {}).get(command, spec.shortcut)
        if key:
            action.setShortcut(QKeySequence(key))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        parent.addAction(action)
        actions[command] = action
    return actions


class ActionRunner(QObject):
    """Runs jobs off the GUI thread, one at a time and in order (an operator's mute then
    unmute must reach the platform in that order); emits ``reported(level, text)`` and
    ``finished(outcome)``."""

    reported = Signal(object, str)  # console.messages.Level, operator text
    finished = Signal(object)  # Outcome

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = serial_pool(self)

    def run(
        self, job: Job, done_text: str, on_done: Callable[[Outcome], None] | None = None
    ) -> None:
        def report(outcome: Outcome) -> None:
            if outcome.error is not None:
                text = arg(self.tr("Failed: %1"), describe_error(outcome.error))
                self.reported.emit(Level.ERROR, text)
            elif outcome.scope is Scope.LOCAL:
                text = arg(self.tr("%1 — here only: viewers still see it"), done_text)
                self.reported.emit(Level.WARNING, text)
            else:
                self.reported.emit(Level.INFO, done_text)
            if on_done is not None:
                on_done(outcome)
            self.finished.emit(outcome)

        def crashed(error: Exception) -> None:
            self.reported.emit(Level.ERROR, arg(self.tr("Failed: %1"), describe_error(error)))

        run_in_worker(job, report, crashed, pool=self.pool, context=self)
