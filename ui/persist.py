"""QSettings for UI state (window geometry, dock layout), in the per-user config folder."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from console.paths import config_dir


def ui_settings() -> QSettings:
    return QSettings(str(config_dir() / "livedesk-ui.ini"), QSettings.Format.IniFormat)
