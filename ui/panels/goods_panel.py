"""The Goods dock's widgets: the room's goods as a numbered list (number, cover and name,
price, "pushed N s ago") with a Push button and an on/off-sale toggle on every row.

It draws and reports clicks; ui.controllers.goods turns them into commands.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from console.goods_service import GoodsService
from ui.models.goods_model import ACTIONS, GOODS, NUMBER, PRICE, PUSHED, GoodsTableModel
from ui.text import arg

THUMBNAIL_PX = 48
ROW_HEIGHT_PX = 58


class _RowButtons(QWidget):
    """The Push button and the on/off-sale toggle of one row (styled as #goodsRowButtons)."""

    def __init__(self, goods_id: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("goodsRowButtons")
        self.goods_id = goods_id
        self.push = QPushButton(self)
        self.push.setObjectName(f"goodsPush:{goods_id}")
        self.push.setCursor(Qt.CursorShape.PointingHandCursor)
        self.sale = QToolButton(self)
        self.sale.setObjectName(f"goodsSale:{goods_id}")
        self.sale.setCheckable(True)
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
        self.note.setProperty("tone", "note")
        self.note.setVisible(False)
        self.full_note = QLabel(self)
        self.full_note.setObjectName("roomFullNote")
        self.full_note.setWordWrap(True)
        self.full_note.setTextFormat(Qt.TextFormat.PlainText)
        self.full_note.setProperty("callout", "warning")
        self.full_note.setVisible(False)

        self.view = QTableView(self)
        self.view.setObjectName("goodsView")
        self._configure_view()

        self.hint = QLabel(self)
        self.hint.setObjectName("goodsHint")
        self.hint.setWordWrap(True)
        self.hint.setProperty("tone", "hint")

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

    def update_buttons(self, service: GoodsService, *, can_push: bool, can_sale: bool) -> None:
        """Enabled state (capability, cooldown) and on/off-sale state of every row's buttons."""
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
