"""The one event schema for everything that comes from a live room.

Every source (the demo room, a replayed JSONL file, the relay endpoint) speaks it:
one JSON object per event with ``t`` (seconds since the show started, 0..48 h) and ``type``.

=========  ==========================================================
type       fields
=========  ==========================================================
comment    id (str), user_id (str), nickname (str, null or absent), text (str)
like       user_id (str), count (int >= 1)
viewers    online (int >= 0), total (int >= 0)
room       status (one of ROOM_STATUSES)
=========  ==========================================================

Unknown extra fields are ignored. A comment without a nickname shows its user id. Comment
text longer than MAX_TEXT_CHARS is truncated (never dropped); control characters and line
breaks become spaces, because a comment is always shown as one line of plain text.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Any

MAX_TEXT_CHARS = 300
MAX_NICKNAME_CHARS = 40
MAX_ID_CHARS = 128
MAX_SHOW_SECONDS = 48 * 3600  # no broadcast runs longer; a larger ``t`` is a broken source
MAX_INTEGER = 2**31 - 1  # counts are stored in 32-bit INTEGER columns (PostgreSQL)
ELLIPSIS = "…"

ROOM_STATUSES = ("not_started", "live", "paused", "ended", "banned", "abnormal", "expired")


class RejectReason(StrEnum):
    """Why an incoming event was refused. Values are stable: they appear in summaries."""

    INVALID_JSON = "invalid_json"
    NOT_AN_OBJECT = "not_an_object"
    UNKNOWN_TYPE = "unknown_type"
    MISSING_FIELD = "missing_field"
    WRONG_TYPE = "wrong_type"
    OUT_OF_RANGE = "out_of_range"
    EMPTY_TEXT = "empty_text"


class EventError(ValueError):
    """An event that does not follow the schema; ``reason`` says which rule it broke."""

    def __init__(self, reason: RejectReason, detail: str) -> None:
        super().__init__(f"{reason.value}: {detail}")
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True, slots=True)
class Comment:
    t: float
    id: str
    user_id: str
    nickname: str
    text: str
    type = "comment"


@dataclass(frozen=True, slots=True)
class Like:
    t: float
    user_id: str
    count: int
    type = "like"


@dataclass(frozen=True, slots=True)
class Viewers:
    t: float
    online: int
    total: int
    type = "viewers"


@dataclass(frozen=True, slots=True)
class RoomStatus:
    t: float
    status: str
    type = "room"


Event = Comment | Like | Viewers | RoomStatus
EVENT_TYPES: tuple[str, ...] = ("comment", "like", "viewers", "room")


# C0/C1 control characters and the Unicode line/paragraph separators all become spaces.
_TO_SPACE = str.maketrans({c: " " for c in (*range(0x20), *range(0x7F, 0xA0), 0x2028, 0x2029)})
# Most text has none of them: a search is several times cheaper than a translation.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def clean_line(value: str, limit: int) -> str:
    """One line of plain text: control characters to spaces, trimmed, cut to ``limit``."""
    if _CONTROL.search(value) is not None:
        value = value.translate(_TO_SPACE)
    text = value.strip()
    if len(text) > limit:
        text = text[: limit - 1] + ELLIPSIS
    return text


def _field(obj: dict[str, Any], name: str) -> Any:
    if name not in obj:
        raise EventError(RejectReason.MISSING_FIELD, f"field {name!r} is missing")
    return obj[name]


def _string(obj: dict[str, Any], name: str, *, limit: int, required: bool = True) -> str:
    value = _field(obj, name)
    if not isinstance(value, str):
        raise EventError(RejectReason.WRONG_TYPE, f"{name!r} must be a string")
    if _SURROGATE.search(value) is not None:  # a lone one from a "\ud800" escape: not storable
        raise EventError(RejectReason.INVALID_JSON, f"{name!r} is not valid Unicode")
    text = clean_line(value, limit)
    if required and not text:
        raise EventError(RejectReason.OUT_OF_RANGE, f"{name!r} must not be empty")
    return text


def _integer(obj: dict[str, Any], name: str, *, minimum: int) -> int:
    value = _field(obj, name)
    if isinstance(value, bool) or not isinstance(value, int):
        raise EventError(RejectReason.WRONG_TYPE, f"{name!r} must be an integer")
    if not minimum <= value <= MAX_INTEGER:
        raise EventError(
            RejectReason.OUT_OF_RANGE, f"{name!r} must be between {minimum} and {MAX_INTEGER}"
        )
    return value


def _time(obj: dict[str, Any]) -> float:
    value = _field(obj, "t")
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise EventError(RejectReason.WRONG_TYPE, "'t' must be a number of seconds")
    if not math.isfinite(value) or not 0 <= value <= MAX_SHOW_SECONDS:
        raise EventError(RejectReason.OUT_OF_RANGE, f"'t' must be between 0 and {MAX_SHOW_SECONDS}")
    return float(value)


def parse_event(obj: Any) -> Event:
    """Validate one decoded JSON value and return the event, or raise EventError."""
    if not isinstance(obj, dict):
        raise EventError(RejectReason.NOT_AN_OBJECT, "an event must be a JSON object")
    kind = _field(obj, "type")
    if kind not in EVENT_TYPES:
        raise EventError(RejectReason.UNKNOWN_TYPE, f"unknown event type {kind!r}")
    t = _time(obj)
    if kind == "comment":
        event_id = _string(obj, "id", limit=MAX_ID_CHARS)
        user_id = _string(obj, "user_id", limit=MAX_ID_CHARS)
        # A missing or null nickname means "no nickname": the user id stands in for it.
        nickname = (
            _string(obj, "nickname", limit=MAX_NICKNAME_CHARS, required=False)
            if obj.get("nickname") is not None
            else ""
        )
        text = _string(obj, "text", limit=MAX_TEXT_CHARS, required=False)
        if not text:
            raise EventError(RejectReason.EMPTY_TEXT, "comment text is empty")
        return Comment(t, event_id, user_id, nickname or user_id, text)
    if kind == "like":
        return Like(
            t, _string(obj, "user_id", limit=MAX_ID_CHARS), _integer(obj, "count", minimum=1)
        )
    if kind == "viewers":
        return Viewers(t, _integer(obj, "online", minimum=0), _integer(obj, "total", minimum=0))
    status = _field(obj, "status")
    if not isinstance(status, str):
        raise EventError(RejectReason.WRONG_TYPE, "'status' must be a string")
    if status not in ROOM_STATUSES:
        raise EventError(RejectReason.OUT_OF_RANGE, f"'status' must be one of {ROOM_STATUSES}")
    return RoomStatus(t, status)


def parse_json_line(line: str) -> Event:
    """Decode one JSONL line and validate it (raises EventError for either failure)."""
    try:
        obj = json.loads(line)
    except (json.JSONDecodeError, RecursionError) as exc:
        raise EventError(RejectReason.INVALID_JSON, f"not valid JSON ({exc})") from None
    return parse_event(obj)


def event_to_dict(event: Event) -> dict[str, Any]:
    """The JSON object form of an event (what a JSONL file or the relay carries)."""
    return {
        "t": event.t,
        "type": event.type,
        **{k: v for k, v in asdict(event).items() if k != "t"},
    }


def event_to_json(event: Event) -> str:
    return json.dumps(event_to_dict(event), ensure_ascii=False, separators=(",", ":"))
