"""RelaySettingsDialog: where the relay listens, and its access token.

The relay listens on 127.0.0.1 unless the operator opens it to the LAN here, which needs a
token: the button makes one (console.platforms.relay.access), the dialog shows it this once, and
from then on it lives only in the OS keyring. Reopened, the dialog only says that a token is
set. Address and port are saved in the UI settings and used the next time LiveDesk starts the
relay (``with_saved_relay_address``); a running relay keeps the socket it has.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from ipaddress import ip_address

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from console.log import ui as log
from console.platforms import ConnectorOptions
from console.platforms.relay import DEFAULT_HOST, is_loopback, load_token
from console.secrets import SecretStoreUnavailable, secure_store_available
from ui.errors import describe_error
from ui.persist import ui_settings
from ui.placement import fit_when_shown
from ui.theme import restyle
from ui.workers import run_in_worker

HOST_KEY = "relay/host"
PORT_KEY = "relay/port"
ALL_INTERFACES = "0.0.0.0"


@dataclass(frozen=True, slots=True)
class RelayAddress:
    host: str
    port: int


def valid_host(host: str) -> bool:
    """An address the relay can bind: an IPv4/IPv6 literal, or localhost."""
    if host.lower() == "localhost":
        return True
    try:
        ip_address(host)
    except ValueError:
        return False
    return True


def saved_relay_address() -> RelayAddress | None:
    """The address saved in this dialog, or None when none was saved (or it is unusable)."""
    settings = ui_settings()
    host = settings.value(HOST_KEY)
    try:
        port = int(settings.value(PORT_KEY))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    if not isinstance(host, str) or not valid_host(host) or not 1 <= port <= 65535:
        return None
    return RelayAddress(host, port)


def save_relay_address(address: RelayAddress) -> None:
    settings = ui_settings()
    settings.setValue(HOST_KEY, address.host)
    settings.setValue(PORT_KEY, address.port)
    settings.sync()


def with_saved_relay_address(options: ConnectorOptions) -> ConnectorOptions:
    """The relay's host and port from the settings where the command line gave none."""
    saved = saved_relay_address()
    if saved is None:
        return options
    return dataclasses.replace(
        options,
        relay_host=options.relay_host or saved.host,
        relay_port=options.relay_port if options.relay_port is not None else saved.port,
    )


class TokenState(Enum):
    CHECKING = "checking"
    UNAVAILABLE = "unavailable"  # no secure keyring: the relay stays on this computer
    NONE = "none"
    SET = "set"


def stored_token_state() -> TokenState:
    """Asks the keyring (blocking: run it on a worker thread)."""
    if not secure_store_available():
        return TokenState.UNAVAILABLE
    return TokenState.SET if load_token() else TokenState.NONE


