"""The relay connector: the console listens for event sources on a local endpoint.

WeChat has no server API for live comments, likes or viewer counts (shared/wechat-live-api.md
§1.11), so whatever the merchant runs that can see them (their mini-program backend, another
platform's fetcher) feeds them in here: WebSocket ``/ws`` for sources that stay connected and
take moderation commands back, ``POST /events`` for simple senders. Messages are the event
schema of console.events, one object or an array (a batch). docs/relay.md is the protocol.

Safe by default: it listens on 127.0.0.1 only. Listening on any other address needs a token
(console.platforms.relay.access: made once, kept in the OS keyring, rotatable), and once there
is one every client must send it, wherever the relay listens. The server runs an asyncio loop
on its own daemon thread (console.platforms.relay.server); one bad client is closed with a
clear reason and never disturbs the others, the show or the GUI, and no client, with or
without the token, can hold more than its share of connections or hold them idle
(RelayLimits, console.connection_guard).
"""

from __future__ import annotations

import socket
from collections.abc import Callable

from console.actions import Action, Capability, action_name
from console.errors import OperatorError
from console.http_access import is_loopback
from console.i18n import QT_TRANSLATE_NOOP
from console.listeners import call_each
from console.log import platform as log
from console.platforms.base import Connector, EventSink
from console.platforms.relay.access import rotate_token
from console.platforms.relay.commands import NO_SOURCE_TEXT
from console.platforms.relay.limits import RelayLimits
from console.platforms.relay.server import RelayServer
from console.platforms.relay.sources import SourceInfo
from console.platforms.relay.wire import EVENTS_PATH, WS_PATH
from console.serving import LoopThread, bind

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8790
DEFAULT_COMMAND_TIMEOUT = 5.0
START_TIMEOUT = 10.0

TOKEN_NEEDED_TEXT = QT_TRANSLATE_NOOP(
    "errors",
    "The relay can only listen on {host}, where other computers can reach it, with a token. "
    "Create a relay token first.",
)
CANNOT_LISTEN_TEXT = QT_TRANSLATE_NOOP(
    "errors",
    "The relay cannot listen on {host} port {port}: {detail}. Choose another port, or close "
    "the program that uses it.",
)


class RelayConnector(Connector):
    """Events from any number of connected sources; commands to those that can do them.

    ``capabilities`` changes while the show runs: live events always, plus whatever the
    connected sources declared in their hello. Listeners added with ``add_sources_listener``
    (also after the relay started) are called on the relay's thread whenever a source
    connects, says hello or leaves.
    """

    name = "relay"
    restarts_clock = False  # sources keep their own show clock across a console restart

    def __init__(
        self,
        host: str = DEFAULT_HOST,
        port: int = DEFAULT_PORT,
        token: str | None = None,
        *,
        limits: RelayLimits | None = None,
        command_timeout: float = DEFAULT_COMMAND_TIMEOUT,
    ) -> None:
        super().__init__()
        if not 0 <= port <= 65535:
            raise ValueError(f"port must be 0..65535, got {port}")
        if command_timeout <= 0:
            raise ValueError("command_timeout must be > 0")
        if token is not None and not token:
            raise ValueError("token must not be empty")
        self.host = host
        self.limits = limits or RelayLimits()
        self.command_timeout = command_timeout
        self._port = port
        self._token = token
        self._sources_listeners: list[Callable[[], None]] = []
        self._server: RelayServer | None = None
        self._loop: LoopThread | None = None
        self._stopped = False

    @property
    def capabilities(self) -> frozenset[Capability]:  # type: ignore[override]
        declared = self._server.declared_capabilities() if self._server else frozenset()
        return frozenset({Capability.LIVE_EVENTS}) | declared

    @property
    def port(self) -> int:
        """The port it listens on (the one the system picked when constructed with 0)."""
        return self._port

    @property
    def token_required(self) -> bool:
        return self._token is not None

    @property
    def ws_url(self) -> str:
        return f"ws://{self._url_host()}:{self._port}{WS_PATH}"

    @property
    def events_url(self) -> str:
        return f"http://{self._url_host()}:{self._port}{EVENTS_PATH}"

    def describe(self) -> str:
        guard = "token required" if self._token is not None else "no token"
        return f"relay on {self._url_host()}:{self._port} ({guard})"

    def start(self, sink: EventSink) -> None:
        """Bind and serve. Raises OperatorError when the address needs a token that was not
        given, or the port cannot be had; nothing keeps running then."""
        if self._loop is not None or self._stopped:
            raise RuntimeError("a relay connector starts once")
        if self._token is None and not is_loopback(self.host):
            raise OperatorError(
                TOKEN_NEEDED_TEXT,
                log_text=f"relay refused to listen on {self.host} without a token",
                host=self.host,
            )
        sock = self._bind()
        self._port = sock.getsockname()[1]
        server = RelayServer(sink, self.limits, self._token, self._sources_changed)
        loop = LoopThread("connector-relay")
        loop.start()
        try:
            loop.run(server.open(sock), START_TIMEOUT)
        except BaseException:
            loop.stop(START_TIMEOUT)
            sock.close()
            raise
        self._loop, self._server = loop, server
        server.token = self._token  # a rotate_token() while the server was opening
        log.info(
            "relay listening on %s and %s (%s)",
            self.ws_url,
            self.events_url,
            "token required" if self._token is not None else "this computer only",
        )

    def stop(self, timeout: float = 5.0) -> None:
        """Close every source with a goodbye, stop serving and join the thread."""
        self._stopped = True
        loop, server = self._loop, self._server
        if loop is None:
            return
        self._server = None
        if server is not None:
            try:
                loop.run(server.close(), timeout)
            except TimeoutError:
                log.warning("relay did not close within %g s", timeout)
        loop.stop(timeout)
        self._loop = None
        log.info("relay stopped")

    def sources(self) -> list[SourceInfo]:
        """The connected WebSocket sources and recent HTTP senders, for the sources panel."""
        return self._server.snapshot() if self._server else []

    @property
    def http_sender_count(self) -> int:
        """HTTP POST senders seen in the last minute."""
        return sum(1 for source in self.sources() if source.kind == "http")

    def rotate_token(self) -> str:
        """Make and store a new token and require it from now on; returns it to show once.

        Sources already connected stay connected; new connections need the new token.
        """
        token = rotate_token()
        self._token = token
        if self._server is not None:
            self._server.token = token
        log.info("relay token rotated")
        return token

    def _perform(self, action: Action) -> None:
        loop, server = self._loop, self._server
        if loop is None or server is None:
            raise OperatorError(NO_SOURCE_TEXT, action=action_name(action))
        timeout = self.command_timeout
        # The coroutine enforces the timeout; the margin only guards against a stuck loop.
        loop.run(server.command(action, timeout), timeout + START_TIMEOUT)

    def add_sources_listener(self, callback: Callable[[], None]) -> None:
        self._sources_listeners.append(callback)

    def _sources_changed(self) -> None:
        call_each(self._sources_listeners, what="A relay sources")

    def _bind(self) -> socket.socket:
        try:
            return bind(self.host, self._port)
        except OSError as exc:
            detail = exc.strerror or str(exc)
            raise OperatorError(
                CANNOT_LISTEN_TEXT,
                log_text=f"relay cannot listen on {self.host}:{self._port}: {detail}",
                host=self.host,
                port=self._port,
                detail=detail,
            ) from exc

    def _url_host(self) -> str:
        return f"[{self.host}]" if ":" in self.host else self.host
