"""The Room panel: the mini program's live rooms and the room controls of the WeChat API.

Room list with each room's status (getliveinfo, read every ROOM_POLL_S seconds while the panel
is visible, and on demand), the console's room highlighted; replay on/off; add an assistant;
the push URL (copy, or hand it to OBS when an OBS service is there); the share code; the live
reminder to subscribers with its once-a-day rule. Other connectors have none of these: the
panel says so, shows whether all comments are banned (that switch is in the Comments panel)
and offers the WeChat settings.

``RoomService`` holds the actions, each following console.moderation's pattern (validated, a
job for the ActionRunner's worker that calls the API and writes the audit entry). It imports
nothing from Qt, so it can move to console/ (a room_service module) unchanged.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, QUrl
from PySide6.QtGui import QBrush, QColor, QDesktopServices, QFont, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDockWidget,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from console.actions import Capability
from console.errors import OperatorError
from console.i18n import QT_TRANSLATE_NOOP
from console.messages import Level
from console.moderation import Job, Outcome, Scope, write_audit
from console.platforms.wechat import (
    MIN_POLL_INTERVAL,
    Room,
    ShareCode,
    WeChatConnector,
    WeChatLiveClient,
)
from console.storage.writer import StorageWriter
from obs_bridge.push_url import split_push_url
from ui.actions import ActionRunner
from ui.dialogs.room_actions import AssistantDialog, ReminderDialog, reminder_rule
from ui.dialogs.wechat_settings import WeChatSettingsDialog
from ui.errors import describe_error
from ui.text import arg
from ui.workers import run_in_worker

if TYPE_CHECKING:
    from ui.main_window import MainWindow

ROOM_POLL_S = max(60.0, MIN_POLL_INTERVAL)  # getliveinfo costs quota; statuses change slowly
_ROOM_ROLE = Qt.ItemDataRole.UserRole + 1
_CURRENT_BACKGROUND = QColor("#e7f0fd")
_STATUS_COLOURS = {"live": "#1d6b2f", "paused": "#9a5b00", "banned": "#c0262d"}
_MASK = "••••••"


class PushUrlTarget(Protocol):
    """What the Room panel needs of the OBS service (console.obs_service.ObsService)."""

    def use_push_url(self, push_url: str) -> Job: ...


class RoomService:
    """The room controls of one WeChat room; thread-safe. Results of reads that are audited
    (push URL, share code) are kept on the service for the UI to show after the job ran."""

    def __init__(
        self,
        client: WeChatLiveClient,
        room_id: int,
        writer: StorageWriter | None,
        *,
        operator: str,
        clock: Callable[[], float],
    ) -> None:
        self.client = client
        self.room_id = room_id
        self._writer = writer
        self.operator = operator
        self._clock = clock
        self.push_url: str | None = None
        self.share_code: ShareCode | None = None
        self.reminder_message_ids: list[str] = []

    def rooms(self) -> list[Room]:
        """Every room of the mini program (blocking: call from a worker thread)."""
        return self.client.list_rooms()

    def set_replay(self, enabled: bool) -> Job:
        return self._job(
            "room.replay",
            {"enabled": enabled},
            lambda: self.client.set_replay(self.room_id, enabled),
        )

    def add_assistant(self, username: str, nickname: str) -> Job:
        username, nickname = username.strip(), nickname.strip()
        if not username or not nickname:
            raise OperatorError(
                QT_TRANSLATE_NOOP("errors", "An assistant needs a WeChat ID and a nickname.")
            )
        return self._job(
            "room.assistant",
            {"username": username, "nickname": nickname},
            lambda: self.client.add_assistant(self.room_id, username, nickname),
        )

    def fetch_push_url(self) -> Job:
        """The push URL carries the stream key: it is kept here, never logged or audited."""

        def fetch() -> None:
            self.push_url = self.client.get_push_url(self.room_id)

        return self._job("room.push_url", {}, fetch)

    def fetch_share_code(self) -> Job:
        def fetch() -> None:
            self.share_code = self.client.get_share_code(self.room_id)

        return self._job("room.share_code", {}, fetch)

    def send_reminder(self, openids: Sequence[str]) -> Job:
        unique = list(dict.fromkeys(o for o in openids if o))
        if not unique:
            raise OperatorError(QT_TRANSLATE_NOOP("errors", "Add the subscribers' openids first."))

        def send() -> None:
            self.reminder_message_ids = self.client.push_live_reminder(self.room_id, unique)

        return self._job("room.reminder", {"subscribers": len(unique)}, send)

    def _job(self, command: str, detail: dict[str, Any], call: Callable[[], None]) -> Job:
        t = self._clock()
        target = str(self.room_id)

        def run() -> Outcome:
            error: Exception | None = None
            try:
                call()
            except Exception as exc:
                error = exc
            outcome = Outcome(command, target, Scope.PLATFORM, error)
            write_audit(self._writer, self.operator, outcome, t, detail)
            return outcome

        return run


def status_title(status: str | None) -> str:
    """The operator's word for a console.events.ROOM_STATUSES name."""
    titles = {
        "live": QCoreApplication.translate("RoomPanel", "Live"),
        "not_started": QCoreApplication.translate("RoomPanel", "Not started"),
        "ended": QCoreApplication.translate("RoomPanel", "Ended"),
        "banned": QCoreApplication.translate("RoomPanel", "Banned"),
        "paused": QCoreApplication.translate("RoomPanel", "Paused"),
        "abnormal": QCoreApplication.translate("RoomPanel", "Abnormal"),
        "expired": QCoreApplication.translate("RoomPanel", "Expired"),
    }
    return titles.get(status or "", QCoreApplication.translate("RoomPanel", "Unknown"))