class RelaySettingsDialog(QDialog):
    """``rotate()`` makes, stores and returns a new token; it runs on a worker thread."""

    token_rotated = Signal()

    def __init__(
        self, fallback: RelayAddress, rotate: Callable[[], str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("relaySettingsDialog")
        self.setWindowTitle(self.tr("Relay settings"))
        self._fallback = fallback
        self._rotate = rotate
        self._state = TokenState.CHECKING
        self._generation = 0  # answers of the keyring from before the last reset are stale

        self.loopback_radio = self._radio("listenLoopback", self.tr("This computer only"))
        self.all_radio = self._radio("listenAll", self.tr("All network interfaces (LAN)"))
        self.address_radio = self._radio("listenAddress", self.tr("This address:"))
        self.address_edit = QLineEdit(self)
        self.address_edit.setObjectName("addressEdit")
        self.address_edit.setPlaceholderText("192.168.1.20")
        self._choices = QButtonGroup(self)
        for radio in (self.loopback_radio, self.all_radio, self.address_radio):
            self._choices.addButton(radio)
            radio.toggled.connect(self._update)
        self.address_edit.textChanged.connect(self._update)
        self.port_spin = QSpinBox(self)
        self.port_spin.setObjectName("portSpin")
        self.port_spin.setRange(1, 65535)
        self.port_spin.setGroupSeparatorShown(False)

        address_row = QHBoxLayout()
        address_row.addWidget(self.address_radio)
        address_row.addWidget(self.address_edit, 1)
        listen = QVBoxLayout()
        listen.addWidget(self.loopback_radio)
        listen.addWidget(self.all_radio)
        listen.addLayout(address_row)
        port_row = QHBoxLayout()
        port_row.addWidget(self.port_spin)
        port_row.addStretch(1)
        form = QFormLayout()
        form.addRow(self.tr("Listen on"), listen)
        form.addRow(self.tr("Port"), port_row)
        self.lan_hint = self._note(
            "lanHint",
            self.tr("Create a token first: other computers must send it with every request."),
        )
        self.lan_hint.setProperty("tone", "warning")
        next_start = self._note(
            "nextStartNote",
            self.tr(
                "These settings take effect the next time LiveDesk starts with the relay. "
                "Open the relay to the LAN only on a network you trust."
            ),
        )
        listening = QGroupBox(self.tr("Listening"), self)
        listening_layout = QVBoxLayout(listening)
        listening_layout.addLayout(form)
        listening_layout.addWidget(self.lan_hint)
        listening_layout.addWidget(next_start)

        self.token_status = self._note("tokenStatus", "")
        self.rotate_button = QPushButton(self)
        self.rotate_button.setObjectName("rotateTokenButton")
        self.rotate_button.setToolTip(
            self.tr("Makes a new token; sources that connect from now on must send the new one.")
        )
        self.rotate_button.clicked.connect(self._on_rotate)
        self.token_field = QLineEdit(self)
        self.token_field.setObjectName("tokenField")
        self.token_field.setReadOnly(True)
        self.token_field.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.copy_button = QPushButton(self.tr("Copy"), self)
        self.copy_button.setObjectName("copyTokenButton")
        self.copy_button.clicked.connect(
            lambda: QApplication.clipboard().setText(self.token_field.text())
        )
        self.new_token_box = QWidget(self)
        self.new_token_box.setObjectName("newTokenBox")
        token_row = QHBoxLayout()
        token_row.setContentsMargins(0, 0, 0, 0)
        token_row.addWidget(self.token_field, 1)
        token_row.addWidget(self.copy_button)
        new_token_layout = QVBoxLayout(self.new_token_box)
        new_token_layout.setContentsMargins(0, 0, 0, 0)
        new_token_layout.addLayout(token_row)
        new_token_layout.addWidget(
            self._note(
                "tokenOnceNote",
                self.tr(
                    "Copy the token now: it is shown only this once. Sources send it in the "
                    "header Authorization: Bearer <token> (see docs/relay.md)."
                ),
            )
        )
        rotate_row = QHBoxLayout()
        rotate_row.addStretch(1)
        rotate_row.addWidget(self.rotate_button)
        access = QGroupBox(self.tr("Access token"), self)
        access_layout = QVBoxLayout(access)
        access_layout.addWidget(self.token_status)
        access_layout.addWidget(self.new_token_box)
        access_layout.addLayout(rotate_row)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(listening)
        layout.addWidget(access)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.finished.connect(lambda _code: self._forget_token())
        self.setMinimumWidth(520)
        fit_when_shown(self)
        self.reset()

    # -- opening ---------------------------------------------------------------------------
    def reset(self) -> None:
        """Show the saved settings and ask the keyring whether a token is set."""
        self._forget_token()
        address = saved_relay_address() or self._fallback
        if is_loopback(address.host):
            self.loopback_radio.setChecked(True)
        elif address.host == ALL_INTERFACES:
            self.all_radio.setChecked(True)
        else:
            self.address_radio.setChecked(True)
            self.address_edit.setText(address.host)
        self.port_spin.setValue(address.port)
        self._set_state(TokenState.CHECKING)
        generation = self._generation
        run_in_worker(
            stored_token_state,
            lambda state: self._checked(generation, state),
            lambda error: self._failed(generation, error),
            context=self,
        )

    def address(self) -> RelayAddress:
        if self.loopback_radio.isChecked():
            host = DEFAULT_HOST
        elif self.all_radio.isChecked():
            host = ALL_INTERFACES
        else:
            host = self.address_edit.text().strip()
        return RelayAddress(host, self.port_spin.value())

    def accept(self) -> None:
        save_relay_address(self.address())
        super().accept()

    # -- the token -------------------------------------------------------------------------
    def _on_rotate(self) -> None:
        self.rotate_button.setEnabled(False)
        generation = self._generation
        run_in_worker(
            self._rotate,
            lambda token: self._rotated(generation, token),
            lambda error: self._failed(generation, error),
            context=self,
        )

    def _rotated(self, generation: int, token: str) -> None:
        if generation != self._generation:
            return  # the dialog was closed meanwhile; the token is in the keyring, unseen
        log.info("relay token created in the settings dialog")
        self.token_field.setText(token)
        self.new_token_box.setVisible(True)
        self._set_state(TokenState.SET)
        self.token_rotated.emit()

    def _checked(self, generation: int, state: TokenState) -> None:
        if generation == self._generation:
            self._set_state(state)

    def _failed(self, generation: int, error: Exception) -> None:
        if generation != self._generation:
            return
        if not isinstance(error, SecretStoreUnavailable):
            log.error("relay token: %s", error)
        self._set_state(TokenState.UNAVAILABLE, describe_error(error))

    def _forget_token(self) -> None:
        self._generation += 1
        self.token_field.clear()
        self.new_token_box.setVisible(False)

    def _set_state(self, state: TokenState, detail: str = "") -> None:
        self._state = state
        texts = {
            TokenState.CHECKING: self.tr("Checking the password store…"),
            TokenState.UNAVAILABLE: self.tr(
                "There is no secure password store on this computer, so the relay cannot have "
                "a token and listens on this computer only."
            ),
            TokenState.NONE: self.tr("No token yet."),
            TokenState.SET: self.tr(
                "A token is set. It is kept in the system password store and not shown again."
            ),
        }
        self.token_status.setText(detail or texts[state])
        warn = state is TokenState.UNAVAILABLE
        restyle(self.token_status, tone="warning" if warn else "")
        self.rotate_button.setText(
            self.tr("Rotate token") if state is TokenState.SET else self.tr("Create token")
        )
        self.rotate_button.setEnabled(state in (TokenState.NONE, TokenState.SET))
        if warn:
            self.loopback_radio.setChecked(True)
        self._update()
        self._fit()

    def _update(self) -> None:
        usable = self._state is not TokenState.UNAVAILABLE
        self.all_radio.setEnabled(usable)
        self.address_radio.setEnabled(usable)
        self.address_edit.setEnabled(usable and self.address_radio.isChecked())
        host = self.address().host
        lan = not self.loopback_radio.isChecked()
        needs_token = lan and self._state is not TokenState.SET
        self.lan_hint.setVisible(needs_token and usable)
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setEnabled(not needs_token and valid_host(host))

    # -- building --------------------------------------------------------------------------
    def _fit(self) -> None:
        """Grow or shrink to the content as the token box comes and goes."""
        self.layout().activate()
        self.adjustSize()

    def _radio(self, name: str, text: str) -> QRadioButton:
        radio = QRadioButton(text, self)
        radio.setObjectName(name)
        return radio

    def _note(self, name: str, text: str) -> QLabel:
        label = QLabel(text, self)
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        return label
