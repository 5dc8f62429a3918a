"""The command line's rundown: ``--rundown FILE`` loads it into the session, ``--autorun``
rehearses it (``--speed X``: its clock X times real time); ``--prompter-port`` serves the
prompter page."""

from __future__ import annotations

from pathlib import Path

from console.i18n import QT_TRANSLATE_NOOP
from console.log import app as log
from console.rundown.document import read_rundown
from console.rundown.errors import RundownInvalid
from console.rundown.prompter_server import PrompterServer, prompter_token
from console.session import LiveSession

PROMPTER_TOKEN = QT_TRANSLATE_NOOP(
    "messages",
    "The prompter page is at {url} (the token in it is shown this once, kept in the keyring).",
)


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


def serve_prompter(session: LiveSession, host: str, port: int, token: str | None) -> str | None:
    """Serve the prompter page on ``host:port``; None when it runs, else why not (English)."""
    chosen = prompter_token(host, token)
    if chosen is None:
        return f"the prompter page does not listen on {host} without a token"
    server = PrompterServer(session, host, port, chosen.token)
    try:
        server.start()
    except OSError as exc:
        return f"the prompter page cannot listen on {host}:{port}: {exc.strerror or exc}"
    session.prompter_server = server
    if chosen.new:
        session.messages.warning(PROMPTER_TOKEN, url=server.url)
    return None
