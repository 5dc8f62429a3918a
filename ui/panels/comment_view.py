"""CommentView: the view of every comment list (the live feed, search results, a user card).

It is a one-column table drawn like a list. A QListView forgets the position of every row
after each insert or removal and lays all of them out again; in Batched layout it does so a
slice of rows per turn of the event loop, from the first row, and a viewport scrolled to the
bottom of a 5,000-row ring paints empty until the slice holding its rows is reached: in a
flood the feed went blank. A table keeps each row's height in its (hidden) vertical header,
so a batch appended at the bottom or trimmed from the top costs no layout, and its rows
paint at once.

The view paints its rows itself, all of them in one Python call. Qt's own paint calls the
Python delegate once per row, and each call must take the GIL back from the source and
writer threads: in a flood the GUI thread waited for it once per visible row, every frame
(285 rows painted in 6 ms alone took 300 ms with one busy Python thread). The rows are
drawn as QTableView draws them (the row panel, then the delegate, with the selected,
current-with-focus and enabled states), except that the row under the pointer is the one
the delegate knows (see below), not Qt's hover index.

The view also knows where the pointer is on its rows. The delegate draws a row's inline
buttons on the row under the pointer (not on Qt's hover item, which stays with a row that
slides away under a still pointer), and ``pointing`` tells the feed when the operator moves
the pointer over the rows: the position where the view first sees it is where it rests (a
window opening under it, a synthetic move), not a move.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QPoint, QRect, Qt, Signal
from PySide6.QtGui import QEnterEvent, QMouseEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from console.moderation import ModerationService
from ui.models.comment_model import CommentListModel
from ui.panels.comment_delegate import CommentDelegate, row_height

_MOVE = QEvent.Type.MouseMove
_PRESS = QEvent.Type.MouseButtonPress
_RELEASE = QEvent.Type.MouseButtonRelease
_ENTER = QEvent.Type.Enter
_LEAVE = QEvent.Type.Leave
_PAINT = QEvent.Type.Paint
_ROW_PANEL = QStyle.PrimitiveElement.PE_PanelItemViewRow
_SELECTED = QStyle.StateFlag.State_Selected
_MOUSE_OVER = QStyle.StateFlag.State_MouseOver
_HAS_FOCUS = QStyle.StateFlag.State_HasFocus
_NORMAL = QPalette.ColorGroup.Normal
_RESTYLED = (QEvent.Type.FontChange, QEvent.Type.StyleChange)
_TO_ENDS = (
    QAbstractItemView.CursorAction.MoveHome,
    QAbstractItemView.CursorAction.MoveEnd,
)
_CONTROL = Qt.KeyboardModifier.ControlModifier


class CommentView(QTableView):
    pointing = Signal(bool)  # True: the operator moved the pointer on the rows or pressed there
    released = Signal()  # the mouse button pressed on the rows is up again

    def __init__(
        self,
        model: CommentListModel,
        moderation: ModerationService,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.delegate = CommentDelegate(moderation, self)
        self._seen_at: QPoint | None = None  # the pointer's last global position on the rows
        self.button_down = False  # a mouse button pressed on the rows is down
        self.setModel(model)
        self.setItemDelegate(self.delegate)
        self.horizontalHeader().hide()
        self.horizontalHeader().setStretchLastSection(True)
        rows = self.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setMinimumSectionSize(1)
        self._fit_rows()
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setCornerButtonEnabled(False)
        self.setTabKeyNavigation(False)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.setMouseTracking(True)

    def _fit_rows(self) -> None:
        self.verticalHeader().setDefaultSectionSize(row_height(self.fontMetrics()))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in _RESTYLED:
            self._fit_rows()
        super().changeEvent(event)

    def moveCursor(
        self, cursorAction: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier
    ) -> QModelIndex:
        """Home and End go to the oldest and the newest comment, as in a list (a table's go
        along the row)."""
        if cursorAction in _TO_ENDS:
            modifiers |= _CONTROL
        return super().moveCursor(cursorAction, modifiers)

    # -- the pointer ---------------------------------------------------------------------------
    def viewportEvent(self, event: QEvent) -> bool:
        kind = event.type()
        if kind == _PAINT and isinstance(event, QPaintEvent):
            self._paint_rows(event.rect())
            return True
        if kind in (_MOVE, _PRESS, _ENTER) and isinstance(event, (QMouseEvent, QEnterEvent)):
            self._pointer_at(event.position().toPoint(), event.globalPosition().toPoint())
            if kind == _PRESS:
                self.button_down = True
                self.pointing.emit(True)
        elif kind == _RELEASE:
            handled = super().viewportEvent(event)
            self.button_down = False
            self.released.emit()
            return handled
        elif kind == _LEAVE:  # also when a menu opens on a press: no release comes then
            self._seen_at = None
            self.button_down = False
            self._move_buttons(None)
            self.pointing.emit(False)
        return super().viewportEvent(event)

    def _paint_rows(self, area: QRect) -> None:
        """Paint the rows that meet ``area`` (viewport coordinates); see the module doc."""
        model = self.model()
        count = model.rowCount()
        if count == 0:
            return
        rows = self.verticalHeader()
        first = max(rows.logicalIndexAt(area.top()), 0)
        last = rows.logicalIndexAt(area.bottom())
        if last < 0:
            last = count - 1
        option = QStyleOptionViewItem()
        self.initViewItemOption(option)
        base_state = option.state
        if base_state & QStyle.StateFlag.State_Enabled:  # as QTableView draws enabled cells
            palette = option.palette
            palette.setCurrentColorGroup(_NORMAL)
            option.palette = palette
        x, width = self.columnViewportPosition(0), self.columnWidth(0)
        selection = self.selectionModel()
        current = self.currentIndex()
        focus = self.hasFocus() or self.viewport().hasFocus()
        pointer = self.delegate.pointer
        style, delegate = self.style(), self.delegate
        painter = QPainter(self.viewport())
        try:
            for row in range(first, last + 1):
                index = model.index(row, 0)
                rect = QRect(x, rows.sectionViewportPosition(row), width, rows.sectionSize(row))
                state = base_state
                if selection.isSelected(index):
                    state |= _SELECTED
                if pointer is not None and rect.contains(pointer):
                    state |= _MOUSE_OVER
                if focus and index == current:
                    state |= _HAS_FOCUS
                option.rect = rect
                option.state = state
                style.drawPrimitive(_ROW_PANEL, option, painter, self)
                delegate.paint(painter, option, index)
        finally:
            painter.end()

    def _pointer_at(self, position: QPoint, global_position: QPoint) -> None:
        self._move_buttons(position)
        moved = self._seen_at is not None and global_position != self._seen_at
        self._seen_at = global_position
        if moved:
            self.pointing.emit(True)

    def _move_buttons(self, position: QPoint | None) -> None:
        """Repaint the row the buttons leave and the row they go to."""
        before, self.delegate.pointer = self.delegate.pointer, position
        if before != position:
            for point in (before, position):
                if point is not None:
                    self.viewport().update(self.visualRect(self.indexAt(point)))

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        """Scrolling moves the pixels of painted rows, their buttons with them: while the
        pointer is on the rows, repaint them all so the buttons stay under the pointer."""
        super().scrollContentsBy(dx, dy)
        if dy and self.delegate.pointer is not None:
            self.viewport().update()
