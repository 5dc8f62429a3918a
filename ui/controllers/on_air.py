"""Keeps the on-air bar current (a clock: its durations and countdowns tick) and runs its
button, lifting the comment ban, as a command."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer

from console.commands import CommandId
from console.on_air import on_air
from console.session import LiveSession
from ui.controllers.commands import CommandRunner
from ui.panels.on_air_bar import OnAirBar

REFRESH_MS = 500


class OnAirController(QObject):
    def __init__(
        self, session: LiveSession, bar: OnAirBar, runner: CommandRunner, parent: QObject
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._bar = bar
        runner.bind_button(bar.lift_ban_button, CommandId.ROOM_UNBAN_ALL)
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        self._timer.start()
        self.refresh()

    def refresh(self) -> None:
        self._bar.show_state(on_air(self._session))
