"""CommentListModel: the visible comment feed, a bounded ring of rows, newest at the bottom.

Rows arrive in batches (one beginInsertRows/endInsertRows per batch, never per comment) and
the oldest fall off the top once ``capacity`` is reached; the full history is in the database.
Qt enum lookups cost microseconds each in PySide6, so roles are module constants.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from console.events import Comment
from console.timefmt import show_clock

DISPLAY_ROLE = Qt.ItemDataRole.DisplayRole
TOOLTIP_ROLE = Qt.ItemDataRole.ToolTipRole
COMMENT_ROLE = Qt.ItemDataRole.UserRole + 1
_ROOT = QModelIndex()

DEFAULT_CAPACITY = 5000

AnyIndex = QModelIndex | QPersistentModelIndex


class CommentListModel(QAbstractListModel):
    def __init__(self, capacity: int = DEFAULT_CAPACITY, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        if capacity < 1:
            raise ValueError("capacity must be >= 1")
        self.capacity = capacity
        self._rows: list[Comment] = []

    def rowCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: AnyIndex, role: int = DISPLAY_ROLE) -> object:
        row = index.row()
        if not 0 <= row < len(self._rows):
            return None
        comment = self._rows[row]
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
        return self._rows[row]

    def append_batch(self, comments: Sequence[Comment]) -> None:
        """Add a batch at the bottom, dropping the oldest rows beyond ``capacity``."""
        if not comments:
            return
        if len(comments) > self.capacity:
            comments = comments[-self.capacity :]
        overflow = len(self._rows) + len(comments) - self.capacity
        if overflow > 0:
            self.beginRemoveRows(_ROOT, 0, overflow - 1)
            del self._rows[:overflow]
            self.endRemoveRows()
        first = len(self._rows)
        self.beginInsertRows(_ROOT, first, first + len(comments) - 1)
        self._rows.extend(comments)
        self.endInsertRows()
