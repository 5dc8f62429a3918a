"""Named loggers, one per area, and the rotating log file. Log text is English, never secrets."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from console.paths import log_dir

LOG_FILE_NAME = "livedesk.log"

app = logging.getLogger("livedesk")
platform = logging.getLogger("livedesk.platform")
storage = logging.getLogger("livedesk.storage")
obs = logging.getLogger("livedesk.obs")
lottery = logging.getLogger("livedesk.lottery")
ui = logging.getLogger("livedesk.ui")


def log_file_path() -> Path:
    return log_dir() / LOG_FILE_NAME


def setup_logging(level: int = logging.INFO, *, to_stderr: bool = True) -> Path:
    """Log to a rotating file in the per-user log folder (5 x 2 MB) and optionally to stderr."""
    path = log_file_path()
    root = logging.getLogger("livedesk")
    root.setLevel(level)
    for handler in list(root.handlers):
        root.removeHandler(handler)
        handler.close()
    fmt = logging.Formatter("%(asctime)s %(levelname)-7s %(name)s [%(threadName)s] %(message)s")
    file_handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=2_000_000, backupCount=5, encoding="utf-8"
    )
    file_handler.setFormatter(fmt)
    root.addHandler(file_handler)
    if to_stderr:
        stream = logging.StreamHandler()
        stream.setFormatter(fmt)
        stream.setLevel(logging.WARNING)
        root.addHandler(stream)
    root.propagate = False
    return path
