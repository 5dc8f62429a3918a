"""The Relay dock's widgets: where sources connect, whether they need a token, and who is
connected (RelayPanel); for any other connector, what the relay is (RelayIntro)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
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

from console.platforms.relay import DEFAULT_PORT, RelayConnector
from ui.models.relay_sources import RelaySourcesModel
from ui.text import arg
from ui.theme import restyle

_UNSPECIFIED_HOSTS = ("0.0.0.0", "::")


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
        restyle(self.status_label, tone="warning" if connector.error else "")
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
