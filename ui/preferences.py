"""The operator's preferences, kept with QSettings (secrets never: those go to the keyring).

Read once at start-up (language, theme, default connector, operator name, database URL,
rebound shortcuts) and written by the settings dialog. Changes to language, connector and
database take effect at the next start; theme and shortcuts at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QSettings

from console.commands import COMMANDS, CommandId
from ui.persist import ui_settings

THEMES = ("system", "light", "dark")


@dataclass
class Preferences:
    language: str = "zh_CN"
    theme: str = "system"
    connector: str = "demo"
    operator: str = ""  # empty: the computer's login name
    db_url: str = ""  # empty: SQLite in the per-user data folder
    shortcuts: dict[CommandId, str] = field(default_factory=dict)  # only the rebound ones

    def shortcut(self, command: CommandId) -> str:
        return self.shortcuts.get(command, COMMANDS[command].shortcut)


def load_preferences(settings: QSettings | None = None) -> Preferences:
    settings = settings or ui_settings()
    prefs = Preferences()
    for name in ("language", "theme", "connector", "operator", "db_url"):
        value = settings.value(f"general/{name}")
        if isinstance(value, str):
            setattr(prefs, name, value)
    if prefs.theme not in THEMES:
        prefs.theme = "system"
    settings.beginGroup("shortcuts")
    for key in settings.childKeys():
        value = settings.value(key)
        if key in CommandId._value2member_map_ and isinstance(value, str):
            prefs.shortcuts[CommandId(key)] = value
    settings.endGroup()
    return prefs


def save_preferences(prefs: Preferences, settings: QSettings | None = None) -> None:
    settings = settings or ui_settings()
    for name in ("language", "theme", "connector", "operator", "db_url"):
        settings.setValue(f"general/{name}", getattr(prefs, name))
    settings.remove("shortcuts")
    for command, key in prefs.shortcuts.items():
        if key != COMMANDS[command].shortcut:
            settings.setValue(f"shortcuts/{command.value}", key)
    settings.sync()
