"""The relay connector over real sockets on loopback: events in, commands out, and the guards.

Each test drives the relay with aiohttp clients inside ``asyncio.run`` on the test thread,
while the relay serves on its own thread, as it does in the console.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import socket
import time
from collections.abc import Callable, Iterator
from typing import Any

import aiohttp
import pytest

from console.actions import Capability, DeleteComment, MuteUser, PushGoods
from console.errors import OperatorError, Unsupported
from console.events import Comment, Like, Viewers
from console.platforms.relay import RelayConnector, RelayLimits, load_token, rotate_token
from console.show import LiveShow
from console.storage.database import create_db_engine
from console.storage.queries import stored_counts
from console.storage.writer import ShowInfo, StorageWriter
from helpers.relay_client import next_json, run
from helpers.sinks import RecordingSink

MIB = 1024 * 1024
CLOSE_TYPES = (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSING, aiohttp.WSMsgType.CLOSED)


def comment(n: int, t: float = 1.0) -> dict[str, Any]:
    return {
        "t": t,
        "type": "comment",
        "id": f"c{n}",
        "user_id": f"u{n % 5}",
        "nickname": "小鹿",
        "text": f"第{n}条",
    }


def wait_until(condition: Callable[[], bool], timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting"
        time.sleep(0.01)


async def close_of(ws: aiohttp.ClientWebSocketResponse) -> tuple[int, str]:
    """Read until the server closes; returns its close code and reason."""
    while True:
        msg = await ws.receive(timeout=10)
        if msg.type is aiohttp.WSMsgType.CLOSE:
            return msg.data, msg.extra
        assert msg.type not in CLOSE_TYPES, msg


async def hello(ws: aiohttp.ClientWebSocketResponse, name: str, *capabilities: str) -> dict:
    await ws.send_json({"type": "hello", "source": name, "capabilities": list(capabilities)})
    return await next_json(ws)


@pytest.fixture
def relay() -> Iterator[Callable[..., RelayConnector]]:
    """Starts relays on free loopback ports (unless told otherwise); stops them afterwards."""
    started: list[RelayConnector] = []

    def start(sink: Any, **options: Any) -> RelayConnector:
        options.setdefault("port", 0)
        connector = RelayConnector(**options)
        connector.start(sink)
        started.append(connector)
        return connector

    yield start
    for connector in started:
        connector.stop()


# -- events in -------------------------------------------------------------------------------


def test_events_and_batches_over_websocket_reach_the_show(relay) -> None:
    sink = RecordingSink()
    connector = relay(sink)

    async def scenario() -> None:
        async with aiohttp.ClientSession() as session, session.ws_connect(connector.ws_url) as ws:
            await ws.send_json({"t": 0.5, "type": "viewers", "online": 10, "total": 12})
            await ws.send_json(
                [comment(1), comment(2), {"t": 2, "type": "like", "user_id": "u1", "count": 3}]
            )
            # a binary message carries UTF-8 JSON just as well
            await ws.send_bytes(json.dumps(comment(3)).encode())
            await asyncio.to_thread(wait_until, lambda: len(sink.events) == 5)

    run(scenario())
    assert sink.events == [
        Viewers(0.5, 10, 12),
        Comment(1.0, "c1", "u1", "小鹿", "第1条"),
        Comment(1.0, "c2", "u2", "小鹿", "第2条"),
        Like(2.0, "u1", 3),
        Comment(1.0, "c3", "u3", "小鹿", "第3条"),
    ]
    assert not sink.rejected


def test_invalid_events_are_counted_and_the_source_is_told_which(relay) -> None:
    sink = RecordingSink()
    connector = relay(sink)

    async def scenario() -> tuple[dict, dict]:
        async with aiohttp.ClientSession() as session, session.ws_connect(connector.ws_url) as ws:
            await ws.send_json(
                [comment(1), {"t": 1, "type": "like", "user_id": "u1"}, {"t": 1, "type": "gift"}]
            )
            batch_reply = await next_json(ws)
            await ws.send_str("{not json")
            return batch_reply, await next_json(ws)

    batch_reply, garbage_reply = run(scenario())
    assert batch_reply["error"] == "rejected_events"
    assert (batch_reply["accepted"], batch_reply["rejected"]) == (1, 2)
    assert [(e["index"], e["reason"]) for e in batch_reply["errors"]] == [
        (1, "missing_field"),
        (2, "unknown_type"),
    ]
    assert garbage_reply["error"] == "invalid_json"
    assert len(sink.events) == 1
    assert sink.rejected == {"missing_field": 1, "unknown_type": 1, "invalid_json": 1}


def test_http_post_takes_objects_and_batches(relay) -> None:
    sink = RecordingSink()
    connector = relay(sink)

    async def scenario() -> list[tuple[int, dict]]:
        replies = []
        async with aiohttp.ClientSession() as session:
            url = f"{connector.events_url}?source=backend"
            for body in (
                comment(1),
                [
                    comment(2),
                    {"t": 3, "type": "room", "status": "paused"},
                    {"t": -1, "type": "room", "status": "live"},
                ],
            ):
                async with session.post(url, json=body) as response:
                    replies.append((response.status, await response.json()))
            async with session.post(
                url, data=b"[1, 2", headers={"Content-Type": "application/json"}
            ) as response:
                replies.append((response.status, await response.json()))
        return replies

    single, batch, broken = run(scenario())
    assert single == (
        200,
        {"accepted": 1, "duplicates": 0, "rejected": 0, "dropped": 0, "errors": []},
    )
    assert batch[0] == 200
    assert (batch[1]["accepted"], batch[1]["rejected"]) == (2, 1)
    assert batch[1]["errors"] == [
        {"index": 2, "reason": "out_of_range", "detail": batch[1]["errors"][0]["detail"]}
    ]
    assert broken[0] == 400 and broken[1]["error"] == "invalid_json"
    assert [e.type for e in sink.events] == ["comment", "comment", "room"]
    assert sink.rejected == {"out_of_range": 1, "invalid_json": 1}
    [sender] = connector.sources()
    assert (sender.kind, sender.name, sender.peer) == ("http", "backend", "127.0.0.1")
    assert (sender.accepted, sender.rejected) == (3, 2)
    assert connector.http_sender_count == 1


def test_http_post_needs_a_json_content_type(relay) -> None:
    connector = relay(RecordingSink())

    async def scenario() -> int:
        body = json.dumps(comment(1))
        async with (
            aiohttp.ClientSession() as session,
            session.post(connector.events_url, data=body) as response,
        ):
            return response.status

    assert run(scenario()) == 415


# -- sources, hello and capabilities ------------------------------------------------------------


def test_capabilities_follow_the_connected_sources(relay) -> None:
    changes: list[None] = []
    connector = relay(RecordingSink())
    connector.add_sources_listener(lambda: changes.append(None))
    assert connector.capabilities == {Capability.LIVE_EVENTS}

    async def scenario() -> dict:
        async with aiohttp.ClientSession() as session:
            async with session.ws_connect(connector.ws_url) as fetcher:
                welcome = await hello(
                    fetcher, "douyin-fetcher", "delete_comment", "mute_user", "teleport"
                )
                async with session.ws_connect(connector.ws_url) as backend:
                    await hello(backend, "mini-program", "push_goods")
                    assert connector.capabilities == {
                        Capability.LIVE_EVENTS,
                        Capability.DELETE_COMMENT,
                        Capability.MUTE_USER,
                        Capability.PUSH_GOODS,
                    }
                    rows = {s.name: s for s in connector.sources()}
                    assert set(rows) == {"douyin-fetcher", "mini-program"}
                    assert rows["mini-program"].capabilities == {Capability.PUSH_GOODS}
                    assert rows["douyin-fetcher"].kind == "websocket"
                    assert rows["douyin-fetcher"].peer.startswith("127.0.0.1:")
                await asyncio.to_thread(
                    wait_until, lambda: Capability.PUSH_GOODS not in connector.capabilities
                )
                assert connector.supports(Capability.DELETE_COMMENT)
            return welcome

    welcome = run(scenario())
    assert welcome["type"] == "welcome"
    assert welcome["capabilities"] == ["delete_comment", "mute_user"]
    assert welcome["ignored"] == ["teleport"]
    wait_until(lambda: connector.capabilities == {Capability.LIVE_EVENTS})
    assert connector.sources() == []
    wait_until(lambda: len(changes) == 6)  # the panel heard of 2 arrivals, 2 hellos, 2 departures


def test_sources_report_their_traffic(relay) -> None:
    connector = relay(RecordingSink())

    async def scenario() -> None:
        async with aiohttp.ClientSession() as session, session.ws_connect(connector.ws_url) as ws:
            await hello(ws, "fetcher")
            await ws.send_json([comment(n) for n in range(40)])
            await ws.send_json({"t": 1, "type": "like", "user_id": "u1", "count": 0})
            await next_json(ws)
            [row] = connector.sources()
            assert (row.name, row.accepted, row.rejected, row.dropped) == ("fetcher", 40, 1, 0)
            assert row.events_per_second > 0
            assert row.connected_at <= row.last_seen <= time.time()

    run(scenario())


def test_a_hello_must_come_first_and_be_well_formed(relay) -> None:
    connector = relay(RecordingSink())

    async def scenario() -> tuple[dict, tuple[int, str]]:
        async with aiohttp.ClientSession() as session:
            async with session.ws_connect(connector.ws_url) as late:
                await late.send_json(comment(1))
                await late.send_json(
                    {"type": "hello", "source": "late", "capabilities": ["ban_all"]}
                )
                late_reply = await next_json(late)
            assert connector.capabilities == {Capability.LIVE_EVENTS}
            async with session.ws_connect(connector.ws_url) as broken:
                await broken.send_json({"type": "hello", "source": "x", "capabilities": "ban_all"})
                return late_reply, await close_of(broken)

    late_reply, broken_close = run(scenario())
    assert late_reply["error"] == "protocol"
    assert broken_close == (1008, "invalid hello: 'capabilities' must be a list of strings")


# -- commands out ----------------------------------------------------------------------------


def answer_commands(ws: aiohttp.ClientWebSocketResponse, reply: Callable[[dict], dict | None]):
    """A task that answers each command with ``reply(command)`` (None: no answer) and
    returns the commands it saw once the connection ends."""

    async def loop() -> list[dict]:
        seen = []
        async for msg in ws:
            message = json.loads(msg.data)
            if message.get("type") == "command":
                seen.append(message)
                answer = reply(message)
                if answer is not None:
                    await ws.send_json({"type": "ack", "id": message["id"], **answer})
        return seen

    return asyncio.create_task(loop())


def test_a_command_goes_to_the_source_and_waits_for_its_ack(relay) -> None:
    connector = relay(RecordingSink())

    async def scenario() -> list[dict]:
        async with aiohttp.ClientSession() as session, session.ws_connect(connector.ws_url) as ws:
            await hello(ws, "fetcher", "delete_comment", "mute_user")
            answers = answer_commands(ws, lambda command: {"ok": True})
            await asyncio.to_thread(connector.perform, DeleteComment("c42"))
            await asyncio.to_thread(connector.perform, MuteUser("u7", seconds=600))
            await ws.close()
            return await answers

    first, second = run(scenario())
    assert {k: v for k, v in first.items() if k != "id"} == {
        "type": "command",
        "action": "delete_comment",
        "comment_id": "c42",
    }
    assert (second["action"], second["user_id"], second["seconds"]) == ("mute_user", "u7", 600)
    assert first["id"] != second["id"]


def test_a_refused_command_is_an_operator_error_with_the_sources_reason(relay) -> None:
    connector = relay(RecordingSink())

    async def scenario() -> OperatorError:
        async with aiohttp.ClientSession() as session, session.ws_connect(connector.ws_url) as ws:
            await hello(ws, "fetcher", "delete_comment")
            answer_commands(ws, lambda command: {"ok": False, "error": "comment already gone"})
            with pytest.raises(OperatorError) as caught:
                await asyncio.to_thread(connector.perform, DeleteComment("c1"))
            return caught.value

    error = run(scenario())
    assert error.render() == "The relay source fetcher refused delete_comment: comment already gone"
    assert error.context == "errors" and "{error}" in error.template


def test_an_unanswered_command_times_out(relay) -> None:
    connector = relay(RecordingSink(), command_timeout=0.3)

    async def scenario() -> OperatorError:
        async with aiohttp.ClientSession() as session, session.ws_connect(connector.ws_url) as ws:
            await hello(ws, "fetcher", "push_goods")
            answer_commands(ws, lambda command: None)
            with pytest.raises(OperatorError) as caught:
                await asyncio.to_thread(connector.perform, PushGoods("g1"))
            return caught.value

    error = run(scenario())
    assert error.render() == "The relay source fetcher did not confirm push_goods within 0.3 s."


def test_a_source_leaving_before_its_ack_fails_the_command(relay) -> None:
    connector = relay(RecordingSink())

    async def scenario() -> OperatorError:
        async with aiohttp.ClientSession() as session:
            ws = await session.ws_connect(connector.ws_url)
            await hello(ws, "fetcher", "delete_comment")
            perform = asyncio.create_task(asyncio.to_thread(connector.perform, DeleteComment("c1")))
            assert (await next_json(ws))["action"] == "delete_comment"
            await ws.close()
            with pytest.raises(OperatorError) as caught:
                await perform
            return caught.value

    assert "disconnected before confirming" in run(scenario()).render()


def test_without_the_capability_the_action_stays_local(relay) -> None:
    connector = relay(RecordingSink())

    async def scenario() -> None:
        async with aiohttp.ClientSession() as session, session.ws_connect(connector.ws_url) as ws:
            await hello(ws, "events-only")
            with pytest.raises(Unsupported):
                await asyncio.to_thread(connector.perform, DeleteComment("c1"))

    run(scenario())


# -- who may connect --------------------------------------------------------------------------


def test_an_address_other_computers_can_reach_needs_a_token() -> None:
    connector = RelayConnector(host="0.0.0.0", port=0)
    with pytest.raises(OperatorError, match="token"):
        connector.start(RecordingSink())
    assert connector.sources() == []


def test_a_port_in_use_is_a_clear_error(relay) -> None:
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        with pytest.raises(OperatorError) as caught:
            relay(RecordingSink(), port=port)
    assert f"port {port}" in caught.value.render()


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def post_status(session: aiohttp.ClientSession, url: str, **kwargs: Any) -> int:
    async with session.post(url, json=comment(1), **kwargs) as response:
        return response.status


def test_on_the_lan_every_client_needs_the_token(
    relay, memory_keyring, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    token = rotate_token()
    assert load_token() == token
    assert memory_keyring.store == {("LiveDesk", "relay-token"): token}
    sink = RecordingSink()
    connector = relay(sink, host="0.0.0.0", token=token)
    assert connector.token_required and token not in connector.describe()
    url = f"http://127.0.0.1:{connector.port}/events"
    ws_url = f"ws://127.0.0.1:{connector.port}/ws"

    async def scenario() -> None:
        async with aiohttp.ClientSession() as session:
            assert await post_status(session, url) == 401
            assert await post_status(session, url, headers=bearer("wrong")) == 401
            assert await post_status(session, url, headers=bearer(token)) == 200
            assert await post_status(session, f"{url}?token={token}") == 200
            async with session.ws_connect(ws_url) as stranger:
                assert await close_of(stranger) == (1008, "unauthorized: missing or wrong token")
            async with session.ws_connect(ws_url, headers=bearer(token)) as ws:
                await hello(ws, "lan-fetcher")
                await ws.send_json(comment(2))
                await asyncio.to_thread(wait_until, lambda: len(sink.events) == 3)

    run(scenario())
    connector.stop()
    assert "relay refused a POST" in caplog.text and token not in caplog.text


def test_rotating_the_token_locks_out_the_old_one_for_new_connections(
    relay, memory_keyring
) -> None:
    old = rotate_token()
    sink = RecordingSink()
    connector = relay(sink, host="0.0.0.0", token=old)
    url = f"http://127.0.0.1:{connector.port}/events"
    ws_url = f"ws://127.0.0.1:{connector.port}/ws"

    async def scenario() -> None:
        async with (
            aiohttp.ClientSession() as session,
            session.ws_connect(f"{ws_url}?token={old}") as connected,
        ):
            await hello(connected, "fetcher")
            new = await asyncio.to_thread(connector.rotate_token)
            assert new != old and load_token() == new
            assert await post_status(session, url, headers=bearer(old)) == 401
            assert await post_status(session, url, headers=bearer(new)) == 200
            await connected.send_json(comment(2))  # a source already in stays in
            await asyncio.to_thread(wait_until, lambda: len(sink.events) == 2)

    run(scenario())


def test_web_pages_cannot_reach_a_relay_without_token(relay) -> None:
    """Any page in the operator's browser can open ws://127.0.0.1: the relay turns it away."""
    sink = RecordingSink()
    connector = relay(sink)

    async def scenario() -> None:
        async with aiohttp.ClientSession() as session:
            evil = {"Origin": "https://evil.example"}
            assert await post_status(session, connector.events_url, headers=evil) == 403
            rebound = {"Host": f"evil.example:{connector.port}"}
            assert await post_status(session, connector.events_url, headers=rebound) == 403
            async with session.ws_connect(connector.ws_url, headers=evil) as ws:
                assert await close_of(ws) == (1008, "forbidden: cross-site request")
            local_page = {"Origin": f"http://localhost:{connector.port}"}
            assert await post_status(session, connector.events_url, headers=local_page) == 200

    run(scenario())
    assert len(sink.events) == 1


