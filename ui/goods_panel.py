"""The Goods panel: the room's goods as a numbered list with one-click push, and its controller.

Each row: number, cover thumbnail and name, price, "pushed N s ago", a Push button and an
on/off-sale toggle. Keys 1–9 push goods no. 1–9 (window.actions[GOODS_PUSH_n]), the
GOODS_REFRESH command reloads the list, dragging a row reorders the room, and "Import…" adds
goods from the approved library.
Every action goes through console.goods_service.GoodsService (state changes at once, the
platform call and audit run on the ActionRunner's worker). ``install_goods(window)`` adds the
dock and wires the actions.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from console.actions import Capability
from console.commands import CommandId
from console.errors import OperatorError
from console.goods import GoodsItem
from console.goods_service import GoodsService, moved
from console.messages import Level
from console.moderation import Job
from ui.actions import ActionRunner
from ui.dialogs.goods_import import GoodsImportDialog
from ui.errors import describe_error
from ui.models.goods_model import ACTIONS, GOODS, NUMBER, PRICE, PUSHED, GoodsTableModel
from ui.text import arg
from ui.thumbnails import ThumbnailCache
from ui.workers import run_in_worker

if TYPE_CHECKING:
    from ui.main_window import MainWindow

TICK_MS = 1000
THUMBNAIL_PX = 48
ROW_HEIGHT_PX = 58
GOODS_CAPABILITIES = (
    Capability.PUSH_GOODS,
    Capability.GOODS_ON_SALE,
    Capability.SORT_GOODS,
    Capability.IMPORT_GOODS,
)
PUSH_COMMANDS = {CommandId(f"goods.push.{n}"): n for n in range(1, 10)}
_SALE_STYLE = (
    "QToolButton { padding: 3px 8px; border: 1px solid #b9c2d0; border-radius: 4px;"
    " background: #f4f5f7; color: #6b7280; }"
    "QToolButton:checked { background: #e6f4ea; border-color: #8cc7a0; color: #1d6b2f; }"
    "QToolButton:disabled { color: #a0a6b0; }"
)
_PUSH_STYLE = "QPushButton { font-weight: bold; padding: 4px 14px; }"


class _RowButtons(QWidget):
    """The Push button and the on/off-sale toggle of one row."""

    def __init__(self, goods_id: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.goods_id = goods_id
        self.push = QPushButton(self)
        self.push.setObjectName(f"goodsPush:{goods_id}")
        self.push.setStyleSheet(_PUSH_STYLE)
        self.push.setCursor(Qt.CursorShape.PointingHandCursor)
        self.sale = QToolButton(self)
        self.sale.setObjectName(f"goodsSale:{goods_id}")
        self.sale.setCheckable(True)
        self.sale.setStyleSheet(_SALE_STYLE)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 0, 6, 0)
        layout.setSpacing(6)
        layout.addWidget(self.push)
        layout.addWidget(self.sale)


class GoodsPanel(QWidget):
    push_clicked = Signal(str)  # goods_id
    sale_toggled = Signal(str, bool)  # goods_id, on sale

    def __init__(self, model: GoodsTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("goodsPanel")
        self.model = model
        self._buttons: dict[str, _RowButtons] = {}

        self.count_label = QLabel(self)
        self.count_label.setObjectName("goodsCount")
        self.refresh_button = QToolButton(self)
        self.refresh_button.setObjectName("goodsRefreshButton")
        self.import_button = QPushButton(self.tr("Import…"), self)
        self.import_button.setObjectName("goodsImportButton")
        bar = QHBoxLayout()
        bar.setContentsMargins(6, 4, 6, 2)
        bar.addWidget(self.count_label, 1)
        bar.addWidget(self.refresh_button)
        bar.addWidget(self.import_button)

        self.note = QLabel(self)
        self.note.setObjectName("goodsNote")
        self.note.setWordWrap(True)
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.note.setStyleSheet("color: #5b6472; padding: 2px 6px;")
        self.note.setVisible(False)
        self.full_note = QLabel(self)
        self.full_note.setObjectName("roomFullNote")
        self.full_note.setWordWrap(True)
        self.full_note.setTextFormat(Qt.TextFormat.PlainText)
        self.full_note.setStyleSheet(
            "color: #9a5b00; background: #fff6e0; border: 1px solid #f0d49a;"
            " border-radius: 4px; padding: 4px 6px;"
        )
        self.full_note.setVisible(False)

        self.view = QTableView(self)
        self.view.setObjectName("goodsView")
        self._configure_view()

        self.hint = QLabel(self)
        self.hint.setObjectName("goodsHint")
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #7a828e; padding: 0 6px 4px 6px;")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        layout.addLayout(bar)
        layout.addWidget(self.note)
        layout.addWidget(self.full_note)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.hint)

        model.modelReset.connect(self._install_row_buttons)

    def _configure_view(self) -> None:
        view = self.view
        view.setModel(self.model)
        view.setIconSize(QSize(THUMBNAIL_PX, THUMBNAIL_PX))
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        view.setDefaultDropAction(Qt.DropAction.MoveAction)
        view.setDragDropOverwriteMode(False)
        view.setDropIndicatorShown(True)
        view.setShowGrid(False)
        view.setAlternatingRowColors(True)
        view.setWordWrap(False)
        view.setTextElideMode(Qt.TextElideMode.ElideRight)
        view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        view.verticalHeader().setVisible(False)
        view.verticalHeader().setDefaultSectionSize(ROW_HEIGHT_PX)
        view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = view.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(GOODS, QHeaderView.ResizeMode.Stretch)
        metrics = view.fontMetrics()
        header.resizeSection(NUMBER, metrics.horizontalAdvance("000") + 16)
        header.resizeSection(PRICE, metrics.horizontalAdvance("¥000.00–000.00") + 12)
        header.resizeSection(PUSHED, metrics.horizontalAdvance("00 min ago") + 16)
        header.resizeSection(ACTIONS, self._actions_width())

    def _actions_width(self) -> int:
        sample = _RowButtons("sample", self)
        sample.push.setText(self.tr("Push"))
        sample.sale.setText(self.tr("Off sale"))
        width = sample.sizeHint().width()
        sample.sale.setText(self.tr("On sale"))
        width = max(width, sample.sizeHint().width())
        sample.deleteLater()
        return width + 8

    # -- rows ----------------------------------------------------------------------------------
    def row_buttons(self, goods_id: str) -> tuple[QPushButton, QToolButton]:
        buttons = self._buttons[goods_id]
        return buttons.push, buttons.sale

    def _install_row_buttons(self) -> None:
        self._buttons.clear()
        for row in range(self.model.rowCount()):
            goods_id = self.model.row_at(row).item.goods_id
            buttons = _RowButtons(goods_id, self.view.viewport())
            buttons.push.setText(self.tr("Push"))
            buttons.push.clicked.connect(lambda _c=False, g=goods_id: self.push_clicked.emit(g))
            buttons.sale.clicked.connect(
                lambda checked, g=goods_id: self.sale_toggled.emit(g, checked)
            )
            self.view.setIndexWidget(self.model.index(row, ACTIONS), buttons)
            self._buttons[goods_id] = buttons

    def update_buttons(self, service: GoodsService) -> None:
        """Enabled state (capability, cooldown) and on/off-sale state of every row's buttons."""
        can_push = service.supports(Capability.PUSH_GOODS)
        can_sale = service.supports(Capability.GOODS_ON_SALE)
        for row in range(self.model.rowCount()):
            goods = self.model.row_at(row)
            buttons = self._buttons.get(goods.item.goods_id)
            if buttons is None:
                continue
            cooling = service.cooldown_left(goods.item.goods_id) > 0
            buttons.push.setEnabled(can_push and not cooling)
            if not can_push:
                buttons.push.setToolTip(self.tr("This platform cannot push goods."))
            elif cooling:
                buttons.push.setToolTip(self.tr("Just pushed: wait a moment to push it again."))
            else:
                buttons.push.setToolTip(arg(self.tr("Push goods no. %1 (key %1)"), goods.number))
            buttons.sale.setEnabled(can_sale)
            buttons.sale.setChecked(goods.on_sale)
            buttons.sale.setText(self.tr("On sale") if goods.on_sale else self.tr("Off sale"))
            if not can_sale:
                buttons.sale.setToolTip(self.tr("This platform cannot put goods on or off sale."))
            elif goods.on_sale:
                buttons.sale.setToolTip(self.tr("Take it off sale"))
            else:
                buttons.sale.setToolTip(self.tr("Put it on sale"))

    def show_note(self, text: str) -> None:
        self.note.setText(text)
        self.note.setVisible(bool(text))


