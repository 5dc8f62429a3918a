"""A small HTTP server of the console (the control API, the prompter page) on its own loop
thread: bound, started and stopped from any thread, every TCP connection behind a
ConnectionGuard (console.connection_guard) and every request through the access rules of
console.http_access. A server adds its routes (``_routes``) and says how a refusal reads.
"""

from __future__ import annotations

import socket
from typing import Any, ClassVar

from aiohttp import web

from console.connection_guard import ConnectionGuard, GuardedSite
from console.http_access import refusal
from console.log import app as log
from console.serving import LoopThread, bind

START_TIMEOUT_S = 10.0
REQUEST_TIMEOUT_S = 5.0  # a connection without an admitted request is closed after this
IDLE_TIMEOUT_S = 60.0  # and one idle this long after its last answer


class GuardedServer:
    what: ClassVar[str]  # for the log: "control API"
    max_open: ClassVar[int]  # TCP connections at once
    max_body: ClassVar[int] = 1024**2  # bytes of a request body

    def __init__(self, host: str, port: int, token: str | None, thread_name: str) -> None:
        self.host = host
        self.token = token
        self._port = port
        self._loop = LoopThread(thread_name)
        self._runner: web.AppRunner | None = None
        self._connections: ConnectionGuard | None = None

    @property
    def port(self) -> int:
        """The port it listens on (the one the system picked when given 0)."""
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
        guard = "token required" if self.token is not None else "this computer only"
        log.info("%s on %s:%s (%s)", self.what, self.host, self._port, guard)

    def stop(self, timeout: float = 5.0) -> None:
        if not self._loop.running:
            return
        try:
            self._loop.run(self._close(), timeout)
        except TimeoutError:
            log.warning("%s did not close within %g s", self.what, timeout)
        self._loop.stop(timeout)
        log.info("%s stopped", self.what)

    # -- the loop thread -------------------------------------------------------------------------
    def _routes(self, app: web.Application) -> None:
        raise NotImplementedError

    def _refused(self, request: web.Request, status: int, reason: str) -> web.Response:
        """The answer to a request the access rules turn away."""
        raise NotImplementedError

    async def _open(self, sock: socket.socket) -> None:
        self._connections = connections = ConnectionGuard(
            self.what,
            log,
            max_open=self.max_open,
            request_timeout=REQUEST_TIMEOUT_S,
            idle_timeout=IDLE_TIMEOUT_S,
        )
        app = web.Application(
            client_max_size=self.max_body, middlewares=[connections.middleware, self._guard]
        )
        self._routes(app)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        await GuardedSite(self._runner, sock, connections).start()

    async def _close(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    @web.middleware
    async def _guard(self, request: web.Request, handler: Any) -> web.StreamResponse:
        refused = refusal(request, self.token)
        if refused is not None:
            status, reason = refused
            log.info("%s refused %s %s: %s", self.what, request.method, request.path, reason)
            return self._refused(request, status, reason)
        if self._connections is not None:
            self._connections.admit(request)
        response: web.StreamResponse = await handler(request)
        return response
