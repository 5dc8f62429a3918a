"""ModerationController: connects the comment feed, the moderation commands and the dialogs.

Every moderation entry point — a row button, the context menu, a keyboard shortcut, a button in
a user card or search results — runs a registered command (``comment.delete``, ``user.mute.*``,
``user.block`` …) through the command runner, on the comment the operator picked.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPoint, Signal
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import QAbstractItemView, QApplication, QMenu, QWidget
from sqlalchemy import Engine

from console.commands import MUTE_PRESETS, CommandId, Entry
from console.events import Comment
from console.messages import Level
from console.moderation import ModerationService
from console.people import People
from console.storage.queries import audit_for_target, search_comments, user_comments
from console.storage.writer import StorageWriter
from ui.bridge import CoreSignal
from ui.controllers.commands import CommandRunner, Target
from ui.dialogs.keyword_rules import KeywordRulesDialog
from ui.dialogs.search import SearchDialog
from ui.dialogs.user_card import UserCardDialog, UserRecord
from ui.models.comment_model import COMMENT_ROLE
from ui.panels.comment_delegate import CommentDelegate
from ui.panels.comment_panel import CommentPanel
from ui.text import arg
from ui.view_commands import ViewId

# The commands that act on the selected comment or its author.
_ON_COMMENT = (CommandId.COMMENT_DELETE, CommandId.PROMPTER_QUESTION)
_ON_USER = (*MUTE_PRESETS, CommandId.USER_UNMUTE, CommandId.USER_BLOCK)


class ModerationController(QObject):
    state_changed = Signal()  # emitted on the GUI thread after any moderation state change

    def __init__(
        self,
        moderation: ModerationService,
        people: People,
        writer: StorageWriter,
        engine: Engine,
        panel: CommentPanel,
        runner: CommandRunner,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.moderation = moderation
        self.people = people
        self.writer = writer
        self.engine = engine
        self.panel = panel
        self.runner = runner
        self.actions = runner.actions
        self.dialog_parent = parent
        self.search_dialog: SearchDialog | None = None
        self.user_cards: dict[str, UserCardDialog] = {}

        # The service may change on a worker thread (an undo after a refusal): hop over.
        moderation.add_listener(CoreSignal(self._on_state_changed, self, coalesce=True))
        self._watch_delegate(panel.delegate)
        panel.context_menu_requested.connect(self.show_context_menu)
        self._connect_actions()

    def _connect_actions(self) -> None:
        runner, a = self.runner, self.actions
        for command in _ON_COMMENT:
            runner.provide(command, self._target(lambda c, cmd=command: (cmd, self._comment(c))))
        for command in _ON_USER:
            runner.provide(command, self._target(lambda c, cmd=command: self._user_command(cmd, c)))
        runner.provide(CommandId.ROOM_BAN_ALL, self._ban_target)
        a[ViewId.USER_CARD].triggered.connect(self._open_selected_card)
        a[ViewId.COMMENT_SEARCH].triggered.connect(self.open_search)
        a[ViewId.RULES_EDIT].triggered.connect(self.edit_rules)
        a[ViewId.FEED_JUMP].triggered.connect(self.panel.jump_to_newest)
        ban = runner.bind_action(CommandId.ROOM_BAN_ALL)
        ban.setCheckable(True)
        self.panel.ban_all_button.setDefaultAction(ban)
        self.panel.rules_button.setDefaultAction(a[ViewId.RULES_EDIT])
        self.panel.search_button.setDefaultAction(a[ViewId.COMMENT_SEARCH])

    def _watch_delegate(self, delegate: CommentDelegate) -> None:
        delegate.button_clicked.connect(self._on_row_button)
        delegate.nickname_clicked.connect(
            lambda index: self.open_user_card(index.data(COMMENT_ROLE))
        )

    # -- targets ---------------------------------------------------------------------------------
    def current_comment(self) -> Comment | None:
        """The comment the operator has selected, in whichever comment list is active."""
        active = QApplication.activeWindow()
        for dialog in (self.search_dialog, *self.user_cards.values()):
            if dialog is not None and dialog is active and dialog.isVisible():
                return dialog.current_comment()
        return self.panel.current_comment()

    def _target(self, make: Callable[[Comment], Target]) -> Callable[[], Target | None]:
        def provide() -> Target | None:
            comment = self.current_comment()
            if comment is None:
                self.runner.tell(Level.INFO, self.tr("Select a comment first."))
                return None
            self.people.remember(comment)  # it may come from the database (search, user card)
            return make(comment)

        return provide

    @staticmethod
    def _comment(comment: Comment) -> dict[str, Any]:
        return {"comment_id": comment.id}

    def _user_command(self, command: CommandId, comment: Comment) -> Target:
        """Ctrl+B toggles: a blocked user is taken off the blocklist."""
        if command is CommandId.USER_BLOCK and self.moderation.is_blocked(comment.user_id):
            command = CommandId.USER_UNBLOCK
        return command, {"user_id": comment.user_id}

    def _ban_target(self) -> Target:
        """The ban-all switch: allows comments again while they are banned. It shows the
        room's state, not the click: it turns over once the command applies (not when the
        operator cancels the question)."""
        self.actions[CommandId.ROOM_BAN_ALL].setChecked(self.moderation.banned_all)
        if self.moderation.banned_all:
            return CommandId.ROOM_UNBAN_ALL, {}
        return CommandId.ROOM_BAN_ALL, {}

    def _on_row_button(self, kind: str, index: QModelIndex) -> None:
        comment: Comment = index.data(COMMENT_ROLE)
        delegate = self.sender()
        view = delegate.parent() if isinstance(delegate, CommentDelegate) else None
        if isinstance(view, QAbstractItemView):
            view.setCurrentIndex(index)  # the row acted on is the selected one
        if kind == "delete":
            self.people.remember(comment)
            self.runner.run(CommandId.COMMENT_DELETE, self._comment(comment), Entry.BUTTON)
        elif kind == "mute":
            self._menu(comment, mute_only=True).popup(QCursor.pos())
        else:
            self._menu(comment, mute_only=False).popup(QCursor.pos())

    def show_context_menu(self, position: QPoint) -> None:
        comment = self.panel.current_comment()
        if comment is not None:
            self._menu(comment, mute_only=False).popup(position)

    def _menu(self, comment: Comment, *, mute_only: bool) -> QMenu:
        """The actions on the selected comment (they act on the selection, which is it)."""
        menu = QMenu(self.dialog_parent)
        menu.setObjectName("commentMenu")
        if not mute_only:
            menu.addAction(self.actions[CommandId.COMMENT_DELETE])
            menu.addAction(self.actions[CommandId.PROMPTER_QUESTION])
            menu.addSeparator()
        for command in MUTE_PRESETS:
            menu.addAction(self.actions[command])
        menu.addAction(self.actions[CommandId.USER_UNMUTE])
        if not mute_only:
            menu.addSeparator()
            menu.addAction(self.actions[CommandId.USER_BLOCK])
            menu.addAction(self.actions[ViewId.USER_CARD])
            copy = menu.addAction(self.tr("Copy text"))
            copy.triggered.connect(lambda: QApplication.clipboard().setText(comment.text))
        menu.aboutToHide.connect(menu.deleteLater)
        return menu

    # -- dialogs ---------------------------------------------------------------------------------
    def edit_rules(self) -> None:
        dialog = KeywordRulesDialog(self.moderation.rules, self.dialog_parent)
        if dialog.exec() == KeywordRulesDialog.DialogCode.Accepted:
            rules = dialog.rules()
            args = {"block": rules.block, "highlight": rules.highlight, "question": rules.question}
            self.runner.run(CommandId.RULES_SET, args)

    def open_search(self) -> None:
        if self.search_dialog is None:
            self.search_dialog = SearchDialog(self.moderation, self._search, self.dialog_parent)
            self._watch_delegate(self.search_dialog.delegate)
            self.search_dialog.view.customContextMenuRequested.connect(self._on_dialog_menu)
            self.search_dialog.comment_chosen.connect(self.show_in_feed)
        self.search_dialog.show()
        self.search_dialog.raise_()
        self.search_dialog.activateWindow()
        self.search_dialog.query_edit.setFocus()

    def show_in_feed(self, comment: Comment) -> None:
        """A search result double-clicked: select it in the live feed, or say it is gone."""
        assert self.search_dialog is not None
        if self.panel.show_comment(comment.id):
            text = self.tr("Selected in the live feed, which stays on it.")
        else:
            text = arg(
                self.tr(
                    "This comment is no longer in the live feed: it keeps the newest %1 "
                    "comments of the chosen filter."
                ),
                f"{self.panel.model.capacity:,}",
            )
        self.search_dialog.status_label.setText(text)

    def _open_selected_card(self) -> None:
        comment = self.current_comment()
        if comment is None:
            self.runner.tell(Level.INFO, self.tr("Select a comment first."))
        else:
            self.open_user_card(comment)

    def open_user_card(self, comment: Comment) -> None:
        user_id, nickname = comment.user_id, comment.nickname
        card = self.user_cards.get(user_id)
        if card is None:
            card = UserCardDialog(
                self.moderation, user_id, nickname, self._user_loader(user_id), self.dialog_parent
            )
            self.user_cards[user_id] = card
            self._watch_delegate(card.delegate)
            card.comments_view.customContextMenuRequested.connect(self._on_dialog_menu)
            user = {"user_id": user_id}
            for button, command in (
                (card.mute_button, CommandId.USER_MUTE_10M),
                (card.mute_show_button, CommandId.USER_MUTE_SHOW),
                (card.unmute_button, CommandId.USER_UNMUTE),
            ):
                self.runner.bind_button(button, command, lambda: user)
            card.block_button.clicked.connect(lambda: self._toggle_block(user_id))
            card.finished.connect(lambda _code: self.user_cards.pop(user_id, None))
        card.show()
        card.raise_()

    def _toggle_block(self, user_id: str) -> None:
        blocked = self.moderation.is_blocked(user_id)
        command = CommandId.USER_UNBLOCK if blocked else CommandId.USER_BLOCK
        self.runner.run(command, {"user_id": user_id})

    def _on_dialog_menu(self, position: QPoint) -> None:
        view = self.sender()
        index = view.indexAt(position)  # type: ignore[attr-defined]
        if index.isValid():
            view.setCurrentIndex(index)  # type: ignore[attr-defined]
            comment = index.data(COMMENT_ROLE)
            global_pos = view.viewport().mapToGlobal(position)  # type: ignore[attr-defined]
            self._menu(comment, mute_only=False).popup(global_pos)

    # -- database reads (run on worker threads) --------------------------------------------------
    def _show_id(self) -> int:
        show_id = self.writer.current_show_id
        if show_id is None:
            raise RuntimeError(self.tr("the database is not open yet"))
        return show_id

    def _search(self, query: str) -> list[Comment]:
        return search_comments(self.engine, self._show_id(), query)

    def _user_loader(self, user_id: str) -> Callable[[], UserRecord]:
        writer, engine = self.writer, self.engine
        show_id = writer.current_show_id

        def load() -> UserRecord:
            if show_id is None:
                raise RuntimeError("the database is not open yet")
            writer.flush(timeout=2.0)  # include comments from the last moments
            return UserRecord(
                user_comments(engine, show_id, user_id),
                audit_for_target(engine, user_id),
            )

        return load

    # -- state ---------------------------------------------------------------------------------
    def _on_state_changed(self) -> None:
        self.panel.model.refresh()
        self.panel.update_hidden_counts()
        if self.search_dialog is not None:
            self.search_dialog.model.refresh()
        for card in self.user_cards.values():
            card.comments_model.refresh()
            card.refresh_status()
        self.actions[CommandId.ROOM_BAN_ALL].setChecked(self.moderation.banned_all)
        self.runner.schedule_sync()
        self.state_changed.emit()
