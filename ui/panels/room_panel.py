"""The Room dock's widgets: the mini program's rooms with their status, this room's controls
(replay, assistants), the push URL, the share code and the live reminder. Other connectors
see what the panel would need and whether all comments are banned.

It draws and reports clicks; ui.controllers.room turns them into commands.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
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

from console.platforms.wechat import Room
from obs_bridge.push_url import split_push_url
from ui.dialogs.room_actions import reminder_rule
from ui.theme import colour, on_theme_changed

_ROOM_ROLE = Qt.ItemDataRole.UserRole + 1
_STATUS_TONES = {"live": "good", "paused": "warning", "banned": "error"}  # -> palette colour
_MASK = "••••••"


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


def _note(name: str, parent: QWidget, tone: str = "note") -> QLabel:
    label = QLabel(parent)
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setProperty("tone", tone)
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
        self.list_error = _note("roomListError", self.rooms_box, "error")
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
        self.room_status = _note("roomStatus", self.this_box, tone="")  # text colour, bold
        self.room_status.setProperty("emphasis", "bold")
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
        self._current_room: int | None = None
        on_theme_changed(self._recolour)

    def room_item(self, room_id: int) -> QTreeWidgetItem | None:
        for row in range(self.room_list.topLevelItemCount()):
            item = self.room_list.topLevelItem(row)
            if item.data(0, _ROOM_ROLE).room_id == room_id:
                return item
        return None

    def show_rooms(self, rooms: Sequence[Room], current: int) -> None:
        self.room_list.clear()
        self._current_room = current
        bold = QFont(self.room_list.font())
        bold.setBold(True)
        for room in rooms:
            starts = room.start_time.astimezone().strftime("%m-%d %H:%M")
            item = QTreeWidgetItem(
                [str(room.room_id), room.name, status_title(room.status), starts, room.anchor_name]
            )
            item.setData(0, _ROOM_ROLE, room)
            if room.room_id == current:
                for column in range(5):
                    item.setFont(column, bold)
                item.setToolTip(0, self.tr("The room this console runs"))
            self._colour_item(item)
            self.room_list.addTopLevelItem(item)

    def _colour_item(self, item: QTreeWidgetItem) -> None:
        room = item.data(0, _ROOM_ROLE)
        tone = _STATUS_TONES.get(room.status or "")
        if tone:
            item.setForeground(2, colour(tone))
        if room.room_id == self._current_room:
            for column in range(5):
                item.setBackground(column, colour("currentRow"))

    def _recolour(self) -> None:
        """The items keep the colours they were given: give them the new theme's."""
        for row in range(self.room_list.topLevelItemCount()):
            self._colour_item(self.room_list.topLevelItem(row))
