"""The relay dock: where sources connect, whether they need a token, and who is connected.

For a session on the relay connector (console.platforms.relay) it shows the two endpoint
addresses, the access rule and a table of the connected sources with their traffic. For any
other connector it says in one sentence what the relay is and how to start LiveDesk with it.

The table follows the connector's ``on_sources_changed`` notifications. They arrive on the
relay's thread, so they only emit a signal of a QObject that lives on the GUI thread (queued
there); a 1 s timer refreshes the rates in between.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from enum import IntEnum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDockWidget,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from console.actions import Capability
from console.messages import Level
from console.platforms.relay import (
    DEFAULT_HOST,
    DEFAULT_PORT,
    RelayConnector,
    SourceInfo,
    rotate_token,
)
from console.session import LiveSession
from ui.actions import ActionRunner
from ui.dialogs.relay_settings import RelayAddress, RelaySettingsDialog
from ui.models.comment_model import AnyIndex
from ui.text import arg

if TYPE_CHECKING:
    from ui.main_window import MainWindow

REFRESH_INTERVAL_MS = 1000
SOURCE_ROLE = Qt.ItemDataRole.UserRole + 1
_ROOT = QModelIndex()
_DISPLAY = Qt.ItemDataRole.DisplayRole
_TOOLTIP = Qt.ItemDataRole.ToolTipRole
_ALIGN = Qt.ItemDataRole.TextAlignmentRole
_FOREGROUND = Qt.ItemDataRole.ForegroundRole
_BACKGROUND = Qt.ItemDataRole.BackgroundRole
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_WARNING_TEXT = QColor("#9a5b00")
_WARNING_FILL = QColor("#fff4e0")
_WARNING_STYLE = "color: #9a5b00;"
_UNSPECIFIED_HOSTS = ("0.0.0.0", "::")
_KINDS = {"websocket": "WebSocket", "http": "HTTP"}


class Column(IntEnum):
    """The traffic comes first: a narrow dock still shows who sends how much."""

    NAME = 0
    KIND = 1
    RATE = 2
    ACCEPTED = 3
    REJECTED = 4
    DROPPED = 5
    CAPABILITIES = 6
    PEER = 7
    CONNECTED = 8


_NUMBERS = (Column.ACCEPTED, Column.REJECTED, Column.DROPPED, Column.RATE)


class RelaySourcesModel(QAbstractTableModel):
    """The connected sources, one row each, in the order they arrived.

    ``set_sources`` takes a fresh snapshot and turns it into row removals, one data change
    and row insertions, so the selection and scroll position survive the refresh.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[SourceInfo] = []
        self._headers = {
            Column.NAME: self.tr("Source"),
            Column.KIND: self.tr("Kind"),
            Column.RATE: self.tr("Events/s"),
            Column.ACCEPTED: self.tr("Accepted"),
            Column.REJECTED: self.tr("Rejected"),
            Column.DROPPED: self.tr("Dropped"),
            Column.CAPABILITIES: self.tr("Can do"),
            Column.PEER: self.tr("Address"),
            Column.CONNECTED: self.tr("Connected"),
        }
        self._capabilities = {
            Capability.LIVE_EVENTS: self.tr("live events"),
            Capability.DELETE_COMMENT: self.tr("delete comments"),
            Capability.MUTE_USER: self.tr("mute users"),
            Capability.BAN_ALL: self.tr("ban all comments"),
            Capability.PUSH_GOODS: self.tr("push goods"),
            Capability.GOODS_ON_SALE: self.tr("goods on/off sale"),
            Capability.SORT_GOODS: self.tr("sort goods"),
            Capability.IMPORT_GOODS: self.tr("import goods"),
        }
        self._events_only = self.tr("events only")

    def set_sources(self, sources: Sequence[SourceInfo]) -> None:
        fresh = {source.id: source for source in sources}
        for row in reversed(range(len(self._rows))):
            if self._rows[row].id not in fresh:
                self.beginRemoveRows(_ROOT, row, row)
                del self._rows[row]
                self.endRemoveRows()
        self._rows = [fresh.pop(source.id) for source in self._rows]
        if self._rows:
            last = self.index(len(self._rows) - 1, len(Column) - 1)
            self.dataChanged.emit(self.index(0, 0), last)
        if fresh:
            first = len(self._rows)
            self.beginInsertRows(_ROOT, first, first + len(fresh) - 1)
            self._rows.extend(fresh.values())
            self.endInsertRows()

    def source_at(self, row: int) -> SourceInfo:
        return self._rows[row]

    def row_of(self, name: str) -> int:
        """The row of the first source called ``name``; -1 when none is."""
        return next((r for r, source in enumerate(self._rows) if source.name == name), -1)

    # -- QAbstractTableModel -----------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(Column)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if orientation is Qt.Orientation.Horizontal and 0 <= section < len(Column):
            if role == _DISPLAY:
                return self._headers[Column(section)]
            if role == _ALIGN and section in _NUMBERS:
                return _RIGHT
        return None

    def data(self, index: AnyIndex, role: int = _DISPLAY) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        source = self._rows[index.row()]
        column = index.column()
        if role == _DISPLAY:
            return self._text(source, Column(column))
        if role == SOURCE_ROLE:
            return source
        if role == _ALIGN and column in _NUMBERS:
            return _RIGHT
        troubled = source.rejected > 0 or source.dropped > 0
        if role == _FOREGROUND and troubled:
            return _WARNING_TEXT
        if role == _BACKGROUND and troubled:
            return _WARNING_FILL
        if role == _TOOLTIP:
            return self._tooltip(source, Column(column), troubled)
        return None

    def _text(self, source: SourceInfo, column: Column) -> str:
        if column is Column.NAME:
            return source.name
        if column is Column.KIND:
            return _KINDS.get(source.kind, source.kind)
        if column is Column.PEER:
            return source.peer
        if column is Column.CAPABILITIES:
            return self._capability_text(source.capabilities)
        if column is Column.CONNECTED:
            return time.strftime("%H:%M:%S", time.localtime(source.connected_at))
        if column is Column.ACCEPTED:
            return f"{source.accepted:,}"
        if column is Column.REJECTED:
            return f"{source.rejected:,}"
        if column is Column.DROPPED:
            return f"{source.dropped:,}"
        return f"{source.events_per_second:,.1f}"

    def _capability_text(self, capabilities: frozenset[Capability]) -> str:
        names = [title for c, title in self._capabilities.items() if c in capabilities]
        return ", ".join(names) or self._events_only

    def _tooltip(self, source: SourceInfo, column: Column, troubled: bool) -> str:
        if troubled:
            return arg(
                self.tr(
                    "%1 events did not follow the event schema and %2 were over the rate "
                    "limit; the source was told which (docs/relay.md)."
                ),
                f"{source.rejected:,}",
                f"{source.dropped:,}",
            )
        if column is Column.CONNECTED:
            return time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(source.connected_at))
        if column is Column.CAPABILITIES:
            return self._capability_text(source.capabilities)
        return ""


