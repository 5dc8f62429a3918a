"""Settings: a round trip through the dialog and QSettings, shortcuts rebound at once, theme,
and no secret in the config files."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QKeySequence, QPalette
from PySide6.QtWidgets import QApplication, QMessageBox

from console.commands import COMMANDS, CommandId
from helpers.connectors import ScriptedConnector
from ui.controllers.commands import default_shortcut, keyable, shortcut_ids
from ui.dialogs.settings import SettingsDialog
from ui.main_window import MainWindow
from ui.preferences import Preferences, load_preferences, save_preferences
from ui.theme import apply_theme


@pytest.fixture(autouse=True)
def warnings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Warning boxes are recorded instead of waiting for a click."""
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: shown.append(text))
    return shown


def test_default_shortcuts_do_not_clash() -> None:
    keys = [default_shortcut(c.value) for c in shortcut_ids() if default_shortcut(c.value)]
    assert len(keys) == len(set(keys))
    assert all(keyable(COMMANDS[c]) for c in CommandId if COMMANDS[c].shortcut)


def test_preferences_round_trip(livedesk_home: Path) -> None:
    prefs = Preferences(
        language="en",
        theme="dark",
        connector="relay",
        operator="场控小王",
        role="assistant",
        db_url="postgresql://desk@server/livedesk",
        shortcuts={CommandId.COMMENT_DELETE: "Ctrl+Shift+X"},
    )
    save_preferences(prefs)
    assert load_preferences() == prefs
    assert (
        load_preferences().shortcut(CommandId.USER_UNMUTE)
        == COMMANDS[CommandId.USER_UNMUTE].shortcut
    )


def test_the_dialog_saves_and_applies(make_window, qtbot, warnings: list[str]) -> None:
    window: MainWindow = make_window(ScriptedConnector(), start=False)
    dialog: SettingsDialog = window.open_settings()
    qtbot.addWidget(dialog)
    dialog.theme_box.setCurrentIndex(dialog.theme_box.findData("dark"))
    dialog.language_box.setCurrentIndex(dialog.language_box.findData("en"))
    dialog.operator_edit.setText("助理小李")
    assert dialog.role_box.currentText() == "场控"
    dialog.role_box.setCurrentIndex(dialog.role_box.findText("助理"))
    dialog.shortcut_edits[CommandId.COMMENT_DELETE].setKeySequence(QKeySequence("Ctrl+Shift+X"))
    dialog.accept()
    assert warnings == []
    assert window.actions[CommandId.COMMENT_DELETE].shortcut().toString() == "Ctrl+Shift+X"
    saved = load_preferences()
    assert (saved.theme, saved.language, saved.operator, saved.role) == (
        "dark",
        "en",
        "助理小李",
        "assistant",
    )
    assert QApplication.instance().palette().color(QPalette.ColorRole.Window).lightness() < 100
    assert "下次启动" in window.status.message_label.text()
    apply_theme(QApplication.instance(), "light")


def test_conflicting_shortcuts_are_refused(make_window, qtbot, warnings: list[str]) -> None:
    window: MainWindow = make_window(ScriptedConnector(), start=False)
    dialog: SettingsDialog = window.open_settings()
    qtbot.addWidget(dialog)
    dialog.shortcut_edits[CommandId.USER_UNMUTE].setKeySequence(QKeySequence("Del"))
    dialog.accept()
    assert dialog.isVisible() and warnings and "Del" in warnings[0]
    dialog.restore_default_shortcuts()
    dialog.db_edit.setText("not a url")
    dialog.accept()
    assert dialog.isVisible() and "not a url" in warnings[-1]


def test_every_command_is_listed_with_its_shortcut(make_window) -> None:
    window: MainWindow = make_window(ScriptedConnector(), start=False)
    dialog = window.open_settings()
    assert list(dialog.shortcut_edits) == [c.value for c in shortcut_ids()]
    assert dialog.shortcut_table.rowCount() == len(shortcut_ids())
    for command, edit in dialog.shortcut_edits.items():
        assert edit.keySequence().toString() == QKeySequence(default_shortcut(command)).toString()
    dialog.close()
