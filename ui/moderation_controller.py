"""ModerationController: connects the comment feed, the moderation commands and the dialogs.

Every moderation entry point — a row button, the context menu, a keyboard shortcut, a button in
a user card or search results — ends in one method here, which applies the action through the
ModerationService (local state at once) and hands the platform job to the ActionRunner.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QObject, QPoint, Signal
from PySide6.QtGui import QAction, QCursor
from PySide6.QtWidgets import QApplication, QListView, QMenu, QWidget

from console.actions import Capability
from console.commands import MUTE_SECONDS, CommandId
from console.errors import OperatorError
from console.events import Comment
from console.messages import Level
from console.session import LiveSession
from console.storage.queries import audit_for_target, search_comments, user_comments
from ui.actions import ActionRunner
from ui.dialogs.keyword_rules import KeywordRulesDialog
from ui.dialogs.search import SearchDialog
from ui.dialogs.user_card import UserCardDialog, UserRecord
from ui.errors import describe_error
from ui.models.comment_model import COMMENT_ROLE
from ui.panels.comment_delegate import CommentDelegate
from ui.panels.comment_panel import CommentPanel
from ui.text import arg

_MUTES = (
    CommandId.USER_MUTE_1M,
    CommandId.USER_MUTE_10M,
    CommandId.USER_MUTE_1H,
    CommandId.USER_MUTE_SHOW,
)


class ModerationController(QObject):
    state_changed = Signal()  # emitted on the GUI thread after any moderation state change

    def __init__(
        self,
        session: LiveSession,
        panel: CommentPanel,
        actions: dict[CommandId, QAction],
        runner: ActionRunner,
        window: QWidget,
    ) -> None:
        super().__init__(window)
        self.session = session
        self.moderation = session.moderation
        self.panel = panel
        self.actions = actions
        self.runner = runner
        self.window = window
        self.search_dialog: SearchDialog | None = None
        self.user_cards: dict[str, UserCardDialog] = {}

        # The service may change state on a worker thread (an undo after a refusal): hop over.
        self._relay = _Relay(self)
        self.moderation.add_listener(self._relay.changed.emit)
        self._relay.changed.connect(self._on_state_changed)

        self._watch_delegate(panel.delegate)
        panel.context_menu_requested.connect(self.show_context_menu)
        self._connect_actions()

    def _connect_actions(self) -> None:
        a = self.actions
        a[CommandId.COMMENT_DELETE].triggered.connect(lambda: self._on_target(self.delete))
        for command in _MUTES:
            seconds = MUTE_SECONDS[command]
            a[command].triggered.connect(
                lambda _checked=False, s=seconds: self._on_target(lambda c: self.mute(c, s))
            )
        a[CommandId.USER_UNMUTE].triggered.connect(lambda: self._on_target(self.unmute))
        a[CommandId.USER_BLOCK].triggered.connect(lambda: self._on_target(self.toggle_block))
        a[CommandId.USER_CARD].triggered.connect(lambda: self._on_target(self.open_user_card))
        a[CommandId.COMMENT_SEARCH].triggered.connect(self.open_search)
        a[CommandId.RULES_EDIT].triggered.connect(self.edit_rules)
        a[CommandId.FEED_JUMP].triggered.connect(self.panel.jump_to_newest)
        ban = a[CommandId.ROOM_BAN_ALL]
        ban.setCheckable(True)
        ban.triggered.connect(self.set_ban_all)
        self.sync_capabilities()
        self.panel.ban_all_button.setDefaultAction(ban)
        self.panel.rules_button.setDefaultAction(a[CommandId.RULES_EDIT])
        self.panel.search_button.setDefaultAction(a[CommandId.COMMENT_SEARCH])

    def sync_capabilities(self) -> None:
        """Enable what the platform can do now (a relay's capabilities change with its sources)."""
        ban = self.actions[CommandId.ROOM_BAN_ALL]
        supported = self.moderation.supports(Capability.BAN_ALL)
        ban.setEnabled(supported)
        ban.setToolTip("" if supported else self.tr("This platform cannot ban all comments."))

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

    def _on_target(self, handler) -> None:  # type: ignore[no-untyped-def]
        comment = self.current_comment()
        if comment is None:
            self._report_info(self.tr("Select a comment first."))
            return
        handler(comment)

    def _on_row_button(self, kind: str, index: QModelIndex) -> None:
        comment: Comment = index.data(COMMENT_ROLE)
        delegate = self.sender()
        if isinstance(delegate, CommentDelegate) and isinstance(delegate.parent(), QListView):
            delegate.parent().setCurrentIndex(index)  # the row acted on is the selected one
        if kind == "delete":
            self.delete(comment)
        elif kind == "mute":
            self._menu(comment, mute_only=True).popup(QCursor.pos())
        else:
            self._menu(comment, mute_only=False).popup(QCursor.pos())

    def show_context_menu(self, position: QPoint) -> None:
        comment = self.panel.current_comment()
        if comment is not None:
            self._menu(comment, mute_only=False).popup(position)

    def _menu(self, comment: Comment, *, mute_only: bool) -> QMenu:
        menu = QMenu(self.window)
        menu.setObjectName("commentMenu")
        if not mute_only:
            menu.addAction(self.actions[CommandId.COMMENT_DELETE])
            menu.addSeparator()
        for command in _MUTES:
            menu.addAction(self.actions[command])
        menu.addAction(self.actions[CommandId.USER_UNMUTE])
        if not mute_only:
            menu.addSeparator()
            menu.addAction(self.actions[CommandId.USER_BLOCK])
            menu.addAction(self.actions[CommandId.USER_CARD])
            copy = menu.addAction(self.tr("Copy text"))
            copy.triggered.connect(lambda: QApplication.clipboard().setText(comment.text))
        menu.aboutToHide.connect(menu.deleteLater)
        return menu

    # -- the actions -----------------------------------------------------------------------------
    def delete(self, comment: Comment) -> None:
        if self.moderation.deleted_scope(comment.id) is not None:
            self._report_info(self.tr("This comment is deleted already."))
            return
        job = self.moderation.delete_comment(comment)
        self.runner.run(job, arg(self.tr("Deleted the comment of %1"), comment.nickname))

    def mute(self, comment: Comment, seconds: int | None) -> None:
        self.mute_user(comment.user_id, comment.nickname, seconds)

    def mute_user(self, user_id: str, nickname: str, seconds: int | None) -> None:
        job = self.moderation.mute_user(user_id, nickname, seconds)
        if seconds is None:
            text = arg(self.tr("Muted %1 for the rest of the show"), nickname)
        else:
            text = arg(self.tr("Muted %1 for %2 min"), nickname, max(1, seconds // 60))
        self.runner.run(job, text)

    def unmute(self, comment: Comment) -> None:
        self.unmute_user(comment.user_id, comment.nickname)

    def unmute_user(self, user_id: str, nickname: str) -> None:
        if not self.moderation.is_muted(user_id):
            self._report_info(arg(self.tr("%1 is not muted."), nickname))
            return
        self.runner.run(
            self.moderation.unmute_user(user_id, nickname), arg(self.tr("Unmuted %1"), nickname)
        )

    def toggle_block(self, comment: Comment) -> None:
        self.toggle_block_user(comment.user_id, comment.nickname)

    def toggle_block_user(self, user_id: str, nickname: str) -> None:
        if self.moderation.is_blocked(user_id):
            job = self.moderation.unblock_user(user_id, nickname)
            self.runner.run(job, arg(self.tr("Removed %1 from the blocklist"), nickname))
        else:
            job = self.moderation.block_user(user_id, nickname)
            self.runner.run(job, arg(self.tr("Added %1 to the blocklist"), nickname))

    def set_ban_all(self, banned: bool) -> None:
        try:
            job = self.moderation.set_ban_all(banned)
        except OperatorError as exc:
            self.actions[CommandId.ROOM_BAN_ALL].setChecked(self.moderation.banned_all)
            self._report_error(describe_error(exc))
            return
        text = (
            self.tr("All comments are banned") if banned else self.tr("Comments are allowed again")
        )
        self.runner.run(job, text, lambda _outcome: self._sync_ban_action())

    def edit_rules(self) -> None:
        dialog = KeywordRulesDialog(self.moderation.rules, self.window)
        if dialog.exec() == KeywordRulesDialog.DialogCode.Accepted:
            self.runner.run(
                self.moderation.set_rules(dialog.rules()), self.tr("Keyword rules saved")
            )

    def open_search(self) -> None:
        if self.search_dialog is None:
            self.search_dialog = SearchDialog(self.moderation, self._search, self.window)
            self._watch_delegate(self.search_dialog.delegate)
            self.search_dialog.view.customContextMenuRequested.connect(self._on_dialog_menu)
        self.search_dialog.show()
        self.search_dialog.raise_()
        self.search_dialog.activateWindow()
        self.search_dialog.query_edit.setFocus()

    def open_user_card(self, comment: Comment) -> None:
        user_id, nickname = comment.user_id, comment.nickname
        card = self.user_cards.get(user_id)
        if card is None:
            card = UserCardDialog(
                self.moderation, user_id, nickname, self._user_loader(user_id), self.window
            )
            self.user_cards[user_id] = card
            self._watch_delegate(card.delegate)
            card.comments_view.customContextMenuRequested.connect(self._on_dialog_menu)
            card.mute_button.clicked.connect(lambda: self.mute_user(user_id, nickname, 600))
            card.mute_show_button.clicked.connect(lambda: self.mute_user(user_id, nickname, None))
            card.unmute_button.clicked.connect(lambda: self.unmute_user(user_id, nickname))
            card.block_button.clicked.connect(lambda: self.toggle_block_user(user_id, nickname))
            card.finished.connect(lambda _code: self.user_cards.pop(user_id, None))
        card.show()
        card.raise_()

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
        show_id = self.session.writer.current_show_id
        if show_id is None:
            raise RuntimeError(self.tr("the database is not open yet"))
        return show_id

    def _search(self, query: str):  # type: ignore[no-untyped-def]
        return search_comments(self.session.engine, self._show_id(), query)

    def _user_loader(self, user_id: str):  # type: ignore[no-untyped-def]
        engine = self.session.engine
        show_id = self.session.writer.current_show_id

        def load() -> UserRecord:
            if show_id is None:
                raise RuntimeError("the database is not open yet")
            self.session.writer.flush(timeout=2.0)  # include comments from the last moments
            return UserRecord(
                user_comments(engine, show_id, user_id), audit_for_target(engine, user_id)
            )

        return load

    # -- state and messages ----------------------------------------------------------------------
    def _on_state_changed(self) -> None:
        self.panel.model.refresh()
        self.panel.update_hidden_counts()
        if self.search_dialog is not None:
            self.search_dialog.model.refresh()
        for card in self.user_cards.values():
            card.comments_model.refresh()
            card.refresh_status()
        self._sync_ban_action()
        self.state_changed.emit()

    def _sync_ban_action(self) -> None:
        self.actions[CommandId.ROOM_BAN_ALL].setChecked(self.moderation.banned_all)

    def _report_info(self, text: str) -> None:
        self.runner.reported.emit(Level.INFO, text)

    def _report_error(self, text: str) -> None:
        self.runner.reported.emit(Level.ERROR, text)


class _Relay(QObject):
    changed = Signal()
