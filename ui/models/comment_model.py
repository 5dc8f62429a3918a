"""CommentListModel: the visible comment feed, a bounded ring of rows, newest at the bottom.

Rows are arrivals (a comment and the console's verdict on it). They arrive in batches (one
beginInsertRows/endInsertRows per batch, never per comment) and the oldest fall off the top
once ``capacity`` is reached; the full history is in the database. Qt enum lookups cost
microseconds each in PySide6, so roles are module constants.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from console.events import Comment
from console.show import Arrival
from console.timefmt import show_clock

DISPLAY_ROLE = Qt.ItemDataRole.DisplayRole
TOOLTIP_ROLE = Qt.ItemDataRole.ToolTipRole
COMMENT_ROLE = Qt.ItemDataRole.UserRole + 1
ARRIVAL_ROLE = Qt.ItemDataRole.UserRole + 2
_ROOT = QModelIndex()

DEFAULT_CAPACITY = 5000

AnyIndex = QModelIndex | QPersistentModelIndex


class CommentListModel(QAbstractListModel):
    def __init__(self, capacity: int = DEFAULT_CAPACITY, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        if capacity < 1:
            raise ValueError("capacity must be >= 1")
        self.capacity = capacity
        self._rows: list[Arrival] = []

    def rowCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: AnyIndex, role: int = DISPLAY_ROLE) -> object:
        row = index.row()
        if not 0 <= row < len(self._rows):
            return None
        arrival = self._rows[row]
        if role == ARRIVAL_ROLE:
            return arrival
        comment: Comment = arrival.event  # type: ignore[assignment]
        if role == DISPLAY_ROLE:
            return f"{comment.nickname}：{comment.text}"
        if role == COMMENT_ROLE:
            return comment
        if role == TOOLTIP_ROLE:
            return (
                f"{show_clock(comment.t)}  {comment.nickname} ({comment.user_id})\n{comment.text}"
            )
        return None

    def comment_at(self, row: int) -> Comment:
        return self._rows[row].event  # type: ignore[return-value]

    def row_of(self, comment_id: str) -> int:
        """The row showing this comment, or -1 (newest rows are searched first)."""
        for row in range(len(self._rows) - 1, -1, -1):
            if self._rows[row].event.id == comment_id:  # type: ignore[union-attr]
                return row
        return -1

    def append_batch(self, arrivals: Sequence[Arrival]) -> None:
        """Add a batch at the bottom, dropping the oldest rows beyond ``capacity``."""
        if not arrivals:
            return
        if len(arrivals) > self.capacity:
            arrivals = arrivals[-self.capacity :]
        overflow = len(self._rows) + len(arrivals) - self.capacity
        if overflow > 0:
            self.beginRemoveRows(_ROOT, 0, overflow - 1)
            del self._rows[:overflow]
            self.endRemoveRows()
        first = len(self._rows)
        self.beginInsertRows(_ROOT, first, first + len(arrivals) - 1)
        self._rows.extend(arrivals)
        self.endInsertRows()

    def reset_rows(self, arrivals: Sequence[Arrival]) -> None:
        """Replace every row (after a filter change)."""
        self.beginResetModel()
        self._rows = list(arrivals[-self.capacity :])
        self.endResetModel()

    def refresh(self) -> None:
        """Repaint every row: moderation state (deleted, muted) changed."""
        if self._rows:
            self.dataChanged.emit(self.index(0), self.index(len(self._rows) - 1))
