"""GoodsTableModel: the room's goods as numbered rows, and the drag and drop that reorders them.

Rows are console.goods_service.GoodsRow snapshots; the service owns the state and the model
takes a new snapshot after every change (a room holds at most a few hundred goods). Once a second
``tick`` repaints the "pushed N s ago" column. A drop does not move rows itself: it emits
``move_requested`` and returns False, so the view removes nothing; the controller asks the
service to sort, and the reset that follows shows the new order (or the old one after a
refusal).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import (
    QAbstractTableModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont

from console.goods_service import GoodsRow
from console.timefmt import show_clock
from ui.text import arg
from ui.theme import colour
from ui.thumbnails import ThumbnailCache

AnyIndex = QModelIndex | QPersistentModelIndex

DISPLAY_ROLE = Qt.ItemDataRole.DisplayRole
DECORATION_ROLE = Qt.ItemDataRole.DecorationRole
TOOLTIP_ROLE = Qt.ItemDataRole.ToolTipRole
FOREGROUND_ROLE = Qt.ItemDataRole.ForegroundRole
FONT_ROLE = Qt.ItemDataRole.FontRole
ALIGNMENT_ROLE = Qt.ItemDataRole.TextAlignmentRole
ROW_ROLE = Qt.ItemDataRole.UserRole + 1
_ROOT = QModelIndex()
_HORIZONTAL = Qt.Orientation.Horizontal
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_CENTER = Qt.AlignmentFlag.AlignCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_BASE_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_DRAG = Qt.ItemFlag.ItemIsDragEnabled
_DROP = Qt.ItemFlag.ItemIsDropEnabled
_MOVE = Qt.DropAction.MoveAction

MIME_TYPE = "application/x-livedesk-goods-ids"
NUMBER, GOODS, PRICE, PUSHED, ACTIONS = range(5)
FRESH_PUSH_S = 90  # a push this recent is shown in bold green (the room is still reacting)


def _alignment(column: int) -> Qt.AlignmentFlag:
    if column in (NUMBER, PRICE):
        return _RIGHT
    return _CENTER if column == PUSHED else _LEFT


class GoodsTableModel(QAbstractTableModel):
    move_requested = Signal(list, int)  # goods ids being moved, the row to put them before

    def __init__(
        self,
        thumbnails: ThumbnailCache,
        seconds_since: Callable[[str], float | None],
        parent: object = None,
    ) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._thumbnails = thumbnails
        self._seconds_since = seconds_since
        self._rows: list[GoodsRow] = []
        self.sortable = True
        self._bold = QFont()
        self._bold.setBold(True)
        thumbnails.loaded.connect(self._on_thumbnail_loaded)

    # -- contents ------------------------------------------------------------------------------
    def set_rows(self, rows: Sequence[GoodsRow]) -> None:
        """Show these rows: a reset when goods came, went or moved, else a repaint (so the row
        widgets of the view, and a button under the operator's finger, stay in place)."""
        same_goods = [row.item.goods_id for row in rows] == self.goods_ids()
        if same_goods and self._rows:
            self._rows = list(rows)
            last = self.index(len(self._rows) - 1, self.columnCount() - 1)
            self.dataChanged.emit(self.index(0, 0), last)
        else:
            self.beginResetModel()
            self._rows = list(rows)
            self.endResetModel()
        for row in self._rows:  # start every cover fetch now, not when the row scrolls into view
            self._thumbnails.pixmap(row.item.cover_url)

    def row_at(self, row: int) -> GoodsRow:
        return self._rows[row]

    def row_of(self, goods_id: str) -> int:
        for n, row in enumerate(self._rows):
            if row.item.goods_id == goods_id:
                return n
        return -1

    def goods_ids(self) -> list[str]:
        return [row.item.goods_id for row in self._rows]

    def tick(self) -> None:
        """Repaint the "pushed N s ago" column (called once a second)."""
        if self._rows:
            self.dataChanged.emit(
                self.index(0, PUSHED), self.index(len(self._rows) - 1, PUSHED), [DISPLAY_ROLE]
            )

    # -- Qt model interface -------------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() else 5

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY_ROLE):  # type: ignore[no-untyped-def]
        if orientation != _HORIZONTAL:
            return None
        if role == ALIGNMENT_ROLE:
            return _alignment(section)
        if role != DISPLAY_ROLE:
            return None
        titles = {
            NUMBER: self.tr("No."),
            GOODS: self.tr("Goods"),
            PRICE: self.tr("Price"),
            PUSHED: self.tr("Pushed"),
            ACTIONS: "",
        }
        return titles.get(section)

    def data(self, index: AnyIndex, role: int = DISPLAY_ROLE) -> object:
        row_number = index.row()
        if not 0 <= row_number < len(self._rows):
            return None
        row = self._rows[row_number]
        column = index.column()
        if role == DISPLAY_ROLE:
            return self._display(row, column)
        if role == ROW_ROLE:
            return row
        if role == DECORATION_ROLE and column == GOODS:
            return self._thumbnails.pixmap(row.item.cover_url)
        if role == FOREGROUND_ROLE:
            if not row.on_sale and column in (GOODS, PRICE):
                return colour("muted")
            if column == PUSHED and self._fresh(row):
                return colour("good")
            return None
        if role == FONT_ROLE and (column == NUMBER or (column == PUSHED and self._fresh(row))):
            return self._bold
        if role == ALIGNMENT_ROLE:
            return _alignment(column)
        if role == TOOLTIP_ROLE:
            return self._tooltip(row, column)
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return _DROP if self.sortable else Qt.ItemFlag.NoItemFlags
        return _BASE_FLAGS | _DRAG if self.sortable else _BASE_FLAGS

    # -- drag and drop -------------------------------------------------------------------------
    def supportedDragActions(self) -> Qt.DropAction:
        return _MOVE

    def supportedDropActions(self) -> Qt.DropAction:
        return _MOVE

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        rows = sorted({index.row() for index in indexes if index.isValid()})
        ids = [self._rows[row].item.goods_id for row in rows]
        data = QMimeData()
        data.setData(MIME_TYPE, QByteArray("\n".join(ids).encode("utf-8")))
        return data

    def canDropMimeData(  # type: ignore[override]
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: AnyIndex
    ) -> bool:
        return self.sortable and action == _MOVE and data.hasFormat(MIME_TYPE)

    def dropMimeData(  # type: ignore[override]
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: AnyIndex
    ) -> bool:
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        text = bytes(data.data(MIME_TYPE).data()).decode("utf-8")
        ids = [goods_id for goods_id in text.split("\n") if goods_id in self.goods_ids()]
        if row < 0:  # dropped onto a row, not between two: put the goods before it
            row = parent.row() if parent.isValid() else len(self._rows)
        if ids:
            self.move_requested.emit(ids, row)
        return False  # the service's new order arrives as a reset; the view must remove nothing

    # -- helpers -------------------------------------------------------------------------------
    def _display(self, row: GoodsRow, column: int) -> object:
        if column == NUMBER:
            return str(row.number)
        if column == GOODS:
            return row.item.name
        if column == PRICE:
            return row.item.shown_price
        if column == PUSHED:
            return self._pushed_text(row)
        return None

    def _fresh(self, row: GoodsRow) -> bool:
        seconds = self._seconds_since(row.item.goods_id)
        return seconds is not None and seconds < FRESH_PUSH_S

    def _pushed_text(self, row: GoodsRow) -> str:
        seconds = self._seconds_since(row.item.goods_id)
        if seconds is None or row.pushed is None:
            return ""
        if seconds < 60:
            return arg(self.tr("%1 s ago"), int(seconds))
        if seconds < 3600:
            return arg(self.tr("%1 min ago"), int(seconds // 60))
        return row.pushed.wall.strftime("%H:%M")

    def _tooltip(self, row: GoodsRow, column: int) -> str | None:
        if column == PUSHED and row.pushed is not None:
            return arg(
                self.tr("Last pushed at %1 (show time %2)"),
                row.pushed.wall.strftime("%H:%M:%S"),
                show_clock(row.pushed.t),
            )
        if column == GOODS:
            state = self.tr("On sale") if row.on_sale else self.tr("Off sale")
            return f"{row.item.name}\n{row.item.shown_price} · {state}"
        return None

    def _on_thumbnail_loaded(self, url: str) -> None:
        for n, row in enumerate(self._rows):
            if row.item.cover_url == url:
                index = self.index(n, GOODS)
                self.dataChanged.emit(index, index, [DECORATION_ROLE])
