"""Random bytes and random JSON thrown at both relay endpoints for a bounded time.

Afterwards nothing has crashed or logged an error, the show stored everything it accepted, a
client that was connected all along got every event through, and a newly connected client is
still served. The run is seeded: a failure names its seed, and the same seed throws the same
things again.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import random
import time
from typing import Any

import aiohttp
import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from console.platforms.relay import RelayConnector, RelayLimits
from console.show import LiveShow
from console.storage.database import create_db_engine
from console.storage.models import CommentRecord
from console.storage.queries import stored_counts
from console.storage.writer import ShowInfo, StorageWriter

SEED = 20240611
FUZZ_SECONDS = 4.0
KEYS = [
    "t",
    "type",
    "id",
    "user_id",
    "nickname",
    "text",
    "count",
    "online",
    "total",
    "status",
    "source",
    "capabilities",
    "ok",
    "error",
]
TYPES = ["comment", "like", "viewers", "room", "hello", "ack", "command", "", "COMMENT"]
HTTP_STATUSES = {200, 400, 413, 415, 429}


def random_text(rng: random.Random) -> str:
    alphabet = 'ab c\n\t\x00\x1f\u2028\u202e\ud800好🎉"\\{}[],:'
    return "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 40)))


def random_value(rng: random.Random, depth: int = 0) -> Any:
    kinds = ["int", "float", "text", "bool", "null", "type"]
    if depth < 4:
        kinds += ["list", "dict", "dict"]
    kind = rng.choice(kinds)
    if kind == "int":
        return rng.choice([0, -1, 1, 2**63, -(2**70), rng.randrange(-1000, 10**6)])
    if kind == "float":
        return rng.choice([0.5, -0.0, 1e308, float("inf"), float("nan"), rng.uniform(-1e6, 2e5)])
    if kind == "text":
        return random_text(rng)
    if kind == "bool":
        return rng.random() < 0.5
    if kind == "null":
        return None
    if kind == "type":
        return rng.choice(TYPES)
    if kind == "list":
        return [random_value(rng, depth + 1) for _ in range(rng.randrange(0, 6))]
    return {rng.choice(KEYS): random_value(rng, depth + 1) for _ in range(rng.randrange(0, 8))}


def random_event(rng: random.Random) -> dict[str, Any]:
    """A valid event with, most of the time, one field spoiled."""
    event = rng.choice(
        [
            {
                "t": 1,
                "type": "comment",
                "id": f"f{rng.random()}",
                "user_id": "u",
                "nickname": "n",
                "text": "x",
            },
            {"t": 2, "type": "like", "user_id": "u", "count": 3},
            {"t": 3, "type": "viewers", "online": 5, "total": 9},
            {"t": 4, "type": "room", "status": "live"},
        ]
    )
    if rng.random() < 0.8:
        event[rng.choice(KEYS)] = random_value(rng, 3)
    return event


def random_message(rng: random.Random) -> str | bytes:
    roll = rng.random()
    if roll < 0.25:
        return rng.randbytes(rng.randrange(0, 600))
    if roll < 0.3:
        return "[" * rng.randrange(1000, 200_000)  # nesting deeper than any parser's stack
    if roll < 0.45:
        text = json.dumps(random_event(rng), ensure_ascii=False)
        return text[: rng.randrange(0, len(text))]  # cut short
    if roll < 0.7:
        return json.dumps([random_event(rng) for _ in range(rng.randrange(0, 30))])
    return json.dumps(random_value(rng))


async def fuzz_websocket(session: aiohttp.ClientSession, url: str, rng: random.Random) -> None:
    async with session.ws_connect(url) as ws:
        if rng.random() < 0.3:
            await ws.send_json(
                {"type": "hello", "source": random_value(rng), "capabilities": random_value(rng)}
            )
        for _ in range(rng.randrange(1, 8)):
            message = random_message(rng)
            with contextlib.suppress(ConnectionError):  # the relay may have closed on us
                if isinstance(message, str) and message.isascii():
                    await ws.send_str(message)
                else:  # a binary frame can carry anything, lone surrogates included
                    await ws.send_bytes(_as_bytes(message))
        await asyncio.sleep(0)


async def fuzz_post(session: aiohttp.ClientSession, url: str, rng: random.Random) -> int:
    content_type = rng.choice(["application/json", "application/json; charset=utf-8", "text/plain"])
    async with session.post(
        url, data=_as_bytes(random_message(rng)), headers={"Content-Type": content_type}
    ) as response:
        await response.read()
        return response.status


async def fuzz_raw_tcp(port: int, rng: random.Random) -> None:
    """Bytes that are not even HTTP, or HTTP that breaks off."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    prefix = rng.choice(
        [b"", b"GET /ws HTTP/1.1\r\n", b"POST /events HTTP/1.1\r\nContent-Length: 99999999\r\n\r\n"]
    )
    writer.write(prefix + rng.randbytes(rng.randrange(0, 2000)))
    with contextlib.suppress(ConnectionError):
        await writer.drain()
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(0.2):
                await reader.read()
    writer.close()
    with contextlib.suppress(ConnectionError):
        await writer.wait_closed()


