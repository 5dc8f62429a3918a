"""CommentPanel: the live comment feed with its filter bar, auto-scroll, pause and scroll-lock.

While the pointer rests on the feed, or the operator has scrolled up, new comments are held
back (not inserted), so the line they are about to click stays still. A button shows how many
are waiting; clicking it (or leaving the feed / scrolling back to the bottom) catches up.
The filter shows all visible comments, only questions, or what the console hid (and why).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Sequence
from enum import IntEnum

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPoint, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from console.actions import Capability
from console.events import Comment
from console.moderation import ModerationService
from console.show import Arrival
from console.verdicts import HiddenReason
from ui.models.comment_model import CommentListModel
from ui.panels.comment_delegate import CommentDelegate
from ui.text import arg

_ENTER = QEvent.Type.Enter
_LEAVE = QEvent.Type.Leave


class FeedFilter(IntEnum):
    VISIBLE = 0
    QUESTIONS = 1
    HIDDEN = 2


_FILTERS: dict[FeedFilter, Callable[[Arrival], bool]] = {
    FeedFilter.VISIBLE: lambda a: a.verdict.hidden is None,
    FeedFilter.QUESTIONS: lambda a: a.verdict.hidden is None and a.verdict.question,
    FeedFilter.HIDDEN: lambda a: a.verdict.hidden is not None,
}


def configure_comment_view(
    view: QListView, model: CommentListModel, delegate: CommentDelegate
) -> None:
    """The settings every comment list shares (the live feed, search results, a user card)."""
    view.setModel(model)
    view.setItemDelegate(delegate)
    # Batched layout and uniform rows keep inserts cheap at thousands of rows per second
    # (../shared/platform-notes.md: the default layout re-measures every row per insert).
    view.setLayoutMode(QListView.LayoutMode.Batched)
    view.setBatchSize(200)
    view.setUniformItemSizes(True)
    view.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
    view.setSelectionMode(QListView.SelectionMode.SingleSelection)
    view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    view.setMouseTracking(True)


class CommentPanel(QWidget):
    paused_changed = Signal(bool)
    context_menu_requested = Signal(QPoint)  # global position, for the selected comment

    def __init__(
        self,
        model: CommentListModel,
        moderation: ModerationService,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("commentPanel")
        self.model = model
        self.moderation = moderation
        self.filter = FeedFilter.VISIBLE
        self._hovered = False
        self._scrolled_up = False
        self._recent: deque[Arrival] = deque(maxlen=model.capacity)
        self._held: deque[Arrival] = deque(maxlen=model.capacity)
        self._held_count = 0

        self.filter_box = QComboBox(self)
        self.filter_box.setObjectName("feedFilter")
        self.filter_box.addItems([self.tr("All comments"), self.tr("Questions"), self.tr("Hidden")])
        self.filter_box.currentIndexChanged.connect(lambda i: self.set_filter(FeedFilter(i)))
        self.hidden_label = QLabel(self)
        self.hidden_label.setObjectName("hiddenCounts")
        self.ban_all_button = QToolButton(self)
        self.ban_all_button.setObjectName("banAllButton")
        self.rules_button = QToolButton(self)
        self.rules_button.setObjectName("rulesButton")
        self.search_button = QToolButton(self)
        self.search_button.setObjectName("searchButton")
        bar = QHBoxLayout()
        bar.setContentsMargins(4, 2, 4, 2)
        bar.addWidget(self.filter_box)
        bar.addWidget(self.hidden_label, 1)
        bar.addWidget(self.search_button)
        bar.addWidget(self.rules_button)
        bar.addWidget(self.ban_all_button)

        self.local_note = QLabel(self)
        self.local_note.setObjectName("localOnlyNote")
        self.local_note.setWordWrap(True)
        self.local_note.setProperty("tone", "warning")
        self.update_local_note()

        self.view = QListView(self)
        self.view.setObjectName("commentView")
        self.delegate = CommentDelegate(moderation, self.view)
        configure_comment_view(self.view, model, self.delegate)
        self.view.viewport().installEventFilter(self)
        self.view.customContextMenuRequested.connect(self._on_context_menu)

        scroll = self.view.verticalScrollBar()
        # scrollToBottom() does not work with Batched layout: follow the range instead.
        scroll.rangeChanged.connect(self._on_range_changed)
        scroll.valueChanged.connect(self._on_scrolled)

        self.jump_button = QPushButton(self)
        self.jump_button.setObjectName("jumpToNewest")
        self.jump_button.setVisible(False)
        self.jump_button.clicked.connect(self.jump_to_newest)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(bar)
        layout.addWidget(self.local_note)
        layout.addWidget(self.view)
        layout.addWidget(self.jump_button)
        self.update_hidden_counts()

    # -- state -----------------------------------------------------------------------------
    @property
    def paused(self) -> bool:
        return self._hovered or self._scrolled_up

    @property
    def held_count(self) -> int:
        """Comments that arrived while paused and are not shown yet."""
        return self._held_count

    def current_comment(self) -> Comment | None:
        index = self.view.currentIndex()
        return self.model.comment_at(index.row()) if index.isValid() else None

    def select_row(self, row: int) -> None:
        self.view.setCurrentIndex(self.model.index(row))

    def add_arrivals(self, arrivals: Sequence[Arrival]) -> None:
        if not arrivals:
            return
        self._recent.extend(arrivals)
        accept = _FILTERS[self.filter]
        shown = [a for a in arrivals if accept(a)]
        if not shown:
            return
        if self.paused:
            self._held.extend(shown)
            self._held_count += len(shown)
            self._update_jump_button()
            return
        self.model.append_batch(shown)

    def set_filter(self, feed_filter: FeedFilter) -> None:
        self.filter = feed_filter
        if self.filter_box.currentIndex() != feed_filter:
            self.filter_box.setCurrentIndex(feed_filter)
        accept = _FILTERS[feed_filter]
        self._held.clear()
        self._held_count = 0
        self.model.reset_rows([a for a in self._recent if accept(a)])
        self._update_jump_button()

    def update_hidden_counts(self) -> None:
        counts = self.moderation.hidden_counts()
        total = sum(counts.values())
        self.hidden_label.setText(
            arg(
                self.tr("Hidden %1 (muted %2 · blocklist %3 · block words %4)"),
                f"{total:,}",
                counts.get(HiddenReason.MUTED, 0),
                counts.get(HiddenReason.BLOCKED, 0),
                counts.get(HiddenReason.KEYWORD, 0),
            )
        )

    def update_local_note(self) -> None:
        missing = not (
            self.moderation.supports(Capability.DELETE_COMMENT)
            and self.moderation.supports(Capability.MUTE_USER)
        )
        self.local_note.setText(
            self.tr(
                "This platform cannot delete single comments or mute users: those actions only "
                "hide them here, viewers still see them."
            )
        )
        self.local_note.setVisible(missing)

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

    def _on_context_menu(self, position: QPoint) -> None:
        index: QModelIndex = self.view.indexAt(position)
        if index.isValid():
            self.view.setCurrentIndex(index)
            self.context_menu_requested.emit(self.view.viewport().mapToGlobal(position))

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