class RelayPanel(QWidget):
    """Endpoints, access rule and sources of a running relay."""

    copied = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("relayPanel")
        self._shown: tuple[str, str, str | None] | None = None
        self.ws_edit = self._address_field("relayWsUrl")
        self.events_edit = self._address_field("relayEventsUrl")
        self.access_label = QLabel(self)
        self.access_label.setObjectName("relayAccess")
        self.access_label.setWordWrap(True)
        self.settings_button = QPushButton(self.tr("Settings…"), self)
        self.settings_button.setObjectName("relaySettingsButton")
        self.status_label = QLabel(self)
        self.status_label.setObjectName("relayStatus")
        self.status_label.setWordWrap(True)
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("WebSocket"), self._with_copy(self.ws_edit, "copyWsUrl"))
        form.addRow(self.tr("HTTP POST"), self._with_copy(self.events_edit, "copyEventsUrl"))
        form.addRow(self.tr("Access"), self.access_label)

        self.count_label = QLabel(self)
        self.count_label.setObjectName("relaySourceCount")
        self.model = RelaySourcesModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("relaySources")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        header.setHighlightSections(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(6)
        layout.addLayout(form)
        count_row = QHBoxLayout()
        count_row.addWidget(self.count_label, 1)
        count_row.addWidget(self.settings_button)
        layout.addWidget(self.status_label)
        layout.addLayout(count_row)
        layout.addWidget(self.table, 1)
        self.model.rowsInserted.connect(self._update_count)
        self.model.rowsRemoved.connect(self._update_count)
        self._update_count()

    def show_relay(self, connector: RelayConnector) -> None:
        """The endpoints and the access rule as they are now (the port is known once it
        listens; a start that failed is said instead)."""
        self._set_text(self.ws_edit, connector.ws_url)
        self._set_text(self.events_edit, connector.events_url)
        if connector.token_required:
            access = self.tr("Token required: every source must send the relay token.")
        else:
            access = self.tr("This computer only: sources need no token.")
        if connector.error is not None:
            status = self.tr("The relay is not listening; the status bar says why.")
        elif connector.host in _UNSPECIFIED_HOSTS:
            status = arg(
                self.tr("Other computers use this computer's network address in place of %1."),
                connector.host,
            )
        else:
            status = ""
        shown = (access, status, connector.error)
        if shown == self._shown:  # called every second: restyle only on a change
            return
        self._shown = shown
        self.access_label.setText(access)
        self.status_label.setText(status)
        self.status_label.setToolTip(connector.error or "")
        self.status_label.setStyleSheet(_WARNING_STYLE if connector.error else "")
        self.status_label.setVisible(bool(status))

    def _update_count(self) -> None:
        self.count_label.setText(arg(self.tr("Connected sources: %1"), self.model.rowCount()))

    def _address_field(self, name: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setObjectName(name)
        edit.setReadOnly(True)
        return edit

    def _with_copy(self, edit: QLineEdit, name: str) -> QHBoxLayout:
        button = QToolButton(self)
        button.setObjectName(name)
        button.setText(self.tr("Copy"))
        button.setToolTip(self.tr("Copy the address"))
        button.clicked.connect(lambda: self._copy(edit.text()))
        row = QHBoxLayout()
        row.addWidget(edit, 1)
        row.addWidget(button)
        return row

    def _copy(self, text: str) -> None:
        QApplication.clipboard().setText(text)
        self.copied.emit()

    @staticmethod
    def _set_text(edit: QLineEdit, text: str) -> None:
        if edit.text() != text:
            edit.setText(text)
            edit.setCursorPosition(0)


class RelayIntro(QWidget):
    """What the dock says when the session is not on the relay."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("relayIntro")
        self.text_label = QLabel(
            arg(
                self.tr(
                    "The relay lets your own programs feed comments, likes and viewer counts into "
                    "LiveDesk and carry out its moderation commands: start LiveDesk with %1 to "
                    "use it (docs/relay.md describes the protocol)."
                ),
                f"livedesk --connector relay --relay-port {DEFAULT_PORT}",
            ),
            self,
        )
        self.text_label.setObjectName("relayIntroText")
        self.text_label.setWordWrap(True)
        self.text_label.setTextFormat(Qt.TextFormat.PlainText)
        self.text_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.settings_button = QPushButton(self.tr("Settings…"), self)
        self.settings_button.setObjectName("relaySettingsButton")
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.settings_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.text_label)
        layout.addLayout(buttons)
        layout.addStretch(1)


class RelayController(QObject):
    """Keeps the relay dock up to date and opens the relay settings."""

    sources_changed = Signal()  # on the GUI thread, after the table took a new snapshot
    _relay_notified = Signal()  # emitted on the relay's thread; queued to the GUI thread

    def __init__(self, session: LiveSession, runner: ActionRunner, window: QWidget) -> None:
        super().__init__(window)
        self.session = session
        self.runner = runner
        self.window = window
        connector = session.connector
        self.connector = connector if isinstance(connector, RelayConnector) else None
        self.settings_dialog: RelaySettingsDialog | None = None
        self._notified = False
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_INTERVAL_MS)
        self._timer.timeout.connect(self.refresh)
        self.panel: RelayPanel | None = None
        self.widget: RelayPanel | RelayIntro
        if self.connector is None:
            self.widget = RelayIntro()
        else:
            self.panel = self.widget = RelayPanel()
            self.panel.copied.connect(lambda: self._report(self.tr("Copied to the clipboard")))
            self._relay_notified.connect(self._on_relay_notified)
            self.connector.on_sources_changed = self._from_relay_thread
            self._timer.start()
            self.refresh()
        self.widget.settings_button.clicked.connect(self.open_settings)
        self.dock = QDockWidget(self.tr("Relay"), window)
        self.dock.setObjectName("relayDock")
        self.dock.setWidget(self.widget)

    def refresh(self) -> None:
        if self.connector is None or self.panel is None:
            return
        self.panel.show_relay(self.connector)
        self.panel.model.set_sources(self.connector.sources())

    def shutdown(self) -> None:
        """Stop listening to the relay (the window is closing; the relay stops after it)."""
        self._timer.stop()
        if self.connector is not None:
            self.connector.on_sources_changed = None

    def open_settings(self) -> None:
        if self.settings_dialog is None:
            dialog = RelaySettingsDialog(self._running_address(), self._rotate, self.window)
            dialog.accepted.connect(
                lambda: self._report(
                    self.tr(
                        "Relay settings saved: they take effect the next time LiveDesk starts "
                        "with the relay."
                    )
                )
            )
            dialog.token_rotated.connect(self.refresh)
            self.settings_dialog = dialog
        else:
            self.settings_dialog.reset()
        self.settings_dialog.open()

    def _rotate(self) -> str:
        """A running relay that requires a token switches to the new one at once; otherwise
        the token is only stored, for the next start on the LAN (on worker threads)."""
        if self.connector is not None and self.connector.token_required:
            return self.connector.rotate_token()
        return rotate_token()

    def _running_address(self) -> RelayAddress:
        if self.connector is None:
            return RelayAddress(DEFAULT_HOST, DEFAULT_PORT)
        return RelayAddress(self.connector.host, self.connector.port or DEFAULT_PORT)

    def _from_relay_thread(self) -> None:
        # Called on the relay's thread: one queued signal, however many changes pile up.
        if not self._notified:
            self._notified = True
            self._relay_notified.emit()

    def _on_relay_notified(self) -> None:
        self._notified = False
        self.refresh()
        self.sources_changed.emit()

    def _report(self, text: str) -> None:
        self.runner.reported.emit(Level.INFO, text)


def install(window: MainWindow) -> RelayController:
    """Adds the relay dock ("relayDock"): below the dashboard for a relay session, as a tab
    behind it otherwise."""
    controller = RelayController(window.session, window.runner, window)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, controller.dock)
    if controller.connector is not None:
        window.splitDockWidget(window.dashboard_dock, controller.dock, Qt.Orientation.Vertical)
        window.resizeDocks(
            [window.dashboard_dock, controller.dock], [520, 260], Qt.Orientation.Vertical
        )
    else:
        window.tabifyDockWidget(window.dashboard_dock, controller.dock)
        window.dashboard_dock.raise_()
    window.closing.connect(controller.shutdown)
    return controller