# -- limits: one bad client never disturbs another ----------------------------------------------


def test_oversize_and_malformed_clients_are_closed_while_a_good_one_keeps_sending(relay) -> None:
    sink = RecordingSink()
    connector = relay(sink, limits=RelayLimits(max_bad_messages=3))
    good_count = 300

    async def good_client(session: aiohttp.ClientSession) -> bool:
        async with session.ws_connect(connector.ws_url) as ws:
            await hello(ws, "good")
            for n in range(good_count):
                await ws.send_json(comment(n))
                await asyncio.sleep(0.002)
            return not ws.closed

    async def oversize_client(session: aiohttp.ClientSession) -> tuple[int, str]:
        async with session.ws_connect(connector.ws_url) as ws:
            await asyncio.sleep(0.1)
            await ws.send_str(" " * (MIB + 1))
            return await close_of(ws)

    async def garbage_client(session: aiohttp.ClientSession) -> tuple[list[str], tuple[int, str]]:
        async with session.ws_connect(connector.ws_url) as ws:
            errors = []
            for junk in ("{oops", "42", "[]]"):
                await ws.send_str(junk)
                errors.append((await next_json(ws))["error"])
            return errors, await close_of(ws)

    async def scenario() -> tuple:
        async with aiohttp.ClientSession() as session:
            return await asyncio.gather(
                good_client(session), oversize_client(session), garbage_client(session)
            )

    good_open, oversize_close, (garbage_errors, garbage_close) = run(scenario())
    assert oversize_close == (1009, "message too big")
    assert garbage_errors == ["invalid_json", "not_an_object", "invalid_json"]
    assert garbage_close == (1008, "too many malformed messages")
    assert good_open
    wait_until(lambda: len(sink.events) == good_count)
    assert sink.rejected == {"out_of_range": 1, "invalid_json": 2, "not_an_object": 1}


