"""The GUI thread gets the GIL back within a millisecond.

Qt calls into Python on the GUI thread many times a second (each slot, event filter and
timer), and every call must first take the GIL from whichever thread holds it. CPython lets a
busy thread keep the GIL for up to its switch interval (5 ms by default) after another thread
asked for it, so in a flood, with the source and the storage writer busy in Python, the GUI
thread waited up to 5 ms at every call: a frame with a few of them ran tens of milliseconds
late (p99 lag 22 ms at 20,000 comments/s, 9 ms with the interval at 1 ms). The busy threads
pay a few hundred more thread switches a second, which costs them far less than that.
"""

from __future__ import annotations

import sys

SWITCH_INTERVAL_S = 0.001


def favour_gui_thread() -> None:
    """Let the GUI thread wait at most ``SWITCH_INTERVAL_S`` for the GIL (process-wide)."""
    sys.setswitchinterval(SWITCH_INTERVAL_S)
