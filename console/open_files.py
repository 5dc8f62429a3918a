"""How many files this process may open, raised to the most the system allows.

Every connection to a local server (the relay, the control API) is an open file. Many systems
start programs with a soft limit of 1024 (or 256 on macOS) while allowing far more: a few
hundred idle connections then exhaust it, and the console can no longer accept anyone, nor
open a file. ``raise_open_file_limit`` lifts the soft limit to the hard one, once per process.
Windows has no such limit here (its C runtime's own one does not apply to sockets).
"""

from __future__ import annotations

import sys
import threading

from console.log import app as log

# macOS refuses a soft limit above OPEN_MAX (10240) when the hard limit is "unlimited".
MACOS_OPEN_MAX = 10240

_lock = threading.Lock()
_raised = False


def open_file_limit() -> int | None:
    """The soft limit on open files now; None where there is none to speak of (Windows) or
    it is unlimited."""
    if sys.platform == "win32":
        return None
    import resource

    soft = resource.getrlimit(resource.RLIMIT_NOFILE)[0]
    return None if soft == resource.RLIM_INFINITY else soft


def raise_open_file_limit() -> int | None:
    """Raise the soft open-file limit to the hard limit (first call only; logged); returns the
    soft limit in force afterwards (None: no limit, or Windows)."""
    global _raised
    with _lock:
        if _raised or sys.platform == "win32":
            return open_file_limit()
        _raised = True
        import resource

        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        for target in _higher_limits(soft, hard):
            try:
                resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
            except (ValueError, OSError):  # above what the system allows after all
                continue
            log.info("open files: limit raised from %s to %s", _shown(soft), _shown(target))
            break
        else:
            log.info("open files: the limit is %s", _shown(soft))
        return open_file_limit()


def _higher_limits(soft: int, hard: int) -> list[int]:
    """Soft limits to try, best first: the hard limit, else (unlimited) macOS's OPEN_MAX."""
    import resource

    def above(limit: int, than: int) -> bool:
        infinity = resource.RLIM_INFINITY
        return than != infinity and (limit == infinity or limit > than)

    return [
        target
        for target in (hard, MACOS_OPEN_MAX)
        if target != resource.RLIM_INFINITY and above(target, soft) and not above(target, hard)
    ]


def _shown(limit: int) -> str:
    import resource

    return "unlimited" if limit == resource.RLIM_INFINITY else str(limit)