def padded(size: int) -> str:
    """A valid one-comment message of exactly ``size`` bytes (JSON allows trailing spaces)."""
    text = json.dumps(comment(1))
    return text + " " * (size - len(text.encode()))


def test_the_size_limit_is_one_mebibyte_on_both_endpoints(relay) -> None:
    sink = RecordingSink()
    connector = relay(sink)

    async def scenario() -> tuple[int, int, tuple[int, str]]:
        async with aiohttp.ClientSession() as session:
            headers = {"Content-Type": "application/json"}
            async with session.post(
                connector.events_url, data=padded(MIB), headers=headers
            ) as response:
                at_limit = response.status
            async with session.post(
                connector.events_url, data=padded(MIB + 1), headers=headers
            ) as response:
                over_limit = response.status
            async with session.ws_connect(connector.ws_url) as ws:
                await ws.send_str(padded(MIB))
                await ws.send_str(padded(MIB + 1))
                return at_limit, over_limit, await close_of(ws)

    at_limit, over_limit, ws_close = run(scenario())
    assert (at_limit, over_limit) == (200, 413)
    assert ws_close == (1009, "message too big")
    assert len(sink.events) == 2  # one at the limit over each endpoint


def test_a_flooding_client_loses_its_excess_and_is_then_closed(relay) -> None:
    sink = RecordingSink()
    limits = RelayLimits(events_per_second=100, burst=100, close_after_seconds=0.5)
    connector = relay(sink, limits=limits)

    async def scenario() -> tuple[dict, tuple[int, str], int, int]:
        async with aiohttp.ClientSession() as session:
            async with session.ws_connect(connector.ws_url) as ws:
                await ws.send_json([comment(n) for n in range(300)])
                notice = await next_json(ws)
                sent = 300
                closing = asyncio.create_task(close_of(ws))
                while not closing.done():
                    with contextlib.suppress(ConnectionError):  # the close may come first
                        await ws.send_json([comment(sent + n) for n in range(50)])
                    sent += 50
                    await asyncio.sleep(0.01)
                flood_close = await closing
            async with session.post(
                connector.events_url, json=[comment(10_000 + n) for n in range(300)]
            ) as response:
                http_status = response.status
            return notice, flood_close, sent, http_status

    notice, flood_close, sent, http_status = run(scenario())
    assert notice["error"] == "rate_limited"
    assert (notice["accepted"], notice["dropped"]) == (100, 200)
    assert flood_close == (1008, "rate limit")
    assert http_status == 429
    assert len(sink.events) < sent


