"""The relay's network side: one aiohttp server, one port, run on the connector's loop thread.

``GET /ws`` is the WebSocket endpoint: a source may say hello (its name and capabilities),
streams events (one JSON object, or an array of them, per message) and answers the console's
commands with acks. ``POST /events`` takes the same JSON from simple senders.

aiohttp was chosen because one server on one port serves both endpoints, and it enforces the
size limits itself (``max_msg_size`` for WebSocket messages, ``client_max_size`` for request
bodies) before a message is buffered whole. The books on the sources are a SourceBook
(console.platforms.relay.sources); commands to them go through console.platforms.relay.commands.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from socket import socket
from typing import Any

from aiohttp import WSCloseCode, WSMsgType, web
from aiohttp.http_exceptions import HttpProcessingError

from console.actions import Action, Capability
from console.actions import required_capability as capability_for
from console.connection_guard import ConnectionGuard, GuardedSite
from console.events import EventError, RejectReason, parse_event
from console.http_access import refusal
from console.log import platform as log
from console.origin import Origin
from console.platforms.base import EventSink
from console.platforms.relay.commands import abandon, send_command, settle
from console.platforms.relay.limits import RelayLimits, TokenBucket
from console.platforms.relay.sources import Receipt, Source, SourceBook, SourceInfo
from console.platforms.relay.wire import (
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
    busy_reply,
    decode,
    dumps,
    error_reply,
    error_response,
    event_seq,
    stored_reply,
)
from console.throttled_log import ThrottledLog

HEARTBEAT_SECONDS = 20.0  # ping idle sources; one that does not answer is dropped
CLOSE_TIMEOUT = 2.0  # a source that ignores our close frame is cut off after this
OFFLOAD_BYTES = 64 * 1024  # larger messages are parsed on a worker thread, not the loop
NOTICE_INTERVAL = 1.0  # at most one "rate_limited" or "busy" notice a second per source
BUSY_POLL_SECONDS = 0.02  # how often a held-back source's connection looks again
POST_STORE_TIMEOUT = 30.0  # a POST is answered once its events are stored, or after this


class _ServerLog(logging.LoggerAdapter[logging.Logger]):
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
    """Serves the relay endpoints; its SourceBook keeps the books on every source.

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
        self._book = SourceBook(limits)
        self._runner: web.AppRunner | None = None
        self._guard: ConnectionGuard | None = None
        self._refusals: ThrottledLog | None = None  # one line per interval, however many
        self._closing = False
        self._parser = ThreadPoolExecutor(max_workers=2, thread_name_prefix="relay-parse")
        self._loop: asyncio.AbstractEventLoop | None = None
        self._committed = 0  # the storage's last commit: tickets up to it are stored
        self._commit_waiters: list[tuple[int, asyncio.Future[None]]] = []  # POSTs
        self._replies: set[asyncio.Future[None]] = set()  # "stored" messages being sent
        sink.add_commit_listener(self._on_commit)

    # -- lifecycle -------------------------------------------------------------------------

    async def open(self, sock: socket) -> None:
        # aiohttp versions differ on whether a body of exactly client_max_size is too big;
        # allowing one byte more and checking the size here gives the documented limit on all.
        self._loop = asyncio.get_running_loop()
        limits = self.limits
        self._guard = guard = ConnectionGuard(
            "relay",
            log,
            max_open=limits.max_open_connections,
            request_timeout=limits.request_timeout,
            idle_timeout=limits.idle_timeout,
        )
        self._refusals = ThrottledLog(self._loop, log)
        app = web.Application(
            client_max_size=limits.max_message_bytes + 1, middlewares=[guard.middleware]
        )
        app.router.add_get(WS_PATH, self._websocket)
        app.router.add_post(EVENTS_PATH, self._post)
        self._runner = web.AppRunner(
            app, access_log=None, logger=_ServerLog(log), shutdown_timeout=CLOSE_TIMEOUT
        )
        await self._runner.setup()
        await GuardedSite(self._runner, sock, guard).start()

    async def close(self) -> None:
        """Say goodbye to every source, stop serving and finish the messages being parsed."""
        self._closing = True
        sockets = self._book.websockets()
        await asyncio.gather(*(self._goodbye(ws) for ws in sockets))
        if self._runner is not None:
            await self._runner.cleanup()
        self._parser.shutdown(wait=True)

    @staticmethod
    async def _goodbye(ws: web.WebSocketResponse) -> None:
        with contextlib.suppress(TimeoutError, ConnectionError):
            async with asyncio.timeout(CLOSE_TIMEOUT):
                await ws.close(code=WSCloseCode.GOING_AWAY, message=REASON_STOPPING.encode())

    # -- access ------------------------------------------------------------------------------

    def _admit(self, request: web.Request) -> None:
        """The request passed the token check: its connection may stay open while in use."""
        if self._guard is not None:
            self._guard.admit(request)

    def _refused(self, text: str) -> None:
        if self._refusals is not None:
            self._refusals.note(text)

    # -- what the connector reads from other threads ----------------------------------------

    def snapshot(self) -> list[SourceInfo]:
        return self._book.snapshot()

    def declared_capabilities(self) -> frozenset[Capability]:
        return self._book.declared_capabilities()

    # -- commands ----------------------------------------------------------------------------

    async def command(self, action: Action, timeout: float) -> None:
        """Send ``action`` to every source that declared its capability; all must ack ok."""
        await send_command(action, self._book.able_to(capability_for(action)), timeout)

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
            self._refused(f"relay refused a WebSocket from {peer}: {refused[1]}")
            await ws.close(code=WSCloseCode.POLICY_VIOLATION, message=refused[1].encode())
            return ws
        self._admit(request)
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

    def _register(self, peer: str, ws: web.WebSocketResponse) -> Source | None:
        source = self._book.register(peer, ws, closing=self._closing)
        if source is not None:
            self._changed()
        return source

    def _unregister(self, source: Source) -> None:
        self._book.unregister(source)
        abandon(source)
        log.info("relay source %s (#%d) disconnected", source.name, source.id)
        self._changed()

    async def _serve(self, source: Source, ws: web.WebSocketResponse) -> str | None:
        """Read until the source leaves; returns a close reason when it must be sent away."""
        while True:
            await self._hold_while_busy(source, ws)
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
        self, source: Source, ws: web.WebSocketResponse, data: str | bytes
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
            if outcome.ticket <= self._committed:  # all duplicates: stored long ago
                self._acknowledge(self._committed)
        elif outcome.rejected:
            return self._bad(source)
        if outcome.dropped:
            return await self._over_limit(source, ws, outcome)
        return None

    async def _hello(
        self, source: Source, ws: web.WebSocketResponse, hello: dict[str, Any], first: bool
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
        self._book.introduce(source, name, capabilities)
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
        self, source: Source, ws: web.WebSocketResponse, ack: dict[str, Any]
    ) -> str | None:
        command_id = ack.get("id")
        if not isinstance(command_id, str):
            await self._protocol_error(ws, "an ack needs the command's 'id' (a string)")
            return self._bad(source)
        settle(source, command_id, ack)
        source.bad_streak = 0
        return None

    async def _hold_while_busy(self, source: Source, ws: web.WebSocketResponse) -> None:
        """While the console is behind, read nothing more from this source (TCP slows it
        down) and tell it so, at most once a NOTICE_INTERVAL."""
        while self.sink.busy and not self._closing and not ws.closed:
            now = time.monotonic()
            if now - source.last_busy_notice >= NOTICE_INTERVAL:
                source.last_busy_notice = now
                await self._send(ws, busy_reply())
            await asyncio.sleep(BUSY_POLL_SECONDS)

    # -- acknowledgements ----------------------------------------------------------------------

    def _on_commit(self, committed: int) -> None:
        """On the storage thread: the loop tells the sources what is stored now."""
        loop = self._loop
        if loop is not None and not loop.is_closed():
            with contextlib.suppress(RuntimeError):  # the loop closed meanwhile
                loop.call_soon_threadsafe(self._acknowledge, committed)

    def _acknowledge(self, committed: int) -> None:
        self._committed = max(self._committed, committed)
        for source in self._book.settle_receipts(self._committed):
            if source.ws is not None and not source.ws.closed:
                reply = stored_reply(source.stored_seq, source.stored_events)
                task = asyncio.ensure_future(self._send(source.ws, reply))
                self._replies.add(task)
                task.add_done_callback(self._replies.discard)
        waiting = []
        for ticket, future in self._commit_waiters:
            if ticket <= self._committed:
                if not future.done():
                    future.set_result(None)
            else:
                waiting.append((ticket, future))
        self._commit_waiters = waiting

    async def _stored(self, ticket: int, timeout: float) -> bool:
        """Wait until ``ticket`` is committed; False when that takes longer than ``timeout``."""
        if ticket <= self._committed:
            return True
        future = asyncio.get_running_loop().create_future()
        self._commit_waiters.append((ticket, future))
        try:
            async with asyncio.timeout(timeout):
                await future
        except TimeoutError:
            return False
        return True

    async def _over_limit(
        self, source: Source, ws: web.WebSocketResponse, outcome: Outcome
    ) -> str | None:
        now = time.monotonic()
        if source.breach.hit(now) >= self.limits.close_after_seconds:
            return REASON_RATE_LIMIT
        if now - source.last_notice >= NOTICE_INTERVAL:
            source.last_notice = now
            detail = f"over {self.limits.events_per_second:g} events/s: {outcome.dropped} dropped"
            await self._send(ws, error_reply("rate_limited", detail, **outcome.counts()))
        return None

    def _bad(self, source: Source) -> str | None:
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
            self._refused(f"relay refused a POST from {request.remote}: {reason}")
            headers = {"WWW-Authenticate": 'Bearer realm="LiveDesk relay"'} if status == 401 else {}
            response = error_response(status, reason.partition(":")[0], reason, headers)
            response.force_close()  # it is not let in: its connection is not kept either
            return response
        self._admit(request)
        if request.content_type != "application/json":
            return error_response(
                415, "unsupported_media_type", "send Content-Type: application/json"
            )
        if self.sink.busy:
            return error_response(
                503,
                "busy",
                "the console is behind; send again after Retry-After (nothing was accepted)",
                {"Retry-After": "1"},
            )
        address = request.remote or "?"
        source, first_request = self._book.http_sender(address, request.query.get("source", ""))
        if first_request:  # it appears in the sources panel
            self._changed()
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
        bucket = self._book.http_bucket(address)
        if offload:
            outcome = await self._run(self._deliver, source, items, bucket)
        else:
            outcome = self._deliver(source, items, bucket)
        if outcome.accepted and not await self._stored(outcome.ticket, POST_STORE_TIMEOUT):
            detail = "accepted but not stored yet; send the same events again later"
            return error_response(503, "not_stored", detail, {"Retry-After": "5"})
        if outcome.dropped:
            return web.json_response(
                outcome.counts(), status=429, headers={"Retry-After": "1"}, dumps=dumps
            )
        return web.json_response(outcome.counts(), dumps=dumps)

    # -- shared --------------------------------------------------------------------------------

    def _deliver(self, source: Source, items: Sequence[Any], bucket: TokenBucket) -> Outcome:
        """Validate the events the rate limit lets through and hand them to the sink."""
        now = time.monotonic()
        granted = self._book.take(bucket, len(items), now)
        outcome = Outcome(dropped=len(items) - granted)
        if self._closing:  # the show is being stopped: nothing more may reach the sink
            return outcome
        sink = self.sink
        key = source.seq_key
        last_seq: int | None = None
        for index in range(granted):
            item = items[index]
            try:
                event = parse_event(item)
                seq = event_seq(item)
            except EventError as exc:
                outcome.add_error(index, exc)
                sink.reject(exc.reason, f"relay {source.name}: {exc.detail}")
                continue
            outcome.accepted += 1
            origin = None
            if seq is not None:
                last_seq = seq if last_seq is None else max(last_seq, seq)
                if key is not None:
                    origin = Origin(key, seq)
            if not sink.ingest(event, origin):
                outcome.duplicates += 1
        if outcome.accepted:
            outcome.ticket = sink.ticket()
            if source.kind == "websocket":
                self._book.expect(source, Receipt(outcome.ticket, last_seq, outcome.accepted))
        self._book.count(source, outcome, now)
        return outcome

    def _malformed(self, source: Source, exc: EventError) -> None:
        self.sink.reject(exc.reason, f"relay {source.name}: {exc.detail}")
        self._book.count_rejected_message(source)

    def _oversize(self, source: Source) -> None:
        limit = self.limits.max_message_bytes
        self.sink.reject(
            RejectReason.OUT_OF_RANGE, f"relay {source.name}: message over {limit} bytes"
        )
        self._book.count_rejected_message(source)

    async def _run(self, function: Callable[..., Any], *args: Any) -> Any:
        return await asyncio.get_running_loop().run_in_executor(self._parser, function, *args)

    def _changed(self) -> None:
        if self._on_change is not None:
            self._on_change()
