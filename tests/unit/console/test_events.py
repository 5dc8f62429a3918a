"""The event schema: what is accepted, how it is cleaned, and each reason for rejection."""

from __future__ import annotations

import json

import pytest

from console.events import (
    MAX_SHOW_SECONDS,
    MAX_TEXT_CHARS,
    Comment,
    EventError,
    Like,
    RejectReason,
    RoomStatus,
    Viewers,
    event_to_dict,
    parse_event,
    parse_json_line,
)

COMMENT = {
    "t": 1.5,
    "type": "comment",
    "id": "c1",
    "user_id": "u1",
    "nickname": "小鹿",
    "text": "多少钱？",
}


def test_each_type_parses_to_its_event() -> None:
    assert parse_event(COMMENT) == Comment(1.5, "c1", "u1", "小鹿", "多少钱？")
    assert parse_event({"t": 2, "type": "like", "user_id": "u2", "count": 3}) == Like(2.0, "u2", 3)
    assert parse_event({"t": 3, "type": "viewers", "online": 10, "total": 12}) == Viewers(
        3.0, 10, 12
    )
    assert parse_event({"t": 0, "type": "room", "status": "live"}) == RoomStatus(0.0, "live")


def test_round_trip_through_json() -> None:
    events = [
        parse_event(COMMENT),
        Like(2.0, "u2", 3),
        Viewers(3.0, 10, 12),
        RoomStatus(4.0, "ended"),
    ]
    for event in events:
        assert parse_json_line(json.dumps(event_to_dict(event), ensure_ascii=False)) == event


def test_extra_fields_are_ignored() -> None:
    assert parse_event({**COMMENT, "avatar": "http://x"}).text == "多少钱？"


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("{not json", RejectReason.INVALID_JSON),
        ("[1, 2]", RejectReason.NOT_AN_OBJECT),
        ('"comment"', RejectReason.NOT_AN_OBJECT),
        ('{"t": 1, "type": "gift", "user_id": "u"}', RejectReason.UNKNOWN_TYPE),
        ('{"t": 1}', RejectReason.MISSING_FIELD),
        ('{"type": "like", "user_id": "u", "count": 1}', RejectReason.MISSING_FIELD),
        (
            '{"t": 1, "type": "comment", "id": "c", "user_id": "u", "nickname": "n"}',
            RejectReason.MISSING_FIELD,
        ),
        ('{"t": "1", "type": "like", "user_id": "u", "count": 1}', RejectReason.WRONG_TYPE),
        ('{"t": true, "type": "like", "user_id": "u", "count": 1}', RejectReason.WRONG_TYPE),
        ('{"t": 1, "type": "like", "user_id": 7, "count": 1}', RejectReason.WRONG_TYPE),
        ('{"t": 1, "type": "like", "user_id": "u", "count": 1.5}', RejectReason.WRONG_TYPE),
        ('{"t": 1, "type": "like", "user_id": "u", "count": true}', RejectReason.WRONG_TYPE),
        ('{"t": 1, "type": "viewers", "online": "9", "total": 9}', RejectReason.WRONG_TYPE),
        ('{"t": 1, "type": "room", "status": 101}', RejectReason.WRONG_TYPE),
        ('{"t": -1, "type": "like", "user_id": "u", "count": 1}', RejectReason.OUT_OF_RANGE),
        (
            f'{{"t": {MAX_SHOW_SECONDS + 1}, "type": "like", "user_id": "u", "count": 1}}',
            RejectReason.OUT_OF_RANGE,
        ),
        ('{"t": 1, "type": "like", "user_id": "u", "count": 0}', RejectReason.OUT_OF_RANGE),
        ('{"t": 1, "type": "viewers", "online": -5, "total": 9}', RejectReason.OUT_OF_RANGE),
        ('{"t": 1, "type": "room", "status": "exploded"}', RejectReason.OUT_OF_RANGE),
        (
            '{"t": 1, "type": "like", "user_id": "u", "count": 2147483648}',
            RejectReason.OUT_OF_RANGE,
        ),
        (
            '{"t": 1, "type": "viewers", "online": 1, "total": 99999999999}',
            RejectReason.OUT_OF_RANGE,
        ),
        (
            '{"t": 1, "type": "comment", "id": "c", "user_id": "u", "nickname": "n", "text": "\\ud800"}',
            RejectReason.INVALID_JSON,
        ),
        ('{"t": 1, "type": "like", "user_id": "  ", "count": 1}', RejectReason.OUT_OF_RANGE),
        (
            '{"t": 1, "type": "comment", "id": "c", "user_id": "u", "nickname": "n", "text": " \\n "}',
            RejectReason.EMPTY_TEXT,
        ),
    ],
)
def test_rejections_say_why(raw: str, reason: RejectReason) -> None:
    with pytest.raises(EventError) as caught:
        parse_json_line(raw)
    assert caught.value.reason is reason
    assert caught.value.detail  # a human-readable explanation goes with the code


def test_nan_and_infinite_times_are_rejected() -> None:
    for raw in (
        '{"t": NaN, "type": "room", "status": "live"}',
        '{"t": Infinity, "type": "room", "status": "live"}',
    ):
        with pytest.raises(EventError) as caught:
            parse_json_line(raw)
        assert caught.value.reason is RejectReason.OUT_OF_RANGE


def test_over_long_text_is_truncated_not_dropped() -> None:
    comment = parse_event({**COMMENT, "text": "好" * (MAX_TEXT_CHARS * 3)})
    assert isinstance(comment, Comment)
    assert len(comment.text) == MAX_TEXT_CHARS
    assert comment.text.endswith("…")
    assert comment.text.startswith("好" * 10)


def test_text_becomes_one_plain_line() -> None:
    comment = parse_event(
        {**COMMENT, "text": "第一行\n第二行\t\x00尾巴\u2028", "nickname": "\r\n昵称\x1b"}
    )
    assert isinstance(comment, Comment)
    assert comment.text == "第一行 第二行  尾巴"
    assert comment.nickname == "昵称"


def test_every_control_character_becomes_a_space_and_other_text_stays_as_sent() -> None:
    comment = parse_event({**COMMENT, "text": "a\x85b\x9fc\u2029d\x7fe", "nickname": "🌸小鹿~"})
    assert isinstance(comment, Comment)
    assert comment.text == "a b c d e"
    assert comment.nickname == "🌸小鹿~"


@pytest.mark.parametrize("field", ["text", "nickname", "user_id", "id"])
@pytest.mark.parametrize("surrogate", ["\ud800", "\udfff", "好\udc00好"])
def test_a_lone_surrogate_is_refused_wherever_it_is(field: str, surrogate: str) -> None:
    """A JSON escape such as "\\ud800" decodes to text no database can store."""
    with pytest.raises(EventError) as caught:
        parse_event({**COMMENT, field: surrogate})
    assert caught.value.reason is RejectReason.INVALID_JSON


def test_missing_nickname_text_falls_back_to_user_id() -> None:
    comment = parse_event({**COMMENT, "nickname": ""})
    assert isinstance(comment, Comment)
    assert comment.nickname == "u1"
