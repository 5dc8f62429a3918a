"""UserCardDialog: one viewer at a glance — mute state, blocklist, moderation history and every
comment they wrote in this show, with the moderation buttons at hand."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from console.moderation import ModerationService
from console.storage.models import AuditEntry
from console.storage.queries import StoredComment
from console.timefmt import show_clock
from ui.dialogs.search import arrivals_of
from ui.models.comment_model import CommentListModel
from ui.panels.comment_view import CommentView
from ui.placement import fit_when_shown
from ui.text import arg
from ui.workers import run_in_worker


@dataclass(frozen=True, slots=True)
class UserRecord:
    comments: list[StoredComment]
    history: list[AuditEntry]


class UserCardDialog(QDialog):
    def __init__(
        self,
        moderation: ModerationService,
        user_id: str,
        nickname: str,
        load: Callable[[], UserRecord],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("userCardDialog")
        self.moderation = moderation
        self.user_id = user_id
        self.nickname = nickname
        self.setWindowTitle(arg(self.tr("User: %1"), nickname))
        title = QLabel(f"{nickname}  ({user_id})", self)
        title.setObjectName("userTitle")
        self.status_label = QLabel(self)
        self.status_label.setObjectName("userStatus")

        self.mute_button = QPushButton(self.tr("Mute 10 minutes"), self)
        self.mute_button.setObjectName("cardMute10m")
        self.mute_show_button = QPushButton(self.tr("Mute for this show"), self)
        self.mute_show_button.setObjectName("cardMuteShow")
        self.unmute_button = QPushButton(self.tr("Unmute"), self)
        self.unmute_button.setObjectName("cardUnmute")
        self.block_button = QPushButton(self)
        self.block_button.setObjectName("cardBlock")
        buttons = QHBoxLayout()
        for button in (
            self.mute_button,
            self.mute_show_button,
            self.unmute_button,
            self.block_button,
        ):
            button.setAutoDefault(False)  # the card opens with focus here: Enter must not mute
            buttons.addWidget(button)

        self.history_list = QListWidget(self)
        self.history_list.setObjectName("userHistory")
        self.comments_model = CommentListModel(capacity=500, parent=self)
        self.comments_view = CommentView(self.comments_model, moderation, self)
        self.comments_view.setObjectName("userComments")
        self.delegate = self.comments_view.delegate
        self.comments_label = QLabel(self.tr("Comments in this show"), self)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.status_label)
        layout.addLayout(buttons)
        layout.addWidget(QLabel(self.tr("Moderation history"), self))
        layout.addWidget(self.history_list, 1)
        layout.addWidget(self.comments_label)
        layout.addWidget(self.comments_view, 2)
        self.resize(600, 600)
        fit_when_shown(self)
        self.refresh_status()
        run_in_worker(load, self._loaded, self._failed, context=self)

    def current_comment(self):  # type: ignore[no-untyped-def]
        index = self.comments_view.currentIndex()
        return self.comments_model.comment_at(index.row()) if index.isValid() else None

    def refresh_status(self) -> None:
        info = self.moderation.mute_info(self.user_id)
        if info is None:
            muted = self.tr("not muted")
        elif info.until is None:
            muted = self.tr("muted for the rest of the show")
        else:
            muted = arg(self.tr("muted until %1"), show_clock(info.until))
        blocked = self.moderation.is_blocked(self.user_id)
        listed = self.tr("on the blocklist") if blocked else self.tr("not on the blocklist")
        self.status_label.setText(f"{muted} · {listed}")
        self.unmute_button.setEnabled(info is not None)
        self.block_button.setText(
            self.tr("Remove from blocklist") if blocked else self.tr("Add to blocklist")
        )

    def _loaded(self, record: UserRecord) -> None:
        self.comments_model.reset_rows(arrivals_of(record.comments))
        self.comments_label.setText(arg(self.tr("Comments in this show: %1"), len(record.comments)))
        self.history_list.clear()
        for entry in record.history:
            when = entry.at.astimezone().strftime("%m-%d %H:%M:%S")
            self.history_list.addItem(f"{when}  {entry.action}  {entry.result}  {entry.operator}")
        if not record.history:
            self.history_list.addItem(self.tr("No moderation actions yet"))

    def _failed(self, error: Exception) -> None:
        self.comments_label.setText(arg(self.tr("Could not load: %1"), str(error)))
