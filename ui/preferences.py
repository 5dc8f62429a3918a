"""The operator's preferences, kept with QSettings (secrets never: those go to the keyring).

Read once at start-up (language, theme, default connector, operator name, database URL,
rebound shortcuts) and written by the settings dialog or ``livedesk settings set``. Changes to
language, connector and database take effect at the next start; theme and shortcuts at once.

They live in the group ``preferences``. Releases before wrote them to a group named
"general", which QSettings' INI format keeps as its reserved ``[%General]`` section, where
reading them back found nothing: they are read from there once when no newer value exists.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QSettings

from console.roles import Role
from ui.controllers.commands import default_shortcut, shortcut_ids
from ui.persist import ui_settings

THEMES = ("system", "light", "dark")
FIELDS = ("language", "theme", "connector", "operator", "role", "db_url")
ROLES = tuple(role.value for role in Role)
GROUP = "preferences"
_EARLIER_GROUP = "General"  # where "general/…" ended up (see the module's docstring)


@dataclass
class Preferences:
    language: str = "zh_CN"
    theme: str = "system"
    connector: str = "demo"
    operator: str = ""  # empty: the computer's login name
    role: str = Role.CONTROLLER.value  # console.roles.Role
    db_url: str = ""  # empty: SQLite in the per-user data folder
    # Command id (ui.controllers.commands.shortcut_ids) -> key, only the rebound ones.
    shortcuts: dict[str, str] = field(default_factory=dict)

    def shortcut(self, command: str) -> str:
        return self.shortcuts.get(command, default_shortcut(command))


def load_preferences(settings: QSettings | None = None) -> Preferences:
    settings = settings or ui_settings()
    prefs = Preferences()
    for name in FIELDS:
        value = settings.value(f"{GROUP}/{name}", settings.value(f"{_EARLIER_GROUP}/{name}"))
        if isinstance(value, str):
            setattr(prefs, name, value)
    if prefs.theme not in THEMES:
        prefs.theme = "system"
    if prefs.role not in ROLES:
        prefs.role = Role.CONTROLLER.value
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
    for name in FIELDS:
        settings.setValue(f"{GROUP}/{name}", getattr(prefs, name))
    settings.remove(_EARLIER_GROUP)
    settings.remove("shortcuts")
    for command, key in prefs.shortcuts.items():
        if key != default_shortcut(command):
            settings.setValue(f"shortcuts/{command}", key)
    settings.sync()