class GoodsController(QObject):
    """Connects the panel, the goods commands and the import dialog to the GoodsService."""

    def __init__(
        self,
        service: GoodsService,
        panel: GoodsPanel,
        thumbnails: ThumbnailCache,
        actions: dict[CommandId, QAction],
        runner: ActionRunner,
        window: QWidget,
        dock: QDockWidget | None = None,
    ) -> None:
        super().__init__(window)
        self.service = service
        self.dock = dock
        self.panel = panel
        self.model = panel.model
        self.thumbnails = thumbnails
        self.actions = actions
        self.runner = runner
        self.window = window
        self.import_dialog: GoodsImportDialog | None = None
        self.loading = False

        self._relay = _Relay(self)
        service.add_listener(self._relay.changed.emit)
        # Queued: the service may change on a worker thread, and a row's own button must never
        # be replaced while its click is being handled.
        self._relay.changed.connect(self._on_state_changed, Qt.ConnectionType.QueuedConnection)

        self._ticker = QTimer(self)
        self._ticker.setInterval(TICK_MS)
        self._ticker.timeout.connect(self._on_tick)
        self._ticker.start()

        panel.push_clicked.connect(self.push)
        panel.sale_toggled.connect(self.set_on_sale)
        panel.import_button.clicked.connect(self.open_import)
        self.model.move_requested.connect(self.move)
        self.model.sortable = service.supports(Capability.SORT_GOODS)
        self._connect_actions()
        self._apply_capabilities()
        self._on_state_changed()

    def _connect_actions(self) -> None:
        can_push = self.service.supports(Capability.PUSH_GOODS)
        for command, number in PUSH_COMMANDS.items():
            action = self.actions[command]
            if can_push:
                action.triggered.connect(lambda _c=False, n=number: self.push_number(n))
            else:
                action.setEnabled(False)
                action.setToolTip(self.tr("This platform cannot push goods."))
        refresh = self.actions[CommandId.GOODS_REFRESH]
        refresh.triggered.connect(self.refresh)
        self.panel.refresh_button.setDefaultAction(refresh)
        keys = refresh.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        self.panel.hint.setText(
            arg(self.tr("Keys 1–9 push goods no. 1–9 · %1 reloads · drag a row to reorder"), keys)
        )

    def _apply_capabilities(self) -> None:
        if not any(self.service.supports(c) for c in GOODS_CAPABILITIES):
            self.actions[CommandId.GOODS_REFRESH].setEnabled(False)
        can_import = self.service.supports(Capability.IMPORT_GOODS)
        self.panel.import_button.setEnabled(can_import)
        self.panel.import_button.setToolTip(
            self.tr("Add goods from the approved goods library")
            if can_import
            else self.tr("This platform cannot import goods.")
        )
        if not self.model.sortable:
            self.panel.view.setDragDropMode(QAbstractItemView.DragDropMode.NoDragDrop)

    # -- loading -------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the room's goods again (off the GUI thread)."""
        if self.loading:
            return
        self.loading = True
        self.thumbnails.retry_failed()
        if not self.service.loaded:
            self.panel.show_note(self.tr("Loading the goods list…"))
        run_in_worker(self.service.load, self._on_loaded, self._on_load_failed, context=self)

    def _on_loaded(self, _rows: object) -> None:
        self.loading = False
        self.panel.show_note("")

    def _on_load_failed(self, error: Exception) -> None:
        self.loading = False
        text = describe_error(error)
        self.panel.show_note(text)
        if self.service.loaded:  # a refresh failed: the list shown is still the last one read
            self._report(Level.ERROR, arg(self.tr("Goods list not refreshed: %1"), text))

    # -- actions -------------------------------------------------------------------------------
    def push(self, goods_id: str) -> None:
        if self._run(lambda: self.service.push(goods_id), self._pushed_text(goods_id)):
            self.panel.update_buttons(self.service)  # disabled now: a double click's second half
            # is lost on a disabled button; enabled again the moment the cooldown ends.
            QTimer.singleShot(int(self.service.cooldown * 1000) + 20, self, self._on_tick)

    def push_number(self, number: int) -> None:
        order = self.service.order()
        goods_id = order[number - 1] if 1 <= number <= len(order) else None
        if goods_id is None:
            self._run(lambda: self.service.push_number(number), "")  # reports "no such goods"
            return
        view = self.panel.view
        view.selectRow(self.model.row_of(goods_id))
        self.push(goods_id)

    def set_on_sale(self, goods_id: str, on_sale: bool) -> None:
        name = self.service.row(goods_id).item.name
        text = (
            arg(self.tr("%1 is on sale"), name) if on_sale else arg(self.tr("%1 is off sale"), name)
        )
        self._run(lambda: self.service.set_on_sale(goods_id, on_sale), text)

    def move(self, goods_ids: list[str], row: int) -> None:
        current = self.service.order()
        order = moved(current, goods_ids, row)
        if order == current:
            return
        self._run(lambda: self.service.sort(order), self.tr("Goods order saved"))

    def open_import(self) -> None:
        if self.import_dialog is not None:
            self.import_dialog.raise_()
            return
        dialog = GoodsImportDialog(self.service.library, self.thumbnails, self.window)
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
        if not items:
            return
        text = self.tr("Imported %n goods", "", len(items))
        self._run(lambda: self.service.import_goods(items), text)

    # -- helpers -------------------------------------------------------------------------------
    def _pushed_text(self, goods_id: str) -> str:
        try:
            row = self.service.row(goods_id)
        except OperatorError:
            return ""
        return arg(self.tr("Pushed no. %1 %2"), row.number, row.item.name)

    def _run(self, make_job: Callable[[], Job], done_text: str) -> bool:
        """Validate and apply locally (``make_job``), then run the platform job; False when
        the service refused at once (the operator is told why)."""
        try:
            job = make_job()
        except OperatorError as exc:
            self._report(Level.ERROR, describe_error(exc))
            self.panel.update_buttons(self.service)  # e.g. a toggle the service refused
            return False
        self.runner.run(job, done_text)
        return True

    def _on_state_changed(self) -> None:
        self.model.set_rows(self.service.rows())
        self.panel.update_buttons(self.service)
        count = self.model.rowCount()
        self.panel.count_label.setText(
            self.tr("%n goods in the room", "", count) if self.service.loaded else ""
        )
        full = self.service.room_full and self.service.full_error is not None
        self.panel.full_note.setVisible(full)
        if full:
            self.panel.full_note.setText(
                arg(
                    self.tr("Room full — the platform takes no more goods: %1"),
                    describe_error(self.service.full_error),  # type: ignore[arg-type]
                )
            )

    def _on_tick(self) -> None:
        self.model.tick()
        self.panel.update_buttons(self.service)

    def _report(self, level: Level, text: str) -> None:
        self.runner.reported.emit(level, text)


class _Relay(QObject):
    changed = Signal()


def install_goods(window: MainWindow) -> GoodsController:
    """Add the Goods dock to the main window, wire the goods commands, load the list."""
    session = window.session
    service = GoodsService(
        session.connector, session.writer, operator=session.operator, clock=session.show.clock
    )
    thumbnails = ThumbnailCache(THUMBNAIL_PX, parent=window)
    model = GoodsTableModel(thumbnails, service.seconds_since_push, parent=window)
    panel = GoodsPanel(model)
    dock = QDockWidget(QCoreApplication.translate("GoodsPanel", "Goods"), window)
    dock.setObjectName("goodsDock")
    dock.setWidget(panel)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    controller = GoodsController(
        service, panel, thumbnails, window.actions, window.runner, window, dock
    )
    controller.refresh()
    return controller
