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
from console.connection_guard import ConnectionGuard, GuardedSite
from console.control_api.state import live_state
from console.errors import BadCommand, UnknownCommand
from console.http_access import refusal
from console.i18n import QT_TRANSLATE_NOOP
from console.jobs import Outcome, Scope
from console.log import app as log
from console.serving import LoopThread, bind
from console.storage.writer import AuditRecord

if TYPE_CHECKING:
    from console.session import LiveSession

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8791
MAX_BODY_BYTES = 64 * 1024
ANSWER_WITHIN_S = 30.0  # a command still running then is answered "pending"
STATE_EVERY_S = 0.5  # how often the events stream looks for a changed state
START_TIMEOUT_S = 10.0
# Every TCP connection, from accept (console.connection_guard): a Stream Deck or a script
# needs a few; clients that connect and say nothing must not use up the open files.
MAX_OPEN_CONNECTIONS = 64
REQUEST_TIMEOUT_S = 5.0
IDLE_TIMEOUT_S = 60.0

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


class ControlServer:
    """Serves the control API on its own loop thread; start and stop from any thread."""

    def __init__(self, session: LiveSession, host: str, port: int, token: str | None) -> None:
        self.session = session
        self.host = host
        self.token = token
        self._port = port
        self._loop = LoopThread("control-api")
        self._runner: web.AppRunner | None = None
        self._clients: set[web.WebSocketResponse] = set()
        self._last_state = ""
        self._watcher: asyncio.Task[None] | None = None
        self._connections: ConnectionGuard | None = None
        session.writer.add_audit_listener(self._on_audit)
        session.kernel.add_listener(self._on_outcome)

    @property
    def port(self) -> int:
        return self._port

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self._port}"

    def start(self) -> None:
        """Bind and serve; raises OSError when the port cannot be had."""
        sock = bind(self.host, self._port)
        self._port = sock.getsockname()[1]
        self._loop.start()
        try:
            self._loop.run(self._open(sock), START_TIMEOUT_S)
        except BaseException:
            self._loop.stop(START_TIMEOUT_S)
            sock.close()
            raise
        log.info(
            "control API on %s (%s)",
            self.url,
            "token required" if self.token is not None else "this computer only",
        )

    def stop(self, timeout: float = 5.0) -> None:
        if not self._loop.running:
            return
        try:
            self._loop.run(self._close(), timeout)
        except TimeoutError:
            log.warning("control API did not close within %g s", timeout)
        self._loop.stop(timeout)
        log.info("control API stopped")

    # -- the loop thread -------------------------------------------------------------------------
    async def _open(self, sock: socket.socket) -> None:
        self._connections = connections = ConnectionGuard(
            "control API",
            log,
            max_open=MAX_OPEN_CONNECTIONS,
            request_timeout=REQUEST_TIMEOUT_S,
            idle_timeout=IDLE_TIMEOUT_S,
        )
        app = web.Application(
            client_max_size=MAX_BODY_BYTES, middlewares=[connections.middleware, self._guard]
        )
        app.router.add_get("/api/commands", self._commands)
        app.router.add_post("/api/commands/{command}", self._run)
        app.router.add_get("/api/state", self._state)
        app.router.add_get("/api/events", self._events)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        await GuardedSite(self._runner, sock, connections).start()
        self._watcher = asyncio.get_running_loop().create_task(self._watch_state())

    async def _close(self) -> None:
        if self._watcher is not None:
            self._watcher.cancel()
        for ws in list(self._clients):
            await ws.close()
        if self._runner is not None:
            await self._runner.cleanup()

    @web.middleware
    async def _guard(self, request: web.Request, handler: Any) -> web.StreamResponse:
        refused = refusal(request, self.token)
        if refused is not None:
            status, reason = refused
            log.info("control API refused %s %s: %s", request.method, request.path, reason)
            return _json({"ok": False, "message": reason}, status)
        if self._connections is not None:
            self._connections.admit(request)
        response: web.StreamResponse = await handler(request)
        return response

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
