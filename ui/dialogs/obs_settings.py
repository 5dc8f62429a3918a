"""ObsSettingsDialog: where OBS's WebSocket server is (host, port) and its password.

The password goes to the OS keyring (console.secrets); where there is none, the dialog says
so and the password is used for this run only. It never lands in a plain file.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ui.placement import fit_when_shown


@dataclass(frozen=True, slots=True)
class ObsConnectionSettings:
    host: str
    port: int
    password: str | None  # None: OBS asks for no password


class ObsSettingsDialog(QDialog):
    def __init__(
        self,
        settings: ObsConnectionSettings,
        *,
        secure_store: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("obsSettingsDialog")
        self.setWindowTitle(self.tr("OBS connection"))

        self.host_edit = QLineEdit(settings.host, self)
        self.host_edit.setObjectName("obsHost")
        self.port_spin = QSpinBox(self)
        self.port_spin.setObjectName("obsPort")
        self.port_spin.setRange(1, 65535)
        self.port_spin.setValue(settings.port)
        self.port_spin.setGroupSeparatorShown(False)
        self.password_edit = QLineEdit(settings.password or "", self)
        self.password_edit.setObjectName("obsPassword")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setPlaceholderText(self.tr("empty if OBS asks for none"))

        form = QFormLayout()
        form.addRow(self.tr("Host"), self.host_edit)
        form.addRow(self.tr("Port"), self.port_spin)
        form.addRow(self.tr("Password"), self.password_edit)

        hint = QLabel(
            self.tr(
                "In OBS: Tools → WebSocket Server Settings. Enable the server there; "
                "“Show Connect Info” shows the port and password."
            ),
            self,
        )
        hint.setObjectName("obsSettingsHint")
        hint.setWordWrap(True)
        self.store_note = QLabel(self)
        self.store_note.setObjectName("obsKeyringNote")
        self.store_note.setProperty("secure", secure_store)
        self.store_note.setWordWrap(True)
        self.store_note.setProperty("tone", "hint" if secure_store else "warning")
        if secure_store:
            self.store_note.setText(self.tr("The password is kept in the system keyring."))
        else:
            self.store_note.setText(
                self.tr(
                    "This computer has no secure password store: the password is used for "
                    "this run only and asked again next time."
                )
            )

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.host_edit.textChanged.connect(
            lambda text: buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(
                bool(text.strip())
            )
        )

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.store_note)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)
        fit_when_shown(self)

    def settings(self) -> ObsConnectionSettings:
        return ObsConnectionSettings(
            host=self.host_edit.text().strip(),
            port=self.port_spin.value(),
            password=self.password_edit.text() or None,
        )
