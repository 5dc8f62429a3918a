"""Paints one comment line and its inline moderation buttons. Plain text only, never rich text.

Line: show time · [问] · [禁言|黑名单] · nickname： · text · (under the pointer or selected)
删除 · 禁言 · ⋯
The 禁言/黑名单 badge marks every line of a user who is muted or on the blocklist now (it
follows the user's state, not the comment's). A deleted comment stays in the feed, struck
through and grey, with who-can-still-see-it tag; a hidden one (shown only in the "hidden"
filter) is grey with its reason. Search results mark the text that matched the query.
Colours come from the theme when a line is painted, so a change of theme shows at the next
repaint.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QMouseEvent, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from console.events import Comment
from console.jobs import Scope
from console.moderation import ModerationService
from console.show import Arrival
from console.textmatch import find_spans
from console.timefmt import show_clock
from console.verdicts import HiddenReason
from ui.models.comment_model import ARRIVAL_ROLE
from ui.theme import colour

_ALIGN = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft
_CENTER = Qt.AlignmentFlag.AlignCenter
_ELIDE_RIGHT = Qt.TextElideMode.ElideRight
_PANEL = QStyle.PrimitiveElement.PE_PanelItemViewItem
_SELECTED = QStyle.StateFlag.State_Selected
_TEXT = QPalette.ColorRole.Text
_HIGHLIGHTED_TEXT = QPalette.ColorRole.HighlightedText
_PLACEHOLDER = QPalette.ColorRole.PlaceholderText
_LINK = QPalette.ColorRole.Link
_RELEASE = QEvent.Type.MouseButtonRelease
_LEFT = Qt.MouseButton.LeftButton
_PADDING = 6
_NICKNAME_MAX_PX = 140

BUTTONS = ("delete", "mute", "more")


def button_label(kind: str) -> str:
    labels = {
        "delete": QCoreApplication.translate("CommentDelegate", "Delete"),
        "mute": QCoreApplication.translate("CommentDelegate", "Mute ▾"),
        "more": "⋯",
    }
    return labels[kind]


def hidden_label(reason: HiddenReason) -> str:
    labels = {
        HiddenReason.BLOCKED: QCoreApplication.translate("CommentDelegate", "[blocklist]"),
        HiddenReason.MUTED: QCoreApplication.translate("CommentDelegate", "[muted]"),
        HiddenReason.KEYWORD: QCoreApplication.translate("CommentDelegate", "[block word]"),
    }
    return labels[reason]


def question_badge() -> str:
    return QCoreApplication.translate("CommentDelegate", "Q", "badge of a question comment")


def user_badge(mark: HiddenReason) -> str:
    """The badge on the lines of a user who is muted or on the blocklist."""
    if mark is HiddenReason.BLOCKED:
        return QCoreApplication.translate("CommentDelegate", "Blocklist", "badge of a user")
    return QCoreApplication.translate("CommentDelegate", "Muted", "badge of a user")


_BADGE_COLOURS = {
    HiddenReason.MUTED: "commentMutedBadge",
    HiddenReason.BLOCKED: "commentBlockedBadge",
}


def row_height(metrics: QFontMetrics) -> int:
    return metrics.height() + 10


def deleted_tag(scope: Scope) -> str:
    if scope is Scope.PLATFORM:
        return QCoreApplication.translate("CommentDelegate", "(deleted)")
    return QCoreApplication.translate("CommentDelegate", "(deleted here only)")


@dataclass(frozen=True, slots=True)
class RowGeometry:
    clock: QRect
    badge: QRect | None
    mark: QRect | None  # the muted/blocklist badge
    mark_reason: HiddenReason | None
    nickname: QRect
    text: QRect
    buttons: dict[str, QRect]


class CommentDelegate(QStyledItemDelegate):
    button_clicked = Signal(str, QModelIndex)  # kind, index
    nickname_clicked = Signal(QModelIndex)

    def __init__(self, moderation: ModerationService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._moderation = moderation
        self.pointer: QPoint | None = None  # on the view's viewport; CommentView keeps it
        self.match = ""  # search results: the query whose matches are marked

    def user_mark(self, comment: Comment) -> HiddenReason | None:
        """BLOCKED or MUTED while the comment's author is on the blocklist or muted."""
        if self._moderation.is_blocked(comment.user_id):
            return HiddenReason.BLOCKED
        if self._moderation.is_muted(comment.user_id):
            return HiddenReason.MUTED
        return None

    # -- geometry shared by painting and clicking ------------------------------------------------
    def geometry(
        self,
        rect: QRect,
        metrics: QFontMetrics,
        index: QModelIndex | QPersistentModelIndex,
        *,
        buttons: bool,
    ) -> RowGeometry:
        arrival = index.data(ARRIVAL_ROLE)
        return self._geometry(rect, metrics, arrival, show_clock(arrival.event.t), buttons)

    def _geometry(
        self, rect: QRect, metrics: QFontMetrics, arrival: Arrival, clock_text: str, buttons: bool
    ) -> RowGeometry:
        comment, verdict = arrival.event, arrival.verdict
        inner = rect.adjusted(_PADDING, 0, -_PADDING, 0)
        top, height = inner.top(), inner.height()
        button_rects: dict[str, QRect] = {}
        right = inner.right()
        if buttons:
            for kind in reversed(BUTTONS):
                width = metrics.horizontalAdvance(button_label(kind)) + 12
                button_rects[kind] = QRect(right - width + 1, top + 2, width, height - 4)
                right -= width + 4
        x = inner.left()
        clock_width = metrics.horizontalAdvance(clock_text)
        clock = QRect(x, top, clock_width, height)
        x += clock_width + _PADDING
        badge = None
        if verdict.question:
            badge_width = metrics.horizontalAdvance(question_badge()) + 8
            badge = QRect(x, top + 3, badge_width, height - 6)
            x += badge_width + 4
        mark = None
        reason = self.user_mark(comment)
        if reason is verdict.hidden:
            reason = None  # a line hidden for this reason says so in its text
        if reason is not None:
            mark_width = metrics.horizontalAdvance(user_badge(reason)) + 8
            mark = QRect(x, top + 3, mark_width, height - 6)
            x += mark_width + 4
        # A little slack: emoji drawn from a fallback font measure narrower than they paint.
        nickname_width = min(
            metrics.horizontalAdvance(comment.nickname + "：") + 4, _NICKNAME_MAX_PX
        )
        nickname = QRect(x, top, nickname_width, height)
        x += nickname_width
        text = QRect(x, top, max(0, right - x - _PADDING), height)
        return RowGeometry(clock, badge, mark, reason, nickname, text, button_rects)

    # -- painting ------------------------------------------------------------------------------
    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        arrival = index.data(ARRIVAL_ROLE)
        if arrival is None:
            return
        comment, verdict = arrival.event, arrival.verdict
        widget = option.widget  # type: ignore[attr-defined]
        state = option.state  # type: ignore[attr-defined]
        rect: QRect = option.rect  # type: ignore[attr-defined]
        palette = option.palette  # type: ignore[attr-defined]
        metrics: QFontMetrics = option.fontMetrics  # type: ignore[attr-defined]
        selected = bool(state & _SELECTED)
        hovered = self.pointer is not None and rect.contains(self.pointer)

        painter.save()
        highlighted = verdict.highlight and not selected
        if highlighted:
            painter.fillRect(rect, colour("commentHighlight"))
        if widget is not None:
            widget.style().drawPrimitive(_PANEL, option, painter, widget)

        deleted = self._moderation.deleted_scope(comment.id)
        dimmed = deleted is not None or verdict.hidden is not None
        clock_text = show_clock(comment.t)
        geometry = self._geometry(rect, metrics, arrival, clock_text, hovered or selected)

        def pen(role: QPalette.ColorRole) -> QColor:
            if selected:
                return palette.color(_HIGHLIGHTED_TEXT)
            if dimmed:
                return colour("commentDimmedText")
            if highlighted and role == _TEXT:
                return colour("commentHighlightText")
            return palette.color(role)

        painter.setPen(pen(_PLACEHOLDER))
        painter.drawText(geometry.clock, _ALIGN, clock_text)
        if geometry.badge is not None:
            painter.fillRect(geometry.badge, colour("commentBadge"))
            painter.setPen(colour("commentBadgeText"))
            painter.drawText(geometry.badge, _CENTER, question_badge())
        if geometry.mark is not None and geometry.mark_reason is not None:
            painter.fillRect(geometry.mark, colour(_BADGE_COLOURS[geometry.mark_reason]))
            painter.setPen(colour("commentBadgeText"))
            painter.drawText(geometry.mark, _CENTER, user_badge(geometry.mark_reason))
        painter.setPen(pen(_LINK))
        full = comment.nickname + "："
        nickname = metrics.elidedText(full, _ELIDE_RIGHT, geometry.nickname.width())
        painter.drawText(geometry.nickname, _ALIGN, nickname)
        if self.match:
            spans = find_spans(comment.nickname, self.match)
            _mark_matches(painter, metrics, geometry.nickname, full, nickname, spans)

        text, prefix = comment.text, ""
        if deleted is not None:
            text = f"{text}  {deleted_tag(deleted)}"
        elif verdict.hidden is not None:
            prefix = f"{hidden_label(verdict.hidden)} "
        font = QFont(option.font)  # type: ignore[attr-defined]
        font.setStrikeOut(deleted is not None)
        painter.setFont(font)
        painter.setPen(pen(_TEXT))
        full = prefix + text
        shown = metrics.elidedText(full, _ELIDE_RIGHT, geometry.text.width())
        painter.drawText(geometry.text, _ALIGN, shown)
        if self.match:
            at = len(prefix)
            spans = [(s + at, e + at) for s, e in find_spans(comment.text, self.match)]
            _mark_matches(painter, metrics, geometry.text, full, shown, spans)
        painter.setFont(option.font)  # type: ignore[attr-defined]
        if geometry.buttons:
            _paint_buttons(painter, geometry.buttons)
        painter.restore()

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        return QSize(200, row_height(option.fontMetrics))  # type: ignore[attr-defined]

    # -- clicks ----------------------------------------------------------------------------------
    def editorEvent(
        self,
        event: QEvent,
        model: object,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> bool:
        if event.type() != _RELEASE or not isinstance(event, QMouseEvent):
            return False
        if event.button() != _LEFT or index.data(ARRIVAL_ROLE) is None:
            return False
        position: QPoint = event.position().toPoint()
        geometry = self.geometry(
            option.rect,
            option.fontMetrics,
            index,
            buttons=True,  # type: ignore[attr-defined]
        )
        model_index = (
            index if isinstance(index, QModelIndex) else index.model().index(index.row(), 0)
        )
        for kind, button in geometry.buttons.items():
            if button.contains(position):
                self.button_clicked.emit(kind, model_index)
                return True
        if geometry.nickname.contains(position):
            self.nickname_clicked.emit(model_index)
            return True
        return False


def _paint_buttons(painter: QPainter, buttons: dict[str, QRect]) -> None:
    painter.setPen(colour("rowButtonBorder"))
    painter.setBrush(colour("rowButton"))
    for button in buttons.values():
        painter.drawRoundedRect(button, 3, 3)
    painter.setPen(colour("rowButtonText"))
    for kind, button in buttons.items():
        painter.drawText(button, _CENTER, button_label(kind))


def _mark_matches(
    painter: QPainter,
    metrics: QFontMetrics,
    rect: QRect,
    full: str,
    shown: str,
    spans: list[tuple[int, int]],
) -> None:
    """Mark ``spans`` (start, end) of ``full``, drawn in ``rect`` as ``shown`` (elided)."""
    visible = len(shown) if shown == full else len(shown) - 1  # the rest is behind the "…"
    for start, span_end in spans:
        end = min(span_end, visible)
        if start >= end:
            continue
        part = shown[start:end]
        x = rect.left() + metrics.horizontalAdvance(shown[:start])
        box = QRect(x, rect.top() + 3, metrics.horizontalAdvance(part), rect.height() - 6)
        painter.fillRect(box.intersected(rect), colour("searchMatch"))
        painter.setPen(colour("searchMatchText"))
        painter.drawText(box, _ALIGN, part)
