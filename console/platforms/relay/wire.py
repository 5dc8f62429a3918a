"""What travels on the relay's wire: paths, message decoding, replies and close reasons.

docs/relay.md is the protocol page; keep the two in step.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from aiohttp import WSCloseCode, web

from console.events import EventError, RejectReason

WS_PATH = "/ws"
EVENTS_PATH = "/events"
PROTOCOL_VERSION = 1
MAX_ERRORS_LISTED = 20  # per reply; the counts are always complete
MAX_SEQ = 2**63 - 1
BUSY_RETRY_MS = 250  # what a "busy" reply asks a source to wait before sending more

REASON_TOO_MANY = "too many connections"
REASON_TOO_BIG = "message too big"
REASON_MALFORMED = "too many malformed messages"
REASON_RATE_LIMIT = "rate limit"
REASON_STOPPING = "console stopping"
REASON_INTERNAL = "internal error"

# aiohttp closes a connection itself on a protocol violation, with an empty reason.
_DEFAULT_REASONS = {
    WSCloseCode.MESSAGE_TOO_BIG: REASON_TOO_BIG,
    WSCloseCode.INVALID_TEXT: "invalid UTF-8 text",
    WSCloseCode.PROTOCOL_ERROR: "WebSocket protocol error",
}


class RelayWebSocket(web.WebSocketResponse):
    """Closes with a reason a person can read also when aiohttp itself ends the connection."""

    async def close(
        self, *, code: int = WSCloseCode.OK, message: bytes = b"", drain: bool = True
    ) -> bool:
        if not message and code in _DEFAULT_REASONS:
            message = _DEFAULT_REASONS[WSCloseCode(code)].encode()
        return await super().close(code=code, message=message, drain=drain)


@dataclass(slots=True)
class Outcome:
    """What became of the events of one message."""

    accepted: int = 0  # valid (a repeated comment id included: the show ignores those)
    duplicates: int = 0
    rejected: int = 0
    dropped: int = 0  # over the rate limit
    errors: list[dict[str, Any]] = field(default_factory=list)
    ticket: int = 0  # stored once the storage commits this ticket (when any was accepted)

    def add_error(self, index: int, exc: EventError) -> None:
        self.rejected += 1
        if len(self.errors) < MAX_ERRORS_LISTED:
            self.errors.append({"index": index, "reason": exc.reason.value, "detail": exc.detail})

    def counts(self) -> dict[str, Any]:
        return {
            "accepted": self.accepted,
            "duplicates": self.duplicates,
            "rejected": self.rejected,
            "dropped": self.dropped,
            "errors": self.errors,
        }


def decode(data: str | bytes) -> Any:
    """The JSON value of one message (text, or UTF-8 bytes); raises EventError."""
    try:
        text = data.decode("utf-8") if isinstance(data, bytes) else data
        return json.loads(text)
    except UnicodeDecodeError:
        raise EventError(RejectReason.INVALID_JSON, "not UTF-8") from None
    except (ValueError, RecursionError) as exc:
        raise EventError(RejectReason.INVALID_JSON, f"not valid JSON ({exc})") from None


def as_items(value: Any) -> list[Any]:
    """The events of a message: one object, or an array (a batch)."""
    if isinstance(value, dict):
        return [value]
    if isinstance(value, list):
        return value
    raise EventError(RejectReason.NOT_AN_OBJECT, "send an event object or an array of events")


def event_seq(item: Any) -> int | None:
    """The ``seq`` a source gave an event (None without one); raises EventError when it is
    not a whole number from 0 to 2**63-1."""
    seq = item.get("seq") if isinstance(item, dict) else None
    if seq is None:
        return None
    if not isinstance(seq, int) or isinstance(seq, bool):
        raise EventError(RejectReason.WRONG_TYPE, "'seq' must be a whole number")
    if not 0 <= seq <= MAX_SEQ:
        raise EventError(RejectReason.OUT_OF_RANGE, "'seq' must be from 0 to 2**63-1")
    return seq


def stored_reply(seq: int | None, events: int) -> dict[str, Any]:
    """Tells a WebSocket source what is stored: its events up to ``seq`` (None when it sends
    none), ``events`` counting everything stored from this connection."""
    return {"type": "stored", "seq": seq, "events": events}


def busy_reply(retry_after_ms: int = BUSY_RETRY_MS) -> dict[str, Any]:
    """Tells a source the console is behind: it reads nothing more from it until it is not."""
    return {"type": "busy", "retry_after_ms": retry_after_ms}


def dumps(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        # A lone surrogate a client sent as a JSON escape and that we echo back (an unknown
        # capability of a hello): as an ASCII escape again, or the message cannot be sent.
        return json.dumps(value, separators=(",", ":"))
    return text


def error_reply(error: str, detail: str, **counts: Any) -> dict[str, Any]:
    """A WebSocket reply that tells the source what went wrong with its last message."""
    return {"type": "error", "error": error, "detail": detail, **counts}


def error_response(
    status: int,
    error: str,
    detail: str,
    headers: dict[str, str] | None = None,
    *,
    rejected: int = 0,
) -> web.Response:
    """A refused POST: what went wrong, in the same shape as an accepted one."""
    body = {
        "error": error,
        "detail": detail,
        **Outcome(rejected=rejected).counts(),
        "errors": [{"reason": error, "detail": detail}] if rejected else [],
    }
    return web.json_response(body, status=status, headers=headers, dumps=dumps)
