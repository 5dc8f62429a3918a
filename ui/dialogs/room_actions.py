"""Dialogs of the Room panel: add an assistant, and send the live reminder to subscribers."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.errors import describe_error
from ui.placement import fit_when_shown
from ui.text import arg
from ui.workers import run_in_worker

_SEPARATORS = re.compile(r"[\s,;，；]+")
MAX_OPENID_FILE_BYTES = 5_000_000


def parse_openids(text: str) -> list[str]:
    """Openids separated by lines, spaces, commas or semicolons; each once, in order."""
    return list(dict.fromkeys(part for part in _SEPARATORS.split(text) if part))


def read_openid_file(path: Path) -> list[str]:
    """The openids in a text or CSV file (blocking: run on a worker)."""
    with path.open("rb") as handle:
        data = handle.read(MAX_OPENID_FILE_BYTES + 1)
    if len(data) > MAX_OPENID_FILE_BYTES:
        raise ValueError(f"{path.name} is larger than {MAX_OPENID_FILE_BYTES // 1_000_000} MB")
    return parse_openids(data.decode("utf-8-sig", errors="replace"))


def reminder_rule() -> str:
    return QCoreApplication.translate(
        "RoomPanel",
        "WeChat sends a live reminder once a day, for one room only (across all rooms of the "
        "mini program), and only while that room is live.",
    )


class AssistantDialog(QDialog):
    """A WeChat ID and the nickname the assistant gets in the room."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("assistantDialog")
        self.setWindowTitle(self.tr("Add assistant"))
        self.username_edit = QLineEdit(self)
        self.username_edit.setObjectName("assistantUsername")
        self.username_edit.setPlaceholderText(self.tr("The assistant's WeChat ID"))
        self.nickname_edit = QLineEdit(self)
        self.nickname_edit.setObjectName("assistantNickname")
        self.nickname_edit.setPlaceholderText(self.tr("Shown to viewers in the room"))
        form = QFormLayout()
        form.addRow(self.tr("WeChat ID"), self.username_edit)
        form.addRow(self.tr("Nickname"), self.nickname_edit)
        hint = QLabel(
            self.tr(
                "An assistant can manage comments and goods from the phone during the show. "
                "The WeChat ID must have the assistant role of the mini program."
            ),
            self,
        )
        hint.setWordWrap(True)
        hint.setProperty("tone", "note")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setObjectName("assistantOk")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.buttons)
        self.username_edit.textChanged.connect(self._update_ok)
        self.nickname_edit.textChanged.connect(self._update_ok)
        self._update_ok()
        self.resize(420, self.sizeHint().height())
        fit_when_shown(self)

    def values(self) -> tuple[str, str]:
        return self.username_edit.text().strip(), self.nickname_edit.text().strip()

    def _update_ok(self) -> None:
        username, nickname = self.values()
        self.ok_button.setEnabled(bool(username and nickname))


class ReminderDialog(QDialog):
    """The subscribers' openids (pasted, or read from a file) and the rule of the reminder."""

    def __init__(self, room_title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reminderDialog")
        self.setWindowTitle(self.tr("Live reminder to subscribers"))
        room = QLabel(room_title, self)
        room.setTextFormat(Qt.TextFormat.PlainText)
        room.setProperty("emphasis", "bold")
        self.rule = QLabel(reminder_rule(), self)
        self.rule.setObjectName("reminderRule")
        self.rule.setWordWrap(True)
        self.rule.setProperty("callout", "notice")
        explain = QLabel(
            self.tr(
                "Paste the openids of the viewers who subscribed to the room's reminders, one "
                "per line (or separated by commas), or load them from a text/CSV file."
            ),
            self,
        )
        explain.setWordWrap(True)
        self.openids_edit = QPlainTextEdit(self)
        self.openids_edit.setObjectName("reminderOpenids")
        self.openids_edit.textChanged.connect(self._update_count)
        self.load_button = QPushButton(self.tr("Load from file…"), self)
        self.load_button.setObjectName("reminderLoadFile")
        self.load_button.clicked.connect(self._choose_file)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("reminderCount")
        self.error_label = QLabel(self)
        self.error_label.setObjectName("reminderFileError")
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.setWordWrap(True)
        self.error_label.setProperty("tone", "error")
        self.error_label.setVisible(False)
        row = QHBoxLayout()
        row.addWidget(self.load_button)
        row.addWidget(self.count_label, 1)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.send_button = QPushButton(self.tr("Send reminder"), self)
        self.send_button.setObjectName("reminderSend")
        self.buttons.addButton(self.send_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(room)
        layout.addWidget(self.rule)
        layout.addWidget(explain)
        layout.addWidget(self.openids_edit, 1)
        layout.addLayout(row)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.resize(480, 460)
        fit_when_shown(self)
        self._update_count()

    def openids(self) -> list[str]:
        return parse_openids(self.openids_edit.toPlainText())

    def load_file(self, path: Path) -> None:
        """Add the openids of a file (read on a worker thread)."""
        self.load_button.setEnabled(False)
        run_in_worker(
            lambda: read_openid_file(path), self._on_file_read, self._on_file_failed, context=self
        )

    def _choose_file(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Subscribers' openids"), "", self.tr("Text or CSV (*.txt *.csv);;All (*)")
        )
        if name:
            self.load_file(Path(name))

    def _on_file_read(self, openids: list[str]) -> None:
        self.load_button.setEnabled(True)
        self.error_label.setVisible(False)
        current = self.openids_edit.toPlainText().strip()
        self.openids_edit.setPlainText("\n".join(filter(None, [current, *openids])))

    def _on_file_failed(self, error: Exception) -> None:
        self.load_button.setEnabled(True)
        self.error_label.setText(
            arg(self.tr("The file could not be read: %1"), describe_error(error))
        )
        self.error_label.setVisible(True)

    def _update_count(self) -> None:
        count = len(self.openids())
        self.count_label.setText(self.tr("%n subscriber(s)", "", count))
        self.send_button.setEnabled(count > 0)
