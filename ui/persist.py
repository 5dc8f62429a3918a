"""QSettings for UI state (window geometry, dock layout, where OBS runs), in the per-user
config folder. Secrets never: those go to the keyring (console.secrets)."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from console.log import ui as log
from console.paths import config_dir


def ui_settings() -> QSettings:
    return QSettings(str(config_dir() / "livedesk-ui.ini"), QSettings.Format.IniFormat)


def saved_obs_address() -> tuple[str, int] | None:
    """Where OBS runs, as the operator last set it in the OBS settings."""
    settings = ui_settings()
    host = settings.value("obs/host")
    port = settings.value("obs/port")
    if isinstance(host, str) and host and port is not None:
        try:
            return host, int(port)
        except (TypeError, ValueError):
            log.warning("ignoring the saved OBS port %r", port)
    return None


def save_obs_address(host: str, port: int) -> None:
    settings = ui_settings()
    settings.setValue("obs/host", host)
    settings.setValue("obs/port", port)
    settings.sync()