def test_one_source_too_many_is_turned_away(relay) -> None:
    connector = relay(RecordingSink(), limits=RelayLimits(max_connections=2))

    async def scenario() -> tuple[int, str]:
        async with (
            aiohttp.ClientSession() as session,
            session.ws_connect(connector.ws_url),
            session.ws_connect(connector.ws_url),
            session.ws_connect(connector.ws_url) as third,
        ):
            return await close_of(third)

    assert run(scenario()) == (1013, "too many connections")


# -- the show ---------------------------------------------------------------------------------


def test_a_reconnecting_sender_does_not_duplicate_comments(relay, db_url: str) -> None:
    engine = create_db_engine(db_url)
    writer = StorageWriter(engine, ShowInfo("relay"))
    show = LiveShow(writer)
    writer.start()
    connector = relay(show)

    async def send(first: int, last: int) -> None:
        async with aiohttp.ClientSession() as session, session.ws_connect(connector.ws_url) as ws:
            await hello(ws, "fetcher")
            await ws.send_json([comment(n, t=n) for n in range(first, last + 1)])

    run(send(1, 50))
    wait_until(lambda: show.counters().received_total == 50)
    run(send(26, 75))  # reconnects and sends again from where it believes it was
    wait_until(lambda: show.counters().received_total + show.counters().duplicates == 100)
    connector.stop()
    assert writer.close()
    assert stored_counts(engine, writer.show_id())["comment"] == 75
    assert show.counters().duplicates == 25


