"""CommentPanel: the live comment feed with auto-scroll, pause-on-hover and scroll-lock.

While the pointer rests on the feed, or the operator has scrolled up, new comments are held
back (not inserted), so the line they are about to click stays still. A button shows how many
are waiting; clicking it (or leaving the feed / scrolling back to the bottom) catches up.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QListView, QPushButton, QVBoxLayout, QWidget

from console.events import Comment
from ui.models.comment_model import CommentListModel
from ui.panels.comment_delegate import CommentDelegate

_ENTER = QEvent.Type.Enter
_LEAVE = QEvent.Type.Leave


class CommentPanel(QWidget):
    paused_changed = Signal(bool)

    def __init__(self, model: CommentListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("commentPanel")
        self.model = model
        self._hovered = False
        self._scrolled_up = False
        self._held: deque[Comment] = deque(maxlen=model.capacity)
        self._held_count = 0

        self.view = QListView(self)
        self.view.setObjectName("commentView")
        self.view.setModel(model)
        self.view.setItemDelegate(CommentDelegate(self.view))
        # Batched layout and uniform rows keep inserts cheap at thousands of rows per second
        # (../shared/platform-notes.md: the default layout re-measures every row per insert).
        self.view.setLayoutMode(QListView.LayoutMode.Batched)
        self.view.setBatchSize(200)
        self.view.setUniformItemSizes(True)
        self.view.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.view.setSelectionMode(QListView.SelectionMode.SingleSelection)
        self.view.setMouseTracking(True)
        self.view.viewport().installEventFilter(self)

        bar = self.view.verticalScrollBar()
        # scrollToBottom() does not work with Batched layout: follow the range instead.
        bar.rangeChanged.connect(self._on_range_changed)
        bar.valueChanged.connect(self._on_scrolled)

        self.jump_button = QPushButton(self)
        self.jump_button.setObjectName("jumpToNewest")
        self.jump_button.setVisible(False)
        self.jump_button.clicked.connect(self.jump_to_newest)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.view)
        layout.addWidget(self.jump_button)

    # -- state -----------------------------------------------------------------------------
    @property
    def paused(self) -> bool:
        return self._hovered or self._scrolled_up

    @property
    def held_count(self) -> int:
        """Comments that arrived while paused and are not shown yet."""
        return self._held_count

    def add_comments(self, comments: Sequence[Comment]) -> None:
        if not comments:
            return
        if self.paused:
            self._held.extend(comments)
            self._held_count += len(comments)
            self._update_jump_button()
            return
        self.model.append_batch(comments)

    def jump_to_newest(self) -> None:
        """Show what was held back and follow the newest comments again."""
        self._hovered = False
        self._scrolled_up = False
        self._release_held()
        bar = self.view.verticalScrollBar()
        bar.setValue(bar.maximum())
        self.paused_changed.emit(False)

    # -- events ----------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == _ENTER:
            self._set_hovered(True)
        elif kind == _LEAVE:
            self._set_hovered(False)
        return False

    def _set_hovered(self, hovered: bool) -> None:
        was_paused = self.paused
        self._hovered = hovered
        self._after_pause_change(was_paused)

    def _on_scrolled(self, value: int) -> None:
        bar = self.view.verticalScrollBar()
        was_paused = self.paused
        self._scrolled_up = value < bar.maximum() - 2
        self._after_pause_change(was_paused)

    def _on_range_changed(self, _minimum: int, maximum: int) -> None:
        if not self.paused:
            self.view.verticalScrollBar().setValue(maximum)

    def _after_pause_change(self, was_paused: bool) -> None:
        if was_paused and not self.paused:
            self._release_held()
        if was_paused != self.paused:
            self.paused_changed.emit(self.paused)
        self._update_jump_button()

    def _release_held(self) -> None:
        if self._held:
            held = list(self._held)
            self._held.clear()
            self.model.append_batch(held)
        self._held_count = 0
        self._update_jump_button()

    def _update_jump_button(self) -> None:
        if self.paused:
            self.jump_button.setText(
                self.tr("Paused · %n new comment(s) · jump to newest", "", self._held_count)
            )
        self.jump_button.setVisible(self.paused)
