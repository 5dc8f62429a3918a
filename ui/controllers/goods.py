"""GoodsController: the Goods dock on the GoodsService, every click a command.

Push on a row runs ``goods.push`` with the row's number (keys 1–9 run the presets), the
toggle ``goods.on_sale`` / ``goods.off_sale`` (taking goods off sale asks first), dragging a
row ``goods.sort``, the import dialog ``goods.import``. The list redraws when the service
changes and once a second for the "pushed N s ago" column.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QAbstractItemView, QWidget

from console.actions import Capability
from console.commands import PUSH_PRESETS, CommandId
from console.goods import GoodsItem
from console.goods_service import GoodsService, moved
from ui.bridge import CoreSignal
from ui.controllers.commands import CommandRunner, Target
from ui.dialogs.goods_import import GoodsImportDialog
from ui.errors import describe_error
from ui.panels.goods_panel import GoodsPanel
from ui.text import arg
from ui.thumbnails import ThumbnailCache
from ui.view_commands import ViewId

TICK_MS = 1000


class GoodsController(QObject):
    def __init__(
        self,
        service: GoodsService,
        panel: GoodsPanel,
        thumbnails: ThumbnailCache,
        runner: CommandRunner,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.panel = panel
        self.model = panel.model
        self.thumbnails = thumbnails
        self.runner = runner
        self.router = runner.router
        self.dialog_parent = parent
        self.import_dialog: GoodsImportDialog | None = None
        self._loads = 0

        service.add_listener(CoreSignal(self._on_state_changed, self, coalesce=True))
        self._ticker = QTimer(self)
        self._ticker.setInterval(TICK_MS)
        self._ticker.timeout.connect(self._on_tick)
        self._ticker.start()

        panel.push_clicked.connect(self.push)
        panel.sale_toggled.connect(self.set_on_sale)
        panel.import_button.clicked.connect(self.open_import)
        runner.actions[ViewId.GOODS_IMPORT_DIALOG].triggered.connect(self.open_import)
        self.model.move_requested.connect(self.move)
        runner.bind_button(panel.refresh_button, CommandId.GOODS_REFRESH)
        for number, command in enumerate(PUSH_PRESETS, 1):
            runner.provide(command, partial(self._select_and_push, number, command))
        panel.refresh_button.setText(self.tr("Refresh"))
        self.model.sortable = service.supports(Capability.SORT_GOODS)
        if not self.model.sortable:
            panel.view.setDragDropMode(QAbstractItemView.DragDropMode.NoDragDrop)
        can_import = service.supports(Capability.IMPORT_GOODS)
        panel.import_button.setEnabled(can_import)
        panel.import_button.setToolTip(
            self.tr("Add goods from the approved goods library")
            if can_import
            else self.tr("This platform cannot import goods.")
        )
        keys = runner.actions.key(CommandId.GOODS_REFRESH)
        panel.hint.setText(
            arg(self.tr("Keys 1–9 push goods no. 1–9 · %1 reloads · drag a row to reorder"), keys)
        )
        self._on_state_changed()

    # -- the operator's clicks -----------------------------------------------------------------
    def push(self, goods_id: str) -> None:
        number = self.model.row_of(goods_id) + 1
        self.runner.run(CommandId.GOODS_PUSH, {"number": number})
        self._update_buttons()  # disabled now: a double click's second half is lost on it;
        # enabled again the moment the cooldown ends.
        QTimer.singleShot(int(self.service.cooldown * 1000) + 20, self, self._on_tick)

    def _select_and_push(self, number: int, command: CommandId) -> Target:
        """Keys 1–9: the row pushed is highlighted, so the operator sees which goods went."""
        if number <= self.model.rowCount():
            self.panel.view.selectRow(number - 1)
        return command, {}

    def set_on_sale(self, goods_id: str, on_sale: bool) -> None:
        number = self.model.row_of(goods_id) + 1
        command = CommandId.GOODS_ON_SALE if on_sale else CommandId.GOODS_OFF_SALE
        self.runner.run(command, {"number": number})
        self._update_buttons()  # a cancelled question leaves the toggle as it was

    def move(self, goods_ids: list[str], row: int) -> None:
        current = self.service.order()
        order = moved(current, goods_ids, row)
        if order != current:
            self.runner.run(CommandId.GOODS_SORT, {"order": list(order)})

    def open_import(self) -> None:
        if self.import_dialog is not None:
            self.import_dialog.raise_()
            return
        dialog = GoodsImportDialog(self.service.library, self.thumbnails, self.dialog_parent)
        if self.service.room_full and self.service.full_error is not None:
            dialog.show_warning(describe_error(self.service.full_error))
        dialog.accepted.connect(lambda: self.import_goods(dialog.selected()))
        dialog.finished.connect(self._on_import_closed)
        self.import_dialog = dialog
        dialog.open()

    def _on_import_closed(self, _code: int) -> None:
        if self.import_dialog is not None:
            self.import_dialog.deleteLater()
        self.import_dialog = None

    def import_goods(self, items: list[GoodsItem]) -> None:
        if items:
            ids = [item.goods_id for item in items]
            self.runner.run(CommandId.GOODS_IMPORT, {"goods_ids": ids})

    # -- drawing -------------------------------------------------------------------------------
    def _update_buttons(self) -> None:
        self.panel.update_buttons(
            self.service,
            can_push=self.router.availability(CommandId.GOODS_PUSH).enabled,
            can_sale=self.router.availability(CommandId.GOODS_ON_SALE).enabled,
        )

    def _on_state_changed(self) -> None:
        service = self.service
        if service.loads != self._loads:  # the list was read again: so are broken covers
            self._loads = service.loads
            self.thumbnails.retry_failed()
        self.model.set_rows(service.rows())
        self._update_buttons()
        count = self.model.rowCount()
        self.panel.count_label.setText(
            self.tr("%n goods in the room", "", count) if service.loaded else ""
        )
        if service.load_error is not None:
            self.panel.show_note(describe_error(service.load_error))
        elif not service.loaded and service.supports_goods:
            self.panel.show_note(self.tr("Loading the goods list…"))
        elif not service.supports_goods:
            self.panel.show_note(self.tr("This platform has no goods list."))
        else:
            self.panel.show_note("")
        full = service.room_full and service.full_error is not None
        self.panel.full_note.setVisible(full)
        if full and service.full_error is not None:
            self.panel.full_note.setText(
                arg(
                    self.tr("Room full — the platform takes no more goods: %1"),
                    describe_error(service.full_error),
                )
            )

    def _on_tick(self) -> None:
        self.model.tick()
        self._update_buttons()
