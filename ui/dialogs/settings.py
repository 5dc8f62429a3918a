"""SettingsDialog: language, theme, default connector, operator name and role, database,
shortcuts, and the way to each connection's own settings (OBS, WeChat, relay)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QKeySequenceEdit,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from console.platforms import CONNECTOR_NAMES
from console.roles import ROLE_TITLES
from ui.controllers.commands import command_title, default_shortcut, shortcut_ids
from ui.names import connector_title
from ui.placement import fit_when_shown
from ui.preferences import THEMES, Preferences
from ui.text import arg


class SettingsDialog(QDialog):
    open_obs_settings = Signal()
    open_wechat_settings = Signal()
    open_relay_settings = Signal()

    def __init__(self, prefs: Preferences, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Settings"))
        self.prefs = prefs
        tabs = QTabWidget(self)
        tabs.addTab(self._general_page(), self.tr("General"))
        tabs.addTab(self._shortcuts_page(), self.tr("Shortcuts"))
        tabs.addTab(self._connections_page(), self.tr("Connections"))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(tabs)
        layout.addWidget(buttons)
        self.resize(640, 560)
        fit_when_shown(self)

    # -- pages ------------------------------------------------------------------------------
    def _general_page(self) -> QWidget:
        page = QWidget(self)
        form = QFormLayout(page)
        self.language_box = self._combo(
            "languageBox", [("zh_CN", "中文（简体）"), ("en", "English")], self.prefs.language
        )
        self.theme_box = self._combo(
            "themeBox",
            list(
                zip(
                    THEMES,
                    (self.tr("Follow the system"), self.tr("Light"), self.tr("Dark")),
                    strict=True,
                )
            ),
            self.prefs.theme,
        )
        self.connector_box = self._combo(
            "connectorBox",
            [(name, connector_title(name)) for name in CONNECTOR_NAMES],
            self.prefs.connector,
        )
        self.operator_edit = QLineEdit(self.prefs.operator, page)
        self.operator_edit.setObjectName("operatorEdit")
        self.operator_edit.setPlaceholderText(self.tr("the computer's login name"))
        self.role_box = self._combo(
            "roleBox",
            [
                (role.value, QCoreApplication.translate("roles", title))
                for role, title in ROLE_TITLES.items()
            ],
            self.prefs.role,
        )
        self.db_edit = QLineEdit(self.prefs.db_url, page)
        self.db_edit.setObjectName("dbEdit")
        self.db_edit.setPlaceholderText(self.tr("empty: SQLite in your data folder"))
        form.addRow(self.tr("Language"), self.language_box)
        form.addRow(self.tr("Theme"), self.theme_box)
        form.addRow(self.tr("Live room at start"), self.connector_box)
        form.addRow(self.tr("Operator name (audit log)"), self.operator_edit)
        form.addRow(self.tr("Role at this desk"), self.role_box)
        form.addRow(self.tr("Database URL"), self.db_edit)
        note = QLabel(
            self.tr(
                "Language, live room and database take effect the next time LiveDesk starts; "
                "theme and shortcuts at once. A shared database (PostgreSQL) lets several desks "
                "work on one show, e.g. postgresql://user@server/livedesk."
            ),
            page,
        )
        note.setWordWrap(True)
        form.addRow(note)
        return page

    def _shortcuts_page(self) -> QWidget:
        page = QWidget(self)
        commands = shortcut_ids()
        self.shortcut_table = QTableWidget(len(commands), 2, page)
        self.shortcut_table.setObjectName("shortcutTable")
        self.shortcut_table.setHorizontalHeaderLabels([self.tr("Action"), self.tr("Shortcut")])
        self.shortcut_table.verticalHeader().setVisible(False)
        self.shortcut_table.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.Stretch
        )
        self.shortcut_edits: dict[str, QKeySequenceEdit] = {}
        self._titles: dict[str, str] = {}
        for row, command in enumerate(commands):
            self._titles[command.value] = command_title(command)
            title = QTableWidgetItem(self._titles[command.value])
            title.setFlags(title.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.shortcut_table.setItem(row, 0, title)
            key = QKeySequence(self.prefs.shortcut(command.value))
            edit = QKeySequenceEdit(key, self.shortcut_table)
            edit.setObjectName(f"shortcut:{command.value}")
            self.shortcut_table.setCellWidget(row, 1, edit)
            self.shortcut_edits[command.value] = edit
        defaults = QPushButton(self.tr("Restore the default shortcuts"), page)
        defaults.setObjectName("restoreShortcuts")
        defaults.clicked.connect(self.restore_default_shortcuts)
        layout = QVBoxLayout(page)
        layout.addWidget(self.shortcut_table)
        layout.addWidget(defaults)
        return page

    def _connections_page(self) -> QWidget:
        page = QWidget(self)
        self.connection_buttons: dict[str, QPushButton] = {}
        layout = QVBoxLayout(page)
        for text, name, signal in (
            (self.tr("OBS connection…"), "obsSettingsButton", self.open_obs_settings),
            (
                self.tr("WeChat mini program (AppID, AppSecret, room)…"),
                "wechatSettingsButton",
                self.open_wechat_settings,
            ),
            (
                self.tr("Relay (address, port, token)…"),
                "relaySettingsButton",
                self.open_relay_settings,
            ),
        ):
            button = QPushButton(text, page)
            button.setObjectName(name)
            button.clicked.connect(signal.emit)
            layout.addWidget(button)
            self.connection_buttons[name] = button
        secrets = QLabel(
            self.tr("Passwords and secrets are kept in the system keyring, never in a file."), page
        )
        secrets.setWordWrap(True)
        layout.addWidget(secrets)
        layout.addStretch(1)
        return page

    def _combo(self, name: str, items: list[tuple[str, str]], current: str) -> QComboBox:
        box = QComboBox(self)
        box.setObjectName(name)
        for value, text in items:
            box.addItem(text, value)
        index = box.findData(current)
        box.setCurrentIndex(max(index, 0))
        return box

    # -- result -------------------------------------------------------------------------------
    def restore_default_shortcuts(self) -> None:
        for command, edit in self.shortcut_edits.items():
            edit.setKeySequence(QKeySequence(default_shortcut(command)))

    def chosen(self) -> Preferences:
        shortcuts = {
            command: edit.keySequence().toString(QKeySequence.SequenceFormat.PortableText)
            for command, edit in self.shortcut_edits.items()
        }
        return Preferences(
            language=self.language_box.currentData(),
            theme=self.theme_box.currentData(),
            connector=self.connector_box.currentData(),
            operator=self.operator_edit.text().strip(),
            role=self.role_box.currentData(),
            db_url=self.db_edit.text().strip(),
            shortcuts={c: k for c, k in shortcuts.items() if k != default_shortcut(c)},
        )

    def problems(self, prefs: Preferences) -> list[str]:
        found = []
        if prefs.db_url:
            try:
                make_url(prefs.db_url)
            except ArgumentError:
                found.append(arg(self.tr("The database URL is not valid: %1"), prefs.db_url))
        owners: dict[str, str] = {}
        for command, title in self._titles.items():
            key = prefs.shortcut(command)
            if key and key in owners:
                found.append(
                    arg(self.tr("%1 is used by both “%2” and “%3”."), key, owners[key], title)
                )
            owners.setdefault(key, title)
        return found

    def accept(self) -> None:
        problems = self.problems(self.chosen())
        if problems:
            QMessageBox.warning(self, self.tr("Settings"), "\n".join(problems))
            return
        super().accept()
