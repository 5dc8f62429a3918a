"""CommentPanel: the live comment feed with its filter bar, auto-scroll, pause and scroll-lock.

The feed follows the newest comments until the operator shows an intent to read: moving the
pointer over it (a pointer merely resting there, e.g. when the window opened under it, is not
one), scrolling up, or selecting a comment away from the pointer (with the keyboard, from a
search result). Then new comments are held back (not inserted), so the line they are about to
act on stays still. A button shows how many are waiting; clicking it catches up, and so does
leaving the feed with the pointer or scrolling back to the bottom (for the pause that began
that way). The filter shows all visible comments, only questions, or what the console hid
(and why).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Sequence
from enum import IntEnum

from PySide6.QtCore import QModelIndex, QPoint, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
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
from ui.panels.comment_view import CommentView
from ui.text import arg

_CENTER = QAbstractItemView.ScrollHint.PositionAtCenter


class FeedFilter(IntEnum):
    VISIBLE = 0
    QUESTIONS = 1
    HIDDEN = 2


_FILTERS: dict[FeedFilter, Callable[[Arrival], bool]] = {
    FeedFilter.VISIBLE: lambda a: a.verdict.hidden is None,
    FeedFilter.QUESTIONS: lambda a: a.verdict.hidden is None and a.verdict.question,
    FeedFilter.HIDDEN: lambda a: a.verdict.hidden is not None,
}


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
        self._pointing = False  # the operator moved the pointer over the feed
        self._scrolled_up = False
        self._holding = False  # a comment was selected away from the pointer
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

        self.view = CommentView(model, moderation, self)
        self.view.setObjectName("commentView")
        self.delegate = self.view.delegate
        self.view.customContextMenuRequested.connect(self._on_context_menu)
        self.view.pointing.connect(self._set_pointing)
        self.view.released.connect(self._update_jump_button)
        self.view.selectionModel().selectionChanged.connect(self._on_selection_changed)

        scroll = self.view.verticalScrollBar()
        # While following, the bar goes to the end of every new range (rows came in).
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
        return self._pointing or self._scrolled_up or self._holding

    @property
    def held_count(self) -> int:
        """Comments that arrived while paused and are not shown yet."""
        return self._held_count

    def current_comment(self) -> Comment | None:
        index = self.view.currentIndex()
        return self.model.comment_at(index.row()) if index.isValid() else None

    def select_row(self, row: int) -> None:
        self.view.setCurrentIndex(self.model.index(row))

    def show_comment(self, comment_id: str) -> bool:
        """Select this comment and scroll to it, the feed paused on it; False when the feed no
        longer holds it (the ring dropped it, or the filter leaves it out)."""
        self._release_held()  # it may be among the comments held back
        row = self.model.row_of(comment_id)
        if row < 0:
            return False
        was_paused = self.paused
        self._holding = True
        self.select_row(row)
        self.view.scrollTo(self.model.index(row), _CENTER)
        self._after_pause_change(was_paused)
        return True

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
        was_paused = self.paused
        self._holding = False  # a reset drops the selection without a word
        self.model.reset_rows([a for a in self._recent if accept(a)])
        self._after_pause_change(was_paused)

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
        self._pointing = False
        self._scrolled_up = False
        self._holding = False
        self._release_held()
        bar = self.view.verticalScrollBar()
        bar.setValue(bar.maximum())
        self.paused_changed.emit(False)

    # -- events ----------------------------------------------------------------------------
    def _on_context_menu(self, position: QPoint) -> None:
        index: QModelIndex = self.view.indexAt(position)
        if index.isValid():
            self.view.setCurrentIndex(index)
            self.context_menu_requested.emit(self.view.viewport().mapToGlobal(position))

    def _set_pointing(self, pointing: bool) -> None:
        if pointing != self._pointing:
            was_paused = self.paused
            self._pointing = pointing
            self._after_pause_change(was_paused)

    def _on_selection_changed(self) -> None:
        """A comment selected away from the pointer (a key) holds the feed until the operator
        jumps to the newest; one clicked is held by the pointer on it, until it leaves."""
        selected = self.view.selectionModel().hasSelection()
        holding = selected and (self._holding or not self._pointing)
        if holding != self._holding:
            was_paused = self.paused
            self._holding = holding
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
        """Not while a mouse button is down on the rows (a pause that begins with a click):
        showing the button lays the window out again, and nothing may move between a press
        and its release. The view's ``released`` calls again."""
        if self.view.button_down:
            return
        if self.paused:
            self.jump_button.setText(
                self.tr("Paused · %n new comment(s) · jump to newest", "", self._held_count)
            )
        self.jump_button.setVisible(self.paused)
