"""The command line's rundown: ``--rundown FILE`` loads it into the session, ``--autorun``
rehearses it (``--speed X``: its clock X times real time)."""

from __future__ import annotations

from pathlib import Path

from console.log import app as log
from console.rundown.document import read_rundown
from console.rundown.errors import RundownInvalid
from console.session import LiveSession


def use_rundown(session: LiveSession, path: Path, *, autorun: bool, speed: float) -> str | None:
    """Load the rundown in ``path``; None when it worked, else what is wrong (English)."""
    try:
        rundown = read_rundown(path)
    except OSError as exc:
        return f"cannot read the rundown {path}: {exc.strerror or exc}"
    except RundownInvalid as exc:
        return exc.render()
    session.rundown.load(rundown)
    if autorun:
        session.rundown.rehearse(speed, when=lambda: _room_ready(session))
        log.info("rehearsing the rundown at %gx", speed)
    return None


def _room_ready(session: LiveSession) -> bool:
    """The source runs and, where the room has goods, their list is loaded (cues push them)."""
    goods = session.goods
    return session.ready.is_set() and (not goods.supports_goods or goods.loaded)
