"""The relay's books on its sources: who is connected or sent lately, and what each one did.

A source is a WebSocket connection, or an HTTP sender (an address and the name it gives in
``?source=``). The server counts every source's events, rate-limits it with a token bucket and
shows it in the sources panel as a ``SourceInfo`` snapshot. One lock guards all of it, so the
panel may read from any thread while the loop and the parser threads write.
"""

from __future__ import annotations

import asyncio
import itertools
import threading
import time
from collections import OrderedDict, deque
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from console.actions import Capability
from console.events import clean_line
from console.platforms.relay.limits import Breach, RateMeter, RelayLimits, TokenBucket
from console.platforms.relay.wire import Outcome

MAX_NAME_CHARS = 64
MAX_HTTP_SENDERS = 256  # remembered for the panel; the least recently seen are forgotten
HTTP_IDLE_SECONDS = 60.0  # an HTTP sender silent this long leaves the panel


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


@dataclass(frozen=True, slots=True)
class Receipt:
    """Events of one message, accepted and waiting for the commit of ``ticket``."""

    ticket: int
    seq: int | None  # the highest seq among them
    events: int


@dataclass(eq=False)
class Source:
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
    last_busy_notice: float = float("-inf")
    breach: Breach = field(default_factory=Breach)
    pending: dict[str, asyncio.Future[dict[str, Any]]] = field(default_factory=dict)
    named: bool = False  # it gave a name (hello or ``?source=``): its ``seq`` counts
    receipts: deque[Receipt] = field(default_factory=deque)  # accepted, not yet stored
    stored_events: int = 0  # of this connection, committed
    stored_seq: int | None = None  # the highest seq committed

    @property
    def seq_key(self) -> str | None:
        """The name its ``seq`` numbers belong to; None for an unnamed source (ignored)."""
        return self.name if self.named else None

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


class SourceBook:
    """Every source of one relay server, its counters and the HTTP senders' rate buckets.

    Every method may be called from any thread.
    """

    def __init__(self, limits: RelayLimits) -> None:
        self.limits = limits
        self._lock = threading.Lock()  # the books: sources, counters, buckets
        self._sources: dict[int, Source] = {}  # WebSocket sources by id
        self._http: OrderedDict[tuple[str, str], Source] = OrderedDict()
        self._http_buckets: OrderedDict[str, TokenBucket] = OrderedDict()  # by address
        self._ids = itertools.count(1)

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

    def able_to(self, capability: Capability) -> list[Source]:
        """The WebSocket sources that declared ``capability``."""
        with self._lock:
            return [s for s in self._sources.values() if capability in s.capabilities]

    def expect(self, source: Source, receipt: Receipt) -> None:
        """Events of ``source`` accepted: acknowledge them once ``receipt.ticket`` is stored."""
        with self._lock:
            source.receipts.append(receipt)

    def settle_receipts(self, committed: int) -> list[Source]:
        """Move what is now stored (tickets up to ``committed``) to the sources' stored
        counts; returns the WebSocket sources that have news to be told."""
        told = []
        with self._lock:
            for source in self._sources.values():
                receipts = source.receipts
                if not receipts or receipts[0].ticket > committed:
                    continue
                while receipts and receipts[0].ticket <= committed:
                    receipt = receipts.popleft()
                    source.stored_events += receipt.events
                    if receipt.seq is not None:
                        source.stored_seq = max(source.stored_seq or 0, receipt.seq)
                told.append(source)
        return told

    def websockets(self) -> list[web.WebSocketResponse]:
        with self._lock:
            return [source.ws for source in self._sources.values() if source.ws is not None]

    def register(self, peer: str, ws: web.WebSocketResponse, *, closing: bool) -> Source | None:
        """A new WebSocket source; None when there are too many or the server is closing."""
        now = time.monotonic()
        with self._lock:
            if len(self._sources) >= self.limits.max_connections or closing:
                return None
            source = Source(
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
        return source

    def unregister(self, source: Source) -> None:
        with self._lock:
            self._sources.pop(source.id, None)

    def introduce(self, source: Source, name: str, capabilities: frozenset[Capability]) -> None:
        """What a source's hello said: its name (cleaned for display) and capabilities."""
        with self._lock:
            # JSON escapes can carry lone surrogates, which no display or encoder takes.
            valid = name.encode("utf-8", "replace").decode("utf-8")
            cleaned = clean_line(valid, MAX_NAME_CHARS)
            source.name = cleaned or "source"
            source.named = bool(cleaned)
            source.capabilities = capabilities

    def http_sender(self, address: str, name: str) -> tuple[Source, bool]:
        """The HTTP sender at ``address`` calling itself ``name`` (``?source=``), and whether
        this is its first request (it appears in the sources panel then)."""
        named = bool(clean_line(name, MAX_NAME_CHARS))
        name = clean_line(name, MAX_NAME_CHARS) or "http"
        now = time.monotonic()
        key = (address, name)
        with self._lock:
            source = self._http.get(key)
            first_request = source is None
            if source is None:
                source = Source(
                    next(self._ids),
                    "http",
                    name,
                    address,
                    time.time(),
                    TokenBucket(self.limits.events_per_second, self.limits.burst, now),
                    RateMeter(now),
                    named=named,
                )
                self._http[key] = source
                while len(self._http) > MAX_HTTP_SENDERS:
                    self._http.popitem(last=False)
            self._http.move_to_end(key)
            source.last_seen = time.time()
        return source, first_request

    def http_bucket(self, address: str) -> TokenBucket:
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

    def take(self, bucket: TokenBucket, wanted: int, now: float) -> int:
        """How many of ``wanted`` events ``bucket`` lets through now."""
        with self._lock:
            return bucket.take(wanted, now)

    def count(self, source: Source, outcome: Outcome, now: float) -> None:
        """Add what became of one message's events to the source's counters."""
        with self._lock:
            source.accepted += outcome.accepted
            source.rejected += outcome.rejected
            source.dropped += outcome.dropped
            source.meter.add(outcome.accepted, now)
            source.last_seen = time.time()

    def count_rejected_message(self, source: Source) -> None:
        """A message with nothing usable in it (malformed or too big)."""
        with self._lock:
            source.rejected += 1
            source.last_seen = time.time()
