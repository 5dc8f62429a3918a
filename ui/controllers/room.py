"""RoomController: the Room dock on the core's RoomService (WeChat), every action a command.

The room list is read when the dock opens and on Refresh, and kept fresh by the core while
the dock is on screen (getliveinfo costs quota: nobody looks, nothing is read). Replay,
assistants, the push URL, the share code and the reminder run ``room.*`` commands; "Send to
OBS" runs ``obs.stream_target``. Copying and opening links are the window's own business.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QDialog, QWidget

from console.actions import Capability
from console.commands import CommandId
from console.jobs import Outcome
from console.messages import Level
from console.moderation import ModerationService
from console.room import RoomService
from ui.bridge import CoreSignal
from ui.controllers.commands import CommandRunner
from ui.dialogs.room_actions import AssistantDialog, ReminderDialog
from ui.dialogs.wechat_settings import WeChatSettingsDialog
from ui.errors import describe_error
from ui.panels.room_panel import RoomPanel, masked_push_url, status_title
from ui.text import arg
from ui.workers import run_in_worker


class RoomController(QObject):
    def __init__(
        self,
        service: RoomService | None,
        moderation: ModerationService,
        panel: RoomPanel,
        runner: CommandRunner,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.moderation = moderation
        self.panel = panel
        self.runner = runner
        self.dialog_parent = parent
        self.open_url: Callable[[QUrl], object] = QDesktopServices.openUrl
        self.dialog: QDialog | None = None  # the dialog open now (tests reach it here)
        self._watching = False

        panel.settings_button.clicked.connect(self.open_settings)
        moderation.add_listener(CoreSignal(self._show_ban_state, self, coalesce=True))
        self._show_ban_state()
        if service is None:
            return
        service.add_listener(CoreSignal(self._show_room, self, coalesce=True))
        panel.refresh_button.clicked.connect(self.refresh_rooms)
        panel.replay_toggle.clicked.connect(self.set_replay)
        panel.assistant_button.clicked.connect(self.add_assistant)
        runner.bind_button(panel.push_get, CommandId.ROOM_PUSH_URL)
        panel.push_copy.clicked.connect(self.copy_push_url)
        runner.bind_button(panel.push_obs, CommandId.OBS_STREAM_TARGET)
        runner.bind_button(panel.share_get, CommandId.ROOM_SHARE_CODE)
        panel.share_copy_path.clicked.connect(lambda: self._copy_share("page_path"))
        panel.share_copy_qr.clicked.connect(lambda: self._copy_share("cdn_url"))
        panel.share_copy_poster.clicked.connect(lambda: self._copy_share("poster_url"))
        panel.share_open_qr.clicked.connect(lambda: self._open_share("cdn_url"))
        panel.share_open_poster.clicked.connect(lambda: self._open_share("poster_url"))
        panel.reminder_button.clicked.connect(self.send_reminder)
        self._show_room()
        self.refresh_rooms()

    def set_on_screen(self, watching: bool) -> None:
        """The dock is on screen (its tab in front) or not: the core keeps the list fresh only
        while it is."""
        if self.service is not None and watching != self._watching:
            self._watching = watching
            self.service.watch(watching)

    def shutdown(self) -> None:
        self.set_on_screen(False)

    # -- room list -------------------------------------------------------------------------------
    def refresh_rooms(self) -> None:
        service = self.service
        if service is not None and not service.list.loading:
            run_in_worker(service.read_rooms, None, None, context=self)

    def _show_room(self) -> None:
        service = self._wechat()
        panel, rooms = self.panel, service.list
        panel.refresh_button.setEnabled(not rooms.loading)
        panel.list_error.setVisible(rooms.error is not None)
        if rooms.error is not None:
            panel.list_error.setText(describe_error(rooms.error))
        if rooms.updated is not None:
            panel.show_rooms(rooms.rooms, service.room_id)
            panel.updated_label.setText(
                arg(self.tr("Updated at %1"), rooms.updated.strftime("%H:%M:%S"))
            )
        room = rooms.current
        if room is None:
            panel.room_status.setText(arg(self.tr("Room %1"), service.room_id))
            panel.replay_toggle.setEnabled(False)
        else:
            panel.room_status.setText(
                arg(
                    self.tr("Room %1 · %2 · %3"), room.room_id, room.name, status_title(room.status)
                )
            )
            panel.replay_toggle.setChecked(not room.close_replay)
            panel.replay_toggle.setEnabled(True)
        url = service.push_url
        panel.push_field.setText(masked_push_url(url) if url else "")
        panel.push_copy.setEnabled(bool(url))
        code = service.share_code
        panel.share_path.setText(code.page_path if code else "")
        panel.share_path.setCursorPosition(0)
        for button in panel.share_buttons:
            button.setEnabled(code is not None)

    def _show_ban_state(self) -> None:
        if not self.moderation.supports(Capability.BAN_ALL):
            self.panel.ban_state.setVisible(False)
            return
        self.panel.ban_state.setVisible(True)
        self.panel.ban_state.setText(
            self.tr("All comments are banned (switch it in the Comments panel).")
            if self.moderation.banned_all
            else self.tr("Comments are allowed (ban all is in the Comments panel).")
        )

    # -- actions ---------------------------------------------------------------------------------
    def set_replay(self, enabled: bool) -> None:
        def done(outcome: Outcome) -> None:
            if not outcome.ok:
                self.panel.replay_toggle.setChecked(not enabled)

        self.runner.run(CommandId.ROOM_REPLAY, {"enabled": enabled}, on_done=done)

    def add_assistant(self) -> None:
        dialog = AssistantDialog(self.dialog_parent)
        dialog.accepted.connect(lambda: self._on_assistant(*dialog.values()))
        self._open(dialog)

    def _on_assistant(self, username: str, nickname: str) -> None:
        args = {"username": username, "nickname": nickname}
        self.runner.run(CommandId.ROOM_ASSISTANT, args)

    def copy_push_url(self) -> None:
        url = self._wechat().push_url
        if url:
            QGuiApplication.clipboard().setText(url)
            self.runner.tell(Level.INFO, self.tr("Push URL copied to the clipboard"))

    def _copy_share(self, field: str) -> None:
        code = self._wechat().share_code
        if code is not None:
            QGuiApplication.clipboard().setText(getattr(code, field))
            self.runner.tell(Level.INFO, self.tr("Copied to the clipboard"))

    def _open_share(self, field: str) -> None:
        code = self._wechat().share_code
        if code is not None:
            self.open_url(QUrl(getattr(code, field)))

    def send_reminder(self) -> None:
        service = self._wechat()
        room = service.list.current
        title = arg(self.tr("Room %1"), service.room_id)
        if room is not None:
            title = f"{title} · {room.name} · {status_title(room.status)}"
        dialog = ReminderDialog(title, self.dialog_parent)
        dialog.accepted.connect(
            lambda: self.runner.run(CommandId.ROOM_REMINDER, {"openids": dialog.openids()})
        )
        self._open(dialog)

    def open_settings(self) -> None:
        self._open(WeChatSettingsDialog(self.dialog_parent))

    # -- helpers -------------------------------------------------------------------------------
    def _wechat(self) -> RoomService:
        if self.service is None:
            raise RuntimeError("room actions need the WeChat connector")
        return self.service

    def _open(self, dialog: QDialog) -> None:
        self.dialog = dialog
        dialog.finished.connect(lambda _code: self._on_dialog_closed(dialog))
        dialog.open()

    def _on_dialog_closed(self, dialog: QDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()
