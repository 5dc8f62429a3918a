"""The relay cannot be locked out: idle and half-open connections are closed, open connections
are capped before anyone is let in, a process short of open files keeps serving the source
with the token without flooding its log, and a stored token is required on loopback too.

Real sockets against a real relay; the relay's timeouts are made short so nothing waits long.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import select
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from sqlalchemy import Engine

from console.platforms import ConnectorOptions, create_connector
from console.platforms.relay import RelayConnector, RelayLimits, rotate_token
from console.show import LiveShow
from console.storage.database import create_db_engine
from console.storage.queries import stored_counts
from console.storage.writer import ShowInfo, StorageWriter
from console.throttled_log import ThrottledLog
from helpers.sinks import RecordingSink

CHILD = Path(__file__).resolve().parents[2] / "helpers" / "relay_under_file_limit.py"
CLOSE_TYPES = (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSING, aiohttp.WSMsgType.CLOSED)
SHORT = 0.3  # seconds: the relay's connection timeouts in these tests


def comment(n: int) -> dict[str, Any]:
    return {
        "t": 1.0,
        "type": "comment",
        "id": f"c{n}",
        "user_id": f"u{n % 7}",
        "nickname": "小鹿",
        "text": f"第{n}条",
    }


def run(scenario: Any, timeout: float = 30) -> Any:
    async def bounded() -> Any:
        async with asyncio.timeout(timeout):
            return await scenario

    return asyncio.run(bounded())


def wait_until(condition: Callable[[], bool], timeout: float = 15) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting"
        time.sleep(0.01)


def until_closed(sock: socket.socket, timeout: float = 10) -> bytes:
    """Everything the relay sent on ``sock`` until it closed it (fails if it does not)."""
    sock.settimeout(timeout)
    received = b""
    try:
        while chunk := sock.recv(65536):
            received += chunk
    except ConnectionResetError:
        pass
    return received


def is_closed_by_peer(sock: socket.socket) -> bool:
    """True once the relay closed ``sock``; False while it is open (never blocks)."""
    if not select.select([sock], [], [], 0)[0]:
        return False
    try:
        return sock.recv(1, socket.MSG_PEEK) == b""
    except ConnectionResetError:
        return True


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def say_hello(ws: aiohttp.ClientWebSocketResponse) -> dict[str, Any]:
    await ws.send_json({"type": "hello", "source": "fetcher"})
    msg = await ws.receive(timeout=10)
    assert msg.type is aiohttp.WSMsgType.TEXT, msg
    return json.loads(msg.data)


@pytest.fixture
def relay() -> Iterator[Callable[..., RelayConnector]]:
    started: list[RelayConnector] = []

    def start(sink: Any, connector: RelayConnector | None = None, **options: Any) -> RelayConnector:
        options.setdefault("port", 0)
        connector = connector or RelayConnector(**options)
        connector.start(sink)
        started.append(connector)
        return connector

    yield start
    for connector in started:
        connector.stop()


@pytest.fixture
def storage(db_url: str) -> Iterator[Storage]:
    """A show that stores what it receives, as the console's does."""
    engine = create_db_engine(db_url)
    writer = StorageWriter(engine, ShowInfo("relay"))
    writer.start()
    yield Storage(LiveShow(writer), writer, engine)
    writer.close(timeout=10)


@dataclass
class Storage:
    show: LiveShow
    writer: StorageWriter
    engine: Engine

    def stored_comments(self) -> int:
        """Closes the storage (everything received is written) and counts the comments."""
        assert self.writer.close(timeout=10), self.writer.last_error
        return stored_counts(self.engine, self.writer.show_id())["comment"]


# -- timeouts ---------------------------------------------------------------------------------


