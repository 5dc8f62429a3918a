"""The operator's preferences, kept with QSettings (secrets never: those go to the keyring).

Read once at start-up (language, theme, default connector, operator name, database URL,
rebound shortcuts) and written by the settings dialog. Changes to language, connector and
database take effect at the next start; theme and shortcuts at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QSettings

from ui.controllers.commands import default_shortcut, shortcut_ids
from ui.persist import ui_settings

THEMES = ("system", "light", "dark")


@dataclass
class Preferences:
    language: str = "zh_CN"
    theme: str = "system"
    connector: str = "demo"
    operator: str = ""  # empty: the computer's login name
    db_url: str = ""  # empty: SQLite in the per-user data folder
    # Command id (ui.controllers.commands.shortcut_ids) -> key, only the rebound ones.
    shortcuts: dict[str, str] = field(default_factory=dict)

    def shortcut(self, command: str) -> str:
        return self.shortcuts.get(command, default_shortcut(command))


def load_preferences(settings: QSettings | None = None) -> Preferences:
    settings = settings or ui_settings()
    prefs = Preferences()
    for name in ("language", "theme", "connector", "operator", "db_url"):
        value = settings.value(f"general/{name}")
        if isinstance(value, str):
            setattr(prefs, name, value)
    if prefs.theme not in THEMES:
        prefs.theme = "system"
    known = {command.value for command in shortcut_ids()}
    settings.beginGroup("shortcuts")
    for key in settings.childKeys():
        value = settings.value(key)
        if key in known and isinstance(value, str):
            prefs.shortcuts[key] = value
    settings.endGroup()
    return prefs


def save_preferences(prefs: Preferences, settings: QSettings | None = None) -> None:
    settings = settings or ui_settings()
    for name in ("language", "theme", "connector", "operator", "db_url"):
        settings.setValue(f"general/{name}", getattr(prefs, name))
    settings.remove("shortcuts")
    for command, key in prefs.shortcuts.items():
        if key != default_shortcut(command):
            settings.setValue(f"shortcuts/{command}", key)
    settings.sync()
