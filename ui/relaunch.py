"""Starting the console again, for "Start a new show": the old process has ended its show and
saved everything; a new one, with the same command line, opens the next show."""

from __future__ import annotations

import subprocess
import sys

from console.log import app as log


def command_line() -> list[str]:
    """How this process was started: the frozen app's executable and arguments, or Python
    with its own options (``-m console`` …) for a run from source."""
    if getattr(sys, "frozen", False):
        return [sys.executable, *sys.argv[1:]]
    return [sys.executable, *sys.orig_argv[1:]]


def relaunch() -> None:
    """Start this program again, on its own (it outlives this process)."""
    command = command_line()
    detached: dict[str, object] = (
        {"creationflags": subprocess.DETACHED_PROCESS | subprocess.CREATE_NEW_PROCESS_GROUP}
        if sys.platform == "win32"
        else {"start_new_session": True}
    )
    subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        close_fds=True,
        **detached,
    )
    log.info("started again for a new show: %s", " ".join(command))