def test_connections_that_send_no_request_in_time_are_closed(relay, caplog) -> None:
    caplog.set_level(logging.INFO)
    sink = RecordingSink()
    connector = relay(sink, limits=RelayLimits(request_timeout=SHORT, idle_timeout=SHORT))
    address = ("127.0.0.1", connector.port)
    with (
        socket.create_connection(address) as silent,
        socket.create_connection(address) as slow,
        socket.create_connection(address) as kept_alive,
    ):
        slow.sendall(b"POST /events HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # and never the rest
        body = json.dumps(comment(1)).encode()
        kept_alive.sendall(
            b"POST /events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            b"Content-Length: %d\r\n\r\n%s" % (len(body), body)
        )
        assert until_closed(silent) == b""
        assert until_closed(slow) == b""
        # answered, then closed when it sent nothing more
        assert until_closed(kept_alive).startswith(b"HTTP/1.1 200")
    assert len(sink.events) == 1
    assert "relay closed a connection that sent no admitted request within 0.3 s" in caplog.text
    assert "relay closed a connection that was idle" in caplog.text


def test_a_quiet_websocket_source_is_not_cut_off(relay) -> None:
    """A source may wait long for commands: the heartbeat, not the idle timeout, watches it."""
    sink = RecordingSink()
    connector = relay(sink, limits=RelayLimits(request_timeout=SHORT, idle_timeout=SHORT))

    async def scenario() -> None:
        async with aiohttp.ClientSession() as session, session.ws_connect(connector.ws_url) as ws:
            await say_hello(ws)
            await asyncio.sleep(4 * SHORT)
            await ws.send_json(comment(1))
            await asyncio.to_thread(wait_until, lambda: len(sink.events) == 1)
            assert not ws.closed

    run(scenario())


# -- the cap on open connections ----------------------------------------------------------------


def test_over_the_cap_new_connections_are_refused_and_a_connected_source_keeps_storing(
    relay, storage, memory_keyring, caplog
) -> None:
    token = rotate_token()
    cap, idle_count, events = 6, 40, 200
    # long timeouts: the idle connections stay until the test closes them
    connector = relay(storage.show, token=token, limits=RelayLimits(max_open_connections=cap))
    address = ("127.0.0.1", connector.port)
    idle: list[socket.socket] = []

    async def scenario() -> int:
        async with (
            aiohttp.ClientSession() as session,
            session.ws_connect(connector.ws_url, headers=bearer(token)) as ws,
        ):
            await say_hello(ws)
            idle.extend(socket.create_connection(address) for _ in range(idle_count))
            over = idle_count - (cap - 1)
            await asyncio.to_thread(wait_until, lambda: sum(map(is_closed_by_peer, idle)) >= over)
            assert sum(map(is_closed_by_peer, idle)) == over  # the rest are held open
            with pytest.raises(aiohttp.ClientError):  # the token does not get a new one in
                async with session.post(
                    connector.events_url, json=comment(0), headers=bearer(token)
                ):
                    pass
            for start in range(0, events, 50):  # the source that is in keeps delivering
                await ws.send_json([comment(n) for n in range(start + 1, start + 51)])
            show = storage.show
            await asyncio.to_thread(wait_until, lambda: show.counters().received_total == events)
            for sock in idle:
                sock.close()
            return await post_until_taken(session, connector.events_url, token)

    try:
        assert run(scenario()) == 200  # with the idle ones gone, new clients get in again
    finally:
        for sock in idle:
            sock.close()
    connector.stop()
    assert storage.stored_comments() == events + 1
    refusal_lines = caplog.text.count("relay refused connections")
    assert 1 <= refusal_lines <= 2  # not one per refused connection


async def post_until_taken(session: aiohttp.ClientSession, url: str, token: str) -> int:
    """POST one comment, trying again while connections are still refused; its status."""
    while True:
        try:
            async with session.post(url, json=comment(0), headers=bearer(token)) as response:
                return response.status
        except aiohttp.ClientError:
            await asyncio.sleep(0.05)


# -- a process short of open files --------------------------------------------------------------


@pytest.mark.skipif(sys.platform == "win32", reason="Windows has no RLIMIT_NOFILE")
def test_hundreds_of_idle_sockets_in_a_process_short_of_files_do_not_lock_out_the_source(
    tmp_path: Path, db_url: str
) -> None:
    token, events, idle_count = "the-token", 201, 300
    env = {**os.environ, "LIVEDESK_HOME": str(tmp_path)}
    child = subprocess.Popen(
        [sys.executable, str(CHILD), db_url, token, str(events)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert child.stdout is not None
        port = int(child.stdout.readline())
        # They arrive while the console is busy (stopped here): the system queues them, and
        # the relay finds a queue longer than the files it has left.
        child.send_signal(signal.SIGSTOP)
        idle = [open_without_waiting(("127.0.0.1", port)) for _ in range(idle_count)]
        child.send_signal(signal.SIGCONT)
        try:
            run(send_with_retries(f"ws://127.0.0.1:{port}/ws", token, events), timeout=60)
        finally:
            for sock in idle:
                sock.close()
        out, err = child.communicate(timeout=60)
    finally:
        if child.poll() is None:
            child.kill()
            child.communicate()
    assert child.returncode == 0, err
    result = json.loads(out.splitlines()[-1])
    assert result["stored"]["comment"] == events
    assert result["open_file_limit"] == 64  # raised from the soft 32 to the hard limit
    log = (tmp_path / "logs" / "livedesk.log").read_text(encoding="utf-8")
    assert "open files: limit raised from 32 to 64" in log
    # The accept failures and refusals are there, a line per 10 s each, not one per attempt.
    assert 1 <= log.count("relay cannot accept connections: Too many open files") <= 4
    assert log.count("relay refused connections") <= 4
    assert "Traceback" not in err and len(err) < 4000, err


def open_without_waiting(address: tuple[str, int]) -> socket.socket:
    """A connection that never sends anything; its handshake completes in the background."""
    sock = socket.socket()
    sock.setblocking(False)
    sock.connect_ex(address)
    return sock


async def send_with_retries(url: str, token: str, events: int) -> None:
    """Connects as a real source does (again, until let in), sends ``events`` and waits until
    the console closes the connection (it stops once it has received them all)."""
    async with aiohttp.ClientSession() as session:
        while True:
            try:
                ws = await session.ws_connect(
                    url, headers=bearer(token), timeout=aiohttp.ClientWSTimeout(ws_close=2)
                )
            except (aiohttp.ClientError, TimeoutError):
                await asyncio.sleep(0.1)
                continue
            break
        assert (await say_hello(ws))["type"] == "welcome"
        for start in range(0, events, 50):
            await ws.send_json([comment(n) for n in range(start + 1, min(start + 50, events) + 1)])
        while (await ws.receive()).type not in CLOSE_TYPES:
            pass
        await ws.close()


# -- the token on loopback ----------------------------------------------------------------------


def test_a_stored_token_is_required_on_loopback_too(relay, memory_keyring) -> None:
    token = rotate_token()
    connector = create_connector(ConnectorOptions(name="relay", relay_port=0))
    assert isinstance(connector, RelayConnector) and connector.host == "127.0.0.1"
    sink = RecordingSink()
    relay(sink, connector)

    async def scenario() -> None:
        async with aiohttp.ClientSession() as session:
            async with session.post(connector.events_url, json=comment(1)) as response:
                assert response.status == 401
            async with session.ws_connect(connector.ws_url) as stranger:
                msg = await stranger.receive(timeout=10)
                assert (msg.type, msg.data, msg.extra) == (
                    aiohttp.WSMsgType.CLOSE,
                    1008,
                    "unauthorized: missing or wrong token",
                )
            post = session.post(connector.events_url, json=comment(2), headers=bearer(token))
            async with post as response:
                assert response.status == 200
            async with session.ws_connect(connector.ws_url, headers=bearer(token)) as ws:
                assert (await say_hello(ws))["type"] == "welcome"
                await ws.send_json(comment(3))
                await asyncio.to_thread(wait_until, lambda: len(sink.events) == 2)

    run(scenario())
    assert connector.token_required


def test_without_a_stored_token_loopback_clients_need_none(relay, memory_keyring) -> None:
    connector = create_connector(ConnectorOptions(name="relay", relay_port=0))
    assert isinstance(connector, RelayConnector)
    sink = RecordingSink()
    relay(sink, connector)

    async def scenario() -> int:
        async with (
            aiohttp.ClientSession() as session,
            session.post(connector.events_url, json=comment(1)) as response,
        ):
            return response.status

    assert run(scenario()) == 200
    assert not connector.token_required and len(sink.events) == 1


# -- the log ------------------------------------------------------------------------------------


def test_a_recurring_failure_is_logged_once_per_interval_with_a_count(caplog) -> None:
    caplog.set_level(logging.WARNING)
    logger = logging.getLogger("livedesk.test")

    async def scenario() -> None:
        throttled = ThrottledLog(asyncio.get_running_loop(), logger, interval=0.2)
        for _ in range(1000):
            throttled.note("cannot accept connections: Too many open files")
        await asyncio.sleep(0.5)  # the window ends, the next one stays empty

    run(scenario())
    assert [record.getMessage() for record in caplog.records] == [
        "cannot accept connections: Too many open files",
        "cannot accept connections: Too many open files (and 999 more like it in the last 0.2 s)",
    ]
