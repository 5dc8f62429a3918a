"""LotteryController: the Lottery dock on the LotteryService, every button a command.

New lottery… opens the create dialog (its OK runs ``lottery.create``); Open, Close, Draw and
Re-roll run ``lottery.open`` … ``lottery.reroll`` (the re-roll with the selected winner);
Export proof… runs ``lottery.export_proof``. Countdowns and like thresholds are the core's
(console.session's ticker); the dock redraws four times a second for the entrant count and
the countdown.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QWidget

from console.commands import CommandId
from console.lottery.model import LotterySettings, LotteryState, announcement_text
from console.lottery.service import LotteryService
from console.messages import Level
from ui.controllers.commands import CommandRunner, Target, command_title
from ui.dialogs.lottery_create import LotteryCreateDialog
from ui.errors import describe_error
from ui.panels.lottery_panel import LotteryPanel
from ui.view_commands import ViewId

REDRAW_MS = 250


class LotteryController(QObject):
    def __init__(
        self,
        service: LotteryService,
        panel: LotteryPanel,
        runner: CommandRunner,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.panel = panel
        self.runner = runner
        self.dialog_parent = parent
        self.proof_dir = Path.home()
        self._shown: object = None

        for button, command in (
            (panel.open_button, CommandId.LOTTERY_OPEN),
            (panel.close_button, CommandId.LOTTERY_CLOSE),
            (panel.draw_button, CommandId.LOTTERY_DRAW),
        ):
            button.setText(command_title(command))
            runner.bind_button(button, command)
        panel.reroll_button.setText(command_title(CommandId.LOTTERY_REROLL))
        runner.bind_button(panel.reroll_button, CommandId.LOTTERY_REROLL, self._reroll_args)
        runner.provide(CommandId.LOTTERY_REROLL, self._reroll_target)
        runner.needs_selection(
            CommandId.LOTTERY_REROLL, self._rerollable_selected, self.tr("Select a winner first")
        )
        runner.bind_button(panel.export_button, CommandId.LOTTERY_EXPORT_PROOF, self._proof_args)
        panel.new_button.clicked.connect(self.create_from_dialog)
        runner.actions[ViewId.LOTTERY_NEW].triggered.connect(self.create_from_dialog)
        panel.copy_button.clicked.connect(self.copy_announcement)
        panel.template_button.toggled.connect(self._on_template_toggled)
        panel.winners_table.itemSelectionChanged.connect(self.refresh)
        runner.submitted.connect(lambda command: command.startswith("lottery.") and self.refresh())

        self._timer = QTimer(self)
        self._timer.setInterval(REDRAW_MS)
        self._timer.timeout.connect(self.refresh)
        self._timer.start()
        self.refresh()

    # -- the operator's clicks -----------------------------------------------------------------
    def create_from_dialog(self) -> None:
        dialog = LotteryCreateDialog(self.service.preferences, self.dialog_parent)
        accepted = dialog.exec() == LotteryCreateDialog.DialogCode.Accepted
        if dialog.preferences() != self.service.preferences:
            self.service.save_preferences(dialog.preferences())
        if accepted:
            self.create(dialog.settings())

    def create(self, settings: LotterySettings) -> None:
        args = settings.to_dict()
        args["countdown"] = args["countdown"] or 0  # 0: drawn by hand
        self.runner.run(CommandId.LOTTERY_CREATE, args)

    def _reroll_args(self) -> dict[str, int] | None:
        position = self.panel.selected_position()
        if position is None:
            self.runner.tell(Level.ERROR, self.tr("Select the winner who did not claim the prize."))
            return None
        return {"position": position}

    def _reroll_target(self) -> Target | None:
        args = self._reroll_args()
        return None if args is None else (CommandId.LOTTERY_REROLL, args)

    def _proof_args(self) -> dict[str, object] | None:
        view = self.service.current()
        if view is None or view.state is not LotteryState.DRAWN:
            return {}  # the command says why not
        suggested = self.proof_dir / f"lottery-{view.number}-proof.json"
        chosen, _filter = QFileDialog.getSaveFileName(
            self.dialog_parent,
            self.tr("Export lottery proof"),
            str(suggested),
            self.tr("Lottery proof (*.json)"),
        )
        if not chosen:
            return None
        self.proof_dir = Path(chosen).parent
        return {"path": chosen, "number": view.number}

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
            self.runner.tell(Level.ERROR, self.tr("There are no winners to announce yet."))
            return
        QGuiApplication.clipboard().setText(text)
        self.runner.tell(Level.INFO, self.tr("Announcement copied: paste it into the live room"))

    def set_template(self, template: str) -> None:
        self.service.save_preferences(replace(self.service.preferences, announcement=template))
        self.refresh()

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
            self.runner.tell(Level.INFO, self.tr("Announcement template saved"))
        self.refresh()

    # -- drawing -------------------------------------------------------------------------------
    def refresh(self) -> None:
        view = self.service.current()
        self.panel.show_lottery(view, self.service.remaining_lotteries, self.service.likes_total)
        self.panel.show_announcement(self.announcement())
        drawn = view is not None and view.state is LotteryState.DRAWN
        create = self.runner.router.availability(CommandId.LOTTERY_CREATE)
        self.panel.new_button.setEnabled(create.enabled)
        self.panel.new_button.setToolTip(describe_error(create.why) if create.why else "")
        self.panel.copy_button.setEnabled(drawn)
        shown = (view.number, view.state, len(view.winners)) if view else None
        selection = (shown, self.panel.selected_position())
        if selection != self._shown:  # what the buttons depend on changed: at once, a
            self._shown = selection  # key may follow the click that selected a winner
            self.runner.refresh_availability()

    def _rerollable_selected(self) -> bool:
        """A winner is selected who has not been re-rolled."""
        view = self.service.current()
        selected = self.panel.selected_position()
        return (
            view is not None
            and selected is not None
            and selected <= len(view.winners)
            and not view.winners[selected - 1].forfeited
        )
