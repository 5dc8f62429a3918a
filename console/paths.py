"""Where LiveDesk keeps its files: per-user folders from platformdirs, and bundled resources.

``LIVEDESK_HOME`` (a folder) overrides the per-user folders; tests and portable installs use it.
"""

from __future__ import annotations

import os
import sys
from importlib import resources
from pathlib import Path

from platformdirs import PlatformDirs

APP_NAME = "LiveDesk"

_dirs = PlatformDirs(APP_NAME, appauthor=False)


def _home() -> Path | None:
    value = os.environ.get("LIVEDESK_HOME")
    return Path(value) if value else None


def _ensure(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path


def data_dir() -> Path:
    home = _home()
    return _ensure(home / "data" if home else Path(_dirs.user_data_dir))


def config_dir() -> Path:
    home = _home()
    return _ensure(home / "config" if home else Path(_dirs.user_config_dir))


def log_dir() -> Path:
    home = _home()
    return _ensure(home / "logs" if home else Path(_dirs.user_log_dir))


def default_db_url() -> str:
    return f"sqlite:///{(data_dir() / 'livedesk.db').as_posix()}"


def resource_path(*parts: str) -> Path:
    """A file shipped in ``resources/`` (from the source tree, a wheel or a frozen build)."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root, "resources", *parts)
    return Path(str(resources.files("resources").joinpath(*parts)))
