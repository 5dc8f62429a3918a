"""Calling back the listeners of a service: each one runs, one that raises is logged and does
not stop the rest (a broken window must not break the core that feeds it). The same function
the OBS bridge uses for its listeners, with the console's logger."""

from __future__ import annotations

from functools import partial

from console.log import app as app_log
from obs_bridge.dispatch import call_each as _call_each

call_each = partial(_call_each, logger=app_log, what="A")
