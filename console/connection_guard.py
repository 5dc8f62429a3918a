"""Every TCP connection to a local aiohttp server, counted and timed from the moment it is
accepted.

aiohttp sees a connection only through the requests on it: a client that connects and never
sends a request (or sends its head a byte a minute) holds a socket, an open file, for as long
as it likes, and a few hundred such clients lock everyone else out. ConnectionGuard wraps the
server's protocol factory (``GuardedSite`` serves through it) and

- closes a new connection at once, without a word, while ``max_open`` are open, whatever state
  they are in (at most half of the process's open-file limit, so the rest of the console can
  still open files);
- closes a connection that no request of which was admitted (``admit``: the handler found the
  right token, or a local client where no token is needed) ``request_timeout`` seconds after
  it was accepted, whatever it is doing then;
- closes an admitted connection that starts no new request ``idle_timeout`` seconds after its
  last answer (HTTP keep-alive). A request in progress on an admitted connection (a WebSocket,
  a POST waiting for storage) is never cut: the WebSocket heartbeat and the handlers' own
  limits look after those.

Timed-out and refused connections are logged once per interval with a count, never one line
each. Everything here runs on the server's event loop.
"""

from __future__ import annotations

import asyncio
import logging
import weakref
from collections.abc import Awaitable, Callable
from socket import socket
from typing import cast

from aiohttp import web

from console.open_files import open_file_limit
from console.throttled_log import ThrottledLog

ProtocolFactory = Callable[[], asyncio.BaseProtocol]
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


class ConnectionGuard:
    """Create it on the server's loop; ``max_open`` >= 1, timeouts in seconds."""

    def __init__(
        self,
        name: str,
        log: logging.Logger,
        *,
        max_open: int,
        request_timeout: float,
        idle_timeout: float,
    ) -> None:
        loop = asyncio.get_running_loop()
        files = open_file_limit()
        self.max_open = max_open if files is None else max(1, min(max_open, files // 2))
        if self.max_open < max_open:
            log.warning(
                "%s accepts at most %d connections at once, half of the open-file limit (%d)",
                name,
                self.max_open,
                files,
            )
        self.name = name
        self.request_timeout = request_timeout
        self.idle_timeout = idle_timeout
        self.loop = loop
        self._open: dict[asyncio.BaseTransport, _Connection] = {}
        # Made by the factory, not connected yet. Weak: a protocol whose transport could not
        # be made is dropped by asyncio without a word, and must not count for ever.
        self._pending: weakref.WeakSet[_Connection] = weakref.WeakSet()
        self._refusals = ThrottledLog(loop, log)
        self._late = ThrottledLog(loop, log, logging.INFO)
        self._idle = ThrottledLog(loop, log, logging.INFO)

    @property
    def open_count(self) -> int:
        return len(self._open) + len(self._pending)

    def wrap(self, factory: ProtocolFactory) -> ProtocolFactory:
        """The protocol factory to serve with: ``factory``'s protocols, counted and timed."""

        def make() -> asyncio.BaseProtocol:
            if self.open_count >= self.max_open:
                self._refusals.note(
                    f"{self.name} refused connections: {self.max_open} are open already"
                )
                return _Refused()
            inner = factory()
            if not isinstance(inner, asyncio.Protocol):
                raise TypeError(f"cannot guard a {type(inner).__name__}")
            connection = _Connection(self, inner)
            self._pending.add(connection)
            return connection

        return make

    def admit(self, request: web.BaseRequest) -> None:
        """``request`` passed the access checks: its connection may stay while in use."""
        connection = self._connection(request)
        if connection is not None:
            connection.admitted = True
            connection.cancel_timer()

    @web.middleware
    async def middleware(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        """While an admitted connection's request is handled, its idle timer waits; it starts
        again when the request is answered."""
        connection = self._connection(request)
        if connection is None:
            return await handler(request)
        if connection.admitted:
            connection.cancel_timer()
        try:
            return await handler(request)
        finally:
            if connection.admitted:
                connection.set_timer(self.idle_timeout, self._idle_expired)

    def connected(self, connection: _Connection, transport: asyncio.BaseTransport) -> None:
        self._pending.discard(connection)
        self._open[transport] = connection
        connection.set_timer(self.request_timeout, self._late_expired)

    def disconnected(self, transport: asyncio.BaseTransport) -> None:
        self._open.pop(transport, None)

    def _late_expired(self) -> None:
        text = f"sent no admitted request within {self.request_timeout:g} s"
        self._late.note(f"{self.name} closed a connection that {text}")

    def _idle_expired(self) -> None:
        text = f"was idle for {self.idle_timeout:g} s"
        self._idle.note(f"{self.name} closed a connection that {text}")

    def _connection(self, request: web.BaseRequest) -> _Connection | None:
        transport = request.transport
        return None if transport is None else self._open.get(transport)


class GuardedSite(web.BaseSite):
    """Serves ``runner``'s application on the bound socket ``sock`` through ``guard``."""

    __slots__ = ("_guard", "_sock")

    def __init__(self, runner: web.BaseRunner, sock: socket, guard: ConnectionGuard) -> None:
        super().__init__(runner)
        self._sock = sock
        self._guard = guard

    @property
    def name(self) -> str:
        host, port = self._sock.getsockname()[:2]
        return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"

    async def start(self) -> None:
        await super().start()
        server = self._runner.server
        if server is None:
            raise RuntimeError("set the runner up before starting a site")
        self._server = await asyncio.get_running_loop().create_server(
            self._guard.wrap(server), sock=self._sock, backlog=self._backlog
        )


class _Refused(asyncio.Protocol):
    """Over the cap: closed as soon as it is made, no request read, no answer written."""

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        cast(asyncio.Transport, transport).abort()


class _Connection(asyncio.Protocol):
    """The server's protocol for one connection, behind the guard's count and timer."""

    __slots__ = ("__weakref__", "_guard", "_inner", "_timer", "_transport", "admitted")

    def __init__(self, guard: ConnectionGuard, inner: asyncio.Protocol) -> None:
        self._guard = guard
        self._inner = inner
        self._transport: asyncio.Transport | None = None
        self._timer: asyncio.TimerHandle | None = None
        self.admitted = False

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self._transport = cast(asyncio.Transport, transport)
        self._guard.connected(self, transport)
        self._inner.connection_made(transport)

    def data_received(self, data: bytes) -> None:
        self._inner.data_received(data)

    def eof_received(self) -> bool | None:
        return self._inner.eof_received()

    def pause_writing(self) -> None:
        self._inner.pause_writing()

    def resume_writing(self) -> None:
        self._inner.resume_writing()

    def connection_lost(self, exc: Exception | None) -> None:
        self.cancel_timer()
        if self._transport is not None:
            self._guard.disconnected(self._transport)
        self._inner.connection_lost(exc)

    def set_timer(self, seconds: float, expired: Callable[[], None]) -> None:
        """Close the connection in ``seconds`` (unless the timer is set again or cancelled
        first), after calling ``expired``."""
        self.cancel_timer()
        if self._transport is not None and not self._transport.is_closing():
            self._timer = self._guard.loop.call_later(seconds, self._expire, expired)

    def cancel_timer(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None

    def _expire(self, expired: Callable[[], None]) -> None:
        self._timer = None
        transport = self._transport
        if transport is None or transport.is_closing():
            return
        expired()
        if transport.get_write_buffer_size():
            # close() would wait, without end, until a client that stopped reading took what
            # is left to send; abort() frees the socket now.
            transport.abort()
        else:
            transport.close()
