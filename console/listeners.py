"""Calling back the listeners of a service: each one runs, one that raises is logged and does
not stop the rest (a broken window must not break the core that feeds it)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import Any

from console.log import app as app_log


def call_each(
    listeners: Iterable[Callable[..., Any]],
    *args: Any,
    logger: logging.Logger = app_log,
    what: str = "A",
) -> None:
    """Call every listener with ``args``; ``what`` names them in the log ("An OBS")."""
    for listener in list(listeners):
        try:
            listener(*args)
        except Exception:
            logger.exception("%s listener raised an exception; it stays registered", what)
