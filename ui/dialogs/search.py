"""SearchDialog (Ctrl+F): find comments of this show by nickname or text, and act on them.

The query runs on a worker thread against the database (case- and width-insensitive); the
results list has the same row buttons and context menu as the live feed, and marks what
matched. Double-clicking a result emits ``comment_chosen``: the window shows it in the feed.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QTimer, Signal
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QVBoxLayout, QWidget

from console.events import Comment
from console.moderation import ModerationService
from console.show import Arrival
from console.storage.queries import StoredComment
from console.verdicts import verdict_from_state
from ui.models.comment_model import CommentListModel
from ui.panels.comment_view import CommentView
from ui.placement import fit_when_shown
from ui.text import arg
from ui.workers import run_in_worker

SEARCH_LIMIT = 500


def arrivals_of(stored: list[StoredComment]) -> list[Arrival]:
    return [Arrival(s.comment, verdict_from_state(s.moderation)) for s in stored]


class SearchDialog(QDialog):
    comment_chosen = Signal(object)  # the Comment the operator double-clicked

    def __init__(
        self,
        moderation: ModerationService,
        search: Callable[[str], list[StoredComment]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("searchDialog")
        self.setWindowTitle(self.tr("Search comments"))
        self._search = search
        self._generation = 0
        self.query_edit = QLineEdit(self)
        self.query_edit.setObjectName("searchQuery")
        self.query_edit.setPlaceholderText(self.tr("Nickname or text, e.g. 尺码"))
        self.query_edit.setClearButtonEnabled(True)
        self.status_label = QLabel(self)
        self.status_label.setObjectName("searchStatus")
        self.model = CommentListModel(capacity=SEARCH_LIMIT, parent=self)
        self.view = CommentView(self.model, moderation, self)
        self.view.setObjectName("searchResults")
        self.view.doubleClicked.connect(self._on_double_clicked)
        self.delegate = self.view.delegate
        layout = QVBoxLayout(self)
        layout.addWidget(self.query_edit)
        layout.addWidget(self.status_label)
        layout.addWidget(self.view)
        self.resize(640, 560)
        fit_when_shown(self)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(300)
        self._debounce.timeout.connect(self.run_query)
        self.query_edit.textChanged.connect(lambda _text: self._debounce.start())
        self.query_edit.returnPressed.connect(self.run_query)

    def current_comment(self) -> Comment | None:
        index = self.view.currentIndex()
        return self.model.comment_at(index.row()) if index.isValid() else None

    def _on_double_clicked(self, index: QModelIndex) -> None:
        self.comment_chosen.emit(self.model.comment_at(index.row()))

    def run_query(self) -> None:
        self._debounce.stop()
        query = self.query_edit.text().strip()
        self._generation += 1
        generation = self._generation
        if not query:
            self.model.reset_rows([])
            self.status_label.setText("")
            return
        self.status_label.setText(self.tr("Searching…"))

        def show(results: list[StoredComment]) -> None:
            if generation != self._generation:
                return  # an older query finished after a newer one started
            self.delegate.match = query
            self.model.reset_rows(arrivals_of(list(reversed(results))))
            self.status_label.setText(
                arg(self.tr("%1 result(s), newest at the bottom"), len(results))
            )

        def failed(error: Exception) -> None:
            if generation == self._generation:
                self.status_label.setText(arg(self.tr("Search failed: %1"), str(error)))

        run_in_worker(lambda: self._search(query), show, failed, context=self)