def masked_push_url(url: str) -> str:
    """The server part of a push URL with the stream key hidden."""
    try:
        return f"{split_push_url(url).server}/{_MASK}"
    except ValueError:
        return _MASK


def _button(text: str, name: str, parent: QWidget) -> QPushButton:
    button = QPushButton(text, parent)
    button.setObjectName(name)
    return button


def _read_only(name: str, parent: QWidget) -> QLineEdit:
    field = QLineEdit(parent)
    field.setObjectName(name)
    field.setReadOnly(True)
    return field


def _note(name: str, parent: QWidget, colour: str = "#5b6472") -> QLabel:
    label = QLabel(parent)
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setStyleSheet(f"color: {colour};")
    return label


class RoomPanel(QWidget):
    """The widgets; ``wechat`` False shows only the explanation, ban-all state and settings."""

    def __init__(self, wechat: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("roomPanel")
        content = QWidget(self)
        column = QVBoxLayout(content)
        column.setContentsMargins(6, 6, 6, 6)
        column.setSpacing(8)

        self.unavailable_note = _note("roomUnavailableNote", content)
        self.unavailable_note.setText(
            self.tr(
                "Room functions (room status, replay, assistants, push URL, share code, live "
                "reminders) need the WeChat connector. Enter the mini program's AppID and "
                "AppSecret in the WeChat settings, then start LiveDesk with the WeChat connector."
            )
        )
        self.ban_state = _note("banAllState", content)
        column.addWidget(self.unavailable_note)

        self.rooms_box = QGroupBox(self.tr("Rooms"), content)
        self.rooms_box.setObjectName("roomsBox")
        self.updated_label = _note("roomListUpdated", self.rooms_box)
        self.refresh_button = QToolButton(self.rooms_box)
        self.refresh_button.setObjectName("roomRefreshButton")
        self.refresh_button.setText(self.tr("Refresh"))
        self.room_list = QTreeWidget(self.rooms_box)
        self.room_list.setObjectName("roomList")
        self.room_list.setRootIsDecorated(False)
        self.room_list.setUniformRowHeights(True)
        self.room_list.setAlternatingRowColors(True)
        self.room_list.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.room_list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.room_list.setHeaderLabels(
            [self.tr("Room"), self.tr("Name"), self.tr("Status"), self.tr("Starts"),
             self.tr("Anchor")]
        )  # fmt: skip
        header = self.room_list.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.room_list.setMinimumHeight(90)
        self.room_list.setMaximumHeight(170)
        self.list_error = _note("roomListError", self.rooms_box, "#c0262d")
        self.list_error.setVisible(False)
        top = QHBoxLayout()
        top.addWidget(self.updated_label, 1)
        top.addWidget(self.refresh_button)
        rooms = QVBoxLayout(self.rooms_box)
        rooms.addLayout(top)
        rooms.addWidget(self.room_list)
        rooms.addWidget(self.list_error)
        column.addWidget(self.rooms_box)

        self.this_box = QGroupBox(self.tr("This room"), content)
        self.this_box.setObjectName("thisRoomBox")
        self.room_status = _note("roomStatus", self.this_box, "#1f2430")
        self.room_status.setStyleSheet("font-weight: bold;")
        self.replay_toggle = QCheckBox(self.tr("Replay available after the show"), self.this_box)
        self.replay_toggle.setObjectName("replayToggle")
        self.replay_toggle.setEnabled(False)
        self.assistant_button = _button(self.tr("Add assistant…"), "assistantButton", content)
        this = QVBoxLayout(self.this_box)
        this.addWidget(self.room_status)
        if wechat:
            this.addWidget(self.ban_state)
        row = QHBoxLayout()
        row.addWidget(self.replay_toggle, 1)
        row.addWidget(self.assistant_button)
        this.addLayout(row)
        column.addWidget(self.this_box)

        self.push_box = QGroupBox(self.tr("Push URL (for OBS)"), content)
        self.push_box.setObjectName("pushUrlBox")
        self.push_field = _read_only("pushUrlField", self.push_box)
        self.push_field.setPlaceholderText(self.tr("Not fetched yet"))
        self.push_field.setToolTip(
            self.tr("The stream key is hidden here; Copy puts the whole address on the clipboard.")
        )
        self.push_get = _button(self.tr("Get push URL"), "pushUrlGet", self.push_box)
        self.push_copy = _button(self.tr("Copy"), "pushUrlCopy", self.push_box)
        self.push_obs = _button(self.tr("Send to OBS"), "pushUrlToObs", self.push_box)
        self.push_copy.setEnabled(False)
        self.push_obs.setEnabled(False)
        push = QVBoxLayout(self.push_box)
        push.addWidget(self.push_field)
        row = QHBoxLayout()
        row.addWidget(self.push_get)
        row.addStretch(1)
        row.addWidget(self.push_copy)
        row.addWidget(self.push_obs)
        push.addLayout(row)
        column.addWidget(self.push_box)

        self.share_box = QGroupBox(self.tr("Share code"), content)
        self.share_box.setObjectName("shareBox")
        self.share_get = _button(self.tr("Get share code"), "shareCodeGet", self.share_box)
        self.share_path = _read_only("sharePagePath", self.share_box)
        self.share_path.setPlaceholderText(self.tr("Page path of the room"))
        self.share_copy_path = _button(self.tr("Copy path"), "shareCopyPath", self.share_box)
        self.share_open_qr = _button(self.tr("Open"), "shareOpenQr", self.share_box)
        self.share_copy_qr = _button(self.tr("Copy link"), "shareCopyQr", self.share_box)
        self.share_open_poster = _button(self.tr("Open"), "shareOpenPoster", self.share_box)
        self.share_copy_poster = _button(self.tr("Copy link"), "shareCopyPoster", self.share_box)
        self.share_buttons = (
            self.share_copy_path,
            self.share_open_qr,
            self.share_copy_qr,
            self.share_open_poster,
            self.share_copy_poster,
        )
        for button in self.share_buttons:
            button.setEnabled(False)
        share = QGridLayout(self.share_box)
        share.addWidget(self.share_get, 0, 0, 1, 3, Qt.AlignmentFlag.AlignLeft)
        share.addWidget(self.share_path, 1, 0, 1, 4)
        share.addWidget(self.share_copy_path, 1, 4)
        share.addWidget(QLabel(self.tr("QR code"), self.share_box), 2, 0)
        share.addWidget(self.share_open_qr, 2, 1)
        share.addWidget(self.share_copy_qr, 2, 2)
        share.addWidget(QLabel(self.tr("Poster"), self.share_box), 3, 0)
        share.addWidget(self.share_open_poster, 3, 1)
        share.addWidget(self.share_copy_poster, 3, 2)
        share.setColumnStretch(3, 1)
        column.addWidget(self.share_box)

        self.reminder_box = QGroupBox(self.tr("Live reminder"), content)
        self.reminder_box.setObjectName("reminderBox")
        self.reminder_rule = _note("reminderRuleNote", self.reminder_box)
        self.reminder_rule.setText(reminder_rule())
        self.reminder_button = _button(
            self.tr("Send live reminder…"), "reminderButton", self.reminder_box
        )
        reminder = QVBoxLayout(self.reminder_box)
        reminder.addWidget(self.reminder_rule)
        reminder.addWidget(self.reminder_button, 0, Qt.AlignmentFlag.AlignLeft)
        column.addWidget(self.reminder_box)

        if not wechat:
            column.addWidget(self.ban_state)
        self.settings_button = _button(self.tr("WeChat settings…"), "wechatSettingsButton", content)
        column.addWidget(self.settings_button, 0, Qt.AlignmentFlag.AlignLeft)
        column.addStretch(1)

        for box in (self.rooms_box, self.this_box, self.push_box, self.share_box,
                    self.reminder_box):  # fmt: skip
            box.setVisible(wechat)
        self.unavailable_note.setVisible(not wechat)

        scroll = QScrollArea(self)
        scroll.setObjectName("roomScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

    def room_item(self, room_id: int) -> QTreeWidgetItem | None:
        for row in range(self.room_list.topLevelItemCount()):
            item = self.room_list.topLevelItem(row)
            if item.data(0, _ROOM_ROLE).room_id == room_id:
                return item
        return None

    def show_rooms(self, rooms: Sequence[Room], current: int) -> None:
        self.room_list.clear()
        bold = QFont(self.room_list.font())
        bold.setBold(True)
        for room in rooms:
            starts = room.start_time.astimezone().strftime("%m-%d %H:%M")
            item = QTreeWidgetItem(
                [str(room.room_id), room.name, status_title(room.status), starts, room.anchor_name]
            )
            item.setData(0, _ROOM_ROLE, room)
            colour = _STATUS_COLOURS.get(room.status or "")
            if colour:
                item.setForeground(2, QBrush(QColor(colour)))
            if room.room_id == current:
                for column in range(5):
                    item.setFont(column, bold)
                    item.setBackground(column, _CURRENT_BACKGROUND)
                item.setToolTip(0, self.tr("The room this console runs"))
            self.room_list.addTopLevelItem(item)


class RoomController(QObject):
    """Connects the Room panel to the RoomService (WeChat) and the other services it shows."""

    def __init__(
        self,
        panel: RoomPanel,
        service: RoomService | None,
        runner: ActionRunner,
        window: MainWindow,
        *,
        obs: PushUrlTarget | None = None,
        dock: QDockWidget | None = None,
    ) -> None:
        super().__init__(window)
        self.panel = panel
        self.service = service
        self.runner = runner
        self.window = window
        self.obs = obs
        self.dock = dock
        self.moderation = window.session.moderation
        self.open_url: Callable[[QUrl], object] = QDesktopServices.openUrl
        self.rooms: list[Room] = []
        self.loading = False
        self.dialog: QDialog | None = None  # the dialog open now (tests reach it here)
        self.poll_timer = QTimer(self)
        self.poll_timer.setInterval(int(ROOM_POLL_S * 1000))

        panel.settings_button.clicked.connect(self.open_settings)
        window.moderation.state_changed.connect(self._show_ban_state)
        self._show_ban_state()
        if service is None:
            return
        panel.refresh_button.clicked.connect(self.refresh_rooms)
        panel.replay_toggle.clicked.connect(self.set_replay)
        panel.assistant_button.clicked.connect(self.add_assistant)
        panel.push_get.clicked.connect(self.fetch_push_url)
        panel.push_copy.clicked.connect(self.copy_push_url)
        panel.push_obs.clicked.connect(self.send_push_url_to_obs)
        panel.share_get.clicked.connect(self.fetch_share_code)
        panel.share_copy_path.clicked.connect(lambda: self._copy_share("page_path"))
        panel.share_copy_qr.clicked.connect(lambda: self._copy_share("cdn_url"))
        panel.share_copy_poster.clicked.connect(lambda: self._copy_share("poster_url"))
        panel.share_open_qr.clicked.connect(lambda: self._open_share("cdn_url"))
        panel.share_open_poster.clicked.connect(lambda: self._open_share("poster_url"))
        panel.reminder_button.clicked.connect(self.send_reminder)
        if obs is None:
            panel.push_obs.setToolTip(self.tr("OBS is not connected to this console."))
        self.poll_timer.timeout.connect(self._on_poll)
        self.poll_timer.start()
        self._show_current(None)

    # -- room list -----------------------------------------------------------------------------
    def refresh_rooms(self) -> None:
        if self.loading or self.service is None:
            return
        self.loading = True
        self.panel.refresh_button.setEnabled(False)
        run_in_worker(self.service.rooms, self._on_rooms, self._on_rooms_failed, context=self)

    def _on_poll(self) -> None:
        if self.panel.isVisible():  # nobody looks: spare the quota
            self.refresh_rooms()

    def _on_rooms(self, rooms: list[Room]) -> None:
        service = self._wechat()
        self.loading = False
        self.rooms = rooms
        self.panel.refresh_button.setEnabled(True)
        self.panel.list_error.setVisible(False)
        self.panel.show_rooms(rooms, service.room_id)
        self.panel.updated_label.setText(
            arg(self.tr("Updated at %1"), datetime.now().strftime("%H:%M:%S"))
        )
        current = next((r for r in rooms if r.room_id == service.room_id), None)
        self._show_current(current)

    def _on_rooms_failed(self, error: Exception) -> None:
        self.loading = False
        self.panel.refresh_button.setEnabled(True)
        self.panel.list_error.setText(describe_error(error))
        self.panel.list_error.setVisible(True)

    def _show_current(self, room: Room | None) -> None:
        panel = self.panel
        if room is None:
            panel.room_status.setText(arg(self.tr("Room %1"), self._wechat().room_id))
            panel.replay_toggle.setEnabled(False)
            return
        panel.room_status.setText(
            arg(self.tr("Room %1 · %2 · %3"), room.room_id, room.name, status_title(room.status))
        )
        panel.replay_toggle.setChecked(not room.close_replay)
        panel.replay_toggle.setEnabled(True)

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

    # -- actions -------------------------------------------------------------------------------
    def set_replay(self, enabled: bool) -> None:
        service = self._wechat()
        text = self.tr("Replay turned on") if enabled else self.tr("Replay turned off")

        def done(outcome: Outcome) -> None:
            if not outcome.ok:
                self.panel.replay_toggle.setChecked(not enabled)

        self._run(lambda: service.set_replay(enabled), text, done)

    def add_assistant(self) -> None:
        dialog = AssistantDialog(self.window)
        dialog.accepted.connect(lambda: self._on_assistant(*dialog.values()))
        self._open(dialog)

    def _on_assistant(self, username: str, nickname: str) -> None:
        service = self._wechat()
        text = arg(self.tr("%1 is now an assistant of the room"), nickname)
        self._run(lambda: service.add_assistant(username, nickname), text)

    def fetch_push_url(self) -> None:
        service = self._wechat()

        def done(outcome: Outcome) -> None:
            url = service.push_url if outcome.ok else None
            self.panel.push_field.setText(masked_push_url(url) if url else "")
            self.panel.push_copy.setEnabled(bool(url))
            self.panel.push_obs.setEnabled(bool(url) and self.obs is not None)

        self._run(service.fetch_push_url, self.tr("Push URL received"), done)

    def copy_push_url(self) -> None:
        if self.service is not None and self.service.push_url:
            QGuiApplication.clipboard().setText(self.service.push_url)
            self._report(Level.INFO, self.tr("Push URL copied to the clipboard"))

    def send_push_url_to_obs(self) -> None:
        obs = self.obs
        url = self.service.push_url if self.service is not None else None
        if obs is None or not url:
            return
        self._run(lambda: obs.use_push_url(url), self.tr("OBS now streams to this room"))

    def fetch_share_code(self) -> None:
        service = self._wechat()

        def done(outcome: Outcome) -> None:
            code = service.share_code if outcome.ok else None
            self.panel.share_path.setText(code.page_path if code else "")
            self.panel.share_path.setCursorPosition(0)
            for button in self.panel.share_buttons:
                button.setEnabled(code is not None)

        self._run(service.fetch_share_code, self.tr("Share code received"), done)

    def _copy_share(self, field: str) -> None:
        code = self.service.share_code if self.service else None
        if code is not None:
            QGuiApplication.clipboard().setText(getattr(code, field))
            self._report(Level.INFO, self.tr("Copied to the clipboard"))

    def _open_share(self, field: str) -> None:
        code = self.service.share_code if self.service else None
        if code is not None:
            self.open_url(QUrl(getattr(code, field)))

    def send_reminder(self) -> None:
        service = self._wechat()
        room = next((r for r in self.rooms if r.room_id == service.room_id), None)
        title = arg(self.tr("Room %1"), service.room_id)
        if room is not None:
            title = f"{title} · {room.name} · {status_title(room.status)}"
        dialog = ReminderDialog(title, self.window)
        dialog.accepted.connect(lambda: self._on_reminder(dialog.openids()))
        self._open(dialog)

    def _on_reminder(self, openids: list[str]) -> None:
        service = self._wechat()
        text = self.tr("Live reminder sent to %n subscriber(s)", "", len(openids))
        self._run(lambda: service.send_reminder(openids), text)

    def open_settings(self) -> None:
        self._open(WeChatSettingsDialog(self.window))

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

    def _run(
        self,
        make_job: Callable[[], Job],
        done_text: str,
        on_done: Callable[[Outcome], None] | None = None,
    ) -> None:
        try:
            job = make_job()
        except OperatorError as exc:
            self._report(Level.ERROR, describe_error(exc))
            return
        self.runner.run(job, done_text, on_done)

    def _report(self, level: Level, text: str) -> None:
        self.runner.reported.emit(level, text)


def install_room(window: MainWindow, *, obs: PushUrlTarget | None = None) -> RoomController:
    """Add the Room dock. With the WeChat connector it controls that connector's room (and its
    client); with any other it explains what it would need. ``obs``: the OBS service, for
    "Send to OBS" (console.obs_service.ObsService or anything with ``use_push_url``)."""
    session = window.session
    connector = session.connector
    service = None
    if isinstance(connector, WeChatConnector):
        service = RoomService(
            connector.client,
            connector.room_id,
            session.writer,
            operator=session.operator,
            clock=session.show.clock,
        )
    panel = RoomPanel(wechat=service is not None)
    dock = QDockWidget(QCoreApplication.translate("RoomPanel", "Room"), window)
    dock.setObjectName("roomDock")
    dock.setWidget(panel)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    goods = window.findChild(QDockWidget, "goodsDock")
    if goods is not None:  # used now and then: a tab behind the goods, not more screen
        window.tabifyDockWidget(goods, dock)
        goods.raise_()
    controller = RoomController(panel, service, window.runner, window, obs=obs, dock=dock)
    controller.refresh_rooms()
    return controller
