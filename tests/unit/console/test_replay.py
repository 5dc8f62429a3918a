"""Replaying a JSONL show: valid events delivered in order, bad lines skipped and counted."""

from __future__ import annotations

import json
import time
import tracemalloc
from pathlib import Path

import pytest

from console.events import Comment, Viewers
from console.paths import resource_path
from console.platforms import ConnectorError, ConnectorOptions, create_connector
from console.platforms.replay import (
    MAX_LINE_BYTES,
    ReplayConnector,
    file_encoding,
    read_events,
)
from helpers.sinks import RecordingSink

GOOD = [
    {"t": 0, "type": "room", "status": "live"},
    {"t": 0.5, "type": "viewers", "online": 10, "total": 10},
    {"t": 1, "type": "comment", "id": "c1", "user_id": "u1", "nickname": "甲", "text": "你好"},
    {"t": 2, "type": "like", "user_id": "u1", "count": 2},
]
BAD = [
    "{broken json",
    '{"t": 1, "type": "gift", "user_id": "u1"}',
    '{"t": 1, "type": "like", "user_id": "u1", "count": "many"}',
    '{"t": 1, "type": "comment", "id": "c9", "user_id": "u1", "nickname": "乙"}',
    "[]",
]


def write_show(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def play_to_end(connector: ReplayConnector) -> RecordingSink:
    sink = RecordingSink()
    connector.start(sink)
    deadline = time.monotonic() + 20
    while not connector.finished and time.monotonic() < deadline:
        time.sleep(0.01)
    connector.stop()
    assert connector.finished
    return sink


def test_bad_lines_are_skipped_and_counted_by_reason(tmp_path: Path) -> None:
    lines = [
        json.dumps(GOOD[0]),
        BAD[0],
        json.dumps(GOOD[1]),
        BAD[1],
        "",
        BAD[2],
        json.dumps(GOOD[2]),
        BAD[3],
        BAD[4],
        json.dumps(GOOD[3]),
    ]
    path = write_show(tmp_path / "show.jsonl", lines)
    with path.open("ab") as handle:
        handle.write(b'{"t": 3, "type": "room", "status": "\xff\xfe"}\n')  # not UTF-8
    sink = play_to_end(ReplayConnector(path, speed=0))
    assert [e.type for e in sink.events] == ["room", "viewers", "comment", "like"]
    assert dict(sink.rejected) == {
        "invalid_json": 2,
        "unknown_type": 1,
        "wrong_type": 1,
        "missing_field": 1,
        "not_an_object": 1,
    }
    assert any("show.jsonl:2" in d for d in sink.details)  # the line number is reported


def test_speed_paces_events_by_their_time(tmp_path: Path) -> None:
    lines = [json.dumps({**GOOD[1], "t": 0}), json.dumps({**GOOD[2], "t": 60})]
    connector = ReplayConnector(write_show(tmp_path / "slow.jsonl", lines), speed=1)
    sink = RecordingSink()
    connector.start(sink)
    deadline = time.monotonic() + 5
    while not sink.events and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(0.3)
    connector.stop()
    assert [type(e) for e in sink.events] == [Viewers]  # the comment is due a minute later
    assert not connector.finished


def test_the_shipped_sample_show_is_valid() -> None:
    sample = resource_path("sample_show.jsonl")
    sink = play_to_end(ReplayConnector(sample, speed=0))
    assert not sink.rejected
    assert sum(isinstance(e, Comment) for e in sink.events) > 1000


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ConnectorError, match="not found"):
        create_connector(ConnectorOptions(name="replay", replay_path=tmp_path / "nope.jsonl"))
    with pytest.raises(ConnectorError, match="--replay"):
        create_connector(ConnectorOptions(name="replay"))


SAMPLE_LINES = [
    '{"t": 0.5, "type": "comment", "id": "c1", "user_id": "u1", "nickname": "小鹿", "text": "第一条"}',
    '{"t": 1.0, "type": "comment", "id": "c2", "user_id": "u2", "nickname": null, "text": "无昵称"}',
    '{"t": 1.5, "type": "like", "user_id": "u1", "count": 2}',
]


@pytest.mark.parametrize(
    ("name", "encoding"),
    [("utf-8 with a byte-order mark", "utf-8-sig"), ("utf-16 (Windows 'Unicode')", "utf-16")],
)
def test_a_byte_order_mark_keeps_the_first_event(tmp_path: Path, name: str, encoding: str) -> None:
    path = tmp_path / "show.jsonl"
    path.write_text("\r\n".join(SAMPLE_LINES) + "\r\n", encoding=encoding)
    sink = play_to_end(ReplayConnector(path, speed=0))
    assert not sink.rejected, name
    first, second, _like = sink.events
    assert isinstance(first, Comment) and first.id == "c1" and first.nickname == "小鹿"
    assert isinstance(second, Comment) and second.nickname == "u2"  # null: the user id


def test_text_in_an_encoding_without_a_mark_is_refused_in_one_sentence(tmp_path: Path) -> None:
    path = tmp_path / "show.jsonl"
    path.write_bytes("\n".join(SAMPLE_LINES).encode("utf-16-le"))  # no byte-order mark
    with pytest.raises(ConnectorError, match=r"not UTF-8 text.*save it as UTF-8"):
        create_connector(ConnectorOptions(name="replay", replay_path=path))


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_an_over_long_line_is_skipped_with_its_reason_without_holding_it(
    tmp_path: Path, encoding: str
) -> None:
    before = json.dumps({"t": 1, "type": "comment", "id": "a", "user_id": "u", "text": "前"})
    after = json.dumps({"t": 2, "type": "comment", "id": "b", "user_id": "u", "text": "后"})
    huge = '{"t": 1.5, "type": "comment", "id": "x", "user_id": "u", "text": "' + "长" * (
        12 * 1024 * 1024
    )
    path = tmp_path / "show.jsonl"
    path.write_text(f"{before}\n{huge}\n{after}\n", encoding=encoding)
    sink = RecordingSink()
    tracemalloc.start()
    try:
        events = list(read_events(path, sink, file_encoding(path)))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [e.id for e in events if isinstance(e, Comment)] == ["a", "b"]
    assert sink.rejected == {"out_of_range": 1}
    assert sink.details == [f"show.jsonl:2: line over {MAX_LINE_BYTES} bytes, skipped"]
    # The line (24 MB or more) went by in chunks of the limit: never held whole.
    assert peak < 8 * MAX_LINE_BYTES