def test_events_the_database_cannot_hold_are_refused_and_the_show_keeps_storing(
    relay, db_url: str
) -> None:
    """A lone UTF-16 surrogate or a count past 32 bits would make every later write fail."""
    engine = create_db_engine(db_url)
    writer = StorageWriter(engine, ShowInfo("relay"))
    show = LiveShow(writer)
    writer.start()
    connector = relay(show)
    lone_surrogate = (
        '{"t":1,"type":"comment","id":"c1","user_id":"u","nickname":"n","text":"\\ud800"}'
    )
    huge_like = {"t": 1, "type": "like", "user_id": "u", "count": 2**63}
    emoji = {**comment(2), "text": "🎉"}  # sent as an escaped surrogate pair: that is fine

    async def scenario() -> list[str]:
        async with aiohttp.ClientSession() as session, session.ws_connect(connector.ws_url) as ws:
            await ws.send_str(lone_surrogate)
            first = await next_json(ws)
            await ws.send_json(huge_like)
            second = await next_json(ws)
            await ws.send_str(json.dumps(emoji, ensure_ascii=True))
            await ws.send_json(comment(3))
            await asyncio.to_thread(wait_until, lambda: show.counters().received_total == 2)
            return [first["errors"][0]["detail"], second["errors"][0]["detail"]]

    details = run(scenario())
    assert details == ["'text' is not valid Unicode", "'count' must be between 1 and 2147483647"]
    connector.stop()
    assert writer.close(timeout=10), writer.last_error
    assert stored_counts(engine, writer.show_id()) == {
        "comment": 2,
        "like": 0,
        "viewers": 0,
        "room": 0,
    }


def test_stopping_says_goodbye_to_every_source(relay) -> None:
    connector = relay(RecordingSink())

    async def scenario() -> list[tuple[int, str]]:
        async with aiohttp.ClientSession() as session:
            first = await session.ws_connect(connector.ws_url)
            second = await session.ws_connect(connector.ws_url)
            await hello(first, "a")
            await hello(second, "b")
            await asyncio.to_thread(connector.stop)
            return [await close_of(first), await close_of(second)]

    assert run(scenario()) == [(1001, "console stopping")] * 2
    assert connector.sources() == []
    assert connector.capabilities == {Capability.LIVE_EVENTS}
