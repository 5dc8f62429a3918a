"""The lottery panel: create a round from a preset, open, close, draw, re-roll, announce, prove.

``LotteryPanel`` only shows a LotteryView; ``LotteryController`` connects it, the lottery
commands (Ctrl+L, Ctrl+Shift+L, Ctrl+D, Ctrl+Shift+D) and a timer to the LotteryService. The
timer (4 Hz) lets the service start a like lottery at its threshold and draw at the end of a
countdown, and refreshes the entrant count and the countdown.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QColor, QFont, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from console.commands import CommandId
from console.errors import OperatorError
from console.lottery_service import (
    MAX_LOTTERIES_PER_SHOW,
    AutoStep,
    LotteryKind,
    LotteryService,
    LotterySettings,
    LotteryState,
    LotteryView,
    Winner,
    announcement_text,
)
from console.messages import Level
from console.moderation import Job
from console.timefmt import show_clock
from ui.actions import ActionRunner
from ui.dialogs.lottery_create import LotteryCreateDialog
from ui.errors import describe_error
from ui.text import arg
from ui.workers import run_in_worker

if TYPE_CHECKING:
    from ui.main_window import MainWindow

TICK_MS = 250
_POSITION_ROLE = Qt.ItemDataRole.UserRole
_FORFEITED_COLOUR = QColor("#8a8a8a")


class _Tile(QFrame):
    """A caption over a big value: state, entrants, countdown."""

    def __init__(self, caption: str, name: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.caption = QLabel(caption, self)
        self.caption.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.caption.setStyleSheet("color: palette(mid);")
        self.value = QLabel(self)
        self.value.setObjectName(name)
        self.value.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        font = self.value.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.value.setFont(font)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 6)
        layout.setSpacing(0)
        layout.addWidget(self.caption)
        layout.addWidget(self.value)


class LotteryPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lotteryPanel")
        self._winners: tuple[Winner, ...] | None = None

        self.new_button = QPushButton(self.tr("New lottery…"), self)
        self.new_button.setObjectName("newLotteryButton")
        self.left_label = QLabel(self)
        self.left_label.setObjectName("lotteriesLeft")
        self.left_label.setToolTip(
            arg(self.tr("The platform allows %1 lotteries per show."), MAX_LOTTERIES_PER_SHOW)
        )
        self.export_button = QPushButton(self.tr("Export proof…"), self)
        self.export_button.setObjectName("exportProofButton")
        self.export_button.setToolTip(
            arg(
                self.tr("Save the draw as a JSON file anyone can check with: %1"),
                "python -m console.lottery verify FILE",
            )
        )
        header = QHBoxLayout()
        header.addWidget(self.new_button)
        header.addWidget(self.export_button)
        header.addStretch(1)
        header.addWidget(self.left_label)

        self.title_label = self._plain_label("lotteryTitle")
        title_font = self.title_label.font()
        title_font.setBold(True)
        self.title_label.setFont(title_font)
        self.hint_label = self._plain_label("lotteryHint")
        self.hint_label.setStyleSheet("color: palette(mid);")

        self.state_tile = _Tile(self.tr("State"), "lotteryState", self)
        self.entrants_tile = _Tile(self.tr("Entrants"), "entrantCount", self)
        self.countdown_tile = _Tile(self.tr("Countdown"), "countdown", self)
        tiles = QGridLayout()
        tiles.setSpacing(6)
        for column, tile in enumerate((self.state_tile, self.entrants_tile, self.countdown_tile)):
            tiles.addWidget(tile, 0, column)
            tiles.setColumnStretch(column, 1)

        self.open_button = self._tool_button("openLotteryButton")
        self.close_button = self._tool_button("closeLotteryButton")
        self.draw_button = self._tool_button("drawLotteryButton")
        self.reroll_button = self._tool_button("rerollButton")
        buttons = QHBoxLayout()
        buttons.setSpacing(4)
        for button in (self.open_button, self.close_button, self.draw_button, self.reroll_button):
            buttons.addWidget(button, 1)

        self.commitment_edit = self._hex_edit("commitment")
        self.commitment_edit.setPlaceholderText(self.tr("Published when the lottery opens"))
        self.seed_edit = self._hex_edit("seed")
        self.seed_edit.setPlaceholderText(self.tr("Revealed after the draw"))
        proof = QFormLayout()
        proof.setContentsMargins(0, 0, 0, 0)
        proof.addRow(self.tr("Commitment"), self.commitment_edit)
        proof.addRow(self.tr("Seed"), self.seed_edit)

        self.winners_table = QTableWidget(0, 3, self)
        self.winners_table.setObjectName("winnersTable")
        self.winners_table.setHorizontalHeaderLabels(["#", self.tr("Winner"), self.tr("User id")])
        self.winners_table.verticalHeader().setVisible(False)
        self.winners_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.winners_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.winners_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.winners_table.setWordWrap(False)
        header_view = self.winners_table.horizontalHeader()
        header_view.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header_view.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header_view.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        row_height = self.winners_table.verticalHeader().defaultSectionSize()
        self.winners_table.setMinimumHeight(header_view.sizeHint().height() + 4 * row_height + 4)

        self.template_button = QToolButton(self)
        self.template_button.setObjectName("templateButton")
        self.template_button.setText(self.tr("Edit template"))
        self.template_button.setCheckable(True)
        self.copy_button = QToolButton(self)
        self.copy_button.setObjectName("copyAnnouncementButton")
        self.copy_button.setText(self.tr("Copy"))
        announcement_bar = QHBoxLayout()
        announcement_bar.addWidget(self._caption(self.tr("Announcement")))
        announcement_bar.addStretch(1)
        announcement_bar.addWidget(self.template_button)
        announcement_bar.addWidget(self.copy_button)
        self.announcement_edit = QPlainTextEdit(self)
        self.announcement_edit.setObjectName("announcement")
        self.announcement_edit.setReadOnly(True)
        self.announcement_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 12)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 8)
        layout.setSpacing(6)
        layout.addLayout(header)
        layout.addWidget(self.title_label)
        layout.addWidget(self.hint_label)
        layout.addLayout(tiles)
        layout.addLayout(buttons)
        layout.addLayout(proof)
        layout.addWidget(self._caption(self.tr("Winners")))
        layout.addWidget(self.winners_table, 1)
        layout.addLayout(announcement_bar)
        layout.addWidget(self.announcement_edit)
        self.setMinimumWidth(340)

    # -- building ------------------------------------------------------------------------------
    def _plain_label(self, name: str) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        label.setTextFormat(Qt.TextFormat.PlainText)  # prize and keyword are operator text
        label.setWordWrap(True)
        return label

    def _caption(self, text: str) -> QLabel:
        label = QLabel(text, self)
        font = label.font()
        font.setBold(True)
        label.setFont(font)
        return label

    def _tool_button(self, name: str) -> QToolButton:
        button = QToolButton(self)
        button.setObjectName(name)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        return button

    def _hex_edit(self, name: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setObjectName(name)
        edit.setReadOnly(True)
        edit.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        return edit

    # -- showing -------------------------------------------------------------------------------
    def selected_position(self) -> int | None:
        """The draw position of the selected winner, if one is selected."""
        rows = self.winners_table.selectionModel().selectedRows()
        if not rows:
            return None
        return int(self.winners_table.item(rows[0].row(), 0).data(_POSITION_ROLE))

    def show_lottery(self, view: LotteryView | None, remaining_lotteries: int, likes: int) -> None:
        self.left_label.setText(
            arg(self.tr("Lotteries left: %1/%2"), remaining_lotteries, MAX_LOTTERIES_PER_SHOW)
        )
        if view is None:
            self.title_label.setText(self.tr("No lottery yet: create one from a preset."))
            self.hint_label.setVisible(False)
            self.state_tile.value.setText("—")
            self.entrants_tile.value.setText("0")
            self.countdown_tile.value.setText("—")
            self.commitment_edit.clear()
            self.seed_edit.clear()
            self._show_winners(())
            return
        self.title_label.setText(self._title(view))
        hint = self._hint(view, likes)
        self.hint_label.setText(hint)
        self.hint_label.setVisible(bool(hint))
        self.state_tile.value.setText(self._state_text(view.state))
        self.entrants_tile.value.setText(f"{view.entrants:,}")
        self.countdown_tile.value.setText(
            "—" if view.remaining is None else show_clock(math.ceil(view.remaining))
        )
        if self.commitment_edit.text() != view.commitment:
            self.commitment_edit.setText(view.commitment)
            self.commitment_edit.setCursorPosition(0)
        if self.seed_edit.text() != view.seed:
            self.seed_edit.setText(view.seed)
            self.seed_edit.setCursorPosition(0)
        self._show_winners(view.winners)

    def show_announcement(self, text: str) -> None:
        if not self.template_button.isChecked() and self.announcement_edit.toPlainText() != text:
            self.announcement_edit.setPlainText(text)

    def _title(self, view: LotteryView) -> str:
        s = view.settings
        if s.kind is LotteryKind.COMMENT:
            return arg(
                self.tr("#%1 · Comment lottery “%2” · %3 × %4"),
                view.number,
                s.keyword,
                s.prize,
                s.winners,
            )
        return arg(self.tr("#%1 · Like lottery · %2 × %3"), view.number, s.prize, s.winners)

    def _hint(self, view: LotteryView, likes: int) -> str:
        s = view.settings
        if view.state is LotteryState.READY and s.auto_start_likes is not None:
            return arg(
                self.tr("Opens by itself at %1 likes (now %2)."),
                f"{s.auto_start_likes:,}",
                f"{likes:,}",
            )
        if view.state is LotteryState.DRAWN:
            left_out = view.entrants - view.eligible
            return arg(
                self.tr("Drawn from %1 of %2 entrants (%3 left out by the exclusions)."),
                f"{view.eligible:,}",
                f"{view.entrants:,}",
                f"{left_out:,}",
            )
        if view.state is LotteryState.OPEN and s.countdown is None:
            return self.tr("Draw when you are ready.")
        return ""

    def _state_text(self, state: LotteryState) -> str:
        return {
            LotteryState.READY: self.tr("Ready"),
            LotteryState.OPEN: self.tr("Open"),
            LotteryState.CLOSED: self.tr("Closed"),
            LotteryState.DRAWN: self.tr("Drawn"),
        }[state]

    def _show_winners(self, winners: tuple[Winner, ...]) -> None:
        if winners == self._winners:
            return
        selected = self.selected_position()
        self._winners = winners
        table = self.winners_table
        table.clearSelection()
        table.setRowCount(len(winners))
        for row, winner in enumerate(winners):
            cells = (str(winner.position), winner.name, winner.user_id)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 0:
                    item.setData(_POSITION_ROLE, winner.position)
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if winner.forfeited:
                    font = QFont(item.font())
                    font.setStrikeOut(True)
                    item.setFont(font)
                    item.setForeground(_FORFEITED_COLOUR)
                    item.setToolTip(self.tr("Did not claim the prize: re-rolled"))
                table.setItem(row, column, item)
        for row, winner in enumerate(winners):
            if winner.position == selected and not winner.forfeited:
                table.selectRow(row)


class LotteryController(QObject):
    def __init__(
        self,
        service: LotteryService,
        panel: LotteryPanel,
        actions: dict[CommandId, QAction],
        runner: ActionRunner,
        window: QWidget,
        dock: QDockWidget | None = None,
    ) -> None:
        super().__init__(window)
        self.service = service
        self.panel = panel
        self.actions = actions
        self.runner = runner
        self.window = window
        self.dock = dock
        self.proof_dir = Path.home()

        actions[CommandId.LOTTERY_OPEN].triggered.connect(self.open_lottery)
        actions[CommandId.LOTTERY_CLOSE].triggered.connect(self.close_lottery)
        actions[CommandId.LOTTERY_DRAW].triggered.connect(self.draw)
        actions[CommandId.LOTTERY_REROLL].triggered.connect(self.reroll_selected)
        panel.open_button.setDefaultAction(actions[CommandId.LOTTERY_OPEN])
        panel.close_button.setDefaultAction(actions[CommandId.LOTTERY_CLOSE])
        panel.draw_button.setDefaultAction(actions[CommandId.LOTTERY_DRAW])
        panel.reroll_button.setDefaultAction(actions[CommandId.LOTTERY_REROLL])
        panel.new_button.clicked.connect(self.create_from_dialog)
        panel.copy_button.clicked.connect(self.copy_announcement)
        panel.template_button.toggled.connect(self._on_template_toggled)
        panel.export_button.clicked.connect(lambda: self.export_proof())
        panel.winners_table.itemSelectionChanged.connect(self.refresh)

        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._on_tick)
        self._timer.start()
        run_in_worker(self.service.load, lambda _prefs: self.refresh(), context=self)
        self.refresh()

    # -- operator actions ------------------------------------------------------------------------
    def create_from_dialog(self) -> None:
        dialog = LotteryCreateDialog(self.service.preferences, self.window)
        accepted = dialog.exec() == LotteryCreateDialog.DialogCode.Accepted
        if dialog.preferences() != self.service.preferences:
            self.service.save_preferences(dialog.preferences())
        if accepted:
            self.create(dialog.settings())

    def create(self, settings: LotterySettings) -> None:
        self._act(lambda: self.service.create(settings), self._created_text)

    def open_lottery(self) -> None:
        self._act(
            self.service.open,
            lambda v: arg(self.tr("Lottery #%1 is open: its commitment is published"), v.number),
        )

    def close_lottery(self) -> None:
        self._act(
            self.service.close,
            lambda v: arg(self.tr("Lottery #%1 closed: %n entrant(s)", "", v.entrants), v.number),
        )

    def draw(self) -> None:
        """Draw the winners; an open lottery is closed first."""
        current = self.service.current()
        if current is not None and current.state is LotteryState.OPEN:
            self.close_lottery()
        self._act(self.service.draw, self._drawn_text)

    def reroll_selected(self) -> None:
        position = self.panel.selected_position()
        if position is None:
            self._report(Level.ERROR, self.tr("Select the winner who did not claim the prize."))
            return
        current = self.service.current()
        loser = current.winners[position - 1].name if current else ""
        self._act(
            lambda: self.service.reroll(position),
            lambda v: arg(self.tr("Re-rolled: %1 replaces %2"), v.winners[-1].name, loser),
        )

    def announcement(self) -> str:
        view = self.service.current()
        if view is None or view.state is not LotteryState.DRAWN:
            return ""
        return announcement_text(self.service.preferences.announcement, view)

    def copy_announcement(self) -> None:
        if self.panel.template_button.isChecked():
            self.panel.template_button.setChecked(False)
        text = self.announcement()
        if not text:
            self._report(Level.ERROR, self.tr("There are no winners to announce yet."))
            return
        QGuiApplication.clipboard().setText(text)
        self._report(Level.INFO, self.tr("Announcement copied: paste it into the live room"))

    def set_template(self, template: str) -> None:
        self.service.save_preferences(replace(self.service.preferences, announcement=template))
        self.refresh()

    def export_proof(self, path: str | os.PathLike[str] | None = None) -> None:
        """Save the proof of the current lottery (asks where when ``path`` is None)."""
        view = self.service.current()
        if view is None or view.state is not LotteryState.DRAWN:
            self._report(Level.ERROR, self.tr("Draw the lottery before exporting its proof."))
            return
        if path is None:
            suggested = self.proof_dir / f"lottery-{view.number}-proof.json"
            chosen, _filter = QFileDialog.getSaveFileName(
                self.window,
                self.tr("Export lottery proof"),
                str(suggested),
                self.tr("Lottery proof (*.json)"),
            )
            if not chosen:
                return
            path = chosen
        target = Path(path)
        self.proof_dir = target.parent
        number = view.number

        def saved(_result: object) -> None:
            self._report(Level.INFO, arg(self.tr("Proof saved and verified: %1"), target))

        def failed(error: Exception) -> None:
            failed_text = QCoreApplication.translate("ActionRunner", "Failed: %1")
            self._report(Level.ERROR, arg(failed_text, describe_error(error)))

        run_in_worker(
            lambda: self.service.export_proof(number, target), saved, failed, context=self
        )

    # -- helpers ---------------------------------------------------------------------------------
    def _act(self, call: Callable[[], Job], done_text: Callable[[LotteryView], str]) -> None:
        """Make a service call (the lottery changes at once), then run its job on the runner."""
        try:
            job = call()
        except OperatorError as exc:
            self._report(Level.ERROR, describe_error(exc))
            return
        view = self.service.current()
        assert view is not None
        self.runner.run(job, done_text(view))
        self.refresh()

    def _created_text(self, view: LotteryView) -> str:
        return arg(self.tr("Lottery #%1 is ready: open it when you announce it"), view.number)

    def _drawn_text(self, view: LotteryView) -> str:
        if not view.winners:
            return arg(self.tr("Lottery #%1 drawn: nobody could win"), view.number)
        winners = len(view.final_winners)
        return arg(self.tr("Lottery #%1 drawn: %n winner(s)", "", winners), view.number)

    def _on_tick(self) -> None:
        try:
            steps = self.service.tick()
        except OperatorError as exc:
            self._report(Level.ERROR, describe_error(exc))
            steps = []
        for step in steps:
            self.runner.run(step.job, self._auto_text(step))
        self.refresh()

    def _auto_text(self, step: AutoStep) -> str:
        view = self.service.view(step.number)
        if step.command == "lottery.open":
            return arg(
                self.tr("Lottery #%1 opened by itself: the room reached %2 likes"),
                step.number,
                f"{self.service.likes_total:,}",
            )
        if step.command == "lottery.close":
            return arg(self.tr("Countdown over: lottery #%1 closed"), step.number)
        return self._drawn_text(view)

    def _on_template_toggled(self, editing: bool) -> None:
        edit = self.panel.announcement_edit
        edit.setReadOnly(not editing)
        if editing:
            edit.setPlainText(self.service.preferences.announcement)
            edit.setFocus()
            return
        template = edit.toPlainText().strip()
        if template and template != self.service.preferences.announcement:
            self.set_template(template)
            self._report(Level.INFO, self.tr("Announcement template saved"))
        self.refresh()

    def refresh(self) -> None:
        view = self.service.current()
        self.panel.show_lottery(view, self.service.remaining_lotteries, self.service.likes_total)
        self.panel.show_announcement(self.announcement())
        state = view.state if view else None
        selected = self.panel.selected_position()
        can_reroll = (
            view is not None
            and view.can_reroll
            and selected is not None
            and not view.winners[selected - 1].forfeited
        )
        self.actions[CommandId.LOTTERY_OPEN].setEnabled(state is LotteryState.READY)
        self.actions[CommandId.LOTTERY_CLOSE].setEnabled(state is LotteryState.OPEN)
        self.actions[CommandId.LOTTERY_DRAW].setEnabled(
            state in (LotteryState.OPEN, LotteryState.CLOSED)
        )
        self.actions[CommandId.LOTTERY_REROLL].setEnabled(can_reroll)
        self.panel.new_button.setEnabled(self.service.loaded)
        self.panel.export_button.setEnabled(state is LotteryState.DRAWN)
        self.panel.copy_button.setEnabled(state is LotteryState.DRAWN)

    def _report(self, level: Level, text: str) -> None:
        self.runner.reported.emit(level, text)


def install(window: MainWindow) -> LotteryController:
    """The lottery dock (right side), its commands and a Lottery menu, on a running session."""
    service = LotteryService.for_session(window.session)
    panel = LotteryPanel()
    dock = QDockWidget(QCoreApplication.translate("LotteryPanel", "Lottery"), window)
    dock.setObjectName("lotteryDock")
    dock.setWidget(panel)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    controller = LotteryController(service, panel, window.actions, window.runner, window, dock)
    menu = window.menuBar().addMenu(QCoreApplication.translate("LotteryPanel", "&Lottery"))
    for command in (
        CommandId.LOTTERY_OPEN,
        CommandId.LOTTERY_CLOSE,
        CommandId.LOTTERY_DRAW,
        CommandId.LOTTERY_REROLL,
    ):
        menu.addAction(window.actions[command])
    menu.addSeparator()
    menu.addAction(dock.toggleViewAction())
    return controller
