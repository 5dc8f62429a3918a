"""Paints one comment line: show time, nickname, text. Plain text only, never rich text."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from console.timefmt import show_clock
from ui.models.comment_model import COMMENT_ROLE

_ALIGN = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft
_ELIDE_RIGHT = Qt.TextElideMode.ElideRight
_PANEL = QStyle.PrimitiveElement.PE_PanelItemViewItem
_SELECTED = QStyle.StateFlag.State_Selected
_TEXT = QPalette.ColorRole.Text
_HIGHLIGHTED_TEXT = QPalette.ColorRole.HighlightedText
_PLACEHOLDER = QPalette.ColorRole.PlaceholderText
_LINK = QPalette.ColorRole.Link
_PADDING = 6
_NICKNAME_MAX_PX = 140


class CommentDelegate(QStyledItemDelegate):
    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        comment = index.data(COMMENT_ROLE)
        if comment is None:
            return
        widget = option.widget  # type: ignore[attr-defined]
        style = widget.style() if widget is not None else None
        if style is not None:
            style.drawPrimitive(_PANEL, option, painter, widget)
        palette = option.palette  # type: ignore[attr-defined]
        metrics = option.fontMetrics  # type: ignore[attr-defined]
        selected = bool(option.state & _SELECTED)  # type: ignore[attr-defined]
        rect: QRect = option.rect.adjusted(_PADDING, 0, -_PADDING, 0)  # type: ignore[attr-defined]
        painter.save()
        x = rect.left()

        clock = show_clock(comment.t)
        painter.setPen(palette.color(_HIGHLIGHTED_TEXT if selected else _PLACEHOLDER))
        painter.drawText(QRect(x, rect.top(), rect.width(), rect.height()), _ALIGN, clock)
        x += metrics.horizontalAdvance(clock) + _PADDING

        nickname = metrics.elidedText(comment.nickname, _ELIDE_RIGHT, _NICKNAME_MAX_PX) + "："
        painter.setPen(palette.color(_HIGHLIGHTED_TEXT if selected else _LINK))
        painter.drawText(QRect(x, rect.top(), rect.right() - x, rect.height()), _ALIGN, nickname)
        x += metrics.horizontalAdvance(nickname)

        width = max(0, rect.right() - x)
        text = metrics.elidedText(comment.text, _ELIDE_RIGHT, width)
        painter.setPen(palette.color(_HIGHLIGHTED_TEXT if selected else _TEXT))
        painter.drawText(QRect(x, rect.top(), width, rect.height()), _ALIGN, text)
        painter.restore()

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        return QSize(200, option.fontMetrics.height() + 8)  # type: ignore[attr-defined]