def _as_bytes(message: str | bytes) -> bytes:
    return message if isinstance(message, bytes) else message.encode("utf-8", "surrogatepass")


def test_random_input_never_hurts_the_relay_the_show_or_other_clients(
    caplog: pytest.LogCaptureFixture, db_url: str
) -> None:
    rng = random.Random(SEED)
    engine = create_db_engine(db_url)
    writer = StorageWriter(engine, ShowInfo("relay"))
    show = LiveShow(writer)
    writer.start()
    connector = RelayConnector(port=0, limits=RelayLimits(max_bad_messages=3))
    connector.start(show)
    caplog.set_level(logging.WARNING)
    good_ids: list[str] = []

    async def good_client(session: aiohttp.ClientSession, stop: asyncio.Event) -> bool:
        async with session.ws_connect(connector.ws_url) as ws:
            while not stop.is_set():
                good_ids.append(f"good{len(good_ids)}")
                await ws.send_json(
                    {
                        "t": 1,
                        "type": "comment",
                        "id": good_ids[-1],
                        "user_id": "g",
                        "nickname": "g",
                        "text": "still here",
                    }
                )
                await asyncio.sleep(0.01)
            return not ws.closed

    async def scenario() -> tuple[bool, dict[int, int], int]:
        statuses: dict[int, int] = {}
        attacks = 0
        async with aiohttp.ClientSession() as session:
            stop = asyncio.Event()
            good = asyncio.create_task(good_client(session, stop))
            deadline = time.monotonic() + FUZZ_SECONDS
            while time.monotonic() < deadline:
                attack = rng.choice(["ws", "ws", "post", "post", "tcp"])
                if attack == "ws":
                    await fuzz_websocket(session, connector.ws_url, rng)
                elif attack == "post":
                    status = await fuzz_post(session, connector.events_url, rng)
                    statuses[status] = statuses.get(status, 0) + 1
                else:
                    await fuzz_raw_tcp(connector.port, rng)
                attacks += 1
            stop.set()
            still_open = await good
            async with session.ws_connect(connector.ws_url) as late:
                await late.send_json(
                    {
                        "t": 9,
                        "type": "comment",
                        "id": "late",
                        "user_id": "l",
                        "nickname": "l",
                        "text": "hi",
                    }
                )
                await late.close()
        return still_open, statuses, attacks

    async def bounded() -> tuple[bool, dict[int, int], int]:
        async with asyncio.timeout(FUZZ_SECONDS + 30):
            return await scenario()

    try:
        still_open, statuses, attacks = asyncio.run(bounded())
    finally:
        connector.stop()
    saved = writer.close()

    context = f"seed {SEED}, {attacks} attacks, HTTP statuses {statuses}"
    assert still_open, context
    assert attacks > 50, context
    assert set(statuses) <= HTTP_STATUSES, context
    assert saved, f"{context}: storage failed: {writer.last_error}"
    counters = show.counters()
    assert stored_counts(engine, writer.show_id()) == {
        kind: counters.received.get(kind, 0) for kind in ("comment", "like", "viewers", "room")
    }, context
    with Session(engine) as session:
        stored_ids = set(session.scalars(select(CommentRecord.comment_id)))
    assert {*good_ids, "late"} <= stored_ids, context  # every event of the good clients
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert errors == [], context
