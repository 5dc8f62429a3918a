"""The relay's network side: one aiohttp server, one port, run on the connector's loop thread.

``GET /ws`` is the WebSocket endpoint: a source may say hello (its name and capabilities),
streams events (one JSON object, or an array of them, per message) and answers the console's
commands with acks. ``POST /events`` takes the same JSON from simple senders.

aiohttp was chosen because one server on one port serves both endpoints, and it enforces the
size limits itself (``max_msg_size`` for WebSocket messages, ``client_max_size`` for request
bodies) before a message is buffered whole.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from socket import socket
from typing import Any

from aiohttp import WSCloseCode, WSMsgType, web
from aiohttp.http_exceptions import HttpProcessingError

from console.actions import Action, Capability, action_name, action_to_command
from console.actions import required_capability as capability_for
from console.errors import OperatorError
from console.events import EventError, RejectReason, clean_line, parse_event
from console.i18n import QT_TRANSLATE_NOOP
from console.log import platform as log
from console.platforms.base import EventSink
from console.platforms.relay_access import refusal
from console.platforms.relay_limits import Breach, RateMeter, RelayLimits, TokenBucket
from console.platforms.relay_wire import (
    EVENTS_PATH,
    PROTOCOL_VERSION,
    REASON_INTERNAL,
    REASON_MALFORMED,
    REASON_RATE_LIMIT,
    REASON_STOPPING,
    REASON_TOO_BIG,
    REASON_TOO_MANY,
    WS_PATH,
    Outcome,
    RelayWebSocket,
    as_items,
    decode,
    dumps,
    error_reply,
    error_response,
)

HEARTBEAT_SECONDS = 20.0  # ping idle sources; one that does not answer is dropped
CLOSE_TIMEOUT = 2.0  # a source that ignores our close frame is cut off after this
MAX_NAME_CHARS = 64
MAX_HTTP_SENDERS = 256  # remembered for the panel; the least recently seen are forgotten
HTTP_IDLE_SECONDS = 60.0  # an HTTP sender silent this long leaves the panel
OFFLOAD_BYTES = 64 * 1024  # larger messages are parsed on a worker thread, not the loop
NOTICE_INTERVAL = 1.0  # at most one "rate_limited" notice a second per source

TIMEOUT_TEXT = QT_TRANSLATE_NOOP(
    "errors", "The relay source {source} did not confirm {action} within {seconds} s."
)
REFUSED_TEXT = QT_TRANSLATE_NOOP("errors", "The relay source {source} refused {action}: {error}")
GONE_TEXT = QT_TRANSLATE_NOOP(
    "errors", "The relay source {source} disconnected before confirming {action}."
)
NO_SOURCE_TEXT = QT_TRANSLATE_NOOP("errors", "No connected relay source can do {action} now.")


@dataclass(frozen=True, slots=True)
class SourceInfo:
    """One row of the relay sources panel: a snapshot, safe to keep on any thread."""

    id: int
    kind: str  # "websocket" or "http"
    name: str
    peer: str  # "address:port" of a WebSocket source, the address of an HTTP sender
    capabilities: frozenset[Capability]
    connected_at: float  # time.time(); an HTTP sender's first request
    last_seen: float  # time.time() of the last message
    accepted: int  # valid events (repeated comment ids included: the show ignores those)
    rejected: int  # invalid events, malformed and oversize messages
    dropped: int  # events over the rate limit
    events_per_second: float  # accepted events over the last few seconds


@dataclass(eq=False)
class _Source:
    id: int
    kind: str
    name: str
    peer: str
    connected_at: float
    bucket: TokenBucket
    meter: RateMeter
    ws: web.WebSocketResponse | None = None
    capabilities: frozenset[Capability] = frozenset()
    last_seen: float = 0.0
    accepted: int = 0
    rejected: int = 0
    dropped: int = 0
    greeted: bool = False  # the first message has been seen (only it may be a hello)
    bad_streak: int = 0
    last_notice: float = float("-inf")
    breach: Breach = field(default_factory=Breach)
    pending: dict[str, asyncio.Future[dict[str, Any]]] = field(default_factory=dict)

    def info(self, now: float) -> SourceInfo:
        return SourceInfo(
            self.id,
            self.kind,
            self.name,
            self.peer,
            self.capabilities,
            self.connected_at,
            self.last_seen,
            self.accepted,
            self.rejected,
            self.dropped,
            self.meter.rate(now),
        )


class _ServerLog(logging.LoggerAdapter):  # type: ignore[type-arg]
    """aiohttp's server log, into ours. aiohttp logs a client's malformed HTTP as an error with
    a traceback (and the client's bytes); here that is one line: it is the client's fault."""

    def exception(self, msg: object, *args: object, exc_info: Any = True, **kwargs: Any) -> None:
        if isinstance(exc_info, HttpProcessingError):
            log.info("relay refused a malformed HTTP request (%s)", type(exc_info).__name__)
            return
        super().exception(msg, *args, exc_info=exc_info, **kwargs)


def _peer(request: web.BaseRequest) -> str:
    peername = request.transport.get_extra_info("peername") if request.transport else None
    if not peername:
        return request.remote or "?"
    host, port = peername[0], peername[1]
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


class RelayServer:
    """Serves the relay endpoints and keeps the books on every source.

    Runs on the connector's event loop. ``snapshot``, ``declared_capabilities`` and the
    ``token`` attribute may be used from any thread; everything else belongs to the loop.
    """

    def __init__(
        self,
        sink: EventSink,
        limits: RelayLimits,
        token: str | None,
        on_change: Callable[[], None] | None = None,
    ) -> None:
        self.sink = sink
        self.limits = limits
        self.token = token
        self._on_change = on_change
        self._lock = threading.Lock()  # the books: sources, counters, buckets
        self._sources: dict[int, _Source] = {}  # WebSocket sources by id
        self._http: OrderedDict[tuple[str, str], _Source] = OrderedDict()
        self._http_buckets: OrderedDict[str, TokenBucket] = OrderedDict()  # by address
        self._ids = itertools.count(1)
        self._runner: web.AppRunner | None = None
        self._closing = False
        self._parser = ThreadPoolExecutor(max_workers=2, thread_name_prefix="relay-parse")

    # -- lifecycle -------------------------------------------------------------------------

    async def open(self, sock: socket) -> None:
        # aiohttp versions differ on whether a body of exactly client_max_size is too big;
        # allowing one byte more and checking the size here gives the documented limit on all.
        app = web.Application(client_max_size=self.limits.max_message_bytes + 1)
        app.router.add_get(WS_PATH, self._websocket)
        app.router.add_post(EVENTS_PATH, self._post)
        self._runner = web.AppRunner(
            app, access_log=None, logger=_ServerLog(log), shutdown_timeout=CLOSE_TIMEOUT
        )
        await self._runner.setup()
        await web.SockSite(self._runner, sock).start()

    async def close(self) -> None:
        """Say goodbye to every source, stop serving and finish the messages being parsed."""
        self._closing = True
        with self._lock:
            sockets = [source.ws for source in self._sources.values() if source.ws is not None]
        await asyncio.gather(*(self._goodbye(ws) for ws in sockets))
        if self._runner is not None:
            await self._runner.cleanup()
        self._parser.shutdown(wait=True)

    @staticmethod
    async def _goodbye(ws: web.WebSocketResponse) -> None:
        with contextlib.suppress(TimeoutError, ConnectionError):
            async with asyncio.timeout(CLOSE_TIMEOUT):
                await ws.close(code=WSCloseCode.GOING_AWAY, message=REASON_STOPPING.encode())

    # -- what the connector reads from other threads ----------------------------------------

    def snapshot(self) -> list[SourceInfo]:
        now = time.monotonic()
        with self._lock:
            wall = time.time()
            idle = [k for k, s in self._http.items() if wall - s.last_seen > HTTP_IDLE_SECONDS]
            for key in idle:
                del self._http[key]
            sources = [*self._sources.values(), *self._http.values()]
            return [source.info(now) for source in sources]

    def declared_capabilities(self) -> frozenset[Capability]:
        with self._lock:
            return frozenset().union(*(s.capabilities for s in self._sources.values()))

    # -- commands ----------------------------------------------------------------------------

    async def command(self, action: Action, timeout: float) -> None:
        """Send ``action`` to every source that declared its capability; all must ack ok."""
        capability = capability_for(action)
        name = action_name(action)
        with self._lock:
            targets = [s for s in self._sources.values() if capability in s.capabilities]
        if not targets:
            raise OperatorError(NO_SOURCE_TEXT, action=name)
        message = action_to_command(action)
        results = await asyncio.gather(
            *(self._ask(source, message, name, timeout) for source in targets),
            return_exceptions=True,
        )
        for result in results:
            if isinstance(result, BaseException):
                raise result

    async def _ask(
        self, source: _Source, message: dict[str, Any], name: str, timeout: float
    ) -> None:
        command_id = uuid.uuid4().hex
        reply: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
        source.pending[command_id] = reply
        assert source.ws is not None
        try:
            async with asyncio.timeout(timeout):
                await source.ws.send_str(dumps({**message, "id": command_id}))
                ack = await reply
        except TimeoutError:
            log.warning("relay command %s to %s timed out after %g s", name, source.name, timeout)
            raise OperatorError(
                TIMEOUT_TEXT, source=source.name, action=name, seconds=f"{timeout:g}"
            ) from None
        except ConnectionError:
            log.warning("relay command %s: %s disconnected", name, source.name)
            raise OperatorError(GONE_TEXT, source=source.name, action=name) from None
        finally:
            source.pending.pop(command_id, None)
        if ack.get("ok") is not True:
            error = ack.get("error")
            reason = clean_line(error, 200) if isinstance(error, str) else ""
            log.warning("relay command %s refused by %s: %s", name, source.name, reason)
            raise OperatorError(
                REFUSED_TEXT, source=source.name, action=name, error=reason or "no reason given"
            )
        log.info("relay command %s confirmed by %s", name, source.name)

    # -- WebSocket -----------------------------------------------------------------------------

    async def _websocket(self, request: web.Request) -> web.StreamResponse:
        ws = RelayWebSocket(
            max_msg_size=self.limits.max_message_bytes + 1,  # aiohttp refuses sizes >= this
            heartbeat=HEARTBEAT_SECONDS,
            timeout=CLOSE_TIMEOUT,
        )
        peer = _peer(request)
        refused = refusal(request, self.token)
        await ws.prepare(request)
        if refused is not None:
            log.warning("relay refused a WebSocket from %s: %s", peer, refused[1])
            await ws.close(code=WSCloseCode.POLICY_VIOLATION, message=refused[1].encode())
            return ws
        source = self._register(peer, ws)
        if source is None:
            log.warning("relay refused a WebSocket from %s: %s", peer, REASON_TOO_MANY)
            await ws.close(code=WSCloseCode.TRY_AGAIN_LATER, message=REASON_TOO_MANY.encode())
            return ws
        log.info("relay source #%d connected from %s", source.id, peer)
        try:
            reason = await self._serve(source, ws)
            if reason is not None:
                log.warning("relay closed %s (#%d): %s", source.name, source.id, reason)
                await ws.close(code=WSCloseCode.POLICY_VIOLATION, message=reason.encode())
        except Exception:  # one broken connection must never take the server down
            log.exception("relay source %s (#%d) failed", source.name, source.id)
            await ws.close(code=WSCloseCode.INTERNAL_ERROR, message=REASON_INTERNAL.encode())
        finally:
            self._unregister(source)
        return ws

    def _register(self, peer: str, ws: web.WebSocketResponse) -> _Source | None:
        now = time.monotonic()
        with self._lock:
            if len(self._sources) >= self.limits.max_connections or self._closing:
                return None
            source = _Source(
                next(self._ids),
                "websocket",
                "source",
                peer,
                time.time(),
                TokenBucket(self.limits.events_per_second, self.limits.burst, now),
                RateMeter(now),
                ws=ws,
                last_seen=time.time(),
            )
            self._sources[source.id] = source
        self._changed()
        return source

    def _unregister(self, source: _Source) -> None:
        with self._lock:
            self._sources.pop(source.id, None)
        for reply in source.pending.values():
            if not reply.done():
                reply.set_exception(ConnectionResetError(source.name))
        log.info("relay source %s (#%d) disconnected", source.name, source.id)
        self._changed()

    async def _serve(self, source: _Source, ws: web.WebSocketResponse) -> str | None:
        """Read until the source leaves; returns a close reason when it must be sent away."""
        while True:
            msg = await ws.receive()
            if msg.type in (WSMsgType.TEXT, WSMsgType.BINARY):
                reason = await self._message(source, ws, msg.data)
                if reason is not None:
                    return reason
                continue
            if msg.type is WSMsgType.ERROR:
                code = getattr(msg.data, "code", WSCloseCode.INTERNAL_ERROR)
                if code == WSCloseCode.MESSAGE_TOO_BIG:
                    self._oversize(source)
                log.warning("relay closed %s (#%d): error %d", source.name, source.id, code)
            return None

    async def _message(
        self, source: _Source, ws: web.WebSocketResponse, data: str | bytes
    ) -> str | None:
        first = not source.greeted
        source.greeted = True
        offload = len(data) > OFFLOAD_BYTES
        try:
            value = await self._run(decode, data) if offload else decode(data)
            if isinstance(value, dict) and value.get("type") == "hello":
                return await self._hello(source, ws, value, first)
            if isinstance(value, dict) and value.get("type") == "ack":
                return await self._ack(source, ws, value)
            items = as_items(value)
        except EventError as exc:
            self._malformed(source, exc)
            await self._send(ws, error_reply(exc.reason.value, exc.detail))
            return self._bad(source)
        bucket = source.bucket
        if offload:
            outcome = await self._run(self._deliver, source, items, bucket)
        else:
            outcome = self._deliver(source, items, bucket)
        if outcome.rejected:
            detail = f"{outcome.rejected} events do not follow the event schema"
            await self._send(ws, error_reply("rejected_events", detail, **outcome.counts()))
        if outcome.accepted:
            source.bad_streak = 0
        elif outcome.rejected:
            return self._bad(source)
        if outcome.dropped:
            return await self._over_limit(source, ws, outcome)
        return None

    async def _hello(
        self, source: _Source, ws: web.WebSocketResponse, hello: dict[str, Any], first: bool
    ) -> str | None:
        if not first:
            await self._protocol_error(ws, "hello must be the first message")
            return self._bad(source)
        name = hello.get("source", "")
        declared = hello.get("capabilities", [])
        if not isinstance(name, str):
            return "invalid hello: 'source' must be a string"
        if not isinstance(declared, list) or not all(isinstance(c, str) for c in declared):
            return "invalid hello: 'capabilities' must be a list of strings"
        known = {c.value for c in Capability}
        capabilities = frozenset(Capability(c) for c in declared if c in known)
        with self._lock:
            # JSON escapes can carry lone surrogates, which no display or encoder takes.
            valid = name.encode("utf-8", "replace").decode("utf-8")
            source.name = clean_line(valid, MAX_NAME_CHARS) or "source"
            source.capabilities = capabilities
        log.info(
            "relay source #%d is %s, can do: %s",
            source.id,
            source.name,
            ", ".join(sorted(capabilities)) or "nothing but events",
        )
        await self._send(
            ws,
            {
                "type": "welcome",
                "protocol": PROTOCOL_VERSION,
                "source": source.name,
                "capabilities": sorted(capabilities),
                "ignored": sorted({c for c in declared if c not in known}),
                "limits": {
                    "max_message_bytes": self.limits.max_message_bytes,
                    "events_per_second": self.limits.events_per_second,
                    "burst": self.limits.burst,
                },
            },
        )
        source.bad_streak = 0
        self._changed()
        return None

    async def _ack(
        self, source: _Source, ws: web.WebSocketResponse, ack: dict[str, Any]
    ) -> str | None:
        command_id = ack.get("id")
        if not isinstance(command_id, str):
            await self._protocol_error(ws, "an ack needs the command's 'id' (a string)")
            return self._bad(source)
        reply = source.pending.get(command_id)
        if reply is None or reply.done():
            log.debug("relay source %s acked an unknown or expired command", source.name)
        else:
            reply.set_result(ack)
        source.bad_streak = 0
        return None

    async def _over_limit(
        self, source: _Source, ws: web.WebSocketResponse, outcome: Outcome
    ) -> str | None:
        now = time.monotonic()
        if source.breach.hit(now) >= self.limits.close_after_seconds:
            return REASON_RATE_LIMIT
        if now - source.last_notice >= NOTICE_INTERVAL:
            source.last_notice = now
            detail = f"over {self.limits.events_per_second:g} events/s: {outcome.dropped} dropped"
            await self._send(ws, error_reply("rate_limited", detail, **outcome.counts()))
        return None

    def _bad(self, source: _Source) -> str | None:
        source.bad_streak += 1
        return REASON_MALFORMED if source.bad_streak >= self.limits.max_bad_messages else None

    async def _protocol_error(self, ws: web.WebSocketResponse, detail: str) -> None:
        await self._send(ws, error_reply("protocol", detail))

    @staticmethod
    async def _send(ws: web.WebSocketResponse, payload: dict[str, Any]) -> None:
        with contextlib.suppress(ConnectionError):  # it is leaving; the read loop sees that next
            await ws.send_str(dumps(payload))

    # -- HTTP POST -----------------------------------------------------------------------------

    async def _post(self, request: web.Request) -> web.StreamResponse:
        refused = refusal(request, self.token)
        if refused is not None:
            status, reason = refused
            log.warning("relay refused a POST from %s: %s", request.remote, reason)
            headers = {"WWW-Authenticate": 'Bearer realm="LiveDesk relay"'} if status == 401 else {}
            return error_response(status, reason.partition(":")[0], reason, headers)
        if request.content_type != "application/json":
            return error_response(
                415, "unsupported_media_type", "send Content-Type: application/json"
            )
        address = request.remote or "?"
        name = clean_line(request.query.get("source", ""), MAX_NAME_CHARS) or "http"
        source = self._http_sender(address, name)
        limit = self.limits.max_message_bytes
        body = b""
        too_big = request.content_length is not None and request.content_length > limit
        if not too_big:
            try:
                body = await request.read()
            except web.HTTPRequestEntityTooLarge:
                too_big = True
            too_big = too_big or len(body) > limit
        if too_big:
            self._oversize(source)
            detail = f"{REASON_TOO_BIG}: the limit is {limit} bytes"
            return error_response(413, "too_big", detail, rejected=1)
        offload = len(body) > OFFLOAD_BYTES
        try:
            items = as_items(await self._run(decode, body) if offload else decode(body))
        except EventError as exc:
            self._malformed(source, exc)
            return error_response(400, exc.reason.value, exc.detail, rejected=1)
        bucket = self._http_bucket(address)
        if offload:
            outcome = await self._run(self._deliver, source, items, bucket)
        else:
            outcome = self._deliver(source, items, bucket)
        if outcome.dropped:
            return web.json_response(
                outcome.counts(), status=429, headers={"Retry-After": "1"}, dumps=dumps
            )
        return web.json_response(outcome.counts(), dumps=dumps)

    def _http_sender(self, address: str, name: str) -> _Source:
        now = time.monotonic()
        key = (address, name)
        with self._lock:
            source = self._http.get(key)
            first_request = source is None
            if source is None:
                source = _Source(
                    next(self._ids),
                    "http",
                    name,
                    address,
                    time.time(),
                    TokenBucket(self.limits.events_per_second, self.limits.burst, now),
                    RateMeter(now),
                )
                self._http[key] = source
                while len(self._http) > MAX_HTTP_SENDERS:
                    self._http.popitem(last=False)
            self._http.move_to_end(key)
            source.last_seen = time.time()
        if first_request:  # it appears in the sources panel
            self._changed()
        return source

    def _http_bucket(self, address: str) -> TokenBucket:
        """HTTP senders are limited per address, so naming each request anew gains nothing."""
        with self._lock:
            bucket = self._http_buckets.get(address)
            if bucket is None:
                limits = self.limits
                bucket = TokenBucket(limits.events_per_second, limits.burst, time.monotonic())
                self._http_buckets[address] = bucket
                while len(self._http_buckets) > MAX_HTTP_SENDERS:
                    self._http_buckets.popitem(last=False)
            self._http_buckets.move_to_end(address)
            return bucket

    # -- shared --------------------------------------------------------------------------------

    def _deliver(self, source: _Source, items: Sequence[Any], bucket: TokenBucket) -> Outcome:
        """Validate the events the rate limit lets through and hand them to the sink."""
        now = time.monotonic()
        with self._lock:
            granted = bucket.take(len(items), now)
        outcome = Outcome(dropped=len(items) - granted)
        if self._closing:  # the show is being stopped: nothing more may reach the sink
            return outcome
        sink = self.sink
        for index in range(granted):
            try:
                event = parse_event(items[index])
            except EventError as exc:
                outcome.add_error(index, exc)
                sink.reject(exc.reason, f"relay {source.name}: {exc.detail}")
                continue
            outcome.accepted += 1
            if not sink.ingest(event):
                outcome.duplicates += 1
        with self._lock:
            source.accepted += outcome.accepted
            source.rejected += outcome.rejected
            source.dropped += outcome.dropped
            source.meter.add(outcome.accepted, now)
            source.last_seen = time.time()
        return outcome

    def _malformed(self, source: _Source, exc: EventError) -> None:
        self.sink.reject(exc.reason, f"relay {source.name}: {exc.detail}")
        with self._lock:
            source.rejected += 1
            source.last_seen = time.time()

    def _oversize(self, source: _Source) -> None:
        limit = self.limits.max_message_bytes
        self.sink.reject(
            RejectReason.OUT_OF_RANGE, f"relay {source.name}: message over {limit} bytes"
        )
        with self._lock:
            source.rejected += 1
            source.last_seen = time.time()

    async def _run(self, function: Callable[..., Any], *args: Any) -> Any:
        return await asyncio.get_running_loop().run_in_executor(self._parser, function, *args)

    def _changed(self) -> None:
        if self._on_change is None:
            return
        try:
            self._on_change()
        except Exception:
            log.exception("relay on_sources_changed callback failed")
