"""Acknowledged means stored, and a console that is behind holds its sources back.

The relay tells a source what is stored ("stored" with its last ``seq``) only once the
database has it; events a source numbered at or below its stored mark are duplicates, also
after a restart; while the writer (or a window's feed) is behind, paced sources wait, the
relay reads nothing more from its sources and POSTs get 503.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from sqlalchemy import Engine

import console.show
from console.events import Comment, Like
from console.origin import Origin
from console.platforms.relay import RelayConnector
from console.platforms.replay import ReplayConnector
from console.show import UI_BUSY_ITEMS, UNREAD_UI_ITEMS, LiveShow
from console.storage.database import create_db_engine
from console.storage.queries import stored_counts
from console.storage.writer import (
    BUSY_SECONDS,
    MAX_UNSAVED_AGE,
    MIN_BUSY_ITEMS,
    ShowInfo,
    StorageWriter,
)
from helpers.relay_client import next_json, run
from helpers.sinks import RecordingSink


def wait_until(condition: Callable[[], bool], timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting"
        time.sleep(0.01)


def stored(engine: Engine, show_id: int) -> dict[str, int]:
    """What the database holds for the show, per event type (types it has none of left out)."""
    return {kind: n for kind, n in stored_counts(engine, show_id).items() if n}


def comment(n: int, seq: int | None = None) -> dict[str, Any]:
    event = {"t": 1.0, "type": "comment", "id": f"c{n}", "user_id": "u1", "text": f"第{n}条"}
    return event if seq is None else {**event, "seq": seq}


def like(seq: int) -> dict[str, Any]:
    return {"t": 2.0, "type": "like", "user_id": "u1", "count": 2, "seq": seq}


@pytest.fixture
def stored_show(db_url: str) -> Iterator[tuple[LiveShow, StorageWriter, Engine]]:
    engine = create_db_engine(db_url)
    writer = StorageWriter(engine, ShowInfo("relay", resumable=True))
    writer.start()
    yield LiveShow(writer), writer, engine
    writer.close()


@pytest.fixture
def relay() -> Iterator[Callable[[Any], RelayConnector]]:
    started: list[RelayConnector] = []

    def start(sink: Any) -> RelayConnector:
        connector = RelayConnector(port=0)
        connector.start(sink)
        started.append(connector)
        return connector

    yield start
    for connector in started:
        connector.stop()


def test_a_source_is_told_stored_only_for_what_the_database_holds(stored_show, relay) -> None:
    show, writer, engine = stored_show
    connector = relay(show)

    async def scenario() -> dict[str, Any]:
        async with aiohttp.ClientSession() as session, session.ws_connect(connector.ws_url) as ws:
            await ws.send_json({"type": "hello", "source": "backend"})
            await next_json(ws)
            await ws.send_json([comment(1, seq=10), comment(2, seq=11), like(12)])
            reply = await next_json(ws, skip=())
            assert reply["type"] == "stored"
            # When the console says stored, the database has it.
            assert stored(engine, writer.show_id()) == {"comment": 2, "like": 1}
            return reply

    assert run(scenario()) == {"type": "stored", "seq": 12, "events": 3}


def test_numbered_events_already_stored_are_ignored_also_after_a_restart(db_url: str) -> None:
    engine = create_db_engine(db_url)
    writer = StorageWriter(engine, ShowInfo("relay", resumable=True))
    writer.start()
    show = LiveShow(writer)
    assert show.ingest(Like(1.0, "u1", 3), Origin("backend", 1))
    assert show.ingest(Like(1.5, "u1", 3), Origin("backend", 2))
    assert not show.ingest(Like(1.5, "u1", 3), Origin("backend", 2))  # resent at once
    assert show.ingest(Like(1.5, "u2", 1), Origin("other", 2))  # another source's numbers
    assert writer.close(end_show=False)

    again = StorageWriter(engine, ShowInfo("relay", resumable=True))
    again.start()
    show_id = again.show_id()
    resumed = again.resumed
    assert resumed is not None and resumed.marks == {"backend": 2, "other": 2}
    continued = LiveShow(again)
    continued.resume(resumed.comment_ids, 0.0, resumed.received, resumed.marks)
    # The source starts over after the restart: its first two likes are duplicates.
    assert not continued.ingest(Like(1.0, "u1", 3), Origin("backend", 1))
    assert not continued.ingest(Like(1.5, "u1", 3), Origin("backend", 2))
    assert continued.ingest(Like(3.0, "u1", 3), Origin("backend", 3))
    assert again.close()
    assert stored(engine, show_id) == {"like": 4}
    assert continued.counters().duplicates == 2


def test_a_resent_numbered_batch_is_acknowledged_without_storing_it_twice(
    stored_show, relay
) -> None:
    show, writer, engine = stored_show
    connector = relay(show)
    batch = [like(1), like(2), like(3)]

    async def scenario() -> list[dict[str, Any]]:
        replies = []
        async with aiohttp.ClientSession() as session:
            for _ in range(2):  # the second connection resends what it was unsure of
                async with session.ws_connect(connector.ws_url) as ws:
                    await ws.send_json({"type": "hello", "source": "backend"})
                    await next_json(ws)
                    await ws.send_json(batch)
                    replies.append(await next_json(ws, skip=()))
        return replies

    first, second = run(scenario())
    assert first == {"type": "stored", "seq": 3, "events": 3}
    assert second["seq"] == 3
    assert stored(engine, writer.show_id()) == {"like": 3}


def test_an_unnamed_source_numbers_nothing_across_connections(relay) -> None:
    sink = RecordingSink()
    connector = relay(sink)

    async def scenario() -> dict[str, Any]:
        async with aiohttp.ClientSession() as session, session.ws_connect(connector.ws_url) as ws:
            await ws.send_json([like(1), like(2)])
            return await next_json(ws, skip=())

    assert run(scenario()) == {"type": "stored", "seq": 2, "events": 2}
    # Without a name its numbers cannot be told from another source's: no mark is kept.
    assert sink.origins == [None, None]


def test_an_invalid_seq_rejects_the_event_with_the_reason(relay) -> None:
    sink = RecordingSink()
    connector = relay(sink)

    async def scenario() -> dict[str, Any]:
        async with aiohttp.ClientSession() as session, session.ws_connect(connector.ws_url) as ws:
            await ws.send_json([{**like(1), "seq": "7"}, {**like(1), "seq": -1}, like(2)])
            return await next_json(ws)

    reply = run(scenario())
    assert (reply["accepted"], reply["rejected"]) == (1, 2)
    assert [e["reason"] for e in reply["errors"]] == ["wrong_type", "out_of_range"]


def test_while_busy_the_relay_reads_nothing_more_and_says_so(relay) -> None:
    sink = RecordingSink()
    connector = relay(sink)

    async def scenario() -> tuple[dict[str, Any], int]:
        async with aiohttp.ClientSession() as session, session.ws_connect(connector.ws_url) as ws:
            await ws.send_json(comment(1))
            await next_json(ws, skip=())  # stored
            sink.busy = True
            await ws.send_json(comment(2))  # the one message already read still counts
            notice = await next_json(ws)
            await ws.send_json(comment(3))
            await ws.send_json(comment(4))
            await asyncio.sleep(0.3)
            seen_while_busy = len(sink.events)
            sink.busy = False
            for _ in range(2):
                await next_json(ws, skip=("busy",))
            return notice, seen_while_busy

    notice, seen_while_busy = run(scenario())
    assert notice == {"type": "busy", "retry_after_ms": 250}
    assert seen_while_busy <= 2  # comments 3 and 4 wait in the connection
    wait_until(lambda: len(sink.events) == 4)
    assert [e.id for e in sink.events if isinstance(e, Comment)] == ["c1", "c2", "c3", "c4"]


def test_a_post_while_busy_gets_503_and_nothing_is_taken(relay) -> None:
    sink = RecordingSink()
    connector = relay(sink)

    async def post(body: Any) -> tuple[int, dict[str, Any], str | None]:
        async with (
            aiohttp.ClientSession() as session,
            session.post(connector.events_url, json=body) as response,
        ):
            return response.status, await response.json(), response.headers.get("Retry-After")

    sink.busy = True
    status, body, retry_after = run(post([comment(1)]))
    assert (status, body["error"], retry_after) == (503, "busy", "1")
    assert sink.events == []
    sink.busy = False
    status, body, _ = run(post([comment(1)]))
    assert (status, body["accepted"]) == (200, 1)


def test_a_post_is_answered_once_its_events_are_stored(stored_show, relay) -> None:
    show, writer, engine = stored_show
    connector = relay(show)

    async def post() -> int:
        async with aiohttp.ClientSession() as session:
            body = [comment(n) for n in range(500)]
            async with session.post(connector.events_url, json=body) as response:
                return response.status

    assert run(post()) == 200
    assert stored(engine, writer.show_id()) == {"comment": 500}


def test_a_replay_waits_while_the_console_is_behind(tmp_path: Path) -> None:
    path = tmp_path / "show.jsonl"
    path.write_text("".join(json.dumps(comment(n)) + "\n" for n in range(1000)))
    sink = RecordingSink()
    sink.busy = True
    replay = ReplayConnector(path, speed=0)
    replay.start(sink)
    try:
        time.sleep(0.3)
        assert sink.events == []  # nothing while busy, however fast it may play
        sink.busy = False
        wait_until(lambda: replay.finished)
    finally:
        replay.stop()
    assert len(sink.events) == 1000


def test_the_writer_is_busy_while_a_moment_of_writes_waits(db_url: str) -> None:
    writer = StorageWriter(create_db_engine(db_url), ShowInfo("demo"))
    for n in range(max(MIN_BUSY_ITEMS, int(writer.capacity * BUSY_SECONDS)) + 1):
        writer.add(Like(float(n), "u1", 1))
    assert writer.busy
    writer.start()  # it catches up
    wait_until(lambda: not writer.busy)
    assert writer.close()


def test_a_feed_that_falls_behind_makes_the_show_busy_and_no_feed_is_unbounded() -> None:
    show = LiveShow()
    for n in range(UNREAD_UI_ITEMS + 10):
        show.ingest(Like(float(n), "u1", 1))
    assert not show.busy  # no window drains it: old arrivals give way, nothing waits on it
    arrivals = show.drain(limit=10)
    assert arrivals[0].event.t == 10.0  # the oldest ten gave way
    for n in range(UI_BUSY_ITEMS):
        show.ingest(Like(float(n), "u1", 1))
    assert show.busy  # a window drains it now, and it is behind
    show.drain()
    assert not show.busy


def test_the_writer_is_busy_while_anything_waits_longer_than_a_crash_may_lose(
    db_url: str,
) -> None:
    writer = StorageWriter(create_db_engine(db_url), ShowInfo("demo"))
    writer.add(Like(1.0, "u1", 1))  # one event, not yet committed (the writer is not running)
    time.sleep(MAX_UNSAVED_AGE + 0.05)
    assert writer.unsaved_age() > MAX_UNSAVED_AGE
    assert writer.busy  # however few: a crash now would lose more than the allowed moment
    writer.start()
    wait_until(lambda: writer.unsaved == 0)
    assert not writer.busy and writer.unsaved_age() == 0.0
    assert writer.close()


def test_only_the_newest_comment_ids_are_remembered_and_an_old_repeat_is_stored_once(
    stored_show, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(console.show, "SEEN_IDS_KEPT", 3)
    show, writer, engine = stored_show
    for n in range(5):
        assert show.ingest(Comment(1.0, f"c{n}", "u1", "小鹿", f"第{n}条"))
    assert not show.ingest(Comment(1.0, "c4", "u1", "小鹿", "第4条"))  # recent: a repeat
    assert show.ingest(Comment(1.0, "c0", "u1", "小鹿", "第0条"))  # forgotten by the show…
    assert writer.flush()
    assert stored(engine, writer.show_id()) == {"comment": 5}  # …but the database has it once
