"""The local control API: the command registry over HTTP and WebSocket, for hardware button
decks (Elgato Stream Deck through Bitfocus Companion, Touch Portal), scripts and tests.

    GET  /api/commands        every command: id, title, arguments, enabled, why not
    POST /api/commands/<id>   run it with a JSON object of arguments ("confirm": true for an
                              irreversible one); answers {"ok", "scope", "message", ...}
    GET  /api/state           the live state (console.control_api.state)
    GET  /api/events          WebSocket: the state whenever it changes, every audit entry and
                              every command's outcome

Same access rules as the relay (console.http_access): loopback only and no cross-site request
without a token; a token (``Authorization: Bearer T`` or ``?token=T``) required from every
client when one is set, which it must be to listen beyond this computer. docs/control-api.md
is the operator's guide.
"""

from __future__ import annotations

import asyncio
import json
import socket
from typing import TYPE_CHECKING, Any

from aiohttp import WSMsgType, web

from console.commands.spec import Entry
from console.control_api.state import live_state
from console.errors import BadCommand, UnknownCommand
from console.i18n import QT_TRANSLATE_NOOP
from console.jobs import Outcome, Scope
from console.local_server import GuardedServer
from console.storage.writer import AuditRecord

if TYPE_CHECKING:
    from console.session import LiveSession

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8791
MAX_BODY_BYTES = 64 * 1024
ANSWER_WITHIN_S = 30.0  # a command still running then is answered "pending"
STATE_EVERY_S = 0.5  # how often the events stream looks for a changed state

CANNOT_LISTEN = QT_TRANSLATE_NOOP(
    "messages", "The control API cannot listen on {address}: {detail}. It is off for this run."
)
NEW_TOKEN = QT_TRANSLATE_NOOP(
    "messages",
    "The control API listens on {url} and needs this token (shown this once, kept in the "
    "keyring): {token}",
)
TOKEN_NEEDED = QT_TRANSLATE_NOOP(
    "messages",
    "The control API does not listen on {host} without a token, and none could be kept here. "
    "It is off for this run.",
)


class ControlServer(GuardedServer):
    """Serves the control API on its own loop thread; start and stop from any thread."""

    what = "control API"
    max_open = 64  # a Stream Deck or a script needs a few
    max_body = MAX_BODY_BYTES

    def __init__(self, session: LiveSession, host: str, port: int, token: str | None) -> None:
        super().__init__(host, port, token, "control-api")
        self.session = session
        self._clients: set[web.WebSocketResponse] = set()
        self._last_state = ""
        self._watcher: asyncio.Task[None] | None = None
        session.writer.add_audit_listener(self._on_audit)
        session.kernel.add_listener(self._on_outcome)

    # -- the loop thread -------------------------------------------------------------------------
    def _routes(self, app: web.Application) -> None:
        app.router.add_get("/api/commands", self._commands)
        app.router.add_post("/api/commands/{command}", self._run)
        app.router.add_get("/api/state", self._state)
        app.router.add_get("/api/events", self._events)

    async def _open(self, sock: socket.socket) -> None:
        await super()._open(sock)
        self._watcher = asyncio.get_running_loop().create_task(self._watch_state())

    async def _close(self) -> None:
        if self._watcher is not None:
            self._watcher.cancel()
        for ws in list(self._clients):
            await ws.close()
        await super()._close()

    def _refused(self, request: web.Request, status: int, reason: str) -> web.Response:
        return _json({"ok": False, "message": reason}, status)

    async def _commands(self, _request: web.Request) -> web.Response:
        return _json({"commands": self.session.commands.describe()})

    async def _state(self, _request: web.Request) -> web.Response:
        return _json(live_state(self.session))

    async def _run(self, request: web.Request) -> web.Response:
        command = request.match_info["command"]
        try:
            body = await request.read()
            args = json.loads(body) if body.strip() else {}
        except (ValueError, UnicodeDecodeError):
            return _json({"ok": False, "message": "the body must be a JSON object"}, 400)
        if not isinstance(args, dict):
            return _json({"ok": False, "message": "the body must be a JSON object"}, 400)
        confirm = args.pop("confirm", False)
        if not isinstance(confirm, bool):
            return _json({"ok": False, "message": "confirm must be true or false"}, 400)
        future = self.session.commands.submit(command, args, Entry.CONTROL_API, confirmed=confirm)
        try:
            outcome = await asyncio.wait_for(asyncio.wrap_future(future), ANSWER_WITHIN_S)
        except TimeoutError:
            answer = {"ok": None, "pending": True, "command": command}
            answer["message"] = "still running: its outcome follows on /api/events"
            return _json(answer, 202)
        return _json(_answer(outcome), _status(outcome))

    async def _events(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(heartbeat=20.0)
        await ws.prepare(request)
        self._clients.add(ws)
        try:
            await ws.send_str(_dumps({"type": "state", "state": live_state(self.session)}))
            async for message in ws:  # clients only listen; anything they send is ignored
                if message.type is WSMsgType.ERROR:
                    break
        finally:
            self._clients.discard(ws)
        return ws

    async def _watch_state(self) -> None:
        while True:
            await asyncio.sleep(STATE_EVERY_S)
            if self._clients:
                await self._send_state_if_changed()

    async def _send_state_if_changed(self) -> None:
        state = live_state(self.session)
        text = _dumps(state)
        if text != self._last_state:
            self._last_state = text
            await self._broadcast(_dumps({"type": "state", "state": state}))

    async def _broadcast(self, text: str) -> None:
        for ws in list(self._clients):
            try:
                await ws.send_str(text)
            except (ConnectionError, RuntimeError):
                self._clients.discard(ws)

    # -- from the core's threads ---------------------------------------------------------------
    def _on_audit(self, record: AuditRecord) -> None:
        if self._clients:
            self._push({"type": "audit", "audit": _audit(record)})

    def _on_outcome(self, outcome: Outcome) -> None:
        if self._clients:
            self._push({"type": "outcome", "outcome": _answer(outcome)})

    def _push(self, event: dict[str, Any]) -> None:
        text = _dumps(event)

        def send() -> None:
            asyncio.get_running_loop().create_task(self._broadcast(text))

        self._loop.call_soon(send)


def _answer(outcome: Outcome) -> dict[str, Any]:
    return {
        "ok": outcome.ok,
        "scope": "platform" if outcome.scope is Scope.PLATFORM else "local",
        "message": outcome.message,
        "command": outcome.command,
        "action": outcome.action,
        "subject": outcome.subject,
        "ticket": outcome.ticket,
        "data": dict(outcome.data),
    }


def _status(outcome: Outcome) -> int:
    if outcome.ok:
        return 200
    error = outcome.error
    if isinstance(error, UnknownCommand):
        return 404
    if isinstance(error, BadCommand):
        return 400
    if outcome.refused:
        return 409  # unavailable now, or not confirmed
    return 502  # the platform or OBS refused, or failed


def _audit(record: AuditRecord) -> dict[str, Any]:
    return {
        "action": record.action,
        "target": record.target,
        "subject": record.subject,
        "result": record.result,
        "operator": record.operator,
        "entry": record.entry,
        "t": record.t,
        "at": record.at.isoformat(),
        "detail": record.detail,
    }


def _dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, default=str)


def _json(data: Any, status: int = 200) -> web.Response:
    return web.Response(
        text=_dumps(data), status=status, content_type="application/json", charset="utf-8"
    )
