"""What relay clients may do: message size, event rate, garbage, connections and their timeouts.

The rate limit is a token bucket per client (events, not messages: a batch of 500 costs 500).
A client that stays over the limit, with no pause of a second or more, for
``close_after_seconds`` is disconnected; short bursts only lose their excess events.

The connection limits hold for every TCP connection from the moment it is accepted, before
any token is seen (console.connection_guard): at most ``max_open_connections`` at once, and a
connection must have a request let in within ``request_timeout`` seconds; once let in, it may
stay idle between requests for ``idle_timeout`` seconds.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

MIB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class RelayLimits:
    max_message_bytes: int = MIB  # one WebSocket message or one POST body
    events_per_second: float = 20_000
    burst: int = 40_000  # events a client may send at once after a quiet spell
    close_after_seconds: float = 3.0  # sustained flooding before the connection is closed
    max_bad_messages: int = 5  # consecutive messages with nothing usable before closing
    max_connections: int = 64  # WebSocket sources at once
    max_open_connections: int = 256  # TCP connections at once, in any state
    request_timeout: float = 5.0  # accepted → a request with the right token
    idle_timeout: float = 60.0  # keep-alive: answered → the next request

    def __post_init__(self) -> None:
        positive = (
            "max_message_bytes",
            "events_per_second",
            "burst",
            "close_after_seconds",
            "request_timeout",
            "idle_timeout",
        )
        for name in positive:
            if getattr(self, name) <= 0:
                raise ValueError(f"{name} must be > 0")
        for name in ("max_bad_messages", "max_connections", "max_open_connections"):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be >= 1")


class TokenBucket:
    """Grants up to ``burst`` events at once, refilled at ``rate`` per second."""

    def __init__(self, rate: float, burst: int, now: float) -> None:
        self.rate = rate
        self.burst = burst
        self._tokens = float(burst)
        self._at = now

    def take(self, wanted: int, now: float) -> int:
        """How many of ``wanted`` events may go through now (the rest are over the limit)."""
        self._tokens = min(self.burst, self._tokens + (now - self._at) * self.rate)
        self._at = now
        granted = min(wanted, int(self._tokens))
        self._tokens -= granted
        return granted


class Breach:
    """How long a client has been over its limit without a pause of ``gap`` seconds."""

    def __init__(self, gap: float = 1.0) -> None:
        self.gap = gap
        self._since: float | None = None
        self._last = 0.0

    def hit(self, now: float) -> float:
        """Record that the client went over the limit now; returns the breach's length so far."""
        if self._since is None or now - self._last > self.gap:
            self._since = now
        self._last = now
        return now - self._since


class RateMeter:
    """Events per second over the last ``window`` seconds, counted in one-second slots."""

    def __init__(self, now: float, window: int = 5) -> None:
        self.window = window
        self._start = now
        self._slots: deque[list[int]] = deque()  # [second, count], oldest first

    def add(self, count: int, now: float) -> None:
        second = int(now)
        if self._slots and self._slots[-1][0] == second:
            self._slots[-1][1] += count
        else:
            self._slots.append([second, count])
        self._trim(second)

    def rate(self, now: float) -> float:
        second = int(now)
        self._trim(second)
        span = min(self.window - 1 + (now - second), now - self._start)
        return sum(count for _, count in self._slots) / max(span, 1.0)

    def _trim(self, second: int) -> None:
        while self._slots and self._slots[0][0] <= second - self.window:
            self._slots.popleft()
