"""RundownController: the rundown dock on the RundownService.

GO, previous and pause are the rundown commands (also on F9, Shift+F9, Ctrl+F9); Open… reads a
file on a worker and loads it (what the room lacks — goods numbers, OBS scenes — is said as a
warning), Template starts from the brief's flow, Save as… writes the rundown out, and a row
dragged elsewhere reorders the segments (before GO or after the end). The dock redraws four
times a second for the back-timers. 提词器 shows the prompter window full screen on the chosen
screen; the message box sends the 场控's message to it (``prompter.message``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QWidget

from console.commands import CommandId
from console.errors import OperatorError
from console.goods_service import GoodsService
from console.messages import Level
from console.obs.service import ObsService
from console.rundown.document import read_rundown, write_rundown
from console.rundown.errors import RundownInvalid
from console.rundown.model import Rundown
from console.rundown.prompter import Prompter
from console.rundown.service import RundownService
from console.rundown.template import template
from console.rundown.validate import check_room
from ui.controllers.commands import CommandRunner, command_title
from ui.errors import describe_error
from ui.panels.rundown_panel import RundownPanel
from ui.prompter_window import PrompterWindow
from ui.rundown_bands import LiveSegmentBands
from ui.workers import run_in_worker

REDRAW_MS = 250


class RundownController(QObject):
    def __init__(
        self,
        service: RundownService,
        prompter: Prompter,
        goods: GoodsService,
        obs: ObsService | None,
        panel: RundownPanel,
        runner: CommandRunner,
        parent: QWidget,
        bands: LiveSegmentBands | None = None,
        show_clock: Callable[[], float] = lambda: 0.0,
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.prompter = prompter
        self.prompter_window: PrompterWindow | None = None
        self.bands = bands  # the segments on the dashboard's curves
        self.show_clock = show_clock
        self.goods = goods
        self.obs = obs
        self.panel = panel
        self.runner = runner
        self.dialog_parent = parent
        self.folder = Path.home()
        for button, command in (
            (panel.go_button, CommandId.RUNDOWN_NEXT),
            (panel.previous_button, CommandId.RUNDOWN_PREVIOUS),
            (panel.pause_button, CommandId.RUNDOWN_PAUSE),
        ):
            key = runner.actions.key(command)
            title = command_title(command)
            button.setText(f"{title}  {key}" if key else title)
            runner.bind_button(button, command)
        panel.open_button.clicked.connect(self.open_file)
        panel.save_button.clicked.connect(self.save_file)
        panel.template_button.clicked.connect(lambda: self.load(template()))
        panel.table.moved.connect(self.move)
        for number, screen in enumerate(QGuiApplication.screens(), 1):
            panel.screen_box.addItem(f"{number}: {screen.name()}", screen.name())
        panel.screen_box.setCurrentIndex(panel.screen_box.count() - 1)  # a second monitor
        panel.prompter_button.clicked.connect(self.show_prompter)
        panel.message_button.clicked.connect(self.send_message)
        panel.message_edit.returnPressed.connect(self.send_message)
        panel.table.itemSelectionChanged.connect(self.refresh)
        runner.submitted.connect(lambda command: command.startswith("rundown.") and self.refresh())
        self._current: object = None
        self._timer = QTimer(self)
        self._timer.setInterval(REDRAW_MS)
        self._timer.timeout.connect(self.refresh)
        self._timer.start()
        self.refresh()

    def refresh(self) -> None:
        view = self.service.view()
        self.panel.show_view(view)
        if self.bands is not None and view is not None:
            self.bands.show(view.aired, self.show_clock())
        where = None if view is None else (view.current, view.finished, view.paused)
        if where != self._current:  # a rehearsal moved on: GO's enabled state may change
            self._current = where
            self.runner.schedule_sync()

    # -- the operator's clicks -----------------------------------------------------------------
    def open_file(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileName(
            self.dialog_parent,
            self.tr("Open rundown"),
            str(self.folder),
            self.tr("Rundown (*.json)"),
        )
        if chosen:
            self.open_path(Path(chosen))

    def open_path(self, path: Path) -> None:
        """Read ``path`` on a worker, then load it."""
        self.folder = path.parent
        run_in_worker(lambda: read_rundown(path), self.load, self._unreadable, context=self)

    def _unreadable(self, error: Exception) -> None:
        if isinstance(error, OperatorError):
            text = describe_error(error)
        else:
            text = self.tr("Cannot read the rundown: %1").replace("%1", str(error))
        self.runner.tell(Level.ERROR, text)

    def load(self, rundown: Rundown) -> None:
        try:
            self.service.load(rundown)
        except OperatorError as exc:
            self.runner.tell(Level.ERROR, describe_error(exc))
            return
        problems = check_room(rundown, self._goods_count(), self._scenes())
        if problems:
            self.runner.tell(Level.WARNING, describe_error(RundownInvalid(problems)))
        self.runner.schedule_sync()
        self.refresh()

    def _goods_count(self) -> int | None:
        goods = self.goods
        return len(goods.order()) if goods.supports_goods and goods.loaded else None

    def _scenes(self) -> tuple[str, ...] | None:
        obs = self.obs
        return obs.state.scenes if obs is not None and obs.state.connected else None

    def save_file(self) -> None:
        rundown = self.service.rundown
        if rundown is None:
            self.runner.tell(Level.ERROR, self.tr("There is no rundown to save."))
            return
        chosen, _filter = QFileDialog.getSaveFileName(
            self.dialog_parent,
            self.tr("Save rundown"),
            str(self.folder / "rundown.json"),
            self.tr("Rundown (*.json)"),
        )
        if chosen:
            self.save_path(rundown, Path(chosen))

    def save_path(self, rundown: Rundown, path: Path) -> None:
        self.folder = path.parent

        def saved(_result: object) -> None:
            self.runner.tell(Level.INFO, self.tr("Rundown saved: %1").replace("%1", str(path)))

        run_in_worker(lambda: write_rundown(rundown, path), saved, self._unreadable, context=self)

    def show_prompter(self) -> PrompterWindow:
        """The prompter, full screen on the screen chosen in the dock."""
        if self.prompter_window is None:
            self.prompter_window = PrompterWindow(
                lambda: self.prompter.content(self.service.view()), self.dialog_parent
            )
        name = self.panel.screen_box.currentData()
        screens = [s for s in QGuiApplication.screens() if s.name() == name]
        self.prompter_window.show_on(screens[0] if screens else None)
        return self.prompter_window

    def send_message(self) -> None:
        self.runner.run(CommandId.PROMPTER_MESSAGE, {"text": self.panel.message_edit.text()})

    def move(self, source: int, destination: int) -> None:
        rundown = self.service.rundown
        if rundown is not None:
            self.load(rundown.moved(source, destination))
