"""WeChatSettingsDialog: the mini program's AppID and room id, and its AppSecret.

The AppSecret goes to the OS keyring (console.secrets) and nowhere else: never pre-filled (the
field says whether one is stored), never in QSettings, logs or the database. Keyring calls can
block (a locked keyring asks for its password), so they run on a worker thread. Without a
secure store the dialog says so and saves nothing. AppID and room id go to QSettings.
"""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression, Qt
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from console.log import ui as log
from console.platforms import wechat_secret_name
from console.secrets import get_secret, set_secret
from ui.errors import describe_error
from ui.persist import ui_settings
from ui.placement import fit_when_shown
from ui.workers import run_in_worker

APPID_KEY = "wechat/appid"
ROOM_KEY = "wechat/room_id"


def saved_wechat_settings() -> tuple[str, int | None]:
    """The AppID and room id last saved in the settings dialog ("" / None when not set)."""
    settings = ui_settings()
    appid = str(settings.value(APPID_KEY, "") or "")
    room = str(settings.value(ROOM_KEY, "") or "")
    return appid, int(room) if room.isdigit() else None


class WeChatSettingsDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("wechatSettingsDialog")
        self.setWindowTitle(self.tr("WeChat live settings"))
        self.secret_stored: bool | None = None  # None until the keyring answered
        self._saving = False
        self._closed = False  # keyring answers may arrive after the dialog closed
        self.finished.connect(self._on_finished)
        appid, room = saved_wechat_settings()

        self.appid_edit = QLineEdit(appid, self)
        self.appid_edit.setObjectName("wechatAppId")
        self.appid_edit.setPlaceholderText("wx…")
        self.appid_edit.editingFinished.connect(self._check_stored)
        self.secret_edit = QLineEdit(self)
        self.secret_edit.setObjectName("wechatSecret")
        self.secret_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret_state = QLabel(self)
        self.secret_state.setObjectName("wechatSecretState")
        self.secret_state.setProperty("tone", "note")
        self.room_edit = QLineEdit("" if room is None else str(room), self)
        self.room_edit.setObjectName("wechatRoomId")
        self.room_edit.setValidator(
            QRegularExpressionValidator(QRegularExpression(r"[0-9]{1,12}"), self.room_edit)
        )
        form = QFormLayout()
        form.addRow(self.tr("AppID"), self.appid_edit)
        form.addRow(self.tr("AppSecret"), self.secret_edit)
        form.addRow("", self.secret_state)
        form.addRow(self.tr("Room ID"), self.room_edit)

        note = QLabel(
            self.tr(
                "The AppSecret is kept in the system's password store (keyring), never in "
                "LiveDesk's files or logs. Leave the field empty to keep the stored one. "
                "Changes apply the next time LiveDesk connects to WeChat."
            ),
            self,
        )
        note.setWordWrap(True)
        note.setProperty("tone", "note")
        self.error_label = QLabel(self)
        self.error_label.setObjectName("wechatSettingsError")
        self.error_label.setWordWrap(True)
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.setProperty("tone", "error")
        self.error_label.setVisible(False)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("wechatSettingsSave")
        self.buttons.accepted.connect(self.save)  # closes once the keyring has the secret
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.resize(480, self.sizeHint().height())
        fit_when_shown(self)
        self._show_secret_state()
        self._check_stored()

    # -- the stored secret ------------------------------------------------------------------------
    def _check_stored(self) -> None:
        appid = self.appid_edit.text().strip()
        if not appid:
            self.secret_stored = False
            self._show_secret_state()
            return
        name = wechat_secret_name(appid)
        # Only whether one exists comes back to the GUI thread, never the secret itself.
        run_in_worker(
            lambda: get_secret(name) is not None,
            lambda stored: self._on_stored(appid, stored),
            lambda _error: self._on_stored(appid, False),
            context=self,
        )

    def _on_finished(self, _code: int) -> None:
        self._closed = True

    def _on_stored(self, appid: str, stored: bool) -> None:
        if self._closed or appid != self.appid_edit.text().strip():
            return  # the AppID changed meanwhile; its own check is on the way
        self.secret_stored = stored
        self._show_secret_state()

    def _show_secret_state(self) -> None:
        if self.secret_stored:
            self.secret_state.setText(self.tr("Stored in the system keyring"))
            self.secret_edit.setPlaceholderText(self.tr("Stored — type to replace it"))
        else:
            self.secret_state.setText(self.tr("Not stored yet"))
            self.secret_edit.setPlaceholderText(self.tr("Paste the AppSecret"))

    # -- saving -----------------------------------------------------------------------------------
    def save(self) -> None:
        if self._saving:
            return
        appid = self.appid_edit.text().strip()
        secret = self.secret_edit.text().strip()
        if not appid:
            self._show_error(self.tr("Enter the AppID."))
            return
        if not secret:
            self._save_settings(appid)
            return
        self._saving = True
        self.save_button.setEnabled(False)
        name = wechat_secret_name(appid)
        run_in_worker(
            lambda: set_secret(name, secret),
            lambda _none: self._on_secret_saved(appid),
            self._on_secret_failed,
            context=self,
        )

    def _on_secret_saved(self, appid: str) -> None:
        if self._closed:
            return
        self._saving = False
        self.save_button.setEnabled(True)
        self.secret_edit.clear()
        self.secret_stored = True
        log.info("WeChat AppSecret stored in the keyring for AppID %s", appid)
        self._save_settings(appid)

    def _on_secret_failed(self, error: Exception) -> None:
        if self._closed:
            return
        self._saving = False
        self.save_button.setEnabled(True)
        self._show_error(describe_error(error))

    def _save_settings(self, appid: str) -> None:
        settings = ui_settings()
        settings.setValue(APPID_KEY, appid)
        settings.setValue(ROOM_KEY, self.room_edit.text().strip())
        settings.sync()
        self.error_label.setVisible(False)
        self.accept()

    def _show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(True)
